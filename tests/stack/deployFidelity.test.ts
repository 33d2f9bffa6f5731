/**
 * Deploys and runs on the first try (issue 11): each defect AWS, the provider or Fargate would hit on
 * the first `pulumi up` or the first task start, judged against AWS's own rules (written out here,
 * with their sources) rather than against what we meant to register. Each whole-program shape runs once.
 */
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runOffline, OfflineRun } from "../../tools/offline/engine";
import { loadStackConfig } from "../../tools/offline/stackConfig";
import { RecordedResource } from "../../tools/offline/types";
import { loadPolicyProfile, toPolicyInputs } from "../../tools/plan/plan";
import { evaluateInProcess } from "../../tools/analyzer/inProcess";
import { allPolicies } from "../../policy/policies";
import { main, ProgramOutputs } from "../../program/main";
import { loadSettings, ConfigError } from "../../program/validate";
import { REPO_ROOT, one, ofType, json, named, rolePolicyDocument, recordedUntilThrow } from "../helpers/offline";
import { FargateService } from "../../components/fargateService";
import { WebService } from "../../components/webService";
import { ScheduledTask } from "../../components/scheduledTask";
import { ec2Description, ec2DescriptionProblem } from "../../components/lib/ec2/ec2Descriptions";
import { deploymentStrategyProblems, deploymentTimeouts, MAX_SHIFT_MINUTES } from "../../components/lib/ecs/deploymentStrategy";
import { normaliseStatement } from "../../components/lib/iam/iamStatements";
import { secretGrantArn } from "../../components/lib/iam/arns";
import { ecrRepositoryArn } from "../../components/lib/ecr/ecrImages";
import { accessLogPrincipal } from "../../components/lib/elb/elbAccessLogs";
import { contentTag } from "../../components/lib/ecr/contentHash";
import { DockerIgnore, readIgnoreFile } from "../../components/lib/ecr/dockerignore";
import { dockerfileDeclaresVolume } from "../../components/lib/ecs/writableVolumes";
import { maxServiceNameLength } from "../../components/lib/nameLimits";
import { isVolumePermissionInit } from "../../policy/lib/containers";

const T = {
    service: "aws:ecs/service:Service",
    td: "aws:ecs/taskDefinition:TaskDefinition",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    role: "aws:iam/role:Role",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    rule: "aws:lb/listenerRule:ListenerRule",
    listener: "aws:lb/listener:Listener",
    tg: "aws:lb/targetGroup:TargetGroup",
    ccp: "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
    image: "docker-build:index:Image",
    repo: "aws:ecr/repository:Repository",
    policy: "aws:appautoscaling/policy:Policy",
};

/** EC2's character set for security group and rule descriptions (EC2 API reference, IpRange.Description; CreateSecurityGroup). */
const EC2_DESCRIPTION = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{0,255}$/;

/** AWS name limits of auto-named resources (terraform-provider-aws validators; see components/lib/nameLimits.ts). */
const AWS_NAME_LIMIT: Record<string, number> = {
    "aws:lb/loadBalancer:LoadBalancer": 32,
    "aws:lb/targetGroup:TargetGroup": 32,
    "aws:iam/role:Role": 64,
    "aws:scheduler/schedule:Schedule": 64,
    "aws:sqs/queue:Queue": 80,
    "aws:s3/bucket:Bucket": 63,
};

const DIGEST = "0123456789abcdef".repeat(4);
const CMK = "arn:aws:kms:us-east-1:123456789012:key/22222222-3333-4444-5555-666666666666";
const PARTIAL_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/db-password";
const FULL_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/api-token-AbCdEf";
const WEB_IMAGE = `123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/checkout@sha256:${DIGEST}`;
const SIDECAR_IMAGE = `123456789012.dkr.ecr.us-east-1.amazonaws.com/mesh/envoy@sha256:${DIGEST}`;
const SHIFTING_NAME = "checkout-frontend"; // 17: the longest with a traffic-shifting strategy
const ROLLING_NAME = "inventory-sync-works"; // 20: the longest with rolling
const LONG_TASK = (service: string) => "reconcile-" + "x".repeat(45 - service.length - "reconcile-".length);

/** Run the program as `pulumi up` would, under the offline engine, with a stack file plus overrides. */
function run(stack: string, overrides: Record<string, unknown>, project = "fargatekit"): Promise<OfflineRun<ProgramOutputs>> {
    const values = { ...loadStackConfig(REPO_ROOT, stack).values };
    for (const [k, v] of Object.entries(overrides)) {
        const key = k.includes(":") ? k : `fargatekit:${k}`;
        if (v === undefined) delete values[key];
        else values[key] = typeof v === "string" ? v : JSON.stringify(v);
    }
    return runOffline(() => main(REPO_ROOT), { project, stack, config: values });
}

/** The everything-on stack: canary with a test listener, exec, CMK secrets (one by partial ARN), scheduled task, sidecar, prebuilt private ECR images, your own VPC and key, the longest names. */
const EVERYTHING = {
    serviceName: SHIFTING_NAME,
    buildContext: undefined,
    image: WEB_IMAGE,
    deploymentStrategy: "canary",
    canaryPercent: 12.5,
    canaryBakeMinutes: 10,
    bakeTimeMinutes: 15,
    testListenerPort: 8443,
    enableExecuteCommand: true,
    secrets: { DB_PASSWORD: PARTIAL_SECRET, API_TOKEN: FULL_SECRET },
    secretsKmsKeyArns: [CMK],
    kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555",
    vpcId: "vpc-0abc1234def567890",
    publicSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
    privateSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
    scheduledTasks: [{ name: LONG_TASK(SHIFTING_NAME), schedule: "cron(0 3 * * ? *)", command: ["python", "reconcile.py"] }],
    sidecars: [
        {
            name: "envoy",
            image: SIDECAR_IMAGE,
            memory: 128,
            essential: true,
            healthCheck: { command: ["CMD", "/usr/local/bin/envoy-ready"], interval: 30, timeout: 5, retries: 3, startPeriod: 10 },
        },
    ],
    taskRoleStatements: [{ Action: "s3:GetObject", Resource: "arn:aws:s3:::shop-assets/*" }],
};

/** The rolling build stack in a Region opened after August 2022: access logs, exec, arm64, the longest rolling names. */
const BUILD_NEW_REGION = {
    "aws:region": "ap-south-2",
    serviceName: ROLLING_NAME,
    accessLogs: true,
    enableExecuteCommand: true,
    architecture: "arm64",
    spotWeight: 0,
    onDemandBase: 1,
    onDemandWeight: 1,
    scheduledTasks: [{ name: LONG_TASK(ROLLING_NAME), schedule: "rate(1 hour)", command: ["python", "report.py"] }],
};

const shapes: Record<string, RecordedResource[]> = {};

describe("deploy fidelity: what AWS, the provider and Fargate do on the first pulumi up", function () {
    this.timeout(120000);

    before(async () => {
        shapes.dev = (await run("dev", {}, "shop")).resources;
        shapes.prod = (await run("prod", {})).resources;
        shapes.everything = (await run("prod", EVERYTHING)).resources;
        shapes.buildNewRegion = (await run("dev", BUILD_NEW_REGION)).resources;
        shapes.linear = (await run("dev", { deploymentStrategy: "linear", linearStepPercent: 25, linearStepBakeMinutes: 4, alarms: true, requestsPerTarget: 500 })).resources;
    });

    // The prod profile makes every policy mandatory, including "the log group key is managed in this
    // stack", which a brought-your-own key cannot meet by design: the everything shape is judged with the pack's dev profile.
    it("every shape passes the policy pack with no mandatory violation (prod profile for prod)", async () => {
        for (const [shape, resources] of Object.entries(shapes)) {
            const profile = loadPolicyProfile(REPO_ROOT, shape === "prod" ? "prod" : "dev");
            const violations = await evaluateInProcess(allPolicies, toPolicyInputs(resources), profile);
            assert.deepEqual(
                violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy} on ${v.resource}: ${v.message}`),
                [],
                shape,
            );
        }
    });

    describe("1. security group descriptions use only EC2's characters", () => {
        it("every security group and rule description of every shape", () => {
            for (const [shape, resources] of Object.entries(shapes)) {
                for (const r of [...ofType(resources, T.sg), ...ofType(resources, T.ingress), ...ofType(resources, T.egress)]) {
                    if (r.inputs.description !== undefined) assert.match(r.inputs.description, EC2_DESCRIPTION, `${shape} ${r.name}`);
                }
            }
        });

        it("a description built from a user-given name is checked before anything is created", () => {
            assert.equal(ec2DescriptionProblem("HTTPS to the app's dependencies"), `contains "'"; EC2 allows only letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*`);
            assert.throws(() => ec2Description("Tasks of o'brien"), /Security group description "Tasks of o'brien" contains "'"/);
            assert.throws(() => ec2Description("x".repeat(256)), /256 characters; EC2 allows at most 255/);
        });
    });

    describe("2. non-root containers can write /tmp under Fargate's bind-mount rules", () => {
        /** Replays a task start as Fargate does it: /tmp starts root-owned 0755; containers start in dependsOn order; root's chmod changes the mode. */
        function tmpWritableFor(containers: any[], name: string): boolean {
            let mode = 0o755;
            const started = new Set<string>();
            const order: any[] = [];
            while (order.length < containers.length) {
                const next = containers.find((c) => !started.has(c.name) && (c.dependsOn ?? []).every((d: any) => started.has(d.containerName)));
                assert.ok(next, "dependsOn has a cycle");
                started.add(next.name);
                order.push(next);
            }
            for (const c of order) {
                if (c.name === name) break;
                const argv = [...(c.entryPoint ?? []), ...(c.command ?? [])];
                const mountsTmp = (c.mountPoints ?? []).some((m: any) => m.containerPath === "/tmp" && m.sourceVolume === "tmp");
                if (String(c.user) === "0" && argv[0] === "chmod" && mountsTmp && argv.slice(2).includes("/tmp")) mode = parseInt(argv[1], 8);
            }
            // UID 10001 is neither the owner (root) nor in its group: it needs the "others" write bit.
            return (mode & 0o002) !== 0;
        }

        it("a prebuilt image (web and sidecar) gets a chmod-only init container the others wait for", () => {
            const containers = json(one(shapes.everything, T.td).inputs.containerDefinitions);
            const init = containers.find((c: any) => c.name === "app-volume-init");
            assert.deepEqual(
                {
                    user: init.user,
                    essential: init.essential,
                    entryPoint: init.entryPoint,
                    command: init.command,
                    image: init.image,
                    readonly: init.readonlyRootFilesystem,
                    drop: init.linuxParameters.capabilities.drop,
                },
                { user: "0", essential: false, entryPoint: ["chmod"], command: ["1777", "/tmp"], image: WEB_IMAGE, readonly: true, drop: ["ALL"] },
            );
            for (const c of containers.filter((x: any) => x.name !== init.name)) {
                assert.deepEqual(
                    c.dependsOn.filter((d: any) => d.containerName === init.name),
                    [{ containerName: init.name, condition: "SUCCESS" }],
                    c.name,
                );
                assert.equal(tmpWritableFor(containers, c.name), true, c.name);
            }
        });

        it("without it, the same containers could not write /tmp (the defect)", () => {
            const containers = json(one(shapes.everything, T.td).inputs.containerDefinitions)
                .filter((c: any) => c.name !== "app-volume-init")
                .map((c: any) => ({ ...c, dependsOn: [] }));
            assert.equal(tmpWritableFor(containers, "app"), false);
        });

        it("the pack lets only a chmod-only init container run as root", () => {
            const init = {
                name: "app-volume-init",
                user: "0",
                essential: false,
                entryPoint: ["chmod"],
                command: ["1777", "/tmp"],
                mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp" }],
                readonlyRootFilesystem: true,
                linuxParameters: { capabilities: { drop: ["ALL"] } },
            };
            assert.equal(isVolumePermissionInit(init), true);
            assert.equal(isVolumePermissionInit({ ...init, essential: true }), false, "essential");
            assert.equal(isVolumePermissionInit({ ...init, command: ["1777", "/etc"] }), false, "a path that is not its volume");
            assert.equal(isVolumePermissionInit({ ...init, entryPoint: ["sh", "-c"], command: ["chmod 1777 /tmp"] }), false, "a shell");
            assert.equal(isVolumePermissionInit({ ...init, portMappings: [{ containerPort: 80 }] }), false, "a port");
            assert.equal(isVolumePermissionInit({ ...init, linuxParameters: { capabilities: { drop: ["ALL"], add: ["CHOWN"] } } }), false, "a capability");
        });

        it("an image whose Dockerfile declares VOLUME /tmp needs no init container", () => {
            assert.equal(dockerfileDeclaresVolume("FROM python:3.12-slim\nRUN mkdir -p /tmp && chmod 1777 /tmp\nVOLUME /tmp\n", "/tmp"), true);
            assert.equal(dockerfileDeclaresVolume('FROM python:3.12-slim\nVOLUME ["/data", "/tmp/"]\n', "/tmp"), true);
            assert.equal(dockerfileDeclaresVolume("FROM node:22 AS build\nVOLUME /tmp\nFROM gcr.io/distroless/nodejs22\n", "/tmp"), false, "only the final stage counts");
            assert.equal(dockerfileDeclaresVolume("FROM python:3.12-slim\n", "/tmp"), false);
            // The sample app declares it (after chmod 1777), so the stacks that build it run no init container.
            const dockerfile = fs.readFileSync(path.join(REPO_ROOT, "app", "Dockerfile"), "utf8");
            assert.equal(dockerfileDeclaresVolume(dockerfile, "/tmp"), true);
            assert.ok(/chmod 1777 \/tmp[\s\S]*\nVOLUME \/tmp/.test(dockerfile), "the image's /tmp is world-writable before it is declared");
            for (const shape of ["dev", "prod", "buildNewRegion"]) {
                const names = json(one(shapes[shape], T.td).inputs.containerDefinitions).map((c: any) => c.name);
                assert.ok(!names.some((n: string) => n.endsWith("-volume-init")), `${shape}: ${names.join(", ")}`);
            }
        });
    });

    describe("3. every allowed name deploys", () => {
        it("auto-named resources of every shape, the longest names included, fit AWS's limits with the 8-character suffix", () => {
            for (const [shape, resources] of Object.entries(shapes)) {
                for (const r of resources) {
                    const limit = AWS_NAME_LIMIT[r.type];
                    const explicit = r.inputs.name ?? r.inputs.bucket;
                    if (limit !== undefined && explicit === undefined) assert.ok(r.name.length + 8 <= limit, `${shape}: ${r.type} ${r.name} → ${r.name.length + 8} > ${limit}`);
                    // A name given explicitly is sent as it is: it must fit too.
                    if (limit !== undefined && typeof explicit === "string") assert.ok(explicit.length <= limit, `${shape}: ${r.type} ${explicit} → ${explicit.length} > ${limit}`);
                }
            }
        });

        it("config refuses one character more, naming the key and what overflows", () => {
            const base = { "fargatekit:image": "nginx@sha256:" + DIGEST };
            assert.doesNotThrow(() => loadSettings({ ...base, "fargatekit:serviceName": ROLLING_NAME }));
            assert.throws(
                () => loadSettings({ ...base, "fargatekit:serviceName": ROLLING_NAME + "x" }),
                /serviceName = "inventory-sync-worksx": must be at most 20 characters: .*LoadBalancer "inventory-sync-worksx-alb" would be auto-named .* \(33 characters\), longer than AWS allows \(32\)/,
            );
            assert.doesNotThrow(() => loadSettings({ ...base, "fargatekit:serviceName": SHIFTING_NAME, "fargatekit:deploymentStrategy": "canary" }));
            assert.throws(
                () => loadSettings({ ...base, "fargatekit:serviceName": SHIFTING_NAME + "x", "fargatekit:deploymentStrategy": "canary" }),
                /must be at most 17 characters with deploymentStrategy canary: .*"checkout-frontendx-tg-alt"/,
            );
            const tasks = (name: string) => JSON.stringify([{ name, schedule: "rate(1 hour)", command: ["x"] }]);
            assert.doesNotThrow(() => loadSettings({ ...base, "fargatekit:serviceName": ROLLING_NAME, "fargatekit:scheduledTasks": tasks(LONG_TASK(ROLLING_NAME)) }));
            assert.throws(
                () => loadSettings({ ...base, "fargatekit:serviceName": ROLLING_NAME, "fargatekit:scheduledTasks": tasks(LONG_TASK(ROLLING_NAME) + "x") }),
                /scheduledTasks\[0\]\.name = .*is too long with serviceName "inventory-sync-works": Role .*-scheduler" .*longer than AWS allows \(64\)/,
            );
            assert.deepEqual(
                [
                    maxServiceNameLength({ shifting: false, platform: false, accessLogs: true }),
                    maxServiceNameLength({ shifting: true, platform: false, accessLogs: false }),
                    maxServiceNameLength({ shifting: false, platform: true, accessLogs: false }),
                ],
                [20, 17, 21],
            );
        });

        it("the components refuse a name whose auto-names overflow, before creating anything", async () => {
            await assert.rejects(
                runOffline(() => new WebService("a-very-long-service-x", { image: { uri: "nginx@sha256:" + DIGEST } })),
                /WebService a-very-long-service-x: invalid arguments \(1 problem\):\n  - \(name\) = "a-very-long-service-x": the name is too long: LoadBalancer "a-very-long-service-x-alb"/,
            );
            await assert.rejects(
                runOffline(
                    () =>
                        new ScheduledTask("s".repeat(50), {
                            schedule: "rate(1 hour)",
                            clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/c",
                            taskDefinitionArn: "arn:aws:ecs:us-east-1:123456789012:task-definition/f:1",
                            subnetIds: ["subnet-1"],
                            securityGroupIds: ["sg-1"],
                            containerName: "app",
                            executionRoleArn: "arn:aws:iam::123456789012:role/e",
                            taskRoleArn: "arn:aws:iam::123456789012:role/t",
                        } as any),
                ),
                /the name is too long: Role/,
            );
            // Nothing but the refusing component itself was registered.
            const web = await recordedUntilThrow(() => new WebService("a-very-long-service-x", { image: { uri: "nginx@sha256:" + DIGEST } }));
            assert.match(String(web.error), /the name is too long/);
            assert.deepEqual(web.recorded, [], "refused before the component itself registers");
        });
    });

    describe("4. capacity provider changes on a running service", () => {
        it("the service forces a new deployment, as the provider requires for a strategy change", () => {
            for (const resources of Object.values(shapes)) assert.equal(one(resources, T.service).inputs.forceNewDeployment, true);
        });
    });

    describe("5. traffic-shifting deploys get the time they take", () => {
        it("canary: the canary bake, the bake and a 20-minute margin; linear: every step; rolling: the provider default", () => {
            assert.deepEqual(one(shapes.everything, T.service).customTimeouts, { create: "45m", update: "45m" });
            assert.deepEqual(one(shapes.linear, T.service).customTimeouts, { create: "41m", update: "41m" });
            assert.equal(one(shapes.dev, T.service).customTimeouts, undefined);
            assert.deepEqual(deploymentTimeouts({ strategy: "blueGreen", bakeTimeMinutes: 60 }), { create: "80m", update: "80m" });
        });

        it("a rollout longer than the bound is refused with the reason", () => {
            const [p] = deploymentStrategyProblems({ strategy: "blueGreen", bakeTimeMinutes: 1440 });
            assert.equal(p.field, "deploymentStrategy");
            assert.match(p.message, new RegExp(`shifts and bakes for 1440 minutes .* at most ${MAX_SHIFT_MINUTES}`));
            assert.deepEqual(
                deploymentStrategyProblems({ strategy: "linear", linearStepPercent: 3, linearStepBakeMinutes: 9, bakeTimeMinutes: 0 }).map((x) => x.field),
                ["deploymentStrategy"],
            );
        });
    });

    describe("6. ALB access logs: who writes them depends on the Region", () => {
        it("us-east-1 names its ELB account; ap-south-2 (opened after August 2022) the log delivery principal", () => {
            const statement = (resources: RecordedResource[]) =>
                json(one(resources, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy).Statement.find((s: any) => s.Sid === "ElbDeliversAccessLogs");
            assert.deepEqual(statement(shapes.prod).Principal, { AWS: "arn:aws:iam::127311923021:root" });
            assert.deepEqual(statement(shapes.buildNewRegion).Principal, { Service: "logdelivery.elasticloadbalancing.amazonaws.com" });
            assert.deepEqual(
                [accessLogPrincipal("eu-central-2", "aws"), accessLogPrincipal("cn-north-1", "aws-cn")],
                [{ Service: "logdelivery.elasticloadbalancing.amazonaws.com" }, { AWS: "arn:aws-cn:iam::638102146993:root" }],
            );
        });
    });

    describe("7. ECS Exec with a read-only root filesystem", () => {
        it("every read-only container gets writable volumes at the SSM agent's paths", () => {
            for (const shape of ["everything", "buildNewRegion"]) {
                const td = one(shapes[shape], T.td);
                assert.deepEqual(
                    td.inputs.volumes.map((v: any) => v.name),
                    ["tmp", "exec-managed-agents", "exec-ssm-state", "exec-ssm-logs"],
                    shape,
                );
                for (const c of json(td.inputs.containerDefinitions)) {
                    const writable = c.mountPoints.filter((m: any) => m.readOnly === false).map((m: any) => m.containerPath);
                    assert.deepEqual(writable, ["/tmp", "/managed-agents", "/var/lib/amazon/ssm", "/var/log/amazon/ssm"], `${shape} ${c.name}`);
                }
            }
            assert.deepEqual(one(shapes.prod, T.td).inputs.volumes, [{ name: "tmp" }], "no exec, no agent volumes");
        });
    });

    describe("8. alarms, dashboard and request scaling follow both target groups", () => {
        it("every target-group alarm sums (or, for latency, takes the worse of) both target groups", () => {
            const suffixes = ofType(shapes.everything, T.tg).map((t) => t.outputs.arnSuffix);
            assert.equal(suffixes.length, 2);
            for (const key of ["target-5xx-rate", "target-5xx-count", "unhealthy-hosts", "response-time-high"]) {
                const alarm = ofType(shapes.everything, T.alarm).find((a) => a.inputs.name.endsWith(key))!;
                const groups = alarm.inputs.metricQueries.filter((q: any) => q.metric).map((q: any) => q.metric.dimensions.TargetGroup);
                for (const s of suffixes) assert.ok(groups.includes(s), `${key} watches ${s}`);
                assert.equal(alarm.inputs.metricQueries.filter((q: any) => q.returnData).length, 1, key);
            }
            const dashboard = one(shapes.everything, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody;
            for (const s of suffixes) assert.ok(dashboard.includes(s), s);
        });

        it("request-count scaling divides both target groups' requests by their healthy targets", () => {
            const requests = ofType(shapes.everything, T.policy).find((p) => p.name.endsWith("-requests"))!;
            const spec = requests.inputs.targetTrackingScalingPolicyConfiguration;
            assert.equal(spec.predefinedMetricSpecification, undefined);
            const metrics = spec.customizedMetricSpecification.metrics;
            const suffixes = ofType(shapes.everything, T.tg).map((t) => t.outputs.arnSuffix);
            for (const name of ["RequestCount", "HealthyHostCount"]) {
                assert.deepEqual(
                    metrics
                        .filter((m: any) => m.metricStat?.metric.metricName === name)
                        .map((m: any) => m.metricStat.metric.dimensions.find((d: any) => d.name === "TargetGroup").value)
                        .sort(),
                    [...suffixes].sort(),
                    name,
                );
            }
            assert.equal(metrics.find((m: any) => m.returnData).expression, "IF(targets > 0, requests / targets, requests)");
            assert.equal(
                ofType(shapes.prod, T.policy).find((p) => p.name.endsWith("-requests"))!.inputs.targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification
                    .predefinedMetricType,
                "ALBRequestCountPerTarget",
                "one target group: the predefined metric",
            );
        });
    });

    describe("9, 13, 14. the execution role can pull and decrypt exactly what the task needs", () => {
        /** IAM resource matching: `*` any run of characters, `?` exactly one (IAM user guide, "IAM JSON policy elements: Resource"). */
        const iamMatches = (pattern: string, arn: string) =>
            new RegExp(
                "^" +
                    pattern
                        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
                        .replace(/\*/g, ".*")
                        .replace(/\?/g, ".") +
                    "$",
            ).test(arn);
        const allows = (doc: any, action: string, arn: string) =>
            doc.Statement.some((s: any) => s.Effect === "Allow" && [s.Action].flat().includes(action) && [s.Resource].flat().some((r: string) => iamMatches(r, arn)));

        it("decrypts with the secrets' customer-managed key, and only keys it was given", () => {
            const doc = rolePolicyDocument(shapes.everything, named(shapes.everything, T.role, `${SHIFTING_NAME}-roles-execution`));
            assert.deepEqual(doc.Statement.find((s: any) => s.Sid === "DecryptWithServiceKeys").Resource, [CMK]);
            assert.throws(
                () => loadSettings({ "fargatekit:image": "nginx@sha256:" + DIGEST, "fargatekit:secretsKmsKeyArns": JSON.stringify(["alias/mine"]) }),
                (e: unknown) => {
                    const keys = (e as ConfigError).problems.map((p) => p.key);
                    return keys.includes("secretsKmsKeyArns") && keys.includes("secretsKmsKeyArns[0]");
                },
            );
        });

        it("reads a secret given by partial ARN: IAM evaluates the full ARN with its 6-character suffix", () => {
            const doc = rolePolicyDocument(shapes.everything, named(shapes.everything, T.role, `${SHIFTING_NAME}-roles-execution`));
            assert.equal(allows(doc, "secretsmanager:GetSecretValue", `${PARTIAL_SECRET}-Xy12Zq`), true);
            assert.equal(allows(doc, "secretsmanager:GetSecretValue", FULL_SECRET), true);
            assert.equal(allows(doc, "secretsmanager:GetSecretValue", `${PARTIAL_SECRET}-extra-Xy12Zq`), false, "exactly six characters");
            assert.deepEqual([secretGrantArn(PARTIAL_SECRET), secretGrantArn(`${FULL_SECRET}:password::`)], [`${PARTIAL_SECRET}-??????`, FULL_SECRET]);
        });

        it("pulls prebuilt private ECR images (web and sidecar) with the token", () => {
            const doc = rolePolicyDocument(shapes.everything, named(shapes.everything, T.role, `${SHIFTING_NAME}-roles-execution`));
            for (const repo of ["shop/checkout", "mesh/envoy"]) assert.equal(allows(doc, "ecr:BatchGetImage", `arn:aws:ecr:us-east-1:123456789012:repository/${repo}`), true, repo);
            assert.equal(allows(doc, "ecr:GetAuthorizationToken", "*"), true);
            assert.deepEqual(
                [ecrRepositoryArn(`987654321098.dkr.ecr.cn-north-1.amazonaws.com.cn/a/b:1`), ecrRepositoryArn("public.ecr.aws/nginx/nginx:1.27"), ecrRepositoryArn("nginx")],
                ["arn:aws-cn:ecr:cn-north-1:987654321098:repository/a/b", undefined, undefined],
            );
        });
    });

    describe("10. names include the Pulumi project", () => {
        it("log groups, cluster, alarms, dashboard and query carry the project, so two projects never share them", () => {
            assert.deepEqual(
                ofType(shapes.dev, "aws:cloudwatch/logGroup:LogGroup").map((l) => l.inputs.name),
                ["/shop/dev/web"],
            );
            assert.equal(one(shapes.dev, "aws:ecs/cluster:Cluster").inputs.name, "shop-web-dev");
            const prefix = `fargatekit-${SHIFTING_NAME}-prod`;
            assert.ok(ofType(shapes.everything, T.alarm).every((a) => a.inputs.name.startsWith(`${prefix}-`)));
            assert.equal(one(shapes.everything, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardName, prefix);
            assert.equal(one(shapes.everything, "aws:cloudwatch/queryDefinition:QueryDefinition").inputs.name, `${prefix}/errors`);
        });
    });

    describe("11. alarm descriptions", () => {
        it("name the real service, with no gap where an unknown value was", () => {
            for (const a of ofType(shapes.everything, T.alarm)) assert.doesNotMatch(a.inputs.alarmDescription, /\s{2}|of\s+above/, a.name);
            const cpu = ofType(shapes.everything, T.alarm).find((a) => a.inputs.name.endsWith("-cpu-high"))!;
            assert.equal(cpu.inputs.alarmDescription, `Average CPU of ${SHIFTING_NAME} above 80 %`);
        });
    });

    describe("12. task role statements without Effect", () => {
        it("are written with Effect Allow (IAM requires the element)", () => {
            const doc = rolePolicyDocument(shapes.everything, named(shapes.everything, T.role, `${SHIFTING_NAME}-roles-task`));
            assert.deepEqual(doc.Statement, [{ Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::shop-assets/*"], Effect: "Allow" }]);
            assert.equal(normaliseStatement({ Action: "s3:GetObject", Resource: "*" }).Effect, "Allow");
            assert.equal(normaliseStatement({ Effect: "Deny", Action: "s3:GetObject", Resource: "*" }).Effect, "Deny");
        });
    });

    describe("15. canaryPercent", () => {
        it("is a multiple of 0.1 (ECS API reference, CanaryConfiguration)", () => {
            assert.deepEqual(deploymentStrategyProblems({ strategy: "canary", canaryPercent: 12.5 }), []);
            assert.deepEqual(deploymentStrategyProblems({ strategy: "canary", canaryPercent: 0.1 }), []);
            assert.deepEqual(deploymentStrategyProblems({ strategy: "canary", canaryPercent: 0.3 }), []);
            const [p] = deploymentStrategyProblems({ strategy: "canary", canaryPercent: 0.15 });
            assert.deepEqual([p.field, p.value], ["canaryPercent", 0.15]);
            assert.match(p.message, /multiple of 0\.1/);
        });
    });

    describe("16. image builds with docker-build, tagged by exactly what the build sees", () => {
        let dir: string;
        const write = (rel: string, text: string) => {
            fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
            fs.writeFileSync(path.join(dir, rel), text);
        };
        beforeEach(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "fk-ctx-"));
            write("Dockerfile", "FROM scratch\nCOPY . /app\n");
            write("app.py", "print('hi')\n");
        });
        afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
        const tag = () => contentTag(dir, "Dockerfile", "linux/amd64");

        it("changes when a file Docker sends changes, .git and node_modules included unless ignored", () => {
            write(".git/HEAD", "ref: a\n");
            write("node_modules/x/index.js", "1");
            const before = tag();
            write(".git/HEAD", "ref: b\n");
            assert.notEqual(tag(), before, ".git is sent without a .dockerignore");
            const mid = tag();
            write("node_modules/x/index.js", "2");
            assert.notEqual(tag(), mid, "node_modules too");
        });

        it("stays when only ignored files change, and honours ! re-includes and ** like Docker", () => {
            write(".dockerignore", "# docs\n*.md\n!README.md\n**/*.log\n/build\n");
            write("NOTES.md", "a");
            write("README.md", "a");
            write("logs/a/b.log", "a");
            write("build/out.bin", "a");
            const before = tag();
            write("NOTES.md", "b");
            write("logs/a/b.log", "b");
            write("build/out.bin", "b");
            assert.equal(tag(), before, "ignored paths do not change the tag");
            write("README.md", "b");
            assert.notEqual(tag(), before, "README.md is re-included by !README.md");
            const ignore = new DockerIgnore(readIgnoreFile("node_modules\n!node_modules/keep\n**/secret?.txt\ndocs/**\n"));
            assert.deepEqual(
                ["node_modules/a/b.js", "node_modules/keep", "node_modules/keep/x.js", "a/b/secret1.txt", "secret2.txt", "secret10.txt", "docs/x/y.md", "docs"].map((p) =>
                    ignore.excludes(p),
                ),
                [true, false, false, true, true, false, true, false],
            );
        });

        it("changes with permissions, the Dockerfile (even when ignored), Dockerfile-specific ignore files and build args", () => {
            const before = tag();
            fs.chmodSync(path.join(dir, "app.py"), 0o755);
            const afterChmod = tag();
            assert.notEqual(afterChmod, before, "an executable bit changes the image");
            write(".dockerignore", "Dockerfile\n");
            const ignored = tag();
            write("Dockerfile", "FROM scratch\nCOPY . /srv\n");
            assert.notEqual(tag(), ignored, "the Dockerfile always counts");
            write("Dockerfile.dockerignore", "app.py\n");
            const specific = tag();
            write("app.py", "print('changed')\n");
            assert.equal(tag(), specific, "Dockerfile.dockerignore wins over .dockerignore");
            assert.notEqual(contentTag(dir, "Dockerfile", "linux/amd64", { BASE: "python:3.13" }), contentTag(dir, "Dockerfile", "linux/amd64", { BASE: "python:3.12" }));
        });

        it("pushes with docker-build for the task's architecture, caches layers in ECR, and runs the pushed digest", () => {
            const res = shapes.buildNewRegion;
            const img = one(res, T.image);
            const repo = one(res, T.repo);
            const url = repo.outputs.repositoryUrl;
            assert.deepEqual(img.inputs.platforms, ["linux/arm64"]);
            assert.equal(img.inputs.push, true);
            assert.match(img.inputs.tags[0], new RegExp(`^${url}:[0-9a-f]{12}$`));
            assert.deepEqual(img.inputs.cacheFrom, [{ registry: { ref: `${url}:buildcache-arm64` } }]);
            assert.deepEqual(img.inputs.cacheTo, [{ registry: { ref: `${url}:buildcache-arm64`, mode: "max", imageManifest: true, ociMediaTypes: true } }]);
            assert.deepEqual(
                [repo.inputs.imageTagMutability, repo.inputs.imageTagMutabilityExclusionFilters],
                ["IMMUTABLE_WITH_EXCLUSION", [{ filterType: "WILDCARD", filter: "buildcache-*" }]],
            );
            const web = json(one(res, T.td).inputs.containerDefinitions).find((c: any) => c.name === "app");
            assert.equal(web.image, `${url}@${img.outputs.digest}`);
            assert.match(img.outputs.digest, /^sha256:[0-9a-f]{64}$/);
        });
    });

    describe("17. checked against AWS's documents", () => {
        it("the traffic-shift role trusts ecs.amazonaws.com exactly as the ECS guide's infrastructure role for load balancers does", () => {
            const role = named(shapes.everything, T.role, `${SHIFTING_NAME}-traffic-shift`);
            assert.deepEqual(json(role.inputs.assumeRolePolicy), {
                Version: "2012-10-17",
                Statement: [{ Sid: "AllowAccessToECSForInfrastructureManagement", Effect: "Allow", Principal: { Service: "ecs.amazonaws.com" }, Action: "sts:AssumeRole" }],
            });
        });

        it("the service waits for the cluster's capacity providers", () => {
            for (const shape of ["dev", "prod", "linear"]) {
                const svc = one(shapes[shape], T.service);
                assert.ok(svc.propertyDependencies.cluster.includes(one(shapes[shape], T.ccp).urn), shape);
            }
        });

        it("listener rule ARNs are shaped like AWS's, under their own listener and load balancer", () => {
            const LISTENER = /^arn:aws:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/app\/[^/]+\/[0-9a-f]{16}\/[0-9a-f]{16}$/;
            const RULE = /^arn:aws:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener-rule\/app\/[^/]+\/[0-9a-f]{16}\/[0-9a-f]{16}\/[0-9a-f]{16}$/;
            const lb = one(shapes.everything, "aws:lb/loadBalancer:LoadBalancer");
            for (const l of ofType(shapes.everything, T.listener)) {
                assert.match(l.outputs.arn, LISTENER);
                assert.ok(l.outputs.arn.includes(lb.outputs.arnSuffix), "under its load balancer");
            }
            for (const r of ofType(shapes.everything, T.rule)) {
                assert.match(r.outputs.arn, RULE);
                assert.equal(r.outputs.arn.replace(":listener-rule/", ":listener/").replace(/\/[0-9a-f]{16}$/, ""), r.inputs.listenerArn, "under its listener");
            }
        });
    });

    it("WebService refuses a name EC2 would reject in its descriptions before creating any child", async () => {
        const run = await runOffline(() => new WebService("o'brien", { image: { uri: "nginx@sha256:" + DIGEST } })).catch((e: Error) => e);
        assert.ok(run instanceof Error);
        assert.match(
            run.message,
            /^WebService o'brien: invalid arguments \(1 problem\):\n  - \(name\) = "o'brien": the name goes into security group descriptions and contains "'"; EC2 allows only/,
        );
        assert.doesNotMatch(run.message, /FargateService/, "refused by the WebService itself, not mid-way by its FargateService");
        assert.deepEqual((await recordedUntilThrow(() => new WebService("o'brien", { image: { uri: "nginx@sha256:" + DIGEST } }))).recorded, []);
    });

    it("FargateService used directly refuses a security group description EC2 would reject", async () => {
        await assert.rejects(
            runOffline(
                () =>
                    new FargateService("o'brien", {
                        clusterArn: "c",
                        containers: [{ name: "app", image: "nginx@sha256:" + DIGEST }],
                        webContainerPort: 8080,
                        executionRoleArn: "e",
                        taskRoleArn: "t",
                        logGroupName: "l",
                        vpcId: "v",
                        vpcCidr: "10.0.0.0/16",
                        subnetIds: ["s"],
                        targetGroupArn: "tg",
                        listenerArn: "l",
                        loadBalancerSecurityGroupId: "sg",
                    }),
            ),
            /contains "'"/,
        );
    });
});
