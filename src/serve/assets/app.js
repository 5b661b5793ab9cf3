// vanban's web app. Plain modern JavaScript, no build step. User text only
// ever reaches the page as text (textContent, value, attributes): never as
// HTML. Previews are SVG shown through <img>, which runs no script.
"use strict";

const I18N = window.VANBAN_I18N;
let lang = localStorage.getItem("vanban.lang") === "en" ? "en" : "vi";

function t(key, vars = {}) {
  const text = (I18N[lang] && I18N[lang][key]) || I18N.vi[key] || key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ""));
}

// Builds an element: attributes (properties where they exist) and children
// (strings become text nodes).
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k in node && typeof v !== "string") node[k] = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) {
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
  return node;
}

const $ = (id) => document.getElementById(id);

function api(path, params = {}) {
  const q = new URLSearchParams({ lang, ...params });
  return `${path}?${q}`;
}

async function post(path, body, params = {}, headers = {}) {
  const response = await fetch(api(path, params), { method: "POST", body, headers });
  return response;
}

async function errorText(response) {
  try {
    const data = await response.json();
    if (data.error) return data.error;
    if (data.findings) return data.findings.map(findingText).join("\n");
  } catch (_) { /* not JSON */ }
  return `${response.status} ${response.statusText}`;
}

function findingText(f) {
  return `${f.message} (${f.cause})`;
}

function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// ---- Language and pages ----------------------------------------------------

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-aria]")) node.setAttribute("aria-label", t(node.dataset.i18nAria));
  const button = $("lang");
  button.textContent = t("switch");
  button.lang = lang === "vi" ? "en" : "vi";
  button.setAttribute("aria-label", t("switch"));
  if (window.vanbanReady) {
    fillRegimes();
    buildForm();
    schedulePreview(0);
  }
}

function showPage() {
  const path = location.pathname;
  const id = path === "/bao-cao" ? "bao-cao" : path === "/kiem-tra" ? "kiem-tra" : "soan";
  for (const section of document.querySelectorAll(".page")) section.hidden = section.id !== id;
  for (const link of document.querySelectorAll("nav a")) {
    if (link.dataset.page === id) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

// ---- YAML written from the form's value -------------------------------------

const ORDER = ["rules", "kind", "unit", "issuer", "co_issuers", "number", "date", "place", "summary",
  "urgency", "secrecy", "draft", "addressees", "authority", "bases", "template", "data", "body",
  "end_mark", "recipients", "signature", "signatures", "appendices"];
const KEY_ORDER = ["superior", "name", "abbr", "unit", "name_in_text", "to", "purpose", "items",
  "archive", "prefix", "on_behalf", "then", "position", "title", "reference", "landscape"];

const SIGNATURE_ORDER = ["prefix", "on_behalf", "then", "position", "name"];

function orderedKeys(object, top) {
  const order = top ? ORDER : "position" in object ? SIGNATURE_ORDER : KEY_ORDER;
  const known = order.filter((k) => k in object);
  const rest = Object.keys(object).filter((k) => !order.includes(k));
  return known.concat(rest);
}

function scalar(v) {
  if (v === null || v === undefined) return "null";
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  const s = String(v);
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(s)) return s;
  const plain = s.length > 0 && !/^[\s\-?:,\[\]{}#&*!|>'"%@`+.\d]/.test(s) && !/\s$/.test(s)
    && !/: |:$| #|[\n\r\t]/.test(s)
    && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(s);
  return plain ? s : JSON.stringify(s);
}

function block(s, indent) {
  if (/\r/.test(s) || /^\n/.test(s)) return JSON.stringify(s);
  const chomp = s.endsWith("\n\n") ? "+" : s.endsWith("\n") ? "" : "-";
  const lead = /^[ \t]/.test(s) ? "2" : "";
  const pad = " ".repeat(indent);
  const body = s.replace(/\n$/, "").split("\n").map((l) => (l ? pad + l : "")).join("\n");
  return `|${lead}${chomp}\n${body}`;
}

function toYaml(value, indent = 0, top = true) {
  const pad = " ".repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return "\n" + value.map((item) => {
      if (item && typeof item === "object" && !Array.isArray(item) && Object.keys(item).length) {
        const inner = toYaml(item, indent + 2, false).replace(/^\n/, "");
        return `${pad}- ${inner.slice(indent + 2)}`;
      }
      return `${pad}- ${valueText(item, indent + 2)}`;
    }).join("\n");
  }
  if (value && typeof value === "object") {
    const keys = orderedKeys(value, top);
    if (keys.length === 0) return "{}";
    const lines = keys.map((k) => `${pad}${scalar(k)}: ${valueText(value[k], indent + 2)}`.replace(/: \n/, ":\n"));
    return (top ? "" : "\n") + lines.join("\n");
  }
  return scalar(value);
}

function valueText(v, indent) {
  if (typeof v === "string" && v.includes("\n")) return block(v, indent);
  if (v && typeof v === "object") {
    const text = toYaml(v, indent, false);
    return text.startsWith("\n") ? text : text;
  }
  return scalar(v);
}

function yamlOf(value) {
  return toYaml(value, 0, true).replace(/^\n/, "") + "\n";
}

// ---- The document: form, YAML and preview in step ---------------------------

const doc = {
  rules: [],          // rule sets from /api/rules
  value: null,        // the YAML as a value, when it reads
  name: "van-ban.yaml",
  timer: null,
  sent: 0,            // the newest preview asked for
  shown: new Map(),   // the pages the preview shows: id → blob URL
};

function currentSet() {
  return doc.rules.find((r) => r.id === (doc.value && doc.value.rules)) || doc.rules.find((r) => r.id === $("regime").value) || doc.rules[0];
}

function currentKind() {
  const set = currentSet();
  const id = doc.value && doc.value.kind;
  return (set && set.kinds.find((k) => k.id === id)) || null;
}

function fillRegimes() {
  const regime = $("regime");
  const chosen = regime.value;
  regime.replaceChildren(...doc.rules.map((r) => el("option", { value: r.id }, t(`regime.${r.regime}`))));
  const set = currentSet();
  regime.value = set ? set.id : chosen;
  fillKinds();
}

function fillKinds() {
  const set = doc.rules.find((r) => r.id === $("regime").value);
  if (!set) return;
  const kind = $("kind");
  kind.replaceChildren(...set.kinds.map((k) => el("option", { value: k.id }, `${k.name.charAt(0)}${k.name.slice(1).toLowerCase()}`)));
  const current = currentKind();
  if (current && set.kinds.includes(current)) kind.value = current.id;
}

function getPath(path) {
  let v = doc.value;
  for (const part of path.split(".")) {
    if (v === null || v === undefined) return undefined;
    v = v[part];
  }
  return v;
}

function setPath(path, value) {
  const parts = path.split(".");
  let v = doc.value;
  for (const part of parts.slice(0, -1)) {
    if (!v[part] || typeof v[part] !== "object") v[part] = {};
    v = v[part];
  }
  const last = parts[parts.length - 1];
  const empty = value === "" || value === undefined || (Array.isArray(value) && value.length === 0);
  if (empty) delete v[last];
  else v[last] = value;
}

// A field of the form: its label, its control, and room for its findings.
function field(path, type, opts = {}) {
  const id = `f-${path.replace(/\W/g, "-")}`;
  const label = t(opts.label || `f.${path}`);
  let control;
  if (type === "textarea") control = el("textarea", { id, rows: opts.rows || 2 });
  else if (type === "select") control = el("select", { id }, opts.options.map(([v, text]) => el("option", { value: v }, text)));
  else if (type === "checkbox") control = el("input", { id, type: "checkbox" });
  else control = el("input", { id, type: type === "number" ? "text" : "text", inputMode: type === "number" ? "numeric" : undefined });
  control.dataset.path = path;
  control.dataset.kind = opts.list ? "list" : type;
  const note = el("div", { class: "field-findings", id: `${id}-findings` });
  control.setAttribute("aria-describedby", note.id);
  const help = opts.help ? el("p", { class: "help" }, opts.help) : null;
  if (type === "checkbox") {
    return el("div", { class: "field check", dataset: { field: path } }, control, el("label", { for: id }, label), note);
  }
  return el("div", { class: "field", dataset: { field: path } }, el("label", { for: id }, label), control, help, note);
}

function group(title, ...fields) {
  return el("fieldset", {}, el("legend", {}, t(title)), ...fields);
}

function buildForm() {
  const form = $("form");
  const kind = currentKind();
  const set = currentSet();
  if (!doc.value) {
    form.replaceChildren(el("p", { class: "muted" }, t("yaml.broken")));
    return;
  }
  const marks = (name, values) => field(name, "select", {
    options: [["", t("f.none")], ...values.map((v) => [v, v])],
  });
  const prefixes = set ? set.prefixes : [];
  const parts = [
    group("f.issuer",
      field("issuer.superior", "text"),
      field("issuer.name", "textarea"),
      el("div", { class: "pair" }, field("issuer.abbr", "text"),
        kind && !kind.abbr ? field("issuer.unit", "text") : null)),
    el("div", { class: "pair" }, field("number", "number"), field("date", "text")),
    field("place", "text"),
    field("summary", "textarea", { rows: 3 }),
  ];
  if (kind && kind.addressees) parts.push(field("addressees", "textarea", { list: true, rows: 3 }));
  if (kind && kind.decision) {
    parts.push(field("authority", "text"), field("bases", "textarea", { list: true, rows: 3 }));
  }
  const template = doc.value.template;
  parts.push(template
    ? el("p", { class: "muted" }, t("f.body.template", { name: template }))
    : field("body", "textarea", { rows: 12, help: t("f.body.help") }));
  parts.push(group("f.recipients",
    field("recipients.items", "textarea", { list: true, rows: 3 }),
    field("recipients.archive", "text")));
  const signers = Array.isArray(doc.value.signatures) ? doc.value.signatures.length : 0;
  parts.push(signers
    ? el("p", { class: "muted" }, t("f.signatures", { n: signers }))
    : group("f.signature",
      el("div", { class: "pair" },
        field("signature.prefix", "select", { options: [["", t("f.none")], ...prefixes.map((p) => [p, p])] }),
        field("signature.on_behalf", "text")),
      field("signature.position", "text"),
      field("signature.name", "text")));
  parts.push(group("f.marks",
    el("div", { class: "pair" }, marks("urgency", ["khan", "thuong-khan", "hoa-toc"]),
      marks("secrecy", ["mat", "toi-mat", "tuyet-mat"])),
    field("draft", "checkbox")));
  parts.push(appendices());
  form.replaceChildren(...parts);
  fillForm();
}

function appendices() {
  const list = Array.isArray(doc.value.appendices) ? doc.value.appendices : [];
  const items = list.map((a, i) => el("fieldset", { class: "appendix" },
    el("legend", {}, t("f.appendix", { n: i + 1 })),
    field(`appendices.${i}.title`, "text", { label: "f.appendix.title" }),
    a.template ? null : field(`appendices.${i}.body`, "textarea", { label: "f.appendix.body", rows: 4 }),
    el("button", { type: "button", onclick: () => { list.splice(i, 1); formChanged(true); } }, t("f.appendix.remove", { n: i + 1 }))));
  const add = el("button", { type: "button", onclick: () => {
    doc.value.appendices = list.concat([{ title: "", body: "\n" }]);
    formChanged(true);
  } }, t("f.appendix.add"));
  return el("fieldset", {}, el("legend", {}, t("f.appendices")), ...items, add);
}

// Recipients: `Ban Tuyên giáo (b/c)` is { to, purpose }.
function listValue(control) {
  const lines = control.value.split("\n").map((l) => l.trim()).filter(Boolean);
  if (control.dataset.path !== "recipients.items") return lines;
  return lines.map((line) => {
    const m = /^(.*\S)\s*\(([^()]+)\)$/.exec(line);
    return m ? { to: m[1], purpose: m[2] } : line;
  });
}

function listText(value) {
  if (!Array.isArray(value)) return "";
  return value.map((v) => (v && typeof v === "object" ? (v.purpose ? `${v.to} (${v.purpose})` : v.to) : String(v))).join("\n");
}

function fillForm() {
  for (const control of $("form").querySelectorAll("[data-path]")) {
    if (control === document.activeElement) continue;
    const v = getPath(control.dataset.path);
    if (control.dataset.kind === "checkbox") control.checked = v === true;
    else if (control.dataset.kind === "list") control.value = listText(v);
    else control.value = v === undefined || v === null ? "" : String(v);
  }
  $("regime").value = currentSet() ? currentSet().id : $("regime").value;
  fillKinds();
}

function readControl(control) {
  const kind = control.dataset.kind;
  if (kind === "checkbox") return control.checked ? true : undefined;
  if (kind === "list") return listValue(control);
  if (kind === "number") return /^\d+$/.test(control.value.trim()) ? Number(control.value.trim()) : control.value.trim();
  return control.value;
}

function formChanged(rebuild) {
  $("yaml").value = yamlOf(doc.value);
  if (rebuild) buildForm();
  schedulePreview();
}

function onFormInput(event) {
  const control = event.target;
  if (!control.dataset.path || !doc.value) return;
  setPath(control.dataset.path, readControl(control));
  formChanged(false);
}

function schedulePreview(delay = 300) {
  clearTimeout(doc.timer);
  doc.timer = setTimeout(preview, delay);
}

// The server leaves out the pages the preview shows already (by their ids,
// hashes of what they draw); `everything` asks for every page again.
async function preview(everything = false) {
  const yaml = $("yaml").value;
  const ticket = ++doc.sent;
  $("preview").setAttribute("aria-busy", "true");
  const shown = everything ? "" : [...doc.shown.keys()].join(" ");
  let data;
  try {
    const response = await post("/api/preview", yaml, { name: doc.name },
      { "content-type": "text/yaml; charset=utf-8", "x-vanban-shown": shown });
    if (!response.ok) throw new Error(await errorText(response));
    data = await response.json();
  } catch (e) {
    if (ticket === doc.sent) status(t("failed.request", { e: e.message }));
    return;
  }
  if (ticket !== doc.sent) return; // a newer one is on its way
  if (data.pages.some((p) => !p.svg && !doc.shown.has(p.id))) {
    if (!everything) preview(true);
    return;
  }
  $("preview").removeAttribute("aria-busy");
  const before = doc.value;
  doc.value = data.value && typeof data.value === "object" && !Array.isArray(data.value) ? data.value : null;
  const structure = (v) => v ? [v.rules, v.kind, v.template, Array.isArray(v.signatures) ? v.signatures.length : 0,
    Array.isArray(v.appendices) ? v.appendices.length : 0].join("|") : "";
  if (!before !== !doc.value || structure(before) !== structure(doc.value) || !$("form").querySelector("[data-path]")) buildForm();
  else if (doc.value) fillForm();
  showFindings(data.findings);
  showPages(data.pages, data.texts);
}

function showPages(pages, texts) {
  const box = $("preview");
  const before = doc.shown;
  doc.shown = new Map();
  for (const p of pages) {
    if (doc.shown.has(p.id)) continue;
    const url = p.svg ? URL.createObjectURL(new Blob([p.svg], { type: "image/svg+xml" })) : before.get(p.id);
    doc.shown.set(p.id, url);
  }
  before.forEach((url, id) => { if (doc.shown.get(id) !== url) URL.revokeObjectURL(url); });
  if (!pages.length) {
    box.replaceChildren(el("p", { class: "muted" }, t("no.preview")));
    $("page-count").textContent = "";
    return;
  }
  const images = pages.map((p, i) => el("figure", { class: "sheet" },
    el("img", { src: doc.shown.get(p.id), alt: texts[i] || "", class: "page-image" }),
    el("figcaption", {}, t("page", { n: i + 1 }))));
  box.replaceChildren(...images);
  $("page-count").textContent = `(${t("pages", { n: pages.length })})`;
}

function fieldFor(path) {
  if (!path) return null;
  const clean = path.replace(/\[(\d+)\]/g, ".$1");
  const parts = clean.split(".");
  for (let n = parts.length; n > 0; n--) {
    const p = parts.slice(0, n).join(".");
    const control = $("form").querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (control) return control;
  }
  return null;
}

function findingItem(f, where) {
  const label = f.warning ? t("warning") : t("error");
  return el("li", { class: f.warning ? "warning" : "error" },
    el("strong", {}, f.code ? `${label} ${f.code}` : label), " ",
    where ? el("span", { class: "where" }, where, " ") : null,
    el("span", {}, f.cause),
    f.snippet ? el("code", { class: "snippet" }, f.snippet) : null,
    ...f.hints.map((h) => el("span", { class: "hint" }, `${t("hint")}: ${h}`)));
}

function showFindings(findings) {
  for (const note of document.querySelectorAll(".field-findings")) note.replaceChildren();
  for (const c of document.querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
  const list = $("findings");
  if (!findings.length) {
    list.replaceChildren(el("li", { class: "ok" }, t("ok.none")));
    return;
  }
  list.replaceChildren(...findings.map((f) => {
    const where = f.line ? t("line", { n: f.line }) : "";
    const item = findingItem(f, where);
    const control = fieldFor(f.field);
    if (control) {
      $(`${control.id}-findings`).append(el("p", { class: f.warning ? "warning" : "error" }, f.cause));
      if (!f.warning) control.setAttribute("aria-invalid", "true");
    }
    if (f.line) {
      item.append(el("button", { type: "button", class: "link", onclick: () => goToLine(f.line) }, "YAML"));
    }
    return item;
  }));
}

function goToLine(line) {
  const area = $("yaml");
  const lines = area.value.split("\n");
  const start = lines.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
  area.focus();
  area.setSelectionRange(start, start + (lines[line - 1] || "").length);
}

function status(text) {
  $("soan-status").textContent = text;
}

async function startNew() {
  const set = doc.rules.find((r) => r.id === $("regime").value);
  const response = await fetch(api("/api/starter", { regime: set ? set.regime : "party", kind: $("kind").value }));
  if (!response.ok) return status(await errorText(response));
  doc.name = `${$("kind").value}.yaml`;
  $("yaml").value = await response.text();
  schedulePreview(0);
}

async function openFile(file) {
  if (!file) return;
  const ext = file.name.split(".").pop().toLowerCase();
  if (ext === "yaml" || ext === "yml") {
    doc.name = file.name;
    $("yaml").value = await file.text();
    status(t("opened", { name: file.name }));
    schedulePreview(0);
    return;
  }
  await importDraft(file, file.name);
}

async function importDraft(body, name) {
  const response = await post("/api/import", body, { name });
  if (!response.ok) return status(await errorText(response));
  const data = await response.json();
  doc.name = name.replace(/\.[^.]+$/, "") + ".yaml";
  $("yaml").value = data.yaml;
  status(t("imported", { name }) + (data.warnings.length ? " " + data.warnings.map(findingText).join("; ") : ""));
  schedulePreview(0);
}

async function download(format) {
  const name = doc.name.replace(/\.[^.]+$/, "");
  if (format === "yaml") {
    saveBlob(new Blob([$("yaml").value], { type: "text/yaml" }), `${name}.yaml`);
    return status(t("downloaded", { name: `${name}.yaml` }));
  }
  const response = await post(`/api/render/${format}`, $("yaml").value, { name: doc.name });
  if (!response.ok) return status(await errorText(response));
  saveBlob(await response.blob(), `${name}.${format}`);
  status(t("downloaded", { name: `${name}.${format}` }));
}

function dropZone(zone, onFiles) {
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    onFiles([...e.dataTransfer.files]);
  });
}

function setUpCompose() {
  $("regime").addEventListener("change", () => { fillKinds(); });
  $("kind").addEventListener("change", () => {
    if (doc.value && doc.value.rules === $("regime").value) {
      // A file still named after its starter's kind follows the kind.
      if (doc.name === `${doc.value.kind}.yaml`) doc.name = `${$("kind").value}.yaml`;
      doc.value.kind = $("kind").value;
      formChanged(true);
    } else {
      startNew();
    }
  });
  $("new").addEventListener("click", startNew);
  $("open-file").addEventListener("change", (e) => { openFile(e.target.files[0]); e.target.value = ""; });
  $("form").addEventListener("input", onFormInput);
  $("form").addEventListener("change", onFormInput);
  $("yaml").addEventListener("input", () => schedulePreview());
  $("dl-docx").addEventListener("click", () => download("docx"));
  $("dl-pdf").addEventListener("click", () => download("pdf"));
  $("dl-yaml").addEventListener("click", () => download("yaml"));
  $("paste").addEventListener("click", () => { $("paste-text").value = ""; $("paste-dialog").showModal(); });
  $("paste-dialog").addEventListener("close", () => {
    const text = $("paste-text").value;
    if ($("paste-dialog").returnValue === "ok" && text.trim()) {
      importDraft(new Blob([text], { type: "text/plain" }), "du-thao.txt");
    }
  });
  dropZone($("drop-soan"), (files) => openFile(files[0]));
}

// ---- Unit reports ----------------------------------------------------------

const batch = { files: [], id: null };

function listBatch() {
  $("batch-list").replaceChildren(...batch.files.map((f, i) => el("li", {},
    el("span", {}, `${f.name} (${Math.ceil(f.size / 1024)} KB)`), " ",
    el("button", { type: "button", class: "link", "aria-label": t("remove", { name: f.name }),
      onclick: () => { batch.files.splice(i, 1); listBatch(); } }, "×"))));
  $("batch-run").disabled = batch.files.length === 0;
}

async function runBatch() {
  const form = new FormData();
  for (const f of batch.files) form.append("files", f, f.name);
  $("batch-run").disabled = true;
  $("batch-status").textContent = "";
  $("batch-zip").hidden = true;
  $("batch-table").hidden = true;
  let response;
  try {
    response = await fetch(api("/api/batch"), { method: "POST", body: form });
  } catch (e) {
    $("batch-run").disabled = false;
    $("batch-status").textContent = t("failed.request", { e: e.message });
    return;
  }
  if (!response.ok) {
    $("batch-run").disabled = false;
    $("batch-status").textContent = await errorText(response);
    return;
  }
  const { id, total } = await response.json();
  batch.id = id;
  $("batch-progress").hidden = false;
  $("batch-stop").hidden = false;
  $("batch-stop").disabled = false;
  progress(0, total);
  const events = new EventSource(`/api/batch/${encodeURIComponent(id)}/events`);
  events.addEventListener("progress", (e) => { const d = JSON.parse(e.data); progress(d.done, d.total); });
  events.addEventListener("done", (e) => {
    events.close();
    batch.id = null;
    $("batch-stop").hidden = true;
    $("batch-run").disabled = false;
    batchDone(JSON.parse(e.data));
  });
}

async function stopBatch() {
  if (!batch.id) return;
  $("batch-stop").disabled = true;
  $("batch-status").textContent = t("batch.stopping");
  const response = await post(`/api/batch/${encodeURIComponent(batch.id)}/cancel`, "");
  if (!response.ok && response.status !== 409) $("batch-status").textContent = await errorText(response);
}

function progress(done, total) {
  $("batch-bar").max = Math.max(total, 1);
  $("batch-bar").value = done;
  $("batch-count").textContent = t("batch.progress", { done, total });
}

function batchDone(result) {
  if (result.error) {
    $("batch-status").textContent = findingText(result.error);
    return;
  }
  const count = (s) => result.units.filter((u) => u.status === s).length;
  const warnings = result.units.reduce((n, u) => n + u.warnings.length, 0);
  $("batch-status").textContent = t("batch.summary", { ok: count("ok") + count("flagged"), failed: count("failed"), flagged: count("flagged"), warnings })
    + (result.consolidated_error ? ` ${t("consolidated.error")}: ${findingText(result.consolidated_error)}` : "")
    + ((result.consolidated_warnings || []).length
      ? ` ${t("consolidated.warnings")}: ${result.consolidated_warnings.map((w) => `${w.code ? `${w.code} ` : ""}${w.cause}`).join("; ")}` : "")
    + (result.notes || []).map((n) => ` ${n}`).join("");
  const zip = $("batch-zip");
  zip.href = result.zip;
  zip.hidden = false;
  const rows = result.units.map((u) => el("tr", { class: u.status },
    el("th", { scope: "row" }, u.unit), el("td", {}, u.file), el("td", {}, u.number || ""),
    el("td", {}, el("span", { class: `badge ${u.status}` }, t(`status.${u.status}`)),
      u.error ? el("div", { class: "located" },
        el("span", {}, `${u.file}${u.error.line ? `:${u.error.line}:${u.error.column}` : ""}: ${u.error.cause}`),
        u.error.field ? el("span", { class: "muted" }, ` (${u.error.field})`) : null,
        u.error.snippet ? el("code", { class: "snippet" }, u.error.snippet) : null) : null,
      u.note ? el("div", { class: "located" }, u.note) : null,
      ...u.warnings.map((w) => el("div", { class: "warned" },
        `${t("warning")}${w.code ? ` ${w.code}` : ""}: ${w.line ? `${u.file}:${w.line}:${w.column}: ` : ""}${w.cause}`)))));
  $("batch-table").tBodies[0].replaceChildren(...rows);
  $("batch-table").hidden = false;
}

function setUpBatch() {
  const add = (files) => { batch.files = batch.files.concat(files); listBatch(); };
  $("batch-files").addEventListener("change", (e) => { add([...e.target.files]); e.target.value = ""; });
  dropZone($("drop-batch"), add);
  $("batch-run").addEventListener("click", runBatch);
  $("batch-stop").addEventListener("click", stopBatch);
  $("batch-clear").addEventListener("click", () => { batch.files = []; listBatch(); });
}

// ---- Checking DOCX made elsewhere -------------------------------------------

async function checkFiles(files) {
  const results = $("check-results");
  for (const file of files) {
    const section = el("section", { class: "result" }, el("h2", {}, file.name));
    results.prepend(section);
    const response = await post("/api/inspect", file, { name: file.name });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      section.append(el("p", { class: "error" }, data.error || (data.findings || []).map(findingText).join("; ")));
      continue;
    }
    if (!data.findings.length) {
      section.append(el("p", { class: "ok" }, t("check.none")));
      continue;
    }
    section.append(el("p", {}, t("check.count", { n: data.findings.length })),
      el("ul", { class: "findings" }, data.findings.map((f) => findingItem(f, f.line ? t("paragraph", { n: f.line }) : ""))));
  }
}

function setUpCheck() {
  $("check-files").addEventListener("change", (e) => { checkFiles([...e.target.files]); e.target.value = ""; });
  dropZone($("drop-check"), checkFiles);
}

// ---- Start -------------------------------------------------------------------

async function start() {
  $("lang").addEventListener("click", () => {
    lang = lang === "vi" ? "en" : "vi";
    localStorage.setItem("vanban.lang", lang);
    applyLanguage();
  });
  applyLanguage();
  showPage();
  setUpCompose();
  setUpBatch();
  setUpCheck();
  const response = await fetch(api("/api/rules"));
  doc.rules = await response.json();
  window.vanbanReady = true;
  fillRegimes();
  $("regime").value = doc.rules[0].id;
  fillKinds();
  $("kind").value = "huong-dan";
  await startNew();
}

start();
