"""User-facing texts: Fluent catalogs, one folder per language (``ru/``, ``en/``) with one
``.ftl`` file per feature area; the same message ids and variables in each language."""
