/**
 * The package entry `fargatekit/program`: this repository's stack program for any project. A project
 * of its own (such as one `fargatekit new` writes) runs `webServiceProgram` from its index.ts and gets
 * every config key and every check of fargatekit's own stack, in its own config namespace.
 */
export { webServiceProgram } from "./main";
export type { WebServiceProgramOptions, ProgramOutputs } from "./main";
export { loadSettings, ConfigError } from "./validate";
export type { ConfigProblem } from "./validate";
export { CONFIG_NAMESPACE } from "./schema";
export type { Settings } from "./settings";
export type { ScheduledTaskSettings, ScheduledScalingSettings, SidecarSettings, HealthCheckSettings, UlimitSettings } from "./settings";
export type {
    AlarmThresholds,
    ContainerDependency,
    ContainerHealthCheck,
    ContainerSettings,
    ContainerSpec,
    CpuArchitecture,
    DependencyCondition,
    PortMapping,
    PortProtocol,
    Ulimit,
    ContainerInsights,
    DeploymentStrategy,
    NatStrategy,
    ResponseTimeStatistic,
} from "../components";
export type { PolicyStatementInput } from "../components/lib/iam/iamStatements";
