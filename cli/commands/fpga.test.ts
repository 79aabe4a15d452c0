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

describe("FPGA CLI contracts (issue 11)", () => {
  it("isa dsp48e2 pack-int8x2 --a 3 --b -5 --c 7 --json prints the exact contract document", async () => {
    const r = await run("isa", "dsp48e2", "pack-int8x2", "--a", "3", "--b", "-5", "--c", "7", "--json");
    expect(r.code).toBe(0);
    // (3·2^18 − 5)·7 = 5504989 = 0x53ffdd in 48 bits; ac = 3·7, bc = −5·7.
    expect(JSON.parse(r.out)).toEqual({ target: "dsp48e2", instruction: "pack-int8x2", outputs: { p: "0x00000053ffdd", ac: 21, bc: -35 } });
  });

  it("isa dsp48e2: an operand out of range or a missing one is one line, exit 2", async () => {
    const bad = await run("isa", "dsp48e2", "pack-int8x2", "--a", "128", "--b", "0", "--c", "0");
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split("\n")).toHaveLength(1);
    expect(bad.err).toMatch(/-128\.\.127/);
    expect((await run("isa", "dsp48e2", "pack-int8x2", "--a", "1")).code).toBe(2);
    expect((await run("isa", "dsp48e2", "nope")).code).toBe(2);
  });

  it("hardware list --json includes every FPGA preset as {id: fpga:<preset>, kind: fpga, description}", async () => {
    const r = await run("hardware", "list", "--json");
    const f = JSON.parse(r.out).filter((e: { kind: string }) => e.kind === "fpga");
    expect(f.map((e: { id: string }) => e.id)).toEqual(["fpga:xczu9eg-2", "fpga:xcvc1902-2mp", "fpga:a5e065b"]);
    for (const e of f) expect(typeof e.description).toBe("string");
  });

  it("hardware show fpga:xczu9eg-2 --json: peaks with macsPerDspPerCycle, and dsp/lut/ff/bram36/fmaxMhz from DS891/DS925", async () => {
    const doc = JSON.parse((await run("hardware", "show", "fpga:xczu9eg-2", "--json")).out);
    expect(doc).toMatchObject({ id: "fpga:xczu9eg-2", kind: "fpga", dsp: 2520, lut: 274080, ff: 548160, bram36: 912, fmaxMhz: 775 });
    const peak = (p: string) => doc.peak.find((e: { precision: string }) => e.precision === p);
    expect(peak("int8")).toMatchObject({ macsPerDspPerCycle: 2, accumulator: "int48-dsp", macsPerCycle: 5040 });
    expect(peak("int4").macsPerDspPerCycle).toBe(4);
    // int8 peak: 2520 DSPs × 2 MACs × 775 MHz × 2 ops = 7.812 TOPS.
    expect(peak("int8").tops).toBeCloseTo((2 * 5040 * 775e6) / 1e12, 9);
    const none = JSON.parse((await run("hardware", "show", "fpga:xczu9eg-2:packing=none", "--json")).out);
    expect(none.peak.find((e: { precision: string }) => e.precision === "int8").macsPerDspPerCycle).toBe(1);
    const versal = JSON.parse((await run("hardware", "show", "fpga:xcvc1902-2mp", "--json")).out);
    expect(versal.peak.find((e: { precision: string }) => e.precision === "int8")).toMatchObject({ macsPerDspPerCycle: 3, macsPerCycle: 1968 * 3 });
    const agilex = JSON.parse((await run("hardware", "show", "fpga:a5e065b", "--json")).out);
    expect(agilex.peak.find((e: { precision: string }) => e.precision === "int8")).toMatchObject({ macsPerDspPerCycle: 20, accumulator: "int32-wrap" });
  });

  it("bad --hw fpga input is one line, exit 2: unknown device, packing the device lacks, unknown key", async () => {
    for (const hw of ["fpga:xc7z020", "fpga:nope", "fpga:xczu9eg-2:packing=dot3", "fpga:xczu9eg-2:packing=bogus", "fpga:xczu9eg-2:foo=1", "fpga:xczu9eg-2:pe=0", "fpga:xczu9eg-2:simd=-3", "fpga:xczu9eg-2:clock=abc", "fpga:xczu9eg-2:clock=0"]) {
      const r = await run("hardware", "show", hw, "--json");
      expect(r.code, hw).toBe(2);
      expect(r.err.trim().split("\n"), hw).toHaveLength(1);
    }
  });

  it("clock= above a sourced hard-block fmax is refused (no silent 100-TOPS peak); an assumed fmax is labelled as such", async () => {
    const over = await run("hardware", "show", "fpga:xczu9eg-2:clock=9999", "--json");
    expect(over.code).toBe(2);
    expect(over.err).toMatch(/above the hard blocks' 775 MHz fmax/);
    expect(over.err.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse((await run("hardware", "show", "fpga:xczu9eg-2:clock=400", "--json")).out).fmaxMhz).toBe(400);
    expect(JSON.parse((await run("hardware", "show", "fpga:a5e065b", "--json")).out).sources.fmaxMhz).toMatch(/^ASSUMPTION/);
    const report = async (hw: string) => {
      const out = join(mkdtempSync(join(tmpdir(), "hwsim-fpga-")), "r.md");
      const r = await run("compare", "int8", "int4", "--hw", hw, "--workload", "gemm:m=4,n=32,k=32", "--out", out);
      expect(r.code, r.err).toBe(0);
      return readFileSync(out, "utf8");
    };
    const a5 = await report("fpga:a5e065b");
    expect(a5).toMatch(/\| 500 \(assumed\) \|/);
    expect(a5).toMatch(/fmax 500 MHz \(assumed\) is an assumption, not a data-sheet figure/);
    expect(await report("fpga:a5e065b:clock=600")).not.toMatch(/assumed/);
    expect(await report("fpga:xczu9eg-2")).not.toMatch(/\(assumed\)/);
  });

  it("isa dsp48e2 pack-int8x2 --a 300 and a non-integer operand are one line, exit 2", async () => {
    for (const argv of [["--a", "300", "--b", "1", "--c", "1"], ["--a", "x", "--b", "1", "--c", "1"], ["--b", "1", "--c", "1"]]) {
      const r = await run("isa", "dsp48e2", "pack-int8x2", ...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err.trim().split("\n"), argv.join(" ")).toHaveLength(1);
    }
  });

  it("simulate --hw fpga:xczu9eg-2 --json adds resources, fmaxMhz and macUnit {lut, ff, dsp}", async () => {
    const r = await run("simulate", "--hw", "fpga:xczu9eg-2", "--format", "int8", "--workload", "gemm:m=16,n=64,k=64", "--json");
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    // PE = SIMD = 32: 1024 lanes, int8x2 → 512 DSPs; cycles = 16 rows × ⌈64/32⌉·⌈64/32⌉ + chain latency.
    expect(doc.resources.dsp).toBe(512);
    // int8x2 chains are cut at the bound 7; latency of a 7-long pre-adder chain = (AREG + ADREG) + MREG + PREG + 6
    // = 2 + 1 + 1 + 6 = 10 cycles; MVU fold 16 · ⌈64/32⌉ · ⌈64/32⌉ = 64: 74 cycles.
    expect(doc.cycles).toBe(74);
    // fp8 runs on LUT multipliers: no DSP, and its lane costs LUTs.
    const f = JSON.parse((await run("simulate", "--hw", "fpga:xczu9eg-2", "--format", "fp8", "--workload", "gemm:m=16,n=64,k=64", "--json")).out);
    expect(f.resources.dsp).toBe(0);
    expect(f.macUnit.lut).toBeGreaterThan(100);
    expect(doc.fmaxMhz).toBe(775);
    expect(doc.macUnit).toMatchObject({ dsp: 0.5 });
    expect(doc.resources).toHaveProperty("bram36");
    expect(doc.resources).toHaveProperty("lut");
    expect(doc.resources).toHaveProperty("ff");
  });

  it("compare int8 int4 fp8 --hw fpga:xczu9eg-2 runs end to end with the FPGA columns", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "hwsim-fpga-")), "r.md");
    const r = await run("compare", "int8", "int4", "fp8", "--hw", "fpga:xczu9eg-2", "--workload", "gemm:m=32,n=64,k=64", "--out", out);
    expect(r.code, r.err).toBe(0);
    const md = readFileSync(out, "utf8");
    expect(md).toMatch(/FPGA columns/);
    expect(md).toMatch(/\| int8 \| int8x2: 2 MACs per DSP48E2/);
    expect(md).toMatch(/\| int4 \| int4x4: 4 MACs per DSP48E2/);
    expect(md).toMatch(/\| fp8 \| fp8-e4m3×fp8-e4m3 multiplier in LUTs/);
    // The 32-lane SIMD chain exceeds the int8x2 bound of 7: the split is reported.
    expect(md).toMatch(/split into 5 segments of at most 7/);
  });
});
