import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { main } from "./main.js";
import { fakeContext } from "./testing/fake-context.js";

async function run(...argv: string[]) {
  const ctx = fakeContext();
  const code = await main(argv, ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

async function runJson(...argv: string[]) {
  const r = await run(...argv, "--json");
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

describe("hwsim formats", () => {
  it("lists every named format with exact limits (REFERENCES.md §1)", async () => {
    const j = await runJson("formats");
    const byId = new Map<string, Record<string, unknown>>(j.formats.map((f: { id: string }) => [f.id, f]));
    for (const id of ["fp8-e4m3", "fp8-e5m2", "fp8-e4m3fnuz", "fp8-e5m2fnuz", "fp8-e4m3b11fnuz", "fp8-e4m3-ieee", "fp8-e3m4",
      "fp6-e2m3", "fp6-e3m2", "fp4-e2m1", "e8m0", "fp16", "bf16", "tf32", "fp32", "fp64", "int8", "mxfp8-e4m3", "mxfp8-e5m2",
      "mxfp6-e2m3", "mxfp6-e3m2", "mxfp4", "mxint8", "nvfp4", "nf4", "bfp8"]) {
      expect(byId.has(id), id).toBe(true);
    }
    // Table values from REFERENCES.md §1, written out by hand.
    const expectLimits = (id: string, max: string, minNormal: string, minSub: string) => {
      const f = byId.get(id)!;
      expect([f["max"], f["minNormal"], f["minSubnormal"]], id).toEqual([max, minNormal, minSub]);
    };
    expectLimits("fp8-e4m3", "448", "0.015625", "0.001953125");
    expectLimits("fp8-e5m2", "57344", "0.00006103515625", "0.0000152587890625");
    expectLimits("fp8-e4m3fnuz", "240", "0.0078125", "0.0009765625");
    expectLimits("fp8-e4m3b11fnuz", "30", "0.0009765625", "0.0001220703125");
    expectLimits("fp8-e3m4", "15.5", "0.25", "0.015625");
    expectLimits("fp6-e2m3", "7.5", "1", "0.125");
    expectLimits("fp6-e3m2", "28", "0.25", "0.0625");
    expectLimits("fp4-e2m1", "6", "1", "0.5");
    expectLimits("fp16", "65504", "0.00006103515625", "0.000000059604644775390625");
    expect(byId.get("fp8-e4m3")!["aliases"]).toContain("float8_e4m3fn");
    expect(byId.get("mxfp4")!["block"]).toMatchObject({ bitsPerElement: 4.25, blockSize: 32, scale: "e8m0" });
    expect(byId.get("nvfp4")!["block"]).toMatchObject({ bitsPerElement: 4.5, blockSize: 16, scale: "fp8-e4m3" });
  });

  it("prints a human table", async () => {
    const r = await run("formats");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/fp8-e4m3\s+float\s+8\s+4\s+3\s+7\s+fn\s+448/);
  });
});

describe("hwsim encode", () => {
  it("rounds with ties to even and reports flags (E4M3: 464 → 448, 465 → NaN)", async () => {
    const j = await runJson("encode", "fp8-e4m3", "448", "464", "465", "-448", "0x1.8p-3");
    expect(j.format).toBe("fp8-e4m3");
    expect(j.results.map((r: { code: string }) => r.code)).toEqual(["0x7e", "0x7e", "0x7f", "0xfe", "0x24"]);
    expect(j.results[1]).toEqual({ input: "464", code: "0x7e", value: "448", flags: { inexact: true, overflow: false, underflow: false, invalid: false } });
    expect(j.results[2].value).toBe("nan");
    expect(j.results[2].flags.overflow).toBe(true);
  });

  it("accepts negative numbers, inf and nan as positionals", async () => {
    const j = await runJson("encode", "e5m2", "-inf", "-1e-9", "nan", "-0");
    expect(j.results.map((r: { value: string }) => r.value)).toEqual(["-inf", "-0", "nan", "-0"]);
  });

  it("honours rounding and overflow options", async () => {
    const rtz = await runJson("encode", "fp8-e5m2", "61440", "--rounding", "rtz");
    expect(rtz.results[0].value).toBe("57344");
    const sat = await runJson("encode", "fp8-e5m2", "1e6", "--overflow", "saturate");
    expect(sat.results[0].value).toBe("57344");
    const nonsat = await runJson("encode", "fp8-e5m2", "1e6");
    expect(nonsat.results[0].value).toBe("inf");
  });

  it("stochastic rounding is reproducible from the seed and differs across seeds", async () => {
    const vals = Array.from({ length: 40 }, () => "1.0625"); // between 1 and 1.125 in E4M3
    const a = await runJson("encode", "fp8-e4m3", ...vals, "--rounding", "stochastic", "--seed", "7");
    const b = await runJson("encode", "fp8-e4m3", ...vals, "--rounding", "stochastic", "--seed", "7");
    const c = await runJson("encode", "fp8-e4m3", ...vals, "--rounding", "stochastic", "--seed", "8");
    const codes = (j: { results: { code: string }[] }) => j.results.map((r) => r.code).join(",");
    expect(codes(a)).toBe(codes(b));
    expect(codes(a)).not.toBe(codes(c));
    expect(new Set(a.results.map((r: { code: string }) => r.code))).toEqual(new Set(["0x38", "0x39"]));
  });
});

describe("hwsim decode and convert", () => {
  it("decodes codes to exact decimals", async () => {
    const j = await runJson("decode", "fp8-e4m3", "0x7e", "0x7f", "0x01", "0x80");
    expect(j.results.map((r: { value: string }) => r.value)).toEqual(["448", "nan", "0.001953125", "-0"]);
    const fp64 = await runJson("decode", "fp64", "0x3fb999999999999a");
    expect(fp64.results[0].value).toBe("0.1000000000000000055511151231257827021181583404541015625");
  });

  it("converts fp32 464.0000305 to E4M3 NaN (just past the 464 tie)", async () => {
    const j = await runJson("convert", "fp32", "fp8-e4m3", "0x43e80001");
    expect(j.results[0]).toMatchObject({ code: "0x7f", value: "nan", inputValue: "464.000030517578125" });
    const sat = await runJson("convert", "fp32", "fp8-e4m3", "0x43e80001", "--overflow", "saturate");
    expect(sat.results[0].value).toBe("448");
  });
});

describe("hwsim quantize", () => {
  it("quantizes an MX block with the OCP floor rule", async () => {
    const j = await runJson("quantize", "mxfp8-e4m3", "1", "2", "3", "1000");
    // floor(log2 1000) = 9, minus emax(E4M3) = 8 → X = 2^1, scale code 127 + 1 = 0x80; 1000/2 = 500 clamps to 448.
    expect(j.blocks[0].scaleCode).toBe("0x80");
    expect(j.blocks[0].values).toEqual(["1", "2", "3", "896"]);
  });
});

describe("bad input exits 2 with one line naming the problem", () => {
  const cases: [string[], RegExp][] = [
    [["encode", "fp9", "1"], /unknown format 'fp9': did you mean 'fp8'/],
    [["encode", "fp9-e9m9", "1"], /says 9 bits but its fields make 19/],
    [["encode", "fp8", "abc"], /'abc' is not a number/],
    [["decode", "fp8-e4m3", "0x1ff"], /out of range for fp8-e4m3: it has 8 bits/],
    [["decode", "fp8-e4m3", "zz"], /'zz' is not a code/],
    [["encode", "fp8", "1", "--rounding", "xyz"], /Invalid values/],
    [["frobnicate"], /Unknown argument/],
    [["quantize", "fp8", "1"], /scalar format/],
    [["quantize", "mxfp9", "1"], /unknown block format 'mxfp9'/],
    [["encode", "mxfp4", "1"], /block format: use 'hwsim quantize mxfp4/],
    [["quantize", "mxfp4", "1", "--block-size", "0"], /block size 0 is invalid/],
    [[], /give a command/],
  ];
  for (const [argv, msg] of cases) {
    it(argv.join(" ") || "(no arguments)", async () => {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).not.toMatch(/at .*\.(ts|js):\d+/);
    });
  }
});

describe("the built binary", () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const bin = path.join(root, "dist", "cli", "bin.js");
  it("runs `hwsim formats --json` and exits 2 on bad input", () => {
    expect(existsSync(bin), "npm test builds dist/ first").toBe(true);
    const ok = spawnSync(process.execPath, [bin, "formats", "--json"], { encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).formats.length).toBeGreaterThan(30);
    const bad = spawnSync(process.execPath, [bin, "encode", "nope", "1"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^hwsim: unknown format 'nope'/);
  });
});
