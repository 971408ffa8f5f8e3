"""Is the cost linear in the input?  Seconds per MB of parsing and checking in one process
(what ``zongjie-lint -j 1`` does after start-up, timed in this process) and the peak resident
memory of a whole ``zongjie-lint -j 1`` process, on inputs from 100 KB to 20 MB of three shapes:

- ``page``: many short summaries on one page (the corpora, each under its own 【篇N】 title,
  repeated): a 20 MB page holds about 7,700 documents;
- ``docs``: a page of exactly 2,000 short documents (whatever its size: about 5 MB);
- ``report``: one long report (one title, then the body of the longest single-document corpus
  summary repeated with its numbering continued, as a very long report would run on).

    python benchmarks/bench_scaling.py                       # 0.1 0.5 1 2 5 MB
    python benchmarks/bench_scaling.py --sizes 0.1 1 5 20    # up to 20 MB (a few minutes)

A step whose cost grows faster than the input shows as seconds per MB rising with the size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))  # bench_parse, beside this script
CN_NUMBERS = "一二三四五六七八九十"  # the top-level markers of the report's source lines


def _corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora").rglob("*.txt"))
            if not p.name.endswith(".gbk.txt")]


def page(size_mb: float) -> str:
    """Short summaries, each under its own 【篇N】 title line, to ``size_mb``."""
    texts, pieces, size, n = _corpus_texts(), [], 0, 0
    while size < size_mb * 1e6:
        text = f"【篇{n % 999 + 1}】\n{texts[n % len(texts)]}"  # (a page numbers its pieces up to 999)
        pieces.append(text)
        size += len(text.encode("utf-8")) + 2
        n += 1
    return "\n\n".join(pieces)


def documents(count: int) -> str:
    """A page of ``count`` short summaries, each under its own 【篇N】 title line."""
    texts = _corpus_texts()
    return "\n\n".join(f"【篇{n % 999 + 1}】\n{texts[n % len(texts)]}" for n in range(count))


def report(size_mb: float) -> str:
    """One report: a title, then the longest corpus summary's lines repeated, its top-level
    points renumbered so they run on (一、 … 九十九、, then again from 一、 in a new 第N部分)."""
    from zongjie_nlp import parse
    from zongjie_nlp.numerals import to_chinese

    longest = max((t for t in _corpus_texts() if len(parse(text=t).documents) == 1), key=len)
    body = [line for line in longest.splitlines()[1:] if line.strip()]
    lines, size, point, part = ["某市2024年工作报告"], 0, 0, 1
    while size < size_mb * 1e6:
        for line in body:
            if len(line) > 2 and line[1] == "、" and line[0] in CN_NUMBERS:
                point += 1
                if point > 99:
                    part, point = part + 1, 1
                    lines.append(f"第{to_chinese(part)}部分")
                line = f"{to_chinese(point)}、{line[2:]}"
            lines.append(line)
            size += len(line.encode("utf-8")) + 1
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 0.5, 1, 2, 5])
    parser.add_argument("--shapes", nargs="+", default=["page", "docs", "report"], choices=["page", "docs", "report"])
    options = parser.parse_args()

    from bench_parse import lint_process
    from zongjie_nlp.linter.run import lint_source
    from zongjie_nlp.source import Source

    lint_source(Source("预热：加载规则和转换表。", None, "str"))
    print(f"{'shape':<7} {'MB':>6} {'documents':>9} {'s/MB':>7} {'MB/s':>6} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.txt"
        for shape in options.shapes:
            for size in ([None] if shape == "docs" else options.sizes):
                text = documents(2000) if shape == "docs" else page(size) if shape == "page" else report(size)
                path.write_text(text, encoding="utf-8")
                mb = path.stat().st_size / 1e6
                count = 2000 if shape == "docs" else text.count("【篇") if shape == "page" else 1
                start = time.perf_counter()
                lint_source(Source(text, None, "str"))
                seconds = time.perf_counter() - start
                peak = lint_process(["-j", "1", str(path)]).peak
                print(f"{shape:<7} {mb:6.2f} {count:9d} {seconds / mb:7.3f} {mb / seconds:6.2f} "
                      f"{peak if peak is not None else float('nan'):8.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
