import { fail, ok, type Result } from "../../../workloads/result.js";
import { createOsArrayRtl } from "./os-testbench.js";
import type { MacArrayRtl, MacArrayRtlConfig, RtlGemmArgs, RtlGemmOperands, RtlGemmRun } from "./rtl-gemm.js";
import { createStationaryArrayRtl } from "./stationary-testbench.js";

const positiveInt = (v: number) => Number.isInteger(v) && v >= 1;

/** Check an array configuration; the reason names the bad field. */
function checkConfig(c: MacArrayRtlConfig): string | undefined {
  if (c.dataflow !== "os" && c.dataflow !== "ws" && c.dataflow !== "is") return `dataflow '${String(c.dataflow)}' is not os, ws or is`;
  for (const key of ["rows", "cols", "macPipelineDepth"] as const) {
    if (!positiveInt(c[key])) return `${key} ${c[key]} must be a positive integer`;
  }
  return undefined;
}

/** Check a GEMM's shape and operand lengths; the reason names the bad field. */
function checkOperands(o: RtlGemmOperands): string | undefined {
  const { m, n, k } = o.gemm;
  for (const [key, v] of [["m", m], ["n", n], ["k", k]] as const) {
    if (!positiveInt(v)) return `gemm.${key} ${v} must be a positive integer`;
  }
  if (o.a.length !== m * k) return `a has ${o.a.length} elements, expected m·k = ${m * k}`;
  if (o.b.length !== k * n) return `b has ${o.b.length} elements, expected k·n = ${k * n}`;
  return undefined;
}

/**
 * Elaborate the RTL MAC array (rows×cols PEs of the config's dataflow and MAC depth) once, for any number of
 * GEMMs; each `runGemm` validates its operands and steps every fold cycle by cycle.
 */
export function createMacArrayRtl(config: MacArrayRtlConfig): Result<MacArrayRtl> {
  const bad = checkConfig(config);
  if (bad) return fail(`rtl mac array: ${bad}`);
  const array = config.dataflow === "os" ? createOsArrayRtl(config) : createStationaryArrayRtl(config);
  return ok({
    config,
    runGemm: (operands) => {
      const badOperands = checkOperands(operands);
      return badOperands ? fail(`rtl mac array: ${badOperands}`) : array.runGemm(operands);
    },
  });
}

/**
 * Run one GEMM C[m×n] = A[m×k]·B[k×n] on a freshly elaborated RTL MAC array (the `rtl` engine; it agrees with
 * fold-schedule.ts's `gemmSchedule` on cycles and actions, and with a chunked accumulation loop on outputs).
 */
export function runGemmRtl(args: RtlGemmArgs): Result<RtlGemmRun> {
  const bad = checkOperands(args);
  if (bad) return fail(`rtl mac array: ${bad}`);
  const array = createMacArrayRtl(args);
  return array.ok ? array.value.runGemm(args) : array;
}
