import type { Result } from "../../workloads/result.js";
import { fail, ok } from "../../workloads/result.js";

/**
 * SCALE-Sim v2 compute-cycle semantics as closed forms (Samajdar et al., ISPASS 2020; repository
 * github.com/scalesim-project/scale-sim-v2). SCALE-Sim builds, per fold, demand matrices with one row per
 * cycle (operand skew, fill and drain written as null requests), stacks the folds, and replays the rows
 * through its memory model. With no memory stalls its reported "Total Cycles" is a pure function of the
 * array, the dataflow and (Sr, Sc, T); this module computes it without building any matrix.
 *
 * Sources, all in scale-sim-v2 (files read at the commits named):
 * - scalesim/compute/systolic_compute_{os,ws,is}.py (os 0b80b27, ws 11a8413, is 1f53104): set_params (Sr,
 *   Sc, T and the fold counts), create_{ifmap,filter,ofmap}_demand_mat (per-fold gaps and skew),
 *   skew_matrix (an r×c matrix becomes (r + c − 1)×c), get_avg_mapping_efficiency and
 *   get_avg_compute_utilization (plain means over folds);
 * - scalesim/memory/double_buffered_scratchpad_mem.py (1eea742) service_memory_requests: row i is issued
 *   at cycle i + stalls so far and `total_cycles = ofmap_serviced_cycles[-1]`, the 0-based cycle of the
 *   LAST row, i.e. (rows − 1) + stalls;
 * - scalesim/single_layer_sim.py (187e81c) calc_report_data and scalesim/simulator.py (1f53104)
 *   generate_reports: COMPUTE_REPORT.csv "Total Cycles" = that total, "Overall Util %" = num_compute·100 /
 *   (total_cycles · rows · cols) with num_compute = ofmap pixels · filters · window;
 * - scalesim/topology_utils.py (013c54e, 18975c2): topo_calc_hyperparams and calc_spatio_temporal_params
 *   (how a conv or GEMM row becomes Sr, Sc, T per dataflow).
 * No code was taken from SCALE-Sim; the formulas below are derived from what it builds.
 */

/** SCALE-Sim's three dataflows: output-, weight- and input-stationary. */
export type ScaleSimDataflow = "os" | "ws" | "is";

/** A systolic array as SCALE-Sim sees it: ArrayHeight (rows) × ArrayWidth (cols) MAC units. */
export interface ScaleSimArray {
  /** ArrayHeight in the SCALE-Sim config, PEs. */
  readonly rows: number;
  /** ArrayWidth in the SCALE-Sim config, PEs. */
  readonly cols: number;
  readonly dataflow: ScaleSimDataflow;
}

/**
 * A layer's operand-matrix dims, dataflow-independent (SCALE-Sim's output-stationary Sr, Sc, T; see
 * operand_matrix.py): ifmap operand sr×t, filter operand t×sc, ofmap operand sr×sc. For a GEMM row
 * `Layer, M, N, K` of a SCALE-Sim GEMM topology, sr = M, sc = N, t = K (load_arrays_gemm feeds it as an
 * M×K ifmap with one 1×K filter per output column, so ofmap pixels = M, window = K, filters = N).
 */
export interface ScaleSimOperandDims {
  /** Ofmap pixels per filter (GEMM M), elements. */
  readonly sr: number;
  /** Number of filters (GEMM N), elements. */
  readonly sc: number;
  /** Convolution window = filterH·filterW·channels (GEMM K), elements. */
  readonly t: number;
}

/** Name of one operand-matrix dim. */
export type ScaleSimDimName = keyof ScaleSimOperandDims;

/** Which operand-matrix dim a dataflow lays on array rows, on array cols, and streams in time. */
export interface ScaleSimDataflowMapping {
  /** Dim folded over array rows (SCALE-Sim's per-dataflow Sr). */
  readonly rows: ScaleSimDimName;
  /** Dim folded over array cols (SCALE-Sim's per-dataflow Sc). */
  readonly cols: ScaleSimDimName;
  /** Dim streamed through the array, one element per cycle (SCALE-Sim's per-dataflow T). */
  readonly temporal: ScaleSimDimName;
  /** Operand held in the PEs for a whole fold. */
  readonly stationary: "ofmap" | "filter" | "ifmap";
  readonly explanation: string;
}

/**
 * Per-dataflow spatial/temporal mapping, as in topology_utils.calc_spatio_temporal_params and the
 * set_params of each systolic_compute_*.py.
 */
export const SCALESIM_DATAFLOW_MAPPING: Readonly<Record<ScaleSimDataflow, ScaleSimDataflowMapping>> = Object.freeze({
  os: Object.freeze({
    rows: "sr", cols: "sc", temporal: "t", stationary: "ofmap",
    explanation: "output stationary: PE (r, c) owns output (pixel r, filter c); ifmap rows enter from the left and "
      + "filter columns from the top, the window t streams in time, then the outputs drain down the columns",
  }),
  ws: Object.freeze({
    rows: "t", cols: "sc", temporal: "sr", stationary: "filter",
    explanation: "weight stationary: PE (r, c) holds filter element (window index r, filter c), loaded before the "
      + "fold; the ofmap pixels sr stream in time as ifmap rows, partial sums flow down the columns",
  }),
  is: Object.freeze({
    rows: "t", cols: "sr", temporal: "sc", stationary: "ifmap",
    explanation: "input stationary: PE (r, c) holds ifmap element (window index r, ofmap pixel c), loaded before the "
      + "fold; the filters sc stream in time, partial sums flow down the columns",
  }),
});

/** The dims a dataflow folds over rows and cols and streams in time (SCALE-Sim's per-dataflow Sr, Sc, T). */
export interface ScaleSimSpatialDims {
  readonly spatialRows: number;
  readonly spatialCols: number;
  readonly temporal: number;
}

/** Project operand-matrix dims onto a dataflow's rows, cols and time. */
export function scalesimSpatialDims(dataflow: ScaleSimDataflow, dims: ScaleSimOperandDims): ScaleSimSpatialDims {
  const m = SCALESIM_DATAFLOW_MAPPING[dataflow];
  return { spatialRows: dims[m.rows], spatialCols: dims[m.cols], temporal: dims[m.temporal] };
}

/** Compute timing of one layer the way SCALE-Sim v2 reports it, with no memory stalls. */
export interface ScaleSimComputeTiming {
  /**
   * COMPUTE_REPORT "Total Cycles" minus "Stall Cycles": demandCycles − 1. SCALE-Sim reports the 0-based
   * index of the last demand row, not the number of rows (see the module comment).
   */
  readonly computeCycles: number;
  /** Rows of SCALE-Sim's demand matrices = folds.total · cyclesPerFold, cycles. */
  readonly demandCycles: number;
  readonly folds: { readonly rowFolds: number; readonly colFolds: number; readonly total: number };
  /** Demand rows of every fold, fill, skew and drain included, cycles; partial folds cost the same. */
  readonly cyclesPerFold: number;
  /** Per-fold cycles SCALE-Sim divides by in Compute Util: cyclesPerFold for OS, cyclesPerFold + C − 1 for WS/IS. */
  readonly utilCyclesPerFold: number;
  readonly spatial: ScaleSimSpatialDims;
  /** sr·sc·t, the MACs SCALE-Sim counts as num_compute. */
  readonly macs: number;
  /** "Mapping Efficiency %" / 100: mean over folds of used PEs / all PEs. */
  readonly mappingEfficiency: number;
  /** "Compute Util %" / 100: mean over folds of usedPEs·T / (PEs · utilCyclesPerFold). */
  readonly computeUtilization: number;
  /** "Overall Util %" / 100 with no stalls: macs / (computeCycles · PEs); null when computeCycles is 0. */
  readonly overallUtilization: number | null;
}

const positiveInt = (v: number): boolean => Number.isSafeInteger(v) && v >= 1;

/**
 * Cycles SCALE-Sim v2 reports for one layer on an R×C array with no memory stalls.
 *
 * Derivation (R = rows, C = cols; Sr, Sc, T the dataflow's spatial rows, spatial cols and temporal dim from
 * SCALESIM_DATAFLOW_MAPPING). Folds run one after another, rows inner and cols outer, with no overlap:
 *   rowFolds = ceil(Sr / R), colFolds = ceil(Sc / C)                       (set_params)
 * Every fold, partial or not, is padded to the full R×C with null requests, so each costs the same.
 * - OS (systolic_compute_os.py): the ifmap fold is T rows of operands plus C − 1 drain rows, skewed over R
 *   lanes (+R − 1); the filter fold T + (R − 1) skewed over C lanes; the ofmap fold T − 1 wait rows plus R
 *   output rows, skewed over C lanes. All three give
 *     cyclesPerFold = T + R + C − 2.
 * - WS (systolic_compute_ws.py): the ifmap fold is R rows while the weights load, T ifmap rows, C − 1 rows
 *   while the last partial sums leave, skewed over R lanes (+R − 1); the filter fold R weight rows plus a
 *   suffix of R + C + T − 2; the ofmap fold 2R − 1 wait rows plus T, skewed over C lanes. All give
 *     cyclesPerFold = 2R + C + T − 2.
 * - IS (systolic_compute_is.py): the same construction with ifmap and filter swapped:
 *     cyclesPerFold = 2R + C + T − 2.
 * Then demandCycles = rowFolds · colFolds · cyclesPerFold and the reported cycles are demandCycles − 1.
 *
 * Utilization (create_ofmap_demand_mat for OS, create_filter_demand_mat for WS, create_ifmap_demand_mat
 * for IS): per fold, cycles_this_fold = height + width − 1 of the unskewed fold matrix, which is
 * T + R + C − 2 for OS but 2R + 2C + T − 3 for WS and IS (their fold matrix already counts the C − 1 drain,
 * so SCALE-Sim adds it twice). Averaged over folds with equal weights, since the fold used-row counts sum to
 * Sr and the used-col counts to Sc:
 *   mappingEfficiency = Sr·Sc / (folds · R · C),
 *   computeUtilization = mappingEfficiency · T / utilCyclesPerFold.
 */
export function scalesimComputeCycles(array: ScaleSimArray, dims: ScaleSimOperandDims): Result<ScaleSimComputeTiming> {
  const { rows, cols, dataflow } = array;
  if (!Object.hasOwn(SCALESIM_DATAFLOW_MAPPING, dataflow)) return fail(`scalesim: unknown dataflow '${String(dataflow)}' (os, ws or is)`);
  for (const [key, v] of [["rows", rows], ["cols", cols], ["sr", dims.sr], ["sc", dims.sc], ["t", dims.t]] as const) {
    if (!positiveInt(v)) return fail(`scalesim: ${key}=${v} must be a positive integer`);
  }
  const spatial = scalesimSpatialDims(dataflow, dims);
  const { spatialRows, spatialCols, temporal } = spatial;
  const rowFolds = Math.ceil(spatialRows / rows);
  const colFolds = Math.ceil(spatialCols / cols);
  const total = rowFolds * colFolds;
  const cyclesPerFold = dataflow === "os" ? temporal + rows + cols - 2 : 2 * rows + cols + temporal - 2;
  const utilCyclesPerFold = dataflow === "os" ? cyclesPerFold : 2 * rows + 2 * cols + temporal - 3;
  const demandCycles = total * cyclesPerFold;
  const macs = dims.sr * dims.sc * dims.t;
  if (!Number.isSafeInteger(demandCycles) || !Number.isSafeInteger(macs)) {
    return fail(`scalesim: cycle or MAC count exceeds 2^53 (sr=${dims.sr}, sc=${dims.sc}, t=${dims.t})`);
  }
  const computeCycles = demandCycles - 1;
  const pes = rows * cols;
  const mappingEfficiency = (spatialRows * spatialCols) / (total * pes);
  return ok({
    computeCycles,
    demandCycles,
    folds: { rowFolds, colFolds, total },
    cyclesPerFold,
    utilCyclesPerFold,
    spatial,
    macs,
    mappingEfficiency,
    computeUtilization: (mappingEfficiency * temporal) / utilCyclesPerFold,
    // SCALE-Sim would divide by zero here (1×1 array, T = 1, one fold, OS).
    overallUtilization: computeCycles > 0 ? macs / (computeCycles * pes) : null,
  });
}

/** Operand dims of a SCALE-Sim GEMM topology row `Layer, M, N, K` (load_arrays_gemm). */
export function scalesimGemmOperandDims(gemm: { readonly m: number; readonly n: number; readonly k: number }): ScaleSimOperandDims {
  return { sr: gemm.m, sc: gemm.n, t: gemm.k };
}

/** One row of a SCALE-Sim conv topology CSV (columns 2–9), pixels and elements. */
export interface ScaleSimConvRow {
  readonly ifmapHeight: number;
  readonly ifmapWidth: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly channels: number;
  readonly numFilters: number;
  readonly strideHeight: number;
  /** Optional 9th column; SCALE-Sim reuses the height stride when absent. */
  readonly strideWidth?: number;
}

/** Operand dims of a conv row plus the ofmap size SCALE-Sim derives, pixels. */
export interface ScaleSimConvOperands extends ScaleSimOperandDims {
  readonly ofmapHeight: number;
  readonly ofmapWidth: number;
}

/**
 * Operand dims of a SCALE-Sim conv row (topology_utils.topo_calc_hyperparams).
 *
 * No padding is declared, but the ofmap size is ceil((ifmap − filter + stride) / stride) =
 * ceil((ifmap − filter) / stride) + 1: when the stride does not divide ifmap − filter, the last window hangs
 * over the bottom/right edge and operand_matrix.calc_ifmap_elem_addr turns the missing pixels into null
 * requests. So AlexNet conv1 (224, 11×11, stride 4) has 55×55 outputs here, where floor would give 54.
 * A `DP` (depthwise) row is NOT handled: SCALE-Sim splits it into `channels` separate layers of one channel.
 */
export function scalesimConvOperandDims(row: ScaleSimConvRow): Result<ScaleSimConvOperands> {
  const strideWidth = row.strideWidth ?? row.strideHeight;
  const fields = { ...row, strideWidth };
  for (const [key, v] of Object.entries(fields)) {
    if (!positiveInt(v)) return fail(`scalesim conv: ${key}=${v} must be a positive integer`);
  }
  if (row.filterHeight > row.ifmapHeight) return fail(`scalesim conv: filter height ${row.filterHeight} exceeds ifmap height ${row.ifmapHeight}`);
  if (row.filterWidth > row.ifmapWidth) return fail(`scalesim conv: filter width ${row.filterWidth} exceeds ifmap width ${row.ifmapWidth}`);
  const ofmapHeight = Math.ceil((row.ifmapHeight - row.filterHeight) / row.strideHeight) + 1;
  const ofmapWidth = Math.ceil((row.ifmapWidth - row.filterWidth) / strideWidth) + 1;
  return ok({
    sr: ofmapHeight * ofmapWidth,
    sc: row.numFilters,
    t: row.filterHeight * row.filterWidth * row.channels,
    ofmapHeight,
    ofmapWidth,
  });
}
