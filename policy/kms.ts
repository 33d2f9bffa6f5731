/**
 * KMS key policies (rows K1–K7): rotation, enabled state, key-policy principals, a defined key
 * policy, the lockout safety check, the deletion window and a meaningful description.
 */
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { hasAnyCondition, parsePolicyDocument, principalIsEveryone, statementLabel } from "./lib/iamDocuments";
import { TYPES, ofType, resourcePolicy, stackPolicy, tryKnown } from "./lib/policyKit";

/** The default shortest acceptable deletion window (K6), in days. AWS allows 7–30. */
export const DEFAULT_MINIMUM_DELETION_WINDOW_DAYS = 7;

/** Shortest description K7 accepts. */
export const MINIMUM_DESCRIPTION_LENGTH = 6;

/**
 * K1: whether AWS supports automatic rotation for the key, so it must be on: symmetric
 * encryption keys (`SYMMETRIC_DEFAULT`, the default) used for `ENCRYPT_DECRYPT` (the default),
 * outside a custom key store. Asymmetric and HMAC keys cannot rotate automatically.
 */
export function rotationApplies(props: { customerMasterKeySpec?: unknown; keySpec?: unknown; keyUsage?: unknown; customKeyStoreId?: unknown }): boolean {
    const spec = props.keySpec ?? props.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
    const usage = props.keyUsage ?? "ENCRYPT_DECRYPT";
    const customStore = typeof props.customKeyStoreId === "string" && props.customKeyStoreId !== "";
    return spec === "SYMMETRIC_DEFAULT" && usage === "ENCRYPT_DECRYPT" && !customStore;
}

/** K3: Allow statements of a key policy that admit every principal with no condition. */
export function wildcardKeyPolicyProblems(policy: unknown): string[] {
    const parsed = parsePolicyDocument(policy);
    if (parsed.status !== "parsed") return [];
    return parsed.document.statements
        .filter((s) => s.effect === "Allow" && (principalIsEveryone(s.principal) || !!s.notPrincipal) && !hasAnyCondition(s))
        .map((s) => `${statementLabel(s)} allows every principal without a condition`);
}

/** A deletion window given as a number or numeric string; undefined for anything else. */
export function deletionWindowDays(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && /^\d+$/.test(value.trim())) return Number(value.trim());
    return undefined;
}

/** Identity strings a key is referenced by: its known `arn`, `keyId` and `id`. */
function keyIdentities(key: PolicyResource): unknown[] {
    return ["arn", "keyId", "id"].map((p) => tryKnown(() => key.props[p])).filter((v) => typeof v === "string");
}

/**
 * K4: whether some `aws:kms/keyPolicy` in the stack sets the key's policy: its `keyId` depends on
 * the key, or equals the key's ARN or id. Undefined when a key policy's target cannot be known.
 */
export function hasSeparateKeyPolicy(key: PolicyResource, resources: PolicyResource[]): boolean | undefined {
    let unknown = false;
    for (const kp of ofType(resources, TYPES.kmsKeyPolicy)) {
        const targets = (kp.propertyDependencies?.keyId ?? []).filter((d) => TYPES.kmsKey.includes(d.type as any));
        if (targets.includes(key)) return true;
        if (targets.length) continue;
        const marker = {};
        const ref = tryKnown(() => kp.props.keyId, marker);
        if (ref === marker) unknown = true;
        else if (keyIdentities(key).includes(ref)) return true;
    }
    return unknown ? undefined : false;
}

const rotation = resourcePolicy(
    {
        name: "kms-key-rotation-enabled",
        description: "Symmetric KMS keys must have automatic key rotation enabled.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: "Set `enableKeyRotation: true` on the KMS key (optionally `rotationPeriodInDays`).",
        tags: [
            "rule:K1",
            "checkov:CKV_AWS_7",
            "trivy:AWS-0065",
            "kics:cmk_rotation_disabled",
            "awsguard:cmk-backing-key-rotation-enabled",
            "pulumi-compliance:enable-key-rotation",
            "fsbp:KMS.4",
        ],
    },
    TYPES.kmsKey,
    (props, report) => {
        if (!rotationApplies({ customerMasterKeySpec: props.customerMasterKeySpec, keySpec: props.keySpec, keyUsage: props.keyUsage, customKeyStoreId: props.customKeyStoreId }))
            return;
        if (props.enableKeyRotation !== true) report("enableKeyRotation is not true.");
    },
);

const enabled = resourcePolicy(
    {
        name: "kms-key-enabled",
        description: "KMS keys must not be disabled.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "Remove `isEnabled: false` (or set `isEnabled: true`), or delete the key if it is no longer used.",
        tags: ["rule:K2", "checkov:CKV_AWS_227", "kics:cmk_is_unusable"],
    },
    TYPES.kmsKey,
    (props, report) => {
        if (props.isEnabled === false) report("isEnabled is false.");
    },
);

const noWildcardPrincipal = resourcePolicy(
    {
        name: "kms-key-policy-no-wildcard-principal",
        description: "KMS key policies must not allow every principal without a condition.",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps:
            'In the key `policy`, replace `"Principal": "*"` / `{"AWS": "*"}` with the account root (`arn:aws:iam::<account>:root`), specific role ARNs or a service principal, or add a restricting `Condition` (e.g. `kms:CallerAccount`).',
        tags: ["rule:K3", "checkov:CKV_AWS_33", "kics:kms_key_with_full_permissions", "fsbp:KMS.5"],
    },
    [...TYPES.kmsKey, ...TYPES.kmsKeyPolicy],
    (props, report) => {
        for (const problem of wildcardKeyPolicyProblems(props.policy)) report(`policy, ${problem}.`);
    },
);

const policyDefined = stackPolicy(
    {
        name: "kms-key-policy-defined",
        description: "Every KMS key must have an explicit key policy, on the key or as an aws:kms/keyPolicy.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: "Set `policy` on the KMS key (account-root administration plus the exact service principals that use it), or add an `aws.kms.KeyPolicy` for it.",
        tags: ["rule:K4", "checkov:CKV2_AWS_64"],
    },
    (resources, report) => {
        for (const key of ofType(resources, TYPES.kmsKey)) {
            const marker = {};
            const policy = tryKnown(() => key.props.policy, marker);
            if (policy === marker || (policy !== undefined && policy !== null && !(typeof policy === "string" && policy.trim() === ""))) continue;
            if (hasSeparateKeyPolicy(key, resources) === false) report(`KMS key ${key.name} has no policy and no aws:kms/keyPolicy sets one.`, key);
        }
    },
);

const noBypassLockout = resourcePolicy(
    {
        name: "kms-no-bypass-lockout-safety-check",
        description: "KMS key policies must not bypass the policy lockout safety check.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: "Remove `bypassPolicyLockoutSafetyCheck` (or set it to false) on the key or key policy.",
        tags: ["rule:K5", "pulumi-compliance:disallow-bypass-policy-lockout-safety-check"],
    },
    [...TYPES.kmsKey, ...TYPES.kmsKeyPolicy],
    (props, report) => {
        if (props.bypassPolicyLockoutSafetyCheck) report("bypassPolicyLockoutSafetyCheck is set.");
    },
);

const deletionWindow = resourcePolicy(
    {
        name: "kms-key-deletion-window",
        description: "KMS keys must set a deletion window of at least the configured minimum.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: "Set `deletionWindowInDays` on the KMS key to at least `minimumDeletionWindowDays` (default 7; 30 is the safest).",
        tags: ["rule:K6", "kics:kms_key_with_no_deletion_window", "fsbp:KMS.3"],
        configSchema: {
            properties: {
                minimumDeletionWindowDays: {
                    type: "number",
                    minimum: 7,
                    maximum: 30,
                    default: DEFAULT_MINIMUM_DELETION_WINDOW_DAYS,
                    description: "Shortest acceptable deletionWindowInDays (AWS allows 7 to 30).",
                },
            },
        },
    },
    TYPES.kmsKey,
    (props, report, args) => {
        const configured = args.getConfig<{ minimumDeletionWindowDays?: number }>().minimumDeletionWindowDays;
        const minimum = typeof configured === "number" ? configured : DEFAULT_MINIMUM_DELETION_WINDOW_DAYS;
        const value = props.deletionWindowInDays;
        if (value === undefined || value === null) {
            report(`deletionWindowInDays is not set (minimum ${minimum}).`);
            return;
        }
        const days = deletionWindowDays(value);
        if (days !== undefined && days < minimum) report(`deletionWindowInDays is ${days}, below the minimum of ${minimum}.`);
    },
);

const description = resourcePolicy(
    {
        name: "kms-key-description",
        description: "KMS keys must have a meaningful description.",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps: `Set \`description\` on the KMS key (at least ${MINIMUM_DESCRIPTION_LENGTH} characters) saying what it encrypts, e.g. "CloudWatch logs of the web service".`,
        tags: ["rule:K7", "pulumi-compliance:missing-description"],
    },
    TYPES.kmsKey,
    (props, report) => {
        const d = props.description;
        if (typeof d !== "string" || d.trim().length < MINIMUM_DESCRIPTION_LENGTH) report(`description is missing or shorter than ${MINIMUM_DESCRIPTION_LENGTH} characters.`);
    },
);

/** Every KMS policy of the pack. */
export const kmsPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
    rotation,
    enabled,
    noWildcardPrincipal,
    policyDefined,
    noBypassLockout,
    deletionWindow,
    description,
];
