"""Only ``store/`` changes the database's schema (docs/scaling.md, The store seam).

Tables, views, indexes and sequences are created and altered by the migrations the store runs
when it opens a writable connection (``store/migrations.py``). Elsewhere, product code may only
create temporary objects for the length of one load (an ingest's staging tables, a read's
helper macros): they live in the connection, never in the file, so another backend needs no
schema change for them. Temporary tables are altered and dropped by their own load, so an
``ALTER``/``DROP`` outside ``store/`` must name one of them.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("app.py", "cli.py", "settings.py", "access", "charts", "export", "i18n", "ingest",
           "metrics", "pages", "sample_data", "ui")  # fmt: skip
"""Product code outside ``store/``; ``scripts/`` are benchmarks on scratch databases."""

DDL = re.compile(
    r"\b(?P<verb>CREATE|ALTER|DROP)\s+(?:OR\s+REPLACE\s+)?(?P<temp>TEMP\s+|TEMPORARY\s+)?"
    r"(?P<kind>TABLE|VIEW|INDEX|UNIQUE\s+INDEX|SEQUENCE|SCHEMA|MACRO|TYPE)\b"
    r"(?:\s+IF\s+(?:NOT\s+)?EXISTS)?\s+\"?(?P<name>[\w.{}]+)"
)
REJECTS_TABLES = re.compile(r"rejects_(?:table|scan)\s*=\s*'(\w+)'")


def product_files() -> list[Path]:
    files = []
    for name in PRODUCT:
        path = ROOT / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def statements() -> list[tuple[str, re.Match]]:
    return [
        (str(path.relative_to(ROOT)), match)
        for path in product_files()
        for match in DDL.finditer(path.read_text(encoding="utf-8"))
    ]


def temporary_names() -> set[str]:
    """Objects product code creates as temporary, and the two rejects tables DuckDB's CSV reader
    creates (temporary too) for a load."""
    names = {m["name"] for _, m in statements() if m["verb"] == "CREATE" and m["temp"]}
    for path in product_files():
        names |= set(REJECTS_TABLES.findall(path.read_text(encoding="utf-8")))
    return names


def test_the_pattern_sees_ddl():
    found = [m.group(0) for m in DDL.finditer("x = 'CREATE TABLE IF NOT EXISTS uploads (a INT)'")]
    assert found == ["CREATE TABLE IF NOT EXISTS uploads"]
    alter = DDL.search('connection.execute(f"ALTER TABLE staged DROP COLUMN {text}")')
    assert alter is not None and alter["name"] == "staged"
    assert DDL.search("CREATE OR REPLACE TEMP MACRO sl_squeeze(x) AS")["temp"]


def test_nothing_outside_store_creates_a_lasting_object():
    lasting = [(where, m.group(0)) for where, m in statements() if m["verb"] == "CREATE"]
    lasting = [(where, text) for where, text in lasting if not DDL.search(text)["temp"]]
    assert lasting == [], "create tables in a migration of store/migrations.py"


def test_alter_and_drop_outside_store_touch_only_temporary_tables():
    temporary = temporary_names()
    assert "staged" in temporary  # the ingest's staging table: the check is not vacuous
    touched = [
        (where, m.group(0))
        for where, m in statements()
        if m["verb"] in ("ALTER", "DROP") and m["name"] not in temporary
    ]
    assert touched == [], "change the schema in a migration of store/migrations.py"


def test_store_code_holds_the_migrations():
    text = (ROOT / "store" / "migrations.py").read_text(encoding="utf-8")
    for table in ("comment_scores", "emv_rates", "uploads"):
        assert re.search(rf"CREATE TABLE (IF NOT EXISTS )?{table}\b", text), table


def test_only_the_store_runs_migrations():
    # Running a migration's text (or the migrations) at read time is DDL too, even without a
    # literal CREATE in the calling module.
    calls = re.compile(
        r"\bensure_schema\(|store\.migrations\b|from store import[^\n]*\bmigrations\b"
    )
    found = [
        str(path.relative_to(ROOT))
        for path in product_files()
        if calls.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
