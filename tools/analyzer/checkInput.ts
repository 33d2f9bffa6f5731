/**
 * The pure half of `policy:check`: validating the input file's shape and turning violations into
 * the printed report and the exit code.
 */
import { PolicyConfigFile, ResourceInput, Violation, urnFor } from "./types";

/** Exit codes of `policy:check`. */
export const EXIT = {
    /** No mandatory violation. */
    ok: 0,
    /** At least one mandatory violation. */
    mandatoryViolation: 1,
    /** The input file cannot be read, is not JSON, is not of the documented shape, or its config is invalid. */
    badInput: 2,
    /** The check itself failed (the pack did not start or crashed). */
    checkFailed: 3,
} as const;

/** What `policy:check` reads: the stack's resources and an optional pack config. */
export interface CheckInput {
    resources: ResourceInput[];
    config: PolicyConfigFile;
}

/** One violation as `policy:check` prints it. */
export type ReportedViolation = Pick<Violation, "policy" | "tags" | "resource" | "level" | "message">;

/** An input file that is not of the documented shape; the message names the file and the problems. */
export class CheckInputError extends Error {
    constructor(
        readonly file: string,
        readonly problems: string[],
    ) {
        super(`${file}:${problems.length === 1 ? ` ${problems[0]}` : `\n${problems.map((p) => `  - ${p}`).join("\n")}`}`);
        this.name = "CheckInputError";
    }
}

const RESOURCE_KEYS = ["type", "name", "props", "urn", "parent", "dependencies", "propertyDependencies", "options"];
const TOP_KEYS = ["resources", "config"];

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
    return Array.isArray(v) && v.every((x) => typeof x === "string" && x.length > 0);
}

/** Problems of one resource entry (`at` is its path, e.g. `resources[2]`). */
export function resourceProblems(r: unknown, at: string): string[] {
    if (!isObject(r)) return [`${at} must be an object`];
    const problems: string[] = [];
    for (const k of Object.keys(r)) if (!RESOURCE_KEYS.includes(k)) problems.push(`${at} has an unknown key "${k}" (allowed: ${RESOURCE_KEYS.join(", ")})`);
    if (typeof r.type !== "string" || !/^[^:\s]+:[^:\s]*:[^:\s]+$/.test(r.type)) {
        problems.push(`${at}.type must be a Pulumi type token like "aws:ecs/service:Service"`);
    }
    if (typeof r.name !== "string" || r.name.length === 0) problems.push(`${at}.name must be a non-empty string`);
    if (!isObject(r.props)) problems.push(`${at}.props must be an object`);
    for (const k of ["urn", "parent"] as const) {
        if (r[k] !== undefined && (typeof r[k] !== "string" || r[k] === "")) problems.push(`${at}.${k} must be a non-empty string`);
    }
    if (r.dependencies !== undefined && !isStringArray(r.dependencies)) problems.push(`${at}.dependencies must be an array of resource names or URNs`);
    if (r.propertyDependencies !== undefined) {
        if (!isObject(r.propertyDependencies)) problems.push(`${at}.propertyDependencies must be an object of property name to resource names or URNs`);
        else {
            for (const [k, v] of Object.entries(r.propertyDependencies)) {
                if (!isStringArray(v)) problems.push(`${at}.propertyDependencies.${k} must be an array of resource names or URNs`);
            }
        }
    }
    if (r.options !== undefined) {
        const o = r.options;
        if (!isObject(o)) problems.push(`${at}.options must be an object`);
        else {
            if (o.protect !== undefined && typeof o.protect !== "boolean") problems.push(`${at}.options.protect must be a boolean`);
            if (o.ignoreChanges !== undefined && !isStringArray(o.ignoreChanges)) problems.push(`${at}.options.ignoreChanges must be an array of strings`);
        }
    }
    return problems;
}

/** Problems of references between resources: duplicate URNs and names or URNs that match no resource. */
export function referenceProblems(resources: ResourceInput[]): string[] {
    const problems: string[] = [];
    const urns = new Map<string, number>();
    const names = new Set(resources.map((r) => r.name));
    resources.forEach((r, i) => {
        const urn = r.urn ?? urnFor(r.type, r.name);
        const first = urns.get(urn);
        if (first !== undefined) problems.push(`resources[${i}] has the same type and name (URN ${urn}) as resources[${first}]`);
        else urns.set(urn, i);
    });
    const check = (ref: string, at: string) => {
        if (ref.startsWith("urn:") ? !urns.has(ref) : !names.has(ref)) problems.push(`${at}: "${ref}" names no resource of the file`);
    };
    resources.forEach((r, i) => {
        if (r.parent) check(r.parent, `resources[${i}].parent`);
        (r.dependencies ?? []).forEach((d, j) => check(d, `resources[${i}].dependencies[${j}]`));
        for (const [k, deps] of Object.entries(r.propertyDependencies ?? {})) deps.forEach((d, j) => check(d, `resources[${i}].propertyDependencies.${k}[${j}]`));
    });
    return problems;
}

/**
 * Validate a parsed input document. Throws `CheckInputError` (naming `file` and every problem)
 * unless it is `{"resources": [...], "config"?: {...}}` with well-formed resources whose
 * references resolve. Config values are checked against the pack later, by the client.
 */
export function validateCheckInput(doc: unknown, file: string): CheckInput {
    if (!isObject(doc)) throw new CheckInputError(file, [`the top level must be an object {"resources": [...], "config"?: {...}}`]);
    const problems: string[] = [];
    for (const k of Object.keys(doc)) if (!TOP_KEYS.includes(k)) problems.push(`unknown top-level key "${k}" (allowed: ${TOP_KEYS.join(", ")})`);
    if (!Array.isArray(doc.resources)) problems.push(`"resources" must be an array`);
    else doc.resources.forEach((r, i) => problems.push(...resourceProblems(r, `resources[${i}]`)));
    if (doc.config !== undefined) {
        if (!isObject(doc.config)) problems.push(`"config" must be an object keyed by policy name`);
        else {
            for (const [k, v] of Object.entries(doc.config)) {
                if (typeof v !== "string" && !isObject(v)) problems.push(`config.${k} must be an enforcement level string or an object`);
            }
        }
    }
    if (problems.length > 0) throw new CheckInputError(file, problems);
    const resources = doc.resources as ResourceInput[];
    const refs = referenceProblems(resources);
    if (refs.length > 0) throw new CheckInputError(file, refs);
    return { resources, config: (doc.config ?? {}) as PolicyConfigFile };
}

/** Parse and validate the text of an input file. Throws `CheckInputError` for bad JSON or shape. */
export function parseCheckInput(text: string, file: string): CheckInput {
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new CheckInputError(file, [`not valid JSON: ${(e as Error).message}`]);
    }
    return validateCheckInput(doc, file);
}

/** The report `policy:check` prints: each violation with exactly the documented fields. */
export function toReport(violations: Violation[]): { violations: ReportedViolation[] } {
    return {
        violations: violations.map((v) => ({ policy: v.policy, tags: v.tags, resource: v.resource, level: v.level, message: v.message })),
    };
}

/** 1 when any violation is mandatory, else 0. */
export function exitCodeFor(violations: Violation[]): number {
    return violations.some((v) => v.level === "mandatory") ? EXIT.mandatoryViolation : EXIT.ok;
}
