import assert from "node:assert/strict";
import { awslogsGroupsOf, logsPolicies, retentionMeetsMinimum } from "../../policy/logs";
import { evaluateInProcess } from "../../tools/analyzer/inProcess";
import { PolicyConfigFile, ResourceInput, UNKNOWN, Violation } from "../../tools/analyzer/types";

const KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** The key policy our program writes: account-root administration plus CloudWatch Logs. */
const KEY_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        { Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" },
        {
            Sid: "Logs",
            Effect: "Allow",
            Principal: { Service: "logs.eu-west-1.amazonaws.com" },
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resource: "*",
            Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:111122223333:log-group:*" } },
        },
    ],
});

/** Container definitions that log to `group` with the awslogs driver. */
function containers(group: string): object[] {
    return [
        {
            name: "web",
            image: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/web@sha256:0123",
            logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": group, "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "web" } },
        },
    ];
}

/** A stack shaped like our program's: a key, an encrypted log group with a retention, and a task definition writing to it. */
function programStack(retentionInDays = 365): ResourceInput[] {
    return [
        { type: "aws:kms/key:Key", name: "logs-key", props: { description: "web logs", enableKeyRotation: true, deletionWindowInDays: 30, policy: KEY_POLICY } },
        {
            type: "aws:cloudwatch/logGroup:LogGroup",
            name: "web-logs",
            props: { name: "/ecs/web", kmsKeyId: UNKNOWN, retentionInDays },
            propertyDependencies: { kmsKeyId: ["logs-key"] },
        },
        {
            type: "aws:ecs/taskDefinition:TaskDefinition",
            name: "web-td",
            props: { family: "web", containerDefinitions: JSON.stringify(containers("/ecs/web")) },
            propertyDependencies: { containerDefinitions: ["web-logs"] },
        },
    ];
}

async function run(resources: ResourceInput[], config?: PolicyConfigFile): Promise<Violation[]> {
    return evaluateInProcess(logsPolicies, resources, config);
}

/** Resources a policy reported, in order. */
function hits(violations: Violation[], policy: string): string[] {
    return violations.filter((v) => v.policy === policy).map((v) => v.resource);
}

/** A log group with the given properties. */
const logGroup = (name: string, props: Record<string, unknown>): ResourceInput => ({ type: "aws:cloudwatch/logGroup:LogGroup", name, props });

describe("policy/logs: metadata", () => {
    it("every policy has name, description, level, severity, remediation and a rule: tag", () => {
        assert.deepEqual(
            logsPolicies.map((p) => p.name),
            [
                "cloudwatch-log-group-kms-encrypted",
                "cloudwatch-log-group-key-managed",
                "cloudwatch-log-group-retention-set",
                "cloudwatch-log-group-retention-minimum",
                "ecs-task-log-group-managed",
            ],
        );
        for (const p of logsPolicies) {
            assert.ok(p.description && p.enforcementLevel && p.severity && p.remediationSteps, p.name);
            assert.ok(p.tags && p.tags.some((t) => /^rule:(CW\d|T6)$/.test(t)), p.name);
        }
        assert.deepEqual(
            logsPolicies.map((p) => p.enforcementLevel),
            ["advisory", "advisory", "mandatory", "mandatory", "advisory"],
        );
    });
});

describe("policy/logs: our program's log group", () => {
    it("passes every logs policy in prod (365 days)", async () => {
        assert.deepEqual(await run(programStack(365)), []);
    });

    it("dev's 30-day retention fails only CW3 at its default, and passes with minimumRetentionDays 30", async () => {
        assert.deepEqual(
            (await run(programStack(30))).map((v) => [v.policy, v.resource]),
            [["cloudwatch-log-group-retention-minimum", "web-logs"]],
        );
        assert.deepEqual(await run(programStack(30), { "cloudwatch-log-group-retention-minimum": { minimumRetentionDays: 30 } }), []);
    });
});

describe("policy/logs: CW1 encryption", () => {
    it("fails a log group without kmsKeyId or with an empty one, not an unknown one", async () => {
        const v = await run([
            logGroup("plain", { name: "a", retentionInDays: 365 }),
            logGroup("empty-key", { name: "b", retentionInDays: 365, kmsKeyId: "" }),
            logGroup("unknown-key", { name: "c", retentionInDays: 365, kmsKeyId: UNKNOWN }),
        ]);
        assert.deepEqual(hits(v, "cloudwatch-log-group-kms-encrypted"), ["plain", "empty-key"]);
    });

    it("advises when the stack's key does not rotate or does not admit CloudWatch Logs; a key of another stack (by ARN) is not judged here", async () => {
        const v = await run([
            logGroup("external-key", { name: "a", retentionInDays: 365, kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/other" }),
            { type: "aws:kms/key:Key", name: "no-rotation", props: { arn: KEY_ARN, policy: KEY_POLICY, enableKeyRotation: false } },
            logGroup("weak-key", { name: "b", retentionInDays: 365, kmsKeyId: KEY_ARN }),
            { type: "aws:kms/key:Key", name: "default-policy", props: { enableKeyRotation: true } },
            { ...logGroup("no-logs-grant", { name: "c", retentionInDays: 365, kmsKeyId: UNKNOWN }), propertyDependencies: { kmsKeyId: ["default-policy"] } },
        ]);
        assert.deepEqual(hits(v, "cloudwatch-log-group-key-managed"), ["weak-key", "no-logs-grant"]);
        const messages = v.filter((x) => x.policy === "cloudwatch-log-group-key-managed").map((x) => x.message.split("\n")[1]);
        assert.deepEqual(messages, [
            "Log group weak-key: key no-rotation does not have enableKeyRotation: true.",
            "Log group no-logs-grant: key default-policy's policy does not allow the logs.<region>.amazonaws.com service principal.",
        ]);
    });

    it("accepts a logs grant made by a separate aws:kms/keyPolicy", async () => {
        const v = await run([
            { type: "aws:kms/key:Key", name: "k", props: { enableKeyRotation: true } },
            { type: "aws:kms/keyPolicy:KeyPolicy", name: "kp", props: { keyId: UNKNOWN, policy: KEY_POLICY }, propertyDependencies: { keyId: ["k"] } },
            { ...logGroup("lg", { name: "a", retentionInDays: 365, kmsKeyId: UNKNOWN }), propertyDependencies: { kmsKeyId: ["k"] } },
        ]);
        assert.deepEqual(hits(v, "cloudwatch-log-group-key-managed"), []);
    });
});

describe("policy/logs: CW2 and CW3 retention", () => {
    it("CW2 fails a missing retention only", async () => {
        const v = await run([
            logGroup("none", { name: "a", kmsKeyId: KEY_ARN }),
            logGroup("zero", { name: "b", kmsKeyId: KEY_ARN, retentionInDays: 0 }),
            logGroup("unknown", { name: "c", kmsKeyId: KEY_ARN, retentionInDays: UNKNOWN }),
        ]);
        assert.deepEqual(hits(v, "cloudwatch-log-group-retention-set"), ["none"]);
    });

    it("CW3 passes 0 and values at or above the minimum, fails shorter or missing ones, skips non-numbers", async () => {
        const v = await run([
            logGroup("never-expire", { name: "a", retentionInDays: 0 }),
            logGroup("year", { name: "b", retentionInDays: 365 }),
            logGroup("as-string", { name: "c", retentionInDays: "400" }),
            logGroup("month", { name: "d", retentionInDays: 30 }),
            logGroup("missing", { name: "e" }),
            logGroup("garbage", { name: "f", retentionInDays: "forever" }),
            logGroup("unknown", { name: "g", retentionInDays: UNKNOWN }),
        ]);
        assert.deepEqual(hits(v, "cloudwatch-log-group-retention-minimum"), ["month", "missing"]);
        assert.match(
            v.find((x) => x.resource === "month" && x.policy === "cloudwatch-log-group-retention-minimum")!.message,
            /retentionInDays is 30, below the minimum of 365 days/,
        );
    });

    it("CW3 reads minimumRetentionDays from config", async () => {
        const resources = [logGroup("month", { name: "d", retentionInDays: 30 }), logGroup("week", { name: "w", retentionInDays: 7 })];
        assert.deepEqual(hits(await run(resources, { "cloudwatch-log-group-retention-minimum": { minimumRetentionDays: 14 } }), "cloudwatch-log-group-retention-minimum"), [
            "week",
        ]);
        assert.deepEqual(retentionMeetsMinimum(undefined, 0), false);
        assert.deepEqual(retentionMeetsMinimum("x", 0), undefined);
    });
});

describe("policy/logs: T6 stack part (task log groups)", () => {
    it("extracts awslogs groups from the string and the array shape", () => {
        assert.deepEqual(awslogsGroupsOf(JSON.stringify(containers("/ecs/web"))), ["/ecs/web"]);
        assert.deepEqual(awslogsGroupsOf([...containers("/ecs/a"), ...containers("/ecs/a"), { name: "sidecar", logConfiguration: { logDriver: "awsfirelens" } }]), ["/ecs/a"]);
        assert.deepEqual(awslogsGroupsOf(UNKNOWN), undefined);
        assert.deepEqual(awslogsGroupsOf("[not json"), undefined);
        assert.deepEqual(awslogsGroupsOf(undefined), []);
        const pending = { name: "pending", logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": UNKNOWN } } };
        assert.deepEqual(awslogsGroupsOf(JSON.stringify([...containers("/ecs/a"), pending])), ["/ecs/a"], "a group unknown in preview skips only its container");
        assert.deepEqual(awslogsGroupsOf(JSON.stringify({ not: "a list" })), undefined);
    });

    it("fails a group left to awslogs-create-group and one of the stack without key or retention; a group of another stack passes", async () => {
        const createdByEcs = containers("/ecs/created-by-ecs").map((c: any) => ({
            ...c,
            logConfiguration: { ...c.logConfiguration, options: { ...c.logConfiguration.options, "awslogs-create-group": "true" } },
        }));
        const v = await run([
            logGroup("bare", { name: "/ecs/bare" }),
            { type: "aws:ecs/taskDefinition:TaskDefinition", name: "missing-td", props: { containerDefinitions: JSON.stringify(createdByEcs) } },
            { type: "aws:ecs/taskDefinition:TaskDefinition", name: "bare-td", props: { containerDefinitions: containers("/ecs/bare") } },
            { type: "aws:ecs/taskDefinition:TaskDefinition", name: "platform-group-td", props: { containerDefinitions: JSON.stringify(containers("/platform/shared-logs")) } },
        ]);
        assert.deepEqual(hits(v, "ecs-task-log-group-managed"), ["missing-td", "bare-td"]);
        const messages = v.filter((x) => x.policy === "ecs-task-log-group-managed").map((x) => x.message.split("\n")[1]);
        assert.deepEqual(messages, [
            'awslogs-group "/ecs/created-by-ecs" is not managed by any stack: awslogs-create-group lets ECS create it without a KMS key or retention.',
            'awslogs-group "/ecs/bare" (log group bare) has no kmsKeyId and no retentionInDays.',
        ]);
    });

    it("matches a log group whose name is unknown through the containerDefinitions dependency", async () => {
        const v = await run([
            logGroup("unnamed", { name: UNKNOWN, kmsKeyId: UNKNOWN, retentionInDays: 365 }),
            {
                type: "aws:ecs/taskDefinition:TaskDefinition",
                name: "td",
                props: { containerDefinitions: JSON.stringify(containers("/ecs/web-1a2b3c")) },
                propertyDependencies: { containerDefinitions: ["unnamed"] },
            },
        ]);
        assert.deepEqual(hits(v, "ecs-task-log-group-managed"), []);
    });

    it("skips unknown or malformed container definitions without crashing", async () => {
        const v = await run([
            { type: "aws:ecs/taskDefinition:TaskDefinition", name: "unknown", props: { containerDefinitions: UNKNOWN } },
            { type: "aws:ecs/taskDefinition:TaskDefinition", name: "malformed", props: { containerDefinitions: "{oops" } },
            { type: "aws:ecs/taskDefinition:TaskDefinition", name: "object", props: { containerDefinitions: { name: "not-an-array" } } },
        ]);
        assert.deepEqual(v, []);
    });
});
