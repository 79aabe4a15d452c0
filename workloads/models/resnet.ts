import type { Layer, Workload } from "../layer.js";
import { makeLayer, WEIGHT_ROLES } from "../layer.js";
import type { Conv2dParams } from "../ops/conv2d.js";
import { conv2dLayer } from "../ops/conv2d.js";
import { unwrap } from "../result.js";

/**
 * ResNet-18 and ResNet-50 for 224×224 ImageNet as defined in torchvision (torchvision/models/resnet.py):
 * a 7×7/2 stem conv (pad 3), a 3×3/2 max-pool (not a GEMM), four stages of BasicBlocks (18) or
 * Bottlenecks (50, "V1.5": the stride sits on the 3×3 conv), 1×1/2 downsample convs on the first block of
 * stages 2–4 (and stage 1 of ResNet-50, stride 1), global average pool, and an FC to 1000 classes.
 */

const STAGE_WIDTHS = [64, 128, 256, 512] as const;

const conv = (p: Conv2dParams): Layer => unwrap(conv2dLayer(p));

function stem(batch: number): { layers: Layer[]; size: number } {
  const c1 = conv({ name: "conv1", h: 224, w: 224, c: 3, k: 64, r: 7, s: 7, stride: 2, pad: 3, batch });
  // 3×3/2 max-pool with pad 1: 112 → 56.
  return { layers: [c1], size: Math.floor((c1.conv!.outH + 2 - 3) / 2) + 1 };
}

function fc(batch: number, inFeatures: number): Layer {
  return makeLayer({ name: "fc", op: "fc", gemm: { m: batch, n: 1000, k: inFeatures }, repeat: 1, roles: WEIGHT_ROLES });
}

/** Layers of a torchvision ResNet with BasicBlocks (2 per stage for ResNet-18). */
function basicResnet(blocks: readonly number[], batch: number): Layer[] {
  const { layers, size: s0 } = stem(batch);
  let size = s0;
  let inC = 64;
  STAGE_WIDTHS.forEach((width, si) => {
    for (let b = 0; b < blocks[si]!; b++) {
      const stride = b === 0 && si > 0 ? 2 : 1;
      const pre = `layer${si + 1}.${b}`;
      const c1 = conv({ name: `${pre}.conv1`, h: size, w: size, c: inC, k: width, r: 3, s: 3, stride, pad: 1, batch });
      const out = c1.conv!.outH;
      layers.push(c1, conv({ name: `${pre}.conv2`, h: out, w: out, c: width, k: width, r: 3, s: 3, pad: 1, batch }));
      if (stride !== 1 || inC !== width) {
        layers.push(conv({ name: `${pre}.downsample`, h: size, w: size, c: inC, k: width, r: 1, s: 1, stride, batch }));
      }
      inC = width;
      size = out;
    }
  });
  layers.push(fc(batch, inC));
  return layers;
}

/** Layers of a torchvision ResNet with Bottleneck blocks (expansion 4). */
function bottleneckResnet(blocks: readonly number[], batch: number): Layer[] {
  const { layers, size: s0 } = stem(batch);
  let size = s0;
  let inC = 64;
  STAGE_WIDTHS.forEach((width, si) => {
    const outC = width * 4;
    for (let b = 0; b < blocks[si]!; b++) {
      const stride = b === 0 && si > 0 ? 2 : 1;
      const pre = `layer${si + 1}.${b}`;
      const c2 = conv({ name: `${pre}.conv2`, h: size, w: size, c: width, k: width, r: 3, s: 3, stride, pad: 1, batch });
      const out = c2.conv!.outH;
      layers.push(
        conv({ name: `${pre}.conv1`, h: size, w: size, c: inC, k: width, r: 1, s: 1, batch }),
        c2,
        conv({ name: `${pre}.conv3`, h: out, w: out, c: width, k: outC, r: 1, s: 1, batch }),
      );
      if (stride !== 1 || inC !== outC) {
        layers.push(conv({ name: `${pre}.downsample`, h: size, w: size, c: inC, k: outC, r: 1, s: 1, stride, batch }));
      }
      inC = outC;
      size = out;
    }
  });
  layers.push(fc(batch, inC));
  return layers;
}

const SOURCE = "torchvision.models.resnet (He et al., CVPR 2016; torchvision V1.5 bottleneck)";

/** ResNet-18, 224×224, all 20 convolutions and the FC. */
export function resnet18(batch = 1): Workload {
  return {
    id: "resnet18",
    name: "ResNet-18",
    description: `ResNet-18, ImageNet 224×224, batch ${batch}: 20 convs + FC`,
    layers: basicResnet([2, 2, 2, 2], batch),
    source: SOURCE,
  };
}

/** ResNet-50, 224×224, all 53 convolutions (downsample 1×1s included) and the FC. */
export function resnet50(batch = 1): Workload {
  return {
    id: "resnet50",
    name: "ResNet-50",
    description: `ResNet-50, ImageNet 224×224, batch ${batch}: 53 convs + FC`,
    layers: bottleneckResnet([3, 4, 6, 3], batch),
    source: SOURCE,
  };
}
