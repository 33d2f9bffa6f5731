/**
 * Each deploy-time defect of issue 11 that is a constraint (of AWS or of the provider), as a synthetic
 * resource shaped like the one our components register: the checks catch it with the resource, the
 * property, the value, the rule and its source. (The IAM defects, e.g. statements without Effect, are
 * checked by the IAM checks.)
 */
import * as assert from "node:assert/strict";
import { recorded } from "../helpers/constraints";
import { constraintProblems, formatConstraintProblem } from "../../tools/offline/constraints/check";
import { resourceState } from "../../tools/offline/mockValues";

const ctx = { region: "us-east-1", account: "123456789012" };
/** The longest serviceName config allows today (24 characters). */
const SERVICE = "abcdefghijklmnopqrstuvwx";
const engine = (type: string, name: string, inputs: Record<string, any> = {}) => recorded(type, name, inputs, resourceState(type, name, inputs, ctx, `seed/${name}`).state);

function only(type: string, name: string, inputs: Record<string, any> = {}) {
    return constraintProblems([engine(type, name, inputs)]);
}

describe("constraints: the deploy-time defects of issue 11 are caught with a clear message", () => {
    it("item 1: the task security group's HTTPS egress rule description with an apostrophe", () => {
        const [p, ...rest] = only("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "web-service-https-out", {
            securityGroupId: "sg-1",
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "0.0.0.0/0",
            description: "HTTPS to AWS APIs (ECR, logs, secrets) and the app's HTTPS dependencies",
        });
        assert.deepEqual(rest, []);
        assert.equal(p.resource, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule::web-service-https-out");
        assert.equal(p.property, "description");
        assert.match(
            formatConstraintProblem(p),
            /description = "HTTPS to AWS APIs \(ECR, logs, secrets\) and the app's HTTPS dependencies": must match .*; not allowed: "'" \(source: botocore ec2 IpRange\.Description documentation/,
        );
    });

    it("item 3: the auto-name of <24-char service>-alb for the load balancer, which ELB refuses over 32", () => {
        const [p, ...rest] = only("aws:lb/loadBalancer:LoadBalancer", `${SERVICE}-alb`);
        assert.deepEqual(rest, []);
        assert.equal(p.property, "name");
        assert.match(String(p.value), new RegExp(`^${SERVICE}-alb-[0-9a-f]{7}$`));
        assert.match(p.rule, /1 to 32 characters \(the name the provider generates/);
        assert.match(p.source, /botocore elbv2 CreateLoadBalancerInput\.Name documentation/);
    });

    for (const [type, logical, limit] of [
        ["aws:lb/targetGroup:TargetGroup", `${SERVICE}-alb`, 32],
        ["aws:lb/targetGroup:TargetGroup", `${SERVICE}-tg-alt`, 32],
        ["aws:lb/targetGroup:TargetGroup", `${SERVICE}-tg`, 32],
        ["aws:iam/role:Role", `${SERVICE}-nightly-cleanup-report-job-scheduler`, 64],
    ] as const) {
        it(`item 3: the auto-name of ${logical} (${type}) overflows the provider's ${limit}`, () => {
            const [p, ...rest] = only(type, logical);
            assert.deepEqual(rest, []);
            assert.equal(p.resource, `${type}::${logical}`);
            assert.equal(p.property, "name");
            assert.match(String(p.value), new RegExp(`^${logical}-[0-9a-f]{7}$`));
            assert.match(p.rule, new RegExp(`${logical.length + 8} characters, longer than its maximum of ${limit}`));
            assert.match(p.source, /pulumi-aws provider\/resources\.go/);
        });
    }

    it("item 3: a schedule name the bridge accepts but EventBridge Scheduler refuses (64)", () => {
        const [p, ...rest] = only("aws:scheduler/schedule:Schedule", `${SERVICE}-nightly-cleanup-report-job-schedule`);
        assert.deepEqual(rest, []);
        assert.equal(p.property, "name");
        assert.match(p.rule, /1 to 64 characters/);
        assert.match(p.source, /scheduler CreateSchedule\.Name/);
    });

    it("item 4: a service with capacity provider strategies but no forceNewDeployment", () => {
        const [p, ...rest] = only("aws:ecs/service:Service", "web-service", {
            name: "web",
            capacityProviderStrategies: [
                { capacityProvider: "FARGATE", weight: 1, base: 1 },
                { capacityProvider: "FARGATE_SPOT", weight: 1 },
            ],
        });
        assert.deepEqual(rest, []);
        assert.equal(p.property, "forceNewDeployment");
        assert.match(formatConstraintProblem(p), /must set forceNewDeployment: true.*capacityProviderStrategyCustomizeDiff \(PR 43533\)/);
    });

    it("item 15: a canary percentage that is not a multiple of 0.1", () => {
        const [p, ...rest] = only("aws:ecs/service:Service", "web-service", {
            name: "web",
            launchType: "FARGATE",
            deploymentConfiguration: { strategy: "CANARY", bakeTimeInMinutes: "5", canaryConfiguration: { canaryPercent: 12.34, canaryBakeTimeInMinutes: "10" } },
        });
        assert.deepEqual(rest, []);
        assert.equal(p.property, "deploymentConfiguration.canaryConfiguration.canaryPercent");
        assert.equal(p.value, 12.34);
        assert.match(formatConstraintProblem(p), /a number from 0\.1 to 100 in steps of 0\.1 \(source: botocore ecs CanaryConfiguration\.canaryPercent documentation/);
    });
});
