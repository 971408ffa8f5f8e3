"""Parse and lint speed: throughput on the corpora repeated to >= 2 MB, peak memory, and the
cold-start time of `zongjie outline` and `zongjie-lint` on the seed (fresh processes).

    python benchmarks/bench_parse.py [--size-mb 2.5] [--runs 5]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import tempfile
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import NamedTuple, Optional

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed" / "union-annual-summaries.txt"


def corpus_text(size_mb: float) -> str:
    """The plain-text corpora repeated to ``size_mb``, as one page of many summaries: each file
    gets a ``篇N`` title line, as pages that collect summaries have, so it stays its own
    document (simply gluing simplified and traditional files together would make one
    unrealistic mixed-script document)."""
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora").rglob("*.txt"))
             if not p.name.endswith(".gbk.txt")]
    size = sum(len(p.encode("utf-8")) for p in parts)
    copies = int(size_mb * 1e6 / size) + 1
    pieces = [f"【篇{n}】\n{part}" for n, part in enumerate(parts * copies, 1)]
    return "\n\n".join(pieces)


def parse_text(text: str):
    """Parse a str as the command line parses a file (no path, no encoding guess)."""
    from zongjie_nlp.parser import parse_source
    from zongjie_nlp.source import Source

    return parse_source(Source(text=text, path=None, encoding="str"))


def lint_text(text: str):
    """Parse and lint a str with the default configuration."""
    from zongjie_nlp.linter import lint_report

    return lint_report(parse_text(text))


def throughput(label: str, func, text: str, runs: int = 3) -> None:
    mb = len(text.encode("utf-8")) / 1e6
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func(text)
        times.append(time.perf_counter() - start)
    best = min(times)
    print(f"{label:<28} {mb:6.2f} MB  best {best:6.2f} s  {mb / best:6.2f} MB/s")


def peak_memory(func, text: str) -> float:
    tracemalloc.start()
    func(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def cold_start(args: list[str], runs: int) -> float:
    """Median wall time of a fresh process running ``args``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# Runs ``zongjie-lint`` in a fresh interpreter and reports the process's own peak resident
# memory (VmHWM: the high-water mark of this process image, which a fork from a big benchmark
# process does not inflate, unlike the children's ru_maxrss) and its workers' largest.
_LINT_WRAPPER = """
import atexit, resource, sys
def _peak():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    sys.stderr.write("PEAK_KB " + line.split()[1] + "\\n")
    except OSError:
        pass
    sys.stderr.write("WORKER_KB %d\\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
atexit.register(_peak)
sys.argv = ["zongjie-lint", *sys.argv[1:]]
from zongjie_nlp.cli import lint_main
lint_main()
"""


class LintRun(NamedTuple):
    """One whole ``zongjie-lint`` process, as :func:`lint_process` measured it."""

    wall: float  # seconds
    peak: Optional[float]  # peak resident memory of the process, MB (None where /proc is absent)
    worker: Optional[float]  # of its largest worker, MB (None: no worker)
    cpu: float  # CPU seconds (user + system) of the process and its workers


def lint_process(args: list[str]) -> LintRun:
    """One ``zongjie-lint *args`` process: wall time, peak memory, and CPU time of the process
    with its workers (a process's CPU time includes its children's once they were waited for, as
    the pool's workers are): throughput per CPU-second, whatever the number of CPUs."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _LINT_WRAPPER, *args], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    found = {line.split()[0]: int(line.split()[1]) / 1024 for line in done.stderr.splitlines()
             if line.startswith(("PEAK_KB ", "WORKER_KB "))}
    return LintRun(wall, found.get("PEAK_KB"), found.get("WORKER_KB") or None, cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mb", type=float, default=2.5)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    import zongjie_nlp

    parse, lint = parse_text, lint_text
    parse("预热：加载规则和转换表。")
    lint("预热：加载规则和转换表。")
    text = corpus_text(options.size_mb)
    throughput("parse", parse, text)
    throughput("parse + lint", lint, text, runs=1)
    small = text[:1_000_000]
    print(f"peak memory, parse 1 MB        {peak_memory(parse, small):7.1f} MB (tracemalloc)")
    print(f"peak memory, parse {len(text.encode()) / 1e6:.1f} MB      {peak_memory(parse, text):7.1f} MB")

    exe = shutil.which("zongjie") or str(Path(sys.executable).with_name("zongjie"))
    lint_exe = shutil.which("zongjie-lint") or str(Path(sys.executable).with_name("zongjie-lint"))
    outline_s = cold_start([exe, "outline", str(SEED)], options.runs)
    lint_s = cold_start([lint_exe, str(SEED)], options.runs)
    print(f"cold start `zongjie outline seed`   median {outline_s:.3f} s over {options.runs} runs")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "seed-repeated.txt"
        seed = SEED.read_text(encoding="utf-8")
        copies = int(options.size_mb * 1e6 / len(seed.encode("utf-8"))) + 1
        big.write_text("\n\n".join([seed] * copies), encoding="utf-8")
        mb = big.stat().st_size / 1e6
        wall = min(cold_start([lint_exe, str(big)], 1) for _ in range(3))
        print(f"`zongjie-lint` on the seed repeated to {mb:.2f} MB: {wall:.2f} s wall, {mb / wall:.2f} MB/s "
              "(whole process, start-up included)")
    print(f"cold start `zongjie-lint seed`      median {lint_s:.3f} s over {options.runs} runs")
    print(f"zongjie_nlp {zongjie_nlp.__version__}, Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
