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
 * Cortex-M7: Arm publishes no cycle table (ARM DDI 0489 TRM §1.2: 6-stage in-order superscalar, dual issue, 64-bit
 * load path, branch target address cache). The numbers below come from the best public measurement read here:
 * jnk0le, github.com/jnk0le/random, "pipeline cycle test" README, section "cortex m7" (STM32H743 rev Y, DWT.CYCCNT
 * around unrolled loops of the instruction pairs under test), checked against the two other public sources:
 * quinapalus.com "Cortex-M7 instruction cycle counts, timings, and dual-issue combinations" (STM32H730 at 480 MHz,
 * caches on, SysTick-timed 4- vs 14-copy sequences; only its method section was readable here) and LLVM's
 * ARMScheduleM7.td. What the README states and this model uses:
 * - every class issues in 1 cycle; multiplies and MACs have one extra cycle of result latency (mul, mac: 2) but a
 *   MAC chain on its accumulator runs every cycle (SMLAD is `dsp` here and only ever feeds the next accumulator: 1);
 * - a word load feeds the late ALU the next cycle, but neither a multiply/MAC nor an operand read in the early ALU
 *   (SXTB16's extracted operand) may take it from the previous cycle: load latency 2 for every consumer in the kernels;
 * - bitfield/DSP ops (SXTB16, UXTB, ...) dual-issue only from the older slot and never with each other, so a DSP op
 *   pairs after nothing; MACs do not pair with each other or with stores; a load pairs with an ALU op or a MAC
 *   (separate load, ALU and MAC pipes at issue width 2 in LLVM's model; the README finds no restriction there);
 * - two single-precision FP arithmetic ops never pair, and VFMA/VMLA never pair with VLDR/VSTR/VMOV;
 *   VFMA/VMLA pipeline every cycle when 3 independent accumulations interleave (as-accumulate latency 3; as a
 *   VMUL operand 5/6, not used here); VMOV into an S register has 3 cycles of result latency, as LLVM gives VCVT;
 * - a predicted taken branch costs nothing extra (it can even pair with the target); mispredicts (8, 6 with early
 *   flags) are not modelled, the loop branch being predicted.
 * Left out: two loads to different DTCM/cache banks (even/odd words) can pair, which depends on addresses this model
 * does not track, and SMLAD may issue from the younger slot (it shares `dsp` with SXTB16, which may not).
 */
export const CORTEX_M7_TIMING: CoreTiming = {
  id: "cortex-m7",
  occupancy: { ...all(1) },
  latency: { ...all(1), load: 2, mul: 2, mac: 2, dsp: 1, fp: 3, "fp-mac": 3 },
  pipelinedLoads: false,
  branchTakenCycles: 1,
  branchNotTakenCycles: 1,
  hardwareLoops: false,
  dualIssue: [
    ["dsp", "load"], ["dsp", "alu"], ["load", "mac"], ["mac", "load"], ["load", "alu"], ["alu", "load"], ["alu", "branch"], ["alu", "alu"],
  ],
  source: "jnk0le/random 'pipeline cycle test' README §cortex m7 (STM32H743, DWT cycle counts: MUL/MAC +1 result latency, accumulator chain every cycle, LDR→MAC/early-ALU 2, DSP ops older slot only, VFMA not with VLDR, FP MAC accumulate latency 3, VMOV→S 3) with quinapalus.com cm7cycles (STM32H730, method) and LLVM ARMScheduleM7.td (VCVT 3); ARM DDI 0489 TRM §1.2 (dual issue, in order)",
};

/**
 * Cortex-M55: Arm's Software Optimization Guide could not be retrieved here (searched), so the model follows the
 * two public scheduling models written by Arm engineers: LLVM's ARMScheduleM55.td ("a lot like the M4/M33 in
 * terms of scheduling": ALU 1, scalar LDR and VLDR.16/.32 2, MUL/MLA 2, scalar VFMA 2, VCVT/VMOV to S 2; each MVE
 * instruction takes 2 beats on its pipe and overlaps the next one on another pipe; MVE VLDR 1 and VFMA/VMLADAV 2
 * from operand read; MispredictPenalty 3) and SLOTHY's slothy/targets/arm_v81m/cortex_m55r1.py (© Arm 2022,
 * "approximate, not official": vldr/vfma/vmla inverse throughput 2, vfma/vmla latency 2, single issue). Both agree
 * with the Armv8.1-M white paper §4.2 (beat-wise execution, overlap) and Cortex-M55 TRM ARM 101051 §2 (dual-beat
 * MVE): 4 beats at 2 per cycle = 2 cycles per 128-bit instruction, a vector load overlapping the MAC after it.
 * Where they differ (SLOTHY gives scalar LDR latency 1) LLVM's 2 is kept. SMLAD (`dsp`) stays at 1 as on the
 * Cortex-M4 (LLVM gives 2 without accumulator forwarding; no source read here settles it). The loop branch is
 * assumed to cost 2 (LLVM's mispredict penalty of 3 is the only public number; the low-overhead-loop LE the
 * compiler would use instead is not modelled).
 */
export const CORTEX_M55_TIMING: CoreTiming = {
  id: "cortex-m55",
  occupancy: { ...all(1), load: 1, mac: 1, vec: 2, "vec-load": 2, "fp-mac": 1 },
  latency: { ...all(1), load: 2, mul: 2, mac: 2, fp: 2, "fp-mac": 2 },
  pipelinedLoads: false,
  branchTakenCycles: 2, // assumption (see above): loop branch taken, no LE loop cache
  branchNotTakenCycles: 1,
  hardwareLoops: false,
  dualIssue: [["vec-load", "vec"], ["vec", "vec-load"]],
  source: "LLVM ARMScheduleM55.td (Arm-written: scalar like Cortex-M4/M33, LDR/VLDR 2, MUL/MLA 2, VFMA 2, VCVT/VMOV 2; MVE 2 beats per instruction, overlap across pipes) and SLOTHY cortex_m55r1.py (© Arm 2022, approximate: VLDR/VFMA/VMLA 2 cycles each, VFMA latency 2); Armv8.1-M white paper §4.2; Cortex-M55 TRM ARM 101051 dual-beat MVE; loop branch 2 is an assumption (M55 Software Optimization Guide not retrievable here)",
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
