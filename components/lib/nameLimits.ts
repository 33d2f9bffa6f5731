/**
 * How long the physical names of our resources may be, as data with the rule each comes from, and the
 * checks that keep every name the program derives inside them.
 *
 * Auto-naming: when a resource gets no explicit name, the Pulumi AWS provider names it
 * `<logical name>-<7 random hex characters>` (Pulumi docs, "Resource names: autonaming"; pulumi-aws
 * `resources.go` AutoName options with Randlen 7) and the create fails when that is longer than AWS
 * allows. So a logical name may be at most `limit - AUTO_NAME_SUFFIX_LENGTH` characters.
 */
import { createHash } from "crypto";

/** `-` plus the 7 random hex characters Pulumi appends to an auto-named resource. */
export const AUTO_NAME_SUFFIX_LENGTH = 8;

/** One AWS name limit: the resource type, the longest physical name, and where the limit is written. */
export interface NameLimit {
    type: string;
    max: number;
    source: string;
}

/**
 * The limits of the resources whose auto-names grow with a service or task name (the types in
 * `webServiceAutoNames` and `scheduledTaskAutoNames`). Every other name, explicit or auto, is judged
 * by the offline plan against the botocore models and the provider's auto-naming rules
 * (`tools/offline/constraints/`).
 */
export const NAME_LIMITS: readonly NameLimit[] = [
    {
        type: "aws:lb/loadBalancer:LoadBalancer",
        max: 32,
        source: 'terraform-provider-aws internal/service/elbv2/validate.go validName ("cannot be longer than 32 characters"); ELBv2 API CreateLoadBalancer Name',
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        max: 32,
        source: "terraform-provider-aws internal/service/elbv2/validate.go validTargetGroupName (32); ELBv2 API CreateTargetGroup Name",
    },
    { type: "aws:iam/role:Role", max: 64, source: "terraform-provider-aws internal/service/iam/role.go roleNameMaxLen = 64; IAM API CreateRole RoleName (1-64)" },
    {
        type: "aws:scheduler/schedule:Schedule",
        max: 64,
        source: "terraform-provider-aws internal/service/scheduler/schedule.go name StringLenBetween(1, 64); EventBridge Scheduler API CreateSchedule Name (1-64)",
    },
    { type: "aws:sqs/queue:Queue", max: 80, source: "terraform-provider-aws internal/service/sqs/queue.go (80 characters); SQS API CreateQueue QueueName" },
    { type: "aws:s3/bucket:Bucket", max: 63, source: "terraform-provider-aws internal/service/s3/bucket.go validBucketName (3-63); S3 bucket naming rules" },
];

/** The longest physical name of a resource type (undefined for types without a listed limit). */
export function nameLimit(type: string): number | undefined {
    return NAME_LIMITS.find((l) => l.type === type)?.max;
}

/** An auto-named resource a component will create: its type and its logical name. */
export interface AutoNamed {
    type: string;
    logicalName: string;
}

/** Why this auto-named resource cannot be created (its name plus the suffix is too long), or undefined. */
export function autoNameProblem(r: AutoNamed): string | undefined {
    const max = nameLimit(r.type);
    if (max === undefined) return undefined;
    const length = r.logicalName.length + AUTO_NAME_SUFFIX_LENGTH;
    if (length <= max) return undefined;
    return `${r.type.split(":")[2]} "${r.logicalName}" would be auto-named "${r.logicalName}-xxxxxxx" (${length} characters), longer than AWS allows (${max})`;
}

/** The auto-named resources of a WebService named `service`, whose logical names grow with it. */
export function webServiceAutoNames(service: string, o: { shifting: boolean; platform: boolean; accessLogs: boolean }): AutoNamed[] {
    const out: AutoNamed[] = [
        { type: "aws:iam/role:Role", logicalName: `${service}-roles-execution` },
        { type: "aws:iam/role:Role", logicalName: `${service}-roles-task` },
    ];
    if (o.platform) {
        out.push({ type: "aws:lb/targetGroup:TargetGroup", logicalName: `${service}-tg` });
    } else {
        out.push({ type: "aws:lb/loadBalancer:LoadBalancer", logicalName: `${service}-alb` }, { type: "aws:lb/targetGroup:TargetGroup", logicalName: `${service}-alb` });
        if (o.accessLogs) out.push({ type: "aws:s3/bucket:Bucket", logicalName: `${service}-alb-access-logs` });
    }
    if (o.shifting) out.push({ type: "aws:lb/targetGroup:TargetGroup", logicalName: `${service}-tg-alt` }, { type: "aws:iam/role:Role", logicalName: `${service}-traffic-shift` });
    return out;
}

/** The auto-named resources of a ScheduledTask component named `name`. */
export function scheduledTaskAutoNames(name: string): AutoNamed[] {
    return [
        { type: "aws:iam/role:Role", logicalName: `${name}-scheduler` },
        { type: "aws:scheduler/schedule:Schedule", logicalName: `${name}-schedule` },
        { type: "aws:sqs/queue:Queue", logicalName: `${name}-dlq` },
    ];
}

/** Every problem with these auto-named resources. */
export function autoNameProblems(resources: AutoNamed[]): string[] {
    return resources.map(autoNameProblem).filter((p): p is string => p !== undefined);
}

/** The longest service name whose auto-named resources all fit, for messages and docs. */
export function maxServiceNameLength(o: { shifting: boolean; platform: boolean; accessLogs: boolean }): number {
    let n = 1;
    while (autoNameProblems(webServiceAutoNames("a".repeat(n + 1), o)).length === 0) n++;
    return n;
}

/**
 * An explicit physical name built from parts (project, service, stack, …): joined with `-`, characters
 * outside `allowed` replaced by `-`, and, when longer than `max`, cut and ended with 8 hex characters
 * of the full name's hash so that distinct long names stay distinct.
 */
export function physicalName(parts: string[], max: number, allowed: RegExp = /[A-Za-z0-9_-]/): string {
    const full = parts.filter((p) => p !== "").join("-");
    const clean = [...full].map((c) => (allowed.test(c) ? c : "-")).join("");
    if (clean.length <= max) return clean;
    const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
    return `${clean.slice(0, max - 9)}-${hash}`;
}
