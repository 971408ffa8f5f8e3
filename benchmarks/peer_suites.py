"""Our quantity reader scored against other projects' test suites (../shared/peer-suites).

    python benchmarks/peer_suites.py            # per suite: in scope, correct, wrong value, missed, false
    python benchmarks/peer_suites.py --cases    # also every in-scope case we get wrong

Suites: Microsoft Recognizers-Text's Chinese PercentModel, CurrencyModel and NumberModel specs, JioNLP's
money parser and money extractor tests (read as data, never imported).  Each case is classed in scope
or out of scope for a work summary; every out-of-scope class is printed with its count and why.  A case
is correct when the figures we find in it are exactly the figures the suite expects (values, and the
currency for money; for a range, its two ends); an extraction the suite does not expect is a false
extraction.  Exits 0 (a measurement); skips with a message where ../shared/peer-suites is absent.
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import regex

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from zongjie_nlp import parse  # noqa: E402
from zongjie_nlp.numerals import find_numerals  # noqa: E402

SUITES = REPO.parent / "shared" / "peer-suites"

# Out-of-scope classes: (name, test on the input, why a work summary does not need it).
SPACED = regex.compile(r"[0-9０-９一二三四五六七八九十百千万萬亿億点點零两兩壹贰叁肆伍陆陸柒捌玖拾佰仟分之个個成]"
                       r"[ \u3000]+[0-9０-９一二三四五六七八九十百千万萬亿億点點零两兩壹贰叁肆伍陆陸柒捌玖拾佰仟分之个個成kK]")
OUT_OF_SCOPE: list[tuple[str, Callable[[str], bool], str]] = [
    ("discount 折", lambda s: "折" in s, "a price discount (八折), not a share; summaries state rates in % or 成"),
    ("spaced numerals", lambda s: bool(SPACED.search(s)) and not regex.search(r"[0-9] [0-9]{3}(?![0-9])", s),
     "characters of one numeral separated by spaces: speech transcripts, not typed reports (read as nothing)"),
    ("k/w/M shorthand", lambda s: bool(regex.search(r"[0-9０-９][ ]?[kKＫwWM](?![a-zA-Z])", s)),
     "15k, 30w, 2.5 M: informal shorthand for thousands, not written in official summaries"),
    ("scientific notation", lambda s: bool(regex.search(r"[0-9][eE][-－+]?[0-9]", s)), "21.2E0: not in prose"),
    ("fractions with a slash", lambda s: "/" in s or "／" in s, "3/5, 1 4/3: not how summaries write shares"),
    ("10^-7 and smaller fractions", lambda s: bool(regex.search(r"(千万|万万|百万万)分之", s)), "never in a summary"),
    ("兆 as 10^12", lambda s: "兆" in s, "Japanese-style 兆 (trillion); mainland summaries write 万亿"),
    ("currencies summaries do not use", lambda s: bool(regex.search(r"法郎|奈拉|比特币|銭|美分|美刀|美圆|\$", s)),
     "Swiss francs, naira, bitcoin, sub-units of foreign money, slang, a bare $"),
    ("currency names without a figure", lambda s: bool(regex.fullmatch(r"人民币[ ]*美元", s)), "no amount"),
    ("a figure with no unit given to a money parser", lambda s: bool(regex.fullmatch(r"[小于]*[0-9一二三四五六七八九十百千万萬亿億壹贰叁肆伍陆柒捌玖拾佰仟]+", s)),
     "三百万 with no 元: the money parser is told it is money; in running text it states no amount"),
    ("colloquial 两个亿", lambda s: bool(regex.search(r"个[亿万]", s)), "两个亿: speech, not written reports"),
    ("a number inside an amount of money", lambda s: bool(regex.fullmatch(r"[一二两三四五六七八九十]美元", s)),
     "一美元: the number model leaves it to the currency model; our reader finds the amount"),
    ("mixed fractions", lambda s: bool(regex.search(r"又[^,，。]{0,6}分之", s)),
     "十一又十四分之一 (and the test sentence stacking it with 四百亿点零五零): not written in reports"),
    ("a code of 20+ digits", lambda s: bool(regex.search(r"[0-9]{20,}", s)), "an order number, not an amount"),
    ("approximate pairs the suite leaves out", lambda s: bool(regex.search(r"[二两三四五六七八九]{2}[十百千万]", s))
     and regex.search(r"百分|百分点", s) is not None, "二三十个百分点: we read 20–30 (approximate); Recognizers gives nothing"),
    ("dozens 打", lambda s: bool(regex.search(r"[一二三四五六七八九十]打", s)), "十打 = 120: a trade unit, not in summaries"),
    ("numbers in English or digits split by punctuation",
     lambda s: bool(regex.search(r"[0-9]\.[0-9]+\.[0-9]|^\.\.\.|－－|[0-9], [0-9]", s)), "1, 234, 567 and 2222.2222.22: not one figure"),
]


@dataclass
class Case:
    suite: str
    text: str
    expected: list[tuple]  # (value, currency) for money, (value,) otherwise; a range is two entries
    scope: Optional[str] = None  # the out-of-scope class, or None
    bare: bool = False  # the whole input is the one figure expected (a bare numeral)


@dataclass
class Tally:
    cases: int = 0
    correct: int = 0
    wrong: int = 0
    missed: int = 0
    false: int = 0  # figures found that the suite does not expect
    out: dict[str, int] = field(default_factory=dict)
    out_misread: dict[str, int] = field(default_factory=dict)  # out of scope, and read as a wrong figure
    failures: list[str] = field(default_factory=list)


def scope_of(text: str) -> Optional[str]:
    return next((name for name, test, _ in OUT_OF_SCOPE if test(text)), None)


CURRENCIES = {"Chinese yuan": "元", "United States dollar": "美元", "Euro": "欧元", "Hong Kong dollar": "港元",
              "Japanese yen": "日元", "British pound": "英镑", "New Taiwan dollar": "新台币"}
JIO_CURRENCIES = {"港币": "港元", "台币": "新台币", "日币": "日元"}


def recognizers(name: str, kind: str) -> list[Case]:
    cases = []
    for item in json.loads((SUITES / f"{name}.json").read_text(encoding="utf-8")):
        expected = []
        for result in item.get("Results", []):
            resolution = result.get("Resolution", {})
            value = resolution.get("value")
            if value is None:
                expected.append((None, CURRENCIES.get(resolution.get("unit"), resolution.get("unit"))))
                continue
            number = float(value.rstrip("%"))
            expected.append((number, CURRENCIES.get(resolution.get("unit"), resolution.get("unit"))) if kind == "money"
                            else (number,))
        texts = [_plain(r["Text"]) for r in item.get("Results", [])]
        cases.append(Case(name, item["Input"], expected, scope_of(item["Input"]), texts == [_plain(item["Input"])]))
    return cases


def _plain(text: str) -> str:
    """Width-folded, lower-cased, without spaces: how the suites' Text and Input compare."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def jionlp(file: str, extractor: bool) -> list[Case]:
    source = (SUITES / file).read_text(encoding="utf-8")
    start = source.index("money_string_list = [")
    literal = ast.literal_eval(source[start + len("money_string_list = "):source.index("\n        ]\n", start) + 10].strip())
    cases = []
    for text, answer in literal:
        if extractor:
            expected = [(entry["text"],) for entry in answer]
        else:
            numbers = answer["num"] if isinstance(answer["num"], list) else [answer["num"]]
            currency = JIO_CURRENCIES.get(answer["case"], answer["case"])
            expected = [(float(n), currency) for n in numbers]
        cases.append(Case("JioNLP " + ("extractor" if extractor else "parser"), text, expected, scope_of(text)))
    return cases


def found(case: Case) -> list[tuple]:
    """Our figures in the case's text, in the suite's terms."""
    if case.suite == "NumberModel":
        return [(n.value,) for _, _, n in find_numerals(case.text)]
    quantities = list(parse(text=case.text).quantities)
    if case.suite == "PercentModel":
        shares = [q for q in quantities if q.kind in ("percent", "points")]
        return [(q.value,) for i, q in enumerate(shares) if not _range_low(case.text, shares, i)]
    money = [q for q in quantities if q.kind == "money"]
    if case.suite == "JioNLP extractor":
        return [(_extent(case.text, money, i),) for i in range(len(money)) if not _range_low(case.text, money, i)]
    if len(case.expected) == 2 and len(money) == 1 and money[0].high is not None:
        # One approximate figure the suite gives as a range (3000多欧元 → 3000 to 4000): its bounds.
        return [(money[0].low, money[0].unit), (money[0].high, money[0].unit)]
    return [(q.value, q.unit) for q in money]


def _range_low(text: str, quantities: list, i: int) -> bool:
    """Whether quantity ``i`` is the low end of a range whose high end follows (one extraction)."""
    return i + 1 < len(quantities) and quantities[i + 1].low is not None and \
        regex.fullmatch(r"[ ]*(?:[(（]含[)）])?[ ]*(?:至|到|～|~|〜|—{1,2}|－|-{1,2})[ ]*", text[quantities[i].end:quantities[i + 1].start]) is not None


def _extent(text: str, quantities: list, i: int) -> str:
    """A money figure as an extractor returns it: a range from its low end to its high end."""
    start = quantities[i - 1].start if i and _range_low(text, quantities, i - 1) else quantities[i].start
    return text[start:quantities[i].end]


def same(ours: list[tuple], expected: list[tuple]) -> bool:
    if len(ours) != len(expected):
        return False
    return all(_equal(a, b) for a, b in zip(sorted(ours, key=_key), sorted(expected, key=_key)))


def _key(item: tuple):
    return tuple("" if v is None else str(v) if isinstance(v, str) else f"{v:020.6f}" for v in item)


def _equal(a: tuple, b: tuple) -> bool:
    for x, y in zip(a, b):
        if isinstance(x, float) and isinstance(y, float):
            if not math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9):
                return False
        elif x != y:
            return False
    return True


def score(cases: list[Case], show: bool) -> Tally:
    tally = Tally()
    for case in cases:
        if case.scope:
            tally.out[case.scope] = tally.out.get(case.scope, 0) + 1
            ours = found(case)
            if ours and not same(ours, case.expected):
                tally.out_misread[case.scope] = tally.out_misread.get(case.scope, 0) + 1
                if show:
                    tally.failures.append(f"    (out of scope: {case.scope}) {case.text[:50]!r}: "
                                          f"expected {case.expected}, found {ours}")
            continue
        tally.cases += 1
        ours = found(case)
        if same(ours, case.expected):
            tally.correct += 1
            continue
        extra = max(0, len(ours) - len(case.expected))
        tally.false += extra if case.expected else len(ours)
        if case.expected and not ours:
            tally.missed += 1
        elif case.expected:
            tally.wrong += 1
        if show:
            tally.failures.append(f"    {case.text[:60]!r}: expected {case.expected}, found {ours}")
    return tally


def all_cases() -> list[Case]:
    # NumberModel: the numbers in running text; a bare numeral is the numeral reader's own test.
    numbers = [c for c in recognizers("NumberModel", "number") if not c.bare]
    return (recognizers("PercentModel", "percent") + recognizers("CurrencyModel", "money") + numbers
            + jionlp("jionlp_test_money_parser.py", False) + jionlp("jionlp_test_money_extractor.py", True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", action="store_true", help="list every in-scope case we get wrong")
    args = parser.parse_args()
    if not SUITES.is_dir():
        print(f"skipped: {SUITES} is absent (other projects' suites are not part of the project)")
        return 0
    by_suite: dict[str, list[Case]] = {}
    for case in all_cases():
        by_suite.setdefault(case.suite, []).append(case)
    print(f"{'suite':<20}{'in scope':>9}{'correct':>9}{'wrong':>7}{'missed':>8}{'false':>7}   share")
    total_false = 0
    out_total: dict[str, int] = {}
    misread_total: dict[str, int] = {}
    for suite, cases in by_suite.items():
        t = score(cases, args.cases)
        total_false += t.false
        share = t.correct / t.cases if t.cases else 0
        print(f"{suite:<20}{t.cases:>9}{t.correct:>9}{t.wrong:>7}{t.missed:>8}{t.false:>7}   {share:.3f}")
        for line in t.failures:
            print(line)
        for name, count in t.out.items():
            out_total[name] = out_total.get(name, 0) + count
        for name, count in t.out_misread.items():
            misread_total[name] = misread_total.get(name, 0) + count
    print(f"false extractions over all suites: {total_false}")
    print("out of scope (cases; of them read as a figure the suite does not give):")
    for name, _, why in OUT_OF_SCOPE:
        if out_total.get(name):
            print(f"  {out_total[name]:>4} ({misread_total.get(name, 0)})  {name}: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
