"""The DuckDB database file: schema, migrations, short-lived connections and the raw-file archive."""

from store.db import connect, data_version, ensure_schema, schema_version

__all__ = ["connect", "data_version", "ensure_schema", "schema_version"]
