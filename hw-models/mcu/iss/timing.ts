import type { Instr, TimingClass } from "./program.js";
import { destsOf, sourcesOf } from "./program.js";

/**
 * Per-core pipeline timing as data: how many cycles each instruction class occupies the issue stage, when its
 * result can be used, branch costs, hardware loops, and which pairs issue together. Every number cites its source.
 */
export interface CoreTiming {
  readonly id: string;
  /** Issue-stage cycles per class. */
  readonly occupancy: Readonly<Record<TimingClass, number>>;
  /** Cycles from issue until a dependent instruction may issue (1 = back to back). */
  readonly latency: Readonly<Record<TimingClass, number>>;
  /** Cortex-M3/M4: a load right after a load (address not depending on it) takes one cycle (N+1 for N loads). */
  readonly pipelinedLoads: boolean;
  /** Total cycles of a taken / not-taken branch. */
  readonly branchTakenCycles: number;
  readonly branchNotTakenCycles: number;
  readonly hardwareLoops: boolean;
  /** Pairs (first class, second class) that issue in the same cycle when the second does not read the first's result. */
  readonly dualIssue: readonly (readonly [TimingClass, TimingClass])[];
  readonly source: string;
}

const all = (v: number): Record<TimingClass, number> => ({ alu: v, mul: v, mac: v, dsp: v, load: v, store: v, fp: v, "fp-mac": v, vec: v, "vec-load": v, branch: v, "loop-setup": v });

/** Cortex-M4 (ARM DDI 0439B, Cortex-M4 TRM r0p1, Table 3-1 and FPU Table 7-1; P = 2 for a branch refill). */
export const CORTEX_M4_TIMING: CoreTiming = {
  id: "cortex-m4",
  occupancy: { ...all(1), mac: 2 /* MLA 2 */, load: 2 /* LDR 2, N+1 when pipelined */, fp: 1, "fp-mac": 3 /* VMLA/VFMA.F32 3 */ },
  latency: { ...all(1), load: 2 /* a pipelined (1-cycle) LDR still delivers its data one cycle later */, "fp-mac": 1 },
  pipelinedLoads: true,
  branchTakenCycles: 3, // B: 1 + P, P = 1..3 (pipeline refill); 2 taken as typical
  branchNotTakenCycles: 1,
  hardwareLoops: false,
  dualIssue: [],
  source: "ARM DDI 0439B Cortex-M4 TRM Table 3-1 (LDR 2, N+1 pipelined; MLA 2; SMLAD/SXTB16/SSAT 1; B 1+P) and Table 7-1 (VMLA/VFMA.F32 3)",
};

/**
 * Cortex-M7: ARM publishes no cycle table (ARM DDI 0489 TRM §1.2: 6-stage in-order superscalar, dual issue,
 * 64-bit load path, branch target address cache). The best public measurement is quinapalus.com, "Cortex-M7
 * instruction cycle counts, timings, and dual-issue combinations" (STM32H730 at 480 MHz, caches on, SysTick-timed
 * 4- vs 14-copy sequences); its tables could not be read from here, so the values below are not checked against
 * it. Assumed, as the usual measured behaviour: every class issues in 1 cycle, loads and MACs have a 2-cycle
 * result latency, a predicted loop branch costs 1 cycle, and a load/store pairs with an ALU/DSP/MAC/FP instruction.
 */
export const CORTEX_M7_TIMING: CoreTiming = {
  id: "cortex-m7",
  occupancy: { ...all(1), "fp-mac": 1 },
  latency: { ...all(1), load: 2, mac: 2, dsp: 1, "fp-mac": 3 },
  pipelinedLoads: false,
  branchTakenCycles: 1,
  branchNotTakenCycles: 1,
  hardwareLoops: false,
  dualIssue: [
    ["load", "dsp"], ["dsp", "load"], ["load", "mac"], ["mac", "load"], ["load", "alu"], ["alu", "load"],
    ["alu", "dsp"], ["dsp", "alu"], ["alu", "branch"], ["load", "fp-mac"], ["fp-mac", "load"], ["alu", "alu"],
  ],
  source: "ARM DDI 0489 Cortex-M7 TRM §1.2 (dual issue, in order); per-class cycles are stated assumptions (Arm publishes none; quinapalus.com cm7cycles is the public measurement, not checked here)",
};

/**
 * Cortex-M55: scalar side as Cortex-M4-class single issue; MVE instructions execute 4 beats at 2 beats per cycle
 * (dual-beat, 2 cycles per 128-bit instruction), and a vector load overlaps the vector MAC that follows it
 * (Arm, "Introduction to the Armv8.1-M architecture" white paper §4.2 beat-wise execution and overlap;
 * Cortex-M55 TRM ARM 101051 §2 "dual-beat MVE"). Arm's Cortex-M55 Software Optimization Guide publishes the
 * per-instruction latencies and issue rules, but it could not be retrieved here (searched): the scalar costs
 * (Cortex-M4's) and the 2-cycle loop branch stay assumptions until checked against it.
 */
export const CORTEX_M55_TIMING: CoreTiming = {
  id: "cortex-m55",
  occupancy: { ...all(1), load: 1, mac: 1, vec: 2, "vec-load": 2, "fp-mac": 1 },
  latency: { ...all(1), load: 2, "fp-mac": 2 },
  pipelinedLoads: false,
  branchTakenCycles: 2, // low-overhead-loop LE: assumed 2 when the loop cache misses on the first pass (stated assumption)
  branchNotTakenCycles: 1,
  hardwareLoops: false,
  dualIssue: [["vec-load", "vec"], ["vec", "vec-load"]],
  source: "Armv8.1-M white paper §4.2 (beats, overlap); Cortex-M55 TRM (ARM 101051) dual-beat MVE; scalar costs as Cortex-M4 (assumption: the M55 Software Optimization Guide was not retrievable here)",
};

/** CV32E40P / RI5CY (CV32E40P User Manual, Pipeline Details: cycle counts per instruction type and hazards). */
export const CV32E40P_TIMING: CoreTiming = {
  id: "cv32e40p",
  occupancy: { ...all(1) },
  // Load-use: 1-cycle penalty when the next instruction uses a load result; FPU with FPU_*_LAT = 1: the same.
  latency: { ...all(1), load: 2, fp: 2, "fp-mac": 2 },
  pipelinedLoads: false,
  branchTakenCycles: 3,
  branchNotTakenCycles: 1,
  hardwareLoops: true,
  dualIssue: [],
  source: "CV32E40P User Manual (OpenHW) 'Pipeline Details': integer/mul/load/store 1 cycle, load-use +1, branch taken 3, not taken 1, HW loops zero overhead, FPU_ADDMUL_LAT=1 hazard +1",
};

/** Timing state carried from one issued instruction to the next. */
export interface TimingState {
  /** Cycle at which the issue stage is free again. */
  free: number;
  /** Per register: first cycle at which a reader may issue. */
  readonly ready: Float64Array;
  /** Whether the last issued instruction was a load (Cortex-M4 pipelined loads). */
  lastWasLoad: boolean;
  /** The last issued instruction, its issue cycle, and whether the pair slot of that cycle is still open. */
  last: Instr | undefined;
  lastIssue: number;
  pairOpen: boolean;
}

export function newTimingState(registers = 40): TimingState {
  return { free: 0, ready: new Float64Array(registers), lastWasLoad: false, last: undefined, lastIssue: -1, pairOpen: false };
}

/**
 * Issue one instruction: the cycle it issues at (≥ `earliest`), advancing the state. `taken` says whether a
 * branch was taken. Pure in (state, instr): the ISS calls it for timing and the closed form calls it on loop bodies.
 */
export function issue(t: CoreTiming, s: TimingState, i: Instr, earliest: number, taken = false): number {
  const srcs = sourcesOf(i);
  let ready = 0;
  for (const r of srcs) if (s.ready[r]! > ready) ready = s.ready[r]!;
  // Dual issue: pair with the previous instruction in its cycle when the pair is allowed and independent.
  if (s.pairOpen && s.last && ready <= s.lastIssue && s.lastIssue >= earliest && t.dualIssue.some(([a, b]) => a === s.last!.cls && b === i.cls)) {
    const dst = destsOf(s.last);
    if (!srcs.some((r) => dst.includes(r))) {
      const at = s.lastIssue;
      finish(t, s, i, at, taken, true);
      return at;
    }
  }
  const at = Math.max(earliest, s.free, ready);
  finish(t, s, i, at, taken, false);
  return at;
}

function finish(t: CoreTiming, s: TimingState, i: Instr, at: number, taken: boolean, paired: boolean): void {
  let occ = t.occupancy[i.cls];
  if (i.kind === "bnez") occ = taken ? t.branchTakenCycles : t.branchNotTakenCycles;
  if (t.pipelinedLoads && i.cls === "load" && s.lastWasLoad && !paired) occ = 1;
  const end = at + occ;
  s.free = paired ? Math.max(s.free, end) : end;
  for (const r of destsOf(i)) s.ready[r] = at + Math.max(occ, t.latency[i.cls]);
  // Post-incremented bases come from the address adder: ready for the next instruction.
  if ((i.kind === "load" || i.kind === "store") && i.postInc !== 0) s.ready[i.base] = Math.max(s.ready[i.base]!, at + 1);
  s.lastWasLoad = i.cls === "load";
  s.pairOpen = !paired && t.dualIssue.length > 0;
  s.last = i;
  s.lastIssue = at;
}
