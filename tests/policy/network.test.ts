import assert from "node:assert/strict";
import { networkPolicies } from "../../policy/network";
import {
    coversPort,
    hasNoSource,
    isAllTraffic,
    isWorldRule,
    normaliseInlineRule,
    normaliseVpcRule,
    portRange,
    rulesOf,
    tcpPortsWithin,
    trafficUnknown,
} from "../../policy/lib/securityGroupRules";
import { evaluateInProcess } from "../../tools/analyzer/inProcess";
import { PolicyConfigFile, ResourceInput, UNKNOWN, Violation } from "../../tools/analyzer/types";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const CONTAINER_PORT = 8080;

/** A standalone rule on `group` (by dependency, as our program's rules are), with `extra` props and dependencies. */
function rule(type: string, name: string, group: string, props: Record<string, unknown>, deps: Record<string, string[]> = {}): ResourceInput {
    return { type, name, props: { securityGroupId: UNKNOWN, description: `${name} rule`, ...props }, propertyDependencies: { securityGroupId: [group], ...deps } };
}

/** A stack shaped like our program's network: VPC with flow log, private subnets, ALB and service groups with standalone rules, endpoints. */
function programStack(): ResourceInput[] {
    return [
        { type: "aws:ec2/vpc:Vpc", name: "vpc", props: { cidrBlock: "10.0.0.0/16" } },
        { type: "aws:ec2/flowLog:FlowLog", name: "flow", props: { vpcId: UNKNOWN, trafficType: "ALL" }, propertyDependencies: { vpcId: ["vpc"] } },
        { type: "aws:ec2/subnet:Subnet", name: "private-a", props: { cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch: false } },
        { type: "aws:ec2/subnet:Subnet", name: "private-b", props: { cidrBlock: "10.0.2.0/24" } },
        { type: SG, name: "alb-sg", props: { description: "Public ALB: HTTPS from the internet", vpcId: UNKNOWN } },
        { type: SG, name: "svc-sg", props: { description: "Web tasks: only from the ALB", vpcId: UNKNOWN } },
        rule(INGRESS, "alb-in-443", "alb-sg", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
        rule(INGRESS, "alb-in-80", "alb-sg", { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" }),
        rule(
            EGRESS,
            "alb-out",
            "alb-sg",
            { ipProtocol: "tcp", fromPort: CONTAINER_PORT, toPort: CONTAINER_PORT, referencedSecurityGroupId: UNKNOWN },
            { referencedSecurityGroupId: ["svc-sg"] },
        ),
        rule(
            INGRESS,
            "svc-in",
            "svc-sg",
            { ipProtocol: "tcp", fromPort: CONTAINER_PORT, toPort: CONTAINER_PORT, referencedSecurityGroupId: UNKNOWN },
            { referencedSecurityGroupId: ["alb-sg"] },
        ),
        rule(EGRESS, "svc-out-https", "svc-sg", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
        rule(EGRESS, "svc-out-dns-tcp", "svc-sg", { ipProtocol: "tcp", fromPort: 53, toPort: 53, cidrIpv4: "10.0.0.0/16" }),
        rule(EGRESS, "svc-out-dns-udp", "svc-sg", { ipProtocol: "udp", fromPort: 53, toPort: 53, cidrIpv4: "10.0.0.0/16" }),
        {
            type: "aws:lb/loadBalancer:LoadBalancer",
            name: "alb",
            props: { loadBalancerType: "application", internal: false, securityGroups: [UNKNOWN], subnets: [UNKNOWN, UNKNOWN] },
            propertyDependencies: { securityGroups: ["alb-sg"] },
        },
        {
            type: "aws:ecs/service:Service",
            name: "web",
            props: {
                networkConfiguration: { subnets: [UNKNOWN, UNKNOWN], securityGroups: [UNKNOWN], assignPublicIp: false },
                loadBalancers: [{ targetGroupArn: UNKNOWN, containerName: "web", containerPort: CONTAINER_PORT }],
            },
            propertyDependencies: { networkConfiguration: ["private-a", "private-b", "svc-sg"] },
        },
        ...["ecr.api", "ecr.dkr", "logs"].map((svc): ResourceInput => ({
            type: "aws:ec2/vpcEndpoint:VpcEndpoint",
            name: `ep-${svc}`,
            props: { serviceName: `com.amazonaws.eu-west-1.${svc}`, vpcEndpointType: "Interface" },
        })),
        { type: "aws:ec2/vpcEndpoint:VpcEndpoint", name: "ep-s3", props: { serviceName: "com.amazonaws.eu-west-1.s3" } },
    ];
}

/** The program stack with some resources replaced (by name) or added. */
function withChanges(...changes: ResourceInput[]): ResourceInput[] {
    const stack = programStack();
    for (const c of changes) {
        const i = stack.findIndex((r) => r.name === c.name);
        if (i >= 0) stack[i] = c;
        else stack.push(c);
    }
    return stack;
}

async function run(resources: ResourceInput[], config?: PolicyConfigFile): Promise<Violation[]> {
    return evaluateInProcess(networkPolicies, resources, config);
}

/** Resources a policy reported, in order. */
function hits(violations: Violation[], policy: string): string[] {
    return violations.filter((v) => v.policy === policy).map((v) => v.resource);
}

describe("policy/lib/securityGroupRules", () => {
    it("normalises inline, ec2 and vpc rules to one shape", () => {
        assert.deepEqual(normaliseInlineRule({ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"], description: "all" }, "egress", 0), {
            direction: "egress",
            protocol: "all",
            fromPort: 0,
            toPort: 0,
            cidrs: ["0.0.0.0/0", "::/0"],
            sourceSecurityGroupIds: [],
            self: false,
            prefixLists: [],
            description: "all",
            origin: "inline",
            index: 0,
            unknown: [],
        });
        const [ec2] = rulesOf(SG_RULE, { type: "ingress", protocol: "6", fromPort: "443", toPort: "443", sourceSecurityGroupId: "sg-123", securityGroupId: "sg-456" });
        assert.deepEqual(
            [ec2.direction, ec2.protocol, ec2.fromPort, ec2.sourceSecurityGroupIds, ec2.groupRef, ec2.origin],
            ["ingress", "tcp", 443, ["sg-123"], "sg-456", "securityGroupRule"],
        );
        const vpc = normaliseVpcRule({ ipProtocol: "udp", fromPort: 53, toPort: 53, prefixListId: "pl-1", securityGroupId: "sg-9" }, "egress");
        assert.deepEqual([vpc.protocol, vpc.prefixLists, vpc.groupRef, vpc.description], ["udp", ["pl-1"], "sg-9", undefined]);
        assert.deepEqual(vpc.unknown, []);
        const unknownSource = normaliseVpcRule({ ipProtocol: "tcp", fromPort: 1, toPort: 2, cidrIpv4: UNKNOWN }, "ingress");
        assert.deepEqual(unknownSource.unknown, ["cidrIpv4"]);
        assert.equal(isWorldRule(unknownSource), undefined);
        assert.equal(trafficUnknown(unknownSource), true);
        assert.equal(
            trafficUnknown(normaliseVpcRule({ ipProtocol: "tcp", fromPort: 1, toPort: 2, cidrIpv4: "10.0.0.0/8", securityGroupId: UNKNOWN, description: UNKNOWN }, "ingress")),
            false,
        );
    });

    it("detects world rules; a rule with no source at all is not one (AWS creates nothing from it)", () => {
        const base = { protocol: "tcp", fromPort: 443, toPort: 443 };
        assert.equal(isWorldRule(normaliseInlineRule({ ...base, cidrBlocks: ["10.0.0.0/8", "0.0.0.0/0"] }, "ingress", 0)), true);
        assert.equal(isWorldRule(normaliseInlineRule({ ...base, ipv6CidrBlocks: ["::/0"] }, "ingress", 0)), true);
        assert.equal(isWorldRule(normaliseInlineRule(base, "ingress", 0)), false);
        assert.equal(hasNoSource(normaliseInlineRule(base, "ingress", 0)), true);
        assert.equal(hasNoSource(normaliseInlineRule({ ...base, cidrBlocks: [], prefixListIds: ["pl-1"] }, "ingress", 0)), false);
        assert.equal(hasNoSource(normaliseVpcRule({ ipProtocol: "tcp", fromPort: 1, toPort: 2, cidrIpv4: UNKNOWN }, "ingress")), undefined);
        assert.equal(isWorldRule(normaliseInlineRule({ ...base, self: true }, "ingress", 0)), false);
        assert.equal(isWorldRule(normaliseInlineRule({ ...base, securityGroups: ["sg-1"] }, "ingress", 0)), false);
    });

    it("computes port coverage with all-protocol, 0/0 and missing ports as all ports", () => {
        const r = (p: Record<string, unknown>) => normaliseInlineRule({ cidrBlocks: ["0.0.0.0/0"], ...p }, "ingress", 0);
        assert.deepEqual(portRange(r({ protocol: "all" })), { from: 0, to: 65535 });
        assert.deepEqual(portRange(r({ protocol: "tcp", fromPort: 0, toPort: 0 })), { from: 0, to: 65535 });
        assert.deepEqual(portRange(r({ protocol: "tcp", fromPort: 20, toPort: 25 })), { from: 20, to: 25 });
        assert.equal(portRange(r({ protocol: "icmp", fromPort: 8, toPort: 0 })), undefined);
        assert.equal(coversPort(r({ protocol: "tcp", fromPort: 20, toPort: 25 }), 22), true);
        assert.equal(coversPort(r({ protocol: "tcp", fromPort: 20, toPort: 25 }), 26), false);
        assert.equal(coversPort(r({ protocol: "icmp", fromPort: 22, toPort: 22 }), 22), false);
        assert.equal(isAllTraffic(r({ protocol: "-1" })), true);
        assert.equal(isAllTraffic(r({ protocol: "tcp", fromPort: 1, toPort: 65535 })), true);
        assert.equal(isAllTraffic(r({ protocol: "tcp", fromPort: 443, toPort: 443 })), false);
        assert.equal(tcpPortsWithin(r({ protocol: "tcp", fromPort: 80, toPort: 80 }), [80, 443]), true);
        assert.equal(tcpPortsWithin(r({ protocol: "tcp", fromPort: 80, toPort: 443 }), [80, 443]), false);
        assert.equal(tcpPortsWithin(r({ protocol: "udp", fromPort: 443, toPort: 443 }), [80, 443]), false);
    });
});

describe("policy/network: metadata", () => {
    it("every policy has name, description, level, severity, remediation and a rule: tag", () => {
        const rules = networkPolicies.map((p) => p.tags!.find((t) => t.startsWith("rule:")));
        assert.deepEqual(rules, [
            "rule:SG1",
            "rule:SG2",
            "rule:SG3",
            "rule:SG4",
            "rule:SG5",
            "rule:SG5",
            "rule:SG6",
            "rule:SG7",
            "rule:SG8",
            "rule:SG9",
            "rule:V1",
            "rule:V2",
            "rule:V3",
            "rule:V4",
        ]);
        for (const p of networkPolicies) {
            assert.match(p.name, /^(sg|vpc)-[a-z0-9-]+$/);
            assert.ok(p.description && p.enforcementLevel && p.severity && p.remediationSteps && p.tags!.length >= 2, p.name);
        }
        assert.equal(new Set(networkPolicies.map((p) => p.name)).size, networkPolicies.length);
    });
});

describe("policy/network: our program's network", () => {
    it("passes every network policy", async () => {
        assert.deepEqual(await run(programStack()), []);
    });

    it("passes with inline ingress shapes and ids instead of dependencies", async () => {
        const v = await run([
            {
                type: SG,
                name: "alb-sg",
                props: { id: "sg-alb", description: "ALB", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "https" }] },
            },
            {
                type: SG,
                name: "svc-sg",
                props: { id: "sg-svc", description: "tasks", ingress: [{ protocol: "tcp", fromPort: 8080, toPort: 8080, securityGroups: ["sg-alb"], description: "from alb" }] },
            },
            { type: "aws:alb/loadBalancer:LoadBalancer", name: "alb", props: { securityGroups: ["sg-alb"] } },
            {
                type: "aws:ecs/service:Service",
                name: "web",
                props: { networkConfiguration: { securityGroups: ["sg-svc"], assignPublicIp: true }, loadBalancers: [{ containerPort: "8080" }] },
            },
        ]);
        assert.deepEqual(v, []);
    });
});

describe("policy/network: SG1 and SG2 (world ingress)", () => {
    it("SG1 fails all-traffic world ingress in every rule shape", async () => {
        const v = await run([
            { type: SG, name: "inline-all", props: { description: "x", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "all" }] } },
            rule(INGRESS, "vpc-all-v6", "x", { ipProtocol: "-1", cidrIpv6: "::/0" }),
            {
                type: SG_RULE,
                name: "tcp-all-ports",
                props: { type: "ingress", protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"], securityGroupId: "sg-1", description: "d" },
            },
            rule(INGRESS, "https", "x", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
            rule(INGRESS, "private-all", "x", { ipProtocol: "-1", cidrIpv4: "10.0.0.0/8" }),
        ]);
        assert.deepEqual(hits(v, "sg-no-world-ingress-all-traffic"), ["inline-all", "vpc-all-v6", "tcp-all-ports"]);
    });

    it("SG1/SG3/SG5 pass inline rules with no source or destination: AWS creates no permission from them", async () => {
        const v = await run([
            {
                type: SG,
                name: "sourceless",
                props: {
                    description: "rules without a source",
                    ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, description: "no source", cidrBlocks: [], ipv6CidrBlocks: [], securityGroups: [], prefixListIds: [] }],
                    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, description: "no destination" }],
                },
            },
            { type: SG, name: "world", props: { description: "open", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, description: "world", cidrBlocks: ["0.0.0.0/0"] }] } },
        ]);
        for (const p of ["sg-no-world-ingress-all-traffic", "sg-world-ingress-only-public-lb-web-ports"]) assert.deepEqual(hits(v, p), ["world"], p);
        assert.deepEqual(hits(v, "sg-no-world-egress-all-traffic"), []);
    });

    it("SG2 fails world ingress whose range covers a sensitive port", async () => {
        const v = await run([
            {
                type: SG_RULE,
                name: "ftp-to-smtp",
                props: { type: "ingress", protocol: "tcp", fromPort: 20, toPort: 25, cidrBlocks: ["0.0.0.0/0"], securityGroupId: "sg-1", description: "d" },
            },
            rule(INGRESS, "postgres", "x", { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0" }),
            rule(INGRESS, "ssh-private", "x", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8" }),
            rule(INGRESS, "https", "x", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
        ]);
        assert.deepEqual(hits(v, "sg-no-world-ingress-sensitive-ports"), ["ftp-to-smtp", "postgres"]);
        assert.match(
            v.find((x) => x.resource === "ftp-to-smtp" && x.policy === "sg-no-world-ingress-sensitive-ports")!.message,
            /tcp\/20-25\) exposes sensitive port\(s\) 20, 21, 22, 23, 25/,
        );
    });

    it("SG2 reads sensitivePorts from config", async () => {
        const resources = [rule(INGRESS, "app", "x", { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv4: "0.0.0.0/0" })];
        assert.deepEqual(hits(await run(resources), "sg-no-world-ingress-sensitive-ports"), []);
        assert.deepEqual(hits(await run(resources, { "sg-no-world-ingress-sensitive-ports": { sensitivePorts: [8080] } }), "sg-no-world-ingress-sensitive-ports"), ["app"]);
    });
});

describe("policy/network: SG3 (world ingress only on a public LB's web ports)", () => {
    it("fails world ingress on a non-LB group, on a non-web port, and on an internal LB's group", async () => {
        const v = await run(
            withChanges(
                rule(INGRESS, "svc-world", "svc-sg", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
                rule(INGRESS, "alb-8080", "alb-sg", { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv4: "0.0.0.0/0" }),
                { type: SG, name: "internal-sg", props: { description: "internal ALB" } },
                rule(INGRESS, "internal-443", "internal-sg", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
                {
                    type: "aws:lb/loadBalancer:LoadBalancer",
                    name: "internal-alb",
                    props: { internal: true, securityGroups: [UNKNOWN] },
                    propertyDependencies: { securityGroups: ["internal-sg"] },
                },
            ),
        );
        assert.deepEqual(hits(v, "sg-world-ingress-only-public-lb-web-ports"), ["svc-world", "alb-8080", "internal-443"]);
    });

    it("reads allowedWorldIngressPorts from config (a strict profile rejects port 80)", async () => {
        const v = await run(programStack(), { "sg-world-ingress-only-public-lb-web-ports": { allowedWorldIngressPorts: [443] } });
        assert.deepEqual(hits(v, "sg-world-ingress-only-public-lb-web-ports"), ["alb-in-80"]);
    });

    it("does not blame a group when the load balancer's internal flag or groups are unknown", async () => {
        const unknownInternal = withChanges({
            type: "aws:lb/loadBalancer:LoadBalancer",
            name: "alb",
            props: { internal: UNKNOWN, securityGroups: [UNKNOWN] },
            propertyDependencies: { securityGroups: ["alb-sg"] },
        });
        assert.deepEqual(hits(await run(unknownInternal), "sg-world-ingress-only-public-lb-web-ports"), []);
        const unknownGroups = withChanges({ type: "aws:lb/loadBalancer:LoadBalancer", name: "alb", props: { internal: false, securityGroups: UNKNOWN } });
        assert.deepEqual(hits(await run(unknownGroups), "sg-world-ingress-only-public-lb-web-ports"), []);
    });
});

describe("policy/network: SG4 (service ingress only from the LB)", () => {
    it("fails CIDR sources, non-LB groups and ports other than the container port", async () => {
        const v = await run(
            withChanges(
                { type: SG, name: "bastion-sg", props: { description: "bastion" } },
                rule(INGRESS, "svc-from-vpc", "svc-sg", { ipProtocol: "tcp", fromPort: CONTAINER_PORT, toPort: CONTAINER_PORT, cidrIpv4: "10.0.0.0/16" }),
                rule(
                    INGRESS,
                    "svc-from-bastion",
                    "svc-sg",
                    { ipProtocol: "tcp", fromPort: CONTAINER_PORT, toPort: CONTAINER_PORT, referencedSecurityGroupId: UNKNOWN },
                    { referencedSecurityGroupId: ["bastion-sg"] },
                ),
                rule(
                    INGRESS,
                    "svc-ssh-from-alb",
                    "svc-sg",
                    { ipProtocol: "tcp", fromPort: 22, toPort: 22, referencedSecurityGroupId: UNKNOWN },
                    { referencedSecurityGroupId: ["alb-sg"] },
                ),
            ),
        );
        assert.deepEqual(hits(v, "sg-service-ingress-only-from-lb"), ["svc-from-vpc", "svc-from-bastion", "svc-ssh-from-alb"]);
        const messages = v.filter((x) => x.policy === "sg-service-ingress-only-from-lb").map((x) => x.message.split("\n")[1]);
        assert.deepEqual(messages, [
            "Service web's group svc-sg, ingress: admits CIDR 10.0.0.0/16.",
            "Service web's group svc-sg, ingress: admits security group bastion-sg, which is not a load balancer's.",
            "Service web's group svc-sg, ingress: opens tcp/22, not only the container port(s) 8080.",
        ]);
    });

    it("skips a rule whose source is unknown and has no dependency", async () => {
        const v = await run(
            withChanges(rule(INGRESS, "svc-in", "svc-sg", { ipProtocol: "tcp", fromPort: CONTAINER_PORT, toPort: CONTAINER_PORT, referencedSecurityGroupId: UNKNOWN })),
        );
        assert.deepEqual(hits(v, "sg-service-ingress-only-from-lb"), []);
    });
});

describe("policy/network: SG5 (egress)", () => {
    it("fails all-traffic world egress (mandatory) and advises on other non-HTTPS world egress", async () => {
        const v = await run([
            { type: SG, name: "open-egress", props: { description: "x", egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "all" }] } },
            rule(EGRESS, "http-out", "x", { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" }),
            rule(EGRESS, "https-out", "x", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
            rule(EGRESS, "vpc-all", "x", { ipProtocol: "-1", cidrIpv4: "10.0.0.0/16" }),
        ]);
        assert.deepEqual(hits(v, "sg-no-world-egress-all-traffic"), ["open-egress"]);
        assert.deepEqual(hits(v, "sg-world-egress-https-only"), ["open-egress", "http-out"]);
        assert.deepEqual([...new Set(v.filter((x) => x.policy === "sg-world-egress-https-only").map((x) => x.level))], ["advisory"]);
    });

    it("reads allowedWorldEgressPorts from config", async () => {
        const v = await run([rule(EGRESS, "http-out", "x", { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" })], {
            "sg-world-egress-https-only": { allowedWorldEgressPorts: [80, 443] },
        });
        assert.deepEqual(hits(v, "sg-world-egress-https-only"), []);
    });
});

describe("policy/network: SG6–SG9", () => {
    it("SG6 fails the provider-default group description and rules without a description", async () => {
        const v = await run([
            { type: SG, name: "default-desc", props: { description: "Managed by Pulumi" } },
            { type: SG, name: "inline-undescribed", props: { description: "web", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, securityGroups: ["sg-1"] }] } },
            { type: INGRESS, name: "undescribed-rule", props: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "sg-2" } },
            {
                type: INGRESS,
                name: "unknown-description",
                props: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "sg-2", description: UNKNOWN },
            },
        ]);
        assert.deepEqual(hits(v, "sg-descriptions"), ["default-desc", "inline-undescribed", "undescribed-rule"]);
    });

    it("SG7 advises on a group nothing uses", async () => {
        const v = await run(
            withChanges(
                { type: SG, name: "orphan", props: { description: "left over" } },
                rule(INGRESS, "orphan-in", "orphan", { ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "sg-x" }),
            ),
        );
        assert.deepEqual(
            v.map((x) => [x.policy, x.resource, x.level]),
            [["sg-attached", "orphan", "advisory"]],
        );
    });

    it("SG8 fails a default security group with rules", async () => {
        const v = await run([
            {
                type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
                name: "default-open",
                props: { vpcId: "vpc-1", egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }] },
            },
            { type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", name: "default-empty", props: { vpcId: "vpc-1", ingress: [], egress: [] } },
        ]);
        assert.deepEqual(hits(v, "sg-default-no-rules"), ["default-open"]);
        const sourceless = await run([
            {
                type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
                name: "default-sourceless",
                props: { vpcId: "vpc-1", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0 }] },
            },
        ]);
        assert.deepEqual(hits(sourceless, "sg-default-no-rules"), []);
    });

    it("SG9 fails a standalone rule on a group with inline rules of the same direction, not an output-shape echo", async () => {
        const inline = { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"], description: "inline" };
        const v = await run([
            { type: SG, name: "mixed", props: { description: "x", ingress: [inline] } },
            rule(INGRESS, "mixed-extra", "mixed", { ipProtocol: "tcp", fromPort: 8443, toPort: 8443, cidrIpv4: "10.0.0.0/8" }),
            rule(EGRESS, "mixed-egress", "mixed", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
            { type: SG, name: "echo", props: { description: "x", ingress: [inline] } },
            rule(INGRESS, "echo-rule", "echo", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" }),
        ]);
        assert.deepEqual(hits(v, "sg-no-rule-management-conflict"), ["mixed-extra"]);
    });

    it("produces no violation and no crash when rule lists and fields are unknown", async () => {
        const v = await run([
            { type: SG, name: "unknown-rules", props: { description: "x", ingress: UNKNOWN, egress: [{ protocol: "-1", cidrBlocks: UNKNOWN, description: "d" }] } },
            rule(INGRESS, "unknown-cidr", "unknown-rules", { ipProtocol: "-1", cidrIpv4: UNKNOWN }),
            rule(INGRESS, "unknown-protocol", "unknown-rules", { ipProtocol: UNKNOWN, cidrIpv4: "0.0.0.0/0" }),
            { type: SG_RULE, name: "unknown-type", props: { type: UNKNOWN, protocol: "-1", cidrBlocks: ["0.0.0.0/0"] } },
            { type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", name: "default-unknown", props: { ingress: UNKNOWN, egress: UNKNOWN } },
            { type: "aws:ecs/service:Service", name: "svc", props: { networkConfiguration: UNKNOWN, loadBalancers: UNKNOWN } },
        ]);
        assert.deepEqual(
            v.filter((x) => x.policy !== "sg-attached"),
            [],
        );
    });
});

describe("policy/network: V1–V4", () => {
    it("V1 fails a VPC without a flow log, matched by dependency or id", async () => {
        const v = await run([
            { type: "aws:ec2/vpc:Vpc", name: "logged", props: { id: "vpc-1" } },
            { type: "aws:ec2/vpc:Vpc", name: "unlogged", props: { id: "vpc-2" } },
            { type: "aws:ec2/flowLog:FlowLog", name: "flow", props: { vpcId: "vpc-1" } },
        ]);
        assert.deepEqual(hits(v, "vpc-flow-logs-enabled"), ["unlogged"]);
        const unknownTarget = await run([
            { type: "aws:ec2/vpc:Vpc", name: "vpc", props: {} },
            { type: "aws:ec2/flowLog:FlowLog", name: "flow", props: { vpcId: UNKNOWN } },
        ]);
        assert.deepEqual(hits(unknownTarget, "vpc-flow-logs-enabled"), []);
    });

    it("V2 fails a default VPC", async () => {
        const v = await run([{ type: "aws:ec2/defaultVpc:DefaultVpc", name: "default", props: {} }]);
        assert.deepEqual(hits(v, "vpc-no-default-vpc"), ["default"]);
    });

    it("V3 fails a service subnet that maps public IPs, reported on the subnet", async () => {
        const v = await run(
            withChanges(
                { type: "aws:ec2/subnet:Subnet", name: "private-b", props: { mapPublicIpOnLaunch: true } },
                { type: "aws:ec2/subnet:Subnet", name: "public-unused", props: { mapPublicIpOnLaunch: true } },
                { type: "aws:ec2/subnet:Subnet", name: "by-id", props: { id: "subnet-9", mapPublicIpOnLaunch: true } },
                { type: "aws:ecs/service:Service", name: "worker", props: { networkConfiguration: { subnets: ["subnet-9"], securityGroups: [], assignPublicIp: true } } },
            ),
        );
        assert.deepEqual(hits(v, "vpc-task-subnets-no-public-ip"), ["private-b", "by-id"]);
        assert.match(v.find((x) => x.resource === "by-id")!.message, /Subnet by-id \(used by worker\) has mapPublicIpOnLaunch: true/);
    });

    it("V4 advises when private tasks have no endpoints, and reads requiredEndpoints from config", async () => {
        const noEndpoints = programStack().filter((r) => r.type !== "aws:ec2/vpcEndpoint:VpcEndpoint" || r.name === "ep-s3");
        const v = await run(noEndpoints);
        assert.deepEqual(
            v.map((x) => [x.policy, x.resource, x.level]),
            [["vpc-endpoints-for-private-tasks", "web", "advisory"]],
        );
        assert.match(v[0].message, /no VPC endpoint for: ecr.api, ecr.dkr, logs\./);
        assert.deepEqual(await run(noEndpoints, { "vpc-endpoints-for-private-tasks": { requiredEndpoints: ["s3"] } }), []);
        const withSecrets = await run(programStack(), { "vpc-endpoints-for-private-tasks": { requiredEndpoints: ["ecr.api", "ecr.dkr", "logs", "s3", "secretsmanager"] } });
        assert.match(withSecrets[0].message, /no VPC endpoint for: secretsmanager\./);
    });

    it("V4 leaves public tasks and unknown endpoint names alone", async () => {
        const publicTasks = programStack().filter((r) => r.type !== "aws:ec2/vpcEndpoint:VpcEndpoint");
        const web = publicTasks.find((r) => r.name === "web")!;
        web.props = { ...web.props, networkConfiguration: { subnets: [], securityGroups: [UNKNOWN], assignPublicIp: true } };
        assert.deepEqual(hits(await run(publicTasks), "vpc-endpoints-for-private-tasks"), []);
        const unknownName = withChanges({ type: "aws:ec2/vpcEndpoint:VpcEndpoint", name: "ep-logs", props: { serviceName: UNKNOWN } });
        assert.deepEqual(hits(await run(unknownName), "vpc-endpoints-for-private-tasks"), []);
    });
});
