import { recorded, Row, runTable } from "../helpers/constraints";

const TG = "aws:lb/targetGroup:TargetGroup";
const task = (defs: object[]) => recorded("aws:ecs/taskDefinition:TaskDefinition", "td", { family: "web", containerDefinitions: JSON.stringify(defs) });

describe("constraints: enums (values the API lists)", () => {
    const rows: Row[] = [
        { what: "a target group of type ip over HTTP", resource: recorded(TG, "tg", { name: "tg", targetType: "ip", protocol: "HTTP", port: 80 }) },
        {
            what: "a target group type in lower case that is not a type (IP)",
            resource: recorded(TG, "tg", { name: "tg", targetType: "IP", protocol: "HTTP", port: 80 }),
            refused: { property: "targetType", source: /botocore .* elbv2 CreateTargetGroup\.TargetType \(shape TargetTypeEnum\)/, rule: /one of instance, ip, lambda, alb/ },
        },
        {
            what: "a listener protocol HTTP3",
            resource: recorded("aws:lb/listener:Listener", "l", { protocol: "HTTP3", port: 443 }),
            refused: { property: "protocol", source: /elbv2 CreateListener\.Protocol/ },
        },
        {
            what: "a redirect with status 307",
            resource: recorded("aws:lb/listener:Listener", "l", {
                protocol: "HTTP",
                port: 80,
                defaultActions: [{ type: "redirect", redirect: { statusCode: "HTTP_307", protocol: "HTTPS" } }],
            }),
            refused: { property: "defaultActions[0].redirect.statusCode", source: /RedirectConfig\.StatusCode/ },
        },
        {
            what: "a service with strategy CANARY and its canary configuration",
            resource: recorded("aws:ecs/service:Service", "s", { name: "s", deploymentConfiguration: { strategy: "CANARY", canaryConfiguration: { canaryPercent: 10 } } }),
        },
        {
            what: "a service with strategy BLUEGREEN",
            resource: recorded("aws:ecs/service:Service", "s", { name: "s", deploymentConfiguration: { strategy: "BLUEGREEN" } }),
            refused: { property: "deploymentConfiguration.strategy", source: /ecs CreateService\.deploymentConfiguration\.strategy/, rule: /ROLLING, BLUE_GREEN, LINEAR, CANARY/ },
        },
        {
            what: "a container port mapping over sctp",
            resource: task([{ name: "app", portMappings: [{ containerPort: 80, protocol: "sctp" }] }]),
            refused: { property: "containerDefinitions[0].portMappings[0].protocol", source: /ecs RegisterTaskDefinition\.containerDefinitions\[\]\.portMappings\[\]\.protocol/ },
        },
        {
            what: "a container ulimit nofile and the awslogs driver",
            resource: task([{ name: "app", ulimits: [{ name: "nofile", softLimit: 1, hardLimit: 2 }], logConfiguration: { logDriver: "awslogs" } }]),
        },
        {
            what: "a log driver cloudwatch",
            resource: task([{ name: "app", logConfiguration: { logDriver: "cloudwatch" } }]),
            refused: { property: "containerDefinitions[0].logConfiguration.logDriver", source: /LogDriver/ },
        },
        {
            what: "a dependsOn condition RUNNING",
            resource: task([{ name: "app", dependsOn: [{ containerName: "x", condition: "RUNNING" }] }, { name: "x" }]),
            refused: { property: "containerDefinitions[0].dependsOn[0].condition", source: /ContainerCondition/ },
        },
        { what: "a log retention of 30 days", resource: recorded("aws:cloudwatch/logGroup:LogGroup", "l", { name: "/a", retentionInDays: 30 }) },
        {
            what: "a log retention of 31 days",
            resource: recorded("aws:cloudwatch/logGroup:LogGroup", "l", { name: "/a", retentionInDays: 31 }),
            refused: { property: "retentionInDays", source: /botocore logs Days documentation/ },
        },
        {
            what: "a flow log aggregation interval of 300 s",
            resource: recorded("aws:ec2/flowLog:FlowLog", "f", { trafficType: "ALL", maxAggregationInterval: 300 }),
            refused: { property: "maxAggregationInterval", source: /CreateFlowLogsRequest\.MaxAggregationInterval/ },
        },
        {
            what: "an alarm statistic p99 (a percentile is an extendedStatistic)",
            resource: recorded("aws:cloudwatch/metricAlarm:MetricAlarm", "a", { name: "a", metricName: "Latency", namespace: "AWS/ApplicationELB", statistic: "p99" }),
            refused: { property: "statistic", source: /cloudwatch PutMetricAlarm\.Statistic/ },
        },
        {
            what: "a scaling policy on the ALB request count",
            resource: recorded("aws:appautoscaling/policy:Policy", "p", {
                name: "p",
                policyType: "TargetTrackingScaling",
                serviceNamespace: "ecs",
                scalableDimension: "ecs:service:DesiredCount",
                resourceId: "service/c/s",
                targetTrackingScalingPolicyConfiguration: {
                    predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: "app/a/1/targetgroup/t/2" },
                },
            }),
        },
        {
            what: "a scaling policy metric type that does not exist",
            resource: recorded("aws:appautoscaling/policy:Policy", "p", {
                name: "p",
                policyType: "TargetTrackingScaling",
                serviceNamespace: "ecs",
                scalableDimension: "ecs:service:DesiredCount",
                resourceId: "service/c/s",
                targetTrackingScalingPolicyConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPU" } },
            }),
            refused: { property: "targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType", source: /MetricType/ },
        },
        {
            what: "a WAF scope GLOBAL",
            resource: recorded("aws:wafv2/webAcl:WebAcl", "w", { name: "w", scope: "GLOBAL", visibilityConfig: { metricName: "w" } }),
            refused: { property: "scope", source: /wafv2 CreateWebACL\.Scope/ },
        },
    ];
    runTable(rows);
});
