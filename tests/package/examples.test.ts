/**
 * Every example project under `examples/` (one folder per scenario, as the reference modules keep them):
 * each is a Pulumi project on the built package, type-checks against it, runs once per stack under the
 * offline engine (the stack-references service fed with the platform example's outputs), builds its
 * scenario's essential shape, passes the policy pack with the stack's profile, plans no value AWS or
 * the provider would refuse, and has a README naming every config key its program reads.
 * Slow tier: builds the package once and runs each stack once.
 */
import * as assert from "node:assert/strict";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { OfflineRun, runOffline } from "../../tools/offline/engine";
import { loadStackConfig } from "../../tools/offline/stackConfig";
import { loadPolicyProfile, runProgramFile, toPolicyInputs } from "../../tools/plan/plan";
import { evaluateInProcess } from "../../tools/analyzer/inProcess";
import { constraintProblems, formatConstraintProblem } from "../../tools/offline/constraints/check";
import { iamProblems } from "../../tools/offline/iamChecks";
import { allPolicies } from "../../policy/policies";
import { buildPackage } from "./fixtures";
import { REPO_ROOT, json, named, one, ofType } from "../helpers/offline";

const EXAMPLES_DIR = path.join(REPO_ROOT, "examples");

/**
 * The example projects (paths under examples/), in run order: the stack-references platform runs before
 * the service that reads its outputs. A test below checks this list against the folders on disk.
 */
const PROJECTS = ["standalone-service", "platform-and-services", "stack-references/platform", "stack-references/service", "blue-green", "scheduled-tasks", "bring-your-own-vpc"];

/** The stack the stack-references service reads, by stack: the platform example's stack of the same name. */
const platformReference = (stack: string): string => `acme/fargatekit-platform/${stack}`;

/**
 * Mandatory verdicts a stack is expected to get: a service on a referenced platform cannot show the
 * pack that its ingress source is an ALB's security group (the ALB is in another stack), as the README says.
 */
const EXPECTED_MANDATORY: Record<string, string[]> = {
    "stack-references/service/dev": ["sg-service-ingress-only-from-lb on orders-service-from-alb"],
    "stack-references/service/prod": ["sg-service-ingress-only-from-lb on orders-service-from-alb"],
};

const dirOf = (project: string): string => path.join(EXAMPLES_DIR, project);
const linkOf = (project: string): string => path.join(dirOf(project), "node_modules", "fargatekit");
/** The stacks of a project: its Pulumi.<stack>.yaml files. */
const stacksOf = (project: string): string[] =>
    fs
        .readdirSync(dirOf(project))
        .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
        .map((f) => f.slice("Pulumi.".length, -".yaml".length))
        .sort();
/** The folder whose README documents a project: its own, or its scenario's for the two stack-references projects. */
const scenarioOf = (project: string): string => project.split("/")[0];

/** The config keys a program reads: `config.get*("key")` / `config.require*<T>("key")`. */
function configKeysRead(source: string): string[] {
    return [...new Set([...source.matchAll(/\bconfig\.(?:get|require)[A-Za-z]*(?:<[^>(]*>)?\(\s*"([^"]+)"/g)].map((m) => m[1]))];
}

type Run = OfflineRun<Record<string, any>>;

describe("examples: one Pulumi project per scenario, each planned offline on the built package", function () {
    const created: string[] = [];
    /** `<project>/<stack>` → its run. */
    const runs = new Map<string, Run>();
    const runOf = (project: string, stack: string): Run => {
        const run = runs.get(`${project}/${stack}`);
        if (!run) throw new Error(`no run of ${project}/${stack}`);
        return run;
    };

    before(async () => {
        // The examples depend on "fargatekit": "file:../.." (or ../../..); npm would link the built package, so do the same.
        buildPackage();
        for (const project of PROJECTS) {
            const modules = path.dirname(linkOf(project));
            if (!fs.existsSync(modules)) {
                fs.mkdirSync(modules);
                created.push(modules);
            }
            fs.rmSync(linkOf(project), { force: true, recursive: false });
            fs.symlinkSync(REPO_ROOT, linkOf(project));
        }
        // Each stack once, as `pulumi up` would run it.
        for (const project of PROJECTS) {
            for (const stack of stacksOf(project)) {
                const dir = dirOf(project);
                const cfg = loadStackConfig(dir, stack);
                const stackReferences = project === "stack-references/service" ? { [platformReference(stack)]: runOf("stack-references/platform", stack).result } : undefined;
                runs.set(
                    `${project}/${stack}`,
                    await runOffline(() => runProgramFile(path.join(dir, "index.ts")), { stack, project: cfg.project, config: cfg.values, stackReferences }),
                );
            }
        }
    });

    after(() => {
        for (const project of PROJECTS) fs.rmSync(linkOf(project), { force: true });
        for (const modules of created) if (fs.readdirSync(modules).length === 0) fs.rmdirSync(modules);
    });

    it("the list of projects is every folder under examples/ with a Pulumi.yaml, and every scenario has a dev stack", () => {
        const found: string[] = [];
        for (const entry of fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory())) {
            if (fs.existsSync(path.join(EXAMPLES_DIR, entry.name, "Pulumi.yaml"))) found.push(entry.name);
            else
                for (const sub of fs.readdirSync(path.join(EXAMPLES_DIR, entry.name), { withFileTypes: true }))
                    if (sub.isDirectory() && fs.existsSync(path.join(EXAMPLES_DIR, entry.name, sub.name, "Pulumi.yaml"))) found.push(`${entry.name}/${sub.name}`);
        }
        assert.deepEqual(found.sort(), [...PROJECTS].sort());
        for (const project of PROJECTS) assert.ok(stacksOf(project).includes("dev"), project);
    });

    it("each is a Pulumi project on the local package, with the root's pinned SDK and provider and the shared compiler options", () => {
        const root = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
        const tsconfig = fs.readFileSync(path.join(dirOf(PROJECTS[0]), "tsconfig.json"), "utf8");
        for (const project of PROJECTS) {
            const dir = dirOf(project);
            const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
            const rootRelative = path.relative(dir, REPO_ROOT).split(path.sep).join("/");
            assert.deepEqual(
                pkg.dependencies,
                {
                    "@pulumi/aws": root.dependencies["@pulumi/aws"].replace(/^\^/, ""),
                    "@pulumi/pulumi": root.devDependencies["@pulumi/pulumi"],
                    fargatekit: `file:${rootRelative}`,
                },
                project,
            );
            const name = `fargatekit-${path.basename(project)}`;
            assert.equal(pkg.name, name, project);
            assert.equal(loadStackConfig(dir, "dev").project, name, project);
            const source = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
            assert.deepEqual(
                [...source.matchAll(/from "([^"]+)";/g)].map((m) => m[1]).filter((m) => m !== "@pulumi/pulumi"),
                ["fargatekit"],
                `${project} imports only from "fargatekit" (and the SDK)`,
            );
            assert.equal(fs.readFileSync(path.join(dir, "tsconfig.json"), "utf8"), tsconfig, `${project}/tsconfig.json`);
        }
    });

    it("type-check against the built package (tsc over every example's index.ts with the examples' compiler options)", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "fargatekit-examples-tsc-"));
        try {
            // One compiler run for all of them: each index.ts resolves "fargatekit" through its own node_modules link.
            const config = {
                extends: path.join(dirOf(PROJECTS[0]), "tsconfig.json"),
                compilerOptions: { noEmit: true, typeRoots: [path.join(REPO_ROOT, "node_modules", "@types")], types: ["node"] },
                files: PROJECTS.map((p) => path.join(dirOf(p), "index.ts")),
            };
            fs.writeFileSync(path.join(out, "tsconfig.json"), JSON.stringify(config));
            const tsc = path.join(REPO_ROOT, "node_modules", "typescript", "lib", "tsc.js");
            await promisify(execFile)(process.execPath, [tsc, "-p", out], { encoding: "utf8" }).catch((e: { stdout?: string }) => assert.fail(e.stdout));
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });

    it("each README names every config key its program reads, and the stacks set no key the program ignores", () => {
        for (const project of PROJECTS) {
            const readme = path.join(EXAMPLES_DIR, scenarioOf(project), "README.md");
            assert.ok(fs.existsSync(readme), `${project}: no ${path.relative(REPO_ROOT, readme)}`);
            const text = fs.readFileSync(readme, "utf8");
            const keys = configKeysRead(fs.readFileSync(path.join(dirOf(project), "index.ts"), "utf8"));
            assert.ok(keys.length > 0, project);
            assert.deepEqual(
                keys.filter((k) => !text.includes(`\`${k}\``)),
                [],
                `${project}: config keys missing from ${path.relative(REPO_ROOT, readme)}`,
            );
            assert.ok(text.includes(`examples/${project}`) || text.includes(`examples/${scenarioOf(project)}`), `${project}: the README names its folder`);
            for (const stack of stacksOf(project)) {
                const cfg = loadStackConfig(dirOf(project), stack);
                const unread = Object.keys(cfg.values).filter((k) => k.startsWith(`${cfg.project}:`) && !keys.includes(k.slice(cfg.project.length + 1)));
                assert.deepEqual(unread, [], `${project} ${stack}: keys its program never reads`);
            }
        }
    });

    it("every stack: no mandatory policy violation with the stack's profile, and no value AWS or the provider would refuse", async () => {
        for (const [key, run] of runs) {
            const stack = key.split("/").pop()!;
            const violations = await evaluateInProcess(allPolicies, toPolicyInputs(run.resources), loadPolicyProfile(REPO_ROOT, stack));
            assert.deepEqual(
                violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy} on ${v.resource}`),
                EXPECTED_MANDATORY[key] ?? [],
                key,
            );
            const problems = [...iamProblems(run.resources), ...constraintProblems(run.resources)];
            assert.equal(problems.length, 0, `${key}: values AWS or the provider would refuse:\n${problems.map(formatConstraintProblem).join("\n")}`);
        }
        assert.equal(runs.size, PROJECTS.map(stacksOf).flat().length);
    });

    describe("standalone-service", () => {
        it("dev: its own VPC, cluster and ALB, the service in that cluster behind that ALB", () => {
            const { resources: res, result } = runOf("standalone-service", "dev");
            const vpc = one(res, "awsx:ec2:Vpc");
            const cluster = one(res, "aws:ecs/cluster:Cluster");
            const alb = one(res, "aws:lb/loadBalancer:LoadBalancer");
            const svc = one(res, "aws:ecs/service:Service");
            assert.equal(svc.inputs.cluster, cluster.outputs.arn);
            assert.equal(one(res, "aws:lb/targetGroup:TargetGroup").inputs.vpcId, vpc.outputs.vpcId);
            assert.equal(one(res, "aws:lb/listener:Listener").inputs.loadBalancerArn, alb.outputs.arn);
            assert.deepEqual([vpc.inputs.natGateways.strategy, svc.inputs.networkConfiguration.assignPublicIp], ["None", true]);
            assert.equal(ofType(res, "aws:ecs/service:Service").length, 1);
            assert.equal(result.url, `http://${alb.outputs.dnsName}`);
        });

        it("prod: NAT per AZ and private tasks, HTTPS with a redirect, WAF, two tasks", () => {
            const { resources: res } = runOf("standalone-service", "prod");
            assert.deepEqual([one(res, "awsx:ec2:Vpc").inputs.natGateways.strategy, one(res, "awsx:ec2:Vpc").inputs.numberOfAvailabilityZones], ["OnePerAz", 3]);
            const svc = one(res, "aws:ecs/service:Service");
            assert.deepEqual([svc.inputs.networkConfiguration.assignPublicIp, svc.inputs.desiredCount], [false, 2]);
            assert.deepEqual(
                ofType(res, "aws:lb/listener:Listener")
                    .map((l) => [l.inputs.port, l.inputs.protocol])
                    .sort(),
                [
                    [443, "HTTPS"],
                    [80, "HTTP"],
                ].sort(),
            );
            assert.equal(ofType(res, "aws:wafv2/webAclAssociation:WebAclAssociation").length, 1);
        });
    });

    describe("platform-and-services", () => {
        it("dev: two rules in priority order, two target groups, one ALB", () => {
            const { resources: res, result } = runOf("platform-and-services", "dev");
            assert.equal(ofType(res, "aws:lb/loadBalancer:LoadBalancer").length, 1);
            assert.deepEqual(
                ofType(res, "aws:lb/listenerRule:ListenerRule").map((r) => [r.name, r.inputs.priority, r.inputs.conditions[0].pathPattern.values]),
                [
                    ["api-rule", 100, ["/api/*"]],
                    ["web-rule", 50000, ["/*"]],
                ],
            );
            assert.deepEqual(
                ofType(res, "aws:lb/targetGroup:TargetGroup").map((t) => t.name),
                ["api-tg", "web-tg"],
            );
            assert.deepEqual([result.apiUrl, result.webUrl], [`${result.url}/api/`, `${result.url}/`]);
        });

        it("prod: the HTTPS listener answers 404 unless a service's rule matches", () => {
            const { resources } = runOf("platform-and-services", "prod");
            assert.equal(ofType(resources, "aws:lb/listener:Listener").find((l) => l.inputs.protocol === "HTTPS")!.inputs.defaultActions[0].type, "fixed-response");
            assert.ok(resources.length >= 70, String(resources.length));
        });
    });

    describe("stack-references: a platform project and a service project joined by a stack reference", () => {
        it("the platform exports every output a service reads, and answers 404 until services attach", () => {
            const platform = runOf("stack-references/platform", "dev");
            assert.deepEqual(Object.keys(platform.result), [
                "vpcId",
                "vpcCidr",
                "publicSubnetIds",
                "privateSubnetIds",
                "taskSubnetIds",
                "assignPublicIp",
                "clusterArn",
                "clusterName",
                "listenerArn",
                "loadBalancerSecurityGroupId",
                "loadBalancerArnSuffix",
                "dnsName",
                "url",
                "kmsKeyArn",
            ]);
            assert.equal(platform.result.listenerArn, one(platform.resources, "aws:lb/listener:Listener").outputs.arn);
            assert.equal(one(platform.resources, "aws:lb/listener:Listener").inputs.defaultActions[0].fixedResponse.statusCode, "404");
            assert.equal(ofType(platform.resources, "aws:lb/targetGroup:TargetGroup").length, 0);
            assert.equal(ofType(platform.resources, "aws:ecs/service:Service").length, 0);
        });

        it("the service builds nothing shared and wires every piece to the referenced platform's outputs", () => {
            const out = runOf("stack-references/platform", "dev").result;
            const service = runOf("stack-references/service", "dev");
            const res = service.resources;
            for (const shared of ["awsx:ec2:Vpc", "aws:ecs/cluster:Cluster", "aws:lb/loadBalancer:LoadBalancer", "aws:lb/listener:Listener"])
                assert.equal(ofType(res, shared).length, 0, shared);
            const rule = one(res, "aws:lb/listenerRule:ListenerRule");
            assert.deepEqual([rule.inputs.listenerArn, rule.inputs.priority, rule.inputs.conditions], [out.listenerArn, 100, [{ pathPattern: { values: ["/orders/*"] } }]]);
            const svc = one(res, "aws:ecs/service:Service");
            assert.deepEqual(
                [svc.inputs.cluster, svc.inputs.networkConfiguration.subnets, svc.inputs.networkConfiguration.assignPublicIp],
                [out.clusterArn, out.taskSubnetIds, out.assignPublicIp],
            );
            const tg = one(res, "aws:lb/targetGroup:TargetGroup");
            assert.equal(tg.inputs.vpcId, out.vpcId);
            assert.equal(one(res, "aws:ec2/securityGroup:SecurityGroup").inputs.vpcId, out.vpcId);
            const ingress = one(res, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
            assert.deepEqual([ingress.inputs.referencedSecurityGroupId, ingress.inputs.fromPort], [out.loadBalancerSecurityGroupId, 8080]);
            const egress = ofType(res, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
            assert.deepEqual(
                egress.filter((e) => e.inputs.fromPort === 53).map((e) => e.inputs.cidrIpv4),
                [out.vpcCidr, out.vpcCidr],
            );
            assert.equal(egress.filter((e) => e.inputs.securityGroupId === out.loadBalancerSecurityGroupId).length, 1, "the platform ALB may reach these tasks");
            assert.equal(one(res, "aws:appautoscaling/target:Target").inputs.resourceId, `service/${out.clusterName}/orders`);
            const requests = named(res, "aws:appautoscaling/policy:Policy", "orders-autoscaling-requests");
            assert.equal(
                requests.inputs.targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.resourceLabel,
                `${out.loadBalancerArnSuffix}/${tg.outputs.arnSuffix}`,
            );
            assert.deepEqual(service.result, {
                url: `${out.url}/orders/`,
                serviceName: "orders",
                clusterName: out.clusterName,
                logGroupName: "/fargatekit-service/dev/orders",
                listenerPriority: 100,
                taskSubnetIds: out.taskSubnetIds,
                assignPublicIp: true,
            });
        });

        it("prod: the service on the prod platform's private subnets", () => {
            const out = runOf("stack-references/platform", "prod").result;
            const svc = one(runOf("stack-references/service", "prod").resources, "aws:ecs/service:Service");
            assert.deepEqual(
                [svc.inputs.cluster, svc.inputs.networkConfiguration.subnets, svc.inputs.networkConfiguration.assignPublicIp, svc.inputs.desiredCount],
                [out.clusterArn, out.privateSubnetIds, false, 2],
            );
        });
    });

    describe("blue-green", () => {
        it("dev: two target groups, a production rule ECS shifts, a test listener, and the traffic-shift role ECS assumes", () => {
            const { resources: res, result } = runOf("blue-green", "dev");
            const groups = ofType(res, "aws:lb/targetGroup:TargetGroup");
            assert.equal(groups.length, 2);
            const svc = one(res, "aws:ecs/service:Service");
            assert.deepEqual(svc.inputs.deploymentConfiguration, { strategy: "BLUE_GREEN", bakeTimeInMinutes: "5" });
            const [lb] = svc.inputs.loadBalancers;
            assert.deepEqual([lb.targetGroupArn, lb.advancedConfiguration.alternateTargetGroupArn].sort(), groups.map((g) => g.outputs.arn).sort());
            const role = named(res, "aws:iam/role:Role", "web-traffic-shift");
            assert.equal(lb.advancedConfiguration.roleArn, role.outputs.arn);
            assert.deepEqual(
                json(role.inputs.assumeRolePolicy).Statement.map((s: any) => s.Principal.Service),
                ["ecs.amazonaws.com"],
            );
            const production = ofType(res, "aws:lb/listenerRule:ListenerRule").find((r) => r.outputs.arn === lb.advancedConfiguration.productionListenerRule)!;
            assert.deepEqual(production.inputs.actions[0].forward.targetGroups.map((t: any) => t.arn).sort(), groups.map((g) => g.outputs.arn).sort());
            const test = ofType(res, "aws:lb/listener:Listener").find((l) => l.inputs.port === 9000)!;
            assert.ok(lb.advancedConfiguration.testListenerRule.startsWith(test.outputs.arn.replace(":listener/", ":listener-rule/")), "the test rule is on the test listener");
            const testIngress = ofType(res, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.fromPort === 9000);
            assert.deepEqual(
                testIngress.map((r) => r.inputs.cidrIpv4),
                [one(res, "awsx:ec2:Vpc").inputs.cidrBlock],
                "the test listener is open to the VPC only",
            );
            assert.equal(result.testUrl, `${result.url}:9000/`);
        });
    });

    describe("scheduled-tasks", () => {
        it("dev: a scheduler schedule runs the service's task definition in its cluster, subnets and security group, with the report command", () => {
            const { resources: res } = runOf("scheduled-tasks", "dev");
            const svc = one(res, "aws:ecs/service:Service");
            const taskDefinition = one(res, "aws:ecs/taskDefinition:TaskDefinition");
            const schedule = one(res, "aws:scheduler/schedule:Schedule");
            const target = schedule.inputs.target;
            assert.deepEqual([schedule.inputs.scheduleExpression, schedule.inputs.scheduleExpressionTimezone], ["cron(0 6 * * ? *)", "Europe/Paris"]);
            assert.equal(target.ecsParameters.taskDefinitionArn, taskDefinition.outputs.arn);
            assert.equal(svc.inputs.taskDefinition, taskDefinition.outputs.arn);
            assert.equal(target.arn, svc.inputs.cluster);
            assert.deepEqual(target.ecsParameters.networkConfiguration, svc.inputs.networkConfiguration);
            assert.deepEqual(json(target.input), { containerOverrides: [{ name: "app", command: ["sh", "-c", "echo report for $(date -u +%F)"] }] });
            assert.equal(one(res, "aws:sqs/queue:Queue").inputs.kmsMasterKeyId, one(res, "aws:kms/key:Key").outputs.arn, "dead letters encrypted with the service key");
        });
    });

    describe("bring-your-own-vpc", () => {
        const expectIn = (stack: string) => {
            const { resources: res } = runOf("bring-your-own-vpc", stack);
            const cfg = loadStackConfig(dirOf("bring-your-own-vpc"), stack).values;
            const given = (k: string) => JSON.parse(cfg[`fargatekit-bring-your-own-vpc:${k}`]);
            for (const created of ["awsx:ec2:Vpc", "aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/natGateway:NatGateway", "aws:ec2/internetGateway:InternetGateway"])
                assert.equal(ofType(res, created).length, 0, created);
            assert.deepEqual(one(res, "aws:lb/loadBalancer:LoadBalancer").inputs.subnets, given("publicSubnetIds"));
            const svc = one(res, "aws:ecs/service:Service");
            assert.deepEqual([svc.inputs.networkConfiguration.subnets, svc.inputs.networkConfiguration.assignPublicIp], [given("privateSubnetIds"), false]);
            assert.equal(one(res, "aws:lb/targetGroup:TargetGroup").inputs.vpcId, cfg["fargatekit-bring-your-own-vpc:vpcId"]);
            for (const group of ofType(res, "aws:ec2/securityGroup:SecurityGroup")) assert.equal(group.inputs.vpcId, cfg["fargatekit-bring-your-own-vpc:vpcId"], group.name);
            return { res, svc, cfg };
        };

        it("dev: no VPC created, the given subnets used, a new cluster and key", () => {
            const { res, svc } = expectIn("dev");
            assert.equal(svc.inputs.cluster, one(res, "aws:ecs/cluster:Cluster").outputs.arn);
            assert.equal(one(res, "aws:cloudwatch/logGroup:LogGroup").inputs.kmsKeyId, one(res, "aws:kms/key:Key").outputs.arn);
        });

        it("prod: no VPC, cluster or key created; the given cluster and key used", () => {
            const { res, svc, cfg } = expectIn("prod");
            for (const created of ["aws:ecs/cluster:Cluster", "aws:kms/key:Key"]) assert.equal(ofType(res, created).length, 0, created);
            assert.equal(svc.inputs.cluster, cfg["fargatekit-bring-your-own-vpc:clusterArn"]);
            assert.equal(one(res, "aws:cloudwatch/logGroup:LogGroup").inputs.kmsKeyId, cfg["fargatekit-bring-your-own-vpc:kmsKeyArn"]);
        });
    });
});
