import * as assert from "node:assert/strict";
import { runStack, one, ofType, json, named, rolePolicyDocument } from "../helpers/offline";
import { RecordedResource } from "../../tools/offline/types";
import { runOffline } from "../../tools/offline/engine";
import { FargateService, FargateServiceArgs } from "../../components/fargateService";
import { WebService, WebServiceArgs } from "../../components/webService";
import { Platform } from "../../components/platform";
import { deploymentConfiguration, deploymentStrategyProblems, testListenerPortProblem, STRATEGY_DEFAULTS } from "../../components/lib/ecs/deploymentStrategy";
import { trafficShiftPolicy } from "../../components/lib/iam/trafficShiftPolicies";

const T = {
    service: "aws:ecs/service:Service",
    tg: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    rule: "aws:lb/listenerRule:ListenerRule",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    sg: "aws:ec2/securityGroup:SecurityGroup",
};

const IMAGE = `public.ecr.aws/nginx/nginx-unprivileged@sha256:${"0123456789abcdef".repeat(4)}`;

/** The forward action over both target groups, weight 100/0, that ECS shifts. */
function weighted(primary: string, alternate: string) {
    return [
        {
            type: "forward",
            forward: {
                targetGroups: [
                    { arn: primary, weight: 100 },
                    { arn: alternate, weight: 0 },
                ],
            },
        },
    ];
}

describe("deployment strategies: the service configuration each produces", () => {
    it("rolling (the default) keeps today's service: no strategy block, one target group, no traffic-shift role", async () => {
        const res = (await runStack("dev")).resources;
        const svc = one(res, T.service);
        assert.equal(svc.inputs.deploymentConfiguration, undefined);
        assert.deepEqual(svc.inputs.loadBalancers, [{ targetGroupArn: one(res, T.tg).outputs.arn, containerName: "app", containerPort: 3000 }]);
        assert.deepEqual(svc.inputs.deploymentCircuitBreaker, { enable: true, rollback: true });
        assert.equal(ofType(res, T.rule).length, 0);
        assert.equal(
            res.some((r) => r.type === T.role && /traffic-shift/.test(r.name)),
            false,
        );
    });

    describe("blueGreen in prod with a test listener on 8443", () => {
        let res: RecordedResource[];
        before(async () => {
            res = (await runStack("prod", { deploymentStrategy: "blueGreen", testListenerPort: 8443 })).resources;
        });

        it("sets BLUE_GREEN with the default 5-minute bake, keeping the circuit breaker and the deployment alarms", () => {
            const svc = one(res, T.service);
            assert.deepEqual(svc.inputs.deploymentConfiguration, { strategy: "BLUE_GREEN", bakeTimeInMinutes: "5" });
            assert.deepEqual(svc.inputs.deploymentCircuitBreaker, { enable: true, rollback: true });
            assert.deepEqual(svc.inputs.alarms, { alarmNames: ["fargatekit-web-prod-target-5xx-rate", "fargatekit-web-prod-unhealthy-hosts"], enable: true, rollback: true });
        });

        it("names the real second target group, production rule, test rule and role in advancedConfiguration", () => {
            const svc = one(res, T.service);
            const primary = named(res, T.tg, "web-alb");
            assert.deepEqual(svc.inputs.loadBalancers, [
                {
                    targetGroupArn: primary.outputs.arn,
                    containerName: "app",
                    containerPort: 3000,
                    advancedConfiguration: {
                        alternateTargetGroupArn: named(res, T.tg, "web-tg-alt").outputs.arn,
                        productionListenerRule: named(res, T.rule, "web-production").outputs.arn,
                        testListenerRule: named(res, T.rule, "web-test").outputs.arn,
                        roleArn: named(res, T.role, "web-traffic-shift").outputs.arn,
                    },
                },
            ]);
        });

        it("gives the second target group exactly the first one's port, health check and drain", () => {
            const { tags: _a, ...primary } = named(res, T.tg, "web-alb").inputs;
            const { tags: _b, ...alternate } = named(res, T.tg, "web-tg-alt").inputs;
            assert.deepEqual(alternate, primary);
            assert.equal(ofType(res, T.tg).length, 2);
        });

        it("puts a catch-all production rule on the HTTPS listener, forwarding 100/0 to both target groups, its weights left to ECS", () => {
            const rule = named(res, T.rule, "web-production");
            const https = ofType(res, T.listener).find((l) => l.inputs.protocol === "HTTPS" && l.inputs.port === 443)!;
            assert.equal(rule.inputs.listenerArn, https.outputs.arn);
            assert.deepEqual(rule.inputs.conditions, [{ pathPattern: { values: ["/*"] } }]);
            assert.deepEqual(rule.inputs.actions, weighted(named(res, T.tg, "web-alb").outputs.arn, named(res, T.tg, "web-tg-alt").outputs.arn));
            assert.deepEqual(rule.ignoreChanges, ["actions"]);
        });

        it("opens an HTTPS test listener with the production certificate and TLS policy, reachable from the VPC CIDR only", () => {
            const test = named(res, T.listener, "web-test");
            const https = ofType(res, T.listener).find((l) => l.inputs.port === 443)!;
            assert.deepEqual(
                [test.inputs.port, test.inputs.protocol, test.inputs.certificateArn, test.inputs.sslPolicy],
                [8443, "HTTPS", https.inputs.certificateArn, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"],
            );
            assert.equal(test.inputs.defaultActions[0].type, "fixed-response");
            const rule = named(res, T.rule, "web-test");
            assert.equal(rule.inputs.listenerArn, test.outputs.arn);
            assert.deepEqual(rule.inputs.actions, weighted(named(res, T.tg, "web-alb").outputs.arn, named(res, T.tg, "web-tg-alt").outputs.arn));
            assert.deepEqual(rule.ignoreChanges, ["actions"]);
            const albSg = res.find((r) => r.type === T.sg && r.name === "web-alb-alb")!;
            const testIngress = ofType(res, T.ingress).filter((r) => r.inputs.fromPort === 8443);
            assert.equal(testIngress.length, 1);
            assert.deepEqual(
                [testIngress[0].inputs.cidrIpv4, testIngress[0].inputs.toPort, testIngress[0].inputs.cidrIpv6],
                ["10.0.0.0/16", 8443, undefined],
                "the VPC CIDR, never the world",
            );
            assert.ok(testIngress[0].propertyDependencies.securityGroupId.includes(albSg.urn));
        });

        it("lets ECS (trusted as AWS documents it) modify exactly those listeners and rules and register in exactly those target groups", () => {
            const role = named(res, T.role, "web-traffic-shift");
            assert.deepEqual(json(role.inputs.assumeRolePolicy).Statement, [
                { Sid: "AllowAccessToECSForInfrastructureManagement", Effect: "Allow", Principal: { Service: "ecs.amazonaws.com" }, Action: "sts:AssumeRole" },
            ]);
            const https = ofType(res, T.listener).find((l) => l.inputs.port === 443)!;
            assert.deepEqual(rolePolicyDocument(res, role), {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "ShiftListenerWeights",
                        Effect: "Allow",
                        Action: ["elasticloadbalancing:ModifyListener"],
                        Resource: [https.outputs.arn, named(res, T.listener, "web-test").outputs.arn],
                    },
                    {
                        Sid: "ShiftRuleWeights",
                        Effect: "Allow",
                        Action: ["elasticloadbalancing:ModifyRule"],
                        Resource: [named(res, T.rule, "web-production").outputs.arn, named(res, T.rule, "web-test").outputs.arn],
                    },
                    {
                        Sid: "RegisterTasks",
                        Effect: "Allow",
                        Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
                        Resource: [named(res, T.tg, "web-alb").outputs.arn, named(res, T.tg, "web-tg-alt").outputs.arn],
                    },
                    {
                        Sid: "ReadLoadBalancing",
                        Effect: "Allow",
                        Action: [
                            "elasticloadbalancing:DescribeListeners",
                            "elasticloadbalancing:DescribeRules",
                            "elasticloadbalancing:DescribeTargetGroups",
                            "elasticloadbalancing:DescribeTargetHealth",
                        ],
                        Resource: ["*"],
                    },
                ],
            });
        });

        it("hands the role to the service only once its policy is attached", () => {
            const svc = one(res, T.service);
            const policy = ofType(res, T.rolePolicy).find((p) => p.name === "web-traffic-shift")!;
            assert.ok(svc.propertyDependencies.loadBalancers.includes(policy.urn));
        });
    });

    it("canary: CANARY with the given share and canary bake, and the default bake", async () => {
        const res = (await runStack("dev", { deploymentStrategy: "canary", canaryPercent: 25, canaryBakeMinutes: 10 })).resources;
        assert.deepEqual(one(res, T.service).inputs.deploymentConfiguration, {
            strategy: "CANARY",
            bakeTimeInMinutes: "5",
            canaryConfiguration: { canaryPercent: 25, canaryBakeTimeInMinutes: "10" },
        });
        assert.equal(ofType(res, T.listener).length, 1, "no test listener unless testListenerPort is set");
        const svc = one(res, T.service);
        assert.equal(svc.inputs.loadBalancers[0].advancedConfiguration.testListenerRule, undefined);
        const role = named(res, T.role, "web-traffic-shift");
        const http = one(res, T.listener);
        assert.deepEqual(
            rolePolicyDocument(res, role)
                .Statement.slice(0, 2)
                .map((s: any) => s.Resource),
            [[http.outputs.arn], [named(res, T.rule, "web-production").outputs.arn]],
        );
    });

    it("linear: LINEAR with the default 20 % steps every 3 minutes and the given bake, and an HTTP test listener without a certificate", async () => {
        const res = (await runStack("dev", { deploymentStrategy: "linear", bakeTimeMinutes: 0, testListenerPort: 9000 })).resources;
        assert.deepEqual(one(res, T.service).inputs.deploymentConfiguration, {
            strategy: "LINEAR",
            bakeTimeInMinutes: "0",
            linearConfiguration: { stepPercent: 20, stepBakeTimeInMinutes: "3" },
        });
        const test = named(res, T.listener, "web-test");
        assert.deepEqual([test.inputs.port, test.inputs.protocol, test.inputs.certificateArn, test.inputs.sslPolicy], [9000, "HTTP", undefined, undefined]);
    });

    it("on a platform, the service's own listener rule becomes the production rule (the platform's listener is the one ECS modifies)", async () => {
        const { resources: res } = await runOffline(
            () => {
                const platform = new Platform("shared", {});
                new WebService("orders", {
                    image: { uri: IMAGE },
                    container: { port: 8080 },
                    platform: platform.handle,
                    routing: { pathPatterns: ["/orders/*"], listenerPriority: 100 },
                    deployment: { strategy: "blueGreen" },
                });
            },
            { stack: "test" },
        );
        const rule = named(res, T.rule, "orders-rule");
        const primary = named(res, T.tg, "orders-tg");
        const alternate = named(res, T.tg, "orders-tg-alt");
        assert.deepEqual(rule.inputs.actions, weighted(primary.outputs.arn, alternate.outputs.arn));
        assert.deepEqual(rule.inputs.conditions, [{ pathPattern: { values: ["/orders/*"] } }]);
        assert.deepEqual(rule.ignoreChanges, ["actions"]);
        const platformListener = ofType(res, T.listener).find((l) => l.outputs.arn === rule.inputs.listenerArn);
        assert.ok(platformListener && platformListener.name.startsWith("shared"));
        const svc = one(res, T.service);
        assert.equal(svc.inputs.loadBalancers[0].advancedConfiguration.productionListenerRule, rule.outputs.arn);
        const policy = rolePolicyDocument(res, named(res, T.role, "orders-traffic-shift"));
        assert.deepEqual(
            policy.Statement.slice(0, 3).map((s: any) => s.Resource),
            [[platformListener.outputs.arn], [rule.outputs.arn], [primary.outputs.arn, alternate.outputs.arn]],
        );
    });
});

describe("deployment strategies: refused combinations", () => {
    /** The smallest FargateService arguments, with strategy arguments over them. */
    const base: FargateServiceArgs = {
        clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/c",
        containers: [{ name: "app", image: IMAGE }],
        webContainerPort: 8080,
        executionRoleArn: "arn:aws:iam::123456789012:role/exec",
        taskRoleArn: "arn:aws:iam::123456789012:role/task",
        logGroupName: "/lg",
        vpcId: "vpc-0123456789abcdef0",
        vpcCidr: "10.0.0.0/16",
        subnetIds: ["subnet-0aaaaaaaaaaaaaaaa"],
        targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/a/1",
        listenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/l/1/2",
        loadBalancerSecurityGroupId: "sg-0123456789abcdef0",
    };
    const shifting = {
        alternateTargetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/b/2",
        productionListenerRuleArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/l/1/2/3",
        loadBalancerRoleArn: "arn:aws:iam::123456789012:role/shift",
    };
    const service = (args: Partial<FargateServiceArgs>) => runOffline(() => new FargateService("svc", { ...base, ...args }), { stack: "test" });

    it("FargateService: blue/green without a second target group is an Error naming what is missing", async () => {
        await assert.rejects(
            service({ deploymentStrategy: "blueGreen" }),
            /FargateService svc: invalid arguments \(1 problem\):\n  - deploymentStrategy = "blueGreen": shifts traffic between two target groups and needs alternateTargetGroupArn, productionListenerRuleArn, loadBalancerRoleArn$/,
        );
        await assert.rejects(
            service({ deploymentStrategy: "canary", ...shifting, alternateTargetGroupArn: undefined }),
            /deploymentStrategy = "canary": .* needs alternateTargetGroupArn$/,
        );
    });

    it("FargateService: traffic-shift arguments with rolling, and settings of another strategy, are Errors", async () => {
        await assert.rejects(
            service({ testListenerRuleArn: "arn:rule" }),
            /testListenerRuleArn = "arn:rule": applies only to blueGreen, canary and linear deployments \(deploymentStrategy is rolling\)/,
        );
        await assert.rejects(
            service({ deploymentStrategy: "blueGreen", ...shifting, canaryPercent: 10 }),
            /canaryPercent = 10: applies only with deploymentStrategy canary \(it is blueGreen\)/,
        );
        await assert.rejects(service({ deploymentStrategy: "linear", ...shifting, linearStepPercent: 2 }), /linearStepPercent = 2: must be a percentage from 3 to 100/);
    });

    it("FargateService: a complete linear configuration is accepted", async () => {
        const { resources } = await service({ deploymentStrategy: "linear", ...shifting, linearStepPercent: 50, linearStepBakeMinutes: 1 });
        const svc = one(resources, T.service);
        assert.deepEqual(svc.inputs.deploymentConfiguration.linearConfiguration, { stepPercent: 50, stepBakeTimeInMinutes: "1" });
        assert.deepEqual(svc.inputs.loadBalancers[0].advancedConfiguration, {
            alternateTargetGroupArn: shifting.alternateTargetGroupArn,
            productionListenerRule: shifting.productionListenerRuleArn,
            roleArn: shifting.loadBalancerRoleArn,
        });
    });

    it("WebService: a test listener with rolling, on a platform, or on 443 or the container port is an Error before anything is created", async () => {
        const web = (deployment: WebServiceArgs["deployment"]) =>
            runOffline(() => new WebService("web", { image: { uri: IMAGE }, container: { port: 8080 }, deployment }), { stack: "test" });
        await assert.rejects(
            web({ testListenerPort: 8443 }),
            /WebService web: invalid arguments \(1 problem\):\n  - deployment\.testListenerPort = 8443: a test listener only serves the new revision of blueGreen, canary or linear deployments/,
        );
        await assert.rejects(web({ strategy: "blueGreen", testListenerPort: 443 }), /deployment\.testListenerPort = 443: is a production listener port/);
        await assert.rejects(web({ strategy: "blueGreen", testListenerPort: 8080 }), /deployment\.testListenerPort = 8080: equals the container port \(8080\)/);
        await assert.rejects(
            runOffline(() => {
                const platform = new Platform("shared", {});
                new WebService("web", {
                    image: { uri: IMAGE },
                    platform: platform.handle,
                    routing: { pathPatterns: ["/*"] },
                    deployment: { strategy: "blueGreen", testListenerPort: 8443 },
                });
            }),
            /deployment\.testListenerPort = 8443: needs the service's own ALB/,
        );
    });
});

describe("deployment strategy functions", () => {
    it("accept each strategy's own settings at their limits", () => {
        // Each setting at its ECS limit, within the 300 minutes a whole deployment may take.
        assert.deepEqual(deploymentStrategyProblems({ strategy: "canary", bakeTimeMinutes: 300, canaryPercent: 0.1, canaryBakeMinutes: 0 }), []);
        assert.deepEqual(deploymentStrategyProblems({ strategy: "canary", bakeTimeMinutes: 0, canaryPercent: 100, canaryBakeMinutes: 300 }), []);
        assert.deepEqual(deploymentStrategyProblems({ strategy: "linear", bakeTimeMinutes: 0, linearStepPercent: 100, linearStepBakeMinutes: 300 }), []);
        assert.deepEqual(deploymentStrategyProblems({}), []);
    });

    it("refuse every bad setting at once, naming the setting and the value", () => {
        assert.deepEqual(
            deploymentStrategyProblems({ strategy: "rolling", bakeTimeMinutes: 1441, linearStepPercent: 2.9 }).map((p) => [p.field, p.value]),
            [
                ["bakeTimeMinutes", 1441],
                ["linearStepPercent", 2.9],
                ["bakeTimeMinutes", 1441],
                ["linearStepPercent", 2.9],
            ],
        );
        assert.deepEqual(deploymentStrategyProblems({ strategy: "redBlack" }), [
            { field: "deploymentStrategy", value: "redBlack", message: "must be one of rolling, blueGreen, canary, linear" },
        ]);
        assert.match(deploymentStrategyProblems({ strategy: "canary", canaryPercent: 0.05 })[0].message, /from 0\.1 to 100/);
        assert.match(deploymentStrategyProblems({ strategy: "canary", canaryBakeMinutes: 2.5 })[0].message, /whole number of minutes from 0 to 1440/);
    });

    it("build the block with string minutes and the documented defaults", () => {
        assert.equal(deploymentConfiguration({}), undefined);
        assert.equal(deploymentConfiguration({ strategy: "rolling" }), undefined);
        assert.deepEqual(deploymentConfiguration({ strategy: "canary" }), {
            strategy: "CANARY",
            bakeTimeInMinutes: String(STRATEGY_DEFAULTS.bakeTimeMinutes),
            canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: "5" },
        });
        assert.deepEqual(deploymentConfiguration({ strategy: "blueGreen", bakeTimeMinutes: 30 }), { strategy: "BLUE_GREEN", bakeTimeInMinutes: "30" });
        assert.throws(() => deploymentConfiguration({ strategy: "linear", canaryPercent: 5 }), /canaryPercent 5 applies only with deploymentStrategy canary/);
    });

    it("keep the test listener off the production ports and the container port", () => {
        assert.equal(testListenerPortProblem(undefined, 3000, "rolling"), undefined);
        assert.equal(testListenerPortProblem(8443, 3000, "canary"), undefined);
        assert.match(testListenerPortProblem(80, 3000, "canary")!, /production listener port/);
        assert.match(testListenerPortProblem(70000, 3000, "linear")!, /from 1 to 65535/);
        assert.match(testListenerPortProblem(8443, 3000, undefined)!, /only serves the new revision/);
    });

    it("the traffic-shift policy lists each ARN once", () => {
        const doc = trafficShiftPolicy({ listenerArns: ["l", "l"], listenerRuleArns: ["r1", "r2"], targetGroupArns: ["a", "b"] });
        assert.deepEqual(
            doc.Statement.map((s) => s.Resource),
            [["l"], ["r1", "r2"], ["a", "b"], ["*"]],
        );
    });
});
