import type { GpuPreset } from "../gpu-spec.js";
import { SMEM_128B, src } from "../gpu-spec.js";

const WP = "NVIDIA H100 Tensor Core GPU Architecture whitepaper v1.04 (2022)";
const DS = "NVIDIA H100 Tensor Core GPU datasheet (H100 SXM)";

/**
 * H100 SXM5 80 GB (GH100, Hopper). The datasheet's dense tensor peaks (FP16 989.4 TFLOPS) are quoted at
 * 1830 MHz: 132 × 2048 × 2 × 1830 MHz = 989.4 TFLOPS; the CUDA-core FP32 peak (66.9) at the 1980 MHz boost.
 */
export const H100_SXM5: GpuPreset = {
  id: "h100-sxm5",
  name: "NVIDIA H100 SXM5 80 GB",
  arch: "hopper",
  sms: src(132, `${WP}, Table 2 (H100 SXM5: 132 SMs)`),
  tensorCoresPerSm: src(4, `${WP}, Table 2 (4 fourth-generation Tensor Cores per SM, 528 in all)`),
  tensorClockMhz: src(1830, `derived: ${DS} FP16 989.4 TFLOPS ÷ (2 × 132 SMs × 2048 FMA/clk) = 1830 MHz`),
  boostClockMhz: src(1980, `${WP}, Table 2 (max boost 1980 MHz); FP32 66.9 TFLOPS = 132 × 128 × 2 × 1980 MHz`),
  tensor: {
    fp16: src(2048, `${WP}, H100 SM (2× A100's 1024 dense FP16 FMA/clk per SM); ${DS}: FP16 989.4 TFLOPS`),
    bf16: src(2048, `${DS}: BF16 989.4 TFLOPS`),
    tf32: src(1024, `${DS}: TF32 494.7 TFLOPS`),
    fp8: src(4096, `${DS}: FP8 1978.9 TFLOPS`),
    int8: src(4096, `${DS}: INT8 1978.9 TOPS`),
  },
  cudaFp32LanesPerSm: src(128, `${WP}, H100 SM (128 FP32 cores per SM)`),
  cudaInt32LanesPerSm: src(64, `${WP}, H100 SM (64 INT32 cores per SM)`),
  dramBandwidthGBs: src(3350, `${DS} (HBM3, 3.35 TB/s)`),
  dramKind: "hbm3",
  dramPjPerBit: src(6.0, "Micron, 'Ultra-Bandwidth Solutions' product page (micron.com/products/ultra-bandwidth-solutions), memory comparison table, row 'Average Device Power (pJ/bit)': HBM2E (3.2–3.6 Gb/s/pin) 6.0 pJ/bit; used for HBM3 as an upper bound (no HBM3 figure in a source read here; each HBM generation lowers energy per bit)"),
  dramLatencyNs: src(375, "Ernst, gpu-benches (github.com/te42kyfo/gpu-benches, commit 1c36d50), gpu-latency/h100_pcie.txt: single-warp pointer chase, 658.4 cycles at the 1755 MHz the file records on the largest data sets (1.5 GB) = 375 ns on an H100 PCIe (HBM2e; the SXM5's HBM3 is assumed no slower to first byte)"),
  l2Bytes: src(50 * 1024 * 1024, `${WP}, Table 2 (L2 50 MB)`),
  l2BytesPerClk: src(4939, "measured on the same die: Ernst, gpu-benches (github.com/te42kyfo/gpu-benches, commit 1c36d50), gpu-l2-cache/h200.txt (commit 3088b33, 2024-04-03; read-only L2 streaming, double FMA kernel): H200 (GH100, 132 SMs and 50 MB L2 as H100 SXM5; the curve falls off past 44 MB) sustains 9.78 TB/s (mean of the 10–40 MB rows) ÷ 1980 MHz max boost = 4939 B/clk (the file records no clock; a lower one would mean more bytes per clock). Cross-checks: the same benchmark's H100 PCIe (h100_pcie.txt, 114 SMs) 6.93 TB/s is 3950 B/clk at its 1755 MHz boost, or 4970 at the 1395 MHz Chips and Cheese saw it drop to while pulling data from L2 ('Nvidia's H100: Funny L2, and Tons of Bandwidth', 2023, clock-speed note); XLA's cost model uses 6.65 TB/s 'within a partition' (openxla/xla gpu_dot_fusion_cost_model.cc, CalculateL2Time). On A100 80GB the same benchmark gives 5.40 TB/s = 3829 B/clk at 1410 MHz, 75% of the whitepaper's 5120 the A100 preset uses: this figure is achieved, not nominal"),
  smemBytesPerSm: src(228 * 1024, `${WP}, Table 2 (shared memory up to 228 KB per SM)`),
  smemBytesPerClkPerSm: SMEM_128B,
  registerBytesPerSm: src(256 * 1024, `${WP}, Table 2 (register file 256 KB per SM)`),
  tdpW: src(700, `${DS} (max TDP up to 700 W)`),
  process: "TSMC 4N",
  processNm: src(5, `${WP}, Table 2 (TSMC 4N, a 5 nm-class process; scaled as the 5 nm node)`),
  dieAreaMm2: src(814, `${WP}, Table 2 (die size 814 mm²)`),
  mainLoopEfficiency: src(0.83, "calibrated (hw-models/gpu/calibration.ts): 0.83 gives 780.8 TFLOPS for a bf16 4096³ GEMM where XLA's measured matmul table has 783.3 (openxla/xla, xla/service/gpu/model/matmul_interpolator_data.h, sm_90 entry); below the A100's 0.89 because H100 SXM runs GEMMs under its 700 W limit below the 1830 MHz the peaks are quoted at (the same GH100 at 900 W, GH200, measures 4% more bf16 and 9% more fp8: Bekman, ml-engineering, MAMF table)"),
};
