/**
 * Runs the hwsim CLI in this process and reports its peak resident set size on stderr at exit, so a benchmark
 * can measure a whole command's memory without an external `time -v`. Usage: node run-with-rss.js <hwsim args…>
 * (bin.js reads process.argv.slice(2), which is then exactly the hwsim arguments).
 */
process.on("exit", () => process.stderr.write(`\nhwsim-bench-maxrss-kb ${process.resourceUsage().maxRSS}\n`));
await import("../cli/bin.js");
