import assert from "node:assert/strict";
import { iamDocumentProblems, IamDocumentKind, isConditionOperator } from "../../rules/iamDocument";

const ACCOUNT = "123456789012";
const LG = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/fargatekit/dev/web`;
const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const check = (d: unknown, kind: IamDocumentKind = "identity") => iamDocumentProblems(d, { kind, resource: "r", property: "policy" });

describe("rules/iamDocument: iamDocumentProblems", () => {
    const accepted: [string, unknown, IamDocumentKind?][] = [
        ["scoped reads and writes", doc({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::b/*" })],
        ["bucket and object actions with both ARNs", doc({ Effect: "Allow", Action: ["s3:ListBucket", "s3:GetObject"], Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"] })],
        ["*-only action on *", doc({ Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" })],
        ["log stream writes on the group's :* ARN", doc({ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${LG}:*` })],
        ["a wildcard pattern of real actions", doc({ Effect: "Allow", Action: "ssmmessages:*", Resource: "*" })],
        [
            "case-insensitive action, 2008 version",
            { Version: "2008-10-17", Statement: [{ Effect: "Allow", Action: "SQS:sendmessage", Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:q` }] },
        ],
        ["policy variables in resources", doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/${aws:username}/*" })],
        [
            "conditions with IfExists and set operators",
            doc({
                Effect: "Allow",
                Action: "ecs:RunTask",
                Resource: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:*`,
                Condition: { ArnEqualsIfExists: { "ecs:cluster": `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/c` }, "ForAllValues:StringEquals": { "aws:TagKeys": ["a"] } },
            }),
        ],
        [
            "an ECS trust policy",
            doc({ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }),
            "trust",
        ],
        ["a key policy", doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }), "resource"],
        ["a repository policy without Resource", doc({ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: ["ecr:BatchGetImage"] }), "resource"],
        ["a JSON string", JSON.stringify(doc({ Effect: "Deny", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::b/*" }))],
    ];
    for (const [name, d, kind] of accepted) {
        it(`accepts ${name}`, () => assert.deepEqual(check(d, kind), []));
    }

    const refused: [string, unknown, string, RegExp, RegExp, IamDocumentKind?][] = [
        [
            "a bad Version",
            { Version: "2012-10-18", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] },
            "policy.Version",
            /Version must be/,
            /policy grammar/,
        ],
        ["a missing Effect", doc({ Action: "s3:GetObject", Resource: "*" }), "policy.Statement[0].Effect", /Effect must be present/, /policy grammar/],
        ["a lower-case Effect", doc({ Effect: "allow", Action: "s3:GetObject", Resource: "*" }), "policy.Statement[0].Effect", /exactly "Allow" or "Deny"/, /policy grammar/],
        [
            "a typo in an action",
            doc({ Effect: "Allow", Action: "s3:GetObjects", Resource: "*" }),
            "policy.Statement[0].Action",
            /closest real action is s3:GetObject$/,
            /Service Authorization Reference.*iam-data/,
        ],
        [
            "an unknown service",
            doc({ Effect: "Allow", Action: "dynamo:GetItem", Resource: "*" }),
            "policy.Statement[0].Action",
            /service prefix "dynamo" does not exist; did you mean dynamodb:GetItem/,
            /Service Authorization Reference/,
        ],
        [
            "a pattern matching nothing",
            doc({ Effect: "Allow", Action: "s3:Fetch*", Resource: "*" }),
            "policy.Statement[0].Action",
            /matches no action/,
            /Service Authorization Reference/,
        ],
        [
            "an object action on a bucket ARN",
            doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b" }),
            "policy.Statement[0].Resource",
            /applies to none of arn:aws:s3:::b/,
            /Service Authorization Reference/,
        ],
        [
            "a *-only action on an ARN",
            doc({ Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/web` }),
            "policy.Statement[0].Resource",
            /supports no resource-level permissions/,
            /Service Authorization Reference/,
        ],
        [
            "a resource that is not an ARN",
            doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "bucket/*" }),
            "policy.Statement[0].Resource",
            /neither "\*" nor an ARN/,
            /policy grammar/,
        ],
        [
            "an unknown condition operator",
            doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEqualz: { "aws:SourceAccount": ACCOUNT } } }),
            "policy.Statement[0].Condition",
            /"StringEqualz" does not exist/,
            /condition_operators/,
        ],
        [
            "NullIfExists",
            doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { NullIfExists: { "aws:TagKeys": "true" } } }),
            "policy.Statement[0].Condition",
            /does not exist/,
            /condition_operators/,
        ],
        [
            "a Principal in an identity policy",
            doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }),
            "policy.Statement[0].Principal",
            /not allowed in an identity policy/,
            /policy grammar/,
        ],
        [
            "a Resource in a trust policy",
            doc({ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole", Resource: "*" }),
            "policy.Statement[0].Resource",
            /not allowed in a trust policy/,
            /policy grammar/,
            "trust",
        ],
        [
            "a malformed service principal",
            doc({ Effect: "Allow", Principal: { Service: "ecs-tasks" }, Action: "sts:AssumeRole" }),
            "policy.Statement[0].Principal.Service",
            /not a service principal/,
            /elements_principal/,
            "trust",
        ],
        [
            "a malformed AWS principal",
            doc({ Effect: "Allow", Principal: { AWS: "my-role" }, Action: "sqs:SendMessage", Resource: "*" }),
            "policy.Statement[0].Principal.AWS",
            /12-digit account id or an IAM\/STS principal ARN/,
            /elements_principal/,
            "resource",
        ],
        [
            "a resource policy without Principal",
            doc({ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }),
            "policy.Statement[0]",
            /needs a Principal/,
            /elements_principal/,
            "resource",
        ],
        ["an empty Action", doc({ Effect: "Allow", Action: [], Resource: "*" }), "policy.Statement[0]", /needs at least one action/, /policy grammar/],
        ["invalid JSON", "{ nope", "policy", /not valid JSON/, /policy grammar/],
    ];
    for (const [name, d, property, rule, source, kind] of refused) {
        it(`refuses ${name}`, () => {
            const problems = check(d, kind);
            const p = problems.find((x) => x.property === property && rule.test(x.rule));
            assert.ok(p, JSON.stringify(problems, null, 1));
            assert.equal(p.resource, "r");
            assert.match(p.source, source);
        });
    }

    it("reports every problem at once and skips documents unknown in preview", () => {
        assert.equal(check(doc({ Action: "s3:GetObjects", Resource: "*" }, { Effect: "Allow", Action: "kms:Decrypts", Resource: "*" })).length, 3);
        assert.deepEqual(check("04da6b54-80e4-46f7-96ec-b56ff0331ba9"), []);
        assert.deepEqual(check(doc({ Effect: "Allow", Action: "s3:GetObjects", Resource: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" })), []);
    });

    it("knows the condition operators", () => {
        for (const op of ["StringEquals", "stringlike", "ArnLikeIfExists", "ForAnyValue:StringLike", "Null", "Bool", "NumericLessThanEquals", "IpAddress"])
            assert.equal(isConditionOperator(op), true, op);
        for (const op of ["StringEqualz", "NullIfExists", "ForSomeValues:StringLike", "IfExists", "Equals"]) assert.equal(isConditionOperator(op), false, op);
    });
});
