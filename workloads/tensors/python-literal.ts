import type { Result } from "../result.js";
import { fail, ok } from "../result.js";

/** A Python literal as found in an NPY header: dicts, tuples/lists, strings, ints, True/False/None. */
export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

/** Parse the Python literal of an NPY header dict (numpy writes it with repr). */
export function parsePythonLiteral(text: string): Result<PyValue> {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const error = (what: string): Result<never> => fail(`${what} at character ${i} of the header '${text.trim()}'`);
  const value = (): Result<PyValue> => {
    ws();
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) return error("unterminated string");
      const s = text.slice(i + 1, end);
      i = end + 1;
      return ok(s);
    }
    if (ch === "{") return sequence("}", true);
    if (ch === "(") return sequence(")", false);
    if (ch === "[") return sequence("]", false);
    const m = /^(-?\d+)L?|^(True|False|None)/.exec(text.slice(i));
    if (!m) return error("unexpected text");
    i += m[0].length;
    if (m[1] !== undefined) return ok(Number(m[1]));
    return ok(m[2] === "True" ? true : m[2] === "False" ? false : null);
  };
  const sequence = (close: string, isDict: boolean): Result<PyValue> => {
    i++; // opening bracket
    const items: PyValue[] = [];
    const dict: { [key: string]: PyValue } = {};
    for (;;) {
      ws();
      if (text[i] === close) {
        i++;
        return ok(isDict ? dict : items);
      }
      const v = value();
      if (!v.ok) return v;
      if (isDict) {
        if (typeof v.value !== "string") return error("dict key is not a string");
        ws();
        if (text[i] !== ":") return error("expected ':'");
        i++;
        const item = value();
        if (!item.ok) return item;
        dict[v.value] = item.value;
      } else {
        items.push(v.value);
      }
      ws();
      if (text[i] === ",") i++;
      else if (text[i] !== close) return error(`expected ',' or '${close}'`);
    }
  };
  const v = value();
  if (!v.ok) return v;
  ws();
  if (i !== text.length) return error("trailing text");
  return v;
}
