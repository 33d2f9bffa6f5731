/**
 * Which task definition settings a Fargate task can do without (adaptable: the importer drops or
 * changes them and says so) and which it cannot (blocking: the task exists for them, so a stack
 * without them deploys a service that crashes or reports nonsense). Pure data: each entry names
 * the fields, the condition, the reason, what to use instead and the public source of the Fargate
 * fact. Only the size limits come from code (components/lib/ecs/fargateSizes.ts). `blockingFields.ts` finds the blocking ones in a task definition; the README's importer
 * section lists both kinds (a test keeps it in step with this table).
 *
 * Sources:
 * - ECS developer guide, "Amazon ECS task definition differences for Fargate":
 *   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html
 *   (not valid on Fargate: disableNetworking, dnsSearchDomains, dnsServers, dockerSecurityOptions,
 *   extraHosts, gpu, ipcMode, links, placementConstraints, privileged, maxSwap, swappiness; only
 *   CAP_SYS_PTRACE may be added; no devices, sharedMemorySize or tmpfs; no dockerVolumeConfiguration;
 *   awsvpc only; task sizes up to 16 vCPU / 120 GiB).
 * - ECS API reference / the ECS service model (botocore `ecs/2014-11-13/service-2.json`):
 *   KernelCapabilities.add ("Tasks launched on Fargate only support adding the SYS_PTRACE kernel
 *   capability"), HostVolumeProperties.sourcePath ("If you're using the Fargate launch type, the
 *   sourcePath parameter is not supported"), DockerVolumeConfiguration ("only supported when you're
 *   using the EC2 launch type"; scope `shared` volumes "persist after the task stops"),
 *   LinuxParameters.devices (not supported on Fargate), ContainerDefinition.privileged (not
 *   supported on Fargate), RegisterTaskDefinition.pidMode ("On Fargate for Linux containers, the
 *   only valid value is task"), EphemeralStorage.sizeInGiB (21–200), LogConfiguration.logDriver
 *   (Fargate: awslogs, splunk, awsfirelens), ResourceType (GPU, InferenceAccelerator).
 * - FSx for Windows File Server volumes are not available to Fargate tasks:
 *   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/wfsx-volumes.html and the open
 *   request https://github.com/aws/containers-roadmap/issues/1654.
 * - Elastic Inference takes no new customers since 15 April 2023:
 *   https://docs.aws.amazon.com/cli/latest/reference/elastic-inference/
 */

import { FARGATE_SIZES } from "../../components/lib/ecs/fargateSizes";

/** What the importer does with a setting Fargate (or fargatekit) does not carry. */
export type Verdict = "adaptable" | "blocking";

/** One classified setting. */
export interface CompatibilityEntry {
    /** Stable identifier, used by the detector and the tests. */
    id: string;
    /** The fields, in task definition path notation (`[]` stands for any index). */
    fields: readonly string[];
    /** When the entry applies, in words. */
    when: string;
    verdict: Verdict;
    /** Blocking: why Fargate cannot provide it and what breaks. Adaptable: why the task still works without it. */
    reason: string;
    /** What to use instead. */
    alternative: string;
    /** Where the Fargate fact is documented. */
    source: string;
}

const DIFFERENCES = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html";
const PARAMETERS = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html";
const API = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html";
const SIZES = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size";

/** ECS on EC2, the alternative most blocking entries share. */
const EC2 = "run it on ECS with EC2 capacity (an EC2 capacity provider or launch type)";

/** The largest Fargate task: 16 vCPU (CPU units) and 120 GiB (MiB), from the size table. Source: SIZES. */
const LARGEST_SIZE = FARGATE_SIZES[FARGATE_SIZES.length - 1];
export const FARGATE_MAX_CPU = LARGEST_SIZE.cpu;
export const FARGATE_MAX_MEMORY_MIB = Math.max(...LARGEST_SIZE.memory);
/** The most ephemeral storage a Fargate task can have, in GiB (EphemeralStorage.sizeInGiB). */
export const FARGATE_MAX_EPHEMERAL_GIB = 200;

/**
 * Added capabilities that give a container control over the kernel or the host: networking
 * (NET_ADMIN), mounts and namespaces (SYS_ADMIN), modules, raw I/O, the clock, reboot, the kernel
 * log, security modules, auditing, host file handles, immutable files, process accounting, TTYs and
 * wake-ups. A container asks for one of these because its job is that control (a VPN, a firewall, a
 * FUSE mount, a time daemon, a security agent); Fargate refuses them (only SYS_PTRACE may be added).
 */
// prettier-ignore
export const HOST_CONTROL_CAPABILITIES: readonly string[] = [
    "ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_MODULE", "SYS_RAWIO", "SYS_TIME", "SYS_BOOT", "SYSLOG", "MAC_ADMIN", "MAC_OVERRIDE",
    "AUDIT_CONTROL", "DAC_READ_SEARCH", "LINUX_IMMUTABLE", "SYS_PACCT", "SYS_TTY_CONFIG", "WAKE_ALARM", "BLOCK_SUSPEND",
];

/** Capability names as ECS takes them (`CAP_` prefix and case ignored). */
export function capabilityName(raw: unknown): string {
    return String(raw).toUpperCase().replace(/^CAP_/, "");
}

/** Every classified setting: blocking first, then adaptable. */
export const FARGATE_COMPATIBILITY: readonly CompatibilityEntry[] = [
    // ---- blocking -------------------------------------------------------------------------
    {
        id: "gpu",
        fields: ["containerDefinitions[].resourceRequirements[]"],
        when: 'type "GPU"',
        verdict: "blocking",
        reason: "Fargate has no GPUs; the container was given one because its work (training, inference, rendering, transcoding) runs on it, and without it the work fails or crawls on the CPU.",
        alternative: `${EC2} on a GPU instance type (g4dn, g5, g6, p4d…) with the ECS GPU-optimized AMI, keeping resourceRequirements GPU`,
        source: DIFFERENCES,
    },
    {
        id: "inference-accelerator",
        fields: ["containerDefinitions[].resourceRequirements[]", "inferenceAccelerators"],
        when: 'resourceRequirements of type "InferenceAccelerator" (or any type other than GPU), or task inferenceAccelerators',
        verdict: "blocking",
        reason: "Fargate has no accelerators; Elastic Inference accelerators only ever attached to EC2 instances, and AWS has taken no new Elastic Inference customers since April 2023, so the model the container serves has nothing to run on.",
        alternative: `${EC2} on a GPU or AWS Inferentia (inf2) instance type`,
        source: API,
    },
    {
        id: "host-pid",
        fields: ["pidMode"],
        when: '"host"',
        verdict: "blocking",
        reason: 'The host PID namespace exists to see or signal the processes of the EC2 instance and its other tasks (process monitoring, profilers, node agents); on Fargate the only pidMode is "task", and the task would see only its own processes and report on nothing.',
        alternative: `${EC2}, as a daemon service (one task per instance) for an agent that watches each instance`,
        source: API,
    },
    {
        id: "privileged-host-namespace",
        fields: ["containerDefinitions[].privileged", "networkMode", "ipcMode"],
        when: 'a privileged container in a task that uses the host\'s namespaces (networkMode, ipcMode or pidMode "host") or mounts a host path',
        verdict: "blocking",
        reason: "Privileged access together with the host's namespaces or files is how a host agent (a node exporter, a network or security monitor, a CNI or storage helper) reaches the EC2 instance it runs on; a Fargate task gets neither privileges nor the host's namespaces, so the agent fails or watches only its own microVM.",
        alternative: `${EC2} as a daemon service (scheduling strategy DAEMON, one task per instance)`,
        source: DIFFERENCES,
    },
    {
        id: "host-path-volume",
        fields: ["volumes[].host"],
        when: "with a sourcePath, and a container mounts the volume",
        verdict: "blocking",
        reason: "The container reads or keeps files on the EC2 instance: host state (/proc, /sys, /var/run/docker.sock, /var/log) for an agent, or data that outlives the task. Fargate does not support sourcePath and has no host filesystem, so the agent sees nothing and the data is gone (with fargatekit's read-only root filesystem the writes fail).",
        alternative: `for a host agent, ${EC2} as a daemon service; for data, keep it in S3, a database or an EFS file system (Fargate mounts EFS) and point the app there`,
        source: API,
    },
    {
        id: "docker-volume",
        fields: ["volumes[].dockerVolumeConfiguration"],
        when: 'a Docker volume that a container mounts and whose data outlives the task or lives elsewhere: a driver other than "local", scope "shared", or driverOpts (e.g. an NFS mount through the local driver)',
        verdict: "blocking",
        reason: "Fargate has no Docker volume drivers or plugins (dockerVolumeConfiguration is EC2-only); the volume holds data the container relies on (shared between tasks, kept across restarts, or on external storage), and without it the container starts with an empty directory.",
        alternative: `${EC2} with the volume driver installed on the instances, or move the data to EFS (Fargate mounts EFS), S3 or a database`,
        source: DIFFERENCES,
    },
    {
        id: "fsx-volume",
        fields: ["volumes[].fsxWindowsFileServerVolumeConfiguration"],
        when: "an FSx for Windows File Server volume that a container mounts",
        verdict: "blocking",
        reason: "FSx for Windows File Server volumes mount only on EC2 Windows container instances, not on Fargate; the container relies on the files on that share.",
        alternative: `${EC2} on Windows container instances`,
        source: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/wfsx-volumes.html",
    },
    {
        id: "windows",
        fields: ["runtimePlatform.operatingSystemFamily"],
        when: 'anything other than "LINUX"',
        verdict: "blocking",
        reason: "The image is a Windows container image; fargatekit runs Linux tasks, and a Windows image does not start on Linux.",
        alternative: "rebuild the app as a Linux image and import again, or run it as a Windows task on Fargate or ECS on EC2 outside fargatekit",
        source: PARAMETERS,
    },
    {
        id: "devices",
        fields: ["containerDefinitions[].linuxParameters.devices"],
        when: "any host device",
        verdict: "blocking",
        reason: "The container uses a device of the EC2 instance (/dev/fuse for a FUSE mount, a GPU, a serial or USB device); Fargate does not support devices and has none to expose.",
        alternative: `${EC2} on instances that have the device`,
        source: DIFFERENCES,
    },
    {
        id: "host-control-capability",
        fields: ["containerDefinitions[].linuxParameters.capabilities.add"],
        when: `adds ${HOST_CONTROL_CAPABILITIES.join(", ")}`,
        verdict: "blocking",
        reason: "These capabilities control the kernel or the host (network configuration, mounts, kernel modules, the clock, raw devices); the container asked for them because its job is that control (a VPN or firewall, a FUSE mount, a time or security daemon), and Fargate only lets a container add SYS_PTRACE.",
        alternative: `${EC2}`,
        source: DIFFERENCES,
    },
    {
        id: "task-size",
        fields: ["cpu", "memory", "containerDefinitions[].cpu", "containerDefinitions[].memory", "containerDefinitions[].memoryReservation"],
        when: `the task, or its containers together, need more than ${FARGATE_MAX_CPU} CPU units (16 vCPU) or ${FARGATE_MAX_MEMORY_MIB} MiB (120 GiB)`,
        verdict: "blocking",
        reason: "The largest Fargate task has 16 vCPU and 120 GiB; a task sized beyond that would run out of memory or CPU on Fargate.",
        alternative: `${EC2} on a larger instance type (e.g. m7i, r7i, c7i 8xlarge and up), or split the work across smaller tasks`,
        source: SIZES,
    },
    {
        id: "ephemeral-storage",
        fields: ["ephemeralStorage"],
        when: `sizeInGiB above ${FARGATE_MAX_EPHEMERAL_GIB}`,
        verdict: "blocking",
        reason: `A Fargate task has at most ${FARGATE_MAX_EPHEMERAL_GIB} GiB of ephemeral storage; the task needs more local disk than that and would fill it.`,
        alternative: `${EC2} with larger EBS or instance-store volumes, or keep the data in EFS or S3`,
        source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EphemeralStorage.html",
    },

    // ---- adaptable ------------------------------------------------------------------------
    {
        id: "network-mode",
        fields: ["networkMode"],
        when: '"bridge", "host", "none" or not set (without a privileged container)',
        verdict: "adaptable",
        reason: "Fargate only has awsvpc: the task gets its own network interface and listens on its container ports; an app that listened on a port works the same behind the ALB.",
        alternative: "nothing to do; the report says what happens to host ports",
        source: DIFFERENCES,
    },
    {
        id: "host-port",
        fields: ["containerDefinitions[].portMappings[].hostPort"],
        when: "different from containerPort (or 0, a dynamic port)",
        verdict: "adaptable",
        reason: "In awsvpc mode the host port is always the container port and clients reach the app through the ALB, so the published port no longer matters.",
        alternative: "nothing to do; clients use the ALB's address",
        source: DIFFERENCES,
    },
    {
        id: "privileged",
        fields: ["containerDefinitions[].privileged"],
        when: "true, without host namespaces or host paths",
        verdict: "adaptable",
        reason: "Fargate refuses privileged containers; most web apps that set it do not need it. One that does (Docker-in-Docker, FUSE, iptables) fails at the first privileged call.",
        alternative: `drop it; if the container needs it, ${EC2}`,
        source: DIFFERENCES,
    },
    {
        id: "ipc-mode",
        fields: ["ipcMode"],
        when: '"task", "none", or "host" without a privileged container',
        verdict: "adaptable",
        reason: "Fargate does not accept ipcMode; each container keeps its own IPC namespace. Containers of one task talk over localhost; an app that used the host's IPC for a larger /dev/shm (headless Chrome, PyTorch data loaders) gets Docker's default.",
        alternative: "talk over localhost; tell Chrome --disable-dev-shm-usage, or run on EC2 if shared memory is the point",
        source: DIFFERENCES,
    },
    {
        id: "pid-mode-task",
        fields: ["pidMode"],
        when: '"task"',
        verdict: "adaptable",
        reason: "Fargate supports a shared task PID namespace but fargatekit keeps one per container; only a sidecar that inspects the app's processes notices.",
        alternative: "nothing for a web app; a process-inspecting sidecar needs a task definition outside fargatekit",
        source: API,
    },
    {
        id: "network-settings",
        fields: [
            "containerDefinitions[].links",
            "containerDefinitions[].hostname",
            "containerDefinitions[].dnsServers",
            "containerDefinitions[].dnsSearchDomains",
            "containerDefinitions[].extraHosts",
            "containerDefinitions[].disableNetworking",
        ],
        when: "set",
        verdict: "adaptable",
        reason: "Fargate does not accept them: containers of a task share one network namespace (reach another at localhost:<port>) and use the VPC's DNS.",
        alternative: "localhost for other containers of the task; Route 53 private hosted zone records for names",
        source: DIFFERENCES,
    },
    {
        id: "kernel-settings",
        fields: [
            "containerDefinitions[].dockerSecurityOptions",
            "containerDefinitions[].linuxParameters.swappiness",
            "containerDefinitions[].linuxParameters.maxSwap",
            "containerDefinitions[].linuxParameters.sharedMemorySize",
            "containerDefinitions[].linuxParameters.tmpfs",
            "containerDefinitions[].systemControls",
        ],
        when: "set",
        verdict: "adaptable",
        reason: "They tune how the container runs, not what it does: SELinux/AppArmor labels, swap (Fargate has none), /dev/shm size, tmpfs mounts (fargatekit mounts a writable /tmp), and sysctls (Fargate accepts namespaced ones; fargatekit sets none). The app runs with the defaults.",
        alternative: "write scratch files to /tmp; raise limits in the app if it relied on a tuned sysctl",
        source: DIFFERENCES,
    },
    {
        id: "capabilities",
        fields: ["containerDefinitions[].linuxParameters.capabilities.add"],
        when: `adds only capabilities outside the host-control list (Docker's defaults, SYS_PTRACE, IPC_LOCK, SYS_NICE, SYS_RESOURCE…)`,
        verdict: "adaptable",
        reason: "fargatekit drops ALL capabilities and runs as a non-root user; these let an app chown files, bind low ports, lock memory or raise its priority, and apps have settings to run without them.",
        alternative: "listen on a port above 1024; turn off the app's mlock or priority settings (e.g. Vault's disable_mlock)",
        source: DIFFERENCES,
    },
    {
        id: "placement",
        fields: ["placementConstraints"],
        when: "set",
        verdict: "adaptable",
        reason: "Fargate places tasks itself; constraints on EC2 instance attributes do not apply (a GPU constraint comes with a GPU requirement, which is blocking on its own).",
        alternative: "nothing to do; fargatekit spreads tasks across availability zones",
        source: DIFFERENCES,
    },
    {
        id: "log-driver",
        fields: ["containerDefinitions[].logConfiguration", "containerDefinitions[].firelensConfiguration"],
        when: "any driver or FireLens router",
        verdict: "adaptable",
        reason: "Fargate accepts awslogs, splunk and awsfirelens only (json-file, syslog, journald, gelf and fluentd are EC2-only); fargatekit sends every container's output with awslogs to an encrypted log group, so the logs are still kept.",
        alternative: "forward from CloudWatch Logs with a subscription filter if the logs must reach another system",
        source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html",
    },
    {
        id: "scratch-volume",
        fields: ["volumes[]", "containerDefinitions[].mountPoints[]", "containerDefinitions[].volumesFrom"],
        when: 'a volume no container mounts, a host volume without sourcePath, a task-scoped "local" Docker volume without driverOpts, or volumesFrom',
        verdict: "adaptable",
        reason: "The data lives only as long as the task, which is what fargatekit's writable /tmp gives each container.",
        alternative: "write scratch files to /tmp",
        source: DIFFERENCES,
    },
    {
        id: "efs-ebs-volume",
        fields: ["volumes[].efsVolumeConfiguration", "volumes[].configuredAtLaunch"],
        when: "set",
        verdict: "adaptable",
        reason: "Fargate mounts EFS file systems and EBS volumes configured at launch, so this is not a Fargate limit; fargatekit does not mount them yet, and the report says the path is missing until you add it.",
        alternative: "mount the file system outside fargatekit, or keep the data in S3 or a database",
        source: PARAMETERS,
    },
    {
        id: "ephemeral-storage-default",
        fields: ["ephemeralStorage"],
        when: `sizeInGiB of ${FARGATE_MAX_EPHEMERAL_GIB} or less`,
        verdict: "adaptable",
        reason: "Fargate allows it; fargatekit keeps the default 20 GiB (encrypted with the service's key), which most web apps fit in.",
        alternative: "keep large files in S3 or EFS",
        source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EphemeralStorage.html",
    },
    {
        id: "task-size-fit",
        fields: ["cpu", "memory"],
        when: "not a Fargate pair, missing, or smaller than the containers, within 16 vCPU / 120 GiB",
        verdict: "adaptable",
        reason: "The importer picks the cheapest Fargate size that fits both the task's request and its containers.",
        alternative: "nothing to do; the report names the size",
        source: SIZES,
    },
    {
        id: "roles",
        fields: ["taskRoleArn", "executionRoleArn"],
        when: "set",
        verdict: "adaptable",
        reason: "fargatekit creates least-privilege task and execution roles itself.",
        alternative: "express the app's permissions as fargatekit:taskRoleStatements",
        source: PARAMETERS,
    },
    {
        id: "fargatekit-defaults",
        fields: [
            "proxyConfiguration",
            "enableFaultInjection",
            "containerDefinitions[].repositoryCredentials",
            "containerDefinitions[].environmentFiles",
            "containerDefinitions[].credentialSpecs",
            "containerDefinitions[].dockerLabels",
            "containerDefinitions[].restartPolicy",
            "containerDefinitions[].startTimeout",
            "containerDefinitions[].stopTimeout",
            "containerDefinitions[].ulimits",
            "containerDefinitions[].interactive",
            "containerDefinitions[].pseudoTerminal",
            "containerDefinitions[].linuxParameters.initProcessEnabled",
            "containerDefinitions[].versionConsistency",
            "runtimePlatform.cpuArchitecture",
        ],
        when: "set (stopTimeout above 120 s, ulimits beyond Fargate's limits, an unknown architecture)",
        verdict: "adaptable",
        reason: "Fargate accepts most of these (App Mesh proxies, private registries, environment files, restart policies); fargatekit sets its own or none, and the report says how to get the same effect (secrets as ARNs, images in ECR, Fargate's 120 s stop timeout).",
        alternative: "follow the report line for each",
        source: PARAMETERS,
    },
];

/** The entry with this id (throws for an unknown id: a programming error). */
export function compatibilityEntry(id: string): CompatibilityEntry {
    const entry = FARGATE_COMPATIBILITY.find((e) => e.id === id);
    if (!entry) throw new Error(`no Fargate compatibility entry ${id}`);
    return entry;
}
