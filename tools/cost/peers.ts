/**
 * The default stacks of three peer tools (peers.md §3), recorded as the resources each one deploys,
 * so the cost model can price them with our price table and the README can quote the same figures.
 */
import { RecordedResource } from "../offline/types";

/** One peer's default web-service stack. */
export interface PeerStack {
    /** Short id: `awsx`, `cdk` or `copilot`. */
    id: "awsx" | "cdk" | "copilot";
    /** What the stack is. */
    title: string;
    /** Where its defaults are described. */
    reference: string;
    /** The resources it deploys, as the offline engine would record them. */
    resources: RecordedResource[];
}

/** Builds the recorded resources of one stack, wiring URNs and property dependencies. */
class StackRecorder {
    readonly resources: RecordedResource[] = [];

    constructor(private readonly stack: string) {}

    /** Record one resource; `propertyDependencies` name other recorded resources. */
    add(type: string, name: string, inputs: Record<string, any> = {}, propertyDependencies: Record<string, RecordedResource[]> = {}, custom = true): RecordedResource {
        const urn = `urn:pulumi:peer::${this.stack}::${type}::${name}`;
        const dependencies = Object.fromEntries(Object.entries(propertyDependencies).map(([key, sources]) => [key, sources.map((r) => r.urn)]));
        const resource: RecordedResource = {
            urn,
            type,
            name,
            custom,
            inputs,
            outputs: { ...inputs, id: `${name}-id`, arn: `arn:aws:peer:us-east-1:123456789012:${name}` },
            dependencies: [...new Set(Object.values(dependencies).flat())],
            propertyDependencies: dependencies,
            protect: false,
            ignoreChanges: [],
        };
        this.resources.push(resource);
        return resource;
    }

    /** Record n subnets named `<prefix>-<i>`. */
    subnets(prefix: string, count: number): RecordedResource[] {
        return Array.from({ length: count }, (_, i) => this.add("aws:ec2/subnet:Subnet", `${prefix}-${i + 1}`));
    }
}

/** The ALB, its security group, target group and HTTP listener in the given public subnets. */
function recordAlb(recorder: StackRecorder, subnets: RecordedResource[]): RecordedResource {
    const securityGroup = recorder.add("aws:ec2/securityGroup:SecurityGroup", "lb-sg");
    const lb = recorder.add(
        "aws:lb/loadBalancer:LoadBalancer",
        "lb",
        { loadBalancerType: "application", subnets: subnets.map((s) => s.outputs.id) },
        { subnets, securityGroups: [securityGroup] },
    );
    const targetGroup = recorder.add("aws:lb/targetGroup:TargetGroup", "tg", { port: 80, protocol: "HTTP", targetType: "ip" });
    recorder.add("aws:lb/listener:Listener", "http", { port: 80, protocol: "HTTP" }, { loadBalancerArn: [lb], defaultActions: [targetGroup] });
    return lb;
}

/** One 0.25 vCPU / 0.5 GB x86 Fargate service (desired 1) with its roles, task definition, log group and cluster. */
function recordService(recorder: StackRecorder, subnets: RecordedResource[], assignPublicIp: boolean, retentionInDays?: number): void {
    const logGroup = recorder.add("aws:cloudwatch/logGroup:LogGroup", "web-logs", retentionInDays === undefined ? {} : { retentionInDays });
    const executionRole = recorder.add("aws:iam/role:Role", "web-exec");
    const taskRole = recorder.add("aws:iam/role:Role", "web-task");
    const containers = JSON.stringify([{ name: "web", image: "nginx", portMappings: [{ containerPort: 80 }], logConfiguration: { logDriver: "awslogs" } }]);
    const taskDefinition = recorder.add(
        "aws:ecs/taskDefinition:TaskDefinition",
        "web-task-def",
        { cpu: "256", memory: "512", networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], containerDefinitions: containers },
        { executionRoleArn: [executionRole], taskRoleArn: [taskRole], containerDefinitions: [logGroup] },
    );
    const cluster = recorder.add("aws:ecs/cluster:Cluster", "cluster");
    const securityGroup = recorder.add("aws:ec2/securityGroup:SecurityGroup", "web-sg");
    recorder.add(
        "aws:ecs/service:Service",
        "web",
        { launchType: "FARGATE", desiredCount: 1, networkConfiguration: { assignPublicIp, subnets: subnets.map((s) => s.outputs.id) } },
        { taskDefinition: [taskDefinition], cluster: [cluster], networkConfiguration: [...subnets, securityGroup] },
    );
}

/** awsx v3: `awsx.ec2.Vpc` defaults (3 AZs, NAT OnePerAz), ALB in its 3 public subnets, one small private task, log group that never expires. */
function awsxStack(): PeerStack {
    const recorder = new StackRecorder("awsx-default");
    recorder.add("awsx:ec2:Vpc", "vpc", {}, {}, false);
    const publicSubnets = recorder.subnets("public", 3);
    const privateSubnets = recorder.subnets("private", 3);
    recordAlb(recorder, publicSubnets);
    recordService(recorder, privateSubnets, false);
    return { id: "awsx", title: "awsx v3: new awsx.ec2.Vpc + ApplicationLoadBalancer + 1 small FargateService", reference: "peers.md §3.1", resources: recorder.resources };
}

/** CDK ApplicationLoadBalancedFargateService: cluster VPC with maxAzs 2 and one NAT gateway (+EIP) per AZ, public ALB, one small private task, log retention Infinity. */
function cdkStack(): PeerStack {
    const recorder = new StackRecorder("cdk-default");
    recorder.add("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" });
    const publicSubnets = recorder.subnets("public", 2);
    const privateSubnets = recorder.subnets("private", 2);
    publicSubnets.forEach((subnet, i) => {
        const eip = recorder.add("aws:ec2/eip:Eip", `nat-eip-${i + 1}`, { domain: "vpc" });
        recorder.add("aws:ec2/natGateway:NatGateway", `nat-${i + 1}`, { subnetId: subnet.outputs.id, allocationId: eip.outputs.id }, { subnetId: [subnet], allocationId: [eip] });
    });
    recordAlb(recorder, publicSubnets);
    recordService(recorder, privateSubnets, false);
    return { id: "cdk", title: "CDK ApplicationLoadBalancedFargateService with its default cluster VPC", reference: "peers.md §3.2", resources: recorder.resources };
}

/** Copilot Load Balanced Web Service: 2-AZ environment without NAT, shared ALB, one small task in a public subnet with a public IP, 30-day logs. */
function copilotStack(): PeerStack {
    const recorder = new StackRecorder("copilot-default");
    recorder.add("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" });
    const publicSubnets = recorder.subnets("public", 2);
    recordAlb(recorder, publicSubnets);
    recordService(recorder, publicSubnets, true, 30);
    return { id: "copilot", title: "Copilot Load Balanced Web Service in a default environment (no NAT)", reference: "peers.md §3.4", resources: recorder.resources };
}

/** The three peer default stacks of peers.md §3, freshly built on each call. */
export function peerStacks(): PeerStack[] {
    return [awsxStack(), cdkStack(), copilotStack()];
}
