// The feeds `veille watch` follows (GET /api/sources): each one's last success, last error and
// the articles it brought. Outlet names, URLs and error messages come from outside: they go in
// through textContent, never as HTML.

import { getJSON } from "./api.js";

function cell(tag, text, className) {
  const c = document.createElement(tag);
  c.textContent = text;
  if (className) c.className = className;
  return c;
}

function when(stamp) {
  return stamp ? stamp.replace("T", " ").slice(0, 16) + " UTC" : "never";
}

function row(s) {
  const tr = document.createElement("tr");
  tr.className = s.ok ? "src-ok" : "src-failing";
  const feed = cell("td", s.outlet || s.url, "src-feed");
  feed.title = s.url;
  const error = s.last_error ? `${when(s.last_error_at)}: ${s.last_error}` : "none";
  tr.append(feed, cell("td", s.ok ? "ok" : "failing", "src-state"), cell("td", String(s.articles), "src-articles"),
    cell("td", when(s.last_success_at)), cell("td", error, "src-error"));
  return tr;
}

export async function loadSources(panel) {
  const data = await getJSON("/api/sources");
  const failing = data.items.filter((s) => !s.ok).length;
  panel.querySelector(".sources-count").textContent =
    `${data.total}` + (failing ? ` (${failing} failing)` : "");
  panel.classList.toggle("has-failing", failing > 0);
  const body = panel.querySelector("tbody");
  body.replaceChildren(...data.items.map(row));
  panel.querySelector(".sources-empty").hidden = data.total > 0;
}
