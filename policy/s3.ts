/**
 * S3 bucket policies (rows B1–B6), for the buckets a stack creates (ours: the ALB access-log
 * bucket). Each judges what AWS ends up with, counting S3's own defaults: since January 2023 every
 * new bucket is encrypted with SSE-S3, and since April 2023 new buckets block public access and
 * disable ACLs (BucketOwnerEnforced) unless a resource says otherwise
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-overview.html). A setting
 * made on a bucket of another stack (given by name) is judged there.
 */
import { Policies, PolicyResource } from "@pulumi/policy";
import { PolicyStatement, conditionEntries, isUnknownSentinel, parsePolicyDocument } from "./lib/iamDocuments";
import { ofType, stackPolicy, tryKnown } from "./lib/policyKit";
import { asArray, isUnresolvedReference, referencedResources } from "./lib/containers";

/** S3 type tokens, with the V2 aliases the provider keeps for the same resources. */
export const S3_TYPES = {
    bucket: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    publicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
    ownershipControls: ["aws:s3/bucketOwnershipControls:BucketOwnershipControls"],
    encryption: [
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    ],
    lifecycle: ["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"],
    policy: ["aws:s3/bucketPolicy:BucketPolicy"],
    logging: ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"],
    acl: ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"],
} as const;

const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];

/** Canned ACLs that grant access beyond the bucket owner's account. */
export const PUBLIC_CANNED_ACLS: readonly string[] = ["public-read", "public-read-write", "authenticated-read"];

/** Server-side encryption algorithms S3 accepts (API: ServerSideEncryption). */
export const SSE_ALGORITHMS: readonly string[] = ["AES256", "aws:kms", "aws:kms:dsse"];

/** The four Block Public Access settings. */
export const PUBLIC_ACCESS_BLOCK_FLAGS: readonly string[] = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

// ---------------------------------------------------------------------------------------------
// Pure helpers (exported for the tests)
// ---------------------------------------------------------------------------------------------

/** The Block Public Access flags a configuration turns off (explicit `false`; an unset flag defaults to false in the API, so it counts too). */
export function publicAccessBlockGaps(props: Record<string, any>): string[] {
    return PUBLIC_ACCESS_BLOCK_FLAGS.filter((f) => {
        const v = tryKnown(() => props[f], true);
        return v !== true && !isUnknownSentinel(v);
    });
}

/** True when a Deny statement's principal is everyone (`"*"` or `{"AWS": "*"}`), so it binds every caller. */
function deniesEveryone(s: PolicyStatement): boolean {
    return s.principal !== undefined && (s.principal.everyone || s.principal.aws.includes("*"));
}

/** True when a statement applies when the request was made without TLS (`Bool`/`BoolIfExists` `aws:SecureTransport` = false). */
function onInsecureTransport(s: PolicyStatement): boolean {
    return conditionEntries(s, "aws:SecureTransport").some((e) => (e.operator === "Bool" || e.operator === "BoolIfExists") && e.values.some((v) => v.toLowerCase() === "false"));
}

/**
 * B3: true when a bucket policy (a JSON string or an object) denies every S3 action to everyone
 * on the bucket and its objects when `aws:SecureTransport` is false. `bucketArn` (when known) must
 * be covered, as must its objects. A document that is absent, unknown or malformed denies nothing.
 */
export function policyRequiresTls(document: unknown, bucketArn?: string): boolean {
    const parsed = parsePolicyDocument(document);
    if (parsed.status !== "parsed") return false;
    return parsed.document.statements.some((s) => {
        if (s.effect !== "Deny" || !deniesEveryone(s) || !onInsecureTransport(s)) return false;
        if (!s.actions.some((a) => a === "*" || a === "s3:*")) return false;
        const resources = s.resources;
        if (resources.includes("*")) return true;
        const bucketCovered = resources.some((r) => !r.includes("/") || r.endsWith(":*"));
        const objectsCovered = resources.some((r) => r.endsWith("/*"));
        if (bucketArn !== undefined && !resources.some((r) => r === bucketArn || r === `${bucketArn}/*`)) return false;
        return bucketCovered && objectsCovered;
    });
}

/** B5: true when a lifecycle rule is enabled and expires current objects (days or date). Accepts the inline and the configuration shapes. */
export function ruleExpiresObjects(rule: Record<string, any>): boolean {
    const enabled = rule.status === "Enabled" || rule.enabled === true;
    const expiration = asArray<any>(rule.expiration)[0] ?? (rule.expiration && typeof rule.expiration === "object" ? rule.expiration : undefined);
    const expires = expiration !== undefined && (Number(expiration.days) > 0 || (typeof expiration.date === "string" && expiration.date !== ""));
    return enabled && expires;
}

// ---------------------------------------------------------------------------------------------
// Stack helpers
// ---------------------------------------------------------------------------------------------

/** Settings resources of `types` that apply to `bucket` (linked by dependency or by bucket name). */
function settingsOf(bucket: PolicyResource, resources: PolicyResource[], types: readonly string[]): PolicyResource[] {
    return ofType(resources, types).filter((r) => referencedResources(r, "bucket", [bucket], [tryKnown(() => r.props.bucket)], ["id", "bucket"]).length > 0);
}

/** True when some settings resource of `types` has a bucket reference that cannot be followed (then absence cannot be judged). */
function someUnresolved(resources: PolicyResource[], types: readonly string[]): boolean {
    return ofType(resources, types).some((r) => isUnresolvedReference(r, "bucket"));
}

/** The buckets that receive access logs: a load balancer's `accessLogs.bucket` or a BucketLogging `targetBucket`. */
function logDestinations(resources: PolicyResource[], buckets: PolicyResource[]): Set<string> {
    const urns = new Set<string>();
    for (const lb of ofType(resources, LOAD_BALANCERS)) {
        const ref = tryKnown(() => asArray<any>(lb.props.accessLogs)[0]?.bucket ?? lb.props.accessLogs?.bucket);
        for (const b of referencedResources(lb, "accessLogs", buckets, [ref], ["id", "bucket"])) urns.add(b.urn);
    }
    for (const l of ofType(resources, S3_TYPES.logging)) {
        for (const b of referencedResources(l, "targetBucket", buckets, [tryKnown(() => l.props.targetBucket)], ["id", "bucket"])) urns.add(b.urn);
    }
    return urns;
}

const buckets = (resources: PolicyResource[]) => ofType(resources, S3_TYPES.bucket);

// ---------------------------------------------------------------------------------------------
// Policies
// ---------------------------------------------------------------------------------------------

const publicAccessBlocked = stackPolicy(
    {
        name: "s3-bucket-public-access-blocked",
        description:
            "S3 buckets must block public access: no Block Public Access setting turned off and no public canned ACL (a bucket without a BucketPublicAccessBlock gets S3's default, all four on).",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps:
            "Add an aws.s3.BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true (or leave it out: S3 blocks public access on new buckets), and drop public-read/public-read-write/authenticated-read ACLs.",
        tags: [
            "rule:B1",
            "checkov:CKV_AWS_53",
            "checkov:CKV_AWS_54",
            "checkov:CKV_AWS_55",
            "checkov:CKV_AWS_56",
            "checkov:CKV2_AWS_6",
            "trivy:AWS-0086",
            "trivy:AWS-0087",
            "trivy:AWS-0091",
            "trivy:AWS-0093",
            "fsbp:S3.8",
            "fsbp:S3.2",
            "fsbp:S3.3",
        ],
    },
    (resources, report) => {
        for (const pab of ofType(resources, S3_TYPES.publicAccessBlock)) {
            const gaps = tryKnown(() => publicAccessBlockGaps(pab.props), []) ?? [];
            if (gaps.length) report(`The bucket's public access block leaves ${gaps.join(", ")} off.`, pab);
        }
        for (const b of buckets(resources)) {
            const acl = tryKnown(() => b.props.acl);
            if (typeof acl === "string" && PUBLIC_CANNED_ACLS.includes(acl)) report(`The bucket's ACL is "${acl}", which grants access outside the account.`, b);
        }
        for (const a of ofType(resources, S3_TYPES.acl)) {
            const acl = tryKnown(() => a.props.acl);
            if (typeof acl === "string" && PUBLIC_CANNED_ACLS.includes(acl)) report(`The bucket ACL is "${acl}", which grants access outside the account.`, a);
        }
    },
);

const encryption = stackPolicy(
    {
        name: "s3-bucket-encryption",
        description:
            "S3 buckets should declare their default encryption (SSE-S3, SSE-KMS or DSSE-KMS) in the stack; S3 applies SSE-S3 to new buckets anyway, so this is about stating it.",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps:
            'Add an aws.s3.BucketServerSideEncryptionConfiguration with rules: [{applyServerSideEncryptionByDefault: {sseAlgorithm: "AES256"}}] ("aws:kms" with a key for buckets that do not receive ALB access logs, which support SSE-S3 only).',
        tags: ["rule:B2", "checkov:CKV_AWS_19", "checkov:CKV_AWS_145", "trivy:AWS-0088", "trivy:AWS-0132"],
    },
    (resources, report) => {
        const unresolved = someUnresolved(resources, S3_TYPES.encryption);
        for (const b of buckets(resources)) {
            const inline = tryKnown(() => b.props.serverSideEncryptionConfiguration);
            const configs = settingsOf(b, resources, S3_TYPES.encryption);
            const algorithms = [
                ...asArray<any>(inline ? [inline] : []).flatMap((c) => asArray<any>(c.rule ?? c.rules)),
                ...configs.flatMap((c) => tryKnown(() => asArray<any>(c.props.rules), []) ?? []),
            ].map((r) => tryKnown(() => (asArray<any>(r?.applyServerSideEncryptionByDefault)[0] ?? r?.applyServerSideEncryptionByDefault)?.sseAlgorithm));
            const bad = algorithms.filter((a) => typeof a === "string" && !SSE_ALGORITHMS.includes(a));
            if (bad.length) report(`The bucket's sseAlgorithm ${bad.map((a) => `"${a}"`).join(", ")} is not one of ${SSE_ALGORITHMS.join(", ")}.`, b);
            else if (algorithms.length === 0 && !inline && !unresolved) report("The bucket declares no default encryption in this stack (S3 applies SSE-S3 by default).", b);
        }
    },
);

const tlsOnly = stackPolicy(
    {
        name: "s3-bucket-tls-only",
        description: "S3 buckets should have a bucket policy that denies every request made without TLS (aws:SecureTransport false) on the bucket and its objects.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps:
            'Add to the bucket policy: {Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [<bucket ARN>, "<bucket ARN>/*"], Condition: {Bool: {"aws:SecureTransport": "false"}}}.',
        tags: ["rule:B3", "checkov:CKV_AWS_379", "fsbp:S3.5"],
    },
    (resources, report) => {
        if (someUnresolved(resources, S3_TYPES.policy)) return;
        for (const b of buckets(resources)) {
            const arn = tryKnown(() => b.props.arn);
            const documents = [tryKnown(() => b.props.policy, "unknown"), ...settingsOf(b, resources, S3_TYPES.policy).map((p) => tryKnown(() => p.props.policy, "unknown"))];
            if (documents.some((d) => d === "unknown" || parsePolicyDocument(d).status === "unknown")) continue;
            if (!documents.some((d) => policyRequiresTls(d, typeof arn === "string" && !isUnknownSentinel(arn) ? arn : undefined))) {
                report("No bucket policy denies requests made without TLS (a Deny on s3:* for Principal * when aws:SecureTransport is false).", b);
            }
        }
    },
);

const ownershipEnforced = stackPolicy(
    {
        name: "s3-bucket-ownership-enforced",
        description: "S3 buckets must keep ACLs disabled (object ownership BucketOwnerEnforced, S3's default for new buckets).",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: 'Set the aws.s3.BucketOwnershipControls rule to {objectOwnership: "BucketOwnerEnforced"} (or leave the resource out: new buckets default to it).',
        tags: ["rule:B4", "checkov:CKV2_AWS_65", "fsbp:S3.12"],
    },
    (resources, report) => {
        for (const c of ofType(resources, S3_TYPES.ownershipControls)) {
            const ownership = tryKnown(() => (asArray<any>(c.props.rule)[0] ?? c.props.rule)?.objectOwnership);
            if (typeof ownership === "string" && !isUnknownSentinel(ownership) && ownership !== "BucketOwnerEnforced")
                report(`objectOwnership is "${ownership}", which keeps ACLs enabled.`, c);
        }
    },
);

const lifecycleExpiry = stackPolicy(
    {
        name: "s3-bucket-lifecycle-expiry",
        description: "S3 buckets should expire objects with an enabled lifecycle rule, so logs and artefacts do not pile up forever.",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps: 'Add an aws.s3.BucketLifecycleConfiguration with rules: [{id: "expire", status: "Enabled", filter: {}, expiration: {days: 90}}].',
        tags: ["rule:B5", "checkov:CKV2_AWS_61", "fsbp:S3.13"],
    },
    (resources, report) => {
        if (someUnresolved(resources, S3_TYPES.lifecycle)) return;
        for (const b of buckets(resources)) {
            const rules = [
                ...(tryKnown(() => asArray<any>(b.props.lifecycleRules), []) ?? []),
                ...settingsOf(b, resources, S3_TYPES.lifecycle).flatMap((c) => tryKnown(() => asArray<any>(c.props.rules), []) ?? []),
            ];
            if (!rules.some((r) => tryKnown(() => ruleExpiresObjects(r), true))) report("The bucket has no enabled lifecycle rule that expires objects.", b);
        }
    },
);

const accessLogging = stackPolicy(
    {
        name: "s3-bucket-access-logging",
        description:
            "S3 buckets should write server access logs to another bucket; a bucket that is itself an access-log destination is exempt (logging it needs yet another bucket).",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps: "Add an aws.s3.BucketLogging with bucket: <this bucket> and targetBucket: <a log bucket>, targetPrefix: <prefix>.",
        tags: ["rule:B6", "checkov:CKV_AWS_18", "trivy:AWS-0089", "fsbp:S3.9"],
    },
    (resources, report) => {
        if (someUnresolved(resources, S3_TYPES.logging)) return;
        const all = buckets(resources);
        const destinations = logDestinations(resources, all);
        for (const b of all) {
            if (destinations.has(b.urn)) continue;
            const inline = tryKnown(() => b.props.logging, "unknown");
            if (inline === "unknown" || (inline && typeof inline === "object" && (inline as any).targetBucket)) continue;
            if (settingsOf(b, resources, S3_TYPES.logging).length === 0) report("The bucket writes no server access logs.", b);
        }
    },
);

/** Every S3 policy of the pack. */
export const s3Policies: Policies = [publicAccessBlocked, encryption, tlsOnly, ownershipEnforced, lifecycleExpiry, accessLogging];
