"""The verdict first: one plain sentence per target of the campaign, at the top of its pages.

Each sentence says the value, its range and, when the range is a confidence interval, how likely
the target is met (and, for a lift, how likely there is any lift at all), in the calibrated words
of the IPCC's likelihood scale. The probabilities are those of the scorecard
(``metrics.scorecard``, read off the same intervals).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from export.pdf import Verdict, plain
from metrics import scorecard
from metrics.planner import campaign_plans
from ui import data
from ui.formatting import md
from ui.i18n import number, percent, points, say, t
from ui.metric_cards import (
    STATUS_COLORS,
    STATUS_ICONS,
    campaign_numbers,
    chance,
    grade_value,
    shown_grade_value,
    status_label,
    target_label,
)

# Lower edge of each band of the likelihood scale (IPCC AR5 guidance, Mastrandrea et al. 2010),
# highest first.
LIKELIHOOD_BANDS = (
    (0.99, "almost_certain"),
    (0.90, "very_likely"),
    (2 / 3, "likely"),
    (1 / 3, "even"),
    (0.10, "unlikely"),
    (0.01, "very_unlikely"),
    (0.0, "almost_never"),
)


def likelihood(probability: float) -> str:
    """The band of the likelihood scale ``probability`` falls in: ``likely``, ``unlikely``…"""
    return next(band for edge, band in LIKELIHOOD_BANDS if probability >= edge)


def _clause(probability: float, where: str) -> str:
    phrase = t(f"vd.{likelihood(probability)}").format(where=where)
    return f"{phrase} ({chance(probability)})"


def verdict_sentence(grade: scorecard.TargetGrade) -> str:
    """One plain sentence on a graded target, in the interface language."""
    label = target_label(grade)
    if grade.value is None or grade.target is None:
        return t("vd.not_graded").format(label=label, reason=say(grade.reason))
    value = grade_value(grade, grade.value)
    target = grade_value(grade, grade.target)
    side = "above" if grade.direction == "higher" else "below"
    if grade.interval == "confidence" and grade.probability_met is not None:
        clauses = []
        if grade.probability_positive is not None:
            clauses.append(_clause(grade.probability_positive, t("vd.where_zero")))
        where = t(f"vd.where_target_{side}").format(target=target)
        clauses.append(_clause(grade.probability_met, where))
        sentence = t("vd.with_range").format(
            label=label,
            value=value,
            confidence=percent(grade.confidence, 0),
            low=grade_value(grade, grade.ci_low),
            high=grade_value(grade, grade.ci_high),
            clauses=t("vd.and").join(clauses),
        )
        unsettled = grade.status not in (scorecard.MET, scorecard.MISSED)
        if unsettled and grade.detectable is not None and abs(grade.target) < grade.detectable:
            # The target asks for a lift smaller than this study can see (metrics.planner).
            sentence += " " + t("vd.too_small").format(lift=grade_value(grade, grade.detectable))
        return sentence
    if grade.interval == "bounds":
        if grade.status == scorecard.INCONCLUSIVE:
            return t("vd.bounds_straddle").format(
                label=label,
                low=grade_value(grade, grade.ci_low),
                high=grade_value(grade, grade.ci_high),
                target=target,
            )
    met = grade.status == scorecard.MET
    wording = t(f"vd.exact_{'met' if met else 'missed'}_{grade.direction}")
    return t("vd.exact").format(
        label=label, value=shown_grade_value(grade), clause=wording.format(target=target)
    )


def verdict_block(grades: Sequence[scorecard.TargetGrade]) -> None:
    """Each target's sentence beside its status, primary targets first, in one bordered box."""
    if not grades:
        return
    with st.container(border=True):
        st.markdown(f"**{t('vd.title')}**")
        for grade in grades:
            icon = STATUS_ICONS[grade.status]
            color = STATUS_COLORS[grade.status]
            st.markdown(f":{color}[{icon} **{status_label(grade)}**] — {verdict_sentence(grade)}")


def campaign_verdict(campaign_id: str, confidence: float) -> None:
    """The verdict block of a campaign page, from the campaign's numbers (``metrics.campaign``)."""
    verdict_block(campaign_numbers(campaign_id, confidence).grades)


VERDICT_CAMPAIGNS = 4
"""Campaigns with a line of their own in the verdict of a page over several; more are counted."""
_MET = (scorecard.MET, scorecard.LIKELY_MET)
_MISSED = (scorecard.MISSED, scorecard.UNLIKELY)


def overall_status(grades: Sequence[scorecard.TargetGrade]) -> str:
    """One status for a campaign's targets: met when none is missed, missed when none is met,
    open (inconclusive) otherwise."""
    statuses = {grade.status for grade in grades}
    if statuses <= set(_MET):
        return scorecard.MET
    if statuses <= set(_MISSED):
        return scorecard.MISSED
    return scorecard.INCONCLUSIVE


def tally(grades: Sequence[scorecard.TargetGrade]) -> str:
    """How a campaign's targets stand, in one sentence: met, missed and too close to call."""
    if not grades:
        return t("vd.tally_none")
    met = sum(grade.status in _MET for grade in grades)
    missed = sum(grade.status in _MISSED for grade in grades)
    return t("vd.tally", n=len(grades), met=met, missed=missed, open=len(grades) - met - missed)


def tally_line(name: str, grades: Sequence[scorecard.TargetGrade]) -> str:
    """A campaign's name in the colour of its overall status, then its tally (markdown)."""
    if not grades:
        return f"**{md(name)}** — {tally(grades)}"
    status = overall_status(grades)
    return f":{STATUS_COLORS[status]}[{STATUS_ICONS[status]} **{md(name)}**] — {tally(grades)}"


def campaigns_verdict(
    campaigns: Sequence[tuple[str, str]],
    confidence: float,
    lead: Sequence[str] = (),
    limit: int = VERDICT_CAMPAIGNS,
) -> tuple[Verdict, ...]:
    """The verdict of a page over several campaigns (``(id, name)`` in the order shown): the
    ``lead`` sentences, then the targets of each of the first ``limit`` campaigns in one line,
    from the campaign's numbers (``metrics.campaign``); one campaign and no lead: its full
    verdict. Returns the sentences drawn, for a report's cover."""
    if len(campaigns) == 1 and not lead:
        campaign_verdict(campaigns[0][0], confidence)
        return ()
    if not campaigns and not lead:
        return ()
    drawn = [Verdict(plain(sentence)) for sentence in lead]
    shown = list(campaigns)[:limit]
    with st.container(border=True):
        st.markdown(f"**{t('vd.title')}**")
        for sentence in lead:
            st.markdown(sentence)
        for campaign_id, name in shown:
            grades = campaign_numbers(campaign_id, confidence).grades
            st.markdown(tally_line(name, grades))
            tone = STATUS_COLORS[overall_status(grades)] if grades else "gray"
            drawn.append(Verdict(plain(tally(grades)), name, tone))
        if len(campaigns) > len(shown):
            st.caption(t("vd.more_campaigns", n=len(campaigns) - len(shown)))
    return tuple(drawn)


def compare_lead(
    totals: pd.DataFrame,
    *,
    metric: str,
    benchmark: str,
    median: str,
    lower_is_better: bool,
    written: Callable[[float | None], str],
) -> str:
    """One sentence ranking the compared campaigns on ``metric``: the first and the last, each
    with its value (``written``) and index, beside the benchmark's ``median`` value.

    ``totals`` is ``metrics.compare.Comparison.totals`` (``name``, ``value``, ``index``).
    """
    valued = totals[totals["value"].notna()].sort_values(
        "value", ascending=lower_is_better, kind="stable"
    )
    if len(valued) < 2:
        return t("vd.compare_none", metric=metric)
    top, bottom = valued.iloc[0], valued.iloc[-1]
    return t(
        "vd.compare_lead_lower" if lower_is_better else "vd.compare_lead",
        metric=metric,
        top=f"**{md(top['name'])}**",
        top_value=written(top["value"]),
        top_index=number(top["index"]) if pd.notna(top["index"]) else "—",
        bottom=f"**{md(bottom['name'])}**",
        bottom_value=written(bottom["value"]),
        bottom_index=number(bottom["index"]) if pd.notna(bottom["index"]) else "—",
        benchmark=benchmark,
        median_value=median,
    )


def study_plans_block(campaign_id: str) -> None:
    """Each lift target beside the answers it needs, and a warning when the survey is too small
    to see it (``metrics.planner``)."""
    plans = data.read(campaign_plans, campaign_id)
    if not plans:
        return
    st.markdown(f"**{t('plan.title')}**")
    for item in plans:
        study = item.plan
        label = target_label(item)
        words = {
            "label": label,
            "target": points(study.target_lift),
            "base": percent(study.base_rate, 0),
            "power": percent(study.power, 0),
            "confidence": percent(study.confidence, 0),
        }
        if study.needed_per_group is None:
            st.warning(t("plan.unreachable").format(**words), icon=":material/block:")
            continue
        sentence = t("plan.needed").format(needed=number(study.needed_per_group), **words)
        if not item.observed:
            sentence += " " + t("plan.assumed")
        elif study.detectable_lift is not None:
            seen = {"per_group": number(study.per_group), "lift": points(study.detectable_lift)}
            sentence += " " + t("plan.too_small" if study.too_small else "plan.enough").format(
                **seen
            )
        if study.too_small:
            st.warning(sentence, icon=":material/warning:")
        else:
            st.caption(sentence)
