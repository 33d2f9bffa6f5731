/**
 * Every policy of the fargatekit pack, in one list. Each family module owns its rules; this file
 * only concatenates them so the pack entry point and the offline runners share the same list.
 */
import { Policies } from "@pulumi/policy";
import { autoscalingPolicies } from "./autoscaling";
import { ecrPolicies } from "./ecr";
import { ecsPolicies } from "./ecs";
import { iamPolicies } from "./iam";
import { kmsPolicies } from "./kms";
import { loadBalancerPolicies } from "./loadBalancer";
import { logsPolicies } from "./logs";
import { networkPolicies } from "./network";
import { s3Policies } from "./s3";

/** All policies of the pack, family by family. */
export const allPolicies: Policies = [
    ...ecsPolicies,
    ...ecrPolicies,
    ...loadBalancerPolicies,
    ...autoscalingPolicies,
    ...iamPolicies,
    ...logsPolicies,
    ...kmsPolicies,
    ...networkPolicies,
    ...s3Policies,
];
