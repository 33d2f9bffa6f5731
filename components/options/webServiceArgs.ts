/**
 * `WebService`'s arguments: one nested option type per concern, resolved once against their tables
 * and validated as a whole, all problems at once. The program's config schema maps each of its keys
 * to one of these fields, so the library and a stack get the same defaults and the same errors.
 */
import * as pulumi from "@pulumi/pulumi";
import { OptionProblem, OptionTable, unknownFields, unknownNames } from "./optionTable";
import { Problems } from "./checks";
import { IMAGE_OPTIONS, ImageOptions, ResolvedImageOptions, imageOptionsProblems, resolveImageOptions } from "./imageOptions";
import { CONTAINER_OPTIONS, ContainerOptions, ResolvedContainerOptions, containerOptionsProblems, resolveContainerOptions } from "./containerOptions";
import { TASK_OPTIONS, TaskOptions, ResolvedTaskOptions, resolveTaskOptions, taskOptionsProblems } from "./taskOptions";
import { SCALING_OPTIONS, ScalingOptions, ResolvedScalingOptions, resolveScalingOptions, scalingOptionsProblems } from "./scalingOptions";
import { DEPLOYMENT_OPTIONS, DeploymentOptions, ResolvedDeploymentOptions, deploymentOptionsProblems, resolveDeploymentOptions } from "./deploymentOptions";
import { TARGET_GROUP_OPTIONS, TargetGroupOptions, ResolvedTargetGroupOptions, resolveTargetGroupOptions, targetGroupOptionsProblems } from "./targetGroupOptions";
import { LOGS_OPTIONS, LogsOptions, ResolvedLogsOptions, logsOptionsProblems, resolveLogsOptions } from "./logsOptions";
import { ALARM_OPTIONS, AlarmOptions, ResolvedAlarmOptions, alarmOptionsProblems, resolveAlarmOptions } from "./alarmOptions";
import { NETWORK_OPTIONS, NetworkOptions, ResolvedNetworkOptions, networkOptionsProblems, resolveNetworkOptions } from "./networkOptions";
import { CLUSTER_OPTIONS, ClusterOptions, ResolvedClusterOptions, clusterOptionsProblems, resolveClusterOptions } from "./clusterOptions";
import { LOAD_BALANCER_OPTIONS, LoadBalancerOptions, ResolvedLoadBalancerOptions, loadBalancerOptionsProblems, resolveLoadBalancerOptions } from "./loadBalancerOptions";
import { ROUTING_OPTIONS, RoutingOptions, ResolvedRoutingOptions, resolveRoutingOptions, routingOptionsProblems } from "./routingOptions";
import { KMS_KEY_ARN } from "../lib/iam/arns";
import { shiftsTraffic } from "../lib/ecs/deploymentStrategy";
import { ec2DescriptionProblem } from "../lib/ec2/ec2Descriptions";
import { autoNameProblems, webServiceAutoNames } from "../lib/nameLimits";
import type { PlatformHandle } from "../platform";

/** Everything a web service needs, grouped by concern. Only `image` is required. */
export interface WebServiceArgs {
    /** Where the image comes from: `uri` (prebuilt) or `buildContext` (built and pushed to ECR). */
    image: ImageOptions;
    /**
     * The web container and its sidecars.
     * @default see `ContainerOptions`
     */
    container?: ContainerOptions;
    /**
     * Task size, architecture, task role permissions, ECS Exec.
     * @default see `TaskOptions`
     */
    task?: TaskOptions;
    /**
     * Task counts, capacity mix and autoscaling.
     * @default see `ScalingOptions`
     */
    scaling?: ScalingOptions;
    /**
     * How a new revision rolls out.
     * @default see `DeploymentOptions` (rolling)
     */
    deployment?: DeploymentOptions;
    /**
     * The target group's health check and draining.
     * @default see `TargetGroupOptions`
     */
    targetGroup?: TargetGroupOptions;
    /**
     * Log retention.
     * @default see `LogsOptions`
     */
    logs?: LogsOptions;
    /**
     * Alarms, their subscribers and thresholds.
     * @default see `AlarmOptions` (off)
     */
    alarms?: AlarmOptions;
    /**
     * The VPC of the service's own platform; not on a shared `platform`.
     * @default see `NetworkOptions` (a new VPC without NAT)
     */
    network?: NetworkOptions;
    /**
     * The cluster of the service's own platform; not on a shared `platform`.
     * @default see `ClusterOptions` (a new cluster)
     */
    cluster?: ClusterOptions;
    /**
     * The load balancer of the service's own platform; not on a shared `platform`.
     * @default see `LoadBalancerOptions` (internet-facing, HTTP)
     */
    loadBalancer?: LoadBalancerOptions;
    /**
     * Run on a shared platform (its VPC, cluster and ALB): `platform.handle`, or `platformFromStackReference(...)`
     * in another project. The service then adds its own target group, listener rule and task security group.
     * @default none: the service creates its own platform
     */
    platform?: PlatformHandle;
    /**
     * Which requests of the shared platform's listener reach the service; only with `platform`.
     * @default see `RoutingOptions` (any host, any path)
     */
    routing?: RoutingOptions;
    /**
     * Existing KMS key for logs, repository, exec sessions and ephemeral storage (its policy must let CloudWatch Logs use it).
     * @default a new key
     */
    kmsKeyArn?: pulumi.Input<string>;
    /**
     * Protect the repository, key and log group from `pulumi destroy`.
     * @default false
     */
    protectStatefulResources?: boolean;
    /**
     * Tags on every taggable resource.
     * @default {}
     */
    tags?: Record<string, string>;
}

/** The fields of `WebServiceArgs` that are not option groups. */
export type WebServiceTopLevelOptions = Pick<WebServiceArgs, "kmsKeyArn" | "protectStatefulResources" | "tags">;

export const WEB_SERVICE_OPTIONS: OptionTable<WebServiceTopLevelOptions> = {
    kmsKeyArn: { defaultText: "a new key", description: "Existing KMS key for logs, the repository and exec sessions; unset: one key per service is created." },
    protectStatefulResources: { default: false, description: "Protect the ECR repository, KMS key and log group from `pulumi destroy` (on in prod)." },
    tags: { default: {}, description: "Tags added to every taggable resource (ECS propagates them to tasks)." },
};

/** Every option group of `WebServiceArgs` and its table: the program's config schema and the README reference read them from here. */
export const WEB_SERVICE_OPTION_GROUPS = {
    image: IMAGE_OPTIONS,
    container: CONTAINER_OPTIONS,
    task: TASK_OPTIONS,
    scaling: SCALING_OPTIONS,
    deployment: DEPLOYMENT_OPTIONS,
    targetGroup: TARGET_GROUP_OPTIONS,
    logs: LOGS_OPTIONS,
    alarms: ALARM_OPTIONS,
    network: NETWORK_OPTIONS,
    cluster: CLUSTER_OPTIONS,
    loadBalancer: LOAD_BALANCER_OPTIONS,
    routing: ROUTING_OPTIONS,
} as const;

export type WebServiceOptionGroup = keyof typeof WEB_SERVICE_OPTION_GROUPS;

/** Every top-level argument of `WebService`. */
export const WEB_SERVICE_ARGUMENTS: readonly string[] = [...Object.keys(WEB_SERVICE_OPTION_GROUPS), "platform", ...Object.keys(WEB_SERVICE_OPTIONS)];

/** The option groups a shared platform owns: given with `platform`, they are refused. */
export const PLATFORM_OWNED_GROUPS = ["network", "cluster", "loadBalancer"] as const;

/** `WebServiceArgs` with every table default applied, once. */
export interface ResolvedWebServiceArgs {
    image: ResolvedImageOptions;
    container: ResolvedContainerOptions;
    task: ResolvedTaskOptions;
    scaling: ResolvedScalingOptions;
    deployment: ResolvedDeploymentOptions;
    targetGroup: ResolvedTargetGroupOptions;
    logs: ResolvedLogsOptions;
    alarms: ResolvedAlarmOptions;
    network: ResolvedNetworkOptions;
    cluster: ResolvedClusterOptions;
    loadBalancer: ResolvedLoadBalancerOptions;
    routing: ResolvedRoutingOptions;
    platform?: PlatformHandle;
    kmsKeyArn?: pulumi.Input<string>;
    protectStatefulResources: boolean;
    tags: Record<string, string>;
}

/** Apply every table's defaults once; the components read only resolved options. */
export function resolveWebServiceArgs(args: WebServiceArgs): ResolvedWebServiceArgs {
    return {
        image: resolveImageOptions(args.image),
        container: resolveContainerOptions(args.container),
        task: resolveTaskOptions(args.task),
        scaling: resolveScalingOptions(args.scaling),
        deployment: resolveDeploymentOptions(args.deployment),
        targetGroup: resolveTargetGroupOptions(args.targetGroup),
        logs: resolveLogsOptions(args.logs),
        alarms: resolveAlarmOptions(args.alarms),
        network: resolveNetworkOptions(args.network),
        cluster: resolveClusterOptions(args.cluster),
        loadBalancer: resolveLoadBalancerOptions(args.loadBalancer),
        routing: resolveRoutingOptions(args.routing),
        platform: args.platform,
        kmsKeyArn: args.kmsKeyArn,
        protectStatefulResources: args.protectStatefulResources ?? false,
        tags: args.tags ?? {},
    };
}

/**
 * Why the service name cannot be used: a derived auto-name too long for AWS, or a character EC2 refuses
 * in the security group descriptions the name goes into.
 */
export function serviceNameProblems(name: string, o: Pick<ResolvedWebServiceArgs, "deployment" | "platform" | "loadBalancer">): string[] {
    const shape = { shifting: shiftsTraffic(o.deployment.strategy), platform: o.platform !== undefined, accessLogs: o.loadBalancer.accessLogs === true };
    const found: string[] = [];
    const tooLong = autoNameProblems(webServiceAutoNames(name, shape));
    if (tooLong.length > 0) found.push(`the name is too long: ${tooLong.join("; ")}`);
    const characters = ec2DescriptionProblem(name);
    if (characters) found.push(`the name goes into security group descriptions and ${characters}`);
    return found;
}

/**
 * Every problem with a service's arguments, each with its path: each option group's own checks, then
 * what only the whole can tell (platform-owned groups on a shared platform, routing without one, a test
 * listener or ECS Exec where the service does not own the ALB or cluster, the service name's derived names).
 */
export function webServiceArgsProblems(name: string, args: WebServiceArgs, o: ResolvedWebServiceArgs = resolveWebServiceArgs(args)): OptionProblem[] {
    const problems: OptionProblem[] = unknownNames(args, WEB_SERVICE_ARGUMENTS, "", "an argument of WebService");
    for (const [group, table] of Object.entries(WEB_SERVICE_OPTION_GROUPS))
        problems.push(...unknownFields(table as OptionTable<object>, (args as unknown as Record<string, object | undefined>)[group], group));
    problems.push(
        ...imageOptionsProblems(o.image),
        ...containerOptionsProblems(o.container),
        ...taskOptionsProblems(o.task, o.container.sidecars),
        ...scalingOptionsProblems(o.scaling),
        ...deploymentOptionsProblems(o.deployment, o.container.port),
        ...targetGroupOptionsProblems(o.targetGroup),
        ...logsOptionsProblems(o.logs),
        ...alarmOptionsProblems(o.alarms),
    );
    const p = new Problems("");
    if (o.platform !== undefined) {
        for (const group of PLATFORM_OWNED_GROUPS) {
            const given = Object.entries(args[group] ?? {}).filter(([, v]) => v !== undefined);
            if (given.length > 0)
                p.add(
                    group,
                    Object.fromEntries(given),
                    `belongs to the platform when the service runs on one; set it on the Platform, or drop \`platform\` to give the service its own VPC, cluster and ALB`,
                );
        }
        if (o.task.enableExecuteCommand)
            p.add("task.enableExecuteCommand", true, "is not available on a shared platform: ECS Exec session logging is configured on the cluster, which the platform owns");
        if (o.deployment.testListenerPort !== undefined)
            p.add(
                "deployment.testListenerPort",
                o.deployment.testListenerPort,
                "needs the service's own ALB; on a platform, add a test listener to the platform's load balancer instead",
            );
        problems.push(...routingOptionsProblems(o.routing));
    } else {
        problems.push(...networkOptionsProblems(o.network), ...clusterOptionsProblems(o.cluster), ...loadBalancerOptionsProblems(o.loadBalancer));
        const routing = Object.entries(args.routing ?? {}).filter(([, v]) => v !== undefined);
        if (routing.length > 0)
            p.add("routing", Object.fromEntries(routing), "needs a shared `platform` (a shared listener); a service without one gets its own ALB that forwards everything to it");
    }
    p.matches("kmsKeyArn", o.kmsKeyArn, KMS_KEY_ARN, "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)");
    p.bool("protectStatefulResources", o.protectStatefulResources);
    for (const [k, v] of Object.entries(o.tags)) if (typeof v !== "string") p.add(`tags.${k}`, v, "tag values must be strings");
    for (const message of serviceNameProblems(name, o)) p.list.push({ path: "(name)", value: name, message });
    problems.push(...p.list.map((x) => ({ ...x, path: x.path.replace(/^\./, "") })));
    return problems;
}
