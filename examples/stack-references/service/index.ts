// A product team's service in its own project, on the platform of its environment: the stack config
// names the platform stack (platformStack: <org>/fargatekit-platform/<stack>) and nothing else about
// the VPC, cluster or load balancer.
import * as pulumi from "@pulumi/pulumi";
import { WebService, platformFromStackReference } from "fargatekit";

const config = new pulumi.Config();
const platform = platformFromStackReference(config.require("platformStack"));
const healthCheckCommand = config.get("healthCheckCommand");

const orders = new WebService("orders", {
    platform,
    image: { uri: config.require("image") },
    container: {
        port: config.getNumber("containerPort") ?? 8080,
        healthCheck: healthCheckCommand ? { command: ["CMD-SHELL", healthCheckCommand], interval: 30, timeout: 5, retries: 3, startPeriod: 10 } : undefined,
    },
    targetGroup: { healthCheckPath: config.get("healthCheckPath") ?? "/" },
    routing: {
        // The platform's listener sends /orders/* here; other projects take other paths or hosts.
        pathPatterns: ["/orders/*"],
        // Explicit, because services of this platform live in separate projects (see the README).
        listenerPriority: config.getNumber("listenerPriority", { min: 1, max: 50000 }) ?? 100,
    },
    scaling: {
        minCount: config.getNumber("minCount") ?? 1,
        maxCount: config.getNumber("maxCount") ?? 4,
        // Scales on this service's share of the platform ALB's requests (its target group's request count).
        requestsPerTarget: config.getNumber("requestsPerTarget") ?? 500,
        desiredCount: config.getNumber("minCount") ?? 1,
        onDemandBase: config.getNumber("minCount") ?? 1,
    },
    logs: { retentionDays: config.getNumber("logRetentionDays") ?? 30 },
    tags: { environment: pulumi.getStack(), owner: "orders-team" },
});

export const url = orders.url;
export const serviceName = orders.serviceName;
export const clusterName = orders.clusterName;
export const logGroupName = orders.logGroupName;
export const listenerPriority = orders.listenerPriority;
export const taskSubnetIds = orders.taskSubnetIds;
export const assignPublicIp = orders.assignPublicIp;
