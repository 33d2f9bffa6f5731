/**
 * How ECS and ELB judge a task, as small pure state machines run-local feeds with observations.
 *
 * Container health check (ECS runs Docker's): the first check runs `interval` s after the container
 * starts; a pass makes it HEALTHY; a failure counts only after `startPeriod` (or after a first pass:
 * Docker's HEALTHCHECK reference, "--start-period"); `retries` consecutive
 * counted failures make it UNHEALTHY. A check that outlasts `timeout` fails.
 * Target group check (ELB "Health checks for Application Load Balancer target groups"): a newly
 * registered target must pass one check to become healthy; `unhealthyThreshold` consecutive
 * failures make it unhealthy; an unhealthy target needs `healthyThreshold` consecutive passes to
 * become healthy again. A pass is an HTTP answer within `timeout` whose code the matcher accepts.
 * Grace period (ECS service `healthCheckGracePeriodSeconds`): ECS ignores failing ELB and container
 * health checks for that long after the task starts.
 */
import { ContainerDef, HealthCheckDef, TargetGroupCheck } from "./task";

export type ContainerHealthStatus = "UNKNOWN" | "HEALTHY" | "UNHEALTHY";

export interface ContainerHealthState {
    status: ContainerHealthStatus;
    /** Consecutive counted failures. */
    failures: number;
    /** Seconds (since the container started) of the next check. */
    nextAt: number;
    lastOutput?: string;
}

export function initialContainerHealth(hc: HealthCheckDef): ContainerHealthState {
    return { status: "UNKNOWN", failures: 0, nextAt: hc.interval };
}

/** The state after one check that ran at `at` s after the container started. */
export function recordContainerCheck(s: ContainerHealthState, hc: HealthCheckDef, at: number, passed: boolean, output?: string): ContainerHealthState {
    const nextAt = at + hc.interval;
    if (passed) return { status: "HEALTHY", failures: 0, nextAt, lastOutput: output };
    // Docker: failures inside the start period do not count, unless a check has passed already.
    if (at < hc.startPeriod && s.status !== "HEALTHY") return { ...s, nextAt, lastOutput: output };
    const failures = s.failures + 1;
    return { status: failures >= hc.retries ? "UNHEALTHY" : s.status, failures, nextAt, lastOutput: output };
}

/** The task's health as ECS derives it from its containers' health checks. */
export interface TaskHealth {
    /** "NONE": no container has a health check, so ECS waits for none. */
    status: ContainerHealthStatus | "NONE";
    /** The container that makes the task UNHEALTHY. */
    unhealthy?: ContainerDef;
    /** Only non-essential containers have health checks: the task never gets past UNKNOWN. */
    nonEssentialOnly: boolean;
}

/**
 * The task's health (ECS API reference, HealthCheck): the essential containers with a health check
 * decide it (HEALTHY when all pass, UNHEALTHY when one fails). "The container health check status of
 * nonessential containers only affects the health status of a task if no essential containers have
 * health checks defined", and such a task is UNKNOWN ("there are only nonessential containers with
 * health checks defined"), which a rolling deployment waits on forever; one of them failing makes
 * it UNHEALTHY.
 */
export function taskHealth(containers: ContainerDef[], health: Record<string, ContainerHealthStatus>): TaskHealth {
    const checked = containers.filter((c) => c.healthCheck);
    const essential = checked.filter((c) => c.essential);
    const deciders = essential.length > 0 ? essential : checked;
    const nonEssentialOnly = essential.length === 0 && checked.length > 0;
    if (deciders.length === 0) return { status: "NONE", nonEssentialOnly };
    const unhealthy = deciders.find((c) => health[c.name] === "UNHEALTHY");
    if (unhealthy) return { status: "UNHEALTHY", unhealthy, nonEssentialOnly };
    const allHealthy = deciders.every((c) => health[c.name] === "HEALTHY");
    return { status: allHealthy && !nonEssentialOnly ? "HEALTHY" : "UNKNOWN", nonEssentialOnly };
}

/** ELB matcher: "200", "200,204", "200-399" (codes 200-499). */
export function parseMatcher(matcher: string): (code: number) => boolean {
    const parts = matcher.split(",").map((p) => p.trim());
    const ranges = parts.map((p) => {
        const m = /^(\d{3})(?:-(\d{3}))?$/.exec(p);
        if (!m) throw new Error(`target group matcher "${matcher}": "${p}" is not a code or a code range`);
        return [Number(m[1]), Number(m[2] ?? m[1])] as const;
    });
    return (code) => ranges.some(([lo, hi]) => code >= lo && code <= hi);
}

export type TargetStatus = "initial" | "healthy" | "unhealthy";

export interface TargetState {
    status: TargetStatus;
    passes: number;
    failures: number;
    lastDetail?: string;
}

export const INITIAL_TARGET: TargetState = { status: "initial", passes: 0, failures: 0 };

/** The state after one target group check. */
export function recordTargetCheck(s: TargetState, check: TargetGroupCheck, passed: boolean, detail: string): TargetState {
    if (passed) {
        const passes = s.passes + 1;
        const healthy = s.status === "healthy" || (s.status === "initial" ? passes >= 1 : passes >= check.healthyThreshold);
        return { status: healthy ? "healthy" : s.status, passes, failures: 0, lastDetail: detail };
    }
    const failures = s.failures + 1;
    return { status: failures >= check.unhealthyThreshold ? "unhealthy" : s.status, passes: 0, failures, lastDetail: detail };
}

/** What the engine tells about a container, as the dependency rules need it. */
export interface ObservedContainer {
    started: boolean;
    exited: boolean;
    exitCode?: number;
    health: ContainerHealthStatus;
    /** False when the task definition gives the container no health check (it never turns HEALTHY). */
    healthCheck?: boolean;
}

export type DependencyDecision = { kind: "start" } | { kind: "wait"; on: string } | { kind: "never"; reason: string };

/**
 * Whether a container may start (ECS `dependsOn`): START once the dependency started; COMPLETE once
 * it exited; SUCCESS once it exited 0; HEALTHY once its health check passed. A condition that can no
 * longer be met (SUCCESS after a non-zero exit, HEALTHY after it exited or went unhealthy, or on a
 * container without a health check) means the container never starts.
 */
export function dependencyDecision(c: ContainerDef, observed: Record<string, ObservedContainer>): DependencyDecision {
    for (const d of c.dependsOn) {
        const o = observed[d.containerName];
        if (!o) return { kind: "never", reason: `it depends on container ${d.containerName}, which the task definition does not have` };
        switch (d.condition) {
            case "START":
                if (!o.started) return { kind: "wait", on: `${d.containerName} to start` };
                break;
            case "COMPLETE":
                if (!o.exited) return { kind: "wait", on: `${d.containerName} to complete` };
                break;
            case "SUCCESS":
                if (o.exited && o.exitCode !== 0)
                    return { kind: "never", reason: `it waits for ${d.containerName} to exit 0 (dependsOn SUCCESS), and ${d.containerName} exited with code ${o.exitCode}` };
                if (!o.exited) return { kind: "wait", on: `${d.containerName} to exit 0` };
                break;
            case "HEALTHY":
                if (o.healthCheck === false)
                    return {
                        kind: "never",
                        reason: `it waits for ${d.containerName} to be HEALTHY (dependsOn HEALTHY), and ${d.containerName} has no healthCheck, which that condition requires (ECS ContainerDependency); give ${d.containerName} a health check or use START`,
                    };
                if (o.health === "UNHEALTHY")
                    return { kind: "never", reason: `it waits for ${d.containerName} to be HEALTHY (dependsOn HEALTHY), and ${d.containerName} is UNHEALTHY` };
                if (o.exited)
                    return { kind: "never", reason: `it waits for ${d.containerName} to be HEALTHY (dependsOn HEALTHY), and ${d.containerName} exited with code ${o.exitCode}` };
                if (o.health !== "HEALTHY") return { kind: "wait", on: `${d.containerName} to be HEALTHY` };
                break;
            default:
                return { kind: "never", reason: `dependsOn condition ${String(d.condition)} for ${d.containerName} is not one ECS knows (START, COMPLETE, SUCCESS, HEALTHY)` };
        }
    }
    return { kind: "start" };
}

/** Seconds after which run-local gives up by default: long enough for every check to decide. */
export function defaultTimeout(containers: ContainerDef[], tg: TargetGroupCheck | undefined, gracePeriod: number): number {
    const container = Math.max(
        0,
        ...containers.map((c) => (c.healthCheck ? Math.max(c.healthCheck.startPeriod, c.healthCheck.interval) + c.healthCheck.interval * (c.healthCheck.retries + 1) : 0)),
    );
    const target = tg ? tg.interval * (Math.max(tg.healthyThreshold, tg.unhealthyThreshold) + 1) : 0;
    return gracePeriod + Math.max(container, target) + 30;
}
