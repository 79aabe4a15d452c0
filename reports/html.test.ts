import { describe, expect, it } from "vitest";
import { inlineHtml, markdownToHtml, renderHtml, HWSIM_HTML_HEAD } from "./html.js";

describe("Markdown to HTML (the constructs renderMarkdown emits)", () => {
  it("inline: code, bold, links, escapes; raw HTML is escaped, never passed through", () => {
    expect(inlineHtml("a `x|y` **b** [c](https://e.org) \\| <img src=x> & [1]")).toBe('a <code>x|y</code> <strong>b</strong> <a href="https://e.org">c</a> | &lt;img src=x&gt; &amp; [1]');
    expect(inlineHtml("[x](file.svg)")).toBe('<a href="#">x</a>');
  });

  it("blocks: headings, lists, tables with escaped pipes, details, paragraphs, images through the hook", () => {
    const md = ["<!-- hwsim report -->", "# T", "", "- a", "- `b`", "", "1. r \\| s", "2. t", "", "| h | i |", "|---|---|", "| 1 \\| 2 | x |", "", "<details>", "<summary>3 rows & more</summary>", "", "p1", "p2", "", "</details>", "![Plot](p.svg)", "![Other](o.svg)"].join("\n");
    const html = markdownToHtml(md, (alt, src) => (src === "p.svg" ? `<div>${alt}</div>` : undefined));
    expect(html).toBe(
      [
        '<h1 id="t">T</h1>',
        "<ul>\n<li>a</li>\n<li><code>b</code></li>\n</ul>",
        "<ol>\n<li>r | s</li>\n<li>t</li>\n</ol>",
        "<table>\n<thead><tr><th>h</th><th>i</th></tr></thead>\n<tbody>\n<tr><td>1 | 2</td><td>x</td></tr>\n</tbody>\n</table>",
        "<details>",
        "<summary>3 rows &amp; more</summary>",
        "<p>p1 p2</p>",
        "</details>",
        "<div>Plot</div>",
        '<p><a href="o.svg">Other</a></p>',
      ].join("\n"),
    );
  });

  it("the page starts with its marker, inlines the runtime safely and embeds specs as inert JSON", () => {
    const page = renderHtml("# R\n\n![P](p.svg)\n", [{ file: "p.svg", title: "P", spec: { mark: "point", data: { values: [{ a: "</script>" }] } } as never }], { vega: "var v='</script>';", vegaLite: "var l=1;" });
    expect(page.startsWith(HWSIM_HTML_HEAD)).toBe(true);
    expect(page).not.toContain("'</script>'");
    expect(page).toContain("<\\/script>");
    expect(page).toContain('"a":"\\u003c/script>"');
    expect(page).toContain('<div class="hwsim-plot" role="figure" aria-label="P" data-spec="hwsim-spec-0"></div>');
  });
});
