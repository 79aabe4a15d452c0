import { decode } from "../../sim/numerics/codec.js";
import { toFloat64 } from "../../sim/numerics/float64.js";
import { lookupScalar } from "../../sim/numerics/formats/registry.js";
import type { Result } from "../result.js";
import { fail, ok } from "../result.js";
import { decodeF16Bits } from "./half-decode.js";

/** Element types found in .npy and .safetensors files. */
export type ElementType =
  | "f64" | "f32" | "f16" | "bf16" | "f8-e4m3" | "f8-e5m2"
  | "i64" | "i32" | "i16" | "i8" | "u64" | "u32" | "u16" | "u8" | "bool";

/** Bytes per element. */
export const ELEMENT_BYTES: Readonly<Record<ElementType, number>> = {
  f64: 8, f32: 4, f16: 2, bf16: 2, "f8-e4m3": 1, "f8-e5m2": 1,
  i64: 8, i32: 4, i16: 2, i8: 1, u64: 8, u32: 4, u16: 2, u8: 1, bool: 1,
};

/** Decode table of an 8-bit float format through the exact sim/numerics decoder (OCP E4M3 / E5M2). */
function fp8Table(id: "fp8-e4m3" | "fp8-e5m2"): Float64Array {
  const r = lookupScalar(id);
  if (!r.ok) throw new Error(`format ${id} missing from the registry`);
  const table = new Float64Array(256);
  for (let c = 0; c < 256; c++) table[c] = toFloat64(decode(r.format, BigInt(c)));
  return table;
}

/**
 * Decode `count` elements starting at byte `offset` into float64 (exact for every type but 64-bit integers,
 * which fail for a value outside ±(2^53 − 1)).
 */
export function readElements(bytes: Uint8Array, offset: number, count: number, type: ElementType, littleEndian = true): Result<Float64Array> {
  const size = ELEMENT_BYTES[type];
  if (offset < 0 || offset + count * size > bytes.length) throw new RangeError("readElements: range outside the buffer (caller must check)");
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * size);
  const out = new Float64Array(count);
  const le = littleEndian;
  switch (type) {
    case "f64": for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, le); break;
    case "f32": for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, le); break;
    case "f16": for (let i = 0; i < count; i++) out[i] = decodeF16Bits(view.getUint16(i * 2, le)); break;
    case "bf16": {
      const word = new DataView(new ArrayBuffer(4));
      for (let i = 0; i < count; i++) {
        word.setUint32(0, view.getUint16(i * 2, le) << 16 >>> 0);
        out[i] = word.getFloat32(0);
      }
      break;
    }
    case "f8-e4m3":
    case "f8-e5m2": {
      const table = fp8Table(type === "f8-e4m3" ? "fp8-e4m3" : "fp8-e5m2");
      for (let i = 0; i < count; i++) out[i] = table[view.getUint8(i)]!;
      break;
    }
    case "i32": for (let i = 0; i < count; i++) out[i] = view.getInt32(i * 4, le); break;
    case "i16": for (let i = 0; i < count; i++) out[i] = view.getInt16(i * 2, le); break;
    case "i8": for (let i = 0; i < count; i++) out[i] = view.getInt8(i); break;
    case "u32": for (let i = 0; i < count; i++) out[i] = view.getUint32(i * 4, le); break;
    case "u16": for (let i = 0; i < count; i++) out[i] = view.getUint16(i * 2, le); break;
    case "u8": for (let i = 0; i < count; i++) out[i] = view.getUint8(i); break;
    case "bool":
      for (let i = 0; i < count; i++) {
        const b = view.getUint8(i);
        if (b > 1) return fail(`bool element ${i} has byte value ${b} (only 0 and 1 are valid)`);
        out[i] = b;
      }
      break;
    case "i64":
    case "u64":
      for (let i = 0; i < count; i++) {
        const v = type === "i64" ? view.getBigInt64(i * 8, le) : view.getBigUint64(i * 8, le);
        const n = Number(v);
        if (!Number.isSafeInteger(n)) return fail(`64-bit integer element ${i} = ${v} is outside ±(2^53 − 1) and may have no exact float64 value`);
        out[i] = n;
      }
      break;
  }
  return ok(out);
}
