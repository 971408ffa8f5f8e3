"""A short load test of `zongjie serve`: POST /api/lint with the sample page, with 1 and 2
worker processes (requests per second, latency p50/p90/p99, every answer checked).

    python benchmarks/bench_serve.py [--seconds 15] [--clients 4] [--workers 1 2]

Each client is a thread with its own keep-alive connection (httpx) sending the request
again as soon as the answer is in; the server runs as `zongjie serve --workers N` in a
process of its own.  Needs the serve extra and httpx.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed" / "union-annual-summaries.txt"
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=15.0, help="Load time per server [15].")
    parser.add_argument("--clients", type=int, default=4, help="Concurrent clients [4].")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="Worker counts to try [1 2].")
    options = parser.parse_args()
    from importlib.util import find_spec

    if find_spec("httpx") is None:
        sys.exit("bench_serve: needs httpx (pip install httpx) and the serve extra")
    from tests.serve_helpers import running_server  # `zongjie serve` on a free port, as the tests start it

    body = json.dumps({"text": SEED.read_text(encoding="utf-8")}, ensure_ascii=False).encode("utf-8")
    print(f"POST /api/lint, the sample page ({len(body) / 1000:.1f} kB of JSON), {options.clients} clients, "
          f"{options.seconds:g} s per run, {os.cpu_count()} CPUs")
    for workers in options.workers:
        # in an empty folder: no configuration
        with tempfile.TemporaryDirectory() as folder, running_server(Path(folder), "--workers", str(workers)) as (url, _):
            _load(url, body, clients=options.clients, seconds=2.0)  # warm up every worker
            latencies, errors, wall = _load(url, body, clients=options.clients, seconds=options.seconds)
        print(_line(workers, latencies, errors, wall))


def _line(workers: int, latencies: list[float], errors: int, wall: float) -> str:
    if not latencies:
        return f"--workers {workers}: no request succeeded ({errors} errors)"
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    ms = [1000 * v for v in (statistics.median(latencies), cuts[89], cuts[98])]
    return (f"--workers {workers}: {len(latencies) / wall:6.1f} requests/s ({len(latencies)} in {wall:.1f} s, "
            f"{errors} errors); latency p50 {ms[0]:.0f} ms, p90 {ms[1]:.0f} ms, p99 {ms[2]:.0f} ms")


def _load(url: str, body: bytes, clients: int, seconds: float) -> tuple[list[float], int, float]:
    """Every client sends the request over and over for ``seconds``; the latencies of the
    answers that were a 200 with a non-empty list of findings, the number of the others, the
    wall time."""
    import httpx

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start = time.perf_counter()
    stop = start + seconds

    def client() -> None:
        with httpx.Client(timeout=120) as session:
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                try:
                    answer = session.post(url + "api/lint", content=body, headers={"Content-Type": "application/json"})
                    # checked cheaply (the client shares the CPUs with the server): a 200 with a list
                    ok = answer.status_code == 200 and answer.content.startswith(b"[\n {")
                except httpx.HTTPError:
                    ok = False
                elapsed = time.perf_counter() - t0
                with lock:
                    if ok:
                        latencies.append(elapsed)
                    else:
                        errors[0] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0], time.perf_counter() - start


if __name__ == "__main__":
    main()
