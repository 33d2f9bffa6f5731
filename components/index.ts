/** fargatekit's public API: the components and the pure helpers they are built from. */
export { WebService, WebServiceArgs, logGroupNames } from "./webService";
export { Platform, PlatformArgs, PlatformHandle, PlatformOutputs, PlatformNatStrategy, PlatformContainerInsights, platformOutputs } from "./platform";
export { platformFromStackReference } from "./stackReference";
export { ServiceKey, ServiceKeyArgs } from "./kmsKey";
export { ServiceLogGroup, ServiceLogGroupArgs } from "./logGroup";
export { ImageRepository, ImageRepositoryArgs, lifecyclePolicyDocument } from "./imageRepository";
export { ContainerImage, ContainerImageArgs, platformFor } from "./containerImage";
export { TaskRoles, TaskRolesArgs } from "./roles";
export { Network, NetworkArgs, NatStrategy, tasksArePublic } from "./network";
export { Cluster, ClusterArgs, ContainerInsights } from "./cluster";
export { LoadBalancer, LoadBalancerArgs, listenerPorts } from "./loadBalancer";
export { FargateService, FargateServiceArgs, ServiceContainer, capacityStrategy, taskSize } from "./fargateService";
export { ServiceAutoscaling, ServiceAutoscalingArgs, ScheduledCapacity, ecsResourceId } from "./autoscaling";
export { FARGATE_SIZES, cheapestFargateSize, isValidFargateSize } from "./lib/fargateSizes";
export { ContainerSpec, containerDefinition } from "./lib/containerDefinitions";
export { PolicyStatement, taskRoleStatementProblems } from "./lib/iamStatements";
