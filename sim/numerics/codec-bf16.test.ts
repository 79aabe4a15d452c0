// Exhaustive oracle checks for bf16: every code decoded, every code round-tripped, every midpoint ± ε against the
// independent oracle (the suite is shared with the other 16-bit float; see testing/sixteen-bit-suite.ts).
import { sixteenBitFloatSuite } from "./testing/sixteen-bit-suite.js";

sixteenBitFloatSuite("bf16");
