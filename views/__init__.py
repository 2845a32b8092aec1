"""Views: turn plain data into what people read - Telegram HTML, charts, files, JSON.

A view takes :class:`bot.i18n.Texts` (or a language) and data from ``services/``
(or storage's data objects) and returns strings or bytes; it never touches the
database. Handlers, scheduled jobs and the CLI call the same views.
"""
