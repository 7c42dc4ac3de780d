"""Forward-only schema migrations; ``MIGRATIONS[i]`` brings the schema to version ``i + 1``.

The tables and the columns listed in docs/schema.md are a documented interface: analysts query
the database file directly, so a migration adds and never renames.
"""

from __future__ import annotations

import textwrap

from store import post_totals

V1 = textwrap.dedent(
    """
    CREATE SEQUENCE upload_ids START 1;
    CREATE SEQUENCE client_ids START 1;
    CREATE SEQUENCE share_link_ids START 1;

    CREATE TABLE clients (
        client_id INTEGER PRIMARY KEY DEFAULT nextval('client_ids'),
        name TEXT NOT NULL UNIQUE,
        created_at TIMESTAMP DEFAULT current_timestamp
    );

    CREATE TABLE campaigns (
        campaign_id TEXT PRIMARY KEY,
        client_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        objective TEXT CHECK (objective IN ('awareness', 'consideration', 'conversion', 'loyalty')),
        start_date DATE,
        end_date DATE,
        budget DOUBLE,
        currency TEXT,
        targets JSON,
        brand_terms JSON
    );

    CREATE TABLE creators (
        creator_id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        handle TEXT NOT NULL,
        display_name TEXT,
        followers BIGINT,
        followers_as_of DATE
    );

    CREATE TABLE posts (
        post_id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        native_id TEXT NOT NULL,
        creator_id TEXT,
        campaign_id TEXT,
        posted_at TIMESTAMP,
        format TEXT,
        title TEXT,
        caption TEXT,
        url TEXT,
        duration_seconds DOUBLE,
        sponsored BOOLEAN,
        paid_partnership_label BOOLEAN,
        cost DOUBLE,
        upload_id INTEGER
    );

    CREATE TABLE post_metrics (
        post_id TEXT NOT NULL,
        metric_date DATE NOT NULL,
        period TEXT NOT NULL CHECK (period IN ('day', 'lifetime')),
        impressions BIGINT,
        reach BIGINT,
        views BIGINT,
        likes BIGINT,
        comments BIGINT,
        shares BIGINT,
        saves BIGINT,
        clicks BIGINT,
        profile_visits BIGINT,
        follows BIGINT,
        watch_time_hours DOUBLE,
        subscribers BIGINT,
        upload_id INTEGER
    );

    CREATE TABLE account_metrics (
        platform TEXT NOT NULL,
        account TEXT NOT NULL,
        metric_date DATE NOT NULL,
        views BIGINT,
        profile_views BIGINT,
        likes BIGINT,
        comments BIGINT,
        shares BIGINT,
        total_viewers BIGINT,
        new_viewers BIGINT,
        returning_viewers BIGINT,
        upload_id INTEGER
    );

    CREATE TABLE ad_delivery (
        campaign_id TEXT,
        date_start DATE NOT NULL,
        date_end DATE NOT NULL,
        campaign_name TEXT,
        adset_name TEXT,
        ad_name TEXT,
        reach BIGINT,
        impressions BIGINT,
        frequency DOUBLE,
        spend DOUBLE,
        currency TEXT,
        results BIGINT,
        link_clicks BIGINT,
        upload_id INTEGER
    );

    CREATE TABLE survey_responses (
        campaign_id TEXT NOT NULL,
        respondent_id TEXT NOT NULL,
        "group" TEXT NOT NULL CHECK ("group" IN ('exposed', 'control')),
        question TEXT NOT NULL,
        positive BOOLEAN,
        raw_answer TEXT,
        exposures INTEGER,
        responded_at TIMESTAMP,
        weight DOUBLE DEFAULT 1.0,
        upload_id INTEGER
    );

    CREATE TABLE survey_results (
        campaign_id TEXT NOT NULL,
        question TEXT NOT NULL,
        "group" TEXT NOT NULL CHECK ("group" IN ('exposed', 'control')),
        respondents BIGINT NOT NULL,
        positive_count DOUBLE,
        positive_rate DOUBLE,
        upload_id INTEGER
    );

    CREATE TABLE exposures (
        campaign_id TEXT NOT NULL,
        person_id TEXT NOT NULL,
        post_id TEXT,
        exposed_at TIMESTAMP NOT NULL,
        upload_id INTEGER
    );

    CREATE TABLE comments (
        comment_id TEXT NOT NULL,
        post_id TEXT,
        author TEXT,
        text TEXT,
        created_at TIMESTAMP,
        likes BIGINT,
        language TEXT,
        upload_id INTEGER
    );

    CREATE TABLE uploads (
        upload_id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size_bytes BIGINT NOT NULL,
        detected_format TEXT,
        encoding TEXT,
        delimiter TEXT,
        status TEXT NOT NULL,
        message TEXT,
        rows_read BIGINT DEFAULT 0,
        rows_loaded BIGINT DEFAULT 0,
        rows_rejected BIGINT DEFAULT 0,
        errors JSON,
        campaign_id TEXT,
        client_id INTEGER,
        raw_path TEXT NOT NULL,
        uploaded_at TIMESTAMP DEFAULT current_timestamp
    );

    CREATE TABLE column_mappings (
        header_signature TEXT PRIMARY KEY,
        target_format TEXT NOT NULL,
        mapping JSON NOT NULL,
        saved_at TIMESTAMP DEFAULT current_timestamp
    );

    CREATE TABLE share_links (
        link_id INTEGER PRIMARY KEY DEFAULT nextval('share_link_ids'),
        token_hash TEXT NOT NULL UNIQUE,
        client_id INTEGER NOT NULL,
        campaign_ids JSON NOT NULL,
        label TEXT,
        sections JSON,
        hide_costs BOOLEAN DEFAULT false,
        created_at TIMESTAMP DEFAULT current_timestamp,
        expires_at TIMESTAMP,
        revoked_at TIMESTAMP,
        last_opened_at TIMESTAMP
    );
    """
)

# Earned media value only through a named, versioned rate table the user sees and edits; the seeded
# version is flagged illustrative.
V2 = textwrap.dedent(
    """
    CREATE TABLE IF NOT EXISTS emv_rate_versions (
        version TEXT PRIMARY KEY,
        currency TEXT NOT NULL,
        effective_date DATE NOT NULL,
        description TEXT,
        illustrative BOOLEAN NOT NULL DEFAULT false,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    );

    CREATE TABLE IF NOT EXISTS emv_rates (
        version TEXT NOT NULL,
        platform TEXT NOT NULL,
        per_impression DOUBLE NOT NULL DEFAULT 0 CHECK (per_impression >= 0),
        per_like DOUBLE NOT NULL DEFAULT 0 CHECK (per_like >= 0),
        per_comment DOUBLE NOT NULL DEFAULT 0 CHECK (per_comment >= 0),
        per_share DOUBLE NOT NULL DEFAULT 0 CHECK (per_share >= 0),
        per_save DOUBLE NOT NULL DEFAULT 0 CHECK (per_save >= 0),
        per_click DOUBLE NOT NULL DEFAULT 0 CHECK (per_click >= 0),
        PRIMARY KEY (version, platform)
    );

    INSERT OR IGNORE INTO emv_rate_versions (version, currency, effective_date, description, illustrative) VALUES ('illustrative-v1', 'EUR', '2020-01-01', 'ILLUSTRATIVE rates, not market values: a starting point to show how EMV is computed. Replace them with your agency''s own rates (add a version) before reporting EMV.', true);
    INSERT OR IGNORE INTO emv_rates (version, platform, per_impression, per_like, per_comment, per_share, per_save, per_click) VALUES
        ('illustrative-v1', 'instagram', 0.005, 0.1, 0.5, 0.5, 0.4, 1.0),
        ('illustrative-v1', 'tiktok', 0.003, 0.05, 0.4, 0.5, 0.3, 1.0),
        ('illustrative-v1', 'youtube', 0.01, 0.15, 0.6, 0.6, 0.4, 1.0),
        ('illustrative-v1', '*', 0.004, 0.08, 0.4, 0.4, 0.3, 0.8);
    """
)

# Stored comment sentiment, so a page never re-scores what has not changed.
V3 = textwrap.dedent(
    """
    CREATE TABLE IF NOT EXISTS comment_scores (
        comment_id TEXT PRIMARY KEY,
        text_md5 TEXT NOT NULL,
        label TEXT NOT NULL CHECK (label IN ('positive', 'neutral', 'negative')),
        confidence DOUBLE NOT NULL,
        p_negative DOUBLE,
        p_neutral DOUBLE,
        p_positive DOUBLE,
        language TEXT,
        drivers JSON,
        scorer TEXT NOT NULL,
        scored_at TIMESTAMP DEFAULT current_timestamp
    );
    """
)

# Per-post totals and weekly sums (store/post_totals.py), so that reports read one row per post
# (or per post and week) instead of regrouping every metric row; filled here from the metric
# rows already loaded.
V4 = (
    post_totals.TABLE_SQL
    + f"INSERT INTO post_totals BY NAME {post_totals.RULE_SQL};\n"
    + post_totals.WEEKS_TABLE_SQL
    + f"INSERT INTO post_weeks BY NAME {post_totals.WEEKS_SQL};\n"
)

# Honest accounting of every upload: every row read is loaded, rejected, skipped (with why) or
# merged into an earlier row of the same file; the columns Sillage did not keep are listed; the
# whole column mapping an upload was read with is kept beside it.
V5 = textwrap.dedent(
    """
    ALTER TABLE uploads ADD COLUMN IF NOT EXISTS rows_skipped BIGINT DEFAULT 0;
    ALTER TABLE uploads ADD COLUMN IF NOT EXISTS rows_merged BIGINT DEFAULT 0;
    ALTER TABLE uploads ADD COLUMN IF NOT EXISTS skipped_reasons JSON;
    ALTER TABLE uploads ADD COLUMN IF NOT EXISTS columns_unused JSON;
    ALTER TABLE uploads ADD COLUMN IF NOT EXISTS mapping JSON;
    """
)

# Audience exports (TikTok Gender, Top territories, Follower activity; YouTube viewer age,
# gender, geography): one row per creator, dimension, value and date, as a share or a count.
AUDIENCE = textwrap.dedent(
    """
    CREATE TABLE IF NOT EXISTS audience (
        platform TEXT NOT NULL,
        creator_id TEXT NOT NULL,
        dimension TEXT NOT NULL,
        value TEXT NOT NULL,
        share DOUBLE CHECK (share IS NULL OR (share >= 0 AND share <= 1)),
        count BIGINT CHECK (count IS NULL OR count >= 0),
        as_of DATE NOT NULL,
        upload_id INTEGER
    );
    """
)

# Ad rows broken down by day, week, age, gender, placement, platform, country or region carry the
# dimension and its value (NULL on undivided rows); a creator fee may carry its own ISO 4217
# code (else the campaign's currency applies).
BREAKDOWNS = textwrap.dedent(
    """
    ALTER TABLE ad_delivery ADD COLUMN IF NOT EXISTS breakdown TEXT;
    ALTER TABLE ad_delivery ADD COLUMN IF NOT EXISTS breakdown_value TEXT;
    ALTER TABLE posts ADD COLUMN IF NOT EXISTS cost_currency TEXT;
    """
)

# Paid delivery with each ad counted once: an ad's undivided rows when it has any, else one
# breakdown (those that add up for reach first: age, gender, country, region; then day, week,
# the others). ``reach`` is kept only where it adds up across the rows; elsewhere it is NULL, as
# a person reached on two days would count twice.
AD_DELIVERY_COUNTED = textwrap.dedent(
    """
    CREATE OR REPLACE VIEW ad_delivery_counted AS
    WITH ranked AS (
        SELECT *,
               breakdown IS NULL
                 OR list_has_all(['age', 'gender', 'country', 'region'],
                                 string_split(breakdown, '|')) AS reach_adds,
               CASE WHEN breakdown IS NULL THEN 0
                    WHEN list_has_all(['age', 'gender', 'country', 'region'],
                                      string_split(breakdown, '|')) THEN 1
                    WHEN breakdown = 'day' THEN 2
                    WHEN breakdown = 'week' THEN 3
                    ELSE 4 END AS source_rank
        FROM ad_delivery
    ),
    chosen AS (
        SELECT campaign_id, campaign_name, adset_name, ad_name,
               arg_min(coalesce(breakdown, ''), (source_rank, coalesce(breakdown, ''))) AS source
        FROM ranked
        GROUP BY ALL
    )
    SELECT r.* EXCLUDE (reach, reach_adds, source_rank),
           CASE WHEN r.reach_adds THEN r.reach END AS reach
    FROM ranked r
    JOIN chosen c ON c.campaign_id IS NOT DISTINCT FROM r.campaign_id
     AND c.campaign_name IS NOT DISTINCT FROM r.campaign_name
     AND c.adset_name IS NOT DISTINCT FROM r.adset_name
     AND c.ad_name IS NOT DISTINCT FROM r.ad_name
     AND c.source = coalesce(r.breakdown, '');
    """
)

# Which ad manager each ad row came from; rows loaded before are named from their upload's format,
# and the rows of by-day reports (one day each) become the day breakdown they are.
AD_PLATFORM = textwrap.dedent(
    """
    ALTER TABLE ad_delivery ADD COLUMN IF NOT EXISTS platform TEXT;
    UPDATE ad_delivery a SET platform = CASE u.detected_format
            WHEN 'meta_ads' THEN 'meta' WHEN 'tiktok_ads' THEN 'tiktok'
            WHEN 'google_ads' THEN 'google' WHEN 'snapchat_ads' THEN 'snapchat'
            WHEN 'pinterest_ads' THEN 'pinterest' WHEN 'linkedin_ads' THEN 'linkedin' END
    FROM uploads u WHERE u.upload_id = a.upload_id AND a.platform IS NULL;
    UPDATE ad_delivery SET breakdown = 'day', breakdown_value = strftime(date_start, '%Y-%m-%d')
    WHERE platform IN ('tiktok', 'google', 'pinterest', 'linkedin') AND breakdown IS NULL;
    """
)

# The agency's own settings (store/settings.py): its name and logo on every report, the logo
# kept as its bytes.
AGENCY_SETTINGS = textwrap.dedent(
    """
    CREATE TABLE IF NOT EXISTS agency_settings (
        key TEXT PRIMARY KEY,
        text_value TEXT,
        blob_value BLOB,
        updated_at TIMESTAMP DEFAULT current_timestamp
    );
    """
)

# Survey waves: the label of the wave an answer or an aggregated result belongs to (pre, in_flight,
# post, +4w, ...; a label Sillage does not read is kept as written) and where it stands in weeks
# after the campaign's end (negative before it; NULL when unknown). Re-uploads are keyed on the
# wave too, so the same respondent may answer several waves.
SURVEY_WAVES = textwrap.dedent(
    """
    ALTER TABLE survey_responses ADD COLUMN IF NOT EXISTS wave TEXT;
    ALTER TABLE survey_responses ADD COLUMN IF NOT EXISTS wave_week DOUBLE;
    ALTER TABLE survey_results ADD COLUMN IF NOT EXISTS wave TEXT;
    ALTER TABLE survey_results ADD COLUMN IF NOT EXISTS wave_week DOUBLE;
    """
)

# A campaign's target audience (JSON: age bands, genders, countries; store/target_audience.py),
# which creators' audience exports are compared with.
TARGET_AUDIENCE = textwrap.dedent(
    """
    ALTER TABLE campaigns ADD COLUMN IF NOT EXISTS target_audience JSON;
    """
)

MIGRATIONS: tuple[str, ...] = (
    V1,
    V2,
    V3,
    V4,
    V5,
    AUDIENCE,
    BREAKDOWNS,
    AD_DELIVERY_COUNTED,
    AD_PLATFORM,
    AGENCY_SETTINGS,
    SURVEY_WAVES,
    TARGET_AUDIENCE,
)
