"""Write the typed rows of ``staged`` into the canonical tables, one writer per kind of export.

Every writer upserts on the table's natural key (a later export of the same posts updates their
numbers; a re-upload changes nothing), keeps the last row of a key when a file repeats it, and
counts what it loaded into the result.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import textwrap
import unicodedata
from functools import cache

from babel import Locale

from i18n.messages import Message
from ingest.errors import AnotherClient, FileRefused, MissingAssignment
from ingest.formats import (
    AD_BREAKDOWNS,
    BREAKDOWN_TOTAL_WORDS,
    CURRENCY_CODES,
    QUESTION_ALIASES,
    QUESTIONS,
    Detection,
    export_locale,
    header_currency,
    normalise_header,
)
from ingest.parsing import FALSE_WORDS, sql_string
from ingest.waves import fill_wave_labels, wave_select
from store import campaigns, post_totals
from store.campaigns import slug  # noqa: F401  (sample_data/generate.py takes it from here)

# Rows that may be written: no unreadable cell and not a totals row.
GOOD = "staged WHERE len(__bad_columns) = 0 AND NOT __total"


def ensure_campaign(connection, campaign: str, client_name: str | None) -> str:
    """The id of the campaign named or identified by ``campaign``, created under the client if new
    (``store.campaigns.ensure_campaign``); a campaign that cannot be chosen refuses the file."""
    try:
        return campaigns.ensure_campaign(connection, campaign, client_name)
    except campaigns.CampaignUnclear as error:
        raise MissingAssignment(_campaign_refusal(connection, campaign, None, error)) from error
    except campaigns.CampaignOfAnotherClient as error:
        refusal = _campaign_refusal(connection, campaign, client_name, error)
        raise AnotherClient(refusal) from error


CAMPAIGN_OWNER = (
    "SELECT k.name FROM campaigns c JOIN clients k USING (client_id) WHERE c.campaign_id = ?"
)
CAMPAIGNS_NAMED = "SELECT count(*) FROM campaigns WHERE campaign_id = ? OR lower(name) = lower(?)"


def _campaign_refusal(connection, campaign: str, client_name: str | None, error) -> str:
    """Why ``store.campaigns`` would not choose a campaign, as a message with its names.

    Another client's campaign (``client_name`` given): its owner. Else the name matches several
    campaigns, or none and no client was named. The English of the message is the store's own
    sentence; if they ever part, the store's sentence is kept as written.
    """
    if client_name is not None:
        owner = connection.execute(CAMPAIGN_OWNER, [campaign]).fetchone()
        message = Message(
            "ingest.campaign_of_another_client",
            campaign=campaign,
            owner=owner[0] if owner else "",
            client=client_name,
        )
    else:
        named = connection.execute(CAMPAIGNS_NAMED, [campaign, campaign]).fetchone()[0]
        code = "ingest.campaign_ambiguous" if named else "ingest.campaign_unknown"
        message = Message(code, campaign=campaign)
    return message if message == str(error) else str(error)


def _campaign_map(connection, detection: Detection, assignment, result, required: bool) -> str:
    """A SQL expression giving each staged row its campaign_id (a bound-free CASE on known values)."""
    if assignment.campaign_id:
        campaign_id = ensure_campaign(connection, assignment.campaign_id, assignment.client_name)
        result.campaign_ids = [campaign_id]
        return sql_string(campaign_id)
    column = next((c for c in ("campaign_ref", "campaign_name") if c in detection.columns), None)
    if column is None:
        if required:
            raise MissingAssignment(Message("ingest.needs_campaign"))
        return "NULL"
    refs = [r[0] for r in connection.execute(f'SELECT DISTINCT "{column}" FROM {GOOD}').fetchall()]
    known: dict[str, str] = {}
    for ref in refs:
        if ref is None:
            continue
        try:
            known[ref] = ensure_campaign(connection, ref, assignment.client_name)
        except (MissingAssignment, AnotherClient):
            # An ads export's own campaign names may match nothing of Sillage's.
            if required or column == "campaign_ref":
                raise
    result.campaign_ids = sorted(set(known.values()))
    if not known:
        return "NULL"
    # A small VALUES join keeps user text out of the SQL string.
    connection.execute("CREATE OR REPLACE TEMP TABLE campaign_refs (ref TEXT, campaign_id TEXT)")
    connection.executemany("INSERT INTO campaign_refs VALUES (?, ?)", list(known.items()))
    return f'(SELECT r.campaign_id FROM campaign_refs r WHERE r.ref = "{column}")'


def _upsert(
    connection,
    table: str,
    keys: tuple[str, ...],
    select: str,
    params=(),
    keep: tuple[str, ...] = (),
    repeated: bool | None = None,
) -> int:
    """Replace the rows of ``table`` whose key appears in ``select``, then insert ``select``.

    When a file repeats a key, its last row wins. Columns named in ``keep`` hold their stored
    value where the new row has none: two exports of the same day that carry different metrics
    complete each other. ``repeated`` is whether ``select`` repeats a key, when the caller knows.
    """
    params = list(params)
    key_list = ", ".join(keys)
    # Distinct key hashes are much cheaper to count than distinct keys, and as many of them as
    # rows proves the keys distinct; fewer may be a hash collision, so the keys are then counted.
    if repeated is None:
        repeated = bool(
            connection.execute(
                f"SELECT count(*) - count(DISTINCT hash({key_list})) FROM ({select})", params
            ).fetchone()[0]
            and connection.execute(
                f"SELECT count(*) - count(DISTINCT ({key_list})) FROM ({select})", params
            ).fetchone()[0]
        )
    target_empty = connection.execute(
        f"SELECT count(*) = 0 FROM (SELECT 1 FROM {table} LIMIT 1)"
    ).fetchone()[0]
    if not repeated and (target_empty or not keep):
        # The common case (a first load, or a file without repeats): no staging copy at all.
        if not target_empty:
            match = " AND ".join(f"t.{k} IS NOT DISTINCT FROM i.{k}" for k in keys)
            connection.execute(
                f"DELETE FROM {table} t USING (SELECT {key_list} FROM ({select})) i WHERE {match}",
                params,
            )
        return connection.execute(
            f"INSERT INTO {table} BY NAME SELECT * EXCLUDE (__order) FROM ({select})", params
        ).fetchone()[0]
    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE incoming AS SELECT * FROM ({select}) "
        f"QUALIFY row_number() OVER (PARTITION BY {key_list} ORDER BY __order DESC) = 1",
        params,
    )
    if keep:
        filled = ", ".join(f"{c} = coalesce(incoming.{c}, t.{c})" for c in keep)
        same_key = " AND ".join(f"t.{k} IS NOT DISTINCT FROM incoming.{k}" for k in keys)
        connection.execute(f"UPDATE incoming SET {filled} FROM {table} t WHERE {same_key}")
    match = " AND ".join(f"t.{k} IS NOT DISTINCT FROM i.{k}" for k in keys)
    connection.execute(f"DELETE FROM {table} t USING incoming i WHERE {match}")
    connection.execute("ALTER TABLE incoming DROP COLUMN __order")
    connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
    count = connection.execute("SELECT count(*) FROM incoming").fetchone()[0]
    connection.execute("DROP TABLE incoming")
    return count


def _has(detection: Detection, *names: str) -> bool:
    return all(n in detection.columns for n in names)


def _col(detection: Detection, name: str, default: str = "NULL") -> str:
    return f'"{name}"' if name in detection.columns else default


def _handle_sql(detection: Detection, platform: str, assignment) -> str:
    if _has(detection, "handle"):
        return "lower(ltrim(handle, '@'))"
    if platform == "tiktok" and _has(detection, "url"):
        return "nullif(lower(regexp_extract(url, '@([^/?]+)', 1)), '')"
    if assignment.creator_handle:
        return sql_string(assignment.creator_handle.lower().lstrip("@"))
    return "NULL"


# A post's id inside its platform, read from its link when the export gives only the link.
URL_ID_SQL = "coalesce(nullif(regexp_extract({url}, '(?:video/|/p/|/reel/|/shorts/|v=|youtu\\.be/)([A-Za-z0-9_-]+)', 1), ''), {url})"


def _value(detection: Detection, key: str) -> str | None:
    """A file-wide value the user gave in the column mapping (platform, group...)."""
    mapping = detection.mapping
    value = mapping.values.get(key) if mapping is not None else None
    return value.strip() if value and value.strip() else None


def _platform_name(column: str) -> str:
    """Platform names as influencer platforms write them, in Sillage's words."""
    return (
        f"CASE WHEN lower({column}) LIKE '%insta%' THEN 'instagram' "
        f"WHEN lower({column}) LIKE '%tiktok%' THEN 'tiktok' "
        f"WHEN lower({column}) LIKE '%youtube%' THEN 'youtube' ELSE lower(trim({column})) END"
    )


def _platform_sql(detection: Detection) -> str:
    if detection.format.platform:
        return sql_string(detection.format.platform)
    value = _value(detection, "platform")
    fixed = _platform_name(sql_string(value)) if value else "'other'"
    if not _has(detection, "platform"):
        return fixed
    return f"coalesce({_platform_name('platform')}, {fixed})"


def write_content(connection, detection: Detection, assignment, result) -> int:
    """Posts with lifetime (or as-of-export) metrics: Instagram, TikTok, YouTube, influencer platforms."""
    campaign = _campaign_map(connection, detection, assignment, result, required=False)
    handle = _handle_sql(detection, detection.format.platform, assignment)
    native = _col(detection, "native_id")
    if _has(detection, "url"):
        from_url = URL_ID_SQL.format(url="url")
        native = f"coalesce({native}, {from_url})" if native != "NULL" else from_url
    if "native_id" not in detection.required_fields:
        # No id (a mapped export): the row's own mapped values identify it.
        mapped = ", ".join(f'"{name}"' for name in detection.columns) or "rowid"
        by_hash = f"md5(concat_ws('|', {mapped}))"
        native = by_hash if native == "NULL" else f"coalesce({native}, {by_hash})"
    as_of = assignment.as_of or dt.date.today()
    metric_date = f"coalesce(CAST({_col(detection, 'exported_at')} AS DATE), ?::DATE)"
    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE content AS SELECT rowid AS __order, "
        f"{_platform_sql(detection)} AS __platform, {native} AS __native, {handle} AS __handle, "
        f"{campaign} AS __campaign, {metric_date} AS __as_of, * EXCLUDE (__bad_columns, __total) "
        f"FROM {GOOD}",
        [as_of],
    )
    if _has(detection, "url"):
        # The same post reached by another export (a platform id here, a link id there).
        connection.execute(
            "UPDATE content SET __native = p.native_id FROM posts p "
            "WHERE p.platform = content.__platform AND p.native_id <> content.__native "
            f"AND {URL_ID_SQL.format(url='p.url')} = {URL_ID_SQL.format(url='content.url')}"
        )
    connection.execute(
        "INSERT INTO creators (creator_id, platform, handle, display_name, followers, followers_as_of) "
        "SELECT DISTINCT ON (__platform, __handle) __platform || ':' || __handle, __platform, __handle, "
        f"{_col(detection, 'display_name')}, {_col(detection, 'followers')}, "
        f"CASE WHEN {_col(detection, 'followers')} IS NOT NULL THEN __as_of END "
        "FROM content WHERE __handle IS NOT NULL ORDER BY __platform, __handle, __order DESC "
        "ON CONFLICT (creator_id) DO UPDATE SET "
        "display_name = coalesce(excluded.display_name, creators.display_name), "
        # The newest follower count wins, whatever order the files arrive in.
        "followers = CASE WHEN excluded.followers_as_of >= coalesce(creators.followers_as_of, DATE '1900-01-01') "
        "THEN excluded.followers ELSE creators.followers END, "
        "followers_as_of = greatest(excluded.followers_as_of, creators.followers_as_of)"
    )
    post_columns = {
        "creator_id": "CASE WHEN __handle IS NOT NULL THEN __platform || ':' || __handle END",
        "campaign_id": "__campaign",
        "posted_at": _col(detection, "posted_at"),
        "format": _col(detection, "format"),
        "title": _col(detection, "title"),
        "caption": _col(detection, "caption"),
        "url": _col(detection, "url"),
        "duration_seconds": _col(detection, "duration_seconds"),
        "paid_partnership_label": _col(detection, "paid_partnership_label"),
        "cost": _col(detection, "cost"),
    }
    fee_currency = _cost_currency(detection)
    if fee_currency:  # "Fee (MAD)": the fee is in dirhams, whatever the campaign's currency
        post_columns["cost_currency"] = (
            f"CASE WHEN {_col(detection, 'cost')} IS NOT NULL THEN {sql_string(fee_currency)} END"
        )
    _write_posts(connection, post_columns, "content", result.upload_id)
    metric_names = post_totals.METRICS  # every metric column of post_metrics
    present = [m for m in metric_names if _has(detection, m)]
    if not present:  # a file of posts and fees only carries no metric snapshot
        loaded = connection.execute(
            "SELECT count(DISTINCT (__platform, __native)) FROM content"
        ).fetchone()[0]
    else:
        metrics = ", ".join(
            f"CAST({_col(detection, m)} AS {'DOUBLE' if m == 'watch_time_hours' else 'BIGINT'}) AS {m}"
            for m in metric_names
        )
        loaded = _upsert(
            connection,
            "post_metrics",
            ("post_id", "metric_date", "period"),
            f"SELECT __order, __platform || ':' || __native AS post_id, __as_of AS metric_date, "
            f"'lifetime' AS period, {metrics}, {result.upload_id} AS upload_id FROM content",
            keep=metric_names,
        )
    connection.execute("DROP TABLE content")
    return loaded


def _refuse_moves(connection, moves: str, what: str) -> None:
    """Refuse the upload when ``moves`` (SQL giving ``was`` and ``now`` campaign ids, one row
    per stored row the upload would rewrite) takes rows from one client's campaign to another's.

    A post, an ad row, belongs to one client: a move within the client is how a post changes
    campaign, a move across clients would show one client's rows under another's share links.
    """
    found = connection.execute(
        "SELECT count(*) AS rows, was.name, was_client.name, "
        "now.name, now_client.name FROM (" + moves + ") m "
        "JOIN campaigns was ON was.campaign_id = m.was "
        "JOIN campaigns now ON now.campaign_id = m.now "
        "JOIN clients was_client ON was_client.client_id = was.client_id "
        "JOIN clients now_client ON now_client.client_id = now.client_id "
        "WHERE was.client_id <> now.client_id "
        "GROUP BY ALL ORDER BY rows DESC, was.name, now.name LIMIT 1"
    ).fetchone()
    if found is None:
        return
    rows, was, was_client, now, now_client = found
    total = connection.execute(
        "SELECT count(*) FROM (" + moves + ") m JOIN campaigns was ON was.campaign_id = m.was "
        "JOIN campaigns now ON now.campaign_id = m.now WHERE was.client_id <> now.client_id"
    ).fetchone()[0]
    others = Message("ingest.moved_elsewhere", n=total - rows) if total > rows else ""
    raise AnotherClient(
        Message(
            f"ingest.move_{what}",
            n=rows,
            campaign_was=was,
            client_was=was_client,
            campaign_now=now,
            client_now=now_client,
            others=others,
        )
    )


def _cost_currency(detection: Detection) -> str | None:
    """The ISO 4217 code of the fee column's header ("Fee (MAD)"), else of any header."""
    if "cost" not in detection.columns:
        return None
    if detection.headers:
        return header_currency(detection.headers[detection.columns["cost"]]) or detection.currency
    return detection.currency


def _write_posts(connection, columns: dict[str, str], source: str, upload_id: int) -> None:
    """Insert new posts and refresh known ones, never erasing a value the new export lacks.

    ``source`` has ``__platform``, ``__native``, ``__campaign`` and ``__order`` columns. A post
    carries the id of the latest upload that wrote it. An upload that would move a stored post
    to another client's campaign is refused whole.
    """
    _refuse_moves(
        connection,
        "SELECT p.campaign_id AS was, s.__campaign AS now FROM posts p JOIN ("
        f"  SELECT DISTINCT __platform || ':' || __native AS post_id, __campaign FROM {source} "
        "  WHERE __campaign IS NOT NULL) s USING (post_id) "
        "WHERE p.campaign_id <> s.__campaign",
        "posts",
    )
    names = ", ".join(columns)
    values = ", ".join(f"{expr} AS {name}" for name, expr in columns.items())
    # A posting time never changes, but exports give it with different precision: a date-only
    # value (YouTube) yields to a time on the same day from another export, never the reverse.
    precise_time = (
        "posted_at = CASE WHEN posts.posted_at IS NULL THEN excluded.posted_at "
        "WHEN excluded.posted_at IS NOT NULL AND CAST(excluded.posted_at AS DATE) = CAST(posts.posted_at AS DATE) "
        "AND CAST(posts.posted_at AS TIME) = TIME '00:00:00' THEN excluded.posted_at "
        "ELSE posts.posted_at END"
    )
    updates = ", ".join(
        precise_time if name == "posted_at" else f"{name} = coalesce(excluded.{name}, posts.{name})"
        for name in columns
    )
    # The last row of each post is found by its order alone, then only those rows are read in
    # full: carrying every column through the grouping copies each row's values.
    connection.execute(
        f"INSERT INTO posts (post_id, platform, native_id, sponsored, upload_id, {names}) "
        f"SELECT post_id, __platform, __native, campaign_id IS NOT NULL, {int(upload_id)}, "
        f"{names} FROM ("
        f"  SELECT __platform || ':' || __native AS post_id, __platform, __native, {values} FROM {source} "
        f"  WHERE __order IN (SELECT max(__order) FROM {source} GROUP BY __platform, __native)) "
        f"ON CONFLICT (post_id) DO UPDATE SET {updates}, upload_id = excluded.upload_id, "
        # A post that stays in its campaign keeps its flag (a choice made on the page survives a
        # re-upload); a post that joins a campaign becomes sponsored.
        "sponsored = CASE WHEN posts.campaign_id IS NOT DISTINCT FROM "
        "coalesce(excluded.campaign_id, posts.campaign_id) "
        "THEN coalesce(posts.sponsored, posts.campaign_id IS NOT NULL) "
        "ELSE coalesce(excluded.campaign_id, posts.campaign_id) IS NOT NULL END"
    )


def write_post_daily(connection, detection: Detection, assignment, result) -> int:
    """Per-day post metrics (YouTube Chart data): one row per post and day."""
    platform = detection.format.platform
    campaign = _campaign_map(connection, detection, assignment, result, required=False)
    handle = _handle_sql(detection, platform, assignment)
    connection.execute(
        f"CREATE OR REPLACE TEMP VIEW daily AS SELECT rowid AS __order, "
        f"'{platform}' AS __platform, native_id AS __native, {handle} AS __handle, "
        f"{campaign} AS __campaign, CAST(metric_date AS DATE) AS __day, "
        f"* EXCLUDE (__bad_columns, __total, metric_date) FROM {GOOD}"
    )
    connection.execute(
        "INSERT INTO creators (creator_id, platform, handle) "
        "SELECT DISTINCT __platform || ':' || __handle, __platform, __handle FROM daily "
        "WHERE __handle IS NOT NULL ON CONFLICT (creator_id) DO NOTHING"
    )
    _write_posts(
        connection,
        {
            "creator_id": "CASE WHEN __handle IS NOT NULL THEN __platform || ':' || __handle END",
            "campaign_id": "__campaign",
            "posted_at": _col(detection, "posted_at"),
            "title": _col(detection, "title"),
            "duration_seconds": _col(detection, "duration_seconds"),
        },
        "daily",
        result.upload_id,
    )
    metrics = ", ".join(
        f"{_col(detection, m)} AS {m}"
        for m in ("views", "watch_time_hours", "impressions", "likes")
    )
    loaded = _upsert(
        connection,
        "post_metrics",
        ("post_id", "metric_date", "period"),
        f"SELECT __order, __platform || ':' || __native AS post_id, __day AS metric_date, "
        f"'day' AS period, {metrics}, {result.upload_id} AS upload_id FROM daily",
        repeated=_days_repeat(connection, "daily"),
    )
    connection.execute("DROP VIEW daily")
    return loaded


# Widest span of days, first to last, that ``_days_repeat`` keeps one bit per day of each post for.
DAY_BITMAP_MAX_SPAN = 1100


def _days_repeat(connection, source: str) -> bool | None:
    """Whether a post of ``source`` has two rows for one day (its ``__day``), or None when unsure.

    Each post's days are set as bits of a bitmap: fewer bits set than rows proves a repeat, and
    this costs one pass grouped by post, not a hash of every (post, day) key. Undated rows and
    spans too long for small bitmaps are left to the general count.
    """
    first, last, rows, dated = connection.execute(
        f"SELECT min(__day), max(__day), count(*), count(__day) FROM {source}"
    ).fetchone()
    if rows == 0:
        return False
    if dated < rows or (last - first).days > DAY_BITMAP_MAX_SPAN:
        return None
    span = (last - first).days
    return bool(
        connection.execute(
            "SELECT coalesce(sum(rows - bit_count(days)), 0) FROM ("
            "  SELECT count(*) AS rows, bitstring_agg(__day - ?::DATE, 0, ?) AS days "
            f"  FROM {source} GROUP BY __platform, __native)",
            [first, span],
        ).fetchone()[0]
    )


def write_account_daily(connection, detection: Detection, assignment, result) -> int:
    """Account-level per-day numbers (TikTok Overview and Viewers)."""
    names = (
        "views",
        "profile_views",
        "likes",
        "comments",
        "shares",
        "total_viewers",
        "new_viewers",
        "returning_viewers",
    )
    present = [n for n in names if n in detection.columns]
    account = assignment.creator_handle or assignment.client_name or "account"
    # Overview dates carry no year ("August 31"): the latest such date not after today.
    year_fix = (
        "CASE WHEN year(metric_date) = 1900 THEN "
        "CASE WHEN make_date(year(current_date), month(metric_date), day(metric_date)) > current_date "
        "THEN make_date(year(current_date) - 1, month(metric_date), day(metric_date)) "
        "ELSE make_date(year(current_date), month(metric_date), day(metric_date)) END "
        "ELSE CAST(metric_date AS DATE) END"
    )
    table_columns = ", ".join(present)
    update_rows = _upsert(
        connection,
        "account_metrics",
        ("platform", "account", "metric_date"),
        f"SELECT rowid AS __order, '{detection.format.platform}' AS platform, ? AS account, "
        f"{year_fix} AS metric_date, {table_columns}, {result.upload_id} AS upload_id FROM {GOOD}",
        [account],
    )
    return update_rows


def write_ads(connection, detection: Detection, assignment, result) -> int:
    """Ads Manager rows; the currency from a Currency cell, else the header ("Amount spent (MAD)").

    A breakdown export (by day, week, age, gender, placement, platform, country, region) keeps
    each row's dimension and value in ``breakdown`` / ``breakdown_value``; a row whose breakdown
    cell is blank, "All" or "Total" totals the others and is skipped as a totals row. The dates
    are Reporting starts / ends, or the row's Day, or its Week.
    """
    has = detection.columns.keys()
    if not ({"date_start", "day"} & has) and "week" not in has:
        raise FileRefused(Message("ingest.ads_no_dates"))
    campaign = _campaign_map(connection, detection, assignment, result, required=False)
    columns = (
        "campaign_name",
        "adset_name",
        "ad_name",
        "reach",
        "impressions",
        "frequency",
        "spend",
        "results",
        "link_clicks",
    )
    values = ", ".join(f"{_col(detection, c)} AS {c}" for c in columns)
    dims = [(field, name) for field, name in AD_BREAKDOWNS.items() if field in has]
    cells = [
        "strftime(CAST(day AS DATE), '%Y-%m-%d')" if field == "day" else f'trim("{field}")'
        for field, _ in dims
    ]
    breakdown = sql_string("|".join(name for _, name in dims)) if dims else "NULL"
    breakdown_value = f"concat_ws('|', {', '.join(cells)})" if dims else "NULL"
    words = ", ".join(sql_string(w) for w in BREAKDOWN_TOTAL_WORDS)
    totals = " OR ".join(f"coalesce(lower({c}), '') IN ('', {words})" for c in cells) or "false"
    week_start = week_end = "NULL"
    if "week" in has:
        # "2026-09-07 - 2026-09-13", or the week's first day alone.
        iso = r"(\d{4}-\d{2}-\d{2})"
        week_start = f"try_cast(regexp_extract(week, '{iso}', 1) AS DATE)"
        week_end = (
            f"coalesce(try_cast(regexp_extract(week, '{iso[1:-1]}.*{iso}', 1) AS DATE), "
            f"{week_start} + 6)"
        )
    date_start = (
        f"coalesce({_col(detection, 'day')}, {week_start}, {_col(detection, 'date_start')})"
    )
    date_end = (
        f"coalesce({_col(detection, 'day')}, {week_end}, {_col(detection, 'date_end')}, "
        f"{_col(detection, 'date_start')})"
    )
    currency = "?::TEXT"
    params: list = [detection.currency]
    if "currency" in has:
        currency = "coalesce(CASE WHEN list_contains(?::TEXT[], upper(trim(currency))) "
        currency += "THEN upper(trim(currency)) END, ?::TEXT)"
        params = [sorted(CURRENCY_CODES), detection.currency]
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE ads_in AS "
        f"SELECT rowid AS __order, {campaign} AS campaign_id, "
        f"CAST({date_start} AS DATE) AS date_start, CAST({date_end} AS DATE) AS date_end, "
        f"{values}, {currency} AS currency, {sql_string(detection.format.platform or '')} "
        f"AS platform, {breakdown} AS breakdown, "
        f"{breakdown_value} AS breakdown_value, {result.upload_id} AS upload_id, "
        f"CASE WHEN {totals} THEN 'total' WHEN {date_start} IS NULL THEN 'undated' END AS __skip "
        f"FROM {GOOD}",
        params,
    )
    skipped = dict(
        connection.execute(
            "SELECT __skip, count(*) FROM ads_in WHERE __skip IS NOT NULL GROUP BY ALL"
        ).fetchall()
    )
    result.skip(TOTALS_ROW, skipped.get("total", 0))
    result.skip(UNDATED, skipped.get("undated", 0))
    keys = (
        "date_start",
        "date_end",
        "campaign_name",
        "adset_name",
        "ad_name",
        "breakdown",
        "breakdown_value",
    )
    rows = "SELECT * EXCLUDE (__skip) FROM ads_in WHERE __skip IS NULL"
    if campaign != "NULL":
        # A row of ads is replaced on its dates, names and breakdown: never from another client's
        # campaign.
        match = " AND ".join(f"a.{k} IS NOT DISTINCT FROM s.{k}" for k in keys)
        _refuse_moves(
            connection,
            f"SELECT a.campaign_id AS was, s.campaign_id AS now FROM ad_delivery a JOIN ({rows}) s "
            f"ON {match} WHERE a.campaign_id <> s.campaign_id",
            "ad_rows",
        )
    loaded = _upsert(connection, "ad_delivery", keys, rows)
    connection.execute("DROP TABLE ads_in")
    return loaded


def _alias_case(expression: str, aliases: dict[str, tuple[str, ...]]) -> str:
    """CASE mapping normalised labels to canonical keys (constants from this module only)."""
    branches = []
    for key, words in aliases.items():
        labels = {normalise_header(w).replace("_", " ") for w in (*words, key)}
        listed = ", ".join(sql_string(label) for label in sorted(labels))
        branches.append(f"WHEN {expression} IN ({listed}) THEN {sql_string(key)}")
    return "CASE " + " ".join(branches) + " END"


GROUP_ALIASES = {
    "exposed": ("exposed", "test", "treatment", "expose", "exposes", "1"),
    "control": ("control", "baseline", "holdout", "temoin", "controle", "0"),
}


def _label_sql(column: str) -> str:
    # Lower-cased, accent-free, underscores as spaces: the same folding as normalise_header.
    return f"lower(replace(strip_accents(trim({column})), '_', ' '))"


def _answer_sql(column: str) -> str:
    """An answer folded as ``_fold_answer`` folds the positive answers a user listed."""
    text = f"replace(replace(replace({column}, chr(8217), chr(39)), chr(160), ' '), chr(8239), ' ')"
    return f"regexp_replace(lower(strip_accents(trim({text}))), '[\\s_]+', ' ', 'g')"


def _fold_answer(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    text = unicodedata.normalize("NFKD", text.strip())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[\s_]+", " ", text)


def _group_sql(detection: Detection) -> str:
    """Each row's group, exposed or control, from the group column or the file-wide value.

    The labels the user listed in the mapping's ``groups`` take precedence over the usual ones.
    """
    aliases = {key: tuple(words) for key, words in GROUP_ALIASES.items()}
    mapping = detection.mapping
    if mapping is not None and mapping.groups:
        given = {key: {_fold_answer(w) for w in words} for key, words in mapping.groups.items()}
        taken = set().union(*given.values())
        aliases = {
            key: tuple(given.get(key, ())) + tuple(w for w in words if _fold_answer(w) not in taken)
            for key, words in aliases.items()
        }
    if _has(detection, "group"):
        return _alias_case(_label_sql('"group"'), aliases)
    value = _value(detection, "group")
    return sql_string(value.lower()) if value else "NULL"


def _note_unknown(result, count: int, what: str, groups_only: bool = False) -> None:
    """Say how many ``what`` (respondents, answers, rows) name a group or question Sillage does
    not know; ``groups_only`` when only the group can be unknown (questions are columns)."""
    if not count:
        return
    if groups_only:
        result.notes.append(Message(f"ingest.note.unknown_{what}", n=count))
        return
    result.notes.append(
        Message(f"ingest.note.unknown_{what}", n=count, questions=", ".join(QUESTIONS))
    )


# Survey rows are keyed on their wave too: a panel answers the same question in several waves.
RESPONSE_KEYS = ("campaign_id", "respondent_id", "question", "wave")
RESULT_KEYS = ("campaign_id", "question", '"group"', "wave")


def _wave_columns(connection, detection: Detection, assignment, result) -> tuple[str, str]:
    """Each staged row's raw wave and survey date (``__wave_raw``, ``__survey_date``) as SQL,
    with every distinct raw wave read into ``wave_labels`` (``ingest.waves``).

    The ``--wave`` stamp (or the mapping's ``wave`` value) gives every row its wave; else the
    file's wave column does. Labels that name no time are kept, with a note.
    """
    stamp = assignment.wave.strip() if assignment.wave and assignment.wave.strip() else None
    if stamp is not None:
        raw = sql_string(stamp)
        raws = [stamp]
    elif _has(detection, "wave"):
        raw = "nullif(trim(\"wave\"), '')"
        raws = [r[0] for r in connection.execute(f"SELECT DISTINCT {raw} FROM {GOOD}").fetchall()]
    else:
        raw, raws = "CAST(NULL AS TEXT)", []
    unread = fill_wave_labels(connection, raws, day_first=export_locale(detection.locale).day_first)
    if unread:
        result.notes.append(
            Message("ingest.wave_unread", n=len(unread), labels=[w.label for w in unread])
        )
    day = '"survey_date"' if _has(detection, "survey_date") else "CAST(NULL AS DATE)"
    return f"{raw} AS __wave_raw, {day} AS __survey_date", raw


def _with_waves(select: str, detection: Detection, raw: str) -> str:
    return wave_select(select, raw != "CAST(NULL AS TEXT)", _has(detection, "survey_date"))


def write_survey_long(connection, detection: Detection, assignment, result) -> int:
    """One row per answer: campaign, respondent, group, question, answer."""
    campaign = _campaign_map(connection, detection, assignment, result, required=True)
    group = _group_sql(detection)
    question = _alias_case(_label_sql("question"), QUESTION_ALIASES)
    positive = "positive" if _has(detection, "positive") else "NULL"
    if _has(detection, "raw_answer"):
        from ingest.parsing import bool_sql

        positive = f"coalesce({positive}, {bool_sql('raw_answer')})"
    waves, raw = _wave_columns(connection, detection, assignment, result)
    return _write_responses(
        connection,
        result,
        _with_waves(
            f"""
        SELECT rowid AS __order, {campaign} AS campaign_id, respondent_id, {group} AS "group",
               {question} AS question, {positive} AS positive, {_col(detection, "raw_answer")} AS raw_answer,
               {_col(detection, "exposures")} AS exposures, {_col(detection, "responded_at")} AS responded_at,
               coalesce({_col(detection, "weight")}, 1.0) AS weight, {waves}
        FROM {GOOD}
    """,
            detection,
            raw,
        ),
    )


def _chosen_sql(column: str) -> str:
    """Whether a one-hot option cell says the respondent chose it: any mark but a "no" word."""
    falses = ", ".join(sql_string(w) for w in FALSE_WORDS)
    return f"coalesce(lower({column}) NOT IN ({falses}), false)"


def _mapped_questions(detection: Detection) -> list[tuple[str, str, str]]:
    """(metric, positive, raw answer) SQL of each question the user's mapping lists."""
    from ingest.loader import _column_of, _header_index

    index = _header_index(list(detection.headers))
    cell = lambda header: f'"x{_column_of(index, header)}"'  # noqa: E731
    found = []
    for question in detection.mapping.questions:
        branches, raw = [], []
        options = question.options or {}
        for role in ("positive", "negative"):
            marked = [h for h, r in options.items() if r == role]
            if marked:
                chosen = " OR ".join(_chosen_sql(cell(h)) for h in marked)
                branches.append(f"WHEN {chosen} THEN {'true' if role == 'positive' else 'false'}")
        raw += [f"WHEN {_chosen_sql(cell(h))} THEN {sql_string(h)}" for h in options]
        if question.column:
            answer = cell(question.column)
            positives = ", ".join(sql_string(_fold_answer(a)) for a in question.positive)
            branches.append(
                f"WHEN {answer} IS NOT NULL THEN {_answer_sql(answer)} IN ({positives})"
            )
            raw.append(f"WHEN {answer} IS NOT NULL THEN {answer}")
        found.append(
            (
                question.metric,
                "CASE " + " ".join(branches) + " END",
                "CASE " + " ".join(raw) + " END",
            )
        )
    return found


def _named_questions(connection) -> list[tuple[str, str, str]]:
    """(metric, positive, raw answer) SQL of the question columns found by their names."""
    from ingest.parsing import bool_sql

    columns = [r[0] for r in connection.execute("DESCRIBE staged").fetchall()]
    questions = sorted({c.split(":")[1] for c in columns if c.startswith("q:")})
    found = []
    for q in questions:
        yes, no, answer = (f'"q:{q}:{role}"' for role in ("yes", "no", "answer"))
        has = {role: f"q:{q}:{role}" in columns for role in ("yes", "no", "answer")}
        if has["yes"] or has["no"]:
            # 1/0 flags; 0/0 means the respondent did not answer this question.
            yes_flag = bool_sql(yes) if has["yes"] else "false"
            no_flag = bool_sql(no) if has["no"] else "false"
            positive = f"CASE WHEN {yes_flag} THEN true WHEN {no_flag} THEN false END"
        else:
            positive = bool_sql(answer)
        found.append((q, positive, answer if has["answer"] else "NULL"))
    return found


NO_ANSWER = Message("ingest.skip.no_answer")


def write_survey_wide(connection, detection: Detection, assignment, result) -> int:
    """One row per respondent: a group and, per question, one-hot flags or an answer column.

    Counts respondents: loaded when at least one answer is stored, rejected when the group is
    unknown, skipped when they answered none of the questions.
    """
    campaign = _campaign_map(connection, detection, assignment, result, required=True)
    group = _group_sql(detection)
    if detection.mapping is not None and detection.mapping.questions:
        questions = _mapped_questions(detection)
    else:
        questions = _named_questions(connection)
    answers = ", ".join(
        f'{positive} AS "p{i}", {raw} AS "r{i}"' for i, (_, positive, raw) in enumerate(questions)
    )
    waves, raw = _wave_columns(connection, detection, assignment, result)
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE sl_wide AS "
        + _with_waves(
            f"SELECT rowid AS __order, {campaign} AS campaign_id, "
            f'respondent_id, {group} AS "group", {answers}, '
            f"{_col(detection, 'exposures')} AS exposures, {_col(detection, 'responded_at')} AS responded_at, "
            f"coalesce({_col(detection, 'weight')}, 1.0) AS weight, {waves} FROM {GOOD}",
            detection,
            raw,
        )
    )
    answered = " OR ".join(f'"p{i}" IS NOT NULL' for i in range(len(questions)))
    unknown, silent, loaded = connection.execute(
        'SELECT count(*) FILTER (WHERE "group" IS NULL), '
        f'count(*) FILTER (WHERE "group" IS NOT NULL AND NOT ({answered})), '
        f'count(DISTINCT (campaign_id, respondent_id, wave)) FILTER (WHERE "group" IS NOT NULL AND ({answered})) '
        "FROM sl_wide"
    ).fetchone()
    _note_unknown(result, unknown, "respondents", groups_only=True)
    result.rows_rejected += unknown
    result.skip(NO_ANSWER, silent)
    parts = [
        f"SELECT __order, campaign_id, respondent_id, \"group\", '{metric}' AS question, "
        f'"p{i}" AS positive, "r{i}" AS raw_answer, exposures, responded_at, weight, wave, '
        f'wave_week FROM sl_wide WHERE "p{i}" IS NOT NULL AND "group" IS NOT NULL'
        for i, (metric, _, _) in enumerate(questions)
    ]
    _upsert(
        connection,
        "survey_responses",
        RESPONSE_KEYS,
        f"SELECT *, {result.upload_id} AS upload_id FROM ({' UNION ALL '.join(parts)})",
    )
    connection.execute("DROP TABLE sl_wide")
    return loaded


def _write_responses(connection, result, select: str) -> int:
    checked = textwrap.dedent(f"""
        SELECT *, {result.upload_id} AS upload_id FROM ({select})
        WHERE "group" IS NOT NULL AND question IS NOT NULL
    """)
    unknown = connection.execute(
        f'SELECT count(*) FROM ({select}) WHERE "group" IS NULL OR question IS NULL'
    ).fetchone()[0]
    _note_unknown(result, unknown, "answers")
    result.rows_rejected += unknown
    return _upsert(connection, "survey_responses", RESPONSE_KEYS, checked)


def write_survey_agg(connection, detection: Detection, assignment, result) -> int:
    """Aggregated results per question and group: respondents and positive count or rate."""
    campaign = _campaign_map(connection, detection, assignment, result, required=True)
    group = _group_sql(detection)
    question = _alias_case(_label_sql("question"), QUESTION_ALIASES)
    count = _col(detection, "positive_count")
    rate = _col(detection, "positive_rate")
    waves, raw = _wave_columns(connection, detection, assignment, result)
    select = _with_waves(
        f'SELECT rowid AS __order, {campaign} AS campaign_id, {question} AS question, {group} AS "group", '
        f"respondents, coalesce({count}, {rate} * respondents) AS positive_count, "
        f"coalesce({rate}, {count} / nullif(respondents, 0)) AS positive_rate, "
        f"{result.upload_id} AS upload_id, {waves} FROM {GOOD}",
        detection,
        raw,
    )
    unknown = connection.execute(
        f'SELECT count(*) FROM ({select}) WHERE "group" IS NULL OR question IS NULL'
    ).fetchone()[0]
    _note_unknown(result, unknown, "rows")
    result.rows_rejected += unknown
    return _upsert(
        connection,
        "survey_results",
        RESULT_KEYS,
        f'SELECT * FROM ({select}) WHERE "group" IS NOT NULL AND question IS NOT NULL',
    )


def write_survey_agg_wide(connection, detection: Detection, assignment, result) -> int:
    """Google-style rows: exposed and baseline rates side by side, one row per question."""
    campaign = _campaign_map(connection, detection, assignment, result, required=True)
    question = _alias_case(_label_sql("question"), QUESTION_ALIASES)
    waves, raw = _wave_columns(connection, detection, assignment, result)
    sides = []
    for group, prefix in (("exposed", "exposed"), ("control", "control")):
        sides.append(
            _with_waves(
                f"SELECT rowid AS __order, {campaign} AS campaign_id, {question} AS question, "
                f"'{group}' AS \"group\", {prefix}_respondents AS respondents, "
                f"{prefix}_rate * {prefix}_respondents AS positive_count, "
                f"{prefix}_rate AS positive_rate, {result.upload_id} AS upload_id, {waves} "
                f"FROM {GOOD}",
                detection,
                raw,
            )
        )
    loaded = _upsert(connection, "survey_results", RESULT_KEYS, " UNION ALL ".join(sides))
    return loaded // 2


def _post_references(connection) -> None:
    """``post_refs``: every way an export may name a post (its id, platform id, link, link id)."""
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE post_refs AS "
        "SELECT ref, any_value(post_id) AS post_id FROM ("
        "  SELECT post_id AS ref, post_id FROM posts"
        "  UNION ALL SELECT native_id, post_id FROM posts"
        "  UNION ALL SELECT url, post_id FROM posts WHERE url IS NOT NULL"
        f"  UNION ALL SELECT {URL_ID_SQL.format(url='url')}, post_id FROM posts WHERE url IS NOT NULL"
        ") GROUP BY ref"
    )


def _resolved_post(detection: Detection) -> tuple[str, str]:
    """(post_id expression, join clause) resolving the file's post reference to a known post."""
    if not _has(detection, "post_ref"):
        return "NULL", ""
    # A reference to a post Sillage does not know yet is kept as written.
    return (
        "coalesce(by_ref.post_id, by_link.post_id, post_ref)",
        "LEFT JOIN post_refs by_ref ON by_ref.ref = post_ref "
        f"LEFT JOIN post_refs by_link ON by_link.ref = {URL_ID_SQL.format(url='post_ref')}",
    )


def _note_unknown_posts(connection, detection: Detection, join: str, result, what: str) -> None:
    """Say how many rows name a post Sillage does not know yet (they are kept as written)."""
    if not join:
        return
    unknown = connection.execute(
        f"SELECT count(*) FROM staged {join} WHERE len(__bad_columns) = 0 AND NOT __total "
        "AND post_ref IS NOT NULL AND by_ref.post_id IS NULL AND by_link.post_id IS NULL"
    ).fetchone()[0]
    if unknown:
        result.notes.append(Message(f"ingest.note.unknown_{what}", n=unknown))


def write_comments(connection, detection: Detection, assignment, result) -> int:
    """Comments; the post is found by its id or its link, the id is the export's or a content hash."""
    _post_references(connection)
    post_id, join = _resolved_post(detection)
    _note_unknown_posts(connection, detection, join, result, "comments")
    comment_id = _col(
        detection,
        "comment_id",
        "md5(concat_ws('|', " + _col(detection, "post_ref") + ", author, created_at, text))",
    )
    return _upsert(
        connection,
        "comments",
        ("comment_id",),
        f"SELECT staged.rowid AS __order, {comment_id} AS comment_id, {post_id} AS post_id, author, text, "
        f"created_at, {_col(detection, 'likes')} AS likes, {_col(detection, 'language')} AS language, "
        f"{result.upload_id} AS upload_id FROM staged {join} WHERE len(__bad_columns) = 0 AND NOT __total",
    )


def write_exposures(connection, detection: Detection, assignment, result) -> int:
    """One person seeing one post at a time (panel or pixel log, ids already hashed)."""
    campaign = _campaign_map(connection, detection, assignment, result, required=True)
    _post_references(connection)
    post_id, join = _resolved_post(detection)
    _note_unknown_posts(connection, detection, join, result, "exposures")
    return _upsert(
        connection,
        "exposures",
        ("campaign_id", "person_id", "post_id", "exposed_at"),
        f"SELECT staged.rowid AS __order, {campaign} AS campaign_id, person_id, {post_id} AS post_id, "
        f"exposed_at, {result.upload_id} AS upload_id "
        f"FROM staged {join} WHERE len(__bad_columns) = 0 AND NOT __total",
    )


def write_ads_daily(connection, detection: Detection, assignment, result) -> int:
    """Ad rows of one day each (TikTok, Google, Pinterest, LinkedIn by day): a day breakdown.

    The row's date is its Day, so that reach, which does not add up over days, is never summed
    across them (the ``ad_delivery_counted`` view).
    """
    connection.execute('ALTER TABLE staged ADD COLUMN IF NOT EXISTS "day" DATE')
    connection.execute('UPDATE staged SET "day" = CAST("date_start" AS DATE)')
    columns = {name: index for name, index in detection.columns.items() if name != "date_start"}
    columns["day"] = detection.columns["date_start"]
    return write_ads(
        connection, dataclasses.replace(detection, columns=columns), assignment, result
    )


# The dimension an audience export describes, from the field that holds its buckets.
AUDIENCE_DIMENSIONS = ("age", "gender", "country", "city", "hour")
GENDER_WORDS = {
    "female": ("female", "women", "woman", "femme", "femmes", "f"),
    "male": ("male", "men", "man", "homme", "hommes", "m"),
    "other": (
        "other",
        "others",
        "autre",
        "autres",
        "user-specified",
        "non specifie",
        "specifie par l'utilisateur",
    ),
}


@cache
def _territory_names() -> list[tuple[str, str]]:
    """Country names in English and French (CLDR, through Babel), folded, with their code."""
    names = {}
    for language in ("en", "fr"):
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha():
                names[_fold_answer(name).replace("_", " ")] = code
    return sorted(names.items())


def write_audience(connection, detection: Detection, assignment, result) -> int:
    """A creator's audience on one date: one row per dimension value, as a share or a count."""
    dimension = next(d for d in AUDIENCE_DIMENSIONS if d in detection.columns)
    platform = detection.format.platform
    creator_id = f"{platform}:{assignment.creator_handle.strip().lower().lstrip('@')}"
    bucket = f'trim(CAST("{dimension}" AS VARCHAR))'
    if dimension == "gender":
        bucket = f"coalesce({_alias_case(f'lower(strip_accents({bucket}))', GENDER_WORDS)}, lower({bucket}))"
    if dimension == "country":
        # "France", "Maroc", "Belgium" as the ISO 3166 codes other exports give ("FR", "MA").
        connection.execute("CREATE OR REPLACE TEMP TABLE territory_names (name TEXT, code TEXT)")
        connection.executemany("INSERT INTO territory_names VALUES (?, ?)", _territory_names())
        bucket = (
            f"coalesce((SELECT code FROM territory_names WHERE name = {_label_sql(bucket)}), "
            f"{bucket})"
        )
    as_of = (
        'CAST("as_of" AS DATE)'
        if "as_of" in detection.columns
        else (
            sql_string(assignment.as_of.isoformat()) + "::DATE"
            if assignment.as_of
            else "current_date"
        )
    )
    return _upsert(
        connection,
        "audience",
        ("platform", "creator_id", "dimension", "value", "as_of"),
        f"SELECT rowid AS __order, ? AS platform, ? AS creator_id, ? AS dimension, "
        f"{bucket} AS value, {_col(detection, 'share')} AS share, "
        f"{_col(detection, 'count')} AS count, {as_of} AS as_of, "
        f"{result.upload_id} AS upload_id FROM {GOOD} AND {bucket} IS NOT NULL",
        [platform, creator_id, dimension],
    )


WRITERS = {
    "content": write_content,
    "post_daily": write_post_daily,
    "account_daily": write_account_daily,
    "ads": write_ads,
    "ads_daily": write_ads_daily,
    "audience": write_audience,
    "survey_long": write_survey_long,
    "survey_wide": write_survey_wide,
    "survey_agg": write_survey_agg,
    "survey_agg_wide": write_survey_agg_wide,
    "comments": write_comments,
    "exposures": write_exposures,
}


# Why rows were skipped: the keys of ``skipped_reasons`` (stored in English, as their ``str``).
TOTALS_ROW = Message("ingest.skip.totals")
UNDATED = Message("ingest.skip.undated")


def write(connection, detection: Detection, assignment, result) -> None:
    """Write the good rows of ``staged`` and account for every one of them.

    Each row read ends up loaded, rejected (unreadable, or a group the writer does not know),
    skipped (a totals row, a respondent with no answer) or merged into an earlier row of the
    file with the same key: ``rows_read`` is their sum.
    """
    result.skip(
        TOTALS_ROW,
        connection.execute("SELECT count(*) FROM staged WHERE __total").fetchone()[0],
    )
    rejected_before, skipped_before = result.rows_rejected, result.rows_skipped
    good = connection.execute(f"SELECT count(*) FROM {GOOD}").fetchone()[0]
    result.rows_loaded = WRITERS[detection.format.kind](connection, detection, assignment, result)
    # The posts this file wrote metric rows for get new totals.
    post_totals.refresh_upload(connection, result.upload_id)
    _date_new_campaigns(connection, result.upload_id)
    result.rows_merged = (
        good
        - result.rows_loaded
        - (result.rows_rejected - rejected_before)
        - (result.rows_skipped - skipped_before)
    )
    if result.rows_merged > 0:
        result.notes.append(Message("ingest.note.merged", n=result.rows_merged))
    connection.execute("DROP TABLE staged")


def _date_new_campaigns(connection, upload_id: int) -> None:
    """A campaign without dates takes them from the posts this upload wrote (first and last);
    its survey waves are then placed on them (``store.campaigns.refresh_waves``)."""
    dated = connection.execute(
        "UPDATE campaigns SET start_date = d.first_day, end_date = d.last_day FROM ("
        "  SELECT campaign_id, CAST(min(posted_at) AS DATE) AS first_day, "
        "  CAST(max(posted_at) AS DATE) AS last_day FROM posts "
        "  WHERE upload_id = ? AND campaign_id IS NOT NULL AND posted_at IS NOT NULL "
        "  GROUP BY campaign_id) d "
        "WHERE campaigns.campaign_id = d.campaign_id "
        "AND campaigns.start_date IS NULL AND campaigns.end_date IS NULL "
        "RETURNING campaigns.campaign_id",
        [upload_id],
    ).fetchall()
    for (campaign_id,) in dated:
        campaigns.refresh_waves(connection, campaign_id, None, None)
