import assert from "node:assert/strict";
import {
    Architecture,
    ArchNode,
    buildArchitecture,
    describeActions,
    describeConditions,
    describePolicy,
    describeSize,
    natStrategyOf,
    azNamesOf,
    spreadTasks,
} from "../../tools/diagram/model";
import { cheapDev, oneServiceHttps, res, twoServicesOneAlb, vpc } from "./fixtures";

/** `from -> to [label]` lines of every edge, sorted. */
function edgeLines(arch: Architecture): string[] {
    return arch.edges.map((e) => `${e.from} -> ${e.to}${e.label ? ` [${e.label}]` : ""}`).sort();
}

/** The node with this id (fails the test when missing). */
function node(arch: Architecture, id: string): ArchNode {
    const n = arch.nodes.find((x) => x.id === id);
    assert.ok(n, `no node ${id}; have ${arch.nodes.map((x) => x.id).join(", ")}`);
    return n;
}

/** Ids of the nodes of one kind, in order. */
function idsOf(arch: Architecture, kind: ArchNode["kind"]): string[] {
    return arch.nodes.filter((n) => n.kind === kind).map((n) => n.id);
}

/** The AZ group a node sits in (its group's parent for a subnet-tier group). */
function azOf(arch: Architecture, n: ArchNode): string | undefined {
    const group = arch.groups.find((g) => g.id === n.group);
    return group?.kind === "subnet" ? group.parent : undefined;
}

describe("diagram model", () => {
    describe("(a) one service, HTTPS with redirect, NAT per AZ x3, private subnets", () => {
        const arch = buildArchitecture(oneServiceHttps());

        it("draws one VPC with three AZs, each with a public and a private subnet tier", () => {
            const vpcs = arch.groups.filter((g) => g.kind === "vpc");
            assert.deepEqual(vpcs, [{ id: "g_vpc_main", kind: "vpc", label: ["main", "VPC, 3 AZs", "3 NAT gateways (one per AZ)"] }]);
            const azs = arch.groups.filter((g) => g.kind === "az");
            assert.deepEqual(
                azs.map((g) => [g.id, g.parent, g.label[0]]),
                [
                    ["g_vpc_main_az1", "g_vpc_main", "AZ 1"],
                    ["g_vpc_main_az2", "g_vpc_main", "AZ 2"],
                    ["g_vpc_main_az3", "g_vpc_main", "AZ 3"],
                ],
            );
            const tiers = arch.groups
                .filter((g) => g.kind === "subnet")
                .map((g) => `${g.parent}/${g.tier}`)
                .sort();
            assert.deepEqual(tiers, [
                "g_vpc_main_az1/private",
                "g_vpc_main_az1/public",
                "g_vpc_main_az2/private",
                "g_vpc_main_az2/public",
                "g_vpc_main_az3/private",
                "g_vpc_main_az3/public",
            ]);
        });

        it("puts one NAT gateway in each AZ's public subnet and one tasks node in each private subnet", () => {
            assert.deepEqual(
                idsOf(arch, "natGateway").map((id) => node(arch, id).group),
                ["g_vpc_main_az1_public", "g_vpc_main_az2_public", "g_vpc_main_az3_public"],
            );
            const tasks = idsOf(arch, "tasks").map((id) => node(arch, id));
            assert.deepEqual(
                tasks.map((t) => [t.group, t.facts.tasks, t.label[1]]),
                [
                    ["g_vpc_main_az1_private", 1, "1 task in AZ 1"],
                    ["g_vpc_main_az2_private", 1, "1 task in AZ 2"],
                    ["g_vpc_main_az3_private", 1, "1 task in AZ 3"],
                ],
            );
        });

        it("labels the service with its component, cluster, desired count and autoscaling range", () => {
            const svc = node(arch, "service_web_svc");
            assert.deepEqual(svc.label, ["web-svc", "ECS service (Fargate)", "WebService web", "cluster web-cluster", "desired 3, autoscaling 3-9"]);
            assert.deepEqual(svc.facts, { desiredCount: 3, assignPublicIp: false, azCount: 3, minCapacity: 3, maxCapacity: 9, webService: "web" });
            assert.equal(svc.group, "g_vpc_main");
        });

        it("links the request path internet -> WAF -> ALB -> listeners -> target group -> tasks", () => {
            const lines = edgeLines(arch);
            for (const expected of [
                "internet_internet -> waf_web_acl [HTTPS 443, HTTP 80]",
                "waf_web_acl -> loadBalancer_web_alb [filtered]",
                "loadBalancer_web_alb -> listener_web_https",
                "loadBalancer_web_alb -> listener_web_http",
                "listener_web_http -> listener_web_https [redirect 301]",
                "listener_web_https -> targetGroup_web_tg [forward]",
                "targetGroup_web_tg -> tasks_web_svc_1 [HTTP:8080]",
                "targetGroup_web_tg -> tasks_web_svc_2 [HTTP:8080]",
                "targetGroup_web_tg -> tasks_web_svc_3 [HTTP:8080]",
            ]) {
                assert.ok(lines.includes(expected), `missing ${expected}`);
            }
            assert.equal(lines.filter((l) => l.startsWith("internet_internet ->")).length, 1, "the ALB is reached only through the WAF");
        });

        it("sends each AZ's tasks to that AZ's NAT gateway and the NAT gateways to the internet", () => {
            const egress = edgeLines(arch).filter((l) => l.includes("natGateway"));
            assert.deepEqual(egress, [
                "natGateway_main_1 -> internet_internet [egress]",
                "natGateway_main_2 -> internet_internet [egress]",
                "natGateway_main_3 -> internet_internet [egress]",
                "tasks_web_svc_1 -> natGateway_main_1 [egress]",
                "tasks_web_svc_2 -> natGateway_main_2 [egress]",
                "tasks_web_svc_3 -> natGateway_main_3 [egress]",
            ]);
            const sameAz = ["tasks_web_svc_1", "natGateway_main_1"].map((id) => azOf(arch, node(arch, id)));
            assert.deepEqual(sameAz, ["g_vpc_main_az1", "g_vpc_main_az1"]);
        });

        it("links image, roles, logs, KMS, autoscaling, flow log and endpoint", () => {
            const lines = edgeLines(arch);
            for (const expected of [
                "containerRepository_web_repo -> taskDefinition_web_td [image]",
                "role_web_exec -> taskDefinition_web_td [execution role]",
                "role_web_task -> taskDefinition_web_td [task role]",
                "taskDefinition_web_td -> logGroup_web_logs [logs]",
                "taskDefinition_web_td -> service_web_svc [task definition]",
                "kmsKey_web_logs_key -> logGroup_web_logs [encrypts]",
                "scalingTarget_web_scaling -> service_web_svc [scales 3-9]",
                "scalingPolicy_web_cpu -> scalingTarget_web_scaling [policy]",
                "scalingPolicy_web_memory -> scalingTarget_web_scaling [policy]",
                "flowLog_vpc_flow -> logGroup_flow_logs [delivers to]",
                "role_flow_role -> flowLog_vpc_flow [delivery role]",
            ]) {
                assert.ok(lines.includes(expected), `missing ${expected}`);
            }
            assert.equal(lines.length, 29);
            assert.deepEqual(node(arch, "taskDefinition_web_td").label, ["web", "task definition", "0.5 vCPU / 1 GB ARM64", "image web-repo:v1"]);
            assert.deepEqual(node(arch, "scalingPolicy_web_cpu").label, ["web-cpu", "target tracking CPU 70%"]);
            assert.deepEqual(node(arch, "scalingPolicy_web_memory").label, ["web-memory", "target tracking memory 75%"]);
            assert.deepEqual([node(arch, "vpcEndpoint_ecr_dkr").label, node(arch, "vpcEndpoint_ecr_dkr").group], [["ecr.dkr endpoint", "Interface"], "g_vpc_main"]);
            assert.equal(node(arch, "flowLog_vpc_flow").group, "g_vpc_main");
        });

        it("draws every listener with its protocol, port and default action", () => {
            assert.deepEqual(node(arch, "listener_web_https").label, ["HTTPS :443", "forward"]);
            assert.deepEqual(node(arch, "listener_web_http").label, ["HTTP :80", "redirect to HTTPS:443 (301)"]);
            assert.deepEqual(node(arch, "loadBalancer_web_alb").label, ["web-alb", "internet-facing ALB", "3 AZs, public subnets"]);
        });
    });

    describe("(b) cheap dev: no NAT, public subnets with public IPs, HTTP forward", () => {
        const arch = buildArchitecture(cheapDev());

        it("links everything by ARN and name matching alone (no propertyDependencies)", () => {
            assert.deepEqual(edgeLines(arch), [
                "internet_internet -> loadBalancer_dev_alb [HTTP 80]",
                "listener_dev_http -> targetGroup_dev_tg [forward]",
                "loadBalancer_dev_alb -> listener_dev_http",
                "role_dev_exec -> taskDefinition_dev_td [execution role]",
                "service_dev_svc -> tasks_dev_svc_1 [runs]",
                "service_dev_svc -> tasks_dev_svc_2 [runs]",
                "targetGroup_dev_tg -> tasks_dev_svc_1 [HTTP:80]",
                "targetGroup_dev_tg -> tasks_dev_svc_2 [HTTP:80]",
                "taskDefinition_dev_td -> logGroup_dev_logs [logs]",
                "taskDefinition_dev_td -> service_dev_svc [task definition]",
                "tasks_dev_svc_1 -> internet_internet [egress (public IP)]",
                "tasks_dev_svc_2 -> internet_internet [egress (public IP)]",
            ]);
        });

        it("has no NAT gateway, two AZs, and the tasks in public subnets with public IPs", () => {
            assert.deepEqual(idsOf(arch, "natGateway"), []);
            assert.deepEqual(arch.groups.find((g) => g.kind === "vpc")?.label, ["dev", "VPC, 2 AZs", "no NAT gateway"]);
            assert.equal(arch.groups.filter((g) => g.kind === "az").length, 2);
            const tasks = idsOf(arch, "tasks").map((id) => node(arch, id));
            assert.deepEqual(
                tasks.map((t) => [t.group, t.facts.tasks, t.label]),
                [
                    ["g_vpc_dev_az1_public", 1, ["dev-svc tasks", "1 task in AZ 1", "public IP"]],
                    ["g_vpc_dev_az2_public", 0, ["dev-svc tasks", "0 tasks in AZ 2", "public IP"]],
                ],
            );
            assert.deepEqual(node(arch, "service_dev_svc").facts, { desiredCount: 1, assignPublicIp: true, azCount: 2 });
        });

        it("shows a public image without an ECR node, and a log group that never expires", () => {
            assert.deepEqual(idsOf(arch, "containerRepository"), []);
            assert.deepEqual(node(arch, "taskDefinition_dev_td").label, ["dev", "task definition", "0.25 vCPU / 0.5 GB X86_64", "image nginx:1.27"]);
            assert.deepEqual(node(arch, "logGroup_dev_logs").label, ["dev-logs", "CloudWatch log group", "never expires"]);
            assert.deepEqual(idsOf(arch, "scalingTarget"), []);
        });
    });

    describe("(c) two services behind one ALB via listener rules", () => {
        const arch = buildArchitecture(twoServicesOneAlb());

        it("draws both services, each under its WebService, with its own rule and target group", () => {
            assert.deepEqual(idsOf(arch, "service"), ["service_api_svc", "service_site_svc"]);
            assert.deepEqual(idsOf(arch, "loadBalancer"), ["loadBalancer_edge_alb"]);
            assert.deepEqual(node(arch, "service_api_svc").facts.webService, "api");
            assert.deepEqual(node(arch, "service_site_svc").facts.webService, "site");
            assert.deepEqual(node(arch, "listenerRule_api_rule").label, ["rule 10", "path /api/*", "forward"]);
            assert.deepEqual(node(arch, "listenerRule_site_rule").label, ["rule 20", "host www.example.com", "forward"]);
            const routing = edgeLines(arch).filter((l) => l.startsWith("listener"));
            assert.deepEqual(routing, [
                "listenerRule_api_rule -> targetGroup_api_tg [forward]",
                "listenerRule_site_rule -> targetGroup_site_tg [forward]",
                "listener_edge_http -> listener_edge_https [redirect 302]",
                "listener_edge_https -> listenerRule_api_rule",
                "listener_edge_https -> listenerRule_site_rule",
            ]);
        });

        it("spreads each service's desired count over the two AZs and feeds it from its own target group only", () => {
            const tasks = idsOf(arch, "tasks").map((id) => node(arch, id));
            assert.deepEqual(
                tasks.map((t) => [t.id, t.group, t.facts.tasks]),
                [
                    ["tasks_api_svc_1", "g_vpc_shared_az1_private", 2],
                    ["tasks_api_svc_2", "g_vpc_shared_az2_private", 1],
                    ["tasks_site_svc_1", "g_vpc_shared_az1_private", 1],
                    ["tasks_site_svc_2", "g_vpc_shared_az2_private", 1],
                ],
            );
            const fed = edgeLines(arch).filter((l) => l.startsWith("targetGroup"));
            assert.deepEqual(fed, [
                "targetGroup_api_tg -> tasks_api_svc_1 [HTTP:8080]",
                "targetGroup_api_tg -> tasks_api_svc_2 [HTTP:8080]",
                "targetGroup_site_tg -> tasks_site_svc_1 [HTTP:8080]",
                "targetGroup_site_tg -> tasks_site_svc_2 [HTTP:8080]",
            ]);
        });

        it("routes all private tasks through the single NAT gateway in AZ 1", () => {
            assert.deepEqual(
                idsOf(arch, "natGateway").map((id) => node(arch, id).group),
                ["g_vpc_shared_az1_public"],
            );
            const egress = edgeLines(arch).filter((l) => l.endsWith("natGateway_shared_1 [egress]"));
            assert.deepEqual(egress, [
                "tasks_api_svc_1 -> natGateway_shared_1 [egress]",
                "tasks_api_svc_2 -> natGateway_shared_1 [egress]",
                "tasks_site_svc_1 -> natGateway_shared_1 [egress]",
                "tasks_site_svc_2 -> natGateway_shared_1 [egress]",
            ]);
            assert.equal(node(arch, "targetGroup_api_tg").group, "g_vpc_shared", "a target group without vpcId sits with its listener");
        });
    });

    describe("edge cases", () => {
        it("is pure: same input, same graph, input untouched", () => {
            const input = oneServiceHttps();
            const copy = structuredClone(input);
            assert.deepEqual(buildArchitecture(input), buildArchitecture(input));
            assert.deepEqual(input, copy);
        });

        it("gives an internal ALB no edge from the internet", () => {
            const net = vpc("v", 2, "None");
            const alb = res("aws:lb/loadBalancer:LoadBalancer", "inner", { inputs: { internal: true, subnets: net.outputs.privateSubnetIds } });
            const arch = buildArchitecture([net, alb]);
            assert.deepEqual(arch.edges, []);
            assert.deepEqual(node(arch, "loadBalancer_inner").label, ["inner", "internal ALB", "2 AZs, private subnets"]);
            assert.deepEqual(idsOf(arch, "internet"), []);
        });

        it("places subnets of no recorded VPC in an 'outside this stack' VPC, one box per subnet", () => {
            const svc = res("aws:ecs/service:Service", "ext", { inputs: { desiredCount: 2, networkConfiguration: { subnets: ["subnet-a", "subnet-b"] } } });
            const arch = buildArchitecture([svc]);
            assert.deepEqual(
                arch.groups.map((g) => [g.kind, g.label[0], g.parent ?? ""]),
                [
                    ["vpc", "VPC outside this stack", ""],
                    ["az", "subnet subnet-a", "g_vpc_external"],
                    ["subnet", "unknown subnet", "g_vpc_external_az1"],
                    ["az", "subnet subnet-b", "g_vpc_external"],
                    ["subnet", "unknown subnet", "g_vpc_external_az2"],
                ],
            );
            assert.deepEqual(
                idsOf(arch, "tasks").map((id) => node(arch, id).label[1]),
                ["1 task in subnet-a", "1 task in subnet-b"],
            );
        });

        it("uses the VPC the network configuration depends on when subnet ids are not in its outputs", () => {
            const net = res("awsx:ec2:Vpc", "bare", { inputs: { numberOfAvailabilityZones: 2, natGateways: { strategy: "Single" } } });
            const svc = res("aws:ecs/service:Service", "s", { inputs: { desiredCount: 4, networkConfiguration: {} }, propertyDependencies: { networkConfiguration: [net.urn] } });
            const arch = buildArchitecture([net, svc]);
            const tasks = idsOf(arch, "tasks").map((id) => node(arch, id));
            assert.deepEqual(
                tasks.map((t) => [t.group, t.facts.tasks]),
                [
                    ["g_vpc_bare_az1_private", 2],
                    ["g_vpc_bare_az2_private", 2],
                ],
            );
            assert.deepEqual(
                edgeLines(arch).filter((l) => l.includes("[egress]")),
                ["natGateway_bare_1 -> internet_internet [egress]", "tasks_s_1 -> natGateway_bare_1 [egress]", "tasks_s_2 -> natGateway_bare_1 [egress]"],
            );
        });

        it("keeps one unplaced tasks node when a service's subnets are not known", () => {
            const arch = buildArchitecture([res("aws:ecs/service:Service", "nowhere", { inputs: { desiredCount: 2 } })]);
            const tasks = node(arch, "tasks_nowhere_1");
            assert.deepEqual([tasks.group, tasks.label, tasks.facts.tasks], [undefined, ["nowhere tasks", "2 tasks, subnets not known"], 2]);
            assert.deepEqual(arch.groups, []);
        });

        it("finds the autoscaling target by resourceId suffix and the policy by equal resourceId", () => {
            const svc = res("aws:ecs/service:Service", "api", { inputs: { name: "api" } });
            const target = res("aws:appautoscaling/target:Target", "t", {
                inputs: { minCapacity: 1, maxCapacity: 4, resourceId: "service/c/api", scalableDimension: "ecs:service:DesiredCount" },
            });
            const other = res("aws:appautoscaling/target:Target", "o", { inputs: { minCapacity: 2, maxCapacity: 2, resourceId: "service/c/apix" } });
            const policy = res("aws:appautoscaling/policy:Policy", "p", { inputs: { resourceId: "service/c/api", scalableDimension: "ecs:service:DesiredCount" } });
            const stray = res("aws:appautoscaling/policy:Policy", "q", { inputs: { resourceId: "service/c/none", policyType: "StepScaling" } });
            const arch = buildArchitecture([svc, target, other, policy, stray]);
            assert.deepEqual(node(arch, "service_api").facts, { desiredCount: 1, assignPublicIp: false, azCount: 0, minCapacity: 1, maxCapacity: 4 });
            assert.deepEqual(
                edgeLines(arch).filter((l) => l.startsWith("scaling")),
                ["scalingPolicy_p -> scalingTarget_t [policy]", "scalingTarget_t -> service_api [scales 1-4]"],
            );
            assert.deepEqual(node(arch, "scalingTarget_o").label, ["o", "autoscaling target", "2-2 tasks"], "an unmatched target is still drawn");
            assert.deepEqual(node(arch, "scalingPolicy_q").label, ["q", "step scaling"], "an unmatched policy is still drawn");
            assert.equal(arch.edges.filter((e) => e.from === "scalingPolicy_q" || e.to === "scalingPolicy_q").length, 0);
        });

        it("links a KMS key by its ARN in another resource's inputs when there are no dependencies", () => {
            const key = res("aws:kms/key:Key", "k");
            const repo = res("aws:ecr/repository:Repository", "r", { inputs: { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.outputs.arn }] } });
            assert.deepEqual(buildArchitecture([key, repo]).edges, [{ from: "kmsKey_k", to: "containerRepository_r", label: "encrypts" }]);
        });

        it("keeps node ids unique and safe when names collide after sanitising", () => {
            const arch = buildArchitecture([res("aws:iam/role:Role", "a.b"), res("aws:iam/role:Role", "a-b"), res("aws:iam/role:Role", 'we"b [1]')]);
            assert.deepEqual(idsOf(arch, "role"), ["role_a_b", "role_a_b_2", "role_we_b__1_"]);
        });
    });

    describe("label helpers", () => {
        it("spreads tasks over AZs as evenly as possible, earlier AZs first", () => {
            assert.deepEqual(spreadTasks(2, 3), [1, 1, 0]);
            assert.deepEqual(spreadTasks(5, 3), [2, 2, 1]);
            assert.deepEqual(spreadTasks(0, 2), [0, 0]);
            assert.deepEqual(spreadTasks(3, 0), []);
        });

        it("reads awsx's NAT strategy and AZs with awsx's defaults", () => {
            assert.equal(natStrategyOf(res("awsx:ec2:Vpc", "v")), "OnePerAz");
            assert.equal(natStrategyOf(res("awsx:ec2:Vpc", "v", { inputs: { natGateways: { strategy: "Single" } } })), "Single");
            assert.deepEqual(azNamesOf(res("awsx:ec2:Vpc", "v")), ["AZ 1", "AZ 2", "AZ 3"]);
            assert.deepEqual(azNamesOf(res("awsx:ec2:Vpc", "v", { inputs: { availabilityZoneNames: ["eu-west-1a", "eu-west-1b"] } })), ["eu-west-1a", "eu-west-1b"]);
        });

        it("describes actions, conditions, policies and sizes", () => {
            assert.equal(describeActions([{ type: "redirect", redirect: { protocol: "HTTPS", port: 443, statusCode: "HTTP_301" } }]), "redirect to HTTPS:443 (301)");
            assert.equal(describeActions([{ type: "fixed-response", fixedResponse: { statusCode: "503" } }, { type: "forward" }]), "fixed response 503, forward");
            assert.deepEqual(
                describeConditions([
                    { pathPattern: { values: ["/a", "/b"] } },
                    { httpHeader: { httpHeaderName: "X-Env", values: ["beta"] } },
                    { queryString: [{ key: "v", value: "2" }] },
                ]),
                ["path /a /b", "header X-Env beta", "query v=2"],
            );
            const step = res("aws:appautoscaling/policy:Policy", "s", { inputs: { policyType: "StepScaling" } });
            const requests = res("aws:appautoscaling/policy:Policy", "r", {
                inputs: { targetTrackingScalingPolicyConfiguration: { targetValue: 500, predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget" } } },
            });
            assert.deepEqual([describePolicy(step), describePolicy(requests)], ["step scaling", "target tracking requests per target 500"]);
            assert.deepEqual([describeSize("1024", 2048), describeSize(256, undefined)], ["1 vCPU / 2 GB", "0.25 vCPU"]);
        });
    });
});
