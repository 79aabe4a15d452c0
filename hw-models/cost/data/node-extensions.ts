/**
 * Figures for the nodes and settings that Stillmaker & Baas 2017 do not cover: 5 nm (TSMC N5 relative to N7)
 * and the "conservative" datapath scaling observed by Google (TPUv4i).
 */
import type { Estimate } from "../estimate.js";

/** TSMC N5 relative to N7: logic density and power at iso-speed. */
export const TSMC_N5_VS_N7 = {
  logicDensityGain: {
    value: 1.84,
    unit: "1",
    source: "TSMC IEDM 2019 (Yeap et al., 5 nm platform): ~1.84× logic density vs N7, as reported by AnandTech and WikiChip",
  },
  powerReductionIsoSpeed: {
    value: 0.3,
    unit: "1",
    source: "tsmc.com 5nm technology page: N5 offers about 30% power reduction vs N7 at the same speed",
  },
} as const satisfies Readonly<Record<string, Estimate>>;

/** Measured 45 → 7 nm improvement of arithmetic energy per operation: 2–4× (not the ~10× of device scaling). */
export const TPUV4I_DATAPATH_45_TO_7NM = {
  minImprovement: {
    value: 2,
    unit: "1",
    source: "Jouppi et al., 'Ten Lessons From Three Generations Shaped Google's TPUv4i', ISCA 2021, Table 2 (45 vs 7 nm op energy): logic improved ~2–4×",
  },
  maxImprovement: {
    value: 4,
    unit: "1",
    source: "Jouppi et al., 'Ten Lessons From Three Generations Shaped Google's TPUv4i', ISCA 2021, Table 2 (45 vs 7 nm op energy): logic improved ~2–4×",
  },
} as const satisfies Readonly<Record<string, Estimate>>;
