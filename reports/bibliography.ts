import type { CostAssumption } from "../hw-models/hardware-model.js";

/** A work the cost library cites, recognised in a source string by a pattern. */
interface KnownWork {
  readonly pattern: RegExp;
  readonly citation: string;
}

/**
 * The works behind the cost constants. A constant's source string names them inline (the JSON keeps that full
 * text); the Markdown cites them by number instead. A source that names none of these is cited as it stands.
 */
const WORKS: readonly KnownWork[] = [
  { pattern: /Horowitz/, citation: "M. Horowitz, \"Computing's energy problem (and what we can do about it)\", ISSCC 2014, paper 1.1: 45 nm energy table, memory energies, area chart" },
  { pattern: /NanGate/, citation: "NanGate FreePDK45 Open Cell Library, typical corner 1.1 V, 25 °C (OpenROAD test/Nangate45/Nangate45_typ_no_max_cap.lib)" },
  { pattern: /Weste & Harris/, citation: "N. Weste, D. Harris, CMOS VLSI Design, 4th ed., Addison-Wesley 2010 (ch. 5 power, ch. 11 datapath subsystems, ch. 12 arrays)" },
  { pattern: /Stillmaker/, citation: "A. Stillmaker, B. Baas, \"Scaling equations for the accurate prediction of CMOS device performance from 180 nm to 7 nm\", Integration 58:74–81, 2017" },
  { pattern: /Bit Fusion/, citation: "H. Sharma et al., \"Bit Fusion: bit-level dynamically composable architecture for accelerating deep neural networks\", ISCA 2018" },
  { pattern: /Tensor Processing Unit', ISCA 2017/, citation: "N. Jouppi et al., \"In-datacenter performance analysis of a Tensor Processing Unit\", ISCA 2017" },
  { pattern: /TPUv4i/, citation: "N. Jouppi et al., \"Ten lessons from three generations shaped Google's TPUv4i\", ISCA 2021" },
  { pattern: /Intel 45 nm SRAM/, citation: "Intel 45 nm SRAM test chip, 153 Mbit on 119 mm² (press release, January 2006)" },
  { pattern: /2303\.17951|Qualcomm/, citation: "M. van Baalen et al. (Qualcomm AI Research), \"FP8 versus INT8 for efficient deep learning inference\", arXiv:2303.17951, 2023" },
  { pattern: /OCP MX/, citation: "Open Compute Project, OCP Microscaling Formats (MX) Specification v1.0, 2023" },
  { pattern: /explicit assumption/, citation: "hwsim modelling assumption, stated with the constant (see the JSON's full source text)" },
  {
    pattern: /counted in the data leaf|calibration node|included in the MAC unit|no stationary tile/,
    citation: "hwsim structural definition, no external figure (a register's clock leaf carries no area of its own; no scaling at the 45 nm calibration node; a part priced inside another)",
  },
];

/** A numbered bibliography and, per assumption, the numbers it cites. */
export interface Bibliography {
  /** Entries in citation order: entry i is [i + 1]. */
  readonly entries: readonly string[];
  /** For each assumption (same order as given), its citation numbers, ascending. */
  readonly cites: readonly (readonly number[])[];
}

/**
 * Number the works cited by a list of assumptions, in order of first citation (so the same list always gets the
 * same numbers).
 */
export function bibliography(assumptions: readonly CostAssumption[]): Bibliography {
  const entries: string[] = [];
  const numberOf = new Map<string, number>();
  const cite = (citation: string) => {
    let n = numberOf.get(citation);
    if (n === undefined) {
      entries.push(citation);
      n = entries.length;
      numberOf.set(citation, n);
    }
    return n;
  };
  const cites = assumptions.map((a) => {
    const found = WORKS.filter((w) => w.pattern.test(a.source)).map((w) => cite(w.citation));
    return [...new Set(found.length ? found : [cite(a.source)])].sort((x, y) => x - y);
  });
  return { entries, cites };
}
