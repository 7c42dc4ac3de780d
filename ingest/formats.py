"""The export formats Sillage recognises from their headers alone, in English and French.

Each format is data, not code: which canonical field each header feeds, the field's type, and
which fields must be present for the format to be recognised. ``detect`` scores every format
against a file's headers and picks the best complete match.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from babel.numbers import (
    format_currency,
    get_currency_precision,
    get_currency_symbol,
    list_currencies,
)

from i18n.messages import Message

# Field types understood by ingest.parsing.
TEXT, INT, FLOAT, RATE, DATE, TIMESTAMP, BOOL, DURATION = (
    "text", "int", "float", "rate", "date", "timestamp", "bool", "duration",
)  # fmt: skip


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    en: tuple[str, ...] = ()
    fr: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str
    kind: str  # which loader writes it: content, post_daily, account_daily, ads, survey_*, ...
    platform: str | None
    fields: tuple[Field, ...]
    required: tuple[str, ...]
    # A header whose presence rules the format out (e.g. a Date column for YouTube's table export).
    excluded: tuple[str, ...] = ()
    # The field whose value marks a totals row ("Total", or empty while numbers are present).
    totals_key: str | None = None
    notes: str = ""  # a ``Message``: shown on the column mapping screen
    # Offered on the mapping screen only: its headers are anyone's, so it is never auto-detected.
    mapping_only: bool = False

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


# ISO 4217 codes as CLDR knows them (Babel), upper-case: "Amount spent (MAD)", a "Currency" cell.
CURRENCY_CODES = frozenset(code.upper() for code in list_currencies())
_TRAILING_CODE = re.compile(r"\s*\(\s*([A-Za-z]{3})\s*\)\s*$")


def currency_code(text: object) -> str | None:
    """The ISO 4217 code ``text`` is (any case, trimmed), or None: "mad" -> "MAD", "€" -> None."""
    if not isinstance(text, str):
        return None
    code = text.strip().upper()
    return code if code in CURRENCY_CODES else None


def currency_info(code: str, locale: str = "en") -> tuple[str, int]:
    """A currency's symbol in ``locale`` and its usual decimals, from CLDR: ("MAD", 2), ("¥", 0)."""
    return get_currency_symbol(code, locale=locale), get_currency_precision(code)


def format_money(amount: float, code: str | None, locale: str = "en") -> str:
    """``amount`` with the currency's symbol and decimals from CLDR; plain with two when no code."""
    if not code:
        return f"{amount:,.2f}"
    return format_currency(amount, code, locale=locale)


def normalise_header(header: str) -> str:
    """Lower-case, accent-free, single-spaced header without BOM or a trailing currency code."""
    text = header.replace("\ufeff", "").replace("\u00a0", " ").replace("\u202f", " ")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").lower().strip().strip('"').strip()
    if header_currency(text):
        text = _TRAILING_CODE.sub("", text)
    return re.sub(r"\s+", " ", text)


def header_currency(header: str) -> str | None:
    """The ISO 4217 code a header ends with in parentheses: "Montant dépensé (XOF)" -> "XOF"."""
    match = _TRAILING_CODE.search(header.strip().strip('"'))
    return currency_code(match.group(1)) if match else None


def F(
    name: str, type_: str, en: str | tuple[str, ...] = (), fr: str | tuple[str, ...] = ()
) -> Field:
    as_tuple = lambda value: (value,) if isinstance(value, str) else tuple(value)  # noqa: E731
    return Field(name, type_, as_tuple(en), as_tuple(fr))


# Fields shared by post-level metric exports.
VIEWS = F("views", INT, ("views", "total views", "video views"), ("vues", "total des vues"))
LIKES = F("likes", INT, ("likes", "total likes"), ("j'aime", "mentions j'aime", "total des j'aime"))
COMMENTS = F(
    "comments", INT, ("comments", "total comments"), ("commentaires", "total des commentaires")
)
SHARES = F("shares", INT, ("shares", "total shares"), ("partages", "total des partages"))
IMPRESSIONS = F("impressions", INT, "impressions", "impressions")
REACH = F("reach", INT, "reach", "couverture")
SAVES = F("saves", INT, "saves", "enregistrements")
CLICKS = F("clicks", INT, ("link clicks", "clicks"), ("clics sur un lien", "clics"))
# The engagement columns every post-level export may carry, in one order.
POST_NUMBERS = (IMPRESSIONS, REACH, VIEWS, LIKES, COMMENTS, SHARES, SAVES, CLICKS)
# The wave of a brand tracker a survey row belongs to (ingest.waves): a label, or a date.
SURVEY_WAVE = (
    F("wave", TEXT, ("wave", "survey wave", "tracking wave"), ("vague", "vague d'enquete")),
    F(
        "survey_date",
        DATE,
        ("survey date", "wave date", "fieldwork date"),
        ("date de l'enquete", "date d'enquete", "date de la vague", "date du sondage"),
    ),
)

FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat(
        name="youtube_table",
        label="YouTube Studio — Table data",
        kind="content",
        platform="youtube",
        fields=(
            F("native_id", TEXT, "content", "contenu"),
            F("title", TEXT, "video title", "titre de la video"),
            F("posted_at", DATE, "video publish time", "heure de publication de la video"),
            F("duration_seconds", DURATION, "duration", "duree"),
            VIEWS,
            F("watch_time_hours", FLOAT, "watch time (hours)", "duree de visionnage (heures)"),
            F("subscribers", INT, "subscribers", "abonnes"),
            F("impressions", INT, "impressions", "impressions"),
            F(
                "ctr",
                RATE,
                "impressions click-through rate (%)",
                "taux de clics des impressions (%)",
            ),
            LIKES,
            COMMENTS,
            SHARES,
        ),
        required=("native_id", "title", "views"),
        excluded=("date",),
        totals_key="native_id",
    ),
    ExportFormat(
        name="youtube_chart",
        label="YouTube Studio — Chart data (per day)",
        kind="post_daily",
        platform="youtube",
        fields=(
            F("metric_date", DATE, "date", "date"),
            F("native_id", TEXT, "content", "contenu"),
            F("title", TEXT, "video title", "titre de la video"),
            F("posted_at", DATE, "video publish time", "heure de publication de la video"),
            F("duration_seconds", DURATION, "duration", "duree"),
            VIEWS,
            F("watch_time_hours", FLOAT, "watch time (hours)", "duree de visionnage (heures)"),
            F("impressions", INT, "impressions", "impressions"),
            LIKES,
        ),
        required=("metric_date", "native_id", "views"),
        totals_key="native_id",
    ),
    ExportFormat(
        name="tiktok_videos",
        label="TikTok — video list",
        kind="content",
        platform="tiktok",
        fields=(
            F("exported_at", TIMESTAMP, "time", "heure"),
            F("title", TEXT, "video title", "titre de la video"),
            F("url", TEXT, "video link", "lien de la video"),
            F("posted_at", TIMESTAMP, "post time", "heure de publication"),
            F("likes", INT, "total likes", "total des j'aime"),
            F("comments", INT, "total comments", "total des commentaires"),
            F("shares", INT, "total shares", "total des partages"),
            F("views", INT, "total views", "total des vues"),
        ),
        required=("url", "views", "likes"),
        totals_key="url",
    ),
    ExportFormat(
        name="tiktok_overview",
        label="TikTok — Overview (per day)",
        kind="account_daily",
        platform="tiktok",
        fields=(
            F("metric_date", DATE, "date", "date"),
            F("views", INT, "video views", "vues de videos"),
            F("profile_views", INT, "profile views", "vues du profil"),
            F("likes", INT, "likes", "j'aime"),
            F("comments", INT, "comments", "commentaires"),
            F("shares", INT, "shares", "partages"),
        ),
        required=("metric_date", "views", "profile_views"),
    ),
    ExportFormat(
        name="tiktok_viewers",
        label="TikTok — Viewers (per day)",
        kind="account_daily",
        platform="tiktok",
        fields=(
            F("metric_date", DATE, "date", "date"),
            F("total_viewers", INT, "total viewers", "total des spectateurs"),
            F("new_viewers", INT, "new viewers", "nouveaux spectateurs"),
            F("returning_viewers", INT, "returning viewers", "spectateurs recurrents"),
        ),
        required=("metric_date", "total_viewers"),
    ),
    ExportFormat(
        name="instagram_content",
        label="Instagram / Meta Business Suite — content",
        kind="content",
        platform="instagram",
        fields=(
            F(
                "native_id",
                TEXT,
                "post id",
                ("identifiant de la publication", "id de la publication"),
            ),
            F("account_id", TEXT, "account id", ("identifiant du compte", "id du compte")),
            F("handle", TEXT, "account username", "nom d'utilisateur du compte"),
            F("display_name", TEXT, "account name", "nom du compte"),
            F("caption", TEXT, "description", "description"),
            F("duration_seconds", DURATION, "duration (sec)", ("duree (s)", "duree (sec)")),
            F("posted_at", TIMESTAMP, "publish time", "heure de publication"),
            F("url", TEXT, "permalink", "lien permanent"),
            F("format", TEXT, "post type", "type de publication"),
            F("data_comment", TEXT, "data comment", "commentaire sur les donnees"),
            F("period_label", TEXT, "date", "date"),
            F("views", INT, ("views", "impressions"), ("vues", "impressions")),
            F("reach", INT, "reach", "couverture"),
            LIKES,
            SHARES,
            F("follows", INT, "follows", "abonnements"),
            COMMENTS,
            F("saves", INT, "saves", "enregistrements"),
            F("profile_visits", INT, "profile visits", "visites du profil"),
            F("clicks", INT, "link clicks", "clics sur un lien"),
            F("paid_partnership_label", BOOL, "paid partnership", "partenariat remunere"),
        ),
        required=("native_id", "handle", "posted_at"),
        totals_key="native_id",
    ),
    ExportFormat(
        name="creator_posts",
        label="Influencer platform — creator posts and fees",
        kind="content",
        platform=None,  # per row, from the Platform column
        fields=(
            F("platform", TEXT, "platform", "plateforme"),
            F(
                "handle",
                TEXT,
                ("creator", "creator handle", "influencer"),
                ("createur", "influenceur", "createur (pseudo)"),
            ),
            F(
                "native_id",
                TEXT,
                ("post id", "content id"),
                ("id de la publication", "id du contenu"),
            ),
            F("url", TEXT, ("post url", "post link", "link"), ("lien de la publication", "lien")),
            F("campaign_ref", TEXT, "campaign", "campagne"),
            F(
                "posted_at",
                TIMESTAMP,
                ("posted at", "publication date", "date"),
                ("date de publication", "date"),
            ),
            F("format", TEXT, ("format", "content type"), ("format", "type de contenu")),
            F("caption", TEXT, ("caption", "text"), ("legende", "texte")),
            F("cost", FLOAT, ("cost", "fee", "creator fee"), ("cout", "remuneration", "cachet")),
            F("followers", INT, "followers", ("abonnes", "followers")),
            F(
                "paid_partnership_label",
                BOOL,
                ("paid partnership label", "paid partnership"),
                ("mention partenariat remunere", "partenariat remunere"),
            ),
            *POST_NUMBERS,
            F("profile_visits", INT, "profile visits", "visites du profil"),
        ),
        required=("platform", "handle", "cost"),
        totals_key="handle",
        notes=Message("ingest.format_note.influencer"),
    ),
    ExportFormat(
        name="meta_ads",
        label="Meta Ads Manager",
        kind="ads",
        platform="meta",
        fields=(
            F("date_start", DATE, "reporting starts", "debut des rapports"),
            F("date_end", DATE, "reporting ends", "fin des rapports"),
            F("campaign_name", TEXT, "campaign name", "nom de la campagne"),
            F("adset_name", TEXT, "ad set name", "nom de l'ensemble de publicites"),
            F("ad_name", TEXT, "ad name", "nom de la publicite"),
            F("spend", FLOAT, "amount spent", "montant depense"),
            F("impressions", INT, "impressions", "impressions"),
            F("reach", INT, "reach", "couverture"),
            F("frequency", FLOAT, "frequency", "repetition"),
            F("link_clicks", INT, "link clicks", "clics sur un lien"),
            F("results", INT, "results", "resultats"),
            F("currency", TEXT, "currency", "devise"),
            # Breakdowns (AD_BREAKDOWNS): a row per day, week, age, gender, placement, ...
            F("day", DATE, "day", "jour"),
            F("week", TEXT, "week", "semaine"),
            F("age", TEXT, "age", "age"),
            F("gender", TEXT, "gender", "sexe"),
            F("placement", TEXT, "placement", "emplacement"),
            F("ad_platform", TEXT, "platform", "plateforme"),
            F("country", TEXT, "country", "pays"),
            F("region", TEXT, "region", "region"),
        ),
        # Dates from "Reporting starts/ends", or from a Day or Week breakdown (ingest.writers).
        required=("spend", "impressions"),
        totals_key="campaign_name",
        notes=Message("ingest.format_note.meta_ads"),
    ),
    ExportFormat(
        name="survey_responses",
        label="Brand-lift survey — one row per answer",
        kind="survey_long",
        platform=None,
        fields=(
            F("campaign_ref", TEXT, ("campaign", "campaign id"), ("campagne", "id de la campagne")),
            F(
                "respondent_id",
                TEXT,
                ("respondent id", "respondent_id"),
                ("id du repondant", "identifiant du repondant"),
            ),
            F("group", TEXT, ("group", "experiment"), ("groupe", "experience")),
            F("question", TEXT, "question", "question"),
            F("raw_answer", TEXT, "answer", "reponse"),
            F("positive", BOOL, "positive", "positif"),
            F("exposures", INT, "exposures", "expositions"),
            F("responded_at", TIMESTAMP, ("responded at", "responded_at"), "date de reponse"),
            F("weight", FLOAT, "weight", "poids"),
            *SURVEY_WAVE,
        ),
        required=("respondent_id", "group", "question"),
    ),
    ExportFormat(
        name="survey_respondents",
        label="Brand-lift survey — one row per respondent",
        kind="survey_wide",
        platform=None,
        fields=(
            F("campaign_ref", TEXT, ("campaign", "campaign id"), ("campagne", "id de la campagne")),
            F(
                "respondent_id",
                TEXT,
                ("respondent id", "respondent_id"),
                ("id du repondant", "identifiant du repondant"),
            ),
            F("group", TEXT, ("experiment", "group"), ("experience", "groupe")),
            F("exposures", INT, "exposures", "expositions"),
            F("responded_at", TIMESTAMP, ("responded at", "responded_at"), "date de reponse"),
            F("weight", FLOAT, "weight", "poids"),
            *SURVEY_WAVE,
        ),
        required=("respondent_id", "group"),
        notes=Message("ingest.format_note.survey_wide"),
    ),
    ExportFormat(
        name="survey_results",
        label="Brand-lift results — aggregated",
        kind="survey_agg",
        platform=None,
        fields=(
            F("campaign_ref", TEXT, ("campaign", "campaign id"), ("campagne", "id de la campagne")),
            F("question", TEXT, ("question", "metric"), ("question", "indicateur")),
            F("group", TEXT, "group", "groupe"),
            F("respondents", INT, "respondents", "repondants"),
            F("positive_count", FLOAT, "positive responses", "reponses positives"),
            F("positive_rate", RATE, "positive rate", "taux de reponses positives"),
            *SURVEY_WAVE,
        ),
        required=("question", "group", "respondents"),
    ),
    ExportFormat(
        name="google_brand_lift",
        label="Google Ads — Brand Lift results",
        kind="survey_agg_wide",
        platform=None,
        fields=(
            F("campaign_ref", TEXT, ("campaign", "campaign id"), ("campagne",)),
            F("question", TEXT, ("brand_lift_metric", "metric", "question"), ("indicateur",)),
            F("exposed_respondents", INT, "brand_lift_exposed_responses", ()),
            F("control_respondents", INT, "brand_lift_baseline_responses", ()),
            F("exposed_rate", RATE, "brand_lift_exposed_positive_response_rate", ()),
            F("control_rate", RATE, "brand_lift_baseline_positive_response_rate", ()),
        ),
        required=(
            "question",
            "exposed_rate",
            "control_rate",
            "exposed_respondents",
            "control_respondents",
        ),
    ),
    ExportFormat(
        name="comments",
        label="Comment export",
        kind="comments",
        platform=None,
        fields=(
            F("comment_id", TEXT, ("comment id", "id"), ("id du commentaire",)),
            F(
                "post_ref",
                TEXT,
                ("post id", "post link", "post url", "video link", "permalink"),
                ("id de la publication", "lien de la publication"),
            ),
            F("author", TEXT, ("author", "username", "user"), ("auteur", "nom d'utilisateur")),
            F(
                "created_at",
                TIMESTAMP,
                ("date", "created at", "comment time"),
                ("date", "date du commentaire"),
            ),
            F("text", TEXT, ("comment", "text", "comment text"), ("commentaire", "texte")),
            F("likes", INT, "likes", "j'aime"),
            F("language", TEXT, "language", "langue"),
        ),
        required=("author", "text", "created_at"),
    ),
    ExportFormat(
        name="exposures",
        label="Exposure log (panel or pixel)",
        kind="exposures",
        platform=None,
        fields=(
            F("campaign_ref", TEXT, ("campaign", "campaign id"), ("campagne",)),
            F(
                "person_id",
                TEXT,
                ("person id", "user id", "hashed id"),
                ("id de la personne", "id utilisateur"),
            ),
            F("post_ref", TEXT, ("post id", "content id"), ("id de la publication",)),
            F(
                "exposed_at",
                TIMESTAMP,
                ("exposed at", "timestamp", "impression time"),
                ("date d'exposition", "horodatage"),
            ),
        ),
        required=("person_id", "exposed_at"),
    ),
)

# Ad-export breakdown fields, in the order their names join in ``ad_delivery.breakdown``, with
# the name stored there. Day and week are time breakdowns: their rows add up for spend and
# impressions, never for reach (one person reached on two days counts twice).
AD_BREAKDOWNS: dict[str, str] = {
    "day": "day",
    "week": "week",
    "age": "age",
    "gender": "gender",
    "country": "country",
    "region": "region",
    "placement": "placement",
    "ad_platform": "platform",
}
# A breakdown cell that names no single value: its row totals the others ("All", "Total", blank).
BREAKDOWN_TOTAL_WORDS = ("all", "total", "totals", "tous", "toutes", "tout", "totaux", "ensemble")


# Ad managers other than Meta, influencer platforms' campaign reports
# and platform audience exports. Header names come from each tool's documentation or help pages
# where they list them (README, "Recognised exports", gives the source of each).
def _instagram_audience(suffix: str, label: str, dimension: str, en: str, fr: str) -> ExportFormat:
    """An Instagram audience export: one ``dimension`` bucket a row, as a share of followers."""
    return ExportFormat(
        name=f"instagram_audience_{suffix}",
        label=f"Instagram — {label}",
        kind="audience",
        platform="instagram",
        fields=(
            F("as_of", DATE, "date", "date"),
            F(dimension, TEXT, en, fr),
            F("share", RATE, "followers (%)", "followers (%)"),
        ),
        required=(dimension, "share"),
        totals_key=dimension,
    )


# The account's currency when an ad export writes it in a column of its own.
CURRENCY_HEADERS_EN = ("currency", "currency code", "account currency")
CURRENCY_HEADERS_FR = ("devise", "code de la devise", "devise du compte")
AD_NUMBERS_NOTE = Message("ingest.format_note.ad_rows")
MORE_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat(
        name="tiktok_ads",
        label="TikTok Ads Manager — campaign / ad report",
        kind="ads_daily",
        platform="tiktok",
        fields=(
            F("date_start", DATE, ("date", "by day", "day"), ("date", "par jour", "jour")),
            F("campaign_name", TEXT, "campaign name", "nom de la campagne"),
            F("adset_name", TEXT, "ad group name", "nom du groupe d'annonces"),
            F("ad_name", TEXT, "ad name", "nom de l'annonce"),
            F("spend", FLOAT, "cost", "cout"),
            F("impressions", INT, "impressions", "impressions"),
            F("reach", INT, "reach", "couverture"),
            F("frequency", FLOAT, "frequency", "frequence"),
            F(
                "link_clicks",
                INT,
                ("clicks (destination)", "clicks"),
                ("clics (destination)", "clics"),
            ),
            F("results", INT, "results", "resultats"),
            F("currency", TEXT, CURRENCY_HEADERS_EN, CURRENCY_HEADERS_FR),
            # Breakdowns of a custom report, beside its Date: one row per day and value.
            F("age", TEXT, "age", "age"),
            F("gender", TEXT, "gender", ("genre", "sexe")),
            F("placement", TEXT, "placement", "emplacement"),
            F("country", TEXT, ("country/region", "country", "location"), ("pays/region", "pays")),
        ),
        required=("date_start", "campaign_name", "spend", "impressions"),
        totals_key="campaign_name",
        notes=Message("ingest.format_note.ad_rows_breakdown"),
    ),
    ExportFormat(
        name="google_ads",
        label="Google Ads (YouTube) — campaign report",
        kind="ads_daily",
        platform="google",
        fields=(
            F("date_start", DATE, "day", "jour"),
            F("campaign_name", TEXT, "campaign", "campagne"),
            F("adset_name", TEXT, "ad group", "groupe d'annonces"),
            F("ad_name", TEXT, "ad", "annonce"),
            F("spend", FLOAT, "cost", "cout"),
            F("impressions", INT, ("impr.", "impressions"), ("impr.", "impressions")),
            F("reach", INT, "unique users", "utilisateurs uniques"),
            F(
                "frequency",
                FLOAT,
                "avg. impr. freq. / user",
                "frequence moyenne d'impressions par utilisateur",
            ),
            F("link_clicks", INT, "clicks", "clics"),
            F("results", INT, "conversions", "conversions"),
            F("currency", TEXT, CURRENCY_HEADERS_EN, CURRENCY_HEADERS_FR),
        ),
        required=("date_start", "campaign_name", "spend", "impressions"),
        totals_key="campaign_name",
        notes=AD_NUMBERS_NOTE,
    ),
    ExportFormat(
        name="snapchat_ads",
        label="Snapchat Ads Manager — campaign report",
        kind="ads",
        platform="snapchat",
        fields=(
            F("date_start", DATE, "start time", "heure de debut"),
            F("date_end", DATE, "end time", "heure de fin"),
            F("campaign_name", TEXT, "campaign name", "nom de la campagne"),
            F("adset_name", TEXT, "ad squad name", "nom de l'ad squad"),
            F("ad_name", TEXT, "ad name", "nom de la publicite"),
            F("spend", FLOAT, ("amount spent", "spend"), ("montant depense", "depenses")),
            F(
                "impressions",
                INT,
                ("paid impressions", "impressions"),
                ("impressions payantes", "impressions"),
            ),
            F("reach", INT, "reach", "couverture"),
            F("frequency", FLOAT, "frequency", "frequence"),
            F("link_clicks", INT, "swipe ups", "swipe ups"),
            F("currency", TEXT, CURRENCY_HEADERS_EN, CURRENCY_HEADERS_FR),
        ),
        required=("date_start", "date_end", "adset_name", "spend", "impressions"),
        totals_key="campaign_name",
        notes=AD_NUMBERS_NOTE,
    ),
    ExportFormat(
        name="pinterest_ads",
        label="Pinterest Ads Manager — campaign report",
        kind="ads_daily",
        platform="pinterest",
        fields=(
            F("date_start", DATE, "date", "date"),
            F("campaign_name", TEXT, "campaign name", "nom de la campagne"),
            F("adset_name", TEXT, "ad group name", "nom du groupe d'annonces"),
            F("ad_name", TEXT, ("ad name", "promoted pin name"), "nom de l'annonce"),
            F("spend", FLOAT, "spend in account currency", "depenses dans la devise du compte"),
            F("impressions", INT, ("impressions", "paid impressions"), "impressions"),
            F("reach", INT, "reach", "couverture"),
            F(
                "link_clicks",
                INT,
                ("outbound clicks", "pin clicks"),
                ("clics sortants", "clics sur l'epingle"),
            ),
            F("currency", TEXT, CURRENCY_HEADERS_EN, CURRENCY_HEADERS_FR),
        ),
        required=("date_start", "campaign_name", "spend", "impressions"),
        totals_key="campaign_name",
        notes=AD_NUMBERS_NOTE,
    ),
    ExportFormat(
        name="linkedin_ads",
        label="LinkedIn Campaign Manager — campaign performance",
        kind="ads_daily",
        platform="linkedin",
        fields=(
            F("date_start", DATE, ("start date (in utc)", "start date"), "date de debut (en utc)"),
            F("campaign_name", TEXT, "campaign group name", "nom du groupe de campagnes"),
            F("adset_name", TEXT, "campaign name", "nom de la campagne"),
            F("ad_name", TEXT, "creative name", "nom de la publicite"),
            F("spend", FLOAT, "total spent", "total depense"),
            F("impressions", INT, "impressions", "impressions"),
            F("reach", INT, "reach", "couverture"),
            F("link_clicks", INT, "clicks", "clics"),
            F("results", INT, "conversions", "conversions"),
            F("currency", TEXT, CURRENCY_HEADERS_EN, CURRENCY_HEADERS_FR),
        ),
        required=("date_start", "spend", "impressions"),
        totals_key="adset_name",
        notes=AD_NUMBERS_NOTE,
    ),
    # Influencer platforms: one row per post of a campaign, the creator, the network, the numbers.
    ExportFormat(
        name="kolsquare_posts",
        label="Kolsquare — campaign posts",
        kind="content",
        platform=None,
        fields=(
            F("platform", TEXT, "social network", "reseau social"),
            F("handle", TEXT, ("account", "username"), ("compte", "nom d'utilisateur")),
            F("url", TEXT, "post link", "lien du post"),
            F("posted_at", TIMESTAMP, "publication date", "date de publication"),
            F("followers", INT, "followers", ("abonnes", "followers")),
            F("views", INT, "views", "vues"),
            F("likes", INT, "likes", ("likes", "j'aime")),
            F("comments", INT, "comments", "commentaires"),
            F("shares", INT, "shares", "partages"),
            F("saves", INT, "saves", "enregistrements"),
            F("reach", INT, "reach", "portee"),
            F("impressions", INT, "impressions", "impressions"),
            F("cost", FLOAT, "cost", "cout"),
        ),
        required=("platform", "handle", "url"),
        totals_key="handle",
    ),
    ExportFormat(
        name="upfluence_posts",
        label="Upfluence — campaign posts",
        kind="content",
        platform=None,
        fields=(
            F("handle", TEXT, "influencer name", "nom de l'influenceur"),
            F("platform", TEXT, "network", "reseau"),
            F("url", TEXT, "post url", "url de la publication"),
            F("posted_at", TIMESTAMP, "published at", "publie le"),
            F("campaign_ref", TEXT, "campaign", "campagne"),
            F("followers", INT, "followers", "abonnes"),
            F("views", INT, "views", "vues"),
            F("likes", INT, "likes", "j'aime"),
            F("comments", INT, "comments", "commentaires"),
            F("shares", INT, "shares", "partages"),
            F("reach", INT, "reach", "portee"),
            F("impressions", INT, "impressions", "impressions"),
            F("cost", FLOAT, ("cost", "price"), ("cout", "prix")),
        ),
        required=("handle", "platform", "url"),
        totals_key="handle",
    ),
    ExportFormat(
        name="hypeauditor_posts",
        label="HypeAuditor — campaign posts",
        kind="content",
        platform=None,
        fields=(
            F("handle", TEXT, "blogger", "blogueur"),
            F("platform", TEXT, "platform", "plateforme"),
            F("url", TEXT, "post link", "lien de la publication"),
            F("posted_at", TIMESTAMP, "publish date", "date de publication"),
            F("followers", INT, "followers", "abonnes"),
            F("views", INT, "views", "vues"),
            F("likes", INT, "likes", "j'aime"),
            F("comments", INT, "comments", "commentaires"),
            F("shares", INT, "shares", "partages"),
            F("reach", INT, "estimated reach", "couverture estimee"),
            F("cost", FLOAT, "cost", "cout"),
        ),
        required=("handle", "platform", "url"),
        totals_key="handle",
    ),
    ExportFormat(
        name="traackr_posts",
        label="Traackr — campaign posts",
        kind="content",
        platform=None,
        fields=(
            F("handle", TEXT, "influencer", "influenceur"),
            F("platform", TEXT, "channel", "canal"),
            F("url", TEXT, "post url", "url de la publication"),
            F("posted_at", TIMESTAMP, "post date", "date de publication"),
            F("campaign_ref", TEXT, "campaign", "campagne"),
            F("views", INT, "views", "vues"),
            F("likes", INT, "likes", "j'aime"),
            F("comments", INT, "comments", "commentaires"),
            F("shares", INT, "shares", "partages"),
            F("reach", INT, "potential reach", "portee potentielle"),
            F("cost", FLOAT, "spend", "depense"),
        ),
        required=("handle", "platform", "url"),
        totals_key="handle",
    ),
    ExportFormat(
        name="creatoriq_posts",
        label="CreatorIQ — campaign posts",
        kind="content",
        platform=None,
        fields=(
            F("handle", TEXT, "publisher name", "nom de l'editeur"),
            F("platform", TEXT, "social network", "reseau social"),
            F("url", TEXT, ("post url", "link"), ("url de la publication", "lien")),
            F("campaign_ref", TEXT, "campaign name", "nom de la campagne"),
            F("posted_at", TIMESTAMP, "post date", "date de publication"),
            F("views", INT, "views", "vues"),
            F("likes", INT, "likes", "j'aime"),
            F("comments", INT, "comments", "commentaires"),
            F("shares", INT, "shares", "partages"),
            F("reach", INT, "reach", "portee"),
            F("impressions", INT, "impressions", "impressions"),
            F("cost", FLOAT, "cost", "cout"),
        ),
        required=("handle", "platform"),
        totals_key="handle",
    ),
    # Audience exports name no account: the upload names it (--creator).
    ExportFormat(
        name="tiktok_audience_gender",
        label="TikTok — followers by gender",
        kind="audience",
        platform="tiktok",
        fields=(
            F("gender", TEXT, "gender", "genre"),
            F("share", RATE, "distribution", "repartition"),
        ),
        required=("gender", "share"),
        totals_key="gender",
    ),
    ExportFormat(
        name="tiktok_audience_territories",
        label="TikTok — followers' top territories",
        kind="audience",
        platform="tiktok",
        fields=(
            F("country", TEXT, "top territories", "principaux territoires"),
            F("share", RATE, "distribution", "repartition"),
        ),
        required=("country", "share"),
        totals_key="country",
    ),
    ExportFormat(
        name="tiktok_follower_activity",
        label="TikTok — follower activity (per hour)",
        kind="audience",
        platform="tiktok",
        fields=(
            F("as_of", DATE, "date", "date"),
            F("hour", TEXT, "hour", "heure"),
            F("count", INT, "active followers", "abonnes actifs"),
        ),
        required=("hour", "count"),
    ),
    ExportFormat(
        name="youtube_audience_age",
        label="YouTube Studio — viewer age",
        kind="audience",
        platform="youtube",
        fields=(
            F("age", TEXT, "viewer age", "age des spectateurs"),
            F("share", RATE, "views (%)", "vues (%)"),
        ),
        required=("age", "share"),
        totals_key="age",
    ),
    ExportFormat(
        name="youtube_audience_gender",
        label="YouTube Studio — viewer gender",
        kind="audience",
        platform="youtube",
        fields=(
            F("gender", TEXT, "viewer gender", "genre des spectateurs"),
            F("share", RATE, "views (%)", "vues (%)"),
        ),
        required=("gender", "share"),
        totals_key="gender",
    ),
    ExportFormat(
        name="youtube_audience_geography",
        label="YouTube Studio — geography",
        kind="audience",
        platform="youtube",
        fields=(
            F("country", TEXT, "geography", "zone geographique"),
            F("count", INT, "views", "vues"),
        ),
        required=("country", "count"),
        totals_key="country",
    ),
    # Instagram's professional dashboard and Meta Business Suite show followers by age range,
    # gender, top countries and top cities, each as a share of followers.
    *(
        _instagram_audience(suffix, label, dimension, en, fr)
        for suffix, label, dimension, en, fr in (
            ("age", "followers by age range", "age", "age range", "tranche d'age"),
            ("gender", "followers by gender", "gender", "gender", "genre"),
            (
                "countries",
                "followers' top countries",
                "country",
                "top countries",
                "principaux pays",
            ),
            ("cities", "followers' top cities", "city", "top cities", "principales villes"),
        )
    ),
)

GENERIC_POSTS = ExportFormat(
    name="posts_generic",
    label="Any post export (map the columns)",
    kind="content",
    platform=None,
    fields=(
        F("native_id", TEXT, ("post id", "id"), ("id de la publication", "id")),
        F("platform", TEXT, "platform", "plateforme"),
        F("handle", TEXT, ("account", "creator", "username"), ("compte", "createur")),
        F(
            "posted_at",
            TIMESTAMP,
            ("published", "publish time"),
            ("publie le", "heure de publication"),
        ),
        F("format", TEXT, ("type", "post type"), ("type", "type de publication")),
        F("caption", TEXT, ("caption", "text", "message"), ("legende", "texte")),
        F("url", TEXT, ("url", "link"), ("lien",)),
        F("cost", FLOAT, ("cost", "fee"), ("cout",)),
        *POST_NUMBERS,
    ),
    required=(),
    mapping_only=True,
    notes=Message("ingest.format_note.generic_posts"),
)

FORMATS = (*FORMATS, *MORE_FORMATS, GENERIC_POSTS)
FORMATS_BY_NAME = {fmt.name: fmt for fmt in FORMATS}

QUESTIONS = (
    "ad_recall",
    "awareness",
    "consideration",
    "favorability",
    "purchase_intent",
    "preference",
    "top_of_mind",
    "repurchase_intent",
)
QUESTION_ALIASES = {
    "ad_recall": (
        "ad recall",
        "ad_recall",
        "aided ad recall",
        "memorisation publicitaire",
        "souvenir publicitaire",
    ),
    "awareness": ("awareness", "brand awareness", "notoriete"),
    "consideration": ("consideration", "brand consideration"),
    "favorability": ("favorability", "favourability", "opinion favorable", "favorabilite"),
    "purchase_intent": ("purchase intent", "purchase_intent", "intention d'achat"),
    "preference": ("preference", "brand preference", "preference de marque"),
    "top_of_mind": (
        "top of mind",
        "top-of-mind",
        "first brand that comes to mind",
        "first brand mentioned",
        "notoriete top of mind",
        "premiere marque citee",
        "premiere marque qui vient a l'esprit",
    ),
    "repurchase_intent": (
        "repurchase intent",
        "repurchase intention",
        "intent to repurchase",
        "repurchase",
        "buy again",
        "intention de rachat",
        "intention de racheter",
        "rachat",
        "reachat",
    ),
}


def question_key(text: str) -> str | None:
    """The canonical brand-lift question for a free-text label, or None."""
    label = normalise_header(text).replace("_", " ")
    for key, aliases in QUESTION_ALIASES.items():
        if label == key.replace("_", " ") or label in {
            normalise_header(a).replace("_", " ") for a in aliases
        }:
            return key
    return None


@dataclass(frozen=True)
class Detection:
    format: ExportFormat
    columns: dict[str, int]  # canonical field -> column index in the file
    locale: str  # "fr" or "en"
    currency: str | None
    unmatched: tuple[str, ...]
    # A user's column mapping (ingest.mapping.Mapping), when the file was read through one.
    mapping: Any = None
    # The fields whose cells must not be blank (the format's own, or fewer through a mapping).
    required: tuple[str, ...] | None = None
    headers: tuple[str, ...] = ()  # the file's headers, when read through a mapping

    @property
    def required_fields(self) -> tuple[str, ...]:
        return self.format.required if self.required is None else self.required


def _match(fmt: ExportFormat, headers: list[str]) -> tuple[dict[str, int], int, int]:
    normalised = [normalise_header(h) for h in headers]
    columns: dict[str, int] = {}
    fr_hits = en_hits = 0
    for fld in fmt.fields:
        for index, header in enumerate(normalised):
            if index in columns.values():
                continue
            in_en = header in fld.en
            in_fr = header in fld.fr
            if in_en or in_fr:
                columns[fld.name] = index
                en_hits += in_en and not in_fr
                fr_hits += in_fr and not in_en
                break
    return columns, en_hits, fr_hits


def detect(headers: list[str]) -> Detection | None:
    """The best-matching format for these headers, or None when no format has its required fields."""
    normalised = {normalise_header(h) for h in headers}
    best: tuple[float, Detection] | None = None
    for fmt in FORMATS:
        if fmt.mapping_only:
            continue
        columns, en_hits, fr_hits = _match(fmt, headers)
        if not set(fmt.required) <= columns.keys():
            continue
        if any(normalise_header(h) in normalised for h in fmt.excluded):
            continue
        if fmt.kind == "survey_wide" and not wide_question_columns(headers):
            continue
        # Prefer the format that explains the most of the file, then the most specific format.
        score = len(columns) / len(headers) + len(columns) / len(fmt.fields) / 10
        currency = next((c for h in headers if (c := header_currency(h))), None)
        detection = Detection(
            format=fmt,
            columns=columns,
            locale=locale_by_votes(en_hits, fr_hits),
            currency=currency,
            unmatched=tuple(h for i, h in enumerate(headers) if i not in columns.values()),
        )
        if best is None or score > best[0]:
            best = (score, detection)
    return best[1] if best else None


def wide_question_columns(headers: list[str]) -> dict[str, dict[str, int]]:
    """Question columns of a one-row-per-respondent survey: {question: {"yes"|"no"|"answer": index}}."""
    found: dict[str, dict[str, int]] = {}
    for index, header in enumerate(headers):
        label = normalise_header(header).replace(" ", "_")
        for suffix, role in (
            ("_yes", "yes"),
            ("_oui", "yes"),
            ("_no", "no"),
            ("_non", "no"),
            ("", "answer"),
        ):
            if suffix and not label.endswith(suffix):
                continue
            question = question_key(label[: len(label) - len(suffix)] if suffix else label)
            if question:
                found.setdefault(question, {})[role] = index
                break
    return found


def signature(headers: list[str]) -> str:
    """Key under which a user's column mapping for these headers is saved."""
    return "|".join(normalise_header(h) for h in headers)


def near_miss(headers: list[str]) -> tuple[ExportFormat, tuple[str, ...]] | None:
    """The format these headers nearly match, and the required fields they lack, or None.

    Near means: at most two required fields missing, at least as many of them found, and two
    columns of the file recognised. A file that ``detect`` recognises is no near miss.
    """
    if detect(headers) is not None:
        return None
    normalised = {normalise_header(h) for h in headers}
    best: tuple[float, ExportFormat, tuple[str, ...]] | None = None
    for fmt in FORMATS:
        if fmt.mapping_only or not fmt.required:
            continue
        if any(normalise_header(h) in normalised for h in fmt.excluded):
            continue
        columns, _, _ = _match(fmt, headers)
        missing = tuple(name for name in fmt.required if name not in columns)
        found = len(fmt.required) - len(missing)
        if not missing or len(missing) > 2 or found < len(missing) or len(columns) < 2:
            continue
        score = len(columns) / len(headers) + len(columns) / len(fmt.fields) / 10 - len(missing)
        if best is None or score > best[0]:
            best = (score, fmt, missing)
    return (best[1], best[2]) if best else None


@dataclass(frozen=True)
class ExportLocale:
    """How an export written in one locale writes days and decimals.

    A file's locale is data (the language its headers are in), not the reader's language.
    """

    day_first: bool
    decimal_comma: bool


EXPORT_LOCALES = {
    "en": ExportLocale(day_first=False, decimal_comma=False),
    "fr": ExportLocale(day_first=True, decimal_comma=True),
}
"""Every locale an export's headers are recognised in, with how it writes days and numbers."""


def export_locale(locale: str | None) -> ExportLocale:
    """The rules of an export's locale; English ones when it is unknown."""
    return EXPORT_LOCALES.get(locale or "en", EXPORT_LOCALES["en"])


def locale_by_votes(en_hits: float, fr_hits: float) -> str:
    """The locale whose header names a file matches most; English on a tie."""
    votes = {"en": en_hits, "fr": fr_hits}
    return max(votes, key=votes.__getitem__)


def field_header(fmt: ExportFormat, name: str, locale: str = "en") -> str:
    """The header an export of ``fmt`` gives field ``name``, in the locale, capitalised."""
    fld = fmt.field(name)
    names = {"en": fld.en, "fr": fld.fr}.get(locale) or fld.en or fld.fr
    text = names[0] if names else name
    return text[:1].upper() + text[1:]
