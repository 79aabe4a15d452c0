import { describe, expect, it } from "vitest";
import { totalMacs } from "../layer.js";
import { resnet18, resnet50 } from "./resnet.js";

/**
 * Reference totals: torchvision's model docs list "GFLOPS" 1.81 (ResNet-18, ResNet18_Weights.IMAGENET1K_V1) and
 * 4.09 (ResNet-50, ResNet50_Weights.IMAGENET1K_V1); those figures count multiply-accumulates of convs and the FC
 * at 224×224, batch 1. They are given to 3 significant digits, so a 1% tolerance covers the rounding.
 */
const TOLERANCE = 0.01;

describe("ResNet-18", () => {
  const w = resnet18();
  it("has 20 convolutions and one FC", () => {
    expect(w.layers.filter((l) => l.op === "conv2d")).toHaveLength(20);
    expect(w.layers.filter((l) => l.op === "fc")).toHaveLength(1);
  });
  it("totals ≈ 1.81 GMAC (torchvision)", () => {
    expect(Math.abs(totalMacs(w) / 1.81e9 - 1)).toBeLessThan(TOLERANCE);
  });
  it("has the torchvision stage shapes", () => {
    const l = (n: string) => w.layers.find((x) => x.name === n)!;
    expect(l("conv1").conv).toMatchObject({ inH: 224, outH: 112, kernelH: 7, strideH: 2, padH: 3, inC: 3, outC: 64 });
    expect(l("layer2.0.conv1").conv).toMatchObject({ inH: 56, outH: 28, strideH: 2, inC: 64, outC: 128 });
    expect(l("layer2.0.downsample").conv).toMatchObject({ inH: 56, outH: 28, kernelH: 1, strideH: 2 });
    expect(l("layer4.1.conv2").conv).toMatchObject({ inH: 7, outH: 7, inC: 512, outC: 512 });
    expect(l("fc").gemm).toEqual({ m: 1, n: 1000, k: 512 });
    expect(w.layers.some((x) => x.name === "layer1.0.downsample")).toBe(false);
  });
});

describe("ResNet-50", () => {
  const w = resnet50();
  const convs = w.layers.filter((l) => l.op === "conv2d");
  it("has 53 convolutions (4 downsample 1×1s) and one FC", () => {
    expect(convs).toHaveLength(53);
    expect(convs.filter((l) => l.name.endsWith("downsample"))).toHaveLength(4);
    expect(w.layers.at(-1)!.gemm).toEqual({ m: 1, n: 1000, k: 2048 });
  });
  it("totals ≈ 4.09 GMAC (torchvision)", () => {
    expect(Math.abs(totalMacs(w) / 4.09e9 - 1)).toBeLessThan(TOLERANCE);
  });
  it("puts the stride on the 3×3 conv (torchvision V1.5)", () => {
    const l = (n: string) => w.layers.find((x) => x.name === n)!;
    expect(l("layer3.0.conv1").conv).toMatchObject({ inH: 28, outH: 28, strideH: 1, inC: 512, outC: 256 });
    expect(l("layer3.0.conv2").conv).toMatchObject({ inH: 28, outH: 14, strideH: 2, inC: 256, outC: 256 });
    expect(l("layer3.0.conv3").conv).toMatchObject({ inH: 14, outC: 1024 });
    expect(l("layer3.0.downsample").conv).toMatchObject({ inH: 28, outH: 14, inC: 512, outC: 1024, strideH: 2 });
    expect(l("layer1.0.downsample").conv).toMatchObject({ inH: 56, outH: 56, inC: 64, outC: 256, strideH: 1 });
  });
  it("scales MACs linearly with batch", () => {
    expect(totalMacs(resnet50(4))).toBe(4 * totalMacs(w));
  });
});
