"""Upload: load exports, map the columns of an unknown file, set the campaign's objective and targets."""

from __future__ import annotations

import streamlit as st

import settings
from metrics.scorecard import OBJECTIVE_HELP
from store.campaigns import OBJECTIVES, list_campaigns, list_clients, update_campaign
from ui import data, mapping_screen, upload
from ui.campaign import (
    CURRENCIES,
    TARGET_METRICS,
    TARGETS_HELP,
    campaign_label,
    check_settings,
    default_index,
    metric_label,
    normalise_currency,
    targets_frame,
    targets_from_frame,
)
from ui.export import subheader
from ui.formatting import file_size, md
from ui.i18n import say, t
from ui.metric_cards import plain_metric
from ui.shell import require_app
from ui.sponsorship import sponsorship_choice
from ui.target_audience import target_audience_inputs
from ui.verdict import study_plans_block

ERRORS_SHOWN = 10
LAST_CAMPAIGN = "upload.last_campaign"  # followed by the campaign settings, never the pickers
PICK_NEXT = "upload.pick_next"
CAMPAIGN_PICK = "campaign.pick"
SAVES = "campaign.saves"
SAVED = "campaign.saved"


def pick_destination(
    scope: str,
    offer_as_file: bool,
    needs_account: bool,
    holds_posts: bool,
    paid_label: bool,
    holds_survey: bool = False,
) -> upload.Destination:
    """Client, campaign and creator pickers for one file, or for every pending file at once.

    Nothing is chosen in advance: the user picks or creates the client and the campaign.
    """
    client_ids = {name: client_id for client_id, name in data.read(list_clients)}
    client_options = [*client_ids, upload.NEW_CLIENT]
    left, middle, right = st.columns(3)
    client = left.selectbox(
        t("client"),
        client_options,
        index=None,
        format_func=lambda v: t("up.new_client_option") if v == upload.NEW_CLIENT else v,
        placeholder=t("up.choose_client"),
        key=f"upload.client.{scope}",
    )
    new_client = ""
    if client == upload.NEW_CLIENT:
        new_client = left.text_input(
            t("up.new_client_name"),
            key=f"upload.new_client.{scope}",
            placeholder=t("up.new_client_placeholder"),
        )
    campaigns = data.read(list_campaigns, client_ids[client]) if client in client_ids else []
    labels = {
        upload.AS_FILE: t("up.as_file"),
        upload.NEW_CAMPAIGN: t("up.new_campaign_option"),
        **{c.campaign_id: c.name for c in campaigns},
    }
    campaign_options = [
        *([upload.AS_FILE] if offer_as_file else []),
        *(c.campaign_id for c in campaigns),
        upload.NEW_CAMPAIGN,
    ]
    campaign = middle.selectbox(
        t("campaign"),
        campaign_options,
        index=None,
        format_func=lambda v: labels.get(v, v),
        placeholder=t("up.choose_campaign"),
        key=f"upload.campaign.{scope}.{client}",
    )
    new_campaign = ""
    if campaign == upload.NEW_CAMPAIGN:
        new_campaign = middle.text_input(
            t("up.new_campaign_name"),
            key=f"upload.new_campaign.{scope}",
            placeholder=t("up.new_campaign_placeholder"),
        )
    creator = right.text_input(
        t("up.account") if needs_account else t("up.creator"),
        key=f"upload.creator.{scope}",
        placeholder="@handle",
        help=t("up.account_help") if needs_account else t("up.creator_help"),
    )
    if needs_account:
        right.caption(t("up.account_why"))
    sponsored = (
        sponsorship_choice(f"upload.sponsored.{scope}", paid_label=paid_label)
        if holds_posts
        else None
    )
    wave = (
        st.text_input(
            t("up.wave"),
            key=f"upload.wave.{scope}",
            placeholder=t("up.wave_placeholder"),
            help=t("up.wave_help"),
        )
        if holds_survey
        else ""
    )
    return upload.Destination(
        client, new_client, campaign, new_campaign, creator, needs_account, sponsored, wave
    )


def describe_file(uploaded, peek: upload.Peek) -> None:
    """One line per file: its name, size, and what Sillage sees in it before loading."""
    name = f"**{md(uploaded.name)}** · {file_size(uploaded.size)}"
    if peek.problem:
        problem = md(say(peek.problem))
        refused = t("up.will_refuse").format(name=name, problem=problem)
        st.markdown(f":material/block: {refused}")
    elif peek.format_label is None:
        st.markdown(f":material/help: {t('up.not_recognised').format(name=name)}")
    else:
        how = t("up.saved_mapping") if peek.saved_mapping else ""
        st.markdown(f":material/description: {name} — {peek.format_label}{how}")


def result_card(key: str, job: upload.Job) -> None:
    """What happened to one file: counts, first rejected rows and notes, or why it was refused."""
    result = job.result
    assert result is not None
    with st.container(border=True):
        st.markdown(f"#### {md(result.file)}")
        if result.needs_mapping:
            st.warning(t("up.needs_mapping"), icon=":material/table_edit:")
            mapping_screen.show(key, job)
            return
        if not result.loaded:
            st.error(
                t("up.not_loaded").format(reason=md(say(result.refused))),
                icon=":material/block:",
            )
            return
        mapped = t("up.mapped") if job.mapped else ""
        st.markdown(t("up.format_detected").format(format=result.format_label, mapped=mapped))
        if job.mapping is not None:
            mapping_screen.show_json(job.mapping, key)
        counts = st.columns(4)
        plain_metric(counts[0], t("up.rows_read"), result.rows_read, help=t("up.rows_read_help"))
        plain_metric(
            counts[1], t("up.rows_loaded"), result.rows_loaded, help=t("up.rows_loaded_help")
        )
        plain_metric(
            counts[2],
            t("up.rows_rejected"),
            result.rows_rejected,
            help=t("up.rows_rejected_help"),
        )
        plain_metric(
            counts[3], t("up.rows_skipped"), result.rows_skipped, help=t("up.rows_skipped_help")
        )
        if result.campaign_ids:
            labels = {c.campaign_id: campaign_label(c) for c in data.read(list_campaigns)}
            names = [md(labels.get(i, i)) for i in result.campaign_ids]
            line = t("up.campaigns_line") if len(names) > 1 else t("up.campaign_line")
            st.caption(line.format(names=", ".join(names)))
        for note in result.notes:
            st.info(md(say(note)), icon=":material/info:")
        if result.errors:
            st.markdown(f"**{t('up.first_rejected')}**")
            st.dataframe(upload.errors_frame(result, ERRORS_SHOWN), hide_index=True)
            st.caption(
                t("up.showing_rejected").format(
                    shown=min(ERRORS_SHOWN, len(result.errors)), total=result.rows_rejected
                )
            )


def campaign_settings() -> None:
    """Objective, dates, budget and targets of one campaign, saved together."""
    subheader(t("up.settings"))
    campaigns = data.read(list_campaigns)
    if not campaigns:
        st.caption(t("up.no_campaigns"))
        return
    by_id = {c.campaign_id: c for c in campaigns}
    ids = list(by_id)
    if st.session_state.get(PICK_NEXT) in by_id:
        st.session_state[CAMPAIGN_PICK] = st.session_state.pop(PICK_NEXT)
    saved_label = st.session_state.pop(SAVED, None)
    # Nothing is chosen for the user: the campaign in the URL, the one just loaded, or none.
    known = [
        c
        for c in (st.query_params.get("campaign"), st.session_state.get(LAST_CAMPAIGN))
        if c in by_id
    ]
    chosen = st.selectbox(
        t("up.campaign_to_edit"),
        ids,
        index=default_index(ids, *known) if known else None,
        format_func=lambda i: campaign_label(by_id[i]),
        placeholder=t("up.choose_campaign"),
        key=CAMPAIGN_PICK,
    )
    if chosen is None:
        return
    st.query_params["campaign"] = chosen
    campaign = by_id[chosen]
    currencies = list(CURRENCIES)
    if campaign.currency and campaign.currency not in currencies:
        currencies.append(campaign.currency)
    metrics = list(TARGET_METRICS) + [k for k in campaign.targets if k not in TARGET_METRICS]
    # The editor keeps its edits as changes to the frame it was given: after a save it must
    # start again from the saved targets, under a new key.
    saves = st.session_state.get(SAVES, 0)
    with st.form(f"campaign.form.{chosen}"):
        first = st.columns(3)
        objective = first[0].selectbox(
            t("up.objective"),
            OBJECTIVES,
            index=OBJECTIVES.index(campaign.objective)
            if campaign.objective in OBJECTIVES
            else None,
            format_func=lambda o: t(f"objective_{o}").capitalize(),
            placeholder=t("up.not_set"),
            help=say(OBJECTIVE_HELP),
        )
        start = first[1].date_input(t("up.start"), value=campaign.start_date, format="YYYY-MM-DD")
        end = first[2].date_input(t("up.end"), value=campaign.end_date, format="YYYY-MM-DD")
        second = st.columns(3)
        budget = second[0].number_input(
            t("up.budget"),
            value=campaign.budget,
            min_value=0.0,
            step=100.0,
            placeholder=t("up.not_set"),
        )
        currency = second[1].selectbox(
            t("up.currency"),
            currencies,
            index=currencies.index(campaign.currency) if campaign.currency else None,
            placeholder=t("up.not_set"),
            accept_new_options=True,
        )
        st.markdown(f"**{t('up.targets')}**")
        st.caption(say(TARGETS_HELP))
        edited = st.data_editor(
            targets_frame(campaign.targets, campaign.objective),
            num_rows="dynamic",
            hide_index=True,
            key=f"campaign.targets.{chosen}.{saves}",
            column_config={
                "metric": st.column_config.SelectboxColumn(
                    t("col_metric"),
                    options=metrics,
                    format_func=metric_label,
                    required=True,
                    width="large",
                ),
                "target": st.column_config.NumberColumn(t("up.target")),
            },
        )
        audience = target_audience_inputs(campaign)
        saved = st.form_submit_button(t("up.save"), type="primary")
    if saved_label:
        st.success(t("up.saved").format(label=md(saved_label)), icon=":material/check:")
    study_plans_block(chosen)
    if saved:
        targets, problems = targets_from_frame(edited)
        problems = check_settings(start, end, budget) + problems
        if problems:
            st.error(t("up.not_saved").format(problems=" ".join(map(say, problems))))
            return
        data.write(
            update_campaign,
            chosen,
            objective=objective,
            start_date=start,
            end_date=end,
            budget=budget,
            currency=normalise_currency(currency),
            targets=targets,
            target_audience=audience,
        )
        st.session_state[SAVES] = saves + 1
        st.session_state[SAVED] = campaign_label(campaign)
        st.rerun()


require_app()

st.title(t("up.title"))
st.caption(t("up.caption"))

files = st.file_uploader(
    # The drop zone's own "200MB per file" is Streamlit's English: the label says it in words.
    t("up.files", mb=settings.get_int("max_upload_mb")),
    accept_multiple_files=True,
    key="upload.files",
    max_upload_size=settings.get_int("max_upload_mb"),
    help=t("up.files_help"),
)
jobs = upload.jobs()
pending = [f for f in files if f.file_id not in jobs]
running = [f.file_id for f in files if f.file_id in jobs and not jobs[f.file_id].done]
finished = [f.file_id for f in files if f.file_id in jobs and jobs[f.file_id].done]

if pending:
    subheader(t("up.where"))
    peeks = {f.file_id: upload.peek(f.file_id, f) for f in pending}
    same = len(pending) == 1 or st.toggle(t("up.same"), value=True, key="upload.same")
    destinations: dict[str, upload.Destination] = {}
    if same:
        with st.container(border=True):
            for f in pending:
                describe_file(f, peeks[f.file_id])
            shared = pick_destination(
                "all",
                offer_as_file=all(p.has_campaign_column for p in peeks.values()),
                needs_account=any(p.names_no_account for p in peeks.values()),
                holds_posts=any(p.holds_posts for p in peeks.values()),
                paid_label=all(p.paid_label for p in peeks.values() if p.holds_posts),
                holds_survey=any(p.holds_survey for p in peeks.values()),
            )
        destinations = {f.file_id: shared for f in pending}
    else:
        for f in pending:
            with st.container(border=True):
                describe_file(f, peeks[f.file_id])
                peeked = peeks[f.file_id]
                destinations[f.file_id] = pick_destination(
                    f.file_id,
                    offer_as_file=peeked.has_campaign_column,
                    needs_account=peeked.names_no_account,
                    holds_posts=peeked.holds_posts,
                    paid_label=peeked.paid_label,
                    holds_survey=peeked.holds_survey,
                )
    resolved = {key: upload.resolve(d) for key, d in destinations.items()}
    missing = list(dict.fromkeys(m for r in resolved.values() for m in r.missing))
    for conflict in dict.fromkeys(c for r in resolved.values() for c in r.conflicts):
        st.warning(md(say(conflict)), icon=":material/warning:")
    count = len(pending)
    ready = all(r.ready for r in resolved.values())
    clicked = st.button(
        t("up.load_many").format(n=count) if count > 1 else t("up.load_one"),
        type="primary",
        disabled=not ready,
        icon=":material/upload:",
    )
    if missing:
        st.caption(t("up.to_load_steps").format(items=t("up.and").join(t(m) for m in missing)))
    if clicked and ready:
        upload.start([upload.upload_task(f, resolved[f.file_id]) for f in pending])
        st.rerun()

progress_area = st.container()

if finished:
    subheader(t("up.results"))
    for key in finished:
        result_card(key, jobs[key])

st.divider()
campaign_settings()

if running:
    with progress_area:
        subheader(t("up.loading"))
        upload.follow(running)
    for key in running:
        loaded = jobs[key].result
        if loaded is not None and loaded.campaign_ids:
            st.session_state[LAST_CAMPAIGN] = loaded.campaign_ids[0]
            st.session_state[PICK_NEXT] = loaded.campaign_ids[0]
    st.rerun()
