/**
 * Application Load Balancer capacity units (LCU): billed per hour as the largest of four dimensions.
 */

/** New connections per second that make one LCU. */
export const NEW_CONNECTIONS_PER_LCU = 25;
/** Active connections per minute that make one LCU. */
export const ACTIVE_CONNECTIONS_PER_LCU = 3000;
/** GB processed per hour that make one LCU (EC2, container and IP targets). */
export const PROCESSED_GB_PER_LCU = 1;
/** Rule evaluations per second that make one LCU. */
export const RULE_EVALUATIONS_PER_LCU = 1000;
/** Rules processed per request that are not charged. */
export const FREE_RULES = 10;

/** The four LCU dimensions, in the order ties are resolved. */
export type LcuDimension = "newConnections" | "activeConnections" | "processedBytes" | "ruleEvaluations";

/** Average hourly traffic of one ALB. */
export interface AlbTraffic {
    /** New connections per second. */
    newConnectionsPerSecond: number;
    /** Active connections per minute. */
    activeConnectionsPerMinute: number;
    /** GB of requests and responses processed per hour. */
    processedGbPerHour: number;
    /** Rule evaluations per second (requests/s × rules processed per request). */
    ruleEvaluationsPerSecond: number;
    /** Rules processed per request; the first `FREE_RULES` are free. */
    rulesCount: number;
}

/** LCUs billed for one hour, and why. */
export interface LcuResult {
    /** LCUs billed per hour: the largest dimension. */
    lcuPerHour: number;
    /** The dimension that sets the bill (the first in declaration order on a tie). */
    dominant: LcuDimension;
    /** LCUs each dimension alone would need. */
    byDimension: Record<LcuDimension, number>;
}

/**
 * Rule evaluations per second that are charged: only the share beyond the first `FREE_RULES` rules.
 * With 20 rules and 4,000 evaluations/s, half the evaluations (2,000/s) are charged.
 */
export function billableRuleEvaluationsPerSecond(ruleEvaluationsPerSecond: number, rulesCount: number): number {
    if (rulesCount <= FREE_RULES) {
        return 0;
    }
    return (ruleEvaluationsPerSecond * (rulesCount - FREE_RULES)) / rulesCount;
}

/** LCUs per hour for an ALB's average traffic: the maximum over the four dimensions, with the one that dominates. */
export function albLcuPerHour(traffic: AlbTraffic): LcuResult {
    const byDimension: Record<LcuDimension, number> = {
        newConnections: traffic.newConnectionsPerSecond / NEW_CONNECTIONS_PER_LCU,
        activeConnections: traffic.activeConnectionsPerMinute / ACTIVE_CONNECTIONS_PER_LCU,
        processedBytes: traffic.processedGbPerHour / PROCESSED_GB_PER_LCU,
        ruleEvaluations: billableRuleEvaluationsPerSecond(traffic.ruleEvaluationsPerSecond, traffic.rulesCount) / RULE_EVALUATIONS_PER_LCU,
    };
    let dominant: LcuDimension = "newConnections";
    for (const dimension of Object.keys(byDimension) as LcuDimension[]) {
        if (byDimension[dimension] > byDimension[dominant]) {
            dominant = dimension;
        }
    }
    return { lcuPerHour: byDimension[dominant], dominant, byDimension };
}
