// The platform of one environment (a stack per environment: dev, prod), owned by the platform team:
// VPC, ECS cluster, ALB with its listeners and security group, and a KMS key. Services attach from
// their own projects through a stack reference to this stack (see ../service and ../README.md).
import * as pulumi from "@pulumi/pulumi";
import { Platform, ContainerInsights, NatStrategy, platformOutputs } from "fargatekit";

const config = new pulumi.Config();

const platform = new Platform("shared", {
    network: {
        natStrategy: config.get("natStrategy", { allowedValues: Object.values(NatStrategy) }) ?? "none",
        azCount: config.getNumber("azCount", { min: 2, max: 6 }) ?? 2,
        flowLogs: config.getBoolean("flowLogs") ?? false,
        vpcEndpoints: config.getBoolean("vpcEndpoints") ?? false,
    },
    logs: { retentionDays: config.getNumber("flowLogRetentionDays") ?? 30 },
    cluster: { containerInsights: config.get("containerInsights", { allowedValues: Object.values(ContainerInsights) }) ?? "disabled" },
    loadBalancer: {
        certificateArn: config.get("certificateArn"),
        deletionProtection: config.getBoolean("deletionProtection") ?? false,
        accessLogs: config.getBoolean("accessLogs") ?? false,
        waf: config.getBoolean("waf") ?? false,
    },
    protectKey: config.getBoolean("protectKey") ?? false,
    tags: { environment: pulumi.getStack(), owner: "platform-team" },
});

export = platformOutputs(platform.handle);
