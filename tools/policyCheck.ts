/**
 * `npm run -s policy:check -- FILE.json`: run the fargatekit policy pack over a list of resources,
 * offline, through the same gRPC analyzer protocol the Pulumi engine uses.
 *
 * FILE.json: {"resources": [{"type", "name", "props", "dependencies"?, "propertyDependencies"?}],
 *             "config"?: {<policy name | "all">: <level> | {"enforcementLevel"?, <property>: <value>}}}
 * Dependencies name other resources of the file (or give URNs). Mark a value unknown in preview
 * with {"__unknown": true}.
 *
 * Prints exactly one JSON object on stdout: {"violations": [{"policy", "tags", "resource", "level", "message"}]}.
 * `--pack DIR` runs another pack directory (relative to the repo root or absolute) instead of `policy`.
 *
 * Exit codes: 0 no mandatory violation, 1 at least one, 2 unreadable or malformed input (reason on
 * stderr), 3 the check itself failed (the pack did not start or crashed; reason on stderr).
 */
import { readFileSync } from "node:fs";
import { CheckInputError, EXIT, exitCodeFor, parseCheckInput, toReport } from "./analyzer/checkInput";

/** The input file and optional pack directory of the command line, or undefined when it is malformed. */
function parseArgs(args: string[]): { file: string; packDir?: string } | undefined {
    if (args.length === 1 && !args[0].startsWith("--")) return { file: args[0] };
    if (args.length === 3 && args[0] === "--pack" && !args[2].startsWith("--")) return { file: args[2], packDir: args[1] };
    return undefined;
}

/** Run the check for `args` (the command-line arguments after the script) and return the exit code. */
async function main(args: string[]): Promise<number> {
    const parsed = parseArgs(args);
    if (!parsed) {
        process.stderr.write("usage: policy:check [--pack DIR] FILE.json\n");
        return EXIT.badInput;
    }
    const { file, packDir } = parsed;
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch (e) {
        process.stderr.write(`policy:check: cannot read ${file}: ${(e as Error).message}\n`);
        return EXIT.badInput;
    }
    let input;
    try {
        input = parseCheckInput(text, file);
    } catch (e) {
        if (!(e instanceof CheckInputError)) throw e;
        process.stderr.write(`policy:check: ${e.message}\n`);
        return EXIT.badInput;
    }
    // Loaded only for a valid input, so malformed files are rejected without loading gRPC.
    const { AnalyzerClient, PolicyConfigError } = await import("./analyzer/grpcClient");
    const client = await AnalyzerClient.start({ packDir });
    try {
        await client.configure(input.config);
        const violations = await client.analyze(input.resources);
        process.stdout.write(`${JSON.stringify(toReport(violations), null, 2)}\n`);
        return exitCodeFor(violations);
    } catch (e) {
        if (!(e instanceof PolicyConfigError)) throw e;
        process.stderr.write(`policy:check: ${file}: config: ${e.message}\n`);
        return EXIT.badInput;
    } finally {
        await client.close();
    }
}

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (e: unknown) => {
        process.stderr.write(`policy:check: the check failed: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = EXIT.checkFailed;
    },
);
