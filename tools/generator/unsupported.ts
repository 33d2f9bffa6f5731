/**
 * Task definition fields that are not carried to the stack, each with the reason: EC2-only
 * features Fargate refuses, and settings fargatekit replaces with its own secure ones.
 */
import { ReportBuilder } from "./report";
import { isObject } from "./taskDefinition";

/** One field that is dropped when it is set in a way that matters. */
export interface DropRule {
    /** Dotted path below the container (or the task), e.g. `linuxParameters.devices`. */
    field: string;
    /** When the value matters (`true`, a non-empty list, any value…). */
    when: (value: unknown) => boolean;
    /** Why it is not carried. */
    reason: (value: unknown) => string;
}

/** Set to anything (not undefined or null). */
const isSet = (v: unknown) => v !== undefined && v !== null;
/** A list or object with at least one entry, or any other set value. */
const nonEmpty = (v: unknown) => (Array.isArray(v) ? v.length > 0 : isObject(v) ? Object.keys(v).length > 0 : isSet(v));
/** Exactly `true`. */
const isTrue = (v: unknown) => v === true;
/** A fixed reason. */
const because = (text: string) => () => text;

/** Container fields Fargate does not accept, or fargatekit sets itself. */
export const CONTAINER_DROP_RULES: readonly DropRule[] = [
    {
        field: "privileged",
        when: isTrue,
        reason: because(
            "Fargate does not run privileged containers (no access to the host's devices or kernel settings); most apps do not need it, but one that does (Docker-in-Docker, FUSE, iptables) fails at its first privileged call and belongs on ECS with EC2 capacity.",
        ),
    },
    {
        field: "links",
        when: nonEmpty,
        reason: because("links exist only in bridge mode; in awsvpc the containers of a task share one network namespace, so reach another container at localhost:<its port>."),
    },
    { field: "hostname", when: isSet, reason: because("Fargate (awsvpc mode) does not let a task set its hostname.") },
    { field: "dnsServers", when: nonEmpty, reason: because("Fargate tasks use the VPC's DNS resolver; Fargate does not accept dnsServers.") },
    { field: "dnsSearchDomains", when: nonEmpty, reason: because("Fargate tasks use the VPC's DNS settings; Fargate does not accept dnsSearchDomains.") },
    {
        field: "extraHosts",
        when: nonEmpty,
        reason: because("Fargate does not accept extraHosts (/etc/hosts entries); give the names DNS records, e.g. in a Route 53 private hosted zone."),
    },
    { field: "dockerSecurityOptions", when: nonEmpty, reason: because("SELinux and AppArmor options are EC2-only; Fargate does not accept dockerSecurityOptions.") },
    { field: "linuxParameters.devices", when: nonEmpty, reason: because("Fargate has no host devices to expose to a container.") },
    { field: "linuxParameters.sharedMemorySize", when: isSet, reason: because("Fargate does not support sharedMemorySize (the size of /dev/shm).") },
    {
        field: "linuxParameters.tmpfs",
        when: nonEmpty,
        reason: because("Fargate does not support tmpfs mounts; fargatekit mounts a writable /tmp volume in every container instead."),
    },
    { field: "linuxParameters.swappiness", when: isSet, reason: because("Fargate tasks have no swap, so swappiness does not apply.") },
    { field: "linuxParameters.maxSwap", when: isSet, reason: because("Fargate tasks have no swap, so maxSwap does not apply.") },
    {
        field: "linuxParameters.capabilities.add",
        when: nonEmpty,
        reason: because("fargatekit drops ALL Linux capabilities from every container and adds none (Fargate would allow only SYS_PTRACE)."),
    },
    {
        field: "linuxParameters.initProcessEnabled",
        when: isTrue,
        reason: because("fargatekit runs an init process only together with ECS Exec (fargatekit:enableExecuteCommand)."),
    },
    { field: "disableNetworking", when: isTrue, reason: because("Fargate (awsvpc mode) does not support disableNetworking; the task security group already admits only the ALB.") },
    { field: "interactive", when: isTrue, reason: because("a web service gets no stdin; interactive is not carried.") },
    { field: "pseudoTerminal", when: isTrue, reason: because("a web service gets no TTY; pseudoTerminal is not carried.") },
    { field: "dockerLabels", when: nonEmpty, reason: because("fargatekit does not set Docker labels; use fargatekit:tags to label the service and its tasks.") },
    { field: "systemControls", when: nonEmpty, reason: because("fargatekit does not set kernel parameters (systemControls).") },
    { field: "volumesFrom", when: nonEmpty, reason: because("fargatekit does not share volumes between containers; each container gets its own writable /tmp.") },
    {
        field: "environmentFiles",
        when: nonEmpty,
        reason: because("environment files in S3 are not carried (the execution role may not read S3); put the values under environment, or under secrets when they are secret."),
    },
    {
        field: "repositoryCredentials",
        when: isSet,
        reason: because(
            "private registry credentials are not carried; push the image to ECR (fargatekit's execution role may pull from the repository it uses) or use a public image.",
        ),
    },
    { field: "firelensConfiguration", when: isSet, reason: because("fargatekit sends logs with awslogs to its encrypted log group; a FireLens log router is not configured.") },
    { field: "startTimeout", when: isSet, reason: because("fargatekit does not set startTimeout (how long to wait for dependsOn conditions).") },
    { field: "restartPolicy", when: isSet, reason: because("fargatekit does not set container restart policies; ECS replaces a task whose essential container stops.") },
    { field: "credentialSpecs", when: nonEmpty, reason: because("Active Directory credential specs (gMSA) are not supported by fargatekit.") },
    {
        field: "versionConsistency",
        when: (v) => v === "disabled",
        reason: because("fargatekit keeps ECS's version consistency: every task runs the image digest resolved at deployment."),
    },
];

/** Task fields Fargate does not accept, or fargatekit sets itself. */
export const TASK_DROP_RULES: readonly DropRule[] = [
    {
        field: "taskRoleArn",
        when: isSet,
        reason: (v) =>
            `fargatekit creates the task role itself, trusted only by ecs-tasks.amazonaws.com from this account and starting with no permissions; ` +
            `express what ${String(v)} allowed as fargatekit:taskRoleStatements (IAM statements scoped to the resources the app uses).`,
    },
    {
        field: "executionRoleArn",
        when: isSet,
        reason: (v) =>
            `fargatekit creates the execution role itself with exactly what the task needs (pull its image, write its log group, read the secrets it references) instead of ${String(v)}.`,
    },
    {
        field: "placementConstraints",
        when: nonEmpty,
        reason: because("Fargate does not support task placement constraints (memberOf and instance attributes describe EC2 container instances)."),
    },
    {
        field: "pidMode",
        when: isSet,
        reason: (v) =>
            v === "host"
                ? "Fargate tasks cannot share the host's process namespace (pidMode host)."
                : `fargatekit does not set pidMode (${String(v)}); each container keeps its own process namespace.`,
    },
    {
        field: "ipcMode",
        when: isSet,
        reason: (v) =>
            (v === "host" ? "Fargate tasks cannot share the host's IPC namespace (ipcMode host)" : `Fargate does not support ipcMode (${String(v)})`) +
            "; the containers of the task talk over localhost, and /dev/shm keeps Docker's default size (tell headless Chrome --disable-dev-shm-usage).",
    },
    { field: "proxyConfiguration", when: isSet, reason: because("App Mesh proxy configuration is not carried (App Mesh is retired; fargatekit runs no service mesh).") },
    { field: "inferenceAccelerators", when: nonEmpty, reason: because("Elastic Inference accelerators are EC2-only and retired.") },
    { field: "ephemeralStorage", when: isSet, reason: because("fargatekit keeps Fargate's default 20 GiB of ephemeral storage (encrypted with the service's KMS key).") },
    { field: "enableFaultInjection", when: isTrue, reason: because("fargatekit does not enable fault injection.") },
];

/** The value at a dotted path below `obj`, or undefined. */
export function valueAt(obj: Record<string, unknown>, dotted: string): unknown {
    let v: unknown = obj;
    for (const part of dotted.split(".")) {
        if (!isObject(v)) return undefined;
        v = v[part];
    }
    return v;
}

/** Report a `dropped` line for every rule whose field is set in `obj` in a way that matters. */
export function applyDropRules(obj: Record<string, unknown>, rules: readonly DropRule[], basePath: string, report: ReportBuilder): void {
    for (const rule of rules) {
        const v = valueAt(obj, rule.field);
        if (rule.when(v)) report.dropped(basePath ? `${basePath}.${rule.field}` : rule.field, rule.reason(v));
    }
}

/** Report every task volume as dropped, with the reason its kind has. fargatekit mounts only its own /tmp volume. */
export function dropVolumes(volumes: readonly Record<string, unknown>[], report: ReportBuilder): void {
    volumes.forEach((v, i) => {
        const name = typeof v.name === "string" ? `"${v.name}"` : "(unnamed)";
        const path = `volumes[${i}]`;
        if (isSet(v.host)) {
            const source = isObject(v.host) && typeof v.host.sourcePath === "string" ? ` (${v.host.sourcePath})` : "";
            report.dropped(
                `${path}.host`,
                `host volume ${name}${source}: a Fargate task has no host filesystem to mount; keep state in S3, a database or EFS, and scratch files in /tmp.`,
            );
        } else if (isSet(v.dockerVolumeConfiguration))
            report.dropped(`${path}.dockerVolumeConfiguration`, `Docker volume ${name}: Docker volume drivers are EC2-only; Fargate does not accept dockerVolumeConfiguration.`);
        else if (isSet(v.efsVolumeConfiguration))
            report.dropped(
                `${path}.efsVolumeConfiguration`,
                `EFS volume ${name}: fargatekit does not mount EFS volumes yet (Fargate supports them); mount it with a task definition override or keep the data elsewhere.`,
            );
        else if (isSet(v.fsxWindowsFileServerVolumeConfiguration))
            report.dropped(`${path}.fsxWindowsFileServerVolumeConfiguration`, `FSx for Windows volume ${name}: Windows only; fargatekit runs Linux tasks.`);
        else if (v.configuredAtLaunch === true) report.dropped(`${path}.configuredAtLaunch`, `volume ${name} configured at launch (EBS): fargatekit does not attach EBS volumes.`);
        else report.dropped(path, `bind-mount volume ${name}: fargatekit mounts only its own writable /tmp volume in each container.`);
    });
}

/** Report mount points: one at /tmp is already covered; any other is dropped. */
export function dropMountPoints(mountPoints: readonly Record<string, unknown>[], basePath: string, report: ReportBuilder): void {
    mountPoints.forEach((m, j) => {
        const path = `${basePath}.mountPoints[${j}]`;
        if (m.containerPath === "/tmp") report.note(path, "/tmp is already a writable volume in every fargatekit container.");
        else
            report.dropped(
                path,
                `volume ${JSON.stringify(m.sourceVolume)} at ${JSON.stringify(m.containerPath)} is not mounted: the root filesystem is read-only, so writes there fail; write to /tmp instead.`,
            );
    });
}

/** Report GPU and accelerator requirements as dropped: Fargate has neither. */
export function dropResourceRequirements(reqs: readonly Record<string, unknown>[], basePath: string, report: ReportBuilder): void {
    reqs.forEach((r, j) => {
        const path = `${basePath}.resourceRequirements[${j}]`;
        if (r.type === "GPU") report.dropped(path, `GPU requirement (${String(r.value)}): Fargate has no GPUs; GPU workloads need EC2 capacity.`);
        else if (r.type === "InferenceAccelerator") report.dropped(path, "Elastic Inference accelerator: EC2-only and retired.");
        else report.dropped(path, `resource requirement of type ${JSON.stringify(r.type)} is not supported on Fargate.`);
    });
}
