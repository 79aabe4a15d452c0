import { describe, expect, it } from "vitest";
import { placeLabels, renderScatterSvg, spansDecades, tradeoffPlot } from "./svg-plot.js";
import type { PlotPoint } from "./svg-plot.js";
import { renderPlots } from "./plots.js";
import { checkWellFormedXml } from "./testing/well-formed-xml.js";
import { compareFixture } from "./testing/compare-fixture.js";

/** Brute force, by the definition: p is on the 2-D front unless some other point is ≤ on both axes and < on one. */
function beatenOnBothAxes(p: { x: number; y: number }, all: readonly { x: number; y: number }[]): boolean {
  for (const q of all) if (q !== p && q.x <= p.x && q.y <= p.y && (q.x < p.x || q.y < p.y)) return true;
  return false;
}

/** The drawn front: the vertices of the dashed line's path, and every marker's position by its aria-label. */
function drawn(svg: string): { vertices: [number, number][]; markers: Map<string, [number, number]> } {
  const line = /<g class="mark-line role-mark[^>]*><path aria-label="2-D front"[^>]* d="([^"]*)"/.exec(svg);
  const vertices = line ? [...line[1]!.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]) : [];
  const group = /<g class="mark-symbol role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/.exec(svg)![1]!;
  const markers = new Map<string, [number, number]>();
  for (const m of group.matchAll(/<path aria-label="([^"]*)"[^>]*transform="translate\(([-\d.e]+),([-\d.e]+)\)"/g)) markers.set(m[1]!, [Number(m[2]), Number(m[3])]);
  return { vertices, markers };
}

/**
 * Every vertex of the drawn staircase (step-after: data points at even indices, corners between) sits on a marker
 * that no other point beats on both axes, and every such point is on the staircase.
 */
function checkFront(svg: string, points: readonly (PlotPoint & { key: string })[]): void {
  const { vertices, markers } = drawn(svg);
  expect(markers.size).toBe(new Set(points.map((p) => p.key)).size);
  const onFront = points.filter((p) => !beatenOnBothAxes(p, points));
  const off = points.filter((p) => beatenOnBothAxes(p, points));
  const near = (a: [number, number], b: [number, number]) => Math.abs(a[0] - b[0]) < 0.01 && Math.abs(a[1] - b[1]) < 0.01;
  const dataVertices = vertices.filter((_, i) => i % 2 === 0);
  for (const v of dataVertices) {
    const at = points.filter((p) => near(markers.get(p.key)!, v));
    expect(at.length, `front vertex ${v} is on no marker`).toBeGreaterThan(0);
    for (const p of at) expect(beatenOnBothAxes(p, points), `the front passes through ${p.key}, which another point beats on both axes`).toBe(false);
  }
  for (const p of onFront) expect(dataVertices.some((v) => near(v, markers.get(p.key)!)), `${p.key} is on the 2-D front but not drawn on it`).toBe(true);
  // Points off the front may sit on a segment between two vertices, never on a vertex.
  for (const p of off) expect(dataVertices.some((v) => near(v, markers.get(p.key)!) && !onFront.some((q) => q.x === p.x && q.y === p.y))).toBe(false);
}

/** A seeded generator of point sets with ties on x, on y and exact duplicates. */
function randomPoints(seed: number, n: number): (PlotPoint & { key: string })[] {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const xs = [1, 1.5, 2, 3, 5, 8, 13];
  const ys = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3];
  return Array.from({ length: n }, (_, i) => {
    const x = rnd() < 0.5 ? xs[Math.floor(rnd() * xs.length)]! : 1 + rnd() * 12;
    const y = rnd() < 0.5 ? ys[Math.floor(rnd() * ys.length)]! : 0.001 + rnd() * 0.3;
    const label = `p${i}`;
    return { label, series: "s", key: `${label} @ s`, x, y, onFront: rnd() < 0.5 };
  });
}

describe("trade-off plots", () => {
  const points = [
    { label: "int8", series: "mac-array", x: 1, y: 0.01, onFront: true },
    { label: "fp8", series: "mac-array", x: 2, y: 0.02, onFront: false },
    { label: "fp4", series: "mac-array", x: 0.5, y: 0.2, onFront: true },
  ];

  it("is well-formed XML with one symbol per result row", async () => {
    const svg = await renderScatterSvg({ title: "energy vs error", xTitle: "pJ/MAC", yTitle: "rel. RMSE", yLog: true, points });
    expect(checkWellFormedXml(svg)).toBeNull();
    const symbols = svg.match(/<g class="mark-symbol role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/);
    expect(symbols).not.toBeNull();
    expect(symbols![1]!.match(/<path /g)?.length).toBe(points.length);
    expect(svg).toContain("int8");
  });

  it("is deterministic", async () => {
    const a = await renderScatterSvg({ title: "t", xTitle: "x", yTitle: "y", points });
    const b = await renderScatterSvg({ title: "t", xTitle: "x", yTitle: "y", points });
    expect(a).toBe(b);
  });

  it("draws the 2-D front of its own axes: fp8 is beaten by int8 on both, so the line skips it", async () => {
    const svg = await renderScatterSvg({ title: "t", xTitle: "x", yTitle: "y", points });
    checkFront(svg, points.map((p) => ({ ...p, key: `${p.label} @ ${p.series}` })));
    expect(drawn(svg).vertices.filter((_, i) => i % 2 === 0)).toHaveLength(2);
  });

  it("the drawn front passes only through points no other point beats on both axes (random sets with ties and duplicates)", async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const ps = randomPoints(seed, 2 + (seed % 11));
      const svg = await renderScatterSvg({ title: "t", xTitle: "x", yTitle: "y", points: ps });
      checkFront(svg, ps);
    }
  });

  it("on a real compare, each of the three plots draws its own axes' front (and 4-D Pareto membership is the fill)", async () => {
    const r = compareFixture(["int8", "fp8", "fp8-e5m2", "int4", "w4a8", "mxfp8-e4m3", "mxfp6-e2m3", "mxfp4", "nvfp4", "bf16", "fp16"], ["mac-array:rows=8,cols=8"], "default", 0.01);
    const plots = await renderPlots(r);
    expect(plots.map((p) => p.key)).toEqual(["energy", "area", "latency"]);
    const xOf = { energy: (x: (typeof r.rows)[number]) => x.cost.energyPj, area: (x: (typeof r.rows)[number]) => x.cost.areaUm2, latency: (x: (typeof r.rows)[number]) => x.cost.latencyUs };
    for (const p of plots) {
      const ps = r.rows.map((x) => ({ label: x.precision.id, series: x.modelId, key: `${x.precision.id} @ ${x.modelId}`, x: xOf[p.key](x), y: x.error.relativeRmse, onFront: x.onFront }));
      checkFront(p.svg, ps);
      // Filled (fill = stroke colour) exactly for the 4-D Pareto rows; hollow (white) for the others.
      const group = /<g class="mark-symbol role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/.exec(p.svg)![1]!;
      for (const m of group.matchAll(/<path aria-label="([^"]*)"[^>]* fill="([^"]*)" stroke="([^"]*)"/g)) {
        const row = r.rows.find((x) => `${x.precision.id} @ ${x.modelId}` === m[1])!;
        expect(m[2] === m[3], m[1]).toBe(row.onFront);
      }
      // Every point is labelled.
      for (const x of r.rows) expect(p.svg).toContain(`>${x.precision.id}</text>`);
    }
    expect(r.rows.some((x) => !x.onFront)).toBe(true);
  });

  it("uses a log axis where the data spans decades", async () => {
    expect(spansDecades([1, 9.9])).toBe(false);
    expect(spansDecades([1, 10])).toBe(true);
    expect(spansDecades([0, 100])).toBe(false);
    const svg = await renderScatterSvg({ title: "t", xTitle: "x", yTitle: "y", points });
    expect(svg).toMatch(/X-axis titled 'x' for a linear scale/);
    expect(svg).toMatch(/Y-axis titled 'y \(log\)' for a log scale/);
  });

  it("labels never overlap each other or any marker, even where markers pile up", async () => {
    let s = 7;
    const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const markers = Array.from({ length: 24 }, (_, i) => ({ px: 180 + rnd() * 60, py: 120 + rnd() * 40, text: ["int8", "fp8", "mxfp8-e4m3", "fp8-e5m2"][i % 4]! }));
    markers.push({ ...markers[0]! }, { ...markers[0]! }); // exact duplicates
    const placed = placeLabels(markers, 440, 320);
    const boxes = placed.filter((b) => b !== null).map((b) => b!.box);
    expect(boxes.length).toBe(markers.length);
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i]!;
      expect(a.x >= 0 && a.y >= 0 && a.x + a.w <= 440 && a.y + a.h <= 320).toBe(true);
      for (let j = i + 1; j < boxes.length; j++) {
        const b = boxes[j]!;
        expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y, `labels ${i} and ${j} overlap`).toBe(true);
      }
      for (const m of markers) {
        const dx = Math.max(a.x - m.px, 0, m.px - (a.x + a.w));
        const dy = Math.max(a.y - m.py, 0, m.py - (a.y + a.h));
        expect(Math.hypot(dx, dy)).toBeGreaterThanOrEqual(5);
      }
    }
  });

  it("the interactive spec has the legend toggle and a tooltip with the row", async () => {
    const plot = await tradeoffPlot({ title: "t", xTitle: "x", yTitle: "y", points: points.map((p) => ({ ...p, row: [["precision", p.label], ["area mm²", "1"]] as const })) });
    const text = JSON.stringify(plot.interactive);
    expect(text).toContain('"bind":"legend"');
    expect(text).toContain('"tooltip":[{"field":"r0","type":"nominal","title":"precision"},{"field":"r1","type":"nominal","title":"area mm²"}]');
  });
});
