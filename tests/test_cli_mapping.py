"""``sillage ingest --mapping`` and ``sillage mapping list|export``: scripted loads need no page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"
SHAPES = DATA / "shapes"
SILLAGE = str(Path(sys.executable).with_name("sillage"))


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SILLAGE, *args], capture_output=True, text=True, timeout=120)


def test_ingest_with_a_mapping_then_list_and_export_round_trip(tmp_path: Path):
    db = str(tmp_path / "one.duckdb")
    done = run(
        "ingest", "--db", db, "--client", "Maison Lune",
        "--mapping", str(SHAPES / "vendor_onehot.map.json"), str(SHAPES / "vendor_onehot.csv"),
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    line = json.loads(done.stdout)
    assert (line["format"], line["rows_read"], line["rows_loaded"]) == (
        "survey_respondents",
        30,
        24,
    )
    assert (line["rows_rejected"], line["rows_skipped"], line["rows_merged"]) == (0, 6, 0)
    assert line["skipped_reasons"] == {"respondent with no answer": 6}
    assert line["columns_unused"] == []

    listed = run("mapping", "list", "--db", db)
    assert listed.returncode == 0, listed.stderr
    (saved,) = [json.loads(row) for row in listed.stdout.splitlines()]
    original = json.loads((SHAPES / "vendor_onehot.map.json").read_text(encoding="utf-8"))
    assert saved["signature"] == "auction_id|experiment|yes|no|would you consider buying x?"
    assert {k: v for k, v in saved.items() if k not in ("signature", "saved_at")} == original

    out = tmp_path / "exported.json"
    exported = run(
        "mapping", "export", "--db", db, str(SHAPES / "vendor_onehot.csv"), "-o", str(out)
    )
    assert exported.returncode == 0, exported.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["questions"] == original["questions"]
    everything = run("mapping", "export", "--db", db)
    assert [m["format"] for m in json.loads(everything.stdout)] == ["survey_respondents"]

    # The exported JSON loads the same file into another database with the same counts.
    again = run(
        "ingest", "--db", str(tmp_path / "two.duckdb"), "--client", "Maison Lune",
        "--mapping", str(out), str(SHAPES / "vendor_onehot.csv"),
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    second = json.loads(again.stdout)
    assert {k: second[k] for k in line if k != "file"} == {k: line[k] for k in line if k != "file"}


def test_export_of_an_unknown_layout_says_so(tmp_path: Path):
    done = run("mapping", "export", "--db", str(tmp_path / "x.duckdb"), "no|such|layout")
    assert done.returncode == 1
    assert "no mapping is saved for no|such|layout" in done.stderr


def test_a_wrong_mapping_file_is_refused_with_the_key_named(tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "survey_respondents", "fields": {"respondant": "id"}}))
    done = run("ingest", "--db", str(tmp_path / "x.duckdb"), "--mapping", str(bad), str(bad))
    assert done.returncode == 2
    assert "bad.json: \"fields\": survey_respondents has no field 'respondant'" in done.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ')
    done = run("ingest", "--db", str(tmp_path / "x.duckdb"), "--mapping", str(broken), str(bad))
    assert done.returncode == 2 and "not valid JSON" in done.stderr


def test_account_overviews_without_creator_are_refused(tmp_path: Path):
    db = str(tmp_path / "tiktok.duckdb")
    overview = str(DATA / "formats" / "tiktok_overview__en.csv")
    done = run("ingest", "--db", db, overview)
    assert done.returncode == 1
    refused = json.loads(done.stdout)["refused"]
    assert refused.endswith("name the account's handle (--creator HANDLE)")
    assert run("ingest", "--db", db, overview, "--creator", "lea").returncode == 0
    assert run("ingest", "--db", db, overview, "--creator", "tom").returncode == 0
