// The simplest use of the library: one web service with everything it needs of its own (a VPC, an ECS
// cluster, an ALB, a KMS key, a log group, roles and autoscaling), from one prebuilt image. No platform:
// the service owns its network and load balancer (see ../platform-and-services to share them).
import * as pulumi from "@pulumi/pulumi";
import { ContainerInsights, NatStrategy, WebService } from "fargatekit";

const config = new pulumi.Config();
const minCount = config.getNumber("minCount", { min: 1, max: 100 }) ?? 1;
const healthCheckCommand = config.get("healthCheckCommand");

const web = new WebService("web", {
    image: { uri: config.require("image") },
    container: {
        port: config.getNumber("containerPort") ?? 8080,
        healthCheck: healthCheckCommand ? { command: ["CMD-SHELL", healthCheckCommand], interval: 30, timeout: 5, retries: 3, startPeriod: 10 } : undefined,
    },
    targetGroup: { healthCheckPath: config.get("healthCheckPath") ?? "/" },
    scaling: { minCount, desiredCount: minCount, onDemandBase: minCount, maxCount: config.getNumber("maxCount", { min: 1, max: 100 }) ?? 4 },
    // The network, cluster and load balancer of this service alone (its own platform).
    network: {
        natStrategy: config.get("natStrategy", { allowedValues: Object.values(NatStrategy) }) ?? "none",
        azCount: config.getNumber("azCount", { min: 2, max: 6 }) ?? 2,
        flowLogs: config.getBoolean("flowLogs") ?? false,
        vpcEndpoints: config.getBoolean("vpcEndpoints") ?? false,
    },
    cluster: { containerInsights: config.get("containerInsights", { allowedValues: Object.values(ContainerInsights) }) ?? "disabled" },
    loadBalancer: {
        certificateArn: config.get("certificateArn"),
        deletionProtection: config.getBoolean("deletionProtection") ?? false,
        accessLogs: config.getBoolean("accessLogs") ?? false,
        waf: config.getBoolean("waf") ?? false,
    },
    logs: { retentionDays: config.getNumber("logRetentionDays") ?? 30 },
    alarms: { enabled: config.getBoolean("alarms") ?? false },
    protectStatefulResources: config.getBoolean("protectStatefulResources") ?? false,
    tags: { environment: pulumi.getStack(), owner: "web-team" },
});

export const url = web.url;
export const serviceName = web.serviceName;
export const clusterName = web.clusterName;
export const logGroupName = web.logGroupName;
