/**
 * Agilex 5 tensor block (hw-models/fpga/agilex5-tensor.ts): many more seeded cascades than the unit test, engine
 * against fast path, bit for bit, and the time of each measured in the same run (printed as a ratio).
 * Run: npx tsc -p tsconfig.json --outDir /tmp/fpga-dist && node /tmp/fpga-dist/bench/fpga-tensor.js [chains]
 */
import { createPrng } from "../sim/prng.js";
import { TENSOR_FXP_MIN, runTensorChain, tensorChainFast } from "../hw-models/fpga/agilex5-tensor.js";
import type { TensorWeights } from "../hw-models/fpga/agilex5-tensor.js";

const chains = Number(process.argv[2] ?? 500);
const rng = createPrng(5);
const v = (ext: boolean) => (ext ? (rng.nextUint32() & 1 ? -128 : 127) : (rng.nextUint32() & 0xff) - 128);
const cases = Array.from({ length: chains }, (_, t) => {
  const n = 1 + (rng.nextUint32() % 64);
  const ext = t % 3 === 0;
  const weights: TensorWeights[] = Array.from({ length: n }, () => [Array.from({ length: 10 }, () => v(ext)), Array.from({ length: 10 }, () => v(ext))]);
  const data = Array.from({ length: n }, () => Array.from({ length: 10 }, () => v(ext)));
  const casc: [number, number] = t % 5 === 0 ? [2 ** 31 - 1 - (rng.nextUint32() % 200000), -(2 ** 31) + (rng.nextUint32() % 200000)] : [0, 0];
  return { weights, data, casc };
});

let t0 = performance.now();
const eng = cases.map((c) => runTensorChain(TENSOR_FXP_MIN, c.weights, c.data, c.casc));
const engineMs = performance.now() - t0;
t0 = performance.now();
const fast = cases.map((c) => tensorChainFast(TENSOR_FXP_MIN, c.weights, c.data, c.casc));
const fastMs = performance.now() - t0;

let wrong = 0;
let blocks = 0;
cases.forEach((c, i) => {
  blocks += c.weights.length;
  const e = eng[i]!;
  const f = fast[i]!;
  if (e.cols[0] !== f.cols[0] || e.cols[1] !== f.cols[1] || e.cycles !== f.cycles) {
    if (wrong++ < 5) console.log(`mismatch chain ${i} (${c.weights.length} blocks): engine ${e.cols} @${e.cycles}, fast ${f.cols} @${f.cycles}`);
  }
});
console.log(`tensor chains: ${chains} (${blocks} blocks, 1..64 per chain), ${wrong} engine ≠ fast path`);
console.log(`engine ${engineMs.toFixed(0)} ms, fast path ${fastMs.toFixed(1)} ms: fast path ${(engineMs / fastMs).toFixed(0)}× faster`);
if (wrong) process.exitCode = 1;
