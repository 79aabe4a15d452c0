import * as vega from "vega";
import { compile } from "vega-lite";
import type { TopLevelSpec } from "vega-lite";

/** One result row on a trade-off plot. */
export interface PlotPoint {
  /** What the point is labelled with (the precision). */
  readonly label: string;
  /** Series (e.g. the substrate), used for the marker shape when there are several. */
  readonly series: string;
  readonly x: number;
  readonly y: number;
  /** On the report's Pareto front over all its objectives (area, energy, latency, error): drawn filled. */
  readonly onFront: boolean;
  /** The point's full row for the interactive view's tooltip: column title → text, in order. */
  readonly row?: readonly (readonly [string, string])[];
}

export interface ScatterSpec {
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  /** Log axis; by default chosen from the data (log where the positive values span a decade or more). */
  readonly xLog?: boolean;
  readonly yLog?: boolean;
  readonly points: readonly PlotPoint[];
}

/** A plot as a static SVG, and the same plot as an interactive vega-lite spec (tooltips, legend toggles). */
export interface TradeoffPlot {
  readonly svg: string;
  readonly interactive: TopLevelSpec;
}

const WIDTH = 440;
const HEIGHT = 320;
const FONT_SIZE = 10;
/** Marker radius in px (a symbol of size 70 has a radius of about 4.7). */
const MARKER_R = 5;
const PALETTE = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#79706e", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#aec7e8"];

/** True where a log axis reads better: every value positive and the largest at least ten times the smallest. */
export function spansDecades(values: readonly number[]): boolean {
  if (values.length < 2 || values.some((v) => !(v > 0) || !Number.isFinite(v))) return false;
  return Math.max(...values) / Math.min(...values) >= 10;
}

/**
 * The 2-D front of a plot's own two axes (both minimised): the points that no other point is at least as good as
 * on both axes and strictly better on one. Exact duplicates stay together. O(n²), fine for report-sized plots.
 */
export function front2d<T extends { readonly x: number; readonly y: number }>(points: readonly T[]): T[] {
  return points.filter((p) => !points.some((q) => q.x <= p.x && q.y <= p.y && (q.x < p.x || q.y < p.y)));
}

/** A label's box in px (x, y: top left). */
export interface LabelBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Width of a label in px: a generous estimate for a 10 px sans-serif (so real glyphs fit inside the box). */
export const labelWidth = (text: string) => Math.ceil(text.length * FONT_SIZE * 0.62) + 2;

const overlaps = (a: LabelBox, b: LabelBox, pad = 1) => a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;
const hitsMarker = (a: LabelBox, m: { px: number; py: number }) => {
  const dx = Math.max(a.x - m.px, 0, m.px - (a.x + a.w));
  const dy = Math.max(a.y - m.py, 0, m.py - (a.y + a.h));
  return dx * dx + dy * dy < (MARKER_R + 1) ** 2;
};

/**
 * Place one label per marker (px coordinates in a width × height plot) so that no label overlaps another label
 * or any marker: try rings of growing radius around the marker, eight directions first, then sixteen. A label
 * away from its marker gets a leader line. Returns null for a label that found no free place (never overlapped).
 */
export function placeLabels(
  markers: readonly { readonly px: number; readonly py: number; readonly text: string }[],
  width: number,
  height: number,
  /** Other things a label must not cover (the front's segments, as boxes of zero width or height). */
  obstacles: readonly LabelBox[] = [],
): ({ box: LabelBox; leader: boolean } | null)[] {
  const placed: LabelBox[] = [];
  const out: ({ box: LabelBox; leader: boolean } | null)[] = markers.map(() => null);
  // Crowded markers first (their free space runs out soonest), then top to bottom: deterministic.
  const crowd = markers.map((m) => markers.filter((o) => Math.hypot(o.px - m.px, o.py - m.py) < 40).length);
  const order = markers.map((_, i) => i).sort((a, b) => crowd[b]! - crowd[a]! || markers[a]!.py - markers[b]!.py || markers[a]!.px - markers[b]!.px || a - b);
  const h = FONT_SIZE + 2;
  for (const i of order) {
    const m = markers[i]!;
    const w = labelWidth(m.text);
    let found: { box: LabelBox; leader: boolean } | null = null;
    for (const d of [7, 12, 18, 26, 36, 48, 62, 80, 100, 125, 155]) {
      const steps = d <= 12 ? 8 : 16;
      for (let s = 0; s < steps && !found; s++) {
        const a = (-Math.PI / 4) + (2 * Math.PI * s) / steps; // start up-right, the usual label spot
        const c = Math.cos(a);
        const sn = Math.sin(a);
        const cx = m.px + c * d + (Math.abs(c) < 0.3 ? 0 : Math.sign(c) * (w / 2));
        const cy = m.py + sn * d + (Math.abs(sn) < 0.3 ? 0 : Math.sign(sn) * (h / 2));
        const box = { x: cx - w / 2, y: cy - h / 2, w, h };
        if (box.x < 0 || box.y < 0 || box.x + box.w > width || box.y + box.h > height) continue;
        if (placed.some((p) => overlaps(p, box))) continue;
        if (markers.some((o) => hitsMarker(box, o))) continue;
        if (obstacles.some((o) => overlaps(o, box))) continue;
        found = { box, leader: d > 12 };
      }
      if (found) break;
    }
    if (found) placed.push(found.box);
    out[i] = found;
  }
  return out;
}

/** The nearest point of a box to (px, py): where a leader line ends. */
function nearestOnBox(b: LabelBox, px: number, py: number): [number, number] {
  return [Math.min(Math.max(px, b.x), b.x + b.w), Math.min(Math.max(py, b.y), b.y + b.h)];
}

/**
 * A trade-off scatter. Colour is the label (the precision; the interactive view's legend toggles it), shape the
 * series where there are several, a filled marker is on the report's Pareto front over all objectives, a hollow
 * one is not. The dashed staircase is the 2-D front of this plot's own two axes. Labels never overlap: they are
 * placed in px from the rendered scales, with leader lines where they sit away from their marker. Non-finite
 * coordinates (and non-positive ones on a log axis) are dropped from the plot; the tables carry them.
 */
export async function tradeoffPlot(s: ScatterSpec): Promise<TradeoffPlot> {
  const finite = s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const xLog = s.xLog ?? spansDecades(finite.map((p) => p.x));
  const yLog = s.yLog ?? spansDecades(finite.map((p) => p.y));
  const kept = finite.filter((p) => (!xLog || p.x > 0) && (!yLog || p.y > 0));
  const labels = [...new Set(kept.map((p) => p.label))];
  const seriesList = [...new Set(kept.map((p) => p.series))];
  const rowTitles = [...new Set(kept.flatMap((p) => (p.row ?? []).map(([k]) => k)))];
  const values = kept.map((p, i) => ({
    i,
    label: p.label,
    series: p.series,
    key: `${p.label} @ ${p.series}`,
    x: p.x,
    y: p.y,
    pareto: p.onFront,
    ...Object.fromEntries(rowTitles.map((t, j) => [`r${j}`, p.row?.find(([k]) => k === t)?.[1] ?? ""])),
  }));
  const front = front2d(values).sort((a, b) => a.x - b.x || a.y - b.y);
  const scaleOf = (log: boolean) => (log ? { type: "log" as const } : { zero: false });
  const x = { field: "x", type: "quantitative" as const, title: `${s.xTitle}${xLog ? " (log)" : ""}`, scale: scaleOf(xLog) };
  const y = { field: "y", type: "quantitative" as const, title: `${s.yTitle}${yLog ? " (log)" : ""}`, scale: scaleOf(yLog) };
  const palette = labels.map((_, i) => PALETTE[i % PALETTE.length]!);
  const colorScale = { domain: labels, range: palette };
  const several = seriesList.length > 1;

  const pointsLayer = (interactive: boolean) => ({
    data: { values },
    mark: { type: "point" as const, filled: false, size: 70, strokeWidth: 2, opacity: 1 },
    ...(interactive ? { params: [{ name: "prec", select: { type: "point" as const, fields: ["label"] }, bind: "legend" as const }] } : {}),
    encoding: {
      x,
      y,
      color: { field: "label", type: "nominal" as const, title: "precision", scale: colorScale },
      fill: { condition: { test: "datum.pareto", field: "label", type: "nominal" as const, scale: colorScale }, value: "white" },
      shape: several ? { field: "series", type: "nominal" as const, title: "substrate" } : { value: "circle" },
      description: { field: "key", type: "nominal" as const },
      ...(interactive
        ? {
            opacity: { condition: { param: "prec", value: 1 }, value: 0.12 },
            tooltip: rowTitles.length ? rowTitles.map((t, j) => ({ field: `r${j}`, type: "nominal" as const, title: t })) : [{ field: "key", type: "nominal" as const, title: "point" }],
          }
        : {}),
    },
  });
  const frontLayer = {
    data: { values: front },
    mark: { type: "line" as const, interpolate: "step-after" as const, color: "#666", strokeDash: [4, 3], strokeWidth: 1.2 },
    encoding: { x, y, description: { value: "2-D front" } },
  };
  const subtitle = [
    "Filled: on the Pareto front over area, energy, latency and error; hollow: dominated.",
    `Dashed: the 2-D front of these two axes (no point is lower on both).`,
  ];
  const base = (layers: unknown[], interactive: boolean): TopLevelSpec =>
    ({
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      title: { text: s.title, subtitle, subtitleFontSize: 10 },
      width: WIDTH,
      height: HEIGHT,
      background: "white",
      config: { legend: { labelLimit: 200 } },
      layer: [frontLayer, pointsLayer(interactive), ...layers],
    }) as TopLevelSpec;

  // Render once without labels to read the scales, then place the labels in px.
  const probe = new vega.View(vega.parse(compile(base([], false)).spec), { renderer: "none" });
  let placedValues: Record<string, unknown>[];
  try {
    await probe.runAsync();
    const sx = probe.scale("x") as (v: number) => number;
    const sy = probe.scale("y") as (v: number) => number;
    const markers = values.map((v) => ({ px: sx(v.x), py: sy(v.y), text: v.label }));
    // The staircase's segments (step-after: across at the left point's y, then down) are obstacles too.
    const steps = front.slice(1).flatMap((b, i) => {
      const a = front[i]!;
      const [ax, ay, bx, by] = [sx(a.x), sy(a.y), sx(b.x), sy(b.y)];
      return [{ x: Math.min(ax, bx), y: ay, w: Math.abs(bx - ax), h: 0 }, { x: bx, y: Math.min(ay, by), w: 0, h: Math.abs(by - ay) }];
    });
    const boxes = placeLabels(markers, WIDTH, HEIGHT, steps);
    placedValues = values.flatMap((v, i) => {
      const b = boxes[i];
      if (!b) return [];
      const [ex, ey] = nearestOnBox(b.box, markers[i]!.px, markers[i]!.py);
      return [{ label: v.label, key: v.key, tx: b.box.x + b.box.w / 2, ty: b.box.y + b.box.h / 2, leader: b.leader, mx: markers[i]!.px, my: markers[i]!.py, ex, ey }];
    });
  } finally {
    probe.finalize();
  }
  const px = (f: string) => ({ field: f, type: "quantitative" as const, scale: null, axis: null });
  const labelLayers = (interactive: boolean) => {
    const fade = interactive ? { opacity: { condition: { param: "prec", value: 1, empty: true }, value: 0.12 } } : {};
    return [
      {
        data: { values: placedValues.filter((v) => v.leader) },
        mark: { type: "rule" as const, color: "#999", strokeWidth: 0.8 },
        encoding: { x: px("mx"), y: px("my"), x2: { field: "ex" }, y2: { field: "ey" }, description: { field: "key", type: "nominal" as const }, ...fade },
      },
      {
        data: { values: placedValues },
        mark: { type: "text" as const, align: "center" as const, baseline: "middle" as const, fontSize: FONT_SIZE },
        encoding: { x: px("tx"), y: px("ty"), text: { field: "label" }, description: { field: "key", type: "nominal" as const }, ...fade },
      },
    ];
  };
  const view = new vega.View(vega.parse(compile(base(labelLayers(false), false)).spec), { renderer: "none" });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  return { svg, interactive: base(labelLayers(true), true) };
}

/** The trade-off scatter as a static SVG (see tradeoffPlot), rendered in Node: no browser, no canvas. */
export async function renderScatterSvg(s: ScatterSpec): Promise<string> {
  return (await tradeoffPlot(s)).svg;
}
