import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { CpuArchitecture, DeploymentStrategy } from "./lib/enums";
import { ContainerSettings } from "./lib/ecs/containerDefinitions";
import { fargateTaskDefinitionArgs, taskDefinitionProblems } from "./lib/ecs/taskDefinition";
import { ec2Description } from "./lib/ec2/ec2Descriptions";
import { capacityStrategy, capacityStrategyProblems } from "./lib/ecs/capacityStrategy";
import { deploymentConfiguration, deploymentStrategyProblems, deploymentTimeouts, shiftsTraffic } from "./lib/ecs/deploymentStrategy";
import { withTableDefaults } from "./options/optionTable";
import { SCALING_OPTIONS } from "./options/scalingOptions";
import { TASK_OPTIONS } from "./options/taskOptions";
import { DEPLOYMENT_OPTIONS } from "./options/deploymentOptions";
import { ArgumentsError, Problems } from "./options/checks";
import { OptionProblem } from "./options/optionTable";

export { taskSize } from "./lib/ecs/taskDefinition";
export { capacityStrategy } from "./lib/ecs/capacityStrategy";

/** A container whose image may still be an Output (e.g. the digest of an image we build). */
export interface ServiceContainer extends ContainerSettings {
    /** Image URI. */
    image: pulumi.Input<string>;
}

export interface FargateServiceArgs {
    /** Cluster ARN. Required. */
    clusterArn: pulumi.Input<string>;
    /** Containers; one of them is the web container. Required (at least one). */
    containers: ServiceContainer[];
    /**
     * Name of the container the ALB forwards to.
     * @default the first container
     */
    webContainerName?: string;
    /** Port of the web container the ALB forwards to. Required. */
    webContainerPort: number;
    /**
     * Task CPU units.
     * @default the cheapest valid size that fits the containers
     */
    cpu?: number;
    /**
     * Task memory in MiB (valid with cpu).
     * @default the cheapest valid size that fits
     */
    memory?: number;
    /**
     * "x86_64" or "arm64".
     * @default "x86_64"
     */
    architecture?: CpuArchitecture;
    /** Execution role ARN (image pull, logs, secrets). Required. */
    executionRoleArn: pulumi.Input<string>;
    /** Task role ARN (the app's permissions). Required. */
    taskRoleArn: pulumi.Input<string>;
    /** Log group every container logs to. Required. */
    logGroupName: pulumi.Input<string>;
    /** VPC id. Required. */
    vpcId: pulumi.Input<string>;
    /** VPC CIDR (DNS egress is limited to it). Required. */
    vpcCidr: pulumi.Input<string>;
    /** Subnets the tasks run in. Required. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Give tasks public IPs (only for the no-NAT dev mode).
     * @default false
     */
    assignPublicIp?: pulumi.Input<boolean>;
    /** Target group the web container registers in. Required. */
    targetGroupArn: pulumi.Input<string>;
    /** Listener that forwards to the target group (the service waits for it). Required. */
    listenerArn: pulumi.Input<string>;
    /** The ALB's security group: the only source allowed in; its egress to the tasks is opened here. Required. */
    loadBalancerSecurityGroupId: pulumi.Input<string>;
    /**
     * Tasks at creation (autoscaling owns the count afterwards).
     * @default 1
     */
    desiredCount?: number;
    /**
     * Tasks always on on-demand Fargate.
     * @default 1
     */
    onDemandBase?: number;
    /**
     * FARGATE_SPOT weight against the on-demand weight above the base.
     * @default 0 (no Spot)
     */
    spotWeight?: number;
    /**
     * FARGATE (on-demand) weight above the base. 0 runs every task on FARGATE_SPOT (needs `onDemandBase` 0 and
     * `spotWeight` ≥ 1).
     * @default 1
     */
    onDemandWeight?: number;
    /**
     * Seconds ALB health checks are ignored after a task starts.
     * @default 60
     */
    healthCheckGracePeriod?: number;
    /**
     * ECS Exec.
     * @default false
     */
    enableExecuteCommand?: boolean;
    /**
     * ECS service name.
     * @default auto-named from the component name
     */
    serviceName?: string;
    /**
     * CloudWatch alarms that roll a deployment back when they fire.
     * @default none (the circuit breaker still applies)
     */
    deploymentAlarmNames?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Escape hatch: raw task definition arguments merged over ours (the policy pack still judges the result).
     * @default none
     */
    taskDefinitionOverrides?: Partial<aws.ecs.TaskDefinitionArgs>;

    /**
     * How a new revision rolls out. "rolling" replaces tasks in place (100 % healthy, up to 200 %);
     * "blueGreen", "canary" and "linear" start the new revision in `alternateTargetGroupArn` and let ECS
     * shift the production rule's weights to it (all at once, a canary share first, or in equal steps).
     * The circuit breaker and `deploymentAlarmNames` roll back under every strategy.
     * @default "rolling"
     */
    deploymentStrategy?: DeploymentStrategy;
    /**
     * Minutes the old revision stays ready after all traffic has moved, for an instant rollback (0–1440; not with rolling).
     * @default 5
     */
    bakeTimeMinutes?: number;
    /**
     * Percent of production traffic the canary serves first (0.1–100 in steps of 0.1; canary only).
     * @default 10
     */
    canaryPercent?: number;
    /**
     * Minutes the canary serves its share before the rest moves (0–1440; canary only).
     * @default 5
     */
    canaryBakeMinutes?: number;
    /**
     * Percent of production traffic each linear step moves (3–100; linear only).
     * @default 20
     */
    linearStepPercent?: number;
    /**
     * Minutes between linear steps (0–1440; linear only).
     * @default 3
     */
    linearStepBakeMinutes?: number;
    /**
     * The second target group the new revision starts in (same port and health check as `targetGroupArn`).
     * @default none (required unless rolling)
     */
    alternateTargetGroupArn?: pulumi.Input<string>;
    /**
     * The listener rule forwarding production traffic to both target groups, whose weights ECS shifts.
     * @default none (required unless rolling)
     */
    productionListenerRuleArn?: pulumi.Input<string>;
    /**
     * A listener rule that sends test traffic to the new revision before production moves.
     * @default none (not with rolling)
     */
    testListenerRuleArn?: pulumi.Input<string>;
    /**
     * The role ECS assumes to modify those rules and register tasks in both target groups.
     * @default none (required unless rolling)
     */
    loadBalancerRoleArn?: pulumi.Input<string>;

    /**
     * Tags.
     * @default none
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** The traffic-shifting arguments of a FargateService: needed by blueGreen, canary and linear, refused with rolling. */
const TRAFFIC_SHIFT_ARGS = ["alternateTargetGroupArn", "productionListenerRuleArn", "loadBalancerRoleArn", "testListenerRuleArn"] as const;
const REQUIRED_TRAFFIC_SHIFT_ARGS = ["alternateTargetGroupArn", "productionListenerRuleArn", "loadBalancerRoleArn"] as const;

/**
 * Every problem with a FargateService's arguments: a strategy setting out of range or of another
 * strategy, a traffic-shifting strategy without its second target group, production rule or role,
 * traffic-shifting arguments with rolling, a capacity mix ECS cannot place, and containers or a size
 * that make no task definition. Defaults applied (see the constructor).
 */
export function fargateServiceArgsProblems(args: FargateServiceArgs): OptionProblem[] {
    const p = new Problems("");
    const strategyProblems = deploymentStrategyProblems({
        strategy: args.deploymentStrategy,
        bakeTimeMinutes: args.bakeTimeMinutes,
        canaryPercent: args.canaryPercent,
        canaryBakeMinutes: args.canaryBakeMinutes,
        linearStepPercent: args.linearStepPercent,
        linearStepBakeMinutes: args.linearStepBakeMinutes,
    });
    for (const sp of strategyProblems) p.add(sp.field, sp.value, sp.message);
    const strategy = args.deploymentStrategy ?? DEPLOYMENT_OPTIONS.strategy.default!;
    if (strategyProblems.length === 0 && shiftsTraffic(strategy)) {
        const missing = REQUIRED_TRAFFIC_SHIFT_ARGS.filter((k) => args[k] === undefined);
        if (missing.length > 0) p.add("deploymentStrategy", strategy, `shifts traffic between two target groups and needs ${missing.join(", ")}`);
    } else if (strategyProblems.length === 0) {
        for (const k of TRAFFIC_SHIFT_ARGS.filter((x) => args[x] !== undefined))
            p.add(k, args[k], "applies only to blueGreen, canary and linear deployments (deploymentStrategy is rolling)");
    }
    const weights = {
        onDemandBase: args.onDemandBase ?? SCALING_OPTIONS.onDemandBase.default!,
        spotWeight: args.spotWeight ?? SCALING_OPTIONS.spotWeight.default!,
        onDemandWeight: args.onDemandWeight ?? SCALING_OPTIONS.onDemandWeight.default!,
    };
    for (const c of capacityStrategyProblems(weights)) p.add(c.field, c.value, c.message);
    for (const message of taskDefinitionProblems(args.containers, args.webContainerName ?? args.containers[0]?.name, args.cpu, args.memory))
        p.add(
            "containers",
            args.containers.map((c) => c.name),
            message,
        );
    return p.list;
}

/**
 * A Fargate service in awsvpc mode behind the ALB: the task definition (secure container defaults,
 * valid size), its own security group (in: only the ALB on the container port; out: HTTPS and DNS),
 * circuit breaker with rollback, 100/200 % rolling deploys or an ECS-native blue/green, canary or
 * linear rollout across two target groups, capacity providers with optional Spot, and `desiredCount`
 * left to autoscaling after creation.
 */
export class FargateService extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:FargateService";

    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly taskDefinition: aws.ecs.TaskDefinition;
    readonly service: aws.ecs.Service;
    readonly cpu: number;
    readonly memory: number;
    readonly serviceName: pulumi.Output<string>;

    constructor(name: string, args: FargateServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        // The defaults of the scaling and task options, from their tables; checked before the component registers.
        const resolved = withTableDefaults(TASK_OPTIONS, withTableDefaults(SCALING_OPTIONS, args));
        const problems = fargateServiceArgsProblems(resolved);
        if (problems.length > 0) throw new ArgumentsError(`FargateService ${name}`, problems);
        super(FargateService.__pulumiType, name, {}, opts);
        const web = resolved.webContainerName ?? resolved.containers[0]?.name;
        const region = aws.getRegionOutput({}, { parent: this }).region;
        const taskDefinition = fargateTaskDefinitionArgs({
            family: name,
            containers: resolved.containers,
            mainContainerName: web,
            mainContainerPort: resolved.webContainerPort,
            cpu: resolved.cpu,
            memory: resolved.memory,
            architecture: resolved.architecture,
            executionRoleArn: resolved.executionRoleArn,
            taskRoleArn: resolved.taskRoleArn,
            logGroupName: resolved.logGroupName,
            region,
            initProcess: !!resolved.enableExecuteCommand,
            tags: resolved.tags,
            overrides: resolved.taskDefinitionOverrides,
        });
        this.cpu = taskDefinition.cpu;
        this.memory = taskDefinition.memory;

        this.securityGroup = new aws.ec2.SecurityGroup(
            `${name}-tasks`,
            { vpcId: resolved.vpcId, description: ec2Description(`Tasks of ${name}: in from the ALB only; out HTTPS and DNS`), tags: resolved.tags },
            { parent: this },
        );
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-from-alb`,
            {
                securityGroupId: this.securityGroup.id,
                referencedSecurityGroupId: resolved.loadBalancerSecurityGroupId,
                ipProtocol: "tcp",
                fromPort: resolved.webContainerPort,
                toPort: resolved.webContainerPort,
                description: ec2Description("App port from the ALB"),
            },
            { parent: this },
        );
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-https-out`,
            {
                securityGroupId: this.securityGroup.id,
                cidrIpv4: "0.0.0.0/0",
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                description: ec2Description("HTTPS to AWS APIs (ECR, logs, secrets) and HTTPS dependencies of the app"),
            },
            { parent: this },
        );
        for (const proto of ["udp", "tcp"]) {
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-dns-${proto}`,
                {
                    securityGroupId: this.securityGroup.id,
                    cidrIpv4: resolved.vpcCidr,
                    ipProtocol: proto,
                    fromPort: 53,
                    toPort: 53,
                    description: ec2Description(`DNS (${proto}) to the VPC resolver`),
                },
                { parent: this },
            );
        }
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-alb-to-tasks`,
            {
                securityGroupId: resolved.loadBalancerSecurityGroupId,
                referencedSecurityGroupId: this.securityGroup.id,
                ipProtocol: "tcp",
                fromPort: resolved.webContainerPort,
                toPort: resolved.webContainerPort,
                description: ec2Description(`ALB to the ${name} tasks`),
            },
            { parent: this },
        );

        this.taskDefinition = new aws.ecs.TaskDefinition(name, taskDefinition.args, { parent: this });

        const shifting = shiftsTraffic(resolved.deploymentStrategy);
        this.service = new aws.ecs.Service(
            name,
            {
                name: resolved.serviceName,
                cluster: resolved.clusterArn,
                taskDefinition: this.taskDefinition.arn,
                desiredCount: resolved.desiredCount ?? SCALING_OPTIONS.minCount.default!,
                capacityProviderStrategies: capacityStrategy(resolved.onDemandBase, resolved.spotWeight, resolved.onDemandWeight),
                platformVersion: "LATEST",
                networkConfiguration: { subnets: resolved.subnetIds, securityGroups: [this.securityGroup.id], assignPublicIp: resolved.assignPublicIp ?? false },
                loadBalancers: [
                    {
                        targetGroupArn: pulumi.all([resolved.targetGroupArn, resolved.listenerArn]).apply(([tg]) => tg),
                        containerName: web,
                        containerPort: resolved.webContainerPort,
                        advancedConfiguration: shifting
                            ? {
                                  alternateTargetGroupArn: resolved.alternateTargetGroupArn!,
                                  productionListenerRule: resolved.productionListenerRuleArn!,
                                  testListenerRule: resolved.testListenerRuleArn,
                                  roleArn: resolved.loadBalancerRoleArn!,
                              }
                            : undefined,
                    },
                ],
                deploymentConfiguration: deploymentConfiguration({
                    strategy: resolved.deploymentStrategy,
                    bakeTimeMinutes: resolved.bakeTimeMinutes,
                    canaryPercent: resolved.canaryPercent,
                    canaryBakeMinutes: resolved.canaryBakeMinutes,
                    linearStepPercent: resolved.linearStepPercent,
                    linearStepBakeMinutes: resolved.linearStepBakeMinutes,
                }),
                deploymentCircuitBreaker: { enable: true, rollback: true },
                alarms: resolved.deploymentAlarmNames !== undefined ? { alarmNames: resolved.deploymentAlarmNames, enable: true, rollback: true } : undefined,
                deploymentMinimumHealthyPercent: 100,
                deploymentMaximumPercent: 200,
                healthCheckGracePeriodSeconds: resolved.healthCheckGracePeriod,
                propagateTags: "SERVICE",
                enableEcsManagedTags: true,
                enableExecuteCommand: resolved.enableExecuteCommand,
                waitForSteadyState: true,
                // The provider refuses a change of capacityProviderStrategies on a running service unless
                // the update forces a new deployment (terraform-provider-aws capacityProviderStrategyCustomizeDiff, PR 43533).
                forceNewDeployment: true,
                tags: resolved.tags,
            },
            {
                parent: this,
                ignoreChanges: ["desiredCount"],
                // waitForSteadyState waits for the whole traffic-shifting deployment, bake included: give it that long.
                customTimeouts: deploymentTimeouts({
                    strategy: resolved.deploymentStrategy,
                    bakeTimeMinutes: resolved.bakeTimeMinutes,
                    canaryBakeMinutes: resolved.canaryBakeMinutes,
                    linearStepPercent: resolved.linearStepPercent,
                    linearStepBakeMinutes: resolved.linearStepBakeMinutes,
                }),
            },
        );
        this.serviceName = this.service.name;
        this.registerOutputs({ serviceName: this.serviceName, taskDefinitionArn: this.taskDefinition.arn });
    }
}
