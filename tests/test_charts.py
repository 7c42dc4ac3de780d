"""The house look every chart shares, set by ``charts.base.styled``."""

from __future__ import annotations

import plotly.graph_objects as go

from charts.base import SEQUENCE, styled


def test_styled_gives_the_white_house_layout_and_language_separators():
    figure = styled(go.Figure(go.Bar(x=["a"], y=[1234.5])), "Title", height=300, lang="fr")
    layout = figure.to_plotly_json()["layout"]
    house = layout["template"]["layout"]
    assert house["plot_bgcolor"] == house["paper_bgcolor"] == "white"
    assert house["xaxis"]["gridcolor"] == "#EBF0F8"  # plotly_white's grid
    assert house["colorway"] == list(SEQUENCE)
    assert house["legend"]["orientation"] == "h"
    assert layout["separators"] == ",\u202f"  # 1 234,5
    assert layout["height"] == 300 and layout["title"]["text"] == "Title"
    assert layout["margin"]["t"] == 50


def test_the_template_carries_only_the_trace_types_drawn():
    """Bars and lines keep plotly_white's defaults; copying every other trace type was costly."""
    layout = styled(go.Figure()).to_plotly_json()["layout"]
    assert set(layout["template"]["data"]) == {"bar", "scatter"}
    assert layout["template"]["data"]["bar"][0]["marker"]["line"]["color"] == "white"
    assert layout["margin"]["t"] == 20  # no title, less room on top


def test_the_weekly_sentiment_line_breaks_over_a_week_without_comments():
    import datetime as dt
    from types import SimpleNamespace

    from charts.perception import net_sentiment_weekly_chart

    def week(day: int, net: float | None) -> SimpleNamespace:
        shares = {"net_sentiment": net, "ci_low": None if net is None else net - 0.1,
                  "ci_high": None if net is None else net + 0.1, "comments": 0 if net is None else 12}  # fmt: skip
        return SimpleNamespace(week_start=dt.date(2026, 9, day), shares=shares)

    # Weeks of 7 and 14 September, none on the 21st, no score on the 28th, then 5 October.
    weekly = [week(7, 0.3), week(14, 0.1), week(28, None)]
    weekly.append(SimpleNamespace(week_start=dt.date(2026, 10, 5), shares=week(7, -0.2).shares))
    trace = net_sentiment_weekly_chart(weekly).data[0]
    assert [str(x)[:10] for x in trace.x] == [
        "2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28", "2026-10-05"
    ]  # fmt: skip
    assert list(trace.y) == [0.3, 0.1, None, None, -0.2]  # gaps, not a line across them
    assert trace.connectgaps is False


def test_nice_steps_are_one_two_two_and_a_half_or_five_times_a_power_of_ten():
    from charts.base import nice_step

    # span / 5 parts, rounded up to the next round step.
    assert nice_step(9450) == 2000  # 1890 → 2000
    assert nice_step(5670) == 2000  # 1134 → 2000
    assert nice_step(1000) == 200
    assert nice_step(11) == 2.5  # 2.2 → 2.5
    assert nice_step(0.034) == 0.01  # 0.0068 → 0.01
    assert nice_step(0.011) == 0.0025  # written exactly, not 0.0025000000000000005
    assert nice_step(0) == 1.0 and nice_step(float("nan")) == 1.0


def test_two_axes_get_round_ticks_on_the_same_grid_lines():
    from charts.base import aligned_axes

    # The case that drew 1890 / 3780 / 5670 on the right axis.
    left, right = aligned_axes(9450, 5670)
    assert (left["dtick"], right["dtick"]) == (2000, 1000)
    assert left["range"] == [0, 12000] and right["range"] == [0, 6000]  # six steps each
    for axis, top in ((left, 9450), (right, 5670)):
        steps = axis["range"][1] / axis["dtick"]
        assert steps == round(steps) and axis["range"][1] >= top and axis["tick0"] == 0


def test_the_cumulative_chart_ticks_both_axes_at_round_steps():
    import pandas as pd

    from charts.performance import WORDS, cumulative_chart

    frame = pd.DataFrame(
        {"day": [0, 1, 2], "date": ["2026-09-01", "2026-09-02", "2026-09-03"],
         "views": [1000, 0, 8450], "engagements": [100, 0, 5570],
         "cumulative_views": [1000, 1000, 9450], "cumulative_engagements": [100, 100, 5670]}
    )  # fmt: skip
    layout = cumulative_chart(frame, {k: k for k in WORDS}).layout
    assert (layout.yaxis.dtick, layout.yaxis2.dtick) == (2000, 1000)
    assert layout.yaxis.range == (0, 12000) and layout.yaxis2.range == (0, 6000)
    assert layout.yaxis2.showgrid is False


def test_a_creator_keeps_its_colour_whatever_the_chart_shows():
    import pandas as pd

    from charts.base import keyed_colors
    from charts.creators import er_reach_chart, fit_chart, pay_chart

    palette = keyed_colors(["c3", "c1", "c2", "c1", None])
    assert palette == {"c1": SEQUENCE[0], "c2": SEQUENCE[1], "c3": SEQUENCE[2]}
    assert keyed_colors(f"c{i:02d}" for i in range(10))["c09"] == SEQUENCE[9 % len(SEQUENCE)]

    summary = pd.DataFrame({"creator_id": ["c3", "c1"], "handle": ["zoe", "ana"],
                            "platform": ["TikTok", "YouTube"], "er_reach": [0.05, 0.02],
                            "posts": [2, 3]})  # fmt: skip
    bars = er_reach_chart(summary, {k: k for k in ("cr.chart_er_reach",)}, colors=palette).data[0]
    assert dict(zip(bars.ids, bars.marker.color, strict=True)) == {
        "c1": SEQUENCE[0], "c3": SEQUENCE[2]
    }  # fmt: skip
    fit = pd.DataFrame({"rank": [1, 2], "creator_id": ["c2", "c3"], "handle": ["bo", "zoe"],
                        "platform": ["Instagram", "TikTok"], "in_target_share": [0.6, 0.4],
                        "score": [0.9, 0.7]})  # fmt: skip
    words = {k: k for k in ("fit.chart_in_target", "fit.chart_score")}
    ranked = fit_chart(fit, words, colors=palette).data[0]
    assert dict(zip(ranked.ids, ranked.marker.color, strict=True)) == {
        "c2": SEQUENCE[1], "c3": SEQUENCE[2]
    }  # fmt: skip
    history = pd.DataFrame({"creator_id": ["c3", "c3", "c1", "c1"], "handle": ["zoe"] * 2 + ["ana"] * 2,
                            "platform": ["TikTok"] * 2 + ["YouTube"] * 2, "client_id": [1] * 4,
                            "currency": ["EUR"] * 4, "collaboration_number": [1, 2, 1, 2],
                            "campaign": ["A", "B", "A", "B"], "fee_per_post": [100.0, 120, 80, 90],
                            "cost_per_1000_views": [5.0, 6, 4, 4]})  # fmt: skip
    words = {
        k: k for k in ("pay.chart_fee_per_post", "pay.chart_cpv", "pay.chart_collaboration_number")
    }
    lines = {
        trace.legendgroup: trace.line.color
        for trace in pay_chart(history, words, colors=palette).data
    }
    assert lines == {"c1": SEQUENCE[0], "c3": SEQUENCE[2]}


def test_a_compared_campaign_line_breaks_over_a_week_without_a_value():
    import pandas as pd

    from charts.compare import weekly_lines

    series = pd.DataFrame({"name": ["A"] * 4, "week": [0, 1, 2, 3], "value": [10.0, None, float("nan"), 40.0],
                           "timing": ["daily"] * 4})  # fmt: skip
    benchmark = pd.DataFrame(
        {"week": [0, 1, 2, 3], "median": [5.0, None, 20.0, 30.0], "campaigns": [3] * 4}
    )
    labels = {k: k for k in ("week", "median", "campaigns", "timing")}
    figure = weekly_lines(series, benchmark, metric_label="Views", unit="count", labels=labels)
    line, median = figure.data
    assert list(line.y) == [10.0, None, None, 40.0] and line.connectgaps is False
    assert list(median.y) == [5.0, None, 20.0, 30.0] and median.connectgaps is False


def test_days_along_x_are_written_as_the_language_writes_a_day():
    """Plotly would name months in English ("Aug 9") on a French page."""
    import pandas as pd

    from charts.exposure import cumulative_reach_chart

    frame = pd.DataFrame({"day": pd.to_datetime(["2026-08-09", "2026-08-10"]), "new_people": [5, 3],
                          "cumulative_reach": [5, 8], "cumulative_frequency": [1.0, 1.2]})  # fmt: skip
    words = {k: k for k in ("rx.chart_new_people", "rx.chart_cumulative_reach",
                            "rx.chart_cumulative_frequency", "rx.chart_day", "rx.chart_people")}  # fmt: skip
    assert cumulative_reach_chart(frame, words, "fr").layout.xaxis.tickformat == "%d/%m/%Y"
    assert cumulative_reach_chart(frame, words, "en").layout.xaxis.tickformat == "%Y-%m-%d"
    bars = styled(go.Figure(go.Bar(x=["1+", "2+"], y=[1, 2])), lang="fr")
    assert bars.layout.xaxis.tickformat is None  # categories keep their own labels


def test_weekly_ticks_fall_on_the_week_starts_the_points_sit_on():
    import datetime as dt
    from types import SimpleNamespace

    from charts.base import WEEK_MS
    from charts.perception import brand_mentions_weekly_chart

    weeks = [
        SimpleNamespace(week_start=dt.date(2026, 4, 6) + dt.timedelta(weeks=k), comments=c,
                        mentioning=m, share=None if c == 0 else m / c)
        for k, (c, m) in enumerate([(15, 8), (12, 4), (0, 0), (8, 3)])
    ]  # fmt: skip
    figure = brand_mentions_weekly_chart(weeks, "fr")
    assert figure.layout.xaxis.tick0 == "2026-04-06" and figure.layout.xaxis.dtick == WEEK_MS
    share = figure.data[1]
    assert share.y[2] is None and share.connectgaps is False  # the week without comments: a gap
    assert (figure.layout.yaxis.dtick, figure.layout.yaxis2.dtick) == (2, 20)  # 0–8 and 0–80 %
    many = [SimpleNamespace(**{**vars(weeks[0]), "week_start": dt.date(2026, 1, 5) + dt.timedelta(weeks=k)})
            for k in range(25)]  # fmt: skip
    assert brand_mentions_weekly_chart(many, "en").layout.xaxis.dtick == 3 * WEEK_MS  # ≤ 10 ticks


def test_a_small_sample_is_named_above_its_interval_inside_the_plot():
    import pandas as pd

    from charts.creators import collaboration_chart

    results = pd.DataFrame({"collaboration_number": [1, 2, 3], "mean_er_reach": [0.05, 0.05, 0.066],
                            "ci_low": [0.035, 0.03, 0.015], "ci_high": [0.07, 0.08, 0.26],
                            "collaborations": [8, 6, 2]})  # fmt: skip
    words = {k: k for k in ("cr.chart_collaboration_number", "cr.chart_er_reach", "cr.chart_interval",
                            "cr.chart_collaborations", "cr.chart_no_interval")} | {"small_sample": "small sample"}  # fmt: skip
    figure = collaboration_chart(results, words)
    points, note = figure.data  # the last collaboration number only, where it was cut
    # On the percentage axis the interval's top 0.26 sits at 26 (%).
    assert (list(note.x), list(note.y), list(note.text)) == (["3"], [26.0], ["small sample"])
    assert (note.mode, note.textposition, note.cliponaxis) == ("text", "top center", False)
    low, high = figure.layout.yaxis.range
    assert low < 0 < 26 < high  # room above the highest interval for the words
    assert "text" not in points.mode  # no label beside the point, where the edge cut it
    assert points.showlegend is False and note.showlegend is False  # no "trace 0" legend


def test_small_sample_words_sit_on_their_own_exposure_count():
    """The buckets 1, 2, 3 are categories: placed by number, the words would move a bucket."""
    from types import SimpleNamespace

    from charts.exposure import lift_by_exposure_chart

    def bucket(name, lift, low, high):
        return SimpleNamespace(exposure_bucket=name, absolute_lift=lift, ci_low=low, ci_high=high,
                               n_exposed=90, n_control=287, significant=False)  # fmt: skip

    results = [
        bucket(1, 0.08, -0.01, 0.17),
        bucket(2, 0.165, 0.065, 0.27),
        bucket("4+", 0.09, -0.01, 0.2),
    ]
    words = {k: k for k in ("significant", "not_significant", "small_sample", "rx.chart_exposures",
                            "rx.chart_lift", "rx.chart_interval")}  # fmt: skip
    points, notes = lift_by_exposure_chart(results, words).data
    # On the points' own x, as the data are placed (an annotation at x="3" lands on place 3).
    assert list(notes.x) == list(points.x) == [1, 2, "4+"]
    assert [round(y, 1) for y in notes.y] == [17.0, 27.0, 20.0]


def test_a_post_bar_names_its_day_as_the_language_writes_it():
    import datetime as dt

    import pandas as pd

    from charts.performance import WORDS, post_chart

    posts = pd.DataFrame({"post_id": ["p1", "p2"], "snippet": ["Trail test", None],
                          "posted_at": [dt.date(2026, 8, 15), None], "er_views": [0.05, 0.03],
                          "platform": ["TikTok", "YouTube"], "views": [100, 200],
                          "engagements": [5, 6]})  # fmt: skip
    bars = post_chart(posts, "er_views", {"p1"}, {"p2"}, {k: k for k in WORDS}, "fr").data[0]
    assert list(bars.y) == ["p2", "Trail test · 15/08/2026"]  # sorted by rate, lowest first


def percent_charts(lang: str) -> dict[str, go.Figure]:
    """Every chart drawing shares, in ``lang``, from shares planted by hand."""
    from types import SimpleNamespace

    import pandas as pd

    from charts import compare, creators, disclosure, exposure, performance

    def words(keys) -> dict[str, str]:
        return {k: k for k in keys}

    creator = {"creator_id": ["c1", "c2"], "handle": ["ana", "bo"], "platform": ["TikTok"] * 2}
    statuses = ("disclosed", "ambiguous", "missing")
    rates = pd.DataFrame({"disclosed": [3], "ambiguous": [1], "missing": [1], "posts": [5],
                          "disclosed_share": [0.6], "ambiguous_share": [0.2], "missing_share": [0.2]})  # fmt: skip
    decay = SimpleNamespace(theta=0.5, theta_low=0.4, theta_high=0.6, half_life=1.0)
    posts = pd.DataFrame({"post_id": ["p1", "p2"], "snippet": ["a", "b"], "posted_at": [None] * 2,
                          "er_views": [0.0525, 0.03], "platform": ["TikTok"] * 2,
                          "views": [100, 200], "engagements": [5, 6]})  # fmt: skip
    totals = pd.DataFrame({"name": ["A", "B"], "value": [0.125, 0.5], "provenance": ["m", "e"]})
    weekly = pd.DataFrame({"name": ["A"] * 2, "week": [0, 1], "value": [0.1, 0.2], "timing": ["", ""]})  # fmt: skip
    median = pd.DataFrame({"week": [0, 1], "median": [0.05, 0.15], "campaigns": [2, 2]})
    labels = words(("provenance", "week", "median", "campaigns", "timing"))
    return {
        "er_reach": creators.er_reach_chart(
            pd.DataFrame({**creator, "er_reach": [0.0525, 0.03], "posts": [3, 2]}),
            words(("cr.chart_er_reach",)), lang,
        ),
        "collaboration": creators.collaboration_chart(
            pd.DataFrame({"collaboration_number": [1, 2], "mean_er_reach": [0.0525, 0.03],
                          "ci_low": [0.04, 0.02], "ci_high": [0.06, 0.04], "collaborations": [8, 9]}),
            words(("cr.chart_collaboration_number", "cr.chart_er_reach", "cr.chart_interval",
                   "cr.chart_collaborations", "cr.chart_no_interval", "small_sample")), lang,
        ),
        "fit": creators.fit_chart(
            pd.DataFrame({**creator, "rank": [1, 2], "in_target_share": [0.625, 0.4], "score": [0.9, 0.7]}),
            words(creators.FIT_WORDS), lang,
        ),
        "disclosure": disclosure.rates_chart(
            rates, ["Group"], words([f"dc.status_{s}" for s in statuses] + ["dc.chart_share"]), lang
        ),
        "distribution": exposure.frequency_distribution_chart(
            pd.DataFrame({"bucket": ["1+", "2+"], "share": [1.0, 0.625], "people": [8, 5]}),
            words(exposure.WORDS), lang,
        ),
        "decay": exposure.adstock_decay_chart(decay, words(exposure.WORDS), lang),
        "posts": performance.post_chart(posts, "er_views", {"p1"}, {"p2"}, words(performance.WORDS), lang),
        "compare_totals": compare.totals_bars(
            totals, metric_label="ER", unit="ratio", labels=labels, lang=lang
        ),
        "compare_weekly": compare.weekly_lines(
            weekly, median, metric_label="ER", unit="ratio", labels=labels, lang=lang
        ),
    }  # fmt: skip


def percent_axis_of(figure: go.Figure):
    """The axis of ``figure`` carrying the shares: x for horizontal bars, else y."""
    horizontal = figure.data[0].orientation == "h"
    return figure.layout.xaxis if horizontal else figure.layout.yaxis


def test_a_french_chart_writes_a_no_break_space_before_every_percent_sign():
    """Plotly's d3 "%" formats write 62%; French writes 62 %, from ``before_percent``."""
    from i18n.locale import NBSP

    for lang, suffix in (("fr", f"{NBSP}%"), ("en", "%"), ("xx", "%")):
        for name, figure in percent_charts(lang).items():
            assert percent_axis_of(figure).ticksuffix == suffix, (lang, name)
            assert percent_axis_of(figure).tickformat is None, (lang, name)  # plotly's round steps
            shown = [t for t in figure.data if t.hovertemplate]
            templates = [t.hovertemplate for t in shown] + [t.texttemplate or "" for t in shown]
            assert any(f"f}}{suffix}" in template for template in templates), (lang, name)
            # No d3 percentage is left: it would write "62%" in every language.
            assert not any("%}" in template for template in templates), (lang, name)
            assert (NBSP in "".join(templates)) is (lang == "fr"), (lang, name)


def test_a_percentage_chart_plots_its_shares_as_percentages():
    """The shares planted are drawn ×100 under the percent sign, with the decimals asked."""
    charts = percent_charts("fr")
    fit = charts["fit"]
    assert list(fit.data[0].x) == [40.0, 62.5] and fit.layout.xaxis.range == (0, 108)
    assert "%{x:.1f}\u00a0%" in fit.data[0].hovertemplate  # 62,5 %
    bars = charts["distribution"].data[0]
    assert list(bars.y) == [100.0, 62.5]
    assert bars.texttemplate == "%{y:.0f}\u00a0%"  # 100 % and 63 % on the bars
    assert "%{y:.1f}\u00a0%" in bars.hovertemplate
    assert [round(x, 2) for x in charts["er_reach"].data[0].x] == [3.0, 5.25]
    assert "%{x:.2f}\u00a0%" in charts["er_reach"].data[0].hovertemplate  # 5,25 %
    assert "%{x:.0f}\u00a0%" in charts["disclosure"].data[0].hovertemplate
    assert list(charts["disclosure"].data[0].x) == [60.0]
    assert charts["disclosure"].layout.xaxis.range == (0, 100)
    decay = charts["decay"]
    assert [round(y, 3) for y in decay.data[1].y[:3]] == [100.0, 50.0, 25.0]  # θ = 0.5
    assert decay.layout.shapes[-1].y0 == 50  # the half-way line
    assert list(charts["compare_totals"].data[0].y) == [12.5, 50.0]
    line, benchmark = charts["compare_weekly"].data
    assert [round(y, 3) for y in line.y] == [10.0, 20.0]
    assert [round(y, 3) for y in benchmark.y] == [5.0, 15.0]
    assert "%{y:.1f}\u00a0%" in benchmark.hovertemplate
    assert charts["collaboration"].data[0].customdata[0][0] == "4,00\u00a0% … 6,00\u00a0%"
