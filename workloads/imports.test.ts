import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as api from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

describe("workloads import rules", () => {
  it("library files import only workloads/ and sim/, with .js suffixes, and no node: modules", () => {
    let seen = 0;
    for (const file of sources(here).filter((f) => !f.endsWith(".test.ts"))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/^\s*(?:import|export)[^;]*?from\s+"([^"]+)"/gms)) {
        const spec = m[1]!;
        const where = relative(root, file);
        expect(spec.startsWith("."), `${where} imports '${spec}'`).toBe(true);
        expect(spec.endsWith(".js"), `${where} imports '${spec}' without .js`).toBe(true);
        const target = relative(root, resolve(dirname(file), spec));
        expect(/^(workloads|sim)\//.test(target), `${where} imports ${target}`).toBe(true);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(50);
  });

  it("the index exposes the main entry points", () => {
    for (const name of ["lookupWorkload", "parseScaleSimTopology", "parseNpy", "parseSafetensors", "generateTensor", "quantize", "dequantize", "referenceGemm", "conv2dLayer", "attentionLayers", "ffnLayers", "totalMacs"]) {
      expect(typeof (api as Record<string, unknown>)[name], name).toBe("function");
    }
  });
});
