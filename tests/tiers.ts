/**
 * `npm run test:all`: every test tier in order (fast, lint, package, runtime), each as its npm
 * script, then one closing line `N passed, N failed` totalled over the tiers.
 *
 * Mocha tiers count their tests ("N passing" / "N failing"); the type-check and lint count as one
 * check each. A tier that exits non-zero without a failing test counted (a crash, a type error)
 * adds one failure, so the total never reads as green when a tier failed. `--only a,b` runs a
 * subset of the tiers, in the same order.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

interface Tier {
    name: string;
    /** npm script that runs it. */
    script: string;
    /** Checks outside mocha in this tier (type-check, lint) counted as one test each. */
    extraChecks: number;
}

const TIERS: Tier[] = [
    { name: "fast", script: "test", extraChecks: 1 },
    { name: "lint", script: "lint", extraChecks: 1 },
    { name: "package", script: "test:package", extraChecks: 0 },
    { name: "runtime", script: "test:runtime", extraChecks: 0 },
];

export interface TierCount {
    passed: number;
    failed: number;
}

/** Count a tier's result from its output and exit status (see the header). */
export function countTier(output: string, status: number, extraChecks: number): TierCount {
    // Mocha's reporters end with "  N passing (…)" and, when any failed, "  N failing".
    const last = (re: RegExp) => {
        const all = [...output.matchAll(re)];
        return all.length ? Number(all[all.length - 1][1]) : 0;
    };
    const passing = last(/^\s*(\d+) passing\b/gm);
    let failing = last(/^\s*(\d+) failing\b/gm);
    let passed = passing;
    if (status === 0) passed += extraChecks;
    else if (failing === 0) failing = 1;
    return { passed, failed: failing };
}

function runScript(script: string): Promise<{ status: number; output: string }> {
    return new Promise((resolve) => {
        const child = spawn("npm", ["run", "-s", script], { stdio: ["ignore", "pipe", "pipe"], env: process.env });
        let output = "";
        const take = (chunk: Buffer) => {
            const text = chunk.toString();
            output += text;
            process.stdout.write(text);
        };
        child.stdout.on("data", take);
        child.stderr.on("data", take);
        child.on("close", (code) => resolve({ status: code ?? 1, output }));
    });
}

async function main(argv: string[]): Promise<number> {
    const onlyArg = argv.indexOf("--only");
    const only = onlyArg >= 0 ? (argv[onlyArg + 1] ?? "").split(",") : undefined;
    const scripts = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")).scripts ?? {};
    const total: TierCount = { passed: 0, failed: 0 };
    const lines: string[] = [];
    for (const tier of TIERS) {
        if (only && !only.includes(tier.name)) continue;
        if (!scripts[tier.script]) {
            lines.push(`${tier.name.padEnd(8)} skipped: no "${tier.script}" script`);
            continue;
        }
        process.stdout.write(`\n=== tier ${tier.name}: npm run ${tier.script}\n`);
        const started = Date.now();
        const { status, output } = await runScript(tier.script);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const count = countTier(output, status, tier.extraChecks);
        total.passed += count.passed;
        total.failed += count.failed;
        lines.push(`${tier.name.padEnd(8)} ${String(count.passed).padStart(4)} passed ${String(count.failed).padStart(3)} failed  ${seconds.padStart(6)} s  (exit ${status})`);
    }
    process.stdout.write(`\n=== tiers\n${lines.join("\n")}\n`);
    process.stdout.write(`${total.passed} passed, ${total.failed} failed\n`);
    return total.failed === 0 ? 0 : 1;
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
}
