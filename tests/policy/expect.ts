/** Shared assertions for the policy tests: run one policy of a family in-process and check its verdicts. */
import { strict as assert } from "node:assert";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { evaluateInProcess } from "../../tools/analyzer/inProcess";
import { PolicyConfigFile, ResourceInput, Violation } from "../../tools/analyzer/types";

type AnyPolicy = ResourceValidationPolicy | StackValidationPolicy;

/** Helpers bound to one family's policy list. */
export function policyExpectations(family: AnyPolicy[]) {
    /** The policy with this name (fails the test when the family does not export it). */
    function policy(name: string): AnyPolicy {
        const p = family.find((x) => x.name === name);
        assert.ok(p, `policy ${name} is exported`);
        return p;
    }
    /** Violations of one policy. */
    function run(name: string, resources: ResourceInput[], config: PolicyConfigFile = {}): Promise<Violation[]> {
        return evaluateInProcess([policy(name)], resources, config);
    }
    /** Assert exactly these resources violate `name`, each message matching `pattern` when given. */
    async function expectViolations(name: string, resources: ResourceInput[], expected: string[], pattern?: RegExp, config: PolicyConfigFile = {}): Promise<Violation[]> {
        const vs = await run(name, resources, config);
        assert.deepEqual(
            vs.map((v) => v.resource),
            expected,
            vs.map((v) => v.message).join(" | "),
        );
        for (const v of vs) {
            assert.equal(v.policy, name);
            if (pattern) assert.match(v.message, pattern);
        }
        return vs;
    }
    return { policy, run, expectViolations };
}

/**
 * Every policy of a family has a unique `<prefix>-kebab-case` name, a description, a mandatory or
 * advisory level, a severity, remediation steps and a `rule:` tag matching `rulePattern`.
 */
export function assertPolicyMetadata(family: AnyPolicy[], prefix: string, rulePattern: RegExp): void {
    const names = new Set<string>();
    for (const p of family) {
        assert.match(p.name, new RegExp(`^${prefix}-[a-z0-9]+(-[a-z0-9]+)*$`));
        assert.ok(!names.has(p.name), `duplicate ${p.name}`);
        names.add(p.name);
        assert.ok(p.description && p.description.length > 10, p.name);
        assert.ok(p.enforcementLevel === "mandatory" || p.enforcementLevel === "advisory", p.name);
        assert.ok(["low", "medium", "high", "critical"].includes(p.severity ?? ""), p.name);
        assert.ok(p.remediationSteps && p.remediationSteps.length > 20, p.name);
        assert.ok(p.tags && p.tags.some((t) => rulePattern.test(t)), p.name);
    }
}
