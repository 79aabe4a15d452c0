import type { SweepWorkloadView } from "./sweep-analysis.js";

/** Nested objects (actions, breakdowns) as dotted columns: `actions.mac`. */
function flatten(v: Record<string, unknown>, prefix = "", out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, x] of Object.entries(v)) {
    if (x && typeof x === "object" && !Array.isArray(x)) flatten(x as Record<string, unknown>, `${prefix}${k}.`, out);
    else out[`${prefix}${k}`] = x;
  }
  return out;
}

const cell = (v: unknown) => {
  const s = v === undefined || v === null ? "" : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 CSV of every point, workload by workload, with `onParetoFront`; columns are the union of the lines' fields. */
export function sweepCsv(views: readonly SweepWorkloadView[]): string {
  const recs = views.flatMap((v) => [...v.rows, ...v.unsupported].map((r) => ({ ...flatten(r), onParetoFront: v.front.has(r.id) })));
  const keys: string[] = [];
  const known = new Set<string>(["onParetoFront"]);
  for (const r of recs) for (const k of Object.keys(r)) if (!known.has(k)) known.add(k) && keys.push(k);
  if (!keys.length) keys.push("id", "precision", "hardware", "workload");
  keys.push("onParetoFront"); // last, whatever fields some lines lack
  return [keys.join(","), ...recs.map((r) => keys.map((k) => cell((r as Record<string, unknown>)[k])).join(","))].join("\n") + "\n";
}
