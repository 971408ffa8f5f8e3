"""zongjie_nlp.source: encodings, newlines, bad input, .docx with Word numbering."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from zongjie_nlp.errors import InputError, ZongjieError
from zongjie_nlp.docx_numbering import format_number
from zongjie_nlp.source import (
    Source,
    decode_bytes,
    read_path,
    read_source,
)
from tests.helpers import REPO, SEED



@pytest.fixture(scope="module")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="module")
def seed(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")


def _paragraph(text: str, min_len: int = 200) -> str:
    """The first run of non-empty lines totalling at least ``min_len`` characters."""
    out = []
    for line in text.split("\n"):
        if line.strip():
            out.append(line)
        if sum(map(len, out)) >= min_len:
            break
    return "\n".join(out)


def _encodable(lines, codec):
    for line in lines:
        try:
            line.encode(codec)
        except UnicodeEncodeError:
            continue
        yield line


# --------------------------------------------------------------------------- UTF-8, newlines


def test_utf8_seed(seed_path, seed):
    src = read_path(seed_path)
    assert src == Source(seed.replace("\r\n", "\n").replace("\r", "\n"), str(seed_path), "utf-8")
    assert src.text.startswith("當前位置")


def test_utf8_bom_stripped(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + "工作總結\n一、主要工作\n".encode())
    src = read_path(p)
    assert src.encoding == "utf-8-sig"
    assert src.text == "工作總結\n一、主要工作\n"


def test_crlf_and_lone_cr():
    src = decode_bytes("一、主要工作\r\n（一）幫扶\r二、問題\r\n".encode(), "x.txt")
    assert src.text == "一、主要工作\n（一）幫扶\n二、問題\n"
    assert src.path == "x.txt"


def test_only_newlines_and_bom_are_changed():
    raw = "\ufeff 全角　空格\t制表\u2028行分隔 ＡＢ１２ \x0c"
    src = decode_bytes(raw.encode("utf-8"))
    assert src.encoding == "utf-8-sig"
    assert src.text == raw[1:]


def test_str_is_text_not_path(seed_path):
    src = read_source(str(seed_path))
    assert src.encoding == "str"
    assert src.text == str(seed_path)
    assert read_source("\ufeffa\r\nb\rc").text == "a\nb\nc"
    assert read_source("").text == ""  # a str is never rejected


def test_read_source_dispatch(tmp_path, seed_path):
    assert read_source(Path(seed_path)).encoding == "utf-8"
    assert read_source("工作".encode("gb18030"), path="m.txt") == Source("工作", "m.txt", "gb18030")
    assert read_source(bytearray("總結".encode("utf-8"))).text == "總結"
    with pytest.raises(TypeError):
        read_source(42)


# --------------------------------------------------------------------------- GB18030 / Big5


def test_gb18030_long_paragraph(seed):
    from zongjie_nlp.script import to_simplified

    simp = to_simplified(_paragraph(seed, 1500))
    src = decode_bytes(simp.encode("gb18030"), "gb.txt")
    assert src.encoding == "gb18030"
    assert src.text == simp


@pytest.mark.parametrize(
    "text",
    ["工作总结", "我们", "这个", "一、主要工作", "工会年度工作总结三篇", "今年共帮扶困难职工240人，发放资金13.02万元。"],
)
def test_gbk_short(text):
    src = decode_bytes(text.encode("gbk"))
    assert (src.encoding, src.text) == ("gb18030", text)


def test_big5_seed_lines(seed):
    lines = list(_encodable([l for l in seed.split("\n") if l.strip()], "big5"))
    assert len(lines) > 20
    text = "\n".join(lines[:12])
    src = decode_bytes(text.encode("big5"), "b5.txt")
    assert (src.encoding, src.text) == ("big5", text)


def test_big5_long(seed):
    text = "\n".join(_encodable(seed.split("\n"), "big5"))
    src = decode_bytes(text.encode("big5"))
    assert (src.encoding, src.text) == ("big5", text)


@pytest.mark.parametrize("text", ["工作總結", "一、主要工作", "工會年度工作總結三篇", "我們的", "這個", "幫扶職工"])
def test_big5_short(text):
    src = decode_bytes(text.encode("big5"))
    assert (src.encoding, src.text) == ("big5", text)


def test_cp950_extension_decodes():
    data = "碁".encode("cp950")  # in cp950, not in plain big5
    with pytest.raises(UnicodeDecodeError):
        data.decode("big5")
    src = decode_bytes("工作總結".encode("big5") + data)
    assert src.text == "工作總結碁"
    assert src.encoding in ("cp950", "big5hkscs")


# --------------------------------------------------------------------------- UTF-16


def test_utf16_le_bom(seed):
    text = _paragraph(seed, 300)
    src = decode_bytes("\ufeff".encode("utf-16-le") + text.encode("utf-16-le"), "u16.txt")
    assert (src.encoding, src.text) == ("utf-16", text)


def test_utf16_be_bom():
    src = decode_bytes("\ufeff工作總結\r\n".encode("utf-16-be"))
    assert (src.encoding, src.text) == ("utf-16", "工作總結\n")


def test_utf16_le_without_bom(seed):
    text = _paragraph(seed, 300)
    src = decode_bytes(text.encode("utf-16-le"))
    assert (src.encoding, src.text) == ("utf-16", text)


# --------------------------------------------------------------------------- bad input


def _one_line_naming(err: ZongjieError, name: str) -> str:
    msg = str(err)
    assert "\n" not in msg and "\r" not in msg
    assert name in msg
    return msg


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(InputError) as ei:
        read_path(p)
    msg = _one_line_naming(ei.value, "empty.txt")
    assert msg.endswith("file is empty")


@pytest.mark.parametrize("data", [b"   \n\r\n\t", "\u3000\n".encode(), b"\xef\xbb\xbf", b"\xff\xfe"])
def test_whitespace_only_is_empty(tmp_path, data):
    p = tmp_path / "blank.txt"
    p.write_bytes(data)
    with pytest.raises(InputError, match="blank.txt: file is empty"):
        read_path(p)


def test_binary_png(tmp_path):
    rng = random.Random(1234)
    data = b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4000))
    p = tmp_path / "report.txt"
    p.write_bytes(data)
    with pytest.raises(InputError) as ei:
        read_path(p)
    assert _one_line_naming(ei.value, "report.txt").endswith("not a text file (binary data)")


def test_binary_without_nul():
    rng = random.Random(7)
    data = bytes(b for b in (rng.randrange(256) for _ in range(3000)) if b)
    with pytest.raises(InputError, match="binary data"):
        decode_bytes(data, "r.bin")


def test_control_characters_in_utf8_are_binary():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x01\x02\x03\x04\x05abc\x06\x07\x08", "c.txt")


def test_undecodable():
    data = "Grüße, façade, naïve résumé".encode("latin-1") + b"\x80\xff"
    with pytest.raises(InputError) as ei:
        decode_bytes(data, "x.txt")
    assert str(ei.value) == (
        "x.txt: cannot detect the text encoding (tried UTF-8, UTF-16, GB18030, Big5)"
    )


def test_invalid_after_utf8_bom():
    with pytest.raises(InputError, match=r"b\.txt: invalid UTF-8"):
        decode_bytes(b"\xef\xbb\xbf\xe5\xb7\xa5\xff\xfe", "b.txt")


def test_missing_path(tmp_path):
    p = tmp_path / "x.txt"
    with pytest.raises(InputError) as ei:
        read_path(p)
    assert str(ei.value) == f"{p}: no such file"
    with pytest.raises(InputError, match="no such file"):
        read_source(p)


def test_directory(tmp_path):
    with pytest.raises(InputError) as ei:
        read_path(tmp_path)
    assert _one_line_naming(ei.value, str(tmp_path)).endswith("is a directory, not a file")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_permission_denied(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text("工作", encoding="utf-8")
    p.chmod(0)
    try:
        with pytest.raises(InputError, match="secret.txt: permission denied"):
            read_path(p)
    finally:
        p.chmod(0o600)


def test_errors_are_one_line():
    err = InputError("a\nb.txt", "bad\nthing")
    assert "\n" not in str(err)
    assert isinstance(err, ZongjieError)
    assert str(InputError("ready message")) == "ready message"


# --------------------------------------------------------------------------- .docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _add_chinese_numbering(document) -> str:
    """Add a 3-level list (一、 / （一） / ①) to the numbering part; return its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/>'
        '<w:lvlText w:val="%3"/></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(f"{{{W_NS}}}num")
    first_num.addprevious(abstract)  # schema order: abstractNum elements before num elements
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _number(paragraph, num_id: str, ilvl: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def _make_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("工會年度工作總結")
    d.add_paragraph("主要工作", style="List Number")  # the style carries numPr → "1."
    d.add_paragraph("存在問題", style="List Number")
    d.add_paragraph("3. 已有標號", style="List Number")  # text already has its label
    num = _add_chinese_numbering(d)
    for text, lvl in [
        ("主要工作", 0),
        ("繼續深化幫扶工作", 1),
        ("暢通訴求渠道", 2),
        ("維護合法權益", 2),
        ("加強組織建設", 1),
        ("存在問題", 0),
        ("資金不足", 1),
    ]:
        _number(d.add_paragraph(text), num, lvl)
    for _ in range(8):
        _number(d.add_paragraph("其他"), num, 0)
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "幫扶人數"
    table.cell(0, 1).text = "240人"
    d.add_paragraph("結尾")
    d.save(str(path))
    return path


def test_docx_paragraphs_numbering_and_tables(tmp_path):
    p = _make_docx(tmp_path / "report.docx")
    src = read_path(p)
    assert src.encoding == "docx"
    assert src.path == str(p)
    lines = src.text.split("\n")
    assert lines[:4] == ["工會年度工作總結", "1. 主要工作", "2. 存在問題", "3. 已有標號"]
    assert lines[4:11] == [
        "一、主要工作",
        "（一）繼續深化幫扶工作",
        "①暢通訴求渠道",
        "②維護合法權益",
        "（二）加強組織建設",
        "二、存在問題",
        "（一）資金不足",  # deeper levels restart under a new 二、
    ]
    assert lines[11:19] == [f"{n}、其他" for n in "三四五六七八九十"]
    assert lines[19:] == ["幫扶人數", "240人", "結尾"]


def test_docx_bytes_and_suffixless(tmp_path):
    p = _make_docx(tmp_path / "report.docx")
    data = p.read_bytes()
    assert read_source(data, path="mem").encoding == "docx"
    q = tmp_path / "report.bin"
    q.write_bytes(data)
    assert read_path(q).text == read_path(p).text


def test_docx_heading_style_numbering(tmp_path):
    """A heading style whose pPr carries numPr numbers its paragraphs."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    num = _add_chinese_numbering(d)
    style = d.styles["Heading 1"].element
    ppr = style.find(f"{{{W_NS}}}pPr")
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num}"/></w:numPr>'))
    d.add_heading("主要工作", level=1)
    d.add_paragraph("正文")
    d.add_heading("存在問題", level=1)
    p = tmp_path / "h.docx"
    d.save(str(p))
    assert read_path(p).text == "一、主要工作\n正文\n二、存在問題"


def test_docx_corrupt(tmp_path):
    p = _make_docx(tmp_path / "good.docx")
    bad = tmp_path / "x.docx"
    bad.write_bytes(p.read_bytes()[:2000])  # truncated zip
    with pytest.raises(InputError) as ei:
        read_path(bad)
    msg = _one_line_naming(ei.value, "x.docx")
    assert "not a valid .docx" in msg

    notzip = tmp_path / "y.docx"
    notzip.write_bytes("工作總結".encode("utf-8"))
    with pytest.raises(InputError, match=r"y\.docx: not a valid \.docx \(not a zip file\)"):
        read_path(notzip)


def test_zip_that_is_not_docx(tmp_path):
    import zipfile

    p = tmp_path / "a.txt"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match="a.txt: not a text file"):
        read_path(p)


def test_empty_docx(tmp_path):
    import docx

    p = tmp_path / "e.docx"
    docx.Document().save(str(p))
    with pytest.raises(InputError, match="e.docx: file is empty"):
        read_path(p)


@pytest.mark.parametrize(
    "n, expected",
    [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (99, "九十九"),
     (100, "一百"), (101, "一百零一"), (110, "一百一十"), (1001, "一千零一"), (100000, "十万")],
)
def test_chinese_counting(n, expected):
    """Word's chineseCounting labels are numerals.to_chinese; only 0 differs (〇, not 零)."""
    assert format_number(n, "chineseCountingThousand") == expected


def test_word_writes_zero_and_large_counters_its_own_way():
    assert format_number(0, "chineseCountingThousand") == "〇"  # to_chinese(0) is 零
    assert format_number(0, "chineseLegalSimplified") == "零"
    assert format_number(10**8, "chineseCountingThousand") == "100000000"
    assert format_number(-1, "chineseLegalSimplified") == "-1"
    assert format_number(10000, "ideographLegalTraditional") == "壹萬"
    assert format_number(2025, "ideographDigital") == "二〇二五"


def test_number_formats():
    assert format_number(3, "chineseCounting") == "三"
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(3, "decimalEnclosedCircleChinese") == "③"
    assert format_number(3, "lowerLetter") == "c"
    assert format_number(27, "upperLetter") == "AA"
    assert format_number(12, "upperRoman") == "XII"
    assert format_number(12, "chineseCountingThousand") == "十二"
    assert format_number(12, "chineseLegalSimplified") == "壹拾贰"
    assert format_number(5, "decimalZero") == "05"
    assert format_number(7, "decimalFullWidth") == "７"


# --------------------------------------------------------------------------- speed, lazy imports


def test_reading_seed_is_fast(seed_path):
    read_path(seed_path)
    t = time.perf_counter()
    for _ in range(10):
        read_path(seed_path)
    assert (time.perf_counter() - t) / 10 < 0.01


def test_lazy_imports(seed_path):
    code = (
        "import sys; from zongjie_nlp.source import read_path; "
        f"read_path({str(seed_path)!r}); "
        "print('docx' in sys.modules, 'charset_normalizer' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]


def test_gbk_that_is_also_valid_utf8():
    data = "同时".encode("gbk")  # CD AC CA B1: valid UTF-8 for U+036C U+02B1
    data.decode("utf-8")
    assert decode_bytes(data).text == "同时"
    assert decode_bytes("café ǎ".encode("utf-8")).encoding == "utf-8"


def test_clause_level_accuracy(seed):
    """Every clause of the seed, simplified in GBK and traditional in Big5: short inputs are where
    detectors confuse the two. Only a few 2-3 character clauses may be genuinely ambiguous."""
    import re

    from zongjie_nlp.script import to_simplified

    clauses = [c for c in re.split(r"[，。,\n:：;；]", seed) if len(c.strip()) >= 2]
    total = wrong = 0
    for clause in clauses:
        for text, codec in ((to_simplified(clause), "gbk"), (clause, "big5")):
            try:
                data = text.encode(codec)
            except UnicodeEncodeError:
                continue
            total += 1
            src = decode_bytes(data)
            if src.text != text:
                wrong += 1
                assert len(text) <= 5, (text, codec, src.encoding)
    assert total > 500
    assert wrong <= 0.01 * total
