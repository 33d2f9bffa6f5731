import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkPlanInputs } from "../../tools/planCli";
import { REPO_ROOT } from "../helpers/offline";

describe("plan CLI: option files and the profile are checked before the program runs", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-inputs-"));
        fs.writeFileSync(path.join(dir, "table.json"), JSON.stringify({ hoursPerMonth: 730 }));
        fs.writeFileSync(path.join(dir, "usage.yaml"), "albRulesCount: -1\n");
        fs.writeFileSync(path.join(dir, "base.json"), "{}");
    });

    it("reports every bad flag at once, each naming the flag, the file or name, and what is allowed", () => {
        const { problems, base } = checkPlanInputs({
            dir: REPO_ROOT,
            stack: "dev",
            prices: path.join(dir, "table.json"),
            usage: path.join(dir, "usage.yaml"),
            policyProfile: "nope",
            compare: path.join(dir, "base.json"),
        });
        assert.equal(base, undefined);
        assert.equal(problems.length, 4);
        assert.match(problems[0], /^--prices: .*table\.json: a price table needs "hoursPerMonth", "priceDate", "currency": "USD" and "regions"$/);
        assert.match(problems[1], /^--usage: Usage key "albRulesCount" in .*usage\.yaml must be a non-negative number, got -1; allowed keys: /);
        assert.match(problems[2], /^--policy-profile nope: no policy\/config\/nope\.json; profiles: dev, prod, strict$/);
        assert.match(problems[3], /^--compare: .*base\.json: not a plan's JSON/);
    });

    it("a missing file names its flag and path", () => {
        const missing = path.join(dir, "absent.json");
        assert.deepEqual(
            checkPlanInputs({ dir: REPO_ROOT, stack: "dev", prices: missing }).problems.map((p) => p.startsWith("--prices: ") && p.includes(missing)),
            [true],
        );
    });

    it("good inputs: no problems, and the base plan of --compare is read", () => {
        const file = path.join(dir, "good-base.json");
        fs.writeFileSync(file, JSON.stringify({ stack: "dev", region: "us-east-1", resources: [], violations: [], cost: { monthlyTotal: 0, items: [] } }));
        const { problems, base } = checkPlanInputs({ dir: REPO_ROOT, stack: "dev", policyProfile: "strict", compare: file });
        assert.deepEqual(problems, []);
        assert.equal(base?.stack, "dev");
    });
});
