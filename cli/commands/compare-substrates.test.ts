import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../main.js";
import { fakeContext } from "../testing/fake-context.js";

const tmp = () => mkdtempSync(path.join(tmpdir(), "hwsim-substrates-"));
async function run(cwd: string, ...argv: string[]) {
  const ctx = fakeContext(cwd);
  const code = await main(argv, ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

describe("compare across substrates", () => {
  it("an MCU report shows its kernel, MAC/cycle and footprint, and never a NaN ratio", async () => {
    const dir = tmp();
    const r = await run(dir, "compare", "int8", "fp16", "--hw", "mcu:pulp-cluster", "--workload", "gemm:m=16,n=16,k=64", "--json", "r.json");
    expect(r.code, r.err).toBe(0);
    const md = readFileSync(path.join(dir, "hwsim-report.md"), "utf8");
    expect(md).not.toMatch(/NaN/);
    expect(md).toMatch(/\| precision \| kernel \| MAC\/cycle \| run time ms \| footprint B \|/);
    const j = JSON.parse(readFileSync(path.join(dir, "r.json"), "utf8"));
    expect(j.rows).toHaveLength(2);
  });

  it("simulate --json on an MCU names the kernel and its footprint", async () => {
    const r = await run(tmp(), "simulate", "--hw", "mcu:pulp-cluster", "--format", "int8", "--workload", "gemm:m=8,n=8,k=32", "--json");
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(typeof j.kernel).toBe("string");
    expect(j.footprintBytes).toBeGreaterThanOrEqual(8 * 32 + 32 * 8); // int8 A and B at least
  });
});
