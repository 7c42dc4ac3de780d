"""Client-ready exports: chart images through a local Chromium, and the view as a PDF report.

Pure Python: no Streamlit here. ``ui.export`` records what a page showed and calls these.
"""
