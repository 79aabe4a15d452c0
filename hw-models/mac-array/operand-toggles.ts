import type { QuantizedOperand } from "../numerics/quantized-operand.js";
import { popcount32 } from "../numerics/gemm-numerics.js";
import type { Dataflow } from "./params.js";

/** Bit flips seen by the streamed operand registers, and the register-bit updates they happened in. */
export interface OperandToggles {
  readonly toggles: number;
  readonly bits: number;
  readonly updates: number;
}

/**
 * Operand-register toggles of one GEMM: a register that streams a sequence of codes flips popcount(x ⊕ y)
 * bits between consecutive codes. OS: row i of A streams over k through every PE of row i (n of them), and
 * column j of B through m PEs. WS: column k of A streams over m through n PEs. IS: row k of B streams over n
 * through m PEs. The stationary tile does not toggle while streaming.
 */
export function operandToggles(df: Dataflow, a: QuantizedOperand, b: QuantizedOperand): OperandToggles {
  const m = a.rows;
  const k = a.cols;
  const n = b.cols;
  const seq = (codes: Uint32Array, start: number, stride: number, len: number) => {
    let t = 0;
    for (let s = 1; s < len; s++) t += popcount32(codes[start + s * stride]! ^ codes[start + (s - 1) * stride]!);
    return t;
  };
  let toggles = 0;
  let updates = 0;
  let bitsWeighted = 0;
  const add = (t: number, copies: number, len: number, bits: number) => {
    toggles += t * copies;
    updates += len * copies;
    bitsWeighted += len * copies * bits;
  };
  if (df === "os") {
    for (let i = 0; i < m; i++) add(seq(a.codes, i * k, 1, k), n, k, a.element.bits);
    for (let j = 0; j < n; j++) add(seq(b.codes, j, n, k), m, k, b.element.bits);
  } else if (df === "ws") {
    for (let t = 0; t < k; t++) add(seq(a.codes, t, k, m), n, m, a.element.bits);
  } else {
    for (let t = 0; t < k; t++) add(seq(b.codes, t * n, 1, n), m, n, b.element.bits);
  }
  return { toggles, bits: updates ? bitsWeighted / updates : 1, updates };
}

