/** Public API of the workloads layer: operators lowered to GEMMs, model layer lists, tensors, references, quantization. */
export type { Result } from "./result.js";
export { ok, fail, unwrap } from "./result.js";

export type { AttentionGeometry, ConvGeometry, GemmShape, Layer, OpKind, OperandRole, OperandRoles, Workload } from "./layer.js";
export { makeLayer, operandElements, totalMacs, WEIGHT_ROLES } from "./layer.js";

export type { GemmParams } from "./ops/gemm.js";
export { gemmLayer } from "./ops/gemm.js";
export type { Conv2dParams } from "./ops/conv2d.js";
export { conv2dLayer, convGeometry, convOutputSize } from "./ops/conv2d.js";
export type { AttentionParams } from "./ops/attention.js";
export { attentionLayers } from "./ops/attention.js";
export type { FfnParams } from "./ops/ffn.js";
export { ffnLayers } from "./ops/ffn.js";

export { resnet18, resnet50 } from "./models/resnet.js";
export { mobilenetV2 } from "./models/mobilenet-v2.js";
export { bertBaseLayer } from "./models/bert-base.js";
export { vitB16Layer } from "./models/vit-b16.js";
export { LLAMA3_8B, llama3_8bDecode, llama3_8bPrefill } from "./models/llama3-8b.js";
export { defaultWorkload } from "./models/default-workload.js";

export type { WorkloadEntry, WorkloadParam } from "./registry.js";
export { lookupWorkload, workloadIds, WORKLOADS } from "./registry.js";

export type { TopologyFailure, TopologyFormat, TopologyOptions, TopologyResult } from "./scalesim-topology.js";
export { parseScaleSimTopology } from "./scalesim-topology.js";

export type { Tensor } from "./tensors/tensor.js";
export { makeTensor, shapeSize, stridesOf } from "./tensors/tensor.js";
export type { Distribution, GeneratedTensor, LazyTensor } from "./tensors/generators.js";
export { generateDetailed, generateTensor, lazyTensor } from "./tensors/generators.js";
export type { StreamedAbsmax } from "./quant/streaming-calibrate.js";
export { streamingAbsmax, streamingChannelAbsmax, streamingPercentile } from "./quant/streaming-calibrate.js";
export type { ElementType } from "./tensors/element-reader.js";
export { ELEMENT_BYTES } from "./tensors/element-reader.js";
export { decodeBf16Bits, decodeF16Bits } from "./tensors/half-decode.js";
export type { LoadedTensor } from "./tensors/npy.js";
export { parseNpy } from "./tensors/npy.js";
export type { SafetensorsFile } from "./tensors/safetensors.js";
export { parseSafetensors } from "./tensors/safetensors.js";

export { referenceGemm } from "./reference/reference-gemm.js";
export { filtersToGemm, im2col, referenceConv2d } from "./reference/im2col.js";

export type { BlockFormatScheme, Calibration, Granularity, QuantScheme, ScaleMode, ScaledScheme } from "./quant/scheme.js";
export { perTensorSymmetric } from "./quant/scheme.js";
export type { GroupLayout } from "./quant/groups.js";
export { groupLayout } from "./quant/groups.js";
export type { GroupRanges } from "./quant/calibrate.js";
export { calibrateGroups, percentileSorted } from "./quant/calibrate.js";
export type { QuantizedTensor } from "./quant/quantize.js";
export { formatRange, quantize } from "./quant/quantize.js";
export { codeValue, dequantize } from "./quant/dequantize.js";
