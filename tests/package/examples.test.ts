import * as assert from "node:assert/strict";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { OfflineRun, runOffline } from "../../tools/offline/engine";
import { loadStackConfig } from "../../tools/offline/stackConfig";
import { loadPolicyProfile, runProgramFile, toPolicyInputs } from "../../tools/plan/plan";
import { evaluateInProcess } from "../../tools/analyzer/inProcess";
import { allPolicies } from "../../policy/policies";
import { buildPackage } from "./fixtures";
import { REPO_ROOT, one, ofType, named } from "../helpers/offline";

const EXAMPLES = ["platform", "service", "two-services"];
const dirOf = (example: string): string => path.join(REPO_ROOT, "examples", example);
const linkOf = (example: string): string => path.join(dirOf(example), "node_modules", "fargatekit");

/** Run an example's index.ts with a stack's config, as `pulumi up` would, under the offline engine. */
function runExample(example: string, stack: string, stackReferences?: Record<string, Record<string, unknown>>): Promise<OfflineRun<Record<string, any>>> {
    const dir = dirOf(example);
    const cfg = loadStackConfig(dir, stack);
    return runOffline(() => runProgramFile(path.join(dir, "index.ts")), { stack, project: cfg.project, config: cfg.values, stackReferences });
}


describe("examples: a platform project, a service project and two services in one program", function () {
    const created: string[] = [];

    before(() => {
        // The examples depend on "fargatekit": "file:../.."; npm would link the built package, so do the same.
        buildPackage();
        for (const example of EXAMPLES) {
            const modules = path.dirname(linkOf(example));
            if (!fs.existsSync(modules)) {
                fs.mkdirSync(modules);
                created.push(modules);
            }
            fs.rmSync(linkOf(example), { force: true, recursive: false });
            fs.symlinkSync(REPO_ROOT, linkOf(example));
        }
    });

    after(() => {
        for (const example of EXAMPLES) fs.rmSync(linkOf(example), { force: true });
        for (const modules of created) if (fs.readdirSync(modules).length === 0) fs.rmdirSync(modules);
    });

    it("each is a Pulumi project on the local package, with the root's pinned SDK and provider", () => {
        const root = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
        for (const example of EXAMPLES) {
            const pkg = JSON.parse(fs.readFileSync(path.join(dirOf(example), "package.json"), "utf8"));
            assert.deepEqual(pkg.dependencies, { "@pulumi/aws": root.dependencies["@pulumi/aws"].replace(/^\^/, ""), "@pulumi/pulumi": root.devDependencies["@pulumi/pulumi"], fargatekit: "file:../.." }, example);
            assert.equal(loadStackConfig(dirOf(example), "dev").project, `fargatekit-${example}`);
            assert.match(fs.readFileSync(path.join(dirOf(example), "index.ts"), "utf8"), /from "fargatekit";/);
        }
    });

    it("type-check against the built package (tsc -p examples/<x> --noEmit)", async () => {
        const tsc = path.join(REPO_ROOT, "node_modules", "typescript", "lib", "tsc.js");
        const results = await Promise.allSettled(EXAMPLES.map((example) => promisify(execFile)(process.execPath, [tsc, "-p", dirOf(example), "--noEmit"], { encoding: "utf8" })));
        results.forEach((r, i) => assert.equal(r.status, "fulfilled", `${EXAMPLES[i]}: ${r.status === "rejected" ? (r.reason as { stdout?: string }).stdout : ""}`));
    });

    describe("platform and service, two projects joined by a stack reference", () => {
        let platform: OfflineRun<Record<string, any>>;
        let service: OfflineRun<Record<string, any>>;
        before(async () => {
            platform = await runExample("platform", "dev");
            service = await runExample("service", "dev", { "acme/fargatekit-platform/dev": platform.result });
        });

        it("the platform exports every output a service reads, and answers 404 until services attach", () => {
            assert.deepEqual(Object.keys(platform.result), ["vpcId", "vpcCidr", "publicSubnetIds", "privateSubnetIds", "taskSubnetIds", "assignPublicIp", "clusterArn", "clusterName", "listenerArn", "loadBalancerSecurityGroupId", "loadBalancerArnSuffix", "dnsName", "url", "kmsKeyArn"]);
            assert.equal(platform.result.listenerArn, one(platform.resources, "aws:lb/listener:Listener").outputs.arn);
            assert.equal(one(platform.resources, "aws:lb/listener:Listener").inputs.defaultActions[0].fixedResponse.statusCode, "404");
            assert.equal(ofType(platform.resources, "aws:lb/targetGroup:TargetGroup").length, 0);
            assert.equal(ofType(platform.resources, "aws:ecs/service:Service").length, 0);
        });

        it("the service builds nothing shared and wires every piece to the referenced platform's outputs", () => {
            const out = platform.result;
            const res = service.resources;
            for (const shared of ["awsx:ec2:Vpc", "aws:ecs/cluster:Cluster", "aws:lb/loadBalancer:LoadBalancer", "aws:lb/listener:Listener"]) assert.equal(ofType(res, shared).length, 0, shared);
            const rule = one(res, "aws:lb/listenerRule:ListenerRule");
            assert.deepEqual([rule.inputs.listenerArn, rule.inputs.priority, rule.inputs.conditions], [out.listenerArn, 100, [{ pathPattern: { values: ["/orders/*"] } }]]);
            const svc = one(res, "aws:ecs/service:Service");
            assert.deepEqual([svc.inputs.cluster, svc.inputs.networkConfiguration.subnets, svc.inputs.networkConfiguration.assignPublicIp], [out.clusterArn, out.taskSubnetIds, out.assignPublicIp]);
            const tg = one(res, "aws:lb/targetGroup:TargetGroup");
            assert.equal(tg.inputs.vpcId, out.vpcId);
            assert.equal(one(res, "aws:ec2/securityGroup:SecurityGroup").inputs.vpcId, out.vpcId);
            const ingress = one(res, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
            assert.deepEqual([ingress.inputs.referencedSecurityGroupId, ingress.inputs.fromPort], [out.loadBalancerSecurityGroupId, 8080]);
            const egress = ofType(res, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
            assert.deepEqual(egress.filter((e) => e.inputs.fromPort === 53).map((e) => e.inputs.cidrIpv4), [out.vpcCidr, out.vpcCidr]);
            assert.equal(egress.filter((e) => e.inputs.securityGroupId === out.loadBalancerSecurityGroupId).length, 1, "the platform ALB may reach these tasks");
            assert.equal(one(res, "aws:appautoscaling/target:Target").inputs.resourceId, `service/${out.clusterName}/orders`);
            const requests = named(res, "aws:appautoscaling/policy:Policy", "orders-autoscaling-requests");
            assert.equal(requests.inputs.targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.resourceLabel, `${out.loadBalancerArnSuffix}/${tg.outputs.arnSuffix}`);
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
    });

    describe("two services behind one ALB", () => {
        it("dev: two rules in priority order, two target groups, one ALB", async () => {
            const { resources: res, result } = await runExample("two-services", "dev");
            assert.equal(ofType(res, "aws:lb/loadBalancer:LoadBalancer").length, 1);
            assert.deepEqual(ofType(res, "aws:lb/listenerRule:ListenerRule").map((r) => [r.name, r.inputs.priority, r.inputs.conditions[0].pathPattern.values]), [
                ["api-rule", 100, ["/api/*"]],
                ["web-rule", 50000, ["/*"]],
            ]);
            assert.deepEqual(ofType(res, "aws:lb/targetGroup:TargetGroup").map((t) => t.name), ["api-tg", "web-tg"]);
            assert.deepEqual([result.apiUrl, result.webUrl], [`${result.url}/api/`, `${result.url}/`]);
        });

        it("prod: no mandatory violation with the prod policy profile", async () => {
            const { resources } = await runExample("two-services", "prod");
            assert.equal(ofType(resources, "aws:lb/listener:Listener").find((l) => l.inputs.protocol === "HTTPS")!.inputs.defaultActions[0].type, "fixed-response");
            const violations = await evaluateInProcess(allPolicies, toPolicyInputs(resources), loadPolicyProfile(REPO_ROOT, "prod"));
            assert.deepEqual(violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy} on ${v.resource}`), []);
            assert.ok(resources.length >= 70, String(resources.length));
        });
    });
});
