/** The validated, typed settings the program builds from. */
import type { PolicyStatementInput } from "../components/lib/iam/iamStatements";
import type { ContainerSpec } from "../components/lib/ecs/containerDefinitions";
import type { AlarmThresholds } from "../components/lib/cloudwatch/alarmDefinitions";
import type { ContainerInsights, CpuArchitecture, DeploymentStrategy, NatStrategy } from "../components/lib/enums";

/** Container health check as ECS takes it. */
export type HealthCheckSettings = NonNullable<ContainerSpec["healthCheck"]>;
export type UlimitSettings = NonNullable<ContainerSpec["ulimits"]>[number];
/** Extra containers are configured exactly like the component's container specs. */
export type SidecarSettings = ContainerSpec;

export interface ScheduledScalingSettings {
    name: string;
    schedule: string;
    minCount?: number;
    maxCount?: number;
    timezone?: string;
}

/** A task run on a schedule with the service's task definition. */
export interface ScheduledTaskSettings {
    name: string;
    schedule: string;
    timezone?: string;
    command: string[];
}

export interface Settings {
    serviceName: string;
    tags: Record<string, string>;
    protectStatefulResources: boolean;
    image?: string;
    buildContext?: string;
    dockerfile: string;
    keepTaggedImages: number;
    forceDeleteRepository: boolean;
    containerName: string;
    containerPort: number;
    command?: string[];
    entryPoint?: string[];
    workingDirectory?: string;
    user: string;
    environment: Record<string, string>;
    secrets: Record<string, string>;
    /** Environment variable names (or globs) the credential check accepts in plain text. */
    allowPlaintextEnvironment: string[];
    secretsKmsKeyArns?: string[];
    containerHealthCheck?: HealthCheckSettings;
    readonlyRootFilesystem: boolean;
    initWritableVolumes?: boolean;
    stopTimeout: number;
    ulimits?: UlimitSettings[];
    sidecars: SidecarSettings[];
    cpu?: number;
    memory?: number;
    architecture: CpuArchitecture;
    taskRoleStatements: PolicyStatementInput[];
    allowBroadTaskRolePermissions: boolean;
    enableExecuteCommand: boolean;
    desiredCount?: number;
    minCount: number;
    maxCount: number;
    onDemandBase: number;
    spotWeight: number;
    onDemandWeight: number;
    healthCheckGracePeriod: number;
    cpuTarget: number;
    memoryTarget?: number;
    requestsPerTarget?: number;
    scaleInCooldown: number;
    scaleOutCooldown: number;
    scheduledScaling: ScheduledScalingSettings[];
    logRetentionDays: number;
    kmsKeyArn?: string;
    natStrategy: NatStrategy;
    azCount: number;
    vpcCidr: string;
    vpcId?: string;
    publicSubnetIds?: string[];
    privateSubnetIds?: string[];
    flowLogs: boolean;
    vpcEndpoints: boolean;
    clusterArn?: string;
    containerInsights: ContainerInsights;
    certificateArn?: string;
    sslPolicy: string;
    ingressCidrs: string[];
    internal: boolean;
    deletionProtection: boolean;
    accessLogs: boolean;
    waf: boolean;
    healthCheckPath: string;
    healthCheckMatcher: string;
    healthCheckInterval: number;
    healthCheckTimeout: number;
    healthyThreshold: number;
    unhealthyThreshold: number;
    deregistrationDelay: number;
    idleTimeout: number;
    alarms: boolean;
    alarmEmails: string[];
    alarmHttpsEndpoints: string[];
    alarmThresholds: Partial<AlarmThresholds>;
    deploymentStrategy: DeploymentStrategy;
    bakeTimeMinutes?: number;
    canaryPercent?: number;
    canaryBakeMinutes?: number;
    linearStepPercent?: number;
    linearStepBakeMinutes?: number;
    testListenerPort?: number;
    scheduledTasks: ScheduledTaskSettings[];
}
