import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { iamProblems } from "../../tools/offline/iamChecks";
import { buildPlan } from "../../tools/plan/plan";
import { constraintError } from "../../tools/plan/render";
import { REPO_ROOT } from "../helpers/offline";

const ACCOUNT = "123456789012";
const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });

describe("offline IAM checks over recorded resources", () => {
    it("checks every document-holding property: trust, inline, role, key, queue, topic, bucket and repository policies", () => {
        const typo = { Effect: "Allow", Action: "s3:GetObjects", Resource: "arn:aws:s3:::b/*" };
        const problems = iamProblems([
            {
                type: "aws:iam/role:Role",
                name: "role",
                inputs: {
                    assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "ecs-tasks" }, Action: "sts:AssumeRole" }),
                    inlinePolicies: [{ name: "a", policy: doc(typo) }],
                },
            },
            { type: "aws:iam/rolePolicy:RolePolicy", name: "role-policy", inputs: { role: "r", policy: doc({ Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }) } },
            {
                type: "aws:kms/key:Key",
                name: "key",
                inputs: { policy: doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:Decrypts", Resource: "*" }) },
            },
            {
                type: "aws:sqs/queuePolicy:QueuePolicy",
                name: "queue",
                inputs: { policy: doc({ Effect: "Allow", Action: "sqs:SendMessage", Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:q` }) },
            },
            {
                type: "aws:sns/topicPolicy:TopicPolicy",
                name: "topic",
                inputs: {
                    policy: doc({ Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:q` }),
                },
            },
            {
                type: "aws:s3/bucketPolicy:BucketPolicy",
                name: "bucket",
                inputs: { policy: doc({ Effect: "Alow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*" }) },
            },
            {
                type: "aws:ecr/repositoryPolicy:RepositoryPolicy",
                name: "repo",
                inputs: { policy: doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "ecr:BatchGetImages" }) },
            },
            { type: "aws:ecr/lifecyclePolicy:LifecyclePolicy", name: "lifecycle", inputs: { policy: JSON.stringify({ rules: [] }) } },
        ]);
        const found = problems.map((p) => [p.resource, p.property, p.value]);
        assert.deepEqual(found, [
            ["role", "assumeRolePolicy.Statement[0].Principal.Service", "ecs-tasks"],
            ["role", "inlinePolicies[0].policy.Statement[0].Action", "s3:GetObjects"],
            ["role-policy", "policy.Statement[0].Effect", undefined],
            ["key", "policy.Statement[0].Action", "kms:Decrypts"],
            ["queue", "policy.Statement[0]", { Effect: "Allow", Action: "sqs:SendMessage", Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:q` }],
            ["topic", "policy.Statement[0].Resource", `arn:aws:sqs:us-east-1:${ACCOUNT}:q`],
            ["topic", "policy.Statement[0].Resource", `arn:aws:sqs:us-east-1:${ACCOUNT}:q`],
            ["bucket", "policy.Statement[0].Effect", "Alow"],
            ["repo", "policy.Statement[0].Action", "ecr:BatchGetImages"],
        ]);
        for (const p of problems) assert.ok(p.rule.length > 0 && p.source.length > 0, JSON.stringify(p));
        assert.match(problems[1].rule, /closest real action is s3:GetObject$/);
        assert.match(problems[3].rule, /closest real action is kms:Decrypt$/);
        assert.match(problems[4].rule, /needs a Principal/);
        assert.match(problems[5].rule, /sns:Publish applies to none of/);
        assert.match(problems[8].rule, /closest real action is ecr:BatchGetImage$/);
    });

    it("also checks the policies a bucket, secret, registry or log resource policy carries inline", () => {
        const typo = (Action: string, Resource: string) => doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action, Resource });
        const problems = iamProblems([
            { type: "aws:s3/bucket:Bucket", name: "bucket", inputs: { policy: typo("s3:GetObjects", "arn:aws:s3:::b/*") } },
            { type: "aws:s3/bucketV2:BucketV2", name: "bucket-v2", inputs: { policy: typo("s3:GetObjects", "arn:aws:s3:::b/*") } },
            { type: "aws:secretsmanager/secret:Secret", name: "secret", inputs: { policy: typo("secretsmanager:GetSecretValues", "*") } },
            { type: "aws:ecr/registryPolicy:RegistryPolicy", name: "registry", inputs: { policy: typo("ecr:ReplicateImages", `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/*`) } },
            {
                type: "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
                name: "logs",
                inputs: { policyDocument: typo("logs:PutLogEvent", `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:*`) },
            },
        ]);
        assert.deepEqual(
            problems.map((p) => [p.resource, p.property, p.value]),
            [
                ["bucket", "policy.Statement[0].Action", "s3:GetObjects"],
                ["bucket-v2", "policy.Statement[0].Action", "s3:GetObjects"],
                ["secret", "policy.Statement[0].Action", "secretsmanager:GetSecretValues"],
                ["registry", "policy.Statement[0].Action", "ecr:ReplicateImages"],
                ["logs", "policyDocument.Statement[0].Action", "logs:PutLogEvent"],
            ],
        );
    });

    it("skips values unknown in preview", () => {
        assert.deepEqual(iamProblems([{ type: "aws:iam/rolePolicy:RolePolicy", name: "p", inputs: { policy: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } }]), []);
    });

    it("fails the plan of a --dir project whose program registers a policy AWS would refuse, naming resource, property, value, rule and source", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iam-plan-"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: shop\nruntime: nodejs\n");
        fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  aws:region: us-east-1\n");
        const aws = JSON.stringify(path.join(REPO_ROOT, "node_modules", "@pulumi", "aws"));
        const policy = doc({ Effect: "Allow", Action: ["s3:GetObjects"], Resource: "arn:aws:s3:::shop/*" });
        fs.writeFileSync(path.join(dir, "index.js"), `const aws = require(${aws});\nnew aws.iam.RolePolicy("app", { role: "app", policy: ${JSON.stringify(policy)} });\n`);
        const plan = await buildPlan({ dir, stack: "dev", entry: path.join(dir, "index.js") });
        assert.deepEqual(
            plan.constraints.map((p) => [p.resource, p.property, p.value]),
            [["app", "policy.Statement[0].Action[0]", "s3:GetObjects"]],
        );
        const message = constraintError(plan);
        assert.match(message, /^error: AWS or the provider would refuse 1 value of stack dev; `pulumi up` would fail:/);
        assert.match(message, /app: policy\.Statement\[0\]\.Action\[0\] = "s3:GetObjects"/);
        assert.match(message, /s3:GetObjects is not an action; the closest real action is s3:GetObject/);
        assert.match(message, /AWS Service Authorization Reference/);
    });
});
