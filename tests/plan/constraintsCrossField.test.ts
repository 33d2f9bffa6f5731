import { recorded, Row, runTable } from "../helpers/constraints";

const SERVICE = "aws:ecs/service:Service";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const strategy = [{ capacityProvider: "FARGATE", weight: 1, base: 1 }];

describe("constraints: cross-field rules (required together, mutually exclusive, provider plan-time checks)", () => {
    const rows: Row[] = [
        {
            what: "a service with a capacity strategy and forceNewDeployment",
            resource: recorded(SERVICE, "s", { name: "s", capacityProviderStrategies: strategy, forceNewDeployment: true }),
        },
        {
            what: "a service with a capacity strategy and no forceNewDeployment",
            resource: recorded(SERVICE, "s", { name: "s", capacityProviderStrategies: strategy }),
            refused: { property: "forceNewDeployment", source: /terraform-provider-aws .*capacityProviderStrategyCustomizeDiff/ },
        },
        { what: "a service on the launch type without a strategy", resource: recorded(SERVICE, "s", { name: "s", launchType: "FARGATE" }) },
        {
            what: "a CANARY service without canaryConfiguration",
            resource: recorded(SERVICE, "s", { name: "s", deploymentConfiguration: { strategy: "CANARY" } }),
            refused: { property: "deploymentConfiguration.canaryConfiguration", source: /Only valid when the deployment strategy is CANARY/ },
        },
        {
            what: "a ROLLING service with a linearConfiguration",
            resource: recorded(SERVICE, "s", { name: "s", deploymentConfiguration: { strategy: "ROLLING", linearConfiguration: { stepPercent: 10 } } }),
            refused: { property: "deploymentConfiguration.linearConfiguration", source: /Only valid when the deployment strategy is LINEAR/ },
        },
        {
            what: "a LINEAR service with its linearConfiguration",
            resource: recorded(SERVICE, "s", { name: "s", deploymentConfiguration: { strategy: "LINEAR", linearConfiguration: { stepPercent: 10 } } }),
        },
        {
            what: "a LINEAR service without linearConfiguration",
            resource: recorded(SERVICE, "s", { name: "s", deploymentConfiguration: { strategy: "LINEAR" } }),
            refused: {
                property: "deploymentConfiguration.linearConfiguration",
                source: /Only valid when the deployment strategy is LINEAR/,
                rule: /required with strategy LINEAR/,
            },
        },
        {
            what: "a ROLLING service with a canaryConfiguration",
            resource: recorded(SERVICE, "s", { name: "s", deploymentConfiguration: { strategy: "ROLLING", canaryConfiguration: { canaryPercent: 10 } } }),
            refused: { property: "deploymentConfiguration.canaryConfiguration", source: /Only valid when the deployment strategy is CANARY/ },
        },
        {
            what: "a task given its containers as a list whose names repeat",
            resource: recorded("aws:ecs/taskDefinition:TaskDefinition", "td", { family: "f", containerDefinitions: [{ name: "app" }, { name: "app", essential: false }] }),
            refused: { property: "containerDefinitions[].name", source: /ContainerDefinition\.name/ },
        },
        {
            what: "a BLUE_GREEN service without bake time",
            resource: recorded(SERVICE, "s", { name: "s", deploymentConfiguration: { strategy: "BLUE_GREEN" } }),
            refused: { property: "deploymentConfiguration.bakeTimeInMinutes", source: /must provide this parameter when you use the BLUE_GREEN/ },
        },
        {
            what: "a BLUE_GREEN service with a 5-minute bake",
            resource: recorded(SERVICE, "s", { name: "s", deploymentConfiguration: { strategy: "BLUE_GREEN", bakeTimeInMinutes: "5" } }),
        },
        {
            what: "a task whose containers are all non-essential",
            resource: recorded("aws:ecs/taskDefinition:TaskDefinition", "td", {
                family: "f",
                containerDefinitions: JSON.stringify([
                    { name: "a", essential: false },
                    { name: "b", essential: false },
                ]),
            }),
            refused: { property: "containerDefinitions[].essential", source: /at least one essential container/ },
        },
        {
            what: "a task with two containers named app",
            resource: recorded("aws:ecs/taskDefinition:TaskDefinition", "td", {
                family: "f",
                containerDefinitions: JSON.stringify([{ name: "app" }, { name: "app", essential: false }]),
            }),
            refused: { property: "containerDefinitions[].name", source: /ContainerDefinition\.name/ },
        },
        {
            what: "an alarm with statistic and extendedStatistic",
            resource: recorded(ALARM, "a", { name: "a", metricName: "m", namespace: "n", statistic: "Average", extendedStatistic: "p99" }),
            refused: { property: "statistic", source: /not both/ },
        },
        {
            what: "an alarm on metric math that also names a metric",
            resource: recorded(ALARM, "a", { name: "a", metricName: "m", metricQueries: [{ id: "e1", expression: "m1/m2", returnData: true }] }),
            refused: { property: "metricName", source: /PutMetricAlarmInput\.Metrics documentation/ },
        },
        { what: "an alarm on metric math alone", resource: recorded(ALARM, "a", { name: "a", metricQueries: [{ id: "e1", expression: "m1/m2", returnData: true }] }) },
        {
            what: "an alarm with 3 of 2 datapoints",
            resource: recorded(ALARM, "a", { name: "a", metricName: "m", namespace: "n", statistic: "Sum", datapointsToAlarm: 3, evaluationPeriods: 2 }),
            refused: { property: "datapointsToAlarm", source: /M out of N/ },
        },
        {
            what: "an ingress rule with both a CIDR and a source group",
            resource: recorded(INGRESS, "r", { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "10.0.0.0/16", referencedSecurityGroupId: "sg-1" }),
            refused: { property: "cidrIpv4,referencedSecurityGroupId", source: /ExactlyOneOf/ },
        },
        {
            what: "an ingress rule from port 443 to 80",
            resource: recorded(INGRESS, "r", { ipProtocol: "tcp", fromPort: 443, toPort: 80, cidrIpv4: "10.0.0.0/16" }),
            refused: { property: "fromPort", source: /IpPermission\.FromPort/ },
        },
        {
            what: "a FLEXIBLE schedule without a window",
            resource: recorded("aws:scheduler/schedule:Schedule", "s", { name: "s", flexibleTimeWindow: { mode: "FLEXIBLE" } }),
            refused: { property: "flexibleTimeWindow.maximumWindowInMinutes", source: /scheduler/ },
        },
    ];
    runTable(rows);
});
