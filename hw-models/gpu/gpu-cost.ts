import type { Result } from "../../workloads/result.js";
import type { ComponentCost, TechNodeNm } from "../cost/index.js";
import { leaves, nodeFactors, operandFromFormat } from "../cost/index.js";
import { dotUnitCost } from "../cost/dot-unit.js";
import type { CostAssumption } from "../hardware-model.js";
import type { OperandFormat } from "../precision.js";
import { elementFormat } from "../precision.js";
import { lookupScalar } from "../../sim/numerics/formats/registry.js";
import type { GpuParams } from "./gpu-params.js";
import type { ExecutionPlan, OperandClass } from "./execution-plan.js";

/** Joules → picojoules. */
const PJ = 1e12;

/**
 * Dynamic energy per tensor-core MAC of a kind, an upper bound: the non-static share of TDP spent at that kind's
 * dense peak (no cited per-op figure exists for these GPUs).
 */
export function tensorPjPerMac(params: GpuParams, macsPerSmPerClk: number): number {
  const macsPerSecond = params.sms * macsPerSmPerClk * params.clockMhz * 1e6;
  return (params.tdpW * (1 - params.staticPowerFraction) * PJ) / macsPerSecond;
}

/** Dynamic energy per CUDA-core lane operation, the same upper bound at the INT32 lanes' peak. */
export function cudaPjPerOp(params: GpuParams): number {
  const opsPerSecond = params.sms * params.cudaInt32LanesPerSm * params.clockMhz * 1e6;
  return (params.tdpW * (1 - params.staticPowerFraction) * PJ) / opsPerSecond;
}

/** The format a tensor core sees after conversion (for the datapath what-if). */
function tensorOperand(cls: OperandClass, original: OperandFormat): OperandFormat {
  const scalar = (id: string): OperandFormat => {
    const r = lookupScalar(id);
    if (!r.ok) throw new Error(`gpu-cost: format ${id}`);
    return { kind: "scalar", format: r.format };
  };
  const same = original.kind === "block" ? ["mxfp8", "mxfp6", "mxfp4", "nvfp4"] : ["fp8", "fp6", "fp4", "int8", "int4", "fp16", "bf16", "tf32"];
  if (same.includes(cls) && classOf(original) === cls) return original;
  const ids: Partial<Record<OperandClass, string>> = { fp16: "fp16", bf16: "bf16", tf32: "tf32", fp8: "fp8-e4m3", int8: "int8", int4: "int4", fp4: "fp4-e2m1", fp6: "fp6-e2m3" };
  return scalar(ids[cls] ?? "bf16");
}

function classOf(f: OperandFormat): string {
  if (f.kind === "block") return f.format.id.startsWith("mxfp8") ? "mxfp8" : f.format.id.startsWith("mxfp6") ? "mxfp6" : f.format.id;
  const id = f.format.id;
  return id.startsWith("fp8") ? "fp8" : id.startsWith("fp6") ? "fp6" : id.startsWith("fp4") ? "fp4" : f.format.kind === "int" ? (f.format.bits <= 4 ? "int4" : "int8") : id;
}

/**
 * What-if: the tensor core's datapath for this plan as one dot unit of the MMA's block size (Fasi et al. 2021;
 * hw-models/cost/dot-unit.ts), per MAC lane, scaled from 45 nm to the GPU's node (Stillmaker & Baas 2017).
 */
export function tensorDatapathWhatIf(params: GpuParams, plan: ExecutionPlan, fa: OperandFormat, fb: OperandFormat, conv: { a: OperandClass; b: OperandClass }): Result<{ unit: ComponentCost; areaUm2: number; energyPj: number; assumptions: CostAssumption[] }> {
  const ta = tensorOperand(conv.a, fa);
  const tb = tensorOperand(conv.b, fb);
  const oa = operandFromFormat(elementFormat(ta));
  const ob = operandFromFormat(elementFormat(tb));
  const integer = oa.kind === "int" && ob.kind === "int";
  const block = ta.kind === "block" ? ta.format : tb.kind === "block" ? tb.format : undefined;
  const spec = plan.accumulator;
  const lanes = Math.min(64, Math.max(2, integer ? plan.mmaK / 2 : plan.lanes));
  const unit = dotUnitCost(oa, ob, {
    lanes,
    accumulator: integer ? { kind: "int", bits: 32 } : { kind: "float", expBits: 8, manBits: 23 },
    extraAlignBits: spec.kind === "tensor-core" || spec.kind === "tensor-core-promoted" ? spec.neab : 0,
    block: block ? { scale: operandFromFormat(block.scale), blockSize: block.defaultBlockSize } : undefined,
  });
  if (!unit.ok) return unit;
  const f = nodeFactors({ nodeNm: params.techNodeNm as TechNodeNm, method: "stillmaker-2017" });
  const assumptions: CostAssumption[] = leaves(unit.value).map((l) => ({ name: l.component, value: l.areaUm2.value, unit: l.areaUm2.unit, source: l.areaUm2.source }));
  assumptions.push({ name: `area factor 45→${params.techNodeNm} nm`, value: f.areaFactor.value, unit: "1", source: f.areaFactor.source });
  assumptions.push({ name: `energy factor 45→${params.techNodeNm} nm`, value: f.energyFactor.value, unit: "1", source: f.energyFactor.source });
  return { ok: true, value: { unit: unit.value, areaUm2: unit.value.areaUm2.value * f.areaFactor.value, energyPj: unit.value.energyPj.value * f.energyFactor.value, assumptions } };
}
