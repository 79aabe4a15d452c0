import type { GemmShape } from "../../workloads/layer.js";
import type { GpuParams } from "./gpu-params.js";
import type { ExecutionPlan } from "./execution-plan.js";

/** What bounds a layer's main loop. */
export type GpuBound = "tensor" | "cuda-core" | "smem" | "l2" | "dram";

/** Bytes per element of A, B (as stored in DRAM) and C. */
export interface OperandBytes {
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/** One layer's tile-level timing. */
export interface GpuLayerTiming {
  readonly tile: { readonly m: number; readonly n: number; readonly k: number };
  readonly splitK: number;
  readonly ctas: number;
  readonly waves: number;
  /** Cycles of each roofline level over the main loop (the largest bounds it). */
  readonly levels: Readonly<Record<GpuBound, number>>;
  readonly boundBy: GpuBound;
  readonly mainLoopCycles: number;
  readonly fillCycles: number;
  readonly epilogueCycles: number;
  readonly launchCycles: number;
  readonly cycles: number;
  /** CUDA-core cycles per SM spent converting operands (emulation), over the whole layer. */
  readonly dequantCycles: number;
  readonly dequantOps: number;
  readonly dramBytes: number;
  readonly l2Bytes: number;
  readonly smemBytes: number;
  /** K of each split (a multiple of the tile's K): the numerics sum each split from zero. */
  readonly splitChunk: number;
}

/**
 * CTA tiles tried (M × N), LLMCompass/CUTLASS style; K per stage is 128 bytes of the narrower operand. The
 * warp tile is 64 × 64 (or the CTA tile where smaller).
 */
export const CTA_TILES: readonly (readonly [number, number])[] = [
  [256, 128], [128, 256], [128, 128], [128, 64], [64, 128], [64, 64], [64, 32], [32, 64],
];
/** Split-K factors tried: a model choice (assumed), covering CUTLASS's usual serial split-K slices. */
export const SPLIT_K = [1, 2, 3, 4, 6, 8, 12, 16, 32] as const;
const WARP_TILE = 64;
// Warp tile 64 × 64: CUTLASS default GEMM configurations (cutlass/media/docs/efficient_gemm.md, warp-level tiling).

/**
 * Tile-level latency of one GEMM (`repeat` independent copies in one launch), in the spirit of LLMCompass
 * (Zhang et al., ISCA 2024): for each CTA tile and split-K, CTAs run in waves of one per SM (wave and tile
 * quantization counted); a CTA's main loop is bounded by the tensor-core rate (× the calibrated efficiency),
 * CUDA-core conversion work and shared-memory bandwidth; the whole launch by L2 and DRAM bandwidth; plus
 * the pipeline fill (one DRAM latency), the epilogue (writing C through shared memory) and the kernel launch.
 * The cheapest tiling is kept.
 */
export function gemmTiming(params: GpuParams, plan: ExecutionPlan, g: GemmShape, repeat: number, bytes: OperandBytes): GpuLayerTiming {
  const narrow = Math.min(bytes.a, bytes.b);
  // K per stage: 128 bytes of the narrower operand (one 128-byte swizzled shared-memory row; a model choice, assumed).
  const tk = Math.max(plan.mmaK, Math.round(128 / narrow));
  const convA = plan.conversions.filter((c) => c.operand === "a").reduce((s, c) => s + c.opsPerElement, 0);
  const convB = plan.conversions.filter((c) => c.operand === "b").reduce((s, c) => s + c.opsPerElement, 0);
  const dramBytesPerClk = (params.memoryBandwidthGBs * 1e9) / (params.clockMhz * 1e6);
  const rate = plan.macsPerSmPerClk * params.mainLoopEfficiency;
  const cudaLanes = params.cudaInt32LanesPerSm;
  const fill = (params.dramLatencyNs * params.clockMhz) / 1e3;
  const launch = params.launchUs * params.clockMhz;
  let best: GpuLayerTiming | undefined;
  for (const [tm, tn] of CTA_TILES) {
    const rowTiles = Math.ceil(g.m / tm);
    const colTiles = Math.ceil(g.n / tn);
    for (const split of SPLIT_K) {
      const kSteps = Math.ceil(g.k / tk);
      if (split > 1 && kSteps < 2 * split) break; // at least two stages per split
      const stepsPerSplit = Math.ceil(kSteps / split);
      const kc = stepsPerSplit * tk;
      const ctas = rowTiles * colTiles * repeat * split;
      const waves = Math.ceil(ctas / params.sms);
      // Operand reuse out of shared memory: Volta–Ada warps load 64×64 warp tiles (ldmatrix); a Hopper warpgroup's
      // wgmma reads a 64-row slice of A against all of B's tile; Blackwell's tcgen05 reads each tile once per CTA.
      const wm = params.arch === "blackwell" ? tm : Math.min(WARP_TILE, tm);
      const wn = params.arch === "blackwell" || params.arch === "hopper" ? tn : Math.min(WARP_TILE, tn);
      // Per CTA (padded tile: tile quantization).
      const tensorCta = (tm * tn * kc) / rate;
      const dequantOpsCta = convA * tm * kc + convB * tn * kc;
      const cudaCta = dequantOpsCta / cudaLanes;
      const smemCta = (kc * (tm * bytes.a * (tn / wn) + tn * bytes.b * (tm / wm))) / params.smemBytesPerClkPerSm;
      const perCta = Math.max(tensorCta, cudaCta, smemCta);
      // L2 → SM traffic. Hopper and Blackwell GEMMs run CTAs in clusters whose TMA multicasts one operand tile to every
      // CTA of the cluster (NVIDIA H100 whitepaper, 'Thread Block Clusters' / TMA multicast): a cluster of 2 along M
      // reads each B tile once for both CTAs. Cluster size 2 is a model choice (assumed: the smallest multicast
      // cluster; pyptx's H100 GEMM uses 2-CTA clusters, CUTLASS example 48_hopper_warp_specialized_gemm 4 × 2).
      const multicast = params.arch === "hopper" || params.arch === "blackwell" ? Math.min(2, rowTiles) : 1;
      const l2Bytes = ctas * kc * (tm * bytes.a + (tn * bytes.b) / multicast);
      // DRAM: every operand once; B re-read per panel of A when A and B do not fit in half the L2 (assumed: the other
      // half holds C and other traffic; no source); split-K partials in fp32.
      const aBytes = g.m * g.k * bytes.a;
      const bBytes = g.k * g.n * bytes.b;
      const panels = aBytes + bBytes > params.l2Bytes / 2 ? Math.ceil(Math.min(aBytes, bBytes) / (params.l2Bytes / 2)) : 1;
      const partials = split > 1 ? 2 * split * g.m * g.n * 4 : 0;
      const dramBytes = repeat * (aBytes + bBytes + Math.max(aBytes, bBytes) * (panels - 1) + g.m * g.n * bytes.c + partials);
      const levels: Record<GpuBound, number> = {
        tensor: waves * tensorCta,
        "cuda-core": waves * cudaCta,
        smem: waves * smemCta,
        l2: l2Bytes / params.l2BytesPerClk,
        dram: dramBytes / dramBytesPerClk,
      };
      const boundBy = (Object.keys(levels) as GpuBound[]).reduce((x, y) => (levels[y] > levels[x] ? y : x));
      const mainLoop = Math.max(waves * perCta, levels.l2, levels.dram);
      // C goes out through shared memory; split-K partials are reduced in the kernel (serial split-K), their bytes in DRAM.
      const epilogue = (tm * tn * 4) / params.smemBytesPerClkPerSm;
      const cycles = Math.ceil(fill + mainLoop + epilogue + launch);
      const t: GpuLayerTiming = {
        tile: { m: tm, n: tn, k: tk },
        splitK: split,
        ctas,
        waves,
        levels,
        boundBy,
        mainLoopCycles: mainLoop,
        fillCycles: fill,
        epilogueCycles: epilogue,
        launchCycles: launch,
        cycles,
        dequantCycles: waves * cudaCta,
        dequantOps: ctas * dequantOpsCta,
        dramBytes,
        l2Bytes,
        smemBytes: ctas * kc * (tm * bytes.a * (tn / wn) + tn * bytes.b * (tm / wm)),
        splitChunk: kc,
      };
      if (!best || t.cycles < best.cycles) best = t;
    }
  }
  return best!;
}
