import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import { Network } from "./network";
import { Cluster } from "./cluster";
import { physicalName } from "./lib/nameLimits";
import { LoadBalancer } from "./loadBalancer";
import { ServiceKey } from "./serviceKey";
import { withRoutes } from "./platformRoutes";
import { NetworkOptions, networkOptionsProblems, resolveNetworkOptions } from "./options/networkOptions";
import { ClusterOptions, clusterOptionsProblems, resolveClusterOptions } from "./options/clusterOptions";
import { LoadBalancerOptions, loadBalancerOptionsProblems, resolveLoadBalancerOptions } from "./options/loadBalancerOptions";
import { LogsOptions, logsOptionsProblems, resolveLogsOptions } from "./options/logsOptions";
import { ResolvedTargetGroupOptions } from "./options/targetGroupOptions";
import { OptionProblem, unknownFields, unknownNames } from "./options/optionTable";
import { ArgumentsError } from "./options/checks";
import { NETWORK_OPTIONS } from "./options/networkOptions";
import { CLUSTER_OPTIONS } from "./options/clusterOptions";
import { LOAD_BALANCER_OPTIONS } from "./options/loadBalancerOptions";
import { LOGS_OPTIONS } from "./options/logsOptions";

/**
 * What a service needs from a platform: plain Inputs and Outputs, so it can come from a `Platform` in
 * the same program (`platform.handle`) or from another stack (`platformFromStackReference`). The
 * platform's route registry travels with the handle object (see `platformRoutes.ts`).
 */
export interface PlatformHandle {
    /** The VPC id. */
    vpcId: pulumi.Input<string>;
    /** The VPC's IPv4 CIDR (test listeners and endpoints admit it). */
    vpcCidr: pulumi.Input<string>;
    /** Public subnets (the load balancer's, unless internal). */
    publicSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Private subnets. */
    privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Subnets tasks run in (public in the no-NAT mode, else private). */
    taskSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Whether tasks need a public IP (the no-NAT mode of a new VPC). */
    assignPublicIp: pulumi.Input<boolean>;
    /** The cluster's ARN (resolves once its capacity providers are attached). */
    clusterArn: pulumi.Input<string>;
    /** The cluster's name. */
    clusterName: pulumi.Input<string>;
    /** The listener services add their rules to (HTTPS when the platform has a certificate). */
    listenerArn: pulumi.Input<string>;
    /** The load balancer's security group (task security groups admit it). */
    loadBalancerSecurityGroupId: pulumi.Input<string>;
    /** `app/<name>/<id>`, for ALB request-count metrics and alarms. */
    loadBalancerArnSuffix: pulumi.Input<string>;
    /** The load balancer's DNS name. */
    dnsName: pulumi.Input<string>;
    /** `https://<dns>` with a certificate, else `http://<dns>`. */
    url: pulumi.Input<string>;
    /** The platform's shared key (cluster exec and ephemeral storage, flow logs). */
    kmsKeyArn?: pulumi.Input<string>;
}

/** The stack outputs a platform program exports: one per `PlatformHandle` field, same names (`kmsKeyArn` only when there is a key). */
export type PlatformOutputs = { [K in keyof PlatformHandle]: pulumi.Output<pulumi.Unwrap<NonNullable<PlatformHandle[K]>>> };

/** The names of the platform outputs, in the order the README lists them. */
export const PLATFORM_OUTPUT_NAMES: readonly (keyof PlatformHandle)[] = [
    "vpcId",
    "vpcCidr",
    "publicSubnetIds",
    "privateSubnetIds",
    "taskSubnetIds",
    "assignPublicIp",
    "clusterArn",
    "clusterName",
    "listenerArn",
    "loadBalancerSecurityGroupId",
    "loadBalancerArnSuffix",
    "dnsName",
    "url",
    "kmsKeyArn",
];

/** What a platform program exports (`export = platformOutputs(platform.handle)`), each field as an Output. */
export function platformOutputs(handle: PlatformHandle): PlatformOutputs {
    const out: Record<string, pulumi.Output<unknown>> = {};
    for (const k of PLATFORM_OUTPUT_NAMES) {
        const v = handle[k];
        if (v !== undefined) out[k] = pulumi.output(v);
    }
    return out as PlatformOutputs;
}

/** Everything shared by the services of one environment: network, cluster, load balancer, key. */
export interface PlatformArgs {
    /**
     * The VPC: a new one (NAT strategy, AZs, CIDR) or yours, flow logs, endpoints.
     * @default see `NetworkOptions` (a new VPC in 2 AZs without NAT)
     */
    network?: NetworkOptions;
    /**
     * The cluster: a new one (Container Insights level) or yours.
     * @default see `ClusterOptions` (a new cluster)
     */
    cluster?: ClusterOptions;
    /**
     * The load balancer: certificate, TLS policy, CIDRs, internal, protections.
     * @default see `LoadBalancerOptions` (internet-facing, HTTP)
     */
    loadBalancer?: LoadBalancerOptions;
    /**
     * Retention of the flow logs.
     * @default see `LogsOptions` (30 days)
     */
    logs?: LogsOptions;
    /**
     * Create the shared KMS key (cluster exec sessions, Fargate ephemeral storage, flow logs).
     * @default true unless kmsKeyArn is given
     */
    createKey?: boolean;
    /**
     * Existing KMS key instead of a new one (its policy must let Fargate and CloudWatch Logs use it).
     * @default none
     */
    kmsKeyArn?: pulumi.Input<string>;
    /**
     * Protect the new key from `pulumi destroy`.
     * @default false
     */
    protectKey?: boolean;
    /**
     * Tags on every taggable resource.
     * @default {}
     */
    tags?: Record<string, string>;
}

/**
 * How a `WebService` without a shared platform shapes the platform it creates for itself (not part of
 * the public arguments): the names the service's key policy already names, its exec log group, and the
 * target group the listener forwards to by default, since the platform serves that one service only.
 */
export interface OwnPlatformSettings {
    /** The cluster's name (the service's resource prefix, which its key policy names). */
    clusterName: string;
    /** The flow log group's name (the service's, which its key policy names). */
    flowLogGroupName: string;
    /**
     * The ECS Exec session log group the cluster logs to.
     * @default none (no exec logging)
     */
    execLogGroupName?: string;
    /** The service's container port: the default target group's port. */
    targetPort: number;
    /** The service's health check and drain settings: the default target group's. */
    targetGroup: ResolvedTargetGroupOptions;
    /** The service the platform's parts were children of before platforms existed: they keep their URNs through an alias. */
    formerParent: pulumi.Resource;
}

/** Name of a platform's flow log group, fixed up front so the key policy can name it. */
export function platformFlowLogGroupName(project: string, stack: string, platform: string): string {
    return `/${project}/${stack}/${platform}/vpc-flow-logs`;
}

/** Every argument of `Platform` (and `ownedBy`, which a `WebService` sets on the platform it creates for itself). */
const PLATFORM_ARGUMENTS: readonly (keyof PlatformArgs | "ownedBy")[] = ["network", "cluster", "loadBalancer", "logs", "createKey", "kmsKeyArn", "protectKey", "tags", "ownedBy"];

/** Every problem with a platform's arguments: its option groups, unknown fields, and the key settings. */
export function platformArgsProblems(args: PlatformArgs): OptionProblem[] {
    const problems: OptionProblem[] = [
        ...unknownNames(args, PLATFORM_ARGUMENTS, "", "an argument of Platform"),
        ...unknownFields(NETWORK_OPTIONS, args.network, "network"),
        ...unknownFields(CLUSTER_OPTIONS, args.cluster, "cluster"),
        ...unknownFields(LOAD_BALANCER_OPTIONS, args.loadBalancer, "loadBalancer"),
        ...unknownFields(LOGS_OPTIONS, args.logs, "logs"),
        ...networkOptionsProblems(resolveNetworkOptions(args.network)),
        ...clusterOptionsProblems(resolveClusterOptions(args.cluster)),
        ...loadBalancerOptionsProblems(resolveLoadBalancerOptions(args.loadBalancer)),
        ...logsOptionsProblems(resolveLogsOptions(args.logs)),
    ];
    if (args.createKey === true && args.kmsKeyArn !== undefined) problems.push({ path: "createKey", value: true, message: "give either createKey or kmsKeyArn, not both" });
    if (args.createKey === false && args.kmsKeyArn === undefined)
        problems.push({ path: "createKey", value: false, message: "is false but no kmsKeyArn is given; the cluster's ephemeral storage and the flow logs need a key" });
    return problems;
}

/**
 * The shared part of an environment, owned by a platform team: VPC (new or yours), ECS cluster (new or
 * yours), ALB with its security group and HTTPS/HTTP listeners, and a KMS key. The traffic listener
 * answers 404 until services attach: each `WebService` given `platform: platform.handle` adds its own
 * listener rule, target group and security group. A `WebService` without a platform creates one of its
 * own, whose listener forwards to that service. Export `platformOutputs(platform.handle)` for services
 * in other projects.
 */
export class Platform extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:Platform";

    /** What services need; pass it as `WebService`'s `platform`. */
    readonly handle: PlatformHandle;
    /** The new VPC; absent with `network.vpcId`. */
    readonly vpc?: awsx.ec2.Vpc;
    /** The shared key; absent with `kmsKeyArn`. */
    readonly kmsKey?: aws.kms.Key;
    /** The cluster; absent with `cluster.arn`. */
    readonly cluster?: aws.ecs.Cluster;
    /** The Application Load Balancer. */
    readonly loadBalancer: aws.lb.LoadBalancer;
    /** The load balancer's security group (listener ports from the allowed CIDRs only). */
    readonly loadBalancerSecurityGroup: aws.ec2.SecurityGroup;
    /** The listener services attach rules to (HTTPS with a certificate, else HTTP). */
    readonly trafficListener: aws.lb.Listener;
    /** The target group the listener forwards to by default; only on a service's own platform. */
    readonly defaultTargetGroup?: aws.lb.TargetGroup;
    /** The VPC id. */
    readonly vpcId: pulumi.Output<string>;
    /** The cluster's ARN. */
    readonly clusterArn: pulumi.Output<string>;
    /** The cluster's name. */
    readonly clusterName: pulumi.Output<string>;
    /** The traffic listener's ARN. */
    readonly listenerArn: pulumi.Output<string>;
    /** The load balancer's DNS name. */
    readonly dnsName: pulumi.Output<string>;
    /** `https://<dns>` with a certificate, else `http://<dns>`. */
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: PlatformArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const problems = platformArgsProblems(args);
        if (problems.length > 0) throw new ArgumentsError(`Platform ${name}`, problems);
        super(Platform.__pulumiType, name, {}, opts);
        const own = (args as PlatformArgs & { ownedBy?: OwnPlatformSettings }).ownedBy;
        // A service's own platform: its parts keep the URNs they had as the service's children.
        const childOpts: pulumi.ComponentResourceOptions = own ? { parent: this, aliases: [{ parent: own.formerParent }] } : { parent: this };
        const network = resolveNetworkOptions(args.network);
        const clusterOptions = resolveClusterOptions(args.cluster);
        const lb = resolveLoadBalancerOptions(args.loadBalancer);
        const logs = resolveLogsOptions(args.logs);
        const tags = args.tags;
        const stack = pulumi.getStack();
        // Names carry the project too: two projects with the same stack and platform names never collide.
        const clusterName = own?.clusterName ?? physicalName([pulumi.getProject(), name, stack], 255);
        const flowLogGroupName = own?.flowLogGroupName ?? platformFlowLogGroupName(pulumi.getProject(), stack, name);

        let keyArn: pulumi.Input<string>;
        if (args.kmsKeyArn === undefined) {
            const key = new ServiceKey(
                `${name}-key`,
                {
                    description: `fargatekit platform ${name}: cluster exec sessions, Fargate ephemeral storage and flow logs`,
                    logGroupNames: network.flowLogs ? [flowLogGroupName] : [],
                    fargateClusterName: clusterName,
                    protect: args.protectKey,
                    tags,
                },
                { parent: this },
            );
            this.kmsKey = key.key;
            keyArn = key.arn;
        } else {
            keyArn = args.kmsKeyArn;
        }

        const net = new Network(`${name}-network`, { network, logs, flowLogGroupName, kmsKeyArn: keyArn, tags }, childOpts);
        this.vpc = net.vpc;

        let clusterArn: pulumi.Output<string>;
        if (clusterOptions.arn === undefined) {
            const cluster = new Cluster(
                `${name}-cluster`,
                { name: clusterName, containerInsights: clusterOptions.containerInsights, kmsKeyArn: keyArn, execLogGroupName: own?.execLogGroupName, tags },
                childOpts,
            );
            this.cluster = cluster.cluster;
            // Services depend on the capacity providers: their strategies name FARGATE (and FARGATE_SPOT),
            // which the cluster accepts only once ClusterCapacityProviders has attached them.
            clusterArn = pulumi.all([cluster.arn, cluster.capacityProviders.id]).apply(([arn]) => arn);
            this.clusterName = cluster.name;
        } else {
            clusterArn = pulumi.output(clusterOptions.arn);
            this.clusterName = clusterArn.apply((a) => a.split("/").pop()!);
        }

        const alb = new LoadBalancer(
            `${name}-alb`,
            {
                vpcId: net.vpcId,
                subnetIds: lb.internal ? net.privateSubnetIds : net.publicSubnetIds,
                sharedListener: own === undefined,
                loadBalancer: lb,
                targetPort: own?.targetPort,
                targetGroup: own?.targetGroup,
                tags,
            },
            childOpts,
        );
        this.loadBalancer = alb.loadBalancer;
        this.loadBalancerSecurityGroup = alb.securityGroup;
        this.trafficListener = alb.trafficListener;
        this.defaultTargetGroup = alb.targetGroup;

        this.vpcId = net.vpcId;
        this.clusterArn = clusterArn;
        this.listenerArn = alb.trafficListener.arn;
        this.dnsName = alb.dnsName;
        this.url = alb.url;
        this.handle = withRoutes(
            {
                vpcId: net.vpcId,
                vpcCidr: net.vpcCidr,
                publicSubnetIds: net.publicSubnetIds,
                privateSubnetIds: net.privateSubnetIds,
                taskSubnetIds: net.taskSubnetIds,
                assignPublicIp: net.assignPublicIp,
                clusterArn,
                clusterName: this.clusterName,
                listenerArn: alb.trafficListener.arn,
                loadBalancerSecurityGroupId: alb.securityGroup.id,
                loadBalancerArnSuffix: alb.loadBalancer.arnSuffix,
                dnsName: alb.dnsName,
                url: alb.url,
                kmsKeyArn: keyArn,
            },
            `"${name}"`,
        );
        this.registerOutputs(platformOutputs(this.handle));
    }
}
