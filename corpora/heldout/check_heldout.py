"""Validate the held-out gold files in corpora/heldout/ (shape + a few consistency checks).

    python corpora/heldout/check_heldout.py      # exit 0 when every heldout *.gold.json is well-formed

Reuses corpora/check_gold.py (it never imports zongjie_nlp) with two changes:
  * Range low ends written as a bare numeral ("5" in "5～8万元", "2" in "2至3项") inherit the
    high end's 万/亿 multiplier (policy, clarification 1), so their value is checked against the
    numeral times that multiplier instead of the bare numeral. check_gold.py itself reports such a
    low end as a value/text mismatch (e.g. "5" with value 50000).
  * Extra consistency checks: 多/余/餘 in text => approx; percent text has %/％/百分之/成;
    points text ends with 个百分点/個百分點; a count's text ends with its unit; the category agrees
    with the classifier lists of the policy; a bare-numeral text is followed by a range connector.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import check_gold as cg  # noqa: E402

PEOPLE = {"人", "名", "位", "人次", "户", "戶"}
ITEMS = set("项項件次场場期个個份篇条條本套台臺批类類种種处處座幅张張册冊部首支辆輛间間栋棟")
RANGE_TAIL = re.compile(r"^\s*(?:～|~|至|到|—|-)\s*\d+(?:\.\d+)?\s*(?:多|余|餘)?\s*(万|萬|亿|億)?")


class HeldoutChecker(cg.Checker):
    def check_quantities(self, w, qs, lines, start, end) -> None:
        # Run the stock checks with bare-numeral range low ends scaled to their high end's multiplier.
        patched = []
        for q in qs if isinstance(qs, list) else []:
            if isinstance(q, dict) and re.fullmatch(r"\d+(?:\.\d+)?", str(q.get("text", ""))) \
                    and isinstance(q.get("line"), int) and 1 <= q["line"] <= len(lines):
                text = lines[q["line"] - 1]
                tail = None
                for m in re.finditer(re.escape(q["text"]), text):
                    if (m.start() == 0 or not re.match(r"[\d.]", text[m.start() - 1])) \
                            and not re.match(r"[\d.]", text[m.end():m.end() + 1]):
                        tail = RANGE_TAIL.match(text[m.end():])
                        if tail:
                            break
                if not tail:
                    self.err(f"{w}: bare numeral {q['text']!r} on line {q['line']} is not a range low end")
                    patched.append(q)
                    continue
                mult = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}.get(tail.group(1) or "", 1)
                q2 = dict(q)
                q2["value"] = q["value"] / mult
                patched.append(q2)
            else:
                patched.append(q)
        super().check_quantities(w, patched, lines, start, end)
        for j, q in enumerate(qs if isinstance(qs, list) else []):
            self.extra(f"{w}.quantities[{j}]", q)

    def extra(self, wq: str, q: dict) -> None:
        if not isinstance(q, dict) or set(q) != cg.QTY_KEYS:
            return
        t, k, u = q["text"], q["kind"], q["unit"]
        if re.search(r"[多余餘]", t) and not q["approx"]:
            self.err(f"{wq}: {t!r} has 多/余 but approx is false")
        bare = re.fullmatch(r"\d+(?:\.\d+)?", t) is not None
        if k == "percent" and not (re.search(r"[%％]|^百分之|成$", t)):
            self.err(f"{wq}: percent text {t!r} looks wrong")
        if k == "points" and not (t.endswith(u)):
            self.err(f"{wq}: points text {t!r} does not end with {u!r}")
        if k == "money" and not bare and not (t.endswith("元") or t.endswith("块")):
            self.err(f"{wq}: money text {t!r} does not end with 元/块")
        if k == "count":
            if not bare and not t.endswith(u):
                self.err(f"{wq}: count text {t!r} does not end with unit {u!r}")
            cat = q["category"]
            if u in PEOPLE:
                want = "people"
            elif len(u) == 1 and u in ITEMS:
                want = "items"
            elif u in ("家", "所") or (len(u) > 1 and u[0] in "个個"):
                want = "orgs"
            else:
                want = None
            if want and cat != want:
                self.err(f"{wq}: unit {u!r} gives category {want!r}, not {cat!r}")


def main() -> int:
    return cg.check_all(sorted(HERE.glob("*.gold.json")), HeldoutChecker, "heldout gold")

if __name__ == "__main__":
    sys.exit(main())
