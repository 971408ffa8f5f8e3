"""A time limit on each pattern rule's scan that costs nothing per match.

Why not ``regex``'s own ``timeout=``: it reads the process's CPU clock at every call and match
(``CLOCK_PROCESS_CPUTIME_ID``, a system call, not the vDSO): 1-5 microseconds each, more than
the match itself for a rule with tens of thousands of hits, and more than a trigger saves on a
text where its words are frequent.  Where the process can take a signal (the main thread of a
POSIX process, with SIGVTALRM unused), one CPU-time alarm guards a rule's whole scan instead:
both engines look for signals while they match, so the alarm's TimeoutError stops a runaway
pattern as the timeout did (and the stdlib engine, which has no timeout, is guarded too).
Elsewhere (a server's worker threads, Windows) every ``regex`` call gets ``timeout=`` as before,
and a rule on the stdlib engine (``matcher: re``) has no limit there, as it never had.

The alarm counts CPU time of the process, as the timeout does.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator, Optional


class _ScanInterrupted(BaseException):
    """What the alarm raises inside a scan.  Not an ``Exception``: code the scan calls (a
    converter's fallback, the start-up cache) may catch every ``Exception`` or ``OSError``,
    which a TimeoutError is, and the scan would then go on with no limit.  :meth:`ScanLimit.scan`
    turns it into a TimeoutError once it has left the scan."""


class ScanLimit:
    """Used around a run of pattern rules: ``options`` are what each regex call takes, and
    ``with limit.scan():`` guards one rule's scan (a TimeoutError past ``seconds`` of CPU).

    Only the scan (finding the hits) belongs inside ``scan()``: the alarm may stop it at any
    step, so nothing of what it found must be kept yet."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.alarm = False  # whether the alarm guards the scans (else each call has its timeout)
        self._armed = False
        self._previous = None

    def __enter__(self) -> "ScanLimit":
        if _alarm_free():
            self._previous = signal.signal(signal.SIGVTALRM, self._on_alarm)
            self.alarm = True
        return self

    def __exit__(self, *exc_info) -> None:
        if self.alarm:
            self._armed = False
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
            signal.signal(signal.SIGVTALRM, self._previous)
            self.alarm = False

    @property
    def options(self) -> dict:
        """The keyword arguments of each ``regex`` call inside the scans."""
        return {} if self.alarm else {"timeout": self.seconds}

    @contextmanager
    def scan(self) -> Iterator[None]:
        if not self.alarm:
            yield
            return
        self._armed = True
        signal.setitimer(signal.ITIMER_VIRTUAL, self.seconds)
        try:
            yield
        except _ScanInterrupted:
            raise TimeoutError(f"a pattern scan took more than {self.seconds:g} s") from None
        finally:
            # Disarmed first: an alarm that fired just before is then ignored by the handler
            # (the scan it would have stopped is done).
            self._armed = False
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)

    def _on_alarm(self, signum: int, frame) -> None:
        if self._armed:
            self._armed = False
            raise _ScanInterrupted


def _alarm_free() -> bool:
    """Whether this thread may use the CPU-time alarm: signals reach the main thread only, and
    a program that set its own SIGVTALRM handler or timer keeps them."""
    if not (hasattr(signal, "setitimer") and hasattr(signal, "SIGVTALRM")):
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    previous: Optional[object] = signal.getsignal(signal.SIGVTALRM)
    return previous == signal.SIG_DFL and signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)
