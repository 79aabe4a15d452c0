import type { Layer, Workload } from "./layer.js";
import { conv2dLayer } from "./ops/conv2d.js";
import { gemmLayer } from "./ops/gemm.js";

/**
 * SCALE-Sim v2 topology CSV files as workloads, parsed from a string (the CLI reads the file).
 *
 * Layout, as read by scalesim/topology_utils.py (load_arrays_conv / load_arrays_gemm) in
 * github.com/scalesim-project/scale-sim-v2, with examples in its topologies/ folder
 * (topologies/conv_nets/*.csv, topologies/GEMM_mnk/*.csv):
 * - conv: `Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,`
 *   with an optional 9th column, the horizontal stride (otherwise the one stride serves both axes);
 * - GEMM: `Layer, M, N, K,`.
 * The first line is a header and is always skipped, as SCALE-Sim does. Trailing commas and empty cells are
 * ignored, `#` starts a comment (topologies/conv_nets/mobilnet_paper.csv marks depthwise rows `#dw`), and
 * rows whose cells are all empty are skipped. Columns after the 9th are ignored (conv_nets/Resnet50.csv keeps
 * spreadsheet notes there).
 *
 * Semantics kept from SCALE-Sim so that a `scalesim` timing mode can match it:
 * - no padding, but the window count rounds UP: topo_calc_hyperparams computes
 *   ofmap = ceil((ifmap − filter + stride)/stride) = ceil((ifmap − filter)/stride) + 1, and the last window may
 *   hang over the bottom/right edge (calc_ifmap_elem_addr marks those pixels −1: hidden zero padding). So a
 *   224×224 7×7/2 conv gives 110×110 (its Resnet50.csv notes say 110 too; the floor rule would give 109).
 *   Here the input is widened to (ofmap − 1)·stride + filter so the unpadded conv has exactly that many windows;
 * - a filter larger than the ifmap is an error (SCALE-Sim asserts the same);
 * - a conv row whose name contains `DP` is depthwise: SCALE-Sim splits it into `Channels` single-channel
 *   convs; here it is one layer with groups = Channels (repeat = Channels, n = Num Filter per group);
 * - a GEMM row maps to m = M, n = N, k = K (SCALE-Sim feeds it as a 1×K filter over an M×K ifmap,
 *   one channel, N filters: ofmap pixels M, window K).
 */
export type TopologyFormat = "conv" | "gemm" | "auto";

/** A parse result; a failure names the 1-based line and column of the offending cell. */
export interface TopologyFailure {
  readonly ok: false;
  readonly reason: string;
  readonly line: number;
  readonly column: number;
}
/** The parsed workload, or a failure naming line and column. */
export type TopologyResult = { readonly ok: true; readonly value: Workload } | TopologyFailure;

/** Options for parseScaleSimTopology. */
export interface TopologyOptions {
  /** Workload id and name, e.g. the file name; default "scalesim-topology". */
  readonly name?: string;
  /** Default "auto": decided from the header (M, N, K columns mean GEMM). */
  readonly format?: TopologyFormat;
}

const CONV_COLUMNS = ["Layer name", "IFMAP Height", "IFMAP Width", "Filter Height", "Filter Width", "Channels", "Num Filter", "Strides", "Stride Width"];
const GEMM_COLUMNS = ["Layer", "M", "N", "K"];

interface Row {
  readonly line: number;
  readonly cells: string[];
}

const err = (line: number, column: number, reason: string): TopologyFailure => ({
  ok: false, line, column, reason: `line ${line}, column ${column}: ${reason}`,
});

/** Cells of a line with the comment removed and trailing empty cells dropped. */
function cellsOf(text: string): string[] {
  const hash = text.indexOf("#");
  const cells = (hash < 0 ? text : text.slice(0, hash)).split(",").map((c) => c.trim());
  while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
  return cells;
}

function detectFormat(header: string[]): TopologyFormat | null {
  const h = header.map((c) => c.toLowerCase());
  if (h[1] === "m" && h[2] === "n" && h[3] === "k") return "gemm";
  if (h[1]?.includes("ifmap")) return "conv";
  return null;
}

/** Parse a SCALE-Sim v2 conv or GEMM topology CSV into a workload (see the module comment for semantics). */
export function parseScaleSimTopology(text: string, opts: TopologyOptions = {}): TopologyResult {
  const lines = text.split(/\r?\n/);
  const header = cellsOf(lines[0] ?? "");
  if (header.length === 0) return err(1, 1, "the header line is empty (SCALE-Sim topology files start with a header)");
  let format = opts.format ?? "auto";
  if (format === "auto") {
    const found = detectFormat(header);
    if (!found) {
      return err(1, 2, `cannot tell a conv topology from a GEMM one by the header '${header.join(", ")}' ` +
        `(expected '${CONV_COLUMNS.slice(0, 8).join(", ")}' or '${GEMM_COLUMNS.join(", ")}'); pass the format explicitly`);
    }
    format = found;
  }
  const rows: Row[] = [];
  lines.slice(1).forEach((l, i) => {
    const cells = cellsOf(l);
    if (cells.some((c) => c !== "")) rows.push({ line: i + 2, cells });
  });
  if (rows.length === 0) return err(lines.length, 1, "the topology has a header but no layers");
  const layers: Layer[] = [];
  for (const row of rows) {
    const r = format === "gemm" ? gemmRow(row) : convRow(row);
    if (!r.ok) return r;
    layers.push(r.layer);
  }
  const name = opts.name ?? "scalesim-topology";
  return {
    ok: true,
    value: {
      id: name,
      name,
      description: `SCALE-Sim ${format} topology, ${layers.length} layers (no padding: ofmap = ceil((ifmap − filter)/stride) + 1)`,
      layers,
      source: "SCALE-Sim v2 topology CSV (scale-sim-v2 scalesim/topology_utils.py)",
    },
  };
}

type RowResult = { ok: true; layer: Layer } | TopologyFailure;

function integers(row: Row, columns: readonly string[], count: number): { ok: true; values: number[] } | TopologyFailure {
  if (row.cells.length < count + 1) {
    return err(row.line, row.cells.length + 1, `expected ${count + 1} columns (${columns.slice(0, count + 1).join(", ")}), found ${row.cells.length}`);
  }
  if (row.cells[0] === "") return err(row.line, 1, `the ${columns[0]} cell is empty`);
  const values: number[] = [];
  for (let i = 1; i < Math.min(row.cells.length, columns.length); i++) {
    const cell = row.cells[i]!;
    if (i > count && cell === "") continue; // optional column left empty
    const v = /^\d+$/.test(cell) ? Number(cell) : NaN;
    if (!Number.isSafeInteger(v) || v < 1) {
      return err(row.line, i + 1, `${columns[i]} '${cell}' is not a positive integer`);
    }
    values[i - 1] = v;
  }
  return { ok: true, values };
}

function gemmRow(row: Row): RowResult {
  const r = integers(row, GEMM_COLUMNS, 3);
  if (!r.ok) return r;
  const [m, n, k] = r.values as [number, number, number];
  const l = gemmLayer({ name: row.cells[0]!, m, n, k });
  if (!l.ok) return err(row.line, 1, l.reason);
  return { ok: true, layer: l.value };
}

function convRow(row: Row): RowResult {
  const r = integers(row, CONV_COLUMNS, 7);
  if (!r.ok) return r;
  const [h, w, fh, fw, c, nf, sh] = r.values as [number, number, number, number, number, number, number];
  const sw = r.values[7] ?? sh;
  const name = row.cells[0]!;
  if (fh > h) return err(row.line, 4, `Filter Height ${fh} is larger than IFMAP Height ${h}`);
  if (fw > w) return err(row.line, 5, `Filter Width ${fw} is larger than IFMAP Width ${w}`);
  const depthwise = name.includes("DP");
  // SCALE-Sim's rounded-up window count (see the header comment): widen the input to cover the last window.
  const coverH = Math.ceil((h - fh) / sh) * sh + fh;
  const coverW = Math.ceil((w - fw) / sw) * sw + fw;
  const l = conv2dLayer({ name, h: coverH, w: coverW, c, k: depthwise ? c * nf : nf, r: fh, s: fw, stride: [sh, sw], pad: 0, groups: depthwise ? c : 1 });
  if (!l.ok) return err(row.line, 1, l.reason);
  return { ok: true, layer: l.value };
}
