/**
 * The load balancer side of blue/green, canary and linear deployments: a second target group, listener
 * rules that forward to both target groups by weight (ECS moves the weights), an optional test listener
 * reachable only from inside the VPC, and the role ECS assumes to do it. Used by `WebService`; each
 * function registers its resources under the given parent.
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

/** The second target group a new revision starts in: the same port, health check and drain as the first. */
export function createAlternateTargetGroup(name: string, settings: TargetGroupSettings, parent: pulumi.Resource): aws.lb.TargetGroup {
    return new aws.lb.TargetGroup(`${name}-tg-alt`, targetGroupArgs(settings), { parent });
}

/** The production rule on a listener of the service's own ALB: every request, forwarded by weight to both target groups. */
export function createProductionRule(
    name: string,
    listenerArn: pulumi.Input<string>,
    primaryTargetGroupArn: pulumi.Input<string>,
    alternateTargetGroupArn: pulumi.Input<string>,
    tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
    parent: pulumi.Resource,
): aws.lb.ListenerRule {
    return new aws.lb.ListenerRule(
        `${name}-production`,
        { listenerArn, priority: CATCH_ALL_PRIORITY, actions: [weightedForwardAction(primaryTargetGroupArn, alternateTargetGroupArn)], conditions: CATCH_ALL_CONDITIONS, tags },
        { parent, ignoreChanges: ["actions"] },
    );
}

/** Where a test listener goes and what it admits. */
export interface TestListenerSettings {
    /** The listener port (not 80, 443 or the container port). */
    port: number;
    loadBalancerArn: pulumi.Input<string>;
    /** The ALB's security group: the port is opened to `vpcCidr` only. */
    loadBalancerSecurityGroupId: pulumi.Input<string>;
    vpcCidr: pulumi.Input<string>;
    /** HTTPS with this certificate; HTTP without one. */
    certificateArn?: pulumi.Input<string>;
    /** TLS policy with a certificate. Default: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06". */
    sslPolicy?: pulumi.Input<string>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * A test listener (HTTPS with the production certificate when there is one, else HTTP) answering 404
 * by default, its catch-all test rule forwarding by weight to both target groups (ECS points it at the
 * new revision before production moves), and an ingress rule opening its port to the VPC CIDR only.
 */
export function createTestListener(
    name: string,
    s: TestListenerSettings,
    primaryTargetGroupArn: pulumi.Input<string>,
    alternateTargetGroupArn: pulumi.Input<string>,
    parent: pulumi.Resource,
): { listener: aws.lb.Listener; rule: aws.lb.ListenerRule; ingress: aws.vpc.SecurityGroupIngressRule } {
    const https = s.certificateArn !== undefined;
    const ingress = new aws.vpc.SecurityGroupIngressRule(
        `${name}-test-${s.port}`,
        {
            securityGroupId: s.loadBalancerSecurityGroupId,
            ipProtocol: "tcp",
            fromPort: s.port,
            toPort: s.port,
            cidrIpv4: s.vpcCidr,
            description: ec2Description(`Test listener (${https ? "HTTPS" : "HTTP"} ${s.port}) from inside the VPC only`),
        },
        { parent },
    );
    const listener = new aws.lb.Listener(
        `${name}-test`,
        {
            loadBalancerArn: s.loadBalancerArn,
            port: s.port,
            protocol: https ? "HTTPS" : "HTTP",
            sslPolicy: https ? (s.sslPolicy ?? DEFAULT_SSL_POLICY) : undefined,
            certificateArn: s.certificateArn,
            defaultActions: [NOT_FOUND_ACTION],
            tags: s.tags,
        },
        { parent },
    );
    const rule = new aws.lb.ListenerRule(
        `${name}-test`,
        { listenerArn: listener.arn, priority: CATCH_ALL_PRIORITY, actions: [weightedForwardAction(primaryTargetGroupArn, alternateTargetGroupArn)], conditions: CATCH_ALL_CONDITIONS, tags: s.tags },
        { parent, ignoreChanges: ["actions"] },
    );
    return { listener, rule, ingress };
}

/** The resources ECS may change during a deployment, as Inputs. */
export interface TrafficShiftTargets {
    listenerArns: pulumi.Input<string>[];
    listenerRuleArns: pulumi.Input<string>[];
    targetGroupArns: pulumi.Input<string>[];
}

/**
 * The role ECS assumes to shift traffic: trusted by `ecs.amazonaws.com` as AWS documents it, with one inline policy naming exactly the given listeners, rules and target groups.
 */
export function createTrafficShiftRole(name: string, targets: TrafficShiftTargets, tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined, parent: pulumi.Resource): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
    const role = new aws.iam.Role(
        `${name}-traffic-shift`,
        { assumeRolePolicy: JSON.stringify(ecsServiceTrustPolicy()), description: "ECS shifts ALB traffic between this service's target groups with this role", tags },
        { parent },
    );
    const policy = new aws.iam.RolePolicy(
        `${name}-traffic-shift`,
        {
            role: role.id,
            policy: pulumi
                .all([pulumi.all(targets.listenerArns), pulumi.all(targets.listenerRuleArns), pulumi.all(targets.targetGroupArns)])
                .apply(([listenerArns, listenerRuleArns, targetGroupArns]) => JSON.stringify(trafficShiftPolicy({ listenerArns, listenerRuleArns, targetGroupArns }))),
        },
        { parent },
    );
    return { role, policy };
}
