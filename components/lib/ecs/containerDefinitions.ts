/** Builds ECS container definitions (the JSON ECS takes) from our container specs. Pure. */

import { DependencyCondition, PortProtocol } from "../enums";

/** A port a container listens on. */
export interface PortMapping {
    /** The port. */
    containerPort: number;
    /**
     * Transport.
     * @default "tcp"
     */
    protocol?: PortProtocol;
}

/** A container health check, as ECS runs it inside the container. */
export interface ContainerHealthCheck {
    /** `["CMD", …]` or `["CMD-SHELL", "…"]`. */
    command: string[];
    /**
     * Seconds between checks (5–300).
     * @default 30
     */
    interval?: number;
    /**
     * Seconds before a check fails (2–60).
     * @default 5
     */
    timeout?: number;
    /**
     * Failures before unhealthy (1–10).
     * @default 3
     */
    retries?: number;
    /**
     * Seconds of grace after start (0–300).
     * @default 0
     */
    startPeriod?: number;
}

/** A Linux resource limit. */
export interface Ulimit {
    /** Limit name, e.g. "nofile". */
    name: string;
    softLimit: number;
    hardLimit: number;
}

/** Start order: wait for another container to reach a condition. */
export interface ContainerDependency {
    containerName: string;
    condition: DependencyCondition;
}

/** Everything about a container except its image. */
export interface ContainerSettings {
    /** Container name. */
    name: string;
    /**
     * Whether the task stops when this container stops.
     * @default true
     */
    essential?: boolean;
    /**
     * CPU units reserved.
     * @default none (shares the task's)
     */
    cpu?: number;
    /**
     * Hard memory limit in MiB.
     * @default none
     */
    memory?: number;
    /**
     * Soft memory reservation in MiB.
     * @default none
     */
    memoryReservation?: number;
    /**
     * Ports the container listens on.
     * @default none (the web container's port is added)
     */
    portMappings?: PortMapping[];
    /**
     * Plain environment variables.
     * @default none
     */
    environment?: Record<string, string>;
    /**
     * Secret environment variables: name → Secrets Manager / SSM ARN.
     * @default none
     */
    secrets?: Record<string, string>;
    /**
     * Overrides CMD.
     * @default the image's
     */
    command?: string[];
    /**
     * Overrides ENTRYPOINT.
     * @default the image's
     */
    entryPoint?: string[];
    /**
     * Working directory.
     * @default the image's
     */
    workingDirectory?: string;
    /**
     * UID[:GID].
     * @default "10001" (non-root)
     */
    user?: string;
    /**
     * Container health check.
     * @default none
     */
    healthCheck?: ContainerHealthCheck;
    /**
     * Read-only root filesystem.
     * @default true (a writable /tmp volume is mounted)
     */
    readonlyRootFilesystem?: boolean;
    /**
     * Seconds between SIGTERM and SIGKILL.
     * @default 30
     */
    stopTimeout?: number;
    /**
     * Resource limits.
     * @default none
     */
    ulimits?: Ulimit[];
    /**
     * Start order.
     * @default none
     */
    dependsOn?: ContainerDependency[];
}

/** A container as the components take it. */
export interface ContainerSpec extends ContainerSettings {
    /** Image URI (pinned by digest when we built it). */
    image: string;
}

export interface LogSettings {
    logGroupName: string;
    region: string;
    streamPrefix: string;
}

/** Name of the writable scratch volume mounted at /tmp in every container. */
export const TMP_VOLUME = "tmp";

/**
 * Writable paths the ECS Exec agent (SSM agent) needs inside a container with a read-only root
 * filesystem: its binaries and configuration under /managed-agents, its state under
 * /var/lib/amazon/ssm and its logs under /var/log/amazon/ssm (aws/containers-roadmap issue 1359;
 * rule 8 of aws-containers/amazon-ecs-exec-checker). Mounted as task volumes when Exec is on.
 */
export const EXEC_AGENT_VOLUMES: readonly { name: string; containerPath: string }[] = [
    { name: "exec-managed-agents", containerPath: "/managed-agents" },
    { name: "exec-ssm-state", containerPath: "/var/lib/amazon/ssm" },
    { name: "exec-ssm-logs", containerPath: "/var/log/amazon/ssm" },
];

/** Sorted `[{name, value}]` from a map: sorted so the task definition does not churn on key order. */
function pairs(map: Record<string, string> | undefined, valueKey: "value" | "valueFrom"): { name: string; [k: string]: string }[] | undefined {
    if (!map || Object.keys(map).length === 0) return undefined;
    return Object.keys(map)
        .sort()
        .map((name) => ({ name, [valueKey]: map[name] }));
}

/**
 * One container definition: secure defaults (non-root user, read-only root filesystem with /tmp
 * writable, all Linux capabilities dropped, init process for signal handling), awslogs into the
 * service's log group, and the spec's settings.
 */
export function containerDefinition(c: ContainerSpec, logs: LogSettings, initProcess: boolean): Record<string, unknown> {
    const readonlyRoot = c.readonlyRootFilesystem ?? true;
    // ECS Exec (initProcess) in a read-only container: the agent's paths become writable volumes.
    const execMounts = initProcess && readonlyRoot ? EXEC_AGENT_VOLUMES.map((v) => ({ sourceVolume: v.name, containerPath: v.containerPath, readOnly: false })) : [];
    const def: Record<string, unknown> = {
        name: c.name,
        image: c.image,
        essential: c.essential ?? true,
        cpu: c.cpu,
        memory: c.memory,
        memoryReservation: c.memoryReservation,
        portMappings: c.portMappings?.map((p) => ({ containerPort: p.containerPort, protocol: p.protocol ?? "tcp" })),
        environment: pairs(c.environment, "value"),
        secrets: pairs(c.secrets, "valueFrom"),
        command: c.command,
        entryPoint: c.entryPoint,
        workingDirectory: c.workingDirectory,
        user: c.user ?? "10001",
        healthCheck: c.healthCheck ? { interval: 30, timeout: 5, retries: 3, startPeriod: 0, ...c.healthCheck } : undefined,
        readonlyRootFilesystem: readonlyRoot,
        mountPoints: [{ sourceVolume: TMP_VOLUME, containerPath: "/tmp", readOnly: false }, ...execMounts],
        stopTimeout: c.stopTimeout ?? 30,
        ulimits: c.ulimits,
        dependsOn: c.dependsOn,
        linuxParameters: { initProcessEnabled: initProcess, capabilities: { drop: ["ALL"] } },
        logConfiguration: {
            logDriver: "awslogs",
            options: { "awslogs-group": logs.logGroupName, "awslogs-region": logs.region, "awslogs-stream-prefix": logs.streamPrefix },
        },
    };
    for (const k of Object.keys(def)) if (def[k] === undefined) delete def[k];
    return def;
}

/** Total CPU and memory the containers ask for (memory: hard limit, else reservation). */
export function containerNeeds(containers: ContainerSpec[]): { cpu: number; memory: number } {
    return {
        cpu: containers.reduce((s, c) => s + (c.cpu ?? 0), 0),
        memory: containers.reduce((s, c) => s + (c.memory ?? c.memoryReservation ?? 0), 0),
    };
}
