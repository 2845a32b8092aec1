"""Views: turn plain data into what people read - Telegram HTML, charts, files, JSON."""
