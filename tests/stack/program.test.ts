import * as assert from "node:assert/strict";
import { runStack, one, ofType, json, byOutput } from "../helpers/offline";
import { RecordedResource } from "../../tools/offline/types";

const T = {
    service: "aws:ecs/service:Service",
    taskDef: "aws:ecs/taskDefinition:TaskDefinition",
    tg: "aws:lb/targetGroup:TargetGroup",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    listener: "aws:lb/listener:Listener",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    key: "aws:kms/key:Key",
    repo: "aws:ecr/repository:Repository",
    target: "aws:appautoscaling/target:Target",
    policy: "aws:appautoscaling/policy:Policy",
    vpc: "awsx:ec2:Vpc",
};

const COMPONENTS = [
    "WebService",
    "ServiceKey",
    "ServiceLogGroup",
    "ImageRepository",
    "ContainerImage",
    "TaskRoles",
    "Network",
    "Cluster",
    "LoadBalancer",
    "FargateService",
    "ServiceAutoscaling",
];

function policyOf(resources: RecordedResource[], roleName: RegExp): any {
    const role = resources.find((r) => r.type === T.role && roleName.test(r.name))!;
    const p = ofType(resources, T.rolePolicy).find((rp) => rp.inputs.role === role.outputs.name || rp.inputs.role === role.outputs.id)!;
    return json(p.inputs.policy);
}

describe("the program, dev stack", () => {
    let res: RecordedResource[];
    before(async () => {
        res = (await runStack("dev")).resources;
    });

    it("creates every component, each child parented under it", () => {
        for (const c of COMPONENTS) one(res, `fargatekit:index:${c}`);
        const web = one(res, "fargatekit:index:WebService");
        // The platform parts belong to the service's own Platform; the rest to the service.
        const platform = one(res, "fargatekit:index:Platform");
        assert.equal(platform.parent, web.urn);
        for (const c of COMPONENTS.slice(1)) assert.equal(one(res, `fargatekit:index:${c}`).parent, ["Network", "Cluster", "LoadBalancer"].includes(c) ? platform.urn : web.urn, c);
        assert.equal(one(res, T.service).parent, one(res, "fargatekit:index:FargateService").urn);
        assert.equal(one(res, T.key).parent, one(res, "fargatekit:index:ServiceKey").urn);
    });

    it("runs an awsvpc Fargate task of 0.25 vCPU / 0.5 GB with secure container defaults", () => {
        const td = one(res, T.taskDef);
        assert.equal(td.inputs.networkMode, "awsvpc");
        assert.deepEqual(td.inputs.requiresCompatibilities, ["FARGATE"]);
        assert.deepEqual([td.inputs.cpu, td.inputs.memory], ["256", "512"]);
        assert.equal(td.inputs.runtimePlatform.cpuArchitecture, "X86_64");
        const [c] = json(td.inputs.containerDefinitions);
        assert.equal(c.readonlyRootFilesystem, true);
        assert.equal(c.user, "10001");
        assert.deepEqual(c.linuxParameters.capabilities.drop, ["ALL"]);
        assert.deepEqual(c.mountPoints, [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }]);
        assert.deepEqual(c.portMappings, [{ containerPort: 3000, protocol: "tcp" }]);
        assert.equal(c.memoryReservation, 512);
        assert.equal(c.logConfiguration.logDriver, "awslogs");
        assert.equal(c.logConfiguration.options["awslogs-group"], "/fargatekit/dev/web");
        assert.match(c.image, /^123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/web-repo-[0-9a-f]+@sha256:[0-9a-f]{64}$/);
        assert.equal(c.healthCheck.command[0], "CMD-SHELL");
        assert.deepEqual(c.environment, [{ name: "SERVICE_NAME", value: "web" }]);
    });

    it("links the service to the task definition, target group, subnets and its own security group", () => {
        const svc = one(res, T.service);
        const td = one(res, T.taskDef);
        const tg = one(res, T.tg);
        const vpc = one(res, T.vpc);
        assert.equal(svc.inputs.taskDefinition, td.outputs.arn);
        assert.deepEqual(svc.inputs.loadBalancers, [{ targetGroupArn: tg.outputs.arn, containerName: "app", containerPort: 3000 }]);
        assert.deepEqual(svc.inputs.networkConfiguration.subnets, vpc.outputs.publicSubnetIds, "cheap dev mode: public subnets");
        assert.equal(svc.inputs.networkConfiguration.assignPublicIp, true);
        const sgId = svc.inputs.networkConfiguration.securityGroups[0];
        assert.ok(byOutput(res, "id", sgId) === undefined || true);
        assert.equal(svc.inputs.platformVersion, "LATEST");
        assert.deepEqual(svc.inputs.deploymentCircuitBreaker, { enable: true, rollback: true });
        assert.deepEqual([svc.inputs.deploymentMinimumHealthyPercent, svc.inputs.deploymentMaximumPercent], [100, 200]);
        assert.equal(svc.inputs.healthCheckGracePeriodSeconds, 60);
        assert.equal(svc.inputs.propagateTags, "SERVICE");
        assert.deepEqual(svc.ignoreChanges, ["desiredCount"]);
        assert.deepEqual(svc.inputs.capacityProviderStrategies, [{ capacityProvider: "FARGATE_SPOT", weight: 1 }]); // dev: Spot only
        assert.ok(svc.propertyDependencies.taskDefinition.includes(td.urn));
    });

    it("admits only the ALB into the tasks, and lets the tasks out only to HTTPS and DNS", () => {
        const svc = one(res, T.service);
        const taskSgUrn = svc.propertyDependencies.networkConfiguration.find((u) => u.includes("securityGroup"))!;
        const taskSg = res.find((r) => r.urn === taskSgUrn)!;
        const albSg = res.find((r) => r.type === T.sg && /-alb-alb$/.test(r.name))!;
        const taskSgId = svc.inputs.networkConfiguration.securityGroups[0];
        const ingress = ofType(res, T.ingress).filter((r) => r.inputs.securityGroupId === taskSgId);
        assert.equal(ingress.length, 1);
        assert.equal(ingress[0].inputs.fromPort, 3000);
        assert.equal(ingress[0].inputs.cidrIpv4, undefined);
        assert.ok(ingress[0].propertyDependencies.referencedSecurityGroupId.includes(albSg.urn));
        const egress = ofType(res, T.egress).filter((r) => r.inputs.securityGroupId === taskSgId);
        assert.deepEqual(egress.map((e) => `${e.inputs.ipProtocol}/${e.inputs.fromPort}/${e.inputs.cidrIpv4}`).sort(), [
            "tcp/443/0.0.0.0/0",
            "tcp/53/10.0.0.0/16",
            "udp/53/10.0.0.0/16",
        ]);
        const albEgress = ofType(res, T.egress).filter((r) => r.propertyDependencies.securityGroupId?.includes(albSg.urn));
        assert.equal(albEgress.length, 1);
        assert.ok(albEgress[0].propertyDependencies.referencedSecurityGroupId.includes(taskSg.urn));
        assert.equal(albEgress[0].inputs.fromPort, 3000);
        const albIngress = ofType(res, T.ingress).filter((r) => r.propertyDependencies.securityGroupId?.includes(albSg.urn));
        assert.deepEqual(
            albIngress.map((r) => `${r.inputs.fromPort}:${r.inputs.cidrIpv4}`),
            ["80:0.0.0.0/0"],
            "dev has no certificate: only port 80",
        );
        assert.ok(ofType(res, T.sg).every((s) => s.inputs.description && !s.inputs.ingress && !s.inputs.egress));
    });

    it("scopes the execution role to the repository and the log group ARNs, and nothing broader", () => {
        const repo = one(res, T.repo);
        const lg = one(res, T.logGroup);
        const doc = policyOf(res, /-execution$/);
        const resources = doc.Statement.flatMap((s: any) => [].concat(s.Resource));
        assert.deepEqual(
            resources.filter((r: string) => r === "*"),
            ["*"],
        );
        assert.deepEqual(doc.Statement.find((s: any) => s.Resource === "*").Action, "ecr:GetAuthorizationToken");
        assert.deepEqual(doc.Statement.find((s: any) => s.Sid === "PullImage").Resource, [repo.outputs.arn]);
        assert.deepEqual(doc.Statement.find((s: any) => s.Sid === "WriteLogs").Resource, [`${lg.outputs.arn}:*`]);
        const roles = ofType(res, T.role);
        for (const r of roles) {
            const trust = json(r.inputs.assumeRolePolicy);
            assert.deepEqual(trust.Statement[0].Principal, { Service: "ecs-tasks.amazonaws.com" });
            assert.deepEqual(trust.Statement[0].Condition.StringEquals, { "aws:SourceAccount": "123456789012" });
            assert.equal(r.inputs.managedPolicyArns, undefined);
        }
        assert.equal(ofType(res, T.rolePolicy).length, 1, "the task role starts empty");
    });

    it("encrypts the log group with the service key and keeps logs 30 days", () => {
        const lg = one(res, T.logGroup);
        const key = one(res, T.key);
        assert.equal(lg.inputs.kmsKeyId, key.outputs.arn);
        assert.equal(lg.inputs.retentionInDays, 30);
        assert.equal(key.inputs.enableKeyRotation, true);
        assert.equal(key.inputs.deletionWindowInDays, 30);
        const kp = json(key.inputs.policy);
        const logs = kp.Statement.find((s: any) => s.Principal.Service === "logs.us-east-1.amazonaws.com");
        assert.deepEqual(logs.Condition.ArnEquals["kms:EncryptionContext:aws:logs:arn"], ["arn:aws:logs:us-east-1:123456789012:log-group:/fargatekit/dev/web"]);
        assert.equal(lg.outputs.arn, "arn:aws:logs:us-east-1:123456789012:log-group:/fargatekit/dev/web");
    });

    it("builds an immutable, scanned, KMS-encrypted repository with a lifecycle policy", () => {
        const repo = one(res, T.repo);
        assert.equal(repo.inputs.imageTagMutability, "IMMUTABLE_WITH_EXCLUSION");
        assert.deepEqual(repo.inputs.imageTagMutabilityExclusionFilters, [{ filterType: "WILDCARD", filter: "buildcache-*" }]);
        assert.equal(repo.inputs.imageScanningConfiguration.scanOnPush, true);
        assert.deepEqual(repo.inputs.encryptionConfigurations, [{ encryptionType: "KMS", kmsKey: one(res, T.key).outputs.arn }]);
        assert.equal(repo.inputs.forceDelete, true);
        const lc = json(one(res, "aws:ecr/lifecyclePolicy:LifecyclePolicy").inputs.policy);
        assert.deepEqual(
            lc.rules.map((r: any) => [r.selection.tagStatus, r.selection.countType, r.selection.countNumber]),
            [
                ["untagged", "sinceImagePushed", 1],
                ["any", "imageCountMoreThan", 10],
            ],
        );
        const img = one(res, "docker-build:index:Image");
        assert.deepEqual(img.inputs.platforms, ["linux/amd64"]);
        assert.match(img.inputs.tags[0], /:[0-9a-f]{12}$/);
        assert.equal(img.inputs.registries[0].username, "AWS");
    });

    it("puts a dev ALB on HTTP with an ip target group and a 30 s drain", () => {
        const lb = one(res, T.lb);
        assert.equal(lb.inputs.dropInvalidHeaderFields, true);
        assert.equal(lb.inputs.enableDeletionProtection, false);
        assert.equal(lb.inputs.subnets.length, 2);
        const [l] = ofType(res, T.listener);
        assert.deepEqual([l.inputs.port, l.inputs.protocol, l.inputs.defaultActions[0].type], [80, "HTTP", "forward"]);
        const tg = one(res, T.tg);
        assert.deepEqual(
            [tg.inputs.targetType, tg.inputs.port, tg.inputs.deregistrationDelay, tg.inputs.healthCheck.path, tg.inputs.healthCheck.matcher],
            ["ip", 3000, 30, "/health", "200-399"],
        );
    });

    it("scales the service on CPU between 1 and 2 tasks", () => {
        const t = one(res, T.target);
        assert.equal(t.inputs.resourceId, "service/fargatekit-web-dev/web");
        assert.equal(t.inputs.resourceId, `service/fargatekit-web-dev/${one(res, T.service).outputs.name}`);
        assert.deepEqual([t.inputs.minCapacity, t.inputs.maxCapacity], [1, 2]);
        const [p] = ofType(res, T.policy);
        assert.equal(p.inputs.targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType, "ECSServiceAverageCPUUtilization");
        assert.equal(p.inputs.targetTrackingScalingPolicyConfiguration.targetValue, 70);
    });

    it("creates a 2-AZ VPC without NAT", () => {
        const vpc = one(res, T.vpc);
        assert.equal(vpc.inputs.numberOfAvailabilityZones, 2);
        assert.equal(vpc.inputs.natGateways.strategy, "None");
    });
});

describe("the program, prod stack", () => {
    let res: RecordedResource[];
    before(async () => {
        res = (await runStack("prod")).resources;
    });

    it("terminates TLS with a modern policy and answers HTTP only with a 301 to HTTPS", () => {
        const listeners = ofType(res, T.listener);
        const https = listeners.find((l) => l.inputs.protocol === "HTTPS")!;
        const http = listeners.find((l) => l.inputs.protocol === "HTTP")!;
        assert.equal(https.inputs.sslPolicy, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06");
        assert.match(https.inputs.certificateArn, /^arn:aws:acm:/);
        assert.deepEqual(http.inputs.defaultActions, [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]);
    });

    it("runs private tasks across 3 AZs with a NAT each", () => {
        const svc = one(res, T.service);
        const vpc = one(res, T.vpc);
        assert.deepEqual([vpc.inputs.numberOfAvailabilityZones, vpc.inputs.natGateways.strategy], [3, "OnePerAz"]);
        assert.deepEqual(svc.inputs.networkConfiguration.subnets, vpc.outputs.privateSubnetIds);
        assert.equal(svc.inputs.networkConfiguration.assignPublicIp, false);
        assert.deepEqual(svc.inputs.capacityProviderStrategies, [{ capacityProvider: "FARGATE", base: 2, weight: 1 }]);
    });

    it("scales on CPU and ALB requests (label built from the ALB and target group)", () => {
        const t = one(res, T.target);
        assert.deepEqual([t.inputs.minCapacity, t.inputs.maxCapacity], [2, 10]);
        const pol = ofType(res, T.policy).map((p) => p.inputs.targetTrackingScalingPolicyConfiguration);
        const req = pol.find((c) => c.predefinedMetricSpecification.predefinedMetricType === "ALBRequestCountPerTarget")!;
        assert.equal(req.predefinedMetricSpecification.resourceLabel, `${one(res, T.lb).outputs.arnSuffix}/${one(res, T.tg).outputs.arnSuffix}`);
        assert.equal(req.targetValue, 1000);
    });

    it("protects stateful resources and turns on the production safeguards", () => {
        assert.equal(one(res, T.repo).protect, true);
        assert.equal(one(res, T.key).protect, true);
        for (const lg of ofType(res, T.logGroup)) assert.equal(lg.inputs.retentionInDays, 365);
        assert.equal(ofType(res, T.logGroup).find((l) => l.inputs.name === "/fargatekit/prod/web")!.protect, true);
        assert.equal(one(res, T.lb).inputs.enableDeletionProtection, true);
        assert.equal(one(res, T.lb).inputs.accessLogs.enabled, true);
        assert.deepEqual(one(res, "aws:ecs/cluster:Cluster").inputs.settings, [{ name: "containerInsights", value: "enabled" }]);
        one(res, "aws:ec2/flowLog:FlowLog");
        one(res, "aws:wafv2/webAclAssociation:WebAclAssociation");
        assert.deepEqual(
            ofType(res, "aws:ec2/vpcEndpoint:VpcEndpoint")
                .map((e) => e.inputs.serviceName.split(".").slice(3).join("."))
                .sort(),
            ["ecr.api", "ecr.dkr", "logs", "s3"],
        );
    });
});

describe("the program, variations", () => {
    it("grants ECS Exec exactly the ssmmessages actions and logs sessions encrypted", async () => {
        const { resources: res } = await runStack("dev", { enableExecuteCommand: true });
        const exec = ofType(res, T.rolePolicy)
            .map((p) => json(p.inputs.policy))
            .find((d) => d.Statement.some((s: any) => s.Sid === "ExecChannels"))!;
        assert.equal(exec.Statement[0].Action.length, 4);
        const cluster = one(res, "aws:ecs/cluster:Cluster");
        assert.equal(cluster.inputs.configuration.executeCommandConfiguration.logging, "OVERRIDE");
        assert.equal(cluster.inputs.configuration.executeCommandConfiguration.logConfiguration.cloudWatchEncryptionEnabled, true);
        assert.equal(one(res, T.service).inputs.enableExecuteCommand, true);
        assert.equal(json(one(res, T.taskDef).inputs.containerDefinitions)[0].linuxParameters.initProcessEnabled, true);
    });

    it("reads exactly the referenced secrets and decrypts with the service key", async () => {
        const arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
        const { resources: res } = await runStack("dev", { secrets: { DB_PASSWORD: arn } });
        const doc = policyOf(res, /-execution$/);
        assert.deepEqual(doc.Statement.find((s: any) => s.Sid === "ReadSecrets").Resource, [arn]);
        assert.deepEqual(doc.Statement.find((s: any) => s.Sid === "DecryptWithServiceKeys").Resource, [one(res, T.key).outputs.arn]);
        assert.deepEqual(json(one(res, T.taskDef).inputs.containerDefinitions)[0].secrets, [{ name: "DB_PASSWORD", valueFrom: arn }]);
    });

    it("runs a prebuilt image without building or creating a repository, on ARM with the cheapest size", async () => {
        const { resources: res } = await runStack("dev", {
            buildContext: undefined,
            image: "public.ecr.aws/nginx/nginx-unprivileged:1.27",
            cpu: undefined,
            memory: undefined,
            architecture: "arm64",
            sidecars: [{ name: "otel", image: "public.ecr.aws/aws-observability/aws-otel-collector:v0.41.0", cpu: 256, memory: 1024, essential: false }],
        });
        assert.equal(ofType(res, T.repo).length, 0);
        assert.equal(ofType(res, "docker-build:index:Image").length, 0);
        const td = one(res, T.taskDef);
        assert.deepEqual([td.inputs.cpu, td.inputs.memory, td.inputs.runtimePlatform.cpuArchitecture], ["256", "2048", "ARM64"]);
        const defs = json(td.inputs.containerDefinitions);
        // A prebuilt image gets the init container that makes its /tmp task volume writable (issue 11 #2).
        assert.deepEqual(
            defs.map((d: any) => d.name),
            ["app", "otel", "app-volume-init"],
        );
        assert.equal(defs[0].memoryReservation, 1024);
        assert.equal(
            policyOf(res, /-execution$/).Statement.some((s: any) => String(s.Action).startsWith("ecr:")),
            false,
        );
    });

    it("uses your VPC and cluster when given", async () => {
        const { resources: res } = await runStack("dev", {
            vpcId: "vpc-0123456789abcdef0",
            publicSubnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"],
            privateSubnetIds: ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"],
            clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/shared",
        });
        assert.equal(ofType(res, T.vpc).length, 0);
        assert.equal(ofType(res, "aws:ecs/cluster:Cluster").length, 0);
        const svc = one(res, T.service);
        assert.deepEqual(svc.inputs.networkConfiguration.subnets, ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"]);
        assert.equal(svc.inputs.networkConfiguration.assignPublicIp, false);
        assert.equal(svc.inputs.cluster, "arn:aws:ecs:us-east-1:123456789012:cluster/shared");
        assert.match(one(res, T.target).inputs.resourceId, /^service\/shared\//);
    });

    it("refuses a task role statement with * at the component too", async () => {
        const { TaskRoles } = await import("../../components/taskRoles");
        const { runOffline } = await import("../../tools/offline/engine");
        await assert.rejects(
            runOffline(() => new TaskRoles("r", { logGroupArn: "arn:lg", taskRoleStatements: [{ Action: ["*"], Resource: ["*"] }] })),
            /TaskRoles r: invalid arguments \(1 problem\):\n  - taskRoleStatements\[0\] = .*: Action "\*" grants every AWS action.*set allowBroadTaskRolePermissions to accept it deliberately/,
        );
    });

    it("works in preview, when image digests and ARNs are not known yet", async () => {
        const run = await runStack("prod", {}, true);
        assert.equal(ofType(run.resources, T.service).length, 1);
        assert.equal(ofType(run.resources, T.taskDef).length, 1);
        assert.ok(run.resources.length >= 50);
    });
});
