import pkg from "../package.json" with { type: "json" };

/** hwsim's version, from package.json. */
export const VERSION: string = pkg.version;
