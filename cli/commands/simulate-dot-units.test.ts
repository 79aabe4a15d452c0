import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../main.js";
import { fakeContext } from "../testing/fake-context.js";

async function run(cwd: string, ...argv: string[]) {
  const ctx = fakeContext(cwd);
  const code = await main(argv, ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}
const tmp = () => mkdtempSync(path.join(tmpdir(), "hwsim-sim-"));

describe("hwsim simulate", () => {
  it("prints the JSON contract", async () => {
    const r = await run(tmp(), "simulate", "--format", "int8", "--workload", "gemm:m=64,n=64,k=64", "--json");
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    for (const k of ["cycles", "computeCycles", "stallCycles", "utilization", "macs", "actions", "sramReadBytes", "sramWriteBytes", "dramBytes", "energyPj", "energyBreakdownPj", "areaUm2", "areaBreakdownUm2", "outputsSha256"]) {
      expect(j, k).toHaveProperty(k);
    }
    // The default PE is dot16, so the WS fold runs over ⌈64/16⌉ = 4 wide elements of K: x = 4 on 32 rows (one
    // row fold), y = 64 on 32 columns (two column folds), t = m = 64. Cycles = 2·colFolds·x + rowFolds·y +
    // rowFolds·colFolds·(t − 2 + depth − 1) = 2·2·4 + 64 + 2·(64 − 2 + 2) = 208. (pe=mac: 640, model.test.ts.)
    expect(j.hardware).toBe("mac-array 32x32 ws dot16");
    expect(j.computeCycles).toBe(208);
    expect(j.macs).toBe(262144);
    const mac = JSON.parse((await run(tmp(), "simulate", "--hw", "mac-array:pe=mac", "--format", "int8", "--workload", "gemm:m=64,n=64,k=64", "--json")).out);
    expect(mac.computeCycles).toBe(640);
    // int8 into int32-wrap is associative: the dot PE's tree sums give the MAC's bits.
    expect(mac.outputsSha256).toBe(j.outputsSha256);
  });

  it("rtl and fast print the same cycles, actions and output hash; the rtl engine writes a VCD", async () => {
    const dir = tmp();
    const common = ["simulate", "--hw", "mac-array:rows=4,cols=4,dataflow=os,pe=mac", "--format", "fp8", "--workload", "gemm:m=9,n=6,k=11", "--json"];
    const fast = JSON.parse((await run(dir, ...common)).out);
    const r = await run(dir, ...common, "--engine", "rtl", "--vcd", "pe.vcd");
    expect(r.code, r.err).toBe(0);
    const rtl = JSON.parse(r.out);
    expect([rtl.cycles, rtl.outputsSha256]).toEqual([fast.cycles, fast.outputsSha256]);
    expect(rtl.actions).toEqual(fast.actions);
    const vcd = readFileSync(path.join(dir, "pe.vcd"), "utf8");
    expect(vcd).toMatch(/\$enddefinitions \$end/);
    expect(vcd).toMatch(/\$var /);
  });

  it("rtl and fast agree on the default dot16 PE too (K = 37 is ragged: ⌈37/16⌉ = 3 wide elements)", async () => {
    const dir = tmp();
    for (const [hw, format] of [["mac-array:rows=4,cols=4,dataflow=os", "fp8"], ["mac-array:rows=3,cols=5,dataflow=ws", "nvfp4"], ["mac-array:rows=2,cols=3,dataflow=is", "int8"]]) {
      const common = ["simulate", "--hw", hw!, "--format", format!, "--workload", "gemm:m=9,n=6,k=37", "--json"];
      const fast = JSON.parse((await run(dir, ...common)).out);
      const r = await run(dir, ...common, "--engine", "rtl", "--vcd", "dot.vcd");
      expect(r.code, r.err).toBe(0);
      const rtl = JSON.parse(r.out);
      expect(rtl.hardware).toMatch(/ dot16$/);
      expect([rtl.cycles, rtl.outputsSha256], hw).toEqual([fast.cycles, fast.outputsSha256]);
      expect(rtl.actions, hw).toEqual(fast.actions);
      expect(rtl.actions.mac, hw).toBe(9 * 6 * 3); // one dot step per output per wide element
      // The waveform shows the PE's 16-wide operand registers lane by lane.
      expect(readFileSync(path.join(dir, "dot.vcd"), "utf8")).toMatch(/\$var \S+ \S+ \S+ product_0_15 /);
    }
  });

  it("reads a YAML hardware file and names bad fields", async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "hw.yaml"), "rows: 8\ncols: 16\ndataflow: os\npe: mac\n");
    const ok = await run(dir, "simulate", "--hw-file", "hw.yaml", "--format", "int8", "--workload", "gemm:m=8,n=16,k=4", "--json");
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out).hardware).toBe("mac-array 8x16 os");
    writeFileSync(path.join(dir, "bad.yaml"), "rows: 8\ncols: -1\ndataflow: diagonal\n");
    const bad = await run(dir, "simulate", "--hw-file", "bad.yaml", "--format", "int8");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/cols: .*dataflow: /);
    writeFileSync(path.join(dir, "broken.yaml"), "rows: [8\n");
    expect((await run(dir, "simulate", "--hw-file", "broken.yaml", "--format", "int8")).err).toMatch(/not valid YAML/);
  });

  it("bad inputs exit 2 with one line", async () => {
    for (const [argv, msg] of [
      [["simulate", "--format", "int8", "--weights", "int4"], /not both/],
      [["simulate", "--weights", "int4"], /both --weights/],
      [["simulate", "--format", "int8", "--vcd", "x.vcd"], /--vcd needs --engine rtl/],
      [["simulate", "--format", "int8", "--node", "3"], /techNodeNm/],
      [["simulate", "--format", "int8", "--acc", "tc-h100"], /a dot unit of int8×int8 needs an integer accumulator/],
      [["simulate", "--format", "fp8", "--acc", "tc-a100"], /'tc-a100' sums 8-term blocks, not the PE's 16: use pe=dot8/],
      [["simulate", "--format", "fp8", "--hw", "mac-array:pe=mac", "--acc", "tc-h100"], /sums 16-term blocks: use a dot-product PE, --hw mac-array:pe=dot16/],
      [["simulate", "--format", "fp8", "--hw", "mac-array:pe=dot16", "--timing", "scalesim"], /--timing scalesim reproduces SCALE-Sim's one-MAC PEs, not pe=dot16/],
      [["simulate", "--format", "fp8", "--hw", "mac-array:pe=dot99"], /pe: must be mac or dot<n> with n from 2 to 64/],
      [["simulate", "--format", "int8", "--workload", "gemm:m=1000000,n=1000000,k=1000000"], /exceeds 2\^53/],
      [["simulate", "--format", "int8", "--workload", "gemm:m=20000,n=20000,k=20000", "--sample", "1"], /one sampled grid needs 400000000 operand elements/],
      [["simulate", "--format", "int8", "--workload", "gemm:m=4000,n=4000,k=4000", "--sample", "1"], /would take too long .*use --sample auto or --sample 0\.15625/],
      [["simulate", "--format", "int8", "--sample", "-1"], /--sample -1 must be auto, 0 \(timing and cost only\) or a fraction in \(0, 1\]/],
      [["simulate", "--format", "int8", "--sample", "2"], /--sample 2 must be auto/],
      [["simulate", "--format", "int8", "--sample", "abc"], /--sample abc must be auto/],
      [["simulate", "--format", "int8", "--sample-budget", "10"], /cannot compute one output per layer \(that needs \d+\)/],
      [["simulate", "--format", "int8", "--sample-budget", "abc"], /--sample-budget abc must be a positive number/],
      [["simulate", "--format", "int8", "--sample", "1e-400"], /--sample 1e-400 is too small to represent/],
      [["simulate", "--format", "int8", "--sample", "0", "--energy", "activity"], /--energy activity measures operand toggles/],
      [["simulate", "--format", "w=int4,a=fp8", "--acc", "int32-wrap", "--workload", "gemm:m=4,n=4,k=4"], /integer accumulator/],
      [["simulate", "--format", "w=int4,a=fp8,acc=fp32-seq", "--acc", "kulisch"], /both set it/],
    ] as const) {
      const r = await run(tmp(), ...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  });
});

describe("hwsim simulate: one precision grammar, --sample auto|0|F", () => {
  it("--format takes every precision string compare takes, with compare's figures", async () => {
    const SMALL = ["--workload", "gemm:m=16,n=16,k=32", "--hw", "mac-array:rows=8,cols=8", "--json"];
    for (const [text, w, a, acc] of [
      ["w4a8", "int4", "int8", "int32-wrap"],
      ["w=int4,a=fp8,acc=fp32-seq", "int4", "fp8-e4m3", "fp32-seq"],
      ["nvfp4", "nvfp4", "nvfp4", "fp32-seq"],
    ] as const) {
      const r = await run(tmp(), "simulate", "--format", text, ...SMALL);
      expect(r.code, r.err).toBe(0);
      const j = JSON.parse(r.out);
      expect(j.precision).toBe(text);
      expect(j.accumulator).toBe(acc);
      const dir = tmp();
      const c = await run(dir, "compare", text, ...SMALL.slice(0, 4), "--json", "c.json");
      expect(c.code, c.err).toBe(0);
      const row = JSON.parse(readFileSync(path.join(dir, "c.json"), "utf8")).rows[0];
      expect([row.weights, row.activations]).toEqual([w, a]);
      expect(j.energyPj).toBe(row.energyPj);
      expect(j.outputsSha256).toBe(row.outputsSha256);
      expect(j.sqnrDb).toBe(row.sqnrDb);
    }
  });

  it("--sample 0 is timing and cost only: the same cycles, energy and area as a full run, and no error", async () => {
    const args = ["simulate", "--format", "fp8", "--workload", "gemm:m=40,n=24,k=64", "--hw", "mac-array:rows=8,cols=8", "--json"];
    const full = JSON.parse((await run(tmp(), ...args, "--sample", "1")).out);
    const none = JSON.parse((await run(tmp(), ...args, "--sample", "0")).out);
    for (const key of ["cycles", "computeCycles", "stallCycles", "actions", "sramReadBytes", "sramWriteBytes", "dramBytes", "energyPj", "energyBreakdownPj", "areaUm2", "latencyUs"]) {
      expect(none[key], key).toEqual(full[key]);
    }
    expect(full.errorMeasured).toBe(true);
    expect(none.errorMeasured).toBe(false);
    expect(none.sqnrDb).toBeNull();
    expect(none.outputsComputed).toBe(0);
    expect(none.sampleMode).toBe("timing-only");
  });

  it("auto runs small workloads in full and samples large ones within the budget, with an uncertainty", async () => {
    const small = JSON.parse((await run(tmp(), "simulate", "--format", "int8", "--workload", "gemm:m=32,n=32,k=32", "--json")).out);
    expect([small.sampleMode, small.sampleFraction, small.sqnrDbStdErr]).toEqual(["auto", 1, 0]);
    const big = JSON.parse((await run(tmp(), "simulate", "--format", "int8", "--workload", "gemm:m=512,n=512,k=512", "--sample-budget", "2e7", "--json")).out);
    expect(big.sampleMode).toBe("auto");
    expect(big.sampleBudgetMacs).toBe(2e7);
    expect(big.sampleFraction).toBeLessThan(1);
    expect(big.outputsComputed).toBeGreaterThan(100);
    expect(big.outputsComputed).toBeLessThan(512 * 512);
    expect(big.sqnrDbStdErr).toBeGreaterThan(0);
    expect(big.sqnrDbCi95Low).toBeLessThan(big.sqnrDb);
    expect(big.sqnrDbCi95High).toBeGreaterThan(big.sqnrDb);
  });
});

describe("hwsim dot and units", () => {
  it("dot: 1·1 + 2·1 = 3 in fp32 from E4M3 codes", async () => {
    const r = await run(tmp(), "dot", "--unit", "fp32-seq", "--a-format", "fp8-e4m3", "--b-format", "fp8-e4m3", "--a", "0x38,0x40", "--b", "0x38,0x38", "--json");
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ code: "0x40400000", value: "3", format: "fp32" });
  });

  it("dot: int32-wrap wraps 2^31 − 1 + 127·127 and raises overflow", async () => {
    const r = await run(tmp(), "dot", "--unit", "int32-wrap", "--a-format", "int8", "--b-format", "int8", "--a", "0x7f", "--b", "0x7f", "--c", "0x7fffffff", "--json");
    const j = JSON.parse(r.out);
    // (2^31 − 1) + 16129 − 2^32 = −2147467520
    expect(j.value).toBe("-2147467520");
    expect(j.flags.overflow).toBe(true);
  });

  it("dot: a tensor-core unit truncates the small addend (Fasi et al. alignment) and overrides apply", async () => {
    // 1 + 2^-24 + 2^-24 (fp16 0x0001 is 2^-24): on tc-v100 (neab = 0) each 2^-24 lies below 2^(0 − 23) and is
    // truncated away, giving 1; with 3 extra alignment bits both survive and sum to 2^-23, exact in fp32.
    const args = ["dot", "--a-format", "fp16", "--b-format", "fp16", "--a", "0x3c00,0x0001,0x0001", "--b", "0x3c00,0x3c00,0x3c00", "--json"];
    const v100 = JSON.parse((await run(tmp(), ...args, "--unit", "tc-v100")).out);
    expect(v100.value).toBe("1");
    const wide = JSON.parse((await run(tmp(), ...args, "--unit", "tc-v100:neab=3")).out);
    expect(wide.value).toBe("1.00000011920928955078125");
  });

  it("dot: errors", async () => {
    const r = await run(tmp(), "dot", "--unit", "fp32-seq", "--a-format", "fp8", "--b-format", "fp8", "--a", "0x38,0x38", "--b", "0x38");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--a has 2 codes but --b has 1/);
    const u = await run(tmp(), "dot", "--unit", "fp33-seq", "--a-format", "fp8", "--b-format", "fp8", "--a", "0x38", "--b", "0x38");
    expect(u.err).toMatch(/did you mean/);
  });

  it("units lists every preset with its parameters and source", async () => {
    const r = await run(tmp(), "units", "--json");
    const ids = JSON.parse(r.out).units.map((u: { id: string }) => u.id);
    for (const id of ["exact", "fp32-seq", "fp32-fma", "fp16-seq", "int32-wrap", "int32-sat", "int48-dsp", "kulisch", "tc-v100", "tc-a100", "tc-ada", "tc-h100", "tc-h100-fp8"]) {
      expect(ids).toContain(id);
    }
  });
});
