// Exhaustive every-pair check of the fast path against ops/dot.ts; the suite lives in testing/every-pair-suite.ts.
import { everyPairSuite } from "./testing/every-pair-suite.js";

everyPairSuite("fast path equals the reference on every pair of codes (tensor cores, mixed inputs)", [
  ["tc-h100", ["fp8-e4m3", "fp8-e4m3"]],
  ["tc-v100", ["fp4-e2m1", "fp4-e2m1"]],
  ["tc-h100-fp8", ["fp8-e5m2", "fp8-e4m3"]],
  ["fp32-seq", ["int8", "fp8-e4m3"]],
  ["int48-dsp", ["uint8", "int8"]],
]);
