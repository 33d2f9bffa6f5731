import assert from "node:assert/strict";
import { albLcuPerHour, AlbTraffic, billableRuleEvaluationsPerSecond } from "../../tools/cost/lcu";

/** Idle traffic, overridden per case. */
function traffic(overrides: Partial<AlbTraffic>): AlbTraffic {
    return { newConnectionsPerSecond: 0, activeConnectionsPerMinute: 0, processedGbPerHour: 0, ruleEvaluationsPerSecond: 0, rulesCount: 0, ...overrides };
}

describe("cost/lcu: ALB LCUs per hour", () => {
    it("new connections dominate: 100/s ÷ 25 = 4 LCU", () => {
        const result = albLcuPerHour(traffic({ newConnectionsPerSecond: 100, activeConnectionsPerMinute: 3000, processedGbPerHour: 1 }));
        assert.equal(result.dominant, "newConnections");
        assert.equal(result.lcuPerHour, 4);
        assert.deepEqual(result.byDimension, { newConnections: 4, activeConnections: 1, processedBytes: 1, ruleEvaluations: 0 });
    });

    it("active connections dominate: 30,000/min ÷ 3,000 = 10 LCU", () => {
        const result = albLcuPerHour(traffic({ newConnectionsPerSecond: 50, activeConnectionsPerMinute: 30000, processedGbPerHour: 3 }));
        assert.equal(result.dominant, "activeConnections");
        assert.equal(result.lcuPerHour, 10);
    });

    it("processed bytes dominate: 2.5 GB/h = 2.5 LCU", () => {
        const result = albLcuPerHour(traffic({ newConnectionsPerSecond: 25, activeConnectionsPerMinute: 1500, processedGbPerHour: 2.5 }));
        assert.equal(result.dominant, "processedBytes");
        assert.equal(result.lcuPerHour, 2.5);
    });

    it("rule evaluations dominate: 4,000/s over 20 rules, first 10 free → 2,000/s ÷ 1,000 = 2 LCU", () => {
        const result = albLcuPerHour(traffic({ newConnectionsPerSecond: 25, processedGbPerHour: 1.5, ruleEvaluationsPerSecond: 4000, rulesCount: 20 }));
        assert.equal(result.dominant, "ruleEvaluations");
        assert.equal(result.lcuPerHour, 2);
    });

    it("the first 10 rules are free", () => {
        assert.equal(billableRuleEvaluationsPerSecond(100000, 10), 0);
        assert.equal(billableRuleEvaluationsPerSecond(3000, 15), 1000);
    });

    it("no traffic is 0 LCU (ties go to the first dimension)", () => {
        const result = albLcuPerHour(traffic({}));
        assert.equal(result.lcuPerHour, 0);
        assert.equal(result.dominant, "newConnections");
    });
});
