// The evidence behind one event: its fields, who claims it, the article's raw text with the
// evidence highlighted, and the other sources that report it (its cluster).
// The article is untrusted: every piece of it goes in through textContent, never as HTML.

import { swatch } from "./styles.js";

function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else e.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function dateText(ev) {
  if (!ev.date_start) return "no date in the text";
  const range = ev.date_end && ev.date_end !== ev.date_start ? `${ev.date_start} – ${ev.date_end}` : ev.date_start;
  return `${range} (${ev.date_precision || "day"})` + (ev.date_text ? ` — “${ev.date_text}”` : "");
}

function fieldList(ev) {
  const rows = [
    ["Date", dateText(ev)],
    ["Place", ev.place_name ? `${ev.place_name}${ev.country_code ? " (" + ev.country_code + ")" : ""}` : "no place"],
    ["Actor 1", ev.actor1 || "—"],
    ["Actor 2", ev.actor2 || "—"],
    ["Fatalities", ev.fatalities ?? "not given"],
    ["Modality", ev.modality],
  ];
  if (ev.claimed_by) rows.push(["Claimed by", ev.claimed_by]);
  if (ev.historical) rows.push(["Background", "a past event told as context"]);
  const dl = h("dl", { class: "fields" });
  for (const [k, v] of rows) dl.append(h("dt", {}, k), h("dd", {}, v));
  return dl;
}

function claimSection(data) {
  const { event: ev, statement: st } = data;
  const sec = h("section", { class: "claim" }, h("h3", {}, "Who says so"));
  if (st) {
    sec.append(h("p", {}, h("strong", {}, st.speaker || "someone"), ` (${st.cue}, ${st.kind.replace("_", " ")})`));
    if (st.content) sec.append(h("blockquote", {}, st.content.text));
    if (st.source_chain && st.source_chain.length) sec.append(h("p", { class: "muted" }, "Reported through: " + st.source_chain.join(" → ")));
  } else if (ev.claimed_by) {
    sec.append(h("p", {}, h("strong", {}, ev.claimed_by), " claims it."));
  } else if (ev.modality === "asserted") {
    sec.append(h("p", {}, "The outlet states it in its own voice."));
  } else {
    sec.append(h("p", {}, `Told as ${ev.modality}, with no named source.`));
  }
  return sec;
}

// The raw text split at every span boundary; each piece a text node or a <mark>, so nothing in the
// text is ever parsed as HTML.
export function highlighted(raw, spans) {
  const cuts = new Set([0, raw.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter((n) => n >= 0 && n <= raw.length).sort((a, b) => a - b);
  const out = h("div", { class: "article-text", id: "article" });
  let first = null;
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const text = raw.slice(a, b);
    const classes = spans.filter((s) => s.start <= a && b <= s.end).map((s) => s.cls);
    if (!classes.length) { out.append(document.createTextNode(text)); continue; }
    const mark = h("mark", { class: classes.join(" ") });
    mark.textContent = text;
    if (classes.includes("evidence") && !first) first = mark;
    out.append(mark);
  }
  return [out, first];
}

// The sentence around a span: back to the previous line break or sentence end, on to the next.
export function sentenceAround(raw, start, end, reach = 600) {
  let a = start;
  const stopA = Math.max(0, start - reach);
  while (a > stopA && raw[a - 1] !== "\n" && !(a >= 2 && /[.!?…]/.test(raw[a - 2]) && /\s/.test(raw[a - 1]))) a--;
  let b = end;
  const stopB = Math.min(raw.length, end + reach);
  while (b < stopB && raw[b] !== "\n" && !(/[.!?…]/.test(raw[b]) && (b + 1 >= raw.length || /\s/.test(raw[b + 1])))) b++;
  if (b < raw.length && /[.!?…]/.test(raw[b])) b++;
  return { start: a, end: Math.max(b, end) };
}

function safeLink(url) {
  try {
    const u = new URL(url);
    if (u.protocol === "http:" || u.protocol === "https:") {
      return h("a", { href: u.href, rel: "noopener noreferrer nofollow", target: "_blank" }, u.href);
    }
  } catch (e) { /* not a URL: shown as text below */ }
  return h("span", {}, url);
}

function articleSection(data) {
  const { event: ev, document: doc, statement: st } = data;
  const sec = h("section", { class: "article" }, h("h3", {}, "In the article"));
  sec.append(h("p", { class: "doc-title" }, doc.title || doc.source || doc.id));
  const meta = h("p", { class: "muted" }, [doc.outlet, doc.published].filter(Boolean).join(" · "));
  if (doc.url) meta.append(" · ", safeLink(doc.url));
  sec.append(meta);
  const raw = doc.raw || "";
  const spans = [{ ...sentenceAround(raw, ev.evidence.start, ev.evidence.end), cls: "sentence" },
                 { start: ev.evidence.start, end: ev.evidence.end, cls: "evidence" }];
  if (st) spans.push({ start: st.evidence.start, end: st.evidence.end, cls: "claim" });
  const [text, first] = highlighted(raw, spans);
  sec.append(text);
  return [sec, first];
}

// Who tells a member of the cluster: this article, else its outlet or its source's name.
function memberSource(m, ev) {
  return m.document_id === ev.document_id ? "this article" : m.document_outlet || sourceName(m.source_identity);
}

// Who makes the claim: its claimant, the outlet itself when it asserts it, else no one named.
function claimant(m) {
  if (m.claimed_by) return m.claimed_by;
  return m.modality === "asserted" ? "the outlet" : "no one named";
}

function claimWhat(m) {
  const who = [m.actor1, m.actor2].filter(Boolean).join(" vs ");
  return [m.sub_event_type || m.event_type, who, m.place_name, m.date_start].filter(Boolean).join(" · ");
}

// The competing claims of the event's cluster side by side: one row a claim, this one marked.
function claimsTable(data) {
  const { event: ev, cluster } = data;
  const table = h("table", { class: "claims" },
    h("thead", {}, h("tr", {}, ...["Source", "Who claims it", "What", "Fatalities", "Modality"].map((t) => h("th", {}, t)))));
  const body = h("tbody");
  for (const m of cluster.members) {
    const fatalities = m.fatalities === null || m.fatalities === undefined
      ? h("span", { class: "unknown" }, "not given") : String(m.fatalities);
    const row = h("tr", { class: m.id === ev.id ? "claim-row this-event" : "claim-row", "data-id": m.id },
      h("td", {}, memberSource(m, ev)), h("td", {}, claimant(m)), h("td", {}, claimWhat(m)),
      h("td", { class: "num" }, fatalities), h("td", {}, h("span", { class: "badge " + m.modality }, m.modality)));
    body.append(row);
  }
  table.append(body);
  return table;
}

function sourcesSection(data, onSelect) {
  const { event: ev, cluster } = data;
  const sec = h("section", { class: "sources" });
  if (cluster && cluster.members.length > 1) {
    sec.append(h("h3", {}, "What each source claims"), claimsTable(data));
  }
  sec.append(h("h3", {}, "Other sources of this event"));
  // other documents only: a second event of the same article is not a second source
  const others = cluster ? cluster.members.filter((m) => m.document_id !== ev.document_id) : [];
  if (cluster) {
    sec.append(h("p", { class: "muted" },
      `${cluster.n_documents} document${cluster.n_documents > 1 ? "s" : ""}, ` +
      `${cluster.corroboration} source${cluster.corroboration === 1 ? "" : "s"} that report it`));
    if (cluster.contradiction) sec.append(h("p", { class: "contradiction" }, "Sources disagree: " + (cluster.contradiction_reason || "")));
  }
  if (!others.length) {
    sec.append(h("p", { class: "muted" }, "No other document reports this event."));
    return sec;
  }
  const list = h("ul", { class: "source-list" });
  for (const m of others) {
    const btn = h("button", { type: "button", class: "source", "data-id": m.id },
      swatch(m.event_type, m.modality),
      h("span", { class: "src-outlet" }, memberSource(m, ev)),
      h("span", { class: "badge " + m.modality }, m.modality),
      h("span", { class: "src-title" }, m.document_title || ""),
      h("span", { class: "src-evidence" }, m.evidence.text));
    btn.addEventListener("click", () => onSelect(m.id));
    list.append(h("li", {}, btn));
  }
  sec.append(list);
  return sec;
}

// "outlet:afp" -> "afp", "site:example.org" -> "example.org", "doc:/a/b/c.txt" -> "c.txt"
function sourceName(identity) {
  if (!identity) return "unknown source";
  const value = identity.replace(/^(outlet|site|doc):/, "");
  return identity.startsWith("doc:") ? value.split(/[\\/]/).pop() : value;
}

export function renderDetail(pane, data, { onSelect, onClose }) {
  const ev = data.event;
  const close = h("button", { type: "button", class: "close", title: "Close" }, "×");
  close.addEventListener("click", onClose);
  const head = h("header", { class: "detail-head" }, swatch(ev.event_type, ev.modality),
    h("h2", {}, ev.sub_event_type || ev.event_type), h("span", { class: "badge " + ev.modality }, ev.modality), close);
  const [article, first] = articleSection(data);
  pane.replaceChildren(head, h("p", { class: "muted type-line" }, ev.event_type), fieldList(ev), claimSection(data),
    article, sourcesSection(data, onSelect));
  pane.hidden = false;
  pane.scrollTop = 0;
  // scroll the article's own box to the evidence, not the whole pane
  const box = pane.querySelector(".article-text");
  if (first && box) box.scrollTop = Math.max(0, first.offsetTop - box.clientHeight / 3);
}
