/**
 * The constraint checks: judge every registered AWS resource's inputs (and the names the provider
 * would generate) against the AWS API constraints (`awsConstraints.json`, generated from the botocore
 * models), the hand-written rules (`handRules.ts`), the cross-field rules (`crossFieldRules.ts`) and
 * the provider's auto-naming (`autoNaming.ts`). Pure: data in, problems out. Values not known yet (a
 * preview's unknowns) are skipped.
 */
import * as fs from "fs";
import { UNKNOWN_STRING } from "../../../rules/unknownValues";
import { RecordedResource } from "../types";
import { AUTO_NAMING, autoName, autoNameProblem, prefixedName, prefixProperty, PREFIX_SOURCE, PREFIX_SUFFIX_LENGTH } from "./autoNaming";
import { CROSS_FIELD_RULES, CrossFieldRule } from "./crossFieldRules";
import { DATA_FILE } from "./dataFile";
import { compilePattern } from "./patterns";
import { HAND_RULES } from "./handRules";
import { ConstraintData, ConstraintProblem, ConstraintRule } from "./types";

export type { ConstraintProblem } from "./types";

/** Properties the provider takes as a JSON string whose content AWS validates member by member. */
const JSON_PROPERTIES: Record<string, string[]> = { "aws:ecs/taskDefinition:TaskDefinition": ["containerDefinitions"] };

/** True for a value not known yet: absent, the preview sentinel, or a string built from one. */
export function isUnknown(v: unknown): boolean {
    return v === undefined || (typeof v === "string" && v.includes(UNKNOWN_STRING));
}

let loaded: { byType: Map<string, ConstraintRule[]>; cross: Map<string, CrossFieldRule[]> } | undefined;

/** The generated data plus the hand-written rules, indexed by type; read once per process. */
function rules(): NonNullable<typeof loaded> {
    if (loaded) return loaded;
    const data: ConstraintData = JSON.parse(fs.readFileSync(DATA_FILE, "utf8"));
    const byType = new Map<string, ConstraintRule[]>();
    for (const r of [...data.rules, ...HAND_RULES]) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
    const cross = new Map<string, CrossFieldRule[]>();
    for (const r of CROSS_FIELD_RULES) cross.set(r.type, [...(cross.get(r.type) ?? []), r]);
    loaded = { byType, cross };
    return loaded;
}

/**
 * The inputs with each JSON-string property of the type (`JSON_PROPERTIES`) parsed, once, so the value
 * rules and the cross-field rules read the same structure; a property that is unknown or not valid
 * JSON is left out (AWS's JSON check is the provider's concern, not a value rule's).
 */
export function withJsonParsed(type: string, inputs: Record<string, any>): Record<string, any> {
    const props = JSON_PROPERTIES[type];
    if (!props) return inputs;
    const out = { ...inputs };
    for (const k of props) {
        const v = out[k];
        if (typeof v !== "string") continue;
        delete out[k];
        if (isUnknown(v)) continue;
        try {
            out[k] = JSON.parse(v);
        } catch {
            // left out
        }
    }
    return out;
}

/** Every value at a rule path (`a.b[].c{key}`), with its concrete path (`a.b[0].c`). */
export function valuesAt(root: Record<string, any>, property: string): { path: string; value: unknown }[] {
    let current: { path: string; value: unknown }[] = [{ path: "", value: root }];
    for (const segment of property.split(".")) {
        const m = /^([^[{]+)((?:\[\]|\{key\}|\{value\})*)$/.exec(segment);
        if (!m) throw new Error(`bad rule path ${property}`);
        const next: { path: string; value: unknown }[] = [];
        for (const { path, value } of current) {
            if (value === null || typeof value !== "object") continue;
            next.push({ path: path ? `${path}.${m[1]}` : m[1], value: (value as any)[m[1]] });
        }
        current = next;
        for (const suffix of m[2].match(/\[\]|\{key\}|\{value\}/g) ?? []) {
            const expanded: { path: string; value: unknown }[] = [];
            for (const { path, value } of current) {
                if (suffix === "[]" && Array.isArray(value)) value.forEach((x, i) => expanded.push({ path: `${path}[${i}]`, value: x }));
                else if (suffix !== "[]" && value && typeof value === "object" && !Array.isArray(value)) {
                    for (const [k, x] of Object.entries(value)) expanded.push({ path: `${path}.${k}${suffix === "{key}" ? " (key)" : ""}`, value: suffix === "{key}" ? k : x });
                }
            }
            current = expanded;
        }
    }
    return current.filter((c) => !isUnknown(c.value) && c.value !== null);
}

/** The characters of `value` a single-character-class pattern (`[...]*`) does not allow. */
function refusedCharacters(pattern: string, value: unknown): string[] {
    if (typeof value !== "string" || !/^\[.*\][*+]$/.test(pattern)) return [];
    const one = compilePattern(pattern.slice(0, -1));
    return one ? [...new Set([...value].filter((c) => !one.test(c)))] : [];
}

/** What the rule allows, in words (naming the refused characters of `value` when it can). */
export function describeRule(r: ConstraintRule, value?: unknown): string {
    const between = (min?: number, max?: number, unit = "") =>
        min !== undefined && max !== undefined ? `${min} to ${max}${unit}` : min !== undefined ? `at least ${min}${unit}` : `at most ${max}${unit}`;
    switch (r.kind) {
        case "length":
            return `${between(r.min, r.max, " characters")}`;
        case "pattern": {
            const refused = refusedCharacters(r.pattern, value);
            return `must match /^(?:${r.pattern})$/${refused.length > 0 ? `; not allowed: ${refused.map((c) => JSON.stringify(c)).join(" ")}` : ""}`;
        }
        case "enum":
            return `one of ${r.values.join(", ")}`;
        case "range":
            return `a number from ${between(r.min, r.max)}${r.step ? ` in steps of ${r.step}` : ""}`;
        case "items":
            return `${between(r.min, r.max, " items")}`;
    }
}

const patterns = new Map<string, RegExp | undefined>();

/** Whether a value breaks a rule (values of another type than the rule's are not its concern). */
export function breaks(r: ConstraintRule, value: unknown): boolean {
    switch (r.kind) {
        case "length":
            return typeof value === "string" && ((r.min !== undefined && value.length < r.min) || (r.max !== undefined && value.length > r.max));
        case "pattern": {
            if (typeof value !== "string") return false;
            if (!patterns.has(r.pattern)) patterns.set(r.pattern, compilePattern(r.pattern));
            const re = patterns.get(r.pattern);
            return re !== undefined && !re.test(value);
        }
        case "enum":
            return (typeof value === "string" || typeof value === "number") && !r.values.includes(String(value));
        case "range": {
            const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
            if (Number.isNaN(n)) return false;
            if ((r.min !== undefined && n < r.min) || (r.max !== undefined && n > r.max)) return true;
            return r.step !== undefined && Math.abs(n / r.step - Math.round(n / r.step)) > 1e-9;
        }
        case "items": {
            const count = Array.isArray(value) ? value.length : value && typeof value === "object" ? Object.keys(value).length : undefined;
            return count !== undefined && ((r.min !== undefined && count < r.min) || (r.max !== undefined && count > r.max));
        }
    }
}

/** Every value of the registered AWS resources that AWS or the provider would refuse, all at once. */
export function constraintProblems(resources: RecordedResource[]): ConstraintProblem[] {
    const { byType, cross } = rules();
    const problems: ConstraintProblem[] = [];
    for (const r of resources) {
        if (!r.custom) continue;
        const resource = `${r.type}::${r.name}`;
        const naming = AUTO_NAMING[r.type];
        const unnamed = naming !== undefined && isUnknown(r.inputs[naming.property]);
        const prefix = unnamed ? r.inputs[prefixProperty(naming)] : undefined;
        const prefixed = typeof prefix === "string" && !isUnknown(prefix);
        // The bridge auto-names only what has neither a name nor a prefix.
        const autoNamed = unnamed && prefix === undefined;
        // The physical name: the explicit one, else the one the provider generates.
        const generated = prefixed ? prefixedName(prefix, "") : autoNamed ? autoName(naming, r.name, "0".repeat(naming.randomLength)) : undefined;
        const inputs = withJsonParsed(r.type, r.inputs);
        const subject = generated !== undefined ? { ...inputs, [naming.property]: r.outputs[naming.property] ?? generated } : inputs;
        const tooLong = autoNamed ? autoNameProblem(naming, r.name) : undefined;
        if (tooLong) problems.push({ resource, property: naming.property, value: subject[naming.property], rule: tooLong, source: naming.source });
        for (const rule of byType.get(r.type) ?? []) {
            // An auto-name the provider refuses is one problem, not also AWS's length limit.
            if (tooLong && rule.kind === "length" && rule.property === naming.property) continue;
            for (const { path, value } of valuesAt(subject, rule.property)) {
                if (!breaks(rule, value)) continue;
                const how =
                    generated === undefined || path !== naming.property
                        ? ""
                        : prefixed
                          ? ` (the name the provider generates from namePrefix: "<prefix><${PREFIX_SUFFIX_LENGTH} characters>", ${PREFIX_SOURCE}; shorten the prefix)`
                          : ` (the name the provider generates: "<logical name>${naming.separator}<${naming.randomLength} random hex>"; set a shorter logical name or an explicit name)`;
                problems.push({ resource, property: path, value, rule: describeRule(rule, value) + how, source: rule.source });
            }
        }
        const known = Object.fromEntries(Object.entries(inputs).filter(([, v]) => !isUnknown(v)));
        for (const rule of cross.get(r.type) ?? []) {
            for (const f of rule.check(known)) problems.push({ resource, property: f.property, value: f.value, rule: rule.rule, source: rule.source });
        }
    }
    return problems;
}

/** One line per problem, as the plan prints them. */
export function formatConstraintProblem(p: ConstraintProblem): string {
    return `${p.resource}: ${p.property} = ${JSON.stringify(p.value)}: ${p.rule} (source: ${p.source})`;
}
