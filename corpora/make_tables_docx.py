"""Build docx/tables-summary.docx: a summary written by us, as Word users make them.

Run with the project venv:  python corpora/make_tables_docx.py

What it holds (each a thing the .docx reader and the checks must handle):
- two tables: 表1 收支表 whose 合计 is off by one (a ZJ212 finding on its 合计 cell), with a
  其中 row and a unit note (单位：万元) above; 表2 完成情况表 with a header row spanning two
  columns (merged cells) and one 占比 cell off by 0.5 points (a ZJ213 finding), the rest right;
- points numbered by Word itself (List Number), not typed;
- headings in bold with no number; a page header and footer (not part of the text checked).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document

OUT = Path(__file__).resolve().parent / "docx" / "tables-summary.docx"

INCOME = [("项目", "金额"), ("财政拨款", "126"), ("上级补助", "48"), ("其中：专项补助", "20"), ("会费收入", "35"),
          ("合计", "210")]  # 126 + 48 + 35 = 209
# 完成 ÷ 全年合计: 36/60 = 60.0%, 15/60 = 25.0%, 9/60 = 15.0%; the first is written 60.5%
ACTIVITIES = [("类别", "完成情况", "完成情况"), ("", "场次", "占比"), ("技能培训", "36", "60.5%"), ("文体活动", "15", "25.0%"),
              ("帮扶慰问", "9", "15.0%"), ("合计", "60", "100%")]


def build(path: Path = OUT) -> Path:
    document = Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "某区总工会办公室 内部资料"
    section.footer.paragraphs[0].text = "第 1 页"

    document.add_paragraph().add_run("某区总工会2025年工作总结").bold = True
    document.add_paragraph("2025年，区总工会围绕服务职工这条主线，各项工作稳步推进。现将全年工作总结如下。")
    document.add_paragraph().add_run("经费收支情况").bold = True
    document.add_paragraph("全年经费收入情况见表1。")
    document.add_paragraph("单位：万元")
    _table(document, INCOME)
    document.add_paragraph().add_run("主要工作").bold = True
    document.add_paragraph("全年开展三类活动，完成情况见表2。", style="List Number")
    _table(document, ACTIVITIES, merge_header=True)
    document.add_paragraph("职工满意度测评结果良好。", style="List Number")
    document.add_paragraph().add_run("存在问题").bold = True
    document.add_paragraph("基层工会活动经费使用进度不均衡。")
    document.add_paragraph().add_run("经验体会").bold = True
    document.add_paragraph("坚持把服务职工放在首位，是做好工会工作的根本。")
    document.add_paragraph().add_run("下一步工作打算").bold = True
    document.add_paragraph("加强经费管理，提高资金使用效益。")
    document.add_paragraph("某区总工会")
    document.add_paragraph("2025年12月26日")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


def _table(document, rows, merge_header: bool = False) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if not (merge_header and r == 0 and c == 2):
                table.cell(r, c).text = text
    if merge_header:  # 完成情况 spans the two columns under it
        table.cell(0, 1).merge(table.cell(0, 2))
        table.cell(0, 1).text = rows[0][1]


if __name__ == "__main__":
    print(build())
