/**
 * The units whose Yosys counts hwsim keeps (yosys-counts.json, made by bench/make-yosys-counts.ts): MACs and
 * dot16 units for the four formats issue 9 compares plus int4 and fp8-e5m2. n = 16 is the array's default dot PE
 * (hw-models/mac-array/params.ts) and one NVFP4 scale block (half an MX block).
 */
export const SYNTH_UNITS: readonly { readonly precision: string; readonly n: number }[] = [
  { precision: "int8", n: 1 },
  { precision: "int4", n: 1 },
  { precision: "fp8-e4m3", n: 1 },
  { precision: "fp8-e5m2", n: 1 },
  { precision: "int8", n: 16 },
  { precision: "int4", n: 16 },
  { precision: "fp8-e4m3", n: 16 },
  { precision: "fp8-e5m2", n: 16 },
  { precision: "mxfp4", n: 16 },
  { precision: "nvfp4", n: 16 },
];
