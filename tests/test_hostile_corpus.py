"""Every hostile input of ``tests/data/hostile/`` through ``sillage ingest`` on a copy of the demo database.

Issue 16: for each file, the exit code (0 loaded, 1 refused or nothing loaded, 2 unusable
arguments), one JSON object with the documented keys, the line and column of each fault, no
traceback, and every stored table unchanged except for the rows the file legitimately adds.
The expectations are in ``tests/data/hostile/cases.json`` (written with the files by its
``generate.py``); the README there lists them. Each case runs in a subprocess on its own copy of
the database, one at a time.
"""

from __future__ import annotations

import collections
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).parent / "data" / "hostile"
CASES = json.loads((HOSTILE / "cases.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.slow

JSON_KEYS = {
    "file",
    "format",
    "rows_read",
    "rows_loaded",
    "rows_rejected",
    "rows_skipped",
    "rows_merged",
    "skipped_reasons",
    "columns_unused",
    "errors",
}
# What a message shown to a user must never hold: plain words, no internals.
LEAKS = ("Traceback", "duckdb.", "_duckdb", "Exception:", "site-packages", "pid ")

# Cases expected to fail, with why; none today.
XFAIL: dict[str, str] = {}


def _generated(tmp: Path) -> list[dict]:
    """The two cases too large to commit, written at test time."""
    header = "Platform,Creator,Post URL,Posted at,Format,Fee,Followers,Reach,Likes,Views,Caption"
    good = (
        "Instagram,@hostile.runner,https://www.instagram.com/p/HOSTBIG{n}/,2026-09-1{n} 18:00,"
        "Reel,1500,48200,9800,1234,15000,{caption}"
    )
    overlong = tmp / "overlong_first_line.csv"
    overlong.write_text(
        header + "," + "H" * 200_000 + "\n" + good.format(n=1, caption="ok") + ",x\n",
        encoding="utf-8",
    )
    caption = tmp / "one_megabyte_caption.csv"
    caption.write_text(
        "\n".join(
            [
                header,
                good.format(n=1, caption="short"),
                good.format(n=2, caption="y" * 1_048_576),
                good.format(n=3, caption="short"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    base = {"args": ["--campaign", "trail-series-2026"], "errors": []}
    return [
        {**base, "file": overlong.name, "path": overlong, "exit": [0, 1], "writes": []},
        {
            **base,
            "file": caption.name,
            "path": caption,
            "exit": [0],
            "writes": ["creators", "posts", "post_metrics", "post_totals", "post_weeks"],
        },
    ]


def _params():
    for case in CASES:
        marks = ()
        if case["file"] in XFAIL:
            marks = pytest.mark.xfail(strict=True, reason=XFAIL[case["file"]])
        yield pytest.param(case["file"], marks=marks, id=case["file"])
    for name in ("overlong_first_line.csv", "one_megabyte_caption.csv"):
        marks = ()
        if name in XFAIL:
            marks = pytest.mark.xfail(strict=True, reason=XFAIL[name])
        yield pytest.param(name, marks=marks, id=name)


def _tables(connection) -> list[str]:
    return [
        row[0]
        for row in connection.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()
    ]


def _snapshot(db: Path) -> dict[str, collections.Counter]:
    """Every table as a multiset of row hashes."""
    connection = duckdb.connect(str(db), read_only=True)
    try:
        return {
            table: collections.Counter(
                row[0]
                for row in connection.execute(f'SELECT hash(t) FROM "{table}" AS t').fetchall()
            )
            for table in _tables(connection)
        }
    finally:
        connection.close()


def _new_rows(db: Path, table: str, before: collections.Counter) -> list[tuple]:
    connection = duckdb.connect(str(db), read_only=True)
    try:
        rows = connection.execute(f'SELECT hash(t), t.* FROM "{table}" AS t').fetchall()
    finally:
        connection.close()
    seen = collections.Counter(before)
    new = []
    for digest, *values in rows:
        if seen[digest] > 0:
            seen[digest] -= 1
        else:
            new.append(tuple(values))
    return new


def _query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    connection = duckdb.connect(str(db), read_only=True)
    try:
        return connection.execute(sql, params or []).fetchall()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def template(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory):
    """The demo database (without its archive) and its snapshot, copied for every case."""
    path = tmp_path_factory.mktemp("hostile-template") / "demo.duckdb"
    shutil.copyfile(_demo_template, path)
    return path, _snapshot(path)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    return {case["file"]: case for case in _generated(tmp_path_factory.mktemp("hostile-big"))}


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SILLAGE_")}
    env["SILLAGE_LOCK_WAIT_SECONDS"] = "2"
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-c", "import cli, sys; sys.exit(cli.main(sys.argv[1:]))", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
    )


def _texts(rows: list[tuple]) -> list[str]:
    return [value for values in rows for value in values if isinstance(value, str)]


@pytest.mark.parametrize("name", list(_params()))
def test_hostile_file(name: str, template, generated, tmp_path: Path) -> None:
    template_db, before = template
    case = generated.get(name) or next(c for c in CASES if c["file"] == name)
    source = case.get("path") or HOSTILE / name
    db = tmp_path / "db" / "sillage.duckdb"
    db.parent.mkdir()
    shutil.copyfile(template_db, db)
    # Uploaded under a hostile name, through a ``sub/../`` path, when the case says so.
    upload_as = case.get("upload_as")
    if upload_as:
        nested = tmp_path / "up" / "a" / "b"
        nested.mkdir(parents=True)
        shutil.copyfile(source, (nested / upload_as).resolve())
        given = f"{nested}/{upload_as}"
        stored_name = Path(upload_as).name
    else:
        given, stored_name = str(source), source.name
    args = [a.replace("{here}", str(HOSTILE)) for a in case["args"]]
    completed = _run(["ingest", given, "--db", str(db), *args], cwd=ROOT)

    output = completed.stdout + completed.stderr
    for leak in LEAKS:
        assert leak not in output, f"{leak!r} shown:\n{output[-3000:]}"
    assert sys.prefix not in output, "the interpreter's path is shown"
    expected_exit = case["exit"] if isinstance(case["exit"], list) else [case["exit"]]
    assert completed.returncode in expected_exit, (
        f"exit {completed.returncode}, expected {expected_exit}:\n{output[-3000:]}"
    )
    after = _snapshot(db)
    assert set(after) == set(before), "tables appeared or went"

    if completed.returncode == 2:
        assert completed.stderr.strip(), "an unusable argument is refused without a word"
        for table in before:
            assert after[table] == before[table], f"{table} changed on a refused argument"
        return

    lines = completed.stdout.strip().splitlines()
    assert len(lines) == 1, f"one JSON object per file, got:\n{completed.stdout[-3000:]}"
    payload = json.loads(lines[0])
    assert JSON_KEYS <= payload.keys(), JSON_KEYS - payload.keys()
    counts = ("rows_loaded", "rows_rejected", "rows_skipped", "rows_merged")
    assert payload["rows_read"] == sum(payload[k] for k in counts), payload
    assert sum(payload["skipped_reasons"].values()) == payload["rows_skipped"], payload
    for error in payload["errors"]:
        assert {"line", "column", "reason"} <= error.keys(), error
        assert error["reason"], error
        assert isinstance(error["line"], int) and error["line"] >= 1, error
    if completed.returncode == 0:
        assert payload["rows_loaded"] > 0 and "refused" not in payload, payload
    else:
        assert payload.get("refused") or payload["rows_loaded"] == 0, payload
        # A file that loaded nothing says why: refused, row errors or a note.
        assert payload.get("refused") or payload["errors"] or payload.get("notes"), payload
        if payload.get("refused"):
            assert str(db.parent) not in payload["refused"], "the database's path is shown"

    # The faults named, each on its own physical line and column, and no other line.
    flexible = completed.returncode == 1 and len(expected_exit) > 1
    if case["errors"] and not flexible:
        found = {(e["line"], e["column"]) for e in payload["errors"]}
        for want in case["errors"]:
            line, column = want["line"], want["column"]
            assert any(
                f_line == line and (column is None or f_column == column)
                for f_line, f_column in found
            ), f"no error on line {line}, column {column}: {payload['errors']}"
        wanted_lines = {w["line"] for w in case["errors"]}
        assert {e["line"] for e in payload["errors"]} == wanted_lines, payload["errors"]
        assert payload["rows_rejected"] >= len(wanted_lines), payload

    # One upload row, as printed; nothing else stored unless the file loaded rows.
    uploads = _new_rows(db, "uploads", before["uploads"])
    assert len(uploads) == 1, uploads
    (upload,) = _query(
        db,
        "SELECT file_name, status, rows_read, rows_loaded, rows_rejected, raw_path FROM uploads "
        "WHERE upload_id = (SELECT max(upload_id) FROM uploads)",
    )
    file_name, status, rows_read, rows_loaded, rows_rejected, raw_path = upload
    assert file_name == stored_name
    assert (rows_read, rows_loaded, rows_rejected) == (
        payload["rows_read"],
        payload["rows_loaded"],
        payload["rows_rejected"],
    )
    if raw_path:
        assert Path(raw_path).resolve().is_relative_to(db.parent.resolve()), raw_path
    writes = set(case["writes"]) if completed.returncode == 0 else set()
    if completed.returncode == 0:
        assert status == "loaded"
    else:
        assert status == "refused" or rows_loaded == 0, status
    for table in before:
        if table == "uploads":
            continue
        if table not in writes:
            assert after[table] == before[table], f"{table} changed"
            continue
        if table in case.get("updates", ()):
            continue
        # Rows may be added; no stored row changes or goes.
        missing = before[table] - after[table]
        assert not missing, f"{sum(missing.values())} stored rows of {table} changed or went"

    texts = []
    for table in writes:
        texts += _texts(_new_rows(db, table, before[table]))
    for text in texts:
        assert "\x00" not in text, "a NUL byte stored"
        # No file of the corpus holds an "Ã": one stored is UTF-8 read as a single-byte code.
        assert "\ufffd" not in text and "Ã" not in text, f"text stored garbled: {text[:80]!r}"
    check = CHECKS.get(name)
    if check:
        check(db, payload, completed.returncode)
    for stray in ("pwned", "other.duckdb"):
        assert not (ROOT / stray).exists() and not (tmp_path / stray).exists()


# What the stored rows of some cases must hold.
def _one(db: Path, sql: str, params: list | None = None):
    rows = _query(db, sql, params)
    return rows[0][0] if rows else None


def _campaign_named(name: str):
    def check(db: Path, payload: dict, exit: int) -> None:
        assert _one(db, "SELECT count(*) FROM campaigns WHERE name = ?", [name]) == 1

    return check


def _client_named(name: str):
    def check(db: Path, payload: dict, exit: int) -> None:
        assert _one(db, "SELECT count(*) FROM clients WHERE name = ?", [name]) == 1

    return check


def _captions(*wanted: str):
    def check(db: Path, payload: dict, exit: int) -> None:
        stored = {row[0] for row in _query(db, "SELECT caption FROM posts")}
        for text in wanted:
            assert text in stored, text

    return check


def _no_cut_caption(db: Path, payload: dict, exit: int) -> None:
    assert _one(db, "SELECT count(*) FROM posts WHERE caption = 'Great'") == 0


def _not_12345(db: Path, payload: dict, exit: int) -> None:
    assert _one(db, "SELECT count(*) FROM posts WHERE cost = 12345") == 0
    fee = _one(db, "SELECT cost FROM posts WHERE native_id = 'HOSTILE002'")
    if fee is None:
        assert [(e["line"], e["column"]) for e in payload["errors"]] == [(3, "Fee")]
    else:
        assert fee == 1234.5 and not payload["errors"], (fee, payload)


def _totals(db: Path, native: str, metric: str):
    return _one(
        db,
        f"SELECT t.{metric} FROM post_totals t JOIN posts p USING (post_id) WHERE p.native_id = ?",
        [native],
    )


def _french_numbers(db: Path, payload: dict, exit: int) -> None:
    assert payload["rows_loaded"] == 2 and not payload["errors"], payload
    assert _one(db, "SELECT cost FROM posts WHERE native_id = 'HOSTFR1'") == 1234.5
    assert _one(db, "SELECT cost FROM posts WHERE native_id = 'HOSTFR2'") == 2500.0
    assert _totals(db, "HOSTFR1", "views") == 12345
    assert _totals(db, "HOSTFR2", "views") == 7890
    followers = _one(db, "SELECT followers FROM creators WHERE handle = 'hostile.fr'")
    assert followers in (1200, 3_400_000), followers


def _k_suffix(db: Path, payload: dict, exit: int) -> None:
    assert _totals(db, "HOSTILE001", "views") == 1200
    assert _totals(db, "HOSTILE001", "likes") == 3400
    assert _totals(db, "HOSTILE002", "views") == 2_000_000
    if payload["rows_rejected"]:
        assert [(e["line"], e["column"]) for e in payload["errors"]] == [(4, "Followers")]
    else:
        assert _one(db, "SELECT followers FROM creators WHERE handle = 'hostile.runner'") == 1200


def _no_header_creator(db: Path, payload: dict, exit: int) -> None:
    assert _one(db, "SELECT count(*) FROM creators WHERE lower(handle) LIKE '%creator%'") == 0


def _one_answer(db: Path, payload: dict, exit: int) -> None:
    assert (
        _one(
            db,
            "SELECT count(*) FROM survey_responses WHERE respondent_id = 'hr1' "
            "AND question = 'ad_recall'",
        )
        == 1
    )


def _stored_unused(header: str):
    def check(db: Path, payload: dict, exit: int) -> None:
        assert header in payload["columns_unused"], payload["columns_unused"]

    return check


def _five_thousand(db: Path, payload: dict, exit: int) -> None:
    assert len(payload["columns_unused"]) == 4989
    assert payload["rows_loaded"] == 3


def _merged_one(db: Path, payload: dict, exit: int) -> None:
    assert payload["rows_merged"] == 1 and payload["rows_loaded"] == 2, payload


def _first_of_duplicates(db: Path, payload: dict, exit: int) -> None:
    if exit == 0:
        assert _one(db, "SELECT count(*) FROM post_totals WHERE likes = 999999") == 0
        assert payload["columns_unused"] == ["Likes"], payload


def _cp1252(db: Path, payload: dict, exit: int) -> None:
    assert _one(db, "SELECT caption FROM posts WHERE native_id = 'HOSTCP1'") == "Été €"


def _three_rows(db: Path, payload: dict, exit: int) -> None:
    if exit == 0:
        assert payload["rows_loaded"] == 3, payload


def _big_caption(db: Path, payload: dict, exit: int) -> None:
    stored = _one(db, "SELECT max(length(caption)) FROM posts WHERE native_id LIKE 'HOSTBIG%'")
    if payload["rows_rejected"] == 0:
        assert stored == 1_048_576
    else:
        assert [(e["line"], e["column"]) for e in payload["errors"]] == [(3, "Caption")]


def _stored_post_kept(db: Path, payload: dict, exit: int) -> None:
    views = _one(
        db,
        "SELECT views FROM post_totals WHERE post_id = "
        "(SELECT post_id FROM posts WHERE url = 'https://www.instagram.com/reel/DwcV2QnnrEs/')",
    )
    assert views is not None and views >= 0


def _newer_export(db: Path, payload: dict, exit: int) -> None:
    post = "tiktok:7791131224420248254"
    assert _query(db, "SELECT views, likes FROM post_totals WHERE post_id = ?", [post]) == [
        (180000, 9100)
    ]
    dates = _query(
        db, "SELECT metric_date::TEXT FROM post_metrics WHERE post_id = ? ORDER BY 1", [post]
    )
    assert ("2026-10-25",) in dates and ("2026-11-30",) in dates, "the history is kept"
    assert _one(db, "SELECT campaign_id FROM posts WHERE post_id = ?", [post]) == (
        "trail-series-2026"
    )


def _unknown_posts(column: str, lines: list[int]):
    """Rows naming a post Sillage does not know: rejected with their line, or at least counted."""

    def check(db: Path, payload: dict, exit: int) -> None:
        if payload["rows_rejected"]:
            found = [(e["line"], e["column"]) for e in payload["errors"]]
            assert found == [(line, column) for line in lines], found
        else:
            notes = " ".join(payload.get("notes", []))
            assert "post" in notes and str(len(lines)) in notes, payload

    return check


def _names_both_clients(db: Path, payload: dict, exit: int) -> None:
    assert "Maison Aurore" in payload["refused"] and "Stride Lab" in payload["refused"]
    assert (
        _one(db, "SELECT count(*) FROM campaigns WHERE campaign_id LIKE 'spring-run-2025-%'") == 0
    )


PHISH = "[Renew your access here](https://phish.example/login) :red[urgent]"
CHECKS = {
    "inject_campaign_markdown.csv": _campaign_named(PHISH),
    "inject_campaign_arg_markdown.csv": _campaign_named(PHISH),
    "inject_client_html.csv": _client_named("<script>alert('client')</script> **Acme**"),
    "inject_sql_campaign.csv": _client_named("Robert'); DROP TABLE clients;--"),
    "inject_caption_markdown.csv": _captions(
        "**Click** [here](https://phish.example/login) :red[now]",
        "<script>alert(document.cookie)</script>",
    ),
    "inject_header_markdown.csv": _stored_unused("[Click me](https://phish.example) :red[x]"),
    "formula_text_cells.csv": _captions(
        '=HYPERLINK("https://phish.example","Click")', "@SUM(A1:A9)"
    ),
    "unquoted_comma_last_column.csv": _no_cut_caption,
    "english_space_comma_number.csv": _not_12345,
    "french_locale_numbers.csv": _french_numbers,
    "english_k_suffix.csv": _k_suffix,
    "header_repeated_mid_file.csv": _no_header_creator,
    "survey_answer_twice.csv": _one_answer,
    "five_thousand_columns.csv": _five_thousand,
    "duplicate_rows.csv": _merged_one,
    "cp1252_french.csv": _cp1252,
    "duplicate_headers.csv": _first_of_duplicates,
    "stray_quote_mid_field.csv": _captions('He said "go" loud'),
    "control_characters.csv": _captions("bell\x07 backspace\x08 escape\x1b[31mred\x1b[0m"),
    "cr_only_line_ends.csv": _three_rows,
    "utf16le_no_bom.csv": _three_rows,
    "utf16be_no_bom.csv": _three_rows,
    "utf16le_bom.csv": _three_rows,
    "one_megabyte_caption.csv": _big_caption,
    "negative_views_existing_post.csv": _stored_post_kept,
    "newer_export_existing_post.csv": _newer_export,
    "exposures_unknown_posts.csv": _unknown_posts("post id", [3, 4]),
    "comments_unknown_posts.csv": _unknown_posts("Post link", [3]),
    "move_to_other_client.csv": _names_both_clients,
    "campaign_id_other_client.csv": _names_both_clients,
}


def test_corpus_is_listed() -> None:
    """At least 75 committed files, each in cases.json and the README."""
    readme = (HOSTILE / "README.md").read_text(encoding="utf-8")
    files = {c["file"] for c in CASES}
    on_disk = {p.name for p in HOSTILE.glob("*.csv")}
    assert on_disk == files
    assert len(files) >= 75
    for name in files:
        assert f"`{name}`" in readme, name
    assert set(XFAIL) <= files | {"overlong_first_line.csv", "one_megabyte_caption.csv"}
