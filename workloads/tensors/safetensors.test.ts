import { describe, expect, it } from "vitest";
import { parseSafetensors } from "./safetensors.js";

interface Item {
  name: string;
  dtype: string;
  shape: number[];
  bytes: Uint8Array;
}

/** Build a .safetensors file: u64 LE header length, JSON header padded with spaces, contiguous data. */
function st(items: Item[], opts: { metadata?: unknown; patch?: (h: Record<string, any>) => void; extra?: number } = {}): Uint8Array {
  const header: Record<string, any> = {};
  if (opts.metadata !== undefined) header.__metadata__ = opts.metadata;
  let off = 0;
  for (const it of items) {
    header[it.name] = { dtype: it.dtype, shape: it.shape, data_offsets: [off, off + it.bytes.length] };
    off += it.bytes.length;
  }
  opts.patch?.(header);
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (json.length % 8)) % 8);
  const hb = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + hb.length + off + (opts.extra ?? 0));
  new DataView(out.buffer).setBigUint64(0, BigInt(hb.length), true);
  out.set(hb, 8);
  let pos = 8 + hb.length;
  for (const it of items) {
    out.set(it.bytes, pos);
    pos += it.bytes.length;
  }
  return out;
}

function pack(values: number[], size: number, set: (d: DataView, o: number, v: number) => void): Uint8Array {
  const out = new Uint8Array(values.length * size);
  const d = new DataView(out.buffer);
  values.forEach((v, i) => set(d, i * size, v));
  return out;
}

const load = (b: Uint8Array) => {
  const r = parseSafetensors(b);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const reason = (b: Uint8Array) => {
  const r = parseSafetensors(b);
  if (r.ok) throw new Error("unexpectedly parsed");
  return r.reason;
};
const values = (b: Uint8Array, name: string) => Array.from(load(b).tensors.get(name)!.data);

describe("parseSafetensors round trips", () => {
  it("reads every dtype, in one file, with metadata", () => {
    const items: Item[] = [
      { name: "f32", dtype: "F32", shape: [2, 2], bytes: pack([1.5, -2, Math.fround(0.1), 2 ** -149], 4, (d, o, v) => d.setFloat32(o, v, true)) },
      { name: "f16", dtype: "F16", shape: [4], bytes: pack([0x3c00, 0xc000, 0x7bff, 0x0001], 2, (d, o, v) => d.setUint16(o, v, true)) },
      { name: "bf16", dtype: "BF16", shape: [4], bytes: pack([0x3f80, 0xc040, 0x4049, 0x0001], 2, (d, o, v) => d.setUint16(o, v, true)) },
      { name: "i8", dtype: "I8", shape: [3], bytes: pack([-128, 127, -1], 1, (d, o, v) => d.setInt8(o, v)) },
      { name: "f64", dtype: "F64", shape: [2], bytes: pack([0.1, -1e-300], 8, (d, o, v) => d.setFloat64(o, v, true)) },
      { name: "i32", dtype: "I32", shape: [2], bytes: pack([-(2 ** 31), 12345], 4, (d, o, v) => d.setInt32(o, v, true)) },
      { name: "u8", dtype: "U8", shape: [2], bytes: pack([0, 255], 1, (d, o, v) => d.setUint8(o, v)) },
      { name: "i16", dtype: "I16", shape: [2], bytes: pack([-300, 300], 2, (d, o, v) => d.setInt16(o, v, true)) },
      { name: "u16", dtype: "U16", shape: [1], bytes: pack([65535], 2, (d, o, v) => d.setUint16(o, v, true)) },
      { name: "u32", dtype: "U32", shape: [1], bytes: pack([2 ** 32 - 1], 4, (d, o, v) => d.setUint32(o, v, true)) },
      { name: "i64", dtype: "I64", shape: [1], bytes: pack([-(2 ** 40)], 8, (d, o, v) => d.setBigInt64(o, BigInt(v), true)) },
      { name: "u64", dtype: "U64", shape: [1], bytes: pack([2 ** 50], 8, (d, o, v) => d.setBigUint64(o, BigInt(v), true)) },
      { name: "bool", dtype: "BOOL", shape: [2], bytes: pack([1, 0], 1, (d, o, v) => d.setUint8(o, v)) },
      // OCP FP8: E4M3 0x7E = 448, 0xB8 = −1, 0x01 = 2^-9; E5M2 0x3C = 1, 0x7B = 57344, 0x7C = +Inf.
      { name: "e4m3", dtype: "F8_E4M3", shape: [3], bytes: new Uint8Array([0x7e, 0xb8, 0x01]) },
      { name: "e5m2", dtype: "F8_E5M2", shape: [3], bytes: new Uint8Array([0x3c, 0x7b, 0x7c]) },
    ];
    const file = st(items, { metadata: { format: "pt" } });
    const r = load(file);
    expect(r.metadata).toEqual({ format: "pt" });
    expect([...r.tensors.keys()]).toEqual(items.map((i) => i.name));
    expect(r.tensors.get("f32")!.shape).toEqual([2, 2]);
    expect(values(file, "f32")).toEqual([1.5, -2, Math.fround(0.1), 2 ** -149]);
    expect(values(file, "f16")).toEqual([1, -2, 65504, 2 ** -24]);
    expect(values(file, "bf16")).toEqual([1, -3, 3.140625, 2 ** -133]);
    expect(values(file, "i8")).toEqual([-128, 127, -1]);
    expect(values(file, "f64")).toEqual([0.1, -1e-300]);
    expect(values(file, "i32")).toEqual([-(2 ** 31), 12345]);
    expect(values(file, "u8")).toEqual([0, 255]);
    expect(values(file, "i16")).toEqual([-300, 300]);
    expect(values(file, "u16")).toEqual([65535]);
    expect(values(file, "u32")).toEqual([2 ** 32 - 1]);
    expect(values(file, "i64")).toEqual([-(2 ** 40)]);
    expect(values(file, "u64")).toEqual([2 ** 50]);
    expect(values(file, "bool")).toEqual([1, 0]);
    expect(values(file, "e4m3")).toEqual([448, -1, 2 ** -9]);
    expect(values(file, "e5m2")).toEqual([1, 57344, Infinity]);
    expect(r.tensors.get("bf16")!.dtype).toBe("bf16");
  });

  it("reads an empty file header and a zero-size tensor", () => {
    expect(load(st([])).tensors.size).toBe(0);
    const r = load(st([{ name: "e", dtype: "F32", shape: [0, 4], bytes: new Uint8Array(0) }]));
    expect(r.tensors.get("e")!.data).toHaveLength(0);
  });
});

describe("parseSafetensors errors", () => {
  const one = (): Item[] => [{ name: "w", dtype: "F32", shape: [2], bytes: new Uint8Array(8) }];
  it("too short for the header length", () => {
    expect(reason(new Uint8Array(5))).toMatch(/too short/);
  });
  it("header length beyond the file", () => {
    const b = st(one());
    new DataView(b.buffer).setBigUint64(0, 1n << 40n, true);
    expect(reason(b)).toMatch(/header length 1099511627776 runs past the end/);
  });
  it("header that is not JSON or not an object", () => {
    const b = st(one());
    b[8] = 0x5b; // '[' breaks the JSON
    expect(reason(b)).toMatch(/not valid UTF-8 JSON/);
    const arr = new Uint8Array(8 + 8);
    new DataView(arr.buffer).setBigUint64(0, 8n, true);
    arr.set(new TextEncoder().encode("[]      "), 8);
    expect(reason(arr)).toMatch(/not a JSON object/);
  });
  it("unknown dtype", () => {
    expect(reason(st([{ name: "q", dtype: "Q4", shape: [2], bytes: new Uint8Array(1) }]))).toMatch(/tensor 'q': unknown dtype 'Q4'/);
    expect(reason(st(one(), { patch: (h) => delete h.w.dtype }))).toMatch(/missing dtype/);
  });
  it("data_offsets out of range or reversed", () => {
    expect(reason(st(one(), { patch: (h) => (h.w.data_offsets = [0, 16]) }))).toMatch(/data_offsets \[0, 16\] out of range \(data section is 8 bytes\)/);
    expect(reason(st(one(), { patch: (h) => (h.w.data_offsets = [8, 0]) }))).toMatch(/out of range/);
    expect(reason(st(one(), { patch: (h) => (h.w.data_offsets = [0]) }))).toMatch(/\[begin, end\]/);
  });
  it("truncated data section", () => {
    const b = st(one());
    expect(reason(b.subarray(0, b.length - 2))).toMatch(/out of range \(data section is 6 bytes\)/);
  });
  it("shape × dtype size ≠ byte count", () => {
    expect(reason(st(one(), { patch: (h) => (h.w.shape = [3]) }))).toMatch(/shape \[3\] × F32 needs 12 bytes but data_offsets span 8/);
    expect(reason(st(one(), { patch: (h) => (h.w.shape = [-2]) }))).toMatch(/non-negative/);
  });
  it("gaps, overlaps and uncovered trailing bytes", () => {
    const two = (): Item[] => [...one(), { name: "b", dtype: "U8", shape: [4], bytes: new Uint8Array(4) }];
    expect(reason(st(two(), { patch: (h) => (h.b.data_offsets = [6, 10]), extra: 0 }))).toMatch(/overlap/);
    expect(reason(st(two(), { extra: 2 }))).toMatch(/data section is 14 bytes but the tensors cover 12/);
    expect(reason(st(two(), { patch: (h) => { h.w.data_offsets = [4, 12]; h.b.data_offsets = [12, 16]; }, extra: 4 }))).toMatch(/gap at byte 0/);
  });
  it("metadata that is not a string map", () => {
    expect(reason(st(one(), { metadata: { n: 3 } }))).toMatch(/__metadata__/);
  });
});
