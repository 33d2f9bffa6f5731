import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ec2Description } from "./lib/ec2/ec2Descriptions";
import { accessLogPrincipal } from "./lib/elb/elbAccessLogs";
import { withTableDefaults } from "./options/optionTable";
import { LoadBalancerOptions, loadBalancerOptionsProblems, resolveLoadBalancerOptions } from "./options/loadBalancerOptions";
import { TARGET_GROUP_OPTIONS, TargetGroupOptions, resolveTargetGroupOptions, targetGroupOptionsProblems } from "./options/targetGroupOptions";
import { ArgumentsError } from "./options/checks";
import { OptionProblem } from "./options/optionTable";

export interface LoadBalancerArgs {
    /** VPC id. Required. */
    vpcId: pulumi.Input<string>;
    /** Subnets in at least 2 AZs (public for an internet-facing ALB). Required. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The load balancer: certificate, TLS policy, CIDRs, internal, protections, idle timeout; resolved or not.
     * @default see `LoadBalancerOptions` (internet-facing, HTTP)
     */
    loadBalancer?: LoadBalancerOptions;
    /**
     * Port the targets listen on.
     * @default none (required unless `sharedListener`)
     */
    targetPort?: pulumi.Input<number>;
    /**
     * The target group's health check and draining; resolved or not.
     * @default see `TargetGroupOptions`
     */
    targetGroup?: TargetGroupOptions;
    /**
     * Shared by many services: no target group is created and the traffic listener answers a fixed 404
     * by default; each service adds its own listener rule and target group.
     * @default false (one target group that the traffic listener forwards to)
     */
    sharedListener?: boolean;
    /**
     * Tags.
     * @default none
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Health check and draining settings of an `ip` target group (the subset of `LoadBalancerArgs` that shapes it). */
export interface TargetGroupSettings {
    /** VPC of the targets. */
    vpcId: pulumi.Input<string>;
    /** Port the targets listen on. */
    targetPort: pulumi.Input<number>;
    /**
     * Health check path.
     * @default "/health"
     */
    healthCheckPath?: pulumi.Input<string>;
    /**
     * Healthy HTTP codes.
     * @default "200-399"
     */
    healthCheckMatcher?: pulumi.Input<string>;
    /**
     * Seconds between checks.
     * @default 15
     */
    healthCheckInterval?: pulumi.Input<number>;
    /**
     * Check timeout in seconds.
     * @default 5
     */
    healthCheckTimeout?: pulumi.Input<number>;
    /**
     * Successes to become healthy.
     * @default 2
     */
    healthyThreshold?: pulumi.Input<number>;
    /**
     * Failures to become unhealthy.
     * @default 3
     */
    unhealthyThreshold?: pulumi.Input<number>;
    /**
     * Drain time in seconds.
     * @default 30
     */
    deregistrationDelay?: pulumi.Input<number>;
    /**
     * Tags.
     * @default none
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Arguments of an HTTP `ip` target group for Fargate tasks, with our health check and drain defaults. */
export function targetGroupArgs(settings: TargetGroupSettings): aws.lb.TargetGroupArgs {
    const s = withTableDefaults(TARGET_GROUP_OPTIONS, settings);
    return {
        vpcId: s.vpcId,
        targetType: "ip",
        protocol: "HTTP",
        port: s.targetPort,
        deregistrationDelay: s.deregistrationDelay,
        healthCheck: {
            enabled: true,
            path: s.healthCheckPath,
            matcher: s.healthCheckMatcher,
            interval: s.healthCheckInterval,
            timeout: s.healthCheckTimeout,
            healthyThreshold: s.healthyThreshold,
            unhealthyThreshold: s.unhealthyThreshold,
            protocol: "HTTP",
        },
        tags: s.tags,
    };
}

/** The default action of a shared listener: services add rules, anything unmatched gets a plain 404. */
export const NOT_FOUND_ACTION = { type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "Not found", statusCode: "404" } };

/** Every problem with a LoadBalancer's arguments: a TLS policy that does not exist, no target port for its own target group. */
export function loadBalancerArgsProblems(args: LoadBalancerArgs): OptionProblem[] {
    const problems: OptionProblem[] = [
        ...loadBalancerOptionsProblems(resolveLoadBalancerOptions(args.loadBalancer)),
        ...targetGroupOptionsProblems(resolveTargetGroupOptions(args.targetGroup)),
    ];
    if (!args.sharedListener && args.targetPort === undefined)
        problems.push({ path: "targetPort", value: undefined, message: "is required unless sharedListener is set (the listener forwards to a target group of this port)" });
    return problems;
}

/** The listener ports an ALB with or without a certificate opens. */
export function listenerPorts(hasCertificate: boolean): number[] {
    return hasCertificate ? [80, 443] : [80];
}

/**
 * An Application Load Balancer across ≥2 AZs with its own security group (listener ports from the
 * configured CIDRs only; egress is opened per service), an `ip` target group (none when the listener
 * is shared), and either HTTPS with an HTTP→HTTPS redirect or (dev) plain HTTP. Optional access logs and WAF.
 */
export class LoadBalancer extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:LoadBalancer";

    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly loadBalancer: aws.lb.LoadBalancer;
    /** The target group the traffic listener forwards to; absent when the listener is shared. */
    readonly targetGroup?: aws.lb.TargetGroup;
    readonly httpListener: aws.lb.Listener;
    readonly httpsListener?: aws.lb.Listener;
    readonly accessLogBucket?: aws.s3.Bucket;
    readonly webAcl?: aws.wafv2.WebAcl;
    /** The listener that carries the app's traffic (HTTPS when there is a certificate). */
    readonly trafficListener: aws.lb.Listener;
    readonly url: pulumi.Output<string>;
    readonly dnsName: pulumi.Output<string>;

    constructor(name: string, args: LoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        const lb = resolveLoadBalancerOptions(args.loadBalancer);
        const problems = loadBalancerArgsProblems(args);
        if (problems.length > 0) throw new ArgumentsError(`LoadBalancer ${name}`, problems);
        super(LoadBalancer.__pulumiType, name, {}, opts);
        const hasCert = lb.certificateArn !== undefined;
        const internal = lb.internal;
        const tags = pulumi.output(args.tags ?? {}).apply((t) => ({ ...t, "fargatekit:exposure": internal ? "internal" : "internet-facing" }));

        this.securityGroup = new aws.ec2.SecurityGroup(
            `${name}-alb`,
            { vpcId: args.vpcId, description: ec2Description(`ALB ${name}: listener ports from allowed CIDRs only`), tags: args.tags },
            { parent: this },
        );
        for (const port of listenerPorts(hasCert)) {
            lb.ingressCidrs.forEach((cidr, i) => {
                const v6 = cidr.includes(":");
                new aws.vpc.SecurityGroupIngressRule(
                    `${name}-alb-${port}-${i}`,
                    {
                        securityGroupId: this.securityGroup.id,
                        ipProtocol: "tcp",
                        fromPort: port,
                        toPort: port,
                        ...(v6 ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
                        description: ec2Description(`${port === 443 ? "HTTPS" : "HTTP"} from ${cidr}`),
                    },
                    { parent: this },
                );
            });
        }

        if (lb.accessLogs) this.accessLogBucket = this.createAccessLogBucket(name, args);

        this.loadBalancer = new aws.lb.LoadBalancer(
            name,
            {
                loadBalancerType: "application",
                internal,
                subnets: args.subnetIds,
                securityGroups: [this.securityGroup.id],
                dropInvalidHeaderFields: true,
                desyncMitigationMode: "defensive",
                enableDeletionProtection: lb.deletionProtection,
                idleTimeout: lb.idleTimeout,
                accessLogs: this.accessLogBucket ? { bucket: this.accessLogBucket.bucket, enabled: true, prefix: name } : undefined,
                tags,
            },
            { parent: this, dependsOn: this.accessLogPolicy ? [this.accessLogPolicy] : [] },
        );

        if (!args.sharedListener) {
            this.targetGroup = new aws.lb.TargetGroup(
                name,
                targetGroupArgs({ ...resolveTargetGroupOptions(args.targetGroup), vpcId: args.vpcId, targetPort: args.targetPort!, tags: args.tags }),
                { parent: this },
            );
        }
        const trafficAction = this.targetGroup ? { type: "forward", targetGroupArn: this.targetGroup.arn } : NOT_FOUND_ACTION;

        if (hasCert) {
            this.httpsListener = new aws.lb.Listener(
                `${name}-https`,
                {
                    loadBalancerArn: this.loadBalancer.arn,
                    port: 443,
                    protocol: "HTTPS",
                    sslPolicy: lb.sslPolicy,
                    certificateArn: lb.certificateArn,
                    defaultActions: [trafficAction],
                    tags: args.tags,
                },
                { parent: this },
            );
            this.httpListener = new aws.lb.Listener(
                `${name}-http`,
                {
                    loadBalancerArn: this.loadBalancer.arn,
                    port: 80,
                    protocol: "HTTP",
                    defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
                    tags: args.tags,
                },
                { parent: this },
            );
        } else {
            this.httpListener = new aws.lb.Listener(
                `${name}-http`,
                { loadBalancerArn: this.loadBalancer.arn, port: 80, protocol: "HTTP", defaultActions: [trafficAction], tags: args.tags },
                { parent: this },
            );
        }
        this.trafficListener = this.httpsListener ?? this.httpListener;

        if (lb.waf) this.webAcl = this.createWaf(name, args);

        this.dnsName = this.loadBalancer.dnsName;
        this.url = pulumi.interpolate`${hasCert ? "https" : "http"}://${this.loadBalancer.dnsName}`;
        this.registerOutputs({ url: this.url, dnsName: this.dnsName });
    }

    private accessLogPolicy?: aws.s3.BucketPolicy;

    private createAccessLogBucket(name: string, args: LoadBalancerArgs): aws.s3.Bucket {
        const bucket = new aws.s3.Bucket(`${name}-access-logs`, { forceDestroy: false, tags: args.tags }, { parent: this });
        new aws.s3.BucketPublicAccessBlock(
            `${name}-access-logs`,
            { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            { parent: this },
        );
        new aws.s3.BucketOwnershipControls(`${name}-access-logs`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, { parent: this });
        // ALB access logs support SSE-S3 only (not SSE-KMS).
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-access-logs`,
            { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
            { parent: this },
        );
        new aws.s3.BucketLifecycleConfiguration(
            `${name}-access-logs`,
            { bucket: bucket.id, rules: [{ id: "expire-access-logs", status: "Enabled", filter: {}, expiration: { days: 90 } }] },
            { parent: this },
        );
        // The writer depends on the Region: its ELB account before August 2022, the log delivery principal since.
        const region = aws.getRegionOutput({}, { parent: this }).region;
        const partition = aws.getPartitionOutput({}, { parent: this }).partition;
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        this.accessLogPolicy = new aws.s3.BucketPolicy(
            `${name}-access-logs`,
            {
                bucket: bucket.id,
                policy: pulumi.all([bucket.arn, region, partition, identity.accountId]).apply(([arn, r, p, acct]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Sid: "ElbDeliversAccessLogs",
                                Effect: "Allow",
                                Principal: accessLogPrincipal(r, p),
                                Action: "s3:PutObject",
                                Resource: `${arn}/${name}/AWSLogs/${acct}/*`,
                            },
                            {
                                Sid: "TlsOnly",
                                Effect: "Deny",
                                Principal: "*",
                                Action: "s3:*",
                                Resource: [arn, `${arn}/*`],
                                Condition: { Bool: { "aws:SecureTransport": "false" } },
                            },
                        ],
                    }),
                ),
            },
            { parent: this },
        );
        return bucket;
    }

    private createWaf(name: string, args: LoadBalancerArgs): aws.wafv2.WebAcl {
        const managed = (ruleName: string, priority: number) => ({
            name: ruleName,
            priority,
            overrideAction: { none: {} },
            statement: { managedRuleGroupStatement: { vendorName: "AWS", name: ruleName } },
            visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: ruleName, sampledRequestsEnabled: true },
        });
        const acl = new aws.wafv2.WebAcl(
            name,
            {
                scope: "REGIONAL",
                defaultAction: { allow: {} },
                rules: [managed("AWSManagedRulesCommonRuleSet", 1), managed("AWSManagedRulesKnownBadInputsRuleSet", 2)],
                visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: `${name}-waf`, sampledRequestsEnabled: true },
                tags: args.tags,
            },
            { parent: this },
        );
        new aws.wafv2.WebAclAssociation(name, { resourceArn: this.loadBalancer.arn, webAclArn: acl.arn }, { parent: this });
        return acl;
    }
}
