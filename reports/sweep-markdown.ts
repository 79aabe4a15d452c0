import type { SweepMetric, SweepWorkloadView } from "./sweep-analysis.js";
import { SWEEP_METRICS, topK } from "./sweep-analysis.js";
import type { SweepLine } from "./sweep-line.js";
import { lineNumber } from "./sweep-line.js";
import { db, int, sig } from "./format-number.js";
import { HWSIM_REPORT_MARKER } from "./markdown.js";
import type { SweepPlotKey } from "./sweep-plots.js";

export interface SweepReportMeta {
  /** The results file the report was built from, as the user named it. */
  readonly source: string;
  readonly version: string;
  readonly topK: number;
  /** Plot file names relative to the report, per workload and key. */
  readonly plotFile: (workload: string, key: SweepPlotKey) => string;
}

const PLOT_TITLES: Record<SweepPlotKey, string> = { "energy-vs-error": "Energy vs error", "latency-vs-area": "Latency vs area" };

function sqnr(r: SweepLine): string {
  if (r["errorMeasured"] !== true) return "—";
  const se = lineNumber(r, "sqnrDbStdErr");
  return se > 0 ? `${db(lineNumber(r, "sqnrDb"))} ± ${se.toFixed(2)}` : db(lineNumber(r, "sqnrDb"));
}

function rmse(r: SweepLine): string {
  if (r["errorMeasured"] !== true) return "—";
  const lo = lineNumber(r, "relativeRmseCi95Low");
  const hi = lineNumber(r, "relativeRmseCi95High");
  const x = lineNumber(r, "relativeRmse");
  return lo < hi ? `${sig(x)} [${sig(lo)}, ${sig(hi)}]` : sig(x);
}

const HEADER = "| precision | hardware | area mm² | energy µJ | latency µs | cycles | SQNR dB | rel. RMSE [95% CI] | front | id |";
const RULE = "|---|---|---|---|---|---|---|---|---|---|";

function row(r: SweepLine, v: SweepWorkloadView, rank?: number): string {
  const cells = [
    `\`${r.precision}\``,
    `\`${r.hardware}\``,
    sig(lineNumber(r, "areaUm2") / 1e6),
    sig(lineNumber(r, "energyPj") / 1e6),
    sig(lineNumber(r, "latencyUs")),
    int(lineNumber(r, "cycles")),
    sqnr(r),
    rmse(r),
    v.front.has(r.id) ? "★" : "",
    `\`${r.id}\``,
  ];
  return `| ${rank !== undefined ? `${rank}. ` : ""}${cells.join(" | ")} |`;
}

function metricTitle(m: SweepMetric): string {
  return m.name === "size" ? "size (array area)" : m.name === "error" ? "error (relative RMSE)" : m.name;
}

/**
 * The sweep report: per workload, the Pareto front over (size, energy, latency, error), the top-k points per
 * metric and the plots. Built from the results lines alone; no timestamp, so the same lines give the same bytes.
 */
export function renderSweepMarkdown(views: readonly SweepWorkloadView[], meta: SweepReportMeta): string {
  const L: string[] = [HWSIM_REPORT_MARKER, "# hwsim sweep report", ""];
  const ran = views.reduce((s, v) => s + v.rows.length, 0);
  const unsupported = views.reduce((s, v) => s + v.unsupported.length, 0);
  const all = views.flatMap((v) => v.rows);
  const distinct = (k: string) => [...new Set(all.map((r) => String(r[k])))].join(", ") || "—";
  L.push(`- Results: \`${meta.source}\`, ${int(ran + unsupported)} points (${int(ran)} ran${unsupported ? `, ${int(unsupported)} unsupported` : ""}) over ${views.length} workload${views.length === 1 ? "" : "s"}; hwsim ${meta.version}.`);
  L.push(`- Seed ${distinct("seed")}; sample ${distinct("sample")}; energy ${distinct("energy")}; engine fast, timing pipelined.`);
  L.push(`- Pareto objectives (all minimised): ${SWEEP_METRICS.map((m) => m.title).join(", ")}; error drops out for a workload where it was not measured. Exact ties stay on the front together.`);
  L.push("- Any row reproduces with `hwsim simulate --format <precision> --hw <hardware> --workload <workload> --seed <seed> --sample <sample> --energy <energy> [--node <node>] --json`.");
  L.push("");
  for (const v of views) {
    L.push(`## Workload \`${v.workload}\``);
    L.push("");
    const onFront = v.rows.filter((r) => v.front.has(r.id));
    L.push(`${int(v.rows.length)} points ran; ${int(onFront.length)} are on the Pareto front over ${(v.withError ? SWEEP_METRICS : SWEEP_METRICS.slice(0, 3)).map((m) => m.name).join(", ")}.`);
    L.push("");
    for (const p of (["energy-vs-error", "latency-vs-area"] as const).filter((k) => v.rows.length && (v.withError || k === "latency-vs-area"))) {
      L.push(`![${PLOT_TITLES[p]}: ${v.workload}](${meta.plotFile(v.workload, p)})`);
    }
    if (v.rows.length) L.push("");
    if (onFront.length) {
      L.push("### Pareto front");
      L.push("");
      L.push(HEADER, RULE, ...onFront.map((r) => row(r, v)));
      L.push("");
    }
    for (const m of SWEEP_METRICS.filter((m) => v.rows.length && (v.withError || m.name !== "error"))) {
      L.push(`### Top ${Math.min(meta.topK, v.rows.length)} by ${metricTitle(m)}`);
      L.push("");
      L.push(HEADER, RULE, ...topK(v, m, meta.topK).map((r, i) => row(r, v, i + 1)));
      L.push("");
    }
    if (v.unsupported.length) {
      L.push("### Unsupported");
      L.push("");
      for (const u of v.unsupported) L.push(`- \`${u.precision}\` on \`${u.hardware}\`: ${String(u["unsupported"])}`);
      L.push("");
    }
  }
  return L.join("\n");
}
