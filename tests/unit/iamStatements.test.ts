import * as assert from "node:assert/strict";
import { taskRoleStatementProblems, isReadOnlyAction } from "../../components/lib/iamStatements";
import { executionRolePolicy, ecsTasksTrustPolicy, execCommandPolicy } from "../../components/lib/rolePolicies";

describe("task role statement checks", () => {
    it("accepts scoped statements and reads on *", () => {
        assert.deepEqual(taskRoleStatementProblems([
            { Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::bucket/*" },
            { Action: "s3:ListAllMyBuckets", Resource: "*" },
            { Effect: "Deny", Action: "*", Resource: "*" },
            { Action: "xray:PutTraceSegments", Resource: "*" },
        ]), []);
    });
    it("refuses *, service:*, NotAction and writes on *", () => {
        const problems = taskRoleStatementProblems([
            { Action: "*", Resource: "arn:aws:s3:::b" },
            { Action: "s3:*", Resource: "arn:aws:s3:::b" },
            { Action: "dynamodb:PutItem", Resource: "*" },
            { NotAction: "iam:*", Resource: "*" } as any,
        ]);
        assert.deepEqual(problems.map((p) => p.index), [0, 1, 2, 3]);
        assert.match(problems[0].message, /Action "\*" grants every AWS action/);
        assert.match(problems[1].message, /"s3:\*" grants every action of the service/);
        assert.match(problems[2].message, /write actions dynamodb:PutItem on Resource "\*"/);
        assert.match(problems[3].message, /NotAction/);
    });
    it("classifies read actions by verb", () => {
        assert.equal(isReadOnlyAction("s3:GetObject"), true);
        assert.equal(isReadOnlyAction("dynamodb:Query"), true);
        assert.equal(isReadOnlyAction("s3:PutObject"), false);
        assert.equal(isReadOnlyAction("s3:Get*"), false);
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
        assert.deepEqual(star.map((s) => s.Action), ["ecr:GetAuthorizationToken"]);
        const bySid = Object.fromEntries(doc.Statement.map((s) => [s.Sid, s]));
        assert.deepEqual(bySid.PullImage.Resource, ["arn:aws:ecr:us-east-1:1:repository/r"]);
        assert.deepEqual(bySid.WriteLogs.Resource, ["arn:aws:logs:us-east-1:1:log-group:/g:*"]);
        assert.deepEqual(bySid.ReadSecrets.Resource, ["arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf"]);
        assert.deepEqual(bySid.ReadParameters.Resource, ["arn:aws:ssm:us-east-1:111122223333:parameter/app/key"]);
        assert.deepEqual(bySid.DecryptWithServiceKeys.Resource, ["arn:aws:kms:us-east-1:1:key/k"]);
    });
    it("omits ECR statements for a prebuilt public image", () => {
        const doc = executionRolePolicy({ repositoryArns: [], logGroupArn: "arn:g", secretValueFroms: [], kmsKeyArns: [] });
        assert.deepEqual(doc.Statement.map((s) => s.Sid), ["WriteLogs"]);
    });
    it("gives exec exactly the ssmmessages channel actions", () => {
        const doc = execCommandPolicy("arn:lg", "arn:key");
        assert.deepEqual(doc.Statement[0].Action, ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]);
    });
});
