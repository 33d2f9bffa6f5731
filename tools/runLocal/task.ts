/**
 * The task run-local starts, read from what the program registered for the stack (the offline
 * engine's records): the task definition (`containerDefinitions` is the JSON string the provider
 * sends to ECS RegisterTaskDefinition), the service's load balancer wiring and grace period, the
 * target group's health check, and the image builds. Pure.
 */
import { RecordedResource } from "../offline/types";
import { capabilitiesOf, environmentOf, isEssential, isTrue, parseContainerDefinitions, parseImageReference } from "../../policy/lib/containers";

export interface HealthCheckDef {
    command: string[];
    interval: number;
    timeout: number;
    retries: number;
    startPeriod: number;
}

export interface ContainerDef {
    name: string;
    image: string;
    essential: boolean;
    memory?: number;
    portMappings: { containerPort: number; protocol: string }[];
    environment: { name: string; value: string }[];
    secrets: { name: string; valueFrom: string }[];
    command?: string[];
    entryPoint?: string[];
    workingDirectory?: string;
    user?: string;
    healthCheck?: HealthCheckDef;
    readonlyRootFilesystem: boolean;
    mountPoints: { sourceVolume: string; containerPath: string; readOnly: boolean }[];
    stopTimeout?: number;
    ulimits: { name: string; softLimit: number; hardLimit: number }[];
    dependsOn: { containerName: string; condition: "START" | "COMPLETE" | "SUCCESS" | "HEALTHY" }[];
    initProcessEnabled: boolean;
    capabilities: { add: string[]; drop: string[] };
}

/** How the image of a container is made: built from a context, or given (must exist locally). */
export type ImageSource = { kind: "build"; context: string; dockerfile?: string; platform?: string } | { kind: "given" };

/** The ALB target group's health check, as ELB runs it against the task's IP. */
export interface TargetGroupCheck {
    path: string;
    /** HTTP codes: "200", "200-399", "200,204". */
    matcher: string;
    interval: number;
    timeout: number;
    healthyThreshold: number;
    unhealthyThreshold: number;
}

export interface LocalTask {
    family: string;
    cpu?: string;
    memory?: string;
    /** "X86_64" or "ARM64". */
    cpuArchitecture: string;
    containers: ContainerDef[];
    /** Task volumes by name (Fargate: bind mounts on task storage). */
    volumes: string[];
    /** Container name → how its image is made. */
    images: Record<string, ImageSource>;
    /** The container and port the service registers with the target group (absent: no load balancer). */
    loadBalancer?: { containerName: string; containerPort: number; check: TargetGroupCheck };
    /** Seconds ECS ignores failing ELB and container health checks after a task starts. */
    gracePeriod: number;
}

/** A problem with what the program registered (run-local cannot start it): exit 2. */
export class TaskConfigError extends Error {}

const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const SERVICE = "aws:ecs/service:Service";
const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
/** Image builds the program may register (the classic docker provider and docker-build). */
const IMAGE_TYPES = ["docker:index/image:Image", "docker-build:index:Image"];

/**
 * The check of an ALB target group (HTTP, target type ip) that sets none: ELB's own defaults
 * (CreateTargetGroup API reference; the ALB guide, "Health checks for Application Load Balancer
 * target groups": timeout 5 s for instance and ip targets).
 */
const ELB_DEFAULTS: TargetGroupCheck = { path: "/", matcher: "200", interval: 30, timeout: 5, healthyThreshold: 5, unhealthyThreshold: 2 };

/**
 * A `healthCheck` block that leaves thresholds out: the AWS provider sends its own defaults for
 * them (healthy_threshold 3, unhealthy_threshold 3, interval 30; terraform-provider-aws
 * internal/service/elbv2/target_group.go), and ELB's for the path, matcher and timeout it leaves unset.
 */
const PROVIDER_DEFAULTS: TargetGroupCheck = { ...ELB_DEFAULTS, healthyThreshold: 3, unhealthyThreshold: 3 };

function strings(v: unknown): string[] | undefined {
    return Array.isArray(v) ? v.map(String) : undefined;
}

/** One container definition as ECS takes it → our shape with ECS's defaults filled in. */
export function parseContainer(raw: any): ContainerDef {
    const hc = raw.healthCheck;
    return {
        name: String(raw.name),
        image: String(raw.image),
        essential: isEssential(raw),
        memory: typeof raw.memory === "number" ? raw.memory : undefined,
        portMappings: (raw.portMappings ?? []).map((p: any) => ({ containerPort: Number(p.containerPort), protocol: p.protocol ?? "tcp" })),
        environment: environmentOf(raw),
        secrets: raw.secrets ?? [],
        command: strings(raw.command),
        entryPoint: strings(raw.entryPoint),
        workingDirectory: raw.workingDirectory,
        user: raw.user,
        // ECS defaults (ContainerDefinition.HealthCheck): interval 30, timeout 5, retries 3, startPeriod off.
        healthCheck: hc
            ? { command: strings(hc.command) ?? [], interval: hc.interval ?? 30, timeout: hc.timeout ?? 5, retries: hc.retries ?? 3, startPeriod: hc.startPeriod ?? 0 }
            : undefined,
        readonlyRootFilesystem: isTrue(raw.readonlyRootFilesystem),
        mountPoints: (raw.mountPoints ?? []).map((m: any) => ({ sourceVolume: String(m.sourceVolume), containerPath: String(m.containerPath), readOnly: m.readOnly === true })),
        stopTimeout: raw.stopTimeout,
        ulimits: raw.ulimits ?? [],
        dependsOn: raw.dependsOn ?? [],
        initProcessEnabled: raw.linuxParameters?.initProcessEnabled === true,
        capabilities: capabilitiesOf(raw),
    };
}

/**
 * The task of the stack's (first) ECS service, or of the only task definition when there is no
 * service. Throws TaskConfigError naming what is missing.
 */
export function taskFromResources(resources: RecordedResource[]): LocalTask {
    const taskDefs = resources.filter((r) => r.type === TASK_DEFINITION);
    const services = resources.filter((r) => r.type === SERVICE);
    if (taskDefs.length === 0) throw new TaskConfigError("the program registers no ECS task definition (aws:ecs/taskDefinition:TaskDefinition)");
    const service = services[0];
    let taskDef = taskDefs[0];
    if (service) {
        // The service names its task definition by ARN (family:revision); match on the family.
        const family = String(service.inputs.taskDefinition ?? "")
            .split("/")
            .pop()
            ?.split(":")[0];
        taskDef = taskDefs.find((t) => t.inputs.family === family) ?? taskDefs.find((t) => service.dependencies.includes(t.urn)) ?? taskDef;
    }
    const td = taskDef.inputs;
    if (td.networkMode !== undefined && td.networkMode !== "awsvpc")
        throw new TaskConfigError(`task definition ${td.family}: networkMode is ${td.networkMode}; Fargate runs awsvpc only`);
    const read = parseContainerDefinitions(td.containerDefinitions);
    if (read.kind === "unparseable") throw new TaskConfigError(`task definition ${td.family}: containerDefinitions cannot be read: ${read.reason}`);
    if (read.kind !== "ok" || read.containers.length === 0) throw new TaskConfigError(`task definition ${td.family}: no containerDefinitions`);
    const containers = read.containers.map(parseContainer);

    const builds = resources.filter((r) => IMAGE_TYPES.includes(r.type));
    const images: Record<string, ImageSource> = {};
    for (const c of containers) {
        const repo = parseImageReference(c.image).repository;
        const build = builds.find((b) => parseImageReference(String(b.inputs.imageName ?? (b.inputs.tags ?? [])[0] ?? "")).repository === repo);
        const spec =
            build?.inputs.build ??
            (build ? { context: build.inputs.context?.location, dockerfile: build.inputs.dockerfile?.location, platform: (build.inputs.platforms ?? [])[0] } : undefined);
        images[c.name] = spec?.context ? { kind: "build", context: String(spec.context), dockerfile: spec.dockerfile, platform: spec.platform } : { kind: "given" };
    }

    let loadBalancer: LocalTask["loadBalancer"];
    const lb = (service?.inputs.loadBalancers ?? [])[0];
    if (lb) {
        const tgs = resources.filter((r) => r.type === TARGET_GROUP);
        const tg = tgs.find((t) => lb.targetGroupArn && String(lb.targetGroupArn).includes(`/${t.outputs?.name ?? "\0"}/`)) ?? tgs[0];
        const hc = tg?.inputs.healthCheck;
        const defaults = hc ? PROVIDER_DEFAULTS : ELB_DEFAULTS;
        loadBalancer = {
            containerName: String(lb.containerName),
            containerPort: Number(lb.containerPort),
            check: {
                path: hc?.path ?? defaults.path,
                matcher: hc?.matcher ?? defaults.matcher,
                interval: hc?.interval ?? defaults.interval,
                timeout: hc?.timeout ?? defaults.timeout,
                healthyThreshold: hc?.healthyThreshold ?? defaults.healthyThreshold,
                unhealthyThreshold: hc?.unhealthyThreshold ?? defaults.unhealthyThreshold,
            },
        };
        if (!containers.some((c) => c.name === loadBalancer!.containerName))
            throw new TaskConfigError(`service load balancer names container ${loadBalancer.containerName}, which the task definition does not have`);
    }

    return {
        family: String(td.family),
        cpu: td.cpu,
        memory: td.memory,
        cpuArchitecture: td.runtimePlatform?.cpuArchitecture ?? "X86_64",
        containers,
        volumes: (td.volumes ?? []).map((v: any) => String(v.name)),
        images,
        loadBalancer,
        gracePeriod: service?.inputs.healthCheckGracePeriodSeconds ?? 0,
    };
}
