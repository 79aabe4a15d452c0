import type { GemmShape } from "../../workloads/layer.js";
import type { Dataflow } from "./params.js";

/**
 * How a GEMM C[m×n] = A[m×k]·B[k×n] maps onto the array (SCALE-Sim v2 operand dims sr = m, sc = n, t = k):
 * - os: rows ← m, cols ← n, streamed over k; C stays in the PEs;
 * - ws: rows ← k, cols ← n, streamed over m; B (weights) stays;
 * - is: rows ← k, cols ← m, streamed over n; A (inputs) stays.
 */
export interface ArrayMapping {
  /** Spatial dim on the rows (X), on the columns (Y), and the streamed dim (T). */
  readonly x: number;
  readonly y: number;
  readonly t: number;
}

export function mapGemm(df: Dataflow, g: GemmShape): ArrayMapping {
  switch (df) {
    case "os":
      return { x: g.m, y: g.n, t: g.k };
    case "ws":
      return { x: g.k, y: g.n, t: g.m };
    case "is":
      return { x: g.k, y: g.m, t: g.n };
  }
}

/** Sizes of the folds along a spatial dim of length `len` on `size` PEs: full folds, then the remainder. */
export function foldSizes(len: number, size: number): number[] {
  const full = Math.floor(len / size);
  const rest = len - full * size;
  return [...new Array<number>(full).fill(size), ...(rest ? [rest] : [])];
}

/**
 * Cycles of one fold that uses r rows and c columns of the array, in the `pipelined` timing mode.
 * OS: A enters row i at cycle i+τ, B enters column j at cycle j+τ, so PE(i,j) multiplies term τ in cycle
 * i+j+τ; the last product (r−1, c−1, T−1) is in cycle r+c+T−3 and reaches the accumulator after the
 * MAC's d−1 extra stages: r + c + T − 2 + (d − 1) cycles.
 * WS/IS: r cycles shift the stationary tile in from the top; the streamed element (τ, row i) enters at
 * cycle r+τ+i and moves one column per cycle, partial sums move one row per cycle, so the bottom of
 * column c−1 holds the last sum at cycle 2r+c+T−3, plus the d−1 product stages: 2r + c + T − 2 + (d − 1).
 * With d = 1 and full folds this is SCALE-Sim's per-fold count (T+R+C−2 for OS, 2R+C+T−2 for WS/IS).
 */
export function foldCycles(df: Dataflow, r: number, c: number, t: number, depth: number): number {
  return (df === "os" ? r + c + t - 2 : 2 * r + c + t - 2) + (depth - 1);
}

/**
 * Named actions of one GEMM (one repeat), counted per fold and summed. Every count is what the RTL engine's
 * PEs and edge buffers do cycle by cycle (hw-models/mac-array/rtl), so the two engines must agree exactly:
 * - `mac`: valid multiply-accumulates (r·c·T per fold);
 * - `operand-register-write`: valid operand latches (OS: a and b in every PE; WS/IS: the streamed operand);
 * - `accumulator-register-write`: accumulator (OS) or partial-sum (WS/IS) register updates, one per MAC;
 * - `pipeline-register-write`: product registers between multiplier and adder, (d−1) per MAC;
 * - `stationary-register-write`: WS/IS tile load, the element for row i shifts through i+1 registers;
 * - `sram-read-a`, `sram-read-b`: elements injected at the array edge (per fold that needs them);
 * - `sram-write-out`, `sram-read-out`: results and partial sums written to / read back from the output buffer.
 */
export type MacArrayAction =
  | "mac"
  | "operand-register-write"
  | "accumulator-register-write"
  | "pipeline-register-write"
  | "stationary-register-write"
  | "sram-read-a"
  | "sram-read-b"
  | "sram-write-out"
  | "sram-read-out";

export const MAC_ARRAY_ACTIONS: readonly MacArrayAction[] = [
  "mac",
  "operand-register-write",
  "accumulator-register-write",
  "pipeline-register-write",
  "stationary-register-write",
  "sram-read-a",
  "sram-read-b",
  "sram-write-out",
  "sram-read-out",
];

export interface GemmSchedule {
  readonly computeCycles: number;
  readonly folds: number;
  readonly rowFolds: number;
  readonly colFolds: number;
  readonly actions: Readonly<Record<MacArrayAction, number>>;
}

/** Closed-form schedule of one GEMM on an R×C array (the `fast` engine; pipelined timing). */
export function gemmSchedule(df: Dataflow, g: GemmShape, rows: number, cols: number, depth: number): GemmSchedule {
  const { x, y, t } = mapGemm(df, g);
  const rs = foldSizes(x, rows);
  const cs = foldSizes(y, cols);
  const rowFolds = rs.length;
  const colFolds = cs.length;
  // Σ over folds of (r + c) = colFolds·X + rowFolds·Y; OS uses r once, WS/IS twice (tile load + skew).
  const rWeight = df === "os" ? 1 : 2;
  const computeCycles = rWeight * colFolds * x + rowFolds * y + rowFolds * colFolds * (t - 2 + depth - 1);
  const macs = x * y * t;
  const { m, n, k } = g;
  const tileLoad = df === "os" ? 0 : rs.reduce((s, r) => s + (r * (r + 1)) / 2, 0) * y;
  const actions: Record<MacArrayAction, number> = {
    mac: macs,
    "operand-register-write": (df === "os" ? 2 : 1) * macs,
    "accumulator-register-write": macs,
    "pipeline-register-write": (depth - 1) * macs,
    "stationary-register-write": tileLoad,
    // OS: A (m×k) is streamed once per column fold, B once per row fold. WS: B is the tile (once), A streams
    // per column fold. IS: A is the tile, B streams per column fold.
    "sram-read-a": df === "is" ? m * k : m * k * colFolds,
    "sram-read-b": df === "os" ? k * n * rowFolds : df === "ws" ? k * n : k * n * colFolds,
    // OS drains each output once; WS/IS write a partial sum per row (k) fold and read back all but the first.
    "sram-write-out": df === "os" ? m * n : m * n * rowFolds,
    "sram-read-out": df === "os" ? 0 : m * n * (rowFolds - 1),
  };
  return { computeCycles, folds: rowFolds * colFolds, rowFolds, colFolds, actions };
}
