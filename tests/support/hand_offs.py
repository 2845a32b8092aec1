"""Counting the waits for the SQLite thread (issue 19): every call of aiosqlite's
``Connection._execute`` is one hand-off of work to the database's thread and one wait
for its answer (a statement, a COMMIT, a ROLLBACK that is waited for)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class HandOffs:
    count: int = 0


def count_hand_offs(monkeypatch) -> HandOffs:
    """From now to the end of the test, count the hand-offs (``.count``; set it to 0 to
    start again)."""
    import aiosqlite

    counter = HandOffs()
    execute = aiosqlite.Connection._execute

    async def counting(self, fn, *args, **kwargs):
        counter.count += 1
        return await execute(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counting)
    return counter
