import assert from "node:assert/strict";
import { iamPolicies } from "../../policy/iam";
import { evaluateInProcess } from "../../tools/analyzer/inProcess";
import { PolicyConfigFile, ResourceInput, UNKNOWN, Violation } from "../../tools/analyzer/types";
import { assertPolicyMetadata } from "./expect";
import { taskRoleStatementProblems } from "../../components/lib/iam/iamStatements";

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
const REPO_ARN = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/web`;
const LOG_GROUP_ARN = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/web`;
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:web/db-AbCdEf`;

/** The trust policy our program gives ECS task and execution roles. */
function ecsTrust(extra: object = {}) {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "ecs-tasks.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": `arn:aws:ecs:${REGION}:${ACCOUNT}:*` } },
                ...extra,
            },
        ],
    });
}

/** The execution-role permissions our program grants. */
const EXECUTION_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        { Sid: "EcrAuth", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
        { Sid: "EcrPull", Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"], Resource: REPO_ARN },
        { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${LOG_GROUP_ARN}:*` },
        { Sid: "Secrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: SECRET_ARN },
        { Sid: "Decrypt", Effect: "Allow", Action: "kms:Decrypt", Resource: KEY_ARN },
    ],
});

/** The task-role permissions our program grants when ECS Exec is on. */
const TASK_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "Exec",
            Effect: "Allow",
            Action: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
            Resource: "*",
        },
        { Sid: "ExecSessionLogGroups", Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
        { Sid: "ExecSessionLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], Resource: [`${LOG_GROUP_ARN}/exec:*`] },
        { Sid: "ExecSessionKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [KEY_ARN] },
    ],
});

/** The VPC flow-log role's trust and permissions, as our network component writes them. */
const FLOW_LOG_TRUST = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        { Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } },
    ],
});
const FLOW_LOG_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], Resource: [`${LOG_GROUP_ARN}/flow:*`] },
        { Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
    ],
});

/** A stack shaped like our program's: two roles, their RolePolicies, and the task definition using them. */
function programStack(): ResourceInput[] {
    return [
        { type: "aws:iam/role:Role", name: "exec-role", props: { name: "web-exec", assumeRolePolicy: ecsTrust() } },
        { type: "aws:iam/role:Role", name: "task-role", props: { name: "web-task", assumeRolePolicy: ecsTrust() } },
        {
            type: "aws:iam/rolePolicy:RolePolicy",
            name: "exec-policy",
            props: { name: "exec", role: "web-exec", policy: EXECUTION_POLICY },
            propertyDependencies: { role: ["exec-role"] },
        },
        {
            type: "aws:iam/rolePolicy:RolePolicy",
            name: "task-policy",
            props: { name: "task", role: "web-task", policy: TASK_POLICY },
            propertyDependencies: { role: ["task-role"] },
        },
        { type: "aws:iam/role:Role", name: "flow-role", props: { description: "VPC Flow Logs", assumeRolePolicy: FLOW_LOG_TRUST } },
        { type: "aws:iam/rolePolicy:RolePolicy", name: "flow-policy", props: { role: UNKNOWN, policy: FLOW_LOG_POLICY }, propertyDependencies: { role: ["flow-role"] } },
        {
            type: "aws:ecs/taskDefinition:TaskDefinition",
            name: "web-td",
            props: { family: "web", executionRoleArn: UNKNOWN, taskRoleArn: UNKNOWN, containerDefinitions: "[]" },
            propertyDependencies: { executionRoleArn: ["exec-role"], taskRoleArn: ["task-role"] },
        },
    ];
}

/** An identity policy resource with the given statements. */
function policyResource(name: string, statements: object[], asObject = false): ResourceInput {
    const doc = { Version: "2012-10-17", Statement: statements };
    return { type: "aws:iam/policy:Policy", name, props: { policy: asObject ? doc : JSON.stringify(doc) } };
}

async function run(resources: ResourceInput[], config?: PolicyConfigFile): Promise<Violation[]> {
    return evaluateInProcess(iamPolicies, resources, config);
}

/** Resources a policy reported, in order. */
function hits(violations: Violation[], policy: string): string[] {
    return violations.filter((v) => v.policy === policy).map((v) => v.resource);
}

describe("policy/iam: metadata", () => {
    it("every policy has name, description, level, severity, remediation and a rule: tag", () => {
        assert.equal(iamPolicies.length, 16);
        assertPolicyMetadata(iamPolicies, "iam", /^rule:I\d+$/);
        const rules = new Set(iamPolicies.flatMap((p) => p.tags!.filter((t) => t.startsWith("rule:"))));
        assert.deepEqual([...rules].sort(), [
            "rule:I1",
            "rule:I10",
            "rule:I11",
            "rule:I12",
            "rule:I13",
            "rule:I14",
            "rule:I2",
            "rule:I3",
            "rule:I4",
            "rule:I5",
            "rule:I6",
            "rule:I7",
            "rule:I8",
            "rule:I9",
        ]);
        assert.equal(new Set(iamPolicies.map((p) => p.name)).size, iamPolicies.length);
    });
});

describe("policy/iam: our program's roles", () => {
    it("pass every IAM policy", async () => {
        assert.deepEqual(await run(programStack()), []);
    });
});

describe("policy/iam: identity documents (I1–I6)", () => {
    it("I1 fails Action * on Resource *, in string and object shape, and on Role inlinePolicies", async () => {
        const v = await run([
            policyResource("admin-string", [{ Effect: "Allow", Action: "*", Resource: "*" }]),
            policyResource("admin-object", [{ Action: ["*"], Resource: ["*"] }], true),
            {
                type: "aws:iam/role:Role",
                name: "inline-admin",
                props: { assumeRolePolicy: ecsTrust(), inlinePolicies: [{ name: "all", policy: JSON.stringify({ Statement: { Action: "*", Resource: "*" } }) }] },
            },
            policyResource("denied", [{ Effect: "Deny", Action: "*", Resource: "*" }]),
        ]);
        assert.deepEqual(hits(v, "iam-no-full-admin"), ["admin-string", "admin-object", "inline-admin"]);
        const message = v.find((x) => x.policy === "iam-no-full-admin" && x.resource === "inline-admin")!.message;
        assert.match(message, /inlinePolicies\[0\] \(all\), statement #1: allows Action "\*" on Resource "\*"/);
    });

    it("I2 fails the * action even on a scoped resource; I1 does not", async () => {
        const v = await run([
            policyResource("star-scoped", [{ Action: "*", Resource: "arn:aws:s3:::bucket" }]),
            policyResource("scoped", [{ Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" }]),
        ]);
        assert.deepEqual(hits(v, "iam-no-wildcard-action"), ["star-scoped"]);
        assert.deepEqual(hits(v, "iam-no-full-admin"), []);
    });

    it("I3 fails service-wide wildcards and NotAction with Allow", async () => {
        const v = await run([
            policyResource("s3-star", [{ Action: "s3:*", Resource: "arn:aws:s3:::bucket" }]),
            policyResource("not-action", [{ NotAction: "iam:*", Resource: "arn:aws:s3:::bucket" }]),
            policyResource("prefix", [{ Action: "s3:Get*", Resource: "arn:aws:s3:::bucket/*" }]),
        ]);
        assert.deepEqual(hits(v, "iam-no-service-wildcard-action"), ["s3-star", "not-action"]);
    });

    it("I4 fails writes, tagging and credential actions on Resource * but not reads or unscopable actions", async () => {
        const v = await run([
            policyResource("logs-on-star", [{ Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" }]),
            policyResource("tag-on-star", [{ Action: "ec2:CreateTags", Resource: "*" }]),
            policyResource("secrets-on-star", [{ Action: "secretsmanager:GetSecretValue", Resource: "*" }]),
            policyResource("reads-on-star", [{ Action: ["ec2:Describe*", "logs:DescribeLogGroups", "s3:ListAllMyBuckets", "sqs:ReceiveMessage"], Resource: "*" }]),
            policyResource("unscopable", [{ Action: ["ecr:GetAuthorizationToken", "cloudwatch:PutMetricData", "xray:PutTraceSegments", "ssmmessages:*"], Resource: "*" }]),
            policyResource("scoped-write", [{ Action: "logs:PutLogEvents", Resource: `${LOG_GROUP_ARN}:*` }]),
            policyResource("pattern-on-star", [{ Action: "s3:Put*", Resource: "*" }]),
            policyResource("typo-on-star", [{ Action: "s3:PutObjects", Resource: "*" }]),
        ]);
        assert.deepEqual(hits(v, "iam-no-unscoped-write-actions"), ["logs-on-star", "tag-on-star", "secrets-on-star", "pattern-on-star"]);
        assert.match(v.find((x) => x.resource === "logs-on-star")!.message, /logs:CreateLogStream \(Write\); logs:PutLogEvents \(Write\)/);
        assert.match(v.find((x) => x.resource === "secrets-on-star")!.message, /secretsmanager:GetSecretValue \(credentials exposure\)/);
        assert.match(v.find((x) => x.resource === "pattern-on-star")!.message, /s3:Put\* \(Write, Permissions management, Tagging: s3:PutAccelerateConfiguration/);
    });

    it("I4 and config validation of task role statements agree on which actions may be granted on *", async () => {
        const actions = [
            "s3:GetObject",
            "s3:PutObject",
            "s3:ListAllMyBuckets",
            "s3:PutBucketPolicy",
            "s3:PutBucketTagging",
            "dynamodb:Query",
            "dynamodb:PutItem",
            "sqs:ReceiveMessage",
            "sqs:SendMessage",
            "sns:Publish",
            "kms:Decrypt",
            "kms:GenerateDataKey",
            "secretsmanager:GetSecretValue",
            "ssm:GetParameters",
            "ecr:GetAuthorizationToken",
            "cloudwatch:PutMetricData",
            "xray:PutTraceSegments",
            "logs:CreateLogGroup",
            "logs:DescribeLogGroups",
            "iam:PassRole",
            "ec2:CreateTags",
            "ec2:DescribeInstances",
            "ssmmessages:CreateDataChannel",
            "s3:Get*",
            "s3:Put*",
            "lambda:InvokeFunction",
        ];
        const v = await run(actions.map((a) => policyResource(a, [{ Effect: "Allow", Action: a, Resource: "*" }])));
        const pack = new Set(hits(v, "iam-no-unscoped-write-actions"));
        for (const a of actions) {
            const config = taskRoleStatementProblems([{ Action: a, Resource: "*" }]).some((p) => p.kind === "broad");
            assert.equal(pack.has(a), config, `${a}: pack ${pack.has(a)}, config ${config}`);
        }
        assert.ok(pack.size >= 10 && pack.size < actions.length);
    });

    it("I4 reads allowedUnscopedActions from config; actions AWS cannot scope need no entry", async () => {
        const resources = [
            policyResource("token", [{ Action: "ecr:GetAuthorizationToken", Resource: "*" }]),
            policyResource("create-group", [{ Action: "logs:CreateLogGroup", Resource: "*" }]),
        ];
        assert.deepEqual(hits(await run(resources), "iam-no-unscoped-write-actions"), ["create-group"]);
        assert.deepEqual(hits(await run(resources, { "iam-no-unscoped-write-actions": { allowedUnscopedActions: [] } }), "iam-no-unscoped-write-actions"), ["create-group"]);
        assert.deepEqual(hits(await run(resources, { "iam-no-unscoped-write-actions": { allowedUnscopedActions: ["logs:CreateLogGroup"] } }), "iam-no-unscoped-write-actions"), []);
    });

    it("I5 fails unscoped iam:PassRole, wildcard PassRole without iam:PassedToService, and escalation actions on *", async () => {
        const v = await run([
            policyResource("pass-any", [{ Action: "iam:PassRole", Resource: "*" }]),
            policyResource("pass-pattern", [{ Action: "iam:PassRole", Resource: `arn:aws:iam::${ACCOUNT}:role/*` }]),
            policyResource("pass-pattern-ecs", [
                { Action: "iam:PassRole", Resource: `arn:aws:iam::${ACCOUNT}:role/*`, Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } } },
            ]),
            policyResource("pass-exact", [{ Action: "iam:PassRole", Resource: `arn:aws:iam::${ACCOUNT}:role/web-task` }]),
            policyResource("put-policy", [{ Action: "iam:Put*", Resource: "*" }]),
            policyResource("pass-no-resource", [{ Action: "iam:PassRole" }]),
        ]);
        assert.deepEqual(hits(v, "iam-no-privilege-escalation"), ["pass-any", "pass-pattern", "put-policy", "pass-no-resource"]);
        assert.match(v.find((x) => x.policy === "iam-no-privilege-escalation" && x.resource === "pass-no-resource")!.message, /iam:PassRole without a Resource/);
        assert.match(v.find((x) => x.policy === "iam-no-privilege-escalation" && x.resource === "put-policy")!.message, /iam:PutUserPolicy, iam:PutGroupPolicy, iam:PutRolePolicy/);
    });

    it("I6 fails kms:Decrypt on every key but not on one key", async () => {
        const v = await run([
            policyResource("decrypt-star", [{ Action: "kms:Decrypt", Resource: "*" }]),
            policyResource("decrypt-all-keys", [{ Action: "kms:*", Resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/*` }]),
            policyResource("decrypt-one", [{ Action: ["kms:Decrypt", "kms:ReEncryptFrom"], Resource: KEY_ARN }]),
        ]);
        assert.deepEqual(hits(v, "iam-no-kms-decrypt-all-keys"), ["decrypt-star", "decrypt-all-keys"]);
    });

    it("skips unknown and malformed documents without crashing", async () => {
        const v = await run([
            { type: "aws:iam/policy:Policy", name: "unknown-doc", props: { policy: UNKNOWN } },
            { type: "aws:iam/rolePolicy:RolePolicy", name: "unknown-resource", props: { role: "r", policy: { Statement: [{ Action: "*", Resource: { __unknown: true } }] } } },
            { type: "aws:iam/policy:Policy", name: "bad-json", props: { policy: "{ not json" } },
            { type: "aws:iam/policy:Policy", name: "bad-shape", props: { policy: { Statement: [{ Action: 42 }] } } },
            { type: "aws:iam/role:Role", name: "unknown-inline", props: { assumeRolePolicy: UNKNOWN, inlinePolicies: UNKNOWN } },
        ]);
        assert.deepEqual(v, []);
    });
});

describe("policy/iam: managed policies and users (I7, I11)", () => {
    it("I7 fails admin-level AWS managed policies on roles and attachments", async () => {
        const v = await run([
            { type: "aws:iam/role:Role", name: "admin-role", props: { assumeRolePolicy: ecsTrust(), managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] } },
            { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "power", props: { role: "r", policyArn: "arn:aws:iam::aws:policy/PowerUserAccess" } },
            { type: "aws:iam/policyAttachment:PolicyAttachment", name: "iam-full", props: { roles: ["r"], policyArn: "arn:aws-us-gov:iam::aws:policy/IAMFullAccess" } },
            { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "read-only", props: { role: "r", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" } },
            { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "unknown-arn", props: { role: "r", policyArn: UNKNOWN } },
        ]);
        assert.deepEqual(hits(v, "iam-no-admin-managed-policy"), ["admin-role", "power", "iam-full"]);
    });

    it("I11 fails policies attached to users but not to roles or groups", async () => {
        const v = await run([
            { type: "aws:iam/userPolicyAttachment:UserPolicyAttachment", name: "to-user", props: { user: "bob", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" } },
            { type: "aws:iam/userPolicy:UserPolicy", name: "user-inline", props: { user: "bob", policy: "{}" } },
            { type: "aws:iam/policyAttachment:PolicyAttachment", name: "with-users", props: { users: ["bob"], policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" } },
            {
                type: "aws:iam/policyAttachment:PolicyAttachment",
                name: "roles-only",
                props: { roles: ["web-task"], groups: ["ops"], policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
            },
            { type: "aws:iam/policyAttachment:PolicyAttachment", name: "unknown-users", props: { users: UNKNOWN, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" } },
        ]);
        assert.deepEqual(hits(v, "iam-no-user-policies"), ["to-user", "user-inline", "with-users"]);
    });
});

describe("policy/iam: trust policies (I8, I9, I13)", () => {
    /** A role with the given trust statements. */
    const role = (name: string, statements: object[]): ResourceInput => ({
        type: "aws:iam/role:Role",
        name,
        props: { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
    });

    it("I8 fails a wildcard principal or NotPrincipal, not a service principal or a Deny", async () => {
        const v = await run([
            role("star", [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }]),
            role("aws-star", [{ Effect: "Allow", Principal: { AWS: ["*"] }, Action: "sts:AssumeRole" }]),
            role("not-principal", [{ Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/x` }, Action: "sts:AssumeRole" }]),
            role("deny-star", [{ Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" }]),
            role("service", [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }]),
        ]);
        assert.deepEqual(hits(v, "iam-trust-no-wildcard-principal"), ["star", "aws-star", "not-principal"]);
    });

    it("I9 fails a bare account or account root without a narrowing condition", async () => {
        const v = await run([
            role("account-id", [{ Principal: { AWS: "444455556666" }, Action: "sts:AssumeRole" }]),
            role("root", [{ Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "sts:AssumeRole" }]),
            role("root-external-id", [
                { Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "k3y" } } },
            ]),
            role("exact-role", [{ Principal: { AWS: "arn:aws:iam::444455556666:role/deployer" }, Action: "sts:AssumeRole" }]),
        ]);
        assert.deepEqual(hits(v, "iam-trust-no-account-root-without-condition"), ["account-id", "root"]);
    });

    it("I13 fails GitHub OIDC trust without a repository-scoped sub claim", async () => {
        const federated = { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` };
        const aud = { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" };
        const v = await run([
            role("no-sub", [{ Principal: federated, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: aud } }]),
            role("org-wide", [
                {
                    Principal: federated,
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: { StringEquals: aud, StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/*" } },
                },
            ]),
            role("any", [{ Principal: federated, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "*" } } }]),
            role("one-repo", [
                {
                    Principal: federated,
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: { StringEquals: aud, StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/web:ref:refs/heads/main" } },
                },
            ]),
        ]);
        assert.deepEqual(hits(v, "iam-github-oidc-trust-scoped"), ["no-sub", "org-wide", "any"]);
    });
});

describe("policy/iam: ECS task and execution roles (I10)", () => {
    it("fails a task role that also trusts another principal, reported on the role", async () => {
        const stack = programStack();
        stack[1].props.assumeRolePolicy = JSON.stringify({
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: ["ecs-tasks.amazonaws.com", "ec2.amazonaws.com"] },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
                },
                { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ci` }, Action: "sts:AssumeRole" },
            ],
        });
        const v = await run(stack);
        assert.deepEqual(hits(v, "iam-ecs-role-trusts-ecs-tasks-only"), ["task-role"]);
        assert.match(
            v[0].message,
            /Role task-role \(used by web-td.taskRoleArn\): statement #1 also trusts Service ec2.amazonaws.com; statement #2 also trusts AWS arn:aws:iam::111122223333:role\/ci/,
        );
    });

    it("finds the role by ARN or name when there are no property dependencies", async () => {
        const v = await run([
            {
                type: "aws:iam/role:Role",
                name: "by-arn",
                props: {
                    name: "a",
                    arn: `arn:aws:iam::${ACCOUNT}:role/a`,
                    assumeRolePolicy: JSON.stringify({ Statement: { Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" } }),
                },
            },
            {
                type: "aws:iam/role:Role",
                name: "by-name",
                props: { name: "b", assumeRolePolicy: JSON.stringify({ Statement: { Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" } }) },
            },
            {
                type: "aws:iam/role:Role",
                name: "unused",
                props: { name: "c", assumeRolePolicy: JSON.stringify({ Statement: { Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" } }) },
            },
            {
                type: "aws:ecs/taskDefinition:TaskDefinition",
                name: "td",
                props: { executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/a`, taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/b` },
            },
        ]);
        assert.deepEqual(hits(v, "iam-ecs-role-trusts-ecs-tasks-only"), ["by-arn", "by-name"]);
        assert.match(v.find((x) => x.resource === "by-arn")!.message, /also trusts Service lambda.amazonaws.com; it does not trust ecs-tasks.amazonaws.com/);
    });

    it("advises the aws:SourceAccount / aws:SourceArn condition", async () => {
        const stack = programStack();
        stack[0].props.assumeRolePolicy = JSON.stringify({ Statement: { Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" } });
        const v = await run(stack);
        assert.deepEqual(
            v.map((x) => [x.policy, x.resource, x.level]),
            [["iam-ecs-role-trust-source-condition", "exec-role", "advisory"]],
        );
    });

    it("advises when the execution role gets more than pull, logs and secrets", async () => {
        const stack = programStack();
        stack[2].props.policy = JSON.stringify({ Statement: [{ Action: ["s3:GetObject", "ecr:BatchGetImage"], Resource: "arn:aws:s3:::bucket/*" }] });
        stack.push({
            type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            name: "exec-s3",
            props: { role: "web-exec", policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" },
        });
        stack.push({
            type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            name: "exec-managed",
            props: { role: "web-exec", policyArn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy" },
        });
        const v = await run(stack);
        assert.deepEqual(hits(v, "iam-ecs-execution-role-least-privilege"), ["exec-role"]);
        assert.match(
            v.find((x) => x.policy === "iam-ecs-execution-role-least-privilege")!.message,
            /managed policy arn:aws:iam::aws:policy\/AmazonS3ReadOnlyAccess; RolePolicy exec-policy: s3:GetObject\./,
        );
    });

    it("skips roles whose trust policy or reference is unknown", async () => {
        const stack = programStack();
        stack[0].props.assumeRolePolicy = UNKNOWN;
        stack.push({ type: "aws:ecs/taskDefinition:TaskDefinition", name: "td-unknown", props: { executionRoleArn: UNKNOWN, taskRoleArn: UNKNOWN } });
        assert.deepEqual(await run(stack), []);
    });
});

describe("policy/iam: management conflicts (I12)", () => {
    it("fails a RolePolicyAttachment on a role that declares managedPolicyArns", async () => {
        const v = await run([
            { type: "aws:iam/role:Role", name: "r", props: { name: "r", assumeRolePolicy: ecsTrust(), managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] } },
            {
                type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                name: "extra",
                props: { role: "r", policyArn: "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess" },
                propertyDependencies: { role: ["r"] },
            },
        ]);
        assert.deepEqual(hits(v, "iam-no-role-policy-management-conflict"), ["extra"]);
    });

    it("fails a RolePolicy on a role with inlinePolicies, matched by role name", async () => {
        const v = await run([
            { type: "aws:iam/role:Role", name: "r", props: { name: "web", assumeRolePolicy: ecsTrust(), inlinePolicies: [{ name: "declared", policy: TASK_POLICY }] } },
            { type: "aws:iam/rolePolicy:RolePolicy", name: "separate", props: { name: "separate", role: "web", policy: TASK_POLICY } },
        ]);
        assert.deepEqual(hits(v, "iam-no-role-policy-management-conflict"), ["separate"]);
    });

    it("passes when the role's lists only echo the stack's own RolePolicies and attachments (output shape)", async () => {
        const v = await run([
            {
                type: "aws:iam/role:Role",
                name: "r",
                props: {
                    name: "web",
                    assumeRolePolicy: ecsTrust(),
                    inlinePolicies: [{ name: "task", policy: TASK_POLICY }],
                    managedPolicyArns: ["arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"],
                },
            },
            { type: "aws:iam/rolePolicy:RolePolicy", name: "task", props: { name: "task", role: "web", policy: TASK_POLICY } },
            { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "xray", props: { role: "web", policyArn: "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess" } },
        ]);
        assert.deepEqual(hits(v, "iam-no-role-policy-management-conflict"), []);
    });

    it("skips when the role's lists are unknown", async () => {
        const v = await run([
            { type: "aws:iam/role:Role", name: "r", props: { name: "web", assumeRolePolicy: ecsTrust(), managedPolicyArns: UNKNOWN } },
            { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "xray", props: { role: "web", policyArn: "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess" } },
        ]);
        assert.deepEqual(hits(v, "iam-no-role-policy-management-conflict"), []);
    });
});

describe("policy/iam: resource policies open to everyone (I14)", () => {
    const doc = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
    const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`;
    it("fails queue, topic, bucket and secret policies that allow * without a condition, and passes scoped ones", async () => {
        const v = await run([
            {
                type: "aws:sqs/queuePolicy:QueuePolicy",
                name: "open-queue",
                props: { queueUrl: "q", policy: doc({ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: QUEUE }) },
            },
            {
                type: "aws:sns/topicPolicy:TopicPolicy",
                name: "open-topic",
                props: { arn: "t", policy: doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sns:Publish", Resource: "*" }) },
            },
            {
                type: "aws:s3/bucketPolicy:BucketPolicy",
                name: "open-bucket",
                props: {
                    bucket: "b",
                    policy: doc({ Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
                },
            },
            { type: "aws:sqs/queue:Queue", name: "open-inline-queue", props: { policy: doc({ Effect: "Allow", Principal: "*", Action: "sqs:*", Resource: QUEUE }) } },
            {
                type: "aws:sqs/queuePolicy:QueuePolicy",
                name: "conditioned",
                props: { queueUrl: "q", policy: doc({ Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:SendMessage", Resource: QUEUE }) },
            },
            {
                type: "aws:sns/topicPolicy:TopicPolicy",
                name: "source-arn",
                props: { arn: "t", policy: doc({ Effect: "Allow", Principal: "*", Action: "sns:Publish", Resource: "*", Condition: { ArnLike: { "aws:SourceArn": QUEUE } } }) },
            },
            {
                type: "aws:sqs/queuePolicy:QueuePolicy",
                name: "deny-everyone",
                props: {
                    queueUrl: "q",
                    policy: doc({ Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: QUEUE, Condition: { Bool: { "aws:SecureTransport": "false" } } }),
                },
            },
            { type: "aws:s3/bucketPolicy:BucketPolicy", name: "unknown", props: { bucket: "b", policy: UNKNOWN } },
        ]);
        assert.deepEqual(hits(v, "iam-resource-policy-not-public"), ["open-queue", "open-topic", "open-bucket", "open-inline-queue"]);
        assert.match(v.find((x) => x.resource === "open-queue")!.message, /statement #1 allows sqs:SendMessage to every principal \("\*"\) without a condition/);
    });
});
