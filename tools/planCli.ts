/**
 * `npm run plan -- [--dir DIR] [--stack dev|prod|<name>] [--policy-profile dev|prod|strict|<name>] [--format text|markdown|json] [--out FILE] [--usage FILE] [--svg FILE]
 *  [--prices FILE] [--compare BASE.json]`
 * `--prices` uses a price file `fargatekit prices update` wrote; `--compare` prints what changed against a
 * previous plan's JSON (resources, policy verdicts, cost line by line) instead of the plan.
 * Plans this repo's program, or with `--dir` another project's index.ts (e.g. one `fargatekit new`
 * wrote); then DIR and the other relative paths start where npm was invoked, and the SVG goes to
 * DIR/plan-out/<stack>.svg.
 * Exit codes: 0 no mandatory violation, 1 mandatory violations, 2 the stack could not be planned (config error, unknown region…)
 * or has values AWS or the provider would refuse (printed to stderr with the rule and its source).
 */
import * as fs from "fs";
import * as path from "path";
import { buildPlan, resolvePolicyProfile } from "./plan/plan";
import { loadPriceTable } from "./cost/prices";
import { loadUsage } from "./cost/usage";
import { constraintError, renderJson, renderMarkdown, renderText } from "./plan/render";
import { renderSvg } from "./diagram/svg";
import { comparePlans, parsePlanJson, PlanJson, renderComparisonJson, renderComparisonMarkdown, renderComparisonText } from "./plan/compare";

const USAGE =
    "usage: npm run plan -- [--dir DIR] [--stack NAME] [--policy-profile NAME] [--format text|markdown|json] [--out FILE] [--usage FILE] [--svg FILE] [--prices FILE] [--compare BASE.json]";

export function parseArgs(argv: string[]): {
    dir?: string;
    stack: string;
    policyProfile?: string;
    format: "text" | "markdown" | "json";
    out?: string;
    usage?: string;
    svg?: string;
    prices?: string;
    compare?: string;
} {
    const o: any = { stack: "dev", format: "text" };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const val = () => {
            const v = argv[++i];
            if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
            return v;
        };
        if (a === "--dir") o.dir = val();
        else if (a === "--stack") o.stack = val();
        else if (a === "--policy-profile") o.policyProfile = val();
        else if (a === "--format") o.format = val();
        else if (a === "--out") o.out = val();
        else if (a === "--usage") o.usage = val();
        else if (a === "--svg") o.svg = val();
        else if (a === "--prices") o.prices = val();
        else if (a === "--compare") o.compare = val();
        else if (a === "--help" || a === "-h") throw Object.assign(new Error(USAGE), { help: true });
        else throw new Error(`unknown argument ${a}\n${USAGE}`);
    }
    if (!["text", "markdown", "json"].includes(o.format)) throw new Error(`--format must be text, markdown or json, got ${o.format}`);
    return o;
}

/** The option files and profile a plan reads, resolved to paths (relative ones start where the plan was invoked). */
export interface PlanInputs {
    dir: string;
    stack: string;
    prices?: string;
    usage?: string;
    policyProfile?: string;
    compare?: string;
}

/**
 * Read `--prices`, `--usage`, `--policy-profile` and `--compare` before the program runs, so a bad one is
 * reported as that flag's error (every one at once) rather than as a failed program run. Returns the
 * problems, each naming its flag and the file or name at fault, and the base plan of `--compare` when it reads.
 */
export function checkPlanInputs(o: PlanInputs): { problems: string[]; base?: PlanJson } {
    const problems: string[] = [];
    const attempt = <T>(flag: string, value: string | undefined, read: (value: string) => T): T | undefined => {
        if (value === undefined) return undefined;
        try {
            return read(value);
        } catch (e) {
            const message = (e as Error).message;
            // The readers' messages name the file (or the profile); the flag is added unless the message starts with it.
            problems.push(message.startsWith(`${flag} `) ? message : `${flag}: ${message}`);
            return undefined;
        }
    };
    attempt("--prices", o.prices, loadPriceTable);
    attempt("--usage", o.usage, loadUsage);
    attempt("--policy-profile", o.policyProfile, (name) => resolvePolicyProfile(o.dir, o.stack, name));
    const base = attempt("--compare", o.compare, (file) => parsePlanJson(fs.readFileSync(file, "utf8"), file));
    return { problems, base };
}

async function run(): Promise<number> {
    let args;
    try {
        args = parseArgs(process.argv.slice(2));
    } catch (e: any) {
        (e.help ? console.log : console.error)(e.message);
        return e.help ? 0 : 2;
    }
    // npm runs scripts in the package root; INIT_CWD is where it was invoked (also by another project's script).
    const other = args.dir !== undefined;
    const from = (p: string | undefined) => (p !== undefined && other ? path.resolve(process.env.INIT_CWD ?? process.cwd(), p) : p);
    const dir = from(args.dir) ?? process.cwd();
    const { problems, base } = checkPlanInputs({
        dir,
        stack: args.stack,
        prices: from(args.prices),
        usage: from(args.usage),
        policyProfile: args.policyProfile,
        compare: from(args.compare),
    });
    if (problems.length > 0) {
        console.error(problems.map((p) => `error: ${p}`).join("\n"));
        return 2;
    }
    let plan;
    try {
        plan = await buildPlan({
            dir,
            stack: args.stack,
            usageFile: from(args.usage),
            pricesFile: from(args.prices),
            entry: other ? path.join(dir, "index.ts") : undefined,
            policyProfile: args.policyProfile,
        });
    } catch (e: any) {
        // The same shape `pulumi up` prints for a program that throws.
        console.error(`error: Running program '${dir}' failed with an unhandled exception:\n${e?.name ?? "Error"}: ${e?.message ?? e}`);
        return 2;
    }
    let text = args.format === "json" ? renderJson(plan) : args.format === "markdown" ? renderMarkdown(plan) : renderText(plan);
    if (base !== undefined) {
        const comparison = comparePlans(base, JSON.parse(renderJson(plan)));
        text = args.format === "json" ? renderComparisonJson(comparison) : args.format === "markdown" ? renderComparisonMarkdown(comparison) : renderComparisonText(comparison);
    }
    const svgFile = from(args.svg) ?? path.join(other ? dir : "", "plan-out", `${args.stack}.svg`);
    fs.mkdirSync(path.dirname(path.resolve(svgFile)), { recursive: true });
    fs.writeFileSync(svgFile, await renderSvg(plan.diagram.dot));
    if (args.out) {
        fs.writeFileSync(from(args.out)!, text + "\n");
        console.error(`wrote ${from(args.out)} and ${svgFile}`);
    } else {
        console.log(text);
        if (args.format === "text" && base === undefined) console.log(`\nDiagram: ${svgFile} (Mermaid in --format markdown)`);
    }
    if (plan.constraints.length > 0) {
        console.error(constraintError(plan));
        return 2;
    }
    return plan.violations.some((v) => v.level === "mandatory") ? 1 : 0;
}

if (require.main === module) {
    run().then((code) => process.exit(code));
}
