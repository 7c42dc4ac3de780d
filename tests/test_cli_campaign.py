"""sillage campaign: a campaign's target audience set, printed, cleared and refused with a reason."""

from __future__ import annotations

import json

import cli
from store.db import connect


def test_target_audience_round_trip(db_path, capsys):
    with connect(db_path) as connection:
        connection.execute("INSERT INTO clients (client_id, name) VALUES (1, 'Brand')")
        connection.execute(
            "INSERT INTO campaigns (campaign_id, client_id, name) VALUES ('rentree', 1, 'Rentrée')"
        )
    target = '{"age": ["age18-24", "25-34"], "gender": ["Female"], "country": ["fr", "BE"]}'
    assert cli.main(["campaign", "Rentrée", "--db", str(db_path), "--target-audience", target]) == 0
    printed = json.loads(capsys.readouterr().out)
    expected = {"age": ["18-24", "25-34"], "gender": ["female"], "country": ["FR", "BE"]}
    assert printed == {
        "campaign_id": "rentree",
        "client": "Brand",
        "name": "Rentrée",
        "target_audience": expected,
    }
    with connect(db_path) as connection:
        stored = connection.execute("SELECT target_audience FROM campaigns").fetchone()[0]
    assert json.loads(stored) == expected
    # Without options it prints what is stored; '' clears it.
    assert cli.main(["campaign", "rentree", "--db", str(db_path)]) == 0
    assert json.loads(capsys.readouterr().out)["target_audience"] == expected
    assert cli.main(["campaign", "rentree", "--db", str(db_path), "--target-audience", ""]) == 0
    assert json.loads(capsys.readouterr().out)["target_audience"] == {}


def test_bad_target_audience_changes_nothing(db_path, capsys):
    with connect(db_path) as connection:
        connection.execute("INSERT INTO clients (client_id, name) VALUES (1, 'Brand')")
        connection.execute(
            "INSERT INTO campaigns (campaign_id, client_id, name, target_audience) "
            "VALUES ('c', 1, 'C', '{\"country\": [\"FR\"]}')"
        )
    code = cli.main(
        ["campaign", "c", "--db", str(db_path), "--target-audience", '{"country": ["France"]}']
    )
    assert code == 1
    assert capsys.readouterr().err == (
        "sillage campaign: --target-audience: “France” is not an ISO 3166 country code "
        "(two letters, e.g. FR, BE, MA); nothing was changed\n"
    )
    assert cli.main(["campaign", "c", "--db", str(db_path)]) == 0
    assert json.loads(capsys.readouterr().out)["target_audience"] == {"country": ["FR"]}


def test_unknown_campaign_asks_for_its_client(db_path, capsys):
    assert cli.main(["campaign", "nope", "--db", str(db_path), "--target-audience", "{}"]) == 1
    assert "name its client (--client)" in capsys.readouterr().err
