"""Services: what a reply, a digest or a report is made of, as plain data.

A service reads storage through a :class:`storage.db.Database` or
:class:`storage.unit.UnitOfWork`, computes with ``metrics/`` and returns frozen
dataclasses of numbers, names and statuses: no HTML, no ``Texts``, no aiogram.
Transports (handlers, scheduled jobs, the CLI) call a service, then a view in
``views/``.
"""
