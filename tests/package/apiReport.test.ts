/**
 * The committed API reports (`api/*.api.md`) are the package's public API as built: API Extractor
 * reads the typings `npm run build` writes for each typed export of package.json, as
 * `npm run api:check` does. A changed export, signature or exposed type fails here until the
 * reports are regenerated (`npm run api`) and committed, so the change shows in review. The check
 * writes its reports to a temp folder only: a failing run leaves the repo untouched.
 */
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkFailures, runApiReports } from "../../tools/apiReport/runApiExtractor";
import { REPO_ROOT } from "../helpers/offline";
import { buildPackage } from "./fixtures";

describe("package: the committed public API reports", function () {
    this.timeout(300000);
    before(() => buildPackage());

    it("api/ holds the API of every typed export of the built package", () => {
        const temp = fs.mkdtempSync(path.join(os.tmpdir(), "fargatekit-api-"));
        try {
            const run = runApiReports({ root: REPO_ROOT, localBuild: false, tempFolder: temp });
            assert.deepEqual(
                run.results.map((r) => r.report),
                ["api/fargatekit.api.md", "api/fargatekit-policy.api.md", "api/fargatekit-policy-evaluate.api.md", "api/fargatekit-program.api.md"],
            );
            const failures = checkFailures(run, REPO_ROOT);
            assert.ok(failures.length === 0, failures.join("\n"));
        } finally {
            fs.rmSync(temp, { recursive: true, force: true });
        }
    });
});
