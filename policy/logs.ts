/**
 * CloudWatch Logs policies (rows CW1–CW3) and the stack half of T6: the log group each ECS
 * container writes to must be managed in the stack, encrypted, and given a retention.
 */
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { isUnknownSentinel, parsePolicyDocument } from "./lib/iamDocuments";
import { TYPES, ofType, resourcePolicy, stackPolicy, tryKnown } from "./lib/policyKit";
import { parseContainerDefinitions } from "./lib/containers";

/** The default minimum retention for CW3, in days. */
export const DEFAULT_MINIMUM_RETENTION_DAYS = 365;

/** A retention given as a number or numeric string; undefined for anything else. */
export function retentionDays(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && /^\d+$/.test(value.trim())) return Number(value.trim());
    return undefined;
}

/**
 * CW3: whether a retention meets the minimum. `0` (never expire) always passes; a missing value
 * fails; a value that is not a number is not evaluable (undefined).
 */
export function retentionMeetsMinimum(value: unknown, minimumDays: number): boolean | undefined {
    if (value === undefined || value === null) return false;
    const days = retentionDays(value);
    if (days === undefined) return undefined;
    return days === 0 || days >= minimumDays;
}

/** One `awslogs` destination of a task definition: the group, and whether ECS is asked to create it. */
export interface AwslogsTarget {
    group: string;
    /** `awslogs-create-group: "true"`: ECS creates the group itself, without a key or retention. */
    createGroup: boolean;
}

/**
 * The `awslogs` destinations of `containerDefinitions` (JSON string or array, read by the pack's
 * one container parser): [] when absent, undefined when unknown or unparseable (not evaluable
 * here; the ECS task rules report malformed definitions). A container whose group is still
 * unknown in preview is skipped.
 */
export function awslogsTargetsOf(containerDefinitions: unknown): AwslogsTarget[] | undefined {
    const read = parseContainerDefinitions(containerDefinitions);
    if (read.kind === "missing") return [];
    if (read.kind !== "ok") return undefined;
    const out = new Map<string, AwslogsTarget>();
    for (const c of read.containers) {
        const target = tryKnown((): AwslogsTarget | undefined => {
            const log = c.logConfiguration;
            const group = log?.options?.["awslogs-group"];
            if (log?.logDriver !== "awslogs" || typeof group !== "string" || group === "" || isUnknownSentinel(group)) return undefined;
            return { group, createGroup: String(log.options?.["awslogs-create-group"] ?? "").toLowerCase() === "true" };
        });
        if (target) out.set(target.group, { ...target, createGroup: target.createGroup || (out.get(target.group)?.createGroup ?? false) });
    }
    return [...out.values()];
}

/** The `awslogs-group` of every container using the `awslogs` driver; undefined when not evaluable (see `awslogsTargetsOf`). */
export function awslogsGroupsOf(containerDefinitions: unknown): string[] | undefined {
    return awslogsTargetsOf(containerDefinitions)?.map((t) => t.group);
}

/** A property read in a stack check: its value, or `unknown` in preview. */
type Read = { known: true; value: any } | { known: false };

/** Read a property without letting an unknown value escape. */
function read(fn: () => unknown): Read {
    const marker = {};
    const v = tryKnown(fn, marker);
    return v === marker ? { known: false } : { known: true, value: v };
}

/** True when a read is known and empty (missing, null or a blank string). */
function knownEmpty(r: Read): boolean {
    return r.known && (r.value === undefined || r.value === null || (typeof r.value === "string" && r.value.trim() === ""));
}

/** What a log group lacks to receive container logs safely: a KMS key and a retention. Unknown values count as set. */
export function logGroupGaps(logGroup: PolicyResource): string[] {
    const gaps: string[] = [];
    if (knownEmpty(read(() => logGroup.props.kmsKeyId))) gaps.push("no kmsKeyId");
    if (knownEmpty(read(() => logGroup.props.retentionInDays))) gaps.push("no retentionInDays");
    return gaps;
}

/**
 * The log groups a task definition's `awslogs-group` names: those whose known `name` equals it,
 * else those the `containerDefinitions` depend on whose name is unknown or unset.
 */
export function logGroupsNamed(group: string, taskDefinition: PolicyResource, logGroups: PolicyResource[]): PolicyResource[] {
    const byName = logGroups.filter((lg) => {
        const name = read(() => lg.props.name);
        return name.known && name.value === group;
    });
    if (byName.length) return byName;
    return (taskDefinition.propertyDependencies?.containerDefinitions ?? []).filter((d) => {
        if (!TYPES.logGroup.includes(d.type as any)) return false;
        const name = read(() => d.props.name);
        return !name.known || name.value === undefined;
    });
}

/** True when a key policy lets the CloudWatch Logs service principal (`logs.<region>.amazonaws.com`) use the key. */
export function keyPolicyGrantsLogs(policy: unknown): boolean | undefined {
    const parsed = parsePolicyDocument(policy);
    if (parsed.status === "unknown") return undefined;
    if (parsed.status !== "parsed") return false;
    return parsed.document.statements.some((s) => s.effect === "Allow" && (s.principal?.service ?? []).some((svc) => /^logs(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/.test(svc)));
}

/** Identity strings a resource is referenced by: its known `arn`, `keyId` and `id`. */
function keyIdentities(key: PolicyResource): unknown[] {
    return ["arn", "keyId", "id"].map((p) => tryKnown(() => key.props[p])).filter((v) => typeof v === "string");
}

/** The stack's KMS key a log group uses (via `propertyDependencies.kmsKeyId` or ARN/id match); `unknown` when it cannot be told. */
export function logGroupKey(logGroup: PolicyResource, keys: PolicyResource[]): PolicyResource | "none" | "unknown" {
    const dep = (logGroup.propertyDependencies?.kmsKeyId ?? []).find((d) => TYPES.kmsKey.includes(d.type as any));
    if (dep) return dep;
    const ref = read(() => logGroup.props.kmsKeyId);
    if (!ref.known) return "unknown";
    if (typeof ref.value !== "string" || ref.value === "") return "none";
    return keys.find((k) => keyIdentities(k).includes(ref.value)) ?? "none";
}

/**
 * The problems of the key a log group uses, when that key is managed in this stack: rotation off,
 * or no grant to CloudWatch Logs. A key given by ARN from outside the stack (a platform stack's
 * key, say) is not a problem: this stack cannot show its rotation or policy, so there is nothing
 * to judge here.
 */
export function logGroupKeyProblems(logGroup: PolicyResource, resources: PolicyResource[]): string[] {
    const ref = read(() => logGroup.props.kmsKeyId);
    if (knownEmpty(ref)) return [];
    const key = logGroupKey(logGroup, ofType(resources, TYPES.kmsKey));
    if (key === "unknown" || key === "none") return [];
    const problems: string[] = [];
    const rotation = read(() => key.props.enableKeyRotation);
    if (rotation.known && rotation.value !== true) problems.push(`key ${key.name} does not have enableKeyRotation: true`);
    const keyPolicies = ofType(resources, TYPES.kmsKeyPolicy).filter(
        (p) => (p.propertyDependencies?.keyId ?? []).includes(key) || keyIdentities(key).includes(tryKnown(() => p.props.keyId)),
    );
    const documents = [read(() => key.props.policy), ...keyPolicies.map((p) => read(() => p.props.policy))];
    if (documents.some((d) => !d.known)) return problems;
    const grants = documents.map((d) => keyPolicyGrantsLogs(d.known ? d.value : undefined));
    if (!grants.includes(true) && !grants.includes(undefined)) problems.push(`key ${key.name}'s policy does not allow the logs.<region>.amazonaws.com service principal`);
    return problems;
}

const encrypted = resourcePolicy(
    {
        name: "cloudwatch-log-group-kms-encrypted",
        description: "CloudWatch log groups must be encrypted with a KMS key.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: "Set `kmsKeyId` on the LogGroup to the ARN of a customer-managed KMS key whose policy allows `logs.<region>.amazonaws.com`.",
        tags: ["rule:CW1", "checkov:CKV_AWS_158", "trivy:AWS-0017", "kics:cloudwatch_log_group_not_encrypted"],
    },
    TYPES.logGroup,
    (props, report) => {
        const key = props.kmsKeyId;
        if (key === undefined || key === null || (typeof key === "string" && key.trim() === "")) report("kmsKeyId is not set.");
    },
);

const keyManaged = stackPolicy(
    {
        name: "cloudwatch-log-group-key-managed",
        description:
            "A log group's KMS key, when the stack manages it, should rotate and admit CloudWatch Logs in its policy; a key given by ARN from another stack is judged there, not here.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps:
            'Create the key in the stack (`aws.kms.Key` with `enableKeyRotation: true`), add a key-policy statement allowing `"Service": "logs.<region>.amazonaws.com"` with a `kms:EncryptionContext:aws:logs:arn` condition, and pass its ARN as the LogGroup `kmsKeyId`.',
        tags: ["rule:CW1", "beyond:CW1"],
    },
    (resources, report) => {
        for (const lg of ofType(resources, TYPES.logGroup)) {
            const problems = tryKnown(() => logGroupKeyProblems(lg, resources), []) ?? [];
            if (problems.length) report(`Log group ${lg.name}: ${problems.join("; ")}.`, lg);
        }
    },
);

const retentionSet = resourcePolicy(
    {
        name: "cloudwatch-log-group-retention-set",
        description: "CloudWatch log groups must set a retention period.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "Set `retentionInDays` on the LogGroup (e.g. 365, or 0 to keep logs forever on purpose).",
        tags: ["rule:CW2", "checkov:CKV_AWS_66", "kics:cloudwatch_without_retention_period_specified"],
    },
    TYPES.logGroup,
    (props, report) => {
        if (props.retentionInDays === undefined || props.retentionInDays === null) report("retentionInDays is not set.");
    },
);

const retentionMinimum = resourcePolicy(
    {
        name: "cloudwatch-log-group-retention-minimum",
        description: "CloudWatch log groups must keep logs for at least the minimum retention (0 = never expire passes).",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "Set `retentionInDays` to at least the configured `minimumRetentionDays` (default 365), or 0 to never expire.",
        tags: ["rule:CW3", "checkov:CKV_AWS_338", "fsbp:CloudWatch.16"],
        configSchema: {
            properties: {
                minimumRetentionDays: {
                    type: "number",
                    minimum: 0,
                    default: DEFAULT_MINIMUM_RETENTION_DAYS,
                    description: "Shortest acceptable retentionInDays; 0 (never expire) always passes.",
                },
            },
        },
    },
    TYPES.logGroup,
    (props, report, args) => {
        const configured = args.getConfig<{ minimumRetentionDays?: number }>().minimumRetentionDays;
        const minimum = typeof configured === "number" ? configured : DEFAULT_MINIMUM_RETENTION_DAYS;
        const value = props.retentionInDays;
        if (retentionMeetsMinimum(value, minimum) === false) {
            report(
                value === undefined || value === null ? `retentionInDays is not set (minimum ${minimum}).` : `retentionInDays is ${value}, below the minimum of ${minimum} days.`,
            );
        }
    },
);

const taskLogGroupManaged = stackPolicy(
    {
        name: "ecs-task-log-group-managed",
        description:
            "An awslogs-group a task definition writes to must have a KMS key and a retention when the stack manages it, and must not be left to awslogs-create-group; a group of another stack (given by name) is judged there.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps:
            'Create an `aws.cloudwatch.LogGroup` with `kmsKeyId` and `retentionInDays` and pass its `name` as `logConfiguration.options["awslogs-group"]`; do not rely on `awslogs-create-group`.',
        tags: ["rule:T6", "beyond:T6", "fsbp:ECS.9", "ct:CT.ECS.PR.5"],
    },
    (resources, report) => {
        const logGroups = ofType(resources, TYPES.logGroup);
        for (const td of ofType(resources, TYPES.taskDefinition)) {
            const targets = tryKnown(() => awslogsTargetsOf(td.props.containerDefinitions));
            for (const { group, createGroup } of targets ?? []) {
                const matched = logGroupsNamed(group, td, logGroups);
                if (!matched.length) {
                    // Another stack's log group is not a violation here; one ECS creates on first write is (no key, no retention).
                    if (createGroup) report(`awslogs-group "${group}" is not managed by any stack: awslogs-create-group lets ECS create it without a KMS key or retention.`, td);
                    continue;
                }
                for (const lg of matched) {
                    const gaps = tryKnown(() => logGroupGaps(lg), []) ?? [];
                    if (gaps.length) report(`awslogs-group "${group}" (log group ${lg.name}) has ${gaps.join(" and ")}.`, td);
                }
            }
        }
    },
);

/** Every CloudWatch Logs policy of the pack, plus the stack half of T6. */
export const logsPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [encrypted, keyManaged, retentionSet, retentionMinimum, taskLogGroupManaged];
