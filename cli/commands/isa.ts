import type { Argv } from "yargs";
import type { CommandSpec } from "../command.js";
import { printJson } from "../command.js";
import { hexCode } from "../args.js";
import { UsageError } from "../errors.js";
import { allOperandNames, lookupInstruction } from "../../hw-models/mcu/isa/index.js";
import type { OperandSpec } from "../../hw-models/mcu/isa/index.js";
import { DSP_TARGETS, dspOperandNames } from "../../hw-models/fpga/isa.js";

/** Every option name: MCU register operands and FPGA hard-block operands. */
const optionNames = () => [...new Set([...allOperandNames(), ...dspOperandNames()])].sort();

/** `hwsim isa dsp48e2|dsp58 <primitive>`: operands are integers (decimal or hex) within each operand's range. */
function runDsp(args: IsaArgs): Record<string, unknown> {
  const target = args.core.toLowerCase();
  const set = DSP_TARGETS[target]!;
  const unit = set.find((u) => u.name === args.instruction.toLowerCase());
  if (!unit) throw new UsageError(`${target} has no instruction '${args.instruction}': it has ${set.map((u) => u.name).join(", ")}`);
  const given = new Set(optionNames().filter((n) => args[n] !== undefined));
  const v: Record<string, number> = {};
  for (const op of unit.inputs) {
    given.delete(op.name);
    const raw = args[op.name];
    if (raw === undefined) {
      if (op.default === undefined) throw new UsageError(`${unit.name} needs --${op.name}: its operands are ${unit.inputs.map((i) => `--${i.name}`).join(" ")}`);
      v[op.name] = op.default;
      continue;
    }
    const t = String(raw).trim();
    const n = /^-?0x[0-9a-f_]+$/i.test(t) ? (t.startsWith("-") ? -Number(t.slice(1).replace(/_/g, "")) : Number(t.replace(/_/g, ""))) : /^-?\d+$/.test(t) ? Number(t) : NaN;
    if (!Number.isSafeInteger(n)) throw new UsageError(`--${op.name} ${t}: not an integer: give decimal (-5) or hex (0x3f)`);
    if (n < op.min || n > op.max) throw new UsageError(`--${op.name} ${t}: ${unit.name} takes ${op.name} in ${op.min}..${op.max}`);
    v[op.name] = n;
  }
  if (given.size) throw new UsageError(`${unit.name} takes no ${[...given].map((g) => `--${g}`).join(", ")}: its operands are ${unit.inputs.map((i) => `--${i.name}`).join(" ")}`);
  return { target, instruction: unit.name, outputs: unit.exec(v) };
}

interface IsaArgs {
  core: string;
  instruction: string;
  json: boolean;
  q?: string;
  [operand: string]: unknown;
}

/** A register value: hex (0x…), or a decimal integer (negative values wrap to the register width). */
function registerValue(text: string, op: OperandSpec, instruction: string): bigint {
  const t = text.trim();
  let v: bigint;
  if (/^0x[0-9a-f_]+$/i.test(t)) v = BigInt(t.replace(/_/g, ""));
  else if (/^-?\d+$/.test(t)) v = BigInt(t);
  else throw new UsageError(`--${op.name} ${text}: not an integer: give hex (0x80008000) or decimal`);
  if (op.widthBits === 0) {
    const n = Number(v);
    if (op.values && !op.values.includes(n)) throw new UsageError(`--${op.name} ${text}: ${instruction} takes ${op.name} ${op.values.join(", ")}`);
    if (op.range && (n < op.range[0] || n > op.range[1])) throw new UsageError(`--${op.name} ${text}: ${instruction} takes ${op.name} in ${op.range[0]}..${op.range[1]}`);
    return v;
  }
  const lo = -(1n << BigInt(op.widthBits - 1));
  const hi = (1n << BigInt(op.widthBits)) - 1n;
  if (v < lo || v > hi) throw new UsageError(`--${op.name} ${text}: does not fit the ${op.widthBits}-bit register`);
  return BigInt.asUintN(op.widthBits, v);
}

export const isaCommand: CommandSpec = {
  command: "isa <core> <instruction>",
  describe: "Run one MCU instruction or FPGA DSP primitive bit-exactly (ARMv7E-M DSP, Helium, XpulpV2, XpulpNN, FP SIMD; DSP48E2, DSP58)",
  builder: (y: Argv) => {
    let b = y
      .positional("core", { type: "string", describe: "dsp48e2, dsp58, cortex-m4, cortex-m7, cortex-m55, cv32e40p, cv32e40p-xpulpnn (or a preset: pulp-cluster, gap9)" })
      .positional("instruction", { type: "string", describe: "mnemonic as in the manual: smlad, sxtb16, pv.sdotsp.b, vmladava.s8, vfmac.h" })
      .option("q", { type: "string", describe: "initial Q flag (0 or 1; default clear)" })
      .option("json", { type: "boolean", default: false, describe: "print JSON" });
    for (const name of optionNames()) b = b.option(name, { type: "string", describe: `operand ${name}` });
    return b;
  },
  valueOptions: [...optionNames(), "q"],
  examples: [
    ["$0 isa dsp48e2 pack-int8x2 --a 3 --b -5 --c 7 --json", "p 0x00000053ffdd, ac 21, bc -35 (WP486)"],
    ["$0 isa cortex-m4 smlad --rn 0x80008000 --rm 0x80008000 --ra 0x0 --json", "rd 0x80000000, q true"],
    ["$0 isa cortex-m4 sxtb16 --rm 0x12345678 --ror 8 --json", "rd 0x00120056"],
    ["$0 isa cv32e40p pv.sdotsp.b --rd 0x0 --rs1 0x807f01ff --rs2 0x80807f01 --json", "rd 0x000000fe"],
  ],
  run(args: IsaArgs, ctx) {
    if (DSP_TARGETS[args.core.toLowerCase()]) {
      const doc = runDsp(args);
      if (args.json) return printJson(ctx, doc);
      ctx.stdout(`${Object.entries(doc["outputs"] as Record<string, unknown>).map(([k, x]) => `${k}=${String(x)}`).join(" ")}\n`);
      return;
    }
    const found = lookupInstruction(args.core, args.instruction);
    if (!found.ok) throw new UsageError(found.reason);
    const unit = found.unit;
    const given = new Set(allOperandNames().filter((n) => args[n] !== undefined));
    const inputs: Record<string, bigint> = {};
    for (const op of unit.inputs) {
      const raw = args[op.name];
      given.delete(op.name);
      if (raw === undefined) {
        if (op.default !== undefined) inputs[op.name] = op.default;
        else throw new UsageError(`${unit.name} needs --${op.name}: its operands are ${unit.inputs.map((i) => `--${i.name}`).join(" ")}`);
      } else inputs[op.name] = registerValue(String(raw), op, unit.name);
    }
    if (given.size) throw new UsageError(`${unit.name} takes no ${[...given].map((g) => `--${g}`).join(", ")}: its operands are ${unit.inputs.map((i) => `--${i.name}`).join(" ")}`);
    if (args.q !== undefined && args.q !== "0" && args.q !== "1") throw new UsageError(`--q ${args.q}: give 0 or 1`);
    if (args.q !== undefined && !unit.flags.includes("q")) throw new UsageError(`${unit.name} defines no Q flag: drop --q`);
    const out = unit.exec(inputs, args.q === "1");
    const outputs: Record<string, string> = {};
    for (const o of unit.outputs) outputs[o.name] = hexCode(out.outputs[o.name]!, o.widthBits);
    const flags: Record<string, boolean> = {};
    for (const f of unit.flags) flags[f] = out.q;
    const doc = { target: found.target, instruction: unit.name, outputs, flags };
    if (args.json) {
      printJson(ctx, doc);
      return;
    }
    const fl = Object.entries(flags).map(([k, v]) => `${k}=${v ? 1 : 0}`);
    ctx.stdout(`${Object.entries(outputs).map(([k, v]) => `${k}=${v}`).join(" ")}${fl.length ? `  ${fl.join(" ")}` : ""}\n`);
  },
};
