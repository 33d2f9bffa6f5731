/** The service's target group: how the load balancer judges a task healthy, and how long it drains one. */
import { OptionProblem, OptionTable, Resolved, applyDefaults } from "./optionTable";
import { Problems } from "./checks";

export interface TargetGroupOptions {
    /**
     * Health check path.
     * @default "/health"
     */
    healthCheckPath?: string;
    /**
     * HTTP codes that count as healthy (`200`, `200-399`, `200,204`).
     * @default "200-399"
     */
    healthCheckMatcher?: string;
    /**
     * Seconds between health checks (5–300).
     * @default 15
     */
    healthCheckInterval?: number;
    /**
     * Health check timeout in seconds (2–120, less than the interval).
     * @default 5
     */
    healthCheckTimeout?: number;
    /**
     * Successes before a target is healthy (2–10).
     * @default 2
     */
    healthyThreshold?: number;
    /**
     * Failures before a target is unhealthy (2–10).
     * @default 3
     */
    unhealthyThreshold?: number;
    /**
     * Seconds to drain a target (AWS's default of 300 stalls deployments).
     * @default 30
     */
    deregistrationDelay?: number;
}

export const TARGET_GROUP_OPTIONS: OptionTable<TargetGroupOptions> = {
    healthCheckPath: { default: "/health", description: "Target group health check path." },
    healthCheckMatcher: { default: "200-399", description: "HTTP codes that count as healthy (`200`, `200-399`, `200,204`)." },
    healthCheckInterval: { default: 15, description: "Seconds between health checks (5–300)." },
    healthCheckTimeout: { default: 5, description: "Health check timeout in seconds (2–120, less than the interval)." },
    healthyThreshold: { default: 2, description: "Successes before a target is healthy (2–10)." },
    unhealthyThreshold: { default: 3, description: "Failures before a target is unhealthy (2–10)." },
    deregistrationDelay: { default: 30, description: "Seconds to drain a target (AWS default 300 stalls deploys)." },
};

export type ResolvedTargetGroupOptions = Resolved<TargetGroupOptions, keyof TargetGroupOptions>;

export function resolveTargetGroupOptions(given: TargetGroupOptions | undefined): ResolvedTargetGroupOptions {
    return applyDefaults(TARGET_GROUP_OPTIONS, given) as ResolvedTargetGroupOptions;
}

const MATCHER = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;

/** ELB's ranges for each setting, and a timeout below the interval. */
export function targetGroupOptionsProblems(o: ResolvedTargetGroupOptions, prefix = "targetGroup"): OptionProblem[] {
    const p = new Problems(prefix);
    if (typeof o.healthCheckPath !== "string" || !o.healthCheckPath.startsWith("/") || o.healthCheckPath.length > 1024)
        p.add("healthCheckPath", o.healthCheckPath, "must start with / (at most 1024 characters)");
    p.matches("healthCheckMatcher", o.healthCheckMatcher, MATCHER, "HTTP codes like 200, 200-399 or 200,204");
    p.intIn("healthCheckInterval", o.healthCheckInterval, 5, 300, " seconds");
    p.intIn("healthCheckTimeout", o.healthCheckTimeout, 2, 120, " seconds");
    if (Number.isInteger(o.healthCheckTimeout) && Number.isInteger(o.healthCheckInterval) && o.healthCheckTimeout >= o.healthCheckInterval)
        p.add("healthCheckTimeout", o.healthCheckTimeout, `must be less than healthCheckInterval (${o.healthCheckInterval})`);
    p.intIn("healthyThreshold", o.healthyThreshold, 2, 10);
    p.intIn("unhealthyThreshold", o.unhealthyThreshold, 2, 10);
    p.intIn("deregistrationDelay", o.deregistrationDelay, 0, 3600, " seconds");
    return p.list;
}
