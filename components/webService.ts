import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ServiceKey } from "./serviceKey";
import { ServiceLogGroup } from "./serviceLogGroup";
import { ImageRepository } from "./imageRepository";
import { BUILD_CACHE_TAG_FILTER, ContainerImage } from "./containerImage";
import { TaskRoles } from "./taskRoles";
import { Network, NatStrategy } from "./network";
import { Cluster, ContainerInsights } from "./cluster";
import { LoadBalancer, targetGroupArgs } from "./loadBalancer";
import { FargateService, ServiceContainer } from "./fargateService";
import { ServiceAutoscaling, ScheduledCapacity } from "./serviceAutoscaling";
import { ServiceAlarms } from "./serviceAlarms";
import { CpuArchitecture, DeploymentStrategy } from "./lib/enums";
import { deploymentStrategyProblems, shiftsTraffic, testListenerPortProblem } from "./lib/ecs/deploymentStrategy";
import { AlarmThresholds } from "./lib/cloudwatch/alarmDefinitions";
import { ContainerSpec } from "./lib/ecs/containerDefinitions";
import { PolicyStatement } from "./lib/iam/iamStatements";
import { listenerRuleConditions, routeUrl } from "./lib/elb/listenerRules";
import { PlatformHandle } from "./platform";
import { ecrRepositoryArns } from "./lib/ecr/ecrImages";
import { secretsKmsKeyArnsProblems } from "./lib/iam/arns";
import { capacityStrategyProblems } from "./lib/ecs/capacityStrategy";
import { ec2DescriptionProblem } from "./lib/ec2/ec2Descriptions";
import { dockerfileDeclaresVolume, volumeInitSettings, waitingForInit } from "./lib/ecs/writableVolumes";
import { autoNameProblems, physicalName, webServiceAutoNames } from "./lib/nameLimits";
import { claimPlatformRoute } from "./platformRoutes";
import { createAlternateTargetGroup, createProductionRule, createTestListener, createTrafficShiftRole, weightedForwardAction } from "./trafficShifting";

/** Everything a web service needs, in one object. Every field is optional except the image source. */
export interface WebServiceArgs {
    /** Prebuilt image URI; no build. Give exactly one of `image` and `buildContext`. */
    image?: pulumi.Input<string>;
    /** Directory with the Dockerfile; built for the task's architecture and pushed to a private ECR repository. */
    buildContext?: string;
    /** Dockerfile inside `buildContext`. Default: "Dockerfile". */
    dockerfile?: string;
    /** Push to this existing repository (URL) instead of creating one. Default: a new repository. */
    existingRepositoryUrl?: pulumi.Input<string>;
    /** ARN of `existingRepositoryUrl` (the execution role may pull from exactly it). Required with it. */
    existingRepositoryArn?: pulumi.Input<string>;
    /** Tagged images kept in the new repository. Default: 10. */
    keepTaggedImages?: number;
    /** Let `pulumi destroy` delete the repository with its images. Default: false. */
    forceDeleteRepository?: boolean;

    /** Web container name. Default: "app". */
    containerName?: string;
    /** Web container port. Default: 3000. */
    containerPort?: number;
    /** Overrides CMD. Default: the image's. */
    command?: string[];
    /** Overrides ENTRYPOINT. Default: the image's. */
    entryPoint?: string[];
    /** Working directory. Default: the image's. */
    workingDirectory?: string;
    /** UID[:GID] the web container runs as. Default: "10001" (non-root). */
    user?: string;
    /** Plain environment variables. Default: none. */
    environment?: Record<string, string>;
    /** Secret environment variables: name → Secrets Manager / SSM parameter ARN. Default: none. */
    secrets?: Record<string, string>;
    /**
     * Customer-managed KMS keys (key ARNs) that encrypt the secrets of the web container or the sidecars;
     * the execution role may decrypt with exactly these. Not needed for the AWS managed keys
     * (aws/secretsmanager, aws/ssm). Default: none.
     */
    secretsKmsKeyArns?: pulumi.Input<string>[];
    /** Container health check. Default: none (the ALB health check still applies). */
    containerHealthCheck?: ContainerSpec["healthCheck"];
    /** Read-only root filesystem with a writable /tmp. Default: true. */
    readonlyRootFilesystem?: boolean;
    /**
     * Run a short init container (the web image, as root, `chmod 1777 /tmp`, non-essential; the other
     * containers wait for it to succeed) so non-root containers can write the /tmp volume, which Fargate
     * creates root-owned with mode 0755 unless the image declares `VOLUME /tmp`. The image needs a
     * `chmod` on its PATH. Default: true for a prebuilt `image`; for a build, true unless the
     * Dockerfile's final stage declares `VOLUME /tmp`.
     */
    initWritableVolumes?: boolean;
    /** Seconds between SIGTERM and SIGKILL. Default: 30. */
    stopTimeout?: number;
    /** ulimits of the web container. Default: none. */
    ulimits?: ContainerSpec["ulimits"];
    /** Extra containers (prebuilt images). Default: none. */
    sidecars?: ContainerSpec[];

    /** Task CPU units. Default: the cheapest size that fits. */
    cpu?: number;
    /** Task memory MiB. Default: the cheapest size that fits. */
    memory?: number;
    /** "x86_64" or "arm64". Default: "x86_64". */
    architecture?: CpuArchitecture;
    /** Task role statements. Default: none. */
    taskRoleStatements?: PolicyStatement[];
    /** Accept broad task role statements. Default: false. */
    allowBroadTaskRolePermissions?: boolean;
    /** ECS Exec with encrypted, logged sessions. Default: false. */
    enableExecuteCommand?: boolean;

    /** Tasks at creation. Default: 1. */
    desiredCount?: number;
    /** Autoscaling minimum. Default: 1. */
    minCount?: number;
    /** Autoscaling maximum. Default: 4. */
    maxCount?: number;
    /** On-demand base tasks. Default: 1. */
    onDemandBase?: number;
    /** Spot weight. Default: 0. */
    spotWeight?: number;
    /** On-demand weight above the base; 0 with `onDemandBase` 0 runs every task on Spot. Default: 1. */
    onDemandWeight?: number;
    /** Health check grace period in seconds. Default: 60. */
    healthCheckGracePeriod?: number;
    /** CPU target %. Default: 70. */
    cpuTarget?: number;
    /** Memory target %. Default: off. */
    memoryTarget?: number;
    /** Requests per task per minute target. Default: off. */
    requestsPerTarget?: number;
    /** Scale-in cooldown in seconds. Default: 300. */
    scaleInCooldown?: number;
    /** Scale-out cooldown in seconds. Default: 60. */
    scaleOutCooldown?: number;
    /** Scheduled capacity changes. Default: none. */
    scheduledScaling?: ScheduledCapacity[];

    /** Log retention days. Default: 30. */
    logRetentionDays?: number;
    /** Existing KMS key for logs, repository, exec and ephemeral storage (its policy must let CloudWatch Logs use it). Default: a new key. */
    kmsKeyArn?: pulumi.Input<string>;

    /** NAT strategy of a new VPC. Default: "none". */
    natStrategy?: NatStrategy;
    /** AZs of a new VPC. Default: 2. */
    azCount?: number;
    /** CIDR of a new VPC. Default: "10.0.0.0/16". */
    vpcCidr?: string;
    /** Existing VPC id. Default: a new VPC. */
    vpcId?: pulumi.Input<string>;
    /** Existing public subnets. Required with vpcId. */
    publicSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** Existing private subnets. Required with vpcId. */
    privateSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** VPC flow logs. Default: false. */
    flowLogs?: boolean;
    /** VPC endpoints for ECR, logs, S3 (and Secrets Manager/SSM when secrets are used). Default: false. */
    vpcEndpoints?: boolean;

    /** Existing cluster ARN. Default: a new cluster. */
    clusterArn?: pulumi.Input<string>;
    /** Container Insights level of a new cluster. Default: "disabled". */
    containerInsights?: ContainerInsights;

    /** ACM certificate ARN (HTTPS + redirect). Default: none (HTTP). */
    certificateArn?: pulumi.Input<string>;
    /** TLS policy. Default: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06". */
    sslPolicy?: string;
    /** CIDRs allowed to the ALB. Default: ["0.0.0.0/0"]. */
    ingressCidrs?: string[];
    /** Internal ALB. Default: false. */
    internal?: boolean;
    /** ALB deletion protection. Default: false. */
    deletionProtection?: boolean;
    /** ALB access logs. Default: false. */
    accessLogs?: boolean;
    /** WAF on the ALB. Default: false. */
    waf?: boolean;
    /** Health check path. Default: "/health". */
    healthCheckPath?: string;
    /** Healthy codes. Default: "200-399". */
    healthCheckMatcher?: string;
    /** Health check interval. Default: 15. */
    healthCheckInterval?: number;
    /** Health check timeout. Default: 5. */
    healthCheckTimeout?: number;
    /** Healthy threshold. Default: 2. */
    healthyThreshold?: number;
    /** Unhealthy threshold. Default: 3. */
    unhealthyThreshold?: number;
    /** Deregistration delay. Default: 30. */
    deregistrationDelay?: number;
    /** ALB idle timeout. Default: 60. */
    idleTimeout?: number;

    /** CloudWatch alarms, an encrypted SNS topic, a dashboard and an error query; the error alarms also roll back bad deployments. Default: false. */
    alarms?: boolean;
    /** Emails subscribed to the alarm topic. Default: none. */
    alarmEmails?: string[];
    /** HTTPS endpoints subscribed to the alarm topic. Default: none. */
    alarmHttpsEndpoints?: string[];
    /** Alarm threshold overrides. Default: see `DEFAULT_ALARM_THRESHOLDS`. */
    alarmThresholds?: Partial<AlarmThresholds>;

    /**
     * How a new revision rolls out: "rolling" (in place, circuit breaker), or ECS-native "blueGreen",
     * "canary" or "linear", for which the service gets a second target group, a production listener rule
     * forwarding to both by weight, and a role ECS shifts the weights with. Default: "rolling".
     */
    deploymentStrategy?: DeploymentStrategy;
    /** Minutes the old revision stays ready after all traffic has moved (0–1440; not with rolling). Default: 5. */
    bakeTimeMinutes?: number;
    /** Percent of production traffic the canary serves first (0.1–100 in steps of 0.1; canary only). Default: 10. */
    canaryPercent?: number;
    /** Minutes the canary serves its share before the rest moves (0–1440; canary only). Default: 5. */
    canaryBakeMinutes?: number;
    /** Percent of production traffic each linear step moves (3–100; linear only). Default: 20. */
    linearStepPercent?: number;
    /** Minutes between linear steps (0–1440; linear only). Default: 3. */
    linearStepBakeMinutes?: number;
    /**
     * Port of a test listener on the service's own ALB that reaches the new revision before production
     * does (HTTPS with `certificateArn`, else HTTP; open to the VPC CIDR only). Not 80, 443 or the
     * container port; not with rolling or on a platform. Default: none.
     */
    testListenerPort?: number;

    /**
     * Run on a shared platform (its VPC, cluster and ALB) instead of creating them: `platform.handle`, or
     * `platformFromStackReference(...)` in another project. The service then adds its own target group,
     * listener rule and task security group (admitting only the platform ALB's). Default: none.
     */
    platform?: PlatformHandle;
    /** Host headers this service answers on the platform's listener, e.g. ["api.example.com"]. Default: none (any host). */
    hostHeaders?: string[];
    /** Path patterns this service answers on the platform's listener, e.g. ["/orders/*"]. Default: none (any path). */
    pathPatterns?: string[];
    /**
     * Listener rule priority on the platform (1–50000, lower is evaluated first). Default: allocated from
     * the service name in 1000–49999, skipping priorities taken in this program; set it explicitly when
     * services of one platform live in separate projects.
     */
    listenerPriority?: number;

    /** Protect the repository, key and log group from `pulumi destroy`. Default: false. */
    protectStatefulResources?: boolean;
    /** Escape hatch: raw task definition arguments merged over ours. Default: none. */
    taskDefinitionOverrides?: Partial<aws.ecs.TaskDefinitionArgs>;
    /** Tags on every taggable resource. Default: none. */
    tags?: Record<string, string>;
}

/** Arguments that shape the VPC, cluster or ALB: a service on a platform leaves them to the platform. */
export const PLATFORM_OWNED_ARGS = [
    "natStrategy",
    "azCount",
    "vpcCidr",
    "vpcId",
    "publicSubnetIds",
    "privateSubnetIds",
    "flowLogs",
    "vpcEndpoints",
    "clusterArn",
    "containerInsights",
    "certificateArn",
    "sslPolicy",
    "ingressCidrs",
    "internal",
    "deletionProtection",
    "accessLogs",
    "waf",
    "idleTimeout",
] as const;

/** Arguments that only mean something on a platform's shared listener. */
export const ROUTING_ARGS = ["hostHeaders", "pathPatterns", "listenerPriority"] as const;

/** Why these arguments cannot be combined (platform-owned settings on a platform service, routing without a platform, exec on a platform), or undefined. */
export function platformArgsProblem(args: WebServiceArgs): string | undefined {
    if (args.platform !== undefined) {
        const owned = PLATFORM_OWNED_ARGS.filter((k) => args[k] !== undefined);
        if (owned.length > 0) {
            return `${owned.join(", ")} ${owned.length === 1 ? "belongs" : "belong"} to the platform when the service runs on one; set ${owned.length === 1 ? "it" : "them"} on the Platform, or drop platform to give the service its own VPC, cluster and ALB`;
        }
        if (args.enableExecuteCommand) return "enableExecuteCommand is not available on a platform: ECS Exec session logging is configured on the cluster, which the platform owns";
        return undefined;
    }
    const routing = ROUTING_ARGS.filter((k) => args[k] !== undefined);
    if (routing.length > 0) return `${routing.join(", ")} ${routing.length === 1 ? "needs" : "need"} a platform (a shared listener); a service without one gets its own ALB that forwards everything to it`;
    return undefined;
}

/**
 * Why the deployment strategy arguments cannot be combined, or undefined: a setting out of range or of
 * another strategy, or a test listener with rolling, on a platform (whose ALB the service does not
 * own), or on port 80, 443 or the container port.
 */
export function deploymentArgsProblem(args: WebServiceArgs): string | undefined {
    const problems = deploymentStrategyProblems({
        strategy: args.deploymentStrategy,
        bakeTimeMinutes: args.bakeTimeMinutes,
        canaryPercent: args.canaryPercent,
        canaryBakeMinutes: args.canaryBakeMinutes,
        linearStepPercent: args.linearStepPercent,
        linearStepBakeMinutes: args.linearStepBakeMinutes,
    });
    if (problems.length > 0) return problems.map((p) => `${p.field} ${JSON.stringify(p.value)} ${p.message}`).join("; ");
    const testProblem = testListenerPortProblem(args.testListenerPort, args.containerPort ?? 3000, args.deploymentStrategy);
    if (testProblem) return `testListenerPort ${args.testListenerPort}: ${testProblem}`;
    if (args.testListenerPort !== undefined && args.platform !== undefined)
        return "testListenerPort needs the service's own ALB; on a platform, add a test listener to the platform's load balancer instead";
    return undefined;
}

/**
 * Log group names of a service, fixed up front so the key policy can name them: `/<project>/<stack>/<service>`,
 * so two Pulumi projects with the same stack and service names never share (or overwrite) a group.
 */
export function logGroupNames(project: string, stack: string, service: string): { app: string; exec: string; flowLogs: string } {
    const base = `/${project}/${stack}/${service}`;
    return { app: base, exec: `${base}/exec`, flowLogs: `${base}/vpc-flow-logs` };
}

/** Room left after the prefix for the longest alarm key (`-response-time-high`) and the query's `/errors`. */
const PREFIX_MAX = 255 - 24;

/**
 * The prefix of the explicit names of a service (cluster, alarms, dashboard, error query):
 * `<project>-<service>-<stack>`, unique per project and stack, within the CloudWatch and ECS limits.
 */
export function resourcePrefix(project: string, service: string, stack: string): string {
    return physicalName([project, service, stack], PREFIX_MAX);
}

/**
 * Why the WebService name cannot be used, or undefined: a derived auto-name too long for AWS, or a
 * character EC2 refuses in the security group descriptions the name goes into (checked here, before
 * any child exists, rather than when FargateService writes the first description).
 */
export function serviceNameProblem(name: string, args: WebServiceArgs): string | undefined {
    const problems = autoNameProblems(webServiceAutoNames(name, { shifting: shiftsTraffic(args.deploymentStrategy), platform: args.platform !== undefined, accessLogs: args.accessLogs ?? false }));
    const found: string[] = [];
    if (problems.length > 0) found.push(`the name is too long: ${problems.join("; ")}`);
    const characters = ec2DescriptionProblem(name);
    if (characters) found.push(`the name goes into security group descriptions and ${characters}`);
    return found.length > 0 ? found.join("; ") : undefined;
}

/** The child components of a WebService, kept off the instance's fields (see `PARTS`). */
interface WebServiceParts {
    name: string;
    kmsKey?: ServiceKey;
    logGroup: ServiceLogGroup;
    execLogGroup?: ServiceLogGroup;
    repository?: ImageRepository;
    image?: ContainerImage;
    roles: TaskRoles;
    cluster?: Cluster;
    loadBalancerComponent?: LoadBalancer;
    fargateService: FargateService;
    autoscaling: ServiceAutoscaling;
    alarms?: ServiceAlarms;
    network?: Network;
}

/**
 * Child components, exposed through getters rather than fields: the SDK's component analyzer
 * (`pulumi package add`) turns every field into a schema output and cannot describe our own components.
 */
const PARTS = new WeakMap<WebService, WebServiceParts>();

/**
 * The whole web service: key, log group, repository and image, roles, network, cluster, ALB, Fargate
 * service and autoscaling, wired together. Existing VPC, cluster, repository or key are used when given.
 * On a `platform` it creates no network, cluster or ALB: it adds its own target group and listener rule
 * (host and/or path conditions, an explicit or allocated priority) to the platform's listener.
 * With a blue/green, canary or linear `deploymentStrategy` it adds a second target group, a production
 * rule forwarding to both by weight (on a platform, its own rule), an optional test listener, and the
 * role ECS shifts the weights with.
 */
export class WebService extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:WebService";

    readonly executionRole: aws.iam.Role;
    readonly taskRole: aws.iam.Role;
    /** The service's own load balancer; absent on a platform. */
    readonly loadBalancer?: aws.lb.LoadBalancer;
    readonly targetGroup: aws.lb.TargetGroup;
    /** The rule on the platform's listener that forwards to `targetGroup`; only on a platform. */
    readonly listenerRule?: aws.lb.ListenerRule;
    /** The listener rule's priority (explicit or allocated); only on a platform. */
    readonly listenerPriority?: number;
    /** The second target group new revisions start in; only with blueGreen, canary or linear. */
    readonly alternateTargetGroup?: aws.lb.TargetGroup;
    /** The rule whose weights ECS shifts (on a platform, `listenerRule`); only with blueGreen, canary or linear. */
    readonly productionListenerRule?: aws.lb.ListenerRule;
    /** The test listener; only with `testListenerPort`. */
    readonly testListener?: aws.lb.Listener;
    /** The test listener's catch-all rule; only with `testListenerPort`. */
    readonly testListenerRule?: aws.lb.ListenerRule;
    /** The role ECS assumes to shift traffic; only with blueGreen, canary or linear. */
    readonly loadBalancerRole?: aws.iam.Role;
    readonly service: aws.ecs.Service;
    readonly taskDefinition: aws.ecs.TaskDefinition;

    readonly url: pulumi.Output<string>;
    readonly serviceName: pulumi.Output<string>;
    readonly clusterName: pulumi.Output<string>;
    readonly clusterArn: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;
    readonly imageUri: pulumi.Output<string>;
    /** Subnets the tasks run in (for `aws ecs run-task`). */
    readonly taskSubnetIds: pulumi.Output<string[]>;
    /** Whether tasks get a public IP. */
    readonly assignPublicIp: pulumi.Output<boolean>;

    /** The service key; absent when `kmsKeyArn` was given. */
    get kmsKey(): ServiceKey | undefined {
        return PARTS.get(this)!.kmsKey;
    }
    /** The service's log group component (its `logGroup` child is the CloudWatch log group). */
    get logGroup(): ServiceLogGroup {
        return PARTS.get(this)!.logGroup;
    }
    /** The ECS Exec session log group; only with `enableExecuteCommand`. */
    get execLogGroup(): ServiceLogGroup | undefined {
        return PARTS.get(this)!.execLogGroup;
    }
    /** The ECR repository; only when building without `existingRepositoryUrl`. */
    get repository(): ImageRepository | undefined {
        return PARTS.get(this)!.repository;
    }
    /** The built image; only with `buildContext`. */
    get image(): ContainerImage | undefined {
        return PARTS.get(this)!.image;
    }
    /** The execution and task roles. */
    get roles(): TaskRoles {
        return PARTS.get(this)!.roles;
    }
    /** The cluster; absent with `clusterArn` or a platform. */
    get cluster(): Cluster | undefined {
        return PARTS.get(this)!.cluster;
    }
    /** The service's own ALB; absent on a platform. */
    get loadBalancerComponent(): LoadBalancer | undefined {
        return PARTS.get(this)!.loadBalancerComponent;
    }
    /** The task definition, service and task security group. */
    get fargateService(): FargateService {
        return PARTS.get(this)!.fargateService;
    }
    /** Scalable target and tracking policies. */
    get autoscaling(): ServiceAutoscaling {
        return PARTS.get(this)!.autoscaling;
    }
    /** Alarms, topic and dashboard; only with `alarms`. */
    get alarms(): ServiceAlarms | undefined {
        return PARTS.get(this)!.alarms;
    }

    /** The service's own network. A service on a platform has none: reading it throws (use `taskSubnetIds` and `assignPublicIp`, or the platform). */
    get network(): Network {
        const parts = PARTS.get(this)!;
        if (!parts.network) throw new Error(`WebService ${parts.name} runs on a platform and has no network of its own; read taskSubnetIds and assignPublicIp, or the platform's outputs`);
        return parts.network;
    }

    constructor(name: string, args: WebServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super(WebService.__pulumiType, name, {}, opts);
        const parts = { name } as WebServiceParts;
        PARTS.set(this, parts);
        const hasImage = args.image !== undefined;
        const hasBuild = args.buildContext !== undefined;
        if (hasImage === hasBuild) throw new Error(`WebService ${name}: give exactly one of image (a prebuilt URI) and buildContext (a Dockerfile directory)`);
        if ((args.existingRepositoryUrl === undefined) !== (args.existingRepositoryArn === undefined)) {
            throw new Error(`WebService ${name}: existingRepositoryUrl and existingRepositoryArn go together`);
        }
        const platformProblem = platformArgsProblem(args);
        if (platformProblem) throw new Error(`WebService ${name}: ${platformProblem}`);
        const strategyProblem = deploymentArgsProblem(args);
        if (strategyProblem) throw new Error(`WebService ${name}: ${strategyProblem}`);
        const keyProblems = secretsKmsKeyArnsProblems(args.secretsKmsKeyArns, [args.secrets, ...(args.sidecars ?? []).map((s) => s.secrets)]);
        if (keyProblems.length > 0) throw new Error(`WebService ${name}: ${keyProblems.map((p) => `${p.key} = ${JSON.stringify(p.value)}: ${p.message}`).join("; ")}`);
        const nameProblem = serviceNameProblem(name, args);
        if (nameProblem) throw new Error(`WebService ${name}: ${nameProblem}`);
        // Checked here too (FargateService checks it), before any child is created.
        const capacityProblems = capacityStrategyProblems({ onDemandBase: args.onDemandBase ?? 1, spotWeight: args.spotWeight ?? 0, onDemandWeight: args.onDemandWeight ?? 1 });
        if (capacityProblems.length > 0) throw new Error(`WebService ${name}: ${capacityProblems.map((p) => `${p.field} = ${JSON.stringify(p.value)}: ${p.message}`).join("; ")}`);
        const shifting = shiftsTraffic(args.deploymentStrategy);
        const platform = args.platform;
        const route = platform
            ? claimPlatformRoute(platform, { service: name, hostHeaders: args.hostHeaders ?? [], pathPatterns: args.pathPatterns ?? [], priority: args.listenerPriority })
            : undefined;
        const protect = args.protectStatefulResources ?? false;
        const tags = args.tags;
        const names = logGroupNames(pulumi.getProject(), pulumi.getStack(), name);
        const exec = args.enableExecuteCommand ?? false;
        const prefix = resourcePrefix(pulumi.getProject(), name, pulumi.getStack());
        const clusterName = prefix;
        const alarmPrefix = prefix;

        // Encryption key shared by the log groups, repository, exec sessions and ephemeral storage.
        if (args.kmsKeyArn === undefined) {
            parts.kmsKey = new ServiceKey(
                `${name}-key`,
                {
                    description: `fargatekit ${name}: logs, images, exec sessions and ephemeral storage`,
                    logGroupNames: [names.app, ...(exec ? [names.exec] : []), ...(args.flowLogs ? [names.flowLogs] : [])],
                    fargateClusterName: args.clusterArn === undefined && !platform ? clusterName : undefined,
                    allowCloudWatchAlarms: args.alarms ?? false,
                    protect,
                    tags,
                },
                { parent: this },
            );
        }
        const keyArn: pulumi.Input<string> = this.kmsKey?.arn ?? args.kmsKeyArn!;

        parts.logGroup = new ServiceLogGroup(`${name}-logs`, { name: names.app, retentionInDays: args.logRetentionDays ?? 30, kmsKeyArn: keyArn, protect, tags }, { parent: this });
        if (exec) {
            parts.execLogGroup = new ServiceLogGroup(`${name}-exec-logs`, { name: names.exec, retentionInDays: args.logRetentionDays ?? 30, kmsKeyArn: keyArn, protect, tags }, { parent: this });
        }

        // Image: built and pushed, or given.
        let imageUri: pulumi.Output<string>;
        let repositoryArns: pulumi.Input<string>[] = [];
        if (hasBuild) {
            let repoUrl: pulumi.Input<string>;
            if (args.existingRepositoryUrl !== undefined) {
                repoUrl = args.existingRepositoryUrl;
                repositoryArns = [args.existingRepositoryArn!];
            } else {
                parts.repository = new ImageRepository(
                    `${name}-repo`,
                    { kmsKeyArn: keyArn, keepTaggedImages: args.keepTaggedImages ?? 10, forceDelete: args.forceDeleteRepository ?? false, buildCacheTagFilter: BUILD_CACHE_TAG_FILTER, protect, tags },
                    { parent: this },
                );
                repoUrl = this.repository!.url;
                repositoryArns = [this.repository!.arn];
            }
            // The layer cache lives in our own repository (its cache tags may be overwritten); an existing repository may not allow that.
            parts.image = new ContainerImage(
                `${name}-image`,
                { repositoryUrl: repoUrl, context: args.buildContext!, dockerfile: args.dockerfile, architecture: args.architecture, buildCache: args.existingRepositoryUrl === undefined },
                { parent: this },
            );
            imageUri = this.image!.imageUri;
        } else {
            imageUri = pulumi.output(args.image!);
        }

        const containerName = args.containerName ?? "app";
        const containerPort = args.containerPort ?? 3000;
        const sidecars = args.sidecars ?? [];
        const secretValueFroms = [args.secrets ?? {}, ...sidecars.map((s) => s.secrets ?? {})].flatMap((m) => Object.values(m));

        if (!platform) {
            parts.network = new Network(
                `${name}-network`,
                {
                    natStrategy: args.natStrategy ?? "none",
                    azCount: args.azCount ?? 2,
                    cidrBlock: args.vpcCidr,
                    vpcId: args.vpcId,
                    publicSubnetIds: args.publicSubnetIds,
                    privateSubnetIds: args.privateSubnetIds,
                    flowLogs: args.flowLogs,
                    flowLogGroupName: names.flowLogs,
                    flowLogRetentionDays: args.logRetentionDays ?? 30,
                    kmsKeyArn: keyArn,
                    vpcEndpoints: args.vpcEndpoints,
                    extraEndpointServices: [
                        ...(secretValueFroms.some((v) => v.includes(":secretsmanager:")) ? ["secretsmanager"] : []),
                        ...(secretValueFroms.some((v) => v.includes(":ssm:")) ? ["ssm"] : []),
                        ...(exec ? ["ssmmessages"] : []),
                    ],
                    tags,
                },
                { parent: this },
            );
        }

        // Prebuilt private ECR images (the web container's or a sidecar's) are pulled with the execution role too.
        const pulledRepositoryArns = pulumi
            .all([pulumi.all(repositoryArns), pulumi.output(args.image ?? "")])
            .apply(([built, image]) => [...new Set([...(built as string[]), ...ecrRepositoryArns([image, ...sidecars.map((s) => s.image)])])]);
        parts.roles = new TaskRoles(
            `${name}-roles`,
            {
                repositoryArns: pulledRepositoryArns,
                logGroupArn: this.logGroup.arn,
                secretValueFroms,
                // The service key protects the repository we push to; the secrets' own keys are the ones given.
                kmsKeyArns: [...(repositoryArns.length > 0 ? [keyArn] : []), ...(args.secretsKmsKeyArns ?? [])],
                taskRoleStatements: args.taskRoleStatements,
                allowBroadTaskRolePermissions: args.allowBroadTaskRolePermissions,
                enableExecuteCommand: exec,
                execLogGroupArn: this.execLogGroup?.arn,
                execKmsKeyArn: exec ? keyArn : undefined,
                tags,
            },
            { parent: this },
        );
        this.executionRole = this.roles.executionRole;
        this.taskRole = this.roles.taskRole;

        let clusterArn: pulumi.Output<string>;
        if (platform) {
            clusterArn = pulumi.output(platform.clusterArn);
            this.clusterName = pulumi.output(platform.clusterName);
        } else if (args.clusterArn === undefined) {
            parts.cluster = new Cluster(
                `${name}-cluster`,
                { name: clusterName, containerInsights: args.containerInsights ?? "disabled", kmsKeyArn: keyArn, execLogGroupName: exec ? names.exec : undefined, tags },
                { parent: this },
            );
            // The service depends on the capacity providers: its strategy names FARGATE (and FARGATE_SPOT),
            // which the cluster accepts only once ClusterCapacityProviders has attached them.
            const cluster = this.cluster!;
            clusterArn = pulumi.all([cluster.arn, cluster.capacityProviders.id]).apply(([arn]) => arn);
            this.clusterName = cluster.name;
        } else {
            clusterArn = pulumi.output(args.clusterArn);
            this.clusterName = clusterArn.apply((a) => a.split("/").pop()!);
        }
        this.clusterArn = clusterArn;

        const healthCheck = {
            healthCheckPath: args.healthCheckPath,
            healthCheckMatcher: args.healthCheckMatcher,
            healthCheckInterval: args.healthCheckInterval,
            healthCheckTimeout: args.healthCheckTimeout,
            healthyThreshold: args.healthyThreshold,
            unhealthyThreshold: args.unhealthyThreshold,
            deregistrationDelay: args.deregistrationDelay,
        };
        // Where traffic comes from: the platform's shared listener (a rule of ours) or an ALB of our own.
        let listenerArn: pulumi.Output<string>;
        let loadBalancerArnSuffix: pulumi.Input<string>;
        let loadBalancerSecurityGroupId: pulumi.Input<string>;
        let url: pulumi.Output<string>;
        if (platform && route) {
            const tgSettings = { vpcId: platform.vpcId, targetPort: containerPort, ...healthCheck, tags };
            this.targetGroup = new aws.lb.TargetGroup(`${name}-tg`, targetGroupArgs(tgSettings), { parent: this });
            if (shifting) this.alternateTargetGroup = createAlternateTargetGroup(name, tgSettings, this);
            this.listenerPriority = route.priority;
            this.listenerRule = new aws.lb.ListenerRule(
                `${name}-rule`,
                {
                    listenerArn: platform.listenerArn,
                    priority: route.priority,
                    actions: [this.alternateTargetGroup ? weightedForwardAction(this.targetGroup.arn, this.alternateTargetGroup.arn) : { type: "forward", targetGroupArn: this.targetGroup.arn }],
                    conditions: listenerRuleConditions(route.hostHeaders, route.pathPatterns),
                    tags,
                },
                { parent: this, ignoreChanges: shifting ? ["actions"] : undefined },
            );
            if (shifting) this.productionListenerRule = this.listenerRule;
            listenerArn = this.listenerRule.arn;
            loadBalancerArnSuffix = platform.loadBalancerArnSuffix;
            loadBalancerSecurityGroupId = platform.loadBalancerSecurityGroupId;
            url = pulumi.output(platform.url).apply((u) => routeUrl(u, route.hostHeaders, route.pathPatterns));
        } else {
            const network = this.network;
            parts.loadBalancerComponent = new LoadBalancer(
                `${name}-alb`,
                {
                    vpcId: network.vpcId,
                    subnetIds: args.internal ? network.privateSubnetIds : network.publicSubnetIds,
                    targetPort: containerPort,
                    internal: args.internal,
                    certificateArn: args.certificateArn,
                    sslPolicy: args.sslPolicy,
                    ingressCidrs: args.ingressCidrs,
                    deletionProtection: args.deletionProtection,
                    idleTimeout: args.idleTimeout,
                    ...healthCheck,
                    accessLogs: args.accessLogs,
                    waf: args.waf,
                    tags,
                },
                { parent: this },
            );
            this.loadBalancer = this.loadBalancerComponent!.loadBalancer;
            this.targetGroup = this.loadBalancerComponent!.targetGroup!;
            listenerArn = this.loadBalancerComponent!.trafficListener.arn;
            if (shifting) {
                this.alternateTargetGroup = createAlternateTargetGroup(name, { vpcId: network.vpcId, targetPort: containerPort, ...healthCheck, tags }, this);
                this.productionListenerRule = createProductionRule(name, listenerArn, this.targetGroup.arn, this.alternateTargetGroup.arn, tags, this);
                if (args.testListenerPort !== undefined) {
                    const test = createTestListener(
                        name,
                        {
                            port: args.testListenerPort,
                            loadBalancerArn: this.loadBalancer!.arn,
                            loadBalancerSecurityGroupId: this.loadBalancerComponent!.securityGroup.id,
                            vpcCidr: network.vpcCidr,
                            certificateArn: args.certificateArn,
                            sslPolicy: args.sslPolicy,
                            tags,
                        },
                        this.targetGroup.arn,
                        this.alternateTargetGroup.arn,
                        this,
                    );
                    this.testListener = test.listener;
                    this.testListenerRule = test.rule;
                }
            }
            loadBalancerArnSuffix = this.loadBalancer!.arnSuffix;
            loadBalancerSecurityGroupId = this.loadBalancerComponent!.securityGroup.id;
            url = this.loadBalancerComponent!.url;
        }

        let loadBalancerRoleArn: pulumi.Output<string> | undefined;
        if (shifting) {
            const shift = createTrafficShiftRole(
                name,
                {
                    listenerArns: [pulumi.output(this.productionListenerRule!.listenerArn), ...(this.testListener ? [this.testListener.arn] : [])],
                    listenerRuleArns: [this.productionListenerRule!.arn, ...(this.testListenerRule ? [this.testListenerRule.arn] : [])],
                    targetGroupArns: [this.targetGroup.arn, this.alternateTargetGroup!.arn],
                },
                tags,
                this,
            );
            this.loadBalancerRole = shift.role;
            // ECS uses the role as soon as the service exists: hand it over once its policy is attached.
            loadBalancerRoleArn = pulumi.all([shift.role.arn, shift.policy.id]).apply(([arn]) => arn);
        }

        if (args.alarms) {
            parts.alarms = new ServiceAlarms(
                `${name}-alarms`,
                {
                    prefix: alarmPrefix,
                    clusterName: this.clusterName,
                    serviceName: name,
                    loadBalancerArnSuffix,
                    targetGroupArnSuffix: this.targetGroup.arnSuffix,
                    alternateTargetGroupArnSuffix: this.alternateTargetGroup?.arnSuffix,
                    logGroupName: this.logGroup.name,
                    thresholds: { minRunningTasks: args.minCount ?? 1, ...(args.alarmThresholds ?? {}) },
                    containerInsights: (args.containerInsights ?? "disabled") !== "disabled",
                    kmsKeyArn: keyArn,
                    emailSubscriptions: args.alarmEmails,
                    httpsSubscriptions: args.alarmHttpsEndpoints,
                    tags,
                },
                { parent: this },
            );
        }

        const taskSubnetIds = platform ? pulumi.output(platform.taskSubnetIds) : this.network.taskSubnetIds;
        const assignPublicIp = platform ? pulumi.output(platform.assignPublicIp) : pulumi.output(args.vpcId === undefined ? this.network.assignPublicIp : false);
        const web: ServiceContainer = {
            name: containerName,
            image: imageUri,
            command: args.command,
            entryPoint: args.entryPoint,
            workingDirectory: args.workingDirectory,
            user: args.user ?? "10001",
            environment: args.environment,
            secrets: args.secrets,
            healthCheck: args.containerHealthCheck,
            readonlyRootFilesystem: args.readonlyRootFilesystem ?? true,
            stopTimeout: args.stopTimeout ?? 30,
            ulimits: args.ulimits,
        };
        // /tmp must be writable by UID 10001: the image declares VOLUME /tmp, or an init container opens it up.
        const declaresTmp = hasBuild && dockerfileDeclaresVolume(fs.readFileSync(path.join(args.buildContext!, args.dockerfile ?? "Dockerfile"), "utf8"), "/tmp");
        let containers: ServiceContainer[] = [web, ...sidecars];
        if (args.initWritableVolumes ?? !declaresTmp) {
            const init: ServiceContainer = { ...volumeInitSettings(containerName, ["/tmp"]), image: imageUri };
            if (containers.some((c) => c.name === init.name)) throw new Error(`WebService ${name}: a sidecar is named ${init.name}, the name of the volume init container; rename it`);
            containers = [...waitingForInit(containers, init.name), init];
        }
        parts.fargateService = new FargateService(
            `${name}-service`,
            {
                clusterArn,
                containers,
                webContainerName: containerName,
                webContainerPort: containerPort,
                cpu: args.cpu,
                memory: args.memory,
                architecture: args.architecture,
                executionRoleArn: this.executionRole.arn,
                taskRoleArn: this.taskRole.arn,
                logGroupName: this.logGroup.name,
                vpcId: platform ? platform.vpcId : this.network.vpcId,
                vpcCidr: platform ? platform.vpcCidr : this.network.vpcCidr,
                subnetIds: taskSubnetIds,
                assignPublicIp,
                targetGroupArn: this.targetGroup.arn,
                listenerArn,
                loadBalancerSecurityGroupId,
                desiredCount: args.desiredCount,
                onDemandBase: args.onDemandBase,
                spotWeight: args.spotWeight,
                onDemandWeight: args.onDemandWeight,
                healthCheckGracePeriod: args.healthCheckGracePeriod,
                enableExecuteCommand: exec,
                serviceName: name,
                deploymentAlarmNames: this.alarms?.deploymentAlarms.map((a) => a.name),
                taskDefinitionOverrides: args.taskDefinitionOverrides,
                deploymentStrategy: args.deploymentStrategy,
                bakeTimeMinutes: args.bakeTimeMinutes,
                canaryPercent: args.canaryPercent,
                canaryBakeMinutes: args.canaryBakeMinutes,
                linearStepPercent: args.linearStepPercent,
                linearStepBakeMinutes: args.linearStepBakeMinutes,
                alternateTargetGroupArn: this.alternateTargetGroup?.arn,
                productionListenerRuleArn: this.productionListenerRule?.arn,
                testListenerRuleArn: this.testListenerRule?.arn,
                loadBalancerRoleArn,
                tags,
            },
            { parent: this },
        );
        this.service = this.fargateService.service;
        this.taskDefinition = this.fargateService.taskDefinition;

        parts.autoscaling = new ServiceAutoscaling(
            `${name}-autoscaling`,
            {
                clusterName: this.clusterName,
                serviceName: this.service.name,
                minCount: args.minCount,
                maxCount: args.maxCount,
                cpuTarget: args.cpuTarget,
                memoryTarget: args.memoryTarget,
                requestsPerTarget: args.requestsPerTarget,
                loadBalancerArnSuffix,
                targetGroupArnSuffix: this.targetGroup.arnSuffix,
                alternateTargetGroupArnSuffix: this.alternateTargetGroup?.arnSuffix,
                scaleInCooldown: args.scaleInCooldown,
                scaleOutCooldown: args.scaleOutCooldown,
                scheduled: args.scheduledScaling,
            },
            { parent: this },
        );

        this.url = url;
        this.taskSubnetIds = taskSubnetIds;
        this.assignPublicIp = assignPublicIp;
        this.serviceName = this.service.name;
        this.logGroupName = this.logGroup.name;
        this.imageUri = imageUri;
        this.registerOutputs({ url: this.url, serviceName: this.serviceName, clusterName: this.clusterName, logGroupName: this.logGroupName, imageUri: this.imageUri });
    }
}
