"""The races' scheduled side: the team chat's milestone and result messages.

:meth:`bot.jobs.Jobs.races` runs :func:`announce_races` every ``RACE_CHECK_SECONDS`` (and
once at start-up), on the instance that holds the scheduler lease; logging an entry never
waits for it.

At most once: each announcement is *claimed* in ``race_milestones`` (its own committed
transaction) before it is sent, and a second claim — the next check, a restart, another
instance — finds the row and sends nothing. A message whose claim was committed but whose
process died before Telegram took it is not sent again (a repeated "target reached!" in
the team's chat is worse than a missing one, and the result still comes); Telegram's own
hiccups are retried by :class:`bot.delivery.Delivery` before a claim is marked failed.
A milestone crossed while the bot was down is announced at the first check after
start-up; of several crossed at once, one message names the highest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from bot.delivery import Delivery
from bot.i18n import Texts
from bot.settings import Settings
from services.races import Owed, owed
from storage.db import Database
from storage.races import FAILED, NO_CHAT, RESULT, SENT, UNREACHABLE, RacesRepo
from views.races import milestone_text, result_text

log = logging.getLogger(__name__)


async def _claim(db: Database, item: Owed, mark: str, now: datetime) -> bool:
    skipped = tuple(str(m) for m in item.skipped) if mark != RESULT else ()
    try:
        async with db.transaction() as conn:
            await RacesRepo(conn).claim(item.board.race.id, mark, skipped, now)
    except IntegrityError:  # claimed before: by an earlier check or another instance
        return False
    return True


async def _send(delivery: Delivery, item: Owed, mark: str) -> tuple[str, str | None]:
    team = item.team
    if team.manager_chat_id is None:
        return NO_CHAT, None
    texts = Texts(team.language)
    if mark == RESULT:
        text = result_text(item.board, team, texts)
    else:
        text = milestone_text(item.board, int(mark), team, texts)
    try:
        sent = await delivery.send_text(team.manager_chat_id, text)
    except Exception as error:
        log.exception("race announcement failed", extra={"team_id": team.id, "mark": mark})
        return FAILED, f"{type(error).__name__}: {error}"
    return (SENT, None) if sent is not None else (UNREACHABLE, None)


async def announce_races(
    db: Database, delivery: Delivery, settings: Settings, clock: Callable[[], datetime]
) -> list[tuple[int, str, str]]:
    """Claim and send what every race owes its team's chat now; returns (race id, mark,
    status) of what was claimed, for logs and tests."""
    now = clock()
    done = []
    for item in await owed(db, now, settings):
        for mark in item.marks:  # the milestone first, then the result
            if not await _claim(db, item, mark, now):
                continue
            status, detail = await _send(delivery, item, mark)
            race_id = item.board.race.id
            async with db.transaction() as conn:
                await RacesRepo(conn).finish(race_id, mark, status, clock(), detail)
            log.info(
                "race announcement",
                extra={"race_id": race_id, "mark": mark, "status": status},
            )
            done.append((race_id, mark, status))
    return done
