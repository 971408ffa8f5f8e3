"""Fuzz parse + check + fix with mutated corpus texts, in several processes.

    python benchmarks/fuzz.py [N] [--jobs J] [--seed S] [--max-len L]   # default 100000 inputs, 2 processes

Prints the number of inputs, exceptions by type (with the seed that reproduces the first of each:
``tests.mutate.mutate(random.Random(seed), …)``), the inputs that took over 1 s, and throughput.
Exit status 1 when any input raised or took over 1 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SLOW = 1.0  # seconds


def _init(max_len: int) -> None:
    global TEXTS, MAX_LEN
    from tests.mutate import corpus_texts

    TEXTS, MAX_LEN = corpus_texts(), max_len
    import zongjie_nlp

    zongjie_nlp.check("预热。")  # load the rules once per process


def _one(seed: int) -> tuple[int, float, str, str]:
    from tests.mutate import mutate
    import zongjie_nlp
    from zongjie_nlp.linter import apply_edits, fix_edits

    rng = random.Random(seed)
    text = mutate(rng, rng.choice(TEXTS), MAX_LEN)
    began = time.perf_counter()
    try:
        report = zongjie_nlp.parse(text)
        findings = zongjie_nlp.check(report)
        apply_edits(report.text, fix_edits(findings, unsafe=True))
        error, where = "", ""
    except Exception as err:  # noqa: BLE001 - counting is the point
        error = type(err).__name__
        where = traceback.extract_tb(err.__traceback__)[-1]
        where = f"{Path(where.filename).name}:{where.lineno}"
    return seed, time.perf_counter() - began, error, where


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-len", type=int, default=800, help="window of a corpus text before mutation")
    args = parser.parse_args()
    began = time.perf_counter()
    errors: Counter = Counter()
    first: dict[tuple[str, str], int] = {}
    slow: list[tuple[int, float]] = []
    done = 0
    with Pool(args.jobs, initializer=_init, initargs=(args.max_len,)) as pool:
        for seed, seconds, error, where in pool.imap_unordered(_one, range(args.seed, args.seed + args.n), chunksize=64):
            done += 1
            if error:
                errors[(error, where)] += 1
                first.setdefault((error, where), seed)
            if seconds > SLOW:
                slow.append((seed, seconds))
                print(f"  slow: seed {seed} {seconds:.2f} s", flush=True)
            if done % 100_000 == 0:
                print(f"  {done} inputs, {sum(errors.values())} exceptions, {len(slow)} over {SLOW:g} s", flush=True)
    wall = time.perf_counter() - began
    print(f"{done} inputs in {wall:.0f} s ({done / wall:.0f}/s, {args.jobs} processes): "
          f"{sum(errors.values())} exceptions, {len(slow)} over {SLOW:g} s")
    for (error, where), count in errors.most_common():
        print(f"  {count:7d} {error} at {where} (first seed {first[(error, where)]})")
    for seed, seconds in sorted(slow, key=lambda s: -s[1])[:10]:
        print(f"  slow: seed {seed} {seconds:.2f} s")
    return 1 if errors or slow else 0


if __name__ == "__main__":
    sys.exit(main())
