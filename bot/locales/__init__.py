"""User-facing texts: one module per language, the same keys in each."""
