import type { GemmShape } from "../../workloads/layer.js";
import type { MacArrayAction } from "./fold-schedule.js";
import type { MacArrayParams } from "./params.js";

/** Bytes moved for one GEMM: SRAM reads/writes from the action counts, DRAM from buffer capacities. */
export interface GemmTraffic {
  readonly sramReadBytes: number;
  readonly sramWriteBytes: number;
  readonly dramBytes: number;
}

export interface OperandBits {
  /** Stored bits per element of A and B, block scales included (MXFP8 8.25, NVFP4 4.5). */
  readonly a: number;
  readonly b: number;
  /** Output written back for the next layer (the activation format). */
  readonly out: number;
  /** Partial sums in the output buffer (the accumulator width). */
  readonly partial: number;
}

/**
 * Memory traffic of one GEMM. SRAM: every edge injection reads an element, every partial sum is written
 * (and all but the first read back) at accumulator width. DRAM, with double-buffered SRAMs (half of each
 * buffer holds the working set): an operand that fits is fetched once; one that does not is fetched again
 * for every SRAM fill, i.e. each edge read comes from DRAM. Outputs are written once in the activation
 * format; partial sums spill to DRAM when they do not fit the output buffer.
 */
export function gemmTraffic(g: GemmShape, actions: Readonly<Record<MacArrayAction, number>>, bits: OperandBits, p: MacArrayParams): GemmTraffic {
  const bytes = (elements: number, b: number) => (elements * b) / 8;
  const half = (kib: number) => (kib * 1024) / 2;
  const readA = bytes(actions["sram-read-a"], bits.a);
  const readB = bytes(actions["sram-read-b"], bits.b);
  const writeOut = bytes(actions["sram-write-out"], bits.partial);
  const readOut = bytes(actions["sram-read-out"], bits.partial);
  const footA = bytes(g.m * g.k, bits.a);
  const footB = bytes(g.k * g.n, bits.b);
  const footPartial = bytes(g.m * g.n, bits.partial);
  const dramA = footA <= half(p.ifmapSramKb) ? footA : readA;
  const dramB = footB <= half(p.filterSramKb) ? footB : readB;
  const spill = footPartial <= half(p.ofmapSramKb) ? 0 : writeOut + readOut - footPartial;
  return {
    sramReadBytes: readA + readB + readOut,
    sramWriteBytes: writeOut,
    dramBytes: dramA + dramB + bytes(g.m * g.n, bits.out) + Math.max(0, spill),
  };
}

/**
 * Stall cycles in the pipelined mode: with double buffering, transfers overlap compute, so the array waits
 * only for what the DRAM interface cannot deliver within the compute time.
 */
export function stallCycles(dramBytes: number, computeCycles: number, p: MacArrayParams): number {
  return Math.max(0, Math.ceil(dramBytes / p.dramBandwidthBytesPerCycle) - computeCycles);
}
