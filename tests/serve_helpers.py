"""What the tests of `zongjie serve` share: the sample page as a .docx, the comments of a
.docx, and `zongjie serve` started on a free port."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def make_docx(text: str, path: Path) -> None:
    """A Word document of ``text``, one paragraph per line (python-docx)."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(str(path))


def comment_texts(data: bytes) -> list[str]:
    """The text of every comment of a .docx, in order (read from word/comments.xml)."""
    from xml.etree import ElementTree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/comments.xml" not in archive.namelist():
            return []
        root = ElementTree.fromstring(archive.read("word/comments.xml"))
    return ["\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.iter(f"{W}p"))
            for c in root.iter(f"{W}comment")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(cwd: Path, *args: str, timeout: float = 60.0) -> Iterator[tuple[str, subprocess.Popen]]:
    """`zongjie serve --port P ARGS` started in ``cwd``: its URL once /healthz answers, and the
    process; stopped (SIGTERM) at the end.  Its stderr is collected in the process's ``log``."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from zongjie_nlp.cli import main; main()", "serve", "--port", str(port), *args],
        cwd=cwd, env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(url + "healthz", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("zongjie serve did not start") from None
                time.sleep(0.2)
        yield url, process
    finally:
        process.terminate()
        try:
            _, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
        process.log = err.decode("utf-8", "replace")  # type: ignore[attr-defined]
