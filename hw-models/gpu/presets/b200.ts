import type { GpuPreset } from "../gpu-spec.js";
import { SMEM_128B, src } from "../gpu-spec.js";

const DS = "NVIDIA HGX B200 datasheet (per GPU, 1000 W configuration)";
const TB = "NVIDIA Blackwell Architecture Technical Brief (2024)";

/**
 * B200 (Blackwell, two dies). NVIDIA publishes peaks but not the SM count or the tensor clock: 148 SMs is from
 * Chips and Cheese's measurements, and the tensor clock is derived from the FP16 peak assuming 4096 dense FP16 FMA/clk per SM (2× H100).
 */
export const B200: GpuPreset = {
  id: "b200",
  name: "NVIDIA B200 (HGX, 1000 W)",
  arch: "blackwell",
  sms: src(148, "Chips and Cheese, 'Nvidia's B200: Keeping the CUDA Juggernaut Rolling ft. Verda' (2025): 80 SMs per die physically, 74 enabled per die, 148 across the GPU"),
  tensorCoresPerSm: src(4, `${TB} (fifth-generation Tensor Cores, 4 per SM as on Hopper)`),
  tensorClockMhz: src(1856, `derived: ${DS} FP16 2.25 PFLOPS ÷ (2 × 148 SMs × 4096 FMA/clk) = 1856 MHz`),
  boostClockMhz: src(1980, `derived: ${DS} FP32 75 TFLOPS ÷ (2 × 148 × 128) = 1980 MHz`),
  tensor: {
    fp16: src(4096, `${DS}: FP16 2.25 PFLOPS dense (4.5 sparse)`),
    bf16: src(4096, `${DS}: BF16 2.25 PFLOPS dense`),
    tf32: src(2048, `${DS}: TF32 1.1 PFLOPS dense (2.2 sparse)`),
    fp8: src(8192, `${DS}: FP8 4.5 PFLOPS dense`),
    int8: src(8192, `${DS}: INT8 4.5 POPS dense`),
    f8f6f4: src(8192, `${DS}: FP6 4.5 PFLOPS dense (the fp8 rate)`),
    mxfp8: src(8192, `${DS}: FP8 4.5 PFLOPS (block-scaled MXFP8 at the fp8 rate, ${TB})`),
    mxfp6: src(8192, `${DS}: FP6 4.5 PFLOPS`),
    fp4: src(16384, `${DS}: FP4 9 PFLOPS dense (18 sparse)`),
    mxfp4: src(16384, `${DS}: FP4 9 PFLOPS dense (MXFP4 block-scaled MMA)`),
    nvfp4: src(16384, `${DS}: FP4 9 PFLOPS dense (NVFP4 block-scaled MMA, ${TB})`),
  },
  cudaFp32LanesPerSm: src(128, `${DS}: FP32 75 TFLOPS = 148 × 128 × 2 × 1980 MHz`),
  cudaInt32LanesPerSm: src(64, "assumed as Hopper (64 INT32 lanes per SM, H100 whitepaper): nothing published gives sm_100's INT32 rate. The consumer Blackwell SM (GB20x, sm_120) runs INT32 on all 128 CUDA cores (NVIDIA RTX Blackwell GPU architecture whitepaper, Jan 2025, as reported by IT之家 on 2025-02-01), but that is a different SM; 64 is the conservative choice for CUDA-core dequantization"),
  dramBandwidthGBs: src(8000, `${TB} (HBM3e, 8 TB/s; the HGX board lists 7.7 TB/s)`),
  dramKind: "hbm3e",
  dramPjPerBit: src(6.0, "Micron, 'Ultra-Bandwidth Solutions' product page (micron.com/products/ultra-bandwidth-solutions), memory comparison table, row 'Average Device Power (pJ/bit)': HBM2E (3.2–3.6 Gb/s/pin) 6.0 pJ/bit; used for HBM3e as an upper bound (no HBM3e figure in a source read here; each HBM generation lowers energy per bit)"),
  dramLatencyNs: src(375, "assumed equal to H100's measured figure (no B200 latency measurement is cited here): Ernst, gpu-benches (github.com/te42kyfo/gpu-benches, commit 1c36d50), gpu-latency/h100_pcie.txt: single-warp pointer chase, 658.4 cycles at the 1755 MHz the file records on the largest data sets (1.5 GB) = 375 ns"),
  l2Bytes: src(126 * 1024 * 1024, "NVIDIA Blackwell Tuning Guide §1.4.2.2 'Increased L2 Capacity' (the GB200 GPU, i.e. its B200: L2 126 MB)"),
  l2BytesPerClk: src(10687, "derived: 21 TB/s L2 read bandwidth within a die's partition (16.8 TB/s across dies) measured by Chips and Cheese's B200 article (2025) — figures as quoted by a third-party B200 memory-hierarchy write-up, not read from the article here — ÷ 1965 MHz, the SM clock that write-up read under load = 10687 B/clk; the same write-up measured 24–25 TB/s with private per-block slices"),
  smemBytesPerSm: src(228 * 1024, "NVIDIA Blackwell Tuning Guide (compute capability 10.0: up to 228 KB shared memory per SM)"),
  smemBytesPerClkPerSm: SMEM_128B,
  registerBytesPerSm: src(256 * 1024, "NVIDIA Blackwell Tuning Guide (64K 32-bit registers per SM)"),
  tdpW: src(1000, `${DS} (configurable up to 1000 W)`),
  process: "TSMC 4NP",
  processNm: src(5, `${TB} (TSMC 4NP; scaled as the 5 nm node)`),
  dieAreaMm2: src(1600, `estimate, no measured figure published: ${TB} (two reticle-limited dies, 208 B transistors); TechInsights' HGX B200 teardown (press release 'TechInsights releases initial findings of its NVIDIA Blackwell HGX B200 platform teardown', 2025-04-14) finds 'two reticles worth of TSMC silicon', 'a near doubling of the GPU die area versus Hopper' (814 mm²): 2 × ≈ 800 mm²`),
  mainLoopEfficiency: src(0.72, "calibrated (hw-models/gpu/calibration.ts): 0.72 gives 1608 TFLOPS for a bf16 8192³ GEMM on B200 where cuBLAS measured 1610 (pyptx.dev/performance, PyTorch 2.8 / CUDA 12.8); the best-of-sweep MAMF figures (ml-engineering) sit 8% above this run, so B200's efficiency is known to about ±8%"),
};
