/**
 * Deployment strategies of an ECS service: which settings each accepts, their limits and defaults,
 * and the `deploymentConfiguration` block of `aws.ecs.Service` each produces. Pure functions.
 */
import { DeploymentStrategy } from "../enums";

/** The strategy settings as a service or the stack config gives them (every field optional). */
export interface DeploymentStrategySettings {
    strategy?: string;
    bakeTimeMinutes?: unknown;
    canaryPercent?: unknown;
    canaryBakeMinutes?: unknown;
    linearStepPercent?: unknown;
    linearStepBakeMinutes?: unknown;
}

/** A strategy setting's name (the config key and the component argument share it). */
export type StrategyField = "deploymentStrategy" | "bakeTimeMinutes" | "canaryPercent" | "canaryBakeMinutes" | "linearStepPercent" | "linearStepBakeMinutes";

/** One problem with a strategy's settings: the setting, the value given and what is allowed. */
export interface StrategyProblem {
    field: StrategyField;
    value: unknown;
    message: string;
}

/** Minutes ECS accepts for every bake time (whole minutes). */
export const BAKE_MINUTES_MIN = 0;
export const BAKE_MINUTES_MAX = 1440;
/** Share of production traffic the canary receives, in percent. */
export const CANARY_PERCENT_MIN = 0.1;
export const CANARY_PERCENT_MAX = 100;
/** ECS takes the canary share in steps of 0.1 % (ECS API reference, CanaryConfiguration). */
export const CANARY_PERCENT_STEP = 0.1;
/** Share of production traffic each linear step moves, in percent. */
export const LINEAR_STEP_PERCENT_MIN = 3;
export const LINEAR_STEP_PERCENT_MAX = 100;

/**
 * Defaults of the traffic-shifting strategies. Each wait is at least the 3 one-minute datapoints
 * the deployment alarms need to fire, so a bad revision is rolled back before the next shift.
 */
export const STRATEGY_DEFAULTS = {
    /** Minutes the old revision stays ready after all traffic has moved (blueGreen, canary, linear). */
    bakeTimeMinutes: 5,
    /** Percent of traffic the canary gets first. */
    canaryPercent: 10,
    /** Minutes the canary serves its share before the rest moves. */
    canaryBakeMinutes: 5,
    /** Percent of traffic each linear step moves (5 steps). */
    linearStepPercent: 20,
    /** Minutes between linear steps. */
    linearStepBakeMinutes: 3,
} as const;

/** The strategy names, in the order the README lists them. */
export const DEPLOYMENT_STRATEGIES: readonly DeploymentStrategy[] = Object.values(DeploymentStrategy);

/** The ECS API name of each strategy. */
const ECS_STRATEGY: Record<DeploymentStrategy, string> = { rolling: "ROLLING", blueGreen: "BLUE_GREEN", canary: "CANARY", linear: "LINEAR" };

/** Which settings belong to which strategies (a setting given with another strategy is refused). */
const SETTING_STRATEGIES: Record<Exclude<StrategyField, "deploymentStrategy">, readonly DeploymentStrategy[]> = {
    bakeTimeMinutes: ["blueGreen", "canary", "linear"],
    canaryPercent: ["canary"],
    canaryBakeMinutes: ["canary"],
    linearStepPercent: ["linear"],
    linearStepBakeMinutes: ["linear"],
};

/** True for a known strategy name. */
export function isDeploymentStrategy(v: unknown): v is DeploymentStrategy {
    return typeof v === "string" && (DEPLOYMENT_STRATEGIES as readonly string[]).includes(v);
}

/** True when the strategy shifts traffic between two target groups (everything but rolling). */
export function shiftsTraffic(strategy: DeploymentStrategy | undefined): boolean {
    return strategy !== undefined && strategy !== DeploymentStrategy.Rolling;
}

function minutesProblem(field: StrategyField, v: unknown): StrategyProblem | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v) || v < BAKE_MINUTES_MIN || v > BAKE_MINUTES_MAX)
        return { field, value: v, message: `must be a whole number of minutes from ${BAKE_MINUTES_MIN} to ${BAKE_MINUTES_MAX}` };
    return undefined;
}

function percentProblem(field: StrategyField, v: unknown, lo: number, hi: number, step?: number): StrategyProblem | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isFinite(v) || v < lo || v > hi)
        return { field, value: v, message: `must be a percentage from ${lo} to ${hi}${step ? ` in steps of ${step}` : ""}` };
    if (step !== undefined && Math.abs(v / step - Math.round(v / step)) > 1e-9)
        return { field, value: v, message: `must be a multiple of ${step} (ECS takes canary shares from ${lo} to ${hi} in steps of ${step})` };
    return undefined;
}

/**
 * Minutes a traffic-shifting deployment spends shifting and baking, after the new tasks are healthy:
 * blueGreen the bake; canary the canary bake and the bake; linear one step bake per step
 * (ceil(100 / step), counted generously) and the bake. Rolling: 0. Unset values take `STRATEGY_DEFAULTS`.
 */
export function strategyShiftMinutes(s: DeploymentStrategySettings): number {
    const n = (v: unknown, fallback: number) => (typeof v === "number" ? v : fallback);
    const bake = n(s.bakeTimeMinutes, STRATEGY_DEFAULTS.bakeTimeMinutes);
    switch (s.strategy) {
        case DeploymentStrategy.BlueGreen:
            return bake;
        case DeploymentStrategy.Canary:
            return n(s.canaryBakeMinutes, STRATEGY_DEFAULTS.canaryBakeMinutes) + bake;
        case DeploymentStrategy.Linear:
            return Math.ceil(100 / n(s.linearStepPercent, STRATEGY_DEFAULTS.linearStepPercent)) * n(s.linearStepBakeMinutes, STRATEGY_DEFAULTS.linearStepBakeMinutes) + bake;
        default:
            return 0;
    }
}

/**
 * Minutes the provider waits for a deployment besides the shifting: its own default for an ECS service
 * update (20 minutes; terraform-provider-aws aws_ecs_service Timeouts create/update 20m), which covers
 * starting the new tasks, their health checks and the old tasks' drain.
 */
export const DEPLOY_MARGIN_MINUTES = 20;

/**
 * Longest shifting-and-baking time we accept: 300 minutes, so a whole `pulumi up` (plus the margin)
 * stays under 6 hours, the longest a GitHub-hosted CI job may run; a longer rollout would be killed
 * with the stack locked mid-deployment.
 */
export const MAX_SHIFT_MINUTES = 300;

/** The `customTimeouts` the service needs to wait for a whole deployment (create and update), or undefined for rolling. */
export function deploymentTimeouts(s: DeploymentStrategySettings): { create: string; update: string } | undefined {
    if (!shiftsTraffic(s.strategy as DeploymentStrategy | undefined)) return undefined;
    const minutes = strategyShiftMinutes(s) + DEPLOY_MARGIN_MINUTES;
    return { create: `${minutes}m`, update: `${minutes}m` };
}

/**
 * Every problem with a strategy's settings: an unknown strategy, a setting that belongs to another
 * strategy, and values out of ECS's ranges (bake times 0–1440 whole minutes, canary 0.1–100 %,
 * linear steps 3–100 %). An unset strategy means rolling.
 */
export function deploymentStrategyProblems(s: DeploymentStrategySettings): StrategyProblem[] {
    const problems: StrategyProblem[] = [];
    const strategy = s.strategy ?? DeploymentStrategy.Rolling;
    if (!isDeploymentStrategy(strategy)) {
        problems.push({ field: "deploymentStrategy", value: s.strategy, message: `must be one of ${DEPLOYMENT_STRATEGIES.join(", ")}` });
    } else {
        for (const [field, strategies] of Object.entries(SETTING_STRATEGIES) as [Exclude<StrategyField, "deploymentStrategy">, readonly DeploymentStrategy[]][]) {
            if (s[field] !== undefined && !strategies.includes(strategy))
                problems.push({ field, value: s[field], message: `applies only with deploymentStrategy ${strategies.join(", ")} (it is ${strategy})` });
        }
    }
    const checks = [
        minutesProblem("bakeTimeMinutes", s.bakeTimeMinutes),
        minutesProblem("canaryBakeMinutes", s.canaryBakeMinutes),
        minutesProblem("linearStepBakeMinutes", s.linearStepBakeMinutes),
        // ECS API reference, CanaryConfiguration.canaryPercent: "Valid values are multiples of 0.1 from 0.1 to 100.0."
        percentProblem("canaryPercent", s.canaryPercent, CANARY_PERCENT_MIN, CANARY_PERCENT_MAX, CANARY_PERCENT_STEP),
        percentProblem("linearStepPercent", s.linearStepPercent, LINEAR_STEP_PERCENT_MIN, LINEAR_STEP_PERCENT_MAX),
    ];
    for (const c of checks) if (c) problems.push(c);
    if (problems.length === 0 && isDeploymentStrategy(strategy) && shiftsTraffic(strategy)) {
        const minutes = strategyShiftMinutes({ ...s, strategy });
        if (minutes > MAX_SHIFT_MINUTES)
            problems.push({
                field: "deploymentStrategy",
                value: strategy,
                message: `shifts and bakes for ${minutes} minutes with these settings; at most ${MAX_SHIFT_MINUTES} are accepted so that pulumi up (which waits for the whole deployment) ends within a 6-hour CI job: shorten the bake times or take larger linear steps`,
            });
    }
    return problems;
}

/** The `deploymentConfiguration` block of a traffic-shifting strategy (minutes as strings, as the provider takes them). */
export interface StrategyDeploymentConfiguration {
    strategy: string;
    bakeTimeInMinutes: string;
    canaryConfiguration?: { canaryPercent: number; canaryBakeTimeInMinutes: string };
    linearConfiguration?: { stepPercent: number; stepBakeTimeInMinutes: string };
}

/**
 * The service's `deploymentConfiguration` for valid settings: undefined for rolling (the service keeps
 * ECS's rolling default and our 100/200 % limits), else the strategy with its bake time and, for
 * canary and linear, their traffic steps, unset values taking `STRATEGY_DEFAULTS`. Throws on settings
 * `deploymentStrategyProblems` refuses.
 */
export function deploymentConfiguration(s: DeploymentStrategySettings): StrategyDeploymentConfiguration | undefined {
    const problems = deploymentStrategyProblems(s);
    if (problems.length > 0) throw new Error(problems.map((p) => `${p.field} ${JSON.stringify(p.value)} ${p.message}`).join("; "));
    const strategy = (s.strategy ?? DeploymentStrategy.Rolling) as DeploymentStrategy;
    if (!shiftsTraffic(strategy)) return undefined;
    const minutes = (v: unknown, fallback: number) => String(v ?? fallback);
    const out: StrategyDeploymentConfiguration = { strategy: ECS_STRATEGY[strategy], bakeTimeInMinutes: minutes(s.bakeTimeMinutes, STRATEGY_DEFAULTS.bakeTimeMinutes) };
    if (strategy === DeploymentStrategy.Canary) {
        out.canaryConfiguration = {
            canaryPercent: (s.canaryPercent as number | undefined) ?? STRATEGY_DEFAULTS.canaryPercent,
            canaryBakeTimeInMinutes: minutes(s.canaryBakeMinutes, STRATEGY_DEFAULTS.canaryBakeMinutes),
        };
    }
    if (strategy === DeploymentStrategy.Linear) {
        out.linearConfiguration = {
            stepPercent: (s.linearStepPercent as number | undefined) ?? STRATEGY_DEFAULTS.linearStepPercent,
            stepBakeTimeInMinutes: minutes(s.linearStepBakeMinutes, STRATEGY_DEFAULTS.linearStepBakeMinutes),
        };
    }
    return out;
}

/** The listener ports a test listener may not take: the ALB's own 80 and 443, and the container port. */
export function testListenerPortProblem(port: unknown, containerPort: number, strategy: DeploymentStrategy | undefined): string | undefined {
    if (port === undefined) return undefined;
    if (!shiftsTraffic(strategy)) return "a test listener only serves the new revision of blueGreen, canary or linear deployments; set deploymentStrategy or drop testListenerPort";
    if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) return "must be a port from 1 to 65535";
    if (port === 80 || port === 443) return "is a production listener port (80/443); pick another port such as 8443";
    if (port === containerPort) return `equals the container port (${containerPort}); pick another port such as 8443`;
    return undefined;
}
