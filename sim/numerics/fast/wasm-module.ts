/**
 * What the hand-assembled WebAssembly kernels (fp32-dot-wasm.ts, tc-dot-wasm.ts) share: the binary encodings
 * they assemble their modules with, and instantiation against one imported memory (`m.mem`), which returns null
 * where WebAssembly is unavailable (e.g. node --jitless) or refuses the module, so callers keep their
 * JavaScript loops.
 */

/** One WebAssembly page, in bytes. */
export const WASM_PAGE = 65536;

/** The part of the WebAssembly JS API used here (lib ES2022 declares none of it). */
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  readonly Memory: new (descriptor: { initial: number }) => WasmMemory;
}

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** Unsigned LEB128, as WebAssembly encodes lengths, counts and indices. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of an integer constant (i32 or i64). */
export function sleb(value: number | bigint): number[] {
  let n = BigInt(value);
  const out: number[] = [];
  for (;;) {
    const byte = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && (byte & 0x40) === 0) || (n === -1n && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

/** A section: its id, then its body's byte length. */
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
/** A name (ASCII): its length, then its bytes. */
export const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
/** A function body: its byte length, then the body. */
export const code = (body: number[]): number[] => [...uleb(body.length), ...body];

/**
 * Instantiates `bytes()` (built only when WebAssembly exists) with a fresh memory of at least `minBytes` plus one
 * page, imported as `m.mem`; null where WebAssembly is missing or the module fails to compile or link.
 */
export function instantiateWithMemory(
  bytes: () => Uint8Array,
  minBytes: number,
): { readonly memory: WasmMemory; readonly exports: Record<string, unknown> } | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) return null;
  try {
    const memory = new api.Memory({ initial: Math.ceil(minBytes / WASM_PAGE) + 1 });
    const instance = new api.Instance(new api.Module(bytes()), { m: { mem: memory } });
    return { memory, exports: instance.exports };
  } catch {
    return null;
  }
}
