import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { availablePolicyProfiles, resolvePolicyProfile } from "../../tools/plan/plan";
import { parseArgs } from "../../tools/planCli";
import { REPO_ROOT } from "../helpers/offline";

describe("plan: which policy profile, and why", () => {
    it("offers the three profiles of this repo", () => {
        for (const p of ["dev", "prod", "strict"]) assert.ok(availablePolicyProfiles(REPO_ROOT).includes(p), p);
    });

    it("takes the stack's name, --policy-profile, or says none applied", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "profile-"));
        const byStack = resolvePolicyProfile(dir, "prod");
        assert.equal(byStack.name, "prod");
        assert.equal(byStack.reason, "the stack is named prod");
        assert.equal(byStack.file, path.join(REPO_ROOT, "policy", "config", "prod.json"));
        const picked = resolvePolicyProfile(dir, "staging", "strict");
        assert.equal(picked.name, "strict");
        assert.equal(picked.reason, "--policy-profile strict");
        assert.equal(picked.config.all, "mandatory");
        const none = resolvePolicyProfile(dir, "staging");
        assert.equal(none.name, undefined);
        assert.deepEqual(none.config, {});
        assert.match(
            none.reason,
            /no policy\/config\/staging\.json and no --policy-profile: every policy at the pack's own level \(the prod levels\); profiles: dev, prod, strict/,
        );
        assert.throws(() => resolvePolicyProfile(dir, "prod", "strcit"), /--policy-profile strcit: no policy\/config\/strcit\.json; profiles: dev, prod, strict/);
    });

    it("prefers the project's own profile file", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "profile-"));
        fs.mkdirSync(path.join(dir, "policy", "config"), { recursive: true });
        fs.writeFileSync(path.join(dir, "policy", "config", "staging.json"), JSON.stringify({ "lb-waf-on-public-alb": "mandatory" }));
        const p = resolvePolicyProfile(dir, "staging");
        assert.equal(p.file, path.join(dir, "policy", "config", "staging.json"));
        assert.deepEqual(p.config, { "lb-waf-on-public-alb": "mandatory" });
    });

    it("parses --policy-profile", () => {
        assert.deepEqual(parseArgs(["--stack", "staging", "--policy-profile", "strict"]), { stack: "staging", policyProfile: "strict", format: "text" });
        assert.throws(() => parseArgs(["--policy-profile"]), /--policy-profile needs a value/);
    });
});
