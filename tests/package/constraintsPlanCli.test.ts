/** `npm run plan -- --dir DIR` on a user's program with a value AWS refuses: exit 2, the problem on stderr. Slow tier (spawns the CLI). */
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../helpers/offline";

describe("constraints: the plan CLI on a user's program", function () {
    this.timeout(180000);

    it("exits 2 and prints each refused value with its rule and source, as clearly as a config error", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "constraints-cli-"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: userapp\nruntime: nodejs\n");
        fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  aws:region: us-east-1\n");
        fs.writeFileSync(
            path.join(dir, "index.ts"),
            [
                `const aws = require(${JSON.stringify(require.resolve("@pulumi/aws"))});`,
                `const sg = new aws.ec2.SecurityGroup("app", { description: "app tasks", vpcId: "vpc-0123456789abcdef0" });`,
                `new aws.vpc.SecurityGroupEgressRule("app-out", { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", description: "the app's HTTPS calls" });`,
                `export const id = sg.id;`,
            ].join("\n"),
        );
        const r = spawnSync("npm", ["run", "-s", "plan", "--", "--dir", dir, "--svg", path.join(dir, "plan.svg")], {
            cwd: REPO_ROOT,
            encoding: "utf8",
            env: { ...process.env, INIT_CWD: dir },
        });
        assert.equal(r.status, 2, r.stderr);
        assert.match(
            r.stderr,
            /error: AWS or the provider would refuse 1 value of stack dev; `pulumi up` would fail:\n {2}aws:vpc\/securityGroupEgressRule:SecurityGroupEgressRule::app-out: description = "the app's HTTPS calls": .*not allowed: "'" \(source: botocore ec2 IpRange\.Description documentation/,
        );
        assert.match(r.stdout, /^Stack dev \(us-east-1\): 2 resources, .*\n1 value AWS or the provider would refuse: this stack cannot deploy/);
    });
});
