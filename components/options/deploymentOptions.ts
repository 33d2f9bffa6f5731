/** How a new revision rolls out: in place, or by shifting load balancer traffic (blue/green, canary, linear). */
import { OptionProblem, OptionTable, Resolved, applyDefaults } from "./optionTable";
import { Problems } from "./checks";
import { DeploymentStrategy } from "../lib/enums";
import { STRATEGY_DEFAULTS, StrategyField, deploymentStrategyProblems, isDeploymentStrategy, testListenerPortProblem } from "../lib/ecs/deploymentStrategy";

export interface DeploymentOptions {
    /**
     * "rolling" (in place, circuit breaker), or ECS-native "blueGreen", "canary" or "linear": a second target
     * group, a production listener rule forwarding to both by weight, and a role ECS shifts the weights with.
     * @default "rolling"
     */
    strategy?: DeploymentStrategy;
    /**
     * Minutes the old revision stays ready after all traffic has moved (0–1440; not with rolling).
     * @default 5
     */
    bakeTimeMinutes?: number;
    /**
     * Percent of production traffic the canary serves first (0.1–100 in steps of 0.1; canary only).
     * @default 10
     */
    canaryPercent?: number;
    /**
     * Minutes the canary serves its share before the rest moves (0–1440; canary only).
     * @default 5
     */
    canaryBakeMinutes?: number;
    /**
     * Percent of production traffic each linear step moves (3–100; linear only).
     * @default 20
     */
    linearStepPercent?: number;
    /**
     * Minutes between linear steps (0–1440; linear only).
     * @default 3
     */
    linearStepBakeMinutes?: number;
    /**
     * Port of a test listener on the service's own load balancer that reaches the new revision before
     * production does (HTTPS with a certificate, else HTTP; open to the VPC CIDR only). Not 80, 443 or the
     * container port; not with rolling or on a shared platform.
     * @default none
     */
    testListenerPort?: number;
}

/** The strategy-specific defaults apply only with their strategy, so they are documented here and applied by `deploymentConfiguration`. */
export const DEPLOYMENT_OPTIONS: OptionTable<DeploymentOptions> = {
    strategy: {
        default: "rolling",
        description:
            "How a new revision rolls out: `rolling` (in place, circuit breaker), or ECS-native `blueGreen`, `canary` or `linear` (a second target group; ECS shifts the listener rule's weights to it; shifting and baking together at most 300 minutes).",
    },
    bakeTimeMinutes: {
        defaultText: String(STRATEGY_DEFAULTS.bakeTimeMinutes),
        description: `Minutes the old revision stays ready after all traffic has moved, for an instant rollback (0–1440; \`blueGreen\`, \`canary\`, \`linear\`; unset: ${STRATEGY_DEFAULTS.bakeTimeMinutes}).`,
    },
    canaryPercent: {
        defaultText: String(STRATEGY_DEFAULTS.canaryPercent),
        description: `Percent of production traffic the canary serves first (0.1–100 in steps of 0.1; \`canary\` only; unset: ${STRATEGY_DEFAULTS.canaryPercent}).`,
    },
    canaryBakeMinutes: {
        defaultText: String(STRATEGY_DEFAULTS.canaryBakeMinutes),
        description: `Minutes the canary serves its share before the rest moves (0–1440; \`canary\` only; unset: ${STRATEGY_DEFAULTS.canaryBakeMinutes}).`,
    },
    linearStepPercent: {
        defaultText: String(STRATEGY_DEFAULTS.linearStepPercent),
        description: `Percent of production traffic each linear step moves (3–100; \`linear\` only; unset: ${STRATEGY_DEFAULTS.linearStepPercent}).`,
    },
    linearStepBakeMinutes: {
        defaultText: String(STRATEGY_DEFAULTS.linearStepBakeMinutes),
        description: `Minutes between linear steps (0–1440; \`linear\` only; unset: ${STRATEGY_DEFAULTS.linearStepBakeMinutes}).`,
    },
    testListenerPort: {
        description:
            "Port of a test listener (HTTPS with `certificateArn`, else HTTP; open to the VPC CIDR only) that reaches the new revision before production does. Not 80, 443 or `containerPort`; not with `rolling`.",
    },
};

export type ResolvedDeploymentOptions = Resolved<DeploymentOptions, "strategy">;

export function resolveDeploymentOptions(given: DeploymentOptions | undefined): ResolvedDeploymentOptions {
    return applyDefaults(DEPLOYMENT_OPTIONS, given) as ResolvedDeploymentOptions;
}

/** The option a strategy setting is (the strategy helpers name them as the flat config does). */
const FIELD: Record<StrategyField, keyof DeploymentOptions> = {
    deploymentStrategy: "strategy",
    bakeTimeMinutes: "bakeTimeMinutes",
    canaryPercent: "canaryPercent",
    canaryBakeMinutes: "canaryBakeMinutes",
    linearStepPercent: "linearStepPercent",
    linearStepBakeMinutes: "linearStepBakeMinutes",
};

/** A known strategy with only its own settings, in range, within the 300-minute budget; a test listener port that can serve. */
export function deploymentOptionsProblems(o: ResolvedDeploymentOptions, containerPort: number, prefix = "deployment"): OptionProblem[] {
    const p = new Problems(prefix);
    for (const sp of deploymentStrategyProblems({ ...o })) p.add(FIELD[sp.field], sp.value, sp.message);
    const testProblem = testListenerPortProblem(o.testListenerPort, containerPort, isDeploymentStrategy(o.strategy) ? o.strategy : undefined);
    if (testProblem) p.add("testListenerPort", o.testListenerPort, testProblem);
    return p.list;
}
