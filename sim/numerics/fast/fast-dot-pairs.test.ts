// Exhaustive every-pair check of the fast path against ops/dot.ts; the suite lives in testing/every-pair-suite.ts.
import { everyPairSuite } from "./testing/every-pair-suite.js";

everyPairSuite("fast path equals the reference on every pair of codes (fp32 and integer registers)", [
  ["fp32-seq", ["fp8-e4m3", "fp8-e4m3"]],
  ["fp32-fma", ["fp8-e5m2", "fp8-e5m2"]],
  ["fp32-seq", ["fp8-e4m3", "fp8-e5m2"]],
  ["int32-wrap", ["int8", "int8"]],
  ["int32-sat", ["int8", "int8"]],
  ["int32-wrap", ["int4", "int8"]],
]);
