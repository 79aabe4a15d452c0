import type { Result } from "../workloads/result.js";
import type { HardwareModel } from "./hardware-model.js";
import { parsePrecision } from "./precision.js";
import { resolveAccumulator } from "../sim/numerics/ops/accumulator.js";
import { lookupHardware } from "./registry.js";
import { GPU_PRESETS } from "./gpu/presets/index.js";
import { GpuModel } from "./gpu/model.js";
import type { TensorKind } from "./gpu/gpu-spec.js";
import { McuModel, mcuHardwareList, mcuHardwareShow } from "./mcu/model.js";
import { FpgaModel, fpgaHardwareList, fpgaHardwareShow } from "./fpga/model.js";

/** One entry of `hwsim hardware list`: `id` is accepted by `--hw` as it is. */
export interface HardwareEntry {
  readonly id: string;
  readonly kind: string;
  readonly description: string;
}

/** Every preset of every substrate. */
export function listHardware(): HardwareEntry[] {
  return [
    { id: "mac-array", kind: "mac-array", description: "ASIC systolic MAC array (default 32×32, WS, dot16 PEs, 45 nm); keys rows, cols, dataflow, pe, depth, ifmap, filter, ofmap, bw, clock, node" },
    ...GPU_PRESETS.map((p) => ({
      id: `gpu:${p.id}`,
      kind: "gpu",
      description: `${p.name} (${p.arch}): ${p.sms.value} SMs, ${p.dramBandwidthGBs.value} GB/s, ${p.tdpW.value} W, ${p.process}`,
    })),
    ...mcuHardwareList(),
    ...fpgaHardwareList(),
  ];
}

/** A dense peak: `tops` counts 2 operations per MAC, no sparsity. */
export interface PeakEntry {
  readonly precision: string;
  readonly accumulator: string;
  readonly macsPerCycle: number;
  readonly tops: number;
}

/** Precision id (as compare accepts it) for each GPU MMA kind, and whether it accumulates in fp16. */
const KIND_PRECISION: Readonly<Record<TensorKind, { precision: string; acc16?: boolean }>> = {
  fp16: { precision: "fp16" },
  "fp16-acc16": { precision: "fp16", acc16: true },
  bf16: { precision: "bf16" },
  tf32: { precision: "tf32" },
  fp8: { precision: "fp8" },
  "fp8-acc16": { precision: "fp8", acc16: true },
  int8: { precision: "int8" },
  int4: { precision: "int4" },
  f8f6f4: { precision: "fp6-e2m3" },
  fp4: { precision: "fp4" },
  mxfp8: { precision: "mxfp8" },
  mxfp6: { precision: "mxfp6" },
  mxfp4: { precision: "mxfp4" },
  nvfp4: { precision: "nvfp4" },
};

/** Precisions listed for the MAC array (every one runs at one MAC per lane per cycle). */
const ARRAY_PRECISIONS = ["int8", "int4", "fp8", "fp16", "bf16", "mxfp4", "nvfp4"];

/** What `hwsim hardware show` prints: id, kind, params, dense peaks, and for GPUs the headline figures. */
export function showHardware(spec: string): Result<Record<string, unknown>> {
  const r = lookupHardware(spec);
  if (!r.ok) return r;
  const m: HardwareModel<unknown> = r.value;
  const tops = (macsPerCycle: number) => (2 * macsPerCycle * m.clockMhz * 1e6) / 1e12;
  const peak: PeakEntry[] = [];
  if (m instanceof McuModel) return { ok: true, value: mcuHardwareShow(m) };
  if (m instanceof FpgaModel) return { ok: true, value: fpgaHardwareShow(m) };
  if (m instanceof GpuModel) {
    const P = m.params;
    for (const [kind, rate] of Object.entries(P.tensor) as [TensorKind, number][]) {
      const { precision, acc16 } = KIND_PRECISION[kind];
      const p = parsePrecision(precision);
      if (!p.ok) continue;
      const plan = m.plan({ roles: { a: "activations", b: "weights", c: "activations" } }, p.precision);
      let accumulator = plan.ok ? plan.value.accumulator.id : "?";
      if (acc16 && plan.ok) {
        const a = resolveAccumulator(plan.value.accumulator.id.startsWith("tc-h100-fp8") ? "tc-ada" : plan.value.accumulator.id, { outputFormat: "fp16" });
        accumulator = a.ok ? a.spec.id : accumulator;
      }
      peak.push({ precision, accumulator, macsPerCycle: P.sms * rate, tops: tops(P.sms * rate) });
    }
    return {
      ok: true,
      value: {
        id: m.id, kind: m.kind, params: P, peak,
        sms: P.sms, clockMhz: P.clockMhz, memoryBandwidthGBs: P.memoryBandwidthGBs, l2Bytes: P.l2Bytes, tdpW: P.tdpW,
      },
    };
  }
  for (const name of ARRAY_PRECISIONS) {
    const p = parsePrecision(name);
    if (!p.ok || !m.supports(p.precision).ok) continue;
    peak.push({ precision: name, accumulator: p.precision.accumulator.id, macsPerCycle: m.peCount, tops: tops(m.peCount) });
  }
  return { ok: true, value: { id: spec.trim().toLowerCase(), kind: m.kind, params: m.params, peak, clockMhz: m.clockMhz } };
}
