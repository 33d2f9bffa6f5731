/**
 * The containers of a task definition in the program's terms: which one is the web container the
 * ALB forwards to, its settings as `fargatekit:` keys, and the others as `sidecars`.
 */
import type { SidecarSettings } from "../../program/settings";
import { RESERVED_CONTAINER_PORTS } from "../../components/lib/ec2/addresses";
import { validateHealthCheck } from "../../components/lib/ecs/ecsLimits";
import { AwsContext } from "./awsContext";
import { CommonSettings, mapCommonSettings, SettingsTarget } from "./containerSettings";
import { LogDestination, reportLogConfiguration } from "./logs";
import { ReportBuilder } from "./report";
import { ContainerDefinition, isObject } from "./taskDefinition";
import { applyDropRules, CONTAINER_DROP_RULES, dropMountPoints, dropResourceRequirements } from "./unsupported";
import { DependencyCondition } from "../../components/lib/enums";

/** The port the program's web container listens on when the task definition names none. */
export const DEFAULT_CONTAINER_PORT = 3000;
/** dependsOn conditions ECS accepts. */
const DEPENDS_ON_CONDITIONS = ["START", "COMPLETE", "SUCCESS", "HEALTHY"];

/** Container fields this module reads; any other field (outside the drop rules) is reported as not recognised. */
// prettier-ignore
const READ_CONTAINER_FIELDS = [
    "name", "image", "essential", "cpu", "memory", "memoryReservation", "portMappings", "environment", "secrets", "command", "entryPoint",
    "workingDirectory", "user", "healthCheck", "readonlyRootFilesystem", "stopTimeout", "ulimits", "dependsOn", "logConfiguration",
    "linuxParameters", "mountPoints", "resourceRequirements",
];
/** linuxParameters fields that are read or dropped by rule. */
const LINUX_PARAMETER_FIELDS = ["devices", "sharedMemorySize", "tmpfs", "swappiness", "maxSwap", "capabilities", "initProcessEnabled"];

/** What the container mapping needs to know about the task. */
export interface ContainerContext {
    aws: AwsContext;
    logs: LogDestination;
    /** Prefix for suggested secret names, e.g. the service name. */
    secretName: string;
    /** Names of all containers in the task. */
    containerNames: string[];
    /** Names of the containers whose health check is carried over (a HEALTHY dependency needs one). */
    healthChecked: string[];
}

/** The web container's settings as config keys (without the `fargatekit:` prefix). */
export interface WebContainerSettings {
    image: string;
    containerName: string;
    containerPort: number;
    command?: string[];
    entryPoint?: string[];
    workingDirectory?: string;
    user: string;
    environment?: Record<string, string>;
    secrets?: Record<string, string>;
    containerHealthCheck?: CommonSettings["healthCheck"];
    readonlyRootFilesystem: true;
    stopTimeout?: number;
    ulimits?: CommonSettings["ulimits"];
}

/** True when a container's health check is one ECS accepts, so it is carried over. */
export function hasValidHealthCheck(c: ContainerDefinition): boolean {
    return c.healthCheck !== undefined && validateHealthCheck(c.healthCheck).length === 0;
}

/** True when ECS treats the container as essential (the default). */
function isEssential(c: ContainerDefinition): boolean {
    return c.essential !== false;
}

/** The first port mapping that names a container port. */
function firstPort(c: ContainerDefinition): { index: number; port: number; hostPort?: number; protocol?: string } | undefined {
    const index = (c.portMappings ?? []).findIndex((p) => Number.isInteger(p.containerPort));
    if (index < 0) return undefined;
    const p = c.portMappings![index];
    return { index, port: p.containerPort!, hostPort: p.hostPort, protocol: p.protocol };
}

/** Why a container is the web container. */
export type WebChoice = { index: number; because: "port" | "first" };

/** The web container: the first essential container with a port mapping, else the first container. */
export function chooseWebContainer(containers: readonly ContainerDefinition[]): WebChoice {
    const i = containers.findIndex((c) => isEssential(c) && firstPort(c) !== undefined);
    return i >= 0 ? { index: i, because: "port" } : { index: 0, because: "first" };
}

/** Report what every container shares: dropped fields, unknown fields, mounts, GPUs, capabilities, logs. */
function reportContainerFields(c: ContainerDefinition, basePath: string, ctx: ContainerContext, report: ReportBuilder): void {
    applyDropRules(c, CONTAINER_DROP_RULES, basePath, report);
    const ruleFields = CONTAINER_DROP_RULES.map((r) => r.field.split(".")[0]);
    for (const field of Object.keys(c)) {
        if (!READ_CONTAINER_FIELDS.includes(field) && !ruleFields.includes(field) && c[field] !== undefined && c[field] !== null)
            report.dropped(`${basePath}.${field}`, "not a container field the importer knows; not carried.");
    }
    if (isObject(c.linuxParameters))
        for (const field of Object.keys(c.linuxParameters).filter((f) => !LINUX_PARAMETER_FIELDS.includes(f)))
            report.dropped(`${basePath}.linuxParameters.${field}`, "not a linuxParameters field the importer knows; not carried.");
    dropMountPoints((c.mountPoints as Record<string, unknown>[] | undefined) ?? [], basePath, report);
    dropResourceRequirements((c.resourceRequirements as Record<string, unknown>[] | undefined) ?? [], basePath, report);
    const caps = isObject(c.linuxParameters) && isObject(c.linuxParameters.capabilities) ? c.linuxParameters.capabilities : {};
    const drop = Array.isArray(caps.drop) ? caps.drop.map((x) => String(x).toUpperCase()) : [];
    if (!drop.includes("ALL")) report.changed(`${basePath}.linuxParameters.capabilities.drop`, "fargatekit drops ALL Linux capabilities from every container.");
    reportLogConfiguration(c, basePath, ctx.logs, report);
}

/** The web container's port: its first mapping's containerPort, with what happens to hostPort and the other mappings. */
function mapWebPort(c: ContainerDefinition, basePath: string, report: ReportBuilder): number {
    const first = firstPort(c);
    if (!first) {
        report.note(
            `${basePath}.portMappings`,
            `no port mapping: fargatekit:containerPort is ${DEFAULT_CONTAINER_PORT}; set it to the port the app listens on (the ALB forwards there).`,
        );
        return DEFAULT_CONTAINER_PORT;
    }
    const path = `${basePath}.portMappings[${first.index}]`;
    let port = first.port;
    if (RESERVED_CONTAINER_PORTS.includes(port)) {
        report.dropped(
            `${path}.containerPort`,
            `${port} is reserved by ECS/Docker; fargatekit:containerPort is ${DEFAULT_CONTAINER_PORT}: make the app listen on it, or set another port.`,
        );
        port = DEFAULT_CONTAINER_PORT;
    } else report.mapped(`${path}.containerPort`, `${port} → fargatekit:containerPort (the ALB forwards to it).`);
    if (first.hostPort !== undefined && first.hostPort !== first.port)
        report.changed(
            `${path}.hostPort`,
            `${first.hostPort} no longer applies: in awsvpc mode the task has its own network interface, the host port is always the container port (${port}), and clients reach the app only through the ALB.`,
        );
    if (first.protocol !== undefined && first.protocol !== "tcp") report.note(`${path}.protocol`, `${first.protocol}: the ALB forwards HTTP over TCP to port ${port}.`);
    (c.portMappings ?? []).forEach((p, j) => {
        if (j !== first.index)
            report.dropped(
                `${basePath}.portMappings[${j}]`,
                `the ALB forwards to one port of the web container (${port}); port ${p.containerPort ?? p.containerPortRange ?? "?"} is not carried.`,
            );
    });
    return port;
}

/** Map the web container: the `fargatekit:` keys it sets, and a report line for every field. */
export function mapWebContainer(c: ContainerDefinition, choice: WebChoice, ctx: ContainerContext, report: ReportBuilder): WebContainerSettings {
    const basePath = `containerDefinitions[${choice.index}]`;
    const why = choice.because === "port" ? "the first essential container with a port mapping" : "no essential container has a port mapping, so the first container";
    report.mapped(`${basePath}.name`, `"${c.name}" is the web container (${why}) → fargatekit:containerName.`);
    report.mapped(`${basePath}.image`, `${c.image} → fargatekit:image.`);
    if (c.essential === false) report.changed(`${basePath}.essential`, "false → essential: the web container is always essential (the task stops when it stops).");
    const port = mapWebPort(c, basePath, report);
    const target: SettingsTarget = { keyPrefix: "fargatekit:", healthCheckKey: "containerHealthCheck" };
    const common = mapCommonSettings(c, basePath, target, ctx.aws, ctx.secretName, report);
    if (port < 1024)
        report.note(
            `${basePath}.portMappings`,
            `port ${port} is below 1024: a non-root user (${common.user}) may not be allowed to bind it, and images that start as root (such as nginx) fail without it; ` +
                `prefer an image that runs unprivileged on a high port (e.g. nginxinc/nginx-unprivileged on 8080) and set fargatekit:containerPort.`,
        );
    for (const k of ["cpu", "memory", "memoryReservation"] as const)
        if (c[k] !== undefined) report.mapped(`${basePath}.${k}`, `${c[k]} ${k === "cpu" ? "CPU units" : "MiB"}: counted in the task size.`);
    if ((c.dependsOn ?? []).length > 0)
        report.dropped(`${basePath}.dependsOn`, "fargatekit starts the web container without waiting on other containers; make the app retry until its dependencies answer.");
    reportContainerFields(c, basePath, ctx, report);
    report.note(
        basePath,
        "the ALB health-checks GET /health expecting 200–399 (fargatekit:healthCheckPath, fargatekit:healthCheckMatcher); set a path the app answers, or deployments roll back.",
    );
    const out: WebContainerSettings = { image: c.image, containerName: c.name, containerPort: port, user: common.user, readonlyRootFilesystem: true };
    if (common.command) out.command = common.command;
    if (common.entryPoint) out.entryPoint = common.entryPoint;
    if (common.workingDirectory) out.workingDirectory = common.workingDirectory;
    if (Object.keys(common.environment).length > 0) out.environment = common.environment;
    if (Object.keys(common.secrets).length > 0) out.secrets = common.secrets;
    if (common.healthCheck) out.containerHealthCheck = common.healthCheck;
    if (common.stopTimeout !== undefined) out.stopTimeout = common.stopTimeout;
    if (common.ulimits) out.ulimits = common.ulimits;
    return out;
}

/** Map another container to a sidecar, reporting every field. `sidecarIndex` is its place in `fargatekit:sidecars`. */
export function mapSidecar(c: ContainerDefinition, index: number, sidecarIndex: number, ctx: ContainerContext, report: ReportBuilder): SidecarSettings {
    const basePath = `containerDefinitions[${index}]`;
    const keyPrefix = `fargatekit:sidecars[${sidecarIndex}].`;
    report.mapped(basePath, `"${c.name}" (${c.image}) → fargatekit:sidecars[${sidecarIndex}].`);
    const out: SidecarSettings = { name: c.name, image: c.image };
    if (c.essential !== undefined) out.essential = c.essential;
    for (const k of ["cpu", "memory", "memoryReservation"] as const) if (c[k] !== undefined) out[k] = c[k];
    const ports: NonNullable<SidecarSettings["portMappings"]> = [];
    (c.portMappings ?? []).forEach((p, j) => {
        const path = `${basePath}.portMappings[${j}]`;
        if (!Number.isInteger(p.containerPort)) report.dropped(path, "a port range is not carried; list each port the sidecar listens on.");
        else {
            ports.push(p.protocol === "udp" ? { containerPort: p.containerPort!, protocol: "udp" } : { containerPort: p.containerPort! });
            report.mapped(
                path,
                `${p.containerPort}${p.protocol === "udp" ? "/udp" : ""} → ${keyPrefix}portMappings: reachable by the task's containers on localhost, not from outside (the task security group admits only the ALB on the web port).`,
            );
        }
    });
    if (ports.length > 0) out.portMappings = ports;
    const common = mapCommonSettings(c, basePath, { keyPrefix, healthCheckKey: "healthCheck" }, ctx.aws, ctx.secretName, report);
    if (common.command) out.command = common.command;
    if (common.entryPoint) out.entryPoint = common.entryPoint;
    if (common.workingDirectory) out.workingDirectory = common.workingDirectory;
    out.user = common.user;
    if (Object.keys(common.environment).length > 0) out.environment = common.environment;
    if (Object.keys(common.secrets).length > 0) out.secrets = common.secrets;
    if (common.healthCheck) out.healthCheck = common.healthCheck;
    out.readonlyRootFilesystem = true;
    if (common.stopTimeout !== undefined) out.stopTimeout = common.stopTimeout;
    if (common.ulimits) out.ulimits = common.ulimits;
    const deps: NonNullable<SidecarSettings["dependsOn"]> = [];
    (c.dependsOn ?? []).forEach((d, j) => {
        const path = `${basePath}.dependsOn[${j}]`;
        if (!ctx.containerNames.includes(d.containerName) || d.containerName === c.name)
            report.dropped(path, `${JSON.stringify(d.containerName)} is not another container of this task.`);
        else if (!DEPENDS_ON_CONDITIONS.includes(d.condition)) report.dropped(path, `condition ${JSON.stringify(d.condition)} is not one of ${DEPENDS_ON_CONDITIONS.join(", ")}.`);
        else if (d.condition === "HEALTHY" && !ctx.healthChecked.includes(d.containerName))
            report.dropped(path, `${d.containerName} HEALTHY: ${d.containerName} has no container health check to become healthy by, and ECS refuses the dependency.`);
        else {
            deps.push({ containerName: d.containerName, condition: d.condition as DependencyCondition });
            report.mapped(path, `${d.containerName} ${d.condition} → ${keyPrefix}dependsOn.`);
        }
    });
    if (deps.length > 0) out.dependsOn = deps;
    reportContainerFields(c, basePath, ctx, report);
    return out;
}
