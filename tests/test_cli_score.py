"""``sillage score``: every comment scored once and stored, then read back by the pages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from metrics import perception, sentiment
from store.db import connect

SILLAGE = str(Path(sys.executable).with_name("sillage"))


def test_scores_are_stored_once_and_then_read_by_perception(demo_db: Path):
    with connect(demo_db, read_only=True) as connection:
        comments = connection.execute("SELECT count(*) FROM comments").fetchone()[0]
        campaign = connection.execute("SELECT min(campaign_id) FROM campaigns").fetchone()[0]
    first = subprocess.run(
        [SILLAGE, "score", "--db", str(demo_db), "--method", "lexicon"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    printed = json.loads(first.stdout)
    assert printed["scorer"] == sentiment.LEXICON_VERSION
    assert 0 < printed["scored"] <= comments
    assert f"{printed['scored']:,} of {printed['scored']:,} comments scored" in first.stderr
    again = subprocess.run(
        [SILLAGE, "score", "--db", str(demo_db), "--method", "lexicon"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert json.loads(again.stdout)["scored"] == 0  # nothing changed, nothing scored twice
    with connect(demo_db, read_only=True) as connection:
        summary = perception.perception_summary(connection, campaign)
    assert not any("in memory" in scorer for scorer in summary.scorers)
    assert not any("sillage score" in warning for warning in summary.warnings)
