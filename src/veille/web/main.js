// The page: filters, map, timeline, list and the evidence of the chosen event, kept in step.

import { getJSON } from "./api.js";
import { renderDetail } from "./detail.js";
import { MapView } from "./map.js";
import { loadSources } from "./sources.js";
import { TYPES, swatch } from "./styles.js";
import { Timeline } from "./timeline.js";

const $ = (id) => document.getElementById(id);
const STEP = 200; // list items added at a time
const NARROW = "(max-width: 1000px)"; // style.css lays the page out in one column below this

const state = { config: null, features: [], subset: null, shown: STEP, selected: null, brush: null, seq: 0 };

function status(text, isError = false) {
  const s = $("status");
  s.textContent = text;
  s.classList.toggle("error", isError);
}

function filters({ withDates = true } = {}) {
  const f = {
    event_type: $("f-type").value,
    actor: $("f-actor").value.trim(),
    modality: $("f-modality").value,
    q: $("f-q").value.trim(),
  };
  if (withDates) {
    f.date_from = $("f-from").value;
    f.date_to = $("f-to").value;
  }
  return f;
}

function option(value, label) {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  return o;
}

async function loadFacets() {
  const facets = await getJSON("/api/events/facets");
  const counts = Object.fromEntries(facets.event_type.map((t) => [t.value, t.count]));
  for (const type of Object.keys(TYPES)) $("f-type").append(option(type, `${type} (${counts[type] || 0})`));
  for (const m of ["asserted", "claimed", "reported", "denied", "future"]) $("f-modality").append(option(m, m));
  for (const a of facets.actor) $("actor-names").append(option(a.value, `${a.count}`));
  const legend = $("legend");
  for (const type of Object.keys(TYPES)) {
    const li = document.createElement("li");
    li.append(swatch(type), document.createTextNode(" " + type));
    legend.append(li);
  }
}

function listItem(f) {
  const p = f.properties;
  const btn = document.createElement("button");
  btn.type = "button";
  btn.className = "event-item" + (p.id === state.selected ? " selected" : "");
  btn.dataset.id = p.id;
  const line1 = document.createElement("span");
  line1.className = "ev-line1";
  const date = document.createElement("span");
  date.className = "ev-date";
  date.textContent = p.date_start || "undated";
  const type = document.createElement("span");
  type.className = "ev-type";
  type.textContent = p.sub_event_type || p.event_type;
  const badge = document.createElement("span");
  badge.className = "badge " + p.modality;
  badge.textContent = p.modality;
  line1.append(swatch(p.event_type, p.modality), date, type, badge);
  const line2 = document.createElement("span");
  line2.className = "ev-line2";
  const who = [p.actor1, p.actor2].filter(Boolean).join(" vs ");
  line2.textContent = [who, p.place_name || "no place"].filter(Boolean).join(" · ");
  const line3 = document.createElement("span");
  line3.className = "ev-evidence";
  line3.textContent = p.evidence.text;
  btn.append(line1, line2, line3);
  btn.addEventListener("click", () => select(p.id));
  const li = document.createElement("li");
  li.append(btn);
  return li;
}

function renderList() {
  const items = state.subset || state.features;
  const list = $("event-list");
  list.replaceChildren(...items.slice(0, state.shown).map(listItem));
  $("more").hidden = items.length <= state.shown;
  const onMap = state.features.filter((f) => f.geometry).length;
  $("count").textContent = `${state.total} (${onMap} on the map${state.total > state.features.length ? `, first ${state.features.length} shown` : ""})`;
  $("subset").hidden = !state.subset;
}

// Back to the head of the list (its header stays in view: it is sticky).
function listToTop() {
  $("event-list").closest(".list-pane").scrollTop = 0;
}

async function refresh() {
  const seq = ++state.seq;
  status("Loading…");
  try {
    const [geo, timeline] = await Promise.all([
      getJSON("/api/events.geojson", { ...filters(), limit: state.config.max_map_events }),
      getJSON("/api/events/timeline", filters({ withDates: false })),
    ]);
    if (seq !== state.seq) return; // a newer request has been made
    state.features = geo.features;
    state.total = geo.total;
    state.subset = null;
    state.shown = STEP;
    map.setEvents(state.features);
    map.fit(); // the map follows the filter: every event it keeps in view
    tl.set(timeline.days, state.brush);
    $("timeline-info").textContent = `Not on the timeline: ${timeline.coarse} event(s) dated only to a month or a year, ` +
      `${timeline.undated} undated.`;
    renderList();
    listToTop();
    status(geo.total ? "" : "No event matches these filters.");
    return geo;
  } catch (err) {
    status("Could not load the events: " + err.message, true);
  }
}

async function select(id) {
  state.selected = id;
  map.select(id);
  for (const b of document.querySelectorAll(".event-item")) b.classList.toggle("selected", b.dataset.id === id);
  try {
    const data = await getJSON(`/api/events/${encodeURIComponent(id)}`);
    if (state.selected !== id) return;
    renderDetail($("detail"), data, { onSelect: select, onClose: closeDetail });
    document.body.classList.add("with-detail");
    // one column on a narrow screen: the evidence is below the list, bring it into view
    if (window.matchMedia(NARROW).matches) $("detail").scrollIntoView({ block: "start" });
    requestAnimationFrame(() => map.select(id)); // the map is narrower once the evidence shows
  } catch (err) {
    status("Could not load the event: " + err.message, true);
  }
}

function closeDetail() {
  state.selected = null;
  map.select(null);
  $("detail").hidden = true;
  document.body.classList.remove("with-detail");
  for (const b of document.querySelectorAll(".event-item.selected")) b.classList.remove("selected");
}

const map = new MapView($("map"), {
  onSelect: select,
  covered: () => $("legend").offsetHeight + 18,
  onCluster: (features) => {
    state.subset = features;
    state.shown = STEP;
    const places = new Set(features.map((f) => f.properties.place_name || "?"));
    $("subset-label").textContent = `${features.length} events at ${[...places].join(", ")}`;
    renderList();
  },
});

const tl = new Timeline($("timeline"), {
  onBrush: (brush) => {
    state.brush = brush;
    $("f-from").value = brush ? brush.from : "";
    $("f-to").value = brush ? brush.to : "";
    refresh();
  },
});

function bindFilters() {
  let timer = null;
  const later = () => { clearTimeout(timer); timer = setTimeout(refresh, 300); };
  for (const id of ["f-type", "f-modality"]) $(id).addEventListener("change", refresh);
  for (const id of ["f-from", "f-to"]) {
    $(id).addEventListener("change", () => {
      const from = $("f-from").value, to = $("f-to").value;
      state.brush = from && to ? { from, to } : null;
      refresh();
    });
  }
  for (const id of ["f-actor", "f-q"]) $(id).addEventListener("input", later);
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  $("filters").addEventListener("reset", () => { state.brush = null; setTimeout(refresh, 0); });
  $("more").addEventListener("click", () => { state.shown += STEP; renderList(); });
  $("subset-clear").addEventListener("click", () => { state.subset = null; renderList(); });
  $("zoom-in").addEventListener("click", () => map.zoomBy(2));
  $("zoom-out").addEventListener("click", () => map.zoomBy(0.5));
  $("zoom-fit").addEventListener("click", () => map.fit());
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") closeDetail(); });
}

function bindSources() {
  const panel = $("sources");
  const load = () => loadSources(panel).catch((err) => status("Could not load the sources: " + err.message, true));
  panel.addEventListener("toggle", () => { if (panel.open) load(); }); // fresh figures each time it opens
  load();
}

async function start() {
  try {
    state.config = await getJSON("/api/config");
    const [basemap] = await Promise.all([getJSON("/api/basemap"), loadFacets()]);
    map.setBasemap(basemap);
    if (state.config.tile_url) {
      map.setTiles(state.config.tile_url);
      $("attribution").textContent = state.config.tile_attribution || "";
    } else {
      $("attribution").textContent = "Country outlines: Natural Earth (1:110m)";
    }
    bindFilters();
    bindSources();
    await refresh();
    document.body.dataset.ready = "true";
  } catch (err) {
    status("Could not start: " + err.message, true);
  }
}

start();
