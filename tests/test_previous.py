"""This year's summary against last year's (ZJ216, ``--previous``): pairs of short
summaries written for these tests, and corpora/previous/ (2024.txt and 2025.txt)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import zongjie_nlp
from zongjie_nlp.cli import main
from zongjie_nlp.model import Report

ROOT = Path(__file__).resolve().parents[1]
PAIR = ROOT / "corpora" / "previous"
LAST = (PAIR / "2024.txt").read_text(encoding="utf-8")
THIS = (PAIR / "2025.txt").read_text(encoding="utf-8")

# 2025.txt with its two deliberate mismatches put right: 5.4万 against 5.2万 is 3.8%, and the
# 经费 of 2024 was 1.25亿元 (1.38亿元 is then 10.4% more).
AGREES = THIS.replace("比上年增长12%", "比上年增长3.8%").replace("较上年的1.18亿元增长16.9%", "较上年的1.25亿元增长10.4%")


def findings(this: str, last, show_verified: bool = False, select: str = "ZJ216"):
    last = last if last is None or isinstance(last, Report) else zongjie_nlp.parse(text=last)
    return zongjie_nlp.check(text=this, select=select, show_verified=show_verified, previous=last)


def spans(found, text: str) -> list[str]:
    return [text[f.start:f.end] for f in found]


def problems(found):
    return [f for f in found if not f.verified]


# -- the pairs the issue asks for -----------------------------------------------------------

def test_two_deliberate_mismatches_give_exactly_those_two_findings():
    found = problems(findings(THIS, LAST))
    assert [f.rule for f in found] == ["ZJ216", "ZJ216"]
    assert spans(found, THIS) == ["12%", "1.18亿元"]
    growth, value = found
    assert "5.2万人" in growth.message and "(5.4万−5.2万)/5.2万 = 3.9%" in growth.message
    assert value.message == "上年收缴工会经费“1.18亿元”，上年总结第 5 行写“1.25亿元”"
    assert (growth.line, value.line) == (4, 5)


def test_all_the_other_findings_are_those_without_last_year():
    """Every rule run: the previous summary adds the two findings and changes nothing else."""
    alone = {(f.rule, f.start, f.message) for f in zongjie_nlp.check(text=THIS)}
    both = {(f.rule, f.start, f.message) for f in zongjie_nlp.check(text=THIS, previous=zongjie_nlp.parse(text=LAST))}
    assert alone < both and sorted(r for r, _, _ in both - alone) == ["ZJ216", "ZJ216"]


def test_a_pair_that_agrees_gives_no_finding_and_lists_the_matches_as_verified():
    assert problems(findings(AGREES, LAST)) == []
    verified = findings(AGREES, LAST, show_verified=True)
    assert all(f.verified and f.severity == "info" for f in verified)
    # 新建工会组织 38家, 会员 3.8%, 经费 1.25亿元, 培训 12.5%, 满意率 96.5%
    assert spans(verified, AGREES) == ["38家", "3.8%", "1.25亿元", "12.5%", "96.5%"]


def test_nothing_without_last_years_summary():
    assert findings(THIS, None) == [] and findings(THIS, None, show_verified=True) == []


# -- what is compared, and what is not ------------------------------------------------------

def test_rounding_aware_values_and_recomputed_rates():
    last = "全年完成税收收入1.25亿元。"
    assert problems(findings("上年完成税收收入12500万元。", last)) == []  # 1.25亿 = 12500万
    assert spans(findings("上年完成税收收入12300万元。", last), "上年完成税收收入12300万元。") == ["12300万元"]
    # (1.405 − 1.25)/1.25 = 12.4%, which 12% may stand for (1.25亿 is [1.245亿, 1.255亿]:
    # 12.0% to 12.9%); 14% may not.
    assert problems(findings("全年完成税收收入1.405亿元，比上年增长12%。", last)) == []
    assert spans(findings("全年完成税收收入1.405亿元，比上年增长14%。", last), "全年完成税收收入1.405亿元，比上年增长14%。") == ["14%"]
    declined = "全年完成税收收入1.10亿元，同比下降12%。"
    assert problems(findings(declined, last)) == []  # (1.25 − 1.10)/1.25 = 12%
    assert spans(findings(declined.replace("12%", "15%"), last), declined.replace("12%", "15%")) == ["15%"]


def test_values_said_of_last_year_in_their_usual_forms():
    last = "全县规上企业达到38家，全年门诊量28.4万人次，职工满意率96.5%。"
    for this, span in [("全县规上企业由去年的36家增加到41家。", "36家"),
                       ("全县规上企业41家，较去年的36家增加5家。", "36家"),
                       ("全年门诊量32.6万人次，上年为27.4万人次。", "27.4万人次"),
                       ("上年全县门诊量27.4万人次。", "27.4万人次"),
                       ("职工满意率由上年同期的95.5%提高到97%。", "95.5%")]:
        assert spans(findings(this, last), this) == [span], this


def test_deltas_and_since_last_year_are_no_values_of_last_year():
    last = "全年完成税收收入1000万元。全年培训职工3200人次。"
    assert findings("全年完成税收收入1234万元，比上年增加234万元。", last) == []
    assert findings("去年以来，累计培训职工5600人次。", last) == []
    assert findings("全年培训职工3600人次，比上年多培训400人次。", last) == []


def test_renamed_items_only_when_clearly_the_same():
    assert spans(findings("全县规上企业41家，比上年增长12%。", "全县规模以上企业达到38家。"),
                 "全县规上企业41家，比上年增长12%。") == ["12%"]  # 规模以上 is written 规上
    # Another name is another item: silent, whatever the figures.
    assert findings("全市职工之家41家，比上年增长12%。", "全市建成职工书屋38家。", show_verified=True) == []
    assert findings("上年职工书屋示范点12家。", "全市建成职工书屋38家。", show_verified=True) == []
    # Another unit is another item too.
    assert findings("上年培训职工3000人。", "全年培训职工3200人次。", show_verified=True) == []


def test_an_item_last_year_gave_two_different_figures_is_not_compared():
    last = "一、职工培训\n全年培训职工3200人次。\n二、职工素质\n全年培训职工3000人次。"
    assert findings("上年培训职工3000人次。", last, show_verified=True) == []
    # 上半年培训职工 is another item than 培训职工.
    assert len(findings("上年培训职工3000人次。", "上半年培训职工1500人次。全年培训职工3200人次。")) == 1


def test_comparable_price_growth_is_not_compared_with_nominal_values():
    last = "全年实现地区生产总值320亿元。职工人均收入6.2万元。"
    for this in ["全年实现地区生产总值350亿元，比上年增长6%。",  # output: stated at comparable prices
                 "职工人均收入6.6万元，按可比价计算比上年增长2%。",
                 "职工人均收入6.6万元，扣除价格因素实际增长2%。"]:
        assert findings(this, last, show_verified=True) == [], this
    # The same growth without 可比价 is the nominal change, and is checked.
    assert spans(findings("职工人均收入6.6万元，比上年增长2%。", last), "职工人均收入6.6万元，比上年增长2%。") == ["2%"]


def test_restated_figures():
    """This year's text marking last year's figure restated (调整后, 修订后 …) is not
    compared; in last year's summary, a figure marked corrected replaces the item's others."""
    last = "全年收缴工会经费1.25亿元。"
    assert findings("上年收缴工会经费（调整后）1.18亿元。", last, show_verified=True) == []
    assert findings("上年收缴工会经费经审计为1.18亿元。", last, show_verified=True) == []
    corrected = "全年收缴工会经费1.25亿元。\n更正：全年收缴工会经费1.18亿元。"
    assert problems(findings("上年收缴工会经费1.18亿元。", corrected)) == []
    found = findings("上年收缴工会经费1.25亿元。", corrected)
    assert len(found) == 1 and "第 2 行写“1.18亿元”" in found[0].message


def test_next_years_plan_in_last_years_summary_is_not_its_figure():
    last = "一、主要工作\n全年培训职工3200人次。\n二、2025年工作打算\n培训职工3500人次。"
    assert problems(findings("上年培训职工3200人次。", last)) == []
    assert len(findings("上年培训职工3500人次。", last)) == 1


def test_traditional_pair_messages_in_the_documents_script():
    last = "全年收繳工會經費1.25億元。全縣規上企業達到38家。"
    this = "全年收繳工會經費1.38億元，較上年的1.18億元增長16.9%。全縣規上企業41家，比上年增長12%。"
    found = problems(findings(this, last))
    assert spans(found, this) == ["1.18億元", "12%"]
    assert found[0].message == "上年收繳工會經費“1.18億元”，上年總結第 1 行寫“1.25億元”"
    assert "(41−38)/38 = 7.9%" in found[1].message and "規上企業" in found[1].message
    # A traditional summary against a simplified one of last year reads the same.
    assert spans(problems(findings(this, "全年收缴工会经费1.25亿元。全县规上企业达到38家。")), this) == ["1.18億元", "12%"]


def test_the_finding_carries_both_places():
    found = problems(findings(THIS, zongjie_nlp.parse(path=PAIR / "2024.txt")))
    cited = json.loads(json.dumps([f.to_json() for f in found], ensure_ascii=False))
    assert "上年总结（2024.txt）第 5 行写“1.25亿元”" in cited[1]["message"]
    detail = cited[1]["details"][0]
    assert detail["relation"] == "previous-value" and detail["previous"]["line"] == 5
    assert detail["previous"]["text"] == "1.25亿元" and detail["previous"]["path"].endswith("2024.txt")
    assert detail["item"] == "收缴工会经费"


# -- the command line ----------------------------------------------------------------------

def lint(*args: str):
    return CliRunner().invoke(main, ["lint", *args])


def test_cli_reports_the_mismatches_and_with_show_verified_the_matches():
    result = lint(str(PAIR / "2025.txt"), "--previous", str(PAIR / "2024.txt"), "--select", "ZJ216")
    assert result.exit_code == 1
    assert result.output.count("ZJ216") == 2 and "上年总结（2024.txt）第 5 行写“1.25亿元”" in result.output
    verified = lint(str(PAIR / "2025.txt"), "--previous", str(PAIR / "2024.txt"), "--select", "ZJ216",
                    "--show-verified")
    assert verified.output.count("ZJ216") == 5 and verified.output.count("相符") == 3


@pytest.mark.parametrize("fmt", ["json", "sarif", "html"])
def test_cli_formats_carry_the_findings(fmt, tmp_path):
    out = tmp_path / f"report.{fmt}"
    result = lint(str(PAIR / "2025.txt"), "--previous", str(PAIR / "2024.txt"), "--select", "ZJ216",
                  "--format", fmt, "-o", str(out))
    assert result.exit_code == 1, result.output
    written = out.read_text(encoding="utf-8")
    if fmt == "json":
        assert [f["rule"] for f in json.loads(written)] == ["ZJ216", "ZJ216"]
    else:
        assert written.count("ZJ216") >= 2 and "1.18亿元" in written


def test_cli_docx_pair(tmp_path):
    docx = pytest.importorskip("docx")
    for name, text in (("2024.docx", LAST), ("2025.docx", THIS)):
        document = docx.Document()
        for line in text.splitlines():
            document.add_paragraph(line)
        document.save(tmp_path / name)
    result = lint(str(tmp_path / "2025.docx"), "--previous", str(tmp_path / "2024.docx"), "--select", "ZJ216")
    assert result.exit_code == 1 and result.output.count("ZJ216") == 2


def test_cli_errors(tmp_path):
    this, last = str(PAIR / "2025.txt"), str(PAIR / "2024.txt")
    two = lint(this, last, "--previous", last)
    assert two.exit_code == 2 and "one input file" in two.output
    folder = lint(str(PAIR), "--previous", last)
    assert folder.exit_code == 2 and "2 inputs given" in folder.output
    missing = lint(this, "--previous", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2 and "--previous:" in missing.output and "Traceback" not in missing.output
    assert len(missing.output.strip().splitlines()) == 1
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    broken = lint(this, "--previous", str(bad))
    assert broken.exit_code == 2 and "--previous:" in broken.output and len(broken.output.strip().splitlines()) == 1
    stdin = lint(this, "--previous", "-")
    assert stdin.exit_code == 2


def test_a_change_against_last_year_is_recomputed():
    last = "全年收缴工会经费1.25亿元。全市新建工会组织38家。培训职工3200人次。"
    more = "全年收缴工会经费1.38亿元，比上年增加0.2亿元。"
    found = findings(more, last)
    assert spans(found, more) == ["0.2亿元"] and "1.38亿−1.25亿 = 0.13亿元" in found[0].message
    assert problems(findings("全年收缴工会经费1.38亿元，比上年增加1300万元，增长10.4%。", last)) == []
    assert problems(findings("全市新建工会组织41家，同比增加3家。", last)) == []
    assert spans(findings("全市新建工会组织41家，比上年多5家。", last), "全市新建工会组织41家，比上年多5家。") == ["5家"]
    assert problems(findings("培训职工3000人次，较上年减少200人次。", last)) == []
    # 比年初 is no comparison with last year's summary.
    assert findings("全年收缴工会经费1.38亿元，比年初增加0.2亿元。", last, show_verified=True) == []
