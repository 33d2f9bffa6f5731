/**
 * fargatekit's public API: the components, their arguments and option types, the platform handle, the
 * enums, and the resolver and validator of `WebService`'s arguments. Internals (pure helpers, constraint
 * data) are not exported: tests import them by path. `api/fargatekit.api.md` records this surface.
 */
export { WebService, WebServiceArgs, logGroupNames } from "./webService";
export { Platform, PlatformArgs, PlatformHandle, PlatformOutputs, platformOutputs } from "./platform";
export { platformFromStackReference } from "./platformFromStackReference";
export { TrafficShifting, TrafficShiftingArgs, TestListenerSettings, ProductionRuleSettings } from "./trafficShifting";
export { ServiceKey, ServiceKeyArgs } from "./serviceKey";
export { ServiceLogGroup, ServiceLogGroupArgs } from "./serviceLogGroup";
export { ImageRepository, ImageRepositoryArgs } from "./imageRepository";
export { ContainerImage, ContainerImageArgs } from "./containerImage";
export { TaskRoles, TaskRolesArgs } from "./taskRoles";
export { Network, NetworkArgs } from "./network";
export { Cluster, ClusterArgs } from "./cluster";
export { LoadBalancer, LoadBalancerArgs, TargetGroupSettings } from "./loadBalancer";
export { FargateService, FargateServiceArgs, ServiceContainer } from "./fargateService";
export { ServiceAutoscaling, ServiceAutoscalingArgs } from "./serviceAutoscaling";
export { ServiceAlarms, ServiceAlarmsArgs } from "./serviceAlarms";
export { ScheduledTask, ScheduledTaskArgs } from "./scheduledTask";
export { ImageOptions, ResolvedImageOptions } from "./options/imageOptions";
export { ContainerOptions, ResolvedContainerOptions } from "./options/containerOptions";
export { TaskOptions, ResolvedTaskOptions } from "./options/taskOptions";
export { ScalingOptions, ResolvedScalingOptions, ScheduledCapacity } from "./options/scalingOptions";
export { DeploymentOptions, ResolvedDeploymentOptions } from "./options/deploymentOptions";
export { TargetGroupOptions, ResolvedTargetGroupOptions } from "./options/targetGroupOptions";
export { LogsOptions, ResolvedLogsOptions } from "./options/logsOptions";
export { AlarmOptions, ResolvedAlarmOptions } from "./options/alarmOptions";
export { NetworkOptions, ResolvedNetworkOptions } from "./options/networkOptions";
export { ClusterOptions, ResolvedClusterOptions } from "./options/clusterOptions";
export { LoadBalancerOptions, ResolvedLoadBalancerOptions } from "./options/loadBalancerOptions";
export { RoutingOptions, ResolvedRoutingOptions } from "./options/routingOptions";
export { ResolvedWebServiceArgs, resolveWebServiceArgs, webServiceArgsProblems } from "./options/webServiceArgs";
export { OptionProblem, Resolved } from "./options/optionTable";
export { ArgumentsError } from "./options/checks";
export { ContainerSpec, ContainerSettings, ContainerHealthCheck, PortMapping, Ulimit, ContainerDependency } from "./lib/ecs/containerDefinitions";
export { NatStrategy, ContainerInsights, CpuArchitecture, PortProtocol, StatementEffect, DependencyCondition, ResponseTimeStatistic, DeploymentStrategy } from "./lib/enums";
export { AlarmThresholds, DEFAULT_ALARM_THRESHOLDS } from "./lib/cloudwatch/alarmDefinitions";
export { PolicyStatement } from "./lib/iam/iamStatements";
export { FARGATE_SIZES, FargateCpuLevel } from "./lib/ecs/fargateSizes";
