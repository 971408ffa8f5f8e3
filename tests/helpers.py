"""What several test modules share: the seed page, a complete clean summary, and the
``[[…]]`` span marker used by rule examples."""

from __future__ import annotations

from pathlib import Path

from zongjie_nlp.checks import unmark  # the [[…]] marker of rule examples, read in one place

__all__ = ["COMPLETE_SUMMARY", "REPO", "SEED", "unmark"]

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "corpora" / "seed" / "union-annual-summaries.txt"

# A short summary with every part a 工作总结 is expected to have, and nothing to flag.
COMPLETE_SUMMARY = """临江市总工会2024年工作总结
2024年，临江市总工会在市委的坚强领导下，坚持以职工为中心，扎实推进各项工作，全年目标任务全面完成。现将一年来的工作总结如下。
一、主要工作及成效
全年新建工会组织11家，新发展会员1260人；春节期间筹集慰问资金13.02万元，走访慰问困难职工240人。
二、存在的问题
一是部分非公企业工会作用发挥不够充分；二是基层工会干部多为兼职，业务能力有待提高。
三、经验体会
必须始终坚持党的领导，必须始终坚持以职工为中心，必须始终坚持改革创新。
四、2025年工作打算
巩固建会成果，深化精准帮扶，加强队伍建设。
临江市总工会
2024年12月20日"""
