import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ec2Description } from "./lib/ec2/ec2Descriptions";
import * as awsx from "@pulumi/awsx";

import { NatStrategy } from "./lib/enums";
import { NetworkOptions, networkOptionsProblems, resolveNetworkOptions } from "./options/networkOptions";
import { LogsOptions, logsOptionsProblems, resolveLogsOptions } from "./options/logsOptions";
import { ArgumentsError, Problems } from "./options/checks";
import { OptionProblem } from "./options/optionTable";

export interface NetworkArgs {
    /**
     * The VPC: a new one (NAT strategy, AZs, CIDR) or yours (id and both subnet lists), flow logs, endpoints; resolved or not.
     * @default see `NetworkOptions` (a new VPC in 2 AZs without NAT)
     */
    network?: NetworkOptions;
    /**
     * Retention of the flow logs.
     * @default see `LogsOptions` (30 days)
     */
    logs?: LogsOptions;
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
    const network = resolveNetworkOptions(args.network);
    const p = new Problems("");
    p.list.push(...networkOptionsProblems(network), ...logsOptionsProblems(resolveLogsOptions(args.logs)));
    if (network.flowLogs) {
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
        const network = resolveNetworkOptions(args.network);
        const logs = resolveLogsOptions(args.logs);
        const problems = networkArgsProblems(args);
        if (problems.length > 0) throw new ArgumentsError(`Network ${name}`, problems);
        const byo = network.vpcId !== undefined;
        super(Network.__pulumiType, name, {}, opts);
        const nat = network.natStrategy;
        if (byo) {
            this.vpcId = pulumi.output(network.vpcId!);
            this.vpcCidr = aws.ec2.getVpcOutput({ id: this.vpcId }, { parent: this }).cidrBlock;
            this.publicSubnetIds = pulumi.output(network.publicSubnetIds!);
            this.privateSubnetIds = pulumi.output(network.privateSubnetIds!);
        } else {
            const cidr = network.vpcCidr;
            this.vpc = new awsx.ec2.Vpc(
                name,
                {
                    cidrBlock: cidr,
                    numberOfAvailabilityZones: network.azCount,
                    natGateways: { strategy: AWSX_NAT[nat] },
                    subnetStrategy: awsx.ec2.SubnetAllocationStrategy.Auto,
                    subnetSpecs: [{ type: awsx.ec2.SubnetType.Public }, { type: awsx.ec2.SubnetType.Private }],
                    enableDnsHostnames: true,
                    enableDnsSupport: true,
                    tags: args.tags,
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

        if (network.flowLogs) {
            this.flowLogGroup = new aws.cloudwatch.LogGroup(
                `${name}-flow-logs`,
                { name: args.flowLogGroupName, retentionInDays: logs.retentionDays, kmsKeyId: args.kmsKeyArn, tags: args.tags },
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
                    tags: args.tags,
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
                    tags: args.tags,
                },
                { parent: this },
            );
        }

        if (network.vpcEndpoints) this.createEndpoints(name, network.extraEndpointServices, args.tags);
        this.registerOutputs({ vpcId: this.vpcId, publicSubnetIds: this.publicSubnetIds, privateSubnetIds: this.privateSubnetIds });
    }

    private createEndpoints(name: string, extraEndpointServices: string[], tags: NetworkArgs["tags"]): void {
        const region = aws.getRegionOutput({}, { parent: this });
        const sg = new aws.ec2.SecurityGroup(
            `${name}-endpoints`,
            { vpcId: this.vpcId, description: ec2Description("VPC interface endpoints: HTTPS from inside the VPC only"), tags: tags },
            { parent: this },
        );
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-endpoints-https`,
            { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: this.vpcCidr, description: ec2Description("HTTPS to AWS APIs from the VPC") },
            { parent: this },
        );
        const services = ["ecr.api", "ecr.dkr", "logs", ...extraEndpointServices];
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
                        tags: tags,
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
                    tags: tags,
                },
                { parent: this },
            ),
        );
    }
}
