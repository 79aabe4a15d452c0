import type { CompareRow } from "./compare.js";
import type { GpuLayerResult } from "../hw-models/gpu/model.js";
import { pct, sig } from "./format-number.js";

/** What bounds a run, by share of its cycles: "dram 62%, tensor 38%". */
export function boundByText(layers: readonly { cycles: number; boundBy?: string }[]): string {
  const total = layers.reduce((s, l) => s + l.cycles, 0);
  const by = new Map<string, number>();
  for (const l of layers) if (l.boundBy) by.set(l.boundBy, (by.get(l.boundBy) ?? 0) + l.cycles);
  return [...by].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${Math.round((100 * v) / total)}%`).join(", ");
}

/**
 * The GPU columns of a substrate's section (empty for other substrates): what bounds each precision's run,
 * achieved TOPS, the tensor-core utilization, the dequantization (emulation) overhead, and the tensor-core
 * datapath what-if, with the note that a GPU's area column is its fixed die.
 */
export function gpuColumns(rows: readonly CompareRow[]): string[] {
  if (rows.length === 0 || rows[0]!.modelKind !== "gpu") return [];
  const L = [
    "GPU columns. The area column is the die area: a GPU's silicon is fixed whatever the format. The MAC-unit columns are a labelled what-if, the tensor-core datapath for the format from the dot-unit cost model at the GPU's node; energy per MAC is an upper bound (TDP at the format's dense peak).",
    "",
    "| precision | MMA | bound by (share of cycles) | achieved TOPS | tensor utilization | dequant CUDA-core time | dequant energy | datapath what-if mm² |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const x of rows) {
    const layers = x.sim.layers as readonly GpuLayerResult[];
    const tops = x.cost.latencyUs > 0 ? (2 * x.sim.macs) / (x.cost.latencyUs * 1e-6) / 1e12 : 0;
    const dq = x.sim.actions["dequant-cycle"] ?? 0;
    const plans = [...new Set(layers.filter((l) => l.plan).map((l) => `${l.plan.description} → ${l.plan.accumulator.id}`))].join("; ");
    // The what-if datapath: one MAC lane's area × the GPU's MAC lanes for the format (SMs × MACs per SM per clock).
    const whatIf = (x.macUnitAreaUm2 * Math.max(0, ...layers.map((l) => l.peakMacsPerCycle ?? 0))) / 1e6;
    L.push(
      `| ${x.precision.id} | ${plans} | ${boundByText(layers)} | ${sig(tops)} | ${pct(x.sim.utilization)} | ${pct(x.sim.cycles > 0 ? dq / x.sim.cycles : 0)} | ${pct(x.cost.energyPj > 0 ? (x.cost.energyBreakdownPj["dequant"] ?? 0) / x.cost.energyPj : 0)} | ${sig(whatIf)} |`,
    );
  }
  L.push("");
  return L;
}

