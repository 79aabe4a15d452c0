#!/usr/bin/env node
import { main } from "./main.js";

// A closed pipe (`hwsim formats | head`) is a normal end of output, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const code = await main(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
  color: Boolean(process.stdout.isTTY) && !process.env["NO_COLOR"],
});
process.exitCode = code;
