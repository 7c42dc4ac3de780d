"""Macro-F1 of the sentiment scorers on held-apart public test sets and on the in-house set.

    .venv/bin/python scripts/eval_sentiment.py [--mirrors DIR] [--errors N] [--json]

Public sets: the test splits of the XLM-T benchmark (Barbieri, Espinosa Anke & Camacho-Collados
2022), French tweets (DEFT 2017) and English tweets (SemEval-2017), three classes, read from a
clone of cardiffnlp/xlm-t at the commit in ``scripts/train_sentiment.py``. They are never read
by the training script (and any training text equal to a test text is dropped there), so they
took no part in training or in choosing anything. In-house: ``tests/data/sentiment_eval.csv``,
written for this project (``docs/sentiment.md``).

For each set and scorer: n, macro-F1 (unweighted mean of the per-class F1, Sokolova & Lapalme
2009) with a 95 % percentile bootstrap interval (Efron & Tibshirani 1993; 2,000 resamples of
the texts, fixed seed), accuracy, and throughput in texts per second (scoring only, one call
for the whole set, this machine as it is).
"""

from __future__ import annotations

import argparse
import csv
import json
import shlex
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_sentiment  # noqa: E402

from metrics import sentiment  # noqa: E402

EVAL = ROOT / "tests" / "data" / "sentiment_eval.csv"
RESAMPLES = 2000
SEED = 20261206


def read_rows(path: Path = EVAL) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def per_class_f1(gold: list[str], predicted: list[str]) -> dict[str, float]:
    scores = {}
    for label in sentiment.LABELS:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return scores


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    """Unweighted mean of the three per-class F1 scores."""
    scores = per_class_f1(gold, predicted)
    return sum(scores.values()) / len(scores)


def accuracy(gold: list[str], predicted: list[str]) -> float:
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold) if gold else 0.0


def bootstrap_interval(
    gold: list[str], predicted: list[str], resamples: int = RESAMPLES, seed: int = SEED
) -> tuple[float, float]:
    """95 % percentile bootstrap interval of macro-F1: texts resampled with replacement."""
    index = {label: i for i, label in enumerate(sentiment.LABELS)}
    g = np.array([index[x] for x in gold])
    p = np.array([index[x] for x in predicted])
    rng = np.random.default_rng(seed)
    values = np.empty(resamples)
    for r in range(resamples):
        pick = rng.integers(0, len(g), len(g))
        gg, pp = g[pick], p[pick]
        f1 = []
        for c in range(3):
            tp = np.sum((gg == c) & (pp == c))
            fp = np.sum((gg != c) & (pp == c))
            fn = np.sum((gg == c) & (pp != c))
            f1.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
        values[r] = np.mean(f1)
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


def evaluate(texts: list[str], languages: list[str], gold: list[str], method: str) -> dict:
    """Score the texts (languages given as hints, as an export's column would be)."""
    started = time.perf_counter()
    scores = sentiment.score_comments(texts, languages, method=method)
    elapsed = time.perf_counter() - started
    predicted = [score.label for score in scores]
    low, high = bootstrap_interval(gold, predicted)
    return {
        "method": method,
        "n": len(texts),
        "macro_f1": round(macro_f1(gold, predicted), 3),
        "ci": [round(low, 3), round(high, 3)],
        "accuracy": round(accuracy(gold, predicted), 3),
        "f1": {k: round(v, 3) for k, v in per_class_f1(gold, predicted).items()},
        "texts_per_second": round(len(texts) / elapsed) if elapsed else None,
        "errors": [
            {"gold": g, "predicted": p, "text": t}
            for t, g, p in zip(texts, gold, predicted, strict=True)
            if g != p
        ],
    }


def test_sets(mirrors: Path) -> list[tuple[str, str, list[str], list[str]]]:
    """``(set name, language, texts, gold labels)`` for every evaluation set."""
    sets = []
    for name, rows in train_sentiment.load_test(mirrors).items():
        language = rows[0]["language"]
        sets.append(
            (
                f"{name} test (tweets)",
                language,
                [row["text"] for row in rows],
                [sentiment.LABELS[row["y"]] for row in rows],
            )
        )
    in_house = read_rows()
    for language in sentiment.LANGUAGES:
        part = [row for row in in_house if row["language"] == language]
        sets.append(
            (
                "in-house eval (written here)",
                language,
                [row["text"] for row in part],
                [row["label"] for row in part],
            )
        )
    return sets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=train_sentiment.DEFAULT_MIRRORS)
    parser.add_argument("--errors", type=int, default=0, help="list N misses per set and scorer")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    methods = ["model", "lexicon"] if sentiment.model_available() else ["lexicon"]
    sentiment.score_comments(["warm-up"], ["en"], method=methods[0])
    results = []
    for name, language, texts, gold in test_sets(args.mirrors):
        for method in methods:
            report = evaluate(texts, [language] * len(texts), gold, method)
            report.update(set=name, language=language)
            results.append(report)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    print("$ " + shlex.join([Path(sys.executable).name, *sys.argv]))
    head = sentiment.load_head()
    print(
        f"model: {head.meta['version'] if head else 'missing'}; lexicon: "
        f"{sentiment.LEXICON_VERSION}; 3 classes; 95 % bootstrap intervals ({RESAMPLES} resamples)"
    )
    print()
    print("| set | lang | scorer | n | macro-F1 [95 % CI] | accuracy | texts/s |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['set']} | {r['language']} | {r['method']} | {r['n']} | "
            f"{r['macro_f1']:.3f} [{r['ci'][0]:.3f}, {r['ci'][1]:.3f}] | {r['accuracy']:.3f} | "
            f"{r['texts_per_second']:,} |"
        )
    if args.errors:
        for r in results:
            print(f"\n{r['set']} {r['language']} {r['method']}: first {args.errors} misses")
            for error in r["errors"][: args.errors]:
                print(f"  gold={error['gold'][:3]} got={error['predicted'][:3]}  {error['text']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
