import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildPlan } from "../../tools/plan/plan";
import { renderJson, renderText, renderMarkdown, resourceTree } from "../../tools/plan/render";
import { parseArgs } from "../../tools/planCli";
import { REPO_ROOT } from "../helpers/offline";

describe("offline plan", () => {
    it("plans dev: every component, no mandatory violation, the cost of one small task", async () => {
        const plan = await buildPlan({ dir: REPO_ROOT, stack: "dev" });
        assert.equal(plan.region, "us-east-1");
        for (const c of ["WebService", "Platform", "Network", "Cluster", "LoadBalancer", "FargateService", "ServiceAutoscaling", "TaskRoles"]) {
            assert.ok(
                plan.resources.some((r) => r.type === `fargatekit:index:${c}`),
                c,
            );
        }
        assert.equal(plan.resources.length, 38);
        assert.equal(plan.violations.filter((v) => v.level === "mandatory").length, 0);
        assert.ok(plan.cost.monthlyTotal! > 30 && plan.cost.monthlyTotal! <= 33, String(plan.cost.monthlyTotal));
        assert.ok(plan.cost.monthlyMax! > plan.cost.monthlyTotal!);
        const alb = plan.cost.items.find((i) => /ALB hours/.test(i.basis))!;
        assert.equal(Math.round(alb.monthly * 100) / 100, 16.43);
        assert.match(plan.diagram.mermaid, /^flowchart LR/);
    });

    it("plans prod with no violation and renders text, markdown and the documented JSON", async () => {
        const plan = await buildPlan({ dir: REPO_ROOT, stack: "prod" });
        assert.deepEqual(plan.violations, []);
        const j = JSON.parse(renderJson(plan));
        assert.deepEqual(Object.keys(j).slice(0, 5), ["stack", "region", "resources", "violations", "cost"]);
        assert.deepEqual(Object.keys(j.resources[0]), ["urn", "type", "name", "parent", "inputs"]);
        assert.equal(j.cost.currency, "USD");
        for (const k of ["monthlyTotal", "monthlyMin", "monthlyMax"]) assert.equal(typeof j.cost[k], "number");
        assert.ok(j.cost.items.every((i: any) => typeof i.resource === "string" && typeof i.monthly === "number" && typeof i.basis === "string"));
        assert.match(renderText(plan), new RegExp(`^Stack prod \\(us-east-1\\): ${plan.resources.length} resources, 0 mandatory`));
        assert.equal(plan.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm").length, 8);
        assert.match(renderMarkdown(plan), /```mermaid\nflowchart LR/);
        const tree = resourceTree(plan.resources);
        assert.match(tree[0], /^└─ web \(fargatekit:index:WebService\)/);
    });

    it("applies a usage file", async () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "usage.yaml");
        fs.writeFileSync(file, "albProcessedGbPerHour: 10\n");
        const base = await buildPlan({ dir: REPO_ROOT, stack: "dev" });
        const heavy = await buildPlan({ dir: REPO_ROOT, stack: "dev", usageFile: file });
        assert.ok(heavy.cost.monthlyTotal! > base.cost.monthlyTotal! + 50);
    });

    it("reports a config error as the program's own error", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        fs.writeFileSync(path.join(dir, "Pulumi.bad.yaml"), "config:\n  fargatekit:image: nginx\n  fargatekit:cpu: 300\n  fargatekit:memory: 512\n");
        await assert.rejects(buildPlan({ dir, stack: "bad" }), /fargatekit:cpu = 300: is not a Fargate CPU size/);
        fs.writeFileSync(path.join(dir, "Pulumi.mars.yaml"), "config:\n  aws:region: mars-north-1\n  fargatekit:image: nginx\n");
        await assert.rejects(
            buildPlan({ dir, stack: "mars" }),
            /ConfigError: Invalid configuration \(1 problem\):\n  - aws:region = "mars-north-1": is not an AWS region; commercial regions: af-south-1, .*eu-central-1, .*us-west-2$/,
        );
    });

    it("parses its arguments", () => {
        assert.deepEqual(parseArgs([]), { stack: "dev", format: "text" });
        assert.deepEqual(parseArgs(["--stack", "prod", "--format", "json", "--out", "p.json"]), { stack: "prod", format: "json", out: "p.json" });
        assert.deepEqual(parseArgs(["--prices", "p.json", "--compare", "main.json"]), { stack: "dev", format: "text", prices: "p.json", compare: "main.json" });
        assert.throws(() => parseArgs(["--format", "xml"]), /--format must be text, markdown or json/);
        assert.throws(() => parseArgs(["--bogus"]), /unknown argument --bogus/);
    });
});
