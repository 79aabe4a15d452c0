import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "./main.js";
import { fakeContext } from "./testing/fake-context.js";
import { HWSIM_REPORT_MARKER } from "../reports/markdown.js";
import { HWSIM_SVG_MARKER } from "../reports/plot-marker.js";

/**
 * Seeded fuzz of the CLI over argv lists built from its real grammar (commands, options, format names,
 * precision, hardware and workload strings, sweep specs): every run exits 0 or 2, never prints a stack trace
 * or an internal error, and never leaves a partial or temporary file behind.
 */
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "hwsim-fuzz-"));
  mkdirSync(path.join(dir, "adir"));
  writeFileSync(path.join(dir, "foreign.md"), "# not hwsim\n");
  writeFileSync(path.join(dir, "foreign.jsonl"), "{}\n");
  writeFileSync(path.join(dir, "topo.csv"), "Layer name,IFMAP Height,IFMAP Width,Filter Height,Filter Width,Channels,Num Filter,Strides,\nc1,8,8,3,3,4,8,1,\n");
  writeFileSync(path.join(dir, "hw.yaml"), "rows: 8\ncols: 4\n");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FORMATS = ["int8", "uint4", "int4-sym", "int64", "int65", "fp8", "fp8-e4m3", "e5m2", "fp8-e4m3fnuz", "e3m4", "fp6-e2m3", "fp4-e2m1", "e8m0", "fp16", "bf16", "tf32", "fp32", "fp64", "e4m3-b9", "e5m10-ieee", "fp9-e9m9", "fp7-e4m3", "e0m0", "e99m1", "mxfp4", "nvfp4", "nf4", "bfp8", "float", "", "nope", "-1"];
const BLOCKS = ["mxfp8-e4m3", "mxfp8-e5m2", "mxfp6-e2m3", "mxfp6-e3m2", "mxfp4", "mxint8", "nvfp4", "bfp8", "bfp0", "nf4", "fp8"];
const VALUES = ["0", "1", "-1", "448", "464", "465", "-1e-9", "0.1", "1e400", "-1e-400", "0x1.8p-3", "0x1p999999", "inf", "-inf", "nan", "abc", "1..2", "", "1e", "+", "0b101"];
const CODES = ["0x0", "0x7e", "0x7f", "0xff", "0x1ff", "0b0111", "12", "-1", "0x", "zz", "0x3c00", "99999999999999999999999", ""];
const UNITS = ["exact", "fp32-seq", "fp32-fma", "fp16-seq", "int32-wrap", "int32-sat", "int48-dsp", "kulisch", "tc-v100", "tc-h100:neab=3", "tc-h100:neab=-1", "tc-h100:bogus=1", "fp32-seq:", "nope"];
const PRECISIONS = ["int8", "fp8", "mxfp4", "nvfp4", "bf16", "w4a8", "w4a16", "w99a8", "w=int4,a=fp8-e4m3", "w=int4,a=fp8,acc=fp32-seq", "w=int8,a=int8,acc=int32-sat", "w=int4", "a=fp8", "w=fp8,a=fp8,kv=int4", "w=,a=", "acc=fp32-seq", "int8,fp8", "zz"];
const HW_KEYS = ["rows", "cols", "dataflow", "depth", "ifmap", "filter", "ofmap", "bw", "clock", "node", "bogus"];
const HW_VALUES = ["1", "2", "4", "8", "0", "-1", "1.5", "4097", "ws", "os", "is", "xx", "45", "7", "6", "1e3", ""];
const WORKLOADS = ["gemm:m=4,n=4,k=8", "gemm:m=8,n=2,k=16", "gemm:m=1,n=1,k=1", "gemm:m=0,n=4,k=4", "gemm:m=4,n=4", "gemm:m=4,n=4,k=4,repeat=2", "gemm:m=-1,n=1,k=1", "gemm:m=1e99,n=1,k=1", "conv:h=4,w=4,c=2,k=2,r=3,s=3,stride=1,pad=1", "conv:h=2,w=2,c=1,k=1,r=5,s=5", "topo.csv", "missing.csv", "adir", "nope", ""];
const OUT_PATHS = ["out.md", "r.md", "adir", "missing/x.md", "foreign.md", "x.txt", "res.jsonl", "foreign.jsonl", "missing/r.jsonl", "x.json"];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
/** Mostly valid values, sometimes wrong ones (so runs get past parsing as often as they fail it). */
const vals = (valid: readonly string[], invalid: readonly string[]) => fc.oneof({ arbitrary: pick(valid), weight: 5 }, { arbitrary: pick(invalid), weight: 1 });
const goodHardware = fc
  .array(fc.oneof(fc.tuple(pick(["rows", "cols"]), pick(["2", "4", "8"])), fc.tuple(pick(["dataflow"]), pick(["ws", "os", "is"])), fc.tuple(pick(["depth"]), pick(["1", "3"]))), { maxLength: 2 })
  .map((kvs) => (kvs.length ? `mac-array:${kvs.map(([k, v]) => `${k}=${v}`).join(",")}` : "mac-array"));
const anyHardware = fc
  .array(fc.tuple(pick(HW_KEYS), pick(HW_VALUES)), { maxLength: 3 })
  .chain((kvs) => pick(["mac-array", "mac-array:", "fpga-dsp", "gpu", ""]).map((base) => (kvs.length && base.startsWith("mac-array") ? `mac-array:${kvs.map(([k, v]) => `${k}=${v}`).join(",")}` : base)));
const hardware = fc.oneof({ arbitrary: goodHardware, weight: 4 }, { arbitrary: anyHardware, weight: 1 });

/** Options, each with the values it may take (some of them wrong). */
const flag = (name: string, values: fc.Arbitrary<string>) => values.map((v) => [`--${name}`, v]);
const bool = (name: string) => fc.constant([`--${name}`]);

const light = fc.oneof(
  fc.tuple(fc.constant(["formats"]), fc.array(bool("json"), { maxLength: 1 })),
  fc.tuple(fc.constant(["units"]), fc.array(bool("json"), { maxLength: 1 })),
  fc.tuple(
    fc.tuple(pick(["encode", "quantize"]), pick([...FORMATS, ...BLOCKS]), fc.array(pick(VALUES), { maxLength: 4 })).map(([c, f, v]) => [c, f, ...v]),
    fc.array(fc.oneof(flag("rounding", pick(["rne", "rtz", "rna", "rup", "rdn", "stochastic", "bad"])), flag("overflow", pick(["saturate", "non-saturating", "x"])), flag("seed", pick(["1", "-3", "1.5", "x"])), flag("stochastic-bits", pick(["1", "16", "64", "65", "0"])), flag("block-size", pick(["1", "2", "32", "0", "-4", "x"])), flag("scale-rule", pick(["ocp", "ceil", "no"])), flag("convention", pick(["ocp", "microxcaling", "z"])), bool("tensor-scale"), bool("json")), { maxLength: 4 }),
  ),
  fc.tuple(
    fc.tuple(pick(["decode", "convert"]), pick(FORMATS), pick(FORMATS), fc.array(pick(CODES), { maxLength: 3 })).map(([c, f, g, v]) => (c === "decode" ? [c, f, ...v] : [c, f, g, ...v])),
    fc.array(fc.oneof(flag("rounding", pick(["rne", "rtz", "bad"])), flag("overflow", pick(["saturate", "x"])), bool("json")), { maxLength: 3 }),
  ),
  fc.tuple(
    fc.constant(["dot"]),
    fc.array(fc.oneof(flag("unit", pick(UNITS)), flag("a-format", pick(FORMATS)), flag("b-format", pick(FORMATS)), flag("c-format", pick(FORMATS)), flag("a", pick(["0x38,0x40", "0x3c00", "", "zz", "0x1,0x2,0x3"])), flag("b", pick(["0x38,0x38", "0x3c00", "1"])), flag("c", pick(["0x0", "zz"])), bool("json")), { maxLength: 7 }),
  ),
);

const GOOD_WORKLOADS = WORKLOADS.slice(0, 3);
const simulate = fc.tuple(
  fc.constant(["simulate"]),
  fc.array(
    fc.oneof(
      { arbitrary: flag("format", vals(PRECISIONS.slice(0, 10), PRECISIONS.slice(10))), weight: 4 },
      flag("weights", pick(FORMATS)),
      flag("activations", pick(FORMATS)),
      flag("acc", pick(UNITS)),
      { arbitrary: flag("hw", hardware), weight: 3 },
      flag("hw-file", pick(["hw.yaml", "missing.yaml", "topo.csv"])),
      { arbitrary: flag("workload", vals(GOOD_WORKLOADS, WORKLOADS.slice(3))), weight: 4 },
      flag("engine", vals(["fast"], ["rtl", "x"])),
      flag("timing", vals(["pipelined", "scalesim"], ["x"])),
      flag("energy", vals(["table", "activity"], ["x"])),
      flag("node", vals(["45", "7"], ["6", "x"])),
      flag("seed", vals(["1", "7"], ["-1", "x"])),
      flag("sample", vals(["auto", "0", "0.5", "1"], ["2", "-0.1", "x"])),
      flag("sample-budget", vals(["1e6"], ["1", "0", "x"])),
      flag("vcd", vals(["pe.vcd"], ["adir", "missing/pe.vcd"])),
      bool("json"),
    ),
    { maxLength: 4 },
  ),
).map(([head, opts]) => {
  // Every run names a precision and a tiny workload unless the draw did (the default workload takes 0.1 s).
  const has = (k: string) => opts.some(([o]) => o === k);
  const extra = [...(has("--format") || has("--weights") ? [] : [["--format", "int8"]]), ...(has("--workload") ? [] : [["--workload", "gemm:m=4,n=4,k=8"]])];
  return [head, [...extra, ...opts]] as const;
});

const specEntry = (good: fc.Arbitrary<string>, bad: fc.Arbitrary<string>) =>
  fc.oneof(
    { arbitrary: fc.array(good, { minLength: 1, maxLength: 2 }).map((a) => JSON.stringify(a)), weight: 6 },
    { arbitrary: good.map((x) => JSON.stringify(x)), weight: 2 },
    { arbitrary: fc.array(bad, { minLength: 1, maxLength: 2 }).map((a) => JSON.stringify(a)), weight: 1 },
    { arbitrary: pick(["7", "[]", "null", "{a: 1}", "[1, 2]"]), weight: 1 },
  );
const spec = fc
  .record(
    {
      precisions: specEntry(pick(PRECISIONS.slice(0, 6)), pick(PRECISIONS)),
      hardware: specEntry(fc.oneof(goodHardware, pick(["mac-array:rows=[4,8]", "mac-array:rows=[2,4],dataflow=[ws,os]"])), fc.oneof(anyHardware, pick(["mac-array:rows=[4", "mac-array:rows=[]", "mac-array:rows=[4,4]"]))),
      workloads: specEntry(pick(GOOD_WORKLOADS), pick(WORKLOADS)),
      seed: vals(["1", "2"], ["-1", "1.5", "x", "9007199254740993"]),
      sample: vals(["auto", "0", "0.5", "'0.25'"], ["2", "x"]),
      node: vals(["45", "7"], ["6", "x"]),
      energy: vals(["table", "activity"], ["x"]),
      bogus: pick(["1"]),
    },
    { requiredKeys: [] },
  )
  .filter((r) => r.bogus === undefined || r.seed === undefined)
  .map((r) => Object.entries({ precisions: '["int8"]', ...r }).map(([k, v]) => `${k}: ${v}`).join("\n") + "\n");

const sweep = fc.tuple(
  spec,
  fc.array(
    fc.oneof(
      { arbitrary: flag("out", vals(["res.jsonl", "res2.jsonl"], OUT_PATHS)), weight: 3 },
      flag("jobs", vals(["1", "2"], ["0", "x"])),
      flag("seed", pick(["3", "-1"])),
      flag("sample", pick(["0", "x"])),
      flag("node", pick(["7", "9"])),
      flag("energy", pick(["activity", "table"])),
      flag("top", pick(["1", "0", "x"])),
      { arbitrary: flag("queue", pick(["http://x", "redis://", "redis://127.0.0.1:1/99", "nope"])), weight: 1 },
      flag("report", pick(["res.jsonl", "foreign.jsonl", "missing.jsonl"])),
      bool("force"),
    ),
    { maxLength: 3 },
  ),
);

/** No temporary or lock file anywhere, every results file whole, every report file ours. */
function checkFiles(): void {
  const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(path.join(d, f)).isDirectory() ? walk(path.join(d, f)) : [path.join(d, f)]));
  for (const f of walk(dir)) {
    const name = path.basename(f);
    expect(name, f).not.toMatch(/\.tmp|\.lock$/);
    const text = readFileSync(f, "utf8");
    if (name.endsWith(".jsonl") && name !== "foreign.jsonl") {
      expect(text === "" || text.endsWith("\n"), f).toBe(true);
      for (const line of text.split("\n").slice(0, -1)) expect(JSON.parse(line)).toHaveProperty("id");
    }
    if (name.endsWith(".md") && name !== "foreign.md") expect(text.startsWith(HWSIM_REPORT_MARKER), f).toBe(true);
    if (name.endsWith(".svg")) expect(text.startsWith(HWSIM_SVG_MARKER), f).toBe(true);
  }
}

async function runOnce(argv: string[]): Promise<number> {
  const ctx = fakeContext(dir);
  const code = await main(argv, ctx);
  const err = ctx.stderrText();
  const what = `hwsim ${argv.map((a) => JSON.stringify(a)).join(" ")}\n${err}`;
  expect([0, 2], what).toContain(code);
  expect(err, what).not.toMatch(/internal error|\n\s+at /);
  if (code === 2) expect(err.trim().split("\n"), what).toHaveLength(1);
  checkFiles();
  return code;
}

/** Exit codes seen, so a property cannot pass by refusing everything. */
const seen = (codes: number[]) => ({ ok: codes.filter((c) => c === 0).length, refused: codes.filter((c) => c === 2).length });

describe("CLI fuzz", () => {
  it("light commands: exit 0 or 2, one line on error, no stack trace", async () => {
    const codes: number[] = [];
    await fc.assert(
      fc.asyncProperty(light, async ([head, opts]) => void codes.push(await runOnce([...head, ...opts.flat()]))),
      { seed: 13, numRuns: 1500 },
    );
    expect(seen(codes).ok).toBeGreaterThan(150);
  });

  it("simulate on tiny workloads: exit 0 or 2, no partial VCD", async () => {
    const codes: number[] = [];
    await fc.assert(
      fc.asyncProperty(simulate, async ([head, opts]) => void codes.push(await runOnce([...head, ...opts.flat()]))),
      { seed: 13, numRuns: 300 },
    );
    expect(seen(codes).ok).toBeGreaterThan(20);
  });

  it("sweep specs: exit 0 or 2, never a torn results line, a stray temp file or a foreign report overwritten", async () => {
    const codes: number[] = [];
    await fc.assert(
      fc.asyncProperty(sweep, async ([yaml, opts]) => {
        writeFileSync(path.join(dir, "spec.yaml"), yaml);
        const flags = opts.flat();
        codes.push(await runOnce(flags.includes("--report") ? ["sweep", ...flags] : ["sweep", "spec.yaml", ...flags]));
        expect(readFileSync(path.join(dir, "foreign.md"), "utf8")).toBe("# not hwsim\n");
      }),
      { seed: 13, numRuns: 100 },
    );
    expect(seen(codes).ok).toBeGreaterThan(3);
  });
});
