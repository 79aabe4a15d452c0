// The oracle must share no code with what it judges: outside its own folder (nested folders included) it may only
// import types.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const oracleDir = dirname(fileURLToPath(import.meta.url));

/** Every non-test .ts file under `dir`, at any depth. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith(".ts") && !p.endsWith(".test.ts") ? [p] : [];
  });
}

/**
 * Runtime imports of a module that leave `root`: `import … from`, `export … from` (not `import type` /
 * `export type`), bare side-effect imports (`import "../x.js"`), dynamic `import()` and `require()`.
 */
function runtimeImportsOutside(file: string, src: string, root: string): string[] {
  const outside = (spec: string) => {
    if (!spec.startsWith(".")) return true; // a package is outside too
    const rel = relative(root, resolve(dirname(file), spec));
    return rel === ".." || rel.startsWith(`..${sep}`);
  };
  const found: string[] = [];
  for (const m of src.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^;]*?from\s+["']([^"']+)["']/gm)) {
    if (!m[1] && outside(m[2]!)) found.push(m[0].trim());
  }
  for (const m of src.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) if (outside(m[1]!)) found.push(m[0].trim());
  if (/\bimport\s*\(/.test(src) || /\brequire\s*\(/.test(src)) found.push("dynamic import");
  return found;
}

describe("oracle independence", () => {
  it("oracle modules, at any depth, import only types from outside sim/numerics/oracle", () => {
    const files = sources(oracleDir);
    expect(files.length).toBeGreaterThanOrEqual(6);
    const offenders = files.flatMap((f) => runtimeImportsOutside(f, readFileSync(f, "utf8"), oracleDir).map((l) => `${relative(oracleDir, f)}: ${l}`));
    expect(offenders).toEqual([]);
  });

  it("the scan sees side-effect imports, nested folders and both quote styles, and lets types and local imports pass", () => {
    const at = (p: string) => join(oracleDir, p);
    const scan = (p: string, src: string) => runtimeImportsOutside(at(p), src, oracleDir);
    expect(scan("x.ts", `import "../codec.js";`)).toHaveLength(1);
    expect(scan("x.ts", `import '../codec.js';`)).toHaveLength(1);
    expect(scan("deep/x.ts", `import { decode } from "../../codec.js";`)).toHaveLength(1);
    expect(scan("deep/x.ts", `import { rat } from "../rational.js";`)).toEqual([]); // still inside the oracle
    expect(scan("x.ts", `export { encode } from "../codec.js";`)).toHaveLength(1);
    expect(scan("x.ts", `import { z } from "zod";`)).toHaveLength(1);
    expect(scan("x.ts", `import type { Raw } from "../raw.js";\nimport "./grid.js";`)).toEqual([]);
    expect(scan("x.ts", `const m = await import("../codec.js");`)).toEqual(["dynamic import"]);
  });
});
