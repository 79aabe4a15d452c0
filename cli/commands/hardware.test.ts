import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../main.js";
import { fakeContext } from "../testing/fake-context.js";

async function run(...argv: string[]) {
  const ctx = fakeContext(mkdtempSync(path.join(tmpdir(), "hwsim-hw-")));
  const code = await main(argv, ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText(), cwd: ctx.cwd };
}
async function runIn(cwd: string, ...argv: string[]) {
  const ctx = fakeContext(cwd);
  const code = await main(argv, ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

describe("hwsim hardware", () => {
  it("list --json: every preset of every substrate, each id accepted by --hw", async () => {
    const r = await run("hardware", "list", "--json");
    expect(r.code, r.err).toBe(0);
    const list = JSON.parse(r.out) as { id: string; kind: string; description: string }[];
    expect(list.map((e) => e.id).slice(0, 7)).toEqual(["mac-array", "gpu:v100-sxm2", "gpu:a100-sxm4", "gpu:h100-sxm5", "gpu:l40s", "gpu:rtx4090", "gpu:b200"]);
    expect(list.some((e) => e.kind === "mcu" && e.id.startsWith("mcu:"))).toBe(true);
    for (const e of list) {
      expect(Object.keys(e)).toEqual(["id", "kind", "description"]);
      const s = await run("hardware", "show", e.id, "--json");
      expect(s.code, `${e.id}: ${s.err}`).toBe(0);
    }
  });

  it("show gpu:h100-sxm5 --json: params, dense peaks (2 ops per MAC) and the headline figures", async () => {
    const r = await run("hardware", "show", "gpu:h100-sxm5", "--json");
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ id: "gpu:h100-sxm5", kind: "gpu", sms: 132, clockMhz: 1830, memoryBandwidthGBs: 3350, l2Bytes: 50 * 2 ** 20, tdpW: 700 });
    expect(j.params.sms).toBe(132);
    const peak = new Map((j.peak as { precision: string; accumulator: string; macsPerCycle: number; tops: number }[]).map((p) => [p.precision, p]));
    // H100 SXM datasheet (dense): FP8 1978.9 TFLOPS, FP16 989.4, TF32 494.7, INT8 1978.9 TOPS.
    expect(peak.get("fp8")!.tops).toBeCloseTo(1978.9, 0);
    expect(peak.get("fp16")!.tops).toBeCloseTo(989.4, 0);
    expect(peak.get("tf32")!.tops).toBeCloseTo(494.7, 0);
    expect(peak.get("int8")).toMatchObject({ accumulator: "int32-wrap", macsPerCycle: 132 * 4096 });
    expect(peak.get("fp16")!.accumulator).toBe("tc-h100");
    expect(peak.get("fp8")!.accumulator).toBe("tc-h100-fp8-nopromote");
    expect(peak.has("int4")).toBe(false);
    // B200 lists the block-scaled kinds: FP4 9 PFLOPS dense (HGX B200 datasheet).
    const b = JSON.parse((await run("hardware", "show", "gpu:b200", "--json")).out);
    const bp = new Map((b.peak as { precision: string; tops: number }[]).map((p) => [p.precision, p]));
    for (const id of ["nvfp4", "mxfp4", "fp4"]) expect(bp.get(id)!.tops, id).toBeCloseTo(9000, -1);
    // The GeForce fp16-accumulate rate is its own entry: 330.3 TFLOPS (Ada whitepaper).
    const g = JSON.parse((await run("hardware", "show", "gpu:rtx4090", "--json")).out);
    expect((g.peak as { precision: string; accumulator: string; tops: number }[]).find((p) => p.accumulator.includes("outputFormat=fp16") && p.precision === "fp16")!.tops).toBeCloseTo(330.3, 0);
    // The array: 32×32 dot16 PEs at 1000 MHz... every listed precision at the same MAC rate.
    const a = JSON.parse((await run("hardware", "show", "mac-array", "--json")).out);
    expect(a.id).toBe("mac-array");
    expect(a.peak.length).toBeGreaterThan(3);
  });

  it("bad input: one line, exit 2", async () => {
    for (const argv of [["hardware", "show", "gpu:h200"], ["hardware", "show"], ["hardware", "show", "gpu:h100-sxm5:clock=abc"]]) {
      const r = await run(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  });
});

describe("GPU bad input: one line, exit 2, never a stack trace or a silent number", () => {
  const oneLine = (r: { code: number; err: string }, what: string, re?: RegExp) => {
    expect(r.code, `${what}: ${r.err}`).toBe(2);
    expect(r.err.trim().split("\n"), what).toHaveLength(1);
    expect(r.err, what).not.toMatch(/\n\s+at /);
    if (re) expect(r.err, what).toMatch(re);
  };
  const sim = (dir: string, ...argv: string[]) => runIn(dir, "simulate", "--format", "fp16", "--workload", "gemm:m=8,n=8,k=64", "--sample", "0", ...argv);

  it("--hw gpu:<bad preset> and bad keys or values", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hwsim-hw-"));
    const cases: [string, RegExp][] = [
      ["gpu:h200", /unknown GPU preset 'h200'.*h100-sxm5/],
      ["gpu:", /give a GPU preset/],
      ["gpu:h100-sxm5:clock=-1", /clock=-1 must be positive/],
      ["gpu:h100-sxm5:clock=0", /clock=0 must be positive/],
      ["gpu:h100-sxm5:clock=abc", /clock must be a number, got 'abc'/],
      ["gpu:h100-sxm5:clock=1e400", /clock must be a number/],
      ["gpu:h100-sxm5:clock=", /not key=value/],
      ["gpu:h100-sxm5:warp=3", /unknown key 'warp'/],
      ["gpu:h100-sxm5:sms=1.5", /sms=1.5 must be a positive integer/],
      ["gpu:h100-sxm5:l2=0.5", /l2=0.5 must be a positive integer/],
      ["gpu:h100-sxm5:eff=2", /in \(0, 1\]/],
      ["gpu:h100-sxm5:promote=100", /multiple of 32/],
      ["gpu:h100-sxm5:node=3", /one of 45, 28, 16, 7, 5/],
      ["gpu:a100-sxm4:promote=128", /promote= .*Ada and Hopper/],
    ];
    for (const [hw, re] of cases) {
      oneLine(await sim(dir, "--hw", hw), `simulate --hw ${hw}`, re);
      oneLine(await runIn(dir, "hardware", "show", hw, "--json"), `hardware show ${hw}`, re);
    }
  });

  it("--hw-file with a bad GPU names the field", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hwsim-hw-"));
    const files: [string, string, RegExp][] = [
      ["sms.yaml", "preset: h100-sxm5\nsms: many\n", /hardware file: sms must be a number, got 'many'/],
      ["kind.yaml", "preset: h100-sxm5\ntensor:\n  fp99: 4\n", /tensor\.fp99 is not an MMA kind/],
      ["rate.yaml", "preset: h100-sxm5\ntensor:\n  fp16: -1\n", /tensor\.fp16 must be a positive number/],
      ["arch.yaml", "preset: h100-sxm5\narch: turing\n", /arch must be one of/],
      ["key.yaml", "preset: h100-sxm5\nwarps: 4\n", /unknown key 'warps'/],
      ["list.yaml", "- 1\n- 2\n", /a GPU file must be a mapping/],
      // A file naming one preset and --hw another is a contradiction, not a silent choice of one.
      ["other.yaml", "preset: a100-sxm4\nsms: 54\n", /names preset 'a100-sxm4' but --hw names 'h100-sxm5'/],
    ];
    for (const [name, text, re] of files) {
      writeFileSync(path.join(dir, name), text);
      oneLine(await sim(dir, "--hw", "gpu:h100-sxm5", "--hw-file", name), `--hw-file ${name}`, re);
    }
    writeFileSync(path.join(dir, "preset.yaml"), "preset: h200\n");
    oneLine(await sim(dir, "--hw", "gpu", "--hw-file", "preset.yaml"), "--hw gpu --hw-file preset.yaml", /unknown GPU preset 'h200'/);
    // A good file applies: the A100 preset with 54 SMs (and the file's preset alone picks it).
    writeFileSync(path.join(dir, "ok.yaml"), "preset: a100-sxm4\nsms: 54\n");
    for (const hw of ["gpu", "gpu:a100-sxm4"]) {
      const s = await sim(dir, "--hw", hw, "--hw-file", "ok.yaml", "--json");
      expect(s.code, `${hw}: ${s.err}`).toBe(0);
      expect(JSON.parse(s.out).hardware, hw).toMatch(/a100/i);
    }
  });
});

describe("GPUs end to end", () => {
  it("simulate --hw gpu:h100-sxm5 --json: the array's fields plus boundBy per layer", async () => {
    const r = await run("simulate", "--hw", "gpu:h100-sxm5", "--format", "fp8", "--workload", "llama3-8b-decode:b=64", "--sample", "0.0002", "--json");
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    for (const k of ["cycles", "computeCycles", "stallCycles", "utilization", "macs", "actions", "dramBytes", "energyPj", "areaUm2", "latencyUs", "sqnrDb", "outputsSha256", "macUnitEnergyPj"]) expect(j, k).toHaveProperty(k);
    expect(j.areaUm2).toBe(814e6);
    expect(j.layers.map((l: { name: string }) => l.name)).toContain("attn.qk");
    for (const l of j.layers) expect(["tensor", "cuda-core", "smem", "l2", "dram"]).toContain(l.boundBy);
    // The KV-cache read of decode attention is memory-bound.
    expect(j.layers.find((l: { name: string }) => l.name === "attn.qk").boundBy).toBe("dram");
    // The precision's default accumulator, and what Hopper's FP8 MMA ran (13 fraction bits, no promotion: DeepSeek-V3 §3.3.2).
    expect([j.accumulator, j.accumulatorRun]).toEqual(["fp32-seq", "tc-h100-fp8-nopromote"]);
  });

  it("compare w4a8 fp8 nvfp4 on gpu:h100-sxm5,gpu:b200,mac-array writes GPU columns and the die-area note", async () => {
    const r = await run("compare", "w4a8", "fp8", "nvfp4", "--hw", "gpu:h100-sxm5,gpu:b200,mac-array", "--workload", "llama3-8b-decode:b=64", "--sample", "0", "--json", "r.json");
    expect(r.code, r.err).toBe(0);
    const md = readFileSync(path.join(r.cwd, "hwsim-report.md"), "utf8");
    expect(md).toContain("## gpu:h100-sxm5");
    expect(md).toContain("## gpu:b200");
    expect(md).toMatch(/## mac-array/);
    expect(md).toContain("The area column is the die area");
    // Projections convert int4 weights (QServe); decode attention reads the int8 KV cache natively.
    expect(md).toMatch(/\| w4a8 \| int8 MMA after B int4→int8 on CUDA cores \(0\.5 op\/element\) → int32-wrap; native int8 MMA → int32-wrap \| (dram|tensor|l2) \d+%/);
    expect(md).toMatch(/\| nvfp4 \| native nvfp4 MMA → tc-b200-k64 \|/);
    expect(md).toMatch(/\| nvfp4 \| bf16 MMA after A nvfp4→bf16 .* → tc-h100 \| cuda-core \d+%/);
    const j = JSON.parse(readFileSync(path.join(r.cwd, "r.json"), "utf8"));
    expect(j.rows).toHaveLength(9);
  });
});
