import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../main.js";
import { fakeContext } from "../testing/fake-context.js";
import { checkWellFormedXml } from "../../reports/testing/well-formed-xml.js";

const tmp = () => mkdtempSync(path.join(tmpdir(), "hwsim-compare-"));

async function run(cwd: string, ...argv: string[]) {
  const ctx = fakeContext(cwd);
  const code = await main(argv, ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

const SMALL = ["--workload", "gemm:m=16,n=16,k=48"];

describe("hwsim compare", () => {
  it("every named MX format runs on both PE kinds of the array (mxint8 used to abort the whole compare)", async () => {
    for (const pe of ["dot16", "mac"]) {
      const d = tmp();
      const r = await run(d, "compare", "int8", "mxint8", "mxfp8-e4m3", "mxfp4", "--hw", `mac-array:pe=${pe}`, ...SMALL, "--json", "r.json");
      expect(r.code, r.err).toBe(0);
      const j = JSON.parse(readFileSync(path.join(d, "r.json"), "utf8"));
      expect(j.rows.map((x: { precision: string }) => x.precision)).toEqual(["int8", "mxint8", "mxfp8-e4m3", "mxfp4"]);
    }
  });

  it("`compare int8 fp8` writes the report and its three SVGs with FP8/INT8 ratios and cited assumptions", async () => {
    const dir = tmp();
    const r = await run(dir, "compare", "int8", "fp8");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const md = readFileSync(path.join(dir, "hwsim-report.md"), "utf8");
    expect(md).toMatch(/Ratios against int8 on mac-array 32x32 ws dot16/);
    expect(md).toMatch(/\| fp8 \| [\d.]+× \| [\d.]+× \|/);
    expect(md).toMatch(/- fp8\/int8: The largest MAC-unit difference is in /);
    expect(md).toContain("## Where the error comes from");
    expect(md).toContain("## Assumptions");
    expect(md).toMatch(/## References\n\n1\. M\. Horowitz, "Computing's energy problem/);
    expect(md).toMatch(/\| \[1\]( \[\d+\])* \|/); // constants cite by number
    expect(md).toMatch(/\| int8 \| int8 → int32-wrap \(default\)/);
    expect(md).toMatch(/\| fp8 \| fp8-e4m3 → fp32-seq \(default\)/);
    for (const key of ["energy", "area", "latency"]) {
      const svg = readFileSync(path.join(dir, `hwsim-report-${key}-vs-error.svg`), "utf8");
      expect(checkWellFormedXml(svg)).toBeNull();
      const symbols = svg.match(/<g class="mark-symbol role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/);
      expect(symbols![1]!.match(/<path /g)?.length, key).toBe(2);
      expect(md).toContain(`](hwsim-report-${key}-vs-error.svg)`);
    }
    expect(r.out).toMatch(/fp8\/int8 on mac-array 32x32 ws dot16: MAC unit area/);
  });

  it("the same seed gives a byte-identical report; another seed changes the errors but not the costs", async () => {
    const a = tmp();
    const b = tmp();
    const c = tmp();
    for (const [dir, seed] of [[a, "3"], [b, "3"], [c, "4"]] as const) {
      const r = await run(dir, "compare", "int8", "fp8", ...SMALL, "--seed", seed, "--json", "r.json", "--csv", "r.csv");
      expect(r.code, r.err).toBe(0);
    }
    const read = (d: string, f: string) => readFileSync(path.join(d, f), "utf8");
    for (const f of ["hwsim-report.md", "r.json", "r.csv", "hwsim-report-energy-vs-error.svg"]) expect(read(a, f)).toBe(read(b, f));
    const ja = JSON.parse(read(a, "r.json"));
    const jc = JSON.parse(read(c, "r.json"));
    for (let i = 0; i < 2; i++) {
      for (const k of ["areaUm2", "energyPj", "cycles", "dramBytes"]) expect(jc.rows[i][k], k).toBe(ja.rows[i][k]);
      expect(jc.rows[i].sqnrDb).not.toBe(ja.rows[i].sqnrDb);
    }
    // JSON and CSV carry the same numbers.
    const csv = read(a, "r.csv").trim().split("\n");
    const header = csv[0]!.split(",");
    const row0 = csv[1]!.split(",");
    expect(Number(row0[header.indexOf("energyPj")])).toBe(ja.rows[0].energyPj);
    expect(Number(row0[header.indexOf("sqnrDb")])).toBe(ja.rows[0].sqnrDb);
  });

  it("the Markdown shows the same figures as the JSON, row by row, and the workload as worked out by hand", async () => {
    const dir = tmp();
    const r = await run(dir, "compare", "int8", "fp8", "mxfp4", ...SMALL, "--hw", "mac-array:rows=8,cols=8", "--json", "r.json");
    expect(r.code, r.err).toBe(0);
    const md = readFileSync(path.join(dir, "hwsim-report.md"), "utf8");
    const j = JSON.parse(readFileSync(path.join(dir, "r.json"), "utf8"));
    // 16 × 16 outputs, 48 MACs each: 12,288 MACs; every output computed (256 of 256).
    expect(md).toContain("1 layers, 12,288 MACs");
    expect(md).toContain("all of them (100%, 256 of 256 outputs)");
    expect(md).toMatch(/\| gemm \| gemm \| 16×16×48 \| 12,288 \|/);
    const table = md.split("\n").filter((l) => /^\| (int8|fp8|mxfp4) \| .* → /.test(l)).map((l) => l.split(" | "));
    expect(table).toHaveLength(3);
    // The substrate's table is split in two for GitHub's width: utilization, traffic and error come second.
    const errors = md.split("\n").filter((l) => /^\| (int8|fp8|mxfp4) \| [\d.]+% \| /.test(l)).map((l) => l.split(" | "));
    expect(errors).toHaveLength(3);
    j.rows.forEach((row: Record<string, number | string>, i: number) => {
      const cells = table[i]!;
      expect(cells[0]).toBe(`| ${row.precision}`);
      expect(Number(cells[2])).toBeCloseTo(Number(row.areaUm2) / 1e6, 2); // mm², 4 significant digits
      expect(Number(cells[4])).toBeCloseTo(Number(row.energyPj) / 1e6, 3);
      expect(Number(cells[7]!.replace(/,/g, ""))).toBe(row.cycles);
      expect(errors[i]![0]).toBe(`| ${row.precision}`);
      expect(Number(errors[i]![4])).toBeCloseTo(Number(row.sqnrDb), 2);
    });
    // The summary's ratios divide the JSON's MAC-unit figures; latency is equal for all three, named once.
    const [i8, f8] = j.rows;
    const m = /\| fp8 \| ([\d.]+)× \| ([\d.]+)× \|/.exec(md)!;
    expect(Number(m[1])).toBeCloseTo(f8.macUnitAreaUm2 / i8.macUnitAreaUm2, 2);
    expect(Number(m[2])).toBeCloseTo(f8.macUnitEnergyPj / i8.macUnitEnergyPj, 2);
    expect(new Set(j.rows.map((x: { latencyUs: number }) => x.latencyUs)).size).toBe(1);
    expect(md).toMatch(/Equal for every row: latency \(all at [\d.]+ µs\)/);
    // The error split in the JSON: int8 into int32 accumulates exactly (no accumulation error: SQNR ∞), so its
    // operand part is the whole error; fp8 and mxfp4 accumulate in fp32, far below their operand error (exactly,
    // here: 48 products of 4-bit significands fit the dot unit's aligned window).
    expect(i8.accumulationSqnrDb).toBe("Infinity");
    expect(i8.operandSqnrDb).toBe(i8.sqnrDb);
    for (const row of j.rows.slice(1)) expect(row.accumulationSqnrDb === "Infinity" || row.accumulationSqnrDb > row.operandSqnrDb + 20).toBe(true);
    // Every assumption in the JSON is listed with its source.
    for (const a of j.assumptions) expect(md).toContain(`| ${a.name} |`);
  });

  it("--sample computes a seeded fraction of outputs and the report says so", async () => {
    const dir = tmp();
    const r = await run(dir, "compare", "int8", ...SMALL, "--sample", "0.25", "--json", "r.json");
    expect(r.code, r.err).toBe(0);
    const md = readFileSync(path.join(dir, "hwsim-report.md"), "utf8");
    expect(md).toMatch(/`--sample` asked for 25\.0% of each layer's outputs \(64 of 256 outputs\)/);
    expect(md).toMatch(/\| \d+\.\d\d ± \d+\.\d\d \|/); // SQNR with its standard error
    const row = JSON.parse(readFileSync(path.join(dir, "r.json"), "utf8")).rows[0];
    expect(row.outputsComputed).toBe(64);
    expect(row.sqnrDbStdErr).toBeGreaterThan(0);
  });

  it("--sample 0: no numerics, no plots, and the report, JSON and CSV say no error was measured", async () => {
    const dir = tmp();
    const r = await run(dir, "compare", "int8", "fp8", ...SMALL, "--sample", "0", "--json", "r.json", "--csv", "r.csv");
    expect(r.code, r.err).toBe(0);
    const md = readFileSync(path.join(dir, "hwsim-report.md"), "utf8");
    expect(md).toContain("none (`--sample 0`: timing and cost only). No error was measured");
    expect(md).not.toContain("![");
    expect(existsSync(path.join(dir, "hwsim-report-energy-vs-error.svg"))).toBe(false);
    const j = JSON.parse(readFileSync(path.join(dir, "r.json"), "utf8"));
    expect(j.errorMeasured).toBe(false);
    expect(j.rows[0].sqnrDb).toBeNull();
    const csv = readFileSync(path.join(dir, "r.csv"), "utf8").trim().split("\n");
    const header = csv[0]!.split(",");
    expect(csv[1]!.split(",")[header.indexOf("sqnrDb")]).toBe("");
  });

  it("overwrites its own report but never a foreign file without --force", async () => {
    const dir = tmp();
    expect((await run(dir, "compare", "int8", ...SMALL)).code).toBe(0);
    expect((await run(dir, "compare", "int8", ...SMALL)).code).toBe(0);
    const foreign = path.join(dir, "notes.md");
    writeFileSync(foreign, "my notes\n");
    const r = await run(dir, "compare", "int8", ...SMALL, "--out", "notes.md");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/'.*notes\.md' exists and is not an hwsim output: pass --force/);
    expect(readFileSync(foreign, "utf8")).toBe("my notes\n");
    expect(existsSync(path.join(dir, "notes-energy-vs-error.svg"))).toBe(false);
    expect((await run(dir, "compare", "int8", ...SMALL, "--out", "notes.md", "--force")).code).toBe(0);
    expect(readFileSync(foreign, "utf8")).toMatch(/^<!-- hwsim report -->/);
  });

  const bad: [string[], RegExp][] = [
    [["compare", "fp9"], /unknown format .fp9.: did you mean/],
    [["compare", "int8", "--workload", "resnet99"], /unknown workload 'resnet99': did you mean 'resnet18'/],
    [["compare", "int8", "--workload", "missing.csv"], /cannot read workload file 'missing.csv': no such file/],
    [["compare", "int8", "--hw-file", "nope.yaml"], /cannot read hardware file 'nope.yaml'/],
    [["compare", "int8", "--hw", "fpga-dsp"], /not modelled yet/],
    [["compare", "int8", "--hw", "gpu:h200"], /unknown GPU preset 'h200'/],
    [["compare", "int8", "--hw", "mac-array:rows=-3"], /rows: Too small/],
    [["compare", "int8", "--out", "report.txt"], /must end in \.md/],
    [["compare", "int8", "--sample", "2"], /--sample 2 must be auto, 0 \(timing and cost only\) or a fraction/],
    [["compare", "int8", "--sample", "-1"], /--sample -1 must be auto/],
    [["compare", "int8", "--sample", "abc"], /--sample abc must be auto/],
    [["compare", "int8", "--sample-budget", "5"], /cannot compute one output per layer/],
    [["compare", "int8", "int8"], /given twice/],
  ];
  for (const [argv, msg] of bad) {
    it(`bad input: ${argv.slice(1).join(" ")}`, async () => {
      const dir = tmp();
      const r = await run(dir, ...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(existsSync(path.join(dir, "hwsim-report.md"))).toBe(false);
    });
  }

  it("a malformed topology file names the line", async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "t.csv"), "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\nc1, 8, 8, x, 3, 4, 4, 1,\n");
    const r = await run(dir, "compare", "int8", "--workload", "t.csv");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 2/);
  });

  it("the built binary runs `compare int8 fp8` in a fresh directory", () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
    const dir = tmp();
    const p = spawnSync(process.execPath, [path.join(root, "dist", "cli", "bin.js"), "compare", "int8", "fp8"], { cwd: dir, encoding: "utf8" });
    expect(p.stderr).toBe("");
    expect(p.status).toBe(0);
    expect(readFileSync(path.join(dir, "hwsim-report.md"), "utf8")).toMatch(/^<!-- hwsim report -->\n# hwsim report: int8 vs fp8/);
  });
});
