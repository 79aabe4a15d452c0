import type { Result } from "../../workloads/result.js";
import type { ScalarFormat } from "../../sim/numerics/formats/format.js";
import type { AccumulatorSpec } from "../../sim/numerics/ops/accumulator.js";
import { decode } from "../../sim/numerics/codec.js";
import { toFloat64 } from "../../sim/numerics/float64.js";
import { maxFiniteCode } from "../../sim/numerics/formats/float.js";
import type { AccumulatorCostSpec, ComponentCost, Estimate } from "../cost/index.js";
import {
  blockMacCost,
  compose,
  dramEnergyPerBit,
  estimate,
  leakageDensity,
  leaves,
  macUnitCost,
  operandFromFormat,
  pipelineRegisterCost,
  productShape,
  registerCost,
  scaleCost,
  sramAccessEnergy,
} from "../cost/index.js";
import type { CostAssumption } from "../hardware-model.js";
import type { OperandFormat, Precision } from "../precision.js";
import { elementFormat, operandBitsPerElement } from "../precision.js";
import type { MacArrayAction } from "./fold-schedule.js";
import type { MacArrayParams } from "./params.js";
import { peLanes } from "./params.js";
import { DOT_PE_EXTRA_ALIGN_BITS, peAccumulator } from "./pe-accumulator.js";
import type { DotAccumulatorCostSpec } from "../cost/dot-unit.js";
import { dotUnitCost } from "../cost/dot-unit.js";

/** The priced datapath of one array configuration and precision, at 45 nm. */
export interface MacArrayDatapath {
  /** One MAC lane: multiplier + accumulator (+ block scale unit share). */
  readonly mac: ComponentCost;
  /** One PE: MAC + operand registers + product pipeline registers. */
  readonly pe: ComponentCost;
  /** Energy per counted action (pJ at 45 nm). */
  readonly perActionPj: Readonly<Record<MacArrayAction, Estimate>>;
  readonly dramPjPerBit: Estimate;
  readonly leakageDensity: Estimate;
  readonly accumulatorBits: number;
  readonly assumptions: readonly CostAssumption[];
}

/** Map the simulator's accumulator to the cost library's structural descriptor. */
export function accumulatorCostSpec(spec: AccumulatorSpec, a: ScalarFormat, b: ScalarFormat): Result<AccumulatorCostSpec> {
  switch (spec.kind) {
    case "int":
      return { ok: true, value: { kind: "int", bits: spec.widthBits } };
    case "float":
      return { ok: true, value: { kind: "float", expBits: spec.format.expBits, manBits: spec.format.manBits } };
    case "exact":
      return { ok: true, value: { kind: "kulisch", bits: kulischBits(a, b) } };
    default:
      return { ok: false, reason: `the MAC array has no ${spec.kind} accumulator (tensor-core accumulators belong to the gpu-tensor-core substrate)` };
  }
}

/**
 * Width of a Kulisch register for products of a and b: the product's binade span plus its significand, plus
 * 16 carry bits (sums of up to 65536 products cannot overflow; Kulisch & Miranker's exact dot product idea).
 */
function kulischBits(a: ScalarFormat, b: ScalarFormat): number {
  const span = (f: ScalarFormat) => {
    if (f.kind === "int") return { hi: f.bits, lo: 0 };
    const max = toFloat64(decode(f, maxFiniteCode(f, 0)));
    const min = toFloat64(decode(f, 1n));
    return { hi: Math.ceil(Math.log2(max)) + 1, lo: Math.floor(Math.log2(min)) };
  };
  const sa = span(a);
  const sb = span(b);
  return sa.hi + sb.hi - (sa.lo + sb.lo) + 16;
}

/** What a PE's arithmetic is priced as: a MAC unit with its accumulator, or a dot unit with its register. */
export type DatapathAccumulator =
  | { readonly pe: "mac"; readonly acc: AccumulatorCostSpec }
  | { readonly pe: "dot"; readonly lanes: number; readonly acc: DotAccumulatorCostSpec; readonly extraAlignBits: number; readonly alignBits?: number };

/** The accumulator cost descriptor of a PE running `spec` (already the PE's own: see pe-accumulator.ts). */
export function datapathAccumulator(spec: AccumulatorSpec, a: ScalarFormat, b: ScalarFormat, lanes: number): Result<DatapathAccumulator> {
  if (lanes === 1) {
    const acc = accumulatorCostSpec(spec, a, b);
    return acc.ok ? { ok: true, value: { pe: "mac", acc: acc.value } } : acc;
  }
  switch (spec.kind) {
    case "int":
      return { ok: true, value: { pe: "dot", lanes, acc: { kind: "int", bits: spec.widthBits }, extraAlignBits: 0 } };
    case "tensor-core":
      return {
        ok: true,
        // The register is aligned with the products: every lane shifts across the full register width.
        value: { pe: "dot", lanes, acc: { kind: "float", expBits: spec.outputFormat.expBits, manBits: spec.outputFormat.manBits }, extraAlignBits: spec.neab, alignBits: spec.fracBits + 1 + spec.neab },
      };
    case "dot-unit":
      return {
        ok: true,
        value: { pe: "dot", lanes, acc: { kind: "float", expBits: spec.outputFormat.expBits, manBits: spec.outputFormat.manBits }, extraAlignBits: DOT_PE_EXTRA_ALIGN_BITS },
      };
    default:
      return { ok: false, reason: `a dot-product PE has no priced ${spec.kind} register ('${spec.id}'): use pe=mac` };
  }
}

function macFor(wa: OperandFormat, wb: OperandFormat, acc: AccumulatorCostSpec): Result<ComponentCost> {
  const oa = operandFromFormat(elementFormat(wa));
  const ob = operandFromFormat(elementFormat(wb));
  const block = wa.kind === "block" ? wa.format : wb.kind === "block" ? wb.format : undefined;
  if (!block) return macUnitCost(oa, ob, acc);
  return blockMacCost(oa, ob, { scale: operandFromFormat(block.scale), blockSize: block.defaultBlockSize }, acc);
}

/**
 * Price a MAC array's datapath for a precision (Accelergy style: one energy per action, every figure sourced).
 * `fa`/`fb` are the formats of GEMM operands A and B (A sits in the ifmap buffer, B in the filter buffer).
 */
export function macArrayDatapath(params: MacArrayParams, p: Precision, fa: OperandFormat, fb: OperandFormat): Result<MacArrayDatapath> {
  const ea = elementFormat(fa);
  const eb = elementFormat(fb);
  const lanes = peLanes(params.pe);
  const peSpec = peAccumulator(p.accumulator, lanes, { a: p.activations, b: p.weights });
  if (!peSpec.ok) return peSpec;
  const dp = datapathAccumulator(peSpec.value, ea, eb, lanes);
  if (!dp.ok) return dp;
  const mac = dp.value.pe === "mac" ? macFor(fa, fb, dp.value.acc) : dotFor(fa, fb, dp.value);
  if (!mac.ok) return mac;
  const prod = productShape(operandFromFormat(ea), operandFromFormat(eb));
  const productBits = prod.significandBits + prod.exponentBits + 1;
  // A dot<n> PE holds n-wide operand and product registers; its arithmetic is the whole dot unit.
  const wide = (c: ComponentCost, what: string) => (lanes === 1 ? c : scaleCost(c, lanes, `${lanes} lanes${what}`));
  const regA = wide(registerCost(ea.bits, "operands", `operand-register(${ea.id})`), "");
  const regB = wide(registerCost(eb.bits, "operands", `operand-register(${eb.id})`), "");
  const pipeline = wide(pipelineRegisterCost(productBits), "");
  const depth = params.macPipelineDepth;
  const unit = wide(mac.value, ": the whole dot unit");
  const peParts = [unit, regA, regB, ...(depth > 1 ? [scaleCost(pipeline, depth - 1, `${depth - 1} product stages`)] : [])];
  const pe = compose(`pe(${p.id})`, peParts);
  const accBits = dp.value.pe === "dot" ? (dp.value.acc.kind === "float" ? 1 + dp.value.acc.expBits + dp.value.acc.manBits : dp.value.acc.bits) : accumulatorBitsOf(dp.value.acc);
  const bitsA = operandBitsPerElement(fa);
  const bitsB = operandBitsPerElement(fb);
  const kib = (x: number) => x * 1024;
  const streamed = params.dataflow === "is" ? regB : regA;
  const stationary = params.dataflow === "is" ? regA : regB;
  const opRegPj =
    params.dataflow === "os"
      ? estimate((regA.energyPj.value + regB.energyPj.value) / 2, "pJ", `mean of the a and b operand registers (OS latches both): ${regA.energyPj.source}`)
      : streamed.energyPj;
  // Actions count PE steps and wide (n-element) operands on a dot PE: per-action energies are n lanes'.
  const perActionPj: Record<MacArrayAction, Estimate> = {
    mac: unit.energyPj,
    "operand-register-write": opRegPj,
    // The accumulate register is part of the MAC unit (its energy is in `mac`): not priced twice.
    "accumulator-register-write": estimate(0, "pJ", "included in the MAC unit's accumulator register"),
    "pipeline-register-write": pipeline.energyPj,
    "stationary-register-write": params.dataflow === "os" ? estimate(0, "pJ", "no stationary tile in OS") : stationary.energyPj,
    "sram-read-a": sramPerElement(kib(params.ifmapSramKb), lanes * bitsA, "read"),
    "sram-read-b": sramPerElement(kib(params.filterSramKb), lanes * bitsB, "read"),
    "sram-write-out": sramPerElement(kib(params.ofmapSramKb), accBits, "write"),
    "sram-read-out": sramPerElement(kib(params.ofmapSramKb), accBits, "read"),
  };
  const dram = dramEnergyPerBit("mid");
  const leak = leakageDensity();
  const assumptions: CostAssumption[] = [
    ...leaves(pe).flatMap((l) => [
      { name: `${l.component} energy`, value: l.energyPj.value, unit: "pJ", source: l.energyPj.source },
      { name: `${l.component} area`, value: l.areaUm2.value, unit: "um2", source: l.areaUm2.source },
    ]),
    ...Object.entries(perActionPj)
      .filter(([a]) => a.startsWith("sram"))
      .map(([a, e]) => ({ name: `${a} energy per element`, value: e.value, unit: e.unit, source: e.source })),
    { name: "DRAM energy per bit", value: dram.value, unit: dram.unit, source: dram.source },
    { name: "leakage power density", value: leak.value, unit: leak.unit, source: leak.source },
  ];
  return { ok: true, value: { mac: mac.value, pe, perActionPj, dramPjPerBit: dram, leakageDensity: leak, accumulatorBits: accBits, assumptions: dedupe(assumptions) } };
}

function accumulatorBitsOf(acc: AccumulatorCostSpec): number {
  return acc.kind === "float" ? 1 + acc.expBits + acc.manBits : acc.kind === "block-fma" ? 32 : acc.bits;
}

/** A dot unit for the operand formats (block scale from whichever operand is block-scaled). */
function dotFor(wa: OperandFormat, wb: OperandFormat, dp: Extract<DatapathAccumulator, { pe: "dot" }>): Result<ComponentCost> {
  const block = wa.kind === "block" ? wa.format : wb.kind === "block" ? wb.format : undefined;
  return dotUnitCost(operandFromFormat(elementFormat(wa)), operandFromFormat(elementFormat(wb)), {
    lanes: dp.lanes,
    accumulator: dp.acc,
    extraAlignBits: dp.extraAlignBits,
    ...(dp.alignBits !== undefined ? { alignBits: dp.alignBits } : {}),
    ...(block ? { block: { scale: operandFromFormat(block.scale), blockSize: block.defaultBlockSize } } : {}),
  });
}

/**
 * Energy of moving one element of `bits` (fractional for block formats: scales included) through a 64-bit SRAM
 * port: the 64-bit access energy shared per bit (Horowitz's SRAM figures are per 64-bit access).
 */
function sramPerElement(capacityBytes: number, bits: number, kind: "read" | "write"): Estimate {
  const word = sramAccessEnergy(capacityBytes, 64, kind);
  return estimate((word.value * bits) / 64, "pJ", `${bits}/64 of a 64-bit access: ${word.source}`);
}

function dedupe(xs: CostAssumption[]): CostAssumption[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const key = `${x.name}|${x.value}|${x.source}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
