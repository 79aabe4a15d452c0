import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Imports point one way: sim ← workloads ← hw-models ← reports ← cli (ARCHITECTURE.md). */
const LAYERS = ["sim", "workloads", "hw-models", "reports", "cli"] as const;
const root = path.dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (p.endsWith(".ts")) out.push(p);
  }
  return out;
}

describe("layering", () => {
  it("no module imports from a layer above its own", () => {
    const violations: string[] = [];
    LAYERS.forEach((layer, rank) => {
      // A layer that cannot be read fails here (a renamed folder must not silently drop out of the check).
      const files = sourceFiles(path.join(root, layer));
      expect(files.length, `layer '${layer}' has no .ts files`).toBeGreaterThan(0);
      for (const file of files) {
        const text = readFileSync(file, "utf8");
        for (const m of text.matchAll(/^\s*(?:import|export)[^'"]*from\s+["']([^"']+)["']/gm)) {
          const spec = m[1]!;
          if (!spec.startsWith(".")) continue;
          const target = path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep)[0]!;
          const targetRank = LAYERS.indexOf(target as (typeof LAYERS)[number]);
          if (targetRank > rank) violations.push(`${path.relative(root, file)} imports ${spec}`);
        }
      }
    });
    expect(violations).toEqual([]);
  });
});
