"""Bundled demo data: realistic exports with planted, known effects, and the code that loads them.

``python -m sample_data.generate`` writes ``files/``, ``manifest.json`` and ``ground_truth.json``;
``sample_data.loader.load_demo`` loads them through the real ingest (``sillage demo``).
"""

from __future__ import annotations

from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parent
MANIFEST_PATH = SAMPLE_DIR / "manifest.json"
GROUND_TRUTH_PATH = SAMPLE_DIR / "ground_truth.json"
