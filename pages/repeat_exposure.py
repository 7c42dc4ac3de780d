"""Repeat exposure of one campaign: frequency, reach at k+, frequency response, adstock decay."""

from __future__ import annotations

import streamlit as st

from charts.exposure import (
    WORDS,
    adstock_decay_chart,
    adstock_fit_chart,
    cumulative_reach_chart,
    frequency_distribution_chart,
    lift_by_exposure_chart,
)
from metrics.brand_lift import (
    lift_by_exposure,
    lift_frame,
    lift_unavailable_reason,
    question_counts,
)
from metrics.exposure import (
    ADSTOCK_INDICATIVE_WEEKS,
    ADSTOCK_THETA_MAX,
    INDICATIVE_WARNINGS,
    average_frequency,
    cumulative_reach,
    fit_campaign_adstock,
    frequency_distribution,
    weekly_series,
)
from metrics.kpis import DEFINITIONS
from ui import data
from ui.export import chart, figure, subheader
from ui.filters import FilterNeeds, filter_bar
from ui.i18n import colon, language, number, percent, points, say, say_frame, say_joined, t
from ui.methodology import methodology
from ui.metric_cards import (
    chance_or_dash,
    exports_held,
    holdings,
    interval_text,
    needs_line,
    plain_metric,
    post_headline,
)
from ui.scope import cost_shown
from ui.shell import admin_link, require_app
from ui.tables import table
from ui.verdict import campaign_verdict

require_app()


def in_words(provenance: str | None) -> str:
    """A provenance ("measured", "estimated") in the interface language."""
    return t(provenance) if provenance else ""


def kpi_help(key: str, provenance: str | None = None) -> str:
    """Definition, source and provenance of a KPI from ``metrics.kpis.DEFINITIONS``."""
    definition = DEFINITIONS[key]
    formula, source = say(definition["formula"]), say(definition["source"])
    text = f"{formula}. {t('source')}{colon()}{source}."
    return text + (f" {t('provenance')}{colon()}{t(provenance)}." if provenance else "")


def upload_hint(message: str) -> None:
    """An information box saying what to upload, with the link to the Upload page."""
    st.info(message, icon=":material/info:")
    admin_link("pages/upload.py", t("upload_link"), ":material/upload_file:")


lang = language()
words = {key: t(key) for key in WORDS}

st.title(t("rx.title"))
st.caption(t("rx.caption"))

filters = filter_bar(FilterNeeds(one_campaign=True))
if filters is None:
    upload_hint(t("no_campaign"))
    st.stop()
campaign_id = filters.campaign_ids[0]
campaign_verdict(campaign_id, filters.confidence)
held = exports_held(filters)
needs_line("repeat_exposure", held)
slug = f"sillage-{campaign_id}"

# --- Average frequency --------------------------------------------------------------------
subheader(t("rx.frequency_title"))
summary = data.read(average_frequency, filters)
if summary.frequency is None and summary.impressions is None and summary.reach is None:
    # No audience to divide by: the exposure the posts delivered is what the exports hold.
    if not post_headline(filters, ("impressions", "views", "reach")):
        holdings(held)
else:
    columns = st.columns(3)
    # Summed reach over-counts people: reach is at most the sum, frequency at least the ratio.
    summed = summary.reach_summed_across_posts
    plain_metric(
        columns[0],
        t("rx.average_frequency"),
        interval_text(summary.frequency, None, lambda v: number(v, 2))
        if summed
        else number(summary.frequency, 2),
        help=f"{t('rx.average_frequency_help')} {t('provenance')}{colon()}{t(summary.provenance)}.",
    )
    plain_metric(
        columns[1],
        t("rx.impressions"),
        number(summary.impressions),
        help=kpi_help("impressions", "measured"),
    )
    plain_metric(
        columns[2],
        t("rx.reach"),
        interval_text(None, summary.reach, number) if summed else number(summary.reach),
        help=kpi_help("reach", summary.provenance),
    )
if summary.reach_summed_across_posts:
    st.warning(t("rx.reach_summed"), icon=":material/warning:")
for warning in map(say, summary.warnings):
    st.caption(f":material/info: {warning}")

# --- Frequency distribution and cumulative reach (exposure log) ------------------------------
subheader(t("rx.distribution_title"))
distribution = data.read(frequency_distribution, filters)
if distribution.people_reached == 0:
    upload_hint(t("rx.no_exposure_log"))
else:
    columns = st.columns(3)
    plain_metric(
        columns[0],
        t("rx.people_reached"),
        number(distribution.people_reached),
        help=f"{t('rx.people_reached_help')} {t('provenance')}{colon()}{t('measured')}.",
    )
    plain_metric(
        columns[1],
        t("rx.exposures"),
        number(distribution.exposures),
        help=f"{t('rx.exposures_help')} {t('provenance')}{colon()}{t('measured')}.",
    )
    plain_metric(
        columns[2],
        t("rx.log_frequency"),
        number(distribution.average_frequency, 2),
        help=f"{t('rx.log_frequency_help')} {t('provenance')}{colon()}{t('measured')}.",
    )
    chart(
        figure(frequency_distribution_chart, distribution.buckets, words, lang),
        file_name=f"{slug}-frequency-distribution",
    )
    table(
        distribution.buckets.assign(provenance=distribution.buckets["provenance"].map(in_words)),
        key="rx.distribution.csv",
        file_name=f"{slug}-frequency-distribution.csv",
        column_config={
            "bucket": st.column_config.TextColumn(t("rx.col_bucket"), help=t("rx.col_bucket_help")),
            "at_least": st.column_config.NumberColumn(t("rx.col_at_least")),
            "people": st.column_config.NumberColumn(
                t("rx.col_people"), help=t("rx.col_people_help"), format="localized"
            ),
            "share": st.column_config.NumberColumn(
                t("rx.col_share"), help=t("rx.col_share_help"), format="percent"
            ),
            "provenance": st.column_config.TextColumn(t("provenance")),
        },
    )
    st.markdown(f"**{t('rx.reach_title')}**")
    reach = data.read(cumulative_reach, filters)
    chart(
        figure(cumulative_reach_chart, reach, words, lang),
        file_name=f"{slug}-cumulative-reach",
    )
    st.caption(t("rx.reach_help"))

# --- Lift by exposure count -------------------------------------------------------------------
subheader(t("rx.lift_title"))
reason = data.read(lift_unavailable_reason, campaign_id)
questions = list(data.read(question_counts, campaign_id))
if reason or not questions:
    upload_hint(f"{t('rx.no_survey')} ({say(reason) or t('rx.no_answers')})")
else:
    wanted = st.query_params.get("question")
    question = st.selectbox(
        t("rx.question"),
        questions,
        index=questions.index(wanted) if wanted in questions else 0,
        format_func=t,
        key="rx.question",
    )
    st.query_params["question"] = question
    results = data.read(lift_by_exposure, campaign_id, question, filters.confidence)
    if not results:
        upload_hint(t("rx.no_respondents"))
    else:
        columns = st.columns(len(results))
        for column, result in zip(columns, results, strict=True):
            verdict = t("significant") if result.significant else t("not_significant")
            plain_metric(
                column,
                t("rx.seen_times").format(bucket=result.exposure_bucket),
                points(result.absolute_lift),
                help=t("rx.lift_help").format(
                    low=points(result.ci_low),
                    high=points(result.ci_high),
                    confidence=percent(result.confidence, 0),
                    n_exposed=number(result.n_exposed),
                    n_control=number(result.n_control),
                    chance=chance_or_dash(result.chance_above_zero()),
                ),
            )
            column.caption(verdict)
        chart(
            figure(lift_by_exposure_chart, results, words, lang),
            file_name=f"{slug}-lift-by-exposure-{question}",
        )
        st.caption(t("rx.lift_caption"))
        notes = sorted({say(w) for r in results for w in r.warnings})
        if notes:
            with st.expander(t("warnings")):
                for note in notes:
                    st.markdown(f"- {note}")
        frame = lift_frame(results)[
            [
                "exposure_bucket",
                "n_exposed",
                "n_control",
                "exposed_rate",
                "control_rate",
                "absolute_lift",
                "ci_low",
                "ci_high",
                "chance_positive",
                "significant",
                "provenance",
                "warnings",
            ]
        ]
        table(
            say_frame(frame.assign(provenance=frame["provenance"].map(in_words)), "warnings"),
            key="rx.lift.csv",
            file_name=f"{slug}-lift-by-exposure-{question}.csv",
            column_config={
                "exposure_bucket": st.column_config.TextColumn(t("rx.chart_exposures")),
                "n_exposed": st.column_config.NumberColumn(t("rx.col_n_exposed")),
                "n_control": st.column_config.NumberColumn(t("rx.col_n_control")),
                "exposed_rate": st.column_config.NumberColumn(
                    t("rx.col_exposed_rate"), format="percent"
                ),
                "control_rate": st.column_config.NumberColumn(
                    t("rx.col_control_rate"), format="percent"
                ),
                "absolute_lift": st.column_config.NumberColumn(
                    t("rx.col_lift"), help=t("rx.col_lift_help"), format="percent"
                ),
                "ci_low": st.column_config.NumberColumn(t("rx.col_ci_low"), format="percent"),
                "ci_high": st.column_config.NumberColumn(t("rx.col_ci_high"), format="percent"),
                "chance_positive": st.column_config.NumberColumn(
                    t("col_chance_positive"), help=t("rx.col_chance_help"), format="percent"
                ),
                "significant": st.column_config.CheckboxColumn(t("significant")),
                "provenance": st.column_config.TextColumn(t("provenance")),
                "warnings": st.column_config.TextColumn(t("warnings")),
            },
        )

# --- Adstock ----------------------------------------------------------------------------------
subheader(t("rx.adstock_title"))
fit = data.read(fit_campaign_adstock, campaign_id, confidence=filters.confidence)
outcome_words = t(f"rx.outcome_{fit.outcome}")
st.markdown(
    t("rx.fitted_on").format(
        outcome=outcome_words, input=t(f"rx.input_{fit.input}"), weeks=number(fit.weeks)
    )
)
if fit.theta is None:
    st.warning(
        t("rx.theta_unfitted").format(reasons=say_joined(fit.warnings)),
        icon=":material/warning:",
    )
else:
    confidence_words = percent(fit.confidence, 0)
    interval = (
        t("rx.indicative_range")
        if fit.indicative
        else t("rx.interval").format(confidence=confidence_words)
    )
    columns = st.columns(3)
    plain_metric(
        columns[0],
        t("rx.theta"),
        number(fit.theta, 2),
        help=f"{t('rx.theta_help_profile')} {interval}{colon()}{number(fit.theta_low, 2)} – "
        f"{number(fit.theta_high, 2)}. {t('provenance')}{colon()}{t('estimated')}.",
    )
    plain_metric(
        columns[1],
        t("rx.half_life"),
        f"{number(fit.half_life, 1)} {t('rx.weeks')}",
        help=f"{t('rx.half_life_help')} {interval}{colon()}{number(fit.half_life_low, 1)} – "
        f"{number(fit.half_life_high, 1)} {t('rx.weeks')}. {t('provenance')}{colon()}{t('estimated')}.",
    )
    plain_metric(
        columns[2], t("rx.r_squared"), number(fit.r_squared, 2), help=t("rx.r_squared_help")
    )
    st.caption(
        f"{interval} {t('rx.theta')}{colon()}{number(fit.theta_low, 2)} – "
        f"{number(fit.theta_high, 2)} · "
        f"{t('rx.half_life')}{colon()}{number(fit.half_life_low, 1)} – "
        f"{number(fit.half_life_high, 1)} {t('rx.weeks')}"
    )
    if fit.indicative:
        short = fit.weeks < ADSTOCK_INDICATIVE_WEEKS
        st.caption(
            ":material/warning: "
            + (
                t("rx.indicative_short").format(
                    weeks=number(ADSTOCK_INDICATIVE_WEEKS), confidence=confidence_words
                )
                if short
                else t("rx.indicative_limit").format(
                    limit=number(ADSTOCK_THETA_MAX, 2), confidence=confidence_words
                )
            )
        )
    shown_warnings = [
        w for w in fit.warnings if getattr(w, "code", None) not in INDICATIVE_WARNINGS
    ]
    for warning in map(say, shown_warnings):
        st.caption(f":material/info: {warning}")
    left, right = st.columns(2)
    chart(
        figure(adstock_decay_chart, fit, words, lang),
        file_name=f"{slug}-adstock-decay",
        container=left,
    )
    series_shown = cost_shown(fit.input)  # a link hiding costs does not chart weekly spend
    if series_shown:
        series = data.read(weekly_series, campaign_id, fit.outcome)
        chart(
            figure(adstock_fit_chart, series, fit, fit.input, words, lang),
            file_name=f"{slug}-adstock-fit",
            container=right,
        )
    st.caption(t("rx.adstock_caption" if series_shown else "rx.adstock_caption_decay_only"))

methodology("repeat_exposure")
