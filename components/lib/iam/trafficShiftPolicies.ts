/**
 * IAM documents of the role ECS assumes to shift ALB traffic in blue/green, canary and linear
 * deployments, scoped to one service's listeners, rules and target groups. Pure functions.
 */
import { PolicyDocument, policyDocument } from "./iamStatements";

/** The load balancer resources one service's deployments may change. */
export interface TrafficShiftResources {
    /** Listeners holding the production (and test) rules. */
    listenerArns: string[];
    /** The production rule, and the test rule when there is one. */
    listenerRuleArns: string[];
    /** The primary and the alternate target group. */
    targetGroupArns: string[];
}

/** Read-only ELB actions ECS needs to find the rules and watch target health; AWS cannot scope them to resources. */
export const ELB_DESCRIBE_ACTIONS: readonly string[] = [
    "elasticloadbalancing:DescribeListeners",
    "elasticloadbalancing:DescribeRules",
    "elasticloadbalancing:DescribeTargetGroups",
    "elasticloadbalancing:DescribeTargetHealth",
];

/**
 * Trust policy of the ECS infrastructure role for load balancers, exactly as AWS documents it: the ECS
 * service (`ecs.amazonaws.com`) may assume it, with no condition. Source: Amazon ECS developer guide,
 * "Amazon ECS infrastructure IAM role for load balancers"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AmazonECSInfrastructureRolePolicyForLoadBalancers.html).
 * AWS does not document that ECS sends `aws:SourceAccount` or `aws:SourceArn` when it assumes this role,
 * and a condition on a key that is absent from the request denies the assumption, so every deployment
 * would fail. The confused-deputy risk is closed elsewhere: only a principal of this account allowed to
 * `iam:PassRole` it can hand the role to a service, and its policy names only this service's listeners,
 * rules and target groups.
 */
export function ecsServiceTrustPolicy(): object {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "AllowAccessToECSForInfrastructureManagement", Effect: "Allow", Principal: { Service: "ecs.amazonaws.com" }, Action: "sts:AssumeRole" }],
    };
}

function distinct(values: string[]): string[] {
    return [...new Set(values)];
}

/**
 * What ECS may do while it shifts traffic: modify exactly these listeners and rules (the forward
 * weights), register and deregister tasks in exactly these two target groups, and the read-only
 * `Describe*` calls on `*`.
 */
export function trafficShiftPolicy(r: TrafficShiftResources): PolicyDocument {
    return policyDocument([
        { Sid: "ShiftListenerWeights", Effect: "Allow", Action: ["elasticloadbalancing:ModifyListener"], Resource: distinct(r.listenerArns) },
        { Sid: "ShiftRuleWeights", Effect: "Allow", Action: ["elasticloadbalancing:ModifyRule"], Resource: distinct(r.listenerRuleArns) },
        {
            Sid: "RegisterTasks",
            Effect: "Allow",
            Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
            Resource: distinct(r.targetGroupArns),
        },
        { Sid: "ReadLoadBalancing", Effect: "Allow", Action: [...ELB_DESCRIBE_ACTIONS], Resource: ["*"] },
    ]);
}
