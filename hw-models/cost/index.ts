/**
 * hwsim cost library: cited area/energy of datapath components at 45 nm (Horowitz ISSCC 2014 calibration,
 * NanGate 45 nm registers and cells for shift-network area), composed into MAC units, block-scaled MACs and
 * whole arrays, with explicit technology scaling and two energy modes (table, activity).
 */
export type { ActivityClass, ComponentCost, CostUnit, Estimate } from "./estimate.js";
export { compose, estimate, leaf, leaves, scaleCost } from "./estimate.js";
export { COST_TABLES } from "./data/index.js";
export { anchoredLaw, fitSingleCoefficient, type AnchoredLaw, type AnchorMethod, type LawAnchor, type LawFit } from "./anchored-law.js";
export { CV2_SOURCE, LINEAR_IN_BITS, PARTIAL_PRODUCTS, SHIFTER_N_LOG_N, SQRT_CAPACITY, type ScalingLaw } from "./scaling-laws.js";
export {
  checkOperand,
  describeOperand,
  exponentBits,
  operandFromFormat,
  significandBits,
  storageBits,
  type OperandCostSpec,
} from "./operand.js";
export { INT_ADDER_AREA, INT_ADDER_ENERGY, intAdderCost } from "./int-adder.js";
export { INT_MULTIPLIER_AREA, INT_MULTIPLIER_ENERGY, intMultiplierCost } from "./int-multiplier.js";
export {
  IEEE_ANCHOR_FORMATS,
  SHIFTER_ENERGY,
  leadingZeroCounterArea,
  lzcNormaliserCost,
  shifterArea,
  shifterCost,
} from "./shifter.js";
export { floatAdderWidths, type FloatAdderWidths } from "./float-adder-structure.js";
export { floatAdderCost } from "./float-adder.js";
export {
  NORMALISE_ROUND_AREA,
  NORMALISE_ROUND_ENERGY,
  floatMultiplierCost,
  normaliseRoundCost,
  type FloatMultiplierOptions,
} from "./float-multiplier.js";
export {
  accumulatorRegisterCost,
  pipelineRegisterCost,
  registerAreaPerBit,
  registerClockEnergyPerBit,
  registerCost,
  registerToggleEnergyPerBit,
} from "./register.js";
export {
  FP32_WIDTHS,
  accumulatorCost,
  describeAccumulator,
  type AccumulatorCostSpec,
  type FloatWidths,
  type ProductShape,
} from "./accumulator.js";
export { defaultAccumulator, macMultiplierCost, macUnitCost, productShape } from "./mac-unit.js";
export { MX_BLOCK_SCALE, NVFP4_BLOCK_SCALE, scaleUnitCost, type BlockScaleCostSpec } from "./scale-unit.js";
export { blockMacCost } from "./block-mac.js";
export { SRAM_READ_64B_ENERGY, sramAccessEnergy, sramArea, sramAreaPerBit, sramCost, type SramAccessKind } from "./sram.js";
export { dramAccessEnergy, dramEnergyPerBit, type DramEnergyCase } from "./dram.js";
export { leakageDensity, leakageEnergyPerCycle, leakageFromDynamic, leakagePower } from "./leakage.js";
export {
  CALIBRATION_TECHNOLOGY,
  TECH_NODES_NM,
  conservativeImprovement45To7,
  nodeFactors,
  scaleToNode,
  stillmakerAreaFactor,
  stillmakerEnergyFactor,
  type NodeFactors,
  type ScaledComponentCost,
  type ScalingMethod,
  type StillmakerNodeNm,
  type TechNodeNm,
  type TechnologySetting,
} from "./tech-scaling.js";
export { activityEnergy, toggleRate, type ActivityEnergy, type RegisterToggles, type ToggleCounts } from "./activity.js";
export { componentEnergy, tableEnergy, type EnergyMode, type EnergyRollup } from "./action-energy.js";
export { arrayArea, type ArrayAreaBreakdown, type ArrayAreaSpec, type SramBufferSpec } from "./array-area.js";
