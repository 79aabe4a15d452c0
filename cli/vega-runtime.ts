import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { VegaRuntime } from "../reports/html.js";
import { UsageError } from "./errors.js";

/**
 * The browser builds of vega and vega-lite from the installed packages (build/vega.min.js and
 * build/vega-lite.min.js, UMD bundles that define the globals `vega` and `vegaLite`), for inlining into the
 * HTML report: the page then makes no request at all.
 */
export function loadVegaRuntime(): VegaRuntime {
  const require = createRequire(import.meta.url);
  const read = (pkg: string, file: string) => {
    let p = "";
    try {
      p = path.join(path.dirname(require.resolve(pkg)), file);
      return readFileSync(p, "utf8");
    } catch (e) {
      throw new UsageError(`--html needs the browser build of ${pkg} (${p || `${pkg}/build/${file}`}): ${(e as NodeJS.ErrnoException).code ?? e}; reinstall with npm ci`);
    }
  };
  return { vega: read("vega", "vega.min.js"), vegaLite: read("vega-lite", "vega-lite.min.js") };
}
