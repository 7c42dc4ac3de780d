"""Sponsored or organic on the pages: Disclosure leaves organic posts out and says so, Creators
compares sponsored with organic, and the upload choice returns a rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from metrics.disclosure import disclosure_rates
from metrics.filters import Filters
from metrics.organic import organic_baseline
from store import post_totals
from store.db import connect
from store.sponsorship import RULES
from tests.apptables import merged_tables
from ui.sponsorship import CHOICES, baseline_frame, changes, picker_frame

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120
CAMPAIGN = "collection-ete-2026"
CREATOR = "tiktok:emma.makeup"


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def with_organic(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo plus three organic posts of a creator who has three sponsored ones."""
    path = tmp_path / "sillage.duckdb"
    shutil.copyfile(demo_db, path)
    with connect(path) as connection:
        sponsored = connection.execute(
            "SELECT count(*) FROM posts WHERE campaign_id = ? AND creator_id = ? AND sponsored",
            [CAMPAIGN, CREATOR],
        ).fetchone()[0]
        assert sponsored == 3
        for i, views in enumerate([4_000, 6_000, 5_000]):
            post_id = f"tiktok:organic{i}"
            connection.execute(
                "INSERT INTO posts (post_id, platform, native_id, creator_id, campaign_id, "
                "posted_at, caption, url, sponsored) VALUES (?, 'tiktok', ?, ?, ?, ?, ?, ?, false)",
                [
                    post_id,
                    f"organic{i}",
                    CREATOR,
                    CAMPAIGN,
                    f"2026-03-0{i + 1} 12:00",
                    "Morning routine, no brand",
                    None,
                ],
            )
            connection.execute(
                "INSERT INTO post_metrics (post_id, metric_date, period, views, likes, comments) "
                "VALUES (?, '2026-05-01', 'lifetime', ?, ?, ?)",
                [post_id, views, views // 20, 10],
            )
        post_totals.rebuild(connection)
    monkeypatch.setenv("SILLAGE_DB", str(path))
    return path


def test_disclosure_leaves_organic_posts_out_and_says_so(with_organic: Path) -> None:
    at = open_page("pages/disclosure.py")
    with connect(with_organic) as connection:
        totals = disclosure_rates(connection, Filters(), "all").iloc[0]
        judged = disclosure_rates(connection, Filters(include_organic=True), "all").iloc[0]
    assert totals["posts"] == judged["posts"], "organic posts are never judged"
    shown = {m.label: m.value for m in at.metric}
    assert shown["Sponsored posts"] == f"{totals['posts']:,}"
    assert any("3 organic posts left out" in c.value for c in at.caption)
    posts = merged_tables(at)[2]
    assert not posts["post_id"].str.startswith("tiktok:organic").any()


def test_disclosure_offers_the_post_picker_to_the_admin(with_organic: Path) -> None:
    at = open_page("pages/disclosure.py", campaign=CAMPAIGN)
    assert any(e.label == "Which posts are sponsored?" for e in at.expander)
    editors = [d for d in at.dataframe if "sponsored" in d.value.columns]
    assert editors, "a table with a sponsored column"
    picker = editors[-1].value
    assert set(picker.loc[picker["sponsored"] == False, "snippet"]) == {  # noqa: E712
        "Morning routine, no brand"
    }
    assert set(picker["sponsored"]) == {True, False}
    shown = picker.astype(str)
    assert not shown.isin(["None", "nan", "NaT"]).any().any()


def test_creators_shows_the_organic_baseline(with_organic: Path) -> None:
    at = open_page("pages/creators.py")
    assert "Sponsored vs organic" in [h.value for h in at.subheader]
    with connect(with_organic) as connection:
        overall = organic_baseline(connection, Filters(), "all").iloc[0]
    assert overall["views_ratio"] is not None
    shown = {m.label: m.value for m in at.metric}
    assert shown["Views per post, sponsored / organic"] == f"×{overall['views_ratio']:,.2f}"
    by_creator = at.dataframe[-1].value
    assert "@emma.makeup (TikTok)" in set(by_creator["creator"])
    for frame in (d.value for d in at.dataframe[-2:]):
        text = frame.astype(str)
        assert not text.isin(["None", "nan", "NaT"]).any().any()


def test_creators_without_organic_posts_says_what_to_load(demo: Path) -> None:
    at = open_page("pages/creators.py")
    assert any("Load the creator's organic posts too" in i.value for i in at.info)


def test_french_baseline_section(with_organic: Path) -> None:
    at = open_page("pages/creators.py", lang="fr")
    assert "Sponsorisé ou organique" in [h.value for h in at.subheader]
    assert "Vues par publication, sponsorisé / organique" in {m.label for m in at.metric}


def test_choice_offers_every_rule() -> None:
    assert set(CHOICES) == set(RULES)

    def page() -> None:
        import streamlit as st

        from ui.sponsorship import sponsorship_choice

        st.session_state["chosen"] = sponsorship_choice("upload.sponsored")
        st.session_state["no_label"] = sponsorship_choice(
            "upload.sponsored2", paid_label=False, default="paid_label"
        )

    at = AppTest.from_function(page).run()
    assert at.session_state["chosen"] == "all"
    assert at.session_state["no_label"] is None
    assert len(at.radio[1].options) == 3
    at.radio[0].set_value("campaign_dates").run()
    assert at.session_state["chosen"] == "campaign_dates"
    at.radio[0].set_value("paid_label").run()
    assert at.session_state["chosen"] == "paid_label"


def test_picker_frame_and_changes() -> None:
    posts = pd.DataFrame(
        {
            "post_id": ["a", "b"],
            "creator": ["@ana", None],
            "platform": ["tiktok", "tiktok"],
            "posted_at": [pd.Timestamp("2026-03-01 10:00"), pd.NaT],
            "snippet": [None, "hello"],
            "url": [None, "https://x"],
            "sponsored": [True, False],
        }
    )
    frame = picker_frame(posts)
    assert frame.loc[0, "posted_at"] == "2026-03-01"
    assert frame.loc[1, "posted_at"] == "—"
    assert frame.loc[0, "snippet"] == "" and frame.loc[1, "creator"] == ""
    edited = frame.assign(sponsored=[False, True])
    assert changes(frame, edited) == (["b"], ["a"])
    assert changes(frame, frame) == ([], [])


def test_baseline_frame_has_no_missing_words() -> None:
    frame = pd.DataFrame(
        {
            "creator_id": ["tiktok:ana"],
            "handle": [None],
            "platform": ["tiktok"],
            **{
                f"{m}_{c}": [None]
                for m in ("views", "er_views")
                for c in ("ratio", "low", "high", "sponsored", "organic", "reason")
            },
            **{
                f"{m}_{c}": [0]
                for m in ("views", "er_views")
                for c in ("sponsored_posts", "organic_posts")
            },
        }
    )
    shown = baseline_frame(frame).astype(str)
    assert not shown.isin(["None", "nan", "NaT"]).any().any()
    assert shown.loc[0, "creator"] == "tiktok:ana"
    assert shown.loc[0, "views_ratio"] == "—"
