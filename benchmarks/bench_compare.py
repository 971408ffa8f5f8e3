"""Speed side by side, in one run: our parse and lint throughput, cold start and peak memory,
and the same inputs through other tools for Chinese text where they are installed, as ratios.

    python benchmarks/bench_compare.py [--size-mb 2.6] [--runs 5]

The other tools are optional extras of this benchmark, never dependencies of the package:

    pip install -r benchmarks/requirements-compare.txt    # cn2an, JioNLP, autocorrect-py

- JioNLP ``ner.extract_money``: money amounts in running text (what our quantity reader does
  for money, among counts, percentages and points);
- cn2an ``transform(…, "cn2an")``: Chinese numerals in running text to digits (our numeral reader
  reads them without rewriting the text);
- autocorrect ``format``: spacing and punctuation between CJK and Latin (a formatter: it fixes
  a few kinds of problem and checks nothing else).

Each reads the whole input line by line where it is built for sentences (JioNLP, cn2an), the
whole text otherwise.  A ratio above 1 means the other tool is faster than our full lint.

Then whole ``zongjie-lint`` processes, start-up included: the cold start on the sample page
beside ``python -c 'import regex, click'``; throughput on the sample page repeated, a long report
repeated ten times and the corpora page (``--size-mb`` each), in one process (``-j 1``) and on
every CPU (``-j 0``, the default); and the peak memory on a corpora page of ``--memory-mb``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_parse import SEED, cold_start, corpus_text, lint_process, lint_text, parse_text  # noqa: E402
from bench_scaling import report  # noqa: E402  (one long report, as bench_scaling.py builds it)


def seed_page(size_mb: float) -> str:
    """The sample page repeated to ``size_mb``."""
    seed = SEED.read_text(encoding="utf-8")
    return "\n\n".join([seed] * (int(size_mb * 1e6 / len(seed.encode("utf-8"))) + 1))


def best_of(func: Callable[[str], object], text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func(text)
        times.append(time.perf_counter() - start)
    return min(times)


def peers() -> dict[str, Callable[[str], object]]:
    """The other tools that are installed, each as a function over the whole input."""
    found: dict[str, Callable[[str], object]] = {}
    try:
        import jionlp

        found["JioNLP extract_money"] = lambda text: [jionlp.ner.extract_money(line) for line in text.splitlines() if line]
    except ImportError:
        pass
    try:
        import warnings

        import cn2an

        warnings.filterwarnings("ignore", module="cn2an")  # it warns on every word it cannot read (十四五)

        found["cn2an transform"] = lambda text: [cn2an.transform(line, "cn2an") for line in text.splitlines() if line]
    except ImportError:
        pass
    try:
        import autocorrect_py

        found["autocorrect format"] = autocorrect_py.format
    except ImportError:
        pass
    return found


def _mb(value: Optional[float]) -> str:
    return "n/a" if value is None else f"{value:.1f} MB"


def _row(label: str, mb: float, seconds: float, ours: Optional[float] = None) -> None:
    ratio = f"{(mb / seconds) / ours:8.2f}×" if ours else ""
    print(f"{label:<34} {seconds:8.3f} s {mb / seconds:8.2f} MB/s {ratio}")


def _process_row(label: str, path: Path, jobs: str, runs: int) -> None:
    """``zongjie-lint -j JOBS PATH`` as whole processes: the fastest of ``runs``, with its CPU
    time (the process and its workers) as megabytes per CPU-second."""
    size = path.stat().st_size / 1e6
    run = min((lint_process(["-j", jobs, str(path)]) for _ in range(runs)), key=lambda measured: measured.wall)
    print(f"{label:<40} {run.wall:7.2f} s {size / run.wall:6.2f} MB/s  CPU {run.cpu:6.2f} s "
          f"{size / run.cpu:5.2f} MB/CPU-s  peak {_mb(run.peak)}" + (f", worker {_mb(run.worker)}" if run.worker else ""),
          flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=2.6)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--memory-mb", type=float, default=19.5,
                        help="also lint a corpora page of this size (peak memory; 0: skip; at most 20, "
                             "the default size limit of an input)")
    options = parser.parse_args()

    parse, lint = parse_text, lint_text
    lint("预热：加载规则和转换表。")
    page = corpus_text(options.size_mb)
    mb = len(page.encode("utf-8")) / 1e6
    print(f"input: the corpora as one page, {mb:.2f} MB; best of {min(options.runs, 3)} runs in process")
    parse_s = best_of(parse, page, min(options.runs, 3))
    lint_s = best_of(lint, page, min(options.runs, 3))
    ours = mb / lint_s
    _row("zongjie parse", mb, parse_s)
    _row("zongjie parse + lint", mb, lint_s, ours)
    for label, func in peers().items():
        func("预热：全年拨付资金一千二百万元。")
        _row(label, mb, best_of(func, page, min(options.runs, 3)), ours)

    print(f"\ncold start (median of {options.runs} processes):")
    lint_exe = shutil.which("zongjie-lint") or str(Path(sys.executable).with_name("zongjie-lint"))
    baseline = cold_start([sys.executable, "-c", "import regex, click"], options.runs)
    cold = cold_start([lint_exe, str(SEED)], options.runs)
    label = "python -c 'import regex, click'"
    print(f"{label:<34} {baseline:8.3f} s")
    print(f"{'zongjie-lint seed':<34} {cold:8.3f} s  {cold / baseline:5.2f}× the imports")

    print("\nwhole processes, start-up included (best of 3; CPU time of the process and its workers; "
          "peak resident memory of the process, and of its largest worker):")
    inputs = {
        "seed page repeated": seed_page(options.size_mb),
        "long report, ten times": "\n\n".join([report(options.size_mb / 10)] * 10),
        "corpora page": page,
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in inputs.items():
            path = Path(tmp) / "input.txt"
            path.write_text(text, encoding="utf-8")
            size = path.stat().st_size / 1e6
            for jobs in ("1", "0"):
                _process_row(f"{name} {size:.1f} MB -j {jobs}", path, jobs, runs=3)
        if options.memory_mb:
            path = Path(tmp) / "large.txt"
            path.write_text(corpus_text(options.memory_mb), encoding="utf-8")
            for jobs in ("1", "0"):
                _process_row(f"corpora page {path.stat().st_size / 1e6:.1f} MB -j {jobs}", path, jobs, runs=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
