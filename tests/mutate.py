"""Mutations of our own corpus texts, for fuzzing parse, check and fix.

A mutation keeps the text plausible enough to reach deep into the parser (numbers, markers,
relations) and hostile enough to find what breaks: digit runs of any length, zeros, tiny and
huge figures, lost or doubled line breaks, cut and repeated passages, stray markers and marks.
Used by ``tests/test_fuzz.py`` (a small budget in CI) and ``benchmarks/fuzz.py`` (a large one).
"""

from __future__ import annotations

import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

PIECES = [
    "0", "0.0", "0%", "0.0000001", "1e308", "9" * 40, "9" * 400, "一", "十", "百", "千", "万", "亿", "万亿", "两",
    "%", "％", "‰", "个百分点", "元", "万元", "亿元", "人", "家", "名", "户", "个", "次", "项",
    "，", "。", "、", "；", "：", "（", "）", "(", ")", "“", "”", "「", "」", "《", "》", "……", "-", "—", "～", "~",
    "\n", "\n\n", " ", "\u3000", "\t", "一、", "（一）", "1.", "1、", "（1）", "①", "一是", "第一，", "首先，",
    "其中", "共", "合计", "累计", "分别", "增长", "下降", "比上年", "占", "率", "为", "达到", "约", "多", "余", "近",
    "应建", "已有", "其余", "每人", "人均", "篇1", "当前位置：首页>范文>", "阅读(1.2W)", "下载", "来源：某报",
    "……此处隐藏99个字……", "http://example.com/a", "第 2 页, 共 9 页", "20xx年", "XX", "某某", "【】", "____",
    "\ud7ff", "\ufeff", "\x00", "\x0b", "𠀀",
]


def corpus_texts() -> list[str]:
    """Our own texts: the seed page and the gold, held-out and lint corpora."""
    paths = sorted((REPO / "corpora").glob("**/*.txt"))
    texts = []
    for path in paths:
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            texts.append(path.read_bytes().decode("gb18030", errors="replace"))
    return [t for t in texts if t.strip()]


def mutate(rng: random.Random, text: str, max_len: int = 4000) -> str:
    """A window of ``text`` changed by one to six random edits."""
    if len(text) > max_len:
        start = rng.randrange(len(text) - max_len)
        text = text[start:start + max_len]
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(8)
        at = rng.randrange(len(text) + 1)
        if op <= 2:  # insert a piece
            text = text[:at] + rng.choice(PIECES) + text[at:]
        elif op == 3 and text:  # delete a slice
            text = text[:at] + text[at + rng.randint(1, 40):]
        elif op == 4 and text:  # repeat a slice
            piece = text[at:at + rng.randint(1, 80)]
            text = text[:at] + piece * rng.randint(2, 20) + text[at:]
        elif op == 5:  # a digit run of any length
            text = text[:at] + "".join(rng.choice("0123456789") for _ in range(rng.choice((1, 3, 12, 40, 310)))) + text[at:]
        elif op == 6:  # replace every digit by one
            digit = rng.choice("0123456789")
            text = "".join(digit if c.isdigit() else c for c in text)
        else:  # lose the line breaks of a stretch
            end = min(len(text), at + rng.randint(50, 2000))
            text = text[:at] + text[at:end].replace("\n", "") + text[end:]
    return text
