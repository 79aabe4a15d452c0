import { describe, expect, it } from "vitest";
import { renderScatterSvg } from "./svg-plot.js";
import { checkWellFormedXml } from "./testing/well-formed-xml.js";

describe("SVG scatter", () => {
  const points = [
    { label: "int8", series: "mac-array", x: 1, y: 0.01, onFront: true },
    { label: "fp8", series: "mac-array", x: 2, y: 0.02, onFront: false },
    { label: "fp4", series: "mac-array", x: 0.5, y: 0.2, onFront: true },
  ];

  it("is well-formed XML with one symbol per result row", async () => {
    const svg = await renderScatterSvg({ title: "energy vs error", xTitle: "pJ/MAC", yTitle: "rel. RMSE", yLog: true, points });
    expect(checkWellFormedXml(svg)).toBeNull();
    const symbols = svg.match(/<g class="mark-symbol role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/);
    expect(symbols).not.toBeNull();
    expect(symbols![1]!.match(/<path /g)?.length).toBe(points.length);
    expect(svg).toContain("int8");
  });

  it("is deterministic", async () => {
    const a = await renderScatterSvg({ title: "t", xTitle: "x", yTitle: "y", points });
    const b = await renderScatterSvg({ title: "t", xTitle: "x", yTitle: "y", points });
    expect(a).toBe(b);
  });

  it("the well-formedness check catches broken XML", () => {
    expect(checkWellFormedXml("<svg><g></svg>")).not.toBeNull();
    expect(checkWellFormedXml("<a/><b/>")).not.toBeNull();
    expect(checkWellFormedXml('<svg a="1"><g/></svg>')).toBeNull();
  });
});
