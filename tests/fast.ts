/**
 * `npm test`: the type-check and the fast mocha tier, side by side, one per core. The type-check
 * is incremental (its build info is kept in `node_modules/.cache/fargatekit/`, so a run after a
 * small change re-checks only what changed); mocha runs its files in one process here, since on
 * two cores a second mocha worker only competes with the type-check (each worker pays the SDK's
 * start-up again). `npx mocha` alone runs the tier in parallel on both cores. Mocha's output
 * streams as it comes; the type-check's follows. Exits non-zero when either fails.
 */
import { spawn } from "child_process";
import * as path from "path";

const TS_BUILD_INFO = path.join(__dirname, "..", "node_modules", ".cache", "fargatekit", "tsc.tsbuildinfo");

function run(cmd: string, args: string[], stream: boolean): Promise<{ status: number; output: string }> {
    return new Promise((resolve) => {
        const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: process.env });
        let output = "";
        const take = (chunk: Buffer) => {
            output += chunk.toString();
            if (stream) process.stdout.write(chunk);
        };
        child.stdout.on("data", take);
        child.stderr.on("data", take);
        child.on("close", (code) => resolve({ status: code ?? 1, output }));
    });
}

async function main(): Promise<number> {
    const node = process.execPath;
    const [typecheck, mocha] = await Promise.all([
        run(node, [require.resolve("typescript/lib/tsc.js"), "--noEmit", "-p", "tsconfig.json", "--incremental", "--tsBuildInfoFile", TS_BUILD_INFO], false),
        run(node, [require.resolve("mocha/bin/mocha.js"), "--no-parallel", ...process.argv.slice(2)], true),
    ]);
    process.stdout.write(typecheck.status === 0 ? "type-check: no errors\n" : `type-check failed:\n${typecheck.output}`);
    return typecheck.status === 0 && mocha.status === 0 ? 0 : 1;
}

if (require.main === module) {
    main().then((code) => process.exit(code));
}
