import * as assert from "node:assert/strict";
import { taskRoleStatementProblems } from "../../components/lib/iam/iamStatements";
import { executionRolePolicy, ecsTasksTrustPolicy, execCommandPolicy } from "../../components/lib/iam/rolePolicies";

describe("task role statement checks", () => {
    it("accepts scoped statements and reads on *", () => {
        assert.deepEqual(
            taskRoleStatementProblems([
                { Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::bucket/*" },
                { Action: "s3:ListAllMyBuckets", Resource: "*" },
                { Effect: "Deny", Action: "*", Resource: "*" },
                { Action: "xray:PutTraceSegments", Resource: "*" },
            ]),
            [],
        );
    });
    it("refuses *, service:*, NotAction and writes on *", () => {
        const problems = taskRoleStatementProblems([
            { Action: "*", Resource: "arn:aws:s3:::b" },
            { Action: "s3:*", Resource: "arn:aws:s3:::b" },
            { Action: "dynamodb:PutItem", Resource: "*" },
            { NotAction: "iam:*", Resource: "*" } as any,
        ]);
        assert.deepEqual(
            problems.map((p) => p.index),
            [0, 1, 2, 3],
        );
        assert.match(problems[0].message, /Action "\*" grants every AWS action/);
        assert.match(problems[1].message, /"s3:\*" grants every action of the service/);
        assert.match(problems[2].message, /write actions dynamodb:PutItem \(Write\) on Resource "\*"/);
        assert.match(problems[3].message, /NotAction/);
    });
    it("judges writes on * by documented access level and resource-level support, not by verb", () => {
        const cases: [string, boolean][] = [
            ["cloudwatch:PutMetricData", false], // Write, but AWS only matches it with "*"
            ["xray:PutTraceSegments", false],
            ["ssmmessages:OpenDataChannel", false],
            ["ecr:GetAuthorizationToken", false],
            ["s3:ListAllMyBuckets", false], // List
            ["dynamodb:Query", false], // Read
            ["sqs:ReceiveMessage", false], // Read, although the verb looks like a write to a verb list
            ["kms:Decrypt", true], // Write, scopable
            ["logs:CreateLogGroup", true], // Write, scopable to the log group
            ["iam:PassRole", true],
            ["iam:PutRolePolicy", true], // Permissions management
            ["s3:PutBucketTagging", true], // Tagging
            ["secretsmanager:GetSecretValue", true], // Read, but exposes a secret
            ["s3:Put*", true],
        ];
        for (const [action, refused] of cases) {
            const problems = taskRoleStatementProblems([{ Action: action, Resource: "*" }]);
            assert.equal(
                problems.some((p) => p.kind === "broad"),
                refused,
                `${action} on *: ${JSON.stringify(problems)}`,
            );
        }
    });
    it("refuses actions that do not exist, with the closest real action, whatever the escape hatch", () => {
        const problems = taskRoleStatementProblems([
            { Action: ["s3:GetObjects", "s3:PutObject"], Resource: "arn:aws:s3:::bucket/*" },
            { Action: "dynamo:GetItem", Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/t" },
            { Action: "S3:getobject", Resource: "arn:aws:s3:::bucket/*" },
        ]);
        assert.deepEqual(
            problems.map((p) => [p.index, p.kind]),
            [
                [0, "invalid"],
                [1, "invalid"],
            ],
        );
        assert.match(problems[0].message, /^Action\[0\]: s3:GetObjects is not an action; the closest real action is s3:GetObject$/);
        assert.match(problems[1].message, /service prefix "dynamo" does not exist; did you mean dynamodb:GetItem\?/);
    });
    it("refuses resources of a type the actions do not apply to, and ARNs for *-only actions", () => {
        const problems = taskRoleStatementProblems([
            { Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket" },
            { Action: "ecr:GetAuthorizationToken", Resource: "arn:aws:ecr:us-east-1:123456789012:repository/web" },
            { Action: ["s3:ListBucket", "s3:GetObject"], Resource: ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"] },
            { Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:123456789012:jobs", Condition: { StringEqualz: { "aws:SourceAccount": "123456789012" } } },
        ]);
        assert.deepEqual(
            problems.map((p) => p.index),
            [0, 0, 1, 1, 3],
        );
        assert.ok(problems.every((p) => p.kind === "invalid"));
        assert.match(problems[0].message, /s3:GetObject applies to none of arn:aws:s3:::bucket; it applies to .*\$\{BucketName\}\/\$\{ObjectName\}/);
        assert.match(problems[2].message, /ecr:GetAuthorizationToken supports no resource-level permissions/);
        assert.match(problems[4].message, /condition operator "StringEqualz" does not exist/);
    });
});

describe("role policy documents", () => {
    it("trust only ecs-tasks with source account and ARN conditions", () => {
        const t: any = ecsTasksTrustPolicy("aws", "eu-west-1", "111122223333");
        assert.deepEqual(t.Statement[0].Principal, { Service: "ecs-tasks.amazonaws.com" });
        assert.deepEqual(t.Statement[0].Condition, { StringEquals: { "aws:SourceAccount": "111122223333" }, ArnLike: { "aws:SourceArn": "arn:aws:ecs:eu-west-1:111122223333:*" } });
    });
    it("scope the execution role to the repository, log group, secrets and keys", () => {
        const doc = executionRolePolicy({
            repositoryArns: ["arn:aws:ecr:us-east-1:1:repository/r"],
            logGroupArn: "arn:aws:logs:us-east-1:1:log-group:/g",
            secretValueFroms: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf:password::", "arn:aws:ssm:us-east-1:111122223333:parameter/app/key"],
            kmsKeyArns: ["arn:aws:kms:us-east-1:1:key/k"],
        });
        const star = doc.Statement.filter((s) => s.Resource === "*");
        assert.deepEqual(
            star.map((s) => s.Action),
            ["ecr:GetAuthorizationToken"],
        );
        const bySid = Object.fromEntries(doc.Statement.map((s) => [s.Sid, s]));
        assert.deepEqual(bySid.PullImage.Resource, ["arn:aws:ecr:us-east-1:1:repository/r"]);
        assert.deepEqual(bySid.WriteLogs.Resource, ["arn:aws:logs:us-east-1:1:log-group:/g:*"]);
        assert.deepEqual(bySid.ReadSecrets.Resource, ["arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf"]);
        assert.deepEqual(bySid.ReadParameters.Resource, ["arn:aws:ssm:us-east-1:111122223333:parameter/app/key"]);
        assert.deepEqual(bySid.DecryptWithServiceKeys.Resource, ["arn:aws:kms:us-east-1:1:key/k"]);
    });
    it("omits ECR statements for a prebuilt public image", () => {
        const doc = executionRolePolicy({ repositoryArns: [], logGroupArn: "arn:g", secretValueFroms: [], kmsKeyArns: [] });
        assert.deepEqual(
            doc.Statement.map((s) => s.Sid),
            ["WriteLogs"],
        );
    });
    it("gives exec exactly the ssmmessages channel actions", () => {
        const doc = execCommandPolicy("arn:lg", "arn:key");
        assert.deepEqual(doc.Statement[0].Action, [
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel",
        ]);
    });
});
