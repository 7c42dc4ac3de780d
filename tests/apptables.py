"""Tables as a page shows them to AppTest, with the "More columns" parts put back together.

A wide table is drawn as its first columns, then "More columns" tables each led by the same
first (key) column (``ui.tables.table``). ``merged_tables`` joins those parts again, so a test
reads one table with every column, as its CSV holds it.
"""

from __future__ import annotations

import pandas as pd


def _continues(table: pd.DataFrame, part: pd.DataFrame) -> bool:
    """Whether ``part`` is a "More columns" part of ``table``: same key column and rows, new
    columns only."""
    if table.empty or part.empty or len(part.columns) < 2 or len(part) != len(table):
        return False
    key = table.columns[0]
    return (
        part.columns[0] == key
        and not set(part.columns[1:]) & set(table.columns)
        and part[key].reset_index(drop=True).equals(table[key].reset_index(drop=True))
    )


def merged_tables(at) -> list[pd.DataFrame]:
    """Every table of the page, each with all its columns."""
    tables: list[pd.DataFrame] = []
    for element in at.dataframe:
        frame = element.value.reset_index(drop=True)
        if tables and _continues(tables[-1], frame):
            tables[-1] = pd.concat([tables[-1], frame.iloc[:, 1:]], axis=1)
        else:
            tables.append(frame)
    return tables
