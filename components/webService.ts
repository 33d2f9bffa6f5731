import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as dockerBuild from "@pulumi/docker-build";
import { ServiceKey } from "./serviceKey";
import { ServiceLogGroup } from "./serviceLogGroup";
import { ImageRepository } from "./imageRepository";
import { BUILD_CACHE_TAG_FILTER, ContainerImage } from "./containerImage";
import { TaskRoles } from "./taskRoles";
import { targetGroupArgs } from "./loadBalancer";
import { FargateService } from "./fargateService";
import { ServiceAutoscaling } from "./serviceAutoscaling";
import { ServiceAlarms } from "./serviceAlarms";
import { Platform, PlatformArgs, PlatformHandle, OwnPlatformSettings } from "./platform";
import { routesOf } from "./platformRoutes";
import { CATCH_ALL_CONDITIONS, CATCH_ALL_PRIORITY, TrafficShifting } from "./trafficShifting";
import { WebServiceArgs, resolveWebServiceArgs, webServiceArgsProblems } from "./options/webServiceArgs";
import { ArgumentsError } from "./options/checks";
import { shiftsTraffic } from "./lib/ecs/deploymentStrategy";
import { listenerRuleConditions, routeUrl } from "./lib/elb/listenerRules";
import { ecrRepositoryArns } from "./lib/ecr/ecrImages";
import { dockerfileDeclaresVolume } from "./lib/ecs/writableVolumes";
import { runsVolumeInit, taskContainers } from "./lib/ecs/taskContainers";
import { OptionProblem } from "./options/optionTable";
import { ResolvedImageOptions } from "./options/imageOptions";
import { physicalName } from "./lib/nameLimits";

export { WebServiceArgs };

/**
 * Log group names of a service, fixed up front so the key policy can name them: `/<project>/<stack>/<service>`,
 * so two Pulumi projects with the same stack and service names never share (or overwrite) a group.
 */
export function logGroupNames(project: string, stack: string, service: string): { app: string; exec: string; flowLogs: string } {
    const base = `/${project}/${stack}/${service}`;
    return { app: base, exec: `${base}/exec`, flowLogs: `${base}/vpc-flow-logs` };
}

/** Room left after the prefix for the longest alarm key (`-response-time-high`) and the query's `/errors`. */
const PREFIX_MAX = 255 - 24;

/**
 * The prefix of the explicit names of a service (cluster, alarms, dashboard, error query):
 * `<project>-<service>-<stack>`, unique per project and stack, within the CloudWatch and ECS limits.
 */
export function resourcePrefix(project: string, service: string, stack: string): string {
    return physicalName([project, service, stack], PREFIX_MAX);
}

/** The Dockerfile of a build (its text), or a problem at `image.dockerfile` when it cannot be read; undefined for a prebuilt image. */
export function readDockerfile(image: ResolvedImageOptions, problems: OptionProblem[]): string | undefined {
    if (image.buildContext === undefined) return undefined;
    const file = path.join(image.buildContext, image.dockerfile);
    try {
        return fs.readFileSync(file, "utf8");
    } catch (e) {
        problems.push({
            path: "image.dockerfile",
            value: image.dockerfile,
            message: `cannot be read at ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); \`image.buildContext\` must be a directory with the Dockerfile`,
        });
        return undefined;
    }
}

/** The endpoint services a service's own VPC needs beyond ECR, logs and S3: those of its secrets, and ECS Exec's. */
export function serviceEndpointServices(secretValueFroms: readonly string[], exec: boolean): string[] {
    return [
        ...(secretValueFroms.some((v) => v.includes(":secretsmanager:")) ? ["secretsmanager"] : []),
        ...(secretValueFroms.some((v) => v.includes(":ssm:")) ? ["ssm"] : []),
        ...(exec ? ["ssmmessages"] : []),
    ];
}

/**
 * The whole web service: key, log groups, repository and image, roles, Fargate service, autoscaling and
 * alarms, on a platform (VPC, cluster, ALB). On a shared `platform` it adds its own target group and
 * listener rule (host and/or path conditions, an explicit or allocated priority) to the platform's
 * listener; without one it creates a platform of its own, whose listener forwards to it, and attaches
 * the same way. With a blue/green, canary or linear strategy it adds a `TrafficShifting` component.
 * Arguments are resolved against their option tables once and validated before anything is created.
 */
export class WebService extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:WebService";

    /** The platform the service runs on: the shared one given, or its own. */
    readonly platform: PlatformHandle;
    /** The service's KMS key (logs, repository, exec sessions, ephemeral storage); absent with `kmsKeyArn`. */
    readonly kmsKey?: aws.kms.Key;
    /** The key in use: the service's own, or `kmsKeyArn`. */
    readonly kmsKeyArn: pulumi.Output<string>;
    /** The app's log group. */
    readonly logGroup: aws.cloudwatch.LogGroup;
    /** The ECS Exec session log group; only with `task.enableExecuteCommand`. */
    readonly execLogGroup?: aws.cloudwatch.LogGroup;
    /** The ECR repository; only when building without `image.existingRepositoryUrl`. */
    readonly repository?: aws.ecr.Repository;
    /** The built image; only with `image.buildContext`. */
    readonly image?: dockerBuild.Image;
    /** The role ECS starts tasks with (image pull, logs, secrets). */
    readonly executionRole: aws.iam.Role;
    /** The role the app runs as (`task.roleStatements`). */
    readonly taskRole: aws.iam.Role;
    /** The cluster of the service's own platform; absent on a shared platform or with `cluster.arn`. */
    readonly cluster?: aws.ecs.Cluster;
    /** The load balancer of the service's own platform; absent on a shared platform. */
    readonly loadBalancer?: aws.lb.LoadBalancer;
    /** The target group production traffic reaches the tasks through. */
    readonly targetGroup: aws.lb.TargetGroup;
    /** The rule on the shared platform's listener that forwards to the service; only on a shared platform. */
    readonly listenerRule?: aws.lb.ListenerRule;
    /** The listener rule's priority (explicit or allocated); only on a shared platform. */
    readonly listenerPriority?: number;
    /** The second target group new revisions start in; only with blueGreen, canary or linear. */
    readonly alternateTargetGroup?: aws.lb.TargetGroup;
    /** The rule whose weights ECS shifts (on a shared platform, `listenerRule`); only with blueGreen, canary or linear. */
    readonly productionListenerRule?: aws.lb.ListenerRule;
    /** The test listener; only with `deployment.testListenerPort`. */
    readonly testListener?: aws.lb.Listener;
    /** The test listener's catch-all rule; only with `deployment.testListenerPort`. */
    readonly testListenerRule?: aws.lb.ListenerRule;
    /** The role ECS assumes to shift traffic; only with blueGreen, canary or linear. */
    readonly loadBalancerRole?: aws.iam.Role;
    /** The ECS service. */
    readonly service: aws.ecs.Service;
    /** The task definition (scheduled tasks run it too). */
    readonly taskDefinition: aws.ecs.TaskDefinition;
    /** The tasks' security group (ingress from the load balancer only). */
    readonly taskSecurityGroup: aws.ec2.SecurityGroup;
    /** Task CPU units (given, or the cheapest size that fits). */
    readonly cpu: number;
    /** Task memory in MiB (given, or the cheapest size that fits). */
    readonly memory: number;
    /** The autoscaling target. */
    readonly scalableTarget: aws.appautoscaling.Target;
    /** The alarm topic; only with `alarms.enabled`. */
    readonly alarmTopic?: aws.sns.Topic;

    /** Where the service answers: the load balancer's URL (on a shared platform, with the route's host and path). */
    readonly url: pulumi.Output<string>;
    /** The ECS service's name. */
    readonly serviceName: pulumi.Output<string>;
    /** The cluster's name. */
    readonly clusterName: pulumi.Output<string>;
    /** The cluster's ARN. */
    readonly clusterArn: pulumi.Output<string>;
    /** The app's log group name. */
    readonly logGroupName: pulumi.Output<string>;
    /** The image the web container runs. */
    readonly imageUri: pulumi.Output<string>;
    /** Subnets the tasks run in (for `aws ecs run-task`). */
    readonly taskSubnetIds: pulumi.Output<string[]>;
    /** Whether tasks get a public IP. */
    readonly assignPublicIp: pulumi.Output<boolean>;

    constructor(name: string, args: WebServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        // Everything is checked, and the route claimed, before the component registers: a bad argument creates nothing.
        const o = resolveWebServiceArgs(args);
        const problems = webServiceArgsProblems(name, args, o);
        const dockerfile = readDockerfile(o.image, problems);
        if (problems.length > 0) throw new ArgumentsError(`WebService ${name}`, problems);
        const shared = o.platform;
        const route = shared
            ? routesOf(shared).claim({ service: name, hostHeaders: o.routing.hostHeaders, pathPatterns: o.routing.pathPatterns, priority: o.routing.listenerPriority })
            : undefined;
        super(WebService.__pulumiType, name, {}, opts);

        const shifting = shiftsTraffic(o.deployment.strategy);
        const exec = o.task.enableExecuteCommand;
        const protect = o.protectStatefulResources;
        const tags = args.tags;
        const containers = o.container;
        const names = logGroupNames(pulumi.getProject(), pulumi.getStack(), name);
        const prefix = resourcePrefix(pulumi.getProject(), name, pulumi.getStack());
        const ownsCluster = !shared && o.cluster.arn === undefined;

        // Encryption key shared by the log groups, repository, exec sessions and ephemeral storage.
        let keyArn: pulumi.Input<string>;
        if (o.kmsKeyArn === undefined) {
            const key = new ServiceKey(
                `${name}-key`,
                {
                    description: `fargatekit ${name}: logs, images, exec sessions and ephemeral storage`,
                    logGroupNames: [names.app, ...(exec ? [names.exec] : []), ...(!shared && o.network.flowLogs ? [names.flowLogs] : [])],
                    fargateClusterName: ownsCluster ? prefix : undefined,
                    allowCloudWatchAlarms: o.alarms.enabled,
                    protect,
                    tags,
                },
                { parent: this },
            );
            this.kmsKey = key.key;
            keyArn = key.arn;
        } else {
            keyArn = o.kmsKeyArn;
        }
        this.kmsKeyArn = pulumi.output(keyArn);

        const logGroup = new ServiceLogGroup(`${name}-logs`, { name: names.app, retentionInDays: o.logs.retentionDays, kmsKeyArn: keyArn, protect, tags }, { parent: this });
        const execLogGroup = exec
            ? new ServiceLogGroup(`${name}-exec-logs`, { name: names.exec, retentionInDays: o.logs.retentionDays, kmsKeyArn: keyArn, protect, tags }, { parent: this })
            : undefined;
        this.logGroup = logGroup.logGroup;
        this.execLogGroup = execLogGroup?.logGroup;

        // Image: built and pushed, or given.
        let imageUri: pulumi.Output<string>;
        let repositoryArns: pulumi.Input<string>[] = [];
        if (o.image.buildContext !== undefined) {
            let repoUrl: pulumi.Input<string>;
            if (o.image.existingRepositoryUrl !== undefined) {
                repoUrl = o.image.existingRepositoryUrl;
                repositoryArns = [o.image.existingRepositoryArn!];
            } else {
                const repository = new ImageRepository(
                    `${name}-repo`,
                    {
                        kmsKeyArn: keyArn,
                        keepTaggedImages: o.image.keepTaggedImages,
                        forceDelete: o.image.forceDeleteRepository,
                        buildCacheTagFilter: BUILD_CACHE_TAG_FILTER,
                        protect,
                        tags,
                    },
                    { parent: this },
                );
                this.repository = repository.repository;
                repoUrl = repository.url;
                repositoryArns = [repository.arn];
            }
            // The layer cache lives in our own repository (its cache tags may be overwritten); an existing repository may not allow that.
            const image = new ContainerImage(
                `${name}-image`,
                {
                    repositoryUrl: repoUrl,
                    context: o.image.buildContext,
                    dockerfile: o.image.dockerfile,
                    architecture: o.task.architecture,
                    buildCache: o.image.existingRepositoryUrl === undefined,
                },
                { parent: this },
            );
            this.image = image.image;
            imageUri = image.imageUri;
        } else {
            imageUri = pulumi.output(o.image.uri!);
        }

        const sidecars = containers.sidecars;
        const secretValueFroms = [containers.secrets, ...sidecars.map((s) => s.secrets ?? {})].flatMap((m) => Object.values(m));

        // The platform: the shared one, or one of the service's own that forwards everything to it.
        let own: Platform | undefined;
        if (!shared) {
            const ownedBy: OwnPlatformSettings = {
                clusterName: prefix,
                flowLogGroupName: names.flowLogs,
                execLogGroupName: exec ? names.exec : undefined,
                targetPort: containers.port,
                targetGroup: o.targetGroup,
                formerParent: this,
            };
            const platformArgs: PlatformArgs & { ownedBy: OwnPlatformSettings } = {
                network: { ...o.network, extraEndpointServices: [...serviceEndpointServices(secretValueFroms, exec), ...o.network.extraEndpointServices] },
                cluster: o.cluster,
                loadBalancer: o.loadBalancer,
                logs: o.logs,
                kmsKeyArn: keyArn,
                tags,
                ownedBy,
            };
            own = new Platform(name, platformArgs, { parent: this });
            this.cluster = own.cluster;
            this.loadBalancer = own.loadBalancer;
        }
        const platform = shared ?? own!.handle;
        this.platform = platform;

        // Prebuilt private ECR images (the web container's or a sidecar's) are pulled with the execution role too.
        const pulledRepositoryArns = pulumi
            .all([pulumi.all(repositoryArns), pulumi.output(o.image.uri ?? "")])
            .apply(([built, image]) => [...new Set([...(built as string[]), ...ecrRepositoryArns([image, ...sidecars.map((s) => s.image)])])]);
        const roles = new TaskRoles(
            `${name}-roles`,
            {
                repositoryArns: pulledRepositoryArns,
                logGroupArn: logGroup.arn,
                secretValueFroms,
                // The service key protects the repository we push to; the secrets' own keys are the ones given.
                kmsKeyArns: [...(repositoryArns.length > 0 ? [keyArn] : []), ...(containers.secretsKmsKeyArns ?? [])],
                taskRoleStatements: o.task.roleStatements,
                allowBroadTaskRolePermissions: o.task.allowBroadRolePermissions,
                enableExecuteCommand: exec,
                execLogGroupArn: execLogGroup?.arn,
                execKmsKeyArn: exec ? keyArn : undefined,
                tags,
            },
            { parent: this },
        );
        this.executionRole = roles.executionRole;
        this.taskRole = roles.taskRole;
        this.clusterArn = pulumi.output(platform.clusterArn);
        this.clusterName = pulumi.output(platform.clusterName);

        // Attach to the platform's listener: the default target group of its own platform, or a target group and rule on the shared one.
        const targetGroupSettings = { vpcId: platform.vpcId, targetPort: containers.port, ...o.targetGroup, tags };
        let listenerArn: pulumi.Output<string>;
        if (own) {
            this.targetGroup = own.defaultTargetGroup!;
            listenerArn = own.trafficListener.arn;
            this.url = own.url;
        } else {
            this.targetGroup = new aws.lb.TargetGroup(`${name}-tg`, targetGroupArgs(targetGroupSettings), { parent: this });
            this.listenerPriority = route!.priority;
            this.url = pulumi.output(shared!.url).apply((u) => routeUrl(u, route!.hostHeaders, route!.pathPatterns));
        }
        const conditions = route ? listenerRuleConditions(route.hostHeaders, route.pathPatterns) : CATCH_ALL_CONDITIONS;
        let loadBalancerRoleArn: pulumi.Output<string> | undefined;
        if (shifting) {
            const traffic = new TrafficShifting(
                `${name}-traffic-shifting`,
                {
                    serviceName: name,
                    primaryTargetGroupArn: this.targetGroup.arn,
                    targetGroup: targetGroupSettings,
                    productionRule: own
                        ? { resourceName: `${name}-production`, listenerArn: own.trafficListener.arn, priority: CATCH_ALL_PRIORITY, conditions }
                        : { resourceName: `${name}-rule`, listenerArn: shared!.listenerArn, priority: route!.priority, conditions },
                    testListener:
                        own && o.deployment.testListenerPort !== undefined
                            ? {
                                  port: o.deployment.testListenerPort,
                                  loadBalancerArn: own.loadBalancer.arn,
                                  loadBalancerSecurityGroupId: own.loadBalancerSecurityGroup.id,
                                  vpcCidr: platform.vpcCidr,
                                  certificateArn: o.loadBalancer.certificateArn,
                                  sslPolicy: o.loadBalancer.sslPolicy,
                              }
                            : undefined,
                    tags,
                    formerParent: this,
                },
                { parent: this },
            );
            this.alternateTargetGroup = traffic.alternateTargetGroup;
            this.productionListenerRule = traffic.productionListenerRule;
            this.testListener = traffic.testListener;
            this.testListenerRule = traffic.testListenerRule;
            this.loadBalancerRole = traffic.role;
            loadBalancerRoleArn = traffic.roleArn;
            if (!own) this.listenerRule = traffic.productionListenerRule;
        } else if (!own) {
            this.listenerRule = new aws.lb.ListenerRule(
                `${name}-rule`,
                { listenerArn: shared!.listenerArn, priority: route!.priority, actions: [{ type: "forward", targetGroupArn: this.targetGroup.arn }], conditions, tags },
                { parent: this },
            );
        }
        // A service on a shared listener depends on its rule (the target group is in use only once the rule forwards to it).
        listenerArn ??= this.listenerRule!.arn;

        const alarms = o.alarms.enabled
            ? new ServiceAlarms(
                  `${name}-alarms`,
                  {
                      prefix,
                      clusterName: this.clusterName,
                      serviceName: name,
                      loadBalancerArnSuffix: platform.loadBalancerArnSuffix,
                      targetGroupArnSuffix: this.targetGroup.arnSuffix,
                      alternateTargetGroupArnSuffix: this.alternateTargetGroup?.arnSuffix,
                      logGroupName: logGroup.name,
                      thresholds: { minRunningTasks: o.scaling.minCount, ...o.alarms.thresholds },
                      containerInsights: o.cluster.containerInsights !== "disabled",
                      kmsKeyArn: keyArn,
                      emailSubscriptions: o.alarms.emails,
                      httpsSubscriptions: o.alarms.httpsEndpoints,
                      tags,
                  },
                  { parent: this },
              )
            : undefined;
        this.alarmTopic = alarms?.topic;

        // /tmp must be writable by UID 10001: the image declares VOLUME /tmp, or an init container opens it up.
        const volumeInit = runsVolumeInit(containers.initWritableVolumes, dockerfile, (text) => dockerfileDeclaresVolume(text, "/tmp"));
        const service = new FargateService(
            `${name}-service`,
            {
                clusterArn: this.clusterArn,
                containers: taskContainers(containers, imageUri, volumeInit),
                webContainerName: containers.name,
                webContainerPort: containers.port,
                cpu: o.task.cpu,
                memory: o.task.memory,
                architecture: o.task.architecture,
                executionRoleArn: this.executionRole.arn,
                taskRoleArn: this.taskRole.arn,
                logGroupName: logGroup.name,
                vpcId: platform.vpcId,
                vpcCidr: platform.vpcCidr,
                subnetIds: platform.taskSubnetIds,
                assignPublicIp: platform.assignPublicIp,
                targetGroupArn: this.targetGroup.arn,
                listenerArn,
                loadBalancerSecurityGroupId: platform.loadBalancerSecurityGroupId,
                desiredCount: o.scaling.desiredCount,
                onDemandBase: o.scaling.onDemandBase,
                spotWeight: o.scaling.spotWeight,
                onDemandWeight: o.scaling.onDemandWeight,
                healthCheckGracePeriod: o.scaling.healthCheckGracePeriod,
                enableExecuteCommand: exec,
                serviceName: name,
                deploymentAlarmNames: alarms?.deploymentAlarms.map((a) => a.name),
                taskDefinitionOverrides: o.task.definitionOverrides,
                deploymentStrategy: o.deployment.strategy,
                bakeTimeMinutes: o.deployment.bakeTimeMinutes,
                canaryPercent: o.deployment.canaryPercent,
                canaryBakeMinutes: o.deployment.canaryBakeMinutes,
                linearStepPercent: o.deployment.linearStepPercent,
                linearStepBakeMinutes: o.deployment.linearStepBakeMinutes,
                alternateTargetGroupArn: this.alternateTargetGroup?.arn,
                productionListenerRuleArn: this.productionListenerRule?.arn,
                testListenerRuleArn: this.testListenerRule?.arn,
                loadBalancerRoleArn,
                tags,
            },
            { parent: this },
        );
        this.service = service.service;
        this.taskDefinition = service.taskDefinition;
        this.taskSecurityGroup = service.securityGroup;
        this.cpu = service.cpu;
        this.memory = service.memory;

        const autoscaling = new ServiceAutoscaling(
            `${name}-autoscaling`,
            {
                clusterName: this.clusterName,
                serviceName: this.service.name,
                scaling: o.scaling,
                loadBalancerArnSuffix: platform.loadBalancerArnSuffix,
                targetGroupArnSuffix: this.targetGroup.arnSuffix,
                alternateTargetGroupArnSuffix: this.alternateTargetGroup?.arnSuffix,
            },
            { parent: this },
        );
        this.scalableTarget = autoscaling.target;

        this.taskSubnetIds = pulumi.output(platform.taskSubnetIds);
        this.assignPublicIp = pulumi.output(platform.assignPublicIp);
        this.serviceName = this.service.name;
        this.logGroupName = logGroup.name;
        this.imageUri = imageUri;
        this.registerOutputs({ url: this.url, serviceName: this.serviceName, clusterName: this.clusterName, logGroupName: this.logGroupName, imageUri: this.imageUri });
    }
}
