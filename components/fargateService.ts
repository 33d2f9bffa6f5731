import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { cheapestFargateSize, isValidFargateSize, describeAllowedMemory } from "./lib/fargateSizes";
import { CpuArchitecture } from "./lib/enums";
import { ContainerSettings, ContainerSpec, TMP_VOLUME, containerDefinition, containerNeeds } from "./lib/containerDefinitions";

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
    /** Name of the container the ALB forwards to. Default: the first container. */
    webContainerName?: string;
    /** Port of the web container the ALB forwards to. Required. */
    webContainerPort: number;
    /** Task CPU units. Default: the cheapest valid size that fits the containers. */
    cpu?: number;
    /** Task memory in MiB (valid with cpu). Default: the cheapest valid size that fits. */
    memory?: number;
    /** "x86_64" or "arm64". Default: "x86_64". */
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
    /** Give tasks public IPs (only for the no-NAT dev mode). Default: false. */
    assignPublicIp?: pulumi.Input<boolean>;
    /** Target group the web container registers in. Required. */
    targetGroupArn: pulumi.Input<string>;
    /** Listener that forwards to the target group (the service waits for it). Required. */
    listenerArn: pulumi.Input<string>;
    /** The ALB's security group: the only source allowed in; its egress to the tasks is opened here. Required. */
    loadBalancerSecurityGroupId: pulumi.Input<string>;
    /** Tasks at creation (autoscaling owns the count afterwards). Default: 1. */
    desiredCount?: number;
    /** Tasks always on on-demand Fargate. Default: 1. */
    onDemandBase?: number;
    /** FARGATE_SPOT weight against on-demand weight 1 above the base. Default: 0 (no Spot). */
    spotWeight?: number;
    /** Seconds ALB health checks are ignored after a task starts. Default: 60. */
    healthCheckGracePeriod?: number;
    /** ECS Exec. Default: false. */
    enableExecuteCommand?: boolean;
    /** ECS service name. Default: auto-named from the component name. */
    serviceName?: string;
    /** CloudWatch alarms that roll a deployment back when they fire. Default: none (the circuit breaker still applies). */
    deploymentAlarmNames?: pulumi.Input<pulumi.Input<string>[]>;
    /** Escape hatch: raw task definition arguments merged over ours (the policy pack still judges the result). Default: none. */
    taskDefinitionOverrides?: Partial<aws.ecs.TaskDefinitionArgs>;
    /** Tags. Default: none. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** The capacity provider strategy: `base` tasks on-demand, the rest split by weight with Spot. */
export function capacityStrategy(onDemandBase: number, spotWeight: number): { capacityProvider: string; base?: number; weight: number }[] {
    const s: { capacityProvider: string; base?: number; weight: number }[] = [{ capacityProvider: "FARGATE", base: onDemandBase, weight: 1 }];
    if (spotWeight > 0) s.push({ capacityProvider: "FARGATE_SPOT", weight: spotWeight });
    return s;
}

/** Task size: the given pair (validated) or the cheapest that fits, with 512 MiB for a web container without limits. */
export function taskSize(containers: ContainerSpec[], web: string, cpu?: number, memory?: number): { cpu: number; memory: number } {
    if (cpu !== undefined || memory !== undefined) {
        if (cpu === undefined || memory === undefined || !isValidFargateSize(cpu, memory)) {
            throw new Error(`Task size cpu=${cpu} memory=${memory} is not offered by Fargate; ${cpu !== undefined ? describeAllowedMemory(cpu) : "set both cpu and memory"}`);
        }
        return { cpu, memory };
    }
    const needs = containerNeeds(containers);
    const webSpec = containers.find((c) => c.name === web);
    const webHasLimit = webSpec && (webSpec.memory !== undefined || webSpec.memoryReservation !== undefined);
    return cheapestFargateSize(needs.cpu, needs.memory + (webHasLimit ? 0 : 512));
}

/**
 * A Fargate service in awsvpc mode behind the ALB: the task definition (secure container defaults,
 * valid size), its own security group (in: only the ALB on the container port; out: HTTPS and DNS),
 * circuit breaker with rollback, 100/200 % rolling deploys, capacity providers with optional Spot,
 * and `desiredCount` left to autoscaling after creation.
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
        super(FargateService.__pulumiType, name, {}, opts);
        if (args.containers.length === 0) throw new Error(`FargateService ${name}: at least one container is required`);
        const web = args.webContainerName ?? args.containers[0].name;
        const webSpec = args.containers.find((c) => c.name === web);
        if (!webSpec) throw new Error(`FargateService ${name}: webContainerName "${web}" is not one of the containers (${args.containers.map((c) => c.name).join(", ")})`);
        const names = args.containers.map((c) => c.name);
        const dup = names.find((n, i) => names.indexOf(n) !== i);
        if (dup) throw new Error(`FargateService ${name}: container name "${dup}" is used twice`);

        const specs = args.containers.map((c) => ({ ...c, image: "" }) as ContainerSpec);
        const size = taskSize(specs, web, args.cpu, args.memory);
        this.cpu = size.cpu;
        this.memory = size.memory;
        const others = containerNeeds(specs.filter((c) => c.name !== web)).memory;

        this.securityGroup = new aws.ec2.SecurityGroup(`${name}-tasks`, { vpcId: args.vpcId, description: `Tasks of ${name}: in from the ALB only; out HTTPS and DNS`, tags: args.tags }, { parent: this });
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-from-alb`,
            { securityGroupId: this.securityGroup.id, referencedSecurityGroupId: args.loadBalancerSecurityGroupId, ipProtocol: "tcp", fromPort: args.webContainerPort, toPort: args.webContainerPort, description: "App port from the ALB" },
            { parent: this },
        );
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-https-out`,
            { securityGroupId: this.securityGroup.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "HTTPS to AWS APIs (ECR, logs, secrets) and the app's HTTPS dependencies" },
            { parent: this },
        );
        for (const proto of ["udp", "tcp"]) {
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-dns-${proto}`,
                { securityGroupId: this.securityGroup.id, cidrIpv4: args.vpcCidr, ipProtocol: proto, fromPort: 53, toPort: 53, description: `DNS (${proto}) to the VPC resolver` },
                { parent: this },
            );
        }
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-alb-to-tasks`,
            { securityGroupId: args.loadBalancerSecurityGroupId, referencedSecurityGroupId: this.securityGroup.id, ipProtocol: "tcp", fromPort: args.webContainerPort, toPort: args.webContainerPort, description: `ALB to the ${name} tasks` },
            { parent: this },
        );

        const region = aws.getRegionOutput({}, { parent: this }).region;
        const containerDefinitions = pulumi
            .all([pulumi.all(args.containers.map((c) => c.image)), args.logGroupName, region])
            .apply(([images, logGroupName, r]) =>
                JSON.stringify(
                    args.containers.map((c, i) => {
                        const spec: ContainerSpec = { ...c, image: images[i] };
                        if (c.name === web) {
                            spec.portMappings = [{ containerPort: args.webContainerPort }, ...(c.portMappings ?? []).filter((p) => p.containerPort !== args.webContainerPort)];
                            if (spec.memory === undefined && spec.memoryReservation === undefined) spec.memoryReservation = size.memory - others;
                        }
                        return containerDefinition(spec, { logGroupName, region: r, streamPrefix: name }, !!args.enableExecuteCommand);
                    }),
                ),
            );

        this.taskDefinition = new aws.ecs.TaskDefinition(
            name,
            {
                family: name,
                networkMode: "awsvpc",
                requiresCompatibilities: ["FARGATE"],
                cpu: String(size.cpu),
                memory: String(size.memory),
                runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: args.architecture === "arm64" ? "ARM64" : "X86_64" },
                executionRoleArn: args.executionRoleArn,
                taskRoleArn: args.taskRoleArn,
                volumes: [{ name: TMP_VOLUME }],
                containerDefinitions,
                tags: args.tags,
                ...(args.taskDefinitionOverrides ?? {}),
            },
            { parent: this },
        );

        this.service = new aws.ecs.Service(
            name,
            {
                name: args.serviceName,
                cluster: args.clusterArn,
                taskDefinition: this.taskDefinition.arn,
                desiredCount: args.desiredCount ?? 1,
                capacityProviderStrategies: capacityStrategy(args.onDemandBase ?? 1, args.spotWeight ?? 0),
                platformVersion: "LATEST",
                networkConfiguration: { subnets: args.subnetIds, securityGroups: [this.securityGroup.id], assignPublicIp: args.assignPublicIp ?? false },
                loadBalancers: [{ targetGroupArn: pulumi.all([args.targetGroupArn, args.listenerArn]).apply(([tg]) => tg), containerName: web, containerPort: args.webContainerPort }],
                deploymentCircuitBreaker: { enable: true, rollback: true },
                alarms: args.deploymentAlarmNames !== undefined ? { alarmNames: args.deploymentAlarmNames, enable: true, rollback: true } : undefined,
                deploymentMinimumHealthyPercent: 100,
                deploymentMaximumPercent: 200,
                healthCheckGracePeriodSeconds: args.healthCheckGracePeriod ?? 60,
                propagateTags: "SERVICE",
                enableEcsManagedTags: true,
                enableExecuteCommand: args.enableExecuteCommand ?? false,
                waitForSteadyState: true,
                tags: args.tags,
            },
            { parent: this, ignoreChanges: ["desiredCount"] },
        );
        this.serviceName = this.service.name;
        this.registerOutputs({ serviceName: this.serviceName, taskDefinitionArn: this.taskDefinition.arn });
    }
}
