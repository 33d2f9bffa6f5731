#!/usr/bin/env node
/**
 * `fargatekit <command>`:
 *   import-task-definition FILE --stack NAME [--out DIR] [--overwrite] [--force]   an ECS task definition → Pulumi.<stack>.yaml
 *   run-task --outputs FILE [--command "…"]                          the `aws ecs run-task` command for a deployed stack
 *   new DIR [--name NAME] [--image URI | --app PATH]                 a new Pulumi project running one WebService
 *   run-local --stack NAME [--dir DIR] [--engine docker|podman] …     run the stack's task locally as Fargate would
 *   prices update --region R... [--out FILE]                         refresh prices from AWS's public Price List
 * Every command takes --help. Exit codes: 0 success, 1 the target exists (a stack file without
 * --overwrite, a non-empty project directory), 2 bad input or arguments, or a task definition that
 * cannot do its job on Fargate without --force (nothing is written).
 */
import * as fs from "fs";
import * as path from "path";
import { parseTaskDefinition } from "./generator/taskDefinition";
import { importTaskDefinition } from "./generator/importer";
import { formatReport } from "./generator/report";
import { blockingHeader } from "./generator/blockingFields";
import { stackYaml, writeStackFile, StackFileExistsError } from "./generator/yamlStack";
import { runTaskCommand } from "./generator/runTask";
import { stackNameProblem } from "./generator/names";
import { ProjectDirNotEmptyError, ScaffoldError, scaffoldProject } from "./generator/scaffold";
import { DEFAULT_IMAGE } from "./generator/scaffoldFiles";
import { quoteShellWord } from "./generator/shellWords";
import { HttpGet, MissingProductError, updatePrices } from "./cost/priceList";
import { commercialRegionCodes, regionProblem } from "../rules/awsRegions";

/** Where the CLI writes and which directory relative paths start from (injected by tests). */
export interface CliIo {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    cwd: string;
    /** HTTP fetch for `prices update` (tests pass recorded responses; default: the network). */
    httpGet?: HttpGet;
}

/** Exit codes. */
export const EXIT = { ok: 0, exists: 1, badInput: 2 } as const;

const MAIN_USAGE = `usage: fargatekit <command> [options]

commands:
  import-task-definition FILE --stack NAME [--out DIR] [--overwrite] [--force]
      Turn an ECS task definition (register-task-definition input or describe-task-definition
      output) into Pulumi.<NAME>.yaml for this program, and report what changed; refuse one that
      cannot do its job on Fargate (GPUs, host agents, volume drivers…) unless --force.
  run-task --outputs FILE [--command "…"]
      Print the aws ecs run-task command that runs one task of a deployed stack.
  new DIR [--name NAME] [--image URI | --app PATH]
      Write a new Pulumi TypeScript project into DIR that runs one fargatekit WebService, with a
      cheap dev stack and a safe prod stack.
  run-local --stack NAME [--dir DIR] [--engine docker|podman] [--build-arg KEY=VALUE]...
            [--secrets-file FILE] [--timeout SECONDS] [--keep] [--json]
      Run the stack's task locally the way Fargate runs it (read-only root, task volumes, user,
      capabilities, dependsOn, health checks, the target group's check) and tell whether it would
      become healthy. Exit 0 healthy, 1 would fail on Fargate, 2 usage/config/engine error.

  prices update --region R [--region R]... [--out FILE]
      Refresh the price table from AWS's public Price List bulk API (no credentials) for the
      regions given (at least one: each region's files are large); use the file with
      \`npm run plan -- --prices FILE\`.

Run \`fargatekit <command> --help\` for a command's options.`;

const PRICES_USAGE = `usage: fargatekit prices update --region R [--region R]... [--out FILE]

Downloads AWS's public Price List bulk API files (the offer index
https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json, each service's region index and
each region's price list) and extracts exactly the products the cost model uses: Fargate vCPU and GB
(x86, ARM, Spot), ALB hours and LCUs, public IPv4, NAT hours and GB, VPC endpoints, KMS, CloudWatch
logs, metrics, alarms and dashboards, ECR, Secrets Manager, S3, WAF, SQS and data transfer out. Each
price records its SKU, usage type, description and publication date. No credentials are needed.

options:
  --region R     a commercial AWS region to fetch (required, repeatable: each region means
                 downloading its price lists, the AmazonEC2 one alone hundreds of megabytes)
  --out FILE     write the table here (default: print it); then \`npm run plan -- --prices FILE\`
  --help         show this help

exit codes: 0 written, 2 bad arguments, a download failed, or a product the cost model needs is not
in the Price List (the message names it; nothing is written).`;

const NEW_USAGE = `usage: fargatekit new DIR [--name NAME] [--image URI | --app PATH]

Writes a new Pulumi TypeScript project into DIR (created; an existing DIR must be empty) that runs
one fargatekit WebService: package.json (fargatekit from this checkout, pinned Pulumi SDK and AWS
provider), tsconfig.json, Pulumi.yaml, Pulumi.dev.yaml (cheap), Pulumi.prod.yaml (safe), index.ts
and a README with the next commands.

options:
  --name NAME    project and service name (default: DIR's name): 1-24 lowercase letters, digits
                 and hyphens, starting with a letter
  --image URI    prebuilt image to run on port 8080 (default: ${DEFAULT_IMAGE})
  --app PATH     directory with your app's Dockerfile, built and pushed to a private ECR repository
                 on \`pulumi up\`; its EXPOSE port and HEALTHCHECK carry over (not with --image)
  --help         show this help

exit codes: 0 written, 1 DIR exists and is not empty, 2 bad input or arguments (nothing is written).`;

const IMPORT_USAGE = `usage: fargatekit import-task-definition FILE --stack NAME [--out DIR] [--overwrite] [--force]

Reads FILE (JSON from \`aws ecs describe-task-definition\`, or the file you pass to
\`aws ecs register-task-definition --cli-input-json\`) and writes DIR/Pulumi.<NAME>.yaml: the web
container, its sidecars and a valid Fargate size, secure by default (non-root, read-only root
filesystem, awsvpc, secrets as ARNs). Prints what was mapped, changed, dropped, and what to check.

Settings Fargate cannot carry are either adaptable (dropped or changed, with a report line) or
blocking: the task cannot do its job without them (a GPU or other accelerator, the host's PID
namespace, a privileged container with host namespaces or host paths, mounted host paths or Docker
volume drivers, host devices, host-control capabilities, more than 16 vCPU / 120 GiB or 200 GiB of
storage, a Windows image). A blocking field stops the import: nothing is written, and the error
names every blocking field, why Fargate cannot provide it and what to use instead.

options:
  --stack NAME   stack to write the config for (required)
  --out DIR      directory for the stack file (default: the current directory)
  --overwrite    replace an existing Pulumi.<NAME>.yaml
  --force        import even with blocking fields: they are left out and marked BLOCKING in the
                 report and at the top of the stack file; also replaces an existing stack file, as
                 --force always did
  --help         show this help

exit codes: 0 written, 1 the stack file exists and neither --overwrite nor --force was given,
2 bad input or arguments, or blocking fields without --force (nothing is written).`;

const RUN_TASK_USAGE = `usage: fargatekit run-task --outputs FILE [--command "…"]

Prints the aws ecs run-task command that starts one task of a deployed stack on Fargate, in the
service's subnets and security group. FILE is the output of
\`pulumi stack output --json --stack <stack> > outputs.json\`.

options:
  --outputs FILE      the stack outputs (required)
  --command "…"       command to run in the web container instead of the image's (split like a
                      POSIX shell splits it; variables are not expanded)
  --help              show this help

exit codes: 0 printed, 2 bad input or arguments.`;

/** A usage error: printed with the command's usage, exit 2. */
class UsageError extends Error {}

/** Parsed options of one command: positionals, valued options and flags. */
interface ParsedArgs {
    positionals: string[];
    values: Record<string, string>;
    flags: Set<string>;
}

/** Parse `--name value`, `--name=value` and bare `--flag`s; anything unknown is a usage error. */
function parseArgs(argv: string[], valued: string[], flags: string[]): ParsedArgs {
    const out: ParsedArgs = { positionals: [], values: {}, flags: new Set() };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (!arg.startsWith("--")) {
            out.positionals.push(arg);
            continue;
        }
        const eq = arg.indexOf("=");
        const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
        if (valued.includes(name)) {
            const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
            if (value === undefined) throw new UsageError(`--${name} needs a value`);
            out.values[name] = value;
        } else if (flags.includes(name) && eq < 0) out.flags.add(name);
        else throw new UsageError(`unknown option ${arg}`);
    }
    return out;
}

/** `import-task-definition`: read, import, write (only when everything succeeded), print the report. */
function importCommand(argv: string[], io: CliIo): number {
    const args = parseArgs(argv, ["stack", "out"], ["overwrite", "force", "help"]);
    if (args.flags.has("help")) {
        io.stdout(IMPORT_USAGE + "\n");
        return EXIT.ok;
    }
    if (args.positionals.length !== 1) throw new UsageError(args.positionals.length === 0 ? "give the task definition FILE" : `one FILE only, got ${args.positionals.join(" ")}`);
    const stack = args.values.stack;
    if (stack === undefined) throw new UsageError("--stack NAME is required");
    const stackProblem = stackNameProblem(stack);
    if (stackProblem) throw new UsageError(`--stack: ${stackProblem}`);
    const source = args.positionals[0];
    let text: string;
    try {
        text = fs.readFileSync(path.resolve(io.cwd, source), "utf8");
    } catch (e) {
        io.stderr(`fargatekit import-task-definition: cannot read ${source}: ${(e as Error).message}\n`);
        return EXIT.badInput;
    }
    let result;
    try {
        result = importTaskDefinition(parseTaskDefinition(text), { stack, force: args.flags.has("force") });
    } catch (e) {
        io.stderr(`fargatekit import-task-definition: ${source}: ${(e as Error).message}\n`);
        return EXIT.badInput;
    }
    const yaml = stackYaml(result.config, { stack, sourceFile: source, blocking: blockingHeader(result.blocking) });
    let file: string;
    try {
        // --force replaced existing stack files before it also meant "import blocking fields"; it still does.
        file = writeStackFile(path.resolve(io.cwd, args.values.out ?? "."), stack, yaml, args.flags.has("overwrite") || args.flags.has("force"));
    } catch (e) {
        io.stderr(`fargatekit import-task-definition: ${(e as Error).message}\n`);
        return e instanceof StackFileExistsError ? EXIT.exists : EXIT.badInput;
    }
    const relative = path.relative(io.cwd, file);
    const shown = relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
    const n = result.blocking.length;
    const warning =
        n === 0
            ? ""
            : `WARNING: ${n} blocking field${n === 1 ? " was" : "s were"} left out because of --force: this stack does NOT do what the task definition did. ` +
              `Deploy it only to try things; the BLOCKING lines above say what to use instead.\n\n`;
    io.stdout(
        `Wrote ${shown} (stack ${stack}) from ${source}.\n\n${formatReport(result.report)}\n\n${warning}` +
            `Next: act on the notes, then \`npm run plan -- --stack ${stack}\` to see every resource, policy verdict and the monthly cost.\n`,
    );
    return EXIT.ok;
}

/** `new`: check the input, write the project, print what to do next. */
function newCommand(argv: string[], io: CliIo): number {
    const args = parseArgs(argv, ["name", "image", "app"], ["help"]);
    if (args.flags.has("help")) {
        io.stdout(NEW_USAGE + "\n");
        return EXIT.ok;
    }
    if (args.positionals.length !== 1) throw new UsageError(args.positionals.length === 0 ? "give the project DIR" : `one DIR only, got ${args.positionals.join(" ")}`);
    if (args.values.image !== undefined && args.values.app !== undefined) throw new UsageError("give --image or --app, not both");
    let result;
    try {
        result = scaffoldProject(path.resolve(io.cwd, args.positionals[0]), {
            name: args.values.name,
            image: args.values.image,
            app: args.values.app === undefined ? undefined : path.resolve(io.cwd, args.values.app),
        });
    } catch (e) {
        if (!(e instanceof ScaffoldError)) throw e;
        io.stderr(`fargatekit new: ${e.message}\n`);
        return e instanceof ProjectDirNotEmptyError ? EXIT.exists : EXIT.badInput;
    }
    const relative = path.relative(io.cwd, result.dir);
    const shown = relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? result.dir : relative;
    const source = result.spec.source.kind === "image" ? `image ${result.spec.source.image}` : `build of ${result.spec.source.buildContext}`;
    io.stdout(
        `Created ${shown}: project and service ${result.spec.name}, ${source} on port ${result.spec.containerPort}.\n` +
            `  ${result.files.join(", ")}\n\n` +
            `Next (README.md has the details):\n` +
            `  npm --prefix ${quoteShellWord(result.spec.fargatekitRoot)} run build    # once: compile fargatekit\n` +
            `  cd ${quoteShellWord(shown)} && npm install\n` +
            `  npm run plan                  # offline: every resource, policy verdict and the monthly cost\n` +
            `  pulumi login && pulumi stack select dev && pulumi up    # first time: pulumi stack init dev\n` +
            `Before prod: replace the placeholder certificateArn in Pulumi.prod.yaml.\n`,
    );
    return EXIT.ok;
}

/** `run-task`: print the command. */
function runTaskCommandLine(argv: string[], io: CliIo): number {
    const args = parseArgs(argv, ["outputs", "command"], ["help"]);
    if (args.flags.has("help")) {
        io.stdout(RUN_TASK_USAGE + "\n");
        return EXIT.ok;
    }
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${args.positionals[0]}`);
    const file = args.values.outputs;
    if (file === undefined) throw new UsageError("--outputs FILE is required (write it with `pulumi stack output --json --stack <stack> > outputs.json`)");
    let outputs: unknown;
    try {
        outputs = JSON.parse(fs.readFileSync(path.resolve(io.cwd, file), "utf8"));
    } catch (e) {
        io.stderr(`fargatekit run-task: cannot read ${file} as JSON: ${(e as Error).message}\n`);
        return EXIT.badInput;
    }
    try {
        io.stdout(runTaskCommand(outputs, { command: args.values.command }) + "\n");
    } catch (e) {
        io.stderr(`fargatekit run-task: ${file}: ${(e as Error).message}\n`);
        return EXIT.badInput;
    }
    return EXIT.ok;
}

/** Repeated `--region` values (parseArgs keeps the last of a valued option). */
function regionArgs(argv: string[]): string[] {
    const out: string[] = [];
    argv.forEach((arg, i) => {
        if (arg === "--region" && argv[i + 1] !== undefined) out.push(argv[i + 1]);
        else if (arg.startsWith("--region=")) out.push(arg.slice("--region=".length));
    });
    return out;
}

/** `prices update`: fetch, check, write (only when every region has every product). */
async function pricesCommand(argv: string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, ["region", "out"], ["help"]);
    if (args.flags.has("help")) {
        io.stdout(PRICES_USAGE + "\n");
        return EXIT.ok;
    }
    if (args.positionals.length !== 1 || args.positionals[0] !== "update") {
        throw new UsageError(args.positionals.length === 0 ? "give the subcommand: prices update" : `unknown subcommand ${args.positionals.join(" ")} (only: update)`);
    }
    const regions = regionArgs(argv);
    // No default list: a regional AmazonEC2 price list alone is about 450 MB (github.com/mattrobinsonsre/terrapod/issues/956,
    // 2026-07), so fetching every region unasked would download gigabytes.
    if (regions.length === 0) throw new UsageError(`give at least one --region (each region's price lists are large); regions: ${commercialRegionCodes().join(", ")}`);
    const bad = regions.map((r) => [r, regionProblem(r)] as const).filter(([, problem]) => problem !== undefined);
    if (bad.length > 0) throw new UsageError(bad.map(([r]) => `--region ${r}: not a commercial AWS region`).join("; ") + `; regions: ${commercialRegionCodes().join(", ")}`);
    let table;
    try {
        table = await updatePrices({ regions: [...new Set(regions)], get: io.httpGet });
    } catch (e) {
        io.stderr(`fargatekit prices update: ${(e as Error).message}\n`);
        if (!(e instanceof MissingProductError)) io.stderr("(the Price List bulk API needs network access to pricing.us-east-1.amazonaws.com; no credentials)\n");
        return EXIT.badInput;
    }
    const text = JSON.stringify(table, null, 2) + "\n";
    if (args.values.out === undefined) {
        io.stdout(text);
        return EXIT.ok;
    }
    const file = path.resolve(io.cwd, args.values.out);
    fs.writeFileSync(file, text);
    io.stdout(`Wrote ${args.values.out}: ${Object.keys(table.regions).join(", ")} priced ${table.priceDate}. Use it: npm run plan -- --prices ${args.values.out}\n`);
    return EXIT.ok;
}

/** The commands, with their usage. */
const COMMANDS: Record<string, { run: (argv: string[], io: CliIo) => number | Promise<number>; usage: string }> = {
    "import-task-definition": { run: importCommand, usage: IMPORT_USAGE },
    "run-task": { run: runTaskCommandLine, usage: RUN_TASK_USAGE },
    new: { run: newCommand, usage: NEW_USAGE },
    prices: { run: pricesCommand, usage: PRICES_USAGE },
};

/** Run the CLI with `argv` (after the program name) and return the exit code (a promise for `prices`). */
export function runCli(argv: string[], io: CliIo): number | Promise<number> {
    const [name, ...rest] = argv;
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
        (name === undefined ? io.stderr : io.stdout)(MAIN_USAGE + "\n");
        return name === undefined ? EXIT.badInput : EXIT.ok;
    }
    if (name === "run-local") {
        io.stderr("fargatekit: run-local is asynchronous; call runCliAsync\n");
        return EXIT.badInput;
    }
    const command = COMMANDS[name];
    if (!command) {
        io.stderr(`fargatekit: unknown command ${name}\n\n${MAIN_USAGE}\n`);
        return EXIT.badInput;
    }
    const usageError = (e: unknown): number => {
        if (!(e instanceof UsageError)) throw e;
        io.stderr(`fargatekit ${name}: ${e.message}\n\n${command.usage}\n`);
        return EXIT.badInput;
    };
    try {
        const code = command.run(rest, io);
        return typeof code === "number" ? code : code.catch(usageError);
    } catch (e) {
        return usageError(e);
    }
}

/** Run the CLI, including the asynchronous commands (`run-local`), and return the exit code. */
export async function runCliAsync(argv: string[], io: CliIo): Promise<number> {
    if (argv[0] === "run-local") {
        // Loaded only when asked for: it brings the program, the offline engine and the plan along.
        const { runLocalCommand } = await import("./runLocal/cli");
        return runLocalCommand(argv.slice(1), io);
    }
    return runCli(argv, io);
}

if (require.main === module) {
    void runCliAsync(process.argv.slice(2), {
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
        cwd: process.cwd(),
    }).then((code) => {
        process.exitCode = code;
    });
}
