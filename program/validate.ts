/**
 * Turns the raw stack config into `Settings`, or one `ConfigError` that lists every problem, each
 * naming the key, the value given and what is allowed. Parsing config strings and the program's own
 * keys are checked here; every `WebService` argument is checked by the components' validators. Pure:
 * no Pulumi runtime needed.
 */
import { scheduledTaskArgsProblems } from "../components/scheduledTask";
import { isDeploymentStrategy, shiftsTraffic } from "../components/lib/ecs/deploymentStrategy";
import { autoNameProblems, maxServiceNameLength, scheduledTaskAutoNames, webServiceAutoNames } from "../components/lib/nameLimits";
import { webServiceArgsProblems } from "../components/options/webServiceArgs";
import { CONFIG_NAMESPACE, CONFIG_SCHEMA, ConfigKey } from "./schema";
import { Settings } from "./settings";
import { asConfigProblem, webServiceArgsOf } from "./serviceArgs";
import { regionProblem } from "../rules/awsRegions";
import { closestName } from "../rules/closestName";

/** One config problem. */
export interface ConfigProblem {
    key: string;
    value: unknown;
    message: string;
}

/**
 * The single error a bad config produces: every problem, one per line. A key without a namespace
 * is shown in `namespace` (the one the config was read from: `fargatekit`, or a project's own).
 */
export class ConfigError extends Error {
    constructor(
        public readonly problems: ConfigProblem[],
        public readonly namespace: string = CONFIG_NAMESPACE,
    ) {
        super(
            `Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
                problems.map((p) => `  - ${p.key.includes(":") ? p.key : `${namespace}:${p.key}`} = ${show(p.value)}: ${p.message}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}

function show(v: unknown): string {
    if (v === undefined) return "(unset)";
    const s = typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v);
    return s && s.length > 120 ? s.slice(0, 117) + "..." : String(s);
}

const SERVICE_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Parse one raw config string by its declared type. Pulumi hands every value to the program as a
 * string (objects and arrays as JSON); a value of the wrong type is reported, not coerced.
 */
function parseValue(key: string, raw: string, spec: ConfigKey, problems: ConfigProblem[]): unknown {
    const fail = (what: string) => {
        problems.push({ key, value: raw, message: `must be ${what}` });
        return undefined;
    };
    let json: unknown = raw;
    if (spec.type !== "string") {
        try {
            json = JSON.parse(raw);
        } catch {
            json = raw;
        }
    }
    switch (spec.type) {
        case "string":
            return raw;
        case "integer":
            return typeof json === "number" && Number.isInteger(json) ? json : fail("a whole number");
        case "number":
            return typeof json === "number" && Number.isFinite(json) ? json : fail("a number");
        case "boolean":
            return typeof json === "boolean" ? json : fail("true or false");
        case "string[]":
            return Array.isArray(json) && json.every((x) => typeof x === "string") ? json : fail("a list of strings");
        case "object":
            return json && typeof json === "object" && !Array.isArray(json) ? json : fail("an object (a YAML map)");
        case "object[]":
            return Array.isArray(json) && json.every((x) => x && typeof x === "object" && !Array.isArray(x)) ? json : fail("a list of objects");
    }
}

/**
 * Read one namespace out of the full config map (`fargatekit:key` → string; another project's
 * `<project>:key` when given its namespace), parse each value by its type, and report keys we do
 * not know (typos) with the closest known key.
 */
export function parseRawConfig(raw: Record<string, string>, problems: ConfigProblem[], namespace: string = CONFIG_NAMESPACE): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const [fullKey, value] of Object.entries(raw)) {
        const [ns, ...rest] = fullKey.split(":");
        if (ns !== namespace) continue;
        const key = rest.join(":");
        const spec = CONFIG_SCHEMA[key];
        if (!spec) {
            const hint = closestKey(key);
            problems.push({ key, value, message: `unknown key${hint ? `; did you mean "${hint}"?` : ""} (see the config reference in README.md)` });
            continue;
        }
        const parsed = parseValue(key, value, spec, problems);
        if (parsed !== undefined) values[key] = parsed;
    }
    return values;
}

/** The known key a misspelt one most likely meant, if any is close enough. */
function closestKey(key: string): string | undefined {
    return closestName(key, Object.keys(CONFIG_SCHEMA));
}

/** Apply schema defaults. */
function withDefaults(values: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, spec] of Object.entries(CONFIG_SCHEMA)) {
        if (values[k] !== undefined) out[k] = values[k];
        else if (spec.default !== undefined) out[k] = structuredClone(spec.default);
    }
    return out;
}

/** The fields a `scheduledTasks` entry may have. */
const SCHEDULED_TASK_FIELDS = ["name", "schedule", "timezone", "command"];
const SCHEDULED_TASK_NAME = /^[A-Za-z0-9_-]{1,32}$/;

/** Each scheduled task: no unknown fields, a unique name, and the ScheduledTask component's checks of its schedule, time zone and command. */
function checkScheduledTasks(tasks: unknown[], problems: ConfigProblem[]): void {
    const names = new Set<string>();
    tasks.forEach((raw, i) => {
        const t = raw as Record<string, any>;
        const k = `scheduledTasks[${i}]`;
        for (const field of Object.keys(t)) {
            if (!SCHEDULED_TASK_FIELDS.includes(field))
                problems.push({ key: `${k}.${field}`, value: t[field], message: `is not a scheduled task field; allowed: ${SCHEDULED_TASK_FIELDS.join(", ")}` });
        }
        if (typeof t.name !== "string" || !SCHEDULED_TASK_NAME.test(t.name))
            problems.push({ key: `${k}.name`, value: t.name, message: "must be a name of 1–32 letters, digits, _ and -" });
        else if (names.has(t.name)) problems.push({ key: `${k}.name`, value: t.name, message: "is already used by another scheduled task; names must be unique" });
        else names.add(t.name);
        // The schedule, time zone and command are the ScheduledTask's own checks (the command is required here: a job needs one).
        const { schedule, timezone, command } = t;
        for (const p of scheduledTaskArgsProblems({ schedule, timezone, command: command ?? [], taskDefinitionArn: "(the service's)" }))
            problems.push({ key: `${k}.${p.path}`, value: p.value, message: p.message });
    });
}

/**
 * The service name: lowercase letters, digits and hyphens, and short enough that every name derived
 * from it fits AWS's limits once auto-naming appends `-<7 hex>` (the ALB and target groups allow 32
 * characters, IAM roles and schedules 64; see components/lib/nameLimits.ts). The same check covers
 * each scheduled task, whose names start with the service name.
 */
function checkServiceName(v: Record<string, any>, problems: ConfigProblem[]): void {
    if (typeof v.serviceName !== "string" || !SERVICE_NAME.test(v.serviceName)) {
        problems.push({ key: "serviceName", value: v.serviceName, message: "must be lowercase letters, digits or hyphens, starting with a letter" });
        return;
    }
    const shifting = isDeploymentStrategy(v.deploymentStrategy) && shiftsTraffic(v.deploymentStrategy);
    const shape = { shifting, platform: false, accessLogs: v.accessLogs === true };
    const max = maxServiceNameLength(shape);
    if (v.serviceName.length > max) {
        const why = autoNameProblems(webServiceAutoNames(v.serviceName, shape)).join("; ");
        problems.push({
            key: "serviceName",
            value: v.serviceName,
            message: `must be at most ${max} characters${shifting ? ` with deploymentStrategy ${v.deploymentStrategy}` : ""}: ${why}`,
        });
    }
    (Array.isArray(v.scheduledTasks) ? v.scheduledTasks : []).forEach((t: any, i: number) => {
        if (typeof t?.name !== "string") return;
        const taskProblems = autoNameProblems(scheduledTaskAutoNames(`${v.serviceName}-${t.name}`));
        if (taskProblems.length > 0)
            problems.push({
                key: `scheduledTasks[${i}].name`,
                value: t.name,
                message: `is too long with serviceName "${v.serviceName}": ${taskProblems.join("; ")}; shorten the task or the service name`,
            });
    });
}

/**
 * Validate parsed values with defaults applied: the program's own keys here (the service name and the
 * scheduled tasks), every other key by the components' own checks on the arguments the stack builds
 * (`webServiceArgsProblems`), named back by config key. Returns the problems found.
 */
export function validateValues(v: Record<string, any>): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    checkServiceName(v, problems);
    checkScheduledTasks(v.scheduledTasks ?? [], problems);
    const name = typeof v.serviceName === "string" ? v.serviceName : "web";
    // The service name's own rules are checked above, as the config key they belong to.
    for (const p of webServiceArgsProblems(name, webServiceArgsOf(v))) if (p.path !== "(name)") problems.push(asConfigProblem(p));
    return problems;
}

/**
 * `aws:region` (the provider's key, outside our namespace) must be a commercial AWS region, as the
 * AWS SDK's partition data lists them; unset is left to the provider (AWS_REGION and friends).
 */
export function regionProblems(raw: Record<string, string>): ConfigProblem[] {
    const region = raw["aws:region"];
    if (region === undefined) return [];
    const problem = regionProblem(region);
    return problem ? [{ key: "aws:region", value: region, message: problem }] : [];
}

/**
 * The one entry point: raw config map (as `pulumi.runtime.allConfig()` gives it) → `Settings`,
 * reading the keys of `namespace` (default `fargatekit`; a project of its own passes its name).
 * Throws `ConfigError` listing every problem, each key in that namespace; nothing is created when it throws.
 */
export function loadSettings(raw: Record<string, string>, namespace: string = CONFIG_NAMESPACE): Settings {
    const problems: ConfigProblem[] = [];
    const parsed = parseRawConfig(raw, problems, namespace);
    const values = withDefaults(parsed);
    problems.push(...validateValues(values));
    problems.push(...regionProblems(raw));
    if (problems.length > 0) throw new ConfigError(problems, namespace);
    return values as unknown as Settings;
}
