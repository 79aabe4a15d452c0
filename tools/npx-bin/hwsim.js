#!/usr/bin/env node
// Why this package exists: when the project's own package.json declares a bin named after the command, `npx`
// (npm exec) installs the project into its npx cache and runs `prepare` (a full tsc build) before the first run:
// 5–9 s on a fresh clone. A bin from a local dependency lands in node_modules/.bin, which npx runs directly.
import "../../dist/cli/bin.js";
