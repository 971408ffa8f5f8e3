"""What a lint compiles, compiled once: the start-up cache a wheel ships.

Why: a run with an empty start-up cache (:mod:`zongjie_nlp.cache`), the first run of every
fresh install (a CI job, a container, a server's first request), spends about 0.25 CPU-s
compiling patterns and parsing the rules' YAML before it reads its input.  The wheel build
(``hatch_build.py``) runs ``python -m zongjie_nlp.warmup FOLDER`` on the source tree with
caching off: it imports the package, loads every rule, compiles every pattern, runs every
rule's examples and lints a short summary in each script, then writes what that compiled as
the file the wheel ships (:func:`zongjie_nlp.cache.write_shipped`).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

# The modules of the optional extras: they compile no pattern, and importing them would import
# spaCy, pygls, Starlette or Dask where installed (seconds), or fail where not.
EXTRAS = ("zongjie_nlp.spacy", "zongjie_nlp.lsp", "zongjie_nlp.service", "zongjie_nlp.archive")

SUMMARY = """关于2024年度工作情况的总结

今年以来，我局在县委、县政府的正确领导下，认真落实各项工作任务，现将有关情况总结如下。

一、主要工作完成情况

（一）经济运行稳中有进。全年完成地区生产总值125.6亿元，同比增长6.5%，比上年提高0.3个百分点。
规上工业企业由上年的36家增加到41家，新增5家。固定资产投资完成38亿元，其中工业投资12亿元、
基础设施投资26亿元，分别增长8.2%和5.1%。

（二）民生保障持续加强。发放救助资金三千二百万元，惠及困难群众1.2万人次，人均补助约2667元。
新建学校2所、卫生院3个，共5个项目，完成率100%。一是完善制度；二是加强监督；三是强化考核。
近三年累计完成投资120亿元，年均增长8%，其中今年完成45亿元。
全年重点抓好以下五项工作：一是抓项目，二是抓招商，三是抓改革，四是抓民生，五是抓党建。
过去一年，新建农村公路126公里，新增养老床位800张。
五年来，我们坚持民生优先，新建农村公路540公里，年均新建108公里。

1.城镇新增就业2300人，完成年度目标的115%。
2.农村居民人均可支配收入18,600元，增长7.0％。

二、存在的问题

部分项目进度滞后,资金到位率仅为85%。个别单位对工作重视不够 ，落实不到位。

三、下一步工作打算

明年，我们将继续坚持稳中求进工作总基调，力争全年增长6%以上。

××县××局
2024年12月30日
"""


def import_all() -> list[str]:
    """Import every module of the package but the extras' (:data:`EXTRAS`); the names of
    those that could not be imported (a dependency missing where the wheel is built)."""
    import zongjie_nlp

    failed = []
    for module in pkgutil.walk_packages(zongjie_nlp.__path__, "zongjie_nlp."):
        name = module.name
        if any(name == extra or name.startswith(extra + ".") for extra in EXTRAS):
            continue
        try:
            importlib.import_module(name)
        except ImportError:
            failed.append(name)
    return failed


def warm_up() -> None:
    """Compile what linting compiles: every rule's patterns, every rule's examples checked,
    and :data:`SUMMARY` linted in simplified and in traditional script, as a parsed report and
    as an input read a segment at a time, and repeated into a long page (a long input takes
    paths of its own: the quantity scanner, the rules' patterns compiled for the stdlib engine)."""
    from . import check
    from .checks import all_rules, example_failures, load_pattern_rules, logic_checks
    from .linter.run import lint_source
    from .quantities import FAST_SCAN_MIN
    from .script import to_traditional_chars
    from .source import read_bytes

    for prule in load_pattern_rules():
        prule.pattern
        prule.trigger
    logic_checks()
    example_failures(all_rules().values())
    for text in (SUMMARY, to_traditional_chars(SUMMARY)):
        check(text=text, show_verified=True)
        lint_source(read_bytes(text.encode("utf-8"), "summary.txt"))
        page = "\n\n".join([text] * (FAST_SCAN_MIN // len(text) + 1))
        lint_source(read_bytes(page.encode("utf-8"), "page.txt"))


def main(argv: list[str]) -> int:
    """``python -m zongjie_nlp.warmup FOLDER``: warm up and write the shipped file into
    FOLDER; prints its path."""
    from .cache import write_shipped
    from .resources import rules_dir

    if len(argv) != 1:
        print("usage: python -m zongjie_nlp.warmup FOLDER", file=sys.stderr)
        return 2
    not_imported = import_all()
    if not_imported:  # (whatever they compile at import is then missing from the file)
        print(f"warm-up: not imported: {', '.join(not_imported)}", file=sys.stderr)
    warm_up()
    print(write_shipped(argv[0], rules_dir()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
