// annals web page: map, timeline, table and evidence view over /api. No libraries:
// the country outlines are TopoJSON (world-atlas), decoded here.
"use strict";

const COLORS = {
  "Battles": "#d1495b", "Explosions/Remote violence": "#edae49", "Violence against civilians": "#8e44ad",
  "Protests": "#00798c", "Riots": "#30638e", "Strategic developments": "#7a7a7a",
};
const W = 960, H = 480;
const svgNS = "http://www.w3.org/2000/svg";
const $ = (s) => document.querySelector(s);
const state = { events: [], selected: null };

// Every text that comes from an article or the store is set as text (textContent) or
// through setAttribute, never parsed as HTML: a feed's id, source, url, names or text
// cannot carry markup or script into the page.
function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

// Only web links are links: "javascript:" and other schemes are not followed.
const webUrl = (u) => {
  try { const p = new URL(u, location.href); return p.protocol === "http:" || p.protocol === "https:" ? p.href : null; }
  catch { return null; }
};

function el(name, attrs, parent) {
  const e = document.createElementNS(svgNS, name);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

// Equirectangular projection, clipped to +-80 degrees of latitude.
const project = (lon, lat) => [(lon + 180) / 360 * W, (80 - Math.max(-80, Math.min(80, lat))) / 160 * H];

// --- TopoJSON: delta-decode arcs, then rings of arc indices (negative = reversed).
function topoRings(topo, object) {
  const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
  const arcs = topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
  const ring = (idx) => {
    const pts = [];
    for (const i of idx) {
      const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      pts.push(...(pts.length ? a.slice(1) : a));
    }
    return pts;
  };
  const out = [];
  for (const g of topo.objects[object].geometries) {
    const polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    for (const p of polys) for (const r of p) out.push({ name: (g.properties || {}).name, ring: ring(r) });
  }
  return out;
}

async function drawLand() {
  const topo = await (await fetch("/assets/countries-110m.json")).json();
  const g = el("g", { class: "landlayer" }, $("#map"));
  for (const { name, ring } of topoRings(topo, "countries")) {
    let d = "", prev = null;
    for (const [lon, lat] of ring) {
      const [x, y] = project(lon, lat);
      // Break the path where a ring crosses the antimeridian.
      d += (prev === null || Math.abs(lon - prev) > 180 ? "M" : "L") + x.toFixed(1) + "," + y.toFixed(1);
      prev = lon;
    }
    const p = el("path", { d: d + "Z", class: "land" }, g);
    el("title", {}, p).textContent = name || "";
  }
}

// --- Filters live in the URL.
function filters() {
  const f = {};
  for (const [k, v] of new URLSearchParams(location.search)) if (v) f[k] = v;
  return f;
}
function setFilters(f) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  history.replaceState(null, "", "?" + q.toString());
}
function fillForm(f) {
  for (const input of $("#filters").elements) if (input.name) input.value = f[input.name] || "";
}
function apiQuery(f, extra) {
  const q = new URLSearchParams();
  for (const k of ["from", "to", "country", "type", "actor", "certainty", "text"]) if (f[k]) q.set(k, f[k]);
  for (const [k, v] of Object.entries(extra || {})) q.set(k, v);
  return q.toString();
}

async function load() {
  const f = filters();
  fillForm(f);
  $("#status").textContent = "loading…";
  const [ev, st] = await Promise.all([
    fetch("/api/events?" + apiQuery(f, { limit: 1000, sort: "date" })).then((r) => r.json()),
    fetch("/api/stats?" + apiQuery({ ...f, from: "", to: "" })).then((r) => r.json()),
  ]);
  if (ev.error) { $("#status").textContent = ev.error; return; }
  state.events = ev.events;
  $("#status").textContent = ev.count + " events shown" + (ev.count >= 1000 ? " (first 1000)" : "");
  drawPoints();
  drawTimeline(st.by_day || [], f);
  drawTable();
  const want = f.event ? Number(f.event) : null;
  if (want) showEvidence(want);
}

function drawPoints() {
  const old = $("#points");
  if (old) old.remove();
  const g = el("g", { id: "points" }, $("#map"));
  // Larger first so that small points stay clickable on top; radius grows with the
  // logarithm of the fatalities, capped, so one large figure does not hide a region.
  const evs = state.events.filter((e) => e.place).sort((a, b) => killed(b) - killed(a));
  for (const e of evs) {
    const [x, y] = project(e.place.lon, e.place.lat);
    const c = el("circle", {
      cx: x.toFixed(1), cy: y.toFixed(1), r: (3 + Math.min(18, 4 * Math.log10(1 + killed(e)))).toFixed(1),
      fill: COLORS[e.acled_event_type] || "#555", class: "pt", "data-id": e.event_id,
    }, g);
    el("title", {}, c).textContent = `${e.date.value} ${e.acled_event_type}: ${e.place.name}`;
    c.addEventListener("click", () => showEvidence(e.event_id));
  }
  $("#legend").replaceChildren(...Object.entries(COLORS).flatMap(([k, v]) => {
    const swatch = h("span");
    swatch.style.background = v;
    return [swatch, k];
  }));
}

const killed = (e) => (e.killed && e.killed.value) || 0;

// --- Timeline: bars per day; drag to choose a date range.
function drawTimeline(byDay, f) {
  const svg = $("#timeline");
  svg.replaceChildren();
  if (!byDay.length) return;
  const day = (s) => Date.parse(s + "T00:00:00Z") / 864e5;
  const d0 = day(byDay[0][0]), d1 = day(byDay[byDay.length - 1][0]) + 1;
  const max = Math.max(...byDay.map((d) => d[1]));
  const x = (d) => 30 + (d - d0) / Math.max(1, d1 - d0) * (W - 40);
  const bw = Math.max(1.5, (W - 40) / Math.max(1, d1 - d0) - 0.5);
  for (const [date, n] of byDay) {
    const h = n / max * 80;
    const r = el("rect", { x: x(day(date)).toFixed(1), y: (90 - h).toFixed(1), width: bw.toFixed(1), height: h.toFixed(1), class: "bar" }, svg);
    el("title", {}, r).textContent = `${date}: ${n}`;
  }
  const label = (d, anchor) => {
    const t = el("text", { x: x(d), y: 104, class: "axis", "text-anchor": anchor }, svg);
    t.textContent = new Date(d * 864e5).toISOString().slice(0, 10);
  };
  label(d0, "start"); label(d1 - 1, "end");
  const inv = (px) => d0 + (px - 30) / (W - 40) * (d1 - d0);
  const iso = (d) => new Date(Math.floor(d) * 864e5).toISOString().slice(0, 10);
  if (f.from || f.to) {
    const a = x(f.from ? day(f.from) : d0), b = x(f.to ? day(f.to) + 1 : d1);
    el("rect", { x: a, y: 0, width: Math.max(2, b - a), height: 92, class: "brush" }, svg);
  }
  let start = null, brush = null;
  const pos = (ev) => { const r = svg.getBoundingClientRect(); return (ev.clientX - r.left) / r.width * W; };
  svg.onmousedown = (ev) => { start = pos(ev); brush = el("rect", { x: start, y: 0, width: 1, height: 92, class: "brush" }, svg); };
  svg.onmousemove = (ev) => {
    if (start === null) return;
    const p = pos(ev);
    brush.setAttribute("x", Math.min(start, p)); brush.setAttribute("width", Math.abs(p - start));
  };
  svg.onmouseup = (ev) => {
    if (start === null) return;
    const p = pos(ev), a = Math.min(start, p), b = Math.max(start, p);
    start = null;
    const g = filters();
    if (b - a < 3) { delete g.from; delete g.to; } else { g.from = iso(inv(a)); g.to = iso(inv(b)); }
    setFilters(g); load();
  };
}

function drawTable() {
  const tb = $("#events tbody");
  tb.replaceChildren();
  for (const e of state.events) {
    const tr = document.createElement("tr");
    tr.dataset.id = e.event_id;
    const cells = [
      e.date.value, `${e.acled_event_type} / ${e.acled_sub_event_type}`, (e.source_actor || {}).name || "",
      (e.target_actor || {}).name || "", e.place ? `${e.place.name}, ${e.place.country}` : (e.unlocated_place ? `${e.unlocated_place.text} (not located)` : ""), killed(e) || "",
      `${e.attribution.certainty}${e.attribution.by ? " (" + e.attribution.by + ")" : ""}`,
    ];
    for (const c of cells) { const td = document.createElement("td"); td.textContent = c; tr.appendChild(td); }
    tr.addEventListener("click", () => showEvidence(e.event_id));
    tb.appendChild(tr);
  }
}

// --- Evidence: the article with the event's spans marked. Spans are UTF-8 byte
// offsets, so the text is cut as bytes. Returns the nodes: text and <mark> elements.
function marked(text, spans) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  spans = spans.filter((s) => s.span && s.span[1] <= bytes.length).sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1]);
  const out = [];
  let at = 0;
  for (const s of spans) {
    if (s.span[0] < at) continue; // nested or overlapping: the outer mark wins
    out.push(dec.decode(bytes.slice(at, s.span[0])));
    out.push(h("mark", { class: s.kind, title: s.kind }, dec.decode(bytes.slice(s.span[0], s.span[1]))));
    at = s.span[1];
  }
  out.push(dec.decode(bytes.slice(at)));
  return out;
}

async function showEvidence(id) {
  const d = await (await fetch("/api/events/" + id)).json();
  const box = $("#evidence");
  if (d.error) { box.textContent = d.error; return; }
  const e = d.event;
  for (const n of document.querySelectorAll(".sel")) n.classList.remove("sel");
  for (const n of document.querySelectorAll(`[data-id="${id}"]`)) n.classList.add("sel");
  const f = filters(); f.event = String(id); setFilters(f);
  const spans = [{ kind: "trigger", span: e.trigger.span }];
  for (const a of [e.source_actor, e.target_actor]) if (a) spans.push({ kind: "actor", span: a.span });
  if (e.place) spans.push({ kind: "place", span: e.place.span });
  else if (e.unlocated_place) spans.push({ kind: "place", span: e.unlocated_place.span });
  if (e.date.span) spans.push({ kind: "date", span: e.date.span });
  for (const k of ["killed", "injured", "captured", "arrested"]) if (e[k]) spans.push({ kind: "number", span: e[k].span });
  for (const q of e.quantities) spans.push({ kind: "number", span: q.span });
  if (e.attribution.span) spans.push({ kind: "claimant", span: e.attribution.span });
  const a = d.article;
  const figures = (d.incident.claims || []).map((c) => `${c.what} ${c.qualifier ? c.qualifier + " " : ""}${c.value} by ${c.claimant || "the article"} (${c.certainty})`);
  const where = e.place ? ` · ${e.place.name}, ${e.place.country} (${e.place.precision})`
    : e.unlocated_place ? ` · ${e.unlocated_place.text} (not located)` : "";
  const url = a.url ? webUrl(a.url) : null;
  const keys = [["trigger", "event"], ["actor", "actors"], ["place", "place"], ["date", "date"], ["number", "numbers"], ["claimant", "who says so"]];
  box.replaceChildren(
    h("h2", {}, `${e.plover_type} / ${e.acled_event_type} / ${e.acled_sub_event_type}`),
    h("p", { class: "meta" },
      `${e.date.value} (${e.date.precision}, from ${e.date.source})${where}`
      + ` · ${e.attribution.certainty}${e.attribution.by ? " by " + e.attribution.by : ""} · confidence ${e.confidence}`),
    h("p", { class: "meta" },
      "article ", h("b", {}, a.id), ` ${a.source ? "(" + a.source + ")" : ""} ${a.date}`,
      url ? " · " : null, url ? h("a", { href: url, rel: "noreferrer noopener" }, "source") : null,
      ` · incident ${d.incident.id} with ${d.incident.reports} report(s)${figures.length ? ": " + figures.join("; ") : ""}`),
    h("p", { class: "keys" }, ...keys.map(([k, label]) => h("mark", { class: k }, label))),
    h("div", { class: "text" }, ...(a.text ? marked(a.text, spans) : [e.evidence.map((x) => x.text).join("\n\n")])),
  );
}

$("#filters").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const f = {};
  for (const input of ev.target.elements) if (input.name && input.value) f[input.name] = input.value.trim();
  setFilters(f); load();
});
$("#clear").addEventListener("click", () => { setFilters({}); load(); });

drawLand().then(load);
