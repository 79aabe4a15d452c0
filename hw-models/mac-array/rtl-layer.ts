import type { RtlLayerRunner } from "./rtl-runner.js";

/** The RTL layer runner (wired to hw-models/mac-array/rtl once the engine lands). */
export const rtlLayerRunner: RtlLayerRunner = () => ({ ok: false, reason: "the rtl engine is not built yet" });
