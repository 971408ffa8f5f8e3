"""One self-contained HTML page: the document with its findings highlighted.

``zongjie-lint FILE --format html -o report.html`` writes a single file with no network
access and no external CSS or JavaScript (and no JavaScript at all): for each input

* a table of contents built from the outline (links to the lines, with finding counts);
* a summary table: findings by category and severity, with each category's colour;
* the verified arithmetic relations (what was computed from what), when the checks
  report them (``--show-verified``);
* the text, line by line, each finding's span highlighted in its category colour
  (``<mark class="hl cat-… sev-…">``, the message in its ``title`` tooltip) and a margin
  note beside the line with the rule, message and suggested fix.

Highlights come straight from the findings' offsets: every line is cut at every span
boundary, and each piece covered by a span becomes one ``<mark>`` naming all the findings
that cover it (``data-f``), so overlapping findings need no nesting.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Iterable, Optional

from ..model import SEVERITY_ORDER, Finding, RelationDetail, Report
from ..resources import categories

# Colours and labels of the categories, from rules/categories.yaml.
CATEGORY_COLOURS = {c.name: c.colour for c in categories()}
OTHER_COLOUR = "#546e7a"
VERIFIED_COLOUR = "#2e7d32"
SEVERITIES = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
CATEGORY_LABELS = {c.name: c.label for c in categories()}


def to_html(items: Iterable[tuple[Report, list[Finding]]], rules: Optional[dict] = None,
            title: str = "zongjie-lint 检查报告") -> str:
    """The whole page for one or more ``(report, findings)`` pairs."""
    items = list(items)
    categories = _categories(f for _, fs in items for f in fs)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # No network: forbid every external fetch even if a message contained a URL.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">",
        f"<title>{_e(title)}</title>",
        f"<style>{_css(categories)}</style>",
        "</head>",
        "<body>",
        f'<header class="page"><h1>{_e(title)}</h1>',
    ]
    problems = [f for _, fs in items for f in fs if not f.verified]
    verified = [f for _, fs in items for f in fs if f.verified]
    parts.append(f'<p class="overall">{len(items)} 个文件，{len(problems)} 个问题'
                 + (f"，{len(verified)} 处算术关系核对无误" if verified else "") + "</p>")
    if len(items) > 1:
        parts.append('<nav class="files"><ol>')
        for number, (report, fs) in enumerate(items, 1):
            count = sum(1 for f in fs if not f.verified)
            parts.append(f'<li><a href="#file{number}">{_e(report.path or "<stdin>")}</a> '
                         f'<span class="count">{count}</span></li>')
        parts.append("</ol></nav>")
    parts.append("</header>")
    for number, (report, fs) in enumerate(items, 1):
        parts.append(_file_section(number, report, fs, rules or {}))
    parts.append("</body></html>")
    return "\n".join(parts)


# --------------------------------------------------------------------------- one file


def _file_section(number: int, report: Report, findings: list[Finding], rules: dict) -> str:
    tr = _translator(report.script)
    pid = f"file{number}"
    problems = [f for f in findings if not f.verified]
    verified = [f for f in findings if f.verified]
    out = [f'<section class="file" id="{pid}">',
           f'<h2>{_e(report.path or "<stdin>")}</h2>',
           f'<p class="meta">{tr("编码")} {_e(report.encoding)} · {tr("文字")} {_e(report.script)} · '
           f'{len(report.documents)} {tr("篇")} · {report.text.count(chr(10)) + 1} {tr("行")}</p>',
           '<div class="top">',
           _toc(pid, report, problems, tr),
           '<div class="side">',
           _summary_table(problems, verified, tr),
           _verified_table(pid, report, verified, tr),
           _findings_table(pid, findings, tr),
           "</div></div>",
           f'<h3 class="doc-title">{tr("正文")}</h3>',
           _document(pid, report, findings, rules, tr),
           "</section>"]
    return "\n".join(out)


def _toc(pid: str, report: Report, problems: list[Finding], tr) -> str:
    out = [f'<nav class="toc"><h3>{tr("目录")}</h3>']
    if not report.documents:
        out.append(f"<p>{tr('没有识别出提纲')}</p>")
    for doc in report.documents:
        title = doc.title or tr("（无标题）")
        count = sum(1 for f in problems if doc.start <= f.start < max(doc.end, doc.start + 1))
        out.append(f'<div class="tocdoc"><a href="#{pid}-L{doc.line}">{_e(title)}</a>{_badge(count)}')
        if doc.outline:
            out.append(_toc_nodes(pid, doc.outline, problems))
        out.append("</div>")
    out.append("</nav>")
    return "".join(out)


def _toc_nodes(pid: str, nodes, problems) -> str:
    out = ["<ol>"]
    for node in nodes:
        if node.inline:
            continue
        count = sum(1 for f in problems if node.start <= f.start < max(node.body_end, node.end))
        out.append(f'<li><a href="#{pid}-L{node.line}">{_e(node.marker)} {_e(node.title)}</a>{_badge(count)}')
        children = [c for c in node.children if not c.inline]
        if children:
            out.append(_toc_nodes(pid, children, problems))
        out.append("</li>")
    out.append("</ol>")
    return "".join(out)


def _badge(count: int) -> str:
    return f' <span class="count">{count}</span>' if count else ""


def _summary_table(problems: list[Finding], verified: list[Finding], tr) -> str:
    counts = Counter((f.category, f.severity) for f in problems)
    categories = _categories(problems)
    head = "".join(f'<th class="sev-{s}">{tr(SEVERITY_LABELS[s])}</th>' for s in SEVERITIES)
    out = [f'<table class="summary"><caption>{tr("问题汇总")}</caption>',
           f'<thead><tr><th>{tr("类别")}</th>{head}<th>{tr("合计")}</th></tr></thead><tbody>']
    for cat in categories:
        cells = "".join(f"<td>{counts[(cat, s)] or ''}</td>" for s in SEVERITIES)
        total = sum(counts[(cat, s)] for s in SEVERITIES)
        label = CATEGORY_LABELS.get(cat, "")
        out.append(f'<tr class="cat-{_cls(cat)}"><th><span class="swatch"></span>{_e(cat)}'
                   f'{" " + tr(label) if label else ""}</th>{cells}<td class="total">{total}</td></tr>')
    if not categories:
        out.append(f'<tr><td colspan="5">{tr("没有发现问题")}</td></tr>')
    totals = "".join(f"<td>{sum(1 for f in problems if f.severity == s)}</td>" for s in SEVERITIES)
    out.append(f'</tbody><tfoot><tr><th>{tr("合计")}</th>{totals}<td class="total">{len(problems)}</td></tr>')
    if verified:
        out.append(f'<tr class="verified-row"><th colspan="4">{tr("核对无误的算术关系")}</th>'
                   f"<td>{len(verified)}</td></tr>")
    out.append("</tfoot></table>")
    return "".join(out)


def _verified_table(pid: str, report: Report, verified: list[Finding], tr) -> str:
    if not verified:
        return ""
    out = [f'<table class="verified"><caption>{tr("核对无误的算术关系（由哪些数字算出）")}</caption>',
           f'<thead><tr><th>{tr("行")}</th><th>{tr("规则")}</th><th>{tr("关系")}</th>'
           f'<th>{tr("依据")}</th></tr></thead><tbody>']
    for i, f in enumerate(verified):
        fid = _fid(pid, f, i, verified=True)
        out.append(f'<tr id="{fid}-row"><td><a href="#{fid}">{f.line}</a></td><td>{_e(f.rule)}</td>'
                   f'<td class="relation">{_formula(f.relation, tr)}<div class="msg">{_e(f.message)}</div></td>'
                   f'<td>{_details(pid, report, f, tr)}</td></tr>')
    out.append("</tbody></table>")
    return "".join(out)


def _findings_table(pid: str, findings: list[Finding], tr) -> str:
    problems = [f for f in findings if not f.verified]
    if not problems:
        return ""
    out = [f'<details class="list"{" open" if len(problems) <= 30 else ""}><summary>{tr("问题列表")}'
           f" ({len(problems)})</summary><table class=\"findings\"><tbody>"]
    for i, f in enumerate(problems):
        fid = _fid(pid, f, i)
        out.append(f'<tr class="cat-{_cls(f.category)}"><td><a href="#{fid}-note">{i + 1}</a></td>'
                   f'<td>{f.line}:{f.col}</td><td class="rule">{_e(f.rule)}</td>'
                   f'<td class="sev-{f.severity}">{tr(SEVERITY_LABELS.get(f.severity, f.severity))}</td>'
                   f"<td>{_e(f.message)}</td></tr>")
    out.append("</tbody></table></details>")
    return "".join(out)


# The roles of a relation's operands, as a reader names them.
ROLE_LABELS = {
    "part": "部分", "whole": "总数", "total": "总数", "stated": "文中", "rest": "其余", "base": "原有",
    "increase": "增加", "decrease": "减少", "now": "现有", "cumulative": "累计", "period": "本期",
    "count": "数量", "per-unit": "每单位", "earlier": "前值", "later": "后值", "delta": "增减",
    "item": "列项", "declared": "声明",
}


def _formula(detail: Optional[RelationDetail], tr=lambda s: s) -> str:
    """The relation as computed, ``39 ÷ 41 = 95.12% ≈ 95.1% ✓``, in its own element."""
    if detail is None or not detail.formula:
        return ""
    state = "ok" if detail.holds else "bad"
    return f'<code class="formula {state}">{_e(tr(detail.formula))}</code>'


def _relation_chips(pid: str, report: Report, detail: RelationDetail, tr) -> list[str]:
    chips = []
    for op in detail.operands:
        if not 0 <= op.start <= op.end <= len(report.text):
            continue
        line = report.line_col(op.start)[0]
        label = tr(ROLE_LABELS.get(op.role, op.role))
        chips.append(f'{_e(label)} <a href="#{pid}-L{line}">“{_e(op.text)}”</a>')
    return chips


def _details(pid: str, report: Report, finding: Finding, tr=lambda s: s) -> str:
    """The operands of a relation (with their roles), or each detail with a span, linked
    to its line."""
    chips = []
    for detail in finding.details:
        if isinstance(detail, RelationDetail):
            chips += _relation_chips(pid, report, detail, tr)
            continue
        if not isinstance(detail, dict):
            chips.append(_e(str(detail)))
            continue
        label = next((str(detail[k]) for k in ("role", "name", "label", "operand", "kind") if detail.get(k)), "")
        start, end = detail.get("start"), detail.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(report.text):
            text = detail.get("text") or report.text[start:end]
            line = report.line_col(start)[0]
            chip = f'<a href="#{pid}-L{line}">“{_e(str(text))}”</a>'
            if label:
                chip = f"{_e(label)} {chip}"
            chips.append(chip)
            continue
        rest = {k: v for k, v in detail.items() if k not in ("fix",)}
        chips.append(_e(", ".join(f"{k}={_short(v)}" for k, v in rest.items())))
    return '<span class="chip">' + '</span> <span class="chip">'.join(chips) + "</span>" if chips else ""


def _short(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


# --------------------------------------------------------------------------- the text


class _Span:
    __slots__ = ("start", "end", "fid", "finding", "kind", "main")

    def __init__(self, start, end, fid, finding, kind, main):
        self.start, self.end, self.fid, self.finding, self.kind, self.main = start, end, fid, finding, kind, main


def _spans(pid: str, report: Report, findings: list[Finding]) -> tuple[list[_Span], dict[str, int]]:
    """Every span to mark: each finding's own, its further occurrences, a relation's operands."""
    spans: list[_Span] = []
    numbers: dict[str, int] = {}
    n_problem = n_verified = 0
    limit = len(report.text)
    for f in findings:
        if f.verified:
            fid = _fid(pid, f, n_verified, verified=True)
            n_verified += 1
        else:
            n_problem += 1
            fid = _fid(pid, f, n_problem - 1)
            numbers[fid] = n_problem
        kind = "verified" if f.verified else "problem"
        spans.append(_Span(max(0, f.start), min(f.end, limit), fid, f, kind, True))
        relation = f.relation
        places = [(op.start, op.end) for op in relation.operands] if relation else []
        places += [(d.get("start"), d.get("end")) for d in f.occurrences]
        for s, e in places:
            if isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= limit and (s, e) != (f.start, f.end):
                spans.append(_Span(s, e, fid, f, "operand" if f.verified else "problem", False))
    return spans, numbers


def _document(pid: str, report: Report, findings: list[Finding], rules: dict, tr) -> str:
    text = report.text
    spans, numbers = _spans(pid, report, findings)
    index = report.index
    by_line: dict[int, list[_Span]] = {}
    for span in spans:
        first = index.line_col(span.start)[0]
        last = index.line_col(max(span.start, span.end - 1))[0]
        for line in range(first, last + 1):
            by_line.setdefault(line, []).append(span)
    notes_by_line: dict[int, list[tuple[str, Finding]]] = {}
    for span in spans:
        if span.main and span.kind == "problem":
            notes_by_line.setdefault(span.finding.line, []).append((span.fid, span.finding))
    out = ['<div class="doc">']
    seen_ids: set[str] = set()
    lines = text.split("\n")
    for number, line_text in enumerate(lines, 1):
        start = index.line_start(number)
        body = _render_line(line_text, start, by_line.get(number, []), numbers, seen_ids, tr)
        notes = notes_by_line.get(number, [])
        note_html = "".join(_note(fid, numbers[fid], f, text, tr) for fid, f in notes)
        classes = "row" + (" flagged" if notes else "") + ("" if line_text.strip() else " blank")
        out.append(f'<div class="{classes}" id="{pid}-L{number}"><a class="ln" href="#{pid}-L{number}">{number}</a>'
                   f'<p class="tx">{body or "&#8203;"}</p><aside class="notes">{note_html}</aside></div>')
    out.append("</div>")
    return "\n".join(out)


def _render_line(line: str, line_start: int, spans: list[_Span], numbers, seen_ids: set, tr) -> str:
    """One line cut at every span boundary; each covered piece is one <mark>."""
    line_end = line_start + len(line)
    if not spans:
        return _e(line)
    cuts = {line_start, line_end}
    points: dict[int, list[_Span]] = {}
    ends_at: dict[int, list[_Span]] = {}
    for s in spans:
        if s.end <= s.start:  # an insertion point: a caret, not a highlight
            points.setdefault(s.start, []).append(s)
            cuts.add(s.start)
            continue
        cuts.add(min(max(s.start, line_start), line_end))
        cuts.add(min(max(s.end, line_start), line_end))
        if s.kind == "problem" and s.main and line_start < s.end <= line_end:
            ends_at.setdefault(s.end, []).append(s)
    ordered = sorted(cuts)
    pieces = []
    for a, b in zip(ordered, [*ordered[1:], None]):
        for s in points.get(a, []):
            pieces.append(_mark([s], "", numbers, seen_ids, caret=True))
            if s.kind == "problem" and s.main:
                pieces.append(f'<a class="ref" href="#{s.fid}-note">{numbers[s.fid]}</a>')
        if b is None:
            break
        covering = [s for s in spans if s.start < b and s.end > a]
        piece = line[a - line_start: b - line_start]
        for s in covering:  # where a finding's own span starts: an anchor for links to it
            if s.main and s.fid not in seen_ids:
                seen_ids.add(s.fid)
                pieces.append(f'<span class="anchor" id="{s.fid}"></span>')
        pieces.append(_mark(covering, piece, numbers, seen_ids) if covering else _e(piece))
        for s in ends_at.get(b, []):
            pieces.append(f'<a class="ref" href="#{s.fid}-note">{numbers[s.fid]}</a>')
    return "".join(pieces)


def _primary(spans: list[_Span]) -> _Span:
    """The span whose colour a piece takes: problems first, then severity, then the narrowest."""
    rank = {"problem": 2, "verified": 1, "operand": 0}
    return max(spans, key=lambda s: (rank[s.kind], SEVERITY_ORDER.get(s.finding.severity, 0), -(s.end - s.start)))


def _mark(spans: list[_Span], piece: str, numbers, seen_ids: set, caret: bool = False) -> str:
    top = _primary(spans)
    f = top.finding
    if top.kind == "problem":
        classes = f"hl cat-{_cls(f.category)} sev-{f.severity}"
    else:
        classes = f"hl {top.kind}"
    if caret:
        classes += " caret"
    fids = []
    for s in spans:
        if s.fid not in fids:
            fids.append(s.fid)
    tips = []
    for s in spans:
        tip = f"{s.finding.rule} {s.finding.message}"
        if s.kind == "operand":
            tip = "✓ " + tip
        if tip not in tips:
            tips.append(tip)
    anchor = ""
    if caret and top.main and top.fid not in seen_ids:
        seen_ids.add(top.fid)
        anchor = f' id="{top.fid}"'
    rules = " ".join(dict.fromkeys(s.finding.rule for s in spans))
    return (f'<mark class="{classes}"{anchor} data-f="{" ".join(fids)}" data-rule="{_e(rules)}" '
            f'title="{_e(chr(10).join(tips))}">{_e(piece)}</mark>')


def _note(fid: str, number: int, f: Finding, text: str, tr) -> str:
    fix = ""
    if f.fix is not None:
        if f.fix.replacement:
            fix = f'<div class="fix">{tr("建议改为")}“{_e(f.fix.replacement)}”</div>'
        else:
            fix = f'<div class="fix">{tr("建议删除")}“{_e(text[f.fix.start:f.fix.end])}”</div>'
    more = sum(1 for d in f.occurrences if isinstance(d.get("start"), int)
               and (d.get("start"), d.get("end")) != (f.start, f.end))
    also = f'<div class="also">{tr("其余")} {more} {tr("处也已标出")}</div>' if more else ""
    return (f'<div class="note cat-{_cls(f.category)} sev-{f.severity}" id="{fid}-note">'
            f'<a class="num" href="#{fid}">{number}</a> <span class="rule">{_e(f.rule)}</span> '
            f'<span class="sev">{tr(SEVERITY_LABELS.get(f.severity, f.severity))}</span> '
            f'<span class="msg">{_e(f.message)}</span>{_formula(f.relation, tr)}{fix}{also}</div>')


# --------------------------------------------------------------------------- helpers


def _fid(pid: str, f: Finding, i: int, verified: bool = False) -> str:
    return f"{pid}-{'v' if verified else 'f'}{i + 1}"


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def _cls(category: str) -> str:
    return "".join(ch if ch.isalnum() or ch == "-" else "_" for ch in category)


def _categories(findings: Iterable[Finding]) -> list[str]:
    present = {f.category for f in findings if not f.verified}
    ordered = [c for c in CATEGORY_COLOURS if c in present]
    return ordered + sorted(present - set(ordered))


def _translator(script: str):
    if script != "traditional":
        return lambda s: s
    from ..script import to_traditional

    cache: dict[str, str] = {}

    def tr(s: str) -> str:
        if s not in cache:
            cache[s] = to_traditional(s, "s2tw")
        return cache[s]

    return tr


def _css(extra_categories: list[str]) -> str:
    colours = dict(CATEGORY_COLOURS)
    for cat in extra_categories:
        colours.setdefault(cat, OTHER_COLOUR)
    per_cat = "\n".join(
        f".cat-{_cls(c)}{{--c:{v}}}" for c, v in colours.items()
    )
    return _BASE_CSS + per_cat


_BASE_CSS = """
:root{--ink:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#fff;--ok:""" + VERIFIED_COLOUR + """}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#f6f8fa;font:15px/1.7 "Noto Sans CJK SC","Source Han Sans SC",
"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",system-ui,sans-serif}
header.page{padding:16px 28px;background:#24292f;color:#fff}
header.page h1{margin:0;font-size:20px}
header.page .overall{margin:4px 0 0;color:#d0d7de}
header.page nav.files a{color:#9ecbff}
section.file{margin:20px 28px;padding:16px 20px;background:var(--bg);border:1px solid var(--line);border-radius:8px}
section.file h2{margin:0 0 2px;font-size:17px;word-break:break-all}
.meta{margin:0 0 12px;color:var(--muted);font-size:13px}
.top{display:grid;grid-template-columns:minmax(260px,1fr) minmax(320px,1.4fr);gap:20px;align-items:start}
nav.toc{border:1px solid var(--line);border-radius:6px;padding:8px 12px;max-height:520px;overflow:auto;font-size:13.5px}
nav.toc h3,.doc-title{margin:4px 0 6px;font-size:15px}
nav.toc ol{margin:0;padding-left:1.1em;list-style:none}
nav.toc .tocdoc{margin-bottom:8px}
nav.toc .tocdoc>a{font-weight:600}
nav.toc a{color:#0969da;text-decoration:none}
nav.toc a:hover{text-decoration:underline}
.count{display:inline-block;min-width:1.5em;padding:0 5px;border-radius:9px;background:#cf222e;color:#fff;
font-size:11px;line-height:1.6;text-align:center}
table{border-collapse:collapse;width:100%;font-size:13.5px;margin-bottom:14px}
caption{text-align:left;font-weight:600;font-size:15px;padding:4px 0}
th,td{border:1px solid var(--line);padding:3px 8px;text-align:left}
table.summary td{text-align:right;font-variant-numeric:tabular-nums}
table.summary .total,table.summary tfoot{font-weight:600}
thead th{background:#f6f8fa}
th.sev-error{color:#cf222e}th.sev-warning{color:#9a6700}th.sev-info{color:#0969da}
.swatch{display:inline-block;width:12px;height:12px;margin-right:6px;border-radius:2px;vertical-align:-1px;
background:var(--c,#999)}
.verified-row th,.verified-row td{color:var(--ok)}
table.verified td.relation{color:var(--ok)}
code.formula{display:inline-block;font:inherit;font-variant-numeric:tabular-nums;padding:0 6px;border-radius:4px;background:#eaf5ea;color:var(--ok)}
code.formula.bad{background:#fdecea;color:#b71c1c}
table.verified td.relation .msg{color:inherit;opacity:.8;font-size:.9em}
details.list summary{font-weight:600;cursor:pointer;padding:4px 0}
table.findings td{font-size:12.5px;vertical-align:top}
table.findings td:first-child{border-left:4px solid var(--c,#999)}
table.findings .rule{font-family:ui-monospace,monospace}
td.sev-error{color:#cf222e}td.sev-warning{color:#9a6700}td.sev-info{color:#0969da}
table.verified .chip{display:inline-block;margin:1px 0;padding:0 6px;border-radius:4px;background:#eaf5ea}
table.verified a{color:var(--ok)}
.doc{border-top:1px solid var(--line);margin-top:6px}
.row{display:grid;grid-template-columns:3.2em minmax(0,1fr) 22rem;gap:12px;padding:3px 0;border-bottom:1px solid #f0f2f4}
.row.blank{padding:0;min-height:.6em}
.row.blank .tx{line-height:.6}
.row:target{background:#fff8c5}
.ln{color:#8c959f;text-align:right;font-size:12px;text-decoration:none;padding-top:3px;font-variant-numeric:tabular-nums}
.tx{margin:0;white-space:pre-wrap;word-break:break-all}
.notes{font-size:12.5px;line-height:1.5}
.note{border-left:4px solid var(--c,#999);background:#f6f8fa;padding:3px 7px;margin-bottom:4px;border-radius:0 4px 4px 0}
.note .num{font-weight:700;color:var(--c,#333);text-decoration:none;margin-right:2px}
.note .rule{font-family:ui-monospace,monospace;font-weight:600}
.note .sev{font-size:11px;padding:0 4px;border-radius:3px;background:#eee}
.note.sev-error .sev{background:#ffebe9;color:#cf222e}
.note.sev-warning .sev{background:#fff8c5;color:#9a6700}
.note.sev-info .sev{background:#ddf4ff;color:#0969da}
.note .fix{color:#1a7f37}
.note .also{color:var(--muted)}
.note:target{outline:2px solid var(--c,#999)}
mark.hl{color:inherit;background:color-mix(in srgb,var(--c,#999) 24%,transparent);
border-bottom:2px solid var(--c,#999);border-radius:2px;padding:0 1px}
mark.hl.sev-error{background:color-mix(in srgb,var(--c,#999) 32%,transparent);border-bottom-width:3px}
mark.hl.sev-info{background:color-mix(in srgb,var(--c,#999) 14%,transparent);border-bottom-style:dotted}
mark.hl.verified,mark.hl.operand{--c:var(--ok);background:color-mix(in srgb,var(--ok) 12%,transparent);
border-bottom:2px dashed var(--ok)}
mark.hl.caret::before{content:"‸";color:var(--c,#999);font-weight:700}
mark.hl:target,.anchor:target+mark.hl{outline:2px solid var(--c,#999)}
a.ref{font-size:10px;vertical-align:super;line-height:0;color:#57606a;text-decoration:none;margin:0 1px}
@media (max-width:900px){.top{grid-template-columns:1fr}.row{grid-template-columns:2.6em minmax(0,1fr)}
.row .notes{grid-column:2}}
@media print{body{background:#fff}section.file{border:0;margin:0}nav.toc{max-height:none}}
"""
