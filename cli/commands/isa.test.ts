import { describe, expect, it } from "vitest";
import { main } from "../main.js";
import { fakeContext } from "../testing/fake-context.js";

async function isa(...argv: string[]) {
  const ctx = fakeContext();
  const code = await main(["isa", ...argv], ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

describe("hwsim isa (CLI contract)", () => {
  it("smlad overflow example: rd 0x80000000, q true", async () => {
    const r = await isa("cortex-m4", "smlad", "--rn", "0x80008000", "--rm", "0x80008000", "--ra", "0x0", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ target: "cortex-m4", instruction: "smlad", outputs: { rd: "0x80000000" }, flags: { q: true } });
  });
  it("sxtb16 ror 8 → 0x00120056 (SXTB16 defines no flags)", async () => {
    const r = await isa("cortex-m4", "sxtb16", "--rm", "0x12345678", "--ror", "8", "--json");
    expect(JSON.parse(r.out)).toEqual({ target: "cortex-m4", instruction: "sxtb16", outputs: { rd: "0x00120056" }, flags: {} });
  });
  it("pv.sdotsp.b → 0x000000fe", async () => {
    const r = await isa("cv32e40p", "pv.sdotsp.b", "--rd", "0x0", "--rs1", "0x807f01ff", "--rs2", "0x80807f01", "--json");
    expect(JSON.parse(r.out)).toEqual({ target: "cv32e40p", instruction: "pv.sdotsp.b", outputs: { rd: "0x000000fe" }, flags: {} });
  });
  it("--q 1 keeps Q set (sticky); a preset name maps to its core's ISA; Helium Q registers print 128 bits", async () => {
    const q = await isa("cortex-m7", "smlad", "--rn", "1", "--rm", "1", "--ra", "0", "--q", "1", "--json");
    expect(JSON.parse(q.out).flags).toEqual({ q: true });
    const p = await isa("pulp-cluster", "pv.sdotup.h", "--rd", "1", "--rs1", "0x00020003", "--rs2", "0x00040005", "--json");
    expect(JSON.parse(p.out).outputs.rd).toBe("0x00000018"); // 1 + 3·5 + 2·4 = 24
    const v = await isa("cortex-m55", "vldrb.s16", "--mem", "0xff", "--json");
    expect(JSON.parse(v.out).outputs.qd).toBe("0x0000000000000000000000000000ffff");
  });
  it("bad input is one line and exit 2", async () => {
    for (const argv of [
      ["cortex-m9", "smlad"],
      ["cortex-m4", "pv.sdotsp.b"],
      ["cortex-m4", "smlad", "--rn", "1", "--rm", "1"],
      ["cortex-m4", "sxtb16", "--rm", "1", "--ror", "4"],
      ["cortex-m4", "smlad", "--rn", "0x1ffffffff", "--rm", "1", "--ra", "0"],
      ["cortex-m4", "smlad", "--rn", "zz", "--rm", "1", "--ra", "0"],
      ["cortex-m4", "sxtb16", "--rm", "1", "--rs1", "2"],
    ]) {
      const r = await isa(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  });
  it("each bad input names its problem (one line, exit 2, nothing on stdout)", async () => {
    for (const [argv, says] of [
      [["cortex-m4", "smlad", "--rn", "zz", "--rm", "1", "--ra", "0", "--json"], "--rn zz: not an integer"],
      [["cortex-m4", "smlad", "--rm", "1", "--ra", "0", "--json"], "smlad needs --rn"],
      [["cortex-m4", "frob", "--json"], "cortex-m4 has no instruction 'frob'"],
      [["mcu-9000", "smlad", "--json"], "unknown ISA target 'mcu-9000'"],
      [["cortex-m4", "smlad", "--rn", "1", "--rm", "1", "--ra", "0", "--bogus", "3", "--json"], "bogus"],
      [["cortex-m4", "ssat", "--rn", "1", "--sat", "33", "--json"], "ssat takes sat in 1..32"],
      [["cortex-m4", "usat", "--rn", "1", "--sat", "99999999999999999999", "--json"], "usat takes sat in 0..31"],
      [["cv32e40p", "pv.sdotsp.sci.b", "--rd", "0", "--rs1", "1", "--imm6", "64", "--json"], "takes imm6 in 0..63"],
      [["cortex-m4", "smlad", "--rn", "-0x80000001", "--rm", "1", "--ra", "0", "--json"], ""],
      [["cortex-m4", "smlad", "--rn", "-2147483649", "--rm", "1", "--ra", "0", "--json"], "does not fit the 32-bit register"],
      [["cortex-m4", "smlad", "--rn", "1", "--rm", "1", "--ra", "0", "--q", "2", "--json"], "--q 2: give 0 or 1"],
      [["cortex-m4", "sxtb16", "--rm", "1", "--q", "1", "--json"], "sxtb16 defines no Q flag"],
      [["cv32e40p", "pv.sdotsp.b", "--rd", "0", "--rs1", "1", "--rs2", "1", "--q", "0", "--json"], "defines no Q flag"],
    ] as const) {
      const r = await isa(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.out).toBe("");
      expect(r.err.trim().split("\n"), argv.join(" ")).toHaveLength(1);
      expect(r.err, argv.join(" ")).toContain(says);
    }
  });
  it("decimal operands, negative ones wrap to the register width: smlad --rn -1 (lanes −1, −1) · --rm 0x00010001 + 0 = −2 → 0xfffffffe", async () => {
    const r = await isa("cortex-m4", "smlad", "--rn", "-1", "--rm", "0x00010001", "--ra", "0", "--json");
    expect(JSON.parse(r.out)).toEqual({ target: "cortex-m4", instruction: "smlad", outputs: { rd: "0xfffffffe" }, flags: { q: false } });
  });
});
