"""`zongjie serve`: the HTTP API answers what the command line prints, refuses bad input
with a one-line JSON error, and the server starts and stops as a real process.

Starlette's TestClient drives the app in process; one test starts `zongjie serve` on a free
port.  Skipped without the ``serve`` extra (starlette, uvicorn, python-multipart) or httpx.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
import warnings
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("starlette", reason="the serve extra is not installed: pip install '.[serve]'")
pytest.importorskip("httpx", reason="Starlette's TestClient needs httpx")
if not any(importlib.util.find_spec(name) for name in ("python_multipart", "multipart")):
    pytest.skip("python-multipart is not installed: pip install '.[serve]'", allow_module_level=True)

with warnings.catch_warnings():  # newer Starlette would rather have httpx2; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

from zongjie_nlp.cli import main  # noqa: E402
from zongjie_nlp.linter import find_config  # noqa: E402
from zongjie_nlp.service import Settings, create_app  # noqa: E402
from zongjie_nlp.service import work  # noqa: E402

from serve_helpers import comment_texts, make_docx, running_server  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed" / "union-annual-summaries.txt"
SPEC = ROOT / "examples" / "union-annual-2025.yaml"
SPEC_JSON = ROOT / "examples" / "department-report.json"
PAIR = ROOT / "corpora" / "previous"  # 2025.txt and last year's 2024.txt


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A folder with the sample page as sample.txt and sample.docx, as the working folder
    (the CLI and the app then find the same configuration: none)."""
    shutil.copy(SEED, tmp_path / "sample.txt")
    make_docx(SEED.read_text(encoding="utf-8"), tmp_path / "sample.docx")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def client(workdir):
    with TestClient(create_app(config=find_config())) as test_client:
        yield test_client


def cli(*args: str) -> str:
    return CliRunner().invoke(main, list(args)).stdout


def tracked_changes(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return len(re.findall(r"<w:(?:ins|del) ", xml))


# --------------------------------------------------------------------------- the same JSON as the CLI


def test_lint_upload_equals_cli_json(client, workdir):
    expected = cli("lint", "sample.txt", "--format", "json")
    assert json.loads(expected), "the sample page has findings"
    with open("sample.txt", "rb") as handle:
        response = client.post("/api/lint", files={"file": ("sample.txt", handle, "text/plain")})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.text == expected  # byte for byte, the final newline included


def test_lint_text_and_raw_body_equal_cli_json(client, workdir):
    expected = cli("lint", "sample.txt", "--format", "json")
    text = (workdir / "sample.txt").read_text(encoding="utf-8")
    assert client.post("/api/lint", json={"text": text, "name": "sample.txt"}).text == expected
    raw = client.post("/api/lint?name=sample.txt", content=text.encode("utf-8"),
                      headers={"Content-Type": "text/plain"})
    assert raw.text == expected


def test_lint_docx_upload_equals_cli_json(client, workdir):
    expected = cli("lint", "sample.docx", "--format", "json")
    with open("sample.docx", "rb") as handle:
        response = client.post("/api/lint", files={"file": ("sample.docx", handle)})
    assert response.status_code == 200
    assert response.text == expected


@pytest.mark.parametrize("options, args", [
    ({"select": ["ZJ1", "punctuation"]}, ["--select", "ZJ1,punctuation"]),
    ({"ignore": "script,ZJ7"}, ["--ignore", "script,ZJ7"]),
    ({"norm": "tw", "genre": "duty-report"}, ["--norm", "tw", "--genre", "duty-report"]),
    ({"show_verified": True, "severity": "warning"}, ["--show-verified", "--severity", "warning"]),
])
def test_lint_options_as_on_the_cli(client, workdir, options, args):
    expected = cli("lint", "sample.txt", "--format", "json", *args)
    text = (workdir / "sample.txt").read_text(encoding="utf-8")
    response = client.post("/api/lint", json={"text": text, "name": "sample.txt", **options})
    assert response.status_code == 200, response.text
    assert response.text == expected


def test_form_options_as_on_the_cli(client, workdir):
    expected = cli("lint", "sample.txt", "--format", "json", "--select", "ZJ1", "--select", "ZJ4", "--show-verified")
    with open("sample.txt", "rb") as handle:
        response = client.post("/api/lint", files={"file": ("sample.txt", handle)},
                               data={"select": ["ZJ1", "ZJ4"], "show_verified": "true"})
    assert response.text == expected


def test_outline_and_rules_equal_cli_json(client, workdir):
    with open("sample.txt", "rb") as handle:
        outline = client.post("/api/outline", files={"file": ("sample.txt", handle)})
    assert outline.text == cli("outline", "sample.txt", "--format", "json")
    rules = client.get("/api/rules")
    assert rules.status_code == 200
    assert rules.text == cli("rules", "--format", "json")


def test_draft_equals_cli(client, workdir):
    expected = cli("draft", str(SPEC))
    body = SPEC.read_bytes()
    response = client.post("/api/draft", content=body, headers={"Content-Type": "application/yaml"})
    assert response.status_code == 200
    assert response.text == expected
    as_json = client.post("/api/draft", content=SPEC_JSON.read_bytes(), headers={"Content-Type": "application/json"})
    assert as_json.status_code == 200
    assert as_json.text == cli("draft", str(SPEC_JSON))
    markdown = client.post("/api/draft?format=markdown", content=body, headers={"Content-Type": "application/yaml"})
    assert markdown.text == cli("draft", str(SPEC), "--format", "markdown")


def test_draft_bad_spec_is_a_400(client):
    bad = client.post("/api/draft", json={"title": 3})
    assert bad.status_code == 400 and bad.json()["error"]
    alias = client.post("/api/draft", content=b"a: &x 1\nb: *x\n", headers={"Content-Type": "application/yaml"})
    assert alias.status_code == 400 and "alias" in alias.json()["error"]
    assert client.post("/api/draft?format=docx", json={}).status_code == 400


# --------------------------------------------------------------------------- the annotated copy


def test_annotated_docx_has_the_comments_of_cli_annotate(client, workdir):
    assert CliRunner().invoke(main, ["lint", "sample.docx", "--annotate", "cli.docx"]).exit_code == 1
    expected = (workdir / "cli.docx").read_bytes()
    with open("sample.docx", "rb") as handle:
        response = client.post("/api/annotate", files={"file": ("sample.docx", handle)})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "sample.annotated.docx" in response.headers["content-disposition"]
    comments = comment_texts(response.content)
    assert len(comments) > 5
    assert comments == comment_texts(expected)
    assert tracked_changes(response.content) == tracked_changes(expected) > 0


def test_annotated_docx_of_a_text(client, workdir):
    """A .txt gets a new .docx carrying the same comments, as --annotate makes one."""
    CliRunner().invoke(main, ["lint", "sample.txt", "--annotate", "cli.docx", "--fix-mode", "comments"])
    with open("sample.txt", "rb") as handle:
        response = client.post("/api/annotate", files={"file": ("sample.txt", handle)}, data={"fix_mode": "comments"})
    assert response.status_code == 200
    assert comment_texts(response.content) == comment_texts((workdir / "cli.docx").read_bytes())


def test_fix_modes_are_the_annotators():
    """The API keeps its own copy of the --fix-mode choices (importing the annotator's would load
    the .docx code at start-up): the two stay the same."""
    from zongjie_nlp.formats.docx_comments import FIX_MODES
    from zongjie_nlp.service.inputs import FIX_MODES as API_FIX_MODES

    assert API_FIX_MODES == FIX_MODES


def test_report_payload_for_the_page(client, workdir):
    with open("sample.docx", "rb") as handle:
        payload = client.post("/api/report", files={"file": ("sample.docx", handle)}).json()
    findings = json.loads(cli("lint", "sample.docx", "--format", "json"))
    assert payload["json"] + "\n" == cli("lint", "sample.docx", "--format", "json")
    assert payload["problems"] == len(findings)
    assert payload["verified"] >= 1  # the page shows the relations that check out
    assert payload["script"] == "traditional"
    assert sum(c["count"] for c in payload["categories"]) == len(findings)
    assert payload["html"].count('<mark class="hl') > len(findings) / 2
    assert 'class="summary"' in payload["html"] and 'class="verified"' in payload["html"]


# --------------------------------------------------------------------------- bad input: 4xx JSON


def _is_error(response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert list(body) == ["error"] and body["error"] and "\n" not in body["error"]
    assert "Traceback" not in response.text
    return body["error"]


def test_a_30_mb_upload_is_refused(client):
    big = b"x" * (30 * 1000 * 1000)
    assert "too large" in _is_error(client.post("/api/lint", files={"file": ("big.txt", big)}), 413)
    assert "too large" in _is_error(client.post("/api/lint", content=big, headers={"Content-Type": "text/plain"}),
                                    413)


def test_a_large_body_without_length_is_refused_while_read(workdir):
    """A chunked body (no Content-Length) is counted as it arrives."""
    small = TestClient(create_app(Settings(max_upload_mb=0.01), config=find_config()))

    def chunks():
        for _ in range(100):
            yield b"y" * 1000

    response = small.post("/api/lint", content=chunks(), headers={"Content-Type": "text/plain"})
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert "too large" in _is_error(response, 413)


def test_a_docx_too_large_once_decompressed_is_413(workdir):
    """A small zip may hold a huge document.xml: refused as the command line refuses it."""
    make_docx("统计数据。\n" * 20000, workdir / "long.docx")
    size = (workdir / "long.docx").stat().st_size
    small = TestClient(create_app(Settings(max_upload_mb=size * 2 / 1e6), config=find_config()))
    response = small.post("/api/lint", files={"file": ("long.docx", (workdir / "long.docx").read_bytes())})
    assert "decompressed" in _is_error(response, 413)


@pytest.mark.parametrize("kwargs, status, words", [
    ({"content": b""}, 400, "empty"),
    ({"content": b"", "headers": {"Content-Type": "application/json"}}, 400, "empty"),
    ({"content": b"{\"text\": \"x\"", "headers": {"Content-Type": "application/json"}}, 400, "malformed JSON"),
    ({"content": b"[1, 2", "headers": {"Content-Type": "application/json"}}, 400, "malformed JSON"),
    ({"json": ["text"]}, 400, "object"),
    ({"json": {}}, 400, "no input"),
    ({"json": {"text": 3}}, 400, "string"),
    ({"json": {"text": ""}}, 400, "empty"),
    ({"json": {"text": "   \n"}}, 400, "empty"),
    ({"files": {"file": ("a.bin", bytes(range(256)) * 64)}}, 400, "binary"),
    ({"files": {"file": ("a.docx", b"PK\x03\x04broken")}}, 400, ".docx"),
    ({"files": {"file": ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)}}, 400, "binary"),
    ({"files": {"file": ("a.txt", b"")}}, 400, "empty"),
    ({"files": {"other": ("a.txt", b"abc")}}, 400, "file"),
    ({"json": {"text": "一、工作", "norm": "cn"}}, 400, "norm"),
    ({"json": {"text": "一、工作", "genre": "poem"}}, 400, "genre"),
    ({"json": {"text": "一、工作", "severity": "fatal"}}, 400, "severity"),
    ({"json": {"text": "一、工作", "select": "ZJ999x"}}, 400, "selector"),
    ({"json": {"text": "一、工作", "select": 12}}, 400, "select"),
    ({"json": {"text": "一、工作", "show_verified": "maybe"}}, 400, "show_verified"),
    ({"json": {"text": "一、工作", "colour": "red"}}, 400, "unknown field"),
    ({"content": b"\xff\xfe", "headers": {"Content-Type": "application/json"}}, 400, "malformed JSON"),
    ({"content": b"text", "headers": {"Content-Type": "image/png"}}, 415, "content type"),
    ({"content": b"x", "headers": {"Content-Type": "multipart/form-data; boundary=zz"}}, 400, ""),
])
def test_bad_input_is_a_json_4xx(client, kwargs, status, words):
    message = _is_error(client.post("/api/lint", **kwargs), status)
    assert words in message


def test_a_lone_surrogate_is_refused(client):
    response = client.post("/api/lint", content=b'{"text": "\\ud800"}', headers={"Content-Type": "application/json"})
    assert "surrogate" in _is_error(response, 400)


def test_unknown_route_and_method_are_json(client):
    _is_error(client.get("/api/nothing"), 404)
    _is_error(client.get("/api/lint"), 405)


def test_time_limit_is_a_504(workdir):
    slow = TestClient(create_app(Settings(timeout_s=0.001), config=find_config()))
    text = (workdir / "sample.txt").read_text(encoding="utf-8")
    assert "longer than" in _is_error(slow.post("/api/lint", json={"text": text}), 504)


def test_an_internal_error_is_a_500_without_traceback(workdir, monkeypatch):
    def broken(*args):
        raise RuntimeError("secret detail at /home/someone")

    monkeypatch.setattr(work, "lint_json", broken)
    with TestClient(create_app(config=find_config()), raise_server_exceptions=False) as test_client:
        response = test_client.post("/api/lint", json={"text": "一、工作"})
    message = _is_error(response, 500)
    assert "secret" not in message and "RuntimeError" not in response.text


# --------------------------------------------------------------------------- the page and the description


def test_page_is_self_contained(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.text
    assert "工作总结检查" in page and 'type="file"' in page and "<textarea" in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page), "no external asset"
    assert "http://" not in page and "https://" not in page
    assert "<script src" not in page and "<link" not in page
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp
    assert "工作總結檢查" in page  # the traditional labels, for a traditional document


def test_openapi_describes_every_route(client):
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    described = {(path, method.upper()) for path, item in spec["paths"].items() for method in item}
    routes = {(route.path, method) for route in client.app.routes for method in route.methods if method != "HEAD"}
    assert described == routes
    for path, item in spec["paths"].items():
        for operation in item.values():
            assert "200" in operation["responses"], path


def test_health(client):
    assert client.get("/healthz").json()["status"] == "ok"


# --------------------------------------------------------------------------- last year's summary (ZJ216)


@pytest.fixture
def pair(workdir):
    """This year's and last year's summaries in the working folder, as 2025.txt and 2024.txt."""
    for name in ("2025.txt", "2024.txt"):
        shutil.copy(PAIR / name, workdir / name)
    return (workdir / "2025.txt").read_text(encoding="utf-8"), (workdir / "2024.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("show_verified", [False, True])
def test_lint_with_previous_equals_cli_json(client, pair, show_verified):
    this, last = pair
    flags = ["--show-verified"] if show_verified else []
    expected = cli("lint", "2025.txt", "--previous", "2024.txt", "--format", "json", *flags)
    zj216 = [f for f in json.loads(expected) if f["rule"] == "ZJ216"]
    assert len(zj216) >= 2 and all("2024.txt" in f["message"] for f in zj216)
    if show_verified:  # the matches that agree are listed too, as the CLI lists them
        assert len(zj216) > len([f for f in json.loads(cli("lint", "2025.txt", "--previous", "2024.txt",
                                                             "--format", "json")) if f["rule"] == "ZJ216"])
    options = {"show_verified": "true"} if show_verified else {}
    as_json = client.post("/api/lint", json={"text": this, "name": "2025.txt", "previous": last,
                                             "previous_name": "2024.txt", **options})
    assert as_json.status_code == 200, as_json.text
    assert as_json.text == expected
    with open("2025.txt", "rb") as page, open("2024.txt", "rb") as previous:
        as_form = client.post("/api/lint", files={"file": ("2025.txt", page), "previous": ("2024.txt", previous)},
                              data=options)
    assert as_form.text == expected
    as_form_text = client.post("/api/lint", files={"file": ("2025.txt", this.encode("utf-8"))},
                               data={"previous": last, "previous_name": "2024.txt", **options})
    assert as_form_text.text == expected
    report = client.post("/api/report", json={"text": this, "name": "2025.txt", "previous": last,
                                              "previous_name": "2024.txt", **options}).json()
    assert report["json"] + "\n" == expected


def test_lint_without_previous_has_no_zj216(client, pair):
    """The same page alone: nothing about last year (the findings above come from ``previous``)."""
    response = client.post("/api/lint", json={"text": pair[0], "name": "2025.txt"})
    assert response.status_code == 200
    assert not [f for f in response.json() if f["rule"] == "ZJ216"]


def test_previous_docx_as_on_the_cli(client, pair, workdir):
    make_docx(pair[1], workdir / "2024.docx")
    expected = cli("lint", "2025.txt", "--previous", "2024.docx", "--format", "json")
    assert "ZJ216" in expected
    with open("2025.txt", "rb") as page, open("2024.docx", "rb") as previous:
        response = client.post("/api/lint", files={"file": ("2025.txt", page), "previous": ("2024.docx", previous)})
    assert response.text == expected


def test_annotated_docx_with_previous_has_the_zj216_comment(client, pair):
    with open("2025.txt", "rb") as page, open("2024.txt", "rb") as previous:
        response = client.post("/api/annotate", files={"file": ("2025.txt", page), "previous": ("2024.txt", previous)})
    assert response.status_code == 200, response.text
    comments = comment_texts(response.content)
    assert any("ZJ216" in c and "上年总结（2024.txt）第 5 行" in c and "1.25亿元" in c for c in comments), comments
    alone = client.post("/api/annotate", files={"file": ("2025.txt", pair[0].encode("utf-8"))})
    assert not any("ZJ216" in c and "1.25亿元" in c for c in comment_texts(alone.content))


@pytest.mark.parametrize("request_kwargs, status, words", [
    ({"files": {"file": ("2025.txt", "一、工作".encode("utf-8")), "previous": ("a.bin", bytes(range(256)) * 64)}},
     400, "binary"),
    ({"files": {"file": ("2025.txt", "一、工作".encode("utf-8")), "previous": ("a.docx", b"PK\x03\x04broken")}},
     400, ".docx"),
    ({"files": {"file": ("2025.txt", "一、工作".encode("utf-8")), "previous": ("a.txt", b"")}}, 400, "empty"),
    ({"json": {"text": "一、工作", "previous": 3}}, 400, "string"),
    ({"json": {"text": "一、工作", "previous": ""}}, 400, "empty"),
    ({"json": {"text": "一、工作", "previous_name": "2024.txt"}}, 400, "without previous"),
    ({"files": {"file": ("2025.txt", "一、工作".encode("utf-8")), "previous": ("2024.txt", b"x")},
      "data": {"previous": "一、工作"}}, 400, "not both"),
    ({"content": "一、工作".encode("utf-8"), "params": {"previous": "2024.txt"},
      "headers": {"Content-Type": "text/plain"}}, 400, "raw body"),
])
def test_a_bad_previous_is_a_4xx_naming_it(client, request_kwargs, status, words):
    message = _is_error(client.post("/api/lint", **request_kwargs), status)
    assert message.startswith("previous") and words in message


def test_a_previous_too_large_is_a_413_naming_it(workdir):
    """Last year's summary has the page's size limit: here a .docx too large once decompressed
    (one larger than the upload limit is refused with the whole body, before it is read)."""
    make_docx("统计数据。\n" * 20000, workdir / "long.docx")
    size = (workdir / "long.docx").stat().st_size
    small = TestClient(create_app(Settings(max_upload_mb=size * 2 / 1e6), config=find_config()))
    response = small.post("/api/lint", files={"file": ("2025.txt", "一、工作".encode("utf-8")),
                                              "previous": ("long.docx", (workdir / "long.docx").read_bytes())})
    message = _is_error(response, 413)
    assert message.startswith("previous:") and "decompressed" in message


def test_previous_only_where_it_is_checked(client):
    """/api/outline checks nothing against last year: the field is refused, not ignored."""
    _is_error(client.post("/api/outline", json={"text": "一、工作", "previous": "一、工作"}), 400)
    _is_error(client.post("/api/outline", files={"file": ("a.txt", "一、工作".encode("utf-8")),
                                                 "previous": ("b.txt", "一、工作".encode("utf-8"))}), 400)


# --------------------------------------------------------------------------- the command


def test_serve_starts_answers_and_stops(tmp_path):
    with running_server(tmp_path) as (url, process):
        with urllib.request.urlopen(url + "healthz", timeout=5) as answer:
            assert json.load(answer)["status"] == "ok"
        body = json.dumps({"text": SEED.read_text(encoding="utf-8")}).encode("utf-8")
        request = urllib.request.Request(url + "api/lint", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            assert len(json.load(answer)) > 10
        with urllib.request.urlopen(url, timeout=5) as answer:
            assert "工作总结检查" in answer.read().decode("utf-8")
    assert process.returncode is not None  # stopped
    assert url in process.log and "Traceback" not in process.log


def test_serve_without_the_extra_says_how_to_install(monkeypatch):
    from zongjie_nlp.cli import serve

    monkeypatch.setattr(serve, "_missing_extra", lambda: "uvicorn")
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "pip install 'zongjie-nlp[serve]'" in result.stderr


def test_lint_cold_start_does_not_import_the_server():
    code = ("import sys; from zongjie_nlp.cli import lint_main\n"
            "try:\n    lint_main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print([m for m in ('starlette', 'uvicorn', 'anyio', 'zongjie_nlp.service') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_workers_share_a_tcp_socket():
    """The socket the worker processes share is bound as TCP, so their connections get
    TCP_NODELAY (uvicorn's own leaves the protocol 0: about 40 ms more per kept-alive request)."""
    import socket

    from zongjie_nlp.service.run import APP, TcpConfig

    sock = TcpConfig(APP, factory=True, host="127.0.0.1", port=0, workers=2).bind_socket()
    try:
        assert sock.proto == socket.IPPROTO_TCP
        sock.listen()
        connection = socket.create_connection(sock.getsockname()[:2])
        accepted, _ = sock.accept()
        assert accepted.proto == socket.IPPROTO_TCP
        accepted.close()
        connection.close()
    finally:
        sock.close()


def test_serve_refuses_a_port_in_use(workdir):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"zongjie: error: cannot listen on 127.0.0.1:{port}: address already in use"
