/**
 * Flip-flop registers (accumulator and pipeline registers), one NanGate DFF_X1 per bit. Energy per cycle has a
 * clock part (every bit, every cycle) and a data part (bits that change); the table figure assumes the
 * baseline toggle rate 0.5. Library energies are moved from 1.1 V to Horowitz's 0.9 V by C·V².
 */
import { BASELINE_TOGGLE_RATE } from "./data/array-references.js";
import { NANGATE_DFF_X1 as D } from "./data/nangate-45nm.js";
import { compose, estimate, leaf, type ActivityClass, type ComponentCost, type Estimate } from "./estimate.js";
import { CV2_SOURCE } from "./scaling-laws.js";

/** Supply the Horowitz 45 nm table is quoted at. */
const HOROWITZ_VDD = 0.9;

/** Factor that moves a DFF_X1 energy from the library's 1.1 V to 0.9 V. */
function voltageFactor(): number {
  return (HOROWITZ_VDD / D.supply.value) ** 2;
}

/** Clock energy per bit per cycle when the bit does not change (pJ, at 0.9 V). */
export function registerClockEnergyPerBit(): Estimate {
  const perCycleFj = ((D.clockFallSameD0.value + D.clockRiseSameD0.value) + (D.clockFallSameD1.value + D.clockRiseSameD1.value)) / 2;
  return estimate(
    (perCycleFj * voltageFactor()) / 1000,
    "pJ",
    `DFF_X1 CK rise+fall internal energy with D = Q, mean of D=0/D=1 (${D.clockFallSameD0.source} …), scaled 1.1→0.9 V by ${CV2_SOURCE}`,
  );
}

/** Extra energy when a bit toggles (pJ, at 0.9 V): D-pin transition plus the larger capture edge on CK. */
export function registerToggleEnergyPerBit(): Estimate {
  const dataFj = (D.dataFallQ0.value + D.dataRiseQ0.value + D.dataFallQ1.value + D.dataRiseQ1.value) / 4;
  const captureFj = (D.clockFallCaptureD0.value + D.clockFallCaptureD1.value) / 2;
  const holdFj = ((D.clockFallSameD0.value + D.clockRiseSameD0.value) + (D.clockFallSameD1.value + D.clockRiseSameD1.value)) / 2;
  return estimate(
    ((dataFj + captureFj - holdFj) * voltageFactor()) / 1000,
    "pJ",
    `DFF_X1 D-pin internal energy per transition (mean of rise/fall) + (CK capture edge − CK hold cycle), NanGate 45 nm; output load not included; scaled 1.1→0.9 V by ${CV2_SOURCE}`,
  );
}

/** Area of one register bit (µm²). */
export function registerAreaPerBit(): Estimate {
  return D.area;
}

/**
 * An n-bit register updated once per action (one cycle): energy (pJ) at the baseline toggle rate and area (µm²).
 * Two leaves: the clock part (never scaled by activity) carries no area; the data part carries the area.
 */
export function registerCost(bits: number, activityClass: Exclude<ActivityClass, "clock">, name = `register(${bits}b)`): ComponentCost {
  if (!Number.isInteger(bits) || bits < 1) throw new RangeError(`registerCost: bits must be a positive integer, got ${bits}`);
  const clk = registerClockEnergyPerBit();
  const tog = registerToggleEnergyPerBit();
  const alpha = BASELINE_TOGGLE_RATE.value;
  const clock = leaf(
    `${name}.clock`,
    estimate(bits * clk.value, "pJ", `${bits} bits × ${clk.source}`),
    estimate(0, "um2", "area counted in the data leaf of the same register"),
    "clock",
  );
  const data = leaf(
    `${name}.data`,
    estimate(bits * alpha * tog.value, "pJ", `${bits} bits × toggle rate ${alpha} (${BASELINE_TOGGLE_RATE.source}) × ${tog.source}`),
    estimate(bits * D.area.value, "um2", `${bits} × ${D.area.source}`),
    activityClass,
  );
  return compose(name, [clock, data]);
}

/** An accumulator register of `bits` (driven by the accumulator's toggles in activity mode). */
export function accumulatorRegisterCost(bits: number): ComponentCost {
  return registerCost(bits, "accumulator", `accumulator-register(${bits}b)`);
}

/** A pipeline register of `bits` between datapath stages (driven by the operands' toggles). */
export function pipelineRegisterCost(bits: number): ComponentCost {
  return registerCost(bits, "operands", `pipeline-register(${bits}b)`);
}
