/**
 * Benchmark of the fast dot-product kernels (sim/numerics/fast), in multiply-accumulates per second, next to a
 * plain Float64Array dot-product loop measured in the same run. Prints ratios of time per MAC (kernel / plain);
 * goals: ≤ 1.2× for fp8-e4m3×fp8-e4m3 → fp32-seq, and for int8×int8 → int32-wrap, int32-sat and int48-dsp;
 * ≤ 2× for the tensor-core kernels (tc-h100, tc-h100-fp8, tc-v100, tc-a100).
 * Never asserts speed. Last measured (node v20.20.2 on a shared 2-core AMD EPYC, median of 3 runs): fp32-seq 0.94×,
 * int32-wrap, int32-sat and int48-dsp 1.03×, tc-h100 0.88×, tc-h100-fp8 1.50×, tc-v100 1.22×, tc-a100 0.91×
 * (tc-v100, tc-a100 and tc-h100 run the keyed WebAssembly kernels of tc-dot-wasm.ts).
 * Run: npx tsc -p tsconfig.json --outDir /tmp/bench-dist && node /tmp/bench-dist/bench/dot.js
 * (or npm run build && node dist/bench/dot.js)
 *
 * Design: codes live in Uint8Array. The fp8 kernel looks products up in a 65536-entry table indexed
 * (a << 8) | b; every e4m3 product has ≤ 8 significant bits and lies in [2^-18, 2^18], so it is exactly a binary32
 * value and the sum is a chain of binary32 adds, run in WebAssembly's f32.add where available (fp32-dot-wasm.ts;
 * the kernel name says which), else as Math.fround(acc + p). The tensor-core kernels run their block chain
 * (product lookup and block max, then truncated sums and one binary32 rounding per block, promotion included) in
 * WebAssembly where available (tc-dot-wasm.ts; the line says which). The int8 kernels read the same bytes through
 * Int8Array views and sum chunks in Int32. All kernels also keep the IEEE flags (the int kernels their sticky overflow
 * flag), exactly as the fast path used by simulations does.
 */
import { lookupScalar } from "../sim/numerics/formats/registry.js";
import type { ScalarFormat } from "../sim/numerics/formats/format.js";
import { encode } from "../sim/numerics/codec.js";
import { fromFloat64 } from "../sim/numerics/float64.js";
import { codeValues } from "../sim/numerics/fast/product-table.js";
import type { FastDot } from "../sim/numerics/fast/fast-dot.js";
import { prepareFastDot } from "../sim/numerics/fast/fast-dot.js";
import { resolveAccumulator } from "../sim/numerics/ops/accumulator.js";
import { createPrng } from "../sim/prng.js";

const LENGTH = 4096;
const DOTS_PER_RUN = 500; // 2 M MACs per timed run
const RUNS = 15;

function format(id: string): ScalarFormat {
  const r = lookupScalar(id);
  if (!r.ok) throw new Error(r.reason);
  return r.format;
}

function fast(accumulator: string, f: ScalarFormat): FastDot {
  const spec = resolveAccumulator(accumulator);
  if (!spec.ok) throw new Error(spec.reason);
  const p = prepareFastDot(spec.spec, { a: f, b: f });
  if (!p.ok) throw new Error(p.reason);
  return p.fast;
}

/** Codes of normally distributed values (σ = 8 for fp8, integers in [−128, 127] for int8). */
function codes(f: ScalarFormat, seed: number): Uint8Array {
  const rng = createPrng(seed);
  const out = new Uint8Array(LENGTH);
  for (let i = 0; i < LENGTH; i++) {
    const x = f.kind === "int" ? Math.round(rng.nextNormal() * 40) : rng.nextNormal() * 8;
    out[i] = Number(encode(f, fromFloat64(x), { overflow: "saturate" }).code);
  }
  return out;
}

/** A dot-product loop under test: two input arrays in, a number out (kept in a checksum). */
type Loop<T> = (a: T, b: T) => number;

/**
 * Best-of-RUNS seconds for DOTS_PER_RUN calls of each loop. All loops are called through this one call site,
 * which sees several functions and so inlines none: each runs its own compiled code. (V8 sometimes compiles a
 * copy of the plain loop inlined into a monomorphic caller up to ~1.6× faster; comparing such a copy against a
 * called kernel would compare compilation contexts, not loops.) Rounds interleave the loops so that load from
 * other processes hits them alike.
 */
function timeLoops(loops: readonly { run: Loop<never>; a: unknown; b: unknown }[]): { seconds: number[]; sink: number } {
  let sink = 0;
  const call = (l: { run: Loop<never>; a: unknown; b: unknown }) => (l.run as Loop<unknown>)(l.a, l.b);
  for (const l of loops) for (let i = 0; i < DOTS_PER_RUN; i++) sink += call(l); // warm-up
  const best = loops.map(() => Infinity);
  for (let r = 0; r < RUNS; r++) {
    loops.forEach((l, k) => {
      const t0 = performance.now();
      for (let i = 0; i < DOTS_PER_RUN; i++) sink += call(l);
      best[k] = Math.min(best[k]!, (performance.now() - t0) / 1000);
    });
  }
  return { seconds: best, sink };
}

function plainDot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}

const macs = LENGTH * DOTS_PER_RUN;
const rate = (s: number) => `${(macs / s / 1e6).toFixed(1).padStart(7)} M MAC/s`;

function report(name: string, kernelSeconds: number, plainSeconds: number, goal: number | null): void {
  const ratio = kernelSeconds / plainSeconds;
  const verdict = goal === null ? "no goal" : `goal ≤ ${goal.toFixed(1)}×${ratio <= goal ? ", met" : ", NOT met"}`;
  console.log(`${name.padEnd(50)} ${rate(kernelSeconds)}   time ratio to the plain loop ${ratio.toFixed(2)}× (${verdict})`);
}

function main(): void {
  const e4m3 = format("fp8-e4m3");
  const int8 = format("int8");
  console.log(`dot products of length ${LENGTH}, ${DOTS_PER_RUN} per run, best of ${RUNS} runs (node ${process.version})`);

  // fp8-e4m3 × fp8-e4m3 → fp32-seq
  const fa = codes(e4m3, 1);
  const fb = codes(e4m3, 2);
  const values = codeValues(e4m3);
  const xa = Float64Array.from(fa, (c) => values[c]!);
  const xb = Float64Array.from(fb, (c) => values[c]!);
  // int8 × int8 → int32-wrap
  const ia = codes(int8, 3);
  const ib = codes(int8, 4);
  const ya = Float64Array.from(new Int8Array(ia.buffer));
  const yb = Float64Array.from(new Int8Array(ib.buffer));
  const fp8 = fast("fp32-seq", e4m3);
  const i8 = fast("int32-wrap", int8);
  const sat = fast("int32-sat", int8);
  const dsp = fast("int48-dsp", int8);
  const h100 = fast("tc-h100", e4m3);
  const h100fp8 = fast("tc-h100-fp8", e4m3);
  const v100 = fast("tc-v100", e4m3);
  const a100 = fast("tc-a100", e4m3);
  // One closure literal per kernel, as a caller would have its own call site (a shared factory closure would
  // make `k.run` megamorphic, which measurably slows V8's code for the called kernel). Each goal is timed in
  // its own group, plain loop and kernel interleaved.
  type Entry = { run: Loop<never>; a: unknown; b: unknown };
  const plainFp8: Entry = { run: plainDot as Loop<never>, a: xa, b: xb };
  const plainInt8: Entry = { run: plainDot as Loop<never>, a: ya, b: yb };
  const g1 = timeLoops([plainFp8, { run: ((a: Uint8Array, b: Uint8Array) => fp8.run(a, b, 0).value) as Loop<never>, a: fa, b: fb }]);
  console.log(`${"plain Float64Array loop (s += x[i]*y[i])".padEnd(50)} ${rate(g1.seconds[0]!)}`);
  report(`fp8-e4m3×fp8-e4m3 → fp32-seq (${fp8.kernel})`, g1.seconds[1]!, g1.seconds[0]!, 1.2);
  const g2 = timeLoops([plainInt8, { run: ((a: Uint8Array, b: Uint8Array) => i8.run(a, b, 0).value) as Loop<never>, a: ia, b: ib }]);
  console.log(`${"plain Float64Array loop (s += x[i]*y[i])".padEnd(50)} ${rate(g2.seconds[0]!)}`);
  report(`int8×int8 → int32-wrap (${i8.kernel})`, g2.seconds[1]!, g2.seconds[0]!, 1.2);
  const g3 = timeLoops([
    plainInt8,
    { run: ((a: Uint8Array, b: Uint8Array) => sat.run(a, b, 0).value) as Loop<never>, a: ia, b: ib },
    { run: ((a: Uint8Array, b: Uint8Array) => dsp.run(a, b, 0).value) as Loop<never>, a: ia, b: ib },
  ]);
  console.log(`${"plain Float64Array loop (s += x[i]*y[i])".padEnd(50)} ${rate(g3.seconds[0]!)}`);
  report(`int8×int8 → int32-sat (${sat.kernel})`, g3.seconds[1]!, g3.seconds[0]!, 1.2);
  report(`int8×int8 → int48-dsp (${dsp.kernel})`, g3.seconds[2]!, g3.seconds[0]!, 1.2);
  // The tensor-core kernels against the same plain loop: goal ≤ 2× (issue 10).
  const g4 = timeLoops([
    plainFp8,
    { run: ((a: Uint8Array, b: Uint8Array) => h100.run(a, b, 0).value) as Loop<never>, a: fa, b: fb },
    { run: ((a: Uint8Array, b: Uint8Array) => h100fp8.run(a, b, 0).value) as Loop<never>, a: fa, b: fb },
  ]);
  const via = (globalThis as { WebAssembly?: unknown }).WebAssembly !== undefined ? "wasm" : "js";
  report(`fp8-e4m3×fp8-e4m3 → tc-h100 (${h100.kernel}, ${via})`, g4.seconds[1]!, g4.seconds[0]!, 2);
  report(`fp8-e4m3×fp8-e4m3 → tc-h100-fp8 (${h100fp8.kernel}, ${via})`, g4.seconds[2]!, g4.seconds[0]!, 2);
  // The smaller-block tensor cores (tc-ada has tc-a100's shape), same goal.
  const g5 = timeLoops([
    plainFp8,
    { run: ((a: Uint8Array, b: Uint8Array) => v100.run(a, b, 0).value) as Loop<never>, a: fa, b: fb },
    { run: ((a: Uint8Array, b: Uint8Array) => a100.run(a, b, 0).value) as Loop<never>, a: fa, b: fb },
  ]);
  report(`fp8-e4m3×fp8-e4m3 → tc-v100 (${v100.kernel}, ${via})`, g5.seconds[1]!, g5.seconds[0]!, 2);
  report(`fp8-e4m3×fp8-e4m3 → tc-a100 (${a100.kernel}, ${via})`, g5.seconds[2]!, g5.seconds[0]!, 2);
  console.log(`checksum ${(g1.sink + g2.sink + g3.sink + g4.sink + g5.sink).toExponential(3)}`);
}

main();
