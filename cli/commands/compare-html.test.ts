import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { main } from "../main.js";
import { fakeContext } from "../testing/fake-context.js";
import { launchChromium } from "../testing/cdp-pipe.js";
import { HWSIM_HTML_HEAD } from "../../reports/html.js";

const tmp = () => mkdtempSync(path.join(tmpdir(), "hwsim-html-"));
const SMALL = ["--workload", "gemm:m=16,n=16,k=48"];
/** Debian's chromium (.ci/run installs it); CHROMIUM overrides the path. */
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

async function run(cwd: string, ...argv: string[]) {
  const ctx = fakeContext(cwd);
  const code = await main(argv, ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

describe("hwsim compare --html", () => {
  it("writes one self-contained file beside the .md (or where --html says), overwriting only its own", async () => {
    const dir = tmp();
    const r = await run(dir, "compare", "int8", "fp8", ...SMALL, "--html");
    expect(r.code, r.err).toBe(0);
    const html = readFileSync(path.join(dir, "hwsim-report.html"), "utf8");
    expect(html.startsWith(HWSIM_HTML_HEAD)).toBe(true);
    // Nothing the page could fetch: no src= or href= to anything but in-page anchors, no url(…) in styles.
    // (Checked on the markup; the inlined vega runtime's own code is checked in the browser test below.)
    const markup = html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, "");
    expect(/\s(src|href)="(?!#)[^"]*"/.exec(markup)?.[0]).toBeUndefined();
    expect(/url\(/.exec(markup)?.[0]).toBeUndefined();
    expect(html.includes("default-src 'none'")).toBe(true);
    // The same content as the Markdown: every heading and every table row.
    const md = readFileSync(path.join(dir, "hwsim-report.md"), "utf8");
    const headings = [...md.matchAll(/^#{1,6} (.*)$/gm)].map((m) => m[1]!.replace(/`/g, ""));
    const htmlHeadings = [...html.matchAll(/<h[1-6] id="[^"]*">(.*?)<\/h[1-6]>/g)].map((m) => m[1]!.replace(/<\/?code>/g, "").replace(/&amp;/g, "&"));
    expect(htmlHeadings).toEqual(headings);
    const mdRows = md.split("\n").filter((l) => l.startsWith("|") && !l.startsWith("|---")).length;
    expect(html.match(/<tr>/g)!.length).toBe(mdRows);
    expect(html.match(/<details>/g)!.length).toBe(md.match(/^<details>$/gm)!.length);

    // --html FILE; a rerun overwrites its own file, a foreign file is refused without --force.
    expect((await run(dir, "compare", "int8", "fp8", ...SMALL, "--html", "view.html")).code).toBe(0);
    expect((await run(dir, "compare", "int8", "fp8", ...SMALL, "--html", "view.html")).code).toBe(0);
    writeFileSync(path.join(dir, "mine.html"), "<html>not hwsim</html>");
    const refused = await run(dir, "compare", "int8", "fp8", ...SMALL, "--html", "mine.html");
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--html '.*mine\.html' exists and is not an hwsim output: pass --force/);
    expect(readFileSync(path.join(dir, "mine.html"), "utf8")).toBe("<html>not hwsim</html>");
    expect((await run(dir, "compare", "int8", "fp8", ...SMALL, "--html", "x.htm")).err).toMatch(/must end in \.html/);
  });

  it("in headless chromium: loads with no console error and no request, renders every plot, shows a tooltip on hover, toggles from the legend", async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`chromium not found at ${CHROMIUM}: the browser test needs Debian's chromium (apt-get install -y chromium; .ci/run installs it), or set CHROMIUM to its path`);
    }
    const dir = tmp();
    const r = await run(dir, "compare", "int8", "fp8", "mxfp4", "nvfp4", ...SMALL, "--html", "report.html");
    expect(r.code, r.err).toBe(0);
    const file = path.join(dir, "report.html");
    const url = pathToFileURL(file).href;

    const cdp = launchChromium(CHROMIUM, path.join(dir, "profile"), ["--window-size=1200,900"]);
    try {
      const problems: string[] = [];
      const requests: string[] = [];
      const { targetId } = (await cdp.send("Target.createTarget", { url: "about:blank" })) as { targetId: string };
      const { sessionId } = (await cdp.send("Target.attachToTarget", { targetId, flatten: true })) as { sessionId: string };
      const send = (m: string, p: Record<string, unknown> = {}) => cdp.send(m, p, sessionId);
      cdp.on("Runtime.consoleAPICalled", (p) => {
        if (p.type === "error" || p.type === "warning" || p.type === "assert") problems.push(`console.${p.type}: ${JSON.stringify(p.args)}`);
      });
      cdp.on("Runtime.exceptionThrown", (p) => problems.push(`exception: ${JSON.stringify(p.exceptionDetails)}`));
      cdp.on("Log.entryAdded", (p) => {
        const e = p.entry as { level: string; text: string; url?: string };
        if (e.level === "error" || e.level === "warning") problems.push(`log ${e.level}: ${e.text} ${e.url ?? ""}`);
      });
      cdp.on("Network.requestWillBeSent", (p) => requests.push((p.request as { url: string }).url));
      // Every request is intercepted: the file itself may load, anything else is recorded and failed.
      cdp.on("Fetch.requestPaused", (p) => {
        const u = (p.request as { url: string }).url;
        if (u === url) void send("Fetch.continueRequest", { requestId: p.requestId });
        else {
          requests.push(u);
          void send("Fetch.failRequest", { requestId: p.requestId, errorReason: "BlockedByClient" });
        }
      });
      await send("Runtime.enable");
      await send("Log.enable");
      await send("Network.enable");
      await send("Page.enable");
      await send("Fetch.enable", { patterns: [{ urlPattern: "*" }] });
      const loaded = new Promise<void>((resolve) => cdp.on("Page.loadEventFired", (_p, s) => s === sessionId && resolve()));
      await send("Page.navigate", { url });
      await loaded;
      const evaluate = async <T>(expression: string): Promise<T> => {
        const res = (await send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true })) as { result: { value: T }; exceptionDetails?: unknown };
        if (res.exceptionDetails) throw new Error(`evaluate failed: ${JSON.stringify(res.exceptionDetails)}`);
        return res.result.value;
      };
      const waitFor = async (expression: string, what: string) => {
        const until = Date.now() + 8000;
        while (!(await evaluate<boolean>(expression))) {
          if (Date.now() > until) throw new Error(`timed out waiting for ${what}; problems: ${problems.join("; ")}`);
          await new Promise((res) => setTimeout(res, 50));
        }
      };

      // Every plot renders: an SVG with one marker per result row, and its labels.
      await waitFor(`document.querySelectorAll("div.hwsim-plot").length === 3 && [...document.querySelectorAll("div.hwsim-plot")].every((d) => d.dataset.rendered === "true")`, "three rendered plots");
      const marks = await evaluate<number[]>(`[...document.querySelectorAll("div.hwsim-plot")].map((d) => d.querySelectorAll("svg g.mark-symbol.role-mark path").length)`);
      expect(marks).toEqual([4, 4, 4]);

      // Hover over mxfp4 in the first plot: the tooltip shows its full row.
      const centre = await evaluate<{ x: number; y: number }>(`(() => {
        const plot = document.querySelector("div.hwsim-plot");
        plot.scrollIntoView({ block: "center" });
        const p = [...plot.querySelectorAll("svg g.mark-symbol.role-mark path")].find((e) => e.getAttribute("aria-label").startsWith("mxfp4 @"));
        const b = p.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      })()`);
      await send("Input.dispatchMouseEvent", { type: "mouseMoved", x: centre.x - 20, y: centre.y - 20 });
      await send("Input.dispatchMouseEvent", { type: "mouseMoved", x: centre.x, y: centre.y });
      await waitFor(`getComputedStyle(document.getElementById("hwsim-tooltip")).display === "block"`, "the tooltip");
      const tip = await evaluate<string>(`document.getElementById("hwsim-tooltip").innerText`);
      for (const field of ["precision", "mxfp4", "operands → accumulator", "area mm²", "energy µJ", "latency µs", "SQNR dB", "rel. RMSE", "Pareto"]) expect(tip).toContain(field);

      const shot = (await send("Page.captureScreenshot", { format: "png" })) as { data: string };
      const png = path.join(mkdtempSync(path.join(tmpdir(), "hwsim-html-shot-")), "report-hover.png");
      writeFileSync(png, Buffer.from(shot.data, "base64"));
      console.log(`HTML report screenshot (tooltip on mxfp4, first plot): ${png}`);

      // The legend toggles precisions: a click on "fp8" in the first plot's legend fades the other precisions.
      const legend = await evaluate<{ x: number; y: number }>(`(() => {
        const t = [...document.querySelector("div.hwsim-plot").querySelectorAll("svg g.role-legend-label text")].find((e) => e.textContent === "fp8");
        const b = t.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      })()`);
      for (const type of ["mouseMoved", "mousePressed", "mouseReleased"]) await send("Input.dispatchMouseEvent", { type, x: legend.x, y: legend.y, button: "left", clickCount: 1 });
      const opacityOf = `Object.fromEntries([...document.querySelector("div.hwsim-plot").querySelectorAll("svg g.mark-symbol.role-mark path")].map((e) => [e.getAttribute("aria-label").split(" @")[0], e.getAttribute("opacity")]))`;
      await waitFor(`(${opacityOf})["int8"] !== "1"`, "the legend toggle");
      const op = await evaluate<Record<string, string>>(opacityOf);
      expect(op["fp8"]).toBe("1");
      for (const k of ["int8", "mxfp4", "nvfp4"]) expect(Number(op[k])).toBeLessThan(0.5);

      expect(problems).toEqual([]);
      expect(requests.filter((u) => u !== url)).toEqual([]);
    } finally {
      await cdp.close();
    }
  }, 30_000);
});
