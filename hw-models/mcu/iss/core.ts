import { defineModule, elaborate } from "../../../sim/engine/index.js";
import type { Reg } from "../../../sim/engine/index.js";
import type { CoreTiming, TimingState } from "./timing.js";
import { issue, newTimingState } from "./timing.js";
import type { Instr } from "./program.js";
import { sourcesOf } from "./program.js";

/** Shared-resource parameters of a cluster (one core: 1, no banks, private FPU). */
export interface ClusterConfig {
  readonly cores: number;
  /** Word-interleaved L1 (TCDM) banks; 0 = no bank conflicts modelled (single-core SRAM). */
  readonly tcdmBanks: number;
  /** FPUs shared by the cores (core c uses FPU c mod fpus); 0 = one private FPU per core. */
  readonly sharedFpus: number;
}

export interface IssRun {
  readonly memory: Uint8Array;
  /** Cycles until every core halted. */
  readonly cycles: number;
  readonly perCoreCycles: readonly number[];
  readonly actions: Readonly<Record<string, number>>;
  readonly registers: readonly (readonly bigint[])[];
}

const REGS = 40;
const MASK32 = 0xffffffffn;

/**
 * The instruction-set simulator: `cores` cores on the clocked engine (sim/engine), each with a program counter,
 * 40 registers (x0..x31, Q0..Q7), two hardware-loop register sets and an issue scoreboard, sharing one
 * byte-addressed memory. Every cycle each core (in a rotating priority order) issues the instruction at its pc
 * once its operands are ready (timing.ts), its TCDM bank is free and, for FP work, its shared FPU is free;
 * otherwise it stalls. Instruction semantics are the ISA units; memory writes take effect at issue.
 * Actions counted: instructions per class, stall cycles, TCDM bank conflicts, FPU contention, loads/stores.
 */
export function runIss(
  program: readonly Instr[],
  timing: CoreTiming,
  memory: Uint8Array,
  initialRegisters: readonly (readonly [number, bigint][])[],
  cluster: ClusterConfig = { cores: 1, tcdmBanks: 0, sharedFpus: 0 },
  maxCycles = 50_000_000,
): IssRun {
  const n = cluster.cores;
  const view = new DataView(memory.buffer, memory.byteOffset, memory.byteLength);
  const top = defineModule("mcu-cluster", (m) => {
    const pcs: Reg<number>[] = [];
    const regs: Reg<bigint>[][] = [];
    const loops: Reg<number>[][] = [];
    const halted: Reg<boolean>[] = [];
    const haltCycle: Reg<number>[] = [];
    for (let c = 0; c < n; c++) {
      pcs.push(m.reg(`core${c}_pc`, { widthBits: 32 }));
      regs.push(Array.from({ length: REGS }, (_, r) => m.reg(`core${c}_r${r}`, { type: "bigint", widthBits: 128, init: initialRegisters[c]?.find(([i]) => i === r)?.[1] ?? 0n })));
      // Per level: start, end, count.
      loops.push(Array.from({ length: 6 }, (_, k) => m.reg(`core${c}_lp${k}`, { widthBits: 32 })));
      halted.push(m.reg(`core${c}_halted`, { type: "bool" }));
      haltCycle.push(m.reg(`core${c}_halt_cycle`, { widthBits: 40 }));
    }
    const cycle = m.reg("cycle", { widthBits: 40 });
    const actions = new Map<string, ReturnType<typeof m.action>>();
    const act = (name: string) => {
      let a = actions.get(name);
      if (!a) actions.set(name, (a = m.action(name)));
      return a;
    };
    for (const name of ["stall", "tcdm-conflict", "fpu-contention", "load", "store", "idle"]) act(name);
    for (const i of program) act(`issue-${i.cls}`);
    // The issue scoreboards (ready cycle per register, pair slot) are per-core pipeline state.
    const boards: TimingState[] = Array.from({ length: n }, () => newTimingState(REGS));
    m.step((s) => {
      const now = s.get(cycle);
      s.next(cycle, now + 1);
      const banks = new Set<number>();
      const fpus = new Set<number>();
      for (let k = 0; k < n; k++) {
        const c = (k + now) % n; // rotating priority
        if (s.get(halted[c]!)) {
          s.count(act("idle"));
          continue;
        }
        const board = boards[c]!;
        let pc = s.get(pcs[c]!);
        // Registers written by an instruction issued earlier this cycle (the pair slot) are read through this map.
        const local = new Map<number, bigint>();
        const rd = (r: number) => local.get(r) ?? s.get(regs[c]![r]!);
        const wr = (r: number, v: bigint) => {
          local.set(r, v);
          s.next(regs[c]![r]!, v);
        };
        const lp = loops[c]!.map((x) => s.get(x));
        let issued = 0;
        for (;;) {
          const ins = program[pc];
          if (!ins) throw new Error(`iss: pc ${pc} outside the program`);
          if (ins.kind === "halt") {
            if (issued === 0) {
              s.next(halted[c]!, true);
              s.next(haltCycle[c]!, Math.max(now, board.free));
            }
            break;
          }
          // Would it issue this cycle? (a scratch copy keeps the scoreboard unchanged when it does not)
          const probe: TimingState = { ...board, ready: board.ready };
          const savedReady = Float64Array.from(board.ready);
          const at = issue(timing, probe, ins, now, false);
          board.ready.set(savedReady);
          if (at !== now) {
            if (issued === 0) s.count(act("stall"));
            break;
          }
          // Shared resources: one access per TCDM bank and one op per FPU per cycle.
          if (ins.kind === "load" || ins.kind === "store") {
            if (cluster.tcdmBanks > 0) {
              const addr = Number(rd(ins.base) & MASK32) + ins.offset + (ins.kind === "load" ? indexed(ins, rd) : 0);
              const bank = (addr >>> 2) % cluster.tcdmBanks;
              if (banks.has(bank)) {
                if (issued === 0) s.count(act("tcdm-conflict"));
                break;
              }
              banks.add(bank);
            }
          }
          if ((ins.cls === "fp" || ins.cls === "fp-mac") && cluster.sharedFpus > 0) {
            const f = c % cluster.sharedFpus;
            if (fpus.has(f)) {
              if (issued === 0) s.count(act("fpu-contention"));
              break;
            }
            fpus.add(f);
          }
          // Execute.
          let next = pc + 1;
          let taken = false;
          switch (ins.kind) {
            case "unit": {
              const x: Record<string, bigint> = {};
              for (const [k2, v] of Object.entries(ins.ins)) x[k2] = typeof v === "number" ? rd(v) : BigInt(v.imm);
              const out = ins.unit.exec(x, false);
              for (const [k2, r] of Object.entries(ins.outs)) wr(r, out.outputs[k2]!);
              break;
            }
            case "load": {
              const addr = Number(rd(ins.base) & MASK32) + ins.offset + indexed(ins, rd);
              let v = 0n;
              for (let b = ins.bytes - 1; b >= 0; b--) v = (v << 8n) | BigInt(view.getUint8(addr + b));
              if (ins.widen) v = ins.widen.exec({ mem: v }, false).outputs["qd"]!;
              else if (ins.signed) v = BigInt.asUintN(32, BigInt.asIntN(ins.bytes * 8, v));
              if (ins.postInc) wr(ins.base, BigInt.asUintN(32, rd(ins.base) + BigInt(ins.postInc)));
              wr(ins.rd, v);
              s.count(act("load"));
              break;
            }
            case "store": {
              const addr = Number(rd(ins.base) & MASK32) + ins.offset;
              let v = rd(ins.rs);
              for (let b = 0; b < ins.bytes; b++, v >>= 8n) view.setUint8(addr + b, Number(v & 0xffn));
              if (ins.postInc) wr(ins.base, BigInt.asUintN(32, rd(ins.base) + BigInt(ins.postInc)));
              s.count(act("store"));
              break;
            }
            case "li":
              wr(ins.rd, ins.value);
              break;
            case "addi":
              wr(ins.rd, BigInt.asUintN(32, rd(ins.rs) + BigInt(ins.imm)));
              break;
            case "bnez":
              if (rd(ins.rs) !== 0n) {
                next = ins.target;
                taken = true;
              }
              break;
            case "lpsetup": {
              const b = ins.level * 3;
              lp[b] = pc + 1;
              lp[b + 1] = ins.end;
              lp[b + 2] = Number(rd(ins.countReg) & MASK32);
              break;
            }
          }
          issue(timing, board, ins, now, taken);
          s.count(act(`issue-${ins.cls}`));
          issued++;
          // Hardware loops: the inner level (0) has priority; zero-overhead jump back to the start.
          if (timing.hardwareLoops && !taken) {
            for (const level of [0, 1]) {
              const b = level * 3;
              if (lp[b + 2]! > 0 && pc === lp[b + 1]) {
                if (lp[b + 2]! > 1) {
                  lp[b + 2]!--;
                  next = lp[b]!;
                  break;
                }
                lp[b + 2] = 0; // this level is done; an outer loop ending here may still jump back
              }
            }
          }
          pc = next;
          if (taken || board.pairOpen === false || timing.dualIssue.length === 0) break;
          // Dual issue: try the next instruction in this same cycle (issue() decides whether it pairs).
        }
        s.next(pcs[c]!, pc);
        loops[c]!.forEach((x, i) => s.next(x, lp[i]!));
      }
    });
    return { pcs, regs, halted, haltCycle, cycle };
  });
  const sim = elaborate(top);
  const allHalted = () => sim.top.halted.every((h) => sim.peek(h));
  let guard = 0;
  while (!allHalted()) {
    sim.step(1);
    if (++guard > maxCycles) throw new Error(`iss: no halt within ${maxCycles} cycles`);
  }
  const perCoreCycles = sim.top.haltCycle.map((h) => sim.peek(h));
  return {
    memory,
    cycles: Math.max(...perCoreCycles),
    perCoreCycles,
    actions: sim.actionTotals(),
    registers: sim.top.regs.map((rs) => rs.map((r) => sim.peek(r))),
  };
}

/** The register-offset part of a load's address (0 for base + immediate loads). */
function indexed(ins: Extract<Instr, { kind: "load" }>, rd: (r: number) => bigint): number {
  return ins.index === undefined ? 0 : Number((rd(ins.index) << BigInt(ins.shift ?? 0)) & MASK32);
}

export { sourcesOf };
