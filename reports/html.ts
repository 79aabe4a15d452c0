import type { TopLevelSpec } from "vega-lite";

/**
 * The HTML view of a report: one self-contained file with the Markdown's content and interactive plots.
 *
 * Why a converter of the Markdown, not a second renderer from the data: the HTML then says exactly what the
 * Markdown says (a new row or note in renderMarkdown shows up in both, with nothing to keep in step), and the
 * converter is small because renderMarkdown emits a small, fixed subset of GitHub Markdown: headings, paragraphs,
 * `- ` and `1. ` lists, pipe tables (with `\|` escapes), `code` and **bold** spans, [links](url), ![images](file)
 * alone on a line, `<details>`/`<summary>` blocks and the marker comment. Anything else is shown as escaped
 * text, never passed through as HTML. A general Markdown library would be a new dependency for no gain.
 *
 * No I/O here: the CLI reads the vega runtime and writes the file.
 */

/** Marker on the second line of every HTML report hwsim writes (after the doctype), so reruns may overwrite it. */
export const HWSIM_HTML_MARKER = "<!-- hwsim html report -->";
export const HWSIM_HTML_HEAD = `<!DOCTYPE html>\n${HWSIM_HTML_MARKER}`;

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Inline Markdown: `code`, **bold**, [text](url), backslash escapes; everything else escaped text. */
export function inlineHtml(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\" && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1]!)) {
      out += escapeHtml(text[i + 1]!);
      i += 2;
    } else if (c === "`") {
      const end = text.indexOf("`", i + 1);
      if (end < 0) {
        out += "`";
        i++;
      } else {
        out += `<code>${escapeHtml(text.slice(i + 1, end))}</code>`;
        i = end + 1;
      }
    } else if (c === "*" && text[i + 1] === "*" && text.indexOf("**", i + 2) > i + 2) {
      const end = text.indexOf("**", i + 2);
      out += `<strong>${inlineHtml(text.slice(i + 2, end))}</strong>`;
      i = end + 2;
    } else if (c === "[") {
      const m = /^\[([^\]]*)\]\(([^)\s]+)\)/.exec(text.slice(i));
      if (m) {
        const href = /^(https?:|#|mailto:)/.test(m[2]!) ? m[2]! : "#";
        out += `<a href="${escapeHtml(href)}">${inlineHtml(m[1]!)}</a>`;
        i += m[0].length;
      } else {
        out += "[";
        i++;
      }
    } else {
      out += escapeHtml(c);
      i++;
    }
  }
  return out;
}

/** Cells of a pipe-table row: split on `|` not preceded by a backslash. */
function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === "\\" && inner[i + 1] === "|") {
      cur += "\\|";
      i++;
    } else if (inner[i] === "|") {
      out.push(cur.trim());
      cur = "";
    } else cur += inner[i];
  }
  out.push(cur.trim());
  return out;
}

const slug = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, "").trim().replace(/\s+/g, "-");

/**
 * Block Markdown to HTML. `image(alt, src)` may return the HTML that replaces an image (the interactive plot);
 * an image it does not replace becomes a link (an <img> would be a request).
 */
export function markdownToHtml(md: string, image: (alt: string, src: string) => string | undefined = () => undefined): string {
  const lines = md.split("\n");
  const out: string[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push(`<p>${para.map(inlineHtml).join(" ")}</p>`);
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    let m: RegExpExecArray | null;
    if (l.trim() === "") {
      flush();
    } else if (/^<!--.*-->$/.test(l)) {
      flush();
    } else if ((m = /^(#{1,6}) (.*)$/.exec(l))) {
      flush();
      const n = m[1]!.length;
      out.push(`<h${n} id="${escapeHtml(slug(m[2]!))}">${inlineHtml(m[2]!)}</h${n}>`);
    } else if (l === "<details>" || l === "</details>") {
      flush();
      out.push(l);
    } else if ((m = /^<summary>(.*)<\/summary>$/.exec(l))) {
      flush();
      out.push(`<summary>${escapeHtml(m[1]!)}</summary>`);
    } else if ((m = /^!\[([^\]]*)\]\(([^)]+)\)$/.exec(l))) {
      flush();
      out.push(image(m[1]!, m[2]!) ?? `<p><a href="${escapeHtml(m[2]!)}">${escapeHtml(m[1]!)}</a></p>`);
    } else if (l.startsWith("|") && /^\|(\s*:?-+:?\s*\|)+\s*$/.test(lines[i + 1] ?? "")) {
      flush();
      const head = cells(l);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && lines[i]!.startsWith("|")) rows.push(cells(lines[i++]!));
      i--;
      out.push(
        `<table>\n<thead><tr>${head.map((h) => `<th>${inlineHtml(h)}</th>`).join("")}</tr></thead>\n<tbody>\n` +
          rows.map((r) => `<tr>${r.map((c) => `<td>${inlineHtml(c)}</td>`).join("")}</tr>`).join("\n") +
          `\n</tbody>\n</table>`,
      );
    } else if (/^(- |\d+\. )/.test(l)) {
      flush();
      const ordered = !l.startsWith("- ");
      const items: string[] = [];
      while (i < lines.length && (ordered ? /^\d+\. /.test(lines[i]!) : lines[i]!.startsWith("- "))) items.push(lines[i++]!.replace(/^(- |\d+\. )/, ""));
      i--;
      const tag = ordered ? "ol" : "ul";
      out.push(`<${tag}>\n${items.map((t) => `<li>${inlineHtml(t)}</li>`).join("\n")}\n</${tag}>`);
    } else {
      para.push(l);
    }
  }
  flush();
  return out.join("\n");
}

/** One interactive plot: the image file the Markdown names, and the vega-lite spec drawn in its place. */
export interface HtmlPlot {
  readonly file: string;
  readonly title: string;
  readonly spec: TopLevelSpec;
}

/** The browser builds of vega and vega-lite (their UMD .min.js files), inlined into the page. */
export interface VegaRuntime {
  readonly vega: string;
  readonly vegaLite: string;
}

/** Inline script text is safe inside <script> once no `</script` or `<!--` can end or confuse it. */
const scriptSafe = (js: string) => js.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");

const STYLE = `
body{font:14px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;max-width:1100px;margin:2em auto;padding:0 1em}
h1{font-size:1.7em;border-bottom:1px solid #d1d9e0;padding-bottom:.3em}h2{font-size:1.35em;border-bottom:1px solid #d1d9e0;padding-bottom:.3em;margin-top:1.6em}h3{font-size:1.1em}
table{border-collapse:collapse;margin:.6em 0 1em;display:block;overflow-x:auto;max-width:100%}th,td{border:1px solid #d1d9e0;padding:3px 9px;text-align:left;white-space:nowrap}th{background:#f6f8fa}tr:nth-child(2n) td{background:#fbfcfd}
code{background:#eff1f3;border-radius:4px;padding:.1em .35em;font-size:90%;overflow-wrap:anywhere}details{margin:.5em 0 1em}summary{cursor:pointer;color:#0969da}
.hwsim-plot{margin:1em 0;min-height:200px}.hwsim-plot-error{color:#b00}
#hwsim-tooltip{position:fixed;display:none;pointer-events:none;z-index:10;background:#fff;border:1px solid #999;border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.2);padding:4px 6px;font-size:12px}
#hwsim-tooltip table{margin:0;display:table}#hwsim-tooltip td{border:none;padding:1px 6px;background:none}#hwsim-tooltip td:first-child{color:#555;text-align:right}
`;

/**
 * A small tooltip handler for vega (vega-tooltip is not a dependency): a fixed-position table of the hovered
 * point's fields, built with textContent (no HTML from the data), hidden when the pointer leaves the mark.
 */
const TOOLTIP = `
function hwsimTooltip(handler, event, item, value) {
  var tip = document.getElementById("hwsim-tooltip");
  if (value === undefined || value === null || value === "") { tip.style.display = "none"; return; }
  var table = document.createElement("table");
  var entries = typeof value === "object" ? Object.keys(value).map(function (k) { return [k, value[k]]; }) : [["", value]];
  entries.forEach(function (kv) {
    var tr = document.createElement("tr");
    var k = document.createElement("td"); k.textContent = kv[0];
    var v = document.createElement("td"); v.textContent = String(kv[1]);
    tr.appendChild(k); tr.appendChild(v); table.appendChild(tr);
  });
  tip.replaceChildren(table);
  tip.style.display = "block";
  var x = event.clientX + 14, y = event.clientY + 14;
  var w = tip.offsetWidth, h = tip.offsetHeight;
  if (x + w > window.innerWidth) x = Math.max(0, event.clientX - w - 14);
  if (y + h > window.innerHeight) y = Math.max(0, event.clientY - h - 14);
  tip.style.left = x + "px"; tip.style.top = y + "px";
}`;

const BOOT = `
document.querySelectorAll("div.hwsim-plot").forEach(function (el) {
  var spec = JSON.parse(document.getElementById(el.dataset.spec).textContent);
  try {
    var view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "svg", container: el, hover: true, tooltip: hwsimTooltip });
    view.runAsync().then(function () { el.dataset.rendered = "true"; }, function (e) { console.error(e); });
  } catch (e) {
    el.classList.add("hwsim-plot-error");
    el.textContent = "plot failed: " + e.message;
    console.error(e);
  }
});`;

/**
 * The whole page: the Markdown converted, each plot image replaced by its interactive plot, the vega runtime
 * inlined, and a Content-Security-Policy that forbids every request (default-src 'none'): the file needs nothing
 * but itself. vega compiles its expressions with Function, hence 'unsafe-eval'.
 */
export function renderHtml(md: string, plots: readonly HtmlPlot[], runtime: VegaRuntime): string {
  const specs: string[] = [];
  const body = markdownToHtml(md, (alt, src) => {
    const p = plots.find((x) => x.file === src);
    if (!p) return undefined;
    const id = `hwsim-spec-${specs.length}`;
    specs.push(`<script type="application/json" id="${id}">${JSON.stringify(p.spec).replace(/</g, "\\u003c")}</script>`);
    return `<div class="hwsim-plot" role="figure" aria-label="${escapeHtml(alt)}" data-spec="${id}"></div>`;
  });
  const title = /^# (.*)$/m.exec(md)?.[1] ?? "hwsim report";
  return [
    HWSIM_HTML_HEAD,
    `<html lang="en">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    `</head>`,
    `<body>`,
    body,
    `<div id="hwsim-tooltip"></div>`,
    ...specs,
    `<script>${scriptSafe(runtime.vega)}</script>`,
    `<script>${scriptSafe(runtime.vegaLite)}</script>`,
    `<script>${TOOLTIP}\n${BOOT}</script>`,
    `</body>`,
    `</html>`,
    "",
  ].join("\n");
}
