/**
 * ECS policies: task definitions (T1–T13, T6 resource part only), services (S1–S9) and clusters
 * (C1–C4). Rules read props in both the input and the output shape; unknown values skip.
 */
import { Policies, PolicyResource } from "@pulumi/policy";
import { TYPES, ofType, resourcePolicy, stackPolicy, tryKnown } from "./lib/policyKit";
import { SecretDetectorOptions, findSecret } from "../rules/secrets";
import {
    ContainerDefinition,
    arnResourceName,
    asArray,
    capabilitiesOf,
    containerLabel,
    environmentOf,
    isEssential,
    isFalse,
    isNonEmptyString,
    isSha256Digest,
    isTrue,
    knownStrings,
    parseContainerDefinitions,
    parseImageReference,
    isVolumePermissionInit,
    referencedResources,
    toNumber,
} from "./lib/containers";

// ---------------------------------------------------------------------------------------------
// Pure helpers (exported for the tests)
// ---------------------------------------------------------------------------------------------

/** Containers of a task definition when they can be judged: parsed and non-empty; else `undefined`. */
export function judgeableContainers(containerDefinitions: unknown): ContainerDefinition[] | undefined {
    const read = parseContainerDefinitions(containerDefinitions);
    return read.kind === "ok" && read.containers.length > 0 ? read.containers : undefined;
}

/** True when `requiresCompatibilities` lists FARGATE. */
export function requiresFargate(requiresCompatibilities: unknown): boolean {
    return asArray<unknown>(requiresCompatibilities as unknown[]).some((c) => typeof c === "string" && c.toUpperCase() === "FARGATE");
}

/** T1: why a task definition's network mode is not `awsvpc`, or `undefined` when it is. */
export function networkModeProblem(networkMode: unknown, requiresCompatibilities: unknown): string | undefined {
    if (networkMode === "awsvpc") return undefined;
    const current = networkMode === undefined || networkMode === null ? "unset (ECS then uses bridge on EC2)" : `"${String(networkMode)}"`;
    const fargate = requiresFargate(requiresCompatibilities) ? "; Fargate requires awsvpc" : "";
    return `networkMode is ${current}, expected "awsvpc"${fargate}.`;
}

/** T2: labels of containers that run privileged (`privileged`, or the `privilege` key Checkov reads). */
export function privilegedContainers(containers: ContainerDefinition[]): string[] {
    const truthy = (v: unknown) => Boolean(v) && !isFalse(v);
    return containers.flatMap((c, i) => (isTrue(c.privileged) || truthy(c.privilege) ? [containerLabel(c, i)] : []));
}

/**
 * T5: why one environment variable looks like a plaintext secret, or `undefined` (the shared
 * detector of `rules/secrets.ts`, judging value and name together). Never echoes the value.
 */
export function plaintextSecretReason(name: string, value: string, options: SecretDetectorOptions = {}): string | undefined {
    return findSecret(name, value, options)?.reason;
}

/** T9: true when a container `user` is missing or root (`root`, `0`, `root:…`, `0:…`). */
export function runsAsRoot(user: unknown): boolean {
    if (user === undefined || user === null) return true;
    const text = String(user).trim();
    return text === "" || /^(root|0)(:.*)?$/.test(text);
}

/** T12: why an image reference is not pinned (latest or no tag and no digest), or `undefined`. */
export function floatingImageReason(image: string): string | undefined {
    const ref = parseImageReference(image);
    if (ref.tag !== undefined && ref.tag.toLowerCase() === "latest") return `uses the mutable tag "latest"`;
    if (ref.tag === undefined && ref.digest === undefined) return "has no tag or digest, so it resolves to latest";
    return undefined;
}

/** T12 (advisory): true when an image is pinned by a sha256 content digest. */
export function isDigestPinned(image: string): boolean {
    return isSha256Digest(parseImageReference(image).digest);
}

/** True for a task/container size that is set: a positive number or a non-empty string (`"1 vCPU"`). */
function isSizeSet(value: unknown): boolean {
    const n = toNumber(value);
    if (n !== undefined) return n > 0;
    return isNonEmptyString(value);
}

/** T10: the missing CPU/memory settings of a task definition. */
export function resourceLimitProblems(props: Record<string, any>, containers: ContainerDefinition[] | undefined): string[] {
    const problems: string[] = [];
    if (requiresFargate(props.requiresCompatibilities)) {
        if (!isSizeSet(props.cpu)) problems.push('task-level "cpu" is not set (Fargate requires it)');
        if (!isSizeSet(props.memory)) problems.push('task-level "memory" is not set (Fargate requires it)');
    }
    if (containers && !containers.some((c) => isSizeSet(c.memory) || isSizeSet(c.memoryReservation))) {
        problems.push('no container sets "memory" or "memoryReservation"');
    }
    return problems;
}

/** True when a service runs on Fargate: launch type FARGATE or a FARGATE/FARGATE_SPOT capacity provider. */
export function serviceUsesFargate(props: Record<string, any>): boolean {
    if (props.launchType === "FARGATE") return true;
    return asArray<any>(props.capacityProviderStrategies).some((s) => s && (s.capacityProvider === "FARGATE" || s.capacityProvider === "FARGATE_SPOT"));
}

/** S4: why a service's `iamRole` is not acceptable, or `undefined`. */
export function serviceIamRoleProblem(props: Record<string, any>): string | undefined {
    const role = props.iamRole;
    if (!isNonEmptyString(role)) return undefined;
    if (role.toLowerCase().includes("admin")) return `iamRole "${role}" looks like an administrator role`;
    if (props.networkConfiguration !== undefined || serviceUsesFargate(props)) {
        return "iamRole is set on an awsvpc service; ECS uses its service-linked role there";
    }
    return undefined;
}

/** Outcome of C3 for one cluster: `absent` means no exec configuration at all (not evaluable). */
export type ExecEncryptionVerdict = { status: "pass" } | { status: "absent" } | { status: "fail"; reason: string };

/**
 * C3: ECS Exec sessions use a CMK (`kmsKeyId`) and their logs are encrypted
 * (`cloudWatchEncryptionEnabled` or `s3BucketEncryptionEnabled`), with logging not NONE.
 */
export function execEncryptionVerdict(configuration: any): ExecEncryptionVerdict {
    const exec = configuration?.executeCommandConfiguration;
    if (exec === undefined || exec === null) return { status: "absent" };
    if (typeof exec.logging === "string" && exec.logging.toUpperCase() === "NONE") {
        return { status: "fail", reason: 'ECS Exec logging is "NONE", so sessions are not recorded' };
    }
    const reasons: string[] = [];
    if (!isNonEmptyString(exec.kmsKeyId)) reasons.push("executeCommandConfiguration.kmsKeyId is not set");
    const log = exec.logConfiguration;
    if (!isTrue(log?.cloudWatchEncryptionEnabled) && !isTrue(log?.s3BucketEncryptionEnabled)) {
        reasons.push("neither logConfiguration.cloudWatchEncryptionEnabled nor s3BucketEncryptionEnabled is true");
    }
    return reasons.length === 0 ? { status: "pass" } : { status: "fail", reason: reasons.join("; ") };
}

/** C1: true when `settings` turns Container Insights on (`enabled` or `enhanced`). */
export function containerInsightsOn(settings: unknown): boolean {
    return asArray<any>(settings as any[]).some(
        (s) => s && s.name === "containerInsights" && typeof s.value === "string" && ["enabled", "enhanced"].includes(s.value.toLowerCase()),
    );
}

/**
 * The strings a service's `taskDefinition` reference may equal on the task definition resource:
 * the ARN as given, `family:revision`, and the bare family.
 */
export function taskDefinitionRefs(reference: unknown): string[] {
    if (!isNonEmptyString(reference)) return [];
    const familyRevision = arnResourceName(reference);
    return [reference, familyRevision, familyRevision.replace(/:\d+$/, "")];
}

/** The keys of a tags map (`{}` or missing → none). */
export function tagKeysOf(tags: unknown): string[] {
    return tags && typeof tags === "object" && !Array.isArray(tags) ? Object.keys(tags) : [];
}

/** True when a task definition exposes a port (its containers have `portMappings`): a web task. */
export function exposesPorts(containers: ContainerDefinition[]): boolean {
    return containers.some((c) => asArray<unknown>(c.portMappings as unknown[]).length > 0);
}

// ---------------------------------------------------------------------------------------------
// Task definition policies
// ---------------------------------------------------------------------------------------------

const td = TYPES.taskDefinition;

const taskAwsvpc = resourcePolicy(
    {
        name: "ecs-task-awsvpc",
        description: "ECS task definitions must use the awsvpc network mode.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: 'Set networkMode: "awsvpc" on the task definition so each task gets its own ENI and security groups.',
        tags: ["rule:T1", "kics:ecs_task_definition_network_mode_not_recommended", "ct:CT.ECS.PR.4", "fsbp:ECS.17", "fsbp:ECS.1"],
    },
    td,
    (props, report) => {
        const problem = networkModeProblem(props.networkMode, props.requiresCompatibilities);
        if (problem) report(problem);
    },
);

const taskNoPrivileged = resourcePolicy(
    {
        name: "ecs-task-no-privileged",
        description: "ECS containers must not run in privileged mode.",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps: "Remove privileged: true from every container definition (Fargate rejects it; on EC2 it grants root on the host).",
        tags: ["rule:T2", "checkov:CKV_AWS_334", "pulumi-compliance:disallow-privileged-containers", "fsbp:ECS.4", "ct:CT.ECS.PR.11"],
    },
    td,
    (props, report) => {
        const read = parseContainerDefinitions(props.containerDefinitions);
        if (read.kind === "unparseable") {
            report(`containerDefinitions cannot be checked for privileged containers: ${read.reason}.`);
            return;
        }
        if (read.kind !== "ok") return;
        for (const label of privilegedContainers(read.containers)) report(`Container ${label} runs privileged.`);
    },
);

const taskReadonlyRoot = resourcePolicy(
    {
        name: "ecs-task-readonly-root-fs",
        description: "ECS containers must mount their root filesystem read-only.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: 'Set readonlyRootFilesystem: true on every container; give writable paths a volume (e.g. volumes: [{name: "tmp"}] mounted at /tmp).',
        tags: ["rule:T3", "checkov:CKV_AWS_336", "fsbp:ECS.5", "ct:CT.ECS.PR.6"],
    },
    td,
    (props, report) => {
        const containers = judgeableContainers(props.containerDefinitions);
        containers?.forEach((c, i) => {
            if (!isTrue(c.readonlyRootFilesystem)) report(`Container ${containerLabel(c, i)} does not set readonlyRootFilesystem: true.`);
        });
    },
);

const taskNoHostNamespaces = resourcePolicy(
    {
        name: "ecs-task-no-host-namespaces",
        description: "ECS tasks must not share the host's PID or IPC namespace.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: 'Remove pidMode/ipcMode "host" from the task definition and its containers (use "task" or leave unset).',
        tags: ["rule:T4", "checkov:CKV_AWS_335", "pulumi-compliance:disallow-host-pid-mode", "fsbp:ECS.3", "ct:CT.ECS.PR.10"],
    },
    td,
    (props, report) => {
        if (tryKnown(() => props.pidMode) === "host") report('Task pidMode is "host".');
        if (tryKnown(() => props.ipcMode) === "host") report('Task ipcMode is "host".');
        const containers = tryKnown(() => judgeableContainers(props.containerDefinitions));
        containers?.forEach((c, i) => {
            if (tryKnown(() => c.pidMode) === "host") report(`Container ${containerLabel(c, i)} sets pidMode "host".`);
        });
    },
);

const taskNoPlaintextSecrets = resourcePolicy(
    {
        name: "ecs-task-no-plaintext-secrets",
        description:
            "ECS containers must not pass credentials as plaintext environment variables (judged on value and name together: token formats, URLs with passwords, private keys, high-entropy strings, secret names with literal values).",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps:
            "Move the value to Secrets Manager or SSM Parameter Store and reference it from the container's secrets: [{name, valueFrom: <secret or parameter ARN>}] instead of environment.",
        tags: ["rule:T5", "trivy:AWS-0036", "kics:ecs_task_definition_container_has_password", "pulumi-compliance:disallow-secrets-in-env-vars", "fsbp:ECS.8", "ct:CT.ECS.PR.12"],
        configSchema: {
            properties: {
                extraNamePatterns: {
                    type: "array",
                    items: { type: "string" },
                    default: [],
                    description:
                        "Extra case-insensitive regular expressions a secret variable name matches (besides password, secret, token, api_key, …); such a name with a literal value is reported.",
                },
                allowNames: {
                    type: "array",
                    items: { type: "string" },
                    default: [],
                    description: "Variable names never reported (exact or glob with * and ?), for a value the detector mistakes for a credential.",
                },
            },
        },
    },
    td,
    (props, report, args) => {
        const config = args.getConfig<{ extraNamePatterns?: string[]; allowNames?: string[] }>() ?? {};
        const options: SecretDetectorOptions = { extraNamePatterns: asArray<string>(config.extraNamePatterns ?? []), allowNames: asArray<string>(config.allowNames ?? []) };
        judgeableContainers(props.containerDefinitions)?.forEach((c, i) => {
            for (const { name, value } of environmentOf(c)) {
                const reason = plaintextSecretReason(name, value, options);
                if (reason) report(`Container ${containerLabel(c, i)} sets environment variable "${name}" in plaintext: ${reason}.`);
            }
        });
    },
);

const taskLogDriver = resourcePolicy(
    {
        name: "ecs-task-log-driver",
        description: "Every ECS container must declare a log driver.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps:
            'Add logConfiguration: {logDriver: "awslogs", options: {"awslogs-group": <log group name>, "awslogs-region": <region>, "awslogs-stream-prefix": <prefix>}} (or logDriver "awsfirelens") to every container.',
        tags: ["rule:T6", "fsbp:ECS.9", "ct:CT.ECS.PR.5"],
    },
    td,
    (props, report) => {
        judgeableContainers(props.containerDefinitions)?.forEach((c, i) => {
            if (!isNonEmptyString(c.logConfiguration?.logDriver)) report(`Container ${containerLabel(c, i)} has no logConfiguration.logDriver.`);
        });
    },
);

/** URNs a task definition's role property depends on, or `undefined` when the engine gave none. */
function roleDependencyKey(resource: PolicyResource, property: string): string | undefined {
    const deps = resource.propertyDependencies?.[property] ?? [];
    return deps.length === 0
        ? undefined
        : deps
              .map((d) => d.urn)
              .sort()
              .join("|");
}

const taskSeparateRoles = stackPolicy(
    {
        name: "ecs-task-separate-roles",
        description: "An ECS task's execution role and task role must be different roles.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps:
            "Create two IAM roles: an execution role (image pull, logs, secrets) for executionRoleArn and an application role for taskRoleArn, and never pass the same ARN to both.",
        tags: ["rule:T7", "checkov:CKV_AWS_249"],
    },
    (resources, report) => {
        for (const task of ofType(resources, td)) {
            const exec = tryKnown(() => task.props.executionRoleArn);
            const app = tryKnown(() => task.props.taskRoleArn);
            if (isNonEmptyString(exec) && isNonEmptyString(app) && knownStrings([exec, app]).length === 2) {
                if (exec === app) report(`executionRoleArn and taskRoleArn are the same role (${exec}).`, task);
                continue;
            }
            const execDeps = roleDependencyKey(task, "executionRoleArn");
            if (execDeps !== undefined && execDeps === roleDependencyKey(task, "taskRoleArn")) {
                report("executionRoleArn and taskRoleArn come from the same role resource.", task);
            }
        }
    },
);

const taskEfsTransitEncryption = resourcePolicy(
    {
        name: "ecs-task-efs-transit-encryption",
        description: "EFS volumes of ECS tasks must use in-transit encryption.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: 'Set volumes[].efsVolumeConfiguration.transitEncryption: "ENABLED" on every EFS volume.',
        tags: ["rule:T8", "checkov:CKV_AWS_97", "trivy:AWS-0035", "kics:ecs_task_definition_volume_not_encrypted", "fsbp:ECS.18"],
    },
    td,
    (props, report) => {
        for (const volume of asArray<any>(props.volumes)) {
            const efs = volume?.efsVolumeConfiguration;
            if (efs === undefined || efs === null) continue;
            if (efs.transitEncryption !== "ENABLED") {
                report(`EFS volume "${volume.name ?? "?"}" has transitEncryption ${efs.transitEncryption === undefined ? "unset" : `"${efs.transitEncryption}"`}.`);
            }
        }
    },
);

const taskNonRootUser = resourcePolicy(
    {
        name: "ecs-task-non-root-user",
        description: "ECS containers must run as a non-root user.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: 'Set user to a non-zero UID (e.g. user: "10001") on every container, and build the image so that user can run it.',
        tags: ["rule:T9", "fsbp:ECS.20", "fsbp:ECS.21", "ct:CT.ECS.PR.3"],
    },
    td,
    (props, report) => {
        judgeableContainers(props.containerDefinitions)?.forEach((c, i) => {
            // A chmod-only init container may (must) run as root: Fargate's bind-mount volumes start root-owned 0755.
            if (runsAsRoot(c.user) && !isVolumePermissionInit(c)) {
                const how = c.user === undefined || c.user === null ? "has no user, so it runs as root" : `runs as "${String(c.user)}"`;
                report(`Container ${containerLabel(c, i)} ${how}.`);
            }
        });
    },
);

const taskResourceLimits = resourcePolicy(
    {
        name: "ecs-task-resource-limits",
        description: "ECS task definitions must size CPU and memory, and containers must have a memory limit.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: 'Set task-level cpu and memory (e.g. cpu: "256", memory: "512") on Fargate task definitions, and memory or memoryReservation on the containers.',
        tags: ["rule:T10", "ct:CT.ECS.PR.7"],
    },
    td,
    (props, report) => {
        const containers = tryKnown(() => judgeableContainers(props.containerDefinitions));
        for (const problem of resourceLimitProblems(props, containers)) report(`The task definition's ${problem}.`);
    },
);

const taskNoAddedCapabilities = resourcePolicy(
    {
        name: "ecs-task-no-added-capabilities",
        description: "ECS containers must not add Linux capabilities.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: "Remove linuxParameters.capabilities.add from every container (Fargate only permits SYS_PTRACE, which is for debugging).",
        tags: ["rule:T11", "beyond:T11"],
    },
    td,
    (props, report) => {
        judgeableContainers(props.containerDefinitions)?.forEach((c, i) => {
            const { add } = capabilitiesOf(c);
            if (add.length > 0) report(`Container ${containerLabel(c, i)} adds capabilities ${add.join(", ")}.`);
        });
    },
);

const taskDropAllCapabilities = resourcePolicy(
    {
        name: "ecs-task-drop-all-capabilities",
        description: "ECS containers should drop all Linux capabilities.",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps: 'Set linuxParameters: {capabilities: {drop: ["ALL"]}} on every container.',
        tags: ["rule:T11", "beyond:T11"],
    },
    td,
    (props, report) => {
        judgeableContainers(props.containerDefinitions)?.forEach((c, i) => {
            if (!capabilitiesOf(c).drop.includes("ALL")) report(`Container ${containerLabel(c, i)} does not drop ALL capabilities.`);
        });
    },
);

const taskImageNotLatest = resourcePolicy(
    {
        name: "ecs-task-image-not-latest",
        description: "ECS container images must name a specific tag or digest, not latest.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "Reference images as <repo>@sha256:<digest> (preferred) or <repo>:<immutable version tag>, never :latest or an untagged name.",
        tags: ["rule:T12", "beyond:T12"],
    },
    td,
    (props, report) => {
        judgeableContainers(props.containerDefinitions)?.forEach((c, i) => {
            if (!isNonEmptyString(c.image)) return;
            const reason = floatingImageReason(c.image);
            if (reason) report(`Container ${containerLabel(c, i)} image "${c.image}" ${reason}.`);
        });
    },
);

const taskImageDigestPinned = resourcePolicy(
    {
        name: "ecs-task-image-digest-pinned",
        description: "ECS container images should be pinned by sha256 digest.",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps: "Reference each image as <repo>@sha256:<64-hex digest> so every deployment runs exactly the scanned image.",
        tags: ["rule:T12", "beyond:T12"],
    },
    td,
    (props, report) => {
        judgeableContainers(props.containerDefinitions)?.forEach((c, i) => {
            if (isNonEmptyString(c.image) && !isDigestPinned(c.image)) report(`Container ${containerLabel(c, i)} image "${c.image}" is not pinned by digest.`);
        });
    },
);

const taskHealthCheck = resourcePolicy(
    {
        name: "ecs-task-container-health-check",
        description: "Essential ECS containers should define a container health check.",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps: 'Add healthCheck: {command: ["CMD-SHELL", "<probe> || exit 1"], interval, timeout, retries, startPeriod} to every essential container.',
        tags: ["rule:T13", "beyond:T13"],
    },
    td,
    (props, report) => {
        judgeableContainers(props.containerDefinitions)?.forEach((c, i) => {
            if (isEssential(c) && asArray<unknown>(c.healthCheck?.command as unknown[]).length === 0) {
                report(`Essential container ${containerLabel(c, i)} has no healthCheck.command.`);
            }
        });
    },
);

// ---------------------------------------------------------------------------------------------
// Service policies
// ---------------------------------------------------------------------------------------------

const svc = TYPES.service;

const serviceNoPublicIp = resourcePolicy(
    {
        name: "ecs-service-no-public-ip",
        description: "ECS services must not assign public IP addresses to tasks.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: "Set networkConfiguration.assignPublicIp: false and run tasks in private subnets with a NAT gateway or VPC endpoints.",
        tags: ["rule:S1", "checkov:CKV_AWS_333", "kics:ecs_services_assigned_with_public_ip_address", "fsbp:ECS.2", "ct:CT.ECS.PR.9"],
    },
    svc,
    (props, report) => {
        if (isTrue(props.networkConfiguration?.assignPublicIp)) report("networkConfiguration.assignPublicIp is true.");
    },
);

const serviceLatestPlatform = resourcePolicy(
    {
        name: "ecs-service-fargate-latest-platform",
        description: "Fargate services must run on the LATEST platform version.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: 'Set platformVersion: "LATEST" (or leave it unset) on Fargate services so tasks get current kernel and runtime patches.',
        tags: ["rule:S2", "checkov:CKV_AWS_332", "fsbp:ECS.10", "ct:CT.ECS.PR.1"],
    },
    svc,
    (props, report) => {
        if (!serviceUsesFargate(props)) return;
        const version = props.platformVersion;
        if (version !== undefined && version !== null && version !== "LATEST") report(`platformVersion is "${String(version)}", expected "LATEST".`);
    },
);

const servicePrivateNetwork = stackPolicy(
    {
        name: "ecs-service-private-network",
        description: "ECS services must use an awsvpc network configuration with security groups in subnets that do not auto-assign public IPs.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps:
            "Set networkConfiguration: {subnets: <private subnet ids>, securityGroups: [<task security group id>], assignPublicIp: false}, and keep mapPublicIpOnLaunch: false on those subnets.",
        tags: ["rule:S3", "beyond:S3", "checkov:CKV2_AWS_5"],
    },
    (resources, report) => {
        const subnets = ofType(resources, TYPES.subnet);
        const publicSubnetUsers = new Map<PolicyResource, string[]>();
        for (const service of ofType(resources, svc)) {
            tryKnown(() => {
                const network = service.props.networkConfiguration;
                if (network === undefined || network === null) {
                    report("The service has no networkConfiguration (awsvpc subnets and security groups).", service);
                    return;
                }
                if (tryKnown(() => asArray(network.securityGroups).length, 1) === 0) {
                    report("networkConfiguration.securityGroups is empty.", service);
                }
                const subnetIds = tryKnown(() => asArray<unknown>(network.subnets), []) ?? [];
                for (const subnet of referencedResources(service, "networkConfiguration", subnets, subnetIds, ["id", "subnetId"])) {
                    if (isTrue(tryKnown(() => subnet.props.mapPublicIpOnLaunch))) {
                        publicSubnetUsers.set(subnet, [...(publicSubnetUsers.get(subnet) ?? []), service.name]);
                    }
                }
            });
        }
        for (const [subnet, users] of publicSubnetUsers) {
            report(`Subnet has mapPublicIpOnLaunch: true and runs tasks of ECS service(s) ${users.join(", ")}.`, subnet);
        }
    },
);

const serviceNoIamRole = resourcePolicy(
    {
        name: "ecs-service-no-iam-role",
        description: "ECS services must not set an admin or legacy IAM role.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: "Remove iamRole from the service; awsvpc services use the AWSServiceRoleForECS service-linked role for load balancer registration.",
        tags: ["rule:S4", "kics:ecs_service_admin_role_is_present"],
    },
    svc,
    (props, report) => {
        const problem = serviceIamRoleProblem(props);
        if (problem) report(`${problem}.`);
    },
);

const serviceDesiredCount = resourcePolicy(
    {
        name: "ecs-service-desired-count",
        description: "Replica ECS services should run at least one task.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "Set desiredCount to at least 1 (2 or more across AZs for a web service), or delete the unused service.",
        tags: ["rule:S5", "kics:ecs_service_without_running_tasks"],
    },
    svc,
    (props, report) => {
        if (props.schedulingStrategy === "DAEMON") return;
        if (toNumber(props.desiredCount) === 0) report("desiredCount is 0, so the service runs no tasks.");
    },
);

const serviceCircuitBreaker = resourcePolicy(
    {
        name: "ecs-service-circuit-breaker",
        description: "ECS services should enable the deployment circuit breaker with rollback.",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps: "Set deploymentCircuitBreaker: {enable: true, rollback: true} so a failing deployment stops and rolls back.",
        tags: ["rule:S6", "beyond:S6"],
    },
    svc,
    (props, report) => {
        const controller = props.deploymentController?.type;
        if (controller !== undefined && controller !== null && controller !== "ECS") return;
        const breaker = props.deploymentCircuitBreaker;
        if (!isTrue(breaker?.enable) || !isTrue(breaker?.rollback)) {
            report("deploymentCircuitBreaker is not {enable: true, rollback: true}.");
        }
    },
);

const serviceLoadBalanced = stackPolicy(
    {
        name: "ecs-service-load-balanced",
        description: "ECS services that expose a port must be registered with a load balancer target group.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps:
            'Add loadBalancers: [{targetGroupArn: <ALB target group ARN (targetType "ip")>, containerName, containerPort}] to the service instead of exposing tasks directly.',
        tags: ["rule:S7", "beyond:S7"],
    },
    (resources, report) => {
        const tasks = ofType(resources, td);
        for (const service of ofType(resources, svc)) {
            tryKnown(() => {
                if (service.props.schedulingStrategy === "DAEMON") return;
                const entries = asArray<any>(service.props.loadBalancers);
                if (entries.length > 0) {
                    entries.forEach((e, i) => {
                        if (e && !isNonEmptyString(e.targetGroupArn)) report(`loadBalancers[${i}] has no targetGroupArn (Classic Load Balancer or incomplete entry).`, service);
                    });
                    return;
                }
                const linked = referencedResources(service, "taskDefinition", tasks, taskDefinitionRefs(tryKnown(() => service.props.taskDefinition)), [
                    "arn",
                    "arnWithoutRevision",
                    "family",
                ]);
                if (linked.length > 0) {
                    const containers = tryKnown(() => parseContainerDefinitions(linked[0].props.containerDefinitions));
                    if (!containers || containers.kind === "unknown" || containers.kind === "missing") return;
                    if (containers.kind === "ok" && !exposesPorts(containers.containers)) return;
                }
                report("The service exposes a port but has no loadBalancers entry.", service);
            });
        }
    },
);

const serviceExecNeedsEncryptedLogging = stackPolicy(
    {
        name: "ecs-service-exec-requires-encrypted-logging",
        description: "ECS Exec may be enabled on a service only when its cluster logs exec sessions encrypted with a CMK.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps:
            'Set enableExecuteCommand: false, or give the cluster configuration.executeCommandConfiguration {kmsKeyId: <CMK ARN>, logging: "OVERRIDE", logConfiguration: {cloudWatchLogGroupName, cloudWatchEncryptionEnabled: true}}.',
        tags: ["rule:S8", "beyond:S8"],
    },
    (resources, report) => {
        const clusters = ofType(resources, TYPES.cluster);
        for (const service of ofType(resources, svc)) {
            tryKnown(() => {
                if (!isTrue(service.props.enableExecuteCommand)) return;
                const ref = tryKnown(() => service.props.cluster);
                const refs = isNonEmptyString(ref) ? [ref, arnResourceName(ref)] : [];
                for (const cluster of referencedResources(service, "cluster", clusters, refs, ["arn", "id", "name"])) {
                    const verdict = tryKnown(() => execEncryptionVerdict(cluster.props.configuration));
                    if (verdict === undefined || verdict.status === "pass") continue;
                    const why = verdict.status === "absent" ? "has no executeCommandConfiguration" : verdict.reason;
                    report(`enableExecuteCommand is true but cluster ${cluster.name} ${why}.`, service);
                }
            });
        }
    },
);

const serviceTags = resourcePolicy(
    {
        name: "ecs-service-tags",
        description: "ECS services should carry tags, including every key the policy config requires.",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps: "Add tags to the service, including every key in the policy config requiredTagKeys.",
        tags: ["rule:S9", "fsbp:ECS.13", "pulumi-compliance:requireTags"],
        configSchema: {
            properties: {
                requiredTagKeys: { type: "array", items: { type: "string" }, default: [], description: "Tag keys every ECS service must carry." },
            },
        },
    },
    svc,
    (props, report, args) => {
        const required = asArray<string>(args.getConfig<{ requiredTagKeys?: string[] }>()?.requiredTagKeys ?? []);
        const keys = tryKnown(() => tagKeysOf(props.tagsAll ?? props.tags));
        if (keys !== undefined) {
            const missing = required.filter((k) => !keys.includes(k));
            if (keys.length === 0) report("The service has no tags.");
            else if (missing.length > 0) report(`The service lacks required tag(s) ${missing.join(", ")}.`);
        }
    },
);

const servicePropagateTags = resourcePolicy(
    {
        name: "ecs-service-propagate-tags",
        description: "ECS services should propagate their tags (or their task definition's) to the tasks they start, so tasks can be attributed.",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps: 'Set propagateTags: "SERVICE" (or "TASK_DEFINITION") on the service.',
        tags: ["rule:S9", "beyond:S9"],
    },
    svc,
    (props, report) => {
        const propagate = props.propagateTags;
        if (propagate !== "SERVICE" && propagate !== "TASK_DEFINITION") {
            report(`propagateTags is ${propagate === undefined ? "unset" : `"${String(propagate)}"`}, so the tasks it starts carry no tags.`);
        }
    },
);

// ---------------------------------------------------------------------------------------------
// Cluster policies
// ---------------------------------------------------------------------------------------------

const cl = TYPES.cluster;

const clusterContainerInsights = resourcePolicy(
    {
        name: "ecs-cluster-container-insights",
        description: "ECS clusters must enable Container Insights.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: 'Add settings: [{name: "containerInsights", value: "enabled"}] (or "enhanced") to the cluster.',
        tags: ["rule:C1", "checkov:CKV_AWS_65", "trivy:AWS-0034", "kics:ecs_cluster_container_insights_disabled", "fsbp:ECS.12", "ct:CT.ECS.PR.2"],
    },
    cl,
    (props, report) => {
        if (!containerInsightsOn(props.settings)) report('No setting {name: "containerInsights", value: "enabled" | "enhanced"}.');
    },
);

const clusterExecLogging = resourcePolicy(
    {
        name: "ecs-cluster-exec-logging",
        description: "ECS clusters must not turn off ECS Exec session logging.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: 'Set configuration.executeCommandConfiguration.logging to "OVERRIDE" (with a logConfiguration) or "DEFAULT", never "NONE".',
        tags: ["rule:C2", "checkov:CKV_AWS_223"],
    },
    cl,
    (props, report) => {
        const logging = props.configuration?.executeCommandConfiguration?.logging;
        if (typeof logging === "string" && logging.toUpperCase() === "NONE") report('configuration.executeCommandConfiguration.logging is "NONE".');
    },
);

const clusterExecEncrypted = resourcePolicy(
    {
        name: "ecs-cluster-exec-encrypted",
        description: "ECS Exec sessions and their logs must be encrypted with a customer-managed KMS key.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps:
            'Set configuration.executeCommandConfiguration {kmsKeyId: <CMK ARN>, logging: "OVERRIDE", logConfiguration: {cloudWatchLogGroupName: <group>, cloudWatchEncryptionEnabled: true}} (or s3BucketEncryptionEnabled: true).',
        tags: ["rule:C3", "checkov:CKV_AWS_224"],
    },
    cl,
    (props, report) => {
        const verdict = execEncryptionVerdict(props.configuration);
        if (verdict.status === "fail") report(`${verdict.reason}.`);
    },
);

const clusterEphemeralStorageCmk = resourcePolicy(
    {
        name: "ecs-cluster-ephemeral-storage-cmk",
        description: "ECS clusters should encrypt Fargate ephemeral storage with a customer-managed KMS key.",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps: "Set configuration.managedStorageConfiguration.fargateEphemeralStorageKmsKeyId to a CMK ARN whose policy lets Fargate use it.",
        tags: ["rule:C4", "beyond:C4"],
    },
    cl,
    (props, report) => {
        if (!isNonEmptyString(props.configuration?.managedStorageConfiguration?.fargateEphemeralStorageKmsKeyId)) {
            report("configuration.managedStorageConfiguration.fargateEphemeralStorageKmsKeyId is not set.");
        }
    },
);

/** Every ECS policy of the pack: task definitions, services and clusters. */
export const ecsPolicies: Policies = [
    taskAwsvpc,
    taskNoPrivileged,
    taskReadonlyRoot,
    taskNoHostNamespaces,
    taskNoPlaintextSecrets,
    taskLogDriver,
    taskSeparateRoles,
    taskEfsTransitEncryption,
    taskNonRootUser,
    taskResourceLimits,
    taskNoAddedCapabilities,
    taskDropAllCapabilities,
    taskImageNotLatest,
    taskImageDigestPinned,
    taskHealthCheck,
    serviceNoPublicIp,
    serviceLatestPlatform,
    servicePrivateNetwork,
    serviceNoIamRole,
    serviceDesiredCount,
    serviceCircuitBreaker,
    serviceLoadBalanced,
    serviceExecNeedsEncryptedLogging,
    serviceTags,
    servicePropagateTags,
    clusterContainerInsights,
    clusterExecLogging,
    clusterExecEncrypted,
    clusterEphemeralStorageCmk,
];
