"""The arithmetic of tables (ZJ212–ZJ215): a 合计/小计 row or column against its parts, a 占比
column against part ÷ total, a 增长/同比 column against its two period columns, a 完成率 column
against 完成 ÷ 计划.

A table is read as it is laid out (:class:`zongjie_nlp.model.Table`): header rows on top (the
rows before the first that holds a figure), a label in the first column, figures in the rest.
What a column is comes from its header's words; a header that does not say (which of two
year columns is the earlier) leaves the column unchecked.  Figures are rounding-aware as in
prose (:mod:`zongjie_nlp.relations.interval`): a cell written with k decimals stands for
every value that rounds to it; integers are exact.  A wrong 合计 is reported once: the shares
computed from it are judged against the sum of the parts as well, and pass if either fits.
"""

from __future__ import annotations

import re
from typing import Optional

from ..cache import compile_regex
from ..model import Record, Table
from ..relations.interval import Interval
from ..script import fold_figures
from .base import Context

# Compiled by ``regex`` through the start-up cache: the stdlib would compile these fifteen
# patterns afresh in every run, tables or not (about 2 ms of a cold start).
_NUMBER = compile_regex(r"[+\-−－]?\d+(?:\.\d+)?")
_THOUSANDS = compile_regex(r"(?<=\d)[,，](?=\d{3}(?!\d))")
_UNIT_NOTE = compile_regex(r"单位[:：]\s*([^\s，,。；;）)]{1,6})")
_TOTAL = compile_regex(r"^(?:合计|总计|总合计|小计|共计|总数)[:：]?$")
_SUBITEM = compile_regex(r"^(?:其中|含|内含|包括)")
_LEVELS = (compile_regex(r"^[一二三四五六七八九十]+[、.．]"), compile_regex(r"^[（(][一二三四五六七八九十]+[）)]"),
           compile_regex(r"^\d+[.、．]"))
_SHARE = compile_regex(r"占比|比重|所占比例|构成")
_GROWTH = compile_regex(r"增长|增幅|同比|环比|增减|比上年|较上年")
_RATE = compile_regex(r"完成率|完成比例|完成进度|执行率")
_PLAN = compile_regex(r"计划|目标|预算|任务")
_DONE = compile_regex(r"完成|实际|执行|实绩")
_YEAR = compile_regex(r"(?<!\d)(19|20)\d\d(?!\d)")
_EARLIER = compile_regex(r"上年|去年|上期|同期|基期|上一年")
_LATER = compile_regex(r"本年|今年|本期|当年|本月|本季")


class Column(Record):
    index: int
    header: str  # the header rows' texts of this column, simplified, spaces removed


def run(ctx: Context) -> None:
    report = ctx.report
    for table in report.tables:
        if report.segment is not None and not report.segment[0] <= table.start < report.segment[1]:
            continue  # another segment's report checks it
        if table.rows >= 2 and table.cols >= 2:
            _check_table(ctx, table)


def _check_table(ctx: Context, table: Table) -> None:
    grid = table.grid()
    values = [[_value(cell.text) if cell is not None else None for cell in row] for row in grid]
    top = next((r for r, row in enumerate(values) if any(v is not None for v in row[1:])), None)
    if top is None or top == 0:
        return  # no figures, or no header to say what the columns are
    simplified = ctx.report.simplified or ctx.report.text
    read = lambda cell: simplified[cell.start:cell.end] if cell is not None else ""  # noqa: E731
    columns = [Column(c, _squash(" ".join(dict.fromkeys(read(grid[r][c]) for r in range(top)))))
               for c in range(table.cols)]
    labels = [_squash(read(row[0])) for row in grid]
    body = list(range(top, table.rows))
    unit = _unit(simplified, table, columns)
    where = lambda cell: f"表{table.number} 第{cell.row + 1}行 第{cell.col + 1}列"  # noqa: E731
    plain = [c for c in columns[1:] if not _derived(c.header) and any(values[r][c.index] for r in body)
             and not any(values[r][c.index] and values[r][c.index].percent for r in body)]

    sums: dict[tuple[int, int], Interval] = {}  # (row, col) of a total cell → the sum of its parts
    for r in body:
        if not _TOTAL.match(labels[r]):
            continue
        parts = _part_rows(labels, body, r)
        for column in plain:
            total, computed = _total_and_sum(values[r][column.index], [values[p][column.index] for p in parts])
            if total is None or computed is None:
                continue
            sums[(r, column.index)] = computed
            if not computed.meets(total.iv):
                cell = grid[r][column.index]
                ctx.emit("ZJ212", cell.start, cell.end,
                         f"{where(cell)}：“{labels[r]}”{_show(total, unit)}与上面各行之和{_show_iv(computed, total, unit)}不符")

    for column in columns[1:]:
        if _TOTAL.match(column.header):
            parts = [c for c in plain if c.index < column.index and c.index > 0]
            for r in body:
                total, computed = _total_and_sum(values[r][column.index], [values[r][c.index] for c in parts])
                if total is not None and computed is not None and not computed.meets(total.iv):
                    cell = grid[r][column.index]
                    ctx.emit("ZJ212", cell.start, cell.end,
                             f"{where(cell)}：合计{_show(total, unit)}与同行各列之和{_show_iv(computed, total, unit)}不符")
        elif _SHARE.search(column.header) and not _RATE.search(column.header):
            _check_shares(ctx, grid, values, labels, body, column, plain, sums, where)
        elif _GROWTH.search(column.header) and "降" not in column.header:
            _check_growth(ctx, grid, values, body, column, plain, where)
        elif _RATE.search(column.header):
            _check_rate(ctx, grid, values, body, column, plain, where)


def _check_shares(ctx, grid, values, labels, body, column, plain, sums, where) -> None:
    base = next((c for c in reversed(plain) if c.index < column.index), None)
    totals = [r for r in body if _TOTAL.match(labels[r]) and not labels[r].startswith("小计")]
    if base is None or not totals:
        return
    t = totals[-1]
    total = _figure(values, t, base.index)
    if total is None:
        return
    bases = [total.iv] + ([sums[(t, base.index)]] if (t, base.index) in sums else [])
    for r in body:
        share, part = _figure(values, r, column.index), _figure(values, r, base.index)
        if r == t or share is None or part is None:
            continue
        computed = [(part.iv / b).scale(100) for b in bases]
        if all(c.determined and not c.meets(share.iv) for c in computed):
            cell = grid[r][column.index]
            ctx.emit("ZJ213", cell.start, cell.end,
                     f"{where(cell)}：占比 {share.text} 与 {part.text} ÷ {total.text} = {computed[0].mid:.2f}% 不符")


def _check_growth(ctx, grid, values, body, column, plain, where) -> None:
    earlier, later = _periods([c for c in plain if c.index < column.index])
    if earlier is None or later is None:
        return
    for r in body:
        stated, before, after = (_figure(values, r, c.index) for c in (column, earlier, later))
        if stated is None or before is None or after is None:
            continue
        percent = stated.percent or bool(re.search(r"%|率|幅", column.header))
        computed = ((after.iv - before.iv) / before.iv).scale(100) if percent else after.iv - before.iv
        if computed.determined and not computed.meets(stated.iv):
            cell = grid[r][column.index]
            shown = f"{computed.mid:.2f}%" if percent else f"{computed.mid:g}"
            ctx.emit("ZJ214", cell.start, cell.end,
                     f"{where(cell)}：{stated.text} 与 {before.text} 到 {after.text} 的变化 {shown} 不符")


def _check_rate(ctx, grid, values, body, column, plain, where) -> None:
    plans = [c for c in plain if _PLAN.search(c.header)]
    done = [c for c in plain if _DONE.search(c.header) and not _PLAN.search(c.header)]
    if len(plans) != 1 or len(done) != 1:
        return
    for r in body:
        stated, plan, actual = (_figure(values, r, c.index) for c in (column, plans[0], done[0]))
        if stated is None or plan is None or actual is None:
            continue
        computed = (actual.iv / plan.iv).scale(100)
        if computed.determined and not computed.meets(stated.iv):
            cell = grid[r][column.index]
            ctx.emit("ZJ215", cell.start, cell.end,
                     f"{where(cell)}：完成率 {stated.text} 与 {actual.text} ÷ {plan.text} = {computed.mid:.2f}% 不符")


class _Figure(Record):
    iv: Interval
    text: str
    percent: bool


def _value(text: str) -> Optional[_Figure]:
    """The figure a cell holds (``1,234.5``, ``95.1%``, ``-3.2``), or None: a cell with words."""
    written = text.strip()
    folded = _THOUSANDS.sub("", fold_figures(written)).replace(" ", "")
    percent = folded.endswith("%")
    number = folded[:-1] if percent else folded
    if not _NUMBER.fullmatch(number):
        return None
    value = float(number.replace("−", "-").replace("－", "-"))
    decimals = len(number.split(".")[1]) if "." in number else 0
    half = 0.5 * 10 ** -decimals if decimals else 0.0
    return _Figure(Interval(value - half, value + half), written, percent)


def _figure(values, r: int, c: int) -> Optional[_Figure]:
    return values[r][c] if c < len(values[r]) else None


def _total_and_sum(total: Optional[_Figure], parts: list[Optional[_Figure]]
                   ) -> tuple[Optional[_Figure], Optional[Interval]]:
    """A total cell and the sum of its parts' cells; (total, None) unless there are two parts
    or more and every one holds a figure."""
    if total is None or len(parts) < 2 or None in parts:
        return total, None
    computed = Interval.exact(0.0)
    for part in parts:
        computed = computed + part.iv  # type: ignore[union-attr]
    return total, computed


def _part_rows(labels: list[str], body: list[int], total_row: int) -> list[int]:
    """The rows a total row adds up, read upwards to the previous total.  A 合计 below 小计 rows
    adds the 小计 rows and the rows after the last of them, not the rows a 小计 already adds.
    Sub-items (其中…) are left out; where labels are numbered at several levels (一、 then 1.)
    only the top level counts, and a mix of numbered and unnumbered rows is not added up."""
    subtotal = labels[total_row].startswith("小计")
    parts: list[int] = []
    inside_subtotal = False
    for r in reversed([r for r in body if r < total_row]):
        if _TOTAL.match(labels[r]):
            if subtotal or not labels[r].startswith("小计"):
                break
            parts.append(r)
            inside_subtotal = True
        elif not inside_subtotal and not _SUBITEM.match(labels[r]):
            parts.append(r)
    rows = [r for r in parts if not _TOTAL.match(labels[r])]
    levels = {r: next((n for n, pattern in enumerate(_LEVELS) if pattern.match(labels[r])), None) for r in rows}
    known = {n for n in levels.values() if n is not None}
    if known:
        if None in levels.values():
            return []
        parts = [r for r in parts if r not in levels or levels[r] == min(known)]
    return sorted(parts)


def _periods(columns: list[Column]) -> tuple[Optional[Column], Optional[Column]]:
    """The earlier and the later of two period columns, as their headers tell (years, 上年/本年);
    (None, None) when they do not."""
    dated = [(int(m.group()), c) for c in columns if (m := _YEAR.search(c.header))]
    if len({year for year, _ in dated}) >= 2:
        dated.sort(key=lambda pair: pair[0])
        return dated[-2][1], dated[-1][1]
    earlier = [c for c in columns if _EARLIER.search(c.header)]
    later = [c for c in columns if _LATER.search(c.header) and not _EARLIER.search(c.header)]
    if len(earlier) == 1 and len(later) == 1:
        return earlier[0], later[0]
    return None, None


def _derived(header: str) -> bool:
    """A column computed from others (a share, a growth, a rate): never a part of a sum."""
    return bool(_SHARE.search(header) or _GROWTH.search(header) or _RATE.search(header)
                or re.search(r"率|%|％|百分", header))


def _unit(text: str, table: Table, columns: list[Column]) -> str:
    """The unit a header note gives the table (单位：万元), on the line above it or in a header."""
    above = text[max(0, text.rfind("\n", 0, max(table.start - 1, 0)) + 1):table.start]
    for source in (above, *(c.header for c in columns)):
        m = _UNIT_NOTE.search(source)
        if m:
            return m.group(1)
    return ""


def _squash(text: str) -> str:
    """A label or header without spaces (合 计 → 合计)."""
    return re.sub(r"\s+", "", text)


def _show(figure: _Figure, unit: str) -> str:
    return f" {figure.text}{unit if not figure.percent else ''} "


def _show_iv(iv: Interval, like: _Figure, unit: str) -> str:
    decimals = len(like.text.split(".")[1].rstrip("%")) if "." in like.text else 0
    return f" {iv.mid:,.{decimals}f}{unit} "
