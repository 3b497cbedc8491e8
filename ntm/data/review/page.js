"use strict";
// Everything a document or a table says is put on the page as text (textContent, text nodes, attribute values),
// never parsed as markup.
(function () {
  const data = JSON.parse(document.getElementById("ntm-data").textContent);
  const kindNames = data.kinds.map((k) => k.name);
  const flagColumn = (name) => data.kinds[kindNames.indexOf("flags")].columns.indexOf(name);
  const FLAG = { kind: flagColumn("kind"), detail: flagColumn("detail"), severity: flagColumn("severity") };
  const PAGE_SIZE = 200;
  const state = { kinds: new Set(kindNames), district: "", findingKind: "", decisions: new Map(), rendered: new Set() };

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (key === "className" || key === "textContent" || key === "hidden" || key === "checked" || key === "value") node[key] = value;
      else node.setAttribute(key, String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  const shown = (value) => (value === null || value === undefined || value === "" ? "–"
    : Array.isArray(value) ? value.join(", ") : String(value));
  const districtOf = (doc) => (doc.district ? (doc.province ? doc.district + ", " + doc.province : doc.district) : "(no district)");
  const docVisible = (i) => !state.district || districtOf(data.documents[i]) === state.district;
  const flagRow = (finding) => data.rows.flags[finding.row];
  const baseName = (path) => String(path).split(/[\\/]/).pop();

  // --- header: run, legend, filters -----------------------------------------------------------------------------
  const run = data.run || {};
  document.getElementById("run-info").textContent =
    [run.data, run.run_id ? "run " + run.run_id : null, run.started].filter(Boolean).join(" · ");

  const legend = document.getElementById("legend");
  for (const name of kindNames) {
    const box = el("input", { type: "checkbox", checked: true, value: name, dataset: { kind: name },
      onchange: (event) => { event.target.checked ? state.kinds.add(name) : state.kinds.delete(name); recolour(); } });
    legend.append(el("label", { className: "k-" + name, title: "highlight " + name }, box, name.replace(/_/g, " ")));
  }

  const districtFilter = document.getElementById("district-filter");
  for (const name of [...new Set(data.documents.map(districtOf))].sort((a, b) => a.localeCompare(b, "vi"))) {
    districtFilter.append(el("option", { value: name }, name));
  }
  districtFilter.addEventListener("change", () => { state.district = districtFilter.value; refresh(); });

  const findingFilter = document.getElementById("finding-filter");
  for (const kind of [...new Set(data.findings.map((f) => flagRow(f)[FLAG.kind]))].sort()) {
    findingFilter.append(el("option", { value: kind }, kind.replace(/_/g, " ")));
  }
  findingFilter.addEventListener("change", () => { state.findingKind = findingFilter.value; drawFindings(); });

  // --- documents, drawn when first opened -------------------------------------------------------------------------
  const documentList = document.getElementById("document-list");
  const findingsOf = data.documents.map(() => 0);
  data.findings.forEach((f) => { findingsOf[f.doc] += 1; });
  const docNodes = data.documents.map((doc, i) => {
    const summary = el("summary", {},
      el("span", { className: "file" }, baseName(doc.file)),
      el("span", { className: "meta" }, [doc.type, doc.title, districtOf(doc), doc.status !== "ok" ? doc.status + ": " + (doc.message || "") : null]
        .filter(Boolean).join(" · ")),
      findingsOf[i] ? el("span", { className: "badge", title: "findings" }, findingsOf[i]) : null);
    const details = el("details", { className: "doc", id: "doc-" + i, dataset: { doc: i } }, summary,
      el("div", { className: "text", lang: "vi" }));
    details.addEventListener("toggle", () => { if (details.open) drawText(i); });
    return details;
  });

  function drawText(i) {
    if (state.rendered.has(i)) return;
    state.rendered.add(i);
    const doc = data.documents[i];
    const box = docNodes[i].querySelector(".text");
    const length = doc.text.length;
    const clamp = (n) => Math.max(0, Math.min(length, n));
    const cuts = new Set([0, length]);
    doc.facts.forEach((f) => { cuts.add(clamp(f[1])); cuts.add(clamp(f[2])); });
    const pageAt = new Map(doc.pages.map(([offset, page]) => [clamp(offset), page]));
    pageAt.forEach((_, offset) => cuts.add(offset));
    const order = doc.facts.map((_, n) => n).sort((a, b) => doc.facts[a][1] - doc.facts[b][1]);
    const points = new Map(); // facts without length: a marker where they stand
    doc.facts.forEach((f, n) => { if (clamp(f[2]) <= clamp(f[1])) points.set(clamp(f[1]), [...(points.get(clamp(f[1])) || []), n]); });
    const sorted = [...cuts].sort((a, b) => a - b);
    const out = document.createDocumentFragment();
    let active = [], next = 0;
    for (let k = 0; k < sorted.length; k++) {
      const a = sorted[k], b = k + 1 < sorted.length ? sorted[k + 1] : a;
      if (pageAt.has(a) && a > 0) out.append(el("span", { className: "page-mark" }, "page " + pageAt.get(a)));
      if (points.has(a)) out.append(mark(i, points.get(a), "point"));
      if (b <= a) continue;
      while (next < order.length && clamp(doc.facts[order[next]][1]) <= a) active.push(order[next++]);
      active = active.filter((n) => clamp(doc.facts[n][2]) > a);
      const piece = doc.text.slice(a, b);
      out.append(active.length ? mark(i, active, null, piece) : document.createTextNode(piece));
    }
    if (!doc.text) out.append(el("em", {}, doc.status === "ok" ? "(no text)" : "(not read: " + (doc.message || doc.status) + ")"));
    box.replaceChildren(out);
  }

  function mark(docIndex, facts, extra, text) {
    const node = el("mark", { className: "hl", dataset: { facts: facts.join(" "), doc: docIndex } }, text || "");
    if (extra) node.classList.add(extra);
    colour(node);
    return node;
  }

  // The innermost highlighted fact gives the colour; an underline says more than one fact covers the text.
  function colour(node) {
    const doc = data.documents[Number(node.dataset.doc)];
    const facts = node.dataset.facts.split(" ").map(Number).map((n) => doc.facts[n]);
    const visible = facts.filter((f) => state.kinds.has(kindNames[f[0]]));
    for (const name of kindNames) node.classList.remove("k-" + name);
    node.classList.toggle("multi", visible.length > 1);
    if (!visible.length) return;
    const inner = visible.reduce((best, f) => (f[2] - f[1] <= best[2] - best[1] ? f : best));
    node.classList.add("k-" + kindNames[inner[0]]);
  }

  function recolour() { documentList.querySelectorAll("mark.hl").forEach(colour); }

  // --- hover: the rows behind the highlighted text ----------------------------------------------------------------
  const tooltip = document.getElementById("tooltip");
  documentList.addEventListener("mouseover", (event) => {
    const node = event.target.closest("mark.hl");
    if (!node) return;
    const doc = data.documents[Number(node.dataset.doc)];
    const parts = node.dataset.facts.split(" ").map(Number).map((n) => {
      const [kind, , , row] = doc.facts[n];
      const spec = data.kinds[kind];
      const values = data.rows[spec.name][row];
      return [el("div", { className: "tip-kind k-" + spec.name }, spec.name),
        el("table", {}, spec.columns.map((column, c) => el("tr", {}, el("th", {}, column), el("td", {}, shown(values[c])))))];
    });
    tooltip.replaceChildren(...parts.flat());
    tooltip.hidden = false;
    place(event);
  });
  documentList.addEventListener("mousemove", (event) => { if (!tooltip.hidden) place(event); });
  documentList.addEventListener("mouseout", (event) => {
    if (!event.relatedTarget || !event.relatedTarget.closest || !event.relatedTarget.closest("mark.hl")) tooltip.hidden = true;
  });
  function place(event) {
    const width = tooltip.offsetWidth, height = tooltip.offsetHeight;
    tooltip.style.left = Math.max(4, Math.min(event.clientX + 14, window.innerWidth - width - 8)) + "px";
    tooltip.style.top = (event.clientY + 16 + height > window.innerHeight ? Math.max(4, event.clientY - height - 10) : event.clientY + 16) + "px";
  }

  // --- findings: a link marks its evidence and scrolls to it --------------------------------------------------------
  function show(docIndex, facts) {
    if (!docVisible(docIndex)) { districtFilter.value = state.district = ""; refresh(); }
    const details = docNodes[docIndex];
    details.open = true;
    drawText(docIndex);
    document.querySelectorAll("mark.marked").forEach((node) => node.classList.remove("marked"));
    const wanted = new Set(facts.map(String));
    const marks = [...details.querySelectorAll("mark.hl")].filter((node) => node.dataset.facts.split(" ").some((n) => wanted.has(n)));
    marks.forEach((node) => node.classList.add("marked"));
    const first = marks[0] || details;
    first.scrollIntoView({ block: "center" });
    return marks;
  }

  const findingList = document.getElementById("finding-list");
  function drawFindings(limit) {
    const visible = data.findings.map((f, n) => [f, n])
      .filter(([f]) => docVisible(f.doc) && (!state.findingKind || flagRow(f)[FLAG.kind] === state.findingKind));
    document.getElementById("finding-count").textContent = "(" + visible.length + ")";
    const upto = limit || PAGE_SIZE;
    const items = visible.slice(0, upto).map(([finding, n]) => {
      const row = flagRow(finding);
      const link = el("a", { href: "#doc-" + finding.doc, className: "kind", dataset: { finding: n },
        onclick: (event) => {
          event.preventDefault();
          findingList.querySelectorAll("li.current").forEach((li) => li.classList.remove("current"));
          link.closest("li").classList.add("current");
          show(finding.doc, finding.facts);
        } }, row[FLAG.kind].replace(/_/g, " "));
      return el("li", { className: "finding sev-" + row[FLAG.severity] }, link, " ", row[FLAG.detail], " ",
        el("span", { className: "where" }, baseName(data.documents[finding.doc].file)));
    });
    if (visible.length > upto) {
      items.push(el("li", { className: "more" }, el("button", { type: "button", onclick: () => drawFindings(upto + PAGE_SIZE) },
        "show " + Math.min(PAGE_SIZE, visible.length - upto) + " more of " + (visible.length - upto))));
    }
    findingList.replaceChildren(...items);
  }

  // --- name variants: accept / reject, exported as aliases.csv lines ------------------------------------------------
  const storageKey = "ntm-review-decisions:" + (run.run_id || run.data || "");
  const variantKey = (v) => [v.level, v.scope || "", v.variant].join("\u0001");
  try {
    const saved = JSON.parse(window.localStorage.getItem(storageKey) || "{}");
    data.variants.forEach((v, n) => { if (saved[variantKey(v)] && v.status === "auto") state.decisions.set(n, saved[variantKey(v)]); });
  } catch (error) { /* a page opened where storage is refused keeps its decisions in memory only */ }

  const csvField = (value) => (/[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value);
  function aliasLine(variant, decision) {
    const values = { level: variant.level, scope: variant.scope || "", variant: variant.variant, canonical: variant.canonical, decision };
    return data.alias_fields.map((name) => csvField(String(values[name] ?? ""))).join(",");
  }

  const lines = document.getElementById("alias-lines");
  function exportLines() {
    const decided = [...state.decisions.entries()].sort((a, b) => a[0] - b[0]);
    lines.value = decided.map(([n, decision]) => aliasLine(data.variants[n], decision) + "\n").join("");
    document.getElementById("decision-count").textContent = "(" + decided.length + ")";
    try {
      const saved = {};
      decided.forEach(([n, decision]) => { saved[variantKey(data.variants[n])] = decision; });
      window.localStorage.setItem(storageKey, JSON.stringify(saved));
    } catch (error) { /* see above */ }
  }

  const variantList = document.getElementById("variant-list");
  function drawVariants() {
    const clusters = new Map();
    data.variants.forEach((v, n) => {
      if (v.docs.length && !v.docs.some(docVisible)) return;
      const key = [v.level, v.scope || "", v.canonical].join("\u0001");
      if (!clusters.has(key)) clusters.set(key, []);
      clusters.get(key).push(n);
    });
    let count = 0;
    const nodes = [...clusters.values()].map((members) => {
      const head = data.variants[members[0]];
      count += members.length;
      return el("div", { className: "cluster" },
        el("div", { className: "cluster-head" }, head.canonical, " ",
          el("span", { className: "scope" }, [head.level, head.scope].filter(Boolean).join(" · "))),
        members.map((n) => variantRow(n)));
    });
    document.getElementById("variant-count").textContent = "(" + count + ")";
    variantList.replaceChildren(...nodes);
  }

  function variantRow(n) {
    const v = data.variants[n];
    const row = el("div", { className: "variant", dataset: { variant: n } },
      el("span", { className: "name" }, v.variant),
      el("span", { className: "where" }, "×" + v.occurrences + " · " + v.method + " · confidence " + Number(v.confidence).toFixed(2)),
      v.evidence.map(([doc, facts]) => el("a", { href: "#doc-" + doc, className: "evidence",
        onclick: (event) => { event.preventDefault(); show(doc, facts); } }, baseName(data.documents[doc].file))));
    if (v.status !== "auto") {
      row.append(el("span", { className: "status-" + v.status, title: "already decided in the aliases file" }, v.status));
      return row;
    }
    const buttons = [["accept", "confirmed", "Accept"], ["reject", "rejected", "Reject"]].map(([className, decision, label]) =>
      el("button", { type: "button", className, dataset: { decision }, "aria-pressed": state.decisions.get(n) === decision,
        onclick: () => {
          state.decisions.get(n) === decision ? state.decisions.delete(n) : state.decisions.set(n, decision);
          buttons.forEach((b) => b.setAttribute("aria-pressed", String(state.decisions.get(n) === b.dataset.decision)));
          exportLines();
        } }, label));
    row.append(...buttons);
    return row;
  }

  document.getElementById("copy-lines").addEventListener("click", () => {
    const status = document.getElementById("copy-status");
    const fallback = () => { lines.select(); status.textContent = document.execCommand("copy") ? "copied" : "select the lines and copy them"; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(lines.value).then(() => { status.textContent = "copied"; }, fallback);
    } else fallback();
  });
  document.getElementById("download-lines").addEventListener("click", () => {
    const blob = new Blob([data.alias_fields.join(",") + "\n" + lines.value], { type: "text/csv;charset=utf-8" });
    const link = el("a", { href: URL.createObjectURL(blob), download: "aliases-decisions.csv" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });

  // --- filters ------------------------------------------------------------------------------------------------------
  function refresh() {
    let count = 0;
    docNodes.forEach((node, i) => { node.hidden = !docVisible(i); count += node.hidden ? 0 : 1; });
    document.getElementById("document-count").textContent = "(" + count + " of " + data.documents.length + ")";
    drawFindings();
    drawVariants();
  }

  documentList.append(...docNodes);
  refresh();
  exportLines();
  document.body.dataset.ready = "true";
})();
