// A platform and two services behind its one ALB, in one program: "api" answers /api/*, "web" every
// other path. Each service has its own target group, listener rule and task security group; the
// explicit priorities put the more specific rule first.
import * as pulumi from "@pulumi/pulumi";
import { ContainerInsights, NatStrategy, Platform, WebService, WebServiceArgs } from "fargatekit";

const config = new pulumi.Config();
const stack = pulumi.getStack();

const platform = new Platform("shared", {
    network: {
        natStrategy: config.get("natStrategy", { allowedValues: Object.values(NatStrategy) }) ?? "none",
        azCount: config.getNumber("azCount", { min: 2, max: 6 }) ?? 2,
        flowLogs: config.getBoolean("flowLogs") ?? false,
        vpcEndpoints: config.getBoolean("vpcEndpoints") ?? false,
    },
    logs: { retentionDays: config.getNumber("logRetentionDays") ?? 30 },
    cluster: { containerInsights: config.get("containerInsights", { allowedValues: Object.values(ContainerInsights) }) ?? "disabled" },
    loadBalancer: {
        certificateArn: config.get("certificateArn"),
        deletionProtection: config.getBoolean("deletionProtection") ?? false,
        accessLogs: config.getBoolean("accessLogs") ?? false,
        waf: config.getBoolean("waf") ?? false,
    },
    protectKey: config.getBoolean("protectStatefulResources") ?? false,
    tags: { environment: stack, owner: "platform-team" },
});

const minCount = config.getNumber("minCount", { min: 1, max: 100 }) ?? 1;
const healthCheckCommand = config.get("healthCheckCommand");
/** What both services share: the image, its port and probes, sizes and the environment's safeguards. */
const common: WebServiceArgs = {
    platform: platform.handle,
    image: { uri: config.require("image") },
    container: {
        port: 8080,
        healthCheck: healthCheckCommand ? { command: ["CMD-SHELL", healthCheckCommand], interval: 30, timeout: 5, retries: 3, startPeriod: 10 } : undefined,
    },
    targetGroup: { healthCheckPath: "/" },
    scaling: { minCount, desiredCount: minCount, onDemandBase: minCount, maxCount: config.getNumber("maxCount", { min: 1, max: 100 }) ?? 4 },
    logs: { retentionDays: config.getNumber("logRetentionDays") ?? 30 },
    alarms: { enabled: config.getBoolean("alarms") ?? false },
    protectStatefulResources: config.getBoolean("protectStatefulResources") ?? false,
};

const api = new WebService("api", { ...common, routing: { pathPatterns: ["/api/*"], listenerPriority: 100 }, tags: { environment: stack, owner: "api-team" } });
const web = new WebService("web", { ...common, routing: { pathPatterns: ["/*"], listenerPriority: 50000 }, tags: { environment: stack, owner: "web-team" } });

export const url = platform.url;
export const apiUrl = api.url;
export const webUrl = web.url;
export const clusterName = platform.clusterName;
