"""Tables as sent to the browser: converted once per distinct content, missing text blank."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from ui.tables import content_key, shown


def frame(**changes) -> pd.DataFrame:
    columns = {"creator": ["@a", None, "@c"], "posts": [3, 1, 2], "rate": [0.1, None, 0.25]}
    columns.update(changes)
    return pd.DataFrame(columns)


def test_the_same_content_is_converted_once_and_shared():
    first, again = shown(frame()), shown(frame())
    assert isinstance(first, pa.Table)
    assert again is first
    assert first.column("creator").to_pylist() == ["@a", "", "@c"]  # blank, not "None"
    assert first.column("rate").to_pylist()[1] is None  # numbers stay missing


def test_any_changed_cell_name_or_type_gives_another_table():
    base = content_key(frame())
    assert content_key(frame(posts=[3, 1, 4])) != base
    assert content_key(frame(creator=["@a", None, "@d"])) != base
    assert content_key(frame().rename(columns={"posts": "videos"})) != base
    assert content_key(frame(posts=[3.0, 1.0, 2.0])) != base
    assert shown(frame(posts=[3, 1, 4])).column("posts").to_pylist() == [3, 1, 4]


def test_a_frame_arrow_or_pickle_cannot_take_goes_to_streamlit_unchanged():
    mixed = pd.DataFrame({"value": [{"a": 1}, "text"]})  # Streamlit fixes such columns itself
    assert isinstance(shown(mixed), pd.DataFrame)
    unpicklable = pd.DataFrame({"value": [lambda: 1, "text"]})
    assert content_key(unpicklable) is None
    assert isinstance(shown(unpicklable), pd.DataFrame)


def test_numbers_held_as_objects_stay_numbers_with_their_gaps():
    """A slope column of floats and None is not text: it reaches Arrow as numbers."""
    table = shown(
        pd.DataFrame({"creator": ["@a", None], "slope": pd.Series([0.5, None], dtype=object)})
    )
    assert isinstance(table, pa.Table)
    assert table.column("slope").to_pylist() == [0.5, None]
    assert table.column("creator").to_pylist() == ["@a", ""]


def test_a_wide_table_is_split_into_parts_led_by_its_key_column():
    from ui.tables import TABLE_WIDTH_PX, column_groups, column_widths

    assert column_groups({"creator": 100, "b": 400, "c": 300, "d": 200, "e": 700}) == [
        ["creator", "b", "c"],  # 800 px; d would make 1,000
        ["creator", "d"],  # the key column again, then what fits
        ["creator", "e"],  # a column wider than what is left still gets a part of its own
    ]
    assert column_groups({"a": 100, "b": 200}) == [["a", "b"]]
    wide = pd.DataFrame(
        {"creator": ["@a"], "n": [3], **{f"metric {i}": [0.125] for i in range(12)}}
    )
    widths = column_widths(wide, {"metric 0": None})  # a hidden column takes no room
    assert "metric 0" not in widths
    assert widths["n"] == 64  # the narrowest column
    assert widths["creator"] == int(len("creator") * 1.1 * 7.4 + 28)
    assert widths["metric 1"] == int(len("metric 1") * 1.1 * 7.4 + 28)  # header wider than cells
    assert all(sum(widths[c] for c in part) <= TABLE_WIDTH_PX for part in column_groups(widths))


def test_a_number_column_with_nothing_exported_shows_blank_cells_not_none():
    import streamlit as st

    from ui.tables import without_gaps

    frame = pd.DataFrame({"creator": ["@a", "@b"], "engagements": [None, None]})
    config = {"engagements": st.column_config.NumberColumn("Engagements", format="localized")}
    shown, shown_config = without_gaps(frame, config)
    assert shown["engagements"].tolist() == ["", ""]
    assert shown_config["engagements"]["type_config"] == {"type": "text"}
    assert shown_config["engagements"]["label"] == "Engagements"


def test_a_header_too_long_for_its_column_is_whole_in_its_tooltip():
    from ui.tables import _with_widths, column_widths

    long_label = "Cost per 1,000 views against the median of peers of the same tier and platform"
    frame = pd.DataFrame({"cpv": [1.5], "handle": ["ana"]})
    config = {"cpv": {"label": long_label, "help": "Fee / views × 1,000."}, "handle": "Creator"}
    widths = column_widths(frame, config)
    assert widths["cpv"] == 320  # the widest a column gets: the header is cut with "…"
    fitted = _with_widths(config, widths, ["cpv", "handle"])
    assert fitted["cpv"]["help"] == f"{long_label} — Fee / views × 1,000."
    assert fitted["cpv"]["width"] == 320
    assert "help" not in fitted["handle"]  # "Creator" fits its column: no tooltip added
