import type { GpuPreset } from "../gpu-spec.js";
import { SMEM_128B, src } from "../gpu-spec.js";

const DS = "NVIDIA L40S datasheet (2023)";
const WP = "NVIDIA Ada GPU Architecture whitepaper v2.1 (2023)";

/**
 * L40S (AD102, Ada). FP8 peak: 142 × 1024 × 2 × 2520 MHz = 732.9 TFLOPS (datasheet 733). The datasheet's FP16 figure
 * (362.05) is 1.2% below 142 × 512 × 2 × 2520 MHz = 366.4: NVIDIA quotes it at a slightly lower clock.
 */
export const L40S: GpuPreset = {
  id: "l40s",
  name: "NVIDIA L40S 48 GB",
  arch: "ada",
  sms: src(142, `${DS} (568 fourth-generation Tensor Cores = 142 SMs × 4; 18176 CUDA cores = 142 × 128)`),
  tensorCoresPerSm: src(4, `${WP}, Ada SM (4 Tensor Cores per SM)`),
  tensorClockMhz: src(2520, `${DS} peaks (FP8 733 TFLOPS = 142 × 1024 × 2 × 2520 MHz); boost clock 2520 MHz`),
  boostClockMhz: src(2520, `${DS}; FP32 91.6 TFLOPS = 142 × 128 × 2 × 2520 MHz`),
  tensor: {
    fp16: src(512, `${DS}: FP16 (fp32 accumulate) 362.05 TFLOPS`),
    bf16: src(512, `${DS}: BF16 362.05 TFLOPS`),
    tf32: src(256, `${DS}: TF32 183 TFLOPS`),
    fp8: src(1024, `${DS}: FP8 733 TFLOPS`),
    int8: src(1024, `${DS}: INT8 733 TOPS`),
    int4: src(1024, `${DS}: INT4 733 TOPS (the same rate as INT8 on L40S)`),
  },
  cudaFp32LanesPerSm: src(128, `${WP}, Ada SM (128 FP32 cores per SM)`),
  cudaInt32LanesPerSm: src(64, `${WP}, Ada SM (64 INT32-capable lanes per SM)`),
  dramBandwidthGBs: src(864, `${DS} (GDDR6, 864 GB/s)`),
  dramKind: "gddr6",
  dramPjPerBit: src(7.5, "Micron, 'Ultra-Bandwidth Solutions' product page (micron.com/products/ultra-bandwidth-solutions), memory comparison table, row 'Average Device Power (pJ/bit)': GDDR6 (14–16 Gb/s/pin) 7.5 pJ/bit; the L40S runs its GDDR6 at 18 Gb/s, outside the table's range"),
  dramLatencyNs: src(254, "Ernst, gpu-benches (github.com/te42kyfo/gpu-benches, commit 1c36d50), gpu-latency/l40.txt: single-warp pointer chase, 631.9 cycles at the 2490 MHz the file records on the largest data sets (1.1 GB) = 254 ns on the L40 (the same AD102 and GDDR6 memory system)"),
  l2Bytes: src(48 * 1024 * 1024, "(third-party) TechPowerUp GPU database, L40S: L2 48 MB"),
  l2BytesPerClk: src(2088, "measured on the L40, the same AD102 with the same 142 SMs: Ernst, gpu-benches (github.com/te42kyfo/gpu-benches, commit 1c36d50), gpu-l2-cache/l40.txt (commit 3088b33, 2024-04-03; read-only L2 streaming, double FMA kernel): the L40 (AD102, 142 SMs, 2490 MHz boost per the L40 datasheet) sustains 5.20 TB/s (mean of the 10–40 MB rows; flat to 92 MB) ÷ 2490 MHz = 2088 B/clk (the file records no clock; a lower one would mean more bytes per clock). An achieved figure: the same benchmark reaches 75% of A100's whitepaper 5120 B/clk"),
  smemBytesPerSm: src(100 * 1024, "NVIDIA Ada Tuning Guide (compute capability 8.9: up to 100 KB shared memory per SM)"),
  smemBytesPerClkPerSm: SMEM_128B,
  registerBytesPerSm: src(256 * 1024, `${WP}, Ada SM (register file 256 KB per SM)`),
  tdpW: src(350, `${DS} (max power 350 W)`),
  process: "TSMC 4N",
  processNm: src(5, `${WP} (TSMC 4N; scaled as the 5 nm node)`),
  dieAreaMm2: src(608.5, `${WP}, Appendix (AD102: 608.5 mm²)`),
  mainLoopEfficiency: src(0.74, "estimated, not calibrated (no measured GEMM of a stated shape is cited for this chip): zzc0721/torch-performance-test-data issue #43 (2025-10-05, PyTorch 2.8 / CUDA 12.8, docker) gives only the best bf16 torch.mm over its five square sizes (1024…10240), 269.15 TFLOPS (fp16 264.02), 74% of the 362 TFLOPS datasheet peak; 0.74 makes the model's best over the same five squares 270, +0.3% (asserted within 1% in model.test.ts). Far below the RTX 4090's 0.97 on the same AD102: the L40S runs it at 350 W against the 4090's 450 W"),
};
