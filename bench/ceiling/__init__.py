"""The ceiling: a bare Django view inserting one row into SQLite, with jiedao's database settings."""
