import type { ConvGeometry, Layer } from "../layer.js";
import { makeLayer, WEIGHT_ROLES } from "../layer.js";
import type { Result } from "../result.js";
import { fail, ok } from "../result.js";

/** A 2-D convolution in the usual H, W, C (input), K (filters), R×S (kernel) notation. */
export interface Conv2dParams {
  readonly name: string;
  /** Input height and width in pixels, input channels. */
  readonly h: number;
  readonly w: number;
  readonly c: number;
  /** Output channels (number of filters). */
  readonly k: number;
  /** Kernel height and width. */
  readonly r: number;
  readonly s: number;
  /** One number for both axes or [vertical, horizontal]; default 1. */
  readonly stride?: number | readonly [number, number];
  /** Zero padding on each side; default 0. */
  readonly pad?: number | readonly [number, number];
  /** Kernel dilation; default 1. */
  readonly dilation?: number | readonly [number, number];
  /** Channel groups; c and k must both divide by it. groups === c is a depthwise conv. Default 1. */
  readonly groups?: number;
  /** Images, folded into m; default 1. */
  readonly batch?: number;
  /** Layer kind to report ("fc" for a 1×1 conv on a 1×1 map used as a classifier); default "conv2d". */
  readonly op?: "conv2d" | "fc";
}

/**
 * Output size along one axis (PyTorch `torch.nn.Conv2d` docs):
 * out = floor((in + 2·pad − dilation·(kernel − 1) − 1) / stride) + 1.
 * With pad 0 and dilation 1 this is SCALE-Sim's (in − kernel)/stride + 1.
 */
export function convOutputSize(input: number, kernel: number, stride: number, pad: number, dilation = 1): number {
  return Math.floor((input + 2 * pad - dilation * (kernel - 1) - 1) / stride) + 1;
}

const pair = (v: number | readonly [number, number] | undefined, d: number): [number, number] =>
  v === undefined ? [d, d] : typeof v === "number" ? [v, v] : [v[0], v[1]];

/** Full geometry of a conv, or the reason it is not a valid convolution. */
export function convGeometry(p: Conv2dParams): Result<ConvGeometry> {
  const [strideH, strideW] = pair(p.stride, 1);
  const [padH, padW] = pair(p.pad, 0);
  const [dilationH, dilationW] = pair(p.dilation, 1);
  const groups = p.groups ?? 1;
  const batch = p.batch ?? 1;
  const positive = { h: p.h, w: p.w, c: p.c, k: p.k, r: p.r, s: p.s, strideH, strideW, dilationH, dilationW, groups, batch };
  for (const [key, v] of Object.entries(positive)) {
    if (!Number.isSafeInteger(v) || v < 1) return fail(`conv '${p.name}': ${key}=${v} must be a positive integer`);
  }
  for (const [key, v] of Object.entries({ padH, padW })) {
    if (!Number.isSafeInteger(v) || v < 0) return fail(`conv '${p.name}': ${key}=${v} must be a non-negative integer`);
  }
  if (p.c % groups !== 0 || p.k % groups !== 0) {
    return fail(`conv '${p.name}': groups=${groups} must divide both input channels c=${p.c} and output channels k=${p.k}`);
  }
  const outH = convOutputSize(p.h, p.r, strideH, padH, dilationH);
  const outW = convOutputSize(p.w, p.s, strideW, padW, dilationW);
  if (outH < 1 || outW < 1) {
    return fail(`conv '${p.name}': the ${p.r}×${p.s} kernel (dilation ${dilationH}×${dilationW}) does not fit the padded ${p.h}×${p.w} input`);
  }
  return ok({
    batch, inH: p.h, inW: p.w, inC: p.c, outC: p.k, kernelH: p.r, kernelW: p.s,
    strideH, strideW, padH, padW, dilationH, dilationW, groups, outH, outW,
    depthwise: groups === p.c && groups > 1,
  });
}

/**
 * A conv lowered to GEMM by im2col: per group, m = batch·outH·outW, n = k/groups, k = r·s·c/groups,
 * repeated `groups` times. A is the im2col'd input (activations), B the filters (weights).
 */
export function conv2dLayer(p: Conv2dParams): Result<Layer> {
  const g = convGeometry(p);
  if (!g.ok) return g;
  const geo = g.value;
  return ok(
    makeLayer({
      name: p.name,
      op: p.op ?? "conv2d",
      gemm: { m: geo.batch * geo.outH * geo.outW, n: geo.outC / geo.groups, k: geo.kernelH * geo.kernelW * (geo.inC / geo.groups) },
      repeat: geo.groups,
      roles: WEIGHT_ROLES,
      conv: geo,
    }),
  );
}
