import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../main.js";
import { fakeContext } from "../testing/fake-context.js";
import { fileLines, runCli, startCli, waitFor } from "../testing/spawn-cli.js";

/** 3 precisions × 4 arrays × 2 workloads = 24 points, about a second on two threads. */
const SPEC = `precisions: [int8, fp8, mxfp4]
hardware: ["mac-array:rows=[16,32],dataflow=[ws,os]"]
workloads: ["gemm:m=64,n=64,k=128", "gemm:m=32,n=96,k=256"]
seed: 3
`;
/** The same points listed in another order. */
const SPEC_REORDERED = `precisions: [mxfp4, int8, fp8]
hardware: ["mac-array:rows=[32,16],dataflow=[os,ws]"]
workloads: ["gemm:m=32,n=96,k=256", "gemm:m=64,n=64,k=128"]
seed: 3
`;

let dir: string;
let reference: string[];

async function hwsim(argv: string[]) {
  const ctx = fakeContext(dir);
  const code = await main(argv, ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

const sorted = (file: string) => fileLines(path.join(dir, file)).sort();
const strayFiles = () => readdirSync(dir).filter((f) => f.includes(".tmp") || f.endsWith(".lock"));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "hwsim-sweep-"));
  writeFileSync(path.join(dir, "spec.yaml"), SPEC);
  writeFileSync(path.join(dir, "reordered.yaml"), SPEC_REORDERED);
  const r = await hwsim(["sweep", "spec.yaml", "--out", "ref.jsonl", "--jobs", "2"]);
  expect(r, r.err).toMatchObject({ code: 0 });
  reference = sorted("ref.jsonl");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("hwsim sweep", () => {
  it("writes one line per point, the same whatever --jobs and the order of the spec", async () => {
    expect(reference).toHaveLength(24);
    expect(new Set(reference.map((l) => JSON.parse(l).id)).size).toBe(24);
    const one = await hwsim(["sweep", "reordered.yaml", "--out", "one.jsonl", "--jobs", "1"]);
    expect(one.code, one.err).toBe(0);
    expect(one.out).toMatch(/^hwsim sweep: 24 points, 24 ran on 1 thread in [\d.]+ s, 0 already in one\.jsonl · report one\.md \(\d+ on the Pareto front over 2 workloads\)\n$/);
    expect(sorted("one.jsonl")).toEqual(reference);
    const line = JSON.parse(reference[0]!);
    expect(Object.keys(line).slice(0, 4)).toEqual(["id", "precision", "hardware", "workload"]);
    for (const k of ["cycles", "actions", "energyPj", "areaUm2", "latencyUs", "sqnrDb", "sqnrDbStdErr", "sqnrDbCi95Low", "sqnrDbCi95High", "relativeRmse", "relativeRmseStdErr", "errorMeasured", "outputsComputed", "outputFraction", "sampleMode", "sampleFraction", "outputsSha256"]) {
      expect(line, k).toHaveProperty(k);
    }
  });

  it("gives lines whose three strings reproduce with hwsim simulate", async () => {
    writeFileSync(path.join(dir, "node.yaml"), 'precisions: ["w=int4,a=fp8-e4m3"]\nhardware: ["mac-array:rows=8,cols=16", "gpu:h100-sxm5"]\nworkloads: ["gemm:m=16,n=16,k=64"]\nnode: 7\nsample: 0.5\nseed: 11\n');
    const r = await hwsim(["sweep", "node.yaml", "--out", "node.jsonl", "--jobs", "1", "--seed", "12"]);
    expect(r.code, r.err).toBe(0);
    const nodeLines = fileLines(path.join(dir, "node.jsonl")).map((l) => JSON.parse(l));
    const withNode = nodeLines.find((l) => l.hardware.startsWith("mac-array"))!;
    const gpu = nodeLines.find((l) => l.hardware === "gpu:h100-sxm5")!; // another substrate, plugged in by its string
    expect(gpu).toMatchObject({ node: 7, model: "gpu:h100-sxm5" });
    expect(withNode).toMatchObject({ hardware: "mac-array:rows=8,cols=16,node=7", seed: 12, sample: "0.5", node: 7, techNodeNm: 7, sampleMode: "fixed" });
    for (const line of [withNode, gpu, JSON.parse(reference[5]!)]) {
      const argv = ["simulate", "--format", line.precision, "--hw", line.hardware, "--workload", line.workload, "--json"];
      if (line.node !== undefined) argv.push("--node", String(line.node));
      if (line.seed !== 1) argv.push("--seed", String(line.seed));
      if (line.sample !== "auto") argv.push("--sample", line.sample);
      const sim = await hwsim(argv);
      expect(sim.code, sim.err).toBe(0);
      const { hardware, precision, workload, ...figures } = JSON.parse(sim.out);
      const { id, precision: p, hardware: h, workload: w, seed, sample, energy, node, model, precisionId, workloadId, ...lineFigures } = line;
      expect([model, precisionId, workloadId]).toEqual([hardware, precision, workload]);
      expect(lineFigures).toEqual(figures);
      expect([id, p, h, w, seed, sample, energy, node]).toHaveLength(8);
    }
    // With every setting at simulate's defaults, the three strings alone are enough.
    const plain = JSON.parse(reference.find((l) => JSON.parse(l).precision === "int8")!);
    writeFileSync(path.join(dir, "plain.yaml"), `precisions: [${plain.precision}]\nhardware: ["${plain.hardware}"]\nworkloads: ["${plain.workload}"]\n`);
    expect((await hwsim(["sweep", "plain.yaml", "--out", "plain.jsonl", "--jobs", "1"])).code).toBe(0);
    const line = JSON.parse(fileLines(path.join(dir, "plain.jsonl"))[0]!);
    const sim = await hwsim(["simulate", "--format", line.precision, "--hw", line.hardware, "--workload", line.workload, "--json"]);
    expect(JSON.parse(sim.out).outputsSha256).toBe(line.outputsSha256);
    expect(JSON.parse(sim.out).sqnrDb).toBe(line.sqnrDb);
    expect(JSON.parse(sim.out).energyPj).toBe(line.energyPj);
  });

  it("resumes after SIGKILL at random points without losing or duplicating a line", async () => {
    let seed = 20261125;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const file = path.join(dir, "killed.jsonl");
    for (let round = 0; round < 2; round++) {
      const before = fileLines(file).length;
      const target = before + 1 + rand(8);
      const run = startCli(["sweep", "spec.yaml", "--out", "killed.jsonl", "--jobs", "2"], dir);
      await waitFor(() => fileLines(file).length >= target, 30_000, `${target} lines`);
      run.child.kill("SIGKILL");
      const r = await run.done;
      expect(r.signal).toBe("SIGKILL");
      expect(fileLines(file).length).toBeLessThan(24);
    }
    // A line cut off mid-write (a kill inside write()) is dropped and the point runs again.
    appendFileSync(file, reference.find((l) => !fileLines(file).includes(l))!.slice(0, 700));
    const r = await runCli(["sweep", "spec.yaml", "--out", "killed.jsonl", "--jobs", "2"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/dropped a torn last line \(700 bytes\)/);
    expect(readFileSync(file, "utf8").endsWith("\n")).toBe(true);
    expect(sorted("killed.jsonl")).toEqual(reference);
    expect(strayFiles()).toEqual([]);
  });

  it("rebuilds the same report from the results alone", async () => {
    const names = readdirSync(dir).filter((f) => f.startsWith("ref") && f !== "ref.jsonl").sort();
    expect(names).toEqual([
      "ref-gemm-m-32-n-96-k-256-energy-vs-error.svg",
      "ref-gemm-m-32-n-96-k-256-latency-vs-area.svg",
      "ref-gemm-m-64-n-64-k-128-energy-vs-error.svg",
      "ref-gemm-m-64-n-64-k-128-latency-vs-area.svg",
      "ref.csv",
      "ref.md",
    ]);
    const before = names.map((f) => readFileSync(path.join(dir, f), "utf8"));
    for (const f of names) unlinkSync(path.join(dir, f));
    const r = await hwsim(["sweep", "--report", "ref.jsonl"]);
    expect(r.code, r.err).toBe(0);
    expect(names.map((f) => readFileSync(path.join(dir, f), "utf8"))).toEqual(before);
    const md = before[names.indexOf("ref.md")]!;
    expect(md).toContain("## Workload `gemm:m=64,n=64,k=128`");
    for (const h of ["### Pareto front", "### Top 5 by size (array area)", "### Top 5 by energy", "### Top 5 by latency", "### Top 5 by error (relative RMSE)"]) expect(md).toContain(h);
    const csv = before[names.indexOf("ref.csv")]!.split("\n");
    expect(csv[0]).toMatch(/^id,precision,hardware,workload,.*,onParetoFront$/);
    expect(csv).toHaveLength(26);
  });

  it("refuses bad input in one line with exit 2, before writing anything", async () => {
    const cases: [string, RegExp][] = [
      ['precisions: [int8, 7]\nhardware: "mac-array"\n', /^hwsim: sweep spec 'bad\.yaml': precisions\[1\]: Invalid input: expected string, received number\n$/],
      ["precisions: [int8]\nseed: -1\nfoo: 1\n", /^hwsim: sweep spec 'bad\.yaml': seed: .*; \(root\): Unrecognized key: "foo"\n$/],
      ['precisions: [int8]\nhardware: ["mac-array:rows=[16,0]"]\n', /^hwsim: hardware\[0\] 'mac-array:rows=0': .*rows.*\n$/],
      ['precisions: [int8]\nhardware: ["mac-array:rows=[16"]\n', /^hwsim: hardware\[0\]: .* is never closed\n$/],
      ['precisions: [int8, fp99]\n', /^hwsim: precisions\[1\] 'fp99': .*\n$/],
      ['precisions: [int8]\nworkloads: [gemm:m=64,n=64,k=64]\n', /^hwsim: workloads\[0\] 'gemm:m=64': .*\n$/],
      ["precisions: [int8\n", /^hwsim: sweep spec 'bad\.yaml' is not valid YAML: .*\n$/],
    ];
    for (const [spec, message] of cases) {
      writeFileSync(path.join(dir, "bad.yaml"), spec);
      const r = await hwsim(["sweep", "bad.yaml"]);
      expect(r, spec).toMatchObject({ code: 2, out: "" });
      expect(r.err, spec).toMatch(message);
      expect(existsSync(path.join(dir, "bad.jsonl"))).toBe(false);
    }
    writeFileSync(path.join(dir, "notes.jsonl"), "my notes\n");
    expect((await hwsim(["sweep", "spec.yaml", "--out", "notes.jsonl"])).err).toMatch(/^hwsim: 'notes\.jsonl' line 1 is not an hwsim sweep results file .*\n$/);
    writeFileSync(path.join(dir, "mine.md"), "# my own notes\n");
    const r = await hwsim(["sweep", "spec.yaml", "--out", "mine.jsonl"]);
    expect(r.err).toMatch(/^hwsim: report '.*mine\.md' exists and is not an hwsim output: pass --force.*\n$/);
    expect(existsSync(path.join(dir, "mine.jsonl"))).toBe(false);
    writeFileSync(path.join(dir, "busy.jsonl.lock"), `${process.ppid}\n`); // a live process other than this one
    expect((await hwsim(["sweep", "spec.yaml", "--out", "busy.jsonl"])).err).toMatch(/is in use by another hwsim sweep \(pid \d+\)/);
    unlinkSync(path.join(dir, "busy.jsonl.lock"));
    for (const argv of [["sweep"], ["sweep", "spec.yaml", "--jobs", "0"], ["sweep", "spec.yaml", "--out", "x.json"], ["sweep", "--report", "nothing.jsonl"], ["sweep", "spec.yaml", "--queue", "http://x"]]) {
      const e = await hwsim(argv);
      expect(e.code, argv.join(" ")).toBe(2);
      expect(e.err.split("\n")).toHaveLength(2);
    }
    expect(strayFiles()).toEqual([]);
  });
});
