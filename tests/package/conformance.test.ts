/**
 * Conformance: every case of `conformanceCases` goes through the in-process runner and through
 * the real pack over gRPC; both must report the same violations (policy, resource, level).
 */
import * as assert from "node:assert/strict";
import { Policies } from "@pulumi/policy";
import { autoscalingPolicies } from "../../policy/autoscaling";
import { ecrPolicies } from "../../policy/ecr";
import { ecsPolicies } from "../../policy/ecs";
import { iamPolicies } from "../../policy/iam";
import { kmsPolicies } from "../../policy/kms";
import { loadBalancerPolicies } from "../../policy/loadBalancer";
import { logsPolicies } from "../../policy/logs";
import { networkPolicies } from "../../policy/network";
import { s3Policies } from "../../policy/s3";
import { allPolicies } from "../../policy/policies";
import { AnalyzerClient } from "../../tools/analyzer/grpcClient";
import { evaluateInProcess } from "../../tools/analyzer/inProcess";
import { Violation } from "../../tools/analyzer/types";
import { ConformanceCase, conformanceCases } from "../analyzer/conformanceCases";

const FAMILIES: Record<string, Policies> = {
    ecs: ecsPolicies,
    ecr: ecrPolicies,
    loadBalancer: loadBalancerPolicies,
    autoscaling: autoscalingPolicies,
    iam: iamPolicies,
    logs: logsPolicies,
    kms: kmsPolicies,
    network: networkPolicies,
    s3: s3Policies,
};

/** What the two runners must agree on, one string per violation, sorted. */
function comparable(violations: Violation[]): string[] {
    return violations.map((v) => `${v.policy} | ${v.resource} | ${v.level}`).sort();
}

function hasRule(v: Violation, rule: string): boolean {
    return v.tags.includes(`rule:${rule}`);
}

/** Check a case's expectations on one runner's violations. */
function assertExpectations(c: ConformanceCase, violations: Violation[]): void {
    if (c.expectNone) assert.deepEqual(comparable(violations), [], "unknown values must yield no violation");
    for (const e of c.expect) {
        const hits = violations.filter((v) => hasRule(v, e.rule) && v.resource === e.resource);
        assert.ok(hits.length > 0, `expected a rule:${e.rule} violation on ${e.resource}; got\n${comparable(violations).join("\n")}`);
        if (e.level) assert.deepEqual([...new Set(hits.map((h) => h.level))], [e.level], `level of rule:${e.rule} on ${e.resource}`);
    }
    for (const rule of c.absent ?? []) {
        assert.deepEqual(
            violations.filter((v) => hasRule(v, rule)).map((v) => v.policy),
            [],
            `rule:${rule} must not be reported`,
        );
    }
}

describe("conformance: in-process runner and gRPC analyzer agree", function () {
    let client: AnalyzerClient | undefined;

    before(async () => {
        client = await AnalyzerClient.start();
    });

    after(async () => {
        await client?.close();
    });

    for (const c of conformanceCases) {
        it(c.name, async () => {
            const local = await evaluateInProcess(allPolicies, c.resources, c.config ?? {});
            await client!.configure(c.config ?? {});
            const remote = await client!.analyze(c.resources);
            assert.deepEqual(comparable(remote), comparable(local));
            assertExpectations(c, remote);
        });
    }

    it("has a failing case for every policy family", () => {
        const expectedRules = new Set(conformanceCases.flatMap((c) => c.expect.map((e) => `rule:${e.rule}`)));
        const uncovered = Object.entries(FAMILIES)
            .filter(([, policies]) => !policies.some((p) => (p.tags ?? []).some((t) => expectedRules.has(t))))
            .map(([family]) => family);
        assert.deepEqual(uncovered, []);
    });

    it("runs every policy of the pack", async () => {
        const info = await client!.info();
        assert.deepEqual(
            info.policies.map((p) => p.name),
            allPolicies.map((p) => p.name),
        );
    });
});
