"""Reading campaign exports: recognise the format, parse the locale, load the rows faithfully."""

from ingest.loader import Assignment, IngestResult, ingest_path, ingest_stream

__all__ = ["Assignment", "IngestResult", "ingest_path", "ingest_stream"]
