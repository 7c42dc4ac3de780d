"""Real public exports (tests/data/real, CC BY 4.0) through the one-screen column mapping."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from ingest import ingest_stream
from ingest.mapping import Mapping
from store.db import connect

REAL = Path(__file__).parent / "data" / "real"


def upload(db_path: Path, name: str, mapping: dict[str, str] | None = None):
    data = (REAL / name).read_bytes()
    return ingest_stream(
        db_path,
        name,
        io.BytesIO(data),
        len(data),
        mapping=Mapping(format="posts_generic", fields=mapping) if mapping else None,
    )


def test_live_sellers_mixed_date_styles_all_read_month_first(db_path: Path):
    assert upload(db_path, "facebook_live_sellers_excerpt.csv").needs_mapping
    mapping = {
        "native_id": "status_id", "format": "status_type", "posted_at": "status_published",
        "likes": "num_likes", "comments": "num_comments", "shares": "num_shares",
    }  # fmt: skip
    result = upload(db_path, "facebook_live_sellers_excerpt.csv", mapping)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (30, 30, 0), (
        result.errors
    )
    with connect(db_path, read_only=True) as connection:
        dates = dict(connection.execute("SELECT native_id, posted_at FROM posts").fetchall())
        first = connection.execute(
            "SELECT likes, comments, shares FROM post_metrics WHERE post_id = 'other:1'"
        )
        assert first.fetchone() == (432, 512, 262)
    assert dates["1"] == dt.datetime(2018, 4, 22, 6, 0)
    assert dates["10"] == dt.datetime(2018, 4, 11, 4, 53)
    assert dates["50"] == dt.datetime(2018, 2, 12, 3, 28)


def test_post_metrics_without_ids_blank_cells_and_impressions_below_reach(db_path: Path):
    mapping = {
        "format": "Type", "reach": "T_Reach", "impressions": "T_Impression",
        "likes": "like", "comments": "comment", "shares": "share",
    }  # fmt: skip
    result = upload(db_path, "facebook_post_metrics_excerpt.csv", mapping)
    assert result.refused is None
    assert (result.rows_read, result.rows_loaded + result.rows_rejected) == (44, 44)
    with connect(db_path, read_only=True) as connection:
        loaded = connection.execute(
            "SELECT count(*), count(*) FILTER (WHERE impressions < reach), count(*) FILTER (WHERE likes IS NULL) "
            "FROM post_metrics"
        ).fetchone()
    # Every post is kept as exported, blank cells as missing values (not zeros), and the
    # impressions-below-reach post as it is: the frequency guard belongs to the metrics.
    assert loaded == (44, 1, 1)
