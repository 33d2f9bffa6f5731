import assert from "node:assert/strict";
import {
    actionMatches,
    conditionEntries,
    isActionAllowListed,
    isUnknownSentinel,
    isWildcardResource,
    parsePolicyDocument,
    principalIsEveryone,
    statementAllowsAction,
    statementIsUnscoped,
    wildcardMatch,
} from "../../policy/lib/iamDocuments";
import { UNKNOWN } from "../../tools/analyzer/types";

/** Parse and return the statements, failing the test if the document did not parse. */
function statements(doc: unknown) {
    const parsed = parsePolicyDocument(doc);
    assert.equal(parsed.status, "parsed", JSON.stringify(parsed));
    return (parsed as Extract<typeof parsed, { status: "parsed" }>).document.statements;
}

describe("policy/lib/iamDocuments: parsing", () => {
    const doc = {
        Version: "2012-10-17",
        Statement: { Sid: "Pull", Action: "ecr:BatchGetImage", Resource: "arn:aws:ecr:eu-west-1:111122223333:repository/web" },
    };

    it("parses the string and the object shape to the same normalised statements", () => {
        const fromString = statements(JSON.stringify(doc));
        const fromObject = statements(doc);
        assert.deepEqual(fromString, fromObject);
        assert.deepEqual(fromObject, [
            {
                index: 0,
                sid: "Pull",
                effect: "Allow",
                actions: ["ecr:BatchGetImage"],
                notActions: [],
                resources: ["arn:aws:ecr:eu-west-1:111122223333:repository/web"],
                notResources: [],
                principal: undefined,
                notPrincipal: undefined,
                condition: {},
            },
        ]);
    });

    it("normalises Statement arrays, Effect, NotAction/NotResource and condition values", () => {
        const [allow, deny] = statements({
            Statement: [
                { Effect: "Allow", NotAction: ["iam:*", "kms:*"], NotResource: "arn:aws:s3:::logs" },
                { Effect: "Deny", Action: ["s3:*"], Resource: ["*"], Condition: { Bool: { "aws:SecureTransport": false }, NumericLessThan: { "s3:TlsVersion": [1.2] } } },
            ],
        });
        assert.equal(allow.effect, "Allow");
        assert.deepEqual(allow.notActions, ["iam:*", "kms:*"]);
        assert.deepEqual(allow.notResources, ["arn:aws:s3:::logs"]);
        assert.equal(deny.effect, "Deny");
        assert.deepEqual(deny.condition, { Bool: { "aws:SecureTransport": ["false"] }, NumericLessThan: { "s3:TlsVersion": ["1.2"] } });
    });

    it("normalises every Principal shape", () => {
        const [star, mixed] = statements({
            Statement: [
                { Principal: "*", Action: "sts:AssumeRole" },
                {
                    Principal: { AWS: "arn:aws:iam::111122223333:root", Service: ["ecs-tasks.amazonaws.com"], Federated: "cognito-identity.amazonaws.com" },
                    Action: "sts:AssumeRole",
                },
            ],
        });
        assert.deepEqual(star.principal, { everyone: true, aws: [], service: [], federated: [], canonicalUser: [] });
        assert.deepEqual(mixed.principal, {
            everyone: false,
            aws: ["arn:aws:iam::111122223333:root"],
            service: ["ecs-tasks.amazonaws.com"],
            federated: ["cognito-identity.amazonaws.com"],
            canonicalUser: [],
        });
        assert.equal(principalIsEveryone(star.principal), true);
        assert.equal(principalIsEveryone({ everyone: false, aws: ["*"], service: [], federated: [], canonicalUser: [] }), true);
        assert.equal(principalIsEveryone(mixed.principal), false);
    });

    it("reports unknown, absent and unparseable documents distinctly", () => {
        assert.deepEqual(parsePolicyDocument(UNKNOWN), { status: "unknown" });
        assert.deepEqual(parsePolicyDocument({ Statement: [{ Action: "s3:GetObject", Resource: UNKNOWN }] }), { status: "unknown" });
        assert.deepEqual(parsePolicyDocument(undefined), { status: "absent" });
        assert.deepEqual(parsePolicyDocument("  "), { status: "absent" });
        assert.equal(parsePolicyDocument("{not json").status, "unparseable");
        assert.deepEqual(parsePolicyDocument({ Version: "2012-10-17" }), { status: "unparseable", reason: "the document has no Statement" });
        assert.deepEqual(parsePolicyDocument({ Statement: [{ Effect: "Maybe", Action: "s3:GetObject" }] }), {
            status: "unparseable",
            reason: 'Statement[0].Effect must be Allow or Deny, got "Maybe"',
        });
        assert.deepEqual(parsePolicyDocument({ Statement: [{ Action: 42 }] }), { status: "unparseable", reason: "Statement[0].Action must be a string or an array of strings" });
        assert.deepEqual(parsePolicyDocument(7), { status: "unparseable", reason: "expected a JSON object, got a number" });
        assert.equal(isUnknownSentinel(UNKNOWN), true);
        assert.equal(isUnknownSentinel("arn:aws:iam::111122223333:root"), false);
    });

    it("finds condition entries by key case-insensitively under any operator", () => {
        const [s] = statements({
            Statement: {
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "AWS:SourceAccount": "111122223333" }, ArnLike: { "aws:SourceArn": "arn:aws:ecs:eu-west-1:111122223333:*" } },
            },
        });
        assert.deepEqual(conditionEntries(s, "aws:sourceaccount"), [{ operator: "StringEquals", key: "AWS:SourceAccount", values: ["111122223333"] }]);
        assert.deepEqual(
            conditionEntries(s, "aws:SourceArn").map((e) => e.operator),
            ["ArnLike"],
        );
        assert.deepEqual(conditionEntries(s, "sts:ExternalId"), []);
    });
});

describe("policy/lib/iamDocuments: wildcard matching", () => {
    it("matches * and ? and compares actions case-insensitively", () => {
        assert.equal(actionMatches("s3:Get*", "s3:GetObject"), true);
        assert.equal(actionMatches("S3:getobject", "s3:GetObject"), true);
        assert.equal(actionMatches("s3:Get?bject", "s3:GetObject"), true);
        assert.equal(actionMatches("s3:Get?", "s3:GetObject"), false);
        assert.equal(actionMatches("s3:*", "s3:PutObject"), true);
        assert.equal(actionMatches("s3:*", "ecr:PutImage"), false);
        assert.equal(actionMatches("*", "iam:PassRole"), true);
    });

    it("compares resources case-sensitively and escapes regex characters", () => {
        assert.equal(wildcardMatch("arn:aws:s3:::Logs/*", "arn:aws:s3:::logs/a"), false);
        assert.equal(wildcardMatch("arn:aws:s3:::logs/*", "arn:aws:s3:::logs/a.b"), true);
        assert.equal(wildcardMatch("a.c", "abc"), false);
        assert.equal(wildcardMatch("(x)+", "(x)+"), true);
    });

    it("tells which statements grant an action, through Action or NotAction", () => {
        const [byAction, byNotAction, deny] = statements({
            Statement: [
                { Action: "kms:*", Resource: "*" },
                { NotAction: "iam:*", Resource: "arn:aws:s3:::b" },
                { Effect: "Deny", Action: "*", Resource: "*" },
            ],
        });
        assert.equal(statementAllowsAction(byAction, "kms:Decrypt"), true);
        assert.equal(statementAllowsAction(byAction, "s3:GetObject"), false);
        assert.equal(statementAllowsAction(byNotAction, "s3:GetObject"), true);
        assert.equal(statementAllowsAction(byNotAction, "iam:PassRole"), false);
        assert.equal(statementAllowsAction(deny, "s3:GetObject"), false);
        assert.equal(statementIsUnscoped(byAction), true);
        assert.equal(statementIsUnscoped(byNotAction), false);
    });

    it("recognises resources that name everything", () => {
        assert.equal(isWildcardResource("*"), true);
        assert.equal(isWildcardResource("arn:aws:*:*:*:*"), true);
        assert.equal(isWildcardResource("arn:*"), true);
        assert.equal(isWildcardResource("arn:aws:s3:::*"), false);
        assert.equal(isWildcardResource("arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web:*"), false);
    });
});

describe("policy/lib/iamDocuments: allow-lists", () => {
    it("allow-lists exact actions and the patterns an entry covers", () => {
        assert.equal(isActionAllowListed("ECR:GetAuthorizationToken", ["ecr:GetAuthorizationToken"]), true);
        assert.equal(isActionAllowListed("ssmmessages:OpenDataChannel", ["ssmmessages:*"]), true);
        assert.equal(isActionAllowListed("ssmmessages:Open*", ["ssmmessages:*"]), true);
        assert.equal(isActionAllowListed("ssmmessages:*", ["ssmmessages:OpenDataChannel"]), false);
    });
});
