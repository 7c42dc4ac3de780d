"""Where Sillage's data lives. ``store.store.Store`` owns it: the location, connections, data
version, migrations, the writes to clients, campaigns and uploads, and the raw-file archive."""

from store.db import connect, data_version, ensure_schema, schema_version

__all__ = ["connect", "data_version", "ensure_schema", "schema_version"]
