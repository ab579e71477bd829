// The map: our own small SVG map, no library. Web Mercator (so that an optional tile layer lines
// up), country outlines from the server's base map, pan by dragging, zoom with the wheel or the
// buttons, and events gathered into grid cells where they are dense.

import { symbol, typeStyle } from "./styles.js";

const SVG = "http://www.w3.org/2000/svg";
const WORLD = 256; // the world's width in map units at zoom 1
const CELL = 42; // px: events closer than this are drawn as one cluster
const MAX_LAT = 85.0511;

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

export class MapView {
  constructor(svg, { onSelect, onCluster }) {
    this.svg = svg;
    this.onSelect = onSelect;
    this.onCluster = onCluster;
    this.view = { k: 3, tx: 0, ty: 0 };
    this.features = [];
    this.selected = null;
    this.tileUrl = null;
    this.tiles = el("g", { class: "tiles" });
    this.land = el("g", { class: "land" });
    this.points = el("g", { class: "points" });
    svg.append(el("rect", { class: "sea", x: 0, y: 0, width: "100%", height: "100%" }), this.tiles, this.land, this.points);
    this._bindPanZoom();
    new ResizeObserver(() => this.redraw()).observe(svg);
  }

  size() {
    const r = this.svg.getBoundingClientRect();
    return [Math.max(r.width, 1), Math.max(r.height, 1)];
  }

  setBasemap(geojson) {
    this.land.replaceChildren();
    for (const f of geojson.features) {
      const g = f.geometry;
      const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
      const d = polys.map((p) => p.map(ringPath).join("")).join("");
      const path = el("path", { d, class: "country" });
      const title = el("title");
      title.textContent = f.properties.name || "";
      path.appendChild(title);
      this.land.appendChild(path);
    }
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
      }
    }
    this.redraw();
  }

  fit() {
    const [w, h] = this.size();
    let xs = this.features.map((f) => f._xy[0]);
    let ys = this.features.map((f) => f._xy[1]);
    if (!xs.length) { xs = [0, WORLD]; ys = [WORLD * 0.15, WORLD * 0.85]; }
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const pad = 60;
    const k = Math.min((w - 2 * pad) / Math.max(x1 - x0, 1e-6), (h - 2 * pad) / Math.max(y1 - y0, 1e-6), 160);
    this.view = { k: Math.max(k, this.minK()), tx: 0, ty: 0 };
    this.view.tx = w / 2 - (x0 + x1) / 2 * this.view.k;
    this.view.ty = h / 2 - (y0 + y1) / 2 * this.view.k;
    this.redraw();
  }

  minK() {
    const [w] = this.size();
    return w / WORLD / 1.5;
  }

  zoomAt(factor, cx, cy) {
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
      this._drawPoints();
    });
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
    for (const members of cells.values()) {
      if (members.length === 1) this._drawEvent(...members[0]);
      else this._drawCluster(members);
    }
  }

  _drawEvent(f, sx, sy) {
    const p = f.properties;
    const g = el("g", { class: "event", transform: `translate(${sx.toFixed(1)},${sy.toFixed(1)})`, tabindex: 0,
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
  }

  _drawCluster(members) {
    const n = members.length;
    const cx = members.reduce((s, m) => s + m[1], 0) / n;
    const cy = members.reduce((s, m) => s + m[2], 0) / n;
    const types = new Set(members.map((m) => m[0].properties.event_type));
    const color = types.size === 1 ? typeStyle([...types][0]).color : "#37474f";
    const r = Math.min(24, 10 + Math.sqrt(n) * 2.5);
    const g = el("g", { class: "cluster", transform: `translate(${cx.toFixed(1)},${cy.toFixed(1)})`, tabindex: 0,
                        role: "button" });
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
