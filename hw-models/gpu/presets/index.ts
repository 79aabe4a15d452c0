import type { GpuPreset } from "../gpu-spec.js";
import { V100_SXM2 } from "./v100-sxm2.js";
import { A100_SXM4 } from "./a100-sxm4.js";
import { H100_SXM5 } from "./h100-sxm5.js";
import { L40S } from "./l40s.js";
import { RTX4090 } from "./rtx4090.js";
import { B200 } from "./b200.js";

/** Every GPU preset, oldest first. */
export const GPU_PRESETS: readonly GpuPreset[] = [V100_SXM2, A100_SXM4, H100_SXM5, L40S, RTX4090, B200];

export { V100_SXM2, A100_SXM4, H100_SXM5, L40S, RTX4090, B200 };
