// A web service in a VPC you already have: the ALB goes in your public subnets, the tasks in your
// private subnets (without public IPs), and no VPC, subnet, route or NAT gateway is created. Optionally
// an existing ECS cluster (clusterArn) and an existing KMS key (kmsKeyArn) are used instead of new ones.
import * as pulumi from "@pulumi/pulumi";
import { WebService } from "fargatekit";

const config = new pulumi.Config();
const minCount = config.getNumber("minCount", { min: 1, max: 100 }) ?? 1;

const web = new WebService("web", {
    image: { uri: config.require("image") },
    container: { port: config.getNumber("containerPort") ?? 8080 },
    targetGroup: { healthCheckPath: config.get("healthCheckPath") ?? "/" },
    network: {
        vpcId: config.require("vpcId"),
        publicSubnetIds: config.requireObject<string[]>("publicSubnetIds"),
        privateSubnetIds: config.requireObject<string[]>("privateSubnetIds"),
        // Interface endpoints for ECR and logs plus an S3 gateway endpoint in your VPC, for private subnets without a NAT route.
        vpcEndpoints: config.getBoolean("vpcEndpoints") ?? false,
    },
    cluster: { arn: config.get("clusterArn") },
    kmsKeyArn: config.get("kmsKeyArn"),
    loadBalancer: { certificateArn: config.get("certificateArn"), deletionProtection: config.getBoolean("deletionProtection") ?? false },
    scaling: { minCount, desiredCount: minCount, onDemandBase: minCount, maxCount: config.getNumber("maxCount", { min: 1, max: 100 }) ?? 4 },
    logs: { retentionDays: config.getNumber("logRetentionDays") ?? 30 },
    tags: { environment: pulumi.getStack(), owner: "web-team" },
});

export const url = web.url;
export const serviceName = web.serviceName;
export const clusterName = web.clusterName;
export const logGroupName = web.logGroupName;
export const taskSubnetIds = web.taskSubnetIds;
