/**
 * Every config key of the program: its type, default and meaning. A key that is a `WebService` argument
 * names its path (`containerPort` → `container.port`) and takes its default and description from that
 * option's table in `components/options/`, so the README reference, `Pulumi.yaml`, the config parser and
 * the components cannot drift. Only the program's own keys (`serviceName`, `scheduledTasks`) are written here.
 */

import { maxServiceNameLength } from "../components/lib/nameLimits";
import { OptionSpec } from "../components/options/optionTable";
import { WEB_SERVICE_OPTIONS, WEB_SERVICE_OPTION_GROUPS } from "../components/options/webServiceArgs";

export type ConfigType = "string" | "integer" | "number" | "boolean" | "string[]" | "object" | "object[]";

export interface ConfigKey {
    type: ConfigType;
    /** Default when the stack does not set it (undefined = unset). */
    default?: unknown;
    /** What it does, and why the default is what it is. */
    description: string;
    /** Group in the README reference. */
    group: "service" | "image" | "container" | "task" | "scaling" | "logs" | "network" | "cluster" | "loadBalancer" | "deployment" | "operations";
    /** The `WebServiceArgs` field the key sets (e.g. `container.port`); absent for the program's own keys. */
    path?: string;
}

/** A key that sets a `WebService` argument: its parse type, README group and argument path (default and description come from the option table). */
type ArgumentKey = Pick<ConfigKey, "type" | "group"> & { path: string };

/** The option table row of an argument path (`container.port`, or a top-level field such as `kmsKeyArn`). */
export function optionSpecAt(path: string): OptionSpec<unknown> {
    const [group, field] = path.includes(".") ? path.split(".") : [undefined, path];
    const table = (group === undefined ? WEB_SERVICE_OPTIONS : (WEB_SERVICE_OPTION_GROUPS as Record<string, Record<string, OptionSpec<unknown>>>)[group]) as
        Record<string, OptionSpec<unknown>> | undefined;
    const spec = table?.[field];
    if (!spec) throw new Error(`no option ${path} in components/options`);
    return spec;
}

/** The keys that set `WebService` arguments, in the README's order. */
const ARGUMENT_KEYS: Record<string, ArgumentKey> = {
    tags: { type: "object", group: "service", path: "tags" },
    protectStatefulResources: { type: "boolean", group: "service", path: "protectStatefulResources" },
    image: { type: "string", group: "image", path: "image.uri" },
    buildContext: { type: "string", group: "image", path: "image.buildContext" },
    dockerfile: { type: "string", group: "image", path: "image.dockerfile" },
    keepTaggedImages: { type: "integer", group: "image", path: "image.keepTaggedImages" },
    forceDeleteRepository: { type: "boolean", group: "image", path: "image.forceDeleteRepository" },
    containerName: { type: "string", group: "container", path: "container.name" },
    containerPort: { type: "integer", group: "container", path: "container.port" },
    command: { type: "string[]", group: "container", path: "container.command" },
    entryPoint: { type: "string[]", group: "container", path: "container.entryPoint" },
    workingDirectory: { type: "string", group: "container", path: "container.workingDirectory" },
    user: { type: "string", group: "container", path: "container.user" },
    environment: { type: "object", group: "container", path: "container.environment" },
    allowPlaintextEnvironment: { type: "string[]", group: "container", path: "container.allowPlaintextEnvironment" },
    secrets: { type: "object", group: "container", path: "container.secrets" },
    secretsKmsKeyArns: { type: "string[]", group: "container", path: "container.secretsKmsKeyArns" },
    containerHealthCheck: { type: "object", group: "container", path: "container.healthCheck" },
    readonlyRootFilesystem: { type: "boolean", group: "container", path: "container.readonlyRootFilesystem" },
    initWritableVolumes: { type: "boolean", group: "container", path: "container.initWritableVolumes" },
    stopTimeout: { type: "integer", group: "container", path: "container.stopTimeout" },
    ulimits: { type: "object[]", group: "container", path: "container.ulimits" },
    sidecars: { type: "object[]", group: "container", path: "container.sidecars" },
    cpu: { type: "integer", group: "task", path: "task.cpu" },
    memory: { type: "integer", group: "task", path: "task.memory" },
    architecture: { type: "string", group: "task", path: "task.architecture" },
    taskRoleStatements: { type: "object[]", group: "task", path: "task.roleStatements" },
    allowBroadTaskRolePermissions: { type: "boolean", group: "task", path: "task.allowBroadRolePermissions" },
    enableExecuteCommand: { type: "boolean", group: "task", path: "task.enableExecuteCommand" },
    desiredCount: { type: "integer", group: "scaling", path: "scaling.desiredCount" },
    minCount: { type: "integer", group: "scaling", path: "scaling.minCount" },
    maxCount: { type: "integer", group: "scaling", path: "scaling.maxCount" },
    onDemandBase: { type: "integer", group: "scaling", path: "scaling.onDemandBase" },
    spotWeight: { type: "integer", group: "scaling", path: "scaling.spotWeight" },
    onDemandWeight: { type: "integer", group: "scaling", path: "scaling.onDemandWeight" },
    healthCheckGracePeriod: { type: "integer", group: "scaling", path: "scaling.healthCheckGracePeriod" },
    cpuTarget: { type: "number", group: "scaling", path: "scaling.cpuTarget" },
    memoryTarget: { type: "number", group: "scaling", path: "scaling.memoryTarget" },
    requestsPerTarget: { type: "number", group: "scaling", path: "scaling.requestsPerTarget" },
    scaleInCooldown: { type: "integer", group: "scaling", path: "scaling.scaleInCooldown" },
    scaleOutCooldown: { type: "integer", group: "scaling", path: "scaling.scaleOutCooldown" },
    scheduledScaling: { type: "object[]", group: "scaling", path: "scaling.scheduled" },
    logRetentionDays: { type: "integer", group: "logs", path: "logs.retentionDays" },
    kmsKeyArn: { type: "string", group: "logs", path: "kmsKeyArn" },
    natStrategy: { type: "string", group: "network", path: "network.natStrategy" },
    azCount: { type: "integer", group: "network", path: "network.azCount" },
    vpcCidr: { type: "string", group: "network", path: "network.vpcCidr" },
    vpcId: { type: "string", group: "network", path: "network.vpcId" },
    publicSubnetIds: { type: "string[]", group: "network", path: "network.publicSubnetIds" },
    privateSubnetIds: { type: "string[]", group: "network", path: "network.privateSubnetIds" },
    flowLogs: { type: "boolean", group: "network", path: "network.flowLogs" },
    vpcEndpoints: { type: "boolean", group: "network", path: "network.vpcEndpoints" },
    clusterArn: { type: "string", group: "cluster", path: "cluster.arn" },
    containerInsights: { type: "string", group: "cluster", path: "cluster.containerInsights" },
    certificateArn: { type: "string", group: "loadBalancer", path: "loadBalancer.certificateArn" },
    sslPolicy: { type: "string", group: "loadBalancer", path: "loadBalancer.sslPolicy" },
    ingressCidrs: { type: "string[]", group: "loadBalancer", path: "loadBalancer.ingressCidrs" },
    internal: { type: "boolean", group: "loadBalancer", path: "loadBalancer.internal" },
    deletionProtection: { type: "boolean", group: "loadBalancer", path: "loadBalancer.deletionProtection" },
    accessLogs: { type: "boolean", group: "loadBalancer", path: "loadBalancer.accessLogs" },
    waf: { type: "boolean", group: "loadBalancer", path: "loadBalancer.waf" },
    healthCheckPath: { type: "string", group: "loadBalancer", path: "targetGroup.healthCheckPath" },
    healthCheckMatcher: { type: "string", group: "loadBalancer", path: "targetGroup.healthCheckMatcher" },
    healthCheckInterval: { type: "integer", group: "loadBalancer", path: "targetGroup.healthCheckInterval" },
    healthCheckTimeout: { type: "integer", group: "loadBalancer", path: "targetGroup.healthCheckTimeout" },
    healthyThreshold: { type: "integer", group: "loadBalancer", path: "targetGroup.healthyThreshold" },
    unhealthyThreshold: { type: "integer", group: "loadBalancer", path: "targetGroup.unhealthyThreshold" },
    deregistrationDelay: { type: "integer", group: "loadBalancer", path: "targetGroup.deregistrationDelay" },
    idleTimeout: { type: "integer", group: "loadBalancer", path: "loadBalancer.idleTimeout" },
    alarms: { type: "boolean", group: "operations", path: "alarms.enabled" },
    alarmEmails: { type: "string[]", group: "operations", path: "alarms.emails" },
    alarmHttpsEndpoints: { type: "string[]", group: "operations", path: "alarms.httpsEndpoints" },
    alarmThresholds: { type: "object", group: "operations", path: "alarms.thresholds" },
    deploymentStrategy: { type: "string", group: "deployment", path: "deployment.strategy" },
    bakeTimeMinutes: { type: "integer", group: "deployment", path: "deployment.bakeTimeMinutes" },
    canaryPercent: { type: "number", group: "deployment", path: "deployment.canaryPercent" },
    canaryBakeMinutes: { type: "integer", group: "deployment", path: "deployment.canaryBakeMinutes" },
    linearStepPercent: { type: "number", group: "deployment", path: "deployment.linearStepPercent" },
    linearStepBakeMinutes: { type: "integer", group: "deployment", path: "deployment.linearStepBakeMinutes" },
    testListenerPort: { type: "integer", group: "deployment", path: "deployment.testListenerPort" },
};

/** A config key from its argument's table row. */
function fromOption(k: ArgumentKey): ConfigKey {
    const spec = optionSpecAt(k.path);
    return { type: k.type, group: k.group, path: k.path, description: spec.description, ...(spec.default !== undefined ? { default: spec.default } : {}) };
}

/** The namespace of our keys: `fargatekit:<key>`. */
export const CONFIG_NAMESPACE = "fargatekit";

export const CONFIG_SCHEMA: Record<string, ConfigKey> = {
    serviceName: {
        type: "string",
        default: "web",
        group: "service",
        // The lengths come from the name limits themselves, so this text cannot drift from the check.
        description: `Name of the service; prefixes resource names (lowercase letters, digits, hyphens; 1–${maxServiceNameLength({ shifting: false, platform: false, accessLogs: true })} characters, ${maxServiceNameLength({ shifting: true, platform: false, accessLogs: true })} with \`blueGreen\`, \`canary\` or \`linear\`, so the auto-named ALB and target groups fit AWS's 32).`,
    },
    ...Object.fromEntries(Object.entries(ARGUMENT_KEYS).map(([key, k]) => [key, fromOption(k)])),
    scheduledTasks: {
        type: "object[]",
        default: [],
        group: "deployment",
        description:
            "Tasks run on a schedule with the service's task definition `[{name, schedule, timezone, command}]` (`cron(...)`, `rate(...)` or `at(...)`; timezone default UTC), through EventBridge Scheduler with retries and an encrypted dead-letter queue.",
    },
};
