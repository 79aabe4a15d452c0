import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../main.js";
import { fakeContext } from "../testing/fake-context.js";

const run = async (...argv: string[]) => {
  const ctx = fakeContext();
  const code = await main(argv, ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
};

describe("MCU CLI contracts", () => {
  it("hardware list --json includes every MCU preset as {id: mcu:<preset>, kind: mcu, description}", async () => {
    const r = await run("hardware", "list", "--json");
    const mcu = JSON.parse(r.out).filter((e: { kind: string }) => e.kind === "mcu");
    expect(mcu.map((e: { id: string }) => e.id)).toEqual(["mcu:cortex-m4", "mcu:cortex-m7", "mcu:cortex-m55", "mcu:cv32e40p", "mcu:cv32e40p-xpulpnn", "mcu:pulp-cluster", "mcu:gap9"]);
  });
  it("hardware show mcu:pulp-cluster --json: id, kind, params, peak per precision for all 8 cores", async () => {
    const r = await run("hardware", "show", "mcu:pulp-cluster", "--json");
    const doc = JSON.parse(r.out);
    expect(doc.id).toBe("mcu:pulp-cluster");
    expect(doc.kind).toBe("mcu");
    expect(doc.params.cores).toBe(8);
    // 8 cores × 32 MACs per 14-cycle PULP-NN inner iteration.
    expect(doc.peak.find((p: { precision: string }) => p.precision === "int8").macsPerCycle).toBeCloseTo((8 * 32) / 14, 9);
  });
  for (const [hw, kernels] of [["mcu:cortex-m4", ["arm-int8-cmsis", "arm-int4-cmsis", "arm-fp8-e4m3-lut-vfma"]], ["mcu:pulp-cluster", ["pulp-int8-pulpnn", "pulp-int4-xpulpv2", "pulp-fp8-e4m3-lut-fmadd"]]] as const) {
    it(`compare int8 int4 fp8 --hw ${hw} runs end to end (fp8 and int4 by emulation kernels) and the report names each kernel`, async () => {
      const out = join(mkdtempSync(join(tmpdir(), "hwsim-mcu-")), "r.md");
      const r = await run("compare", "int8", "int4", "fp8", "--hw", hw, "--workload", "gemm:m=16,n=16,k=16", "--out", out);
      expect(r.code, r.err).toBe(0);
      const md = readFileSync(out, "utf8");
      for (const k of kernels) expect(md).toContain(`| ${k} |`);
    });
  }
  it("simulate --hw mcu:cortex-m4 --json names the kernel and the footprint: 8×8×8 int8 = A 64 B + C 64×4 B (int32) + weights 64 B = 384 B", async () => {
    const r = await run("simulate", "--hw", "mcu:cortex-m4", "--format", "int8", "--workload", "gemm:m=8,n=8,k=8", "--json");
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.kernel).toBe("arm-int8-cmsis");
    expect(doc.footprintBytes).toBe(384);
    expect(doc.macs).toBe(512);
  });
  it("hardware show mcu:<p>:kernel=plain keeps kernel=plain in its id (its peaks are the plain kernels')", async () => {
    const r = await run("hardware", "show", "mcu:cortex-m4:kernel=plain", "--json");
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.id).toBe("mcu:cortex-m4:kernel=plain");
    expect(doc.params.kernel).toBe("plain");
    expect(doc.peak.find((p: { precision: string }) => p.precision === "int8").kernel).toBe("arm-int8-plain");
  });
  it("bad --hw mcu specs and unsupported requests: one line naming the problem, exit 2", async () => {
    const gemm = ["--format", "int8", "--workload", "gemm:m=8,n=8,k=8", "--json"];
    for (const [argv, says] of [
      [["hardware", "show", "mcu:nope", "--json"], "unknown MCU preset 'nope'"],
      [["simulate", "--hw", "mcu:nope", ...gemm], "unknown MCU preset 'nope'"],
      [["simulate", "--hw", "mcu", ...gemm], "unknown MCU preset ''"],
      [["simulate", "--hw", "mcu:cortex-m4:kernel=bogus", ...gemm], "kernel=bogus: use kernel=plain or kernel=optimized"],
      [["simulate", "--hw", "mcu:cortex-m4:kernel", ...gemm], "kernel needs a value"],
      [["simulate", "--hw", "mcu:cortex-m4:foo=1", ...gemm], "unknown key 'foo'"],
      [["simulate", "--hw", "mcu:cortex-m4:kernel=plain,kernel=optimized", ...gemm], "kernel is given more than once"],
      [["simulate", "--hw", "mcu:cortex-m4", "--format", "fp64", "--workload", "gemm:m=8,n=8,k=8", "--json"], "no native fp64"],
      [["simulate", "--hw", "mcu:cortex-m4", "--format", "int8", "--workload", "gemm:m=4096,n=4096,k=4096", "--json"], "exceed the 131072 B SRAM"],
    ] as const) {
      const r = await run(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.out).toBe("");
      expect(r.err.trim().split("\n"), argv.join(" ")).toHaveLength(1);
      expect(r.err, argv.join(" ")).toContain(says);
    }
  });
  it("compare int8 fp16 --hw mcu:pulp-cluster runs end to end; a bad key is one line, exit 2", async () => {
    const ok = await run("compare", "int8", "fp16", "--hw", "mcu:pulp-cluster", "--workload", "gemm:m=32,n=32,k=32", "--out", join(mkdtempSync(join(tmpdir(), "hwsim-mcu-")), "r.md"));
    expect(ok.code, ok.err).toBe(0);
    const bad = await run("simulate", "--hw", "mcu:pulp-cluster:kernel=fast", "--format", "int8", "--workload", "gemm:m=8,n=8,k=8");
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split("\n")).toHaveLength(1);
  });
});
