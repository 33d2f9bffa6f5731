import { strict as assert } from "node:assert";
import { autoscalingPolicies, capacityProblems, parseEcsResourceId, targetTrackingProblem } from "../../policy/autoscaling";
import { evaluateInProcess } from "../../tools/analyzer/inProcess";
import { ResourceInput, UNKNOWN } from "../../tools/analyzer/types";
import { policyExpectations } from "./expect";

const SVC = "aws:ecs/service:Service";
const CLUSTER = "aws:ecs/cluster:Cluster";
const TARGET = "aws:appautoscaling/target:Target";
const POLICY = "aws:appautoscaling/policy:Policy";

const CLUSTER_ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/main";

const cluster = (): ResourceInput => ({ type: CLUSTER, name: "main", props: { name: "main", arn: CLUSTER_ARN } });

function service(name: string, overrides: Record<string, any> = {}, deps: Record<string, string[]> = { cluster: ["main"] }): ResourceInput {
    return {
        type: SVC,
        name,
        props: {
            name,
            cluster: CLUSTER_ARN,
            desiredCount: 2,
            loadBalancers: [{ targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/1", containerName: "web", containerPort: 8080 }],
            ...overrides,
        },
        propertyDependencies: deps,
    };
}

function target(name: string, resourceId: unknown, overrides: Record<string, any> = {}, deps: Record<string, string[]> = {}): ResourceInput {
    return {
        type: TARGET,
        name,
        props: { serviceNamespace: "ecs", scalableDimension: "ecs:service:DesiredCount", resourceId, minCapacity: 2, maxCapacity: 10, ...overrides },
        propertyDependencies: deps,
    };
}

function scalingPolicy(
    name: string,
    resourceId: unknown,
    config: Record<string, any> = {},
    overrides: Record<string, any> = {},
    deps: Record<string, string[]> = {},
): ResourceInput {
    return {
        type: POLICY,
        name,
        props: {
            policyType: "TargetTrackingScaling",
            serviceNamespace: "ecs",
            scalableDimension: "ecs:service:DesiredCount",
            resourceId,
            targetTrackingScalingPolicyConfiguration: {
                targetValue: 60,
                predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
                scaleInCooldown: 120,
                scaleOutCooldown: 60,
                ...config,
            },
            ...overrides,
        },
        propertyDependencies: deps,
    };
}

/** Our production stack's scaling: target linked by dependency, CPU target tracking. */
function goodStack(): ResourceInput[] {
    return [
        cluster(),
        service("web"),
        target("web-target", "service/main/web", {}, { resourceId: ["web", "main"] }),
        scalingPolicy("web-cpu", "service/main/web", {}, {}, { resourceId: ["web-target"] }),
    ];
}

const { expectViolations } = policyExpectations(autoscalingPolicies);

describe("policy/autoscaling", () => {
    it("every policy has a unique kebab-case name, description, level, severity, remediation and rule tags", () => {
        for (const p of autoscalingPolicies) {
            assert.match(p.name, /^autoscaling-[a-z0-9]+(-[a-z0-9]+)*$/);
            assert.ok(p.description && p.description.length > 10, p.name);
            // A2 (fewer than two tasks) is an availability risk, mandatory by default; A1 and A3 are advice.
            assert.equal(p.enforcementLevel, p.name === "autoscaling-capacity-bounds" ? "mandatory" : "advisory", p.name);
            assert.ok(["low", "medium", "high", "critical"].includes(p.severity ?? ""), p.name);
            assert.ok(p.remediationSteps && p.remediationSteps.length > 20, p.name);
        }
        assert.deepEqual(
            autoscalingPolicies.map((p) => p.tags),
            [
                ["rule:A1", "beyond:A1"],
                ["rule:A2", "beyond:A2"],
                ["rule:A3", "beyond:A3"],
            ],
        );
    });

    it("our production scaling setup passes every policy", async () => {
        assert.deepEqual(await evaluateInProcess(autoscalingPolicies, goodStack()), []);
    });

    describe("A1 autoscaling-ecs-service-target", () => {
        it("fails a load-balanced service without a scalable target", async () => {
            await expectViolations("autoscaling-ecs-service-target", [cluster(), service("web")], ["web"], /no ecs:service:DesiredCount scalable target/);
        });

        it("links a target by resourceId when there are no dependencies, checking the cluster name", async () => {
            await expectViolations("autoscaling-ecs-service-target", [cluster(), service("web"), target("t", "service/main/web")], []);
            await expectViolations("autoscaling-ecs-service-target", [cluster(), service("web"), target("t", "service/other/web")], ["web"]);
            await expectViolations(
                "autoscaling-ecs-service-target",
                [cluster(), service("web"), target("t", "service/main/web", { scalableDimension: "ecs:service:Other" })],
                ["web"],
            );
        });

        it("links a service on another stack's cluster (given by ARN) to its target here; a target for another stack's service is no violation", async () => {
            const platformCluster = "arn:aws:ecs:us-east-1:111122223333:cluster/platform-prod";
            await expectViolations("autoscaling-ecs-service-target", [service("orders", { cluster: platformCluster }, {}), target("t", "service/platform-prod/orders")], []);
            await expectViolations("autoscaling-ecs-service-target", [target("t", "service/platform-prod/billing")], []);
            await expectViolations("autoscaling-ecs-service-target", [service("orders", { cluster: platformCluster }, {})], ["orders"]);
        });

        it("ignores services without a load balancer and daemon services", async () => {
            await expectViolations("autoscaling-ecs-service-target", [cluster(), service("worker", { loadBalancers: [] }), service("agent", { schedulingStrategy: "DAEMON" })], []);
        });

        it("is silent while a target's resourceId is unknown and has no dependency", async () => {
            await expectViolations("autoscaling-ecs-service-target", [cluster(), service("web"), target("t", UNKNOWN)], []);
            // A dependency still links it, and a second service without a target is reported.
            await expectViolations("autoscaling-ecs-service-target", [cluster(), service("web"), service("api"), target("t", UNKNOWN, {}, { resourceId: ["web"] })], ["api"]);
        });

        it("is silent for a service whose loadBalancers are unknown", async () => {
            await expectViolations("autoscaling-ecs-service-target", [cluster(), service("web", { loadBalancers: UNKNOWN })], []);
        });
    });

    describe("A2 autoscaling-capacity-bounds", () => {
        it("fails a minimum below 2, a maximum below the minimum and a maximum above the cap", async () => {
            const vs = await expectViolations(
                "autoscaling-capacity-bounds",
                [
                    target("single", "service/main/a", { minCapacity: 1, maxCapacity: 2 }),
                    target("inverted", "service/main/b", { minCapacity: 4, maxCapacity: 3 }),
                    target("huge", "service/main/c", { maxCapacity: "500" }),
                ],
                ["single", "inverted", "huge"],
            );
            assert.match(vs[0].message, /minCapacity 1 is below 2/);
            assert.match(vs[1].message, /maxCapacity 3 is below minCapacity 4/);
            assert.match(vs[2].message, /maxCapacity 500 exceeds the cap of 100/);
        });

        it("honours the minCapacity and maxCapacity config", async () => {
            const dev = target("dev", "service/main/web", { minCapacity: 1, maxCapacity: 2 });
            await expectViolations("autoscaling-capacity-bounds", [dev], [], undefined, { "autoscaling-capacity-bounds": { minCapacity: 1 } });
            await expectViolations("autoscaling-capacity-bounds", [target("prod", "service/main/web")], ["prod"], /exceeds the cap of 8/, {
                "autoscaling-capacity-bounds": { maxCapacity: 8 },
            });
        });

        it("ignores non-ECS targets and unknown capacities", async () => {
            await expectViolations(
                "autoscaling-capacity-bounds",
                [target("ddb", "table/t", { serviceNamespace: "dynamodb", scalableDimension: "dynamodb:table:ReadCapacityUnits", minCapacity: 1 })],
                [],
            );
            await expectViolations("autoscaling-capacity-bounds", [target("x", "service/main/web", { minCapacity: UNKNOWN, maxCapacity: 500 })], []);
            await expectViolations("autoscaling-capacity-bounds", [target("x", "service/main/web", { minCapacity: 1, serviceNamespace: UNKNOWN })], []);
        });
    });

    describe("A3 autoscaling-target-tracking-policy", () => {
        it("fails a target without any scaling policy", async () => {
            await expectViolations("autoscaling-target-tracking-policy", [target("t", "service/main/web")], ["t"], /no scaling policy targets it/);
        });

        it("fails when the only policies are step scaling or out of range, and explains why", async () => {
            const step = scalingPolicy("step", "service/main/web", {}, { policyType: "StepScaling" });
            const high = scalingPolicy("high", "service/main/web", { targetValue: 100 });
            const vs = await expectViolations("autoscaling-target-tracking-policy", [target("t", "service/main/web"), step, high], ["t"]);
            assert.match(vs[0].message, /policyType is "StepScaling"; targetValue 100 is outside \(0, 100\)/);
        });

        it("accepts request-count tracking above 100 with a resource label, and links policies by equal resourceId", async () => {
            const requests = scalingPolicy("requests", "service/main/web", {
                targetValue: 1000,
                predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: "app/web/1/targetgroup/web/2" },
            });
            await expectViolations("autoscaling-target-tracking-policy", [target("t", "service/main/web"), requests], []);
            const unlabeled = scalingPolicy("unlabeled", "service/main/web", {
                targetValue: 1000,
                predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget" },
            });
            await expectViolations("autoscaling-target-tracking-policy", [target("t", "service/main/web"), unlabeled], ["t"], /needs resourceLabel/);
        });

        it("a policy on another service does not count", async () => {
            await expectViolations("autoscaling-target-tracking-policy", [target("t", "service/main/web"), scalingPolicy("other", "service/main/api")], ["t"]);
        });

        it("is silent when a policy's configuration is unknown or its resourceId cannot be linked", async () => {
            const unknownConfig = scalingPolicy("p", "service/main/web", {}, { targetTrackingScalingPolicyConfiguration: UNKNOWN });
            await expectViolations("autoscaling-target-tracking-policy", [target("t", "service/main/web"), unknownConfig], []);
            await expectViolations("autoscaling-target-tracking-policy", [target("t", "service/main/web"), scalingPolicy("p", UNKNOWN, { targetValue: 500 })], []);
        });
    });

    it("malformed prop shapes never crash any autoscaling policy", async () => {
        const resources: ResourceInput[] = [
            service("web", { loadBalancers: "l", cluster: 5, name: 6 }),
            target("t", 7, { minCapacity: "two", maxCapacity: {} }),
            scalingPolicy("p", "service/main/web", {}, { targetTrackingScalingPolicyConfiguration: "x" }),
        ];
        const vs = await evaluateInProcess(autoscalingPolicies, resources);
        // The numeric resourceId links to nothing, so the service lacks a target and the target lacks a policy.
        assert.deepEqual(
            vs.map((v) => `${v.policy}:${v.resource}`),
            ["autoscaling-ecs-service-target:web", "autoscaling-target-tracking-policy:t"],
        );
    });

    it("helpers", () => {
        assert.deepEqual(parseEcsResourceId("service/main/web"), { cluster: "main", service: "web" });
        assert.equal(parseEcsResourceId("table/orders"), undefined);
        assert.deepEqual(capacityProblems("2", "10", 2, 100), []);
        assert.equal(
            targetTrackingProblem({
                policyType: "TargetTrackingScaling",
                targetTrackingScalingPolicyConfiguration: { targetValue: 50, predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageMemoryUtilization" } },
            }),
            undefined,
        );
        assert.match(
            targetTrackingProblem({
                policyType: "TargetTrackingScaling",
                targetTrackingScalingPolicyConfiguration: { targetValue: 50, predefinedMetricSpecification: { predefinedMetricType: "SQSQueueDepth" } },
            }) ?? "",
            /not one of/,
        );
    });
});
