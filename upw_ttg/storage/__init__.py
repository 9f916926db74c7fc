"""Storage: engine, ORM models, migrations, units of work."""
