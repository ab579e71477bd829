// Colour and symbol for each ACLED event type: the map, the legend and the list share them.

const SVG = "http://www.w3.org/2000/svg";

export const TYPES = {
  "Battles": { color: "#c62828", shape: "circle" },
  "Explosions/Remote violence": { color: "#ef6c00", shape: "star" },
  "Violence against civilians": { color: "#6a1b9a", shape: "triangle" },
  "Protests": { color: "#1565c0", shape: "square" },
  "Riots": { color: "#00838f", shape: "diamond" },
  "Strategic developments": { color: "#546e7a", shape: "cross" },
};
const OTHER = { color: "#333333", shape: "circle" };

export function typeStyle(type) {
  return TYPES[type] || OTHER;
}

function star(r) {
  const pts = [];
  for (let i = 0; i < 10; i++) {
    const a = (Math.PI / 5) * i - Math.PI / 2;
    const rr = i % 2 ? r * 0.45 : r;
    pts.push(`${(rr * Math.cos(a)).toFixed(2)},${(rr * Math.sin(a)).toFixed(2)}`);
  }
  return "M" + pts.join("L") + "Z";
}

const PATHS = {
  square: (r) => `M${-r * 0.8},${-r * 0.8}h${r * 1.6}v${r * 1.6}h${-r * 1.6}Z`,
  triangle: (r) => `M0,${-r}L${r * 0.95},${r * 0.75}H${-r * 0.95}Z`,
  diamond: (r) => `M0,${-r}L${r},0L0,${r}L${-r},0Z`,
  cross: (r) => {
    const a = r * 0.35;
    return `M${-a},${-r}h${2 * a}v${r - a}h${r - a}v${2 * a}h${a - r}v${r - a}h${-2 * a}v${a - r}h${a - r}v${-2 * a}h${r - a}Z`;
  },
  star: (r) => star(r * 1.2),
};

// An SVG element drawing the type's symbol, centred on 0,0. Denied events are drawn hollow.
export function symbol(type, { r = 6, modality = "asserted" } = {}) {
  const st = typeStyle(type);
  const el = st.shape === "circle" ? document.createElementNS(SVG, "circle") : document.createElementNS(SVG, "path");
  if (st.shape === "circle") el.setAttribute("r", String(r * 0.85));
  else el.setAttribute("d", PATHS[st.shape](r));
  const hollow = modality === "denied";
  el.setAttribute("fill", hollow ? "#ffffff" : st.color);
  el.setAttribute("stroke", hollow ? st.color : "#ffffff");
  el.setAttribute("stroke-width", hollow ? "2" : "1.2");
  if (modality !== "asserted" && !hollow) el.setAttribute("fill-opacity", "0.7");
  return el;
}

// A small standalone SVG with the symbol, for the legend and the list.
export function swatch(type, modality) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("width", "16");
  svg.setAttribute("height", "16");
  svg.setAttribute("viewBox", "-8 -8 16 16");
  svg.setAttribute("class", "swatch");
  svg.appendChild(symbol(type, { r: 6, modality }));
  return svg;
}
