/**
 * ECR policies (E1–E5): scanning, tag immutability, CMK encryption, no public repository policy,
 * and a lifecycle policy for every repository in the stack.
 */
import { Policies, PolicyResource } from "@pulumi/policy";
import { TYPES, ofType, resourcePolicy, stackPolicy, tryKnown } from "./lib/policyKit";
import { asArray, isNonEmptyString, isTrue, isUnresolvedReference, readJsonDocument, referencedResources } from "./lib/containers";

// ---------------------------------------------------------------------------------------------
// Pure helpers (exported for the tests)
// ---------------------------------------------------------------------------------------------

/** E2: true when `imageTagMutability` keeps tags immutable. */
export function isImmutableTagSetting(mutability: unknown, allowExclusions: boolean): boolean {
    if (mutability === "IMMUTABLE") return true;
    return allowExclusions && mutability === "IMMUTABLE_WITH_EXCLUSION";
}

/** E3: why a repository is not encrypted with a customer-managed KMS key, or `undefined`. */
export function repositoryEncryptionProblem(encryptionConfigurations: unknown): string | undefined {
    const first: any = asArray<any>(encryptionConfigurations as any[])[0];
    if (!first || first.encryptionType === undefined || first.encryptionType === null) {
        return "encryptionConfigurations is not set, so the repository uses AES256 with an AWS-owned key";
    }
    const type = String(first.encryptionType);
    if (type !== "KMS" && type !== "KMS_DSSE") return `encryptionType is "${type}", not KMS`;
    if (!isNonEmptyString(first.kmsKey)) return "encryptionType is KMS but kmsKey is empty, so the AWS-managed aws/ecr key is used";
    return undefined;
}

/**
 * Condition keys (lower-cased) that limit who can use a resource policy statement: the caller's
 * account, organisation or identity, or the network path the request came from.
 */
export const RESTRICTING_CONDITION_KEYS: ReadonlySet<string> = new Set([
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceowner",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:userid",
    "aws:sourcevpce",
    "aws:sourcevpc",
    "aws:sourceip",
]);

/** The statements of a policy document (`Statement` may be one object or a list). */
export function statementsOf(document: unknown): any[] {
    if (!document || typeof document !== "object") return [];
    return asArray<any>((document as any).Statement).filter((s) => s && typeof s === "object");
}

/** True when a principal value (`"*"`, `{AWS: …}`) admits anyone: a `*` anywhere in it. */
export function isWildcardPrincipal(principal: unknown): boolean {
    if (principal === "*") return true;
    if (!principal || typeof principal !== "object") return false;
    return asArray<unknown>((principal as any).AWS).some((p) => typeof p === "string" && p.includes("*"));
}

/**
 * True when a statement's Condition narrows its principals: a positive operator (not `…Not…`,
 * not `Null`) on a restricting key with at least one value that is not a bare `*`.
 */
export function hasRestrictingCondition(statement: any): boolean {
    const condition = statement?.Condition;
    if (!condition || typeof condition !== "object") return false;
    return Object.entries(condition).some(([operator, clauses]) => {
        if (/not/i.test(operator) || /^null$/i.test(operator) || !clauses || typeof clauses !== "object") return false;
        return Object.entries(clauses as Record<string, unknown>).some(
            ([key, values]) => RESTRICTING_CONDITION_KEYS.has(key.toLowerCase()) && asArray<unknown>(values).some((v) => v !== "*" && v !== ""),
        );
    });
}

/** E4: descriptions of the statements of a repository policy that make the repository public. */
export function publicStatements(document: unknown): string[] {
    return statementsOf(document).flatMap((s, i) => {
        const effect = s.Effect === undefined ? "Allow" : String(s.Effect);
        if (effect !== "Allow") return [];
        const label = isNonEmptyString(s.Sid) ? `"${s.Sid}"` : `#${i}`;
        if (s.NotPrincipal !== undefined) return [`statement ${label} allows everyone outside NotPrincipal`];
        if (isWildcardPrincipal(s.Principal) && !hasRestrictingCondition(s)) return [`statement ${label} allows principal * without a restricting condition`];
        return [];
    });
}

// ---------------------------------------------------------------------------------------------
// Policies
// ---------------------------------------------------------------------------------------------

const repo = TYPES.repository;

const scanOnPush = resourcePolicy(
    {
        name: "ecr-scan-on-push",
        description: "ECR repositories must scan images on push.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "Set imageScanningConfiguration: {scanOnPush: true} on the repository (or enable enhanced scanning for the registry).",
        tags: [
            "rule:E1",
            "checkov:CKV_AWS_163",
            "trivy:AWS-0030",
            "kics:unscanned_ecr_image",
            "fsbp:ECR.1",
            "pulumi-compliance:configure-image-scan",
            "pulumi-compliance:enable-image-scan",
        ],
    },
    repo,
    (props, report) => {
        if (!isTrue(props.imageScanningConfiguration?.scanOnPush)) report("imageScanningConfiguration.scanOnPush is not true.");
    },
);

const immutableTags = resourcePolicy(
    {
        name: "ecr-immutable-tags",
        description: "ECR repositories must make image tags immutable.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: 'Set imageTagMutability: "IMMUTABLE" on the repository so a pushed tag can never point at a different image.',
        tags: ["rule:E2", "checkov:CKV_AWS_51", "trivy:AWS-0031", "kics:ecr_image_tag_not_immutable", "fsbp:ECR.2", "pulumi-compliance:disallow-mutable-image"],
        configSchema: {
            properties: {
                allowImmutableWithExclusion: {
                    type: "boolean",
                    default: true,
                    description: "Accept IMMUTABLE_WITH_EXCLUSION (immutable except for the listed tag filters).",
                },
            },
        },
    },
    repo,
    (props, report, args) => {
        const allow = args.getConfig<{ allowImmutableWithExclusion?: boolean }>()?.allowImmutableWithExclusion ?? true;
        const mutability = props.imageTagMutability;
        if (!isImmutableTagSetting(mutability, allow)) {
            report(`imageTagMutability is ${mutability === undefined ? "unset (MUTABLE)" : `"${String(mutability)}"`}.`);
        }
    },
);

const kmsCmk = resourcePolicy(
    {
        name: "ecr-kms-cmk",
        description: "ECR repositories must be encrypted with a customer-managed KMS key.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: 'Set encryptionConfigurations: [{encryptionType: "KMS", kmsKey: <customer-managed key ARN>}] (this forces a new repository).',
        tags: [
            "rule:E3",
            "checkov:CKV_AWS_136",
            "trivy:AWS-0033",
            "kics:ecr_repository_not_encrypted",
            "fsbp:ECR.5",
            "pulumi-compliance:disallow-unencrypted",
            "pulumi-compliance:configure-customer-managed-key",
        ],
    },
    repo,
    (props, report) => {
        const problem = repositoryEncryptionProblem(props.encryptionConfigurations);
        if (problem) report(`${problem}.`);
    },
);

const notPublic = resourcePolicy(
    {
        name: "ecr-repository-policy-not-public",
        description: "ECR repository policies must not grant access to everyone.",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps:
            'Replace Principal "*" with the account or role ARNs that need the images, or add a Condition on aws:PrincipalOrgID / aws:SourceAccount / aws:SourceVpce; never use NotPrincipal with Allow.',
        tags: ["rule:E4", "checkov:CKV_AWS_32", "trivy:AWS-0032", "kics:ecr_repository_is_publicly_accessible"],
    },
    TYPES.repositoryPolicy,
    (props, report) => {
        const doc = readJsonDocument(props.policy);
        if (doc.kind !== "ok") return;
        for (const problem of publicStatements(doc.value)) report(`The repository policy's ${problem}.`);
    },
);

/**
 * URNs of the repositories that some lifecycle policy in the stack applies to, or `undefined`
 * when a lifecycle policy's target is unknown (then no repository can be said to lack one).
 */
export function repositoriesWithLifecycle(resources: PolicyResource[], repositories: PolicyResource[]): Set<string> | undefined {
    const covered = new Set<string>();
    for (const lifecycle of ofType(resources, TYPES.lifecyclePolicy)) {
        if (isUnresolvedReference(lifecycle, "repository")) return undefined;
        const ref = tryKnown(() => lifecycle.props.repository);
        for (const r of referencedResources(lifecycle, "repository", repositories, [ref], ["name", "id"])) covered.add(r.urn);
    }
    return covered;
}

const lifecyclePolicy = stackPolicy(
    {
        name: "ecr-lifecycle-policy",
        description: "Every ECR repository the stack creates should have a lifecycle policy in the stack that expires old images; repositories of other stacks are judged there.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps:
            'Add an aws.ecr.LifecyclePolicy with repository: <repository name> and a rule such as {selection: {tagStatus: "any", countType: "imageCountMoreThan", countNumber: 30}, action: {type: "expire"}}.',
        tags: ["rule:E5", "fsbp:ECR.3"],
    },
    (resources, report) => {
        const repositories = ofType(resources, repo);
        const covered = repositoriesWithLifecycle(resources, repositories);
        if (!covered) return;
        for (const r of repositories) {
            if (!covered.has(r.urn)) report("The repository has no lifecycle policy in this stack.", r);
        }
    },
);

/** Every ECR policy of the pack. */
export const ecrPolicies: Policies = [scanOnPush, immutableTags, kmsCmk, notPublic, lifecyclePolicy];
