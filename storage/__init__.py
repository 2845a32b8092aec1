"""Storage: tables, migrations and repositories that return plain data objects.

Nothing here imports aiogram; the SQL is SQLAlchemy Core and dialect-neutral so
that PostgreSQL is a configuration change.
"""
