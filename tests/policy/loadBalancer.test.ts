import { strict as assert } from "node:assert";
import { DEFAULT_ALLOWED_SSL_POLICIES, httpListenerProblem, loadBalancerPolicies, matchesNamePattern, sslPolicyProblem, subnetCount } from "../../policy/loadBalancer";
import { evaluateInProcess } from "../../tools/analyzer/inProcess";
import { ResourceInput, UNKNOWN, Violation } from "../../tools/analyzer/types";
import { assertPolicyMetadata, policyExpectations } from "./expect";

const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const TG = "aws:lb/targetGroup:TargetGroup";
const WAF = "aws:wafv2/webAclAssociation:WebAclAssociation";
const SVC = "aws:ecs/service:Service";

const ACCOUNT = "123456789012";
const ALB_ARN = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const TG_ARN = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/web/73e2d6bc24d8a067`;
const CERT_ARN = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/12345678-1234-1234-1234-123456789012`;

/** The public ALB of our production stack, with `overrides` applied. */
function alb(name: string, overrides: Record<string, any> = {}, type = LB): ResourceInput {
    return {
        type,
        name,
        props: {
            name,
            arn: ALB_ARN,
            loadBalancerType: "application",
            internal: false,
            subnets: ["subnet-pub-a", "subnet-pub-b"],
            securityGroups: ["sg-alb"],
            dropInvalidHeaderFields: true,
            enableDeletionProtection: true,
            accessLogs: { bucket: "fargatekit-alb-logs", prefix: "web", enabled: true },
            tags: { "fargatekit:exposure": "internet-facing" },
            ...overrides,
        },
    };
}

function nlb(name: string, overrides: Record<string, any> = {}): ResourceInput {
    return alb(name, { loadBalancerType: "network", securityGroups: [], dropInvalidHeaderFields: undefined, enableCrossZoneLoadBalancing: true, ...overrides });
}

function waf(name: string, lbName: string | undefined, resourceArn: unknown = ALB_ARN): ResourceInput {
    return { type: WAF, name, props: { resourceArn, webAclArn: "arn:aws:wafv2:us-east-1:1:regional/webacl/w/1" }, propertyDependencies: lbName ? { resourceArn: [lbName] } : {} };
}

function listener(name: string, props: Record<string, any>, lbName = "web-alb", type = LISTENER): ResourceInput {
    return { type, name, props: { loadBalancerArn: ALB_ARN, ...props }, propertyDependencies: { loadBalancerArn: [lbName] } };
}

const httpsListener = (name = "https", overrides: Record<string, any> = {}, type = LISTENER) =>
    listener(
        name,
        {
            protocol: "HTTPS",
            port: 443,
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
            certificateArn: CERT_ARN,
            defaultActions: [{ type: "forward", targetGroupArn: TG_ARN }],
            ...overrides,
        },
        "web-alb",
        type,
    );

const redirect = (r: Record<string, any>) => [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301", ...r } }];

const httpListener = (name = "http", overrides: Record<string, any> = {}, type = LISTENER) =>
    listener(name, { protocol: "HTTP", port: 80, defaultActions: redirect({}), ...overrides }, "web-alb", type);

function targetGroup(name: string, overrides: Record<string, any> = {}, type = TG): ResourceInput {
    return {
        type,
        name,
        props: {
            name,
            arn: TG_ARN,
            targetType: "ip",
            protocol: "HTTP",
            port: 8080,
            vpcId: "vpc-1",
            deregistrationDelay: 30,
            healthCheck: { enabled: true, path: "/healthz", matcher: "200-399", interval: 15 },
            ...overrides,
        },
    };
}

function service(name: string, overrides: Record<string, any> = {}, deps: Record<string, string[]> = { loadBalancers: ["web-tg"] }): ResourceInput {
    return {
        type: SVC,
        name,
        props: {
            name,
            networkConfiguration: { subnets: ["subnet-a"], securityGroups: ["sg-svc"], assignPublicIp: false },
            loadBalancers: [{ targetGroupArn: TG_ARN, containerName: "web", containerPort: 8080 }],
            ...overrides,
        },
        propertyDependencies: deps,
    };
}

function goodStack(): ResourceInput[] {
    return [alb("web-alb"), waf("web-waf", "web-alb"), httpsListener(), httpListener(), targetGroup("web-tg"), service("web")];
}

/** A stack that breaks every load balancer rule at least once, built on the given type tokens. */
function brokenStack(prefix: "aws:lb" | "aws:alb"): ResourceInput[] {
    const t = (token: string) => token.replace(/^aws:lb\//, `${prefix}/`);
    return [
        alb(
            "bad-alb",
            {
                subnets: ["subnet-a"],
                securityGroups: [],
                dropInvalidHeaderFields: false,
                enableDeletionProtection: false,
                desyncMitigationMode: "monitor",
                accessLogs: undefined,
                tags: {},
            },
            t(LB),
        ),
        nlb("bad-nlb", { enableCrossZoneLoadBalancing: false }),
        listener("bad-http", { protocol: "HTTP", port: 80, defaultActions: [{ type: "forward", targetGroupArn: TG_ARN }] }, "bad-alb", t(LISTENER)),
        listener("bad-https", { protocol: "HTTPS", port: 443, defaultActions: [] }, "bad-alb", t(LISTENER)),
        targetGroup("bad-tg", { targetType: undefined, healthCheck: undefined }, t(TG)),
        service("web", {}, { loadBalancers: ["bad-tg"] }),
    ].map((r) => (r.name === "bad-nlb" ? { ...r, type: t(LB) } : r));
}

const { policy, expectViolations } = policyExpectations(loadBalancerPolicies);

describe("policy/loadBalancer", () => {
    describe("metadata and tokens", () => {
        it("every policy has a unique kebab-case name, description, level, severity, remediation and rule tags", () => {
            assertPolicyMetadata(loadBalancerPolicies, "lb", /^rule:(L|LS|TG)\d$/);
            const rules = loadBalancerPolicies.map((p) => p.tags?.find((t) => t.startsWith("rule:")));
            assert.deepEqual(
                rules,
                ["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9", "LS1", "LS2", "LS3", "TG1", "TG2", "TG3"].map((r) => `rule:${r}`),
            );
        });

        it("our production load balancer stack passes every policy", async () => {
            assert.deepEqual(await evaluateInProcess(loadBalancerPolicies, goodStack()), []);
        });

        it("every policy fires on aws:lb/* tokens and identically on aws:alb/* tokens", async () => {
            const summary = (vs: Violation[]) => vs.map((v) => `${v.policy}:${v.resource}`).sort();
            const lbTokens = summary(await evaluateInProcess(loadBalancerPolicies, brokenStack("aws:lb")));
            const albTokens = summary(await evaluateInProcess(loadBalancerPolicies, brokenStack("aws:alb")));
            assert.deepEqual(albTokens, lbTokens);
            const fired = new Set(lbTokens.map((s) => s.split(":")[0]));
            assert.deepEqual([...fired].sort(), loadBalancerPolicies.map((p) => p.name).sort());
        });
    });

    describe("load balancer", () => {
        it("L1 lb-access-logs fails missing, disabled, or bucket-less access logs", async () => {
            const vs = await expectViolations(
                "lb-access-logs",
                [alb("none", { accessLogs: undefined }), alb("off", { accessLogs: { bucket: "b", enabled: false } }), alb("nobucket", { accessLogs: { enabled: true } })],
                ["none", "off", "nobucket"],
            );
            assert.match(vs[0].message, /not configured/);
            assert.match(vs[1].message, /enabled is not true/);
            assert.match(vs[2].message, /bucket is empty/);
            await expectViolations("lb-access-logs", [alb("ok"), alb("gwlb", { loadBalancerType: "gateway", accessLogs: undefined })], []);
        });

        it("L2 lb-drop-invalid-headers applies to ALBs (explicit or default type) only", async () => {
            await expectViolations(
                "lb-drop-invalid-headers",
                [alb("off", { dropInvalidHeaderFields: false }), alb("default-type", { loadBalancerType: undefined, dropInvalidHeaderFields: undefined })],
                ["off", "default-type"],
            );
            await expectViolations("lb-drop-invalid-headers", [nlb("nlb")], []);
        });

        it("L3 lb-deletion-protection fails unless enabled", async () => {
            await expectViolations(
                "lb-deletion-protection",
                [alb("off", { enableDeletionProtection: false }), alb("unset", { enableDeletionProtection: undefined })],
                ["off", "unset"],
            );
        });

        it("L4 lb-desync-mitigation fails monitor only", async () => {
            await expectViolations("lb-desync-mitigation", [alb("monitor", { desyncMitigationMode: "monitor" })], ["monitor"], /"monitor"/);
            await expectViolations("lb-desync-mitigation", [alb("strictest", { desyncMitigationMode: "strictest" }), alb("default")], []);
        });

        it("L5 lb-waf-on-public-alb needs a WAF association on internet-facing ALBs", async () => {
            await expectViolations("lb-waf-on-public-alb", [alb("web-alb")], ["web-alb"], /no WAF/);
            await expectViolations("lb-waf-on-public-alb", [alb("web-alb"), waf("w", "web-alb")], []);
            // Linked by the ALB's ARN alone.
            await expectViolations("lb-waf-on-public-alb", [alb("web-alb"), waf("w", undefined)], []);
            await expectViolations("lb-waf-on-public-alb", [alb("internal", { internal: true }), nlb("nlb")], []);
        });

        it("L5 is silent when an association's resourceArn is unknown and has no dependency", async () => {
            await expectViolations("lb-waf-on-public-alb", [alb("web-alb"), waf("w", undefined, UNKNOWN)], []);
        });

        it("L6 lb-internet-facing-intended accepts the declared-intent tag or an allow-listed name", async () => {
            const vs = await expectViolations("lb-internet-facing-intended", [alb("undeclared", { tags: {} })], ["undeclared"], /without a "fargatekit:exposure"/);
            assert.equal(vs[0].level, "advisory");
            await expectViolations("lb-internet-facing-intended", [alb("contradicts", { tags: { "fargatekit:exposure": "internal" } })], ["contradicts"], /tag says "internal"/);
            await expectViolations("lb-internet-facing-intended", [alb("declared"), alb("private", { internal: true, tags: {} })], []);
            const config = { "lb-internet-facing-intended": { allowedInternetFacingNames: ["public-*"] } };
            await expectViolations("lb-internet-facing-intended", [alb("public-web", { tags: {} }), alb("admin", { tags: {} })], ["admin"], undefined, config);
        });

        it("L7 lb-multi-az-subnets needs two distinct subnets or mappings", async () => {
            await expectViolations("lb-multi-az-subnets", [alb("one", { subnets: ["subnet-a", "subnet-a"] }), alb("none", { subnets: undefined })], ["one", "none"], /at least 2/);
            await expectViolations("lb-multi-az-subnets", [alb("mapped", { subnets: undefined, subnetMappings: [{ subnetId: "a" }, { subnetId: "b" }] })], []);
        });

        it("L8 lb-security-groups fails an ALB without security groups but not an NLB", async () => {
            await expectViolations("lb-security-groups", [alb("nosg", { securityGroups: [] }), alb("unset", { securityGroups: undefined }), nlb("nlb")], ["nosg", "unset"]);
        });

        it("L9 lb-cross-zone-nlb applies to network and gateway load balancers only", async () => {
            const vs = await expectViolations(
                "lb-cross-zone-nlb",
                [
                    nlb("nlb-off", { enableCrossZoneLoadBalancing: false }),
                    nlb("gwlb", { loadBalancerType: "gateway", enableCrossZoneLoadBalancing: undefined }),
                    alb("alb", { enableCrossZoneLoadBalancing: false }),
                ],
                ["nlb-off", "gwlb"],
            );
            assert.equal(vs[0].level, "advisory");
            await expectViolations("lb-cross-zone-nlb", [nlb("nlb-on")], []);
        });
    });

    describe("listener", () => {
        it("LS1 lb-listener-https-only passes HTTPS, TLS and a single 301 redirect to HTTPS:443", async () => {
            const ok = [httpsListener(), httpListener(), listener("tls", { protocol: "TLS", port: 443 }), listener("tcp", { protocol: "TCP", port: 5432 })];
            await expectViolations("lb-listener-https-only", [alb("web-alb"), ...ok], []);
        });

        it("LS1 fails plaintext HTTP, redirects to HTTP, wrong ports, 302s and extra actions", async () => {
            const bad = [
                httpListener("forward", { defaultActions: [{ type: "forward", targetGroupArn: TG_ARN }] }),
                httpListener("to-http", { defaultActions: redirect({ protocol: "HTTP" }) }),
                httpListener("no-port", { defaultActions: redirect({ port: undefined }) }),
                httpListener("temporary", { defaultActions: redirect({ statusCode: "HTTP_302" }) }),
                httpListener("two", { defaultActions: [...redirect({}), { type: "forward", targetGroupArn: TG_ARN }] }),
                httpListener("implicit", { protocol: undefined, defaultActions: [{ type: "fixed-response" }] }),
            ];
            const vs = await expectViolations("lb-listener-https-only", [alb("web-alb"), ...bad], ["forward", "to-http", "no-port", "temporary", "two", "implicit"]);
            assert.match(vs[0].message, /"forward" instead of a redirect/);
            assert.match(vs[1].message, /redirect.protocol is "HTTP"/);
            assert.match(vs[2].message, /redirect.port is unset/);
            assert.match(vs[3].message, /"HTTP_302", not "HTTP_301"/);
            assert.match(vs[4].message, /2 default actions/);
        });

        it("LS1 redirectPorts config allows another HTTPS port; gateway listeners without protocol are N/A", async () => {
            const to8443 = httpListener("to-8443", { defaultActions: redirect({ port: "8443" }) });
            await expectViolations("lb-listener-https-only", [alb("web-alb"), to8443], ["to-8443"]);
            await expectViolations("lb-listener-https-only", [alb("web-alb"), to8443], [], undefined, { "lb-listener-https-only": { redirectPorts: ["443", "8443"] } });
            const gwlb = nlb("gw", { loadBalancerType: "gateway" });
            await expectViolations("lb-listener-https-only", [gwlb, listener("geneve", { defaultActions: [{ type: "forward" }] }, "gw")], []);
        });

        it("LS2 lb-listener-tls-policy fails a missing or outdated policy; the allow-list is configurable", async () => {
            const vs = await expectViolations(
                "lb-listener-tls-policy",
                [
                    httpsListener("default", { sslPolicy: undefined }),
                    httpsListener("old", { sslPolicy: "ELBSecurityPolicy-2016-08" }),
                    httpsListener("ext", { sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06" }),
                ],
                ["default", "old", "ext"],
            );
            assert.match(vs[0].message, /ELBSecurityPolicy-2016-08/);
            assert.match(vs[1].message, /"ELBSecurityPolicy-2016-08" is not in the allowed list/);
            await expectViolations(
                "lb-listener-tls-policy",
                [httpsListener(), httpsListener("pq", { sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09" }), httpListener()],
                [],
            );
            const strict = { "lb-listener-tls-policy": { allowedSslPolicies: ["ELBSecurityPolicy-TLS13-1-3-2021-06"] } };
            await expectViolations("lb-listener-tls-policy", [httpsListener("tls12")], ["tls12"], undefined, strict);
        });

        it("LS2 refuses the policies whose AWS cipher table offers CBC or non-forward-secret suites, saying which", async () => {
            const vs = await expectViolations(
                "lb-listener-tls-policy",
                [
                    httpsListener("tls12-2017", { sslPolicy: "ELBSecurityPolicy-TLS-1-2-2017-01" }),
                    httpsListener("tls12-ext", { sslPolicy: "ELBSecurityPolicy-TLS-1-2-Ext-2018-06" }),
                    httpsListener("tls13-cbc", { sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }),
                    httpsListener("fs-res-2019", { sslPolicy: "ELBSecurityPolicy-FS-1-2-Res-2019-08" }),
                    httpsListener("typo", { sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-2021-6" }),
                ],
                ["tls12-2017", "tls12-ext", "tls13-cbc", "fs-res-2019", "typo"],
            );
            assert.match(vs[0].message, /without forward secrecy \(AES128-GCM-SHA256/);
            assert.match(vs[0].message, /CBC suites/);
            assert.match(vs[2].message, /CBC suites \(ECDHE-ECDSA-AES128-SHA256/);
            assert.doesNotMatch(vs[2].message, /forward secrecy/);
            assert.match(vs[4].message, /not an ELB security policy \(closest: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"\)/);
            await expectViolations(
                "lb-listener-tls-policy",
                ["ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-FS-1-2-Res-2020-10", "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04"].map((p, i) =>
                    httpsListener(`ok${i}`, { sslPolicy: p }),
                ),
                [],
            );
        });

        it("LS3 lb-listener-certificate needs an ACM certificate on HTTPS and TLS listeners", async () => {
            await expectViolations(
                "lb-listener-certificate",
                [httpsListener("nocert", { certificateArn: undefined }), listener("tls", { protocol: "TLS", port: 443 })],
                ["nocert", "tls"],
                /certificateArn is not set/,
            );
            await expectViolations(
                "lb-listener-certificate",
                [httpsListener("iam", { certificateArn: `arn:aws:iam::${ACCOUNT}:server-certificate/web` })],
                ["iam"],
                /not an ACM certificate/,
            );
            await expectViolations("lb-listener-certificate", [httpsListener(), httpListener()], []);
        });
    });

    describe("target group", () => {
        it("TG1 lb-target-group-health-check needs a path on HTTP(S) target groups", async () => {
            await expectViolations(
                "lb-target-group-health-check",
                [targetGroup("nocheck", { healthCheck: undefined }), targetGroup("disabled", { healthCheck: { enabled: false, path: "/" } })],
                ["nocheck", "disabled"],
            );
            await expectViolations(
                "lb-target-group-health-check",
                [targetGroup("tcp", { protocol: "TCP", healthCheck: undefined }), targetGroup("lambda", { targetType: "lambda", protocol: undefined })],
                [],
            );
        });

        it("TG2 lb-target-group-encrypted accepts HTTP to ip targets by default and not when configured off", async () => {
            const vs = await expectViolations(
                "lb-target-group-encrypted",
                [targetGroup("ip"), targetGroup("instance", { targetType: undefined })],
                ["instance"],
                /targetType instance/,
            );
            assert.equal(vs[0].level, "advisory");
            const strict = { "lb-target-group-encrypted": { allowPlaintextIpTargets: false } };
            await expectViolations("lb-target-group-encrypted", [targetGroup("ip"), targetGroup("tls", { protocol: "HTTPS" })], ["ip"], /"HTTP"/, strict);
        });

        it("TG3 lb-target-group-ip-for-awsvpc fails non-ip target groups used by awsvpc services", async () => {
            await expectViolations(
                "lb-target-group-ip-for-awsvpc",
                [targetGroup("web-tg", { targetType: "instance" }), service("web"), service("api")],
                ["web-tg"],
                /"instance".*web, api/,
            );
            // Linked by ARN alone; unset targetType means instance.
            await expectViolations("lb-target-group-ip-for-awsvpc", [targetGroup("by-arn", { targetType: undefined }), service("web", {}, {})], ["by-arn"], /unset \(instance\)/);
            const bridge = service("bridge", { networkConfiguration: undefined });
            await expectViolations("lb-target-group-ip-for-awsvpc", [targetGroup("web-tg", { targetType: "instance" }), bridge], []);
            await expectViolations("lb-target-group-ip-for-awsvpc", [targetGroup("web-tg"), service("web")], []);
        });
    });

    describe("unknown values", () => {
        const cases: [string, () => ResourceInput[], string][] = [
            ["lb-access-logs", () => [alb("x", { accessLogs: undefined })], "accessLogs"],
            ["lb-drop-invalid-headers", () => [alb("x", { dropInvalidHeaderFields: false })], "dropInvalidHeaderFields"],
            ["lb-drop-invalid-headers", () => [alb("x", { dropInvalidHeaderFields: false })], "loadBalancerType"],
            ["lb-deletion-protection", () => [alb("x", { enableDeletionProtection: false })], "enableDeletionProtection"],
            ["lb-desync-mitigation", () => [alb("x", { desyncMitigationMode: "monitor" })], "desyncMitigationMode"],
            ["lb-waf-on-public-alb", () => [alb("x")], "internal"],
            ["lb-internet-facing-intended", () => [alb("x", { tags: {} })], "internal"],
            ["lb-multi-az-subnets", () => [alb("x", { subnets: ["a"] })], "subnets"],
            ["lb-security-groups", () => [alb("x", { securityGroups: [] })], "securityGroups"],
            ["lb-cross-zone-nlb", () => [nlb("x", { enableCrossZoneLoadBalancing: false })], "enableCrossZoneLoadBalancing"],
            ["lb-listener-https-only", () => [alb("web-alb"), httpListener("x", { defaultActions: [] })], "defaultActions"],
            ["lb-listener-https-only", () => [alb("web-alb"), httpListener("x", { defaultActions: [] })], "protocol"],
            ["lb-listener-tls-policy", () => [httpsListener("x", { sslPolicy: undefined })], "protocol"],
            ["lb-listener-tls-policy", () => [httpsListener("x", { sslPolicy: "old" })], "sslPolicy"],
            ["lb-listener-certificate", () => [httpsListener("x", { certificateArn: undefined })], "protocol"],
            ["lb-target-group-health-check", () => [targetGroup("x", { healthCheck: undefined })], "healthCheck"],
            ["lb-target-group-encrypted", () => [targetGroup("x", { targetType: "instance" })], "targetType"],
            ["lb-target-group-ip-for-awsvpc", () => [targetGroup("web-tg", { targetType: "instance" }), service("x")], "loadBalancers"],
        ];
        for (const [name, make, prop] of cases) {
            it(`${name}: violating when known, silent when ${prop} is unknown`, async () => {
                assert.ok((await evaluateInProcess([policy(name)], make())).length > 0, "the known case must violate");
                const resources = make();
                resources[resources.length - 1].props[prop] = UNKNOWN;
                assert.deepEqual(await evaluateInProcess([policy(name)], resources), []);
            });
        }

        it("TG3 is silent when the target group's targetType is unknown", async () => {
            await expectViolations("lb-target-group-ip-for-awsvpc", [targetGroup("web-tg", { targetType: UNKNOWN }), service("web")], []);
        });
    });

    it("malformed prop shapes never crash any load balancer policy", async () => {
        const resources: ResourceInput[] = [
            alb("weird-alb", { loadBalancerType: 5, accessLogs: "x", subnets: "subnet-a", securityGroups: {}, tags: ["t"] }),
            listener("weird-listener", { protocol: 80, defaultActions: "redirect", sslPolicy: 3 }, "weird-alb"),
            listener("weird-redirect", { protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: "https" }] }, "weird-alb"),
            targetGroup("weird-tg", { protocol: 1, healthCheck: "h", targetType: 2 }),
            service("weird-service", { loadBalancers: "l", networkConfiguration: "n" }),
        ];
        const vs = await evaluateInProcess(loadBalancerPolicies, resources);
        assert.ok(vs.some((v) => v.policy === "lb-listener-https-only" && v.resource === "weird-redirect"));
    });

    describe("helpers", () => {
        it("matchesNamePattern is an anchored glob", () => {
            assert.equal(matchesNamePattern("public-web", "public-*"), true);
            assert.equal(matchesNamePattern("my-public-web", "public-*"), false);
            assert.equal(matchesNamePattern("web.1", "web.?"), true);
            assert.equal(matchesNamePattern("webx1", "web.?"), false);
        });

        it("subnetCount counts distinct subnets across subnets and subnetMappings", () => {
            assert.equal(subnetCount({ subnets: ["a", "b"], subnetMappings: [{ subnetId: "b" }, { allocationId: "eip" }] }), 3);
            assert.equal(subnetCount({}), 0);
        });

        it("httpListenerProblem and sslPolicyProblem", () => {
            assert.equal(httpListenerProblem(redirect({ port: 443 }), ["443"]), undefined);
            assert.equal(httpListenerProblem([], ["443"]), "it has 0 default actions instead of a single redirect to HTTPS");
            assert.equal(sslPolicyProblem("ELBSecurityPolicy-FS-1-2-Res-2020-10", DEFAULT_ALLOWED_SSL_POLICIES), undefined);
            assert.ok(!DEFAULT_ALLOWED_SSL_POLICIES.some((p) => /Ext[12]|TLS13-1-[01]-|2016-08|TLS-1-1/.test(p)));
        });
    });
});
