/**
 * `importTaskDefinition`: an ECS task definition → a fargatekit stack config (`fargatekit:` keys and
 * `aws:region`), secure and cheap by default, with a report line for every field saying what was
 * carried, what changed, what was dropped and what to check. The config always passes
 * `loadSettings`; the importer checks that before returning. A task definition that needs what
 * Fargate cannot provide (blocking fields, see fargateCompatibility.ts) is refused with
 * `BlockingFieldsError`, unless `force` is set: then those fields are left out and reported as
 * `blocking`.
 */
import { loadSettings, ConfigError } from "../../program/validate";
import type { SidecarSettings } from "../../program/settings";
import { CONFIG_NAMESPACE, CONFIG_SCHEMA } from "../../program/schema";
import { configString } from "../offline/stackConfig";
import { awsContext, AwsContext } from "./awsContext";
import { BlockingFieldsError, BlockingFinding, findBlockingFields, markBlocking } from "./blockingFields";
import { chooseWebContainer, ContainerContext, hasValidHealthCheck, mapSidecar, mapWebContainer } from "./containers";
import { checkStackName, MAX_SERVICE_NAME_LENGTH, serviceNameFromFamily } from "./names";
import { ReportBuilder, ReportLine } from "./report";
import { NormalisedTaskDefinition, normaliseTaskDefinition, TaskDefinition } from "./taskDefinition";
import { chooseTaskSize, containerNeeds, ContainerNeeds, parseCpuUnits, parseMemoryMiB } from "./taskSize";
import { FARGATE_MAX_CPU, FARGATE_MAX_MEMORY_MIB } from "./fargateCompatibility";
import { applyDropRules, dropVolumes, TASK_DROP_RULES } from "./unsupported";

/** The region used when the task definition names none. */
export const DEFAULT_REGION = "us-east-1";
/** The service name the program uses by default. */
export const DEFAULT_SERVICE_NAME = "web";

/** Task fields this module reads; any other field (outside the drop rules and read-only fields) is reported as not recognised. */
const READ_TASK_FIELDS = ["family", "containerDefinitions", "cpu", "memory", "networkMode", "requiresCompatibilities", "runtimePlatform", "volumes", "tags"];

/** Options of an import. */
export interface ImportOptions {
    /** The stack the config is for (`Pulumi.<stack>.yaml`). */
    stack: string;
    /**
     * Import even when the task definition has blocking fields: they are left out of the config
     * and reported as `blocking`.
     * @default false (throw `BlockingFieldsError` listing them)
     */
    force?: boolean;
}

/** The result: config keys (`fargatekit:<key>` and `aws:region`) with typed values, and the report. */
export interface ImportResult {
    config: Record<string, unknown>;
    report: ReportLine[];
    /** The blocking fields left out (only with `force`; otherwise the import throws). */
    blocking: BlockingFinding[];
}

/** What each network mode meant for ports, for the `changed` line that forces awsvpc. */
const NETWORK_MODE_BEFORE: Record<string, string> = {
    bridge: "in bridge mode the container's port was published on a port of the EC2 host (hostPort, or a dynamic port with 0)",
    host: "in host mode the container listened directly on the EC2 host's network, so hostPort had to equal containerPort and only one task fitted per port and host",
    none: "with network mode none the task had no external network",
    "": "with no network mode ECS used bridge mode on EC2 (the container's port published on a host port)",
};

/** Force awsvpc, explaining what happens to ports. */
function reportNetworkMode(td: TaskDefinition, report: ReportBuilder): void {
    const mode = td.networkMode ?? "";
    if (mode === "awsvpc") {
        report.mapped("networkMode", "awsvpc, as Fargate requires.");
        return;
    }
    const before = NETWORK_MODE_BEFORE[mode] ?? `network mode ${JSON.stringify(mode)} is not one ECS knows`;
    report.changed(
        "networkMode",
        `${mode || "not set"} → awsvpc (Fargate's only mode): ${before}; in awsvpc each task gets its own network interface and private IP, ` +
            "the container listens on containerPort on that IP, hostPort no longer exists, and only the ALB may connect (on the container port).",
    );
}

/** Fargate as the launch type. */
function reportCompatibilities(td: TaskDefinition, report: ReportBuilder): void {
    const req = td.requiresCompatibilities;
    if (req?.includes("FARGATE")) report.mapped("requiresCompatibilities", `${JSON.stringify(req)}: fargatekit runs the task on Fargate.`);
    else
        report.changed(
            "requiresCompatibilities",
            `${req ? JSON.stringify(req) : "not set"} → ["FARGATE"]: fargatekit runs the task on Fargate (on-demand, with optional Spot through fargatekit:spotWeight).`,
        );
}

/** runtimePlatform → architecture; a Windows platform is dropped. Returns the architecture key, if set. */
function mapRuntimePlatform(td: TaskDefinition, report: ReportBuilder): "x86_64" | "arm64" | undefined {
    const rp = td.runtimePlatform;
    if (!rp) return undefined;
    const os = rp.operatingSystemFamily;
    if (os !== undefined && os !== "LINUX") report.dropped("runtimePlatform.operatingSystemFamily", `${os}: fargatekit runs Linux tasks; a Windows image will not start on them.`);
    const arch = rp.cpuArchitecture;
    if (arch === undefined) return undefined;
    const mapped = arch.toUpperCase() === "ARM64" ? "arm64" : arch.toUpperCase() === "X86_64" ? "x86_64" : undefined;
    if (mapped) report.mapped("runtimePlatform.cpuArchitecture", `${arch} → fargatekit:architecture ${mapped}.`);
    else report.dropped("runtimePlatform.cpuArchitecture", `${JSON.stringify(arch)} is not X86_64 or ARM64; fargatekit:architecture stays x86_64.`);
    return mapped;
}

/** family → serviceName (made valid when it is not). */
function mapServiceName(td: TaskDefinition, report: ReportBuilder): string {
    if (td.family === undefined) {
        report.note("family", `not set: fargatekit:serviceName is "${DEFAULT_SERVICE_NAME}".`);
        return DEFAULT_SERVICE_NAME;
    }
    const name = serviceNameFromFamily(td.family);
    if (name === undefined) {
        report.changed(
            "family",
            `"${td.family}" cannot be a service name (lowercase letters, digits, hyphens; starting with a letter; at most ${MAX_SERVICE_NAME_LENGTH}) → fargatekit:serviceName "${DEFAULT_SERVICE_NAME}".`,
        );
        return DEFAULT_SERVICE_NAME;
    }
    const family = `${name}-service`;
    if (name === td.family) report.mapped("family", `"${td.family}" → fargatekit:serviceName; the program registers the task family "${family}".`);
    else
        report.changed(
            "family",
            `"${td.family}" → fargatekit:serviceName "${name}" (lowercase letters, digits, hyphens; at most 24); the program registers the task family "${family}".`,
        );
    return name;
}

/** Task tags → `fargatekit:tags`; `aws:` tags are reserved and dropped. */
function mapTags(td: TaskDefinition, report: ReportBuilder): Record<string, string> | undefined {
    const out: Record<string, string> = {};
    (td.tags ?? []).forEach((t, i) => {
        if (t.key.toLowerCase().startsWith("aws:")) report.dropped(`tags[${i}]`, `${t.key}: tags starting with aws: are reserved for AWS.`);
        else out[t.key] = t.value ?? "";
    });
    if (Object.keys(out).length === 0) return undefined;
    report.mapped("tags", `${Object.keys(out).join(", ")} → fargatekit:tags (on every taggable resource; ECS propagates them to tasks).`);
    return out;
}

/** `aws:region` from the file, else us-east-1 with a note. */
function mapRegion(ctx: AwsContext, report: ReportBuilder): string {
    if (ctx.region) {
        report.mapped(ctx.region.path, `${ctx.region.value} → aws:region.`);
        return ctx.region.value;
    }
    report.note("", `the task definition names no region (no awslogs-region): aws:region is ${DEFAULT_REGION}; change it if the service runs elsewhere.`);
    return DEFAULT_REGION;
}

/**
 * The service's log group as the program names it (`logGroupNames` in components/webService.ts,
 * not imported so the CLI does not load the Pulumi SDK; a test keeps the two equal).
 */
export function serviceLogGroupName(stack: string, serviceName: string, project = "fargatekit"): string {
    return `/${project}/${stack}/${serviceName}`;
}

/** Task fields nobody reads: reported as not recognised. */
function reportUnknownTaskFields(td: TaskDefinition, report: ReportBuilder): void {
    const ruleFields = TASK_DROP_RULES.map((r) => r.field);
    for (const field of Object.keys(td))
        if (!READ_TASK_FIELDS.includes(field) && !ruleFields.includes(field) && td[field] !== undefined && td[field] !== null)
            report.dropped(field, "not a task definition field the importer knows; not carried.");
}

/** The config map in a stable order: `aws:region`, then the `fargatekit:` keys in schema order. */
function orderedConfig(region: string, values: Record<string, unknown>): Record<string, unknown> {
    const config: Record<string, unknown> = { "aws:region": region };
    for (const key of Object.keys(CONFIG_SCHEMA)) if (values[key] !== undefined) config[`${CONFIG_NAMESPACE}:${key}`] = values[key];
    return config;
}

/** The config as the Pulumi CLI hands it to the program: every value a string (objects and lists as JSON). */
export function rawConfig(config: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, configString(v)]));
}

/**
 * Import a task definition (either AWS CLI shape, parsed JSON or already normalised) for `stack`.
 * Throws on input that is not a usable task definition, naming the field.
 */
export function importTaskDefinition(td: unknown, options: ImportOptions): ImportResult {
    checkStackName(options.stack);
    const normalised: NormalisedTaskDefinition = isNormalised(td) ? td : normaliseTaskDefinition(td);
    const def = normalised.definition;
    const report = new ReportBuilder();
    const containers = def.containerDefinitions;
    const choice = chooseWebContainer(containers);
    const webIndex = choice.index;
    const aws = awsContext(def, webIndex, normalised.taskDefinitionArn);

    const blocking = findBlockingFields(def);
    if (blocking.length > 0 && !options.force) throw new BlockingFieldsError(blocking);
    const oversized = blocking.some((f) => f.entry.id === "task-size");

    const serviceName = mapServiceName(def, report);
    reportNetworkMode(def, report);
    reportCompatibilities(def, report);
    const architecture = mapRuntimePlatform(def, report);
    const needs = containerNeeds(containers, webIndex);
    const size = oversized ? chooseTaskSize(...withinFargate(def.cpu, def.memory, needs), report) : chooseTaskSize(def.cpu, def.memory, needs, report);
    const region = mapRegion(aws, report);
    applyDropRules(def, TASK_DROP_RULES, "", report);
    dropVolumes(def.volumes ?? [], report);
    reportUnknownTaskFields(def, report);
    const tags = mapTags(def, report);

    const ctx: ContainerContext = {
        aws,
        logs: { logGroupName: serviceLogGroupName(options.stack, serviceName), streamPrefix: `${serviceName}-service` },
        secretName: serviceName,
        containerNames: containers.map((c) => c.name),
        healthChecked: containers.filter(hasValidHealthCheck).map((c) => c.name),
    };
    const web = mapWebContainer(containers[webIndex], choice, ctx, report);
    const sidecars = containers.flatMap((c, i) => (i === webIndex ? [] : [{ c, i }])).map(({ c, i }, s) => leaveOutBlockingSize(mapSidecar(c, i, s, ctx, report), i, blocking));

    const values: Record<string, unknown> = {
        ...(serviceName !== DEFAULT_SERVICE_NAME ? { serviceName } : {}),
        ...(tags ? { tags } : {}),
        ...web,
        ...(sidecars.length > 0 ? { sidecars } : {}),
        cpu: size.cpu,
        memory: size.memory,
        ...(architecture ? { architecture } : {}),
    };
    const config = orderedConfig(region, values);
    assertValid(config);
    return { config, report: markBlocking(report.lines, blocking), blocking };
}

/**
 * A sidecar without the sizes a forced import found blocking (its cpu; its memory and reservation,
 * since the program counts the reservation when the memory is gone).
 */
function leaveOutBlockingSize(sidecar: SidecarSettings, index: number, blocking: readonly BlockingFinding[]): SidecarSettings {
    const paths = new Set(blocking.filter((f) => f.entry.id === "task-size").map((f) => f.path));
    const base = `containerDefinitions[${index}]`;
    if (paths.has(`${base}.cpu`)) delete sidecar.cpu;
    if (paths.has(`${base}.memory`) || paths.has(`${base}.memoryReservation`)) {
        delete sidecar.memory;
        delete sidecar.memoryReservation;
    }
    return sidecar;
}

/** The task's size and the containers' needs capped at Fargate's largest task (for a forced import of a task too big for Fargate). */
function withinFargate(rawCpu: unknown, rawMemory: unknown, needs: ContainerNeeds): [unknown, unknown, ContainerNeeds] {
    const cpu = parseCpuUnits(rawCpu);
    const memory = parseMemoryMiB(rawMemory);
    return [
        cpu !== undefined && cpu > FARGATE_MAX_CPU ? FARGATE_MAX_CPU : rawCpu,
        memory !== undefined && memory > FARGATE_MAX_MEMORY_MIB ? FARGATE_MAX_MEMORY_MIB : rawMemory,
        { cpu: Math.min(needs.cpu, FARGATE_MAX_CPU), memory: Math.min(needs.memory, FARGATE_MAX_MEMORY_MIB) },
    ];
}

/** True when `td` is already a normalised task definition (the result of `parseTaskDefinition`). */
function isNormalised(td: unknown): td is NormalisedTaskDefinition {
    return typeof td === "object" && td !== null && "definition" in td && "shape" in td;
}

/** Throw when the generated config does not pass the program's own validation. */
function assertValid(config: Record<string, unknown>): void {
    try {
        loadSettings(rawConfig(config));
    } catch (e) {
        if (e instanceof ConfigError)
            throw new Error(`the task definition imports into a configuration the program refuses; fix these values in the task definition:\n${e.message}`);
        throw e;
    }
}
