/**
 * String enums of the component arguments, written as constant objects plus a same-named type: the
 * TypeScript type is the plain string union, and the SDK's component analyzer (`pulumi package add`)
 * reads them as enums, which it supports where it refuses bare unions.
 */

/** NAT for a new VPC. */
export const NatStrategy = { None: "none", Single: "single", PerAz: "perAz" } as const;
export type NatStrategy = (typeof NatStrategy)[keyof typeof NatStrategy];

/** Container Insights level of a cluster. */
export const ContainerInsights = { Disabled: "disabled", Enabled: "enabled", Enhanced: "enhanced" } as const;
export type ContainerInsights = (typeof ContainerInsights)[keyof typeof ContainerInsights];

/** CPU architecture of a task (and of the image built for it). */
export const CpuArchitecture = { X86_64: "x86_64", Arm64: "arm64" } as const;
export type CpuArchitecture = (typeof CpuArchitecture)[keyof typeof CpuArchitecture];

/** Transport of a container port. */
export const PortProtocol = { Tcp: "tcp", Udp: "udp" } as const;
export type PortProtocol = (typeof PortProtocol)[keyof typeof PortProtocol];

/** IAM statement effect. */
export const StatementEffect = { Allow: "Allow", Deny: "Deny" } as const;
export type StatementEffect = (typeof StatementEffect)[keyof typeof StatementEffect];

/** Condition a container waits for on another. */
export const DependencyCondition = { Start: "START", Complete: "COMPLETE", Success: "SUCCESS", Healthy: "HEALTHY" } as const;
export type DependencyCondition = (typeof DependencyCondition)[keyof typeof DependencyCondition];

/** Percentile of the response-time alarm. */
export const ResponseTimeStatistic = { P90: "p90", P99: "p99" } as const;
export type ResponseTimeStatistic = (typeof ResponseTimeStatistic)[keyof typeof ResponseTimeStatistic];

/** How ECS rolls out a new task definition: in place, or (ECS-native) by shifting ALB traffic between two target groups. */
export const DeploymentStrategy = { Rolling: "rolling", BlueGreen: "blueGreen", Canary: "canary", Linear: "linear" } as const;
export type DeploymentStrategy = (typeof DeploymentStrategy)[keyof typeof DeploymentStrategy];
