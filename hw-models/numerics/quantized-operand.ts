import type { ScalarFormat } from "../../sim/numerics/formats/format.js";
import { decode } from "../../sim/numerics/codec.js";
import { toFloat64 } from "../../sim/numerics/float64.js";
import { float64Decoder } from "../../sim/numerics/fast/decode-float64.js";
import type { QuantScheme } from "../../workloads/quant/scheme.js";
import { quantize } from "../../workloads/quant/quantize.js";
import type { Result } from "../../workloads/result.js";
import type { OperandFormat } from "../precision.js";

/**
 * A GEMM operand as the datapath sees it: element values (block scales folded in, exact in float64) that the
 * multipliers consume, and the per-tensor / per-channel scale that the output stage applies afterwards.
 */
export interface QuantizedOperand {
  /** Row-major [rows × cols] element values, block scales folded in. */
  readonly values: Float64Array;
  /** Row-major element codes (what the operand registers hold; for toggle counting). */
  readonly codes: Uint32Array;
  /** Scale applied after accumulation: one value, or one per output channel (rows of A, columns of B). */
  readonly postScale: Float64Array;
  readonly perChannel: boolean;
  readonly element: ScalarFormat;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Quantize one operand. Scalar ≤ 8-bit formats and integers: symmetric absmax scaling, per tensor for
 * activations (`reductionAxis` = 1) and per output channel for weights; wider floats (fp16, bf16, fp32) are a
 * plain cast. Block formats scale their own blocks along the reduction axis.
 */
export function quantizeOperand(
  data: Float64Array,
  rows: number,
  cols: number,
  fmt: OperandFormat,
  reductionAxis: 0 | 1,
  perChannel: boolean,
  /** The absmax of the whole tensor when `data` holds only some of its rows or columns (per-tensor scaling). */
  tensorAbsmax?: number,
): Result<QuantizedOperand> {
  let scheme: QuantScheme;
  if (fmt.kind === "block") {
    scheme = { kind: "block", formatId: fmt.format.id, axis: reductionAxis };
  } else {
    const f = fmt.format;
    const cast = f.kind === "float" && f.bits > 8;
    const channelAxis = reductionAxis === 0 ? 1 : 0;
    scheme = {
      kind: "scaled",
      formatId: f.id,
      granularity: perChannel && !cast ? { kind: "per-channel", axis: channelAxis } : { kind: "per-tensor" },
      symmetric: true,
      calibration: { kind: "absmax" },
      scaleMode: cast ? "unit" : "fit",
    };
  }
  const given = tensorAbsmax !== undefined && scheme.kind === "scaled" && scheme.granularity.kind === "per-tensor";
  const ranges = given ? { lo: new Float64Array([-tensorAbsmax]), hi: new Float64Array([tensorAbsmax]) } : undefined;
  const q = quantize({ shape: [rows, cols], data }, scheme, { ranges });
  if (!q.ok) return q;
  const qt = q.value;
  const f = qt.format;
  const fast = float64Decoder(f);
  const values = new Float64Array(data.length);
  const codes = new Uint32Array(data.length);
  const block = fmt.kind === "block";
  for (let i = 0; i < values.length; i++) {
    codes[i] = Number(qt.codes[i]!);
    const v = fast ? fast(codes[i]!) : toFloat64(decode(f, qt.codes[i]!));
    values[i] = block ? v * qt.scales[qt.groupOf[i]!]! : v;
  }
  const channelScaled = !block && qt.scales.length > 1;
  return {
    ok: true,
    value: {
      values,
      codes,
      postScale: block ? new Float64Array([1]) : Float64Array.from(qt.scales),
      perChannel: channelScaled,
      element: f,
      rows,
      cols,
    },
  };
}

