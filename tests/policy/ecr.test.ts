import { strict as assert } from "node:assert";
import { ecrPolicies, hasRestrictingCondition, isWildcardPrincipal, publicStatements, repositoryEncryptionProblem } from "../../policy/ecr";
import { evaluateInProcess } from "../../tools/analyzer/inProcess";
import { ResourceInput, UNKNOWN } from "../../tools/analyzer/types";
import { assertPolicyMetadata, policyExpectations } from "./expect";

const REPO = "aws:ecr/repository:Repository";
const REPO_POLICY = "aws:ecr/repositoryPolicy:RepositoryPolicy";
const LIFECYCLE = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1111-2222";

/** A repository as our program creates it, with `overrides` applied. */
function repository(name: string, overrides: Record<string, any> = {}): ResourceInput {
    return {
        type: REPO,
        name,
        props: {
            name,
            imageScanningConfiguration: { scanOnPush: true },
            imageTagMutability: "IMMUTABLE",
            encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY_ARN }],
            ...overrides,
        },
    };
}

function lifecycle(name: string, repositoryName: unknown, dependsOn?: string): ResourceInput {
    return {
        type: LIFECYCLE,
        name,
        props: {
            repository: repositoryName,
            policy: JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 30 }, action: { type: "expire" } }] }),
        },
        propertyDependencies: dependsOn ? { repository: [dependsOn] } : {},
    };
}

function repoPolicy(name: string, policy: unknown): ResourceInput {
    return { type: REPO_POLICY, name, props: { repository: "web", policy } };
}

const statement = (extra: Record<string, any>) => ({ Version: "2012-10-17", Statement: [{ Sid: "Pull", Effect: "Allow", Action: ["ecr:BatchGetImage"], ...extra }] });

const { policy, expectViolations } = policyExpectations(ecrPolicies);

describe("policy/ecr", () => {
    it("every policy has a unique kebab-case name, description, level, severity, remediation and rule tags", () => {
        assertPolicyMetadata(ecrPolicies, "ecr", /^rule:E\d$/);
        assert.deepEqual(
            ecrPolicies.map((p) => p.tags?.find((t) => t.startsWith("rule:"))),
            ["rule:E1", "rule:E2", "rule:E3", "rule:E4", "rule:E5"],
        );
    });

    it("our repository with its lifecycle policy passes every ECR policy", async () => {
        const resources = [
            repository("web"),
            lifecycle("web-lifecycle", "web", "web"),
            repoPolicy("web-policy", statement({ Principal: { AWS: "arn:aws:iam::123456789012:root" } })),
        ];
        assert.deepEqual(await evaluateInProcess(ecrPolicies, resources), []);
    });

    it("E1 ecr-scan-on-push fails missing or false scanOnPush", async () => {
        await expectViolations(
            "ecr-scan-on-push",
            [repository("none", { imageScanningConfiguration: undefined }), repository("off", { imageScanningConfiguration: { scanOnPush: false } })],
            ["none", "off"],
            /scanOnPush is not true/,
        );
        await expectViolations("ecr-scan-on-push", [repository("on")], []);
    });

    it("E2 ecr-immutable-tags fails MUTABLE and unset; IMMUTABLE_WITH_EXCLUSION depends on config", async () => {
        await expectViolations(
            "ecr-immutable-tags",
            [repository("mutable", { imageTagMutability: "MUTABLE" }), repository("unset", { imageTagMutability: undefined })],
            ["mutable", "unset"],
        );
        const excl = repository("excl", { imageTagMutability: "IMMUTABLE_WITH_EXCLUSION" });
        await expectViolations("ecr-immutable-tags", [excl], []);
        await expectViolations("ecr-immutable-tags", [excl], ["excl"], /"IMMUTABLE_WITH_EXCLUSION"/, { "ecr-immutable-tags": { allowImmutableWithExclusion: false } });
    });

    it("E3 ecr-kms-cmk fails default, AES256 and KMS without a key", async () => {
        const vs = await expectViolations(
            "ecr-kms-cmk",
            [
                repository("default", { encryptionConfigurations: undefined }),
                repository("aes", { encryptionConfigurations: [{ encryptionType: "AES256" }] }),
                repository("nokey", { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "" }] }),
            ],
            ["default", "aes", "nokey"],
        );
        assert.match(vs[0].message, /not set/);
        assert.match(vs[1].message, /"AES256", not KMS/);
        assert.match(vs[2].message, /kmsKey is empty/);
        await expectViolations("ecr-kms-cmk", [repository("cmk"), repository("dsse", { encryptionConfigurations: [{ encryptionType: "KMS_DSSE", kmsKey: KEY_ARN }] })], []);
    });

    for (const shape of ["string", "object"] as const) {
        it(`E4 ecr-repository-policy-not-public fails wildcard principals without a restricting condition (${shape})`, async () => {
            const doc = (d: object) => (shape === "string" ? JSON.stringify(d) : d);
            await expectViolations("ecr-repository-policy-not-public", [repoPolicy("star", doc(statement({ Principal: "*" })))], ["star"], /"Pull" allows principal \*/);
            await expectViolations(
                "ecr-repository-policy-not-public",
                [repoPolicy("aws-star", doc(statement({ Principal: { AWS: ["arn:aws:iam::1:role/a", "*"] } })))],
                ["aws-star"],
            );
            await expectViolations(
                "ecr-repository-policy-not-public",
                [repoPolicy("not-principal", doc(statement({ NotPrincipal: { AWS: "arn:aws:iam::1:root" } })))],
                ["not-principal"],
                /NotPrincipal/,
            );
            const org = statement({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } });
            const deny = { Statement: [{ Effect: "Deny", Principal: "*", Action: "ecr:*" }] };
            await expectViolations("ecr-repository-policy-not-public", [repoPolicy("org", doc(org)), repoPolicy("deny", doc(deny))], []);
        });
    }

    it("E4 does not accept negated or wildcard conditions as restrictions, and skips unparseable documents", async () => {
        const negated = statement({ Principal: "*", Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-abc123" } } });
        const wildcard = statement({ Principal: "*", Condition: { StringLike: { "aws:SourceAccount": "*" } } });
        await expectViolations("ecr-repository-policy-not-public", [repoPolicy("negated", JSON.stringify(negated)), repoPolicy("wildcard", wildcard)], ["negated", "wildcard"]);
        await expectViolations("ecr-repository-policy-not-public", [repoPolicy("garbage", "{not json")], []);
    });

    it("E5 ecr-lifecycle-policy fails repositories without a lifecycle policy, linked by dependency or name", async () => {
        const resources = [repository("a"), repository("b"), repository("c"), lifecycle("a-lc", "a", "a"), lifecycle("b-lc", "b")];
        const vs = await expectViolations("ecr-lifecycle-policy", resources, ["c"], /no lifecycle policy/);
        assert.equal(vs[0].level, "advisory");
    });

    it("E5 judges only repositories of this stack: a lifecycle policy for another stack's repository is no violation", async () => {
        await expectViolations("ecr-lifecycle-policy", [lifecycle("platform-lc", "platform-shared-repo")], []);
        await expectViolations("ecr-lifecycle-policy", [repository("a"), lifecycle("platform-lc", "platform-shared-repo")], ["a"]);
    });

    it("E5 is silent when a lifecycle policy's repository is unknown and has no dependency", async () => {
        await expectViolations("ecr-lifecycle-policy", [repository("a"), lifecycle("x-lc", UNKNOWN)], []);
        // With the dependency the link is known, so the other repository is still reported.
        await expectViolations("ecr-lifecycle-policy", [repository("a"), repository("b"), lifecycle("a-lc", UNKNOWN, "a")], ["b"]);
    });

    describe("unknown values", () => {
        const cases: [string, () => ResourceInput, string][] = [
            ["ecr-scan-on-push", () => repository("r", { imageScanningConfiguration: {} }), "imageScanningConfiguration"],
            ["ecr-immutable-tags", () => repository("r", { imageTagMutability: "MUTABLE" }), "imageTagMutability"],
            ["ecr-kms-cmk", () => repository("r", { encryptionConfigurations: [] }), "encryptionConfigurations"],
            ["ecr-repository-policy-not-public", () => repoPolicy("p", JSON.stringify(statement({ Principal: "*" }))), "policy"],
        ];
        for (const [name, make, prop] of cases) {
            it(`${name}: violating when known, silent when ${prop} is unknown`, async () => {
                assert.equal((await evaluateInProcess([policy(name)], [make()])).length, 1);
                const r = make();
                r.props[prop] = UNKNOWN;
                assert.deepEqual(await evaluateInProcess([policy(name)], [r]), []);
            });
        }

        it("a sentinel nested in a policy document string is not a violation", async () => {
            await expectViolations("ecr-repository-policy-not-public", [repoPolicy("p", JSON.stringify(statement({ Principal: UNKNOWN })))], []);
            await expectViolations("ecr-repository-policy-not-public", [repoPolicy("p", JSON.stringify(statement({ Principal: "*", Condition: UNKNOWN })))], []);
        });
    });

    it("malformed prop shapes never crash any ECR policy", async () => {
        const resources: ResourceInput[] = [
            repository("weird", { imageScanningConfiguration: "x", encryptionConfigurations: "KMS", imageTagMutability: 1 }),
            repoPolicy("null-doc", "null"),
            repoPolicy("odd-doc", { Statement: ["s", { Effect: "Allow", Principal: "*", Condition: "c" }] }),
            lifecycle("odd-lc", 42),
        ];
        const vs = await evaluateInProcess(ecrPolicies, resources);
        assert.ok(vs.some((v) => v.policy === "ecr-repository-policy-not-public" && v.resource === "odd-doc"));
    });

    it("helpers", () => {
        assert.equal(isWildcardPrincipal({ AWS: "arn:aws:iam::*:root" }), true);
        assert.equal(isWildcardPrincipal({ Service: "ecs-tasks.amazonaws.com" }), false);
        assert.equal(hasRestrictingCondition({ Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-1/r-2/*"] } } }), true);
        assert.equal(hasRestrictingCondition({ Condition: { Null: { "aws:SourceVpce": "false" } } }), false);
        assert.deepEqual(publicStatements({ Statement: { Principal: "*" } }), ["statement #0 allows principal * without a restricting condition"]);
        assert.equal(repositoryEncryptionProblem({ encryptionType: "KMS", kmsKey: KEY_ARN }), undefined);
    });
});
