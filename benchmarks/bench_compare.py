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
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed" / "union-annual-summaries.txt"
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_parse import cold_start, corpus_text, lint_text, parse_text  # noqa: E402  (the same page as bench_parse.py)


def best_of(func: Callable[[str], object], text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func(text)
        times.append(time.perf_counter() - start)
    return min(times)


# Runs ``zongjie-lint`` in a fresh interpreter and reports the process's own peak resident
# memory (VmHWM: the high-water mark of this process image, which a fork from this big benchmark
# process does not inflate, unlike the children's ru_maxrss).
_PEAK_WRAPPER = """
import atexit, sys
def _peak():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    sys.stderr.write("PEAK_KB " + line.split()[1] + "\\n")
    except OSError:
        pass
atexit.register(_peak)
sys.argv = ["zongjie-lint", *sys.argv[1:]]
from zongjie_nlp.cli import lint_main
lint_main()
"""


def peak_memory_mb(lint_args: list[str]) -> Optional[float]:
    """Peak resident memory of ``zongjie-lint *lint_args`` in MB (None where /proc is absent)."""
    done = subprocess.run([sys.executable, "-c", _PEAK_WRAPPER, *lint_args], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    kb = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("PEAK_KB ")]
    return int(kb[-1]) / 1024 if kb else None


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=2.6)
    parser.add_argument("--runs", type=int, default=5)
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

    print(f"\nwhole processes (median of {options.runs}; peak resident memory):")
    lint_exe = shutil.which("zongjie-lint") or str(Path(sys.executable).with_name("zongjie-lint"))
    baseline = cold_start([sys.executable, "-c", "import regex, click"], options.runs)
    cold = cold_start([lint_exe, str(SEED)], options.runs)
    label = "python -c 'import regex, click'"
    print(f"{label:<34} {baseline:8.3f} s")
    print(f"{'zongjie-lint seed (cold start)':<34} {cold:8.3f} s  {cold / baseline:5.2f}× the imports  "
          f"peak {_mb(peak_memory_mb([str(SEED)]))}")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "page.txt"
        big.write_text(page, encoding="utf-8")
        wall = cold_start([lint_exe, str(big)], min(options.runs, 3))
        print(f"{'zongjie-lint page':<34} {wall:8.3f} s {mb / wall:8.2f} MB/s  peak {_mb(peak_memory_mb([str(big)]))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
