/** `fargatekit run-local`: arguments, secrets file, signals, report. */
import * as fs from "fs";
import * as path from "path";
import { EngineName } from "./translate";
import { runLocal, RunLocalOptions } from "./run";
import { exitCode, formatResult } from "./report";

export const RUN_LOCAL_USAGE = `usage: fargatekit run-local --stack NAME [--dir DIR] [--engine docker|podman] [--build-arg KEY=VALUE]...
                           [--secrets-file FILE] [--timeout SECONDS] [--keep] [--json]

Runs the stack's task locally the way Fargate runs it, and tells whether it would become healthy.
The task definition is the one the program registers for the stack (run offline, no cloud): the
image is built from buildContext (or must already be available to the engine), every container
joins one network namespace (awsvpc), with its read-only root filesystem, user, capabilities,
ulimits, init process, environment, command and stop timeout; task volumes start empty, root-owned,
mode 0755, unless the image declares the path as a VOLUME. dependsOn and essential apply; the
container health checks run as ECS runs them, then the target group's check (GET healthCheckPath
on the container port, from outside the task) within the health check grace period.

options:
  --stack NAME            stack whose Pulumi.<NAME>.yaml to run (required)
  --dir DIR               project directory (default: the current directory); another project's
                          index.ts runs when DIR is not this repository
  --engine docker|podman  container engine (default: docker when its daemon answers, else podman)
  --build-arg KEY=VALUE   build argument for the image build (repeatable)
  --secrets-file FILE     local values for the task's secrets, NAME=VALUE per line (env-file
                          format); secrets without a value get a marked placeholder. Never
                          fetched from AWS.
  --timeout SECONDS       give up after this long (default: grace period + the checks' time + 30)
  --keep                  leave the containers, volumes and network namespace for inspection
  --json                  print the result as JSON
  --help                  show this help

exit codes: 0 would become healthy, 1 would fail on Fargate (the report says why), 2 usage, config
or engine error (no engine, image cannot be built).`;

/** A usage error: exit 2 with the usage. */
export class RunLocalUsageError extends Error {}

export interface RunLocalArgs {
    stack: string;
    dir?: string;
    engine?: EngineName;
    buildArgs: Record<string, string>;
    secretsFile?: string;
    timeout?: number;
    keep: boolean;
    json: boolean;
    help: boolean;
}

/** Parse run-local's arguments (`--name value` or `--name=value`). */
export function parseRunLocalArgs(argv: string[]): RunLocalArgs {
    const out: RunLocalArgs = { stack: "", buildArgs: {}, keep: false, json: false, help: false };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (!arg.startsWith("--")) throw new RunLocalUsageError(`unexpected argument ${arg}`);
        const eq = arg.indexOf("=");
        const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
        const value = (): string => {
            const v = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
            if (v === undefined) throw new RunLocalUsageError(`--${name} needs a value`);
            return v;
        };
        switch (name) {
            case "help":
            case "keep":
            case "json":
                if (eq >= 0) throw new RunLocalUsageError(`--${name} takes no value`);
                out[name] = true;
                break;
            case "stack":
                out.stack = value();
                break;
            case "dir":
                out.dir = value();
                break;
            case "secrets-file":
                out.secretsFile = value();
                break;
            case "engine": {
                const v = value();
                if (v !== "docker" && v !== "podman") throw new RunLocalUsageError(`--engine must be docker or podman, got ${v}`);
                out.engine = v;
                break;
            }
            case "build-arg": {
                const v = value();
                const k = v.indexOf("=");
                if (k <= 0) throw new RunLocalUsageError(`--build-arg must be KEY=VALUE, got ${v}`);
                out.buildArgs[v.slice(0, k)] = v.slice(k + 1);
                break;
            }
            case "timeout": {
                const v = value();
                if (!/^\d+$/.test(v) || Number(v) < 1) throw new RunLocalUsageError(`--timeout must be a whole number of seconds (1 or more), got ${v}`);
                out.timeout = Number(v);
                break;
            }
            default:
                throw new RunLocalUsageError(`unknown option ${arg}`);
        }
    }
    if (!out.help && out.stack === "") throw new RunLocalUsageError("--stack NAME is required");
    return out;
}

/**
 * An env file as `docker run --env-file` reads it: NAME=VALUE per line, `#` comments and blank
 * lines skipped, the value taken literally. Returns all problems at once.
 */
export function parseSecretsFile(text: string, file: string): Record<string, string> {
    const out: Record<string, string> = {};
    const problems: string[] = [];
    text.split(/\r?\n/).forEach((line, i) => {
        if (line.trim() === "" || line.trimStart().startsWith("#")) return;
        const eq = line.indexOf("=");
        const name = eq < 0 ? line.trim() : line.slice(0, eq).trim();
        if (eq < 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
            problems.push(`${file}:${i + 1}: expected NAME=VALUE with NAME a variable name, got "${line.length > 40 ? line.slice(0, 40) + "…" : line}"`);
        else out[name] = line.slice(eq + 1);
    });
    if (problems.length > 0) throw new RunLocalUsageError(problems.join("\n"));
    return out;
}

export interface RunLocalIo {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    cwd: string;
}

/** `run-local`: returns the exit code. SIGINT/SIGTERM stop the run; everything made is removed. */
export async function runLocalCommand(argv: string[], io: RunLocalIo): Promise<number> {
    let args: RunLocalArgs;
    let secretValues: Record<string, string> = {};
    try {
        args = parseRunLocalArgs(argv);
        if (args.help) {
            io.stdout(RUN_LOCAL_USAGE + "\n");
            return 0;
        }
        if (args.secretsFile !== undefined) {
            const file = path.resolve(io.cwd, args.secretsFile);
            let text: string;
            try {
                text = fs.readFileSync(file, "utf8");
            } catch (e) {
                throw new RunLocalUsageError(`--secrets-file: cannot read ${args.secretsFile}: ${(e as Error).message}`);
            }
            secretValues = parseSecretsFile(text, args.secretsFile);
        }
    } catch (e) {
        if (!(e instanceof RunLocalUsageError)) throw e;
        io.stderr(`fargatekit run-local: ${e.message}\n\n${RUN_LOCAL_USAGE}\n`);
        return 2;
    }
    const controller = new AbortController();
    const onSignal = (sig: NodeJS.Signals): void => {
        io.stderr(`fargatekit run-local: ${sig}: stopping and cleaning up\n`);
        controller.abort();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
        const options: RunLocalOptions = {
            dir: path.resolve(io.cwd, args.dir ?? "."),
            stack: args.stack,
            engine: args.engine,
            buildArgs: args.buildArgs,
            secretValues,
            timeout: args.timeout,
            keep: args.keep,
            progress: (line) => io.stderr(line + "\n"),
            abort: controller.signal,
        };
        const result = await runLocal(options);
        io.stdout((args.json ? JSON.stringify(result, null, 2) : formatResult(result)) + "\n");
        return exitCode(result);
    } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
    }
}
