/**
 * fp32 → fp8-e4m3 conversion throughput (values/s). Prints the reference round-pack (bigint), the fast
 * float64 kernel, and a table-lookup baseline measured in the same run, with ratios. Never asserts speed.
 *
 * The baseline is exact: the E4M3 result depends only on the fp32 code's top 16 bits (sign, exponent, 7
 * fraction bits, which hold E4M3's guard bit) and on whether the low 16 bits are nonzero (sticky),
 * so two 65536-entry tables indexed by the top half give every result.
 * Run: npm run build && node dist/bench/numerics.js
 */
import { lookupScalar } from "../sim/numerics/formats/registry.js";
import type { ScalarFormat } from "../sim/numerics/formats/format.js";
import { encode } from "../sim/numerics/codec.js";
import { fromFloat64 } from "../sim/numerics/float64.js";
import { float64Encoder } from "../sim/numerics/fast/encode-float64.js";
import { createPrng } from "../sim/prng.js";

const fmt = (lookupScalar("fp8-e4m3") as { ok: true; format: ScalarFormat }).format;
const N = 1_000_000;
const rng = createPrng(2026);
const inputs = new Float32Array(N);
for (let i = 0; i < N; i++) inputs[i] = rng.nextNormal() * 2 ** (rng.nextFloat64() * 16 - 8);
const bits = new Uint32Array(inputs.buffer);
const out = new Uint8Array(N);

function time(label: string, count: number, body: () => void): number {
  body(); // warm up
  const t0 = process.hrtime.bigint();
  body();
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const rate = count / s;
  console.log(`${label.padEnd(34)} ${(rate / 1e6).toFixed(2).padStart(9)} M values/s`);
  return rate;
}

// Table baseline (built with the reference encoder, outside the timed region).
const tableLowZero = new Uint8Array(65536);
const tableLowNonzero = new Uint8Array(65536);
const view = new DataView(new ArrayBuffer(4));
for (let hi = 0; hi < 65536; hi++) {
  for (const [table, low] of [[tableLowZero, 0], [tableLowNonzero, 1]] as const) {
    view.setUint32(0, (hi << 16) | low);
    table[hi] = Number(encode(fmt, fromFloat64(view.getFloat32(0))).code);
  }
}

const refCount = 100_000;
const refRate = time("reference round-pack (bigint)", refCount, () => {
  for (let i = 0; i < refCount; i++) out[i] = Number(encode(fmt, fromFloat64(inputs[i]!)).code);
});
const fast = float64Encoder(fmt);
if (!fast.ok) throw new Error(fast.reason);
const enc = fast.encode;
const fastRate = time("fast float64 kernel", N, () => {
  for (let i = 0; i < N; i++) out[i] = enc(inputs[i]!);
});
const tableRate = time("table lookup baseline", N, () => {
  for (let i = 0; i < N; i++) {
    const b = bits[i]!;
    out[i] = ((b & 0xffff) === 0 ? tableLowZero : tableLowNonzero)[b >>> 16]!;
  }
});
let mismatches = 0;
for (let i = 0; i < N; i++) {
  const b = bits[i]!;
  if (enc(inputs[i]!) !== ((b & 0xffff) === 0 ? tableLowZero : tableLowNonzero)[b >>> 16]) mismatches++;
}
console.log(`fast kernel vs table: ${mismatches} mismatches in ${N} values`);
console.log(`ratio fast/table throughput: ${(fastRate / tableRate).toFixed(3)}; reference/table: ${(refRate / tableRate).toFixed(4)}`);
