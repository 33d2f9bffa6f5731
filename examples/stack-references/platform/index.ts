// The platform of one environment (a stack per environment: dev, prod), owned by the platform team:
// VPC, ECS cluster, ALB with its listeners and security group, and a KMS key. Services attach from
// their own projects through a stack reference to this stack (see ../service and ../README.md).
import * as pulumi from "@pulumi/pulumi";
import { Platform, PlatformContainerInsights, PlatformNatStrategy, platformOutputs } from "fargatekit";

const config = new pulumi.Config();

const platform = new Platform("shared", {
    natStrategy: config.get("natStrategy", { allowedValues: Object.values(PlatformNatStrategy) }) ?? "none",
    azCount: config.getNumber("azCount", { min: 2, max: 6 }) ?? 2,
    flowLogs: config.getBoolean("flowLogs") ?? false,
    flowLogRetentionDays: config.getNumber("flowLogRetentionDays") ?? 30,
    vpcEndpoints: config.getBoolean("vpcEndpoints") ?? false,
    containerInsights: config.get("containerInsights", { allowedValues: Object.values(PlatformContainerInsights) }) ?? "disabled",
    certificateArn: config.get("certificateArn"),
    deletionProtection: config.getBoolean("deletionProtection") ?? false,
    accessLogs: config.getBoolean("accessLogs") ?? false,
    waf: config.getBoolean("waf") ?? false,
    protectKey: config.getBoolean("protectKey") ?? false,
    tags: { environment: pulumi.getStack(), owner: "platform-team" },
});

// Every output a service project reads through platformFromStackReference("<org>/fargatekit-platform/<stack>").
export = platformOutputs(platform.handle);
