"""Metric families computed in DuckDB: one module per family, pure functions over a connection.

No module here imports Streamlit: pages call these functions and draw what they return.
"""
