"""The annotated copy in a real word processor: LibreOffice (Debian's package, installed by
``.ci/run``; the test skips without it) opens it, sees the tracked changes as tracked changes,
accepts them all, and saves; the accepted document reads as ``--fix`` writes the same text, and
linting it again no longer reports what was fixed.  The first page, rendered with its comments
in the margin, is kept as a PNG in the test's temp folder.

LibreOffice is driven by a Basic macro in a private user profile (no Python-UNO bridge needed).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from test_annotate import seed_docx
from zongjie_nlp.formats.docx_comments import annotate
from zongjie_nlp.linter import apply_edits, fix_edits, lint_report
from zongjie_nlp.parser import parse_source
from zongjie_nlp.source import read_path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs it)")

MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub AcceptAll(inPath As String, outPath As String, countPath As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), &quot;_blank&quot;, 0, load())
  f = FreeFile()
  Open countPath For Output As #f
  Print #f, doc.getRedlines().getCount()
  Close #f
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  helper.executeDispatch(doc.getCurrentController().getFrame(), &quot;.uno:AcceptAllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;MS Word 2007 XML&quot;
  doc.storeToURL(ConvertToURL(outPath), store())
  doc.close(True)
End Sub
</script:module>
"""


def _soffice(profile: Path, *args: str, timeout: int = 180) -> None:
    """Run LibreOffice; its exit status is not read (a ``macro:`` run exits 1 after it has
    worked): callers check the files it was to write."""
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--invisible", *args],
                   timeout=timeout, capture_output=True)


@pytest.fixture(scope="module")
def profile(tmp_path_factory) -> Path:
    """A LibreOffice user profile holding the macro."""
    folder = tmp_path_factory.mktemp("lo-profile")
    _soffice(folder, "--terminate_after_init")
    module = folder / "user" / "basic" / "Standard" / "Module1.xba"
    assert module.exists(), "LibreOffice did not create its user profile"
    module.write_text(MACRO, encoding="utf-8")
    return folder


def test_accept_all_in_libreoffice_gives_the_fixed_text(tmp_path, profile):
    source = seed_docx(tmp_path / "seed.docx")
    report = parse_source(read_path(str(source)))
    findings = lint_report(report)
    out = tmp_path / "seed.annotated.docx"
    result = annotate(report, findings, str(out))
    assert result.revisions > 100

    accepted, count = tmp_path / "accepted.docx", tmp_path / "count.txt"
    _soffice(profile, f'macro:///Standard.Module1.AcceptAll("{out}","{accepted}","{count}")')
    assert accepted.exists() and count.exists(), "LibreOffice did not run the macro"
    assert int(count.read_text().strip()) >= result.revisions  # each change is a LibreOffice redline
    fixed = apply_edits(report.text, fix_edits(findings))
    again = parse_source(read_path(str(accepted)))
    assert again.text == fixed
    assert not [f for f in lint_report(again) if f.has_safe_fix()]  # the fixed findings are gone

    # The first page with its comments in the margin, for a person to look at.
    _soffice(profile, "--convert-to", 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}',
             "--outdir", str(tmp_path), str(out))
    pdf = tmp_path / "seed.annotated.pdf"
    assert pdf.exists() and pdf.stat().st_size > 0
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                       check=True, timeout=60)
        assert list(tmp_path.glob("page*.png"))
