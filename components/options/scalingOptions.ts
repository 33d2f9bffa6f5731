/** How many tasks run, on which capacity, and how autoscaling moves the count. */
import { OptionProblem, OptionTable, Resolved, applyDefaults } from "./optionTable";
import { Problems } from "./checks";
import { capacityStrategyProblems } from "../lib/ecs/capacityStrategy";
import { validateScheduleExpression } from "../lib/ecs/ecsLimits";

/** A scheduled change of the autoscaling bounds. */
export interface ScheduledCapacity {
    /** Action name (letters, digits, _ and -). */
    name: string;
    /** `cron(...)`, `rate(...)` or `at(...)`. */
    schedule: string;
    /**
     * New minimum.
     * @default unchanged
     */
    minCount?: number;
    /**
     * New maximum.
     * @default unchanged
     */
    maxCount?: number;
    /**
     * IANA time zone of the schedule.
     * @default "UTC"
     */
    timezone?: string;
}

export interface ScalingOptions {
    /**
     * Tasks at creation; autoscaling owns the count afterwards.
     * @default minCount
     */
    desiredCount?: number;
    /**
     * Autoscaling minimum (2 or more for high availability).
     * @default 1
     */
    minCount?: number;
    /**
     * Autoscaling maximum (at most 100).
     * @default 4
     */
    maxCount?: number;
    /**
     * Tasks always on on-demand Fargate before any Spot share.
     * @default 1
     */
    onDemandBase?: number;
    /**
     * Weight of FARGATE_SPOT for tasks above the base (0 = no Spot).
     * @default 0
     */
    spotWeight?: number;
    /**
     * Weight of on-demand FARGATE above the base; 0 with `onDemandBase` 0 runs every task on Spot.
     * @default 1
     */
    onDemandWeight?: number;
    /**
     * Seconds ECS ignores failing load balancer health checks after a task starts.
     * @default 60
     */
    healthCheckGracePeriod?: number;
    /**
     * Target average CPU % of target tracking.
     * @default 70
     */
    cpuTarget?: number;
    /**
     * Target average memory % of target tracking.
     * @default off
     */
    memoryTarget?: number;
    /**
     * Target requests per task per minute of target tracking.
     * @default off
     */
    requestsPerTarget?: number;
    /**
     * Seconds between scale-in steps.
     * @default 300
     */
    scaleInCooldown?: number;
    /**
     * Seconds between scale-out steps.
     * @default 60
     */
    scaleOutCooldown?: number;
    /**
     * Scheduled capacity changes.
     * @default []
     */
    scheduled?: ScheduledCapacity[];
}

export const SCALING_OPTIONS: OptionTable<ScalingOptions> = {
    desiredCount: { defaultText: "minCount", description: "Tasks at creation; autoscaling owns the count afterwards (unset: `minCount`)." },
    minCount: { default: 1, description: "Autoscaling minimum (2 or more for high availability)." },
    maxCount: { default: 4, description: "Autoscaling maximum (at most 100)." },
    onDemandBase: { default: 1, description: "Tasks always on on-demand Fargate before any Spot share." },
    spotWeight: { default: 0, description: "Weight of FARGATE_SPOT against the on-demand weight for tasks above the base (0 = no Spot)." },
    onDemandWeight: { default: 1, description: "Weight of FARGATE (on-demand) for tasks above the base; 0 (with `onDemandBase` 0) runs every task on Spot (dev)." },
    healthCheckGracePeriod: { default: 60, description: "Seconds ECS ignores failing ALB health checks after a task starts." },
    cpuTarget: { default: 70, description: "Target average CPU % for target tracking (0 < x ≤ 100)." },
    memoryTarget: { defaultText: "off", description: "Target average memory % for target tracking (unset = off)." },
    requestsPerTarget: { defaultText: "off", description: "Target ALB requests per task per minute (unset = off)." },
    scaleInCooldown: { default: 300, description: "Seconds between scale-in steps (slow, to avoid flapping)." },
    scaleOutCooldown: { default: 60, description: "Seconds between scale-out steps (fast)." },
    scheduled: { default: [], description: "Scheduled capacity changes `[{name, schedule, minCount, maxCount, timezone}]` (`cron(...)`, `rate(...)` or `at(...)`)." },
};

export type ResolvedScalingOptions = Resolved<
    ScalingOptions,
    | "desiredCount"
    | "minCount"
    | "maxCount"
    | "onDemandBase"
    | "spotWeight"
    | "onDemandWeight"
    | "healthCheckGracePeriod"
    | "cpuTarget"
    | "scaleInCooldown"
    | "scaleOutCooldown"
    | "scheduled"
>;

export function resolveScalingOptions(given: ScalingOptions | undefined): ResolvedScalingOptions {
    const o = applyDefaults(SCALING_OPTIONS, given);
    // Start at the floor autoscaling keeps anyway, so a larger minCount never meets a smaller first count.
    return { ...o, desiredCount: o.desiredCount ?? o.minCount } as ResolvedScalingOptions;
}

/** The most tasks a service may scale to (our cap; the ECS quota is higher). */
export const MAX_TASKS = 100;

/** Counts in range and in order, a capacity mix ECS can place, targets that are percentages, schedules ECS accepts. */
export function scalingOptionsProblems(o: ResolvedScalingOptions, prefix = "scaling"): OptionProblem[] {
    const p = new Problems(prefix);
    p.intIn("desiredCount", o.desiredCount, 0, MAX_TASKS, " tasks");
    p.intIn("minCount", o.minCount, 0, MAX_TASKS, " tasks");
    p.intIn("maxCount", o.maxCount, 1, MAX_TASKS, " tasks");
    if (Number.isInteger(o.minCount) && Number.isInteger(o.maxCount) && o.minCount > o.maxCount) p.add("minCount", o.minCount, `is above maxCount (${o.maxCount})`);
    if (Number.isInteger(o.desiredCount) && Number.isInteger(o.minCount) && Number.isInteger(o.maxCount) && (o.desiredCount < o.minCount || o.desiredCount > o.maxCount))
        p.add("desiredCount", o.desiredCount, `must lie between minCount (${o.minCount}) and maxCount (${o.maxCount})`);
    p.intIn("onDemandBase", o.onDemandBase, 0, MAX_TASKS, " tasks");
    p.intIn("spotWeight", o.spotWeight, 0, 1000);
    p.intIn("onDemandWeight", o.onDemandWeight, 0, 1000);
    // ECS places no task on a weight-0 provider and needs one weight above 0 (ranges above).
    for (const c of capacityStrategyProblems({ onDemandBase: o.onDemandBase, spotWeight: o.spotWeight, onDemandWeight: o.onDemandWeight }, false))
        p.add(c.field, c.value, c.message);
    p.intIn("healthCheckGracePeriod", o.healthCheckGracePeriod, 0, 3600, " seconds");
    for (const k of ["cpuTarget", "memoryTarget"] as const) {
        const v = o[k];
        if (v !== undefined && (typeof v !== "number" || !(v > 0 && v <= 100))) p.add(k, v, "must be a percentage above 0 and at most 100");
    }
    if (o.requestsPerTarget !== undefined && (typeof o.requestsPerTarget !== "number" || !(o.requestsPerTarget > 0)))
        p.add("requestsPerTarget", o.requestsPerTarget, "must be a number of requests above 0");
    p.intIn("scaleInCooldown", o.scaleInCooldown, 0, 3600, " seconds");
    p.intIn("scaleOutCooldown", o.scaleOutCooldown, 0, 3600, " seconds");
    (o.scheduled ?? []).forEach((s: any, i: number) => {
        const k = `scheduled[${i}]`;
        if (typeof s?.name !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(s.name)) p.add(`${k}.name`, s?.name, "must be a name of letters, digits, _ and -");
        const err = validateScheduleExpression(s?.schedule);
        if (err) p.add(`${k}.schedule`, s?.schedule, err);
        if (s?.minCount === undefined && s?.maxCount === undefined) p.add(k, s, "needs minCount and/or maxCount");
        p.intIn(`${k}.minCount`, s?.minCount, 0, MAX_TASKS);
        p.intIn(`${k}.maxCount`, s?.maxCount, 1, MAX_TASKS);
        if (Number.isInteger(s?.minCount) && Number.isInteger(s?.maxCount) && s.minCount > s.maxCount) p.add(`${k}.minCount`, s.minCount, "is above maxCount");
    });
    return p.list;
}
