import type { CompareRow } from "./compare.js";
import type { McuSimResult } from "../hw-models/mcu/model.js";
import { int, sig } from "./format-number.js";

/**
 * The MCU columns of a substrate's section (empty for other substrates): an MCU's size axis is its cores and
 * memory footprint, not µm², so the section names the kernel, MAC/cycle, run time and footprint.
 */
export function mcuColumns(rows: readonly CompareRow[]): string[] {
  if (rows.length === 0 || rows[0]!.modelKind !== "mcu") return [];
  const L = [
    "MCU columns. An MCU's silicon is fixed: its size axis is the memory footprint (weights, activations and buffers the kernel needs), and the area columns are not used.",
    "",
    "| precision | kernel | MAC/cycle | run time ms | footprint B |",
    "|---|---|---|---|---|",
  ];
  for (const x of rows) {
    const s = x.sim as McuSimResult;
    L.push(`| ${x.precision.id} | ${s.kernel} | ${sig(s.cycles > 0 ? s.macs / s.cycles : 0)} | ${sig(x.cost.latencyUs / 1000)} | ${int(s.footprintBytes)} |`);
  }
  L.push("");
  return L;
}
