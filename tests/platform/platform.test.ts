import * as assert from "node:assert/strict";
import { runOffline } from "../../tools/offline/engine";
import { RecordedResource } from "../../tools/offline/types";
import { one, ofType, json, named } from "../helpers/offline";
import { Platform, PlatformArgs, platformOutputs } from "../../components/platform";
import { WebService, WebServiceArgs } from "../../components/webService";
import { NOT_FOUND_ACTION } from "../../components/loadBalancer";

const T = {
    vpc: "awsx:ec2:Vpc",
    cluster: "aws:ecs/cluster:Cluster",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    listener: "aws:lb/listener:Listener",
    rule: "aws:lb/listenerRule:ListenerRule",
    tg: "aws:lb/targetGroup:TargetGroup",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    service: "aws:ecs/service:Service",
    target: "aws:appautoscaling/target:Target",
    policy: "aws:appautoscaling/policy:Policy",
    key: "aws:kms/key:Key",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
};

const IMAGE = `public.ecr.aws/nginx/nginx-unprivileged@sha256:${"0123456789abcdef".repeat(4)}`;

/** The parents of a resource, nearest first. */
function ancestors(res: RecordedResource[], r: RecordedResource): RecordedResource[] {
    const parent = res.find((x) => x.urn === r.parent);
    return parent ? [parent, ...ancestors(res, parent)] : [];
}

/** A platform with two services on it, under the offline engine. */
function twoServices(platformArgs: PlatformArgs = {}, orders: Partial<WebServiceArgs> = {}, web: Partial<WebServiceArgs> = {}) {
    return runOffline(
        () => {
            const platform = new Platform("shared", platformArgs);
            const a = new WebService("orders", {
                image: { uri: IMAGE },
                container: { port: 8080 },
                platform: platform.handle,
                routing: { pathPatterns: ["/orders/*"] },
                ...orders,
            });
            const b = new WebService("web", {
                image: { uri: IMAGE },
                container: { port: 3000 },
                platform: platform.handle,
                routing: { pathPatterns: ["/*"], listenerPriority: 50000 },
                ...web,
            });
            return {
                outputs: platformOutputs(platform.handle),
                ordersUrl: a.url,
                webUrl: b.url,
                ordersPriority: a.listenerPriority,
                subnets: a.taskSubnetIds,
                publicIp: a.assignPublicIp,
            };
        },
        { stack: "test" },
    );
}

describe("Platform with two services on it", () => {
    let res: RecordedResource[];
    let result: Awaited<ReturnType<typeof twoServices>>["result"];
    before(async () => {
        ({ resources: res, result } = await twoServices({}, { scaling: { requestsPerTarget: 500 } }));
    });

    it("creates one VPC, one cluster and one ALB, all inside the platform, none in the services", () => {
        const platform = one(res, "fargatekit:index:Platform");
        for (const type of [T.vpc, T.cluster, T.lb, T.listener]) {
            const chain = ancestors(res, one(res, type)).map((r) => r.type);
            assert.ok(chain.includes("fargatekit:index:Platform") && !chain.includes("fargatekit:index:WebService"), type);
        }
        assert.deepEqual(
            res.filter((r) => r.parent === platform.urn).map((r) => `${r.type.split(":").pop()} ${r.name}`),
            ["ServiceKey shared-key", "Network shared-network", "Cluster shared-cluster", "LoadBalancer shared-alb"],
        );
    });

    it("answers 404 on the shared HTTP listener until a rule matches, with no target group of its own", () => {
        const listener = one(res, T.listener);
        assert.deepEqual([listener.inputs.port, listener.inputs.protocol], [80, "HTTP"]);
        assert.deepEqual(listener.inputs.defaultActions, [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "Not found", statusCode: "404" } }]);
        assert.deepEqual(listener.inputs.defaultActions, [NOT_FOUND_ACTION]);
        assert.deepEqual(
            ofType(res, T.tg)
                .map((t) => t.name)
                .sort(),
            ["orders-tg", "web-tg"],
        );
    });

    it("gives each service its own listener rule with its conditions and a distinct priority, forwarding to its own target group", () => {
        const listener = one(res, T.listener);
        const rules = ofType(res, T.rule);
        assert.deepEqual(
            rules.map((r) => r.name),
            ["orders-rule", "web-rule"],
        );
        const [orders, web] = rules;
        assert.equal(orders.inputs.listenerArn, listener.outputs.arn);
        assert.equal(web.inputs.listenerArn, listener.outputs.arn);
        assert.deepEqual([orders.inputs.priority, web.inputs.priority], [7387, 50000]);
        assert.equal(result.ordersPriority, 7387);
        assert.deepEqual(orders.inputs.conditions, [{ pathPattern: { values: ["/orders/*"] } }]);
        assert.deepEqual(web.inputs.conditions, [{ pathPattern: { values: ["/*"] } }]);
        const tgOrders = named(res, T.tg, "orders-tg");
        const tgWeb = named(res, T.tg, "web-tg");
        assert.notEqual(tgOrders.outputs.arn, tgWeb.outputs.arn);
        assert.deepEqual(orders.inputs.actions, [{ type: "forward", targetGroupArn: tgOrders.outputs.arn }]);
        assert.deepEqual(web.inputs.actions, [{ type: "forward", targetGroupArn: tgWeb.outputs.arn }]);
        const vpcId = one(res, T.vpc).outputs.vpcId;
        assert.deepEqual(
            [tgOrders.inputs.targetType, tgOrders.inputs.port, tgOrders.inputs.vpcId, tgOrders.inputs.healthCheck.path, tgOrders.inputs.deregistrationDelay],
            ["ip", 8080, vpcId, "/health", 30],
        );
        assert.deepEqual([tgWeb.inputs.port, tgWeb.inputs.vpcId], [3000, vpcId]);
        assert.deepEqual(named(res, T.service, "orders-service").inputs.loadBalancers, [{ targetGroupArn: tgOrders.outputs.arn, containerName: "app", containerPort: 8080 }]);
    });

    it("gives each service its own security group whose only ingress is the platform ALB's security group on its port", () => {
        const albSg = named(res, T.sg, "shared-alb-alb");
        for (const [svc, port] of [
            ["orders", 8080],
            ["web", 3000],
        ] as const) {
            const service = named(res, T.service, `${svc}-service`);
            const taskSg = named(res, T.sg, `${svc}-service-tasks`);
            assert.ok(service.propertyDependencies.networkConfiguration.includes(taskSg.urn));
            const [taskSgId] = service.inputs.networkConfiguration.securityGroups;
            assert.equal(service.inputs.networkConfiguration.securityGroups.length, 1);
            const ingress = ofType(res, T.ingress).filter((r) => r.inputs.securityGroupId === taskSgId);
            assert.equal(ingress.length, 1, svc);
            assert.deepEqual(ingress[0].propertyDependencies.securityGroupId, [taskSg.urn]);
            assert.deepEqual([ingress[0].inputs.fromPort, ingress[0].inputs.toPort, ingress[0].inputs.ipProtocol, ingress[0].inputs.cidrIpv4], [port, port, "tcp", undefined]);
            assert.deepEqual(ingress[0].propertyDependencies.referencedSecurityGroupId, [albSg.urn]);
            const albEgress = ofType(res, T.egress).filter((r) => r.propertyDependencies.referencedSecurityGroupId?.includes(taskSg.urn));
            assert.equal(albEgress.length, 1);
            assert.deepEqual(albEgress[0].propertyDependencies.securityGroupId, [albSg.urn]);
        }
        assert.notEqual(named(res, T.sg, "orders-service-tasks").urn, named(res, T.sg, "web-service-tasks").urn);
    });

    it("runs the services in the platform's cluster and task subnets, scaling on the shared ALB's requests", () => {
        const cluster = one(res, T.cluster);
        const vpc = one(res, T.vpc);
        for (const svc of ["orders", "web"]) {
            const s = named(res, T.service, `${svc}-service`);
            assert.equal(s.inputs.cluster, cluster.outputs.arn);
            assert.deepEqual(s.inputs.networkConfiguration.subnets, vpc.outputs.publicSubnetIds);
            assert.equal(s.inputs.networkConfiguration.assignPublicIp, true);
            assert.equal(named(res, T.target, `${svc}-autoscaling`).inputs.resourceId, `service/fargatekit-shared-test/${svc}`);
        }
        const requests = ofType(res, T.policy).find((p) => p.name === "orders-autoscaling-requests")!;
        assert.equal(
            requests.inputs.targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.resourceLabel,
            `${one(res, T.lb).outputs.arnSuffix}/${named(res, T.tg, "orders-tg").outputs.arnSuffix}`,
        );
        assert.deepEqual(result.subnets, vpc.outputs.publicSubnetIds);
        assert.equal(result.publicIp, true);
    });

    it("keeps each service's key, log group and roles its own; the platform key encrypts the cluster's ephemeral storage", () => {
        assert.deepEqual(
            ofType(res, T.key).map((k) => k.name),
            ["shared-key", "orders-key", "web-key"],
        );
        assert.deepEqual(
            ofType(res, T.logGroup).map((l) => l.inputs.name),
            ["/fargatekit/test/orders", "/fargatekit/test/web"],
        );
        const platformKey = named(res, T.key, "shared-key");
        assert.equal(one(res, T.cluster).inputs.configuration.managedStorageConfiguration.fargateEphemeralStorageKmsKeyId, platformKey.outputs.arn);
        const fargate = json(platformKey.inputs.policy).Statement.find((s: any) => s.Sid === "FargateEncryptsEphemeralStorage");
        assert.deepEqual(fargate.Condition.StringEquals["kms:EncryptionContext:aws:ecs:clusterName"], ["fargatekit-shared-test"]);
        const serviceKeySids = json(named(res, T.key, "orders-key").inputs.policy).Statement.map((s: any) => s.Sid);
        assert.deepEqual(serviceKeySids, ["AccountAdministersKey", "CloudWatchLogsUsesKeyForTheseLogGroups"]);
    });

    it("exports every platform output, and each service's URL on the platform's host", () => {
        const lb = one(res, T.lb);
        assert.deepEqual(Object.keys(result.outputs), [
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
        assert.equal(result.outputs.listenerArn, one(res, T.listener).outputs.arn);
        assert.equal(result.outputs.loadBalancerArnSuffix, lb.outputs.arnSuffix);
        assert.equal(result.outputs.url, `http://${lb.outputs.dnsName}`);
        assert.equal(result.ordersUrl, `http://${lb.outputs.dnsName}/orders/`);
        assert.equal(result.webUrl, `http://${lb.outputs.dnsName}/`);
    });
});

describe("Platform variations", () => {
    it("terminates TLS on the shared listener (404 by default) and redirects HTTP to it", async () => {
        const { resources: res } = await twoServices({ loadBalancer: { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555" } });
        const https = ofType(res, T.listener).find((l) => l.inputs.protocol === "HTTPS")!;
        const http = ofType(res, T.listener).find((l) => l.inputs.protocol === "HTTP")!;
        assert.deepEqual([https.inputs.port, https.inputs.sslPolicy, https.inputs.defaultActions], [443, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", [NOT_FOUND_ACTION]]);
        assert.deepEqual(http.inputs.defaultActions, [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]);
        for (const r of ofType(res, T.rule)) assert.equal(r.inputs.listenerArn, https.outputs.arn);
    });

    it("runs tasks privately with NAT, and encrypts flow logs with the platform key", async () => {
        const { resources: res } = await twoServices({ network: { natStrategy: "perAz", azCount: 3, flowLogs: true }, logs: { retentionDays: 365 } });
        const vpc = one(res, T.vpc);
        assert.equal(vpc.inputs.natGateways.strategy, "OnePerAz");
        for (const s of ofType(res, T.service))
            assert.deepEqual([s.inputs.networkConfiguration.subnets, s.inputs.networkConfiguration.assignPublicIp], [vpc.outputs.privateSubnetIds, false]);
        const flow = ofType(res, T.logGroup).find((l) => l.inputs.name === "/fargatekit/test/shared/vpc-flow-logs")!;
        assert.deepEqual([flow.inputs.kmsKeyId, flow.inputs.retentionInDays], [named(res, T.key, "shared-key").outputs.arn, 365]);
        const logs = json(named(res, T.key, "shared-key").inputs.policy).Statement.find((s: any) => s.Sid === "CloudWatchLogsUsesKeyForTheseLogGroups");
        assert.deepEqual(logs.Condition.ArnEquals["kms:EncryptionContext:aws:logs:arn"], ["arn:aws:logs:us-east-1:123456789012:log-group:/fargatekit/test/shared/vpc-flow-logs"]);
    });

    it("uses a given key instead of creating one, and refuses contradictory key settings", async () => {
        const keyArn = "arn:aws:kms:us-east-1:123456789012:key/00000000-1111-2222-3333-444444444444";
        const { resources: res } = await runOffline(() => new Platform("shared", { kmsKeyArn: keyArn }), { stack: "test" });
        assert.equal(ofType(res, T.key).length, 0);
        assert.equal(one(res, T.cluster).inputs.configuration.managedStorageConfiguration.fargateEphemeralStorageKmsKeyId, keyArn);
        await assert.rejects(
            runOffline(() => new Platform("shared", { createKey: true, kmsKeyArn: keyArn })),
            /Platform shared: invalid arguments \(1 problem\):\n  - createKey = true: give either createKey or kmsKeyArn, not both/,
        );
        await assert.rejects(
            runOffline(() => new Platform("shared", { createKey: false })),
            /createKey = false: is false but no kmsKeyArn is given; the cluster's ephemeral storage and the flow logs need a key/,
        );
    });
});

describe("WebService on a platform: plan-time errors", () => {
    /** Run a platform and the given services; resolves to the error the program throws. */
    const services = (...list: [string, Partial<WebServiceArgs>][]) =>
        runOffline(() => {
            const platform = new Platform("shared", {});
            for (const [name, args] of list) new WebService(name, { image: { uri: IMAGE }, platform: platform.handle, ...args });
        });

    it("refuses two services with the same explicit priority", async () => {
        await assert.rejects(
            services(
                ["orders", { routing: { pathPatterns: ["/orders/*"], listenerPriority: 100 } }],
                ["payments", { routing: { pathPatterns: ["/payments/*"], listenerPriority: 100 } }],
            ),
            new Error(
                'WebService payments: listener priority 100 is already used by WebService orders on platform "shared" (set explicitly). Give payments another listenerPriority (1–50000), or leave it unset to allocate a free one.',
            ),
        );
    });

    it("refuses two services that match the same path, or the same host", async () => {
        await assert.rejects(
            services(["orders", { routing: { pathPatterns: ["/orders/*"] } }], ["legacy", { routing: { pathPatterns: ["/orders/*"], listenerPriority: 5 } }]),
            new Error(
                'WebService legacy: its listener rule matches the same requests as WebService orders on platform "shared" (any host, path /orders/*); only the rule with the lower priority would ever see them. Give legacy a different pathPatterns or hostHeaders entry.',
            ),
        );
        await assert.rejects(
            services(["api", { routing: { hostHeaders: ["api.example.com"] } }], ["api2", { routing: { hostHeaders: ["API.example.com"] } }]),
            /WebService api2: its listener rule matches the same requests as WebService api on platform "shared" \(host api\.example\.com, any path\)/,
        );
    });

    it("refuses a second service of the same name on the platform", async () => {
        await assert.rejects(
            services(["orders", { routing: { pathPatterns: ["/orders/*"] } }], ["orders", { routing: { pathPatterns: ["/v2/*"] } }]),
            /^Error: WebService orders: platform "shared" already has a service named "orders"\./,
        );
    });

    it("refuses a service without conditions, settings the platform owns, routing without a platform, and ECS Exec on a platform", async () => {
        await assert.rejects(
            services(["orders", {}]),
            new Error("WebService orders: a service on a platform needs at least one hostHeaders or pathPatterns entry (the shared listener answers 404 to everything else)."),
        );
        await assert.rejects(
            services([
                "orders",
                {
                    routing: { pathPatterns: ["/orders/*"] },
                    network: { natStrategy: "single" },
                    loadBalancer: { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x", waf: true },
                },
            ]),
            /WebService orders: invalid arguments \(2 problems\):\n  - network = \{"natStrategy":"single"\}: belongs to the platform when the service runs on one; set it on the Platform, or drop `platform` to give the service its own VPC, cluster and ALB\n  - loadBalancer = \{"certificateArn":"arn:aws:acm:us-east-1:123456789012:certificate\/x","waf":true\}: belongs to the platform/,
        );
        await assert.rejects(
            runOffline(() => new WebService("orders", { image: { uri: IMAGE }, routing: { pathPatterns: ["/orders/*"] } })),
            /routing = \{"pathPatterns":\["\/orders\/\*"\]\}: needs a shared `platform` \(a shared listener\); a service without one gets its own ALB that forwards everything to it/,
        );
        await assert.rejects(
            services(["orders", { routing: { pathPatterns: ["/orders/*"] }, task: { enableExecuteCommand: true } }]),
            /task\.enableExecuteCommand = true: is not available on a shared platform: ECS Exec session logging is configured on the cluster, which the platform owns/,
        );
    });

    it("runs on the shared platform's handle and has no load balancer or cluster of its own", async () => {
        let service: WebService | undefined;
        let platform: Platform | undefined;
        await runOffline(() => {
            platform = new Platform("shared", {});
            service = new WebService("orders", { image: { uri: IMAGE }, platform: platform.handle, routing: { pathPatterns: ["/orders/*"] } });
        });
        assert.equal(service!.platform, platform!.handle);
        assert.equal(service!.loadBalancer, undefined);
        assert.equal(service!.cluster, undefined);
    });
});
