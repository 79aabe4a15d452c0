import * as vega from "vega";
import { compile } from "vega-lite";

/** One result row on a trade-off plot. */
export interface PlotPoint {
  readonly label: string;
  /** Series (e.g. the substrate), used for colour. */
  readonly series: string;
  readonly x: number;
  readonly y: number;
  readonly onFront: boolean;
}

export interface ScatterSpec {
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly xLog?: boolean;
  readonly yLog?: boolean;
  readonly points: readonly PlotPoint[];
}

/**
 * Render a trade-off scatter (one symbol per result row, the Pareto front as a step line through the
 * front points) to an SVG string, in Node with vega's headless renderer: no browser, no canvas.
 * Non-finite coordinates are dropped from the plot (they are reported in the tables instead).
 */
export async function renderScatterSvg(s: ScatterSpec): Promise<string> {
  const values = s.points
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!s.xLog || p.x > 0) && (!s.yLog || p.y > 0))
    .map((p) => ({ ...p }));
  const front = values.filter((p) => p.onFront).sort((a, b) => a.x - b.x || a.y - b.y);
  const xScale = s.xLog ? { type: "log" as const } : { zero: false };
  const yScale = s.yLog ? { type: "log" as const } : { zero: false };
  const x = { field: "x", type: "quantitative" as const, title: s.xTitle, scale: xScale };
  const y = { field: "y", type: "quantitative" as const, title: s.yTitle, scale: yScale };
  const spec = compile({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: s.title,
    width: 420,
    height: 300,
    background: "white",
    layer: [
      {
        data: { values: front },
        mark: { type: "line", interpolate: "step-after", color: "#888", strokeDash: [4, 3] },
        encoding: { x, y },
      },
      {
        data: { values },
        mark: { type: "point", filled: true, size: 70 },
        encoding: {
          x,
          y,
          color: { field: "series", type: "nominal", title: "substrate" },
          shape: { field: "onFront", type: "nominal", title: "on Pareto front" },
        },
      },
      {
        data: { values },
        mark: { type: "text", align: "left", dx: 6, dy: -6, fontSize: 10 },
        encoding: { x, y, text: { field: "label" } },
      },
    ],
  }).spec;
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
