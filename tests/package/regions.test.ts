/**
 * Whole plans across regions and plan comparisons (slow tier: each case runs the program).
 * The per-region pricing of every commercial region is in tests/cost/regions.test.ts (one stack, re-priced).
 */
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { buildPlan, Plan } from "../../tools/plan/plan";
import { renderJson, renderMarkdown, renderText } from "../../tools/plan/render";
import { comparePlans, PlanJson, renderComparisonJson, renderComparisonMarkdown, renderComparisonText } from "../../tools/plan/compare";
import { importTaskDefinition } from "../../tools/generator/importer";
import { parseTaskDefinition } from "../../tools/generator/taskDefinition";
import { stackYaml } from "../../tools/generator/yamlStack";
import { REPO_ROOT } from "../helpers/offline";
import { pricesFor, priceTable } from "../../tools/cost/prices";
import { fixtureText } from "../generator/helpers";

/** A scratch project with the repo's Pulumi.yaml and policy profiles, and one stack file. */
function project(stack: string, config: Record<string, unknown>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fargatekit-regions-"));
    fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.mkdirSync(path.join(dir, "policy", "config"), { recursive: true });
    for (const f of ["dev.json", "prod.json"]) fs.copyFileSync(path.join(REPO_ROOT, "policy", "config", f), path.join(dir, "policy", "config", f));
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), YAML.stringify({ config }));
    return dir;
}

/** A repo stack's config with overrides (YAML values). */
function stackConfig(stack: string, overrides: Record<string, unknown>): Record<string, unknown> {
    const config = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")).config;
    return { ...config, ...overrides };
}

const json = (plan: Plan): PlanJson => JSON.parse(renderJson(plan));

describe("plans in every region, and what a change costs", function () {
    this.timeout(180000);

    it("a region without bundled prices plans whole: resources, verdicts, diagram; the cost names the missing prices and has no total", async () => {
        const dir = project("dev", stackConfig("dev", { "aws:region": "ap-southeast-2", "fargatekit:buildContext": path.join(REPO_ROOT, "app") }));
        const plan = await buildPlan({ dir, stack: "dev" });
        assert.equal(plan.region, "ap-southeast-2");
        assert.equal(plan.violations.filter((v) => v.level === "mandatory").length, 0);
        assert.ok(plan.resources.length > 30);
        assert.match(plan.diagram.mermaid, /^flowchart LR/);
        assert.equal(plan.cost.complete, false);
        assert.equal(plan.cost.monthlyTotal, null);
        assert.ok(plan.cost.missingPrices.some((m) => m.key === "albHour" && m.resources.includes("web-alb")));
        const j = JSON.parse(renderJson(plan));
        assert.deepEqual([j.cost.monthlyTotal, j.cost.complete], [null, false]);
        assert.match(j.cost.howToGetPrices, /prices update --region ap-southeast-2/);
        const text = renderText(plan);
        assert.match(
            text,
            /^Stack dev \(ap-southeast-2\): \d+ resources, 0 mandatory and \d+ advisory policy violations, no cost total \(\d+ price\(s\) missing for ap-southeast-2\)/,
        );
        assert.match(text, /Total: not computed: the price table has no ap-southeast-2 figure/);
        assert.match(renderMarkdown(plan), /no cost total/);

        // `--prices FILE` (the shape `fargatekit prices update --out` writes) fills the region: the total is back.
        const file = path.join(dir, "prices.json");
        fs.writeFileSync(file, JSON.stringify({ ...priceTable(), priceDate: "2026-12-04", regions: { "ap-southeast-2": pricesFor("us-east-1") } }));
        const priced = await buildPlan({ dir, stack: "dev", pricesFile: file });
        assert.deepEqual([priced.cost.complete, priced.cost.priceDate, priced.cost.missingPrices], [true, "2026-12-04", []]);
        assert.equal(priced.cost.monthlyTotal, (await buildPlan({ dir: REPO_ROOT, stack: "dev" })).cost.monthlyTotal);
    });

    it("plans a stack imported from a task definition of an unpriced region (ap-southeast-2)", async () => {
        const source = fixtureText("seed-000-flask-awslogs.json").replace(/"awslogs-region": "us-east-1"/g, '"awslogs-region": "ap-southeast-2"');
        const { config } = importTaskDefinition(parseTaskDefinition(source), { stack: "dev" });
        assert.equal(config["aws:region"], "ap-southeast-2");
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fargatekit-imported-"));
        fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stackYaml(config, { stack: "dev", sourceFile: "seed-000-flask-awslogs.json" }));
        const plan = await buildPlan({ dir, stack: "dev" });
        assert.equal(plan.region, "ap-southeast-2");
        assert.equal(plan.resources.filter((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition").length, 1);
        assert.deepEqual([plan.cost.complete, plan.cost.monthlyTotal], [false, null]);
        assert.ok(plan.cost.missingPrices.some((m) => m.key === "fargateX86VcpuHour"));
    });

    describe("--compare on pairs of stacks, in text, markdown and JSON", () => {
        let dev: PlanJson;
        before(async () => {
            dev = json(await buildPlan({ dir: REPO_ROOT, stack: "dev" }));
        });

        it("dev → prod: NAT, endpoints, WAF and alarms added, dev's advisories cleared, the cost delta line by line", async () => {
            const prod = json(await buildPlan({ dir: REPO_ROOT, stack: "prod" }));
            const c = comparePlans(dev, prod);
            assert.ok(c.resources.added.some((r) => r.type === "aws:wafv2/webAcl:WebAcl"));
            assert.ok(c.resources.added.some((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint"));
            assert.deepEqual(c.resources.removed, []);
            const vpc = c.resources.changed.find((r) => r.type === "awsx:ec2:Vpc")!;
            assert.deepEqual(
                vpc.changes.find((p) => p.path === "natGateways.strategy"),
                { path: "natGateways.strategy", before: "None", after: "OnePerAz" },
            );
            assert.ok(c.verdicts.cleared.some((v) => v.policy === "lb-waf-on-public-alb"));
            assert.deepEqual(c.verdicts.appeared, []);
            // dev is judged with the dev profile, prod with prod: the comparison says so.
            assert.deepEqual(c.policyProfile, { before: "dev", after: "prod" });
            assert.match(renderComparisonText(c), /\nPolicy profile dev → prod: /);
            assert.equal(c.cost.delta, Math.round((prod.cost.monthlyTotal! - dev.cost.monthlyTotal!) * 10000) / 10000);
            const lineSum = c.cost.lines.reduce((sum, l) => sum + l.delta, 0);
            assert.ok(Math.abs(lineSum - c.cost.delta!) < 0.01, `${lineSum} vs ${c.cost.delta}`);
            assert.ok(c.cost.lines.some((l) => l.resource === "web-network" && l.line === "NAT hours" && l.after === 98.55));
            assert.match(
                renderComparisonText(c),
                /^dev \(us-east-1\) → prod \(us-east-1\): \d+ added, 0 removed, \d+ changed; 0 verdict\(s\) appeared, \d+ cleared; \+\$\d+\.\d\d\/month/,
            );
            assert.match(renderComparisonMarkdown(c), /\| web-network \| NAT hours \| \$0\.00 \| \$98\.55 \| \+\$98\.55 \|/);
            assert.deepEqual(JSON.parse(renderComparisonJson(c)).cost.delta, c.cost.delta);
        });

        it("a config change (cpu 256 → 512, memory 512 → 1024): the task definition changed and the task line costs more", async () => {
            const dir = project("dev", stackConfig("dev", { "fargatekit:cpu": 512, "fargatekit:memory": 1024, "fargatekit:buildContext": path.join(REPO_ROOT, "app") }));
            const bigger = json(await buildPlan({ dir, stack: "dev" }));
            const c = comparePlans(dev, bigger);
            assert.deepEqual([c.resources.added, c.resources.removed], [[], []]);
            const td = c.resources.changed.find((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition")!;
            assert.deepEqual(
                td.changes.filter((p) => p.path === "cpu" || p.path === "memory"),
                [
                    { path: "cpu", before: "256", after: "512" },
                    { path: "memory", before: "512", after: "1024" },
                ],
            );
            // one Spot task at 70 % off: 0.25 vCPU/0.5 GB $2.703 → 0.5 vCPU/1 GB $5.406
            assert.deepEqual(
                c.cost.lines.map((l) => [l.resource, l.line, l.before, l.after, l.delta]),
                [["web-service", "tasks", 2.703, 5.406, 2.703]],
            );
            assert.match(renderComparisonText(c), /web-service tasks\s+\$2\.70 →\s+\$5\.41\s+\+\$2\.70/);
            assert.match(renderComparisonMarkdown(c), /Monthly cost \*\*\+\$2\.70\/month\*\*/);
            assert.equal(JSON.parse(renderComparisonJson(c)).resources.changed.length, c.resources.changed.length);
        });

        it("a component added (a scheduled task): its schedule, role and dead-letter queue are added and priced", async () => {
            const dir = project(
                "dev",
                stackConfig("dev", {
                    "fargatekit:buildContext": path.join(REPO_ROOT, "app"),
                    "fargatekit:scheduledTasks": [{ name: "report", schedule: "cron(0 3 * * ? *)", command: ["python", "report.py"] }],
                }),
            );
            const withTask = json(await buildPlan({ dir, stack: "dev" }));
            const c = comparePlans(dev, withTask);
            assert.deepEqual(c.resources.removed, []);
            for (const type of ["fargatekit:index:ScheduledTask", "aws:scheduler/schedule:Schedule", "aws:sqs/queue:Queue"])
                assert.ok(
                    c.resources.added.some((r) => r.type === type),
                    type,
                );
            const run = c.cost.lines.find((l) => l.line === "scheduled task runs")!;
            assert.ok(run.before === 0 && run.after > 0, JSON.stringify(run));
            assert.match(renderComparisonText(c), /\+ web-report-schedule \(aws:scheduler\/schedule:Schedule\)/);
            assert.match(renderComparisonMarkdown(c), /➕ `web-report-schedule` \(aws:scheduler\/schedule:Schedule\)/);
            assert.ok(JSON.parse(renderComparisonJson(c)).resources.added.length >= 3);
        });
    });
});
