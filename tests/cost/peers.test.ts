import assert from "node:assert/strict";
import { estimateCost } from "../../tools/cost/model";
import { peerStacks } from "../../tools/cost/peers";

/** Estimate one peer stack in us-east-1 with the default usage assumptions. */
function estimatePeer(id: string) {
    const stack = peerStacks().find((s) => s.id === id);
    assert.ok(stack, id);
    return estimateCost(stack.resources, { region: "us-east-1" });
}

/** Sum of the monthly figures of the items whose basis starts with `prefix`. */
function sumOf(estimate: ReturnType<typeof estimateCost>, prefix: string): number {
    return Math.round(estimate.items.filter((i) => i.basis.startsWith(prefix)).reduce((sum, i) => sum + i.monthly, 0) * 10000) / 10000;
}

describe("cost/peers: the peer default stacks of peers.md §3, priced with our table", () => {
    it("builds the three stacks, each a fresh copy with wired task definitions", () => {
        const stacks = peerStacks();
        assert.deepEqual(
            stacks.map((s) => [s.id, s.reference]),
            [
                ["awsx", "peers.md §3.1"],
                ["cdk", "peers.md §3.2"],
                ["copilot", "peers.md §3.4"],
            ],
        );
        assert.notEqual(peerStacks()[0].resources, stacks[0].resources);
        for (const stack of stacks) {
            const service = stack.resources.find((r) => r.type === "aws:ecs/service:Service");
            assert.equal(stack.resources.find((r) => r.urn === service?.propertyDependencies.taskDefinition[0])?.inputs.cpu, "256", stack.id);
        }
    });

    it("awsx ≈ 3 NAT gateways: $98.55 NAT + $10.95 EIPs + ALB $16.43 + 3 ALB IPs $10.95 + task $9.01 = $145.89 fixed, $147.49 with usage", () => {
        const estimate = estimatePeer("awsx");
        assert.equal(sumOf(estimate, "NAT hours"), 98.55);
        assert.equal(sumOf(estimate, "NAT Elastic IPs"), 10.95);
        assert.equal(sumOf(estimate, "public IPv4: internet-facing, 3"), 10.95);
        assert.deepEqual([estimate.fixedMonthly, estimate.usageMonthly, estimate.monthlyTotal], [145.885, 1.602, 147.487]);
        assert.deepEqual(estimate.unpriced, []);
    });

    it("CDK ≈ 2 NAT gateways: $65.70 NAT + $7.30 EIPs + ALB $16.43 + 2 ALB IPs $7.30 + task $9.01 = $105.74 fixed, $107.34 with usage", () => {
        const estimate = estimatePeer("cdk");
        assert.equal(sumOf(estimate, "NAT hours"), 65.7);
        assert.equal(sumOf(estimate, "Elastic IP"), 7.3);
        assert.deepEqual([estimate.fixedMonthly, estimate.usageMonthly, estimate.monthlyTotal], [105.735, 1.602, 107.337]);
        assert.deepEqual(estimate.unpriced, []);
    });

    it("Copilot, no NAT: ALB $16.43 + 2 ALB IPs $7.30 + task $9.01 + task IP $3.65 = $36.39 fixed, $37.21 with usage", () => {
        const estimate = estimatePeer("copilot");
        assert.equal(sumOf(estimate, "NAT"), 0);
        assert.equal(sumOf(estimate, "public IPv4: assignPublicIp"), 3.65);
        assert.deepEqual([estimate.fixedMonthly, estimate.usageMonthly, estimate.monthlyTotal], [36.385, 0.8216, 37.2066]);
    });

    it("NAT gateways make the difference: awsx − Copilot fixed = 3 × $36.50 NAT+EIP + 1 ALB IP − 1 task IP", () => {
        const [awsx, copilot] = [estimatePeer("awsx"), estimatePeer("copilot")];
        assert.equal(Math.round(((awsx.fixedMonthly as number) - (copilot.fixedMonthly as number)) * 10000) / 10000, 109.5);
    });
});
