/**
 * IAM identity, trust, KMS key and resource policy documents: parsing from either the JSON-string
 * (input) shape or the already-parsed (output) shape, statement normalisation, IAM wildcard
 * matching, condition look-ups, and a classification of actions into access levels.
 */
import { isUnknownError } from "./policyKit";

/** The sentinels the engine and the SDK use for values unknown during preview (string, number, boolean, array, asset, archive, object). */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** True when `value` is one of the preview "unknown" sentinels. */
export function isUnknownSentinel(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

/** A `Principal` (or `NotPrincipal`) block with every member normalised to a string array. */
export interface NormalizedPrincipal {
    /** `"Principal": "*"`: everyone, including anonymous callers. */
    everyone: boolean;
    aws: string[];
    service: string[];
    federated: string[];
    canonicalUser: string[];
}

/** Condition block: operator (e.g. `StringEquals`) → condition key → values as strings. */
export type ConditionBlock = Record<string, Record<string, string[]>>;

/** One statement with every list-valued element normalised to an array. */
export interface PolicyStatement {
    /** Position of the statement in the document (0-based), for messages. */
    index: number;
    sid?: string;
    effect: "Allow" | "Deny";
    actions: string[];
    notActions: string[];
    resources: string[];
    notResources: string[];
    principal?: NormalizedPrincipal;
    notPrincipal?: NormalizedPrincipal;
    condition: ConditionBlock;
}

/** A parsed, normalised policy document. */
export interface PolicyDocument {
    version?: string;
    statements: PolicyStatement[];
}

/** Outcome of reading a document: not given, unknown in preview, malformed, or parsed. */
export type ParsedDocument =
    | { status: "absent" }
    | { status: "unknown" }
    | { status: "unparseable"; reason: string }
    | { status: "parsed"; document: PolicyDocument };

/** Raised internally when a document is malformed; turned into an "unparseable" result. */
class MalformedDocument extends Error {}

/** Raised internally when a document contains an unknown sentinel; turned into an "unknown" result. */
class UnknownInDocument extends Error {}

/**
 * Parse a policy document given as a JSON string or an object. The unknown sentinel (or an SDK
 * unknown-value error while reading it) gives `unknown`; `undefined`, `null` or a blank string give
 * `absent`; invalid JSON or an invalid structure gives `unparseable` with the reason.
 */
export function parsePolicyDocument(value: unknown): ParsedDocument {
    try {
        if (value === undefined || value === null) return { status: "absent" };
        if (typeof value === "string") {
            if (isUnknownSentinel(value)) return { status: "unknown" };
            if (value.trim() === "") return { status: "absent" };
            let json: unknown;
            try {
                json = JSON.parse(value);
            } catch (e) {
                return { status: "unparseable", reason: `not valid JSON (${(e as Error).message})` };
            }
            return { status: "parsed", document: documentFromObject(json) };
        }
        return { status: "parsed", document: documentFromObject(value) };
    } catch (e) {
        if (e instanceof MalformedDocument) return { status: "unparseable", reason: e.message };
        if (e instanceof UnknownInDocument || isUnknownError(e)) return { status: "unknown" };
        throw e;
    }
}

/** Build a normalised document from a parsed JSON value; throws `MalformedDocument` on bad structure. */
function documentFromObject(json: unknown): PolicyDocument {
    if (!isPlainObject(json)) throw new MalformedDocument(`expected a JSON object, got ${describeType(json)}`);
    const raw = json.Statement;
    if (raw === undefined || raw === null) throw new MalformedDocument("the document has no Statement");
    assertKnown(raw);
    const list = Array.isArray(raw) ? raw : [raw];
    const version = typeof json.Version === "string" ? json.Version : undefined;
    return { version, statements: list.map((s, i) => normaliseStatement(s, i)) };
}

/** Normalise one statement; throws `MalformedDocument` when it is not a well-formed statement. */
export function normaliseStatement(raw: unknown, index: number): PolicyStatement {
    if (!isPlainObject(raw)) throw new MalformedDocument(`Statement[${index}] is ${describeType(raw)}, not an object`);
    return {
        index,
        sid: typeof raw.Sid === "string" ? raw.Sid : undefined,
        effect: normaliseEffect(raw.Effect, index),
        actions: toStringList(raw.Action, `Statement[${index}].Action`),
        notActions: toStringList(raw.NotAction, `Statement[${index}].NotAction`),
        resources: toStringList(raw.Resource, `Statement[${index}].Resource`),
        notResources: toStringList(raw.NotResource, `Statement[${index}].NotResource`),
        principal: raw.Principal === undefined ? undefined : normalisePrincipal(raw.Principal, `Statement[${index}].Principal`),
        notPrincipal: raw.NotPrincipal === undefined ? undefined : normalisePrincipal(raw.NotPrincipal, `Statement[${index}].NotPrincipal`),
        condition: normaliseCondition(raw.Condition, `Statement[${index}].Condition`),
    };
}

/** `Effect` defaults to Allow; only `Allow` and `Deny` (any case) are valid. */
function normaliseEffect(value: unknown, index: number): "Allow" | "Deny" {
    if (value === undefined) return "Allow";
    assertKnown(value);
    if (typeof value === "string" && value.toLowerCase() === "allow") return "Allow";
    if (typeof value === "string" && value.toLowerCase() === "deny") return "Deny";
    throw new MalformedDocument(`Statement[${index}].Effect must be Allow or Deny, got ${JSON.stringify(value)}`);
}

/** A string or an array of strings as an array; `undefined` as an empty array. */
export function toStringList(value: unknown, where = "value"): string[] {
    if (value === undefined || value === null) return [];
    assertKnown(value);
    if (typeof value === "string") return [value];
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
        value.forEach(assertKnown);
        return [...value];
    }
    throw new MalformedDocument(`${where} must be a string or an array of strings`);
}

/** Normalise `"*"` or `{AWS|Service|Federated|CanonicalUser: string | string[]}`. */
export function normalisePrincipal(value: unknown, where = "Principal"): NormalizedPrincipal {
    assertKnown(value);
    const out: NormalizedPrincipal = { everyone: false, aws: [], service: [], federated: [], canonicalUser: [] };
    if (value === "*") return { ...out, everyone: true };
    if (typeof value === "string") return { ...out, aws: [value] };
    if (!isPlainObject(value)) throw new MalformedDocument(`${where} must be "*" or an object`);
    out.aws = toStringList(value.AWS, `${where}.AWS`);
    out.service = toStringList(value.Service, `${where}.Service`);
    out.federated = toStringList(value.Federated, `${where}.Federated`);
    out.canonicalUser = toStringList(value.CanonicalUser, `${where}.CanonicalUser`);
    return out;
}

/** Normalise a `Condition` block to operator → key → string values. */
function normaliseCondition(value: unknown, where: string): ConditionBlock {
    if (value === undefined || value === null) return {};
    assertKnown(value);
    if (!isPlainObject(value)) throw new MalformedDocument(`${where} must be an object`);
    const out: ConditionBlock = {};
    for (const [operator, entries] of Object.entries(value)) {
        if (!isPlainObject(entries)) throw new MalformedDocument(`${where}.${operator} must be an object`);
        out[operator] = {};
        for (const [key, v] of Object.entries(entries)) {
            const values = Array.isArray(v) ? v : [v];
            values.forEach(assertKnown);
            out[operator][key] = values.map((x) => String(x));
        }
    }
    return out;
}

/** Throw `UnknownInDocument` when a raw value is a preview sentinel. */
function assertKnown(value: unknown): void {
    if (isUnknownSentinel(value)) throw new UnknownInDocument();
}

/** True for a non-null, non-array object. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A short type description for messages. */
function describeType(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "an array";
    return `a ${typeof value}`;
}

/** Label of a statement for messages: its Sid when present, else its position. */
export function statementLabel(s: PolicyStatement): string {
    return s.sid ? `statement "${s.sid}"` : `statement #${s.index + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Wildcards and matching
// ---------------------------------------------------------------------------------------------

/** True when an IAM string contains the `*` or `?` wildcard. */
export function hasWildcard(value: string): boolean {
    return value.includes("*") || value.includes("?");
}

/** Convert an IAM wildcard pattern (`*` = any run, `?` = one character) to an anchored RegExp. */
export function wildcardToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
    const body = pattern
        .split("")
        .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\/]/g, "\\$&")))
        .join("");
    return new RegExp(`^${body}$`, caseInsensitive ? "is" : "s");
}

/** IAM wildcard match. Actions compare case-insensitively; resources and principals do not. */
export function wildcardMatch(pattern: string, value: string, caseInsensitive = false): boolean {
    return wildcardToRegExp(pattern, caseInsensitive).test(value);
}

/** True when the action pattern `pattern` (e.g. `s3:Get*`) matches the action `action`. */
export function actionMatches(pattern: string, action: string): boolean {
    return wildcardMatch(pattern, action, true);
}

/** True when an Allow statement grants `action`, through `Action` or through `NotAction`. */
export function statementAllowsAction(s: PolicyStatement, action: string): boolean {
    if (s.effect !== "Allow") return false;
    if (s.actions.some((p) => actionMatches(p, action))) return true;
    return s.notActions.length > 0 && !s.notActions.some((p) => actionMatches(p, action));
}

/**
 * True for a resource that names every resource: `*`, or an ARN whose every field after the
 * partition is a wildcard or empty (`arn:aws:*:*:*:*`, `arn:*`).
 */
export function isWildcardResource(resource: string): boolean {
    if (resource === "*") return true;
    if (!resource.startsWith("arn:")) return false;
    const fields = resource.split(":").slice(1);
    const [partition, ...rest] = fields;
    if (partition === "*") return true;
    return rest.length > 0 && rest.every((f) => f === "*" || f === "");
}

/** True when an Allow statement applies to every resource: `Resource` contains a wildcard resource, or `NotResource` is used. */
export function statementIsUnscoped(s: PolicyStatement): boolean {
    return s.resources.some(isWildcardResource) || s.notResources.length > 0;
}

/** True when a principal block admits everyone: `"*"`, or an `AWS` entry containing `*`. */
export function principalIsEveryone(p: NormalizedPrincipal | undefined): boolean {
    return !!p && (p.everyone || p.aws.some((a) => a.includes("*")));
}

/** One condition entry: the operator, the key as written, and its values. */
export interface ConditionEntry {
    operator: string;
    key: string;
    values: string[];
}

/** Every condition entry on `key` (condition keys compare case-insensitively), under any operator. */
export function conditionEntries(s: PolicyStatement, key: string): ConditionEntry[] {
    const wanted = key.toLowerCase();
    const out: ConditionEntry[] = [];
    for (const [operator, entries] of Object.entries(s.condition)) {
        for (const [k, values] of Object.entries(entries)) {
            if (k.toLowerCase() === wanted) out.push({ operator, key: k, values });
        }
    }
    return out;
}

/** True when the statement has any condition at all. */
export function hasAnyCondition(s: PolicyStatement): boolean {
    return Object.values(s.condition).some((entries) => Object.keys(entries).length > 0);
}

/** True when the statement conditions on any of `keys`. */
export function hasConditionOn(s: PolicyStatement, keys: readonly string[]): boolean {
    return keys.some((k) => conditionEntries(s, k).length > 0);
}

// ---------------------------------------------------------------------------------------------
// Action classification
// ---------------------------------------------------------------------------------------------

/** AWS access levels, lower-cased and hyphenated. */
export type AccessLevel = "read" | "list" | "write" | "permissions-management" | "tagging";

/** An access level, or `credentials-exposure` for actions that hand out credentials or secrets. */
export type ActionClass = AccessLevel | "credentials-exposure";

/**
 * Access levels of the actions an ECS web stack touches, where the verb-prefix heuristic would be
 * wrong or imprecise (permission management, reads named like writes, and the reverse). Facts from
 * the AWS Service Authorization Reference; actions not listed fall back to `verbAccessLevel`.
 */
const ACCESS_LEVELS: Record<string, Partial<Record<AccessLevel, string[]>>> = {
    iam: {
        "permissions-management": [
            "AttachGroupPolicy", "AttachRolePolicy", "AttachUserPolicy", "CreatePolicy", "CreatePolicyVersion",
            "DeleteGroupPolicy", "DeletePolicy", "DeletePolicyVersion", "DeleteRolePermissionsBoundary", "DeleteRolePolicy",
            "DeleteUserPermissionsBoundary", "DeleteUserPolicy", "DetachGroupPolicy", "DetachRolePolicy", "DetachUserPolicy",
            "PutGroupPolicy", "PutRolePermissionsBoundary", "PutRolePolicy", "PutUserPermissionsBoundary", "PutUserPolicy",
            "SetDefaultPolicyVersion", "UpdateAssumeRolePolicy",
        ],
        write: [
            "AddRoleToInstanceProfile", "AddUserToGroup", "CreateAccessKey", "CreateInstanceProfile", "CreateLoginProfile",
            "CreateRole", "CreateServiceLinkedRole", "CreateServiceSpecificCredential", "CreateUser", "DeleteRole",
            "PassRole", "RemoveUserFromGroup", "ResetServiceSpecificCredential", "UpdateAccessKey", "UpdateLoginProfile", "UpdateRole",
        ],
        read: [
            "GenerateCredentialReport", "GenerateServiceLastAccessedDetails", "GetAccountAuthorizationDetails", "GetPolicy",
            "GetPolicyVersion", "GetRole", "GetRolePolicy", "GetUser", "SimulatePrincipalPolicy",
        ],
        list: ["ListAttachedRolePolicies", "ListPolicies", "ListRolePolicies", "ListRoles"],
        tagging: ["TagPolicy", "TagRole", "TagUser", "UntagPolicy", "UntagRole", "UntagUser"],
    },
    sts: {
        write: ["AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "SetSourceIdentity"],
        read: ["GetCallerIdentity", "GetFederationToken", "GetSessionToken", "DecodeAuthorizationMessage"],
        tagging: ["TagSession"],
    },
    kms: {
        "permissions-management": ["CreateGrant", "PutKeyPolicy", "RetireGrant", "RevokeGrant"],
        write: [
            "CreateKey", "Decrypt", "DisableKey", "DisableKeyRotation", "EnableKey", "EnableKeyRotation", "Encrypt",
            "GenerateDataKey", "GenerateDataKeyPair", "GenerateDataKeyWithoutPlaintext", "GenerateMac", "GenerateRandom",
            "ReEncryptFrom", "ReEncryptTo", "ScheduleKeyDeletion", "CancelKeyDeletion", "Sign", "Verify",
        ],
        read: ["DescribeKey", "GetKeyPolicy", "GetKeyRotationStatus", "GetPublicKey"],
        list: ["ListAliases", "ListGrants", "ListKeys"],
        tagging: ["TagResource", "UntagResource"],
    },
    s3: {
        "permissions-management": [
            "DeleteBucketPolicy", "PutAccessPointPolicy", "PutAccountPublicAccessBlock", "PutBucketAcl", "PutBucketOwnershipControls",
            "PutBucketPolicy", "PutBucketPublicAccessBlock", "PutObjectAcl", "PutObjectVersionAcl",
        ],
        write: ["CreateBucket", "DeleteBucket", "DeleteObject", "PutBucketLogging", "PutEncryptionConfiguration", "PutLifecycleConfiguration", "PutObject", "RestoreObject"],
        read: ["GetBucketAcl", "GetBucketLocation", "GetBucketPolicy", "GetEncryptionConfiguration", "GetObject", "GetObjectAcl", "GetObjectVersion"],
        list: ["ListAllMyBuckets", "ListBucket", "ListBucketVersions"],
        tagging: ["DeleteObjectTagging", "PutBucketTagging", "PutObjectTagging"],
    },
    ecr: {
        "permissions-management": ["DeleteRegistryPolicy", "DeleteRepositoryPolicy", "PutRegistryPolicy", "SetRepositoryPolicy"],
        write: [
            "BatchDeleteImage", "CompleteLayerUpload", "CreateRepository", "DeleteLifecyclePolicy", "DeleteRepository",
            "InitiateLayerUpload", "PutImage", "PutImageScanningConfiguration", "PutImageTagMutability", "PutLifecyclePolicy",
            "StartImageScan", "UploadLayerPart",
        ],
        read: [
            "BatchCheckLayerAvailability", "BatchGetImage", "DescribeImageScanFindings", "DescribeImages", "DescribeRepositories",
            "GetAuthorizationToken", "GetDownloadUrlForLayer", "GetLifecyclePolicy", "GetRepositoryPolicy",
        ],
        list: ["ListImages", "ListTagsForResource"],
        tagging: ["TagResource", "UntagResource"],
    },
    ecs: {
        write: [
            "CreateCluster", "CreateService", "DeleteCluster", "DeleteService", "DeregisterTaskDefinition", "ExecuteCommand",
            "PutAccountSetting", "RegisterTaskDefinition", "RunTask", "StartTask", "StopTask", "UpdateService",
        ],
        read: ["DescribeClusters", "DescribeServices", "DescribeTaskDefinition", "DescribeTasks"],
        list: ["ListClusters", "ListServices", "ListTaskDefinitions", "ListTasks"],
        tagging: ["TagResource", "UntagResource"],
    },
    logs: {
        "permissions-management": ["DeleteResourcePolicy", "PutResourcePolicy"],
        write: [
            "AssociateKmsKey", "CreateLogGroup", "CreateLogStream", "DeleteLogGroup", "DeleteRetentionPolicy",
            "DisassociateKmsKey", "PutLogEvents", "PutRetentionPolicy", "PutSubscriptionFilter",
        ],
        read: ["DescribeLogGroups", "DescribeLogStreams", "FilterLogEvents", "GetLogEvents", "GetQueryResults", "StartQuery", "StopQuery"],
        list: ["ListTagsForResource", "ListTagsLogGroup"],
        tagging: ["TagLogGroup", "TagResource", "UntagLogGroup", "UntagResource"],
    },
    secretsmanager: {
        "permissions-management": ["DeleteResourcePolicy", "PutResourcePolicy", "ValidateResourcePolicy"],
        write: ["CreateSecret", "DeleteSecret", "PutSecretValue", "RestoreSecret", "RotateSecret", "UpdateSecret"],
        read: ["DescribeSecret", "GetRandomPassword", "GetResourcePolicy", "GetSecretValue"],
        list: ["ListSecrets", "ListSecretVersionIds"],
        tagging: ["TagResource", "UntagResource"],
    },
    ssm: {
        "permissions-management": ["ModifyDocumentPermission"],
        write: ["DeleteParameter", "DeleteParameters", "PutParameter", "SendCommand", "StartSession", "TerminateSession"],
        read: ["DescribeParameters", "GetParameter", "GetParameterHistory", "GetParameters", "GetParametersByPath"],
        tagging: ["AddTagsToResource", "RemoveTagsFromResource"],
    },
    ssmmessages: {
        write: ["CreateControlChannel", "CreateDataChannel", "OpenControlChannel", "OpenDataChannel"],
    },
    ec2: {
        "permissions-management": ["CreateNetworkInterfacePermission", "DeleteNetworkInterfacePermission", "ModifySnapshotAttribute"],
        write: [
            "AuthorizeSecurityGroupEgress", "AuthorizeSecurityGroupIngress", "CreateNetworkInterface", "CreateSecurityGroup",
            "DeleteNetworkInterface", "DeleteSecurityGroup", "ModifyNetworkInterfaceAttribute", "RevokeSecurityGroupEgress",
            "RevokeSecurityGroupIngress", "RunInstances", "TerminateInstances",
        ],
        read: ["GetPasswordData"],
        list: ["DescribeInstances", "DescribeNetworkInterfaces", "DescribeSecurityGroups", "DescribeSubnets", "DescribeTags", "DescribeVpcs"],
        tagging: ["CreateTags", "DeleteTags"],
    },
    elasticloadbalancing: {
        write: [
            "CreateListener", "CreateLoadBalancer", "CreateRule", "CreateTargetGroup", "DeleteLoadBalancer",
            "DeregisterTargets", "ModifyListener", "ModifyLoadBalancerAttributes", "ModifyTargetGroup", "RegisterTargets",
            "SetSecurityGroups", "SetWebAcl",
        ],
        read: ["DescribeListeners", "DescribeLoadBalancers", "DescribeTargetGroups", "DescribeTargetHealth"],
        tagging: ["AddTags", "RemoveTags"],
    },
    cloudwatch: {
        write: ["DeleteAlarms", "PutDashboard", "PutMetricAlarm", "PutMetricData", "SetAlarmState"],
        read: ["DescribeAlarms", "GetMetricData", "GetMetricStatistics"],
        list: ["ListMetrics"],
        tagging: ["TagResource", "UntagResource"],
    },
    dynamodb: {
        "permissions-management": ["DeleteResourcePolicy", "PutResourcePolicy"],
        write: ["BatchWriteItem", "CreateTable", "DeleteItem", "DeleteTable", "PartiQLDelete", "PartiQLInsert", "PartiQLUpdate", "PutItem", "UpdateItem", "UpdateTable"],
        read: ["BatchGetItem", "ConditionCheckItem", "DescribeTable", "GetItem", "PartiQLSelect", "Query", "Scan"],
        list: ["ListTables"],
        tagging: ["TagResource", "UntagResource"],
    },
    sqs: {
        "permissions-management": ["AddPermission", "RemovePermission", "SetQueueAttributes"],
        write: ["ChangeMessageVisibility", "CreateQueue", "DeleteMessage", "DeleteQueue", "PurgeQueue", "SendMessage"],
        read: ["GetQueueAttributes", "GetQueueUrl", "ReceiveMessage"],
        list: ["ListQueues"],
        tagging: ["TagQueue", "UntagQueue"],
    },
    sns: {
        "permissions-management": ["AddPermission", "RemovePermission", "SetTopicAttributes"],
        write: ["CreateTopic", "DeleteTopic", "Publish", "Subscribe", "Unsubscribe"],
        read: ["GetTopicAttributes"],
        list: ["ListSubscriptions", "ListTopics"],
        tagging: ["TagResource", "UntagResource"],
    },
    lambda: {
        "permissions-management": ["AddPermission", "RemovePermission"],
        write: ["CreateFunction", "DeleteFunction", "InvokeFunction", "InvokeFunctionUrl", "PublishVersion", "UpdateFunctionCode", "UpdateFunctionConfiguration"],
        read: ["GetFunction", "GetFunctionConfiguration", "GetPolicy"],
        list: ["ListFunctions"],
        tagging: ["TagResource", "UntagResource"],
    },
    xray: {
        write: ["PutTelemetryRecords", "PutTraceSegments"],
        read: ["GetSamplingRules", "GetSamplingTargets"],
    },
};

/** Actions that return credentials, tokens or secret values to the caller. */
export const CREDENTIALS_EXPOSURE_ACTIONS: readonly string[] = [
    "ecr:GetAuthorizationToken",
    "ec2:GetPasswordData",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:CreateServiceSpecificCredential",
    "iam:ResetServiceSpecificCredential",
    "iam:UpdateAccessKey",
    "iam:UpdateLoginProfile",
    "secretsmanager:GetSecretValue",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "sts:AssumeRole",
    "sts:AssumeRoleWithSAML",
    "sts:AssumeRoleWithWebIdentity",
    "sts:GetFederationToken",
    "sts:GetSessionToken",
];

/**
 * Actions AWS does not let a policy scope to a resource, so `Resource: "*"` is the only option:
 * the ECR registry token, the four ECS Exec (Session Manager) channel actions, X-Ray trace upload
 * and CloudWatch custom metrics. `logs:CreateLogGroup` is deliberately NOT listed: it supports the
 * `log-group` resource type, so it can and should be scoped to the group's ARN.
 */
export const UNSCOPABLE_ACTIONS: readonly string[] = [
    "ecr:GetAuthorizationToken",
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "cloudwatch:PutMetricData",
];

/** Lower-cased `service:Action` → access level, built once from `ACCESS_LEVELS`. */
const LEVEL_BY_ACTION: ReadonlyMap<string, AccessLevel> = new Map(
    Object.entries(ACCESS_LEVELS).flatMap(([service, levels]) =>
        Object.entries(levels).flatMap(([level, names]) => (names ?? []).map((n) => [`${service}:${n}`.toLowerCase(), level as AccessLevel] as const)),
    ),
);

/** Every action of the table, with its canonical spelling. */
const KNOWN_ACTIONS: readonly string[] = Object.entries(ACCESS_LEVELS).flatMap(([service, levels]) =>
    Object.values(levels).flatMap((names) => (names ?? []).map((n) => `${service}:${n}`)),
);

const CREDENTIALS_EXPOSURE: ReadonlySet<string> = new Set(CREDENTIALS_EXPOSURE_ACTIONS.map((a) => a.toLowerCase()));

/** Verb prefixes that read without changing anything. */
const READ_VERBS = ["Get", "Describe", "BatchGet", "Head", "Query", "Scan", "Select", "Lookup", "Search", "Filter", "View", "Preview", "Estimate", "Simulate", "Check", "Validate", "Download", "Retrieve"];

/** Verb prefixes that change state (the list is long on purpose; unknown verbs count as writes too). */
const WRITE_VERBS = [
    "Put", "Create", "Delete", "Update", "Attach", "Detach", "Set", "Modify", "Add", "Remove", "Start", "Stop", "Run",
    "Register", "Deregister", "Pass", "Upload", "Send", "Invoke", "Publish", "Encrypt", "Decrypt", "ReEncrypt", "Sign",
    "Generate", "Replace", "Reset", "Restore", "Import", "Export", "Enable", "Disable", "Cancel", "Associate",
    "Disassociate", "Terminate", "Reboot", "Release", "Allocate", "Authorize", "Revoke", "Apply", "Complete", "Initiate",
    "Submit", "Execute", "Copy", "Move", "Rotate", "Schedule", "Change", "BatchWrite", "BatchDelete", "Retire", "Abort",
    "Accept", "Reject", "Confirm", "Subscribe", "Unsubscribe", "Purge", "Assume", "Open", "Write", "Receive",
];

/** True when `name` starts with `verb` followed by an upper-case letter or nothing. */
function startsWithVerb(name: string, verb: string): boolean {
    return name.startsWith(verb) && (name.length === verb.length || /[A-Z0-9]/.test(name[verb.length]));
}

/**
 * Access level from the action name alone: tagging verbs, then permission-management names
 * (a write verb on a policy, permission, grant or ACL), then list, read, and write verbs.
 * Returns `undefined` when the name starts with no recognised verb.
 */
export function verbAccessLevel(actionName: string): AccessLevel | undefined {
    if (/^(Tag|Untag)([A-Z]|$)/.test(actionName) || /^(Add|Remove|Create|Delete)Tags/.test(actionName)) return "tagging";
    const isWrite = WRITE_VERBS.some((v) => startsWithVerb(actionName, v));
    const managesAccess = /(Policy|PolicyVersion|Permission|Permissions|PermissionsBoundary|Grant|Acl)$/.test(actionName)
        && !/(Retention|Lifecycle|Scaling|LoadBalancer|Replication|Backup|Routing)Polic/.test(actionName);
    if (isWrite && managesAccess) return "permissions-management";
    if (startsWithVerb(actionName, "List")) return "list";
    if (READ_VERBS.some((v) => startsWithVerb(actionName, v))) return "read";
    if (isWrite) return "write";
    return undefined;
}

/** Split `service:Action`; a string without `:` has an empty service. */
export function splitAction(action: string): { service: string; name: string } {
    const i = action.indexOf(":");
    return i < 0 ? { service: "", name: action } : { service: action.slice(0, i).toLowerCase(), name: action.slice(i + 1) };
}

/** Access level of one literal action: the table first, then the verb heuristic, else `write` (unknown verbs are treated as changes). */
export function accessLevelOf(action: string): AccessLevel {
    const known = LEVEL_BY_ACTION.get(action.toLowerCase());
    if (known) return known;
    return verbAccessLevel(splitAction(action).name) ?? "write";
}

/** Classes of one literal action: its access level, plus `credentials-exposure` when it hands out credentials or secrets. */
export function classifyAction(action: string): ActionClass[] {
    const classes: ActionClass[] = [accessLevelOf(action)];
    if (CREDENTIALS_EXPOSURE.has(action.toLowerCase())) classes.push("credentials-exposure");
    return classes;
}

/** Actions of the table that an action pattern (e.g. `s3:Put*`) matches. */
export function knownActionsMatching(pattern: string): string[] {
    return KNOWN_ACTIONS.filter((a) => actionMatches(pattern, a));
}

/** Every action class, for patterns that may grant anything. */
export const ALL_ACTION_CLASSES: readonly ActionClass[] = ["read", "list", "write", "permissions-management", "tagging", "credentials-exposure"];

/**
 * Classes an action or action pattern may grant. A literal action is classified directly. A
 * pattern gets the classes of every table action it matches, plus the class of the verb its
 * literal prefix names (`s3:Get*` → read) to stand for actions the table does not list; a pattern
 * whose prefix names no verb (`s3:*`, `ecr:*Image`) also counts as `write`, and a wildcard in the
 * service (`*`, `*:Get*`) may grant anything.
 */
export function classifyActionPattern(pattern: string, excluded: (action: string) => boolean = () => false): ActionClass[] {
    if (!hasWildcard(pattern)) return excluded(pattern) ? [] : classifyAction(pattern);
    const { service, name } = splitAction(pattern);
    if (service === "" || hasWildcard(service)) return [...ALL_ACTION_CLASSES];
    const classes = new Set<ActionClass>();
    for (const a of knownActionsMatching(pattern)) if (!excluded(a)) classifyAction(a).forEach((c) => classes.add(c));
    const literalPrefix = name.split(/[*?]/)[0];
    classes.add(verbAccessLevel(literalPrefix) ?? "write");
    return ALL_ACTION_CLASSES.filter((c) => classes.has(c));
}

/**
 * True when an allow-list covers an action or action pattern: an entry equal to it, or an entry
 * whose wildcards match it literally (entry `ssmmessages:*` covers `ssmmessages:Open*`).
 */
export function isActionAllowListed(action: string, allowList: readonly string[]): boolean {
    return allowList.some((entry) => actionMatches(entry, action));
}
