/**
 * Stacks that both policy runners (in-process and gRPC) must judge identically. Each failing case
 * names violations it must produce by the policy's `rule:<id>` tag, so the list holds whatever
 * the policies are called; unknown cases must produce nothing at all.
 */
import * as fs from "fs";
import * as path from "path";
import { PolicyConfigFile, ResourceInput, UNKNOWN } from "../../tools/analyzer/types";

/** The strict profile as shipped (policy/config/strict.json), so the case follows the file. */
const STRICT_PROFILE: PolicyConfigFile = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "policy", "config", "strict.json"), "utf8"));

/** A violation a case must produce: the rule row id, the resource, and (when fixed by the rule) the level. */
export interface ExpectedViolation {
    rule: string;
    resource: string;
    level?: "mandatory" | "advisory";
}

export interface ConformanceCase {
    name: string;
    resources: ResourceInput[];
    config?: PolicyConfigFile;
    /** Violations that must be among the results. */
    expect: ExpectedViolation[];
    /** Rule ids that must not appear in the results. */
    absent?: string[];
    /** The case must produce no violation at all (unknown values in a preview). */
    expectNone?: boolean;
}

const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const unknown = { __unknown: true };

/** A container as users write it (the shape of `aws ecs register-task-definition` input). */
const flaskContainer = {
    name: "flask",
    image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-flask-app:latest",
    memory: 512,
    cpu: 256,
    essential: true,
    portMappings: [{ containerPort: 3000, hostPort: 3000 }],
    logConfiguration: {
        logDriver: "awslogs",
        options: { "awslogs-group": "my-log-group", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "flask" },
    },
};

/** A task definition in bridge mode with a privileged container sharing the host's PID namespace. */
const privilegedBridgeTask: ResourceInput = {
    type: TASK,
    name: "legacy-task",
    props: {
        family: "legacy",
        networkMode: "bridge",
        cpu: "256",
        memory: "512",
        containerDefinitions: JSON.stringify([{ ...flaskContainer, privileged: true, pidMode: "host" }]),
    },
};

export const conformanceCases: ConformanceCase[] = [
    {
        name: "ecs: a task definition as users write it (no network mode, :latest image, root, writable root fs)",
        resources: [{ type: TASK, name: "flask-task", props: { family: "my-task-definition", containerDefinitions: JSON.stringify([flaskContainer]) } }],
        expect: [
            { rule: "T1", resource: "flask-task", level: "mandatory" },
            { rule: "T3", resource: "flask-task" },
            { rule: "T9", resource: "flask-task" },
            { rule: "T12", resource: "flask-task" },
        ],
    },
    {
        name: "ecs: privileged container in bridge mode with the host PID namespace",
        resources: [privilegedBridgeTask],
        expect: [
            { rule: "T1", resource: "legacy-task", level: "mandatory" },
            { rule: "T2", resource: "legacy-task" },
            { rule: "T4", resource: "legacy-task" },
        ],
    },
    {
        name: "ecs: containers given as a parsed array (engine output shape) still fail",
        resources: [
            {
                ...privilegedBridgeTask,
                name: "parsed-task",
                props: { ...privilegedBridgeTask.props, containerDefinitions: JSON.parse(privilegedBridgeTask.props.containerDefinitions) },
            },
        ],
        expect: [
            { rule: "T2", resource: "parsed-task" },
            { rule: "T4", resource: "parsed-task" },
        ],
    },
    {
        name: "ecs: public-IP service on an old platform and a cluster without Container Insights",
        resources: [
            { type: "aws:ecs/cluster:Cluster", name: "cluster", props: { settings: [{ name: "containerInsights", value: "disabled" }] } },
            {
                type: "aws:ecs/service:Service",
                name: "web",
                props: {
                    launchType: "FARGATE",
                    platformVersion: "1.3.0",
                    desiredCount: 1,
                    networkConfiguration: { assignPublicIp: true, subnets: ["subnet-a"], securityGroups: ["sg-web"] },
                },
                propertyDependencies: { cluster: ["cluster"] },
            },
        ],
        expect: [
            { rule: "S1", resource: "web" },
            { rule: "S2", resource: "web" },
            { rule: "C1", resource: "cluster" },
        ],
    },
    {
        name: "ecr: mutable repository without scanning, CMK or lifecycle policy",
        resources: [
            {
                type: "aws:ecr/repository:Repository",
                name: "app-repo",
                props: { imageTagMutability: "MUTABLE", imageScanningConfiguration: { scanOnPush: false }, encryptionConfigurations: [{ encryptionType: "AES256" }] },
            },
        ],
        expect: [
            { rule: "E1", resource: "app-repo" },
            { rule: "E2", resource: "app-repo" },
            { rule: "E3", resource: "app-repo" },
            { rule: "E5", resource: "app-repo" },
        ],
    },
    {
        name: "ecr: repository policy open to everyone",
        resources: [
            {
                type: "aws:ecr/repositoryPolicy:RepositoryPolicy",
                name: "public-pull",
                props: {
                    repository: "app",
                    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: ["ecr:BatchGetImage"] }] }),
                },
            },
        ],
        expect: [{ rule: "E4", resource: "public-pull" }],
    },
    {
        name: "loadBalancer: ALB on one subnet without SGs, plaintext listener, target group without a health-check path",
        resources: [
            { type: "aws:lb/loadBalancer:LoadBalancer", name: "alb", props: { loadBalancerType: "application", internal: true, subnets: ["subnet-a"], securityGroups: [] } },
            {
                type: "aws:lb/listener:Listener",
                name: "http",
                props: {
                    loadBalancerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/alb/1",
                    protocol: "HTTP",
                    port: 80,
                    defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
                },
            },
            { type: "aws:alb/targetGroup:TargetGroup", name: "tg", props: { protocol: "HTTP", port: 8080, targetType: "ip", healthCheck: { enabled: true } } },
        ],
        expect: [
            { rule: "L2", resource: "alb" },
            { rule: "L7", resource: "alb" },
            { rule: "LS1", resource: "http" },
            { rule: "TG1", resource: "tg" },
        ],
    },
    {
        name: "autoscaling: scalable target that cannot survive an AZ loss",
        resources: [
            {
                type: "aws:appautoscaling/target:Target",
                name: "web-scaling",
                props: { serviceNamespace: "ecs", scalableDimension: "ecs:service:DesiredCount", resourceId: "service/main/web", minCapacity: 1, maxCapacity: 1 },
            },
        ],
        expect: [{ rule: "A2", resource: "web-scaling" }],
    },
    {
        name: "iam: administrator inline policy and a trust policy open to any principal",
        resources: [
            {
                type: "aws:iam/role:Role",
                name: "task-role",
                props: { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] }) },
            },
            {
                type: "aws:iam/rolePolicy:RolePolicy",
                name: "task-admin",
                props: { role: "task-role", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) },
                propertyDependencies: { role: ["task-role"] },
            },
        ],
        expect: [
            { rule: "I1", resource: "task-admin" },
            { rule: "I2", resource: "task-admin" },
            { rule: "I8", resource: "task-role" },
        ],
    },
    {
        name: "logs: unencrypted log group kept 30 days",
        resources: [{ type: "aws:cloudwatch/logGroup:LogGroup", name: "app-logs", props: { name: "/ecs/app", retentionInDays: 30 } }],
        expect: [
            { rule: "CW1", resource: "app-logs" },
            { rule: "CW3", resource: "app-logs" },
        ],
    },
    {
        name: "kms: key without rotation and a disabled key",
        resources: [
            { type: "aws:kms/key:Key", name: "logs-key", props: { description: "Log group encryption", enableKeyRotation: false, deletionWindowInDays: 30 } },
            { type: "aws:kms/key:Key", name: "off-key", props: { description: "Disabled key", enableKeyRotation: true, deletionWindowInDays: 30, isEnabled: false } },
        ],
        expect: [
            { rule: "K1", resource: "logs-key" },
            { rule: "K2", resource: "off-key" },
        ],
    },
    {
        name: "network: SSH open to the world, a default VPC and a VPC without flow logs",
        resources: [
            { type: "aws:ec2/vpc:Vpc", name: "vpc", props: { cidrBlock: "10.0.0.0/16" } },
            { type: "aws:ec2/defaultVpc:DefaultVpc", name: "default", props: {} },
            { type: "aws:ec2/securityGroup:SecurityGroup", name: "bastion-sg", props: { description: "Bastion hosts" }, propertyDependencies: { vpcId: ["vpc"] } },
            {
                type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                name: "ssh-in",
                props: { securityGroupId: "sg-0123", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0", description: "SSH" },
                propertyDependencies: { securityGroupId: ["bastion-sg"] },
            },
        ],
        expect: [
            { rule: "SG2", resource: "ssh-in" },
            { rule: "V1", resource: "vpc" },
            { rule: "V2", resource: "default" },
        ],
    },
    {
        name: "network: an inline rule with no source opens nothing (AWS creates no permission from it)",
        resources: [
            {
                type: "aws:ec2/securityGroup:SecurityGroup",
                name: "sourceless-sg",
                props: { description: "x", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, description: "no source" }] },
            },
        ],
        expect: [],
        absent: ["SG1", "SG2", "SG3"],
    },
    {
        name: "s3: bucket with a public access block turned off, ACLs kept and no TLS-only policy",
        resources: [
            { type: "aws:s3/bucket:Bucket", name: "site", props: {} },
            {
                type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                name: "site-pab",
                props: { bucket: "site", blockPublicAcls: false, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
                propertyDependencies: { bucket: ["site"] },
            },
            {
                type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
                name: "site-own",
                props: { bucket: "site", rule: { objectOwnership: "ObjectWriter" } },
                propertyDependencies: { bucket: ["site"] },
            },
        ],
        expect: [
            { rule: "B1", resource: "site-pab", level: "mandatory" },
            { rule: "B3", resource: "site", level: "advisory" },
            { rule: "B4", resource: "site-own", level: "mandatory" },
        ],
    },
    {
        name: "config: the strict profile makes hardening mandatory and reads the secret detector's settings",
        resources: [
            {
                type: TASK,
                name: "env-task",
                props: {
                    family: "web",
                    networkMode: "awsvpc",
                    containerDefinitions: JSON.stringify([
                        {
                            ...flaskContainer,
                            environment: [
                                { name: "SIGNING_SALT", value: "pepper-and-salt" },
                                { name: "DATABASE_URL", value: "postgres://u:p@h/db" },
                            ],
                        },
                    ]),
                },
            },
            { type: "aws:s3/bucket:Bucket", name: "assets", props: {} },
        ],
        config: { ...STRICT_PROFILE, "ecs-task-no-plaintext-secrets": { extraNamePatterns: ["salt$"] } },
        expect: [
            { rule: "T5", resource: "env-task", level: "mandatory" },
            { rule: "B3", resource: "assets", level: "mandatory" },
            { rule: "B6", resource: "assets", level: "advisory" },
        ],
    },
    {
        name: "config: all: advisory turns mandatory rules into advisory ones",
        resources: [privilegedBridgeTask],
        config: { all: "advisory" },
        expect: [
            { rule: "T1", resource: "legacy-task", level: "advisory" },
            { rule: "T2", resource: "legacy-task", level: "advisory" },
        ],
    },
    {
        name: "config: a disabled policy reports nothing",
        resources: [privilegedBridgeTask],
        config: { "ecs-task-awsvpc": "disabled" },
        expect: [{ rule: "T2", resource: "legacy-task" }],
        absent: ["T1"],
    },
    {
        name: "unknown: a known bad network mode still fails while unknown containers are skipped",
        resources: [{ type: TASK, name: "half-known", props: { family: "web", networkMode: "host", cpu: "256", memory: "512", containerDefinitions: UNKNOWN } }],
        expect: [{ rule: "T1", resource: "half-known", level: "mandatory" }],
        absent: ["T2", "T3", "T9", "T12"],
    },
    {
        name: "unknown: task definition whose every property is unknown",
        resources: [
            {
                type: TASK,
                name: "preview-task",
                props: {
                    family: unknown,
                    networkMode: unknown,
                    requiresCompatibilities: unknown,
                    cpu: unknown,
                    memory: unknown,
                    containerDefinitions: unknown,
                    executionRoleArn: unknown,
                    taskRoleArn: unknown,
                    volumes: unknown,
                },
            },
        ],
        expect: [],
        expectNone: true,
    },
    {
        name: "unknown: log group, key reference and IAM documents only known after apply",
        resources: [
            { type: "aws:cloudwatch/logGroup:LogGroup", name: "preview-logs", props: { name: unknown, kmsKeyId: unknown, retentionInDays: unknown } },
            { type: "aws:iam/rolePolicy:RolePolicy", name: "preview-policy", props: { role: unknown, policy: UNKNOWN } },
            { type: "aws:iam/role:Role", name: "preview-role", props: { assumeRolePolicy: UNKNOWN } },
        ],
        expect: [],
        expectNone: true,
    },
    {
        name: "unknown: security-group rule whose source is unknown",
        resources: [
            {
                type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                name: "preview-in",
                props: { securityGroupId: unknown, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: unknown, description: "HTTPS" },
            },
        ],
        expect: [],
        expectNone: true,
    },
];
