/**
 * Area of a whole array: processing elements, on-chip SRAM by capacity and control overhead, with a breakdown.
 * Control is a fraction of the total (default: TPUv1's 2%, a lower bound for small arrays).
 */
import { TPUV1_CONTROL_FRACTION } from "./data/array-references.js";
import { estimate, type ComponentCost, type Estimate } from "./estimate.js";
import { sramArea, sramAreaPerBit } from "./sram.js";

/** One on-chip buffer. */
export interface SramBufferSpec {
  readonly name: string;
  readonly capacityBytes: number;
}

/** What the array is made of. */
export interface ArrayAreaSpec {
  /** One processing element (e.g. a MAC unit plus its pipeline registers). */
  readonly pe: ComponentCost;
  readonly peCount: number;
  readonly buffers: readonly SramBufferSpec[];
  /** Control share of the total area; default TPUV1_CONTROL_FRACTION. */
  readonly controlFraction?: Estimate;
  /** SRAM area per bit; default Intel 45 nm chip density. */
  readonly sramAreaPerBit?: Estimate;
}

/** Array area with its breakdown (µm²). */
export interface ArrayAreaBreakdown {
  readonly totalUm2: Estimate;
  readonly peArrayUm2: Estimate;
  readonly sramUm2: Estimate;
  readonly controlUm2: Estimate;
  readonly buffersUm2: Readonly<Record<string, Estimate>>;
}

/** Area of PEs + SRAM + control, where control = fraction × total. */
export function arrayArea(spec: ArrayAreaSpec): ArrayAreaBreakdown {
  if (!Number.isInteger(spec.peCount) || spec.peCount < 0) throw new RangeError(`arrayArea: bad PE count ${spec.peCount}`);
  const frac = spec.controlFraction ?? TPUV1_CONTROL_FRACTION;
  if (!(frac.value >= 0 && frac.value < 1) || frac.unit !== "1") throw new RangeError(`arrayArea: control fraction must be in [0, 1), got ${frac.value}`);
  const perBit = spec.sramAreaPerBit ?? sramAreaPerBit();
  const pe = estimate(spec.peCount * spec.pe.areaUm2.value, "um2", `${spec.peCount} × ${spec.pe.component} (${spec.pe.areaUm2.source})`);
  const buffers: Record<string, Estimate> = {};
  let sramTotal = 0;
  for (const b of spec.buffers) {
    if (b.name in buffers) throw new RangeError(`arrayArea: duplicate buffer name ${b.name}`);
    buffers[b.name] = sramArea(b.capacityBytes, perBit);
    sramTotal += buffers[b.name]!.value;
  }
  const sram = estimate(sramTotal, "um2", `Σ buffers: ${spec.buffers.map((b) => `${b.name} ${b.capacityBytes} B`).join(", ") || "none"} × ${perBit.source}`);
  const datapath = pe.value + sram.value;
  const control = estimate((datapath * frac.value) / (1 - frac.value), "um2", `control = ${frac.value} of total (${frac.source})`);
  return {
    totalUm2: estimate(datapath + control.value, "um2", "PE array + SRAM + control"),
    peArrayUm2: pe,
    sramUm2: sram,
    controlUm2: control,
    buffersUm2: buffers,
  };
}
