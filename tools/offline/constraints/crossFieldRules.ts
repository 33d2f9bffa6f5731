/**
 * Rules over several properties of one resource: required combinations, mutually exclusive fields and
 * the provider's plan-time checks that concern changes. A rule about a change is judged on the
 * registered inputs: the resource must be set up so that every change the program can make is
 * accepted (e.g. a service whose capacity strategy can change must set forceNewDeployment).
 */

/** One finding of a cross-field rule: the property it is reported on and the values it looked at. */
export interface CrossFieldFinding {
    property: string;
    value: unknown;
}

export interface CrossFieldRule {
    type: string;
    rule: string;
    source: string;
    /** Findings on a resource's inputs (known values only, JSON-string properties parsed; see `withJsonParsed` in check.ts). */
    check(inputs: Record<string, any>): CrossFieldFinding[];
}

const SERVICE = "aws:ecs/service:Service";
const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const has = (v: unknown): boolean => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);

/**
 * A member of `deploymentConfiguration` that is required with one strategy and only valid with it
 * (ECS refuses it with any other strategy).
 */
const onlyWithStrategy = (strategy: string, member: string): CrossFieldRule => ({
    type: SERVICE,
    rule: `deploymentConfiguration.${member} is required with strategy ${strategy} and only valid with it`,
    source: `botocore ecs DeploymentConfiguration.${member} documentation: "Only valid when the deployment strategy is ${strategy}"`,
    check: (i) => {
        const d = i.deploymentConfiguration ?? {};
        return (d.strategy === strategy) !== has(d[member])
            ? [{ property: `deploymentConfiguration.${member}`, value: { strategy: d.strategy ?? null, [member]: d[member] ?? null } }]
            : [];
    },
});

const sgRuleTargets = (type: string, provider: string): CrossFieldRule => ({
    type,
    rule: "exactly one of cidrIpv4, cidrIpv6, prefixListId and referencedSecurityGroupId",
    source: `terraform-provider-aws internal/service/ec2/${provider} (ExactlyOneOf config validator)`,
    check: (i) => {
        const set = ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"].filter((k) => has(i[k]));
        return set.length === 1 ? [] : [{ property: set.length === 0 ? "cidrIpv4" : set.join(","), value: Object.fromEntries(set.map((k) => [k, i[k]])) }];
    },
});

const portOrder = (type: string): CrossFieldRule => ({
    type,
    rule: "fromPort must not be greater than toPort (the start and the end of the port range)",
    source: "botocore ec2 IpPermission.FromPort and IpPermission.ToPort documentation",
    check: (i) =>
        typeof i.fromPort === "number" && typeof i.toPort === "number" && i.ipProtocol !== "icmp" && i.ipProtocol !== "icmpv6" && i.fromPort > i.toPort
            ? [{ property: "fromPort", value: { fromPort: i.fromPort, toPort: i.toPort } }]
            : [],
});

export const CROSS_FIELD_RULES: CrossFieldRule[] = [
    {
        type: SERVICE,
        rule: "a service with capacityProviderStrategies must set forceNewDeployment: true, because the provider refuses any change of capacityProviderStrategies without it",
        source: "terraform-provider-aws internal/service/ecs/service.go capacityProviderStrategyCustomizeDiff (PR 43533)",
        check: (i) => (has(i.capacityProviderStrategies) && i.forceNewDeployment !== true ? [{ property: "forceNewDeployment", value: i.forceNewDeployment ?? null }] : []),
    },
    onlyWithStrategy("CANARY", "canaryConfiguration"),
    onlyWithStrategy("LINEAR", "linearConfiguration"),
    {
        type: SERVICE,
        rule: "deploymentConfiguration.bakeTimeInMinutes is required with strategy BLUE_GREEN",
        source: 'botocore ecs DeploymentConfiguration.bakeTimeInMinutes documentation: "You must provide this parameter when you use the BLUE_GREEN deployment strategy"',
        check: (i) =>
            i.deploymentConfiguration?.strategy === "BLUE_GREEN" && !has(i.deploymentConfiguration.bakeTimeInMinutes)
                ? [{ property: "deploymentConfiguration.bakeTimeInMinutes", value: null }]
                : [],
    },
    {
        type: TASK,
        rule: "a task needs at least one essential container (essential defaults to true)",
        source: 'botocore ecs ContainerDefinition.essential documentation: "All tasks must have at least one essential container"',
        check: (i) => {
            const defs = i.containerDefinitions;
            return Array.isArray(defs) && defs.length > 0 && defs.every((d: any) => d?.essential === false)
                ? [{ property: "containerDefinitions[].essential", value: defs.map((d: any) => d.essential) }]
                : [];
        },
    },
    {
        type: TASK,
        rule: "container names must be unique within a task definition",
        source: 'botocore ecs ContainerDefinition.name documentation ("the name of one container can be entered in the links of another container")',
        check: (i) => {
            const defs = i.containerDefinitions;
            if (!Array.isArray(defs)) return [];
            const names = defs.map((d: any) => d?.name);
            const dup = names.filter((n: unknown, k: number) => names.indexOf(n) !== k);
            return dup.length > 0 ? [{ property: "containerDefinitions[].name", value: [...new Set(dup)] }] : [];
        },
    },
    {
        type: ALARM,
        rule: "statistic and extendedStatistic cannot both be set",
        source: 'botocore cloudwatch PutMetricAlarmInput.Statistic documentation: "you must specify either Statistic or ExtendedStatistic, but not both"',
        check: (i) => (has(i.statistic) && has(i.extendedStatistic) ? [{ property: "statistic", value: { statistic: i.statistic, extendedStatistic: i.extendedStatistic } }] : []),
    },
    {
        type: ALARM,
        rule: "an alarm watches either metricName or metricQueries: with metricQueries, namespace, metricName, dimensions, period, unit, statistic and extendedStatistic must be unset",
        source: 'botocore cloudwatch PutMetricAlarmInput.Metrics documentation: "you must specify either MetricName, a Metrics array … If you use the Metrics parameter, you cannot include the Namespace, MetricName, Dimensions, Period, Unit, Statistic, or ExtendedStatistic parameters"',
        check: (i) => {
            if (!has(i.metricQueries)) return has(i.metricName) ? [] : [{ property: "metricName", value: null }];
            const clash = ["namespace", "metricName", "dimensions", "period", "unit", "statistic", "extendedStatistic"].filter((k) => has(i[k]));
            return clash.length > 0 ? [{ property: clash.join(","), value: Object.fromEntries(clash.map((k) => [k, i[k]])) }] : [];
        },
    },
    {
        type: ALARM,
        rule: "datapointsToAlarm (the M of an M out of N alarm) must not exceed evaluationPeriods (the N)",
        source: 'botocore cloudwatch PutMetricAlarmInput.DatapointsToAlarm and EvaluationPeriods documentation ("M out of N")',
        check: (i) =>
            typeof i.datapointsToAlarm === "number" && typeof i.evaluationPeriods === "number" && i.datapointsToAlarm > i.evaluationPeriods
                ? [{ property: "datapointsToAlarm", value: { datapointsToAlarm: i.datapointsToAlarm, evaluationPeriods: i.evaluationPeriods } }]
                : [],
    },
    {
        type: "aws:scheduler/schedule:Schedule",
        rule: "flexibleTimeWindow.maximumWindowInMinutes is required with mode FLEXIBLE",
        source: "terraform-provider-aws internal/service/scheduler/schedule.go (maximum_window_in_minutes with mode FLEXIBLE); botocore scheduler FlexibleTimeWindow",
        check: (i) => {
            const w = i.flexibleTimeWindow ?? {};
            return w.mode === "FLEXIBLE" && !has(w.maximumWindowInMinutes)
                ? [{ property: "flexibleTimeWindow.maximumWindowInMinutes", value: { mode: w.mode, maximumWindowInMinutes: w.maximumWindowInMinutes ?? null } }]
                : [];
        },
    },
    sgRuleTargets("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "vpc_security_group_ingress_rule.go"),
    sgRuleTargets("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "vpc_security_group_egress_rule.go"),
    portOrder("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
    portOrder("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"),
];
