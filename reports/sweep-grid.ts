import type { Result } from "../workloads/result.js";

/** Most points one spec string may expand to (a typo like `rows=[1..]` should not hang the machine). */
export const MAX_GRID_POINTS = 100_000;

/**
 * Expand the `[a,b,c]` grids in one spec string into every combination, the first grid varying slowest:
 * `mac-array:rows=[16,32],dataflow=[ws,os]` → `mac-array:rows=16,dataflow=ws`, `…rows=16,dataflow=os`,
 * `…rows=32,dataflow=ws`, `…rows=32,dataflow=os`. A string without brackets is its own single point.
 */
export function expandGrid(text: string): Result<string[]> {
  const parts: (string | string[])[] = [];
  let i = 0;
  let count = 1;
  while (i < text.length) {
    const open = text.indexOf("[", i);
    const close = text.indexOf("]", i);
    if (close !== -1 && (open === -1 || close < open)) return { ok: false, reason: `'${text}': ']' at column ${close + 1} closes no '['` };
    if (open === -1) {
      parts.push(text.slice(i));
      break;
    }
    parts.push(text.slice(i, open));
    const end = text.indexOf("]", open);
    if (end === -1) return { ok: false, reason: `'${text}': '[' at column ${open + 1} is never closed` };
    const inner = text.slice(open + 1, end);
    if (inner.includes("[")) return { ok: false, reason: `'${text}': grids cannot nest` };
    const values = inner.split(",").map((v) => v.trim());
    if (values.some((v) => v === "")) return { ok: false, reason: `'${text}': the grid [${inner}] has an empty value` };
    if (new Set(values).size !== values.length) return { ok: false, reason: `'${text}': the grid [${inner}] repeats a value` };
    count *= values.length;
    if (count > MAX_GRID_POINTS) return { ok: false, reason: `'${text}' expands to more than ${MAX_GRID_POINTS} points` };
    parts.push(values);
    i = end + 1;
  }
  let out = [""];
  for (const p of parts) out = typeof p === "string" ? out.map((s) => s + p) : out.flatMap((s) => p.map((v) => s + v));
  return { ok: true, value: out };
}
