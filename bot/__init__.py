"""Iron Funnel: the composition root (settings, dispatcher, middlewares, entry point)."""
