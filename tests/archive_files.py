"""An archive of small generated summaries for ``zongjie archive``'s test and benchmark.

Each file is a title of our own and a run of consecutive lines of one of the project's corpus
texts (the seed page, ``corpora/lint``), with its figures varied, written in one of the
encodings and suffixes an archive holds; a few bad files (binary, undecodable, empty) go with
them when asked.  The same ``seed`` gives the same files.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = sorted([REPO / "corpora" / "seed" / "union-annual-summaries.txt",
                    *(REPO / "corpora" / "lint" / "clean").glob("*.txt"),
                    *(REPO / "corpora" / "lint" / "flawed").glob("*.txt")])
UNITS = ("临江市总工会", "城东街道办事处", "县人民医院", "第三中学", "市场监管所", "区图书馆", "农商银行城西支行")
_FIGURE = re.compile(r"(?<![0-9])(?!(?:19|20)[0-9]{2}年)[0-9]+")  # figures, not years

# Bad files: name → bytes, and the kind of error their row must carry.
BAD_FILES = {
    "bad-binary.txt": (b"\x00\x01\x02\x03binary\xff\xfe\x00" * 8, "binary"),
    "bad-undecodable.txt": (bytes(range(0x80, 0x100)) * 3, "undecodable"),
    "bad-empty.txt": (b"", "empty"),
}


def _vary(line: str, rng: random.Random) -> str:
    """The line with each figure changed a little (so files differ and sums may no longer add up)."""
    def change(m: re.Match) -> str:
        value = int(m.group())
        return str(max(0, value + rng.choice((-2, -1, 0, 0, 0, 1, 3)))) if value < 10**9 else m.group()
    return _FIGURE.sub(change, line)


def summary_text(rng: random.Random, lines: dict[Path, list[str]]) -> str:
    template = rng.choice(TEMPLATES)
    body = lines[template]
    length = rng.randint(4, 12)
    start = rng.randrange(0, max(1, len(body) - length))
    year = rng.randint(2019, 2025)
    title = f"{rng.choice(UNITS)}{year}年工作总结"
    return "\n".join([title, *(_vary(line, rng) for line in body[start:start + length])]) + "\n"


def write_archive(folder: Path, n: int, seed: int = 15, bad: bool = True) -> list[Path]:
    """Write ``n`` summaries (and the bad files) in ``folder`` and its subfolders; their paths."""
    rng = random.Random(seed)
    lines = {t: [x for x in t.read_text(encoding="utf-8").splitlines() if x.strip()] for t in TEMPLATES}
    paths = []
    for i in range(n):
        text = summary_text(rng, lines)
        suffix = ".md" if i % 20 == 7 else ".txt"
        path = folder / f"batch{i // 250:02d}" / f"summary-{i:05d}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        if i % 10 == 3:
            path.write_bytes(text.encode("gb18030"))
        elif i % 10 == 5:
            path.write_bytes(text.replace("\n", "\r\n").encode("utf-8-sig"))
        else:
            path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    if bad:
        for name, (data, _) in BAD_FILES.items():
            (folder / name).write_bytes(data)
            paths.append(folder / name)
    return paths
