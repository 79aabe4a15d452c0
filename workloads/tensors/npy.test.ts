import { describe, expect, it } from "vitest";
import { parseNpy } from "./npy.js";

/** Build an .npy file in memory (numpy.lib.format layout: magic, version, header length, padded dict, data). */
function npy(descr: string, shape: number[], payload: Uint8Array, opts: { version?: 1 | 2 | 3; fortran?: boolean; dict?: string } = {}): Uint8Array {
  const v = opts.version ?? 1;
  const tuple = `(${shape.join(", ")}${shape.length === 1 ? "," : ""})`;
  const dict = opts.dict ?? `{'descr': '${descr}', 'fortran_order': ${opts.fortran ? "True" : "False"}, 'shape': ${tuple}, }`;
  const lenBytes = v === 1 ? 2 : 4;
  const pre = 8 + lenBytes;
  const pad = (64 - ((pre + dict.length + 1) % 64)) % 64;
  const header = new TextEncoder().encode(dict + " ".repeat(pad) + "\n");
  const out = new Uint8Array(pre + header.length + payload.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, v, 0]);
  const view = new DataView(out.buffer);
  if (v === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  out.set(header, pre);
  out.set(payload, pre + header.length);
  return out;
}

type Setter = (view: DataView, offset: number, value: number, le: boolean) => void;
/** Pack numbers with a DataView setter (the writing side, independent of the reader under test). */
function pack(values: number[], size: number, set: Setter, le = true): Uint8Array {
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => set(view, i * size, v, le));
  return out;
}
const f64: Setter = (d, o, v, le) => d.setFloat64(o, v, le);
const f32: Setter = (d, o, v, le) => d.setFloat32(o, v, le);
const u16: Setter = (d, o, v, le) => d.setUint16(o, v, le);
const i16: Setter = (d, o, v, le) => d.setInt16(o, v, le);
const i32: Setter = (d, o, v, le) => d.setInt32(o, v, le);
const u32: Setter = (d, o, v, le) => d.setUint32(o, v, le);
const i8: Setter = (d, o, v) => d.setInt8(o, v);
const u8: Setter = (d, o, v) => d.setUint8(o, v);
const i64: Setter = (d, o, v, le) => d.setBigInt64(o, BigInt(v), le);
const u64: Setter = (d, o, v, le) => d.setBigUint64(o, BigInt(v), le);

const load = (bytes: Uint8Array) => {
  const r = parseNpy(bytes);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const reason = (bytes: Uint8Array) => {
  const r = parseNpy(bytes);
  if (r.ok) throw new Error("unexpectedly parsed");
  return r.reason;
};
const same = (got: Float64Array, want: number[]) => {
  expect(got).toHaveLength(want.length);
  want.forEach((w, i) => expect(Object.is(got[i], w) || (Number.isNaN(w) && Number.isNaN(got[i]!))).toBe(true));
};

describe("parseNpy round trips", () => {
  const cases: [string, number, Setter, number[], string][] = [
    ["<f8", 8, f64, [0.1, -2.5, 1e300, -0, Infinity, NaN], "f64"],
    ["<f4", 4, f32, [Math.fround(0.1), -2.5, 3.4028234663852886e38, 2 ** -149, -0], "f32"],
    ["|i1", 1, i8, [-128, 127, 0, -1], "i8"],
    ["<i2", 2, i16, [-32768, 32767, 5, -6], "i16"],
    ["<i4", 4, i32, [-(2 ** 31), 2 ** 31 - 1, 7, 0], "i32"],
    ["<i8", 8, i64, [-(2 ** 53) + 1, 2 ** 53 - 1, -3, 0], "i64"],
    ["|u1", 1, u8, [0, 255, 17, 128], "u8"],
    ["<u2", 2, u16, [0, 65535, 1, 2], "u16"],
    ["<u4", 4, u32, [0, 2 ** 32 - 1, 3, 9], "u32"],
    ["<u8", 8, u64, [0, 2 ** 53 - 1, 12, 1], "u64"],
    ["|b1", 1, u8, [0, 1, 1, 0], "bool"],
  ];
  for (const [descr, size, set, values, dtype] of cases) {
    it(`reads ${descr}`, () => {
      const shape = values.length === 4 ? [2, 2] : [values.length];
      const t = load(npy(descr, shape, pack(values, size, set)));
      expect(t.shape).toEqual(shape);
      expect(t.dtype).toBe(dtype);
      same(t.data, values);
    });
  }

  it("reads <f2 bit-exactly from known codes", () => {
    const t = load(npy("<f2", [6], pack([0x3c00, 0xc000, 0x7bff, 0x0001, 0x3555, 0x7c00], 2, u16)));
    same(t.data, [1, -2, 65504, 2 ** -24, 0.333251953125, Infinity]);
    expect(t.dtype).toBe("f16");
  });

  it("reads big-endian data and versions 2.0 and 3.0", () => {
    same(load(npy(">f4", [3], pack([1.5, -0.25, 8], 4, f32, false))).data, [1.5, -0.25, 8]);
    same(load(npy(">i2", [2], pack([-2, 300], 2, i16, false))).data, [-2, 300]);
    same(load(npy("<f8", [2], pack([3, 4], 8, f64), { version: 2 })).data, [3, 4]);
    same(load(npy("<i4", [1, 2], pack([-9, 9], 4, i32), { version: 3 })).data, [-9, 9]);
  });

  it("reads a scalar (shape ()) and an empty array", () => {
    const s = load(npy("<f8", [], pack([42], 8, f64)));
    expect(s.shape).toEqual([]);
    same(s.data, [42]);
    expect(load(npy("<f4", [0, 3], new Uint8Array(0))).data).toHaveLength(0);
  });

  it("reads from a Uint8Array view at a non-zero offset", () => {
    const file = npy("<f4", [2], pack([1, 2], 4, f32));
    const big = new Uint8Array(file.length + 3);
    big.set(file, 3);
    same(load(big.subarray(3)).data, [1, 2]);
  });
});

describe("parseNpy errors", () => {
  const good = () => npy("<f4", [2, 2], pack([1, 2, 3, 4], 4, f32));
  it("bad magic", () => {
    const b = good();
    b[1] = 0x4f;
    expect(reason(b)).toMatch(/bad magic/);
    expect(reason(new Uint8Array(4))).toMatch(/bad magic/);
  });
  it("unsupported version", () => {
    const b = good();
    b[6] = 4;
    expect(reason(b)).toMatch(/version 4\.0/);
  });
  it("header length beyond the file", () => {
    const b = good();
    new DataView(b.buffer).setUint16(8, 60000, true);
    expect(reason(b)).toMatch(/header length 60000 runs past the end/);
  });
  it("truncated data and trailing bytes", () => {
    const b = good();
    expect(reason(b.subarray(0, b.length - 1))).toMatch(/data is 15 bytes but shape \(2, 2\) of '<f4' needs 16 \(file truncated\?\)/);
    const longer = new Uint8Array(b.length + 2);
    longer.set(b);
    expect(reason(longer)).toMatch(/18 bytes.*needs 16/);
  });
  it("unknown dtypes", () => {
    expect(reason(npy("<c8", [1], new Uint8Array(8)))).toMatch(/unsupported NPY dtype '<c8'/);
    expect(reason(npy("<V2", [1], new Uint8Array(2)))).toMatch(/unsupported NPY dtype '<V2'/);
    expect(reason(npy("|f4", [1], new Uint8Array(4)))).toMatch(/only valid for 1-byte/);
  });
  it("fortran_order True", () => {
    expect(reason(npy("<f4", [2, 2], pack([1, 2, 3, 4], 4, f32), { fortran: true }))).toMatch(/fortran_order True/);
  });
  it("malformed or incomplete headers", () => {
    expect(reason(npy("", [], new Uint8Array(0), { dict: "{'descr': '<f4', 'shape': (2,)" }))).toMatch(/not a valid dict/);
    expect(reason(npy("", [], new Uint8Array(4), { dict: "{'descr': '<f4', 'fortran_order': False}" }))).toMatch(/'shape'/);
    expect(reason(npy("", [], new Uint8Array(4), { dict: "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,)}" }))).toMatch(/structured/);
  });
  it("64-bit integers beyond 2^53", () => {
    expect(reason(npy("<i8", [1], pack([2 ** 60], 8, i64)))).toMatch(/outside ±\(2\^53 − 1\)/);
  });
  it("invalid bool bytes", () => {
    expect(reason(npy("|b1", [2], pack([0, 2], 1, u8)))).toMatch(/byte value 2/);
  });
});
