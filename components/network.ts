import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ec2Description } from "./lib/ec2/ec2Descriptions";
import * as awsx from "@pulumi/awsx";

import { NatStrategy } from "./lib/enums";
import { withTableDefaults } from "./options/optionTable";
import { NETWORK_OPTIONS } from "./options/networkOptions";
import { LOGS_OPTIONS } from "./options/logsOptions";
import { ArgumentsError, Problems } from "./options/checks";
import { OptionProblem } from "./options/optionTable";

export interface NetworkArgs {
    /**
     * NAT for a new VPC: "none" ($0; tasks in public subnets with public IPs), "single" or "perAz" (tasks in private subnets).
     * @default "none"
     */
    natStrategy?: NatStrategy;
    /**
     * Availability zones of a new VPC (at least 2).
     * @default 2
     */
    azCount?: number;
    /**
     * CIDR of a new VPC.
     * @default "10.0.0.0/16"
     */
    cidrBlock?: string;
    /**
     * Bring your own VPC: its id (with both subnet lists).
     * @default a new VPC
     */
    vpcId?: pulumi.Input<string>;
    /**
     * Your public subnets (ALB).
     * @default none (required with vpcId)
     */
    publicSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Your private subnets (tasks).
     * @default none (required with vpcId)
     */
    privateSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * VPC flow logs to a CloudWatch log group.
     * @default false
     */
    flowLogs?: boolean;
    /**
     * Flow log group name (its key policy must allow it).
     * @default none (required with flowLogs)
     */
    flowLogGroupName?: pulumi.Input<string>;
    /**
     * KMS key for the flow log group.
     * @default none (required with flowLogs)
     */
    kmsKeyArn?: pulumi.Input<string>;
    /**
     * Flow log retention in days.
     * @default 30
     */
    flowLogRetentionDays?: pulumi.Input<number>;
    /**
     * Interface endpoints for ECR and logs (plus `extraEndpointServices`) and an S3 gateway endpoint.
     * @default false
     */
    vpcEndpoints?: boolean;
    /**
     * More interface endpoint services, e.g. ["secretsmanager", "ssm"].
     * @default []
     */
    extraEndpointServices?: string[];
    /**
     * Tags.
     * @default none
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

const AWSX_NAT: Record<NatStrategy, awsx.types.enums.ec2.NatGatewayStrategy> = {
    none: awsx.ec2.NatGatewayStrategy.None,
    single: awsx.ec2.NatGatewayStrategy.Single,
    perAz: awsx.ec2.NatGatewayStrategy.OnePerAz,
};

/** Whether tasks run in public subnets with public IPs: only in the no-NAT mode of a new VPC. */
export function tasksArePublic(natStrategy: NatStrategy, bringsOwnVpc: boolean): boolean {
    return !bringsOwnVpc && natStrategy === "none";
}

/** Every problem with a Network's arguments: your VPC without both subnet lists, fewer than 2 AZs, flow logs without their group name and key. */
export function networkArgsProblems(args: NetworkArgs): OptionProblem[] {
    const p = new Problems("");
    if (args.vpcId !== undefined) {
        if (!args.publicSubnetIds) p.add("publicSubnetIds", undefined, "is required with vpcId (the load balancer's subnets)");
        if (!args.privateSubnetIds) p.add("privateSubnetIds", undefined, "is required with vpcId (the tasks' subnets)");
    }
    if (args.azCount !== undefined && args.azCount < 2) p.add("azCount", args.azCount, "must be at least 2 (an ALB needs two AZs)");
    if (args.flowLogs) {
        if (!args.flowLogGroupName) p.add("flowLogGroupName", undefined, "is required with flowLogs");
        if (!args.kmsKeyArn) p.add("kmsKeyArn", undefined, "is required with flowLogs (the flow log group is encrypted)");
    }
    return p.list;
}

/**
 * The VPC: a new one through awsx (public and private subnets in N AZs, NAT per strategy) or your
 * own; optional flow logs and VPC endpoints. Decides where tasks run and whether they get public IPs.
 */
export class Network extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:Network";

    readonly vpc?: awsx.ec2.Vpc;
    readonly vpcId: pulumi.Output<string>;
    readonly vpcCidr: pulumi.Output<string>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    /** Subnets the tasks run in. */
    readonly taskSubnetIds: pulumi.Output<string[]>;
    /** True in the no-NAT mode: tasks get public IPs (ingress still only from the ALB). */
    readonly assignPublicIp: boolean;
    readonly flowLogGroup?: aws.cloudwatch.LogGroup;
    readonly flowLog?: aws.ec2.FlowLog;
    readonly endpoints: aws.ec2.VpcEndpoint[] = [];

    constructor(name: string, args: NetworkArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const resolved = withTableDefaults(NETWORK_OPTIONS, {
            ...args,
            cidrBlock: args.cidrBlock ?? NETWORK_OPTIONS.vpcCidr.default!,
            flowLogRetentionDays: args.flowLogRetentionDays ?? LOGS_OPTIONS.retentionDays.default!,
        });
        const problems = networkArgsProblems(resolved);
        if (problems.length > 0) throw new ArgumentsError(`Network ${name}`, problems);
        const byo = resolved.vpcId !== undefined;
        super(Network.__pulumiType, name, {}, opts);
        const nat = resolved.natStrategy;
        if (byo) {
            this.vpcId = pulumi.output(resolved.vpcId!);
            this.vpcCidr = aws.ec2.getVpcOutput({ id: this.vpcId }, { parent: this }).cidrBlock;
            this.publicSubnetIds = pulumi.output(resolved.publicSubnetIds!);
            this.privateSubnetIds = pulumi.output(resolved.privateSubnetIds!);
        } else {
            const cidr = resolved.cidrBlock;
            this.vpc = new awsx.ec2.Vpc(
                name,
                {
                    cidrBlock: cidr,
                    numberOfAvailabilityZones: resolved.azCount,
                    natGateways: { strategy: AWSX_NAT[nat] },
                    subnetStrategy: awsx.ec2.SubnetAllocationStrategy.Auto,
                    subnetSpecs: [{ type: awsx.ec2.SubnetType.Public }, { type: awsx.ec2.SubnetType.Private }],
                    enableDnsHostnames: true,
                    enableDnsSupport: true,
                    tags: resolved.tags,
                },
                { parent: this },
            );
            this.vpcId = this.vpc.vpcId;
            this.vpcCidr = pulumi.output(cidr);
            this.publicSubnetIds = this.vpc.publicSubnetIds;
            this.privateSubnetIds = this.vpc.privateSubnetIds;
        }
        this.assignPublicIp = tasksArePublic(nat, byo);
        this.taskSubnetIds = this.assignPublicIp ? this.publicSubnetIds : this.privateSubnetIds;

        if (resolved.flowLogs) {
            this.flowLogGroup = new aws.cloudwatch.LogGroup(
                `${name}-flow-logs`,
                { name: resolved.flowLogGroupName, retentionInDays: resolved.flowLogRetentionDays, kmsKeyId: resolved.kmsKeyArn, tags: resolved.tags },
                { parent: this },
            );
            const identity = aws.getCallerIdentityOutput({}, { parent: this });
            const role = new aws.iam.Role(
                `${name}-flow-logs`,
                {
                    description: "VPC Flow Logs delivers to the flow log group with this role",
                    assumeRolePolicy: identity.accountId.apply((acct) =>
                        JSON.stringify({
                            Version: "2012-10-17",
                            Statement: [
                                {
                                    Effect: "Allow",
                                    Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                                    Action: "sts:AssumeRole",
                                    Condition: { StringEquals: { "aws:SourceAccount": acct } },
                                },
                            ],
                        }),
                    ),
                    tags: resolved.tags,
                },
                { parent: this },
            );
            new aws.iam.RolePolicy(
                `${name}-flow-logs`,
                {
                    role: role.id,
                    policy: this.flowLogGroup.arn.apply((arn) =>
                        JSON.stringify({
                            Version: "2012-10-17",
                            Statement: [
                                { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], Resource: [`${arn}:*`] },
                                { Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
                            ],
                        }),
                    ),
                },
                { parent: this },
            );
            this.flowLog = new aws.ec2.FlowLog(
                name,
                {
                    vpcId: this.vpcId,
                    trafficType: "ALL",
                    logDestinationType: "cloud-watch-logs",
                    logDestination: this.flowLogGroup.arn,
                    iamRoleArn: role.arn,
                    maxAggregationInterval: 600,
                    tags: resolved.tags,
                },
                { parent: this },
            );
        }

        if (resolved.vpcEndpoints) this.createEndpoints(name, resolved);
        this.registerOutputs({ vpcId: this.vpcId, publicSubnetIds: this.publicSubnetIds, privateSubnetIds: this.privateSubnetIds });
    }

    private createEndpoints(name: string, args: NetworkArgs & { extraEndpointServices: string[] }): void {
        const region = aws.getRegionOutput({}, { parent: this });
        const sg = new aws.ec2.SecurityGroup(
            `${name}-endpoints`,
            { vpcId: this.vpcId, description: ec2Description("VPC interface endpoints: HTTPS from inside the VPC only"), tags: args.tags },
            { parent: this },
        );
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-endpoints-https`,
            { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: this.vpcCidr, description: ec2Description("HTTPS to AWS APIs from the VPC") },
            { parent: this },
        );
        const services = ["ecr.api", "ecr.dkr", "logs", ...args.extraEndpointServices];
        for (const svc of services) {
            this.endpoints.push(
                new aws.ec2.VpcEndpoint(
                    `${name}-${svc.replace(/\./g, "-")}`,
                    {
                        vpcId: this.vpcId,
                        serviceName: pulumi.interpolate`com.amazonaws.${region.region}.${svc}`,
                        vpcEndpointType: "Interface",
                        privateDnsEnabled: true,
                        subnetIds: this.taskSubnetIds,
                        securityGroupIds: [sg.id],
                        tags: args.tags,
                    },
                    { parent: this },
                ),
            );
        }
        const routeTables = aws.ec2.getRouteTablesOutput({ vpcId: this.vpcId, filters: [{ name: "association.subnet-id", values: this.taskSubnetIds }] }, { parent: this });
        this.endpoints.push(
            new aws.ec2.VpcEndpoint(
                `${name}-s3`,
                {
                    vpcId: this.vpcId,
                    serviceName: pulumi.interpolate`com.amazonaws.${region.region}.s3`,
                    vpcEndpointType: "Gateway",
                    routeTableIds: routeTables.ids,
                    tags: args.tags,
                },
                { parent: this },
            ),
        );
    }
}
