/**
 * Every stack shape we ship plans with no value AWS or the provider would refuse: dev, prod, stacks
 * that turn on every option (deployment strategies, Exec, secrets, scheduled tasks and scaling,
 * alarms, sidecars, prebuilt images, bring-your-own VPC, the longest allowed service name). The
 * examples are checked in examples.test.ts, which runs each of their stacks once. Slow tier: one
 * whole-program run per shape.
 */
import * as assert from "node:assert/strict";
import { runStack } from "../helpers/offline";
import { RecordedResource } from "../../tools/offline/types";
import { constraintProblems, formatConstraintProblem } from "../../tools/offline/constraints/check";

function assertNone(resources: RecordedResource[]): void {
    const problems = constraintProblems(resources);
    assert.equal(problems.length, 0, "values AWS or the provider would refuse:\n" + problems.map(formatConstraintProblem).join("\n"));
}

const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
const SHAPES: [string, string, Record<string, unknown>][] = [
    ["dev", "dev", {}],
    ["prod", "prod", {}],
    [
        "prod with blue/green, a test listener, Exec, a secret, alarm e-mails, scheduled tasks and scaling, memory and request targets",
        "prod",
        {
            deploymentStrategy: "blueGreen",
            testListenerPort: 8443,
            enableExecuteCommand: true,
            secrets: { DB_PASSWORD: SECRET },
            alarmEmails: ["oncall@example.com"],
            scheduledTasks: [
                { name: "cleanup", schedule: "cron(0 3 * * ? *)", timezone: "Europe/Paris", command: ["python", "manage.py", "clearsessions"] },
                { name: "report", schedule: "rate(1 hour)", command: ["python", "report.py"] },
            ],
            scheduledScaling: [{ name: "night", schedule: "cron(0 22 * * ? *)", minCount: 2, maxCount: 3 }],
            memoryTarget: 75,
        },
    ],
    ["dev with a canary deployment", "dev", { deploymentStrategy: "canary", canaryPercent: 25, canaryBakeMinutes: 10 }],
    ["dev with a linear deployment and a test listener", "dev", { deploymentStrategy: "linear", bakeTimeMinutes: 0, testListenerPort: 9000 }],
    ["dev with the longest allowed service name (20)", "dev", { serviceName: "abcdefghijklmnopqrst" }],
    [
        "prod with the longest names: service (17 with blue/green's second target group), a scheduled task (28, the rest of the 45 both share)",
        "prod",
        {
            serviceName: "abcdefghijklmnopq",
            deploymentStrategy: "blueGreen",
            scheduledTasks: [{ name: "nightly-report-and-cleanup-j", schedule: "rate(1 day)", command: ["python", "report.py"] }],
        },
    ],
    [
        "dev with a prebuilt image on ARM and a sidecar",
        "dev",
        {
            buildContext: undefined,
            image: "public.ecr.aws/nginx/nginx-unprivileged:1.27",
            cpu: undefined,
            memory: undefined,
            architecture: "arm64",
            sidecars: [{ name: "otel", image: "public.ecr.aws/aws-observability/aws-otel-collector:v0.41.0", cpu: 256, memory: 1024, essential: false }],
        },
    ],
    [
        "dev in your own VPC and cluster",
        "dev",
        {
            vpcId: "vpc-0123456789abcdef0",
            publicSubnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"],
            privateSubnetIds: ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"],
            clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/shared",
        },
    ],
];

describe("constraints: every stack shape plans with no value AWS or the provider would refuse", function () {
    this.timeout(120000);

    for (const [what, stack, overrides] of SHAPES) {
        it(what, async () => assertNone((await runStack(stack, overrides)).resources));
    }
});
