// Exhaustive oracle checks for bf16: every code decoded, every code round-tripped, every midpoint ± ε against the
// independent oracle (the suite is shared with the other 16-bit float; see oracle/sixteen-bit-suite.ts).
import { sixteenBitFloatSuite } from "./oracle/sixteen-bit-suite.js";

sixteenBitFloatSuite("bf16");
