"""`zongjie serve` in a real browser: headless Chromium (Debian's package, driven by
Playwright without a browser download of its own) loads the page, uploads the sample page
as a .docx, sees the highlights and the summary, filters them, and downloads the annotated
.docx and the JSON, which must be what `zongjie-lint --annotate` and `--format json` write.

Last year's summary goes along as the optional second file (ZJ216).  The server is
`zongjie serve` on a free port, started for the module and stopped after it.  Screenshots
are kept in the test's temporary folder.  Skipped without /usr/bin/chromium, Playwright or
the serve extra.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("starlette", reason="the serve extra is not installed: pip install '.[serve]'")
pytest.importorskip("uvicorn", reason="the serve extra is not installed: pip install '.[serve]'")
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")

from zongjie_nlp.cli import main  # noqa: E402

from serve_helpers import comment_texts, make_docx, running_server  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed" / "union-annual-summaries.txt"
CHROMIUM = "/usr/bin/chromium"

if not (os.path.exists(CHROMIUM) and shutil.which(CHROMIUM)):
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The sample page as sample.docx and sample.txt, and what the command line says of it."""
    folder = tmp_path_factory.mktemp("serve-browser")
    make_docx(SEED.read_text(encoding="utf-8"), folder / "sample.docx")
    shutil.copy(SEED, folder / "sample.txt")
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        CliRunner().invoke(main, ["lint", "sample.docx", "--annotate", "cli.annotated.docx"])
        (folder / "cli.json").write_text(CliRunner().invoke(main, ["lint", "sample.docx", "--format", "json"]).stdout,
                                         encoding="utf-8")
    finally:
        os.chdir(cwd)
    return folder


@pytest.fixture(scope="module")
def server(folder):
    """`zongjie serve --port P` in the sample's folder (the same configuration as the CLI's)."""
    with running_server(folder) as (url, _):
        yield url


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    page.goto(server)
    yield page
    context.close()


def _check(page, shot: Path) -> None:
    page.click("#run")
    page.wait_for_selector("#result:not([hidden])", timeout=120_000)
    page.frame_locator("#report").locator("table.summary").wait_for()
    page.screenshot(path=str(shot), full_page=False)


def test_upload_docx_shows_report_and_downloads_annotated_copy(page, server, folder, tmp_path):
    expected = json.loads((folder / "cli.json").read_text(encoding="utf-8"))
    page.set_input_files("#file", str(folder / "sample.docx"))
    _check(page, tmp_path / "report.png")
    assert (tmp_path / "report.png").stat().st_size > 10_000

    # the interface follows the document's script (the sample page is traditional)
    assert page.inner_text("h1") == "工作總結檢查"
    assert f"{len(expected)} 個問題" in page.inner_text("#overall")
    report = page.frame_locator("#report")
    assert report.locator("mark.hl").count() >= len(expected)
    summary = report.locator("table.summary").inner_text()
    assert "問題彙總" in summary and str(len(expected)) in summary
    assert report.locator("table.verified tbody tr").count() >= 1  # the verified relations
    assert report.locator("nav.toc a").count() > 3  # the outline

    # filters: a category turned off loses its highlights and notes
    categories = {f["category"] for f in expected}
    assert page.locator("#f-cat input").count() == len(categories)
    punctuation = page.locator('#f-cat input[value="punctuation"]')
    marks = report.locator("mark.hl.cat-punctuation")
    assert marks.count() > 0
    background = marks.first.evaluate("m => getComputedStyle(m).backgroundColor")
    punctuation.uncheck()
    assert marks.first.evaluate("m => getComputedStyle(m).backgroundColor") != background
    assert report.locator(".note.cat-punctuation").first.is_hidden()
    page.locator('#f-sev input[value="warning"]').uncheck()
    assert report.locator(".note.sev-warning").first.is_hidden()
    page.screenshot(path=str(tmp_path / "filtered.png"))

    # the annotated .docx: the comments `zongjie-lint --annotate` writes
    with page.expect_download(timeout=120_000) as download:
        page.click("#dl-docx")
    assert download.value.suggested_filename == "sample.annotated.docx"
    saved = tmp_path / "sample.annotated.docx"
    download.value.save_as(str(saved))
    import docx

    document = docx.Document(str(saved))
    assert any("工會" in p.text or "工会" in p.text for p in document.paragraphs)
    comments = comment_texts(saved.read_bytes())
    assert comments and comments == comment_texts((folder / "cli.annotated.docx").read_bytes())

    # the JSON: what `zongjie-lint --format json` prints
    with page.expect_download() as download:
        page.click("#dl-json")
    assert download.value.suggested_filename == "sample.json"
    assert Path(download.value.path()).read_text(encoding="utf-8") == (folder / "cli.json").read_text(encoding="utf-8")

    # nothing was fetched from anywhere but this server
    fetched = [url for url in page.requested if url.startswith(("http:", "https:"))]
    assert fetched and all(url.startswith(server) for url in fetched), fetched


def test_pasted_text_in_simplified_script(page, tmp_path):
    page.fill("#text", "2025年工作总结\n一、主要工作\n今年完成培训12场,参训人员800人。\n三、下步打算\n继续做好服务工作。")
    page.select_option("#norm", "gb")
    _check(page, tmp_path / "pasted.png")
    assert page.inner_text("h1") == "工作总结检查"
    report = page.frame_locator("#report")
    assert report.locator("mark.hl").count() > 0
    assert "问题汇总" in report.locator("table.summary").inner_text()


def test_a_bad_file_shows_the_error(page, tmp_path):
    bad = tmp_path / "picture.docx"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    page.set_input_files("#file", str(bad))
    page.click("#run")
    page.wait_for_selector("#status.error", timeout=60_000)
    assert "not a valid .docx" in page.inner_text("#status")
    assert page.locator("#result").is_hidden()


def test_last_years_summary_as_the_second_file(page, tmp_path):
    """The optional second file goes as ``previous``: the report then holds ZJ216's findings,
    which cite last year's summary."""
    pair = ROOT / "corpora" / "previous"
    page.set_input_files("#file", str(pair / "2025.txt"))
    page.set_input_files("#previous", str(pair / "2024.txt"))
    assert page.inner_text("#previous-chosen") == "2024.txt"
    _check(page, tmp_path / "previous.png")
    assert "上年总结（2024.txt）第 5 行" in page.frame_locator("#report").locator("body").inner_text()
