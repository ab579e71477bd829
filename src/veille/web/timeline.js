// The timeline: events a day as bars; drag across it to choose a span of days (the brush), which
// filters the map and the list; a click without a drag clears it.

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const PAD = { left: 34, right: 10, top: 8, bottom: 20 };
const WINDOW = 730; // days: a stray old date must not squash the recent weeks into one bar

function el(name, attrs = {}) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

export const toDay = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
export const fromDay = (n) => new Date(n * DAY).toISOString().slice(0, 10);

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

  _scale() {
    const r = this.svg.getBoundingClientRect();
    const w = Math.max(r.width, 100), h = Math.max(r.height, 60);
    const nums = this.days.map((d) => toDay(d.date));
    const last = nums.length ? Math.max(...nums) : 0;
    const d0 = nums.length ? Math.max(Math.min(...nums), last - WINDOW) : toDay(new Date().toISOString()) - 30;
    const d1 = nums.length ? Math.max(...nums) + 1 : d0 + 31;
    const span = Math.max(d1 - d0, 7);
    const x = (day) => PAD.left + (day - d0) / span * (w - PAD.left - PAD.right);
    const day = (px) => Math.floor(d0 + (px - PAD.left) / (w - PAD.left - PAD.right) * span);
    return { w, h, d0, d1: d0 + span, x, day };
  }

  // events a day that fall before the window shown
  hiddenBefore() {
    const nums = this.days.map((d) => toDay(d.date));
    if (!nums.length) return 0;
    const start = Math.max(...nums) - WINDOW;
    return this.days.filter((d) => toDay(d.date) < start).reduce((n, d) => n + d.count, 0);
  }

  draw() {
    const s = this._scale();
    this.svg.replaceChildren();
    const max = Math.max(1, ...this.days.map((d) => d.count));
    const plotH = s.h - PAD.top - PAD.bottom;
    const barW = Math.max(1, Math.min(18, s.x(s.d0 + 1) - s.x(s.d0) - 1));
    const bars = el("g", { class: "bars" });
    for (const d of this.days) {
      if (toDay(d.date) < s.d0) continue;
      const bh = Math.max(1, d.count / max * plotH);
      const rect = el("rect", { x: s.x(toDay(d.date)), y: PAD.top + plotH - bh, width: barW, height: bh,
                                class: "bar", "data-date": d.date });
      const t = el("title");
      t.textContent = `${d.date}: ${d.count} event${d.count > 1 ? "s" : ""}`;
      rect.appendChild(t);
      bars.appendChild(rect);
    }
    this.svg.appendChild(el("line", { x1: PAD.left, x2: s.w - PAD.right, y1: PAD.top + plotH, y2: PAD.top + plotH,
                                      class: "axis" }));
    this.svg.appendChild(bars);
    const label = (x, y, text, anchor) => {
      const t = el("text", { x, y, "text-anchor": anchor, class: "tick" });
      t.textContent = text;
      this.svg.appendChild(t);
    };
    label(PAD.left, s.h - 5, fromDay(s.d0), "start");
    label(s.w - PAD.right, s.h - 5, fromDay(s.d1 - 1), "end");
    label(PAD.left - 4, PAD.top + 9, String(max), "end");
    label(PAD.left - 4, PAD.top + plotH, "0", "end");
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
