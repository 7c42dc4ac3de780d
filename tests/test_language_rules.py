"""Languages differ in the catalogue and in i18n/locale.py's rules, never in a branch elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

from i18n import locale

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("app.py", "cli.py", "settings.py", "access", "charts", "export", "i18n", "ingest",
           "metrics", "pages", "sample_data", "store", "ui")  # fmt: skip

# Anything compared with a language code, or a code chosen by a condition: the interface
# language, a comment's language, an export's locale alike (each is a table entry instead).
BRANCH = re.compile(r"[!=]=\s*[\"'](?:en|fr|xx)[\"']|[\"'](?:en|fr)[\"']\s+if\b")


def test_the_grid_keeps_typed_columns_only_where_it_writes_as_the_language_does():
    assert locale.written_like_the_grid("en")
    assert not locale.written_like_the_grid("fr")  # 1 234,5 and 28/09/2026
    assert not locale.written_like_the_grid("xx")  # the pseudo-language's own separators


def test_the_pattern_sees_a_branch():
    assert BRANCH.search('label = grade.label_fr if language() == "fr" else grade.label_en')
    assert BRANCH.search('if lang != "en":')
    assert BRANCH.search('("en" if own == "fr" else "fr")')
    assert BRANCH.search('day_first=detection.locale == "fr"')
    assert BRANCH.search('locale = "fr" if fr_hits > en_hits else "en"')
    assert not BRANCH.search('labels = QUESTION_LABELS["fr"]')


def test_no_language_branch_outside_the_locale():
    found = []
    for name in PRODUCT:
        path = ROOT / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            if file == ROOT / "i18n" / "locale.py":
                continue
            for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
                if BRANCH.search(line):
                    found.append(f"{file.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == [], "\n".join(found)
