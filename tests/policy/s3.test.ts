import { strict as assert } from "node:assert";
import { policyRequiresTls, publicAccessBlockGaps, ruleExpiresObjects, s3Policies } from "../../policy/s3";
import { ResourceInput, UNKNOWN } from "../../tools/analyzer/types";
import { assertPolicyMetadata, policyExpectations } from "./expect";

const BUCKET = "aws:s3/bucket:Bucket";
const ARN = "arn:aws:s3:::web-alb-access-logs-1a2b3c";
const { expectViolations } = policyExpectations(s3Policies as any);

const tlsDeny = { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [ARN, `${ARN}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } };
const elbWrite = {
    Sid: "ElbDeliversAccessLogs",
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::127311923021:root" },
    Action: "s3:PutObject",
    Resource: `${ARN}/web-alb/AWSLogs/111122223333/*`,
};

/** The access-log bucket our LoadBalancer component creates, each setting a separate resource linked by dependency. */
function logBucket(prefix = "logs", overrides: Record<string, Partial<ResourceInput> | null> = {}): ResourceInput[] {
    const dep = { bucket: [prefix] };
    const parts: Record<string, ResourceInput> = {
        bucket: { type: BUCKET, name: prefix, props: { forceDestroy: false } },
        pab: {
            type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            name: `${prefix}-pab`,
            props: { bucket: UNKNOWN, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            propertyDependencies: dep,
        },
        ownership: {
            type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
            name: `${prefix}-own`,
            props: { bucket: UNKNOWN, rule: { objectOwnership: "BucketOwnerEnforced" } },
            propertyDependencies: dep,
        },
        sse: {
            type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            name: `${prefix}-sse`,
            props: { bucket: UNKNOWN, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
            propertyDependencies: dep,
        },
        lifecycle: {
            type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            name: `${prefix}-lc`,
            props: { bucket: UNKNOWN, rules: [{ id: "expire", status: "Enabled", filter: {}, expiration: { days: 90 } }] },
            propertyDependencies: dep,
        },
        policy: {
            type: "aws:s3/bucketPolicy:BucketPolicy",
            name: `${prefix}-policy`,
            props: { bucket: UNKNOWN, policy: JSON.stringify({ Version: "2012-10-17", Statement: [elbWrite, tlsDeny] }) },
            propertyDependencies: dep,
        },
        alb: {
            type: "aws:lb/loadBalancer:LoadBalancer",
            name: `${prefix}-alb`,
            props: { accessLogs: { bucket: UNKNOWN, enabled: true } },
            propertyDependencies: { accessLogs: [prefix] },
        },
    };
    const out: ResourceInput[] = [];
    for (const [k, r] of Object.entries(parts)) {
        if (overrides[k] === null) continue;
        out.push(overrides[k] ? ({ ...r, ...overrides[k], props: { ...r.props, ...(overrides[k]!.props ?? {}) } } as ResourceInput) : r);
    }
    return out;
}

describe("policy/s3", () => {
    it("metadata", () => assertPolicyMetadata(s3Policies as any, "s3", /^rule:B\d$/));

    it("our access-log bucket passes every S3 rule", async () => {
        for (const p of s3Policies) await expectViolations(p.name, logBucket(), []);
    });

    it("B1 fails a public access block with a flag off and public ACLs; a bucket without one gets S3's default and passes", async () => {
        await expectViolations("s3-bucket-public-access-blocked", logBucket("l", { pab: { props: { restrictPublicBuckets: false } } }), ["l-pab"], /restrictPublicBuckets off/);
        await expectViolations("s3-bucket-public-access-blocked", [{ type: BUCKET, name: "site", props: { acl: "public-read" } }], ["site"], /"public-read"/);
        await expectViolations("s3-bucket-public-access-blocked", logBucket("l", { pab: null }), []);
        assert.deepEqual(publicAccessBlockGaps({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true }), ["restrictPublicBuckets"]);
    });

    it("B2 advises a bucket without declared encryption and fails an algorithm S3 does not know", async () => {
        await expectViolations("s3-bucket-encryption", logBucket("l", { sse: null }), ["l"], /declares no default encryption/);
        await expectViolations(
            "s3-bucket-encryption",
            logBucket("l", { sse: { props: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "DES" } }] } } }),
            ["l"],
            /"DES" is not one of AES256, aws:kms, aws:kms:dsse/,
        );
        await expectViolations(
            "s3-bucket-encryption",
            [{ type: BUCKET, name: "inline", props: { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } } } } }],
            [],
        );
    });

    it("B3 needs a TLS-only deny covering the bucket and its objects", async () => {
        const allowOnly = { props: { policy: JSON.stringify({ Statement: [elbWrite] }) } };
        await expectViolations("s3-bucket-tls-only", logBucket("l", { policy: allowOnly }), ["l"], /denies requests made without TLS/);
        await expectViolations("s3-bucket-tls-only", logBucket("l", { policy: null }), ["l"]);
        await expectViolations("s3-bucket-tls-only", logBucket("l", { policy: { props: { policy: UNKNOWN } } }), []);
        assert.equal(policyRequiresTls({ Statement: [{ ...tlsDeny, Resource: `${ARN}/*` }] }), false, "objects only");
        assert.equal(policyRequiresTls({ Statement: [{ ...tlsDeny, Action: "s3:GetObject" }] }), false, "one action only");
        assert.equal(policyRequiresTls({ Statement: [{ ...tlsDeny, Effect: "Allow" }] }), false);
        assert.equal(policyRequiresTls({ Statement: [tlsDeny] }, ARN), true);
        assert.equal(policyRequiresTls({ Statement: [{ ...tlsDeny, Condition: { Bool: { "aws:SecureTransport": ["false"] } } }] }, ARN), true);
        assert.equal(
            policyRequiresTls({ Statement: [{ ...tlsDeny, Condition: { Bool: { "aws:SecureTransport": [false] } } }] }, ARN),
            true,
            "a JSON boolean, as a program may write it",
        );
        assert.equal(policyRequiresTls(JSON.stringify({ Statement: [tlsDeny] }), ARN), true, "the JSON-string shape");
        assert.equal(policyRequiresTls({ Statement: [{ ...tlsDeny, Principal: { AWS: "arn:aws:iam::111122223333:root" } }] }, ARN), false, "one account only");
        assert.equal(policyRequiresTls("{not json", ARN), false);
        // A policy whose statement is still unknown in preview is skipped, not reported.
        await expectViolations(
            "s3-bucket-tls-only",
            logBucket("l", { policy: { props: { policy: { Version: "2012-10-17", Statement: [elbWrite, { ...tlsDeny, Principal: UNKNOWN }] } } } }),
            [],
        );
        await expectViolations("s3-bucket-tls-only", [{ type: BUCKET, name: "inline", props: { policy: UNKNOWN } }], []);
    });

    it("B4 fails ownership that keeps ACLs; no controls resource is S3's default and passes", async () => {
        await expectViolations(
            "s3-bucket-ownership-enforced",
            logBucket("l", { ownership: { props: { rule: { objectOwnership: "ObjectWriter" } } } }),
            ["l-own"],
            /"ObjectWriter"/,
        );
        await expectViolations("s3-bucket-ownership-enforced", logBucket("l", { ownership: null }), []);
    });

    it("B5 advises a bucket without an enabled expiring lifecycle rule", async () => {
        await expectViolations("s3-bucket-lifecycle-expiry", logBucket("l", { lifecycle: null }), ["l"]);
        await expectViolations("s3-bucket-lifecycle-expiry", logBucket("l", { lifecycle: { props: { rules: [{ id: "x", status: "Disabled", expiration: { days: 30 } }] } } }), [
            "l",
        ]);
        assert.equal(ruleExpiresObjects({ enabled: true, expiration: { days: 30 } }), true);
        assert.equal(ruleExpiresObjects({ status: "Enabled", transitions: [{ days: 30 }] }), false);
    });

    it("B6 advises a bucket without server access logs, except one that is itself a log destination", async () => {
        await expectViolations("s3-bucket-access-logging", logBucket("l"), []);
        await expectViolations("s3-bucket-access-logging", [...logBucket("l"), { type: BUCKET, name: "assets", props: {} }], ["assets"], /no server access logs/);
        const logging = {
            type: "aws:s3/bucketLogging:BucketLogging",
            name: "assets-logging",
            props: { bucket: UNKNOWN, targetBucket: UNKNOWN, targetPrefix: "assets/" },
            propertyDependencies: { bucket: ["assets"], targetBucket: ["l"] },
        };
        await expectViolations("s3-bucket-access-logging", [...logBucket("l", { alb: null }), { type: BUCKET, name: "assets", props: {} }, logging], []);
    });
});
