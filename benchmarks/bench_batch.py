"""Batch linting: `zongjie-lint --jobs 1` vs `--jobs 2` on N copies of the seed (wall time,
same output).

    python benchmarks/bench_batch.py [--copies 200] [--runs 2]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed" / "union-annual-summaries.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--runs", type=int, default=2)
    options = parser.parse_args()
    exe = shutil.which("zongjie-lint") or str(Path(sys.executable).with_name("zongjie-lint"))
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(options.copies):
            shutil.copy(SEED, Path(tmp) / f"seed-{i:03d}.txt")
        outputs, best = {}, {}
        for jobs in (1, 2):
            times = []
            for _ in range(options.runs):
                start = time.perf_counter()
                result = subprocess.run([exe, tmp, "--jobs", str(jobs), "--format", "json"], capture_output=True)
                times.append(time.perf_counter() - start)
            outputs[jobs], best[jobs] = result.stdout, min(times)
            print(f"--jobs {jobs}: {best[jobs]:.2f} s for {options.copies} files (best of {options.runs})")
        print(f"same output: {outputs[1] == outputs[2]}; speed-up {best[1] / best[2]:.2f}x")


if __name__ == "__main__":
    main()
