/**
 * The plan reports constraint problems of any program it plans, ours or a user's (`--dir`): in the
 * plan, in the text and markdown renderings, in the JSON `constraints` array, and as the CLI's error.
 */
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildPlan, Plan } from "../../tools/plan/plan";
import { constraintError, renderJson, renderMarkdown, renderText } from "../../tools/plan/render";

/** A user's project: an SG whose rule description EC2 refuses, and a target group whose auto-name is too long. */
function userProject(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "constraints-plan-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: userapp\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  aws:region: us-east-1\n");
    fs.writeFileSync(
        path.join(dir, "index.js"),
        [
            `const aws = require(${JSON.stringify(require.resolve("@pulumi/aws"))});`,
            `const sg = new aws.ec2.SecurityGroup("app", { description: "app tasks", vpcId: "vpc-0123456789abcdef0" });`,
            `new aws.vpc.SecurityGroupIngressRule("app-in", { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "10.0.0.0/16", description: "from the team's VPN" });`,
            `new aws.lb.TargetGroup("a-target-group-with-a-long-name", { port: 80, protocol: "HTTP", targetType: "ip", vpcId: "vpc-0123456789abcdef0" });`,
            `exports.sg = sg.id;`,
        ].join("\n"),
    );
    return dir;
}

describe("constraints in the plan, also of a user's own program", function () {
    this.timeout(60000);
    let plan: Plan;
    before(async () => {
        const dir = userProject();
        plan = await buildPlan({ dir, stack: "dev", entry: path.join(dir, "index.js") });
    });

    it("finds every refused value of the user's program, with resource, property, value, rule and source", () => {
        const byResource = Object.fromEntries(plan.constraints.map((p) => [p.resource, p]));
        assert.deepEqual(Object.keys(byResource).sort(), [
            "aws:lb/targetGroup:TargetGroup::a-target-group-with-a-long-name",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::app-in",
        ]);
        const description = byResource["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::app-in"];
        assert.deepEqual([description.property, description.value], ["description", "from the team's VPN"]);
        const name = byResource["aws:lb/targetGroup:TargetGroup::a-target-group-with-a-long-name"];
        assert.equal(name.property, "name");
        assert.match(String(name.value), /^a-target-group-with-a-long-name-[0-9a-f]{7}$/);
        assert.match(name.rule, /39 characters, longer than its maximum of 32/);
        for (const p of plan.constraints) assert.ok(p.rule && p.source);
    });

    it("prints them in text and markdown, puts them in the JSON and makes the CLI's error", () => {
        assert.match(renderText(plan), /^Stack dev \(us-east-1\): \d+ resources, .*\n2 values AWS or the provider would refuse: this stack cannot deploy/);
        assert.match(
            renderText(plan),
            /AWS and provider constraints \(these values would be refused\)\n(?: {2}.*\n)* {2}aws:vpc\/securityGroupIngressRule:SecurityGroupIngressRule::app-in: description = "from the team's VPN": .*not allowed: "'" \(source: botocore ec2/,
        );
        assert.match(renderMarkdown(plan), /## AWS and provider constraints/);
        assert.deepEqual(JSON.parse(renderJson(plan)).constraints, plan.constraints);
        assert.match(constraintError(plan), /^error: AWS or the provider would refuse 2 values of stack dev; `pulumi up` would fail:\n {2}aws:/);
    });
});
