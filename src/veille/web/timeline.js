// The timeline: events over time as bars, on the whole span of the data however old (a 2012
// event and last week's share one axis); drag across it to choose a span of days (the brush),
// which filters the map and the list; a click without a drag clears it.
//
// A bar is a day, or a week, a month, a quarter or a year when the span is too long for days to
// be seen; the axis is marked in days, months or years to match.

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const PAD = { left: 34, right: 12, top: 8, bottom: 20 };
const BINS = [1, 7, 30, 91, 365]; // days a bar, the first that leaves bars MIN_BAR_PX wide
const MIN_BAR_PX = 3;
const MIN_TICK_PX = 64; // room for one axis label

function el(name, attrs = {}) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

export const toDay = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
export const fromDay = (n) => new Date(n * DAY).toISOString().slice(0, 10);

// The axis marks for days d0..d1 over ``px`` pixels: every year, month or few days, as many as fit.
function ticks(d0, d1, px) {
  const fit = Math.max(1, Math.floor(px / MIN_TICK_PX));
  const first = new Date(d0 * DAY), last = new Date(d1 * DAY);
  const y0 = first.getUTCFullYear(), y1 = last.getUTCFullYear();
  const out = [];
  if (y1 - y0 >= 2) {
    const step = Math.ceil((y1 - y0 + 1) / fit);
    for (let y = y0 + 1; y <= y1; y += step) out.push([Date.UTC(y, 0, 1) / DAY, String(y)]);
    return out;
  }
  const months = (y1 - y0) * 12 + last.getUTCMonth() - first.getUTCMonth();
  if (months >= 2) {
    const step = Math.ceil((months + 1) / fit);
    for (let m = 1; m <= months; m += step) {
      const d = new Date(Date.UTC(y0, first.getUTCMonth() + m, 1));
      out.push([d.getTime() / DAY, d.toISOString().slice(0, 7)]);
    }
    return out;
  }
  const step = Math.max(1, Math.ceil((d1 - d0) / fit));
  for (let d = d0; d < d1; d += step) out.push([d, fromDay(d).slice(5)]);
  return out;
}

export class Timeline {
  constructor(svg, { onBrush }) {
    this.svg = svg;
    this.onBrush = onBrush;
    this.days = [];
    this.brush = null; // {from, to} as ISO days
    this._bind();
    new ResizeObserver(() => this.draw()).observe(svg);
  }

  set(days, brush) {
    this.days = days;
    this.brush = brush;
    this.draw();
  }

  // The span drawn: the first to the last day of the data, with at least a week.
  _scale() {
    const r = this.svg.getBoundingClientRect();
    const w = Math.max(r.width, 100), h = Math.max(r.height, 60);
    const nums = this.days.map((d) => toDay(d.date));
    const first = nums.length ? Math.min(...nums) : Math.floor(Date.now() / DAY) - 30;
    const last = nums.length ? Math.max(...nums) : first + 30;
    const span = Math.max(last + 1 - first, 7);
    const d0 = first - Math.floor((span - (last + 1 - first)) / 2), d1 = d0 + span;
    const plotW = w - PAD.left - PAD.right;
    const x = (day) => PAD.left + (day - d0) / span * plotW;
    const day = (px) => Math.floor(d0 + (px - PAD.left) / plotW * span);
    const bin = BINS.find((b) => b * plotW / span >= MIN_BAR_PX) || BINS[BINS.length - 1];
    return { w, h, d0, d1, x, day, bin, plotW };
  }

  // events a bar: bars of ``bin`` days counted from d0
  _bars(s) {
    const bars = new Map();
    for (const d of this.days) {
      const i = Math.floor((toDay(d.date) - s.d0) / s.bin);
      bars.set(i, (bars.get(i) || 0) + d.count);
    }
    return bars;
  }

  draw() {
    const s = this._scale();
    this.svg.replaceChildren();
    this.svg.dataset.from = fromDay(s.d0);
    this.svg.dataset.to = fromDay(s.d1 - 1);
    this.svg.dataset.bin = String(s.bin);
    const bars = this._bars(s);
    const max = Math.max(1, ...bars.values());
    const plotH = s.h - PAD.top - PAD.bottom;
    const group = el("g", { class: "bars" });
    for (const [i, count] of bars) {
      const a = s.d0 + i * s.bin, b = Math.min(a + s.bin, s.d1);
      const bh = Math.max(2, count / max * plotH);
      const x0 = s.x(a), barW = Math.max(2, Math.min(18, s.x(b) - x0 - 1));
      const rect = el("rect", { x: x0, y: PAD.top + plotH - bh, width: barW, height: bh, class: "bar",
                                "data-date": fromDay(a), "data-days": b - a });
      const t = el("title");
      const when = s.bin === 1 ? fromDay(a) : `${fromDay(a)} – ${fromDay(b - 1)}`;
      t.textContent = `${when}: ${count} event${count > 1 ? "s" : ""}`;
      rect.appendChild(t);
      group.appendChild(rect);
    }
    const base = PAD.top + plotH;
    this.svg.appendChild(el("line", { x1: PAD.left, x2: s.w - PAD.right, y1: base, y2: base, class: "axis" }));
    this.svg.appendChild(group);
    const label = (x, y, text, anchor) => {
      const t = el("text", { x, y, "text-anchor": anchor, class: "tick" });
      t.textContent = text;
      this.svg.appendChild(t);
    };
    for (const [d, text] of ticks(s.d0, s.d1, s.plotW)) {
      const x = s.x(d);
      this.svg.appendChild(el("line", { x1: x, x2: x, y1: base, y2: base + 4, class: "axis" }));
      label(x, s.h - 5, text, "middle");
    }
    label(PAD.left - 4, PAD.top + 9, String(max), "end");
    label(PAD.left - 4, base, "0", "end");
    if (this.brush) {
      const x0 = s.x(toDay(this.brush.from)), x1 = s.x(toDay(this.brush.to) + 1);
      this.svg.appendChild(el("rect", { x: x0, y: PAD.top, width: Math.max(2, x1 - x0), height: plotH, class: "brush" }));
    }
    this._s = s;
  }

  _bind() {
    let start = null, current = null;
    const px = (e) => e.clientX - this.svg.getBoundingClientRect().left;
    this.svg.addEventListener("pointerdown", (e) => {
      start = px(e);
      current = start;
      this.svg.setPointerCapture(e.pointerId);
    });
    this.svg.addEventListener("pointermove", (e) => {
      if (start === null) return;
      current = px(e);
      const s = this._s;
      const a = Math.max(s.d0, s.day(Math.min(start, current))), b = Math.min(s.d1 - 1, s.day(Math.max(start, current)));
      this.brush = { from: fromDay(a), to: fromDay(Math.max(a, b)) };
      this.draw();
    });
    this.svg.addEventListener("pointerup", () => {
      if (start === null) return;
      const moved = Math.abs(current - start) > 3;
      start = null;
      if (!moved) this.brush = null;
      this.draw();
      this.onBrush(this.brush);
    });
  }
}
