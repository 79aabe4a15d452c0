/**
 * Running the external EDA tools (Yosys, Icarus Verilog) in a scratch directory. These are cross-checks, never
 * in a simulation's hot path (ARCHITECTURE.md: hw-models/verilog). A missing tool is an expected failure whose
 * reason names the fix.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fail, ok, type Result } from "../../workloads/result.js";

/** Debian/Ubuntu package that provides each tool. */
const PACKAGE: Record<string, string> = { yosys: "yosys", iverilog: "iverilog", vvp: "iverilog" };

/** Run `cmd args` in `cwd`; stdout on success, a one-line reason otherwise. */
export function runTool(cmd: string, args: readonly string[], cwd: string, timeoutMs = 300_000): Result<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 });
  const name = path.basename(cmd);
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === "ENOENT") {
      return fail(`${name} not found (${cmd}): install it with 'apt-get install ${PACKAGE[name] ?? name}' or pass its path`);
    }
    return fail(`${name} failed to run: ${r.error.message}`);
  }
  if (r.status !== 0) {
    const tail = `${r.stderr}\n${r.stdout}`.trim().split("\n").filter((l) => l.trim()).slice(-3).join(" | ");
    return fail(`${name} exited with ${r.status ?? r.signal}: ${tail}`);
  }
  return ok(r.stdout);
}

/** Write `files` into a fresh scratch directory, run `body` there, and remove the directory. */
export function inScratchDir<T>(files: Readonly<Record<string, string>>, body: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), "hwsim-verilog-"));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Read a file the tool wrote in `dir`. */
export function readToolOutput(dir: string, name: string): string {
  return readFileSync(path.join(dir, name), "utf8");
}
