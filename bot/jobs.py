"""Scheduled work: each team's evening, weekly and monthly digests and the nudge.

How a digest goes out exactly once
    * APScheduler (``AsyncIOScheduler``) holds one cron job per team and kind, in the
      team's own time zone (:func:`bot.schedule.trigger`); :meth:`Jobs.sync` adds,
      replaces or removes them from the ``teams`` table, at start-up, every few minutes
      and at once after a manager changes the digest time, zone, working days or nudge.
    * Before anything is sent, the run is *claimed* in ``digest_runs`` (unique key team,
      kind, period) in its own committed transaction: a second claim — a second job, a
      restart, the periodic catch-up — finds the row and sends nothing.
    * :meth:`Jobs.catch_up` runs at start-up and every few minutes: the latest occurrence
      of each kind that has no row yet is sent if it is at most ``DIGEST_GRACE_MINUTES``
      late (the bot was down at 19:00 and came back at 19:40), otherwise recorded as
      ``missed``. Occurrences from before the team existed are not owed. A ``failed``
      run (no recipient got it) is retried the same way within the grace window.
    * A run left ``sending`` by a process that died is marked ``interrupted`` at the next
      start and not resent: part of it may have reached the chat.

Everything goes out through :class:`bot.delivery.Delivery` (Telegram's limits, 429,
403 -> the member is marked unreachable, group migration); charts are rendered in the
chart worker thread, so command handling never waits for a digest.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from collections.abc import Awaitable, Callable, Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.exc import IntegrityError

from bot.delivery import Delivery
from bot.i18n import Texts, pick_language
from bot.race_jobs import announce_races
from bot.schedule import JOB_KINDS, Occurrence, day_share, latest, trigger
from bot.settings import Settings
from services.actions import close_improved
from services.digest import build_digest
from services.feeds import unmatched_events
from services.pace import behind_the_pace, idle_reps
from services.verified import over_typed_reps
from storage import leases
from storage.db import Database
from storage.digest_runs import FAILED, SENT, DigestRunsRepo
from storage.models import Member, Team
from storage.repos import MembersRepo, TeamsRepo, utcnow
from views.digest import Digest, render_digest
from views.feeds import unmatched_text
from views.pace import pace_alert
from views.verified import over_typed_text

log = logging.getLogger(__name__)

SYNC_EVERY = timedelta(minutes=5)
# Of several instances on one database, the holder of this lease runs the scheduled jobs;
# it renews every LEASE_EVERY, and another instance takes over at most LEASE_TTL +
# LEASE_EVERY after the holder died (under a minute).
LEASE = "scheduler"
LEASE_TTL = timedelta(seconds=40)
LEASE_EVERY = timedelta(seconds=15)
# A cron job may start a moment before the instant it is due by the clock it reads.
FIRE_TOLERANCE = timedelta(seconds=5)
STOP_GRACE_SECONDS = 10.0


def job_id(team_id: int, kind: str) -> str:
    return f"team:{team_id}:{kind}"


class Jobs:
    """The bot's scheduled side; one per process, created with the dispatcher."""

    def __init__(
        self,
        scheduler: AsyncIOScheduler,
        db: Database,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.scheduler = scheduler
        self.db = db
        self.settings = settings
        self.grace = timedelta(minutes=settings.digest_grace_minutes)
        self.clock = clock
        self.delivery: Delivery | None = None
        self._runs: set[asyncio.Task[object]] = set()
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self.leader = False
        self._lead_lock = asyncio.Lock()

    # -- lifecycle --------------------------------------------------------------------

    def attach(self, bot: Bot, **delivery_options: Any) -> None:
        """Send through a :class:`Delivery` on ``bot`` that records 403s and group migrations
        (``delivery_options``: its clock, sleep and limits, for tests)."""
        self.delivery = Delivery(
            bot, on_unreachable=self._unreachable, on_migrated=self._migrated, **delivery_options
        )

    async def start(self, bot: Bot) -> None:
        """Schedule every team, and queue the lease check and the start-up catch-up (they
        run in the background once the scheduler starts)."""
        if self.delivery is None:
            self.attach(bot)
        now = self.clock()
        await self.sync()
        self._every(self.keep_lease, "lease", LEASE_EVERY, first=now)
        if self._backups_on:
            self.scheduler.add_job(
                self.nightly_backup,
                CronTrigger(hour=3, minute=30, timezone=ZoneInfo(self.settings.timezone)),
                id="nightly_backup",
                replace_existing=True,
                misfire_grace_time=3600,
                coalesce=True,
                max_instances=1,
            )
        self._every(self.sync, "sync_teams", SYNC_EVERY)
        self._every(self.catch_up, "catch_up", SYNC_EVERY, first=now)
        races_every = timedelta(seconds=self.settings.race_check_seconds)
        self._every(self.races, "races", races_every, first=now)

    def _every(
        self,
        job: Callable[[], Awaitable[object]],
        ident: str,
        every: timedelta,
        first: datetime | None = None,
    ) -> None:
        """A housekeeping job every ``every`` (first at ``first``, else after one period):
        never skipped as misfired, never overlapping itself, late runs merged into one."""
        options: dict[str, Any] = {"next_run_time": first} if first is not None else {}
        self.scheduler.add_job(
            job,
            "interval",
            seconds=every.total_seconds(),
            id=ident,
            replace_existing=True,
            misfire_grace_time=None,
            max_instances=1,
            coalesce=True,
            **options,
        )

    def _track(self) -> None:
        """Remember the running job's task, so that stop() can wait for it."""
        task = asyncio.current_task()
        if task is not None and task not in self._runs:
            self._runs.add(task)
            task.add_done_callback(self._runs.discard)

    async def stop(self) -> None:
        """Let the jobs that are running (a digest being sent...) finish, bounded; cancel
        what is left before the database closes; then hand the lease over at once."""
        current = asyncio.current_task()
        running = {task for task in self._runs if not task.done() and task is not current}
        if running:
            log.info("waiting for scheduled jobs", extra={"count": len(running)})
            _done, pending = await asyncio.wait(running, timeout=STOP_GRACE_SECONDS)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.wait(pending, timeout=STOP_GRACE_SECONDS)
        if self.leader:
            async with self.db.transaction() as conn:
                await leases.release(conn, LEASE, self.holder)
            self.leader = False

    @property
    def _backups_on(self) -> bool:
        """Nightly backups need BACKUP_DIR set and BACKUP_KEEP of at least 1."""
        return bool(self.settings.backup_dir) and self.settings.backup_keep > 0

    async def nightly_backup(self) -> Path | None:
        """At 03:30 (the default team's zone), a SQLite backup into BACKUP_DIR, keeping the
        newest BACKUP_KEEP; on PostgreSQL it logs the pg_dump command to schedule instead."""
        from storage.backup import BackupError, nightly_backup

        if not self._backups_on or not await self.lead():
            return None
        try:
            return await nightly_backup(
                self.settings.database_url,
                Path(self.settings.backup_dir),
                self.settings.backup_keep,
                self.clock(),
            )
        except BackupError:
            log.exception("nightly backup failed")
            return None

    # -- the lease --------------------------------------------------------------------

    async def lead(self) -> bool:
        """Take or renew the scheduler lease; True when this instance may run jobs.

        Taking it over, the instance marks the runs its predecessor left ``sending`` as
        ``interrupted`` (that process died mid-send; they are not resent: part of them
        may be in the chat already). Only the leader does this, so an instance starting
        while another is sending leaves that run alone."""
        self._track()
        async with self._lead_lock:  # the lease job and the catch-up may ask at once
            now = self.clock()
            try:
                async with self.db.transaction() as conn:
                    leader = await leases.acquire(conn, LEASE, self.holder, now, LEASE_TTL)
                    stale = 0
                    if leader and not self.leader:
                        stale = await DigestRunsRepo(conn).interrupt_stale(now, now)
            except IntegrityError:  # another instance created the lease a moment before
                leader, stale = False, 0
            if stale:
                log.warning("digest runs interrupted by a dead process", extra={"count": stale})
            if leader != self.leader:
                log.info("scheduler lease", extra={"holder": self.holder, "leader": leader})
            self.leader = leader
            return leader

    async def keep_lease(self) -> None:
        """Renew the lease; an instance that has just taken it over catches up at once
        (the digest its dead predecessor did not send goes out now)."""
        was = self.leader
        if await self.lead() and not was:
            await self.catch_up()

    # -- scheduling -------------------------------------------------------------------

    async def sync(self) -> None:
        """Make the scheduler's jobs match every team's schedule in the database."""
        self._track()
        async with self.db.read() as conn:
            teams = await TeamsRepo(conn).all()
        wanted = set()
        for team in teams:
            wanted |= self.schedule_team(team)
        for job in self.scheduler.get_jobs():
            if job.id.startswith("team:") and job.id not in wanted:
                job.remove()

    def schedule_team(self, team: Team) -> set[str]:
        """Add or replace the team's cron jobs (a job whose trigger is unchanged is kept,
        so its next run time stands); returns the ids of the team's jobs."""
        ids = set()
        for kind in JOB_KINDS:
            ident = job_id(team.id, kind)
            cron = trigger(team, kind)
            existing = self.scheduler.get_job(ident)
            if cron is None:
                if existing is not None:
                    existing.remove()
                continue
            ids.add(ident)
            if existing is not None:
                # repr, unlike str, includes the time zone
                if repr(existing.trigger) != repr(cron):
                    existing.reschedule(cron)
                    log.info("rescheduled", extra={"team_id": team.id, "kind": kind})
                continue
            self.scheduler.add_job(
                self.fire,
                cron,
                args=[team.id, kind],
                id=ident,
                replace_existing=True,
                misfire_grace_time=max(int(self.grace.total_seconds()), 1),
                coalesce=True,
                max_instances=1,
            )
            log.info(
                "scheduled",
                extra={"team_id": team.id, "kind": kind, "trigger": repr(cron)},
            )
        return ids

    async def reschedule(self, team_id: int) -> None:
        """After a manager changed the schedule: new jobs now, and today's digest if the
        new time has already passed (within the grace window)."""
        async with self.db.read() as conn:
            team = await TeamsRepo(conn).get(team_id)
        if team is None:
            return
        self.schedule_team(team)
        # in the background: the handler answers at once, a digest may take seconds
        self.scheduler.add_job(
            self.catch_up,
            kwargs={"teams": [team]},
            id=f"catch_up:{team.id}",
            replace_existing=True,
            misfire_grace_time=None,
        )

    # -- running ----------------------------------------------------------------------

    async def fire(self, team_id: int, kind: str) -> str:
        """A cron job is due: send the occurrence it is due for (once)."""
        self._track()
        if not await self.lead():
            return "not leader"
        now = self.clock()
        async with self.db.read() as conn:
            team = await TeamsRepo(conn).get(team_id)
        if team is None:
            return "no team"
        occurrence = latest(team, kind, now + FIRE_TOLERANCE)
        if occurrence is None or now - occurrence.at > self.grace:
            return "not due"
        return await self.run(team, occurrence)

    async def catch_up(self, teams: list[Team] | None = None) -> dict[tuple[int, str], str]:
        """Send what is owed and not yet sent within the grace window; record the rest as
        missed. Returns what happened per (team id, kind), for logs and tests."""
        self._track()
        if not await self.lead():
            return {}
        now = self.clock()
        if teams is None:
            async with self.db.read() as conn:
                teams = await TeamsRepo(conn).all()
        outcome: dict[tuple[int, str], str] = {}
        for team in teams:
            for kind in JOB_KINDS:
                occurrence = latest(team, kind, now)
                if occurrence is None:
                    continue
                if team.created_at is not None and occurrence.at < team.created_at:
                    continue  # a team is not owed digests from before it existed
                async with self.db.read() as conn:
                    run = await DigestRunsRepo(conn).get(team.id, kind, occurrence.period.start)
                if run is not None and run.status != FAILED:
                    continue
                if now - occurrence.at <= self.grace:
                    outcome[team.id, kind] = await self.run(team, occurrence)
                elif run is None:
                    async with self.db.transaction() as conn:
                        await DigestRunsRepo(conn).mark_missed(
                            team.id, kind, _span(occurrence), occurrence.at, now
                        )
                    log.warning(
                        "digest missed",
                        extra={"team_id": team.id, "kind": kind, "due": occurrence.at.isoformat()},
                    )
                    outcome[team.id, kind] = "missed"
        return outcome

    async def run(self, team: Team, occurrence: Occurrence) -> str:
        """Claim the run, send it, record how it went; ``skipped`` if it was claimed before."""
        self._track()
        try:
            async with self.db.transaction() as conn:
                run_id = await DigestRunsRepo(conn).claim(
                    team.id, occurrence.kind, _span(occurrence), occurrence.at, self.clock()
                )
        except IntegrityError:  # another instance claimed it a moment before
            run_id = None
        if run_id is None:
            return "skipped"
        try:
            if occurrence.kind == "nudge":
                delivered, detail = await self._send_nudges(team, occurrence)
            elif occurrence.kind == "pace":
                delivered, detail = await self._send_pace(team, occurrence)
            else:
                delivered, detail = await self._send_digest(team, occurrence)
        except Exception as error:
            log.exception("digest failed", extra={"team_id": team.id, "kind": occurrence.kind})
            delivered, detail = False, f"{type(error).__name__}: {error}"
        status = SENT if delivered else FAILED
        async with self.db.transaction() as conn:
            await DigestRunsRepo(conn).finish(run_id, status, self.clock(), detail)
        log.info(
            "digest run finished",
            extra={
                "team_id": team.id,
                "kind": occurrence.kind,
                "period": occurrence.period.label(),
                "status": status,
                "detail": detail,
            },
        )
        return status

    async def races(self) -> list[tuple[int, str, str]]:
        """The races' milestones and results owed to the team chats (bot.race_jobs)."""
        self._track()
        if not await self.lead():
            return []
        return await announce_races(self.db, self._delivery(), self.settings, self.clock)

    # -- what is sent -----------------------------------------------------------------

    def _delivery(self) -> Delivery:
        if self.delivery is None:
            raise RuntimeError("Jobs.attach(bot) was not called")
        return self.delivery

    async def _send_digest(self, team: Team, occurrence: Occurrence) -> tuple[bool, str]:
        """The digest to the team's chat, and privately to the managers who asked for it
        (to every manager when the team has no chat yet). Delivered = someone got it.
        The digest is the one /digest previews: the same service, the same view."""
        async with self.db.read() as conn:
            managers = await MembersRepo(conn).managers(team.id)
        recipients: list[tuple[int, str]] = []
        if team.manager_chat_id is not None:
            recipients.append((team.manager_chat_id, team.language))
        for manager in managers:
            if manager.unreachable_at is None and (
                manager.digest_private or team.manager_chat_id is None
            ):
                recipients.append((manager.tg_user_id, _language(manager, team)))
        if not recipients:
            return True, "no recipients: no team chat and no reachable manager"
        data = await build_digest(self.db, team, occurrence.kind, occurrence.period, self.settings)
        built: dict[str, Digest] = {}
        delivered, notes = False, []
        for chat_id, language in recipients:
            try:
                if language not in built:
                    built[language] = await render_digest(data, team, Texts(language))
                digest = built[language]
                reached = await self._send(chat_id, digest)
            except Exception as error:
                log.exception("digest not delivered", extra={"chat_id": chat_id})
                notes.append(f"{chat_id}: {type(error).__name__}")
                continue
            delivered |= reached
            notes.append(f"{chat_id}: {'sent' if reached else 'unreachable'}")
        if occurrence.kind == "day":
            notes.append(await self._report_unmatched(team, managers))
            notes.append(await self._report_over_typed(team, managers, occurrence.period.start))
        if delivered and data.actions is not None and data.actions.improved:
            # the digest said they recovered: closed now, so it is said once
            closed = await close_improved(self.db, data.actions.improved, self.clock())
            notes.append(f"action items closed: {closed}")
        return delivered, "; ".join(notes)

    async def _report_unmatched(self, team: Team, managers: list[Member]) -> str:
        """Once a day, with the evening digest: the managers privately learn about telephony
        and CRM events held for agents nobody is linked to (and how to link them)."""
        held = await unmatched_events(self.db, team)
        if not held:
            return "no unmatched events"
        told = await self._tell(team, managers, lambda texts, _: unmatched_text(held, team, texts))
        return f"unmatched agents {len(held)}: told {told} managers"

    async def _report_over_typed(self, team: Team, managers: list[Member], day: date) -> str:
        """With the evening digest, privately to each manager and never to the team chat:
        the reps whose typed calls of 60 s+ that day exceed those from telephony
        (services.verified). Nothing when nobody does or the team has no telephony feed."""
        reps = await over_typed_reps(self.db, team, day, self.settings.min_call_seconds)
        if not reps:
            return "no typed calls above telephony"
        told = await self._tell(team, managers, lambda texts, _: over_typed_text(reps, day, texts))
        return f"typed calls above telephony {len(reps)}: told {told} managers"

    async def _send(self, chat_id: int, digest: Digest) -> bool:
        """The digest's texts, then its charts as one album with its caption (the same
        album /digest previews); False when the chat is unreachable."""
        delivery = self._delivery()
        for index, text in enumerate(digest.texts):
            markup = digest.markup if index == len(digest.texts) - 1 else None
            if await delivery.send_text(chat_id, text, reply_markup=markup) is None:
                return False
        album = await delivery.send_album(
            chat_id, digest.photos, digest.caption, filename="digest.png"
        )
        return album is not None

    async def _send_nudges(self, team: Team, occurrence: Occurrence) -> tuple[bool, str]:
        """A private reminder to each rep at work today who has logged nothing."""
        found = await idle_reps(self.db, team, occurrence.period.start)
        reached = await self._tell(
            team, found.idle, lambda texts, rep: texts("nudge", name=rep.display_name)
        )
        return True, f"nudged {reached} of {len(found.idle)} idle reps ({found.at_work} at work)"

    async def _send_pace(self, team: Team, occurrence: Occurrence) -> tuple[bool, str]:
        """Privately to the managers: the reps behind the share of today's plan that should
        be done by now. Nothing is sent when everybody keeps pace."""
        at = occurrence.at.astimezone(ZoneInfo(team.timezone)).time()
        share = day_share(team, at)
        pace = await behind_the_pace(self.db, team, occurrence.period.start, share, self.settings)
        if not pace.behind:
            return True, "nobody behind"
        reached = await self._tell(
            team, pace.managers, lambda texts, _: pace_alert(pace.behind, at, share, team, texts)
        )
        managers = len(pace.managers)
        return reached > 0, f"{len(pace.behind)} behind; told {reached} of {managers} managers"

    async def _tell(
        self,
        team: Team,
        people: Iterable[Member],
        render: Callable[[Texts, Member], str],
    ) -> int:
        """A private message to each reachable member, rendered in their language;
        returns how many got it."""
        reached = 0
        for person in people:
            if person.unreachable_at is not None:
                continue
            text = render(Texts(_language(person, team)), person)
            if await self._delivery().send_text(person.tg_user_id, text):
                reached += 1
        return reached

    # -- delivery callbacks -----------------------------------------------------------

    async def _unreachable(self, tg_user_id: int) -> None:
        async with self.db.transaction() as conn:
            changed = await MembersRepo(conn).mark_unreachable(tg_user_id, self.clock())
        log.info("member unreachable", extra={"tg_user_id": tg_user_id, "members": changed})

    async def _migrated(self, old_chat_id: int, new_chat_id: int) -> None:
        async with self.db.transaction() as conn:
            await TeamsRepo(conn).migrate_chat(old_chat_id, new_chat_id)


def _span(occurrence: Occurrence) -> tuple:
    return occurrence.period.start, occurrence.period.end


def _language(member: Member, team: Team) -> str:
    return pick_language(member.language, member.tg_language, team.language, team.language)
