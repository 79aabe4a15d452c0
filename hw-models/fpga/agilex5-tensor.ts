/**
 * The Agilex 5 AI tensor block in tensor fixed-point mode as an engine module, bit-exact per Intel 813968
 * ("Variable Precision DSP Blocks User Guide: Agilex 5 FPGAs and SoCs"):
 * - §2.3 Tensor Mode: two columns, each a DOT engine of ten 8-bit data inputs (data_in_1..10, shared by both
 *   columns) times ten preloaded 8-bit weights, feeding its own ALU;
 * - §3.3 / §3.3.1 ping-pong weight buffers: two sets per column, load_buf_sel picks the set used for computing
 *   (0: the set loaded by load_bb_one, 1: the set loaded by load_bb_two; the guide's data-feed example computes
 *   with set one while load_buf_sel = 0 and switches to 1 for the second set);
 * - §3.3.1 data input feed preloading: while load_bb_one (or load_bb_two) is high, each cycle's data_in word is
 *   written into that set, column 2 first, then column 1 — two cycles per set, computing is not allowed meanwhile;
 * - §3.3.4 Table 25: the DOT product is a signed 20-bit value of 10 signed 8×8 products; the CPA adds it to
 *   cascade_data_in_col_{1,2} (zero_en = 0, acc_en = 0), to the column's own previous result (acc_en = 1), or to
 *   nothing (zero_en = 1); its 32-bit result is both fxp32_col_{1,2} and cascade_data_out_col_{1,2}.
 * Overflow: the guide gives only the 32-bit output width and no saturation control for this mode, so the CPA is
 * modelled as a 32-bit two's-complement adder that wraps (|DOT| ≤ 10·2^14 < 2^19, so the 20-bit DOT never does).
 * Pipeline depth: §2.3.1 lists an input register bank (data_in and the dynamic controls) and §2.3 has pipeline and
 * output register sections, but the guide gives no cycle count. The accumulator feedback ("the previous cycle's
 * accumulation value") makes the output register mandatory; the input and DOT pipeline registers are options here
 * (INPUT_REG, PIPE_REG), and hwsim's default is the documented minimum: output register only, one cycle per block.
 * Side input feed preloading (§3.3.2: 12 cycles per set via side_in_1/2, computing continues on the other set) is
 * kept as a cycle count for the throughput model (its per-cycle byte order is given only in a figure), not a port.
 */
import { defineModule } from "../../sim/engine/module.js";
import type { Input, Reg, Signal } from "../../sim/engine/signal.js";
import { elaborate } from "../../sim/engine/elaborate.js";
import type { IntAccumulatorSpec } from "../../sim/numerics/ops/accumulator.js";
import { wrapSigned } from "./dsp48e2.js";

const UG = "Intel 813968 Agilex 5 Variable Precision DSP Blocks User Guide";
/** Products per DOT engine (813968 §2.3: ten 8-bit data inputs × ten preloaded 8-bit weights). */
export const TENSOR_DOT_LENGTH = 10;
/** DOT engines (columns) per block (813968 §2.3). */
export const TENSOR_COLUMNS = 2;
/** INT8 MACs per tensor block per cycle. */
export const TENSOR_MACS_PER_BLOCK = TENSOR_DOT_LENGTH * TENSOR_COLUMNS;
/** Cycles to preload one weight set (both columns) by data input feed; computing stops meanwhile (813968 §3.3.1). */
export const TENSOR_DATA_FEED_SET_CYCLES = 2;
/** Cycles to preload one weight set by side input feed, while the other set keeps computing (813968 §3.3.2). */
export const TENSOR_SIDE_FEED_SET_CYCLES = 12;
export const TENSOR_SOURCE = `${UG}: §2.3 (2 columns × DOT-10 of int8), §3.3.4 Table 25 (20-bit DOT + 32-bit CPA: cascade, accumulate or zero), §3.3.1/§3.3.2 (ping-pong preload: 2 cycles per set by data feed, 12 by side feed)`;

/** The CPA's 32-bit register as a dot() accumulator: wraps (no saturation control in tensor fixed-point mode). */
export const TENSOR_ACCUMULATOR: IntAccumulatorSpec = { kind: "int", id: "int32-wrap", widthBits: 32, signed: true, overflow: "wrap" };

export interface TensorAttributes {
  /** Input register bank on data_in and the dynamic controls (813968 §2.3.1). */
  readonly INPUT_REG: 0 | 1;
  /** Pipeline register between the DOT engines and the CPA (the guide names the section, not its depth). */
  readonly PIPE_REG: 0 | 1;
}

/** The documented minimum: only the CPA's output register (one cycle from data_in to fxp32). */
export const TENSOR_FXP_MIN: TensorAttributes = { INPUT_REG: 0, PIPE_REG: 0 };
/** With the input register bank, as in 813968 Figure 53 (data-feed loads land one cycle after they are driven). */
export const TENSOR_FXP_INREG: TensorAttributes = { INPUT_REG: 1, PIPE_REG: 0 };

/** One DOT engine: Σ data_i·w_i over ten signed 8-bit pairs, a signed 20-bit value. */
export function tensorDot10(data: readonly number[], weights: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < TENSOR_DOT_LENGTH; i++) s += wrapSigned(data[i] ?? 0, 8) * wrapSigned(weights[i] ?? 0, 8);
  // |s| ≤ 10·2^14 = 163840 < 2^19: the 20-bit DOT result never wraps; the wrap documents the field width.
  return wrapSigned(s, 20);
}

/** Table 25's CPA for one column: zero_en → DOT; acc_en → DOT + own previous; else DOT + cascade_in; 32-bit wrap. */
export function tensorCpa(dotv: number, ctl: { zeroEn: boolean; accEn: boolean }, prev: number, cascadeIn: number): number {
  const addend = ctl.zeroEn ? 0 : ctl.accEn ? prev : cascadeIn;
  return wrapSigned(wrapSigned(addend, 32) + dotv, 32);
}

export interface TensorBlockPorts {
  readonly dataIn: Input<number>[];
  readonly loadBufSel: Input<boolean>;
  readonly loadBbOne: Input<boolean>;
  readonly loadBbTwo: Input<boolean>;
  readonly accEn: Input<boolean>;
  readonly zeroEn: Input<boolean>;
  readonly cascadeIn: [Input<number>, Input<number>];
  /** fxp32_col_{1,2}, which are also cascade_data_out_col_{1,2}. */
  readonly fxp32: [Signal<number>, Signal<number>];
  /** Weight buffers [set][column][i], for inspection in tests. */
  readonly buffers: Reg<number>[][][];
}

/** One tensor block in tensor fixed-point mode. Counts `dsp-mac` (20 per cycle) and `weight-load` (8-bit buffer writes). */
export const agilex5TensorBlock = defineModule("agilex5_tensor", (m, attrs: TensorAttributes): TensorBlockPorts => {
  const dataIn = Array.from({ length: TENSOR_DOT_LENGTH }, (_, i) => m.input(`data_in_${i + 1}`, { widthBits: 8 }));
  const loadBufSel = m.input("load_buf_sel", { type: "bool" });
  const loadBbOne = m.input("load_bb_one", { type: "bool" });
  const loadBbTwo = m.input("load_bb_two", { type: "bool" });
  const accEn = m.input("acc_en", { type: "bool" });
  const zeroEn = m.input("zero_en", { type: "bool" });
  const cascadeIn: [Input<number>, Input<number>] = [m.input("cascade_data_in_col_1", { widthBits: 32 }), m.input("cascade_data_in_col_2", { widthBits: 32 })];
  // Input register bank (§2.3.1): data and every dynamic control go through it together.
  const inData = attrs.INPUT_REG ? dataIn.map((_, i) => m.reg(`data_in_${i + 1}_r`, { widthBits: 8 })) : null;
  const inCtl = attrs.INPUT_REG
    ? { sel: m.reg("load_buf_sel_r", { type: "bool" }), one: m.reg("load_bb_one_r", { type: "bool" }), two: m.reg("load_bb_two_r", { type: "bool" }), acc: m.reg("acc_en_r", { type: "bool" }), zero: m.reg("zero_en_r", { type: "bool" }) }
    : null;
  const buffers = [0, 1].map((set) => [0, 1].map((col) => Array.from({ length: TENSOR_DOT_LENGTH }, (_, i) => m.reg(`b${i + 1}c${col + 1}_set${set + 1}`, { widthBits: 8 }))));
  // Data-feed load order (§3.3.1: column 2 in the first load cycle, column 1 in the second).
  const loadPhase = m.reg("load_phase", { type: "bool" });
  // DOT → CPA pipeline register, with the CPA's controls delayed to stay aligned with their DOT result.
  const pipe = attrs.PIPE_REG
    ? { dot: [m.reg("dot_col_1", { widthBits: 20 }), m.reg("dot_col_2", { widthBits: 20 })], acc: m.reg("acc_en_p", { type: "bool" }), zero: m.reg("zero_en_p", { type: "bool" }) }
    : null;
  const fxp32: [Reg<number>, Reg<number>] = [m.reg("fxp32_col_1", { widthBits: 32 }), m.reg("fxp32_col_2", { widthBits: 32 })];
  const macs = m.action("dsp-mac");
  const loads = m.action("weight-load");
  const data = new Array<number>(TENSOR_DOT_LENGTH).fill(0);
  const w = new Array<number>(TENSOR_DOT_LENGTH).fill(0);
  m.step((s) => {
    for (let i = 0; i < TENSOR_DOT_LENGTH; i++) data[i] = inData ? s.get(inData[i]!) : s.get(dataIn[i]!);
    const sel = inCtl ? s.get(inCtl.sel) : s.get(loadBufSel);
    const one = inCtl ? s.get(inCtl.one) : s.get(loadBbOne);
    const two = inCtl ? s.get(inCtl.two) : s.get(loadBbTwo);
    const acc = inCtl ? s.get(inCtl.acc) : s.get(accEn);
    const zero = inCtl ? s.get(inCtl.zero) : s.get(zeroEn);
    // DOT engines on the set load_buf_sel picks.
    const dots = [0, 0];
    for (let col = 0; col < 2; col++) {
      const buf = buffers[sel ? 1 : 0]![col]!;
      for (let i = 0; i < TENSOR_DOT_LENGTH; i++) w[i] = s.get(buf[i]!);
      dots[col] = tensorDot10(data, w);
    }
    // CPA (Table 25), fed directly or through the pipeline register.
    const ctl = pipe ? { zeroEn: s.get(pipe.zero), accEn: s.get(pipe.acc) } : { zeroEn: zero, accEn: acc };
    for (let col = 0; col < 2; col++) {
      const d = pipe ? s.get(pipe.dot[col]!) : dots[col]!;
      s.next(fxp32[col]!, tensorCpa(d, ctl, s.get(fxp32[col]!), s.get(cascadeIn[col]!)));
    }
    if (pipe) {
      for (let col = 0; col < 2; col++) s.next(pipe.dot[col]!, dots[col]!);
      s.next(pipe.acc, acc);
      s.next(pipe.zero, zero);
    }
    // Data-feed preload: the word on data_in goes into the selected set, column 2 then column 1.
    if (one && two) throw new RangeError("tensor block: load_bb_one and load_bb_two both high (the guide loads one set at a time)");
    if (one || two) {
      const phase = s.get(loadPhase);
      const target = buffers[one ? 0 : 1]![phase ? 0 : 1]!;
      for (let i = 0; i < TENSOR_DOT_LENGTH; i++) s.next(target[i]!, wrapSigned(data[i]!, 8));
      s.next(loadPhase, !phase);
      s.count(loads, TENSOR_DOT_LENGTH);
    } else s.next(loadPhase, false);
    if (inData && inCtl) {
      for (let i = 0; i < TENSOR_DOT_LENGTH; i++) s.next(inData[i]!, wrapSigned(s.get(dataIn[i]!), 8));
      s.next(inCtl.sel, s.get(loadBufSel));
      s.next(inCtl.one, s.get(loadBbOne));
      s.next(inCtl.two, s.get(loadBbTwo));
      s.next(inCtl.acc, s.get(accEn));
      s.next(inCtl.zero, s.get(zeroEn));
    }
    s.count(macs, TENSOR_MACS_PER_BLOCK);
  });
  return { dataIn, loadBufSel, loadBbOne, loadBbTwo, accEn, zeroEn, cascadeIn, fxp32, buffers };
});

/** Cycles from data_in at one block to its fxp32: INPUT_REG + PIPE_REG + the output register. */
export function tensorBlockLatencyCycles(attrs: TensorAttributes): number {
  return attrs.INPUT_REG + attrs.PIPE_REG + 1;
}

/** Cycles from block 0's data to the chain's result at block N − 1 (block i's data is skewed by i cycles). */
export function tensorChainLatencyCycles(attrs: TensorAttributes, blocks: number): number {
  return tensorBlockLatencyCycles(attrs) + (blocks - 1);
}

export interface TensorChainPorts {
  readonly dataIn: Input<number>[][];
  readonly loadBufSel: Input<boolean>;
  readonly loadBbOne: Input<boolean>;
  readonly loadBbTwo: Input<boolean>;
  /** Block 0's cascade_data_in_col_{1,2} (the previous block's cascade_data_out; 0 at the head of a column). */
  readonly cascadeIn: [Input<number>, Input<number>];
  readonly fxp32: [Signal<number>, Signal<number>];
  readonly blocks: TensorBlockPorts[];
}

/**
 * A cascade of `length` tensor blocks: block i adds its DOTs to block i − 1's cascade_data_out (zero_en = acc_en
 * = 0), so column c of the last block is cascadeIn_c + Σ_i DOT_{i,c}. Load and buffer-select controls are shared.
 */
export const agilex5TensorChain = defineModule("agilex5_tensor_chain", (m, p: { length: number; attrs: TensorAttributes }): TensorChainPorts => {
  const loadBufSel = m.input("load_buf_sel", { type: "bool" });
  const loadBbOne = m.input("load_bb_one", { type: "bool" });
  const loadBbTwo = m.input("load_bb_two", { type: "bool" });
  const cascadeIn: [Input<number>, Input<number>] = [m.input("cascade_in_col_1", { widthBits: 32 }), m.input("cascade_in_col_2", { widthBits: 32 })];
  const off = m.constant("ctl_off", { type: "bool" }, false);
  const dataIn: Input<number>[][] = [];
  const blocks: TensorBlockPorts[] = [];
  for (let b = 0; b < p.length; b++) {
    const ins = Array.from({ length: TENSOR_DOT_LENGTH }, (_, i) => m.input(`data_in_${b}_${i + 1}`, { widthBits: 8 }));
    const t = m.instance(`tensor_${b}`, agilex5TensorBlock, p.attrs);
    ins.forEach((x, i) => m.connect(t.dataIn[i]!, x));
    m.connect(t.loadBufSel, loadBufSel);
    m.connect(t.loadBbOne, loadBbOne);
    m.connect(t.loadBbTwo, loadBbTwo);
    m.connect(t.accEn, off);
    m.connect(t.zeroEn, off);
    const prev = blocks[b - 1];
    for (let col = 0; col < 2; col++) m.connect(t.cascadeIn[col]!, prev ? prev.fxp32[col]! : cascadeIn[col]!);
    dataIn.push(ins);
    blocks.push(t);
  }
  const last = blocks[p.length - 1]!;
  return { dataIn, loadBufSel, loadBbOne, loadBbTwo, cascadeIn, fxp32: last.fxp32, blocks };
});

/** Weights of one block: [column 1, column 2], ten int8 each. */
export type TensorWeights = readonly [readonly number[], readonly number[]];

/**
 * Run a chain in the clocked engine: preload set one of every block by data input feed (column 2's word, then
 * column 1's, with load_bb_one high), let the loads settle, then present block i's data at compute cycle i.
 * Returns the last block's columns, the compute latency and the preload cycles spent.
 */
export function runTensorChain(attrs: TensorAttributes, weights: readonly TensorWeights[], data: readonly (readonly number[])[], cascadeIn: readonly [number, number] = [0, 0]): { cols: [number, number]; cycles: number; preloadCycles: number; actions: Record<string, number> } {
  const n = weights.length;
  if (data.length !== n) throw new RangeError(`tensor chain: ${n} weight sets but ${data.length} data vectors`);
  const sim = elaborate(agilex5TensorChain, { length: n, attrs });
  const t = sim.top;
  const drive = (word: (b: number) => readonly number[] | null) => {
    for (let b = 0; b < n; b++) {
      const w = word(b);
      for (let i = 0; i < TENSOR_DOT_LENGTH; i++) sim.poke(t.dataIn[b]![i]!, w ? w[i] ?? 0 : 0);
    }
  };
  sim.poke(t.cascadeIn[0], wrapSigned(cascadeIn[0], 32));
  sim.poke(t.cascadeIn[1], wrapSigned(cascadeIn[1], 32));
  sim.poke(t.loadBufSel, false);
  sim.poke(t.loadBbTwo, false);
  // Data input feed (§3.3.1): two load cycles, then INPUT_REG cycles until the registered loads are written.
  for (const col of [1, 0]) {
    sim.poke(t.loadBbOne, true);
    drive((b) => weights[b]![col]!);
    sim.step();
  }
  sim.poke(t.loadBbOne, false);
  drive(() => null);
  for (let i = 0; i < attrs.INPUT_REG; i++) sim.step();
  const preloadCycles = TENSOR_DATA_FEED_SET_CYCLES + attrs.INPUT_REG;
  const lat = tensorChainLatencyCycles(attrs, n);
  for (let c = 0; c < lat; c++) {
    drive((b) => (b === c ? data[b]! : null));
    sim.step();
  }
  return { cols: [sim.peek(t.fxp32[0]), sim.peek(t.fxp32[1])], cycles: lat, preloadCycles, actions: sim.actionTotals() };
}

/** The chain's fast path (what hw-models/fpga/model.ts plans with): per column wrap32(cascadeIn + Σ_blocks DOT), at tensorChainLatencyCycles. */
export function tensorChainFast(attrs: TensorAttributes, weights: readonly TensorWeights[], data: readonly (readonly number[])[], cascadeIn: readonly [number, number] = [0, 0]): { cols: [number, number]; cycles: number } {
  const cols: [number, number] = [wrapSigned(cascadeIn[0], 32), wrapSigned(cascadeIn[1], 32)];
  for (let b = 0; b < weights.length; b++) {
    for (let col = 0; col < 2; col++) cols[col] = tensorCpa(tensorDot10(data[b]!, weights[b]![col]!), { zeroEn: false, accEn: false }, 0, cols[col]!);
  }
  return { cols, cycles: tensorChainLatencyCycles(attrs, weights.length) };
}

/** One block with acc_en (Table 25, row acc_en = 1): each cycle adds its DOTs to its own previous result. */
export function tensorAccumulateFast(weights: TensorWeights, data: readonly (readonly number[])[], start: readonly [number, number] = [0, 0]): [number, number] {
  const acc: [number, number] = [wrapSigned(start[0], 32), wrapSigned(start[1], 32)];
  for (const d of data) for (let col = 0; col < 2; col++) acc[col] = tensorCpa(tensorDot10(d, weights[col]!), { zeroEn: false, accEn: true }, acc[col]!, 0);
  return acc;
}

/** Tensor blocks for a PE × SIMD MVU: columns carry output channels (2 per block), the chain carries K (10 per block). */
export function tensorBlocksFor(pe: number, simd: number): number {
  return Math.ceil(pe / TENSOR_COLUMNS) * Math.ceil(simd / TENSOR_DOT_LENGTH);
}

/**
 * Compute cycles of one weight-stationary layer pass: `folds` weight sets per block, each used for `rows` input
 * rows. The first set is preloaded by data feed (2 cycles, computing stopped); each later set is side-fed during
 * the previous set's rows (12 cycles) and the block waits only for what the rows do not cover, or switches to the
 * 2-cycle data feed when that is shorter (813968 §3.3.1, §3.3.2).
 */
export function tensorFoldCycles(rows: number, folds: number): { cycles: number; stallCycles: number } {
  const reload = Math.min(TENSOR_DATA_FEED_SET_CYCLES, Math.max(0, TENSOR_SIDE_FEED_SET_CYCLES - rows));
  const stallCycles = TENSOR_DATA_FEED_SET_CYCLES + (folds - 1) * reload;
  return { cycles: rows * folds + stallCycles, stallCycles };
}
