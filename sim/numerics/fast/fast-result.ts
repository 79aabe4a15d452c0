import type { Flags } from "../round-pack.js";

/** A fast kernel's result: the accumulator as a JS number (exactly its register value) and the sticky flags. */
export interface FastDotResult {
  readonly value: number;
  readonly flags: Flags;
}
