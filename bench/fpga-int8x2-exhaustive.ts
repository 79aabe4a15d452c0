/**
 * INT8×2 packing (WP486) over all 2^24 (a, b, c) int8 triples: the DSP48E2 product P = (a·2^18 + b)·c and
 * WP486's extraction (ac = (P >> 18) + P[17], bc = SignExtend(P[17:0])) against plain integer products.
 * Run: npx tsc -p tsconfig.json --outDir /tmp/fpga-dist && node /tmp/fpga-dist/bench/fpga-int8x2-exhaustive.js
 */
import { int8x2Ports, packedProduct, wp486Extract } from "../hw-models/fpga/packing.js";

const t0 = performance.now();
let checked = 0;
let wrong = 0;
for (let a = -128; a < 128; a++)
  for (let b = -128; b < 128; b++)
    for (let c = -128; c < 128; c++) {
      const { ac, bc } = wp486Extract(packedProduct(int8x2Ports(a, b, c)));
      if (ac !== a * c || bc !== b * c) {
        if (wrong++ < 5) console.log(`mismatch a=${a} b=${b} c=${c}: ac=${ac} bc=${bc}`);
      }
      checked++;
    }
console.log(`int8x2 exhaustive: ${checked} triples (2^24 = ${2 ** 24}), ${wrong} wrong, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
if (wrong) process.exitCode = 1;
