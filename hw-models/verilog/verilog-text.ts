/** Small Verilog-2005 text builders shared by the unit generators (pure string functions). */

/** Bits to hold the unsigned values 0..x. */
export function unsignedBits(x: number): number {
  return Math.max(1, Math.ceil(Math.log2(x + 1)));
}

/** ⌈log₂ n⌉ (0 for n = 1): carry bits an adder tree of n addends needs. */
export function ceilLog2(n: number): number {
  return n <= 1 ? 0 : Math.ceil(Math.log2(n));
}

/** A signed constant of `width` bits (`-10'sd13`). */
export function sconst(value: number, width: number): string {
  return value < 0 ? `-${width}'sd${-value}` : `${width}'sd${value}`;
}

/** `name` zero-extended and read as signed, for mixing unsigned fields into signed exponent arithmetic. */
export function asSigned(expr: string): string {
  return `$signed({1'b0, ${expr}})`;
}

/**
 * A bit-length function: bitlen(x) = position of the highest one + 1 (0 for x = 0). The synthesised form is the
 * leading-zero count of a normaliser.
 */
export function bitLengthFunction(name: string, inBits: number): string {
  const out = unsignedBits(inBits);
  return [
    `  function [${out - 1}:0] ${name};`,
    `    input [${inBits - 1}:0] x;`,
    `    integer i;`,
    `    begin`,
    `      ${name} = ${out}'d0;`,
    `      for (i = 0; i < ${inBits}; i = i + 1) if (x[i]) ${name} = i + 1;`,
    `    end`,
    `  endfunction`,
  ].join("\n");
}

/** A combinational node builder for balanced trees: returns the expression of the node and its width. */
export interface TreeLeaf {
  readonly expr: string;
  readonly width: number;
}

/**
 * A balanced binary reduction over `leaves`: pairs at each level are joined by `node` into one declared wire
 * named `${prefix}_${depth}_${pair}`, an odd one out passes up unchanged. Returns the declarations and the root.
 */
function balancedTree<T>(prefix: string, leaves: readonly T[], node: (name: string, x: T, y: T) => { line: string; out: T }): { lines: string[]; root: T } {
  const lines: string[] = [];
  let level = [...leaves];
  let depth = 0;
  while (level.length > 1) {
    const next: T[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const x = level[i]!;
      const y = level[i + 1];
      if (y === undefined) {
        next.push(x);
        continue;
      }
      const r = node(`${prefix}_${depth}_${i / 2}`, x, y);
      lines.push(r.line);
      next.push(r.out);
    }
    level = next;
    depth++;
  }
  return { lines, root: level[0]! };
}

/**
 * A balanced binary tree of signed adds over `leaves` (each a signed wire of its width), declaring one wire per
 * node; widths grow one bit per level, capped at `maxWidth` (a wrapping accumulator's width: the sum is modular).
 * Returns the declarations and the root.
 */
export function signedAdderTree(prefix: string, leaves: readonly TreeLeaf[], maxWidth = Infinity): { lines: string[]; root: TreeLeaf } {
  return balancedTree(prefix, leaves, (name, x, y) => {
    const width = Math.min(Math.max(x.width, y.width) + 1, maxWidth);
    return { line: `  wire signed [${width - 1}:0] ${name} = ${x.expr} + ${y.expr};`, out: { expr: name, width } };
  });
}

/**
 * A balanced tree of signed maxima over `leaves` (all of `width` bits), one wire per node: the exponent
 * max tree of an alignment stage. Returns the declarations and the root's name.
 */
export function signedMaxTree(prefix: string, leaves: readonly string[], width: number): { lines: string[]; root: string } {
  return balancedTree(prefix, leaves, (name, x, y) => ({ line: `  wire signed [${width - 1}:0] ${name} = (${x} > ${y}) ? ${x} : ${y};`, out: name }));
}
