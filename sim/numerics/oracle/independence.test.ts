// The oracle must share no code with what it judges: outside its own folder it may only import types.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

it("oracle modules import only types from outside sim/numerics/oracle", () => {
  const dir = dirname(fileURLToPath(import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
  expect(files.length).toBeGreaterThanOrEqual(6);
  const offenders: string[] = [];
  for (const file of files) {
    const src = readFileSync(join(dir, file), "utf8");
    for (const m of src.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gm)) {
      const [line, , typeOnly, spec] = m;
      const local = spec!.startsWith("./");
      if (!local && !typeOnly) offenders.push(`${file}: ${line!.trim()}`);
    }
    if (/\bimport\s*\(/.test(src) || /\brequire\s*\(/.test(src)) offenders.push(`${file}: dynamic import`);
  }
  expect(offenders).toEqual([]);
});
