"""One pattern rule's scan stops past its time limit (:mod:`zongjie_nlp.checks.scan_limit`): by a
CPU-time alarm in the main thread, by each call's own timeout elsewhere.  The rule is then said
not checked (ZJ719), the other rules' findings stay, and the alarm leaves no handler or timer
behind."""

from __future__ import annotations

import signal
import threading

import pytest

import zongjie_nlp
from zongjie_nlp.checks import patterns, run_checks

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGVTALRM"), reason="no SIGVTALRM on this platform")

# A user's rule that backtracks exponentially on a run of a without a c after it.
RUNAWAY_RULE = """\
- id: HOUSE09
  name: runaway
  category: typo
  severity: warning
  summary: 示例规则：回溯失控的模式
  why: 测试时间上限。
  source: 测试
  pattern: '{pattern}'
  {matcher}
  examples:
    - good: "全年工作顺利。"
"""
TEXT = "某单位2026年工作总结\n一、主要工作\n全年工作顺利,各项任务完成。\n" + "a" * 40 + "\n"


def _folder(tmp_path, pattern: str = "(?:a|aa)+c", matcher: str = "") -> str:
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "runaway.yaml").write_text(RUNAWAY_RULE.format(pattern=pattern, matcher=matcher), encoding="utf-8")
    return str(folder)


def _check(folder: str) -> list:
    report = zongjie_nlp.parse(TEXT)
    return run_checks(report, select=["HOUSE09", "ZJ401", "ZJ719"], extra_rules=(folder,))


def _said_unfinished(findings) -> bool:
    return any(f.rule == "ZJ719" and "HOUSE09" in f.details[0]["unfinished"] for f in findings)


@pytest.mark.parametrize("matcher", ["", "matcher: re"])
def test_a_runaway_pattern_is_stopped_by_the_alarm_and_said_unfinished(tmp_path, monkeypatch, matcher):
    monkeypatch.setattr(patterns, "SCAN_SECONDS", 0.3)
    findings = _check(_folder(tmp_path, matcher=matcher))
    assert _said_unfinished(findings)
    assert any(f.rule == "ZJ401" for f in findings)  # the other rules ran
    assert signal.getsignal(signal.SIGVTALRM) == signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)


def test_outside_the_main_thread_each_call_has_its_timeout(tmp_path, monkeypatch):
    monkeypatch.setattr(patterns, "SCAN_SECONDS", 0.3)
    folder = _folder(tmp_path)
    found: list = []
    worker = threading.Thread(target=lambda: found.extend(_check(folder)))
    worker.start()
    worker.join(60)
    assert not worker.is_alive() and _said_unfinished(found)


def test_a_programs_own_alarm_handler_is_left_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(patterns, "SCAN_SECONDS", 0.3)
    calls = []

    def own(signum, frame):
        calls.append(signum)

    previous = signal.signal(signal.SIGVTALRM, own)
    try:
        findings = _check(_folder(tmp_path))
        assert signal.getsignal(signal.SIGVTALRM) is own
    finally:
        signal.signal(signal.SIGVTALRM, previous)
    assert _said_unfinished(findings) and not calls  # stopped by the call's timeout, not the alarm


def test_a_scan_that_finishes_in_time_keeps_its_findings(tmp_path, monkeypatch):
    monkeypatch.setattr(patterns, "SCAN_SECONDS", 5)
    findings = _check(_folder(tmp_path, pattern="a{40}"))
    assert [f.rule for f in findings if f.rule.startswith("HOUSE")] == ["HOUSE09"]
    assert not any(f.rule == "ZJ719" for f in findings)


def test_the_alarm_guards_the_main_thread_and_the_timeout_other_threads():
    from zongjie_nlp.checks.scan_limit import ScanLimit

    with ScanLimit(2) as limit:
        assert limit.alarm and limit.options == {}  # no clock read per call
    seen = []

    def in_thread():
        with ScanLimit(2) as limit:
            seen.append((limit.alarm, limit.options))

    worker = threading.Thread(target=in_thread)
    worker.start()
    worker.join()
    assert seen == [(False, {"timeout": 2})]


def test_code_that_catches_every_exception_cannot_swallow_the_alarm():
    """A scan may call code with ``except Exception`` (a converter's fallback): the alarm still
    ends the scan, as a TimeoutError once it has left it."""
    import time

    from zongjie_nlp.checks.scan_limit import ScanLimit

    began = time.process_time()
    with ScanLimit(0.2) as limit, pytest.raises(TimeoutError):
        with limit.scan():
            while time.process_time() - began < 5:  # (bounded: a swallowed alarm fails, not hangs)
                try:
                    sum(range(10_000))
                except Exception:
                    pass
    assert time.process_time() - began < 5
