/**
 * Hand-built `RecordedResource` lists for the diagram tests: the three stacks of the brief, shaped
 * like what the offline engine records (inputs, mock outputs with ids/ARNs, dependency URNs).
 */
import { RecordedResource } from "../../tools/offline/types";

const STACK = "urn:pulumi:dev::fargatekit::";
const ACCOUNT = "123456789012";
const REGION = "us-east-1";

/** Options of the local resource factory. */
interface ResOptions {
    parent?: RecordedResource;
    inputs?: Record<string, any>;
    /** Extra outputs on top of inputs + id + arn. */
    outputs?: Record<string, any>;
    propertyDependencies?: Record<string, string[]>;
    custom?: boolean;
}

/** Type chain of a resource's URN: the parent's chain plus its own type. */
function typeChain(parent: RecordedResource | undefined, type: string): string {
    if (!parent) return type;
    const chain = parent.urn.slice(STACK.length).split("::")[0];
    return `${chain}$${type}`;
}

/** A recorded resource with mock-style outputs (inputs plus `id` and `arn`). */
export function res(type: string, name: string, o: ResOptions = {}): RecordedResource {
    const urn = `${STACK}${typeChain(o.parent, type)}::${name}`;
    const inputs = o.inputs ?? {};
    const service = type.split(":")[1]?.split("/")[0] ?? "x";
    const custom = o.custom ?? (!type.startsWith("fargatekit:") && !type.startsWith("awsx:"));
    const outputs = custom ? { ...inputs, id: `${name}-id`, arn: `arn:aws:${service}:${REGION}:${ACCOUNT}:${name}`, ...o.outputs } : { ...o.outputs };
    const propertyDependencies = o.propertyDependencies ?? {};
    return {
        urn,
        type,
        name,
        parent: o.parent?.urn ?? `${STACK}pulumi:pulumi:Stack::fargatekit-dev`,
        custom,
        inputs,
        outputs,
        dependencies: [...new Set(Object.values(propertyDependencies).flat())],
        propertyDependencies,
        protect: false,
        ignoreChanges: [],
    };
}

/** An awsx VPC with `azs` AZs, public and private subnet id outputs and a NAT strategy. */
export function vpc(name: string, azs: number, strategy: "None" | "Single" | "OnePerAz"): RecordedResource {
    const ids = (tier: string) => Array.from({ length: azs }, (_, i) => `subnet-${name}-${tier}-${i + 1}`);
    return res("awsx:ec2:Vpc", name, {
        inputs: { numberOfAvailabilityZones: azs, natGateways: { strategy } },
        outputs: { vpcId: `vpc-${name}`, publicSubnetIds: ids("pub"), privateSubnetIds: ids("priv") },
    });
}

/** Task definition container definitions as the provider gets them (a JSON string). */
function containers(image: string, logGroup: string): string {
    return JSON.stringify([
        {
            name: "app",
            image,
            essential: true,
            portMappings: [{ containerPort: 8080 }],
            logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": logGroup, "awslogs-region": REGION, "awslogs-stream-prefix": "app" } },
        },
    ]);
}

/**
 * (a) One WebService "web": HTTPS 443 forward + HTTP 80 redirect, WAF, NAT one per AZ × 3, tasks in
 * private subnets, autoscaling 3–9 with CPU and memory tracking, ECR, KMS-encrypted logs, roles,
 * an interface endpoint and a flow log. Everything is linked through propertyDependencies.
 */
export function oneServiceHttps(): RecordedResource[] {
    const net = vpc("main", 3, "OnePerAz");
    const comp = res("fargatekit:index:WebService", "web");
    const key = res("aws:kms/key:Key", "web-logs-key", { parent: comp, inputs: { enableKeyRotation: true } });
    const logs = res("aws:cloudwatch/logGroup:LogGroup", "web-logs", {
        parent: comp,
        inputs: { name: "/ecs/web", retentionInDays: 30, kmsKeyId: key.outputs.arn },
        propertyDependencies: { kmsKeyId: [key.urn] },
    });
    const repo = res("aws:ecr/repository:Repository", "web-repo", {
        parent: comp,
        inputs: { imageTagMutability: "IMMUTABLE" },
        outputs: { repositoryUrl: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/web-repo` },
    });
    const exec = res("aws:iam/role:Role", "web-exec", { parent: comp });
    const task = res("aws:iam/role:Role", "web-task", { parent: comp });
    const cluster = res("aws:ecs/cluster:Cluster", "web-cluster", { parent: comp, inputs: { name: "web-cluster" } });
    const td = res("aws:ecs/taskDefinition:TaskDefinition", "web-td", {
        parent: comp,
        inputs: {
            family: "web",
            cpu: "512",
            memory: "1024",
            runtimePlatform: { cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX" },
            executionRoleArn: exec.outputs.arn,
            taskRoleArn: task.outputs.arn,
            containerDefinitions: containers(`${repo.outputs.repositoryUrl}:v1`, "/ecs/web"),
        },
        propertyDependencies: { executionRoleArn: [exec.urn], taskRoleArn: [task.urn], containerDefinitions: [repo.urn, logs.urn] },
    });
    const alb = res("aws:lb/loadBalancer:LoadBalancer", "web-alb", {
        parent: comp,
        inputs: { loadBalancerType: "application", internal: false, subnets: net.outputs.publicSubnetIds },
        propertyDependencies: { subnets: [net.urn] },
    });
    const tg = res("aws:lb/targetGroup:TargetGroup", "web-tg", {
        parent: comp,
        inputs: { port: 8080, protocol: "HTTP", targetType: "ip", vpcId: net.outputs.vpcId, healthCheck: { path: "/healthz" } },
        propertyDependencies: { vpcId: [net.urn] },
    });
    const https = res("aws:lb/listener:Listener", "web-https", {
        parent: comp,
        inputs: {
            loadBalancerArn: alb.outputs.arn,
            port: 443,
            protocol: "HTTPS",
            certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
            defaultActions: [{ type: "forward", targetGroupArn: tg.outputs.arn }],
        },
        propertyDependencies: { loadBalancerArn: [alb.urn], defaultActions: [tg.urn] },
    });
    const http = res("aws:lb/listener:Listener", "web-http", {
        parent: comp,
        inputs: {
            loadBalancerArn: alb.outputs.arn,
            port: 80,
            protocol: "HTTP",
            defaultActions: [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } }],
        },
        propertyDependencies: { loadBalancerArn: [alb.urn] },
    });
    const acl = res("aws:wafv2/webAcl:WebAcl", "web-acl", { parent: comp, inputs: { scope: "REGIONAL" } });
    const assoc = res("aws:wafv2/webAclAssociation:WebAclAssociation", "web-acl-assoc", {
        parent: comp,
        inputs: { resourceArn: alb.outputs.arn, webAclArn: acl.outputs.arn },
        propertyDependencies: { resourceArn: [alb.urn], webAclArn: [acl.urn] },
    });
    const svc = res("aws:ecs/service:Service", "web-svc", {
        parent: comp,
        inputs: {
            name: "web-svc",
            cluster: cluster.outputs.arn,
            taskDefinition: td.outputs.arn,
            desiredCount: 3,
            launchType: "FARGATE",
            networkConfiguration: { subnets: net.outputs.privateSubnetIds, assignPublicIp: false },
            loadBalancers: [{ targetGroupArn: tg.outputs.arn, containerName: "app", containerPort: 8080 }],
        },
        propertyDependencies: { cluster: [cluster.urn], taskDefinition: [td.urn], networkConfiguration: [net.urn], loadBalancers: [tg.urn] },
    });
    const target = res("aws:appautoscaling/target:Target", "web-scaling", {
        parent: comp,
        inputs: { minCapacity: 3, maxCapacity: 9, resourceId: "service/web-cluster/web-svc", scalableDimension: "ecs:service:DesiredCount", serviceNamespace: "ecs" },
        propertyDependencies: { resourceId: [cluster.urn, svc.urn] },
    });
    const policy = (name: string, metric: string, value: number) =>
        res("aws:appautoscaling/policy:Policy", name, {
            parent: comp,
            inputs: {
                policyType: "TargetTrackingScaling",
                resourceId: "service/web-cluster/web-svc",
                scalableDimension: "ecs:service:DesiredCount",
                serviceNamespace: "ecs",
                targetTrackingScalingPolicyConfiguration: { targetValue: value, predefinedMetricSpecification: { predefinedMetricType: metric } },
            },
            propertyDependencies: { resourceId: [target.urn], scalableDimension: [target.urn], serviceNamespace: [target.urn] },
        });
    const cpu = policy("web-cpu", "ECSServiceAverageCPUUtilization", 70);
    const mem = policy("web-memory", "ECSServiceAverageMemoryUtilization", 75);
    const endpoint = res("aws:ec2/vpcEndpoint:VpcEndpoint", "ecr-dkr", {
        inputs: { vpcId: net.outputs.vpcId, serviceName: "com.amazonaws.us-east-1.ecr.dkr", vpcEndpointType: "Interface", subnetIds: net.outputs.privateSubnetIds },
        propertyDependencies: { vpcId: [net.urn], subnetIds: [net.urn] },
    });
    const flowRole = res("aws:iam/role:Role", "flow-role");
    const flowLogs = res("aws:cloudwatch/logGroup:LogGroup", "flow-logs", { inputs: { name: "/vpc/flow", retentionInDays: 14 } });
    const flow = res("aws:ec2/flowLog:FlowLog", "vpc-flow", {
        inputs: { vpcId: net.outputs.vpcId, trafficType: "ALL", logDestination: flowLogs.outputs.arn, iamRoleArn: flowRole.outputs.arn },
        propertyDependencies: { vpcId: [net.urn], logDestination: [flowLogs.urn], iamRoleArn: [flowRole.urn] },
    });
    return [net, comp, key, logs, repo, exec, task, cluster, td, alb, tg, https, http, acl, assoc, svc, target, cpu, mem, endpoint, flowRole, flowLogs, flow];
}

/**
 * (b) Cheap dev: no NAT, 2 AZs, one service in public subnets with public IPs behind an HTTP 80
 * forward listener, public image, no autoscaling. No propertyDependencies at all: every link must
 * be found by ARN / id / name matching.
 */
export function cheapDev(): RecordedResource[] {
    const net = vpc("dev", 2, "None");
    const logs = res("aws:cloudwatch/logGroup:LogGroup", "dev-logs", { inputs: { name: "/ecs/dev" } });
    const exec = res("aws:iam/role:Role", "dev-exec");
    const td = res("aws:ecs/taskDefinition:TaskDefinition", "dev-td", {
        inputs: { family: "dev", cpu: 256, memory: 512, executionRoleArn: exec.outputs.arn, containerDefinitions: containers("public.ecr.aws/nginx/nginx:1.27", "/ecs/dev") },
    });
    const alb = res("aws:lb/loadBalancer:LoadBalancer", "dev-alb", { inputs: { subnets: net.outputs.publicSubnetIds } });
    const tg = res("aws:lb/targetGroup:TargetGroup", "dev-tg", { inputs: { port: 80, protocol: "HTTP", targetType: "ip", vpcId: "vpc-dev" } });
    const http = res("aws:lb/listener:Listener", "dev-http", {
        inputs: { loadBalancerArn: alb.outputs.arn, port: 80, protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: tg.outputs.arn }] },
    });
    const svc = res("aws:ecs/service:Service", "dev-svc", {
        inputs: {
            taskDefinition: td.outputs.arn,
            networkConfiguration: { subnets: net.outputs.publicSubnetIds, assignPublicIp: true },
            loadBalancers: [{ targetGroupArn: tg.outputs.arn, containerName: "app", containerPort: 80 }],
        },
    });
    return [net, logs, exec, td, alb, tg, http, svc];
}

/**
 * (c) Two WebServices ("api", "site") sharing one ALB through listener rules on HTTPS 443 (default
 * fixed 404), HTTP 80 redirecting; single NAT over 2 AZs; each service in private subnets.
 */
export function twoServicesOneAlb(): RecordedResource[] {
    const net = vpc("shared", 2, "Single");
    const alb = res("aws:lb/loadBalancer:LoadBalancer", "edge-alb", { inputs: { subnets: net.outputs.publicSubnetIds }, propertyDependencies: { subnets: [net.urn] } });
    const https = res("aws:lb/listener:Listener", "edge-https", {
        inputs: {
            loadBalancerArn: alb.outputs.arn,
            port: 443,
            protocol: "HTTPS",
            defaultActions: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404" } }],
        },
        propertyDependencies: { loadBalancerArn: [alb.urn] },
    });
    const http = res("aws:lb/listener:Listener", "edge-http", {
        inputs: {
            loadBalancerArn: alb.outputs.arn,
            port: 80,
            protocol: "HTTP",
            defaultActions: [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_302" } }],
        },
        propertyDependencies: { loadBalancerArn: [alb.urn] },
    });
    const service = (name: string, priority: number, condition: Record<string, any>, desired: number): RecordedResource[] => {
        const comp = res("fargatekit:index:WebService", name);
        const td = res("aws:ecs/taskDefinition:TaskDefinition", `${name}-td`, {
            parent: comp,
            inputs: { family: name, cpu: "256", memory: "512", containerDefinitions: containers(`${name}:latest`, `/ecs/${name}`) },
        });
        const tg = res("aws:lb/targetGroup:TargetGroup", `${name}-tg`, { parent: comp, inputs: { port: 8080, protocol: "HTTP", targetType: "ip" } });
        const rule = res("aws:lb/listenerRule:ListenerRule", `${name}-rule`, {
            parent: comp,
            inputs: { listenerArn: https.outputs.arn, priority, actions: [{ type: "forward", targetGroupArn: tg.outputs.arn }], conditions: [condition] },
            propertyDependencies: { listenerArn: [https.urn], actions: [tg.urn] },
        });
        const svc = res("aws:ecs/service:Service", `${name}-svc`, {
            parent: comp,
            inputs: {
                desiredCount: desired,
                taskDefinition: td.outputs.arn,
                networkConfiguration: { subnets: net.outputs.privateSubnetIds },
                loadBalancers: [{ targetGroupArn: tg.outputs.arn }],
            },
            propertyDependencies: { taskDefinition: [td.urn], networkConfiguration: [net.urn], loadBalancers: [tg.urn] },
        });
        return [comp, td, tg, rule, svc];
    };
    return [net, alb, https, http, ...service("api", 10, { pathPattern: { values: ["/api/*"] } }, 3), ...service("site", 20, { hostHeader: { values: ["www.example.com"] } }, 2)];
}
