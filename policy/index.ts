import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./policies";

new PolicyPack("fargatekit", {
    policies: allPolicies,
    description: "Guardrails for ECS Fargate web stacks: task and service hardening, ECR, load balancers, IAM, KMS, logs, network, autoscaling and S3.",
    displayName: "fargatekit",
    provider: "aws",
    tags: ["aws", "ecs", "fargate"],
});
