/**
 * The offline plan: run a stack's real program under the offline engine, then judge it with the
 * policy pack (the stack's enforcement profile), price it, and draw it. No CLI, no cloud account.
 */
import * as fs from "fs";
import * as path from "path";
import { runOffline } from "../offline/engine";
import { loadStackConfig } from "../offline/stackConfig";
import { RecordedResource } from "../offline/types";
import { constraintProblems, ConstraintProblem } from "../offline/constraints/check";
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
import { iamProblems } from "../offline/iamChecks";

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
    /** Policy profile to apply (`dev`, `prod`, `strict` or any `policy/config/<name>.json`); default: the stack's name if such a file exists. */
    policyProfile?: string;
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
    /** Values AWS or the provider would refuse (names, API constraints, cross-field rules); any one makes the stack unplannable. */
    constraints: ConstraintProblem[];
    cost: CostEstimate;
    /** Mermaid flowchart and Graphviz DOT of the architecture. */
    diagram: { mermaid: string; dot: string };
    /** Config values as the program saw them (secrets shown as "[secret]"). */
    config: Record<string, string>;
    /** The policy profile the verdicts were judged with, and why it was chosen. */
    policyProfile: PolicyProfileChoice;
}

/** Policy inputs from recorded resources: the engine's view (inputs, parent, dependencies). */
export function toPolicyInputs(resources: RecordedResource[]): ResourceInput[] {
    return resources
        .filter((r) => r.custom || r.type.startsWith("awsx:"))
        .map((r) => ({
            type: r.type,
            name: r.name,
            urn: r.urn,
            props: r.inputs,
            parent: r.parent,
            dependencies: r.dependencies,
            propertyDependencies: r.propertyDependencies,
            options: { protect: r.protect, ignoreChanges: r.ignoreChanges },
        }));
}

/** Which policy profile a plan applied, from which file, and why. */
export interface PolicyProfileChoice {
    /** Profile name (`dev`, `prod`, `strict`, …), or undefined when none applied (the pack's own levels). */
    name?: string;
    /** The config file read, when one was. */
    file?: string;
    /** Why this profile, in words. */
    reason: string;
    /** The per-policy config, as `--policy-pack-config` would read it. */
    config: PolicyConfigFile;
}

/** The profile files (`policy/config/<name>.json`) of `dir` and then `fallbackDir`, by name. */
export function availablePolicyProfiles(dir: string, fallbackDir: string = REPO_ROOT): string[] {
    const names = new Set<string>();
    for (const root of [dir, fallbackDir]) {
        const folder = path.join(root, "policy", "config");
        if (fs.existsSync(folder)) for (const f of fs.readdirSync(folder)) if (f.endsWith(".json")) names.add(f.slice(0, -5));
    }
    return [...names].sort();
}

/**
 * The enforcement profile for a stack: `requested` when given (an unknown name is an error that
 * lists the profiles), else the profile named like the stack, else none (the pack's own levels,
 * which are the prod levels). Files are looked up in `<dir>/policy/config/` first, then in this repo's.
 */
export function resolvePolicyProfile(dir: string, stack: string, requested?: string, fallbackDir: string = REPO_ROOT): PolicyProfileChoice {
    const find = (name: string): string | undefined => [dir, fallbackDir].map((root) => path.join(root, "policy", "config", `${name}.json`)).find((f) => fs.existsSync(f));
    if (requested !== undefined) {
        const file = find(requested);
        if (!file) throw new Error(`--policy-profile ${requested}: no policy/config/${requested}.json; profiles: ${availablePolicyProfiles(dir, fallbackDir).join(", ")}`);
        return { name: requested, file, reason: `--policy-profile ${requested}`, config: JSON.parse(fs.readFileSync(file, "utf8")) };
    }
    const file = find(stack);
    if (file) return { name: stack, file, reason: `the stack is named ${stack}`, config: JSON.parse(fs.readFileSync(file, "utf8")) };
    return {
        reason: `no policy/config/${stack}.json and no --policy-profile: every policy at the pack's own level (the prod levels); profiles: ${availablePolicyProfiles(dir, fallbackDir).join(", ")}`,
        config: {},
    };
}

/**
 * The stack's enforcement profile: `<dir>/policy/config/<stack>.json` if present, else the same file
 * of `fallbackDir` (this repo) if present, else none (every policy at its own level).
 */
export function loadPolicyProfile(dir: string, stack: string, fallbackDir: string = REPO_ROOT): PolicyConfigFile {
    return resolvePolicyProfile(dir, stack, undefined, fallbackDir).config;
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

/**
 * Build the plan. Throws the program's own error (e.g. a ConfigError) unchanged. Values AWS or the
 * provider would refuse (IAM documents, names, API constraints) are listed in `constraints`.
 */
export async function buildPlan(o: PlanOptions): Promise<Plan> {
    const cfg = loadStackConfig(o.dir, o.stack);
    const region = cfg.values["aws:region"] ?? "us-east-1";
    const usage: UsageAssumptions | undefined = o.usageFile ? loadUsage(o.usageFile) : undefined;
    const table = withOverrides(o.pricesFile !== undefined ? loadPriceTable(o.pricesFile) : undefined, region);
    // Resolved before the program runs: an unknown --policy-profile fails at once.
    const policyProfile = resolvePolicyProfile(o.dir, o.stack, o.policyProfile);
    const entry = o.entry;
    if (entry !== undefined) checkRegion(cfg.values);
    const program = async (): Promise<object> => (entry !== undefined ? runProgramFile(entry) : main(o.dir));
    const run = await runOffline(program, { stack: o.stack, project: cfg.project, region, config: cfg.values });
    const violations = sortViolations(await evaluateInProcess(allPolicies, toPolicyInputs(run.resources), policyProfile.config));
    // Values AWS or the provider would refuse: IAM documents (IAM data set), then names and API constraints.
    const constraints = [...iamProblems(run.resources), ...constraintProblems(run.resources)];
    const cost = estimateCost(run.resources, { region, usage, table });
    const arch = buildArchitecture(run.resources);
    return {
        stack: o.stack,
        region,
        resources: run.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, parent: r.parent ?? null, inputs: r.inputs })),
        violations,
        constraints,
        cost,
        diagram: { mermaid: toMermaid(arch), dot: toDot(arch) },
        config: cfg.values,
        policyProfile,
    };
}
