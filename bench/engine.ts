/**
 * Benchmark of the RTL-style engine: a 16×16 output-stationary grid of toy int32 MAC PEs (edge inputs poked every
 * cycle, no VCD), in PE-cycles per second, next to a plain JS loop doing the same arithmetic and register passing
 * on double-buffered typed arrays. Both step styles are measured: `bindStep` (slots resolved at elaboration) and
 * handle-based `step`. Prints ratios; never asserts speed.
 * Run: npm run build && node dist/bench/engine.js
 */
import { elaborate } from "../sim/engine/elaborate.js";
import { osSystolicArray } from "../sim/engine/examples/os-systolic-array.js";
import { createPrng } from "../sim/prng.js";

const ROWS = 16;
const COLS = 16;
const CYCLES = 20_000;
const REPEATS = 5;
const FEED_LEN = 4096; // power of two: feed index wraps with a mask

function makeFeed(seed: number): Int32Array {
  const rng = createPrng(seed);
  const feed = new Int32Array(FEED_LEN);
  for (let i = 0; i < FEED_LEN; i++) feed[i] = (rng.nextUint32() & 0xff) - 128;
  return feed;
}

/** Engine run; returns seconds and the accumulators (row-major). */
function runEngine(style: "bound" | "handles", feedA: Int32Array, feedB: Int32Array): { seconds: number; acc: Int32Array } {
  const sim = elaborate(osSystolicArray, { rows: ROWS, cols: COLS, operandBits: 8, productStages: 0, style });
  const { aIn, bIn, pes } = sim.top;
  const t0 = performance.now();
  for (let t = 0; t < CYCLES; t++) {
    for (let i = 0; i < ROWS; i++) sim.poke(aIn[i]!, feedA[(t * ROWS + i) & (FEED_LEN - 1)]!);
    for (let j = 0; j < COLS; j++) sim.poke(bIn[j]!, feedB[(t * COLS + j) & (FEED_LEN - 1)]!);
    sim.step();
  }
  const seconds = (performance.now() - t0) / 1000;
  const acc = new Int32Array(ROWS * COLS);
  for (let i = 0; i < ROWS; i++) for (let j = 0; j < COLS; j++) acc[i * COLS + j] = sim.peek(pes[i]![j]!.acc);
  return { seconds, acc };
}

/** The same grid as a hand-written double-buffered loop over flat typed arrays. */
function runPlain(feedA: Int32Array, feedB: Int32Array): { seconds: number; acc: Int32Array } {
  const n = ROWS * COLS;
  let aReg = new Int32Array(n);
  let bReg = new Int32Array(n);
  let aNext = new Int32Array(n);
  let bNext = new Int32Array(n);
  const acc = new Int32Array(n);
  const t0 = performance.now();
  for (let t = 0; t < CYCLES; t++) {
    for (let i = 0; i < ROWS; i++) {
      for (let j = 0; j < COLS; j++) {
        const idx = i * COLS + j;
        const a = j === 0 ? feedA[(t * ROWS + i) & (FEED_LEN - 1)]! : aReg[idx - 1]!;
        const b = i === 0 ? feedB[(t * COLS + j) & (FEED_LEN - 1)]! : bReg[idx - COLS]!;
        aNext[idx] = a;
        bNext[idx] = b;
        acc[idx] = (acc[idx]! + Math.imul(a, b)) | 0;
      }
    }
    [aReg, aNext] = [aNext, aReg];
    [bReg, bNext] = [bNext, bReg];
  }
  return { seconds: (performance.now() - t0) / 1000, acc };
}

function best(run: () => { seconds: number; acc: Int32Array }): { seconds: number; acc: Int32Array } {
  let out = run(); // warm-up, also the result we compare
  for (let r = 0; r < REPEATS; r++) {
    const x = run();
    if (x.seconds < out.seconds) out = x;
  }
  return out;
}

const feedA = makeFeed(1);
const feedB = makeFeed(2);
const plain = best(() => runPlain(feedA, feedB));
const peCycles = ROWS * COLS * CYCLES;
const plainRate = peCycles / plain.seconds;
console.log(`engine bench: ${ROWS}x${COLS} toy int32 MAC PEs, ${CYCLES} cycles, best of ${REPEATS} (Node ${process.version})`);
console.log(`  plain loop              ${(plainRate / 1e6).toFixed(1)} M PE-cycles/s`);
for (const style of ["bound", "handles"] as const) {
  const engine = best(() => runEngine(style, feedA, feedB));
  const rate = peCycles / engine.seconds;
  const same = engine.acc.every((v, i) => v === plain.acc[i]);
  console.log(
    `  engine, ${style.padEnd(7)} steps  ${(rate / 1e6).toFixed(1)} M PE-cycles/s, ` +
      `ratio to plain ${(rate / plainRate).toFixed(3)} (same accumulators: ${same})`,
  );
}
