import assert from "node:assert/strict";
import { estimateCost } from "../../tools/cost/model";
import { RecordedResource } from "../../tools/offline/types";

/** Records resources of one example stack; property dependencies name other recorded resources. */
function recorder() {
    const resources: RecordedResource[] = [];
    const add = (type: string, name: string, inputs: Record<string, any> = {}, deps: Record<string, RecordedResource[]> = {}, custom = true): RecordedResource => {
        const propertyDependencies = Object.fromEntries(Object.entries(deps).map(([key, list]) => [key, list.map((r) => r.urn)]));
        const resource: RecordedResource = {
            urn: `urn:pulumi:example::cost::${type}::${name}`,
            type,
            name,
            custom,
            inputs,
            outputs: { ...inputs, name, arn: `arn:aws:example:us-east-1:123456789012:${name}` },
            dependencies: Object.values(propertyDependencies).flat(),
            propertyDependencies,
            protect: false,
            ignoreChanges: [],
        };
        resources.push(resource);
        return resource;
    };
    return { resources, add };
}

/** Dev-like: single NAT over 2 AZs, public ALB, one ARM64 0.25 vCPU / 0.5 GB task all on Spot, 7-day logs, no Container Insights. */
function devLike(): RecordedResource[] {
    const { resources, add } = recorder();
    add("awsx:ec2:Vpc", "vpc", { numberOfAvailabilityZones: 2, natGateways: { strategy: "Single" } }, {}, false);
    add("aws:lb/loadBalancer:LoadBalancer", "alb", { loadBalancerType: "application", subnets: ["public-1", "public-2"] });
    add("aws:lb/targetGroup:TargetGroup", "tg", { targetType: "ip", port: 8080 });
    add("aws:lb/listener:Listener", "http", { port: 80 });
    add("aws:ecr/repository:Repository", "repo");
    const cluster = add("aws:ecs/cluster:Cluster", "cluster", { settings: [{ name: "containerInsights", value: "disabled" }] });
    const logs = add("aws:cloudwatch/logGroup:LogGroup", "web-logs", { retentionInDays: 7 });
    const td = add(
        "aws:ecs/taskDefinition:TaskDefinition",
        "web-td",
        { cpu: "256", memory: "512", runtimePlatform: { cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX" }, requiresCompatibilities: ["FARGATE"] },
        { containerDefinitions: [logs] },
    );
    add(
        "aws:ecs/service:Service",
        "web",
        {
            desiredCount: 1,
            capacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
            networkConfiguration: { assignPublicIp: false, subnets: ["private-1", "private-2"] },
        },
        { taskDefinition: [td], cluster: [cluster] },
    );
    add("aws:iam/role:Role", "web-exec");
    add("aws:ec2/securityGroup:SecurityGroup", "web-sg");
    return resources;
}

/** Prod-like: NAT per AZ over 3 AZs, public ALB, 2–10 x86 0.5 vCPU / 1 GB tasks with CPU and memory target tracking, Container Insights, KMS-encrypted 30-day logs, a secret, 2 alarms, a dashboard, WAF. */
function prodLike(): RecordedResource[] {
    const { resources, add } = recorder();
    add("awsx:ec2:Vpc", "vpc", { natGateways: { strategy: "OnePerAz" } }, {}, false);
    add("aws:lb/loadBalancer:LoadBalancer", "alb", { subnets: ["public-1", "public-2", "public-3"] });
    add("aws:lb/listener:Listener", "https", { port: 443, protocol: "HTTPS" });
    add("aws:lb/listener:Listener", "http-redirect", { port: 80 });
    add("aws:wafv2/webAcl:WebAcl", "waf");
    add("aws:ecr/repository:Repository", "repo");
    const cluster = add("aws:ecs/cluster:Cluster", "cluster", { settings: [{ name: "containerInsights", value: "enabled" }] });
    const key = add("aws:kms/key:Key", "logs-key", { enableKeyRotation: true });
    const logs = add("aws:cloudwatch/logGroup:LogGroup", "web-logs", { retentionInDays: 30, kmsKeyId: key.outputs.arn }, { kmsKeyId: [key] });
    const secret = add("aws:secretsmanager/secret:Secret", "db-password");
    const containers = JSON.stringify([{ name: "web", secrets: [{ name: "DB_PASSWORD", valueFrom: secret.outputs.arn }] }]);
    const td = add(
        "aws:ecs/taskDefinition:TaskDefinition",
        "web-td",
        { cpu: "512", memory: "1024", requiresCompatibilities: ["FARGATE"], containerDefinitions: containers },
        { containerDefinitions: [logs, secret] },
    );
    const service = add(
        "aws:ecs/service:Service",
        "web",
        { launchType: "FARGATE", desiredCount: 2, networkConfiguration: { assignPublicIp: false } },
        { taskDefinition: [td], cluster: [cluster] },
    );
    add("aws:appautoscaling/target:Target", "web-scaling", { minCapacity: 2, maxCapacity: 10, resourceId: "service/cluster/web" }, { resourceId: [service] });
    add("aws:appautoscaling/policy:Policy", "web-cpu", { policyType: "TargetTrackingScaling" });
    add("aws:appautoscaling/policy:Policy", "web-memory", { policyType: "TargetTrackingScaling" });
    add("aws:cloudwatch/metricAlarm:MetricAlarm", "alb-5xx", { metricName: "HTTPCode_ELB_5XX_Count", period: 60 });
    add("aws:cloudwatch/metricAlarm:MetricAlarm", "unhealthy-hosts", { metricName: "UnHealthyHostCount", period: 60 });
    add("aws:cloudwatch/dashboard:Dashboard", "ops");
    return resources;
}

describe("cost/examples: dev-like and prod-like stacks (us-east-1, default usage)", () => {
    it("dev-like = $63.74/month: NAT $32.85 + EIP $3.65 + ALB $16.43 + 2 IPs $7.30 + Spot ARM task $2.16 + usage $1.35", () => {
        const estimate = estimateCost(devLike(), { region: "us-east-1" });
        assert.deepEqual(
            estimate.items.map((i) => [i.resource, i.monthly]),
            [
                ["vpc", 32.85],
                ["vpc", 0.45],
                ["vpc", 3.65],
                ["alb", 16.425],
                ["alb", 0.292],
                ["alb", 7.3],
                ["alb", 0],
                ["repo", 0.1],
                ["web-logs", 0.5],
                ["web-logs", 0.0069],
                ["web", 2.1626],
            ],
        );
        assert.deepEqual(
            [estimate.monthlyTotal, estimate.monthlyMin, estimate.monthlyMax, estimate.fixedMonthly, estimate.usageMonthly],
            [63.7365, 63.7365, 63.7365, 62.3876, 1.3489],
        );
        assert.deepEqual(estimate.unpriced, []);
    });

    it("prod-like = $211.46/month (2 tasks), $355.62 at 10 tasks, WAF included ($5 ACL + $15.77 for 10 requests/s)", () => {
        const estimate = estimateCost(prodLike(), { region: "us-east-1" });
        assert.deepEqual(
            estimate.items.map((i) => [i.resource, i.monthly, i.monthlyMax]),
            [
                ["vpc", 98.55, 98.55],
                ["vpc", 0.45, 0.45],
                ["vpc", 10.95, 10.95],
                ["alb", 16.425, 16.425],
                ["alb", 0.292, 0.292],
                ["alb", 10.95, 10.95],
                ["alb", 0, 0],
                ["waf", 5, 5],
                ["waf", 0, 0],
                ["waf", 15.768, 15.768],
                ["repo", 0.1, 0.1],
                ["cluster", 11.4, 11.4],
                ["logs-key", 1, 1],
                ["logs-key", 0, 0],
                ["web-logs", 0.5, 0.5],
                ["web-logs", 0.0296, 0.0296],
                ["db-password", 0.4, 0.4],
                ["db-password", 0.005, 0.005],
                ["web", 36.0401, 180.2005],
                ["web-cpu", 0.2, 0.2],
                ["web-memory", 0.2, 0.2],
                ["alb-5xx", 0.1, 0.1],
                ["unhealthy-hosts", 0.1, 0.1],
                ["ops", 3, 3],
            ],
        );
        assert.deepEqual(
            [estimate.monthlyTotal, estimate.monthlyMin, estimate.monthlyMax, estimate.fixedMonthly, estimate.usageMonthly],
            [211.4597, 211.4597, 355.6201, 182.9151, 28.5446],
        );
        assert.deepEqual(estimate.unpriced, []);
    });

    it("prod-like in eu-west-1 costs more (NAT $0.048/h, ALB $0.0252/h, logs $0.57/GB)", () => {
        const estimate = estimateCost(prodLike(), { region: "eu-west-1" });
        assert.deepEqual([estimate.monthlyTotal, estimate.fixedMonthly], [220.1007, 191.4561]);
    });
});
