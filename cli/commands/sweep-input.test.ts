/**
 * Bad input to `hwsim sweep` and `hwsim worker`, in process: one line on stderr, exit 2, nothing on stdout, and no
 * file written (no results file, no report, no lock or temporary file). Nothing here runs a point, so no build is
 * needed (sweep.test.ts covers the runs).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../main.js";
import { fakeContext } from "../testing/fake-context.js";

const SPEC = `precisions: [int8]
hardware: ["mac-array:rows=16"]
workloads: ["gemm:m=16,n=16,k=16"]
`;

let dir: string;
let given: string[];

async function hwsim(argv: string[]) {
  const ctx = fakeContext(dir);
  const code = await main(argv, ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "hwsim-sweep-input-"));
  writeFileSync(path.join(dir, "spec.yaml"), SPEC);
  writeFileSync(path.join(dir, "notes.jsonl"), '{"hello": 1}\n');
  writeFileSync(path.join(dir, "text.jsonl"), "just text\n");
  given = readdirSync(dir).sort();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refused(argv: string[], message: RegExp) {
  const r = await hwsim(argv);
  expect(r, argv.join(" ")).toMatchObject({ code: 2, out: "" });
  expect(r.err, argv.join(" ")).toMatch(/^hwsim: [^\n]*\n$/);
  expect(r.err, argv.join(" ")).toMatch(message);
  expect(readdirSync(dir).sort(), argv.join(" ")).toEqual(given);
}

describe("hwsim sweep / worker: bad input", () => {
  it("--jobs 0, --jobs abc, --jobs 1.5", async () => {
    await refused(["sweep", "spec.yaml", "--jobs", "0"], /--jobs '0' must be an integer from 1 to 1024/);
    await refused(["sweep", "spec.yaml", "--jobs", "abc"], /--jobs 'abc' must be an integer from 1 to 1024/);
    await refused(["sweep", "spec.yaml", "--jobs", "1.5"], /--jobs '1\.5' must be an integer/);
    await refused(["sweep", "spec.yaml", "--jobs", "0x10"], /--jobs '0x10' must be an integer/);
    await refused(["worker", "--queue", "redis://127.0.0.1:1", "--jobs", "abc"], /--jobs 'abc' must be an integer/);
  });

  it("--queue that is not a redis URL, for sweep and worker", async () => {
    await refused(["sweep", "spec.yaml", "--queue", "notaurl"], /--queue 'notaurl' is not a URL/);
    await refused(["sweep", "spec.yaml", "--queue", "http://x"], /must start with redis:\/\//);
    await refused(["worker", "--queue", "notaurl"], /--queue 'notaurl' is not a URL/);
    await refused(["worker"], /queue/);
  });

  it("--report of a missing file, of a file that is not hwsim results", async () => {
    await refused(["sweep", "--report", "missing.jsonl"], /missing\.jsonl/);
    await refused(["sweep", "--report", "notes.jsonl"], /'notes\.jsonl' line 1 is not an hwsim sweep results file/);
    await refused(["sweep", "--report", "text.jsonl"], /'text\.jsonl' line 1 is not an hwsim sweep results file/);
    await refused(["sweep", "spec.yaml", "--out", "notes.jsonl"], /'notes\.jsonl' line 1 is not an hwsim sweep results file/);
  });

  it("malformed YAML and wrong types name the field path", async () => {
    const cases: [string, RegExp][] = [
      ["precisions: [int8\n", /is not valid YAML/],
      ["precisions: int8: x\n", /is not valid YAML: .*line 1, column \d+\n$/],
      ["precisions: [int8]\nprecisions: [fp8]\n", /is not valid YAML/],
      ["- int8\n", /\(root\)/],
      ["precisions: [int8]\nhardware: 5\n", /hardware/],
      ["precisions: [int8]\nworkloads: [[gemm]]\n", /workloads\[0\]/],
      ['precisions: [int8]\nseed: "x"\n', /seed/],
      ["precisions: [int8]\nsample: true\n", /sample/],
      ["precisions: [int8]\nnode: 3\n", /node/],
      ["precisions: [int8]\nenergy: fast\n", /energy/],
      ["", /sweep spec 'bad\.yaml'/],
    ];
    for (const [text, message] of cases) {
      writeFileSync(path.join(dir, "bad.yaml"), text);
      given = readdirSync(dir).sort();
      await refused(["sweep", "bad.yaml"], message);
    }
  });

  it("command-line overrides are checked like the spec's fields", async () => {
    await refused(["sweep", "spec.yaml", "--seed", "-1"], /seed/);
    await refused(["sweep", "spec.yaml", "--seed", "abc"], /seed/);
    await refused(["sweep", "spec.yaml", "--sample", "2"], /sample/);
    await refused(["sweep", "spec.yaml", "--node", "3"], /node/);
    await refused(["sweep", "spec.yaml", "--energy", "fast"], /energy/);
    await refused(["sweep", "spec.yaml", "--top", "0"], /--top 0/);
  });
});
