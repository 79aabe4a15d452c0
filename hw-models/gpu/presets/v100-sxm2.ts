import type { GpuPreset } from "../gpu-spec.js";
import { SMEM_128B, src } from "../gpu-spec.js";

const WP = "NVIDIA Tesla V100 GPU Architecture whitepaper WP-08608-001 v1.1 (2017)";
const DS = "NVIDIA Tesla V100 datasheet (SXM2)";

/** Tesla V100 SXM2 (GV100, Volta). Tensor peak: 80 SMs × 512 FMA × 2 × 1530 MHz = 125.3 TFLOPS. */
export const V100_SXM2: GpuPreset = {
  id: "v100-sxm2",
  name: "NVIDIA Tesla V100 SXM2 32 GB",
  arch: "volta",
  sms: src(80, `${WP}, Table 1 (Tesla V100: 80 SMs)`),
  tensorCoresPerSm: src(8, `${WP}, Table 1 (8 Tensor Cores per SM, 640 in all)`),
  tensorClockMhz: src(1530, `${WP}, Table 1 (GPU boost clock 1530 MHz)`),
  boostClockMhz: src(1530, `${WP}, Table 1`),
  tensor: {
    // "Each Tensor Core performs 64 floating point FMA mixed-precision operations per clock": 8 × 64 per SM.
    fp16: src(512, `${WP}, Tensor Cores (64 FMA per clock per tensor core × 8; fp16 inputs, fp32 accumulation); ${DS}: 125 TFLOPS`),
    "fp16-acc16": src(512, `${WP}, Tensor Cores (fp16 or fp32 accumulation at the same rate)`),
  },
  cudaFp32LanesPerSm: src(64, `${WP}, Table 1 (64 FP32 cores per SM; 15.7 TFLOPS)`),
  cudaInt32LanesPerSm: src(64, `${WP}, Volta SM (64 INT32 cores per SM); DP4A gives 4 int8 MACs per lane per clock`),
  dramBandwidthGBs: src(900, `${DS} (HBM2, 900 GB/s)`),
  dramKind: "hbm2",
  dramPjPerBit: src(3.9, "O'Connor et al., Fine-Grained DRAM, MICRO 2017, Table 1 (HBM2 ≈ 3.9 pJ/bit)"),
  dramLatencyNs: src(317, "Ernst, gpu-benches (github.com/te42kyfo/gpu-benches, commit 1c36d50), gpu-latency/v100.txt: single-warp pointer chase, 437.0 cycles at the 1380 MHz the file records on the largest data sets (1.5 GB, far past the 6 MB L2) = 317 ns (a V100 at the PCIe board's 1380 MHz; the SXM2 board has the same HBM2 memory system)"),
  l2Bytes: src(6 * 1024 * 1024, `${WP}, Table 1 (L2 6144 KB)`),
  l2BytesPerClk: src(2048, "NVIDIA A100 Tensor Core GPU Architecture whitepaper (2020), L2 cache (V100: 2048 bytes/clk; A100 5120)"),
  smemBytesPerSm: src(96 * 1024, `${WP}, Table 1 (shared memory configurable up to 96 KB per SM)`),
  smemBytesPerClkPerSm: SMEM_128B,
  registerBytesPerSm: src(256 * 1024, `${WP}, Table 1 (register file 256 KB per SM)`),
  tdpW: src(300, `${DS} (max power 300 W)`),
  process: "TSMC 12 nm FFN",
  processNm: src(16, `${WP}, Table 1 (TSMC 12 nm FFN; scaled as the 16 nm Stillmaker node, the nearest)`),
  dieAreaMm2: src(815, `${WP}, Table 1 (die size 815 mm²)`),
  mainLoopEfficiency: src(0.78, "calibrated (hw-models/gpu/calibration.ts): 0.78 gives 97.6 TFLOPS for an fp16 8192³ GEMM where torch.mm (cuBLAS) measured 97.36 on a Tesla V100-SXM2-16GB (zzc0721/torch-performance-test-data issue #140, PyTorch 2.7 / CUDA 12.8; the 16 GB and 32 GB SXM2 boards share GV100's 80 SMs, 1530 MHz boost and 300 W); held-out 4096³ within 2%. Below the A100's 0.89: the same repository's other V100-SXM2-16GB run (issue #52) peaked at 94.84 over the same five sizes, 76% of the 125 TFLOPS peak"),
};
