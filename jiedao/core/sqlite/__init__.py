"""Django's SQLite backend with query conversion cached (ENGINE "jiedao.core.sqlite")."""
