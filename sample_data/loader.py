"""Load the bundled demo data through the real ingest, then set each campaign's metadata.

The manifest lists the files in load order with their assignment (campaign, client, creator
handle, snapshot date) and the campaigns' objectives, dates, budgets, targets, brand terms and target audiences.
Loading twice changes no table but ``uploads``: the ingest upserts every row.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ingest import Assignment, IngestResult, ingest_path
from sample_data import MANIFEST_PATH
from store.store import Store
from store.uploads import has_uploads


def read_manifest(path: Path = MANIFEST_PATH) -> dict:
    """The manifest as a dict (see ``sample_data/generate.py`` for how it is built)."""
    return json.loads(path.read_text(encoding="utf-8"))


def assignment_for(entry: dict) -> Assignment:
    """The ingest assignment of one manifest file entry."""
    given = entry.get("assignment") or {}
    as_of = given.get("as_of")
    return Assignment(
        campaign_id=given.get("campaign"),
        client_name=given.get("client"),
        creator_handle=given.get("creator_handle"),
        as_of=dt.date.fromisoformat(as_of) if as_of else None,
    )


def load_demo(store: Store | str | Path, manifest_path: Path = MANIFEST_PATH) -> list[IngestResult]:
    """Ingest every manifest file with its assignment, then apply the campaigns' metadata.

    Returns one ``IngestResult`` per file, in load order.
    """
    store = Store.open(store)
    manifest = read_manifest(manifest_path)
    results = [
        ingest_path(store, manifest_path.parent / entry["path"], assignment_for(entry))
        for entry in manifest["files"]
    ]
    with store.transaction() as connection:
        for campaign in manifest["campaigns"]:
            # Matches the campaign the files created (by id or name); creates it otherwise.
            campaign_id = store.ensure_campaign(connection, campaign["name"], campaign["client"])
            store.update_campaign(
                connection,
                campaign_id,
                objective=campaign["objective"],
                start_date=dt.date.fromisoformat(campaign["start_date"]),
                end_date=dt.date.fromisoformat(campaign["end_date"]),
                budget=campaign["budget"],
                currency=campaign["currency"],
                targets=campaign["targets"],
                brand_terms=campaign["brand_terms"],
                target_audience=campaign.get("target_audience"),
            )
    return results


def demo_loaded(store: Store | str | Path) -> bool:
    """Whether the database already holds uploads (the app loads the demo only when it does not)."""
    store = Store.open(store)
    if not store.exists():  # asking must not create the file
        return False
    # Read-write like every other connection: inside one process DuckDB refuses a read-only open
    # of a file another connection holds read-write.
    with store.connect() as connection:
        return has_uploads(connection)
