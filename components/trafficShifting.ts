/**
 * The load balancer side of blue/green, canary and linear deployments: a second target group, listener
 * rules that forward to both target groups by weight (ECS moves the weights), an optional test listener
 * reachable only from inside the VPC, and the role ECS assumes to do it: the `TrafficShifting`
 * component, which `WebService` adds for blueGreen, canary and linear.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { TargetGroupSettings, targetGroupArgs, NOT_FOUND_ACTION } from "./loadBalancer";
import { ec2Description } from "./lib/ec2/ec2Descriptions";
import { ecsServiceTrustPolicy, trafficShiftPolicy } from "./lib/iam/trafficShiftPolicies";
import { RECOMMENDED_SSL_POLICY } from "../rules/elbSecurityPolicies";

/** Matches every request: the production and test rules take all traffic of their listener. */
export const CATCH_ALL_CONDITIONS = [{ pathPattern: { values: ["/*"] } }];

/** Priority of the catch-all rule on a listener of the service's own ALB (its only rule). */
export const CATCH_ALL_PRIORITY = 1;

/** Default TLS policy of a test listener, as on the production HTTPS listener. */
const DEFAULT_SSL_POLICY = RECOMMENDED_SSL_POLICY;

/**
 * A forward action over both target groups: weight 100 to the primary and 0 to the alternate. ECS
 * rewrites the weights during a deployment (and leaves them swapped after it), so the rules that
 * carry this action ignore later changes to their actions.
 */
export function weightedForwardAction(primaryTargetGroupArn: pulumi.Input<string>, alternateTargetGroupArn: pulumi.Input<string>) {
    return {
        type: "forward",
        forward: {
            targetGroups: [
                { arn: primaryTargetGroupArn, weight: 100 },
                { arn: alternateTargetGroupArn, weight: 0 },
            ],
        },
    };
}

/** Where a test listener goes and what it admits. */
export interface TestListenerSettings {
    /** The listener port (not 80, 443 or the container port). */
    port: number;
    /** The service's own load balancer. */
    loadBalancerArn: pulumi.Input<string>;
    /** The ALB's security group: the port is opened to `vpcCidr` only. */
    loadBalancerSecurityGroupId: pulumi.Input<string>;
    /** The VPC's CIDR. */
    vpcCidr: pulumi.Input<string>;
    /**
     * HTTPS with this certificate; HTTP without one.
     * @default none
     */
    certificateArn?: pulumi.Input<string>;
    /**
     * TLS policy with a certificate.
     * @default "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"
     */
    sslPolicy?: pulumi.Input<string>;
}

/** The production rule whose weights ECS shifts: its resource name, listener, priority and conditions. */
export interface ProductionRuleSettings {
    /** Logical name of the rule (`<service>-production` on the service's own ALB, `<service>-rule` on a shared one). */
    resourceName: string;
    /** The production listener. */
    listenerArn: pulumi.Input<string>;
    /** The rule's priority on it. */
    priority: number;
    /** The requests it matches. */
    conditions: aws.types.input.lb.ListenerRuleCondition[];
}

export interface TrafficShiftingArgs {
    /** The service's name: the children are named after it. */
    serviceName: string;
    /** The target group production traffic starts in. */
    primaryTargetGroupArn: pulumi.Input<string>;
    /** Port, health check and drain of the primary target group: the alternate one gets the same. */
    targetGroup: TargetGroupSettings;
    /** The rule on the production listener that forwards to both target groups by weight. */
    productionRule: ProductionRuleSettings;
    /**
     * A test listener that reaches the new revision before production does.
     * @default none
     */
    testListener?: TestListenerSettings;
    /**
     * Tags.
     * @default none
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /**
     * The resource the children were parented to before this component existed (they keep their URNs through an alias).
     * @default none
     */
    formerParent?: pulumi.Resource;
}

/**
 * The load balancer side of a traffic-shifting deployment: the alternate target group, the production
 * rule forwarding to both by weight, an optional test listener (HTTPS with the production certificate
 * when there is one, else HTTP) whose catch-all rule ECS points at the new revision first and whose port
 * is open to the VPC only, and the role ECS assumes to move the weights, scoped to exactly these.
 * The rules ignore later changes to their actions: ECS rewrites the weights during a deployment.
 */
export class TrafficShifting extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:TrafficShifting";

    /** The second target group new revisions start in. */
    readonly alternateTargetGroup: aws.lb.TargetGroup;
    /** The rule whose weights ECS shifts. */
    readonly productionListenerRule: aws.lb.ListenerRule;
    /** The test listener; only with `testListener`. */
    readonly testListener?: aws.lb.Listener;
    /** The test listener's catch-all rule; only with `testListener`. */
    readonly testListenerRule?: aws.lb.ListenerRule;
    /** The role ECS assumes to shift traffic. */
    readonly role: aws.iam.Role;
    /** Its inline policy, naming exactly the listeners, rules and target groups above. */
    readonly rolePolicy: aws.iam.RolePolicy;
    /** The role's ARN, resolved once its policy is attached (ECS uses the role as soon as the service exists). */
    readonly roleArn: pulumi.Output<string>;

    constructor(name: string, args: TrafficShiftingArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TrafficShifting.__pulumiType, name, {}, opts);
        const child: pulumi.CustomResourceOptions = args.formerParent ? { parent: this, aliases: [{ parent: args.formerParent }] } : { parent: this };
        const service = args.serviceName;
        const tags = args.tags;
        this.alternateTargetGroup = new aws.lb.TargetGroup(`${service}-tg-alt`, targetGroupArgs(args.targetGroup), child);
        const weighted = weightedForwardAction(args.primaryTargetGroupArn, this.alternateTargetGroup.arn);
        const rule = args.productionRule;
        this.productionListenerRule = new aws.lb.ListenerRule(
            rule.resourceName,
            { listenerArn: rule.listenerArn, priority: rule.priority, actions: [weighted], conditions: rule.conditions, tags },
            { ...child, ignoreChanges: ["actions"] },
        );
        if (args.testListener) {
            const s = args.testListener;
            const https = s.certificateArn !== undefined;
            new aws.vpc.SecurityGroupIngressRule(
                `${service}-test-${s.port}`,
                {
                    securityGroupId: s.loadBalancerSecurityGroupId,
                    ipProtocol: "tcp",
                    fromPort: s.port,
                    toPort: s.port,
                    cidrIpv4: s.vpcCidr,
                    description: ec2Description(`Test listener (${https ? "HTTPS" : "HTTP"} ${s.port}) from inside the VPC only`),
                },
                child,
            );
            this.testListener = new aws.lb.Listener(
                `${service}-test`,
                {
                    loadBalancerArn: s.loadBalancerArn,
                    port: s.port,
                    protocol: https ? "HTTPS" : "HTTP",
                    sslPolicy: https ? (s.sslPolicy ?? DEFAULT_SSL_POLICY) : undefined,
                    certificateArn: s.certificateArn,
                    defaultActions: [NOT_FOUND_ACTION],
                    tags,
                },
                child,
            );
            this.testListenerRule = new aws.lb.ListenerRule(
                `${service}-test`,
                { listenerArn: this.testListener.arn, priority: CATCH_ALL_PRIORITY, actions: [weighted], conditions: CATCH_ALL_CONDITIONS, tags },
                { ...child, ignoreChanges: ["actions"] },
            );
        }
        const listenerArns = [pulumi.output(this.productionListenerRule.listenerArn), ...(this.testListener ? [this.testListener.arn] : [])];
        const listenerRuleArns = [this.productionListenerRule.arn, ...(this.testListenerRule ? [this.testListenerRule.arn] : [])];
        const targetGroupArns = [pulumi.output(args.primaryTargetGroupArn), this.alternateTargetGroup.arn];
        this.role = new aws.iam.Role(
            `${service}-traffic-shift`,
            { assumeRolePolicy: JSON.stringify(ecsServiceTrustPolicy()), description: "ECS shifts ALB traffic between this service's target groups with this role", tags },
            child,
        );
        this.rolePolicy = new aws.iam.RolePolicy(
            `${service}-traffic-shift`,
            {
                role: this.role.id,
                policy: pulumi
                    .all([pulumi.all(listenerArns), pulumi.all(listenerRuleArns), pulumi.all(targetGroupArns)])
                    .apply(([l, r, t]) => JSON.stringify(trafficShiftPolicy({ listenerArns: l, listenerRuleArns: r, targetGroupArns: t }))),
            },
            child,
        );
        this.roleArn = pulumi.all([this.role.arn, this.rolePolicy.id]).apply(([arn]) => arn);
        this.registerOutputs({ roleArn: this.roleArn });
    }
}
