import { describe, expect, it } from "vitest";
import { unwrap } from "../../workloads/result.js";
import { leaves } from "./estimate.js";
import { macUnitCost } from "./mac-unit.js";
import {
  conservativeImprovement45To7,
  nodeFactors,
  scaleToNode,
  stillmakerAreaFactor,
  stillmakerEnergyFactor,
  TECH_NODES_NM,
} from "./tech-scaling.js";

describe("Stillmaker & Baas 2017 (default)", () => {
  it("45→16 nm area 0.19×, 45→7 nm area 0.059×, energy 0.094× at 0.8 V (REFERENCES §5)", () => {
    expect(nodeFactors({ nodeNm: 16, method: "stillmaker-2017" }).areaFactor.value).toBe(0.19);
    expect(nodeFactors({ nodeNm: 7, method: "stillmaker-2017" }).areaFactor.value).toBe(0.059);
    expect(nodeFactors({ nodeNm: 7, method: "stillmaker-2017" }).energyFactor.value).toBeCloseTo(0.094, 3);
  });

  it("the energy factor is a ratio of the two nodes' polynomials at the same supply", () => {
    expect(stillmakerEnergyFactor(45).value).toBe(1);
    expect(stillmakerEnergyFactor(7, 0.9).value).not.toBeCloseTo(stillmakerEnergyFactor(7, 0.8).value, 4);
  });

  it("28 nm is interpolated between the tabulated 32 and 20 nm and says so", () => {
    const f = nodeFactors({ nodeNm: 28, method: "stillmaker-2017" });
    expect(f.areaFactor.value).toBeLessThan(stillmakerAreaFactor(32).value);
    expect(f.areaFactor.value).toBeGreaterThan(stillmakerAreaFactor(20).value);
    expect(f.energyFactor.value).toBeLessThan(stillmakerEnergyFactor(32).value);
    expect(f.energyFactor.value).toBeGreaterThan(stillmakerEnergyFactor(20).value);
    expect(f.areaFactor.source).toMatch(/interpolated/);
  });

  it("5 nm is 7 nm × TSMC N5 vs N7 (1/1.84 area, 0.7 energy)", () => {
    const f5 = nodeFactors({ nodeNm: 5, method: "stillmaker-2017" });
    const f7 = nodeFactors({ nodeNm: 7, method: "stillmaker-2017" });
    expect(f5.areaFactor.value).toBeCloseTo(f7.areaFactor.value / 1.84, 12);
    expect(f5.energyFactor.value).toBeCloseTo(f7.energyFactor.value * 0.7, 12);
  });

  it("smaller nodes never cost more", () => {
    for (const method of ["stillmaker-2017", "conservative-tpuv4i"] as const) {
      for (let i = 1; i < TECH_NODES_NM.length; i++) {
        const big = nodeFactors({ nodeNm: TECH_NODES_NM[i - 1]!, method });
        const small = nodeFactors({ nodeNm: TECH_NODES_NM[i]!, method });
        expect(small.areaFactor.value).toBeLessThan(big.areaFactor.value);
        expect(small.energyFactor.value).toBeLessThan(big.energyFactor.value);
      }
    }
  });
});

describe("conservative (TPUv4i) scaling", () => {
  it("improves 45→7 nm energy by 2–4× only, and is never more optimistic than Stillmaker", () => {
    const imp = 1 / nodeFactors({ nodeNm: 7, method: "conservative-tpuv4i" }).energyFactor.value;
    expect(imp).toBeGreaterThanOrEqual(2);
    expect(imp).toBeLessThanOrEqual(4);
    expect(imp).toBeCloseTo(conservativeImprovement45To7().value, 9);
    for (const nodeNm of TECH_NODES_NM) {
      const c = nodeFactors({ nodeNm, method: "conservative-tpuv4i" });
      const s = nodeFactors({ nodeNm, method: "stillmaker-2017" });
      expect(c.energyFactor.value).toBeGreaterThanOrEqual(s.energyFactor.value);
      expect(c.areaFactor.value).toBe(s.areaFactor.value);
    }
  });
});

describe("scaleToNode", () => {
  const base = unwrap(macUnitCost({ kind: "float", expBits: 4, manBits: 3 }));

  it("multiplies every energy and area in the breakdown by the node factors and records the setting", () => {
    const setting = { nodeNm: 7, method: "conservative-tpuv4i" } as const;
    const scaled = scaleToNode(base, setting);
    const f = nodeFactors(setting);
    expect(scaled.technology.method).toBe("conservative-tpuv4i");
    expect(scaled.technology.nodeNm).toBe(7);
    expect(scaled.energyPj.value).toBeCloseTo(base.energyPj.value * f.energyFactor.value, 12);
    expect(scaled.areaUm2.value).toBeCloseTo(base.areaUm2.value * f.areaFactor.value, 9);
    const [b, s] = [leaves(base), leaves(scaled)];
    expect(s).toHaveLength(b.length);
    s.forEach((leaf, i) => expect(leaf.energyPj.value).toBeCloseTo(b[i]!.energyPj.value * f.energyFactor.value, 12));
    expect(scaled.energyPj.source).toMatch(/conservative-tpuv4i 7 nm/);
  });

  it("45 nm is the identity", () => {
    const same = scaleToNode(base, { nodeNm: 45, method: "stillmaker-2017" });
    expect(same.energyPj.value).toBe(base.energyPj.value);
    expect(same.areaUm2.value).toBe(base.areaUm2.value);
  });
});
