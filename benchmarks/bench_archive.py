"""``zongjie archive`` throughput and the driver's memory: files/s and MB/s on a local Dask
cluster of 1 and 2 workers, and the peak RSS of the driver process as the archive grows (it
should stay flat: the driver never holds the findings, only a few counts per partition).

    python benchmarks/bench_archive.py [--sizes 1000,4000,16000] [--workers 1,2] [--partition-size 100]
                                       [--scheduler driver|apart]

The archives are generated (tests/archive_files.py: our own titles over runs of corpus lines,
figures varied, a few bad files).  Each run is a fresh process, so its peak is its own; the
driver's RSS is sampled every 20 ms while the files are linted (after the cluster started and
the imports are done).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def one_run(inputs: str, out: str, workers: int, partition_size: int, scheduler: str) -> dict:
    """One archive run in this process: its summary and the driver's RSS (MB) before and at peak.
    ``scheduler``: ``driver`` (a LocalCluster, whose scheduler runs in this process, as
    ``zongjie archive`` without --scheduler) or ``apart`` (scheduler and workers in processes of
    their own, as with --scheduler ADDRESS: the RSS is then the driver's alone)."""
    import psutil
    from distributed import Client, LocalCluster
    from distributed.deploy.subprocess import SubprocessCluster

    from zongjie_nlp.archive import lint_archive
    from zongjie_nlp.archive.run import require_dask
    from zongjie_nlp.linter import Config

    require_dask()  # dask.bag, distributed, pyarrow imported before the baseline, as in any run

    process = psutil.Process()
    make = LocalCluster if scheduler == "driver" else SubprocessCluster
    cluster = make(n_workers=workers, threads_per_worker=1, dashboard_address=None, silence_logs=40)
    client = Client(cluster)
    client.run(lambda: __import__("zongjie_nlp.checks").checks.all_rules())  # rules loaded before the clock
    before = process.memory_info().rss
    peak, done = [before], threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            peak[0] = max(peak[0], process.memory_info().rss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        summary = lint_archive(inputs, out=out, client=client, config=Config(), partition_size=partition_size)
    finally:
        done.set()
        sampler.join()
        client.close()
        cluster.close()
    return {"files": summary.files, "failed": summary.failed, "findings": summary.findings, "bytes": summary.bytes,
            "seconds": summary.seconds, "rss_before_mb": before / 1e6, "rss_peak_mb": peak[0] / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,4000,16000")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--partition-size", type=int, default=100)
    parser.add_argument("--scheduler", choices=("driver", "apart"), default="driver",
                        help="driver: a LocalCluster (its scheduler in the driver process); apart: the scheduler "
                             "in a process of its own, as on a cluster")
    parser.add_argument("--one", nargs=3, metavar=("INPUTS", "OUT", "WORKERS"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        inputs, out, workers = options.one
        print(json.dumps(one_run(inputs, out, int(workers), options.partition_size, options.scheduler)))
        return

    from tests.archive_files import write_archive

    sizes = [int(s) for s in options.sizes.split(",")]
    print(f"scheduler: {options.scheduler}")
    print(f"{'files':>6} {'workers':>7} {'seconds':>8} {'files/s':>8} {'MB/s':>6} {'findings':>9} "
          f"{'driver RSS before':>17} {'peak':>6} {'growth':>7}")
    with tempfile.TemporaryDirectory(prefix="bench-archive-") as tmp:
        for size in sizes:
            inputs = Path(tmp) / f"in-{size}"
            write_archive(inputs, size - 3)  # with the three bad files: `size` files
            for workers in (int(w) for w in options.workers.split(",")):
                out = Path(tmp) / f"out-{size}-{workers}"
                command = [sys.executable, __file__, "--one", str(inputs), str(out), str(workers),
                           "--partition-size", str(options.partition_size), "--scheduler", options.scheduler]
                result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
                rate = result["files"] / result["seconds"]
                print(f"{result['files']:>6} {workers:>7} {result['seconds']:>8.1f} {rate:>8.1f} "
                      f"{result['bytes'] / 1e6 / result['seconds']:>6.2f} {result['findings']:>9} "
                      f"{result['rss_before_mb']:>14.1f} MB {result['rss_peak_mb']:>6.1f} "
                      f"{result['rss_peak_mb'] - result['rss_before_mb']:>+7.1f}", flush=True)


if __name__ == "__main__":
    main()
