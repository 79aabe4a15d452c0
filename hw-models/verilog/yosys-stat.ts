/** Reading Yosys's `stat -tech cmos` report: total cells, cells per gate type and estimated transistors. */
import { fail, ok, type Result } from "../../workloads/result.js";

/** Gate counts of one synthesised unit. */
export interface YosysCounts {
  readonly cells: number;
  readonly transistors: number;
  /** Cells per Yosys gate type (`$_NAND_` → 377). */
  readonly cellTypes: Readonly<Record<string, number>>;
}

/**
 * Parse the text `stat -tech cmos` prints. A transistor figure with a trailing `+` means Yosys met a cell it has
 * no cost for, so the count would be a lower bound: that is an error, not a number.
 */
export function parseYosysStat(text: string): Result<YosysCounts> {
  const cells = /Number of cells:\s+(\d+)/.exec(text);
  const tr = /Estimated number of transistors:\s+(\d+)(\+?)/.exec(text);
  if (!cells || !tr) return fail("yosys stat output has no cell or transistor count");
  if (tr[2] === "+") return fail("yosys met cells without a CMOS transistor cost (count is a lower bound)");
  const cellTypes: Record<string, number> = {};
  for (const m of text.matchAll(/^\s+(\$_\w+_)\s+(\d+)\s*$/gm)) cellTypes[m[1]!] = Number(m[2]);
  return ok({ cells: Number(cells[1]), transistors: Number(tr[1]), cellTypes });
}
