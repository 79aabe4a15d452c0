import type { IsaUnit } from "./unit.js";
import { ARM_DSP_UNITS } from "./arm-dsp.js";
import { HELIUM_UNITS } from "./helium.js";
import { ARM_FP_UNITS, ARMV81M_FP16_UNITS, PULP_FP_UNITS } from "./fp.js";
import { pulpDotUnits, RV32_UNITS, XPULP_SIMD_UNITS } from "./xpulp.js";

export type { IsaUnit, IsaOutcome, OperandSpec, IsaFamily } from "./unit.js";

const M4 = [...ARM_DSP_UNITS, ...ARM_FP_UNITS];
const CV32 = [...RV32_UNITS, ...pulpDotUnits(["b", "h"]), ...XPULP_SIMD_UNITS, ...PULP_FP_UNITS];
const mveNames = new Set(HELIUM_UNITS.map((u) => u.name));

/** Instruction sets per ISA target (`hwsim isa <target>`); a preset's core maps to one of these. */
export const ISA_TARGETS: Readonly<Record<string, readonly IsaUnit[]>> = {
  "cortex-m4": M4,
  "cortex-m7": M4,
  // M55: the DSP extension plus MVE (its VFMA.F32 is the vector form; the scalar one keeps its name).
  "cortex-m55": [...M4.filter((u) => !mveNames.has(u.name)), ...ARMV81M_FP16_UNITS, ...HELIUM_UNITS],
  cv32e40p: CV32,
  "cv32e40p-xpulpnn": [...CV32, ...pulpDotUnits(["n", "c"])],
};

/** Preset names whose cores use another target's ISA (a PULP cluster and GAP9 run XpulpV2 RI5CY cores). */
export const ISA_ALIASES: Readonly<Record<string, string>> = { "pulp-cluster": "cv32e40p", gap9: "cv32e40p" };

/** Every operand name any instruction takes (the `hwsim isa` options). */
export function allOperandNames(): string[] {
  return [...new Set(Object.values(ISA_TARGETS).flatMap((set) => set.flatMap((u) => u.inputs.map((i) => i.name))))].sort();
}

/** The unit for an instruction on a target (or a preset that names one), or why there is none. */
export function lookupInstruction(target: string, name: string): { ok: true; unit: IsaUnit; target: string } | { ok: false; reason: string } {
  const t = ISA_ALIASES[target.toLowerCase()] ?? target.toLowerCase();
  const set = ISA_TARGETS[t];
  if (!set) return { ok: false, reason: `unknown ISA target '${target}': available: ${[...Object.keys(ISA_TARGETS), ...Object.keys(ISA_ALIASES)].join(", ")}` };
  const key = name.toLowerCase().replace(/^cv\./, "pv.");
  // cv.* (CORE-V names) also find the XpulpV2 p.* forms (cv.extract = p.extract).
  const unit = set.find((u) => u.name === key) ?? set.find((u) => u.name === name.toLowerCase()) ?? set.find((u) => u.name === name.toLowerCase().replace(/^cv\./, "p."));
  if (!unit) return { ok: false, reason: `${target} has no instruction '${name}': it has ${set.map((u) => u.name).join(", ")}` };
  return { ok: true, unit, target: t };
}
