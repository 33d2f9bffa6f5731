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
export { ImageOptions } from "./options/imageOptions";
export { ContainerOptions } from "./options/containerOptions";
export { TaskOptions } from "./options/taskOptions";
export { ScalingOptions, ScheduledCapacity } from "./options/scalingOptions";
export { DeploymentOptions } from "./options/deploymentOptions";
export { TargetGroupOptions } from "./options/targetGroupOptions";
export { LogsOptions } from "./options/logsOptions";
export { AlarmOptions } from "./options/alarmOptions";
export { NetworkOptions } from "./options/networkOptions";
export { ClusterOptions } from "./options/clusterOptions";
export { LoadBalancerOptions } from "./options/loadBalancerOptions";
export { RoutingOptions } from "./options/routingOptions";
export { ResolvedWebServiceArgs, resolveWebServiceArgs, webServiceArgsProblems } from "./options/webServiceArgs";
export { OptionProblem } from "./options/optionTable";
export { ArgumentsError } from "./options/checks";
export { ContainerSpec, ContainerSettings, ContainerHealthCheck, PortMapping, Ulimit, ContainerDependency } from "./lib/ecs/containerDefinitions";
export { NatStrategy, ContainerInsights, CpuArchitecture, PortProtocol, StatementEffect, DependencyCondition, ResponseTimeStatistic, DeploymentStrategy } from "./lib/enums";
export { AlarmThresholds, DEFAULT_ALARM_THRESHOLDS } from "./lib/cloudwatch/alarmDefinitions";
export { PolicyStatement } from "./lib/iam/iamStatements";
export { FARGATE_SIZES } from "./lib/ecs/fargateSizes";
