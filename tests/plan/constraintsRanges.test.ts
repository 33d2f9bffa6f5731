import { recorded, Row, runTable } from "../helpers/constraints";

const SERVICE = "aws:ecs/service:Service";
const TG = "aws:lb/targetGroup:TargetGroup";
const canary = (canaryPercent: unknown) => recorded(SERVICE, "s", { name: "s", deploymentConfiguration: { strategy: "CANARY", canaryConfiguration: { canaryPercent } } });
const linear = (stepPercent: unknown) => recorded(SERVICE, "s", { name: "s", deploymentConfiguration: { strategy: "LINEAR", linearConfiguration: { stepPercent } } });
const tg = (healthCheck: object) => recorded(TG, "tg", { name: "tg", protocol: "HTTP", port: 80, healthCheck });
const task = (healthCheck: object) =>
    recorded("aws:ecs/taskDefinition:TaskDefinition", "td", {
        family: "web",
        containerDefinitions: JSON.stringify([{ name: "app", healthCheck: { command: ["CMD", "true"], ...healthCheck } }]),
    });

describe("constraints: numeric ranges, steps and list sizes", () => {
    const canarySource = /botocore ecs CanaryConfiguration\.canaryPercent documentation: "Valid values are multiples of 0\.1 from 0\.1 to 100\.0"/;
    const rows: Row[] = [
        { what: "a canary of 12.3 %", resource: canary(12.3) },
        { what: "a canary of 0.1 %", resource: canary(0.1) },
        {
            what: "a canary of 12.34 % (not a multiple of 0.1)",
            resource: canary(12.34),
            refused: { property: "deploymentConfiguration.canaryConfiguration.canaryPercent", source: canarySource, rule: /steps of 0\.1/ },
        },
        { what: "a canary of 0 %", resource: canary(0), refused: { property: "deploymentConfiguration.canaryConfiguration.canaryPercent", source: canarySource } },
        { what: "a linear step of 3 %", resource: linear(3) },
        {
            what: "a linear step of 2.9 %",
            resource: linear(2.9),
            refused: { property: "deploymentConfiguration.linearConfiguration.stepPercent", source: /LinearConfiguration\.stepPercent documentation/ },
        },
        {
            what: "a canary bake of 1441 minutes (a string, as the provider takes it)",
            resource: recorded(SERVICE, "s", {
                name: "s",
                deploymentConfiguration: { strategy: "CANARY", canaryConfiguration: { canaryPercent: 5, canaryBakeTimeInMinutes: "1441" } },
            }),
            refused: { property: "deploymentConfiguration.canaryConfiguration.canaryBakeTimeInMinutes", source: /canaryBakeTimeInMinutes documentation/ },
        },
        {
            what: "an on-demand weight of 1000 and base of 100000",
            resource: recorded(SERVICE, "s", { name: "s", forceNewDeployment: true, capacityProviderStrategies: [{ capacityProvider: "FARGATE", weight: 1000, base: 100000 }] }),
        },
        {
            what: "a Spot weight of 1001",
            resource: recorded(SERVICE, "s", { name: "s", forceNewDeployment: true, capacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", weight: 1001 }] }),
            refused: { property: "capacityProviderStrategies[0].weight", source: /botocore .* ecs CreateService\.capacityProviderStrategy\[\]\.weight/ },
        },
        {
            what: "a target group health check every 15 s, timeout 5 s, thresholds 2 and 3",
            resource: tg({ interval: 15, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3, path: "/health" }),
        },
        {
            what: "a target group health check every 4 s",
            resource: tg({ interval: 4 }),
            refused: { property: "healthCheck.interval", source: /elbv2 CreateTargetGroup\.HealthCheckIntervalSeconds/, rule: /from 5 to 300/ },
        },
        {
            what: "a target group unhealthy threshold of 11",
            resource: tg({ unhealthyThreshold: 11 }),
            refused: { property: "healthCheck.unhealthyThreshold", source: /UnhealthyThresholdCount/ },
        },
        {
            what: "a target group health check path of 1025 characters",
            resource: tg({ path: "/" + "p".repeat(1024) }),
            refused: { property: "healthCheck.path", source: /HealthCheckPath/ },
        },
        {
            what: "a target group port 0",
            resource: recorded(TG, "tg", { name: "tg", protocol: "HTTP", port: 0 }),
            refused: { property: "port", source: /CreateTargetGroup\.Port/ },
        },
        {
            what: "a deregistration delay of 3601 s",
            resource: recorded(TG, "tg", { name: "tg", deregistrationDelay: 3601 }),
            refused: { property: "deregistrationDelay", source: /deregistration_delay\.timeout_seconds/ },
        },
        {
            what: "a container health check timeout of 61 s",
            resource: task({ timeout: 61 }),
            refused: { property: "containerDefinitions[0].healthCheck.timeout", source: /HealthCheck\.timeout documentation/ },
        },
        { what: "a container health check of 30 s / 5 s / 3 retries / 10 s start", resource: task({ interval: 30, timeout: 5, retries: 3, startPeriod: 10 }) },
        {
            what: "a KMS deletion window of 6 days",
            resource: recorded("aws:kms/key:Key", "k", { deletionWindowInDays: 6 }),
            refused: { property: "deletionWindowInDays", source: /PendingWindowInDays documentation/ },
        },
        { what: "a dead-letter queue keeping messages 14 days", resource: recorded("aws:sqs/queue:Queue", "q", { name: "q", messageRetentionSeconds: 1209600 }) },
        {
            what: "a dead-letter queue keeping messages 15 days",
            resource: recorded("aws:sqs/queue:Queue", "q", { name: "q", messageRetentionSeconds: 1296000 }),
            refused: { property: "messageRetentionSeconds", source: /MessageRetentionPeriod/ },
        },
        {
            what: "a listener rule priority of 50001",
            resource: recorded("aws:lb/listenerRule:ListenerRule", "r", { priority: 50001 }),
            refused: { property: "priority", source: /elbv2 CreateRule\.Priority/ },
        },
        {
            what: "an alarm with six actions",
            resource: recorded("aws:cloudwatch/metricAlarm:MetricAlarm", "a", {
                name: "a",
                metricName: "m",
                namespace: "n",
                statistic: "Sum",
                alarmActions: ["a1", "a2", "a3", "a4", "a5", "a6"],
            }),
            refused: { property: "alarmActions", source: /PutMetricAlarm\.AlarmActions \(shape ResourceList\)/, rule: /at most 5 items/ },
        },
        {
            what: "a scheduled task with 11 tasks per run",
            resource: recorded("aws:scheduler/schedule:Schedule", "s", { name: "s", target: { ecsParameters: { taskCount: 11 } } }),
            refused: { property: "target.ecsParameters.taskCount", source: /EcsParameters\.TaskCount/ },
        },
        {
            what: "a schedule retry policy of 186 attempts",
            resource: recorded("aws:scheduler/schedule:Schedule", "s", { name: "s", target: { retryPolicy: { maximumRetryAttempts: 186 } } }),
            refused: { property: "target.retryPolicy.maximumRetryAttempts", source: /MaximumRetryAttempts/ },
        },
        {
            what: "a tag value of 257 characters",
            resource: recorded(TG, "tg", { name: "tg", tags: { owner: "o".repeat(257) } }),
            refused: { property: "tags.owner", source: /elbv2 CreateTargetGroup\.Tags\[\]\.Value/ },
        },
    ];
    runTable(rows);
});
