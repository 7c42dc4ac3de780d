"""The Upload page's campaign settings set the campaign's target audience (AppTest on the demo)."""

from __future__ import annotations

import json
from pathlib import Path

from store.db import connect
from tests.test_pages_exposure_creators import open_page


def test_target_audience_is_saved_from_the_campaign_settings(demo: Path):
    at = open_page("pages/upload.py", campaign="collection-ete-2026")
    country = next(m for m in at.multiselect if m.label == "Country")
    assert country.value == ["FR", "BE"]  # the demo's target, as stored
    country.set_value(["BE", "CH"])
    next(m for m in at.multiselect if m.label == "Gender").set_value([])
    next(b for b in at.button if b.label == "Save campaign").click()
    at.run()
    assert not at.exception and not at.error
    with connect(demo) as connection:
        stored = connection.execute(
            "SELECT target_audience FROM campaigns WHERE campaign_id = 'collection-ete-2026'"
        ).fetchone()[0]
    assert json.loads(stored) == {"age": ["18-24", "25-34"], "country": ["BE", "CH"]}
