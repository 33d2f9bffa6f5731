/**
 * The Fargate capacity provider strategy of a service: `onDemandBase` tasks on FARGATE, the rest split
 * by weight between FARGATE and FARGATE_SPOT. Rules from the ECS API model (botocore
 * `ecs/2014-11-13/service-2.json`, CapacityProviderStrategyItem): weight a whole number 0–1000, base
 * 0–100000; "at least one of the capacity providers must have a weight value greater than zero and any
 * capacity providers with a weight of 0 can't be used to place tasks".
 */

/** ECS's range of a capacity provider weight (CapacityProviderStrategyItemWeight). */
export const CAPACITY_WEIGHT_MAX = 1000;
/** ECS's range of a capacity provider base (CapacityProviderStrategyItemBase). */
export const CAPACITY_BASE_MAX = 100000;

/** The three numbers a service's strategy is made of. */
export interface CapacityWeights {
    onDemandBase: number;
    spotWeight: number;
    onDemandWeight: number;
}

/** One problem with the weights: the argument (config key), its value and why ECS would refuse it. */
export interface CapacityProblem {
    field: keyof CapacityWeights;
    value: unknown;
    message: string;
}

/**
 * The capacity provider strategy: `base` tasks on-demand, the rest split by weight with Spot. An on-demand
 * weight of 0 leaves FARGATE out: ECS places no task on a weight-0 provider, so the strategy is
 * FARGATE_SPOT alone.
 */
export function capacityStrategy(onDemandBase: number, spotWeight: number, onDemandWeight = 1): { capacityProvider: string; base?: number; weight: number }[] {
    if (onDemandWeight === 0 && onDemandBase === 0 && spotWeight > 0) return [{ capacityProvider: "FARGATE_SPOT", weight: spotWeight }];
    const s: { capacityProvider: string; base?: number; weight: number }[] = [{ capacityProvider: "FARGATE", base: onDemandBase, weight: onDemandWeight }];
    if (spotWeight > 0) s.push({ capacityProvider: "FARGATE_SPOT", weight: spotWeight });
    return s;
}

/**
 * Every problem with the weights of one service (all at once): out of ECS's ranges, or an on-demand
 * weight of 0 with a base on FARGATE (those tasks could not be placed) or with no Spot weight (no
 * provider could take a task). `ranges: false` leaves the range checks to a caller with tighter ones.
 */
export function capacityStrategyProblems(w: CapacityWeights, ranges = true): CapacityProblem[] {
    const problems: CapacityProblem[] = [];
    if (ranges) {
        const whole = (field: keyof CapacityWeights, max: number) => {
            const v = w[field];
            if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) problems.push({ field, value: v, message: `must be a whole number from 0 to ${max}` });
        };
        whole("onDemandBase", CAPACITY_BASE_MAX);
        whole("spotWeight", CAPACITY_WEIGHT_MAX);
        whole("onDemandWeight", CAPACITY_WEIGHT_MAX);
    }
    if (w.onDemandWeight === 0 && w.onDemandBase !== 0)
        problems.push({ field: "onDemandWeight", value: 0, message: `0 runs every task on Spot and needs onDemandBase 0 (got ${w.onDemandBase})` });
    if (w.onDemandWeight === 0 && w.spotWeight === 0) problems.push({ field: "onDemandWeight", value: 0, message: "0 needs spotWeight 1 or more, or no task could be placed" });
    return problems;
}
