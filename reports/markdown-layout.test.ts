import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.js";
import { MAX_TABLE_COLUMNS, splitTable } from "./markdown-table.js";
import { compareFixture } from "./testing/compare-fixture.js";

/**
 * The report's layout, not its values: headings, folded blocks, table header rows (with row counts), images,
 * lists and paragraphs in order, every number masked. A change in a cost constant leaves it alone; a new
 * section, a reordered one or a table grown past GitHub's width changes it.
 */
export function layoutSkeleton(md: string): string {
  const mask = (s: string) => s.replace(/\d+(?:[.,]\d+)*(?:e[-+]?\d+)?/g, "#");
  const lines = md.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l === "") continue;
    if (/^#{1,6} /.test(l) || /^<\/?details>$/.test(l) || l.startsWith("<summary>") || l.startsWith("<!--") || l.startsWith("![")) out.push(mask(l));
    else if (l.startsWith("|") && lines[i + 1]?.startsWith("|---")) {
      let n = 0;
      while (lines[i + 2 + n]?.startsWith("|")) n++;
      out.push(`${mask(l)}  (${n} rows)`);
      i += 1 + n;
    } else if (/^(- |\d+\. )/.test(l)) {
      let n = 1;
      while (/^(- |\d+\. )/.test(lines[i + n] ?? "")) n++;
      out.push(`${l.startsWith("-") ? "-" : "1."} list (${n} items)`);
      i += n - 1;
    } else out.push(`¶ ${mask(l.split(" ").slice(0, 4).join(" "))} …`);
  }
  return out.join("\n") + "\n";
}

const meta = {
  command: "compare …",
  version: "0",
  plots: [
    { key: "energy", title: "Energy vs error", file: "r-energy-vs-error.svg" },
    { key: "area", title: "Area vs error", file: "r-area-vs-error.svg" },
    { key: "latency", title: "Latency vs error", file: "r-latency-vs-error.svg" },
  ],
  hardware: [],
};

describe("report layout on GitHub", () => {
  // The eleven precisions, two substrates, a six-layer workload (outputs sampled, so it stays fast).
  const r = compareFixture(
    ["int8", "fp8", "fp8-e5m2", "int4", "w4a8", "mxfp8-e4m3", "mxfp6-e2m3", "mxfp4", "nvfp4", "bf16", "fp16"],
    ["mac-array:rows=8,cols=8", "mac-array:rows=8,cols=8,dataflow=os"],
    "default",
    0.01,
  );
  const md = renderMarkdown(r, meta);

  it("no table is wider than MAX_TABLE_COLUMNS", () => {
    const wide = md.split("\n").filter((l) => l.startsWith("|") && l.split(" | ").length > MAX_TABLE_COLUMNS && !l.startsWith("|---"));
    expect(wide.slice(0, 1)).toEqual([]);
  });

  it("the per-layer breakdown and the cost constants are folded", () => {
    expect(md).toMatch(/### Per-layer breakdown\n\n<details>\n<summary>Cycles and SQNR of 6 layers × 11 precisions<\/summary>\n\n\|/);
    expect(md).toMatch(/### Cost constants\n\n.*\n\n<details>\n<summary>\d+ cost constants with their sources<\/summary>\n\n\| constant \| value \| unit \| sources \|/);
  });

  it("keeps its layout (snapshot of the structure, numbers masked)", async () => {
    await expect(layoutSkeleton(md)).toMatchFileSnapshot("./__snapshots__/report-layout.txt");
  });
});

describe("splitTable", () => {
  it("repeats the key columns, keeps groups together and balances the parts", () => {
    const head = ["k", "a1", "a2", "b1", "b2", "c1", "c2"];
    const t = splitTable(head, [["r", "1", "2", "3", "4", "5", "6"]], { keyColumns: 1, groupSize: 2, max: 5 });
    expect(t).toEqual(["| k | a1 | a2 | b1 | b2 |", "|---|---|---|---|---|", "| r | 1 | 2 | 3 | 4 |", "", "| k | c1 | c2 |", "|---|---|---|", "| r | 5 | 6 |"]);
    expect(splitTable(["k", "a"], [["r", "1"]], { keyColumns: 1 })).toEqual(["| k | a |", "|---|---|", "| r | 1 |"]);
    const even = splitTable(["k", ..."abcdefghij"], [], { keyColumns: 1, max: 9 });
    expect(even.filter((l) => l.startsWith("| k")).map((l) => l.split(" | ").length)).toEqual([6, 6]);
  });
});
