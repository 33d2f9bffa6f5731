// A standalone service that rolls out blue/green with ECS's native deployment: each new revision starts
// in a second target group, is reachable on a test listener (from inside the VPC only) before any
// production traffic, then takes all production traffic at once; the old revision stays ready for
// bakeTimeMinutes so a rollback is a switch back. Canary and linear are the same shape (see README.md).
import * as pulumi from "@pulumi/pulumi";
import { WebService } from "fargatekit";

const config = new pulumi.Config();
const testListenerPort = config.getNumber("testListenerPort", { min: 1, max: 65535 }) ?? 9000;

const web = new WebService("web", {
    image: { uri: config.require("image") },
    container: { port: config.getNumber("containerPort") ?? 8080 },
    targetGroup: { healthCheckPath: config.get("healthCheckPath") ?? "/" },
    deployment: {
        strategy: "blueGreen",
        bakeTimeMinutes: config.getNumber("bakeTimeMinutes", { min: 0, max: 1440 }) ?? 5,
        // The new revision answers here before production traffic moves (from inside the VPC only).
        testListenerPort,
    },
    logs: { retentionDays: config.getNumber("logRetentionDays") ?? 30 },
    tags: { environment: pulumi.getStack(), owner: "web-team" },
});

export const url = web.url;
export const serviceName = web.serviceName;
export const clusterName = web.clusterName;
export const logGroupName = web.logGroupName;
// The new revision during a deployment, from inside the VPC (e.g. a CI runner there, or `aws ecs execute-command`).
export const testUrl = pulumi.interpolate`${web.url}:${testListenerPort}/`;
