"""The app under a share link and behind the admin password, run by AppTest on the demo data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access.links import create_share_link, list_share_links, revoke_share_link
from access.password import hash_password
from store.campaigns import list_campaigns, list_clients
from store.db import connect

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120
PASSWORD = "a long admin password"


def new_link(db: Path, client: str, campaigns=(), **options) -> str:
    with connect(db) as connection:
        return create_share_link(connection, client, list(campaigns), **options)[1]


def names(db: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Campaign names per client name, and client name per campaign id."""
    with connect(db) as connection:
        campaigns = list_campaigns(connection)
        clients = [name for _, name in list_clients(connection)]
    by_client = {c: [x.name for x in campaigns if x.client_name == c] for c in clients}
    return by_client, {x.campaign_id: x.client_name for x in campaigns}


def run(params: dict[str, str], page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def visible_text(at: AppTest) -> str:
    parts = [
        str(e.value)
        for kind in (
            "title",
            "header",
            "subheader",
            "markdown",
            "caption",
            "info",
            "warning",
            "error",
            "success",
        )
        for e in at.get(kind)
    ]
    parts += [str(m.label) + str(m.value) for m in at.metric]
    for box in [*at.selectbox, *at.multiselect]:
        parts += [str(o) for o in box.options]
    for frame in at.dataframe:
        parts.append(frame.value.to_csv())
    return "\n".join(parts)  # fmt: skip


def test_a_share_link_shows_its_client_and_campaigns_only(demo: Path):
    by_client, client_of = names(demo)
    aurore = by_client["Maison Aurore"]
    chosen = [c for c, client in client_of.items() if client == "Maison Aurore"][:2]
    token = new_link(demo, "Maison Aurore", chosen)
    for page in (None, "pages/perception.py", "pages/creators.py", "pages/disclosure.py"):
        at = run({"share": token}, page)
        text = visible_text(at)
        for client, campaigns in by_client.items():
            if client == "Maison Aurore":
                continue
            assert client not in text
            assert not [name for name in campaigns if name in text], page
        selectors = [w for w in [*at.selectbox, *at.multiselect] if w.key and "campaign" in w.key]
        assert selectors, page
        for selector in selectors:
            assert set(selector.options) <= set(aurore), selector.options
        assert "Client" not in [box.label for box in at.selectbox]
    overview = run({"share": token})
    assert overview.title[0].value == "Overview"  # the first section, not the agency's Home
    assert "Maison Aurore" in overview.caption[0].value


def test_campaign_ids_outside_the_link_in_the_url_are_ignored(demo: Path):
    _, client_of = names(demo)
    mine = [c for c, client in client_of.items() if client == "Maison Aurore"][:1]
    others = [c for c, client in client_of.items() if client != "Maison Aurore"]
    token = new_link(demo, "Maison Aurore", mine)
    at = run({"share": token, "campaign": others[0], "client": "2"})
    campaign = at.selectbox(key="filter.campaign")
    assert campaign.value == mine[0]
    assert len(campaign.options) == 1
    assert "client" not in at.query_params


@pytest.mark.parametrize("state", ["forged", "revoked", "expired", "empty"])
def test_a_dead_link_shows_only_that_it_is_no_longer_valid(demo: Path, state: str):
    token = new_link(
        demo,
        "Stride Lab",
        expires_in_days=1,
        now=dt.datetime(2020, 1, 1) if state == "expired" else None,
    )
    if state == "revoked":
        with connect(demo) as connection:
            revoke_share_link(connection, list_share_links(connection)[0].link_id)
    token = {"forged": token[:-4] + "AAAA", "empty": ""}.get(state, token)
    at = run({"share": token})
    assert [t.value for t in at.title] == ["This link is no longer valid"]
    assert not at.metric and not at.dataframe and not at.selectbox and not at.error


def test_a_link_that_hides_costs_shows_no_cost(demo: Path):
    token = new_link(demo, "Maison Aurore", hide_costs=True)
    at = run({"share": token})
    labels = [m.label for m in at.metric]
    assert "Reach" in labels
    assert "Cost per lifted user" not in labels
    scorecard = at.dataframe[0].value.to_csv()
    assert "CPM" not in scorecard and "Cost per lifted user" not in scorecard
    creators = run({"share": token}, "pages/creators.py")
    for frame in creators.dataframe:
        assert not {"total_cost", "cost_reason"} & set(frame.value.columns)
    compare = run({"share": token}, "pages/compare.py")
    metric_options = [str(o) for o in compare.selectbox[0].options]
    assert metric_options and not [o for o in metric_options if "CP" in o or "Cost" in o]


def test_without_costs_hidden_the_same_link_shows_them(demo: Path):
    token = new_link(demo, "Maison Aurore")
    labels = [m.label for m in run({"share": token}).metric]
    assert "Cost per lifted user" in labels


def test_admin_pages_need_the_password_when_required(demo: Path, monkeypatch):
    monkeypatch.setenv("SILLAGE_REQUIRE_PASSWORD", "1")
    monkeypatch.setenv("SILLAGE_ADMIN_PASSWORD_HASH", hash_password(PASSWORD))
    at = run({})
    assert [s.value for s in at.subheader] == ["Sign in"]
    assert not at.title[1:] and not at.metric and not at.dataframe
    at.text_input[0].input("wrong password!")
    at.button[0].click()
    at.run()
    assert [e.value for e in at.error] == ["Wrong password."]
    assert not at.metric
    at.text_input[0].input(PASSWORD)
    at.button[0].click()
    at.run()
    assert at.title[0].value == "Sillage" and at.metric  # Home, with the database's counts
    at.switch_page("pages/share_links.py")
    at.run()
    assert at.title[0].value == "Share links"


def test_a_missing_hash_is_a_clear_error_not_an_open_door(demo: Path, monkeypatch):
    monkeypatch.setenv("SILLAGE_REQUIRE_PASSWORD", "1")
    monkeypatch.delenv("SILLAGE_ADMIN_PASSWORD_HASH", raising=False)
    at = run({})
    assert "no password hash is set" in at.error[0].value
    assert not at.metric and not at.dataframe and not at.text_input


def test_the_share_links_page_creates_a_link_shown_once(demo: Path):
    at = run({}, "pages/share_links.py")
    before = len(at.dataframe[0].value) if at.dataframe else 0
    at.button[0].click()  # the form's "Create link"
    at.run()
    assert not at.exception
    url = at.code[0].value
    assert "/?share=" in url
    assert len(at.dataframe[0].value) == before + 1
    assert url.split("=", 1)[1] not in at.dataframe[0].value.to_csv()


def test_a_client_link_names_its_benchmark_as_the_client_own_median(demo: Path):
    """A client never reads "all your clients' median" over a number made of its campaigns only."""
    _, client_of = names(demo)
    token = new_link(
        demo, "Maison Aurore", [c for c, n in client_of.items() if n == "Maison Aurore"]
    )
    at = run({"share": token}, "pages/compare.py")
    assert not at.exception
    shown = visible_text(at)
    assert "This client's median" in shown and "this client's median campaign" in shown
    assert "All clients" not in shown and "all your clients" not in shown
