/**
 * What a GPU preset states about one chip: every figure with the datasheet, whitepaper or paper it comes from.
 * Rates are dense (no 2:4 sparsity) multiply-accumulates per SM per clock of `tensorClockMhz` (the clock the
 * datasheet's tensor peaks are quoted at), so peak MAC/s = sms × rate × clock.
 */

/** A number with where it comes from. */
export interface Sourced {
  readonly value: number;
  readonly source: string;
}

export const src = (value: number, source: string): Sourced => ({ value, source });

/**
 * Tensor-core MMA kinds, by operand types (and accumulator where the rate differs). `fp8` covers e4m3 and e5m2
 * in any mix; `f8f6f4` is Blackwell's mixed fp8/fp6/fp4 kind at the fp8 rate; `mxfp8`, `mxfp6`, `mxfp4` and
 * `nvfp4` are Blackwell's block-scaled kinds (scales applied inside the MMA).
 */
export const TENSOR_KINDS = [
  "fp16",
  "fp16-acc16",
  "bf16",
  "tf32",
  "fp8",
  "fp8-acc16",
  "int8",
  "int4",
  "f8f6f4",
  "fp4",
  "mxfp8",
  "mxfp6",
  "mxfp4",
  "nvfp4",
] as const;
export type TensorKind = (typeof TENSOR_KINDS)[number];

export type GpuArch = "volta" | "ampere" | "ada" | "hopper" | "blackwell";
export type DramKind = "hbm2" | "hbm2e" | "hbm3" | "hbm3e" | "gddr6" | "gddr6x";

/** A GPU as its datasheet and whitepaper describe it. */
export interface GpuPreset {
  readonly id: string;
  readonly name: string;
  readonly arch: GpuArch;
  readonly sms: Sourced;
  readonly tensorCoresPerSm: Sourced;
  /** The clock behind the datasheet's tensor peaks (MHz). */
  readonly tensorClockMhz: Sourced;
  /** Max boost clock (MHz), behind the CUDA-core peaks where it differs. */
  readonly boostClockMhz: Sourced;
  /** Dense MACs per SM per clock, per native MMA kind. */
  readonly tensor: Readonly<Partial<Record<TensorKind, Sourced>>>;
  /** FP32 and INT32 lanes per SM (one FMA or one integer op per lane per clock). */
  readonly cudaFp32LanesPerSm: Sourced;
  readonly cudaInt32LanesPerSm: Sourced;
  readonly dramBandwidthGBs: Sourced;
  readonly dramKind: DramKind;
  readonly dramPjPerBit: Sourced;
  /** Load-to-use latency of a DRAM access (ns): what a GEMM's pipeline prologue waits for before its first MMA. */
  readonly dramLatencyNs: Sourced;
  readonly l2Bytes: Sourced;
  /** L2 → SM bandwidth of the whole chip, bytes per clock. */
  readonly l2BytesPerClk: Sourced;
  readonly smemBytesPerSm: Sourced;
  /** Shared-memory bandwidth per SM, bytes per clock (32 banks × 4 B). */
  readonly smemBytesPerClkPerSm: Sourced;
  readonly registerBytesPerSm: Sourced;
  readonly tdpW: Sourced;
  /** Process as marketed, and the node the cost library scales to (its nearest Stillmaker node). */
  readonly process: string;
  readonly processNm: Sourced;
  readonly dieAreaMm2: Sourced;
  /**
   * Fraction of the tensor peak a CTA main loop sustains in a large cuBLAS-class GEMM: calibrated per chip against a
   * published measured GEMM (see calibration.ts), or stated as an assumption where none is cited. It lumps together
   * what the tile model leaves out: issue and synchronisation gaps, and the clock sagging below the peak clock under
   * the power limit.
   */
  readonly mainLoopEfficiency: Sourced;
}

const SMEM_BANKS = "CUDA C++ Programming Guide, Shared Memory (compute capability 5.x–10.x: 32 banks of 4 bytes, one access per bank per clock) → 128 B/clk/SM";

/** Shared-memory bandwidth: 32 banks × 4 bytes per clock on every architecture modelled. */
export const SMEM_128B = src(128, SMEM_BANKS);
