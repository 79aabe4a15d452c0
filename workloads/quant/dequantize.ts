import { decode } from "../../sim/numerics/codec.js";
import { toFloat64 } from "../../sim/numerics/float64.js";
import type { ScalarFormat } from "../../sim/numerics/formats/format.js";
import type { Tensor } from "../tensors/tensor.js";
import type { QuantizedTensor } from "./quantize.js";

/** Exact value of a code as a float64 (every format of ≤ 53 significant bits decodes exactly). */
export function codeValue(f: ScalarFormat, code: bigint): number {
  return toFloat64(decode(f, code));
}

/** Dequantize: x̂ = (value(code) − zeroPoint) · scale per element, in float64. */
export function dequantize(q: QuantizedTensor): Tensor {
  const f = q.format;
  // Formats of ≤ 16 bits: memoize code values in a per-call table (decoding through bigints is the slow part).
  const table = f.bits <= 16 ? new Float64Array(1 << f.bits).fill(NaN) : null;
  const known = f.bits <= 16 ? new Uint8Array(1 << f.bits) : null;
  const out = new Float64Array(q.codes.length);
  for (let i = 0; i < q.codes.length; i++) {
    const code = q.codes[i]!;
    let v: number;
    if (table && known) {
      const c = Number(code);
      if (!known[c]) {
        table[c] = codeValue(f, code);
        known[c] = 1;
      }
      v = table[c]!;
    } else {
      v = codeValue(f, code);
    }
    const g = q.groupOf[i]!;
    out[i] = (v - q.zeroPoints[g]!) * q.scales[g]!;
  }
  return { shape: [...q.shape], data: out };
}
