import type { Layer, Workload } from "../layer.js";
import { makeLayer, WEIGHT_ROLES } from "../layer.js";
import type { Conv2dParams } from "../ops/conv2d.js";
import { conv2dLayer } from "../ops/conv2d.js";
import { unwrap } from "../result.js";

/**
 * Inverted-residual settings (expansion t, output channels c, repeats n, first stride s) of MobileNetV2 1.0
 * (Sandler et al., CVPR 2018, Table 2; torchvision/models/mobilenetv2.py). At width 1.0 every channel count
 * is already a multiple of 8, so torchvision's _make_divisible leaves them unchanged.
 */
const SETTINGS: readonly (readonly [number, number, number, number])[] = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
];

const conv = (p: Conv2dParams): Layer => unwrap(conv2dLayer(p));

/** MobileNetV2 1.0 at 224×224: 52 convolutions (17 of them depthwise 3×3) and the 1280→1000 classifier. */
export function mobilenetV2(batch = 1): Workload {
  const first = conv({ name: "features.0", h: 224, w: 224, c: 3, k: 32, r: 3, s: 3, stride: 2, pad: 1, batch });
  const layers: Layer[] = [first];
  let size = first.conv!.outH;
  let inC = 32;
  let block = 1;
  for (const [t, c, n, s] of SETTINGS) {
    for (let i = 0; i < n; i++) {
      const stride = i === 0 ? s : 1;
      const hidden = inC * t;
      const pre = `features.${block}`;
      if (t !== 1) layers.push(conv({ name: `${pre}.expand`, h: size, w: size, c: inC, k: hidden, r: 1, s: 1, batch }));
      const dw = conv({ name: `${pre}.dw`, h: size, w: size, c: hidden, k: hidden, r: 3, s: 3, stride, pad: 1, groups: hidden, batch });
      size = dw.conv!.outH;
      layers.push(dw, conv({ name: `${pre}.project`, h: size, w: size, c: hidden, k: c, r: 1, s: 1, batch }));
      inC = c;
      block++;
    }
  }
  layers.push(conv({ name: `features.${block}`, h: size, w: size, c: inC, k: 1280, r: 1, s: 1, batch }));
  layers.push(makeLayer({ name: "classifier", op: "fc", gemm: { m: batch, n: 1000, k: 1280 }, repeat: 1, roles: WEIGHT_ROLES }));
  return {
    id: "mobilenetv2",
    name: "MobileNetV2 1.0",
    description: `MobileNetV2 (width 1.0), ImageNet 224×224, batch ${batch}: 52 convs + FC`,
    layers,
    source: "Sandler et al., MobileNetV2, CVPR 2018 (Table 2); torchvision.models.mobilenetv2",
  };
}
