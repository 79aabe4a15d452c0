import type { Instr } from "../iss/program.js";
import type { CoreTiming, TimingState } from "../iss/timing.js";
import { issue, newTimingState } from "../iss/timing.js";

/**
 * A kernel as a structured program: straight-line instructions and counted loops. `flatten` turns it into the
 * ISS program (hardware loops on cores that have them, else a decrement-and-branch loop); `closedFormCycles`
 * prices it without running it: one pass of each loop body through the same issue rules, two passes to reach
 * the periodic steady state, then trip-count arithmetic. Tests prove the closed form equals the ISS.
 */
export type Node = { readonly kind: "code"; readonly code: readonly Instr[] } | { readonly kind: "loop"; readonly trips: number; readonly counter: number; readonly body: readonly Node[] };

export const code = (...code: Instr[]): Node => ({ kind: "code", code });
export const loop = (trips: number, counter: number, body: readonly Node[]): Node => ({ kind: "loop", trips, counter, body });

/** Flatten to an ISS program ending in `halt`. Hardware loops need a branch-free body; levels: innermost = 0. */
export function flatten(nodes: readonly Node[], t: CoreTiming): Instr[] {
  const out: Instr[] = [];
  const depthOf = (n: Node): number => (n.kind === "code" ? 0 : 1 + Math.max(0, ...n.body.map(depthOf)));
  const emit = (ns: readonly Node[]) => {
    for (const n of ns) {
      if (n.kind === "code") {
        out.push(...n.code);
        continue;
      }
      out.push({ kind: "li", rd: n.counter, value: BigInt(n.trips), cls: "alu" });
      const level = depthOf(n) - 1;
      if (t.hardwareLoops && level <= 1) {
        const at = out.length;
        out.push({ kind: "lpsetup", level: level as 0 | 1, countReg: n.counter, end: -1, cls: "loop-setup" });
        emit(n.body);
        (out[at] as { end: number }).end = out.length - 1;
      } else {
        const start = out.length;
        emit(n.body);
        out.push({ kind: "addi", rd: n.counter, rs: n.counter, imm: -1, cls: "alu" });
        out.push({ kind: "bnez", rs: n.counter, target: start, cls: "branch" });
      }
    }
  };
  emit(nodes);
  out.push({ kind: "halt", cls: "alu" });
  return out;
}

/** Cycles the flattened program takes on one core with no contention, from the loop structure alone. */
export function closedFormCycles(nodes: readonly Node[], t: CoreTiming): number {
  const s = newTimingState(40);
  const run = (i: Instr, taken = false) => void issue(t, s, i, 0, taken);
  const depthOf = (n: Node): number => (n.kind === "code" ? 0 : 1 + Math.max(0, ...n.body.map(depthOf)));
  const walk = (ns: readonly Node[]) => {
    for (const n of ns) {
      if (n.kind === "code") {
        for (const i of n.code) run(i);
        continue;
      }
      run({ kind: "li", rd: n.counter, value: 0n, cls: "alu" });
      const hw = t.hardwareLoops && depthOf(n) - 1 <= 1;
      if (hw) run({ kind: "lpsetup", level: 0, countReg: n.counter, end: 0, cls: "loop-setup" });
      const dec: Instr = { kind: "addi", rd: n.counter, rs: n.counter, imm: -1, cls: "alu" };
      const br: Instr = { kind: "bnez", rs: n.counter, target: 0, cls: "branch" };
      const pass = (taken: boolean) => {
        walk(n.body);
        if (!hw) {
          run(dec);
          run(br, taken);
        }
      };
      if (n.trips <= 3) {
        for (let k = 0; k < n.trips; k++) pass(k < n.trips - 1);
        continue;
      }
      pass(true);
      const c1 = s.free;
      const snap1 = snapshot(s);
      pass(true);
      const period = s.free - c1;
      // Periodic steady state: every later taken pass shifts the whole state by the same period.
      if (!samePattern(snap1, snapshot(s), period)) throw new Error("closed form: loop body timing is not periodic after one pass");
      shift(s, period * (n.trips - 3));
      pass(false);
    }
  };
  walk(nodes);
  return s.free;
}

function snapshot(s: TimingState): { free: number; ready: Float64Array; lastIssue: number } {
  return { free: s.free, ready: Float64Array.from(s.ready), lastIssue: s.lastIssue };
}
function samePattern(a: ReturnType<typeof snapshot>, b: ReturnType<typeof snapshot>, p: number): boolean {
  if (b.free - a.free !== p || b.lastIssue - a.lastIssue !== p) return false;
  // Registers touched in the loop move by the period; registers untouched stay (they are ready earlier anyway).
  for (let r = 0; r < a.ready.length; r++) {
    const d = b.ready[r]! - a.ready[r]!;
    if (d !== 0 && d !== p && b.ready[r]! > b.free - 1) return false;
  }
  return true;
}
function shift(s: TimingState, d: number): void {
  s.free += d;
  s.lastIssue += d;
  for (let r = 0; r < s.ready.length; r++) if (s.ready[r]! > 0) s.ready[r] = s.ready[r]! + d;
}
