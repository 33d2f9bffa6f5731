import assert from "node:assert/strict";
import { comparePlans, diffInputs, parsePlanJson, PlanJson, renderComparisonJson, renderComparisonMarkdown, renderComparisonText, resourceKey } from "../../tools/plan/compare";
import { formatDelta } from "../../tools/cost/format";

/** A small plan in the documented JSON shape. */
function plan(stack: string, over: Partial<PlanJson> = {}): PlanJson {
    const urn = (type: string, name: string) => `urn:pulumi:${stack}::fargatekit::fargatekit:index:WebService$${type}::${name}`;
    return {
        stack,
        region: "us-east-1",
        resources: [
            {
                urn: urn("aws:lb/loadBalancer:LoadBalancer", "web-alb"),
                type: "aws:lb/loadBalancer:LoadBalancer",
                name: "web-alb",
                parent: null,
                inputs: { internal: false, subnets: ["a", "b"] },
            },
            {
                urn: urn("aws:ecs/service:Service", "web-service"),
                type: "aws:ecs/service:Service",
                name: "web-service",
                parent: null,
                inputs: { desiredCount: 1, networkConfiguration: { assignPublicIp: true } },
            },
        ],
        violations: [{ policy: "lb-waf-on-public-alb", resource: "web-alb", level: "advisory", message: "no WAF" }],
        cost: {
            monthlyTotal: 25.73,
            items: [
                { resource: "web-alb", type: "aws:lb/loadBalancer:LoadBalancer", monthly: 16.425, basis: "ALB hours: 730 h × $0.0225/h" },
                { resource: "web-service", type: "aws:ecs/service:Service", monthly: 9.01, basis: "1 on-demand of 1 task(s)" },
                { resource: "web-service", type: "aws:ecs/service:Service", monthly: 0.295, basis: "public IPv4: 1 address" },
            ],
        },
        ...over,
    };
}

describe("plan/compare: what a change costs", () => {
    const base = plan("dev");
    const head = plan("prod", {
        resources: [
            { ...base.resources[0], urn: base.resources[0].urn.replace(":dev::", ":prod::") },
            { ...base.resources[1], urn: base.resources[1].urn.replace(":dev::", ":prod::"), inputs: { desiredCount: 2, networkConfiguration: { assignPublicIp: false } } },
            { urn: "urn:pulumi:prod::fargatekit::aws:wafv2/webAcl:WebAcl::web-alb", type: "aws:wafv2/webAcl:WebAcl", name: "web-alb", parent: null, inputs: { rules: [{}, {}] } },
        ],
        violations: [{ policy: "ecs-cluster-container-insights", resource: "web-cluster", level: "advisory", message: "off" }],
        cost: {
            monthlyTotal: 48.045,
            items: [
                base.cost.items[0],
                { ...base.cost.items[1], monthly: 18.02, basis: "2 on-demand of 2 task(s)" },
                { resource: "web-alb", type: "aws:wafv2/webAcl:WebAcl", monthly: 5, basis: "WAF web ACL: 1 ACL-month × $5" },
                { resource: "web-alb", type: "aws:wafv2/webAcl:WebAcl", monthly: 2, basis: "WAF rules: 2 rule(s)" },
            ],
        },
    });

    it("keys resources by type chain and name, not stack", () => {
        assert.equal(resourceKey("urn:pulumi:dev::fargatekit::aws:kms/key:Key::web-key"), "aws:kms/key:Key::web-key");
    });

    it("diffs inputs by property path", () => {
        assert.deepEqual(diffInputs({ a: 1, b: { c: [1, 2] }, d: "x" }, { a: 1, b: { c: [1, 3] }, e: true }), [
            { path: "b.c[1]", before: 2, after: 3 },
            { path: "d", before: "x", after: undefined },
            { path: "e", before: undefined, after: true },
        ]);
    });

    it("reports resources added, removed and changed, verdicts appeared and cleared, and the cost delta line by line", () => {
        const c = comparePlans(base, head);
        assert.deepEqual(c.resources.added, [{ type: "aws:wafv2/webAcl:WebAcl", name: "web-alb" }]);
        assert.deepEqual(c.resources.removed, []);
        assert.deepEqual(c.resources.changed, [
            {
                type: "aws:ecs/service:Service",
                name: "web-service",
                changes: [
                    { path: "desiredCount", before: 1, after: 2 },
                    { path: "networkConfiguration.assignPublicIp", before: true, after: false },
                ],
            },
        ]);
        assert.deepEqual(
            c.verdicts.appeared.map((v) => v.policy),
            ["ecs-cluster-container-insights"],
        );
        assert.deepEqual(
            c.verdicts.cleared.map((v) => v.policy),
            ["lb-waf-on-public-alb"],
        );
        assert.deepEqual(c.cost, {
            before: 25.73,
            after: 48.045,
            delta: 22.315,
            lines: [
                { resource: "web-service", type: "aws:ecs/service:Service", line: "tasks", before: 9.01, after: 18.02, delta: 9.01 },
                { resource: "web-alb", type: "aws:wafv2/webAcl:WebAcl", line: "WAF web ACL", before: 0, after: 5, delta: 5 },
                { resource: "web-alb", type: "aws:wafv2/webAcl:WebAcl", line: "WAF rules", before: 0, after: 2, delta: 2 },
                { resource: "web-service", type: "aws:ecs/service:Service", line: "public IPv4", before: 0.295, after: 0, delta: -0.295 },
            ],
            notCompared: [],
        });
    });

    it("renders text, markdown and JSON", () => {
        const c = comparePlans(base, head);
        const text = renderComparisonText(c);
        assert.match(text, /^dev \(us-east-1\) → prod \(us-east-1\): 1 added, 0 removed, 1 changed; 1 verdict\(s\) appeared, 1 cleared; \+\$22\.32\/month \(\$25\.73 → \$48\.05\)/);
        assert.match(text, /  ~ web-service \(aws:ecs\/service:Service\)\n      desiredCount: 1 → 2\n      networkConfiguration\.assignPublicIp: true → false/);
        assert.match(text, /web-alb WAF web ACL\s+\$0\.00 →\s+\$5\.00\s+\+\$5\.00/);
        const md = renderComparisonMarkdown(c);
        assert.match(md, /^### fargatekit plan: `dev` → `prod`\n\nMonthly cost \*\*\+\$22\.32\/month\*\*: \$25\.73 → \$48\.05/);
        assert.match(md, /\| web-alb \| WAF web ACL \| \$0\.00 \| \$5\.00 \| \+\$5\.00 \|/);
        assert.match(md, /\| cleared \| advisory \| lb-waf-on-public-alb \| web-alb \|/);
        assert.match(md, /- ✏️ `web-service` \(aws:ecs\/service:Service\): `desiredCount` 1 → 2/);
        assert.deepEqual(JSON.parse(renderComparisonJson(c)), JSON.parse(JSON.stringify(c)));
    });

    it("a side without a total gives no delta", () => {
        const c = comparePlans(base, { ...head, cost: { ...head.cost, monthlyTotal: null } });
        assert.equal(c.cost.delta, null);
        assert.match(renderComparisonText(c), /cost delta unknown \(missing prices\)/);
        assert.deepEqual([formatDelta(-2.7), formatDelta(0.001), formatDelta(5)], ["-$2.70", "$0.00", "+$5.00"]);
    });

    it("refuses a base file that is not a plan's JSON", () => {
        assert.throws(() => parsePlanJson("{}", "base.json"), /base\.json: not a plan's JSON .*npm run plan -- --format json --out base\.json/);
        assert.throws(() => parsePlanJson("nope", "base.json"), /base\.json: not JSON/);
    });

    it("reports a policy profile change, verdicts that changed level and values AWS would refuse that appeared or cleared", () => {
        const refused = (resource: string, property: string, value: unknown) => ({ resource, property, value, rule: "must be at most 32 characters", source: "AWS API reference" });
        const before = plan("dev", { policyProfile: { name: "dev" }, constraints: [refused("web-alb", "name", "a".repeat(33))] });
        const after = plan("dev", {
            policyProfile: { name: "prod" },
            violations: [{ ...before.violations[0], level: "mandatory" }],
            constraints: [refused("web-tg", "name", "b".repeat(33))],
        });
        const c = comparePlans(before, after);
        assert.deepEqual(c.policyProfile, { before: "dev", after: "prod" });
        assert.deepEqual([c.verdicts.appeared, c.verdicts.cleared], [[], []]);
        assert.deepEqual(c.verdicts.levelChanged, [{ policy: "lb-waf-on-public-alb", resource: "web-alb", before: "advisory", after: "mandatory", message: "no WAF" }]);
        assert.deepEqual(
            c.constraints.appeared.map((p) => p.resource),
            ["web-tg"],
        );
        assert.deepEqual(
            c.constraints.cleared.map((p) => p.resource),
            ["web-alb"],
        );
        const text = renderComparisonText(c);
        assert.match(text, /\nPolicy profile dev → prod: verdicts and their levels follow the profile\.\n/);
        assert.match(text, /Policy verdicts that changed level\n  ~ \[advisory → mandatory\] lb-waf-on-public-alb on web-alb\n/);
        assert.match(text, /refuse, appeared\n  \+ web-tg: name = "b{33}": must be at most 32 characters/);
        assert.match(text, /refuse, cleared\n  - web-alb: name = "a{33}"/);
        const md = renderComparisonMarkdown(c);
        assert.match(md, /Policy profile dev → prod/);
        assert.match(md, /\| level changed \| advisory → mandatory \| lb-waf-on-public-alb \| web-alb \|/);
        assert.match(md, /- appeared: web-tg: name = "b{33}"/);
        // The same profile and no constraints on either side: nothing about them is printed.
        const same = renderComparisonText(comparePlans(base, head));
        assert.doesNotMatch(same, /Policy profile|changed level|would refuse/);
        // A plan JSON written before the plan named its profile or listed constraints still compares.
        assert.deepEqual(comparePlans(base, head).policyProfile, { before: null, after: null });
    });

    it("a resource one side could not price is not shown as costing $0 there: its lines are left out and named", () => {
        const unpriced = plan("dev", {
            region: "ap-southeast-2",
            cost: { monthlyTotal: null, items: base.cost.items.filter((i) => i.resource !== "web-alb"), missingPrices: [{ key: "albHour", resources: ["web-alb"] }] },
        });
        const c = comparePlans(base, unpriced);
        assert.equal(c.cost.delta, null);
        assert.deepEqual(c.cost.lines, []);
        assert.deepEqual(c.cost.notCompared, ["web-alb"]);
        assert.match(renderComparisonText(c), /\nNot compared \(a side's price table lacks prices they need, so their cost there is unknown\): web-alb\n/);
        assert.match(renderComparisonMarkdown(c), /Not compared .*: web-alb/);
        assert.deepEqual(comparePlans(base, head).cost.notCompared, []);
    });

    it("labels a line by its basis up to the first colon, however long the label (an interface endpoint's names its service)", () => {
        const endpoint = (monthly: number) => ({
            resource: "web-network-ecr-api",
            type: "aws:ec2/vpcEndpoint:VpcEndpoint",
            monthly,
            basis: `interface endpoint com.amazonaws.us-east-1.ecr.api: ${monthly / 10.95} AZ(s) × 730 h × $0.01/AZ-h`,
        });
        const c = comparePlans(plan("dev", { cost: { monthlyTotal: 21.9, items: [endpoint(21.9)] } }), plan("dev", { cost: { monthlyTotal: 32.85, items: [endpoint(32.85)] } }));
        assert.deepEqual(
            c.cost.lines.map((l) => [l.line, l.delta]),
            [["interface endpoint com.amazonaws.us-east-1.ecr.api", 10.95]],
        );
    });
});
