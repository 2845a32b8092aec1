"""A lease in the database: one holder at a time, taken over when it expires.

Used so that of several bot instances on one database exactly one runs the scheduled
jobs (digests, nudges, alerts); the ``digest_runs`` ledger still guarantees a digest goes
out once even if two instances ever overlapped.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.tables import leases


async def acquire(
    conn: AsyncConnection, name: str, holder: str, now: datetime, ttl: timedelta
) -> bool:
    """Take or renew the lease ``name`` for ``holder`` until ``now + ttl``.

    True when ``holder`` holds it now: it was free, expired, or already ``holder``'s.
    The conditional UPDATE makes two instances racing for an expired lease agree on one
    winner (the other's UPDATE matches no row); a racing first INSERT fails on the key
    and the caller's transaction fails, which counts as "not acquired".
    """
    row = (await conn.execute(sa.select(leases).where(leases.c.name == name))).first()
    if row is None:
        await conn.execute(leases.insert().values(name=name, holder=holder, expires_at=now + ttl))
        return True
    result = await conn.execute(
        leases.update()
        .where(
            leases.c.name == name,
            sa.or_(leases.c.holder == holder, leases.c.expires_at <= now),
        )
        .values(holder=holder, expires_at=now + ttl)
    )
    return bool(result.rowcount)


async def release(conn: AsyncConnection, name: str, holder: str) -> None:
    """Give the lease up (a graceful shutdown): another instance may take it at once."""
    await conn.execute(leases.delete().where(leases.c.name == name, leases.c.holder == holder))


async def holder_of(conn: AsyncConnection, name: str, now: datetime) -> str | None:
    row = (await conn.execute(sa.select(leases).where(leases.c.name == name))).first()
    if row is None or row.expires_at <= now:
        return None
    return row.holder
