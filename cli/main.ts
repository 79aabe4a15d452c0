import yargs from "yargs";
import type { CliContext } from "./context.js";
import type { CommandSpec } from "./command.js";
import { UsageError } from "./errors.js";
import { VERSION } from "./version.js";
import { escapeNegativeNumbers, repeatedOption } from "./args.js";
import { formatsCommand } from "./commands/formats.js";
import { encodeCommand } from "./commands/encode.js";
import { decodeCommand } from "./commands/decode.js";
import { convertCommand } from "./commands/convert.js";
import { quantizeCommand } from "./commands/quantize.js";
import { simulateCommand } from "./commands/simulate.js";
import { compareCommand } from "./commands/compare.js";
import { dotCommand } from "./commands/dot.js";
import { unitsCommand } from "./commands/units.js";
import { hardwareCommand } from "./commands/hardware.js";
import { synthCommand } from "./commands/synth.js";
import { sweepCommand } from "./commands/sweep.js";
import { workerCommand } from "./commands/worker.js";
import { isaCommand } from "./commands/isa.js";

/** Every command, in the order `hwsim --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  compareCommand,
  simulateCommand,
  sweepCommand,
  workerCommand,
  formatsCommand,
  encodeCommand,
  decodeCommand,
  convertCommand,
  quantizeCommand,
  dotCommand,
  unitsCommand,
  hardwareCommand,
  synthCommand,
  isaCommand,
];

/**
 * Run the CLI. Returns the exit code: 0 success, 2 bad input (one-line message), 1 internal error.
 * Never calls process.exit; all output goes through ctx.
 */
export async function main(argv: readonly string[], ctx: CliContext): Promise<number> {
  const debug = argv.includes("--debug");
  const valueOptions = new Set(COMMANDS.flatMap((c) => c.valueOptions ?? []));
  let pending: Promise<void> | undefined;
  const parser = yargs()
    .scriptName("hwsim")
    .usage("$0 <command> [options]\n\nBit-exact number formats, hardware cost models and format comparisons.")
    .parserConfiguration({ "parse-numbers": false, "parse-positional-numbers": false })
    .option("debug", { type: "boolean", default: false, describe: "show stack traces on errors" })
    .version(VERSION)
    .help()
    .alias("h", "help")
    .strict()
    .demandCommand(1, "give a command: hwsim --help lists them")
    .recommendCommands()
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });
  for (const spec of COMMANDS) {
    let arrays = new Set<string>();
    parser.command(
      spec.command,
      spec.describe,
      (y) => {
        const built = spec.builder(y);
        for (const [cmd, what] of spec.examples ?? []) built.example(cmd, what);
        // yargs keeps its option table at runtime (getOptions is untyped in @types/yargs).
        const opts = (built as unknown as { getOptions(): { array: string[]; alias: Record<string, string[]> } }).getOptions();
        arrays = new Set(opts.array.flatMap((k) => [k, ...(opts.alias[k] ?? [])]));
        return built;
      },
      (args) => {
        const twice = repeatedOption(args, arrays);
        pending = twice
          ? Promise.reject(new UsageError(`--${twice} is given more than once: give it once`))
          : Promise.resolve().then(() => spec.run({ ...args, $rawArgv: argv }, ctx));
      },
    );
  }
  try {
    const output = await new Promise<string>((resolve, reject) => {
      try {
        parser.parse(escapeNegativeNumbers(argv, valueOptions), {}, (err, _args, out) => (err ? reject(err) : resolve(out)));
      } catch (e) {
        reject(e);
      }
    });
    if (output) ctx.stdout(output.endsWith("\n") ? output : output + "\n");
    if (pending) await pending;
    return 0;
  } catch (e) {
    return reportError(e, ctx, debug);
  }
}

function reportError(e: unknown, ctx: CliContext, debug: boolean): number {
  const err = e instanceof Error ? e : new Error(String(e));
  const isUsage = err instanceof UsageError || err.name === "YError";
  const firstLine = err.message.trim().replace(/:\s*\n\s*/g, ": ").replace(/\s*\n\s*/g, "; ");
  ctx.stderr(`hwsim: ${isUsage ? "" : "internal error: "}${firstLine}\n`);
  if (debug) ctx.stderr(`${err.stack ?? ""}\n`);
  else if (!isUsage) ctx.stderr("hwsim: this is a bug; run again with --debug for a stack trace and report it\n");
  return isUsage ? 2 : 1;
}
