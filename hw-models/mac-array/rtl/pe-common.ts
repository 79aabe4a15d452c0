import type { ModuleBuilder, Reg } from "../../../sim/engine/index.js";
import type { MacArrayAction } from "../fold-schedule.js";

/** Parameters every MAC PE takes: its product pipeline and the accumulator step. */
export interface MacPeParams {
  /** Product registers between the multiplier and the adder: macPipelineDepth − 1 (≥ 0). */
  readonly productStages: number;
  /** One MAC step on float64 register values (Float64Accumulator.add). */
  readonly add: (acc: number, product: number) => number;
}

/** The product pipeline registers (value and valid bit per stage) and the actions both PE kinds count. */
export function declareMacPipeline(m: ModuleBuilder, stages: number) {
  const real = { type: "real" } as const;
  const bool = { type: "bool" } as const;
  return {
    products: Array.from({ length: stages }, (_, i): Reg<number> => m.reg(`product_${i}`, real)),
    productValid: Array.from({ length: stages }, (_, i): Reg<boolean> => m.reg(`product_valid_${i}`, bool)),
    macAction: m.action("mac" satisfies MacArrayAction),
    operandWrite: m.action("operand-register-write" satisfies MacArrayAction),
    accWrite: m.action("accumulator-register-write" satisfies MacArrayAction),
    pipeWrite: m.action("pipeline-register-write" satisfies MacArrayAction),
  };
}
