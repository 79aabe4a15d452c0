import path from "node:path";
import { analyseSweep } from "../../reports/sweep-analysis.js";
import { sweepCsv } from "../../reports/sweep-csv.js";
import type { SweepLine } from "../../reports/sweep-line.js";
import { renderSweepMarkdown } from "../../reports/sweep-markdown.js";
import type { SweepPlotKey } from "../../reports/sweep-plots.js";
import { renderSweepPlots, sweepPlotKeys } from "../../reports/sweep-plots.js";
import { HWSIM_REPORT_MARKER } from "../../reports/markdown.js";
import { HWSIM_SVG_MARKER } from "../../reports/plot-marker.js";
import { checkWritable, writeAtomically } from "../safe-write.js";
import { VERSION } from "../version.js";

/** Where a results file's report goes: `results.jsonl` → `results.md`, `results.csv`, `results-<workload>-<plot>.svg`. */
export interface ReportTargets {
  readonly md: string;
  readonly csv: string;
  plot(workload: string, key: SweepPlotKey): string;
}

const PLOT_KEYS: readonly SweepPlotKey[] = ["energy-vs-error", "latency-vs-area"];

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 48) || "workload";
}

/** Report file names for a results file and the workloads it will hold (slugs made unique in sorted order). */
export function reportTargets(results: string, workloads: Iterable<string>): ReportTargets {
  const base = results.replace(/\.jsonl?$/i, "");
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const w of [...new Set(workloads)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    let s = slug(w);
    for (let i = 2; used.has(s); i++) s = `${slug(w)}-${i}`;
    used.add(s);
    names.set(w, s);
  }
  return {
    md: `${base}.md`,
    csv: `${base}.csv`,
    plot: (w, key) => `${base}-${names.get(w) ?? slug(w)}-${key}.svg`,
  };
}

const CSV_HEAD = "id,precision,hardware,workload";

/** Refuse, before anything runs, any report file hwsim did not write (unless forced). */
export function checkReportTargets(t: ReportTargets, workloads: Iterable<string>, force: boolean): void {
  checkWritable(t.md, (h) => h.startsWith(HWSIM_REPORT_MARKER), force, "report");
  checkWritable(t.csv, (h) => h.startsWith(CSV_HEAD), force, "report CSV");
  for (const w of workloads) for (const k of PLOT_KEYS) checkWritable(t.plot(w, k), (h) => h.startsWith(HWSIM_SVG_MARKER), force, "report plot");
}

/** Render the report from the lines alone and write Markdown, CSV and SVGs (each through a temp file and a rename). */
export async function writeReport(lines: readonly SweepLine[], t: ReportTargets, source: string, topK: number): Promise<{ workloads: number; front: number }> {
  const views = analyseSweep(lines);
  const dir = path.dirname(t.md);
  const rendered: { file: string; svg: string }[] = [];
  for (const v of views) {
    if (!sweepPlotKeys(v).length) continue;
    for (const p of await renderSweepPlots(v)) rendered.push({ file: t.plot(v.workload, p.key), svg: p.svg });
  }
  const md = renderSweepMarkdown(views, { source, version: VERSION, topK, plotFile: (w, k) => path.relative(dir, t.plot(w, k)) });
  const csv = sweepCsv(views);
  for (const r of rendered) writeAtomically(r.file, r.svg);
  writeAtomically(t.csv, csv);
  writeAtomically(t.md, md);
  return { workloads: views.length, front: views.reduce((s, v) => s + v.front.size, 0) };
}
