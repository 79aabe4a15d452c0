import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../main.js";
import { fakeContext } from "../testing/fake-context.js";

async function run(cwd: string, ...argv: string[]) {
  const ctx = fakeContext(cwd);
  const code = await main(argv, ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}
const tmp = () => mkdtempSync(path.join(tmpdir(), "hwsim-weights-"));

/** A .npy v1.0 file of little-endian float32 (NPY format: magic, version, header dict padded to 64 bytes, data). */
function npyF32(shape: number[], values: number[]): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(", ")}${shape.length === 1 ? "," : ""}), }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  header += " ".repeat(pad % 64) + "\n";
  const out = new Uint8Array(10 + header.length + values.length * 4);
  out.set([0x93, ...Buffer.from("NUMPY"), 1, 0, header.length & 0xff, header.length >> 8]);
  out.set(Buffer.from(header, "latin1"), 10);
  const dv = new DataView(out.buffer);
  values.forEach((v, i) => dv.setFloat32(10 + header.length + i * 4, v, true));
  return out;
}

/** A .safetensors file: 8-byte little-endian header length, JSON header, then the raw tensors. */
function safetensors(tensors: { name: string; dtype: string; shape: number[]; bytes: Uint8Array }[]): Uint8Array {
  const header: Record<string, unknown> = {};
  let offset = 0;
  for (const t of tensors) {
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.bytes.length] };
    offset += t.bytes.length;
  }
  const json = Buffer.from(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let o = 8 + json.length;
  for (const t of tensors) {
    out.set(t.bytes, o);
    o += t.bytes.length;
  }
  return out;
}

const u16 = (codes: number[]) => new Uint8Array(Uint16Array.from(codes).buffer);
const f32 = (v: number[]) => new Uint8Array(Float32Array.from(v).buffer);

describe("--weights-file: real weights as the workload", () => {
  it("compares formats on every rank-≥2 tensor of a safetensors file (f32, f16, bf16, i8) and skips biases", async () => {
    const dir = tmp();
    // f16 0x3c00 = 1, 0x3800 = 0.5, 0xc000 = −2; bf16 0x3f80 = 1, 0x3f00 = 0.5, 0xc000 = −2.
    const f16codes = Array.from({ length: 24 }, (_, i) => [0x3c00, 0x3800, 0xc000][i % 3]!);
    const bf16codes = Array.from({ length: 24 }, (_, i) => [0x3f80, 0x3f00, 0xc000][i % 3]!);
    const file = safetensors([
      { name: "fc1.weight", dtype: "F32", shape: [6, 4], bytes: f32(Array.from({ length: 24 }, (_, i) => Math.sin(i))) },
      { name: "fc1.bias", dtype: "F32", shape: [6], bytes: f32([1, 2, 3, 4, 5, 6]) },
      { name: "fc2.weight", dtype: "F16", shape: [4, 6], bytes: u16(f16codes) },
      { name: "fc3.weight", dtype: "BF16", shape: [3, 8], bytes: u16(bf16codes) },
      { name: "q.weight", dtype: "I8", shape: [2, 2, 3], bytes: Uint8Array.from([1, 255, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) },
    ]);
    writeFileSync(path.join(dir, "m.safetensors"), file);
    const r = await run(dir, "compare", "int8", "fp8", "--weights-file", "m.safetensors", "--tokens", "4", "--json", "r.json");
    expect(r.code, r.err).toBe(0);
    const md = readFileSync(path.join(dir, "hwsim-report.md"), "utf8");
    for (const name of ["fc1.weight", "fc2.weight", "fc3.weight", "q.weight"]) expect(md).toContain(`| ${name} |`);
    expect(md).toMatch(/skipped rank-0\/1 tensors: fc1\.bias/);
    // fc2: W is 4×6 (out × in) → GEMM 4 tokens × 4 out × 6 in.
    expect(md).toMatch(/\| fc2\.weight \| gemm \| 4×4×6 \|/);
    // q.weight [2, 2, 3] flattens to out = 2, in = 6.
    expect(md).toMatch(/\| q\.weight \| gemm \| 4×2×6 \|/);
  });

  it("takes one tensor with file:name, and a .npy file", async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "w.npy"), npyF32([8, 16], Array.from({ length: 128 }, (_, i) => Math.cos(i))));
    const r = await run(dir, "simulate", "--format", "fp8", "--weights-file", "w.npy", "--json");
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).macs).toBe(16 * 8 * 16);
    writeFileSync(path.join(dir, "m.safetensors"), safetensors([
      { name: "a", dtype: "F32", shape: [2, 2], bytes: f32([1, 2, 3, 4]) },
      { name: "b", dtype: "F32", shape: [3, 2], bytes: f32([1, 2, 3, 4, 5, 6]) },
    ]));
    const one = await run(dir, "simulate", "--format", "int8", "--weights-file", "m.safetensors:b", "--tokens", "5", "--json");
    expect(JSON.parse(one.out).macs).toBe(5 * 3 * 2);
  });

  it("truncated, corrupt or unusable files exit 2 with one line", async () => {
    const dir = tmp();
    const good = safetensors([{ name: "w", dtype: "F32", shape: [2, 2], bytes: f32([1, 2, 3, 4]) }]);
    writeFileSync(path.join(dir, "trunc.safetensors"), good.subarray(0, good.length - 3));
    writeFileSync(path.join(dir, "magic.npy"), Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    writeFileSync(path.join(dir, "nan.npy"), npyF32([2, 2], [1, NaN, 2, 3]));
    writeFileSync(path.join(dir, "bias.npy"), npyF32([3], [1, 2, 3]));
    writeFileSync(path.join(dir, "ok.safetensors"), good);
    const cases: [string[], RegExp][] = [
      [["--weights-file", "trunc.safetensors"], /weights file 'trunc\.safetensors': .*/],
      [["--weights-file", "magic.npy"], /weights file 'magic\.npy': .*magic/i],
      [["--weights-file", "nan.npy"], /NaN or Inf/],
      [["--weights-file", "bias.npy"], /no tensor of rank ≥ 2/],
      [["--weights-file", "ok.safetensors:zz"], /has no tensor 'zz'/],
      [["--weights-file", "missing.npy"], /no such file/],
      [["--weights-file", "w.bin"], /must be a \.npy or \.safetensors/],
      [["--weights-file", "ok.safetensors", "--workload", "default"], /not both/],
      [["--weights-file", "ok.safetensors", "--tokens", "0"], /--tokens 0/],
    ];
    for (const [argv, msg] of cases) {
      const r = await run(dir, "compare", "int8", ...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  });
});
