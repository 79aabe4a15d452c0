import type { GpuPreset } from "../gpu-spec.js";
import { SMEM_128B, src } from "../gpu-spec.js";

const WP = "NVIDIA Ada GPU Architecture whitepaper v2.1 (2023), Appendix A, GeForce RTX 4090";

/**
 * GeForce RTX 4090 (AD102, Ada). GeForce halves the tensor rate with fp32 accumulation: FP16 with fp16
 * accumulation 330.3 TFLOPS = 128 × 512 × 2 × 2520 MHz, with fp32 accumulation 165.2.
 */
export const RTX4090: GpuPreset = {
  id: "rtx4090",
  name: "NVIDIA GeForce RTX 4090",
  arch: "ada",
  sms: src(128, `${WP} (128 SMs, 512 Tensor Cores)`),
  tensorCoresPerSm: src(4, `${WP} (512 Tensor Cores / 128 SMs)`),
  tensorClockMhz: src(2520, `${WP} (boost clock 2520 MHz)`),
  boostClockMhz: src(2520, `${WP}; FP32 82.6 TFLOPS = 128 × 128 × 2 × 2520 MHz`),
  tensor: {
    fp16: src(256, `${WP}: peak FP16 Tensor TFLOPS with FP32 accumulate 165.2`),
    "fp16-acc16": src(512, `${WP}: peak FP16 Tensor TFLOPS with FP16 accumulate 330.3`),
    bf16: src(256, `${WP}: peak BF16 Tensor TFLOPS with FP32 accumulate 165.2`),
    tf32: src(128, `${WP}: peak TF32 Tensor TFLOPS 82.6`),
    fp8: src(512, `${WP}: peak FP8 Tensor TFLOPS with FP32 accumulate 330.3`),
    "fp8-acc16": src(1024, `${WP}: peak FP8 Tensor TFLOPS with FP16 accumulate 660.6`),
    int8: src(1024, `${WP}: peak INT8 Tensor TOPS 660.6`),
    int4: src(2048, `${WP}: peak INT4 Tensor TOPS 1321.2`),
  },
  cudaFp32LanesPerSm: src(128, `${WP} (16384 CUDA cores = 128 per SM)`),
  cudaInt32LanesPerSm: src(64, "NVIDIA Ada GPU Architecture whitepaper, Ada SM (64 INT32-capable lanes per SM)"),
  dramBandwidthGBs: src(1008, `${WP} (GDDR6X, 1008 GB/s)`),
  dramKind: "gddr6x",
  dramPjPerBit: src(7.25, "Micron, 'Ultra-Bandwidth Solutions' product page (micron.com/products/ultra-bandwidth-solutions), memory comparison table, row 'Average Device Power (pJ/bit)': GDDR6X (19–21 Gb/s/pin, the RTX 3080/3090 parts; the 4090 runs 21 Gb/s) 7.25 pJ/bit"),
  dramLatencyNs: src(254, "assumed equal to the L40's measured figure (same AD102; GDDR6X rather than GDDR6): Ernst, gpu-benches (github.com/te42kyfo/gpu-benches, commit 1c36d50), gpu-latency/l40.txt: single-warp pointer chase, 631.9 cycles at the 2490 MHz the file records on the largest data sets (1.1 GB) = 254 ns"),
  l2Bytes: src(72 * 1024 * 1024, `${WP} (L2 72 MB)`),
  l2BytesPerClk: src(2088, "assumed equal to the L40's measured figure (same AD102 die and 384-bit, twelve-controller memory system; the 4090 enables 128 of 144 SMs and 72 of 96 MB L2, which may cost some L2 bandwidth, not measured here): Ernst, gpu-benches (github.com/te42kyfo/gpu-benches, commit 1c36d50), gpu-l2-cache/l40.txt (commit 3088b33, 2024-04-03; read-only L2 streaming, double FMA kernel): the L40 (AD102, 142 SMs, 2490 MHz boost per the L40 datasheet) sustains 5.20 TB/s (mean of the 10–40 MB rows; flat to 92 MB) ÷ 2490 MHz = 2088 B/clk (the file records no clock; a lower one would mean more bytes per clock). An achieved figure: the same benchmark reaches 75% of A100's whitepaper 5120 B/clk"),
  smemBytesPerSm: src(100 * 1024, "NVIDIA Ada Tuning Guide (compute capability 8.9: up to 100 KB shared memory per SM)"),
  smemBytesPerClkPerSm: SMEM_128B,
  registerBytesPerSm: src(256 * 1024, `${WP} (register file 256 KB per SM)`),
  tdpW: src(450, `${WP} (total graphics power 450 W)`),
  process: "TSMC 4N",
  processNm: src(5, `${WP} (TSMC 4N; scaled as the 5 nm node)`),
  dieAreaMm2: src(608.5, `${WP} (AD102: 608.5 mm², 76.3 B transistors)`),
  mainLoopEfficiency: src(0.97, "calibrated (hw-models/gpu/calibration.ts): 0.97 gives 160.1 TFLOPS for a bf16 8192³ GEMM where torch.mm (cuBLAS) measured 160.17 on an RTX 4090 (zzc0721/torch-performance-test-data issue #78, PyTorch 2.7 / CUDA 12.8); held-out: pytorch/pytorch#181718's 2040³ within 2%. High against the A100's 0.89 because the model runs at the 2520 MHz rated boost and GeForce cards run above it: an RTX 4090 Founders Edition held 2810–2850 MHz at stock in NVIDIA's Cyberpunk 2077 demo (TweakTown news 88568, tweaktown.com/news/88568/nvidia-geforce-rtx-4090-fe-2850mhz-gpu-at-stock-in-cyberpunk-2077, 2022-09-22); at ≈ 2800 MHz 0.97 is 0.87 of the tensor peak, near the A100's fit"),
};
