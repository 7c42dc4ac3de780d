"""``sillage formats``: every recognised format, its platform, locales and the headers it needs."""

from __future__ import annotations

import json

import cli
from ingest.formats import FORMATS


def test_formats_json_lists_every_format_with_the_headers_it_needs(capsys):
    assert cli.main(["formats", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [row["name"] for row in listed] == [fmt.name for fmt in FORMATS]
    by_name = {row["name"]: row for row in listed}
    tiktok_ads = by_name["tiktok_ads"]
    assert (tiktok_ads["platform"], tiktok_ads["kind"], tiktok_ads["locales"]) == (
        "tiktok",
        "ads_daily",
        ["en", "fr"],
    )
    assert {"field": "spend", "en": ["cost"], "fr": ["cout"]} in tiktok_ads["required"]
    assert by_name["creator_posts"]["platform"] == "per row"
    assert by_name["tiktok_audience_gender"]["kind"] == "audience"
    assert by_name["posts_generic"]["mapping_only"] is True


def test_formats_table_has_one_line_per_format(capsys):
    assert cli.main(["formats"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["name", "label", "platform", "kind", "locales", "needs"]
    assert len(lines) == 1 + len(FORMATS)
    (meta,) = [line for line in lines if line.startswith("meta_ads ")]
    assert "Meta Ads Manager" in meta and "amount spent / montant depense" in meta
    (kolsquare,) = [line for line in lines if line.startswith("kolsquare_posts ")]
    assert (
        "per row" in kolsquare and "en, fr" in kolsquare and "post link / lien du post" in kolsquare
    )
