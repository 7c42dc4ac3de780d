"""Throughput and peak memory of the sentiment scorers, and of storing scores in DuckDB.

    .venv/bin/python scripts/bench_sentiment.py [--n 20000] [--method model|lexicon|both]

Each measurement runs in a fresh Python process so that its peak resident memory (``ru_maxrss``)
is its own: import and load the scorer, score ``--n`` comments in one call (texts/s), then store
scores for ``--n`` comments in a new DuckDB file with ``score_missing_comments`` (comments/s,
batches of 512, one transaction each). The comments are the in-house evaluation texts repeated
with a counter appended, so that no two are equal. The machine's load average is printed beside
the figures: other work on the same cores slows every figure down.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _texts(n: int) -> list[tuple[str, str]]:
    import csv

    with (ROOT / "tests" / "data" / "sentiment_eval.csv").open(encoding="utf-8") as handle:
        rows = [(row["text"], row["language"]) for row in csv.DictReader(handle)]
    return [(f"{rows[i % len(rows)][0]} #{i}", rows[i % len(rows)][1]) for i in range(n)]


def child(method: str, n: int) -> dict:
    """One measurement (run inside the fresh process)."""
    sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    from metrics import sentiment
    from store.db import connect

    sentiment.score_comments(["warm up"], ["en"], method=method)
    loaded = time.perf_counter() - started
    items = _texts(n)
    texts, languages = [t for t, _ in items], [lang for _, lang in items]
    started = time.perf_counter()
    sentiment.score_comments(texts, languages, method=method)
    scoring = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        with connect(Path(folder) / "bench.duckdb") as connection:
            connection.executemany(
                "INSERT INTO comments (comment_id, post_id, text, language) VALUES (?, 'p', ?, ?)",
                [(f"c{i:07d}", t, lang) for i, (t, lang) in enumerate(items)],
            )
            started = time.perf_counter()
            stored = sentiment.score_missing_comments(connection, method=method)
            storing = time.perf_counter() - started
            again = time.perf_counter()
            rescored = sentiment.score_missing_comments(connection, method=method)
            second = time.perf_counter() - again
    return {
        "method": method,
        "n": n,
        "load_seconds": round(loaded, 2),
        "texts_per_second": round(n / scoring),
        "stored": stored,
        "stored_per_second": round(stored / storing),
        "second_pass_rescored": rescored,
        "second_pass_seconds": round(second, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--method", choices=("model", "lexicon", "both"), default="both")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.n)))
        return 0
    print("$ " + shlex.join([Path(sys.executable).name, *sys.argv]))
    print(f"cores: {os.cpu_count()}; load average before: {os.getloadavg()[0]:.2f}")
    methods = ("model", "lexicon") if args.method == "both" else (args.method,)
    print("| scorer | n | load s | texts/s (score only) | stored/s (score + DuckDB) | "
          "second pass | peak RSS MB |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for method in methods:
        output = subprocess.run(
            [sys.executable, __file__, "--child", method, "--n", str(args.n)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(output.strip().splitlines()[-1])
        print(
            f"| {r['method']} | {r['n']:,} | {r['load_seconds']} | {r['texts_per_second']:,} | "
            f"{r['stored_per_second']:,} | {r['second_pass_rescored']} rescored in "
            f"{r['second_pass_seconds']} s | {r['peak_rss_mb']} |"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
