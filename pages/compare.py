"""Compare over time: 2–10 campaigns side by side, indexed on the agency's median campaign, and
week by week since launch against the agency's median (``metrics.compare``).

Query parameters: ``campaign`` (comma-separated ids, the filter bar's parameter, so a link from
another page carries its campaigns over), ``metric`` (a key of
``metrics.compare.COMPARABLE_METRICS``, ``views`` by default) and ``lang``.
"""

from __future__ import annotations

import streamlit as st

from charts.compare import campaign_colors, index_bars, totals_bars, weekly_lines
from metrics import compare
from metrics.stats import DEFAULT_CONFIDENCE
from ui import data
from ui.export import chart, figure, record_comparison, subheader
from ui.formatting import md
from ui.i18n import colon, language, number, percent, points, say_frame, t
from ui.methodology import methodology
from ui.metric_cards import plain_metric
from ui.scope import costs_hidden, current_scope, shared_campaigns
from ui.shell import require_app
from ui.tables import table
from ui.verdict import campaigns_verdict, compare_lead

DEFAULT_METRIC = "views"
CARDS = 4  # campaigns with a headline card; the table lists them all
DEFAULT_CAMPAIGNS = 3  # on a first visit without ``campaign`` in the URL: the latest launches
CAMPAIGNS_KEY = "compare.campaigns"
METRIC_KEY = "compare.metric"

require_app()
lang = language()

# Whose median the index is taken on, named the same wherever the number shows.
bench = "client" if current_scope() is not None else "agency"
benchmark, median_name = t(f"bench.{bench}"), t(f"bench.{bench}_short")

st.title(t("compare_title"))
st.caption(t("compare_caption").format(benchmark=benchmark))

pool = shared_campaigns()
launches = data.read(compare.launches, pool)
if launches.empty:
    st.info(t("no_campaign"), icon=":material/info:")
    st.stop()

names = dict(zip(launches["campaign_id"], launches["name"], strict=True))
clients = dict(zip(launches["campaign_id"], launches["client"], strict=True))
metrics = compare.comparable_metrics(with_costs=not costs_hidden())

if CAMPAIGNS_KEY not in st.session_state:
    if "campaign" in st.query_params:
        wanted = [c for c in st.query_params["campaign"].split(",") if c in names]
        if len(wanted) < compare.MIN_CAMPAIGNS:
            # One campaign carried over from another page: set it beside the latest launches.
            latest_first = [c for c in reversed(list(names)) if c not in wanted]
            wanted += latest_first[: DEFAULT_CAMPAIGNS - len(wanted)]
    else:
        wanted = list(names)[-DEFAULT_CAMPAIGNS:]
    st.session_state[CAMPAIGNS_KEY] = list(dict.fromkeys(wanted))[: compare.MAX_CAMPAIGNS]
if METRIC_KEY not in st.session_state:
    wanted_metric = st.query_params.get("metric", DEFAULT_METRIC)
    st.session_state[METRIC_KEY] = wanted_metric if wanted_metric in metrics else DEFAULT_METRIC

# The campaigns on a row of their own: the chips of three campaigns with their clients fit a
# laptop screen whole (more scroll sideways, each with its full name on hover).
chosen = st.multiselect(
    t("compare_campaigns"),
    list(names),
    format_func=lambda c: f"{names[c]} · {clients[c]}",
    max_selections=compare.MAX_CAMPAIGNS,
    help=t("compare_campaigns_help").format(benchmark=benchmark),
    key=CAMPAIGNS_KEY,
)
metric = st.columns(3)[0].selectbox(
    t("compare_metric"),
    list(metrics),
    format_func=lambda m: metrics[m].label(lang),
    help=metrics[st.session_state[METRIC_KEY]].definition(lang),
    key=METRIC_KEY,
)
if chosen:
    st.query_params["campaign"] = ",".join(chosen)
elif "campaign" in st.query_params:
    del st.query_params["campaign"]
st.query_params["metric"] = metric

if len(names) < compare.MIN_CAMPAIGNS:
    st.info(t("need.second_campaign"), icon=":material/upload_file:")
    plain_metric(st, t("campaigns"), number(len(names)), help=t("need.campaigns_help"))
    st.stop()
if len(chosen) < compare.MIN_CAMPAIGNS:
    st.info(t("compare_pick_two"), icon=":material/info:")
    st.stop()

definition = metrics[metric]
label = definition.label(lang)
result = data.read(compare.compare, metric, tuple(chosen), pool)
unit = result.unit


def formatted(value: float | None) -> str:
    """A value of this metric as the language writes it (no arithmetic here: i18n formats)."""
    if definition.unit == "ratio":
        return percent(value, 2)
    if definition.unit == "points":
        return points(value)
    if definition.unit == "money":
        return f"{number(value, 2)} {unit or ''}".strip()
    return number(value)


if "lower_is_better" in result.notes:
    st.caption(f":material/south: {t('compare_lower_is_better')}")
if "mixed_units" in result.notes:
    st.warning(t("compare_mixed_units"), icon=":material/warning:")

chart_labels = {
    "provenance": t("compare_provenance"),
    "index": t("compare_index"),
    "median": median_name,
    "week": t("compare_week"),
    "campaigns": t("compare_campaigns_count"),
    "timing": t("compare_timing"),
}
provenance_words = {"measured": t("measured"), "estimated": t("estimated")}


def timing_words(timing: str | None) -> str:
    """What placed a week's numbers in time, in words ("posting day + per-day rows")."""
    codes = timing.split("+") if isinstance(timing, str) else []
    return " + ".join(t(f"compare.timing_{code}") for code in codes if code)


value_column = {
    "ratio": st.column_config.NumberColumn(format="percent", help=definition.definition(lang)),
    "points": st.column_config.NumberColumn(format="percent", help=definition.definition(lang)),
    "money": st.column_config.NumberColumn(format="%.2f", help=definition.definition(lang)),
    "count": st.column_config.NumberColumn(format="localized", help=definition.definition(lang)),
}[definition.unit]  # fmt: skip

# The verdict: the chosen campaigns ranked on the metric, then each one's own targets.
compared = {c: names[c] for c in chosen}
lead = compare_lead(
    result.totals,
    metric=label,
    benchmark=benchmark,
    median=formatted(result.median),
    lower_is_better="lower_is_better" in result.notes,
    written=formatted,
)
verdicts = campaigns_verdict(
    list(compared.items()), DEFAULT_CONFIDENCE, lead=[lead], limit=compare.MAX_CAMPAIGNS
)
record_comparison(
    compared,
    verdicts,
    ((t("compare_campaigns"), ", ".join(compared.values())), (t("compare_metric"), label)),
)

# Headline: the agency's median campaign, then each chosen campaign with its index.
headline = result.totals[["name", "value", "index"]].head(CARDS).to_dict("records")
cards = st.columns(len(headline) + 1)
plain_metric(
    cards[0],
    median_name,
    formatted(result.median),
    help=t("compare_median_value").format(
        benchmark=median_name, value=formatted(result.median), n=number(result.campaigns)
    ),
)
for card, row in zip(cards[1:], headline, strict=True):
    plain_metric(
        card,
        md(row["name"]),
        formatted(row["value"]),
        help=f"{label}. {t('compare_indexed_help').format(benchmark=benchmark)}",
        caption=f"{t('compare_index')}{colon()}{number(row['index'])}",
    )

colors = campaign_colors(result.totals["name"])  # one colour per campaign in every chart
bars, indexed = st.columns(2)
with bars:
    subheader(t("compare_side_by_side"), help=definition.definition(lang))
    chart(
        figure(
            totals_bars,
            result.totals,
            metric_label=label,
            unit=unit,
            labels=chart_labels,
            lang=lang,
            colors=colors,
        ),
        file_name=f"sillage-compare-{metric}",
        key="compare.totals.chart",
    )
with indexed:
    subheader(
        t("compare_indexed").format(benchmark=benchmark),
        help=t("compare_indexed_help").format(benchmark=benchmark),
    )
    chart(
        figure(index_bars, result.totals, labels=chart_labels, lang=lang, colors=colors),
        file_name=f"sillage-compare-{metric}-index",
        key="compare.index.chart",
    )
st.caption(
    t("compare_median_value").format(
        benchmark=median_name, value=formatted(result.median), n=number(result.campaigns)
    )
)
totals_view = say_frame(result.totals, "reason").assign(
    provenance=result.totals["provenance"].map(lambda p: provenance_words.get(p, p))
)[["name", "client", "launch_date", "value", "index", "provenance", "reason"]]
table(
    totals_view.rename(
        columns={
            "name": t("campaign"),
            "client": t("client"),
            "launch_date": t("compare_launch"),
            "value": label,
            "index": t("compare_index"),
            "provenance": t("compare_provenance"),
            "reason": t("compare_reason"),
        }
    ),
    key="compare.totals.csv",
    file_name=f"sillage-compare-{metric}.csv",
    column_config={
        label: value_column,
        t("compare_index"): st.column_config.NumberColumn(
            format="%.0f", help=t("compare_indexed_help").format(benchmark=benchmark)
        ),
        t("compare_launch"): st.column_config.DateColumn(format="YYYY-MM-DD"),
    },
)

subheader(t("compare_weekly"), help=t("compare_weekly_help").format(benchmark=benchmark))
if result.series.empty or result.series["value"].isna().all():
    st.info(t("compare_no_series"), icon=":material/info:")
    st.stop()
chart(
    figure(
        weekly_lines,
        result.series,
        result.benchmark,
        metric_label=label,
        unit=unit,
        labels=chart_labels,
        lang=lang,
        colors=colors,
    ),
    file_name=f"sillage-compare-{metric}-weekly",
    key="compare.weekly.chart",
)
series_view = result.series.merge(result.benchmark, on="week", how="left").assign(
    provenance=lambda f: f["provenance"].map(lambda p: provenance_words.get(p, p)),
    timing=lambda f: f["timing"].map(timing_words),
)[["name", "week", "week_value", "value", "median", "campaigns", "timing", "provenance"]]
table(
    series_view.rename(
        columns={
            "name": t("campaign"),
            "week": t("compare_week"),
            "week_value": t("compare_week_value"),
            "value": f"{label} · {t('compare_cumulative')}",
            "median": median_name,
            "campaigns": t("compare_campaigns_count"),
            "timing": t("compare_timing"),
            "provenance": t("compare_provenance"),
        }
    ),
    key="compare.weekly.csv",
    file_name=f"sillage-compare-{metric}-weekly.csv",
    column_config={
        t("compare_week_value"): value_column,
        f"{label} · {t('compare_cumulative')}": value_column,
        median_name: value_column,
        t("compare_timing"): st.column_config.TextColumn(help=t("compare_timing_help")),
    },
)

methodology("compare", benchmark=benchmark)
