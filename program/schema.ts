/**
 * Every config key of the program: its type, default and meaning. One table serves the reader
 * (README reference), the parser (types), the unknown-key check, and the Pulumi.yaml test.
 */

import { maxServiceNameLength } from "../components/lib/nameLimits";

export type ConfigType = "string" | "integer" | "number" | "boolean" | "string[]" | "object" | "object[]";

export interface ConfigKey {
    type: ConfigType;
    /** Default when the stack does not set it (undefined = unset). */
    default?: unknown;
    /** What it does, and why the default is what it is. */
    description: string;
    /** Group in the README reference. */
    group: "service" | "image" | "container" | "task" | "scaling" | "logs" | "network" | "cluster" | "loadBalancer" | "deployment" | "operations";
}

/** The namespace of our keys: `fargatekit:<key>`. */
export const CONFIG_NAMESPACE = "fargatekit";

export const CONFIG_SCHEMA: Record<string, ConfigKey> = {
    serviceName: {
        type: "string",
        default: "web",
        group: "service",
        // The lengths come from the name limits themselves, so this text cannot drift from the check.
        description: `Name of the service; prefixes resource names (lowercase letters, digits, hyphens; 1–${maxServiceNameLength({ shifting: false, platform: false, accessLogs: true })} characters, ${maxServiceNameLength({ shifting: true, platform: false, accessLogs: true })} with \`blueGreen\`, \`canary\` or \`linear\`, so the auto-named ALB and target groups fit AWS's 32).`,
    },
    tags: { type: "object", default: {}, group: "service", description: "Tags added to every taggable resource (ECS propagates them to tasks)." },
    protectStatefulResources: { type: "boolean", default: false, group: "service", description: "Protect the ECR repository, KMS key and log group from `pulumi destroy` (on in prod)." },

    image: { type: "string", group: "image", description: "Prebuilt image URI to run; no build happens. Give exactly one of `image` and `buildContext`." },
    buildContext: { type: "string", group: "image", description: "Directory (relative to the project) with the Dockerfile to build and push to a private ECR repository." },
    dockerfile: { type: "string", default: "Dockerfile", group: "image", description: "Dockerfile path inside `buildContext`." },
    keepTaggedImages: { type: "integer", default: 10, group: "image", description: "Tagged images the repository keeps (older ones expire; untagged expire after 1 day)." },
    forceDeleteRepository: { type: "boolean", default: false, group: "image", description: "Let `pulumi destroy` delete the repository with its images (on in dev)." },

    containerName: { type: "string", default: "app", group: "container", description: "Name of the web container." },
    containerPort: { type: "integer", default: 3000, group: "container", description: "Port the web container listens on; the ALB forwards to it." },
    command: { type: "string[]", group: "container", description: "Overrides the image's CMD." },
    entryPoint: { type: "string[]", group: "container", description: "Overrides the image's ENTRYPOINT." },
    workingDirectory: { type: "string", group: "container", description: "Working directory in the container." },
    user: { type: "string", default: "10001", group: "container", description: "User (UID[:GID]) the container runs as. Non-root by default; root (`0`, `root`) is refused." },
    environment: { type: "object", default: {}, group: "container", description: "Plain environment variables (name → value). A value that looks like a credential (judged with its name) is refused: use `secrets`." },
    allowPlaintextEnvironment: { type: "string[]", default: [], group: "container", description: "Escape hatch: environment variable names (exact, or globs with `*` and `?`; web container and sidecars) whose plain values the credential check accepts, for a value it misjudges. The policy pack has its own list (`ecs-task-no-plaintext-secrets.allowNames`)." },
    secrets: { type: "object", default: {}, group: "container", description: "Secret environment variables (name → Secrets Manager or SSM parameter ARN); the execution role may read exactly these." },
    secretsKmsKeyArns: { type: "string[]", group: "container", description: "Customer-managed KMS key ARNs that encrypt the `secrets` (the web container's and the sidecars'); the execution role may decrypt with exactly these. Not needed for the AWS managed keys." },
    containerHealthCheck: { type: "object", group: "container", description: "Container health check `{command, interval, timeout, retries, startPeriod}` (ECS limits apply)." },
    readonlyRootFilesystem: { type: "boolean", default: true, group: "container", description: "Read-only root filesystem; a writable `/tmp` volume is mounted." },
    initWritableVolumes: { type: "boolean", group: "container", description: "Run a short init container (the web image as root, `chmod 1777 /tmp`, non-essential) that the other containers wait for, so UID 10001 can write the /tmp volume Fargate creates root-owned 0755. Unset: on for a prebuilt `image`, and for a build unless its Dockerfile declares `VOLUME /tmp`." },
    stopTimeout: { type: "integer", default: 30, group: "container", description: "Seconds between SIGTERM and SIGKILL (2–120)." },
    ulimits: { type: "object[]", group: "container", description: "Resource limits `[{name, softLimit, hardLimit}]` (Fargate allows `nofile` up to 1048576 and the other Linux names)." },
    sidecars: { type: "object[]", default: [], group: "container", description: "Extra containers `[{name, image, essential, cpu, memory, portMappings, environment, secrets, command, healthCheck, dependsOn, …}]`." },

    cpu: { type: "integer", group: "task", description: "Task CPU units (256, 512, 1024, 2048, 4096, 8192, 16384). Unset: the cheapest size that fits the containers." },
    memory: { type: "integer", group: "task", description: "Task memory in MiB, valid with `cpu`. Unset: the cheapest size that fits." },
    architecture: { type: "string", default: "x86_64", group: "task", description: "CPU architecture: `x86_64` or `arm64` (about 20 % cheaper; the image is built for it)." },
    taskRoleStatements: { type: "object[]", default: [], group: "task", description: "IAM statements for the app's task role (empty by default). Actions must exist (a typo is refused with the closest real action) and resources must be of a type the actions apply to; `*` or `service:*` actions and, on `*`, actions that could be scoped and write, manage permissions, tag or expose credentials are refused." },
    allowBroadTaskRolePermissions: { type: "boolean", default: false, group: "task", description: "Escape hatch: accept broad task role statements anyway (the policy pack still flags them)." },
    enableExecuteCommand: { type: "boolean", default: false, group: "task", description: "ECS Exec: adds the ssmmessages permissions, init process, and encrypted exec session logging." },

    desiredCount: { type: "integer", default: 1, group: "scaling", description: "Tasks at creation; autoscaling owns the count afterwards." },
    minCount: { type: "integer", default: 1, group: "scaling", description: "Autoscaling minimum (2 or more for high availability)." },
    maxCount: { type: "integer", default: 4, group: "scaling", description: "Autoscaling maximum (at most 100)." },
    onDemandBase: { type: "integer", default: 1, group: "scaling", description: "Tasks always on on-demand Fargate before any Spot share." },
    spotWeight: { type: "integer", default: 0, group: "scaling", description: "Weight of FARGATE_SPOT against the on-demand weight for tasks above the base (0 = no Spot)." },
    onDemandWeight: { type: "integer", default: 1, group: "scaling", description: "Weight of FARGATE (on-demand) for tasks above the base; 0 (with `onDemandBase` 0) runs every task on Spot (dev)." },
    healthCheckGracePeriod: { type: "integer", default: 60, group: "scaling", description: "Seconds ECS ignores failing ALB health checks after a task starts." },
    cpuTarget: { type: "number", default: 70, group: "scaling", description: "Target average CPU % for target tracking (0 < x ≤ 100)." },
    memoryTarget: { type: "number", group: "scaling", description: "Target average memory % for target tracking (unset = off)." },
    requestsPerTarget: { type: "number", group: "scaling", description: "Target ALB requests per task per minute (unset = off)." },
    scaleInCooldown: { type: "integer", default: 300, group: "scaling", description: "Seconds between scale-in steps (slow, to avoid flapping)." },
    scaleOutCooldown: { type: "integer", default: 60, group: "scaling", description: "Seconds between scale-out steps (fast)." },
    scheduledScaling: { type: "object[]", default: [], group: "scaling", description: "Scheduled capacity changes `[{name, schedule, minCount, maxCount, timezone}]` (`cron(...)`, `rate(...)` or `at(...)`)." },

    logRetentionDays: { type: "integer", default: 30, group: "logs", description: "Log retention in days; a CloudWatch value (1, 3, 5, 7, 14, 30, 60, 90, … 3653). Finite on purpose." },
    kmsKeyArn: { type: "string", group: "logs", description: "Existing KMS key for logs, the repository and exec sessions; unset: one key per service is created." },

    natStrategy: { type: "string", default: "none", group: "network", description: "`none` (tasks in public subnets with public IPs, $0 NAT), `single` or `perAz` (tasks in private subnets)." },
    azCount: { type: "integer", default: 2, group: "network", description: "Availability zones for a new VPC (2–6)." },
    vpcCidr: { type: "string", default: "10.0.0.0/16", group: "network", description: "CIDR of a new VPC." },
    vpcId: { type: "string", group: "network", description: "Bring your own VPC (with `publicSubnetIds` and `privateSubnetIds`)." },
    publicSubnetIds: { type: "string[]", group: "network", description: "Public subnets of your VPC (ALB, and tasks when `natStrategy` is `none`)." },
    privateSubnetIds: { type: "string[]", group: "network", description: "Private subnets of your VPC (tasks)." },
    flowLogs: { type: "boolean", default: false, group: "network", description: "VPC flow logs to an encrypted log group (new VPC or your own)." },
    vpcEndpoints: { type: "boolean", default: false, group: "network", description: "Interface endpoints for ECR, logs (and Secrets Manager/SSM when used) plus an S3 gateway endpoint, so image pulls and logs bypass the NAT." },

    clusterArn: { type: "string", group: "cluster", description: "Run in an existing ECS cluster instead of creating one." },
    containerInsights: { type: "string", default: "disabled", group: "cluster", description: "Container Insights: `disabled`, `enabled` or `enhanced` (billed as custom metrics)." },

    certificateArn: { type: "string", group: "loadBalancer", description: "ACM certificate ARN: HTTPS on 443 and HTTP 80 answering 301 to HTTPS. Unset: plain HTTP (dev)." },
    sslPolicy: { type: "string", default: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", group: "loadBalancer", description: "TLS policy of the HTTPS listener (TLS 1.3 and 1.2, forward-secret AEAD suites only)." },
    ingressCidrs: { type: "string[]", default: ["0.0.0.0/0"], group: "loadBalancer", description: "CIDRs allowed to reach the ALB listeners." },
    internal: { type: "boolean", default: false, group: "loadBalancer", description: "Internal ALB (no public addresses)." },
    deletionProtection: { type: "boolean", default: false, group: "loadBalancer", description: "ALB deletion protection (on in prod)." },
    accessLogs: { type: "boolean", default: false, group: "loadBalancer", description: "ALB access logs to an encrypted, private S3 bucket with lifecycle expiry." },
    waf: { type: "boolean", default: false, group: "loadBalancer", description: "AWS WAF web ACL with AWS managed common and known-bad-input rules on the ALB." },
    healthCheckPath: { type: "string", default: "/health", group: "loadBalancer", description: "Target group health check path." },
    healthCheckMatcher: { type: "string", default: "200-399", group: "loadBalancer", description: "HTTP codes that count as healthy (`200`, `200-399`, `200,204`)." },
    healthCheckInterval: { type: "integer", default: 15, group: "loadBalancer", description: "Seconds between health checks (5–300)." },
    healthCheckTimeout: { type: "integer", default: 5, group: "loadBalancer", description: "Health check timeout in seconds (2–120, less than the interval)." },
    healthyThreshold: { type: "integer", default: 2, group: "loadBalancer", description: "Successes before a target is healthy (2–10)." },
    unhealthyThreshold: { type: "integer", default: 3, group: "loadBalancer", description: "Failures before a target is unhealthy (2–10)." },
    deregistrationDelay: { type: "integer", default: 30, group: "loadBalancer", description: "Seconds to drain a target (AWS default 300 stalls deploys)." },
    idleTimeout: { type: "integer", default: 60, group: "loadBalancer", description: "ALB idle connection timeout in seconds (1–4000)." },

    alarms: { type: "boolean", default: false, group: "operations", description: "CloudWatch alarms (CPU, memory, running tasks, target 5XX rate and count, unhealthy hosts, response time, ALB 5XX) to an encrypted SNS topic, a dashboard and a saved error query; the error alarms roll back bad deployments (on in prod)." },
    alarmEmails: { type: "string[]", default: [], group: "operations", description: "Email addresses subscribed to the alarm topic (each must confirm the subscription)." },
    alarmHttpsEndpoints: { type: "string[]", default: [], group: "operations", description: "HTTPS endpoints (e.g. a chat webhook relay) subscribed to the alarm topic." },
    alarmThresholds: { type: "object", default: {}, group: "operations", description: "Threshold overrides: cpuPercent, memoryPercent, minRunningTasks, target5xxPercent, target5xxCount, unhealthyHosts, responseTimeStatistic (p90/p99), responseTimeSeconds, alb5xxCount, periodSeconds, evaluationPeriods." },
    deploymentStrategy: { type: "string", default: "rolling", group: "deployment", description: "How a new revision rolls out: `rolling` (in place, circuit breaker), or ECS-native `blueGreen`, `canary` or `linear` (a second target group; ECS shifts the listener rule's weights to it; shifting and baking together at most 300 minutes)." },
    bakeTimeMinutes: { type: "integer", group: "deployment", description: "Minutes the old revision stays ready after all traffic has moved, for an instant rollback (0–1440; `blueGreen`, `canary`, `linear`; unset: 5)." },
    canaryPercent: { type: "number", group: "deployment", description: "Percent of production traffic the canary serves first (0.1–100 in steps of 0.1; `canary` only; unset: 10)." },
    canaryBakeMinutes: { type: "integer", group: "deployment", description: "Minutes the canary serves its share before the rest moves (0–1440; `canary` only; unset: 5)." },
    linearStepPercent: { type: "number", group: "deployment", description: "Percent of production traffic each linear step moves (3–100; `linear` only; unset: 20)." },
    linearStepBakeMinutes: { type: "integer", group: "deployment", description: "Minutes between linear steps (0–1440; `linear` only; unset: 3)." },
    testListenerPort: { type: "integer", group: "deployment", description: "Port of a test listener (HTTPS with `certificateArn`, else HTTP; open to the VPC CIDR only) that reaches the new revision before production does. Not 80, 443 or `containerPort`; not with `rolling`." },
    scheduledTasks: { type: "object[]", default: [], group: "deployment", description: "Tasks run on a schedule with the service's task definition `[{name, schedule, timezone, command}]` (`cron(...)`, `rate(...)` or `at(...)`; timezone default UTC), through EventBridge Scheduler with retries and an encrypted dead-letter queue." },
};
