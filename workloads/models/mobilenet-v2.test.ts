import { describe, expect, it } from "vitest";
import { totalMacs } from "../layer.js";
import { mobilenetV2 } from "./mobilenet-v2.js";

describe("MobileNetV2 1.0 / 224", () => {
  const w = mobilenetV2();
  it("has 52 convs, 17 of them depthwise, and the classifier", () => {
    const convs = w.layers.filter((l) => l.op === "conv2d");
    expect(convs).toHaveLength(52);
    expect(convs.filter((l) => l.conv!.depthwise)).toHaveLength(17);
    expect(w.layers.at(-1)!.gemm).toEqual({ m: 1, n: 1000, k: 1280 });
  });
  it("totals ≈ 0.30 GMAC", () => {
    // torchvision MobileNet_V2_Weights.IMAGENET1K_V1 lists 0.30 GFLOPS (MACs); the paper (Sandler et al. 2018,
    // Table 4) gives 300M multiply-adds. Two significant digits: 2% tolerance.
    expect(Math.abs(totalMacs(w) / 0.3e9 - 1)).toBeLessThan(0.02);
  });
  it("ends at 7×7 with 320 → 1280 channels", () => {
    const last = w.layers.at(-2)!;
    expect(last.conv).toMatchObject({ inH: 7, inC: 320, outC: 1280, kernelH: 1 });
    const dw = w.layers.filter((l) => l.conv?.depthwise);
    expect(dw.map((l) => l.conv!.strideH).filter((s) => s === 2)).toHaveLength(4);
  });
});
