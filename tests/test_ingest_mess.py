"""Locale and mess cases from real exports, written as inline bytes so each case reads on its own."""

from __future__ import annotations

import codecs
import datetime as dt
import io
from pathlib import Path

import pytest

from ingest import Assignment, ingest_path, ingest_stream
from store.db import connect

ASSIGNMENT = Assignment(
    campaign_id="Mess", client_name="Client", creator_handle="tester", as_of=dt.date(2026, 10, 2)
)

YOUTUBE_HEADER = "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Impressions"
META_FR_HEADER = (
    "Début des rapports;Fin des rapports;Nom de la campagne;Nom de l'ensemble de publicités;"
    "Nom de la publicité;Montant dépensé (EUR);Impressions;Couverture;Répétition;Clics sur un lien"
)


def load(db_path: Path, name: str, data: bytes, assignment: Assignment = ASSIGNMENT):
    return ingest_stream(db_path, name, io.BytesIO(data), len(data), assignment)


def rows(db_path: Path, query: str) -> list[tuple]:
    with connect(db_path, read_only=True) as connection:
        return connection.execute(query).fetchall()


META_FR_TEXT = (
    META_FR_HEADER + "\n"
    "01/09/2026;30/09/2026;Mess;A;Vidéo é;1 234,56;150 000;70 000;2,14;1 400\n"
    "13/09/2026;30/09/2026;Mess;A;Vidéo €;542,5;60 000;28 000;2,14;500\n"
)


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16-le-bom", "utf-16-be-bom", "cp1252"],
)
def test_encodings_load_the_same_rows(db_path: Path, encoding: str):
    text = META_FR_TEXT
    if encoding == "utf-16-le-bom":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    result = load(db_path, "ads.csv", data)
    assert result.refused is None, result.refused
    assert result.rows_loaded == 2
    assert rows(db_path, "SELECT ad_name, spend FROM ad_delivery ORDER BY spend") == [
        ("Vidéo €", 542.5),
        ("Vidéo é", 1234.56),
    ]
    with connect(db_path, read_only=True) as connection:
        assert connection.execute("SELECT encoding FROM uploads").fetchone()[0] == encoding


def test_utf16_with_sep_line_as_meta_exports_it(db_path: Path):
    text = "sep=,\n" + YOUTUBE_HEADER + '\nabc123,Clip,2026-09-01,60,"1,500",2.5,1,"10,000"\n'
    data = codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le")
    result = load(db_path, "Table data.csv", data)
    assert (result.format, result.rows_loaded) == ("youtube_table", 1)
    assert rows(db_path, "SELECT views, impressions FROM post_metrics") == [(1500, 10000)]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_separators(db_path: Path, delimiter: str):
    header = YOUTUBE_HEADER.replace(",", delimiter)
    line = delimiter.join(["abc123", "Clip", "2026-09-01", "60", "1500", "2.5", "1", "10000"])
    result = load(db_path, "table.csv", f"{header}\n{line}\n".encode())
    assert (result.format, result.rows_loaded, result.rows_rejected) == ("youtube_table", 1, 0)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1 234", 1234),  # plain space
        ("1\u00a0234", 1234),  # no-break space
        ("1\u202f234", 1234),  # narrow no-break space (French exports)
        ("1\u2009234", 1234),  # thin space
        ("1.234", 1234),  # dot as thousands separator in a decimal-comma file
        ("1,2 k", 1200),
        ("1.2K", 1200),
        ("475.8m", 475800000),
        ("3", 3),
    ],
)
def test_french_numbers(db_path: Path, cell: str, expected: int):
    text = META_FR_HEADER + f"\n01/09/2026;30/09/2026;Mess;A;V;12,5;{cell};70;2,14;1\n"
    result = load(db_path, "ads.csv", text.encode())
    assert result.rows_rejected == 0, result.errors
    assert rows(db_path, "SELECT impressions, spend FROM ad_delivery") == [(expected, 12.5)]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("15,000", 15000), ("1,234,567", 1234567), ("1.2K", 1200), ("2.4M", 2400000), ("'", None)],
)
def test_english_numbers(db_path: Path, cell: str, expected: int | None):
    text = YOUTUBE_HEADER + f'\nabc123,Clip,2026-09-01,60,"{cell}",2.5,1,10\n'
    result = load(db_path, "table.csv", text.encode())
    if expected is None:
        assert result.rows_rejected == 1
        assert result.errors[0].column == "Views"
        assert result.errors[0].line == 2
    else:
        assert rows(db_path, "SELECT views FROM post_metrics") == [(expected,)]


def test_percent_cells_become_shares(db_path: Path):
    text = (
        "brand_lift_metric,brand_lift_exposed_responses,brand_lift_baseline_responses,"
        "brand_lift_exposed_positive_response_rate,brand_lift_baseline_positive_response_rate\n"
        "Ad recall,100,100,3%,0.02\n"
    )
    result = load(db_path, "lift.csv", text.encode())
    assert result.rows_loaded == 1
    assert rows(db_path, 'SELECT "group", positive_rate FROM survey_results ORDER BY 1') == [
        ("control", 0.02),
        ("exposed", 0.03),
    ]


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        # One value with a day over 12 decides the whole file: day-first.
        (["03/04/2026", "25/04/2026"], [dt.date(2026, 4, 3), dt.date(2026, 4, 25)]),
        # One value with a month position over 12 decides month-first.
        (["03/04/2026", "04/25/2026"], [dt.date(2026, 3, 4), dt.date(2026, 4, 25)]),
        (["2026-04-03", "2026-04-25"], [dt.date(2026, 4, 3), dt.date(2026, 4, 25)]),
        (["Apr 3, 2026", "Apr 25, 2026"], [dt.date(2026, 4, 3), dt.date(2026, 4, 25)]),
        (["3 avr. 2026", "25 déc. 2026"], [dt.date(2026, 4, 3), dt.date(2026, 12, 25)]),
        (
            ["2026-04-03T10:00:00+0200", "2026-04-25T23:30:00-0100"],
            [dt.date(2026, 4, 3), dt.date(2026, 4, 26)],
        ),
    ],
)
def test_dates_decided_per_file(db_path: Path, dates: list[str], expected: list[dt.date]):
    lines = [YOUTUBE_HEADER] + [f'id{i},Clip,"{d}",60,{i + 1},1,1,1' for i, d in enumerate(dates)]
    result = load(db_path, "table.csv", "\n".join(lines).encode())
    assert result.rows_rejected == 0, result.errors
    assert rows(db_path, "SELECT posted_at::DATE FROM posts ORDER BY native_id") == [
        (d,) for d in expected
    ]


def test_ambiguous_dates_follow_the_locale(db_path: Path):
    # 03/04/2026 alone could be either; a French file means 3 April.
    text = META_FR_HEADER + "\n03/04/2026;03/05/2026;Mess;A;V;1;1;1;1;1\n"
    load(db_path, "ads.csv", text.encode())
    assert rows(db_path, "SELECT date_start, date_end FROM ad_delivery") == [
        (dt.date(2026, 4, 3), dt.date(2026, 5, 3))
    ]


def test_totals_rows_and_trailing_junk_lines(db_path: Path):
    text = (
        YOUTUBE_HEADER + "\n"
        "Total,,,,3000,9,2,30\n"
        "a1,One,2026-09-01,60,1000,3,1,10\n"
        "a2,Two,2026-09-02,60,2000,6,1,20\n"
        "\n"
        "Exported from YouTube Studio on 2026-10-01\n"
    )
    result = load(db_path, "table.csv", text.encode())
    assert (result.rows_loaded, result.rows_skipped, result.rows_rejected) == (2, 1, 1)
    assert result.errors[0].line == 6
    assert "not a data row" in result.errors[0].reason
    assert rows(db_path, "SELECT sum(views) FROM post_metrics") == [(3000,)]


def test_duplicate_rows_in_one_file_are_merged(db_path: Path):
    line = "a1,One,2026-09-01,60,1000,3,1,10"
    result = load(db_path, "table.csv", f"{YOUTUBE_HEADER}\n{line}\n{line}\n".encode())
    assert result.rows_loaded == 1
    assert any("merged" in note for note in result.notes)
    assert rows(db_path, "SELECT count(*) FROM post_metrics") == [(1,)]


def test_rejected_rows_name_file_line_column_and_reason(db_path: Path):
    text = (
        YOUTUBE_HEADER + "\n"
        'a1,"Title with a\nline break",2026-09-01,60,1000,3,1,10\n'
        "a2,Two,not a date,60,2000,6,1,20\n"
        "a3,Three,2026-09-03,60,lots,6,1,20\n"
        ",Four,2026-09-04,60,5,6,1,20\n"
        "a5,Five,2026-09-05,60,7,6,1\n"
    )
    result = load(db_path, "table.csv", text.encode())
    assert result.rows_loaded == 1
    assert result.rows_rejected == 4
    found = [(e.line, e.column, e.reason) for e in result.errors]
    assert found == [
        (4, "Video publish time", "expected a date, found 'not a date'"),
        (5, "Views", "expected a whole number, found 'lots'"),
        (6, "Content", "a value is required here"),
        (7, None, found[3][2]),
    ]
    assert "not a data row" in found[3][2]


def test_rejected_rows_of_a_long_daily_file_keep_their_lines(db_path: Path):
    # Dates repeat over many rows, as in a real per-day export: they are read once per distinct
    # text, and a bad one must still be reported on its own line, beside the row's other errors.
    lines = ["Date,Content,Video title,Video publish time,Duration,Views"]
    for i in range(60):
        title = '"Two\nlines"' if i == 5 else f"Video {i % 7}"
        lines.append(f"2026-09-0{1 + i % 3},v{i % 7},{title},2026-08-0{1 + i % 7},60,{100 + i}")
    lines[31] = "someday,v3,Video 3,2026-08-04,60,lots"
    lines[41] = "2026-09-01, Total,,,,999"
    lines[51] = "2026-09-02,v4,Video 4,,60,"
    result = load(db_path, "chart.csv", ("\n".join(lines) + "\n").encode())
    assert result.rows_read == 60
    assert (result.rows_loaded, result.rows_rejected, result.rows_skipped) == (21, 1, 1)
    found = [(e.line, e.column, e.reason) for e in result.errors]
    assert found == [
        (33, "Date", "expected a date, found 'someday'"),
        (33, "Views", "expected a whole number, found 'lots'"),
    ]
    assert rows(
        db_path, "SELECT count(*), min(metric_date), max(metric_date) FROM post_metrics"
    ) == [(21, dt.date(2026, 9, 1), dt.date(2026, 9, 3))]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "blank"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook"),
        (bytes(range(256)) * 4, "binary"),
        (b"just one line of text without separators\n", "header row"),
    ],
)
def test_files_that_are_not_csv_get_a_plain_message(db_path: Path, data: bytes, message: str):
    before = load(
        db_path, "good.csv", f"{YOUTUBE_HEADER}\na1,One,2026-09-01,60,1000,3,1,10\n".encode()
    )
    assert before.rows_loaded == 1
    result = load(db_path, "upload.bin", data)
    assert result.refused is not None
    assert result.refused.startswith("upload.bin: ")
    assert message in result.refused
    assert rows(db_path, "SELECT count(*) FROM post_metrics") == [(1,)]
    # The refused upload is still on record, with its bytes kept.
    assert rows(db_path, "SELECT status FROM uploads ORDER BY upload_id") == [
        ("loaded",),
        ("refused",),
    ]


@pytest.mark.parametrize(
    "name", ["../../x.csv", "/etc/passwd", "a\x00b.csv", "..\\..\\win.csv", "C:\\x.csv"]
)
def test_file_names_never_become_paths(db_path: Path, tmp_path: Path, name: str):
    result = load(db_path, name, f"{YOUTUBE_HEADER}\na1,One,2026-09-01,60,1000,3,1,10\n".encode())
    assert result.rows_loaded == 1
    kept = Path(rows(db_path, "SELECT raw_path FROM uploads")[0][0])
    assert kept.parent == tmp_path / "sillage.files"
    assert kept.read_bytes().startswith(b"Content,")
    # Nothing was written outside the archive next to the database.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sillage.duckdb", "sillage.files"]


def test_file_over_the_size_limit_is_refused_with_both_sizes(db_path: Path, monkeypatch):
    monkeypatch.setenv("SILLAGE_MAX_UPLOAD_MB", "1")
    data = (YOUTUBE_HEADER + "\n").encode() + b"a1,One,2026-09-01,60,1000,3,1,10\n" * 40_000
    result = load(db_path, "big.csv", data)
    assert (
        result.refused == "big.csv is 1.3 MiB; the limit is 1 MiB (setting SILLAGE_MAX_UPLOAD_MB)"
    )
    assert rows(db_path, "SELECT count(*) FROM uploads") == [(0,)]


def test_size_limit_holds_for_streams_of_unknown_size(db_path: Path, monkeypatch):
    monkeypatch.setenv("SILLAGE_MAX_UPLOAD_MB", "1")
    data = (YOUTUBE_HEADER + "\n").encode() + b"a1,One,2026-09-01,60,1000,3,1,10\n" * 40_000
    result = ingest_stream(db_path, "big.csv", io.BytesIO(data), None, ASSIGNMENT)
    assert "limit is 1 MiB" in result.refused
    assert not list((db_path.parent / "sillage.files").glob("*.raw"))


def test_path_ingest_reads_from_disk(db_path: Path, tmp_path: Path):
    source = tmp_path / "export.csv"
    source.write_text(f"{YOUTUBE_HEADER}\na1,One,2026-09-01,60,1000,3,1,10\n", encoding="utf-8")
    assert ingest_path(db_path, source, ASSIGNMENT).rows_loaded == 1


@pytest.mark.parametrize(
    ("header", "cell", "expected"),
    [
        ("Click-through rate (%)", "0,8", 0.008),  # a percent header: every value is in percent
        ("Click-through rate (%)", "12,5", 0.125),
        ("Positive rate", "0.4", 0.4),  # no percent anywhere: already a share
        ("Positive rate", "40%", 0.4),
        ("Positive rate", "40", 0.4),
    ],
)
def test_rates_in_percent_or_as_shares(header: str, cell: str, expected: float):
    import duckdb

    from ingest.parsing import MACROS, typed_sql

    connection = duckdb.connect()
    connection.execute(MACROS)
    sql = typed_sql("x", "rate", "," in cell, ([], False), percent_header="%" in header)
    assert connection.execute(f"SELECT {sql} FROM (SELECT ? AS x)", [cell]).fetchone()[
        0
    ] == pytest.approx(expected)


def test_a_repeated_post_and_day_keeps_its_last_row(db_path: Path):
    # The per-day writer proves a file's (post, day) keys distinct with a bitmap of days per post.
    text = (
        "Date,Content,Video title,Video publish time,Duration,Views\n"
        "2026-09-01,v1,First title,2026-08-01,60,10\n"
        "2026-09-02,v1,First title,2026-08-01,60,20\n"
        "2026-09-01,v2,Other,2026-08-02,60,5\n"
        "2026-09-01,v1,Last title,2026-08-01,60,11\n"
    )
    result = load(db_path, "chart.csv", text.encode())
    assert (result.rows_loaded, result.rows_rejected) == (3, 0)
    assert any("merged" in note for note in result.notes)
    assert rows(db_path, "SELECT post_id, metric_date, views FROM post_metrics ORDER BY ALL") == [
        ("youtube:v1", dt.date(2026, 9, 1), 11),
        ("youtube:v1", dt.date(2026, 9, 2), 20),
        ("youtube:v2", dt.date(2026, 9, 1), 5),
    ]
    assert rows(db_path, "SELECT post_id, title FROM posts ORDER BY ALL") == [
        ("youtube:v1", "Last title"),
        ("youtube:v2", "Other"),
    ]


@pytest.mark.parametrize("repeat", [True, False])
def test_days_spread_over_years_are_checked_for_repeats_too(db_path: Path, repeat: bool):
    # Beyond the bitmap's span the keys are counted instead: the same outcome either way.
    lines = ["Date,Content,Video title,Video publish time,Duration,Views"]
    lines += [f"{2010 + i}-09-01,v1,Title,2009-08-01,60,{i}" for i in range(8)]
    if repeat:
        lines.append("2010-09-01,v1,Title,2009-08-01,60,99")
    result = load(db_path, "chart.csv", ("\n".join(lines) + "\n").encode())
    assert (result.rows_loaded, result.rows_rejected) == (8, 0)
    assert any("merged" in note for note in result.notes) == repeat
    assert rows(
        db_path, "SELECT views FROM post_metrics WHERE metric_date = DATE '2010-09-01'"
    ) == [(99 if repeat else 0,)]


@pytest.mark.parametrize(
    "cell",
    ["abc", " abc", "abc ", "\u00a0abc\u202f", "\u3000", "   ", "", "\tabc\t", "é", "a\u0600 ",
     "e\u0301", "\u2000a\u200a", "a b"],
)  # fmt: skip
def test_text_cells_are_trimmed_as_trim_does(cell: str):
    import duckdb

    from ingest.parsing import text_sql

    connection = duckdb.connect()
    got, want = connection.execute(
        f"SELECT {text_sql('x')}, nullif(trim(x), '') FROM (SELECT ?::VARCHAR AS x)", [cell]
    ).fetchone()
    assert got == want
    assert connection.execute(f"SELECT {text_sql('NULL::VARCHAR')}").fetchone()[0] is None


def test_the_fast_text_path_knows_every_space_trim_removes():
    import unicodedata

    import duckdb

    from ingest.parsing import TRIMMED_SPACES, text_sql

    spaces = [cp for cp in range(0x3100) if unicodedata.category(chr(cp)) == "Zs"]
    assert sorted(TRIMMED_SPACES) == spaces
    cells = [f"{chr(cp)}a{chr(cp)}" for cp in range(0x3100) if not 0xD800 <= cp <= 0xDFFF]
    differ = (
        duckdb.connect()
        .execute(
            f"SELECT list(x) FROM (SELECT unnest(?::VARCHAR[]) AS x) "
            f"WHERE {text_sql('x')} IS DISTINCT FROM nullif(trim(x), '')",
            [cells],
        )
        .fetchone()[0]
    )
    assert not differ


@pytest.mark.parametrize(
    ("text", "titles", "headers"),
    [
        # Google Ads: a report title and its date range (quoted or not) above the header.
        ('Campaign report\n"Sep 1, 2026 - Sep 30, 2026"\nDay,Campaign,Cost\n2026-09-01,A,1\n'
         "2026-09-02,A,2\n", 2, ["Day", "Campaign", "Cost"]),
        ("Campaign report\nSep 1, 2026 - Sep 30, 2026\nDay,Campaign,Cost\n2026-09-01,A,1\n", 2,
         ["Day", "Campaign", "Cost"]),
        ("Rapport\n1 sept. 2026 - 30 sept. 2026\nJour;Campagne;Coût\n01/09/2026;A;1\n", 2,
         ["Jour", "Campagne", "Coût"]),
        # No title: a two-column header stays the header, and so does a header over short rows.
        ("Date,Views\n2026-09-01,10\n", 0, ["Date", "Views"]),
        ("Post,Creator,Views\nA,b\nC,d\n", 0, ["Post", "Creator", "Views"]),
    ],
)  # fmt: skip
def test_report_title_lines_above_the_header_are_passed(tmp_path: Path, text, titles, headers):
    from ingest.sniff import sniff

    path = tmp_path / "report.csv"
    path.write_text(text, encoding="utf-8")
    sniffed = sniff(path)
    assert (sniffed.preamble_lines, sniffed.headers) == (titles, headers)
