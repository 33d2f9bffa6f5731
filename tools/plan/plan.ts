/**
 * The offline plan: run a stack's real program under the offline engine, then judge it with the
 * policy pack (the stack's enforcement profile), price it, and draw it. No CLI, no cloud account.
 */
import * as fs from "fs";
import * as path from "path";
import { runOffline } from "../offline/engine";
import { loadStackConfig } from "../offline/stackConfig";
import { RecordedResource } from "../offline/types";
import { main } from "../../program/main";
import { ConfigError, regionProblems } from "../../program/validate";
import { allPolicies } from "../../policy/policies";
import { evaluateInProcess } from "../analyzer/inProcess";
import { PolicyConfigFile, ResourceInput, Violation } from "../analyzer/types";
import { estimateCost, CostEstimate } from "../cost/model";
import { loadPriceTable, withOverrides } from "../cost/prices";
import { loadUsage, UsageAssumptions } from "../cost/usage";
import { buildArchitecture } from "../diagram/model";
import { toMermaid } from "../diagram/mermaid";
import { toDot } from "../diagram/dot";

export interface PlanOptions {
    /** Project directory (with Pulumi.yaml). */
    dir: string;
    stack: string;
    /** Usage assumptions file (YAML or JSON). */
    usageFile?: string;
    /**
     * Program file to run instead of this repo's `program/main.ts` (e.g. another project's index.ts,
     * loaded through the registered ts-node); its module exports are the stack outputs.
     */
    entry?: string;
    /** Price table file (`fargatekit prices update --out FILE`); its regions replace the bundled ones. */
    pricesFile?: string;
}

/** This repository's root: its policy profiles back projects that have none. */
const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** One resource as the plan reports it (the documented JSON shape). */
export interface PlannedResource {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    inputs: Record<string, any>;
}

export interface Plan {
    stack: string;
    region: string;
    resources: PlannedResource[];
    violations: Violation[];
    cost: CostEstimate;
    /** Mermaid flowchart and Graphviz DOT of the architecture. */
    diagram: { mermaid: string; dot: string };
    /** Config values as the program saw them (secrets shown as "[secret]"). */
    config: Record<string, string>;
}

/** Policy inputs from recorded resources: the engine's view (inputs, parent, dependencies). */
export function toPolicyInputs(resources: RecordedResource[]): ResourceInput[] {
    return resources
        .filter((r) => r.custom || r.type.startsWith("awsx:"))
        .map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs, parent: r.parent, dependencies: r.dependencies, propertyDependencies: r.propertyDependencies, options: { protect: r.protect, ignoreChanges: r.ignoreChanges } }));
}

/**
 * The stack's enforcement profile: `<dir>/policy/config/<stack>.json` if present, else the same file
 * of `fallbackDir` (this repo) if present, else none (every policy at its own level).
 */
export function loadPolicyProfile(dir: string, stack: string, fallbackDir: string = REPO_ROOT): PolicyConfigFile {
    for (const root of [dir, fallbackDir]) {
        const file = path.join(root, "policy", "config", `${stack}.json`);
        if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8"));
    }
    return {};
}

/**
 * Run a program file the way the Pulumi Node.js host does: require it afresh (its own modules
 * outside node_modules too, so a second stack reruns them) and take its exports as the outputs; a
 * function export is called and its result awaited.
 */
export async function runProgramFile(entry: string): Promise<Record<string, unknown>> {
    const file = require.resolve(path.resolve(entry));
    const projectDir = path.dirname(file);
    for (const cached of Object.keys(require.cache)) {
        if (cached.startsWith(projectDir + path.sep) && !cached.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[cached];
    }
    const exported = require(file);
    const outputs = typeof exported === "function" ? await exported() : exported;
    return outputs && typeof outputs === "object" ? { ...outputs } : {};
}

const LEVEL_ORDER = { mandatory: 0, advisory: 1 } as const;
const SEVERITY_ORDER: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Violations sorted mandatory first, then by severity, policy and resource. */
export function sortViolations(v: Violation[]): Violation[] {
    return [...v].sort(
        (a, b) =>
            LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
            (SEVERITY_ORDER[a.severity ?? "low"] ?? 4) - (SEVERITY_ORDER[b.severity ?? "low"] ?? 4) ||
            a.policy.localeCompare(b.policy) ||
            a.resource.localeCompare(b.resource),
    );
}

/**
 * A project program of its own (`--dir`) does not run our config validation: check `aws:region` here, so an
 * unknown region is the same config error naming the key and listing the commercial regions.
 */
function checkRegion(config: Record<string, string>): void {
    const problems = regionProblems(config);
    if (problems.length > 0) throw new ConfigError(problems);
}

/** Build the plan. Throws the program's own error (e.g. a ConfigError) unchanged. */
export async function buildPlan(o: PlanOptions): Promise<Plan> {
    const cfg = loadStackConfig(o.dir, o.stack);
    const region = cfg.values["aws:region"] ?? "us-east-1";
    const usage: UsageAssumptions | undefined = o.usageFile ? loadUsage(o.usageFile) : undefined;
    const table = withOverrides(o.pricesFile !== undefined ? loadPriceTable(o.pricesFile) : undefined);
    const entry = o.entry;
    if (entry !== undefined) checkRegion(cfg.values);
    const program = async (): Promise<object> => (entry !== undefined ? runProgramFile(entry) : main(o.dir));
    const run = await runOffline(program, { stack: o.stack, project: cfg.project, region, config: cfg.values });
    const violations = sortViolations(await evaluateInProcess(allPolicies, toPolicyInputs(run.resources), loadPolicyProfile(o.dir, o.stack)));
    const cost = estimateCost(run.resources, { region, usage, table });
    const arch = buildArchitecture(run.resources);
    return {
        stack: o.stack,
        region,
        resources: run.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, parent: r.parent ?? null, inputs: r.inputs })),
        violations,
        cost,
        diagram: { mermaid: toMermaid(arch), dot: toDot(arch) },
        config: cfg.values,
    };
}
