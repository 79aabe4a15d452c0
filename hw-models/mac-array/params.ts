import { z } from "zod";
import { TECH_NODES_NM } from "../cost/tech-scaling.js";
import type { Result } from "../../workloads/result.js";

/** A PE kind: `mac`, or `dot<n>` with n from 2 to 64. */
export type PeKind = "mac" | `dot${number}`;

/** Products a PE takes per cycle (1 for `mac`). */
export function peLanes(pe: PeKind): number {
  return pe === "mac" ? 1 : Number(pe.slice(3));
}

/** Dataflow: which operand stays in the PEs (SCALE-Sim v2 naming). */
export type Dataflow = "ws" | "os" | "is";

/** A systolic MAC array, its buffers and its memory interface. */
export interface MacArrayParams {
  readonly rows: number;
  readonly cols: number;
  readonly dataflow: Dataflow;
  /** MAC pipeline stages (1: multiply and accumulate in one cycle; 3: multiply, align/add, accumulate). */
  readonly macPipelineDepth: number;
  /**
   * Processing element: `mac` (one product per cycle) or `dot<n>` (an n-term dot-product unit taking n elements of
   * K per cycle: n multipliers, alignment and an adder tree, one normalisation per n products).
   */
  readonly pe: PeKind;
  /** On-chip buffers, KiB each, double-buffered (half holds the working set). */
  readonly ifmapSramKb: number;
  readonly filterSramKb: number;
  readonly ofmapSramKb: number;
  readonly dramBandwidthBytesPerCycle: number;
  readonly clockMhz: number;
  /** Technology node for cost scaling (45 = the Horowitz calibration node, no scaling). */
  readonly techNodeNm: number;
}

/**
 * Defaults: a 32×32 weight-stationary array like SCALE-Sim's sample configs, a 3-stage pipeline (the pipelined PE
 * of sim/engine), 256/256/128 KiB buffers, 64 B/cycle of DRAM at 1 GHz (64 GB/s, an LPDDR5-class interface), 45 nm.
 * PE: a 16-term dot-product unit, the same for every precision of a compare. Low-precision engines are built
 * from dot units, not one-product MACs: tensor cores sum blocks of 4–16 products per step (H100: 16, Fasi et al.
 * 2021 / FTTN 2024), and block formats are defined over dot products (OCP MX v1.0 §6: 32-element blocks; NVFP4:
 * 16). With n = 16 an NVFP4 scale is applied once per PE step and an MX scale once per two, and a narrow format's
 * products are summed in fixed point before the one fp32 add, which is where its saving lies. A one-product MAC
 * would charge every 4-bit product a full fp32 add. `pe=mac` gives that PE (and SCALE-Sim timing uses it).
 */
export const DEFAULT_MAC_ARRAY: MacArrayParams = {
  rows: 32,
  cols: 32,
  dataflow: "ws",
  macPipelineDepth: 3,
  pe: "dot16",
  ifmapSramKb: 256,
  filterSramKb: 256,
  ofmapSramKb: 128,
  dramBandwidthBytesPerCycle: 64,
  clockMhz: 1000,
  techNodeNm: 45,
};

const positiveInt = (max: number) => z.number().int().min(1).max(max);
const positive = (max: number) => z.number().positive().max(max);

/** Schema for hardware files and `--hw mac-array:key=value` overrides; errors name the field path. */
export const macArraySchema = z
  .object({
    rows: positiveInt(4096),
    cols: positiveInt(4096),
    dataflow: z.enum(["ws", "os", "is"]),
    macPipelineDepth: positiveInt(16),
    pe: z
      .string()
      .refine((v) => v === "mac" || (/^dot\d+$/.test(v) && Number(v.slice(3)) >= 2 && Number(v.slice(3)) <= 64), {
        message: "must be mac or dot<n> with n from 2 to 64 (e.g. dot16)",
      })
      .transform((v) => v as PeKind),
    ifmapSramKb: positive(1 << 20),
    filterSramKb: positive(1 << 20),
    ofmapSramKb: positive(1 << 20),
    dramBandwidthBytesPerCycle: positive(1 << 20),
    clockMhz: positive(100_000),
    techNodeNm: z.number().refine((v) => (TECH_NODES_NM as readonly number[]).includes(v), { message: "must be 45, 28, 16, 7 or 5 (nm)" }),
  })
  .strict();

/** Short keys accepted on the command line (`mac-array:rows=16,depth=2,bw=32`). */
const ALIASES: Record<string, keyof MacArrayParams> = {
  depth: "macPipelineDepth",
  pipeline: "macPipelineDepth",
  ifmap: "ifmapSramKb",
  filter: "filterSramKb",
  ofmap: "ofmapSramKb",
  bw: "dramBandwidthBytesPerCycle",
  dram: "dramBandwidthBytesPerCycle",
  clock: "clockMhz",
  mhz: "clockMhz",
  node: "techNodeNm",
};

/** Validate a (partial) parameter object over the defaults; the reason names each bad field path. */
export function parseMacArrayParams(input: unknown, base: MacArrayParams = DEFAULT_MAC_ARRAY): Result<MacArrayParams> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, reason: "mac-array parameters must be an object of field: value" };
  }
  const renamed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) renamed[ALIASES[k] ?? k] = v;
  const r = macArraySchema.safeParse({ ...base, ...renamed });
  if (r.success) return { ok: true, value: r.data };
  const issues = r.error.issues.map((i) => {
    const path = i.path.length ? i.path.join(".") : "(root)";
    return `${path}: ${i.message}`;
  });
  return { ok: false, reason: `invalid mac-array parameters: ${issues.join("; ")}` };
}

/** Parse `key=value,key=value` overrides (numbers where numeric). */
export function parseKeyValues(text: string): Result<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  if (!text.trim()) return { ok: true, value: out };
  for (const part of text.split(",")) {
    const [k, v, extra] = part.split("=").map((s) => s.trim());
    if (!k || v === undefined || v === "" || extra !== undefined) return { ok: false, reason: `'${part}' is not key=value` };
    out[k] = /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(v) ? Number(v) : v;
  }
  return { ok: true, value: out };
}
