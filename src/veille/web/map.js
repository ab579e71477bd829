// The map: our own small SVG map, no library. Web Mercator (so that an optional tile layer lines
// up), country outlines from the server's base map, pan by dragging, zoom with the wheel or the
// buttons, and events gathered into grid cells where they are dense. Names are drawn on it:
// the countries' at every zoom (the largest first, none over another), the events' places once
// zoomed in (a cluster names its places), so that two towns can be told apart without a click.

import { symbol, typeStyle } from "./styles.js";

const SVG = "http://www.w3.org/2000/svg";
const WORLD = 256; // the world's width in map units at zoom 1
const CELL = 42; // px: events closer than this are drawn as one cluster
const MAX_LAT = 85.0511;
const PLACE_NAMES_FROM = 12; // zoom from which the events' places are named (a region in view)
const MAX_NAMES = 3; // place names a cluster's label lists before "+N"

// the box a label of ``text`` takes on screen, at ``size`` px (an estimate: no layout is read)
function labelBox(text, x, y, size, anchor) {
  const w = text.length * size * 0.64 + 4, h = size * 1.2;
  const x0 = anchor === "middle" ? x - w / 2 : x;
  return { x0, y0: y - h * 0.8, x1: x0 + w, y1: y + h * 0.4 };
}

function overlaps(a, boxes) {
  return boxes.some((b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1);
}

function project(lon, lat) {
  const la = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI / 180;
  const x = (lon + 180) / 360 * WORLD;
  const y = (1 - Math.log(Math.tan(la) + 1 / Math.cos(la)) / Math.PI) / 2 * WORLD;
  return [x, y];
}

function el(name, attrs = {}) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function ringPath(ring) {
  let d = "";
  ring.forEach(([lon, lat], i) => {
    const [x, y] = project(lon, lat);
    d += (i ? "L" : "M") + x.toFixed(3) + "," + y.toFixed(3);
  });
  return d + "Z";
}

const markRadius = (n) => (n === 1 ? 9 : Math.min(24, 10 + Math.sqrt(n) * 2.5) + 2);

function centre(members) {
  return [members.reduce((s, m) => s + m[1], 0) / members.length, members.reduce((s, m) => s + m[2], 0) / members.length];
}

// Marks of neighbouring cells can overlap (a cluster drawn at its members' centre, near the
// cell's edge): such groups become one, so that no mark and no count hides another.
function mergeOverlapping(groups) {
  let merged = true;
  while (merged && groups.length > 1) {
    merged = false;
    const placed = groups.map((g) => [g, centre(g), markRadius(g.length)]);
    outer: for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) {
        const [a, [ax, ay], ar] = placed[i], [b, [bx, by], br] = placed[j];
        if (Math.hypot(ax - bx, ay - by) < ar + br) {
          groups = groups.filter((g) => g !== a && g !== b).concat([a.concat(b)]);
          merged = true;
          break outer;
        }
      }
    }
  }
  return groups;
}

export class MapView {
  // ``covered()``: the px at the map's foot that an overlay (the legend) covers; fit() keeps the
  // events above it
  constructor(svg, { onSelect, onCluster, covered = () => 0 }) {
    this.svg = svg;
    this.covered = covered;
    this.onSelect = onSelect;
    this.onCluster = onCluster;
    this.view = { k: 3, tx: 0, ty: 0 };
    this.features = [];
    this.selected = null;
    this.tileUrl = null;
    this.countries = []; // {name, lon, lat, area, xy} for the countries' labels
    this.tiles = el("g", { class: "tiles" });
    this.land = el("g", { class: "land" });
    this.labels = el("g", { class: "labels", "aria-hidden": "true" });
    this.points = el("g", { class: "points" });
    svg.append(el("rect", { class: "sea", x: 0, y: 0, width: "100%", height: "100%" }), this.tiles, this.land,
               this.labels, this.points);
    this._bindPanZoom();
    // a map the user has not moved since it was fitted stays fitted as it resizes (the evidence
    // pane opening beside it)
    this.fitted = false;
    new ResizeObserver(() => (this.fitted ? this.fit() : this.redraw())).observe(svg);
  }

  size() {
    const r = this.svg.getBoundingClientRect();
    return [Math.max(r.width, 1), Math.max(r.height, 1)];
  }

  setBasemap(geojson) {
    this.land.replaceChildren();
    this.countries = [];
    for (const f of geojson.features) {
      const { name, label, area } = f.properties;
      if (name && label) this.countries.push({ name, area: area || 0, xy: project(label[0], label[1]) });
      const g = f.geometry;
      const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
      const d = polys.map((p) => p.map(ringPath).join("")).join("");
      const path = el("path", { d, class: "country" });
      const title = el("title");
      title.textContent = f.properties.name || "";
      path.appendChild(title);
      this.land.appendChild(path);
    }
    this.countries.sort((a, b) => b.area - a.area); // the largest are named first
    this.redraw();
  }

  setTiles(url) {
    this.tileUrl = url;
    this.svg.classList.toggle("with-tiles", Boolean(url));
    this.redraw();
  }

  setEvents(features) {
    this.features = features.filter((f) => f.geometry && f.geometry.type === "Point");
    for (const f of this.features) f._xy = project(f.geometry.coordinates[0], f.geometry.coordinates[1]);
    this.redraw();
  }

  // Mark the chosen event and bring it into view when it lies outside.
  select(id) {
    this.selected = id;
    const f = this.features.find((x) => x.properties.id === id);
    if (f) {
      const [w, h] = this.size();
      const { k, tx, ty } = this.view;
      const sx = f._xy[0] * k + tx, sy = f._xy[1] * k + ty;
      if (sx < 30 || sy < 30 || sx > w - 30 || sy > h - 30) {
        this.view.tx = w / 2 - f._xy[0] * k;
        this.view.ty = h / 2 - f._xy[1] * k;
        this.fitted = false;
      }
    }
    this.redraw();
  }

  // Show every event on the map, as close as they allow (a lone event: its region around it).
  fit() {
    const [w, h] = this.size();
    let xs = this.features.map((f) => f._xy[0]);
    let ys = this.features.map((f) => f._xy[1]);
    if (!xs.length) { xs = [0, WORLD]; ys = [WORLD * 0.15, WORLD * 0.85]; }
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const pad = Math.min(60, w / 8, h / 8);
    const bottom = Math.max(pad, Math.min(this.covered(), h / 3)); // below the events, room for the legend
    const k = Math.min((w - 2 * pad) / Math.max(x1 - x0, 1e-6), (h - pad - bottom) / Math.max(y1 - y0, 1e-6), 96);
    this.view = { k: Math.max(k, this.minK()), tx: 0, ty: 0 };
    this.view.tx = w / 2 - (x0 + x1) / 2 * this.view.k;
    this.view.ty = (pad + h - bottom) / 2 - (y0 + y1) / 2 * this.view.k;
    this.fitted = true;
    this.redraw();
  }

  minK() {
    const [w] = this.size();
    return w / WORLD / 1.5;
  }

  zoomAt(factor, cx, cy) {
    this.fitted = false;
    const v = this.view;
    const k = Math.max(this.minK(), Math.min(v.k * factor, 1 << 16));
    v.tx = cx - (cx - v.tx) * (k / v.k);
    v.ty = cy - (cy - v.ty) * (k / v.k);
    v.k = k;
    this.redraw();
  }

  zoomBy(factor) {
    const [w, h] = this.size();
    this.zoomAt(factor, w / 2, h / 2);
  }

  redraw() {
    if (this._frame) return;
    this._frame = requestAnimationFrame(() => {
      this._frame = null;
      const { k, tx, ty } = this.view;
      const t = `translate(${tx},${ty}) scale(${k})`;
      this.land.setAttribute("transform", t);
      this.tiles.setAttribute("transform", t);
      this._drawTiles();
      const marks = this._drawPoints();
      this._drawLabels(marks);
      this._publishBounds();
    });
  }

  // What the map shows, as west,south,east,north degrees on the element (for tests and tools).
  _publishBounds() {
    const { k, tx, ty } = this.view;
    const [w, h] = this.size();
    const lon = (x) => x / WORLD * 360 - 180;
    const lat = (y) => Math.atan(Math.sinh(Math.PI * (1 - 2 * y / WORLD))) * 180 / Math.PI;
    const b = [lon(-tx / k), lat((h - ty) / k), lon((w - tx) / k), lat(-ty / k)];
    this.svg.dataset.bounds = b.map((v) => v.toFixed(4)).join(",");
    this.svg.dataset.zoom = k.toFixed(2);
  }

  // The names: first the events' places (beside their marks), then the countries' wherever
  // they fit; no label covers a mark or another label.
  _drawLabels(marks) {
    this.labels.replaceChildren();
    const { k, tx, ty } = this.view;
    const [w, h] = this.size();
    const taken = marks.map(({ x, y, r }) => ({ x0: x - r, y0: y - r, x1: x + r, y1: y + r }));
    const put = (text, x, y, cls, size, anchor) => {
      const box = labelBox(text, x, y, size, anchor);
      if (box.x0 < 0 || box.y0 < 0 || box.x1 > w || box.y1 > h || overlaps(box, taken)) return false;
      taken.push(box);
      const t = el("text", { x: x.toFixed(1), y: y.toFixed(1), class: cls, "text-anchor": anchor, "font-size": size });
      t.textContent = text;
      this.labels.appendChild(t);
      return true;
    };
    if (k >= PLACE_NAMES_FROM) {
      for (const { x, y, r, names } of marks) {
        if (!names.length) continue;
        const shown = names.slice(0, MAX_NAMES).join(", ") + (names.length > MAX_NAMES ? ` +${names.length - MAX_NAMES}` : "");
        put(shown, x + r + 3, y + 4, "place-label", 12, "start") || put(shown, x - r - 7 - shown.length * 12 * 0.64, y + 4,
          "place-label", 12, "start");
      }
    }
    for (const c of this.countries) {
      const x = c.xy[0] * k + tx, y = c.xy[1] * k + ty;
      if (x < 0 || y < 0 || x > w || y > h) continue;
      put(c.name, x, y, "country-label", k >= PLACE_NAMES_FROM ? 13 : 11, "middle");
    }
  }

  _drawTiles() {
    this.tiles.replaceChildren();
    if (!this.tileUrl) return;
    const { k, tx, ty } = this.view;
    const [w, h] = this.size();
    const z = Math.max(0, Math.min(18, Math.round(Math.log2(k))));
    const n = 1 << z, ts = WORLD / n;
    const i0 = Math.floor(-tx / k / ts), i1 = Math.floor((w - tx) / k / ts);
    const j0 = Math.max(0, Math.floor(-ty / k / ts)), j1 = Math.min(n - 1, Math.floor((h - ty) / k / ts));
    let count = 0;
    for (let i = i0; i <= i1 && count < 100; i++) {
      for (let j = j0; j <= j1 && count < 100; j++, count++) {
        const x = ((i % n) + n) % n;
        const href = this.tileUrl.replace("{z}", z).replace("{x}", x).replace("{y}", j);
        this.tiles.appendChild(el("image", { href, x: i * ts, y: j * ts, width: ts, height: ts }));
      }
    }
  }

  _drawPoints() {
    const { k, tx, ty } = this.view;
    const [w, h] = this.size();
    const cells = new Map();
    for (const f of this.features) {
      const sx = f._xy[0] * k + tx, sy = f._xy[1] * k + ty;
      if (sx < -CELL || sy < -CELL || sx > w + CELL || sy > h + CELL) continue;
      const key = Math.floor(sx / CELL) + ":" + Math.floor(sy / CELL);
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push([f, sx, sy]);
    }
    this.points.replaceChildren();
    // single events first, clusters over them: a cluster's count is never under a mark
    const marks = [];
    const groups = mergeOverlapping([...cells.values()]);
    for (const members of groups.filter((m) => m.length === 1)) marks.push(this._drawEvent(...members[0]));
    for (const members of groups.filter((m) => m.length > 1)) marks.push(this._drawCluster(members));
    return marks;
  }

  _drawEvent(f, sx, sy) {
    const p = f.properties;
    // out of the tab order: the list holds the same events, one Tab stop away
    const g = el("g", { class: "event", transform: `translate(${sx.toFixed(1)},${sy.toFixed(1)})`, tabindex: -1,
                        role: "button", "data-id": p.id });
    if (p.id === this.selected) g.appendChild(el("circle", { r: 11, class: "selected-ring" }));
    g.appendChild(symbol(p.event_type, { r: 7, modality: p.modality }));
    const title = el("title");
    title.textContent = `${p.event_type}${p.sub_event_type ? " — " + p.sub_event_type : ""}\n${p.place_name || ""} ${p.date_start || ""}`;
    g.appendChild(title);
    const pick = (e) => { e.stopPropagation(); this.onSelect(p.id); };
    g.addEventListener("click", pick);
    g.addEventListener("keydown", (e) => { if (e.key === "Enter") pick(e); });
    this.points.appendChild(g);
    return { x: sx, y: sy, r: 9, names: p.place_name ? [p.place_name] : [] };
  }

  _drawCluster(members) {
    const n = members.length;
    const cx = members.reduce((s, m) => s + m[1], 0) / n;
    const cy = members.reduce((s, m) => s + m[2], 0) / n;
    const types = new Set(members.map((m) => m[0].properties.event_type));
    const color = types.size === 1 ? typeStyle([...types][0]).color : "#37474f";
    const r = markRadius(n) - 2;
    const g = el("g", { class: "cluster", transform: `translate(${cx.toFixed(1)},${cy.toFixed(1)})`, tabindex: -1,
                        role: "button", "data-count": n });
    if (members.some((m) => m[0].properties.id === this.selected)) g.appendChild(el("circle", { r: r + 4, class: "selected-ring" }));
    g.appendChild(el("circle", { r, fill: color, "fill-opacity": 0.85, stroke: "#ffffff", "stroke-width": 2 }));
    const label = el("text", { "text-anchor": "middle", dy: "0.35em", class: "cluster-count" });
    label.textContent = String(n);
    g.appendChild(label);
    const title = el("title");
    title.textContent = `${n} events — click to zoom in`;
    g.appendChild(title);
    const samePlace = members.every((m) => m[0]._xy[0] === members[0][0]._xy[0] && m[0]._xy[1] === members[0][0]._xy[1]);
    const open = (e) => {
      e.stopPropagation();
      if (samePlace || this.view.k >= 1 << 15) this.onCluster(members.map((m) => m[0]));
      else this.zoomAt(3, cx, cy);
    };
    g.addEventListener("click", open);
    g.addEventListener("keydown", (e) => { if (e.key === "Enter") open(e); });
    this.points.appendChild(g);
    // its places, the most told first
    const told = new Map();
    for (const m of members) {
      const name = m[0].properties.place_name;
      if (name) told.set(name, (told.get(name) || 0) + 1);
    }
    const names = [...told.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name);
    return { x: cx, y: cy, r: r + 2, names };
  }

  _bindPanZoom() {
    let drag = null;
    this.svg.addEventListener("pointerdown", (e) => {
      if (e.target.closest(".event, .cluster")) return;
      drag = { x: e.clientX, y: e.clientY, tx: this.view.tx, ty: this.view.ty };
      this.svg.setPointerCapture(e.pointerId);
      this.svg.classList.add("dragging");
    });
    this.svg.addEventListener("pointermove", (e) => {
      if (!drag) return;
      this.fitted = false;
      this.view.tx = drag.tx + e.clientX - drag.x;
      this.view.ty = drag.ty + e.clientY - drag.y;
      this.redraw();
    });
    const end = () => { drag = null; this.svg.classList.remove("dragging"); };
    this.svg.addEventListener("pointerup", end);
    this.svg.addEventListener("pointercancel", end);
    this.svg.addEventListener("wheel", (e) => {
      e.preventDefault();
      const r = this.svg.getBoundingClientRect();
      this.zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
  }
}
