import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { changedLines } from "../../tools/apiReport/changedLines";
import { apiEntries, reportNameOf, staleReports } from "../../tools/apiReport/entries";
import { REPO_ROOT } from "../helpers/offline";

describe("API reports: which exports get one", () => {
    it("names a report after the package and the export's subpath", () => {
        assert.equal(reportNameOf("fargatekit", "."), "fargatekit");
        assert.equal(reportNameOf("fargatekit", "./policy/evaluate"), "fargatekit-policy-evaluate");
        assert.equal(reportNameOf("@acme/kit", "./policy"), "kit-policy");
    });

    it("takes every export with .d.ts typings, and skips the others", () => {
        const pkg = {
            name: "fargatekit",
            exports: {
                ".": { types: "./dist/components/index.d.ts", default: "./dist/components/index.js" },
                "./policy": { types: "./dist/policy/policies.d.ts", default: "./dist/policy/policies.js" },
                "./package.json": "./package.json",
                "./untyped": { default: "./dist/x.js" },
            },
        };
        assert.deepEqual(apiEntries(pkg), [
            { subpath: ".", typings: "dist/components/index.d.ts", reportName: "fargatekit" },
            { subpath: "./policy", typings: "dist/policy/policies.d.ts", reportName: "fargatekit-policy" },
        ]);
    });

    it("covers this package's typed exports", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
        assert.deepEqual(
            apiEntries(pkg).map((e) => e.reportName),
            ["fargatekit", "fargatekit-policy", "fargatekit-policy-evaluate", "fargatekit-program"],
        );
    });

    it("finds reports that no export has any more", () => {
        const entries = apiEntries({ name: "fargatekit", exports: { ".": { types: "./dist/index.d.ts" } } });
        assert.deepEqual(staleReports(["fargatekit.api.md", "fargatekit-old.api.md", "README.md"], entries), ["fargatekit-old.api.md"]);
    });
});

describe("API reports: the account of a changed report", () => {
    it("lists removed then added lines, in order, counting repeated lines", () => {
        const before = "a\nb\nb\nc\n";
        const after = "a\nb\nc\nd\n";
        assert.deepEqual(changedLines(before, after), ["- b", "+ d"]);
    });

    it("stops at the limit and says how many more", () => {
        assert.deepEqual(changedLines("", "1\n2\n3\n4", 2), ["+ 1", "+ 2", "… and 2 more"]);
    });
});
