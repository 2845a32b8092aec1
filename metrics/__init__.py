"""The domain: pure metric, plan and diagnosis computations (METRICS.md).

Nothing here imports aiogram, SQLAlchemy or asyncio: functions take counts or
records and return numbers; an undefined ratio is None.
"""
