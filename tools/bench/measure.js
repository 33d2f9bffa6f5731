// Runs a Node module in this process and reports its wall time and peak RSS on exit, as one JSON
// line on stderr prefixed with "BENCH ". Usage: node measure.js [-r ts-node/register/transpile-only] MODULE [ARGS...]
const path = require("path");
const args = process.argv.slice(2);
if (args[0] === "-r") {
    require(require.resolve(args[1], { paths: [process.cwd()] }));
    args.splice(0, 2);
}
const target = path.resolve(args[0]);
process.argv = [process.argv[0], target, ...args.slice(1)];
const start = process.hrtime.bigint();
process.on("exit", () => {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    process.stderr.write(`BENCH ${JSON.stringify({ ms: Math.round(ms), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
});
require(target);
