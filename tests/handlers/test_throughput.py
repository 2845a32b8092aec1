"""What one logging command costs the worker (issue 19): statements, connection checkouts
and thread hand-offs, counted, so that a later change cannot quietly bring them back.

These are counts, not timings: they do not depend on the machine. When a change adds a
statement to the logging path on purpose, change the pinned number here and say why in
the commit (every statement is several event-loop round trips on SQLite).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from storage.sources import SourcesRepo
from storage.tables import calls
from tests.support import factories as f
from tests.support.hand_offs import count_hand_offs

REP = 701


@dataclass
class Cost:
    statements: list[str] = field(default_factory=list)
    checkouts: int = 0
    threads: int = 0

    def writes(self) -> list[str]:
        return [s for s in self.statements if s.split()[0] in {"INSERT", "UPDATE", "DELETE"}]


@contextmanager
def counted(db, monkeypatch) -> Iterator[Cost]:
    """Statements sent to the database (BEGIN included; COMMIT/ROLLBACK go through the
    driver's own calls), pool checkouts, and ``asyncio.to_thread`` calls."""
    cost = Cost()
    engine = db.engine.sync_engine

    def on_execute(conn, cursor, statement, parameters, context, executemany) -> None:
        cost.statements.append(" ".join(statement.split()))

    def on_checkout(*_) -> None:
        cost.checkouts += 1

    to_thread = asyncio.to_thread

    async def counting_to_thread(*args, **kwargs):
        cost.threads += 1
        return await to_thread(*args, **kwargs)

    monkeypatch.setattr(asyncio, "to_thread", counting_to_thread)
    event.listen(engine, "before_cursor_execute", on_execute)
    event.listen(engine.pool, "checkout", on_checkout)
    try:
        yield cost
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)
        event.remove(engine.pool, "checkout", on_checkout)


@pytest.fixture
async def rep(chat, admin, db, team):
    await chat.send(admin, "/start")
    await chat.add_member(REP, "Ivan", {"sdr"}, username="ivan")
    async with db.transaction() as conn:
        await SourcesRepo(conn).add(team.id, "google")
    user = f.user(REP, "Ivan", username="ivan", language_code="ru")
    assert "сохранено" in await chat.send(user, "/call 75s")  # the first one warms up
    return user


async def stored_calls(db) -> int:
    async with db.read() as conn:
        return await conn.scalar(sa.select(sa.func.count()).select_from(calls))


async def test_a_call_is_saved_without_a_thread_hand_off(chat, db, rep, monkeypatch):
    """aiogram runs plain-function filters (every ``F...``) in a thread; ours are checked
    in the event loop, and the reply is the same."""
    with counted(db, monkeypatch) as cost:
        reply = await chat.send(rep, "/call 75s")
    assert reply.startswith("✔️ Ivan: сохранено 📞 звонок 1 мин 15 с, исходящий")
    assert cost.threads == 0
    assert await stored_calls(db) == 2


async def test_magic_filters_still_decide(chat, rep):
    """The routers' F filters, checked in the loop, still decide: an unknown command is
    answered in a private chat (``F.chat.type == "private"``), not in a group."""
    assert await chat.send(rep, "/nosuchcommand") is not None
    assert await chat.send(rep, "/nosuchcommand", chat=f.group_chat()) is None


def without_begin(cost: Cost) -> list[str]:
    """The statements but BEGIN (SQLite's, which PostgreSQL's driver sends by itself)."""
    return [s for s in cost.statements if not s.startswith("BEGIN")]


async def test_one_call_is_six_statements_on_two_connections(chat, db, rep, monkeypatch):
    """Pinned (issue 19; 13 statements and 3 checkouts before): one read (the
    processed-update marker, the member with their roles, the team), then one write
    transaction: the marker, the entry, the call, the day's rollup row out and in."""
    with counted(db, monkeypatch) as cost:
        reply = await chat.send(rep, "/call 75s")
    assert "сохранено" in reply
    statements = without_begin(cost)
    assert len(statements) == 6, "\n".join(statements)
    assert [" ".join(s.split()[:3]) for s in cost.writes()] == [
        "INSERT INTO processed_updates",
        "INSERT INTO entries",
        "INSERT INTO calls",
        "DELETE FROM call_days",
        "INSERT INTO call_days",
    ]
    assert cost.checkouts == 2
    assert await stored_calls(db) == 2


async def test_a_call_with_a_client_label_is_one_statement_more(chat, db, rep, monkeypatch):
    """Every free word of a /call is tried as a source (name or alias): one statement."""
    with counted(db, monkeypatch) as cost:
        reply = await chat.send(rep, "/call 75s Roga")
    assert "Roga" in reply
    assert len(without_begin(cost)) == 7, "\n".join(without_begin(cost))
    with counted(db, monkeypatch) as cost:
        reply = await chat.send(rep, "/calls 10 20m")
    assert "10 звонков" in reply
    assert len(without_begin(cost)) == 6, "\n".join(without_begin(cost))


async def test_a_statement_is_one_hand_off_to_the_sqlite_thread(chat, db, rep, monkeypatch):
    """SQLite (aiosqlite runs it in a thread): each statement, its rows included, is one
    hand-off (four before), BEGIN goes with the transaction's first statement, the read
    of the marker needs no transaction, and the pool's ROLLBACK of a connection that has
    no transaction any more costs nothing: the statements plus the COMMIT (48 hand-offs
    in all before issue 19, 11 after its first step)."""
    if db.dialect != "sqlite":
        pytest.skip("aiosqlite only")
    hand_offs = count_hand_offs(monkeypatch)
    with counted(db, monkeypatch) as cost:
        reply = await chat.send(rep, "/call 75s")
    assert "сохранено" in reply
    assert len(cost.statements) == 6, "\n".join(cost.statements)  # no BEGIN of its own
    assert hand_offs.count == 6 + 1  # + COMMIT
