import type { GpuPreset } from "../gpu-spec.js";
import { SMEM_128B, src } from "../gpu-spec.js";

const WP = "NVIDIA A100 Tensor Core GPU Architecture whitepaper v1.0 (2020)";
const DS = "NVIDIA A100 Tensor Core GPU datasheet (SXM4 80 GB)";

/** A100 SXM4 80 GB (GA100, Ampere). FP16 peak: 108 × 1024 × 2 × 1410 MHz = 311.9 TFLOPS. */
export const A100_SXM4: GpuPreset = {
  id: "a100-sxm4",
  name: "NVIDIA A100 SXM4 80 GB",
  arch: "ampere",
  sms: src(108, `${WP}, Table 3 (A100: 108 SMs)`),
  tensorCoresPerSm: src(4, `${WP}, Table 3 (4 third-generation Tensor Cores per SM, 432 in all)`),
  tensorClockMhz: src(1410, `${WP}, Table 3 (GPU boost clock 1410 MHz)`),
  boostClockMhz: src(1410, `${WP}, Table 3`),
  tensor: {
    fp16: src(1024, `${WP}, Table 3 (256 dense FP16 FMA/clk per tensor core × 4); ${DS}: FP16 312 TFLOPS`),
    bf16: src(1024, `${DS}: BF16 312 TFLOPS (same rate as FP16)`),
    tf32: src(512, `${DS}: TF32 156 TFLOPS`),
    int8: src(2048, `${DS}: INT8 624 TOPS`),
    int4: src(4096, `${WP}, Table 3: INT4 1248 TOPS`),
  },
  cudaFp32LanesPerSm: src(64, `${WP}, Table 3 (64 FP32 cores per SM; 19.5 TFLOPS)`),
  cudaInt32LanesPerSm: src(64, `${WP}, Table 3 (64 INT32 cores per SM)`),
  dramBandwidthGBs: src(2039, `${DS} (HBM2e, 2039 GB/s)`),
  dramKind: "hbm2e",
  dramPjPerBit: src(6.0, "Micron, 'Ultra-Bandwidth Solutions' product page (micron.com/products/ultra-bandwidth-solutions), memory comparison table, row 'Average Device Power (pJ/bit)': HBM2E (3.2–3.6 Gb/s/pin) 6.0 pJ/bit; the A100 80 GB's 2039 GB/s over 5 stacks is 3.2 Gb/s/pin, inside it"),
  dramLatencyNs: src(406, "Ernst, gpu-benches (github.com/te42kyfo/gpu-benches, commit 1c36d50), gpu-latency/a100_80.txt: single-warp pointer chase, 571.8 cycles at the 1410 MHz the file records on the largest data sets (340 MB, past the 40 MB L2) = 406 ns (A100 80GB)"),
  l2Bytes: src(40 * 1024 * 1024, `${WP}, Table 3 (L2 40 MB)`),
  l2BytesPerClk: src(5120, `${WP}, L2 cache (5120 bytes/clk, 2.3× V100)`),
  smemBytesPerSm: src(164 * 1024, `${WP}, Table 3 (shared memory up to 164 KB per SM)`),
  smemBytesPerClkPerSm: SMEM_128B,
  registerBytesPerSm: src(256 * 1024, `${WP}, Table 3 (register file 256 KB per SM)`),
  tdpW: src(400, `${DS} (max TDP 400 W)`),
  process: "TSMC 7 nm N7",
  processNm: src(7, `${WP}, Table 3 (TSMC 7 nm N7)`),
  dieAreaMm2: src(826, `${WP}, Table 3 (die size 826 mm²)`),
  mainLoopEfficiency: src(0.89, "calibrated (hw-models/gpu/calibration.ts): 0.89 gives 272.0 TFLOPS for the bf16 1024×10240×5120 GEMM where torch.mm (cuBLAS) measured 271.2 on an A100 SXM (Bekman, ml-engineering, compute/accelerator/README.md, Maximum Achievable Matmul FLOPS table, BF16 row 'NVIDIA A100 SXM'); an A100-SXM4-40GB held its 1410 MHz clock under load (Chips and Cheese, 'Nvidia's H100: Funny L2, and Tons of Bandwidth', 2023, clock-speed note), so no power sag is folded in here"),
};
