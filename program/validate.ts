/**
 * Turns the raw stack config into `Settings`, or one `ConfigError` that lists every problem, each
 * naming the key, the value given and what is allowed. Pure: no Pulumi runtime needed.
 */
import { isValidFargateSize, describeAllowedMemory, FARGATE_SIZES, cheapestFargateSize } from "../components/lib/ecs/fargateSizes";
import { isValidLogRetention, LOG_RETENTION_DAYS } from "../components/lib/cloudwatch/logRetention";
import { isValidCidr, isValidPort, RESERVED_CONTAINER_PORTS } from "../components/lib/ec2/addresses";
import { ACM_CERTIFICATE_ARN, ECS_CLUSTER_ARN, KMS_KEY_ARN, isSecretReference, secretsKmsKeyArnsProblems } from "../components/lib/iam/arns";
import { findSecret } from "../rules/secrets";
import { sslPolicyNameProblem } from "../rules/elbSecurityPolicies";
import { taskRoleStatementProblems } from "../components/lib/iam/iamStatements";
import { validateHealthCheck, validateScheduleExpression, isTimeZone, ULIMIT_NAMES } from "../components/lib/ecs/ecsLimits";
import { DEFAULT_ALARM_THRESHOLDS } from "../components/lib/cloudwatch/alarmDefinitions";
import { DependencyCondition } from "../components/lib/enums";
import { deploymentStrategyProblems, isDeploymentStrategy, shiftsTraffic, testListenerPortProblem } from "../components/lib/ecs/deploymentStrategy";
import { capacityStrategyProblems } from "../components/lib/ecs/capacityStrategy";
import { autoNameProblems, maxServiceNameLength, scheduledTaskAutoNames, webServiceAutoNames } from "../components/lib/nameLimits";
import { CONFIG_NAMESPACE, CONFIG_SCHEMA, ConfigKey } from "./schema";
import { Settings } from "./settings";
import { regionProblem } from "../rules/awsRegions";

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

/** Allowed CPU levels, for messages. */
const CPU_LEVELS = FARGATE_SIZES.map((l) => l.cpu);
const MAX_TASKS = 100;
const SERVICE_NAME = /^[a-z][a-z0-9-]*$/;
const CONTAINER_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MATCHER = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;

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

function closestKey(key: string): string | undefined {
    let best: string | undefined;
    let bestScore = Infinity;
    for (const k of Object.keys(CONFIG_SCHEMA)) {
        const d = editDistance(key.toLowerCase(), k.toLowerCase());
        if (d < bestScore) {
            bestScore = d;
            best = k;
        }
    }
    return bestScore <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
    const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) dp[0][j] = j;
    for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++)
            dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return dp[a.length][b.length];
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

function checkEnvironment(key: string, env: unknown, problems: ConfigProblem[], allowNames: readonly string[]): void {
    if (env === undefined) return;
    for (const [name, value] of Object.entries(env as Record<string, unknown>)) {
        if (!ENV_NAME.test(name)) problems.push({ key: `${key}.${name}`, value, message: "is not a valid environment variable name (letters, digits, _; not starting with a digit)" });
        if (typeof value !== "string") problems.push({ key: `${key}.${name}`, value, message: "must be a string (quote numbers and booleans)" });
        else {
            const secret = findSecret(name, value, { allowNames });
            if (secret)
                problems.push({
                    key: `${key}.${name}`,
                    value: "[redacted]",
                    message: `looks like a secret in plain text (${secret.reason}); store it in Secrets Manager or SSM and reference its ARN under \`secrets\`, or, if it is no secret, add ${name} to \`allowPlaintextEnvironment\``,
                });
        }
    }
}

function checkSecrets(key: string, secrets: unknown, problems: ConfigProblem[]): void {
    if (secrets === undefined) return;
    for (const [name, valueFrom] of Object.entries(secrets as Record<string, unknown>)) {
        if (!ENV_NAME.test(name)) problems.push({ key: `${key}.${name}`, value: valueFrom, message: "is not a valid environment variable name" });
        if (typeof valueFrom !== "string" || !isSecretReference(valueFrom))
            problems.push({ key: `${key}.${name}`, value: valueFrom, message: "must be a Secrets Manager secret ARN (arn:aws:secretsmanager:…:secret:…) or an SSM parameter ARN (arn:aws:ssm:…:parameter/…)" });
    }
}

function intIn(key: string, v: unknown, lo: number, hi: number, problems: ConfigProblem[], what = ""): void {
    if (v === undefined) return;
    if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi) problems.push({ key, value: v, message: `must be a whole number from ${lo} to ${hi}${what}` });
}

function checkSidecars(sidecars: unknown[], mainName: string, problems: ConfigProblem[], allowPlaintext: readonly string[]): void {
    const names = new Set<string>([mainName]);
    sidecars.forEach((raw, i) => {
        const s = raw as Record<string, any>;
        const k = `sidecars[${i}]`;
        if (typeof s.name !== "string" || !CONTAINER_NAME.test(s.name)) problems.push({ key: `${k}.name`, value: s.name, message: "must be a container name (letters, digits, _ and -)" });
        else if (names.has(s.name)) problems.push({ key: `${k}.name`, value: s.name, message: "is already used by another container" });
        else names.add(s.name);
        if (typeof s.image !== "string" || s.image.trim() === "") problems.push({ key: `${k}.image`, value: s.image, message: "is required: an image URI" });
        intIn(`${k}.cpu`, s.cpu, 0, 16384, problems);
        intIn(`${k}.memory`, s.memory, 6, 122880, problems, " MiB");
        intIn(`${k}.memoryReservation`, s.memoryReservation, 6, 122880, problems, " MiB");
        (s.portMappings ?? []).forEach((p: any, j: number) => {
            if (!isValidPort(p?.containerPort)) problems.push({ key: `${k}.portMappings[${j}].containerPort`, value: p?.containerPort, message: "must be a port from 1 to 65535" });
        });
        checkEnvironment(`${k}.environment`, s.environment, problems, allowPlaintext);
        checkSecrets(`${k}.secrets`, s.secrets, problems);
        if (s.healthCheck !== undefined) for (const m of validateHealthCheck(s.healthCheck)) problems.push({ key: `${k}.healthCheck${m.field ? "." + m.field : ""}`, value: m.value, message: m.message });
        (s.dependsOn ?? []).forEach((d: any, j: number) => {
            if (!Object.values(DependencyCondition).includes(d?.condition)) problems.push({ key: `${k}.dependsOn[${j}].condition`, value: d?.condition, message: `must be one of ${Object.values(DependencyCondition).join(", ")}` });
        });
        if (s.user !== undefined && /^(root|0)(:.*)?$/.test(String(s.user))) problems.push({ key: `${k}.user`, value: s.user, message: "runs as root; use a non-root UID" });
    });
}

/** The fields a `scheduledTasks` entry may have. */
const SCHEDULED_TASK_FIELDS = ["name", "schedule", "timezone", "command"];
const SCHEDULED_TASK_NAME = /^[A-Za-z0-9_-]{1,32}$/;

/** Each scheduled task: a unique name, a valid schedule and time zone, a non-empty command, no unknown fields. */
function checkScheduledTasks(tasks: unknown[], problems: ConfigProblem[]): void {
    const names = new Set<string>();
    tasks.forEach((raw, i) => {
        const t = raw as Record<string, any>;
        const k = `scheduledTasks[${i}]`;
        for (const field of Object.keys(t)) {
            if (!SCHEDULED_TASK_FIELDS.includes(field)) problems.push({ key: `${k}.${field}`, value: t[field], message: `is not a scheduled task field; allowed: ${SCHEDULED_TASK_FIELDS.join(", ")}` });
        }
        if (typeof t.name !== "string" || !SCHEDULED_TASK_NAME.test(t.name)) problems.push({ key: `${k}.name`, value: t.name, message: "must be a name of 1–32 letters, digits, _ and -" });
        else if (names.has(t.name)) problems.push({ key: `${k}.name`, value: t.name, message: "is already used by another scheduled task; names must be unique" });
        else names.add(t.name);
        const err = validateScheduleExpression(t.schedule);
        if (err) problems.push({ key: `${k}.schedule`, value: t.schedule, message: err });
        if (t.timezone !== undefined && !isTimeZone(t.timezone))
            problems.push({ key: `${k}.timezone`, value: t.timezone, message: 'must be an IANA time zone such as "UTC" or "Europe/Paris"' });
        if (!Array.isArray(t.command) || t.command.length === 0 || !t.command.every((w: unknown) => typeof w === "string" && w !== ""))
            problems.push({ key: `${k}.command`, value: t.command, message: 'must be a non-empty list of non-empty strings, e.g. ["python", "manage.py", "clearsessions"]' });
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
        problems.push({ key: "serviceName", value: v.serviceName, message: `must be at most ${max} characters${shifting ? ` with deploymentStrategy ${v.deploymentStrategy}` : ""}: ${why}` });
    }
    (Array.isArray(v.scheduledTasks) ? v.scheduledTasks : []).forEach((t: any, i: number) => {
        if (typeof t?.name !== "string") return;
        const taskProblems = autoNameProblems(scheduledTaskAutoNames(`${v.serviceName}-${t.name}`));
        if (taskProblems.length > 0)
            problems.push({ key: `scheduledTasks[${i}].name`, value: t.name, message: `is too long with serviceName "${v.serviceName}": ${taskProblems.join("; ")}; shorten the task or the service name` });
    });
}

/** Validate parsed values with defaults applied. Returns the problems found. */
export function validateValues(v: Record<string, any>): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const p = (key: string, message: string) => problems.push({ key, value: v[key], message });

    checkServiceName(v, problems);
    for (const [k, val] of Object.entries(v.tags ?? {})) if (typeof val !== "string") problems.push({ key: `tags.${k}`, value: val, message: "tag values must be strings" });

    // Image
    const hasImage = typeof v.image === "string" && v.image.trim() !== "";
    const hasBuild = typeof v.buildContext === "string" && v.buildContext.trim() !== "";
    if (!hasImage && !hasBuild) p("image", "no image to run: set `image` (a prebuilt image URI) or `buildContext` (a directory with a Dockerfile)");
    if (hasImage && hasBuild) p("image", "both `image` and `buildContext` are set; give exactly one");
    intIn("keepTaggedImages", v.keepTaggedImages, 1, 1000, problems);

    // Container
    if (!CONTAINER_NAME.test(v.containerName)) p("containerName", "must be letters, digits, _ and - (1–255)");
    if (!isValidPort(v.containerPort)) p("containerPort", "must be a port from 1 to 65535");
    else if (RESERVED_CONTAINER_PORTS.includes(v.containerPort)) p("containerPort", `is reserved by ECS/Docker (${RESERVED_CONTAINER_PORTS.join(", ")}); pick another port`);
    if (/^(root|0)(:.*)?$/.test(String(v.user))) p("user", "runs the container as root; use a non-root UID such as 10001");
    const allowPlaintext: string[] = Array.isArray(v.allowPlaintextEnvironment) ? v.allowPlaintextEnvironment : [];
    if (!Array.isArray(v.allowPlaintextEnvironment) || v.allowPlaintextEnvironment.some((n: unknown) => typeof n !== "string" || !/^[A-Za-z_*?][A-Za-z0-9_*?]*$/.test(n)))
        p("allowPlaintextEnvironment", "must be a list of environment variable names (letters, digits, _), optionally with * and ? as wildcards");
    checkEnvironment("environment", v.environment, problems, allowPlaintext);
    checkSecrets("secrets", v.secrets, problems);
    const keyLists = Array.isArray(v.secretsKmsKeyArns) || v.secretsKmsKeyArns === undefined ? v.secretsKmsKeyArns : [v.secretsKmsKeyArns];
    problems.push(...secretsKmsKeyArnsProblems(keyLists, [v.secrets, ...(Array.isArray(v.sidecars) ? v.sidecars.map((c: any) => c?.secrets) : [])]));
    if (v.containerHealthCheck !== undefined)
        for (const m of validateHealthCheck(v.containerHealthCheck)) problems.push({ key: `containerHealthCheck${m.field ? "." + m.field : ""}`, value: m.value, message: m.message });
    intIn("stopTimeout", v.stopTimeout, 2, 120, problems, " seconds");
    (v.ulimits ?? []).forEach((u: any, i: number) => {
        if (!ULIMIT_NAMES.includes(u?.name)) problems.push({ key: `ulimits[${i}].name`, value: u?.name, message: `must be one of ${ULIMIT_NAMES.join(", ")}` });
        if (!Number.isInteger(u?.softLimit) || !Number.isInteger(u?.hardLimit) || u.softLimit > u.hardLimit || u.hardLimit > 1048576)
            problems.push({ key: `ulimits[${i}]`, value: u, message: "softLimit and hardLimit must be whole numbers with softLimit ≤ hardLimit ≤ 1048576" });
    });
    checkSidecars(v.sidecars ?? [], v.containerName, problems, allowPlaintext);

    // Task size
    const cpuGiven = v.cpu !== undefined;
    const memGiven = v.memory !== undefined;
    if (cpuGiven !== memGiven) p(cpuGiven ? "memory" : "cpu", "set both `cpu` and `memory`, or neither (the cheapest size that fits is chosen)");
    if (cpuGiven && !CPU_LEVELS.includes(v.cpu)) p("cpu", `is not a Fargate CPU size; allowed: ${CPU_LEVELS.join(", ")}`);
    else if (cpuGiven && memGiven && !isValidFargateSize(v.cpu, v.memory))
        p("memory", `is not offered by Fargate with cpu ${v.cpu}; allowed: ${describeAllowedMemory(v.cpu)}`);
    if (!["x86_64", "arm64"].includes(v.architecture)) p("architecture", "must be x86_64 or arm64");
    const sidecarCpu = (v.sidecars ?? []).reduce((s: number, c: any) => s + (Number.isInteger(c.cpu) ? c.cpu : 0), 0);
    const sidecarMem = (v.sidecars ?? []).reduce((s: number, c: any) => s + (Number.isInteger(c.memory) ? c.memory : Number.isInteger(c.memoryReservation) ? c.memoryReservation : 0), 0);
    if (cpuGiven && memGiven && isValidFargateSize(v.cpu, v.memory) && (sidecarCpu > v.cpu || sidecarMem + 128 > v.memory))
        p("memory", `the sidecars need ${sidecarCpu} CPU units and ${sidecarMem} MiB, leaving the web container less than 128 MiB; raise cpu/memory`);
    if (!cpuGiven) {
        try {
            cheapestFargateSize(sidecarCpu, sidecarMem + 512);
        } catch (e) {
            p("sidecars", (e as Error).message);
        }
    }

    // Task role
    for (const sp of taskRoleStatementProblems(v.taskRoleStatements ?? [])) {
        if (!v.allowBroadTaskRolePermissions || sp.kind === "invalid")
            problems.push({
                key: `taskRoleStatements[${sp.index}]`,
                value: (v.taskRoleStatements ?? [])[sp.index],
                message: sp.message + (sp.kind === "broad" ? " (or set allowBroadTaskRolePermissions: true to accept it deliberately)" : ""),
            });
    }

    // Scaling
    intIn("desiredCount", v.desiredCount, 0, MAX_TASKS, problems, " tasks");
    intIn("minCount", v.minCount, 0, MAX_TASKS, problems, " tasks");
    intIn("maxCount", v.maxCount, 1, MAX_TASKS, problems, " tasks");
    if (Number.isInteger(v.minCount) && Number.isInteger(v.maxCount) && v.minCount > v.maxCount) p("minCount", `is above maxCount (${v.maxCount})`);
    if (Number.isInteger(v.desiredCount) && Number.isInteger(v.minCount) && Number.isInteger(v.maxCount) && (v.desiredCount < v.minCount || v.desiredCount > v.maxCount))
        p("desiredCount", `must lie between minCount (${v.minCount}) and maxCount (${v.maxCount})`);
    intIn("onDemandBase", v.onDemandBase, 0, MAX_TASKS, problems, " tasks");
    intIn("spotWeight", v.spotWeight, 0, 1000, problems);
    intIn("onDemandWeight", v.onDemandWeight, 0, 1000, problems);
    // ECS places no task on a weight-0 provider and needs one weight above 0 (the component's own check; ranges above).
    for (const c of capacityStrategyProblems({ onDemandBase: v.onDemandBase, spotWeight: v.spotWeight, onDemandWeight: v.onDemandWeight }, false)) problems.push({ key: c.field, value: c.value, message: c.message });
    if (v.spotWeight > 0 && v.architecture === "arm64") {
        /* Graviton Spot is supported on Fargate since 2024-09: allowed. */
    }
    intIn("healthCheckGracePeriod", v.healthCheckGracePeriod, 0, 3600, problems, " seconds");
    for (const k of ["cpuTarget", "memoryTarget"]) {
        if (v[k] !== undefined && (typeof v[k] !== "number" || !(v[k] > 0 && v[k] <= 100))) p(k, "must be a percentage above 0 and at most 100");
    }
    if (v.requestsPerTarget !== undefined && (typeof v.requestsPerTarget !== "number" || !(v.requestsPerTarget > 0))) p("requestsPerTarget", "must be a number of requests above 0");
    intIn("scaleInCooldown", v.scaleInCooldown, 0, 3600, problems, " seconds");
    intIn("scaleOutCooldown", v.scaleOutCooldown, 0, 3600, problems, " seconds");
    (v.scheduledScaling ?? []).forEach((s: any, i: number) => {
        const k = `scheduledScaling[${i}]`;
        if (typeof s.name !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(s.name)) problems.push({ key: `${k}.name`, value: s.name, message: "must be a name of letters, digits, _ and -" });
        const err = validateScheduleExpression(s.schedule);
        if (err) problems.push({ key: `${k}.schedule`, value: s.schedule, message: err });
        if (s.minCount === undefined && s.maxCount === undefined) problems.push({ key: k, value: s, message: "needs minCount and/or maxCount" });
        intIn(`${k}.minCount`, s.minCount, 0, MAX_TASKS, problems);
        intIn(`${k}.maxCount`, s.maxCount, 1, MAX_TASKS, problems);
        if (Number.isInteger(s.minCount) && Number.isInteger(s.maxCount) && s.minCount > s.maxCount) problems.push({ key: `${k}.minCount`, value: s.minCount, message: "is above maxCount" });
    });

    // Logs and keys
    if (!isValidLogRetention(v.logRetentionDays)) p("logRetentionDays", `must be one of ${LOG_RETENTION_DAYS.join(", ")}`);
    if (v.kmsKeyArn !== undefined && !KMS_KEY_ARN.test(v.kmsKeyArn)) p("kmsKeyArn", "must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)");

    // Network
    if (!["none", "single", "perAz"].includes(v.natStrategy)) p("natStrategy", "must be none, single or perAz");
    intIn("azCount", v.azCount, 2, 6, problems, " (at least 2 for an ALB)");
    if (!isValidCidr(v.vpcCidr) || v.vpcCidr.includes(":")) p("vpcCidr", "must be an IPv4 CIDR such as 10.0.0.0/16");
    else if (Number(v.vpcCidr.split("/")[1]) > 24 || Number(v.vpcCidr.split("/")[1]) < 16) p("vpcCidr", "prefix must be from /16 to /24 so every AZ gets a public and a private subnet");
    const byo = [v.vpcId, v.publicSubnetIds, v.privateSubnetIds].filter((x) => x !== undefined).length;
    if (byo > 0) {
        if (typeof v.vpcId !== "string" || !/^vpc-[0-9a-f]{8,17}$/.test(v.vpcId)) p("vpcId", "must be a VPC id (vpc-…) when you bring your own subnets");
        for (const k of ["publicSubnetIds", "privateSubnetIds"]) {
            const ids = v[k];
            if (!Array.isArray(ids) || ids.length < 2) p(k, "must list at least 2 subnet ids (one per AZ) when you bring your own VPC");
            else ids.forEach((id: string, i: number) => {
                if (!/^subnet-[0-9a-f]{8,17}$/.test(id)) problems.push({ key: `${k}[${i}]`, value: id, message: "must be a subnet id (subnet-…)" });
            });
        }
    }

    // Cluster
    if (v.clusterArn !== undefined && !ECS_CLUSTER_ARN.test(v.clusterArn)) p("clusterArn", "must be an ECS cluster ARN (arn:aws:ecs:<region>:<account>:cluster/<name>)");
    if (!["disabled", "enabled", "enhanced"].includes(v.containerInsights)) p("containerInsights", "must be disabled, enabled or enhanced");

    // Load balancer
    if (v.certificateArn !== undefined && !ACM_CERTIFICATE_ARN.test(v.certificateArn)) p("certificateArn", "must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)");
    const sslProblem = typeof v.sslPolicy === "string" ? sslPolicyNameProblem(v.sslPolicy) : "must be the name of an ELB security policy";
    if (sslProblem) p("sslPolicy", sslProblem);
    if (!Array.isArray(v.ingressCidrs) || v.ingressCidrs.length === 0) p("ingressCidrs", "must list at least one CIDR");
    else v.ingressCidrs.forEach((c: string, i: number) => {
        if (!isValidCidr(c)) problems.push({ key: `ingressCidrs[${i}]`, value: c, message: "is not a valid CIDR (e.g. 203.0.113.0/24 or 2001:db8::/32)" });
    });
    if (typeof v.healthCheckPath !== "string" || !v.healthCheckPath.startsWith("/") || v.healthCheckPath.length > 1024) p("healthCheckPath", "must start with / (at most 1024 characters)");
    if (!MATCHER.test(v.healthCheckMatcher)) p("healthCheckMatcher", "must be HTTP codes like 200, 200-399 or 200,204");
    intIn("healthCheckInterval", v.healthCheckInterval, 5, 300, problems, " seconds");
    intIn("healthCheckTimeout", v.healthCheckTimeout, 2, 120, problems, " seconds");
    if (Number.isInteger(v.healthCheckTimeout) && Number.isInteger(v.healthCheckInterval) && v.healthCheckTimeout >= v.healthCheckInterval)
        p("healthCheckTimeout", `must be less than healthCheckInterval (${v.healthCheckInterval})`);
    intIn("healthyThreshold", v.healthyThreshold, 2, 10, problems);
    intIn("unhealthyThreshold", v.unhealthyThreshold, 2, 10, problems);
    intIn("deregistrationDelay", v.deregistrationDelay, 0, 3600, problems, " seconds");
    intIn("idleTimeout", v.idleTimeout, 1, 4000, problems, " seconds");
    (v.alarmEmails ?? []).forEach((e: string, i: number) => {
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)) problems.push({ key: `alarmEmails[${i}]`, value: e, message: "is not an email address" });
    });
    (v.alarmHttpsEndpoints ?? []).forEach((u: string, i: number) => {
        if (!/^https:\/\/[^\s/]+/.test(u)) problems.push({ key: `alarmHttpsEndpoints[${i}]`, value: u, message: "must be an https:// URL" });
    });
    for (const [k, val] of Object.entries(v.alarmThresholds ?? {})) {
        if (!(k in DEFAULT_ALARM_THRESHOLDS)) problems.push({ key: `alarmThresholds.${k}`, value: val, message: `unknown threshold; allowed: ${Object.keys(DEFAULT_ALARM_THRESHOLDS).join(", ")}` });
        else if (k === "responseTimeStatistic") {
            if (val !== "p90" && val !== "p99") problems.push({ key: `alarmThresholds.${k}`, value: val, message: "must be p90 or p99" });
        } else if (typeof val !== "number" || !(val > 0) || (["cpuPercent", "memoryPercent", "target5xxPercent"].includes(k) && val > 100))
            problems.push({ key: `alarmThresholds.${k}`, value: val, message: ["cpuPercent", "memoryPercent", "target5xxPercent"].includes(k) ? "must be a percentage above 0 and at most 100" : "must be a number above 0" });
    }
    if (v.waf && v.internal) p("waf", "WAF protects internet-facing load balancers; it is not needed with internal: true");

    // Deployment
    for (const sp of deploymentStrategyProblems({
        strategy: v.deploymentStrategy,
        bakeTimeMinutes: v.bakeTimeMinutes,
        canaryPercent: v.canaryPercent,
        canaryBakeMinutes: v.canaryBakeMinutes,
        linearStepPercent: v.linearStepPercent,
        linearStepBakeMinutes: v.linearStepBakeMinutes,
    }))
        problems.push({ key: sp.field, value: sp.value, message: sp.message });
    const testPortProblem = testListenerPortProblem(v.testListenerPort, v.containerPort, isDeploymentStrategy(v.deploymentStrategy) ? v.deploymentStrategy : undefined);
    if (testPortProblem) p("testListenerPort", testPortProblem);
    checkScheduledTasks(v.scheduledTasks ?? [], problems);

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
