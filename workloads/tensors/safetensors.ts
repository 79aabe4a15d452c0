import type { Result } from "../result.js";
import { fail, ok } from "../result.js";
import type { ElementType } from "./element-reader.js";
import { ELEMENT_BYTES, readElements } from "./element-reader.js";
import type { LoadedTensor } from "./npy.js";
import { shapeSize } from "./tensor.js";

/** safetensors dtype names (huggingface/safetensors, safetensors/src/tensor.rs `Dtype`) and their element types. */
const ST_TYPES: Readonly<Record<string, ElementType>> = {
  F64: "f64", F32: "f32", F16: "f16", BF16: "bf16", F8_E4M3: "f8-e4m3", F8_E5M2: "f8-e5m2",
  I64: "i64", I32: "i32", I16: "i16", I8: "i8", U64: "u64", U32: "u32", U16: "u16", U8: "u8", BOOL: "bool",
};

/** The tensors and metadata of a .safetensors file. */
export interface SafetensorsFile {
  /** Tensors by name, in file (offset) order. */
  readonly tensors: ReadonlyMap<string, LoadedTensor>;
  /** The optional `__metadata__` string map. */
  readonly metadata: Readonly<Record<string, string>>;
}

interface Entry {
  name: string;
  type: ElementType;
  shape: number[];
  begin: number;
  end: number;
}

/**
 * Parse a .safetensors file: an 8-byte little-endian header length N, N bytes of JSON
 * ({name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}}), then the data section, which the
 * offsets index relative to its start. As the reference implementation validates, the tensors must tile the
 * data section exactly (no gaps, overlaps or trailing bytes) and each span must equal shape × dtype size.
 */
export function parseSafetensors(bytes: Uint8Array): Result<SafetensorsFile> {
  if (bytes.length < 8) return fail(`safetensors file is ${bytes.length} bytes, too short for the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(bytes.length - 8)) return fail(`safetensors header length ${n} runs past the end of the file (${bytes.length} bytes)`);
  const headerLen = Number(n);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + headerLen)));
  } catch (e) {
    return fail(`safetensors header is not valid UTF-8 JSON (${(e as Error).message})`);
  }
  if (header === null || typeof header !== "object" || Array.isArray(header)) return fail("safetensors header is not a JSON object");
  const dataStart = 8 + headerLen;
  const dataLen = bytes.length - dataStart;
  const entries: Entry[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (info === null || typeof info !== "object" || Array.isArray(info) || !Object.values(info).every((v) => typeof v === "string")) {
        return fail("safetensors __metadata__ must be a map of strings");
      }
      metadata = info as Record<string, string>;
      continue;
    }
    const e = parseEntry(name, info, dataLen);
    if (!e.ok) return e;
    entries.push(e.value);
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let pos = 0;
  for (const e of entries) {
    if (e.begin !== pos) {
      return fail(`tensor '${e.name}': data_offsets [${e.begin}, ${e.end}] leave a ${e.begin > pos ? "gap" : "overlap"} at byte ${pos} of the data section`);
    }
    pos = e.end;
  }
  if (pos !== dataLen) return fail(`safetensors data section is ${dataLen} bytes but the tensors cover ${pos}`);
  const tensors = new Map<string, LoadedTensor>();
  for (const e of entries) {
    const data = readElements(bytes, dataStart + e.begin, shapeSize(e.shape), e.type);
    if (!data.ok) return fail(`tensor '${e.name}': ${data.reason}`);
    tensors.set(e.name, { shape: e.shape, data: data.value, dtype: e.type });
  }
  return ok({ tensors, metadata });
}

function parseEntry(name: string, info: unknown, dataLen: number): Result<Entry> {
  if (info === null || typeof info !== "object" || Array.isArray(info)) return fail(`tensor '${name}': entry is not an object`);
  const { dtype, shape, data_offsets: offsets } = info as Record<string, unknown>;
  if (typeof dtype !== "string") return fail(`tensor '${name}': missing dtype`);
  const type = ST_TYPES[dtype];
  if (!type) return fail(`tensor '${name}': unknown dtype '${dtype}' (supported: ${Object.keys(ST_TYPES).join(", ")})`);
  const isIndex = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
  if (!Array.isArray(shape) || !shape.every(isIndex)) return fail(`tensor '${name}': shape must be an array of non-negative integers`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isIndex)) {
    return fail(`tensor '${name}': data_offsets must be [begin, end] with non-negative integers`);
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end || end > dataLen) {
    return fail(`tensor '${name}': data_offsets [${begin}, ${end}] out of range (data section is ${dataLen} bytes)`);
  }
  const need = shapeSize(shape) * ELEMENT_BYTES[type];
  if (end - begin !== need) {
    return fail(`tensor '${name}': shape [${shape.join(", ")}] × ${dtype} needs ${need} bytes but data_offsets span ${end - begin}`);
  }
  return ok({ name, type, shape: shape as number[], begin, end });
}
