/**
 * Which AWS API member each Pulumi property is sent as: the table `extract.ts` reads to pull the
 * botocore service models' min/max/pattern/enum into `awsConstraints.json`.
 *
 * Each entry: Pulumi type, Pulumi property path (see `ConstraintRule` for the syntax), and the API
 * member as `service:Operation.Member.Member[]` (`[]` = list element, `{key}`/`{value}` = map key
 * or value). Only properties whose API member is certain are listed; the provider sends every one of
 * them unchanged (no unit conversion, no renamed enum values). A `descend` entry maps a whole
 * structure whose Pulumi names are the API's own (the task definition's container definitions are
 * the API's JSON), so every constrained member below it is taken.
 */

export interface ApiMapping {
    type: string;
    property: string;
    api: string;
    descend?: boolean;
}

const T = {
    service: "aws:ecs/service:Service",
    taskDef: "aws:ecs/taskDefinition:TaskDefinition",
    cluster: "aws:ecs/cluster:Cluster",
    ccp: "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    tg: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    rule: "aws:lb/listenerRule:ListenerRule",
    vpce: "aws:ec2/vpcEndpoint:VpcEndpoint",
    flowLog: "aws:ec2/flowLog:FlowLog",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    query: "aws:cloudwatch/queryDefinition:QueryDefinition",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    key: "aws:kms/key:Key",
    repo: "aws:ecr/repository:Repository",
    lifecycle: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    target: "aws:appautoscaling/target:Target",
    policy: "aws:appautoscaling/policy:Policy",
    scheduled: "aws:appautoscaling/scheduledAction:ScheduledAction",
    schedule: "aws:scheduler/schedule:Schedule",
    waf: "aws:wafv2/webAcl:WebAcl",
} as const;

/** The ALB/NLB resources exist under two tokens (`aws:lb/…` and the legacy `aws:alb/…`). */
function withAlb(entries: ApiMapping[]): ApiMapping[] {
    return entries.flatMap((e) => (e.type.startsWith("aws:lb/") ? [e, { ...e, type: e.type.replace("aws:lb/", "aws:alb/") }] : [e]));
}

function m(type: string, api: string, pairs: [string, string][]): ApiMapping[] {
    return pairs.map(([property, member]) => ({ type, property, api: `${api}.${member}` }));
}

const listenerActions = (prefix: string, api: string): [string, string][] => [
    [`${prefix}[].type`, `${api}[].Type`],
    [`${prefix}[].order`, `${api}[].Order`],
    [`${prefix}[].redirect.statusCode`, `${api}[].RedirectConfig.StatusCode`],
    [`${prefix}[].redirect.protocol`, `${api}[].RedirectConfig.Protocol`],
    [`${prefix}[].redirect.host`, `${api}[].RedirectConfig.Host`],
    [`${prefix}[].redirect.path`, `${api}[].RedirectConfig.Path`],
    [`${prefix}[].redirect.query`, `${api}[].RedirectConfig.Query`],
    [`${prefix}[].fixedResponse.statusCode`, `${api}[].FixedResponseConfig.StatusCode`],
    [`${prefix}[].fixedResponse.messageBody`, `${api}[].FixedResponseConfig.MessageBody`],
    [`${prefix}[].fixedResponse.contentType`, `${api}[].FixedResponseConfig.ContentType`],
];

export const API_MAPPINGS: ApiMapping[] = withAlb([
    // ECS (botocore ecs 2014-11-13)
    ...m(T.service, "ecs:CreateService", [
        ["capacityProviderStrategies[].weight", "capacityProviderStrategy[].weight"],
        ["capacityProviderStrategies[].base", "capacityProviderStrategy[].base"],
        ["launchType", "launchType"],
        ["schedulingStrategy", "schedulingStrategy"],
        ["propagateTags", "propagateTags"],
        ["deploymentConfiguration.strategy", "deploymentConfiguration.strategy"],
        ["deploymentController.type", "deploymentController.type"],
        ["availabilityZoneRebalancing", "availabilityZoneRebalancing"],
        ["tags{key}", "tags[].key"],
        ["tags{value}", "tags[].value"],
    ]),
    ...m(T.taskDef, "ecs:RegisterTaskDefinition", [
        ["networkMode", "networkMode"],
        ["requiresCompatibilities[]", "requiresCompatibilities[]"],
        ["runtimePlatform.cpuArchitecture", "runtimePlatform.cpuArchitecture"],
        ["runtimePlatform.operatingSystemFamily", "runtimePlatform.operatingSystemFamily"],
        ["pidMode", "pidMode"],
        ["ipcMode", "ipcMode"],
        ["ephemeralStorage.sizeInGib", "ephemeralStorage.sizeInGiB"],
        ["tags{key}", "tags[].key"],
        ["tags{value}", "tags[].value"],
    ]),
    { type: T.taskDef, property: "containerDefinitions", api: "ecs:RegisterTaskDefinition.containerDefinitions", descend: true },
    ...m(T.cluster, "ecs:CreateCluster", [
        ["settings[].name", "settings[].name"],
        ["configuration.executeCommandConfiguration.logging", "configuration.executeCommandConfiguration.logging"],
        ["tags{key}", "tags[].key"],
        ["tags{value}", "tags[].value"],
    ]),
    ...m(T.ccp, "ecs:PutClusterCapacityProviders", [
        ["defaultCapacityProviderStrategies[].weight", "defaultCapacityProviderStrategy[].weight"],
        ["defaultCapacityProviderStrategies[].base", "defaultCapacityProviderStrategy[].base"],
    ]),

    // Elastic Load Balancing v2 (botocore elbv2 2015-12-01)
    ...m(T.lb, "elbv2:CreateLoadBalancer", [
        ["loadBalancerType", "Type"],
        ["ipAddressType", "IpAddressType"],
        ["customerOwnedIpv4Pool", "CustomerOwnedIpv4Pool"],
        ["tags{key}", "Tags[].Key"],
        ["tags{value}", "Tags[].Value"],
    ]),
    ...m(T.tg, "elbv2:CreateTargetGroup", [
        ["protocol", "Protocol"],
        ["port", "Port"],
        ["targetType", "TargetType"],
        ["ipAddressType", "IpAddressType"],
        ["healthCheck.protocol", "HealthCheckProtocol"],
        ["healthCheck.path", "HealthCheckPath"],
        ["healthCheck.interval", "HealthCheckIntervalSeconds"],
        ["healthCheck.timeout", "HealthCheckTimeoutSeconds"],
        ["healthCheck.healthyThreshold", "HealthyThresholdCount"],
        ["healthCheck.unhealthyThreshold", "UnhealthyThresholdCount"],
        ["tags{key}", "Tags[].Key"],
        ["tags{value}", "Tags[].Value"],
    ]),
    ...m(T.listener, "elbv2:CreateListener", [
        ["protocol", "Protocol"],
        ["port", "Port"],
        ...listenerActions("defaultActions", "DefaultActions"),
        ["tags{key}", "Tags[].Key"],
        ["tags{value}", "Tags[].Value"],
    ]),
    ...m(T.rule, "elbv2:CreateRule", [["priority", "Priority"], ...listenerActions("actions", "Actions"), ["tags{key}", "Tags[].Key"], ["tags{value}", "Tags[].Value"]]),

    // EC2 (botocore ec2 2016-11-15)
    ...m(T.vpce, "ec2:CreateVpcEndpoint", [
        ["vpcEndpointType", "VpcEndpointType"],
        ["ipAddressType", "IpAddressType"],
    ]),
    ...m(T.flowLog, "ec2:CreateFlowLogs", [
        ["trafficType", "TrafficType"],
        ["logDestinationType", "LogDestinationType"],
    ]),

    // CloudWatch Logs (botocore logs 2014-03-28)
    ...m(T.logGroup, "logs:CreateLogGroup", [
        ["name", "logGroupName"],
        ["kmsKeyId", "kmsKeyId"],
        ["logGroupClass", "logGroupClass"],
        ["tags{key}", "tags{key}"],
        ["tags{value}", "tags{value}"],
    ]),
    ...m(T.query, "logs:PutQueryDefinition", [
        ["name", "name"],
        ["queryString", "queryString"],
        ["logGroupNames", "logGroupNames"],
        ["logGroupNames[]", "logGroupNames[]"],
    ]),

    // CloudWatch (botocore cloudwatch 2010-08-01)
    ...m(T.alarm, "cloudwatch:PutMetricAlarm", [
        ["name", "AlarmName"],
        ["alarmDescription", "AlarmDescription"],
        ["alarmActions", "AlarmActions"],
        ["alarmActions[]", "AlarmActions[]"],
        ["okActions", "OKActions"],
        ["okActions[]", "OKActions[]"],
        ["insufficientDataActions", "InsufficientDataActions"],
        ["insufficientDataActions[]", "InsufficientDataActions[]"],
        ["metricName", "MetricName"],
        ["namespace", "Namespace"],
        ["statistic", "Statistic"],
        ["dimensions", "Dimensions"],
        ["dimensions{key}", "Dimensions[].Name"],
        ["dimensions{value}", "Dimensions[].Value"],
        ["period", "Period"],
        ["unit", "Unit"],
        ["evaluationPeriods", "EvaluationPeriods"],
        ["datapointsToAlarm", "DatapointsToAlarm"],
        ["comparisonOperator", "ComparisonOperator"],
        ["treatMissingData", "TreatMissingData"],
        ["evaluateLowSampleCountPercentiles", "EvaluateLowSampleCountPercentile"],
        ["metricQueries[].id", "Metrics[].Id"],
        ["metricQueries[].expression", "Metrics[].Expression"],
        ["metricQueries[].period", "Metrics[].Period"],
        ["metricQueries[].metric.metricName", "Metrics[].MetricStat.Metric.MetricName"],
        ["metricQueries[].metric.namespace", "Metrics[].MetricStat.Metric.Namespace"],
        ["metricQueries[].metric.period", "Metrics[].MetricStat.Period"],
        ["metricQueries[].metric.unit", "Metrics[].MetricStat.Unit"],
        ["metricQueries[].metric.dimensions", "Metrics[].MetricStat.Metric.Dimensions"],
        ["metricQueries[].metric.dimensions{key}", "Metrics[].MetricStat.Metric.Dimensions[].Name"],
        ["metricQueries[].metric.dimensions{value}", "Metrics[].MetricStat.Metric.Dimensions[].Value"],
        ["tags{key}", "Tags[].Key"],
        ["tags{value}", "Tags[].Value"],
    ]),

    // KMS (botocore kms 2014-11-01)
    ...m(T.key, "kms:CreateKey", [
        ["description", "Description"],
        ["keyUsage", "KeyUsage"],
        ["customerMasterKeySpec", "KeySpec"],
        ["tags{key}", "Tags[].TagKey"],
        ["tags{value}", "Tags[].TagValue"],
    ]),

    // ECR (botocore ecr 2015-09-21)
    ...m(T.repo, "ecr:CreateRepository", [
        ["name", "repositoryName"],
        ["imageTagMutability", "imageTagMutability"],
        ["encryptionConfigurations[].encryptionType", "encryptionConfiguration.encryptionType"],
        ["encryptionConfigurations[].kmsKey", "encryptionConfiguration.kmsKey"],
        ["tags{key}", "tags[].Key"],
        ["tags{value}", "tags[].Value"],
    ]),
    ...m(T.lifecycle, "ecr:PutLifecyclePolicy", [
        ["repository", "repositoryName"],
        ["policy", "lifecyclePolicyText"],
    ]),

    // IAM names and descriptions (the documents are checked by the IAM checks)
    ...m(T.role, "iam:CreateRole", [
        ["name", "RoleName"],
        ["path", "Path"],
        ["description", "Description"],
        ["maxSessionDuration", "MaxSessionDuration"],
        ["tags{key}", "Tags[].Key"],
        ["tags{value}", "Tags[].Value"],
    ]),
    ...m(T.rolePolicy, "iam:PutRolePolicy", [
        ["name", "PolicyName"],
        ["role", "RoleName"],
    ]),

    // Application Auto Scaling (botocore application-autoscaling 2016-02-06)
    ...m(T.target, "application-autoscaling:RegisterScalableTarget", [
        ["serviceNamespace", "ServiceNamespace"],
        ["scalableDimension", "ScalableDimension"],
        ["resourceId", "ResourceId"],
    ]),
    ...m(T.policy, "application-autoscaling:PutScalingPolicy", [
        ["serviceNamespace", "ServiceNamespace"],
        ["scalableDimension", "ScalableDimension"],
        ["resourceId", "ResourceId"],
        ["policyType", "PolicyType"],
        [
            "targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType",
            "TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType",
        ],
        [
            "targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.resourceLabel",
            "TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.ResourceLabel",
        ],
    ]),
    ...m(T.scheduled, "application-autoscaling:PutScheduledAction", [
        ["name", "ScheduledActionName"],
        ["serviceNamespace", "ServiceNamespace"],
        ["scalableDimension", "ScalableDimension"],
        ["resourceId", "ResourceId"],
        ["schedule", "Schedule"],
        ["timezone", "Timezone"],
    ]),

    // EventBridge Scheduler (botocore scheduler 2021-06-30)
    ...m(T.schedule, "scheduler:CreateSchedule", [
        ["name", "Name"],
        ["groupName", "GroupName"],
        ["description", "Description"],
        ["scheduleExpression", "ScheduleExpression"],
        ["scheduleExpressionTimezone", "ScheduleExpressionTimezone"],
        ["state", "State"],
        ["kmsKeyArn", "KmsKeyArn"],
        ["actionAfterCompletion", "ActionAfterCompletion"],
        ["flexibleTimeWindow.mode", "FlexibleTimeWindow.Mode"],
        ["flexibleTimeWindow.maximumWindowInMinutes", "FlexibleTimeWindow.MaximumWindowInMinutes"],
        ["target.arn", "Target.Arn"],
        ["target.roleArn", "Target.RoleArn"],
        ["target.input", "Target.Input"],
        ["target.deadLetterConfig.arn", "Target.DeadLetterConfig.Arn"],
        ["target.retryPolicy.maximumEventAgeInSeconds", "Target.RetryPolicy.MaximumEventAgeInSeconds"],
        ["target.retryPolicy.maximumRetryAttempts", "Target.RetryPolicy.MaximumRetryAttempts"],
        ["target.ecsParameters.taskCount", "Target.EcsParameters.TaskCount"],
        ["target.ecsParameters.taskDefinitionArn", "Target.EcsParameters.TaskDefinitionArn"],
        ["target.ecsParameters.launchType", "Target.EcsParameters.LaunchType"],
        ["target.ecsParameters.platformVersion", "Target.EcsParameters.PlatformVersion"],
        ["target.ecsParameters.propagateTags", "Target.EcsParameters.PropagateTags"],
        ["target.ecsParameters.group", "Target.EcsParameters.Group"],
        ["target.ecsParameters.capacityProviderStrategies", "Target.EcsParameters.CapacityProviderStrategy"],
        ["target.ecsParameters.capacityProviderStrategies[].weight", "Target.EcsParameters.CapacityProviderStrategy[].weight"],
        ["target.ecsParameters.capacityProviderStrategies[].base", "Target.EcsParameters.CapacityProviderStrategy[].base"],
        ["target.ecsParameters.networkConfiguration.subnets", "Target.EcsParameters.NetworkConfiguration.awsvpcConfiguration.Subnets"],
        ["target.ecsParameters.networkConfiguration.securityGroups", "Target.EcsParameters.NetworkConfiguration.awsvpcConfiguration.SecurityGroups"],
    ]),

    // WAFv2 (botocore wafv2 2019-07-29)
    ...m(T.waf, "wafv2:CreateWebACL", [
        ["name", "Name"],
        ["scope", "Scope"],
        ["description", "Description"],
        ["visibilityConfig.metricName", "VisibilityConfig.MetricName"],
        ["rules[].name", "Rules[].Name"],
        ["rules[].priority", "Rules[].Priority"],
        ["rules[].visibilityConfig.metricName", "Rules[].VisibilityConfig.MetricName"],
        ["tags{key}", "Tags[].Key"],
        ["tags{value}", "Tags[].Value"],
    ]),
]);
