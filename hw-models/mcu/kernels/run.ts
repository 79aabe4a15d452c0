import type { ClusterConfig, IssRun } from "../iss/core.js";
import { runIss } from "../iss/core.js";
import type { CoreTiming } from "../iss/timing.js";
import type { KernelSpec } from "./library.js";
import { gemmProgram, LUT_REG } from "./library.js";
import { lookupScalar } from "../../../sim/numerics/formats/registry.js";
import { convert } from "../../../sim/numerics/codec.js";
import { FP32 } from "../isa/fp.js";
import { closedFormCycles, flatten } from "./tree.js";

/** A GEMM's operand codes: A [m×k] row-major, B [k×n] row-major (unsigned codes of the element format). */
export interface GemmCodes {
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly a: Uint32Array;
  readonly b: Uint32Array;
}

export interface KernelRun {
  /** Output codes C [m×n] row-major (int32 two's complement as unsigned, or fp16/fp32 codes). */
  readonly out: Uint32Array;
  readonly iss: IssRun;
  /** Closed-form cycles of the slowest core (no contention). */
  readonly closedFormCycles: number;
  readonly footprintBytes: number;
}

const align = (x: number) => Math.ceil(x / 16) * 16;

/** Pack `count` codes of `bits` each, element 0 in the lowest bits, little-endian bytes. */
function packLine(dst: Uint8Array, at: number, codes: ArrayLike<number>, bits: number): void {
  if (bits >= 8) {
    const bytes = bits / 8;
    for (let i = 0; i < codes.length; i++) for (let b = 0; b < bytes; b++) dst[at + i * bytes + b] = (codes[i]! >>> (8 * b)) & 0xff;
    return;
  }
  const per = 8 / bits;
  for (let i = 0; i < codes.length; i++) dst[at + Math.floor(i / per)]! |= (codes[i]! & ((1 << bits) - 1)) << ((i % per) * bits);
}

/**
 * Run a kernel on the ISS: lay out A rows, B columns (or column panels) and C in one memory, split the row
 * blocks over the cores, and read C back. Every core runs the same program with its own base registers.
 */
export function runKernel(kernel: KernelSpec, timing: CoreTiming, g: GemmCodes, cluster: ClusterConfig = { cores: 1, tcdmBanks: 0, sharedFpus: 0 }): KernelRun {
  const { m, n, k } = g;
  const bits = kernel.elementBits;
  const bBits = kernel.bBits ?? bits;
  const rowA = (k * bits) / 8;
  const rowB = (k * bBits) / 8;
  const aBytes = align(m * rowA);
  const w = kernel.bPanel ?? 1;
  const bBytes = align(n * rowB);
  const cBytes = align(m * n * kernel.outBytes);
  const lut = kernel.lut ? fp8Table(kernel.lut) : undefined;
  const lutBase = aBytes + bBytes + cBytes;
  const mem = new Uint8Array(lutBase + (lut ? lut.length * 4 : 0) + 64);
  if (lut) lut.forEach((v, i) => new DataView(mem.buffer).setUint32(lutBase + i * 4, v, true));
  for (let i = 0; i < m; i++) packLine(mem, i * rowA, g.a.subarray(i * k, (i + 1) * k), bits);
  if (w > 1) {
    const eb = bBits / 8;
    for (let q = 0; q < n / w; q++) for (let t = 0; t < k; t++) for (let h = 0; h < w; h++) packLine(mem, aBytes + ((q * k + t) * w + h) * eb, [g.b[t * n + w * q + h]!], bBits);
  } else {
    const col = new Uint32Array(k);
    for (let j = 0; j < n; j++) {
      for (let t = 0; t < k; t++) col[t] = g.b[t * n + j]!;
      packLine(mem, aBytes + j * rowB, col, bBits);
    }
  }
  const cores = cluster.cores;
  const blocks = m / kernel.R;
  if (!Number.isInteger(blocks)) throw new Error(`${kernel.id}: m=${m} is not a multiple of ${kernel.R}`);
  const perCore = Math.ceil(blocks / cores);
  const active = Math.ceil(blocks / perCore);
  if (blocks % perCore !== 0) throw new Error(`${kernel.id}: ${blocks} row blocks do not split evenly over ${cores} cores`);
  const rows = perCore * kernel.R;
  const { nodes } = gemmProgram(kernel, rows, n, k, aBytes);
  const program = flatten(nodes, timing);
  const cBase = aBytes + bBytes;
  const init = Array.from({ length: active }, (_, c) => [[1, BigInt(c * rows * rowA)], [3, BigInt(cBase + c * rows * n * kernel.outBytes)], ...(lut ? [[LUT_REG, BigInt(lutBase)]] : [])] as [number, bigint][]);
  const iss = runIss(program, timing, mem, init, { ...cluster, cores: active });
  const out = new Uint32Array(m * n);
  const dv = new DataView(mem.buffer);
  for (let i = 0; i < m * n; i++) out[i] = kernel.outBytes === 4 ? dv.getUint32(cBase + i * 4, true) : dv.getUint16(cBase + i * 2, true);
  return { out, iss, closedFormCycles: closedFormCycles(nodes, timing), footprintBytes: aBytes + bBytes + cBytes + (lut ? lut.length * 4 : 0) };
}

/** The fp8 decode table: entry c is the fp32 code of fp8 code c (exact: every fp8 value is an fp32 value). */
export function fp8Table(id: "fp8-e4m3" | "fp8-e5m2"): Uint32Array {
  const f = lookupScalar(id);
  if (!f.ok || f.format.kind !== "float") throw new Error(`fp8Table: ${id}`);
  const fmt = f.format;
  return Uint32Array.from({ length: 256 }, (_, c) => Number(convert(fmt, FP32, BigInt(c)).code));
}

/** Closed-form cycles of a kernel on one core's share of an m×n×k GEMM (rows already per core). */
export function kernelClosedForm(kernel: KernelSpec, timing: CoreTiming, rows: number, n: number, k: number): number {
  return closedFormCycles(gemmProgram(kernel, rows, n, k).nodes, timing);
}
