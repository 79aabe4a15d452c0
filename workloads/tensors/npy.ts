import type { Result } from "../result.js";
import { fail, ok } from "../result.js";
import type { ElementType } from "./element-reader.js";
import { ELEMENT_BYTES, readElements } from "./element-reader.js";
import { parsePythonLiteral } from "./python-literal.js";
import type { Tensor } from "./tensor.js";
import { shapeSize } from "./tensor.js";

/** A tensor read from a file, with the element type it was stored in. */
export interface LoadedTensor extends Tensor {
  readonly dtype: ElementType;
}

/** NPY `descr` type codes (after the byte-order character) and the element types they map to. */
const NPY_TYPES: Readonly<Record<string, ElementType>> = {
  f8: "f64", f4: "f32", f2: "f16", i8: "i64", i4: "i32", i2: "i16", i1: "i8", u8: "u64", u4: "u32", u2: "u16", u1: "u8", b1: "bool",
};

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/**
 * Parse a .npy file (NPY format v1.0, 2.0 and 3.0, numpy.lib.format): the magic string, a version,
 * a little-endian header length (2 bytes in v1, 4 in v2/v3), a Python-literal dict with `descr`,
 * `fortran_order` and `shape`, then the raw C-order data. bfloat16 has no NPY type code, so it is not read here.
 */
export function parseNpy(bytes: Uint8Array): Result<LoadedTensor> {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) return fail("not an NPY file: bad magic (expected \\x93NUMPY)");
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if (major < 1 || major > 3 || minor !== 0) return fail(`unsupported NPY version ${major}.${minor} (1.0, 2.0 and 3.0 are read)`);
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) return fail("NPY file truncated inside the header length");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lenBytes;
  if (start + headerLen > bytes.length) {
    return fail(`NPY header length ${headerLen} runs past the end of the file (${bytes.length} bytes)`);
  }
  const raw = bytes.subarray(start, start + headerLen);
  // v1/v2 headers are latin-1, v3 headers UTF-8 (numpy.lib.format docs).
  let headerText = "";
  if (major === 3) headerText = new TextDecoder("utf-8").decode(raw);
  else for (const b of raw) headerText += String.fromCharCode(b);
  const parsed = parsePythonLiteral(headerText);
  if (!parsed.ok) return fail(`NPY header is not a valid dict literal: ${parsed.reason}`);
  const h = parsed.value;
  if (h === null || typeof h !== "object" || Array.isArray(h)) return fail("NPY header is not a dict");
  const { descr, fortran_order: fortran, shape } = h;
  if (typeof descr !== "string") return fail("NPY header has no string 'descr' (structured dtypes are not supported)");
  if (typeof fortran !== "boolean") return fail("NPY header has no boolean 'fortran_order'");
  if (fortran) return fail("NPY fortran_order True is not supported (save a C-ordered array, e.g. np.ascontiguousarray)");
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === "number" && Number.isSafeInteger(d) && d >= 0)) {
    return fail("NPY header 'shape' is not a tuple of non-negative integers");
  }
  const order = descr[0];
  const type = NPY_TYPES[descr.slice(1)];
  if (!type || !(order === "<" || order === ">" || order === "|")) {
    return fail(`unsupported NPY dtype '${descr}' (supported: ${Object.keys(NPY_TYPES).map((k) => `<${k}`).join(" ")}, '|' for 1-byte types, '>' big-endian)`);
  }
  if (order === "|" && ELEMENT_BYTES[type] !== 1) return fail(`NPY dtype '${descr}': '|' (no byte order) is only valid for 1-byte types`);
  const dims = shape as number[];
  const count = shapeSize(dims);
  const dataStart = start + headerLen;
  const need = count * ELEMENT_BYTES[type];
  const have = bytes.length - dataStart;
  if (need !== have) {
    return fail(`NPY data is ${have} bytes but shape (${dims.join(", ")}) of '${descr}' needs ${need}${have < need ? " (file truncated?)" : ""}`);
  }
  const data = readElements(bytes, dataStart, count, type, order !== ">");
  if (!data.ok) return data;
  return ok({ shape: dims, data: data.value, dtype: type });
}
