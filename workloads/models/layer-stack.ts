import type { Layer } from "../layer.js";
import { makeLayer } from "../layer.js";

/**
 * `count` identical blocks (decoder or encoder layers) as one block whose every GEMM repeats `count` times more:
 * each layer of the stack has its own weights and activations (its own operand seeds), runs one after the
 * other, and is priced once per shape. Sampled numerics pick repeats, so they sample across the stack's layers.
 */
export function stackLayers(block: readonly Layer[], count: number): Layer[] {
  if (count === 1) return [...block];
  return block.map(({ macs: _macs, ...l }) => makeLayer({ ...l, repeat: l.repeat * count }));
}
