import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import { Network } from "./network";
import { Cluster } from "./cluster";
import { physicalName } from "./lib/nameLimits";
import { LoadBalancer } from "./loadBalancer";
import { ServiceKey } from "./serviceKey";
import { labelPlatform } from "./platformRoutes";

/**
 * NAT strategies of a platform's new VPC. Declared as a constant object so `pulumi package add`
 * turns it into an enum; the type is the same string union as `NatStrategy`.
 */
export const PlatformNatStrategy = {
    /** No NAT ($0): tasks run in public subnets with public IPs (ingress still only from the ALB). */
    None: "none",
    /** One NAT gateway for all AZs: tasks in private subnets. */
    Single: "single",
    /** One NAT gateway per AZ: tasks in private subnets, no cross-AZ dependency. */
    PerAz: "perAz",
} as const;
export type PlatformNatStrategy = (typeof PlatformNatStrategy)[keyof typeof PlatformNatStrategy];

/** Container Insights levels of a platform's cluster (an enum for `pulumi package add`; same values as `ContainerInsights`). */
export const PlatformContainerInsights = {
    Disabled: "disabled",
    Enabled: "enabled",
    Enhanced: "enhanced",
} as const;
export type PlatformContainerInsights = (typeof PlatformContainerInsights)[keyof typeof PlatformContainerInsights];

/**
 * What a service needs from a platform: plain Inputs and Outputs, so it can come from a `Platform` in
 * the same program (`platform.handle`) or from another stack (`platformFromStackReference`).
 */
export interface PlatformHandle {
    vpcId: pulumi.Input<string>;
    vpcCidr: pulumi.Input<string>;
    publicSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Subnets tasks run in (public in the no-NAT mode, else private). */
    taskSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Whether tasks need a public IP (the no-NAT mode of a new VPC). */
    assignPublicIp: pulumi.Input<boolean>;
    clusterArn: pulumi.Input<string>;
    clusterName: pulumi.Input<string>;
    /** The listener services add their rules to (HTTPS when the platform has a certificate). */
    listenerArn: pulumi.Input<string>;
    loadBalancerSecurityGroupId: pulumi.Input<string>;
    /** `app/<name>/<id>`, for ALB request-count metrics and alarms. */
    loadBalancerArnSuffix: pulumi.Input<string>;
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
    /** NAT strategy of a new VPC: "none", "single" or "perAz". Default: "none". */
    natStrategy?: PlatformNatStrategy;
    /** Availability zones of a new VPC (2–6). Default: 2. */
    azCount?: number;
    /** CIDR of a new VPC. Default: "10.0.0.0/16". */
    vpcCidr?: string;
    /** Existing VPC id (with both subnet lists); tasks run in its private subnets. Default: a new VPC. */
    vpcId?: pulumi.Input<string>;
    /** Existing public subnets (the ALB). Required with vpcId. */
    publicSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** Existing private subnets (the tasks). Required with vpcId. */
    privateSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** VPC flow logs to a log group encrypted with the platform key. Default: false. */
    flowLogs?: boolean;
    /** Flow log retention in days (a CloudWatch value). Default: 30. */
    flowLogRetentionDays?: number;
    /** Interface endpoints for ECR and logs plus an S3 gateway endpoint. Default: false. */
    vpcEndpoints?: boolean;
    /** More interface endpoints, e.g. ["secretsmanager", "ssm"] when services read secrets. Default: none. */
    extraEndpointServices?: string[];
    /** Container Insights of the cluster: "disabled", "enabled" or "enhanced". Default: "disabled". */
    containerInsights?: PlatformContainerInsights;
    /** ACM certificate: HTTPS on 443 (TLS 1.3/1.2) and HTTP 80 answering 301 to HTTPS. Default: none (HTTP 80 only). */
    certificateArn?: pulumi.Input<string>;
    /** TLS policy of the HTTPS listener. Default: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06". */
    sslPolicy?: string;
    /** CIDRs allowed to the ALB listeners. Default: ["0.0.0.0/0"]. */
    ingressCidrs?: string[];
    /** Internal ALB in the private subnets. Default: false (internet-facing). */
    internal?: boolean;
    /** ALB deletion protection. Default: false. */
    deletionProtection?: boolean;
    /** ALB idle timeout in seconds. Default: 60. */
    idleTimeout?: number;
    /** ALB access logs to a private, encrypted S3 bucket with 90-day expiry. Default: false. */
    accessLogs?: boolean;
    /** AWS WAF web ACL with AWS managed rule groups on the ALB. Default: false. */
    waf?: boolean;
    /** Create the shared KMS key (cluster exec sessions, Fargate ephemeral storage, flow logs). Default: true unless kmsKeyArn is given. */
    createKey?: boolean;
    /** Existing KMS key instead of a new one (its policy must let Fargate and CloudWatch Logs use it). Default: none. */
    kmsKeyArn?: pulumi.Input<string>;
    /** Protect the new key from `pulumi destroy`. Default: false. */
    protectKey?: boolean;
    /** Tags on every taggable resource. Default: none. */
    tags?: Record<string, string>;
}

/** Name of a platform's flow log group, fixed up front so the key policy can name it. */
export function platformFlowLogGroupName(project: string, stack: string, platform: string): string {
    return `/${project}/${stack}/${platform}/vpc-flow-logs`;
}

/** Whether the platform creates its own key; throws when `createKey` and `kmsKeyArn` disagree. */
export function platformCreatesKey(name: string, createKey: boolean | undefined, hasKeyArn: boolean): boolean {
    if (createKey === true && hasKeyArn) throw new Error(`Platform ${name}: give either createKey or kmsKeyArn, not both`);
    if (createKey === false && !hasKeyArn) {
        throw new Error(`Platform ${name}: createKey is false but no kmsKeyArn is given; the cluster's ephemeral storage and the flow logs need a key`);
    }
    return !hasKeyArn;
}

/**
 * The shared part of an environment, owned by a platform team: VPC (new or yours), ECS cluster, ALB
 * with its security group and HTTPS/HTTP listeners, and a KMS key. The traffic listener answers 404
 * until services attach: each `WebService` given `platform: platform.handle` adds its own listener
 * rule, target group and security group. Export `platformOutputs(platform.handle)` for services in
 * other projects.
 */
export class Platform extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:Platform";

    /** What services need; pass it as `WebService`'s `platform`. */
    readonly handle: PlatformHandle;
    readonly vpc?: awsx.ec2.Vpc;
    readonly kmsKey?: aws.kms.Key;
    readonly cluster: aws.ecs.Cluster;
    readonly loadBalancer: aws.lb.LoadBalancer;
    readonly loadBalancerSecurityGroup: aws.ec2.SecurityGroup;
    /** The listener services attach rules to (HTTPS with a certificate, else HTTP). */
    readonly trafficListener: aws.lb.Listener;
    readonly vpcId: pulumi.Output<string>;
    readonly clusterArn: pulumi.Output<string>;
    readonly clusterName: pulumi.Output<string>;
    readonly listenerArn: pulumi.Output<string>;
    readonly dnsName: pulumi.Output<string>;
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: PlatformArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super(Platform.__pulumiType, name, {}, opts);
        const tags = args.tags;
        const stack = pulumi.getStack();
        // Names carry the project too: two projects with the same stack and platform names never collide.
        const clusterName = physicalName([pulumi.getProject(), name, stack], 255);
        const flowLogGroupName = platformFlowLogGroupName(pulumi.getProject(), stack, name);

        let keyArn: pulumi.Input<string>;
        if (platformCreatesKey(name, args.createKey, args.kmsKeyArn !== undefined)) {
            const key = new ServiceKey(
                `${name}-key`,
                {
                    description: `fargatekit platform ${name}: cluster exec sessions, Fargate ephemeral storage and flow logs`,
                    logGroupNames: args.flowLogs ? [flowLogGroupName] : [],
                    fargateClusterName: clusterName,
                    protect: args.protectKey,
                    tags,
                },
                { parent: this },
            );
            this.kmsKey = key.key;
            keyArn = key.arn;
        } else {
            keyArn = args.kmsKeyArn!;
        }

        const network = new Network(
            `${name}-network`,
            {
                natStrategy: args.natStrategy ?? "none",
                azCount: args.azCount ?? 2,
                cidrBlock: args.vpcCidr,
                vpcId: args.vpcId,
                publicSubnetIds: args.publicSubnetIds,
                privateSubnetIds: args.privateSubnetIds,
                flowLogs: args.flowLogs,
                flowLogGroupName,
                flowLogRetentionDays: args.flowLogRetentionDays ?? 30,
                kmsKeyArn: keyArn,
                vpcEndpoints: args.vpcEndpoints,
                extraEndpointServices: args.extraEndpointServices,
                tags,
            },
            { parent: this },
        );
        this.vpc = network.vpc;

        const cluster = new Cluster(`${name}-cluster`, { name: clusterName, containerInsights: args.containerInsights ?? "disabled", kmsKeyArn: keyArn, tags }, { parent: this });
        this.cluster = cluster.cluster;

        const alb = new LoadBalancer(
            `${name}-alb`,
            {
                vpcId: network.vpcId,
                subnetIds: args.internal ? network.privateSubnetIds : network.publicSubnetIds,
                sharedListener: true,
                internal: args.internal,
                certificateArn: args.certificateArn,
                sslPolicy: args.sslPolicy,
                ingressCidrs: args.ingressCidrs,
                deletionProtection: args.deletionProtection,
                idleTimeout: args.idleTimeout,
                accessLogs: args.accessLogs,
                waf: args.waf,
                tags,
            },
            { parent: this },
        );
        this.loadBalancer = alb.loadBalancer;
        this.loadBalancerSecurityGroup = alb.securityGroup;
        this.trafficListener = alb.trafficListener;

        this.vpcId = network.vpcId;
        this.clusterArn = cluster.arn;
        this.clusterName = cluster.name;
        this.listenerArn = alb.trafficListener.arn;
        this.dnsName = alb.dnsName;
        this.url = alb.url;
        this.handle = {
            vpcId: network.vpcId,
            vpcCidr: network.vpcCidr,
            publicSubnetIds: network.publicSubnetIds,
            privateSubnetIds: network.privateSubnetIds,
            taskSubnetIds: network.taskSubnetIds,
            assignPublicIp: network.assignPublicIp,
            clusterArn: cluster.arn,
            clusterName: cluster.name,
            listenerArn: alb.trafficListener.arn,
            loadBalancerSecurityGroupId: alb.securityGroup.id,
            loadBalancerArnSuffix: alb.loadBalancer.arnSuffix,
            dnsName: alb.dnsName,
            url: alb.url,
            kmsKeyArn: keyArn,
        };
        labelPlatform(this.handle, `"${name}"`);
        this.registerOutputs(platformOutputs(this.handle));
    }
}
