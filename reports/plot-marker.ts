/** Marker that identifies plot files written by hwsim (so they may be overwritten without --force). */
export const HWSIM_SVG_MARKER = "<!-- hwsim plot -->";
