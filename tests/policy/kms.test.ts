import assert from "node:assert/strict";
import { kmsPolicies, rotationApplies, wildcardKeyPolicyProblems } from "../../policy/kms";
import { evaluateInProcess } from "../../tools/analyzer/inProcess";
import { PolicyConfigFile, ResourceInput, UNKNOWN, Violation } from "../../tools/analyzer/types";

/** The key policy our program writes (account root administers the key). */
const KEY_POLICY = {
    Version: "2012-10-17",
    Statement: [{ Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }],
};

/** Our program's key: rotation on, 30-day window, a description and a policy. */
const PROGRAM_KEY = { description: "web service logs and secrets", enableKeyRotation: true, deletionWindowInDays: 30, policy: JSON.stringify(KEY_POLICY) };

/** A KMS key resource with our program's properties overridden by `props`. */
const key = (name: string, props: Record<string, unknown> = {}): ResourceInput => ({ type: "aws:kms/key:Key", name, props: { ...PROGRAM_KEY, ...props } });

async function run(resources: ResourceInput[], config?: PolicyConfigFile): Promise<Violation[]> {
    return evaluateInProcess(kmsPolicies, resources, config);
}

/** Resources a policy reported, in order. */
function hits(violations: Violation[], policy: string): string[] {
    return violations.filter((v) => v.policy === policy).map((v) => v.resource);
}

describe("policy/kms: metadata", () => {
    it("every policy has name, description, level, severity, remediation and a rule: tag", () => {
        assert.deepEqual(
            kmsPolicies.map((p) => [p.name, p.tags!.find((t) => t.startsWith("rule:"))]),
            [
                ["kms-key-rotation-enabled", "rule:K1"],
                ["kms-key-enabled", "rule:K2"],
                ["kms-key-policy-no-wildcard-principal", "rule:K3"],
                ["kms-key-policy-defined", "rule:K4"],
                ["kms-no-bypass-lockout-safety-check", "rule:K5"],
                ["kms-key-deletion-window", "rule:K6"],
                ["kms-key-description", "rule:K7"],
            ],
        );
        for (const p of kmsPolicies) assert.ok(p.description && p.enforcementLevel && p.severity && p.remediationSteps && p.tags!.length > 1, p.name);
    });
});

describe("policy/kms: our program's key", () => {
    it("passes every KMS policy, in string and object policy shape", async () => {
        assert.deepEqual(await run([key("k"), key("k-object", { policy: KEY_POLICY })]), []);
    });

    it("produces no violation and no crash when every property is unknown", async () => {
        const unknownKey: ResourceInput = {
            type: "aws:kms/key:Key",
            name: "unknown",
            props: {
                description: UNKNOWN,
                enableKeyRotation: UNKNOWN,
                deletionWindowInDays: UNKNOWN,
                policy: UNKNOWN,
                isEnabled: UNKNOWN,
                bypassPolicyLockoutSafetyCheck: UNKNOWN,
                customerMasterKeySpec: UNKNOWN,
            },
        };
        assert.deepEqual(await run([unknownKey]), []);
    });
});

describe("policy/kms: K1 rotation", () => {
    it("fails symmetric keys without rotation and ignores asymmetric, HMAC and custom-store keys", async () => {
        const v = await run([
            key("no-rotation", { enableKeyRotation: undefined }),
            key("rotation-false", { enableKeyRotation: false }),
            key("rsa", { enableKeyRotation: false, customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }),
            key("hmac", { enableKeyRotation: false, customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" }),
            key("custom-store", { enableKeyRotation: false, customKeyStoreId: "cks-1234" }),
        ]);
        assert.deepEqual(hits(v, "kms-key-rotation-enabled"), ["no-rotation", "rotation-false"]);
        assert.equal(rotationApplies({}), true);
        assert.equal(rotationApplies({ customerMasterKeySpec: "ECC_NIST_P256" }), false);
    });
});

describe("policy/kms: K2 enabled", () => {
    it("fails only isEnabled false", async () => {
        const v = await run([key("disabled", { isEnabled: false }), key("enabled", { isEnabled: true }), key("default")]);
        assert.deepEqual(
            v.map((x) => [x.policy, x.resource, x.level]),
            [["kms-key-enabled", "disabled", "mandatory"]],
        );
    });
});

describe("policy/kms: K3 wildcard principals", () => {
    it("fails an unconditioned * principal on a key or a key policy, passes a conditioned one", async () => {
        const open = { Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }] };
        const awsStar = { Statement: [{ Sid: "Everyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" }] };
        const conditioned = {
            Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "111122223333" } } }],
        };
        const v = await run([
            key("open", { policy: JSON.stringify(open) }),
            { type: "aws:kms/keyPolicy:KeyPolicy", name: "open-key-policy", props: { keyId: "k", policy: awsStar } },
            key("conditioned", { policy: JSON.stringify(conditioned) }),
            key("malformed", { policy: "{nope" }),
        ]);
        assert.deepEqual(hits(v, "kms-key-policy-no-wildcard-principal"), ["open", "open-key-policy"]);
        assert.deepEqual(wildcardKeyPolicyProblems(JSON.stringify(awsStar)), ['statement "Everyone" allows every principal without a condition']);
    });
});

describe("policy/kms: K4 policy defined", () => {
    it("fails a key without policy unless an aws:kms/keyPolicy targets it", async () => {
        const v = await run([
            key("bare", { policy: undefined }),
            key("with-key-policy", { policy: undefined }),
            {
                type: "aws:kms/keyPolicy:KeyPolicy",
                name: "kp",
                props: { keyId: UNKNOWN, policy: JSON.stringify(KEY_POLICY) },
                propertyDependencies: { keyId: ["with-key-policy"] },
            },
            key("by-arn", { policy: undefined, arn: "arn:aws:kms:eu-west-1:111122223333:key/abc" }),
            { type: "aws:kms/keyPolicy:KeyPolicy", name: "kp-arn", props: { keyId: "arn:aws:kms:eu-west-1:111122223333:key/abc", policy: JSON.stringify(KEY_POLICY) } },
        ]);
        assert.deepEqual(hits(v, "kms-key-policy-defined"), ["bare"]);
    });

    it("skips when a key policy's target is unknown", async () => {
        const v = await run([key("bare", { policy: undefined }), { type: "aws:kms/keyPolicy:KeyPolicy", name: "kp", props: { keyId: UNKNOWN, policy: "{}" } }]);
        assert.deepEqual(hits(v, "kms-key-policy-defined"), []);
    });
});

describe("policy/kms: K5 lockout safety check", () => {
    it("fails bypassPolicyLockoutSafetyCheck on keys and key policies", async () => {
        const v = await run([
            key("bypass", { bypassPolicyLockoutSafetyCheck: true }),
            { type: "aws:kms/keyPolicy:KeyPolicy", name: "kp-bypass", props: { keyId: "k", policy: JSON.stringify(KEY_POLICY), bypassPolicyLockoutSafetyCheck: true } },
            key("safe", { bypassPolicyLockoutSafetyCheck: false }),
        ]);
        assert.deepEqual(hits(v, "kms-no-bypass-lockout-safety-check"), ["bypass", "kp-bypass"]);
    });
});

describe("policy/kms: K6 deletion window", () => {
    it("fails a missing window and one under the default minimum of 7", async () => {
        const v = await run([key("missing", { deletionWindowInDays: undefined }), key("seven", { deletionWindowInDays: 7 }), key("as-string", { deletionWindowInDays: "10" })]);
        assert.deepEqual(hits(v, "kms-key-deletion-window"), ["missing"]);
    });

    it("reads minimumDeletionWindowDays from config", async () => {
        const resources = [key("seven", { deletionWindowInDays: 7 }), key("thirty", { deletionWindowInDays: 30 })];
        const v = await run(resources, { "kms-key-deletion-window": { minimumDeletionWindowDays: 30 } });
        assert.deepEqual(hits(v, "kms-key-deletion-window"), ["seven"]);
        assert.match(v[0].message, /deletionWindowInDays is 7, below the minimum of 30/);
    });
});

describe("policy/kms: K7 description", () => {
    it("fails a missing or too-short description", async () => {
        const v = await run([key("missing", { description: undefined }), key("short", { description: "logs" }), key("ok", { description: "web logs" })]);
        assert.deepEqual(hits(v, "kms-key-description"), ["missing", "short"]);
    });
});
