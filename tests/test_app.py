"""The dashboard run by Streamlit's AppTest: start-up, upload flow, column mapping, campaign edits."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
import types
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ingest import Assignment, ingest_path
from ingest.writers import ensure_campaign
from store.campaigns import get_campaign
from store.db import connect
from tests.apptables import merged_tables
from ui import upload
from ui.campaign import check_settings, targets_frame, targets_from_frame
from ui.tables import csv_bytes, csv_safe

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
TIKTOK = DATA / "app_tiktok.csv"
UNKNOWN = DATA / "app_unknown.csv"
TIMEOUT = 60


def _demo_available() -> bool:
    try:
        return importlib.util.find_spec("sample_data.loader") is not None
    except ModuleNotFoundError:
        return False


DEMO_AVAILABLE = _demo_available()


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty database path handed to the app through SILLAGE_DB, as ``sillage serve`` does."""
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("SILLAGE_DB", str(path))
    return path


def upload_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "upload.py"), default_timeout=TIMEOUT)
    return at.run()


def by_label(widgets, label: str):
    return next(w for w in widgets if w.label == label)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def shown(markdown: str) -> str:
    """Markdown source as the reader sees it (backslash escapes removed)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(at: AppTest) -> str:
    return "\n".join(shown(m.value) for m in at.markdown)


def load_into_new_campaign(at: AppTest, files, client: str, campaign: str) -> AppTest:
    """Upload ``files``, send them to a new client and campaign, and press Load."""
    at.file_uploader[0].set_value(files)
    at.run()
    by_label(at.selectbox, "Client").set_value(upload.NEW_CLIENT)
    at.run()
    by_label(at.text_input, "New client name").input(client)
    by_label(at.selectbox, "Campaign").set_value(upload.NEW_CAMPAIGN)
    at.run()
    by_label(at.text_input, "New campaign name").input(campaign)
    at.run()
    load = next(b for b in at.button if b.label.startswith("Load "))
    assert not load.disabled
    return load.click().run()


def assert_not_held_open(db_path: Path) -> None:
    # Inside one process DuckDB refuses a read-only open while a read-write one is still alive.
    duckdb.connect(str(db_path), read_only=True).close()


def test_app_starts_on_an_empty_database(app_db: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()

    assert not at.exception
    assert at.title[0].value == "Sillage"
    if DEMO_AVAILABLE:
        from sample_data.loader import demo_loaded

        assert demo_loaded(app_db)
        assert not at.info, "the home page should show the sample data, not the empty state"
    else:
        assert "No campaign yet" in at.info[0].value
    assert_not_held_open(app_db)


def fake_demo_loader(calls: list[Path]) -> types.ModuleType:
    """A stand-in for sample_data.loader that loads one small export and records each call."""
    module = types.ModuleType("sample_data.loader")

    def load_demo(db_path: Path) -> list:
        calls.append(Path(db_path))
        assignment = Assignment(campaign_id="Demo launch", client_name="Demo client")
        return [ingest_path(Path(db_path), TIKTOK, assignment)]

    def demo_loaded(db_path: Path) -> bool:
        with connect(db_path, read_only=True) as connection:
            found = "SELECT count(*) FROM campaigns WHERE campaign_id = 'demo-launch'"
            return connection.execute(found).fetchone()[0] > 0

    def read_manifest() -> dict:
        return {"campaigns": [{"client": "Demo client", "name": "Demo launch"}]}

    module.load_demo = load_demo
    module.demo_loaded = demo_loaded
    module.read_manifest = read_manifest
    return module


def test_first_start_loads_the_demo_once(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    monkeypatch.setitem(sys.modules, "sample_data.loader", fake_demo_loader(calls))

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()  # another session

    assert not at.exception
    assert calls == [app_db.resolve()]
    assert any("sample data is loaded: Demo client and their" in shown(c.value) for c in at.caption)
    assert {m.label: m.value for m in at.metric}["Files loaded"] == "1"


def test_no_demo_over_a_database_that_has_uploads(
    app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_path(app_db, TIKTOK, Assignment(campaign_id="Real launch", client_name="Real client"))
    calls: list[Path] = []
    monkeypatch.setitem(sys.modules, "sample_data.loader", fake_demo_loader(calls))

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()

    assert not at.exception
    assert calls == []
    assert not any("sample data is loaded" in c.value for c in at.caption)


def test_home_lists_campaigns_and_recent_uploads(app_db: Path) -> None:
    result = ingest_path(
        app_db, TIKTOK, Assignment(campaign_id="Rentrée 2026", client_name="Aurore")
    )
    assert result.loaded

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()

    assert not at.exception
    assert {m.label for m in at.metric} >= {"Clients", "Campaigns", "Posts", "Files loaded"}
    campaigns, uploads = merged_tables(at)
    assert "Rentrée 2026" in set(campaigns["Campaign"])
    assert "app_tiktok.csv" in set(uploads["File"])
    assert "TikTok — video list" in set(uploads["Format"])


def test_upload_page_switch_from_app(app_db: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    at.switch_page("pages/upload.py").run()

    assert not at.exception
    assert at.title[0].value == "Upload exports"
    assert at.file_uploader[0].accept_multiple_files


def test_upload_and_home_pages_speak_french(app_db: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = "fr"
    at.run()
    assert not at.exception
    assert at.caption[0].value.startswith("Les campagnes d'influence")
    at.switch_page("pages/upload.py").run()
    assert not at.exception
    assert at.title[0].value == "Charger des exports"


def test_upload_shows_the_result_card(app_db: Path) -> None:
    at = load_into_new_campaign(
        upload_page(),
        ("app_tiktok.csv", TIKTOK.read_bytes(), "text/csv"),
        "Maison Aurore",
        "Rentrée 2026",
    )

    assert not at.exception
    assert "Format detected: **TikTok — video list**" in texts(at)
    assert metrics(at) == {
        "Rows read": "3",
        "Rows loaded": "2",
        "Rows rejected": "1",
        "Rows skipped": "0",
    }
    errors = at.dataframe[0].value
    assert errors.to_dict("records") == [
        {"Line": 4, "Column": "Total likes", "Reason": "expected a whole number, found 'abc'"}
    ]
    assert any("Maison Aurore · Rentrée 2026" in shown(c.value) for c in at.caption)
    with connect(app_db, read_only=True) as connection:
        posts = connection.execute(
            "SELECT count(*) FROM posts WHERE campaign_id = 'rentree-2026'"
        ).fetchone()[0]
    assert posts == 2
    assert_not_held_open(app_db)


def test_the_loaded_campaign_opens_in_the_settings_and_the_url(app_db: Path) -> None:
    at = load_into_new_campaign(
        upload_page(),
        ("app_tiktok.csv", TIKTOK.read_bytes(), "text/csv"),
        "Maison Aurore",
        "Rentrée 2026",
    )

    assert by_label(at.selectbox, "Campaign to edit").value == "rentree-2026"
    assert at.query_params["campaign"] == "rentree-2026"


def test_several_files_at_once_each_get_a_card(app_db: Path) -> None:
    files = [
        ("app_tiktok.csv", TIKTOK.read_bytes(), "text/csv"),
        ("report.pdf", b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\n", "application/pdf"),
    ]
    at = load_into_new_campaign(upload_page(), files, "Maison Aurore", "Rentrée 2026")

    assert not at.exception
    assert [shown(h.value) for h in at.markdown if h.value.startswith("####")] == [
        "#### app_tiktok.csv",
        "#### report.pdf",
    ]
    assert metrics(at)["Rows loaded"] == "2"


def test_a_pdf_is_refused_in_plain_words(app_db: Path) -> None:
    at = upload_page()
    at.file_uploader[0].set_value(
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf")
    )
    at.run()
    assert "will be refused: this is a PDF document" in texts(at)

    at = load_into_new_campaign(
        at, ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf"), "Aurore", "Q4"
    )

    assert not at.exception
    assert [shown(e.value) for e in at.error] == [
        "Not loaded. report.pdf: this is a PDF document, not a CSV file"
    ]
    assert not at.metric


def test_an_unknown_csv_shows_the_mapping_screen_and_loads_once_mapped(app_db: Path) -> None:
    at = load_into_new_campaign(
        upload_page(), ("app_unknown.csv", UNKNOWN.read_bytes(), "text/csv"), "Aurore", "Q4"
    )

    assert not at.exception
    assert "does not recognise these columns" in at.warning[0].value
    chooser = by_label(at.selectbox, "What does this file hold?")
    assert chooser.value is None
    preview = at.dataframe[0].value
    assert list(preview.columns) == ["Influencer", "Clip URL", "Plays", "Hearts", "Posted"]
    assert len(preview) == 3

    chooser.set_value("tiktok_videos").run()
    fields = {s.label: s for s in at.selectbox if s.key and ".tiktok_videos." in s.key}
    assert {"Link *", "Views", "Likes", "Posted at"} <= set(fields)
    # Columns named like a field are suggested; the others wait for the user.
    assert (fields["Views"].value, fields["Likes"].value) == ("Plays", "Hearts")
    assert fields["Link *"].value == fields["Posted at"].value == upload.NOT_MAPPED
    assert any("saves this mapping" in c.value for c in at.caption)

    fields["Link *"].set_value("Clip URL")
    fields["Posted at"].set_value("Posted")
    by_label(at.button, "Load with this mapping").click().run()

    assert not at.exception
    assert "read with your column mapping" in texts(at)
    assert metrics(at)["Rows loaded"] == "3"
    assert metrics(at)["Rows rejected"] == "0"

    # The mapping is reused on its own for the next file with the same headers.
    at = upload_page()
    at.file_uploader[0].set_value(("again.csv", UNKNOWN.read_bytes(), "text/csv"))
    at.run()
    assert "(your saved column mapping)" in texts(at)


def test_mapping_without_required_fields_says_which(app_db: Path) -> None:
    at = load_into_new_campaign(
        upload_page(), ("app_unknown.csv", UNKNOWN.read_bytes(), "text/csv"), "Aurore", "Q4"
    )
    by_label(at.selectbox, "What does this file hold?").set_value("tiktok_videos").run()
    by_label(at.selectbox, "Views").set_value("Plays")
    by_label(at.button, "Load with this mapping").click().run()

    assert not at.exception
    assert at.error[0].value == "Choose a column for each required field: Link."


def test_a_new_campaign_cannot_take_another_clients_campaign(app_db: Path) -> None:
    with connect(app_db) as connection:
        ensure_campaign(connection, "Summer launch", "Brasserie Nord")

    at = upload_page()
    at.file_uploader[0].set_value(("app_tiktok.csv", TIKTOK.read_bytes(), "text/csv"))
    at.run()
    by_label(at.selectbox, "Client").set_value(upload.NEW_CLIENT).run()
    by_label(at.text_input, "New client name").input("Maison Aurore")
    by_label(at.selectbox, "Campaign").set_value(upload.NEW_CAMPAIGN).run()
    by_label(at.text_input, "New campaign name").input("summer LAUNCH").run()

    assert "already belongs to the client Brasserie Nord" in shown(at.warning[0].value)
    assert by_label(at.button, "Load 1 file").disabled


def test_existing_client_and_campaign_are_offered_not_chosen(app_db: Path) -> None:
    with connect(app_db) as connection:
        ensure_campaign(connection, "Summer launch", "Brasserie Nord")

    at = upload_page()
    at.file_uploader[0].set_value(("app_tiktok.csv", TIKTOK.read_bytes(), "text/csv"))
    at.run()

    client = by_label(at.selectbox, "Client")
    assert client.value is None
    assert "Brasserie Nord" in client.options
    assert by_label(at.button, "Load 1 file").disabled
    client.set_value("Brasserie Nord").run()
    campaign = by_label(at.selectbox, "Campaign")
    assert campaign.value is None
    assert by_label(at.button, "Load 1 file").disabled
    campaign.set_value("summer-launch").run()
    by_label(at.button, "Load 1 file").click().run()
    assert metrics(at)["Rows loaded"] == "2"


def test_campaign_settings_are_saved(app_db: Path) -> None:
    at = load_into_new_campaign(
        upload_page(),
        ("app_tiktok.csv", TIKTOK.read_bytes(), "text/csv"),
        "Maison Aurore",
        "Rentrée 2026",
    )
    by_label(at.selectbox, "Objective").set_value("awareness")
    by_label(at.date_input, "Start date").set_value(dt.date(2026, 9, 1))
    by_label(at.date_input, "End date").set_value(dt.date(2026, 10, 31))
    by_label(at.number_input, "Budget").set_value(12000.0)
    by_label(at.selectbox, "Currency").set_value("EUR")
    by_label(at.button, "Save campaign").click().run()

    assert not at.exception
    assert shown(at.success[0].value) == "Saved Maison Aurore · Rentrée 2026."
    with connect(app_db, read_only=True) as connection:
        campaign = get_campaign(connection, "rentree-2026")
    assert campaign is not None
    assert (campaign.objective, campaign.start_date, campaign.end_date) == (
        "awareness",
        dt.date(2026, 9, 1),
        dt.date(2026, 10, 31),
    )
    assert (campaign.budget, campaign.currency) == (12000.0, "EUR")


def test_campaign_dates_in_the_wrong_order_are_not_saved(app_db: Path) -> None:
    at = load_into_new_campaign(
        upload_page(), ("app_tiktok.csv", TIKTOK.read_bytes(), "text/csv"), "Aurore", "Q4"
    )
    with connect(app_db, read_only=True) as connection:
        before = get_campaign(connection, "q4")
    by_label(at.date_input, "Start date").set_value(dt.date(2026, 10, 31))
    by_label(at.date_input, "End date").set_value(dt.date(2026, 9, 1))
    by_label(at.button, "Save campaign").click().run()

    assert at.error[0].value.startswith("Not saved. The end date (2026-09-01) is before")
    with connect(app_db, read_only=True) as connection:
        assert get_campaign(connection, "q4") == before


@pytest.mark.parametrize(
    ("rows", "targets", "problems"),
    [
        ([("reach", 50000.0), ("cpc", 0.4)], {"reach": 50000.0, "cpc": 0.4}, []),
        ([("reach", None), ("cpc", 0.4)], {"cpc": 0.4}, []),
        ([(None, None)], {}, []),
        ([(None, 3.0)], {}, ["A target of 3 has no metric: choose one or delete the row."]),
        (
            [("reach", 1.0), ("reach", 2.0)],
            {"reach": 1.0},
            ["Reach (people) has two targets: keep one."],
        ),
    ],
)
def test_targets_from_the_editor(rows, targets, problems) -> None:
    frame = pd.DataFrame(rows, columns=["metric", "target"]).astype({"target": "float64"})
    assert targets_from_frame(frame) == (targets, problems)


def test_targets_offer_the_objectives_metrics_until_some_are_saved() -> None:
    assert list(targets_frame({}, "conversion")["metric"]) == [
        "clicks",
        "cpc",
        "purchase_intent_lift",
    ]
    assert targets_frame({"reach": 10.0}, "conversion").to_dict("records") == [
        {"metric": "reach", "target": 10.0}
    ]
    assert targets_frame({}, None).empty


def test_settings_checks() -> None:
    assert check_settings(dt.date(2026, 1, 2), dt.date(2026, 1, 1), None) == [
        "The end date (2026-01-01) is before the start date (2026-01-02)."
    ]
    assert check_settings(None, None, -1.0) == ["The budget cannot be negative."]
    assert check_settings(dt.date(2026, 1, 1), dt.date(2026, 1, 1), 0.0) == []


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 6 12", "'+33 6 12"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("plain.csv", "plain.csv"),
    ],
)
def test_table_downloads_neutralise_formulas(cell: str, safe: str) -> None:
    frame = pd.DataFrame({"File": [cell], "Rows": [-3]})
    assert csv_safe(frame).to_dict("records") == [{"File": safe, "Rows": -3}]
    assert csv_bytes(frame).startswith("\ufeffFile,Rows\r\n".encode()) or csv_bytes(
        frame
    ).startswith("\ufeffFile,Rows\n".encode())
