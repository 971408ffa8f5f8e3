"""Build gold/group-union.docx (the .docx member of the evaluation corpus).

Run with the project venv:  python corpora/make_docx.py
Every paragraph below becomes one body paragraph (line = paragraph index + 1).
Markers are literal text, except the three paragraphs tagged "LN", which use
Word's built-in "List Number" style: Word renders their labels as "1." "2." "3."
(the gold annotates them as markers "1." "2." "3.", style arabic).
"""
from pathlib import Path

from docx import Document
from docx.shared import Pt

OUT = Path(__file__).resolve().parent / "gold" / "group-union.docx"

PARAGRAPHS = [
    ("T", "某集团有限公司工会2024年工作总结"),
    ("", "2024年，公司工会在集团党委和市总工会的领导下，坚持以职工为中心的工作导向，团结动员广大职工建功立业，维护职工合法权益，各项工作取得了新的进展。现将全年工作总结如下："),
    ("H", "一、坚持职工为本，维护职工合法权益"),
    ("", "（一）深化厂务公开民主管理"),
    ("", "3月，公司召开三届二次职工代表大会，应到代表215名，实到208名，审议通过《2024年度职工福利费使用方案》等4项议案。全年征集职工代表提案和合理化建议96条，已办结91条，办结率94.8%。"),
    ("", "（二）推进工资集体协商"),
    ("", "工会与公司行政签订新一轮工资专项集体合同，明确2024年职工工资增长幅度为百分之五到百分之八。下属15家子公司全部建立了工资集体协商制度，覆盖职工1.26万人。"),
    ("H", "二、开展劳动竞赛，助推企业高质量发展"),
    ("", "（一）组织岗位练兵和技能比武"),
    ("", "全年组织开展各类劳动竞赛和技能比武活动，主要有："),
    ("LN", "职工技能大赛。开展电工、焊工、数控车工等12个工种的技能比武，参赛职工1380人次，评选技术能手36名。"),
    ("LN", "“安全生产月”知识竞赛。共有46支代表队参赛，决出一等奖1个、二等奖2个、三等奖3个。"),
    ("LN", "“五小”创新成果评选。征集职工创新成果158项，评出优秀成果20项，为公司节约成本约1200万元。"),
    ("", "（二）选树先进典型"),
    ("", "全年推荐的2名职工分别荣获省五一劳动奖章和市五一劳动奖章，公司机加工车间荣获市“工人先锋号”称号。"),
    ("H", "三、关心关爱职工，提升职工幸福感"),
    ("", "（一）做好帮扶救助"),
    ("", "1. 送温暖。元旦春节期间，共慰问困难职工、劳模和一线职工1260人，发放慰问金和慰问品折合168.5万元。"),
    ("", "2. 金秋助学。为63名困难职工子女发放助学金，每人2000元至5000元，合计21.4万元。"),
    ("", "3. 职工互助保障。组织8650名职工参加市总工会职工互助保障活动，参保率由上年的86.1%提高到92.6%，提高6.5个百分点。"),
    ("", "（二）丰富职工文化生活"),
    ("", "1.2万名职工参加了公司“健步走”线上打卡活动，参与率达到85.7%。"),
    ("", "同时，举办职工篮球赛、羽毛球赛、棋类比赛等文体活动15场，组织“三八”节女职工插花、瑜伽等活动，参与女职工超过九成。职工书屋新增图书3000余册。"),
    ("H", "四、加强自身建设，提高工会工作水平"),
    ("", "全年发展新会员412名，会员总数达到13860名，入会率98.2%。加强工会干部队伍建设：一是举办工会干部培训班2期，培训86人次；二是开展“职工之家”创建活动，新建模范职工小家9个。全年工会经费收入2860万元，支出2715万元，收支情况经工会经费审查委员会审查无异议。"),
    ("H", "五、存在的不足和2025年工作思路"),
    ("", "对照职工群众的期盼，工会工作还存在服务手段不够多、基层工会活力不足等问题。2025年，公司工会将着力做好以下工作：首先，深化民主管理；其次，持续开展劳动竞赛；再次，加强职工服务阵地建设，计划新建职工驿站3至5个；最后，加强工会自身建设。"),
    ("", "某集团有限公司工会"),
    ("", "2025年1月16日"),
]


def main() -> None:
    doc = Document()
    for tag, text in PARAGRAPHS:
        if tag == "LN":
            doc.add_paragraph(text, style="List Number")
            continue
        p = doc.add_paragraph()
        run = p.add_run(text)
        if tag in ("T", "H"):
            run.bold = True
        if tag == "T":
            run.font.size = Pt(16)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    print(f"wrote {OUT} ({len(PARAGRAPHS)} paragraphs)")


if __name__ == "__main__":
    main()
