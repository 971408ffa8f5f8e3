"""The page at ``/``: one self-contained HTML document (inline CSS and JavaScript, no
external asset, no call to any server but this one).

A person drops or chooses a .docx, .txt or .md file, or pastes a text, and the page shows
the report of ``zongjie-lint --format html`` (the text with its highlights, the summary
table, the outline, the verified relations) in a frame, with filters by category and
severity, and links to download the annotated .docx (``--annotate``) and the JSON
(``--format json``).  An optional second file, last year's summary, is sent as the
``previous`` field (``--previous``: what the page says of last year is checked against it).  The interface is Chinese, in the script of the last document checked:
each label is written here in simplified script and converted once, when the page is made.
"""

from __future__ import annotations

import json
from functools import lru_cache

from ..profile import GENRES, NORMS

# Every label of the interface, by key, in simplified script.
LABELS = {
    "title": "工作总结检查",
    "local": "文件只在本机处理：不连接其他网站，上传的文件处理完即丢弃。",
    "drop": "把 .docx、.txt 或 .md 文件拖到这里，或",
    "choose": "选择文件",
    "previous": "上年总结（可选）",
    "previous_hint": "文中所写上年数据（上年完成……、比上年增长……）与上年总结核对",
    "paste": "或者在这里粘贴文本",
    "norm": "规范",
    "genre": "文种",
    "auto": "自动识别",
    "verified": "JSON 中列出核对无误的算术关系",
    "run": "检查",
    "checking": "正在检查……",
    "nothing": "请先选择文件或粘贴文本。",
    "failed": "检查失败：",
    "problems": "个问题",
    "verified_n": "处算术关系核对无误",
    "download_docx": "下载批注版 .docx",
    "download_json": "下载 JSON",
    "annotating": "正在生成批注版……",
    "categories": "类别",
    "severities": "严重程度",
    "report": "检查报告",
    "clear": "清除",
    "norm_gb": "内地（GB/T）",
    "norm_tw": "台湾",
    "norm_hk": "香港",
}


@lru_cache(maxsize=1)
def page_html() -> str:
    """The page, made once per process (the traditional labels need OpenCC)."""
    from ..lexicon import genres
    from ..script import to_traditional

    names = {key: entry.get("name", key) for key, entry in genres().items()}
    labels = {**LABELS, **{f"genre_{g}": names.get(g, g) for g in GENRES}}
    both = {key: [text, to_traditional(text, "s2tw")] for key, text in labels.items()}
    norm_options = "".join(f'<option value="{n}" data-l="norm_{n}">{labels["norm_" + n]}</option>' for n in NORMS)
    genre_options = "".join(f'<option value="{g}" data-l="genre_{g}">{labels["genre_" + g]}</option>'
                            for g in GENRES)
    body = (_BODY.replace("{NORMS}", norm_options).replace("{GENRES}", genre_options))
    for key, text in labels.items():
        body = body.replace("{" + key + "}", text)
    script = _SCRIPT.replace("/*LABELS*/{}", json.dumps(both, ensure_ascii=False))
    return (f'<!DOCTYPE html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{labels["title"]} · zongjie</title>\n<style>{_CSS}</style>\n</head>\n'
            f'<body>\n{body}\n<script>{script}</script>\n</body>\n</html>\n')


_BODY = """<header><h1 data-l="title">{title}</h1><p data-l="local">{local}</p></header>
<main>
<section id="input">
 <div id="drop" tabindex="0">
  <span data-l="drop">{drop}</span>
  <label class="btn"><input type="file" id="file" accept=".docx,.txt,.md,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document"><span data-l="choose">{choose}</span></label>
  <span id="chosen"></span> <button type="button" id="clear" class="link" hidden data-l="clear">{clear}</button>
 </div>
 <textarea id="text" rows="8" data-lp="paste" placeholder="{paste}"></textarea>
 <div class="opts" id="previous-row">
  <label class="btn"><input type="file" id="previous" accept=".docx,.txt,.md,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document"><span data-l="previous">{previous}</span></label>
  <span id="previous-chosen"></span> <button type="button" id="previous-clear" class="link" hidden data-l="clear">{clear}</button>
  <span class="hint" data-l="previous_hint">{previous_hint}</span>
 </div>
 <div class="opts">
  <label><span data-l="norm">{norm}</span> <select id="norm"><option value="" data-l="auto">{auto}</option>{NORMS}</select></label>
  <label><span data-l="genre">{genre}</span> <select id="genre"><option value="" data-l="auto">{auto}</option>{GENRES}</select></label>
  <label><input type="checkbox" id="show_verified"> <span data-l="verified">{verified}</span></label>
  <button type="button" id="run" data-l="run">{run}</button>
 </div>
 <p id="status" role="status"></p>
</section>
<section id="result" hidden>
 <div class="bar">
  <strong id="name"></strong> <span id="overall"></span>
  <span class="downloads"><button type="button" id="dl-docx" data-l="download_docx">{download_docx}</button>
  <a id="dl-json" class="btn" href="#" data-l="download_json">{download_json}</a></span>
 </div>
 <div id="filters">
  <fieldset id="f-cat"><legend data-l="categories">{categories}</legend></fieldset>
  <fieldset id="f-sev"><legend data-l="severities">{severities}</legend></fieldset>
 </div>
 <iframe id="report" data-lt="report" title="{report}"></iframe>
</section>
</main>"""

_CSS = """
*{box-sizing:border-box}
body{margin:0;color:#1f2328;background:#f6f8fa;font:15px/1.6 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC",
"Microsoft YaHei","WenQuanYi Micro Hei",system-ui,sans-serif}
header{padding:14px 28px;background:#24292f;color:#fff}
header h1{margin:0;font-size:20px}
header p{margin:2px 0 0;color:#d0d7de;font-size:13px}
main{padding:16px 28px}
section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:14px 18px;margin-bottom:16px}
#drop{border:2px dashed #8c959f;border-radius:8px;padding:18px;text-align:center;color:#57606a}
#drop.over{border-color:#0969da;background:#ddf4ff}
label.btn input[type=file]{display:none}
.hint{color:#57606a;font-size:13px}
.btn,button{display:inline-block;padding:4px 12px;border:1px solid #d0d7de;border-radius:6px;background:#f6f8fa;
color:#1f2328;font:inherit;cursor:pointer;text-decoration:none}
button#run{background:#1f883d;border-color:#1a7f37;color:#fff;font-weight:600;padding:5px 22px}
button.link{border:0;background:none;color:#0969da;padding:0 4px}
#chosen{font-weight:600;color:#1f2328}
textarea{width:100%;margin-top:10px;font:inherit;padding:8px;border:1px solid #d0d7de;border-radius:6px}
.opts{display:flex;flex-wrap:wrap;gap:18px;align-items:center;margin-top:8px}
#status{margin:8px 0 0;min-height:1.4em;color:#57606a}
#status.error{color:#cf222e}
.bar{display:flex;flex-wrap:wrap;gap:12px;align-items:center}
.downloads{margin-left:auto;display:flex;gap:8px}
#filters{display:flex;flex-wrap:wrap;gap:16px;margin:10px 0}
fieldset{border:1px solid #d0d7de;border-radius:6px;padding:4px 10px}
fieldset label{margin-right:12px;white-space:nowrap}
.swatch{display:inline-block;width:11px;height:11px;border-radius:2px;margin:0 4px 0 2px;vertical-align:-1px}
iframe{width:100%;height:70vh;border:1px solid #d0d7de;border-radius:6px;background:#fff}
"""

_SCRIPT = r"""
"use strict";
const LABELS = /*LABELS*/{};
let script = 0, current = null, lastForm = null, lastName = "";
const $ = (id) => document.getElementById(id);
function L(key) { return (LABELS[key] || [key, key])[script]; }
function setScript(name) {
  script = name === "traditional" ? 1 : 0;
  document.documentElement.lang = script ? "zh-Hant" : "zh-Hans";
  document.querySelectorAll("[data-l]").forEach((el) => { el.textContent = L(el.dataset.l); });
  document.querySelectorAll("[data-lp]").forEach((el) => { el.placeholder = L(el.dataset.lp); });
  document.querySelectorAll("[data-lt]").forEach((el) => { el.title = L(el.dataset.lt); });
  document.title = L("title") + " · zongjie";
}
let chosenFile = null;
function choose(file) {
  chosenFile = file || null;
  $("chosen").textContent = file ? file.name : "";
  $("clear").hidden = !file;
}
$("file").addEventListener("change", (e) => choose(e.target.files[0]));
function choosePrevious() {
  const file = $("previous").files[0];
  $("previous-chosen").textContent = file ? file.name : "";
  $("previous-clear").hidden = !file;
}
$("previous").addEventListener("change", choosePrevious);
$("previous-clear").addEventListener("click", () => { $("previous").value = ""; choosePrevious(); });
$("clear").addEventListener("click", () => { $("file").value = ""; choose(null); });
$("text").addEventListener("input", () => { if ($("text").value) { $("file").value = ""; choose(null); } });
const drop = $("drop");
["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.add("over"); }));
["dragleave", "drop"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.remove("over"); }));
drop.addEventListener("drop", (e) => { if (e.dataTransfer.files.length) { choose(e.dataTransfer.files[0]); run(); } });
$("run").addEventListener("click", run);

function status(text, error) { $("status").textContent = text; $("status").className = error ? "error" : ""; }

function form() {
  const data = new FormData();
  if (chosenFile) data.append("file", chosenFile, chosenFile.name);
  else if ($("text").value.trim()) data.append("text", $("text").value);
  else return null;
  const previous = $("previous").files[0];
  if (previous) data.append("previous", previous, previous.name);
  for (const key of ["norm", "genre"]) if ($(key).value) data.append(key, $(key).value);
  data.append("show_verified", $("show_verified").checked ? "true" : "false");
  return data;
}

async function post(path, data) {
  const response = await fetch(path, {method: "POST", body: data});
  if (!response.ok) {
    let message = response.status + " " + response.statusText;
    try { message = (await response.json()).error || message; } catch (err) { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}

async function run() {
  const data = form();
  if (!data) { status(L("nothing"), true); return; }
  status(L("checking"));
  $("run").disabled = true;
  try {
    const payload = await (await post("/api/report", data)).json();
    lastForm = data; lastName = payload.name; current = payload;
    show(payload);
    status("");
  } catch (err) {
    status(L("failed") + err.message, true);
  } finally {
    $("run").disabled = false;
  }
}

function show(payload) {
  setScript(payload.script);
  $("result").hidden = false;
  $("name").textContent = payload.name;
  $("overall").textContent = payload.problems + " " + L("problems") +
    (payload.verified ? "，" + payload.verified + " " + L("verified_n") : "");
  const json = $("dl-json");
  if (json.href.startsWith("blob:")) URL.revokeObjectURL(json.href);
  json.href = URL.createObjectURL(new Blob([payload.json + "\n"], {type: "application/json"}));
  json.download = stem(payload.name) + ".json";
  filters(payload);
  const frame = $("report");
  frame.onload = () => { applyFilters(); fit(); };
  frame.srcdoc = payload.html;
}

function stem(name) { const i = name.lastIndexOf("."); return i > 0 ? name.slice(0, i) : name; }

function fit() {
  const doc = $("report").contentDocument;
  if (doc && doc.documentElement) $("report").style.height = Math.max(400, doc.documentElement.scrollHeight + 20) + "px";
}

function filters(payload) {
  for (const [id, items] of [["f-cat", payload.categories], ["f-sev", payload.severities.filter((s) => s.count)]]) {
    const box = $(id);
    box.querySelectorAll("label").forEach((el) => el.remove());
    for (const item of items) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "checkbox"; input.checked = true; input.value = item.name;
      input.dataset.kind = id === "f-cat" ? "cat" : "sev";
      input.addEventListener("change", applyFilters);
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = item.colour || "transparent";
      label.append(input, swatch, item.label + " (" + item.count + ")");
      box.append(label);
    }
  }
}

function cls(name) { return name.replace(/[^0-9A-Za-z-]/g, "_"); }

// Hidden categories and severities lose their highlights, notes and rows in the report.
function applyFilters() {
  const doc = $("report").contentDocument;
  if (!doc || !doc.head) return;
  const rules = [];
  document.querySelectorAll("#filters input:not(:checked)").forEach((input) => {
    const c = input.dataset.kind + "-" + cls(input.value);
    rules.push("mark.hl." + c + "{background:none!important;border-bottom:0!important}",
               ".note." + c + "{display:none!important}",
               input.dataset.kind === "cat" ? "table.findings tr." + c + "{display:none}"
                                            : "table.findings tr:has(td." + c + "){display:none}");
  });
  let style = doc.getElementById("zj-filters");
  if (!style) { style = doc.createElement("style"); style.id = "zj-filters"; doc.head.append(style); }
  style.textContent = rules.join("\n");
}

$("dl-docx").addEventListener("click", async () => {
  if (!lastForm) return;
  status(L("annotating"));
  try {
    const blob = await (await post("/api/annotate", lastForm)).blob();
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = stem(lastName) + ".annotated.docx";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    status("");
  } catch (err) {
    status(L("failed") + err.message, true);
  }
});
"""
