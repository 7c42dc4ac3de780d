"""The word catalogues: every key in every language, the same fields, and messages that render."""

from __future__ import annotations

import pickle
import re
import string
from pathlib import Path

import pytest

from i18n import catalogue
from i18n.messages import Message, join

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    path
    for folder in (
        "app.py",
        "pages",
        "ui",
        "charts",
        "metrics",
        "ingest",
        "export",
        "access",
        "store",
        "cli.py",
    )
    for path in (
        [ROOT / folder] if folder.endswith(".py") else sorted((ROOT / folder).rglob("*.py"))
    )
]
# t("key"), Message("key", …), text("key", …): a literal catalogue key in the code.
KEY_USE = re.compile(r"""\b(?:t|Message|catalogue\.text)\(\s*["']([a-z][\w.]*)["']""")


def fields(value: object) -> set[str]:
    """The fields a text fills; an amount written as money also reads the ``currency`` field."""
    texts = value.values() if isinstance(value, dict) else [value]
    parsed = [part for text in texts for part in string.Formatter().parse(text) if part[1]]
    names = {name.split(".")[0].split("[")[0] for _, name, _, _ in parsed}
    return names | (
        {"currency"} if any((spec or "").startswith("money") for *_, spec, _ in parsed) else set()
    )


@pytest.mark.parametrize("lang", catalogue.LANGUAGES)
def test_every_key_is_in_every_language(lang: str) -> None:
    keys = set(catalogue.entries(lang))
    every = set().union(*(catalogue.entries(other) for other in catalogue.LANGUAGES))
    assert sorted(every - keys) == []


def test_every_translation_fills_the_same_fields_as_english() -> None:
    english = catalogue.entries("en")
    for lang in catalogue.LANGUAGES:
        for key, value in catalogue.entries(lang).items():
            assert fields(value) == fields(english[key]), (lang, key)


def test_every_key_the_code_asks_for_is_in_the_catalogue() -> None:
    missing = {
        f"{path.relative_to(ROOT)}: {key}"
        for path in SOURCES
        for key in KEY_USE.findall(path.read_text(encoding="utf-8"))
        if not catalogue.has(key)
    }
    assert sorted(missing) == []


def test_the_pseudo_language_marks_every_word_and_writes_numbers_its_own_way() -> None:
    assert catalogue.text("export.page", "xx", page=1200, pages=3) == "⟦Page 1_200 of 3⟧"
    assert all(
        text.startswith(catalogue.OPEN_MARK)
        for value in catalogue.entries("xx").values()
        for text in (value.values() if isinstance(value, dict) else [value])  # plural forms
    )


def test_a_message_is_its_english_sentence_and_renders_in_french() -> None:
    message = Message("export.page", page=1200, pages=3)
    assert message == "Page 1,200 of 3"
    assert message.render("fr") == "Page 1\u202f200 sur 3"
    restored = pickle.loads(pickle.dumps(message))
    assert restored.render("fr") == "Page 1\u202f200 sur 3" and restored.code == "export.page"


def test_joined_messages_render_part_by_part() -> None:
    joined = join([Message("export.page", page=1, pages=2), "", "kept as written"])
    assert joined == "Page 1 of 2; kept as written"
    assert joined.render("fr") == "Page 1 sur 2 ; kept as written"
    assert pickle.loads(pickle.dumps(joined)).render("fr") == joined.render("fr")


def test_field_kinds_are_written_by_the_locale() -> None:
    values = {"share": 0.1234, "lift": -0.05, "cost": 1234.5, "currency": "EUR", "n": 12345}
    pattern = "{share:percent1} {lift:points1} {cost:money} {n:count}"
    assert catalogue.fill(pattern, "en", values) == "12.3% −5.0 pts €1,234.50 12,345"
    assert catalogue.fill(pattern, "fr", values) == (
        "12,3\u00a0% −5,0 pts 1\u202f234,50\u00a0€ 12\u202f345"
    )


def test_plural_forms_follow_the_language_rule() -> None:
    entry = {"one": "{n:count} ligne", "other": "{n:count} lignes"}
    catalogue.entries("fr")["test.rows"] = entry
    catalogue.entries("en")["test.rows"] = {"one": "{n:count} row", "other": "{n:count} rows"}
    try:
        assert catalogue.text("test.rows", "fr", n=0) == "0 ligne"  # French: 0 is singular
        assert catalogue.text("test.rows", "en", n=0) == "0 rows"
        assert catalogue.text("test.rows", "fr", n=2) == "2 lignes"
    finally:
        del catalogue.entries("fr")["test.rows"], catalogue.entries("en")["test.rows"]


def test_every_catalogue_language_has_its_locale_rules_and_its_own_name() -> None:
    from i18n import locale

    assert catalogue.LANGUAGES[0] == "en" and set(catalogue.LANGUAGES) <= set(locale.LOCALES)
    names = [catalogue.template("language_name", code) for code in catalogue.LANGUAGES]
    assert names == ["English", "Français"]
