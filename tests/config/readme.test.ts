import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { CONFIG_SCHEMA } from "../../program/schema";
import { REPO_ROOT } from "../helpers/offline";

describe("README", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    it("documents every config key with its type, default and meaning", () => {
        for (const [key, spec] of Object.entries(CONFIG_SCHEMA)) {
            const row = readme.split("\n").find((l) => l.startsWith(`| \`${key}\` |`));
            assert.ok(row, `README lacks a row for ${key}`);
            assert.ok(row.includes(`| ${spec.type} |`), `${key}: type`);
            assert.ok(row.includes(spec.default === undefined ? "| — |" : "`" + JSON.stringify(spec.default) + "`"), `${key}: default`);
            assert.ok(row.includes(spec.description.replace(/\|/g, "\\|")), `${key}: description`);
        }
    });
    it("gives the set-up, plan and test commands", () => {
        for (const cmd of ["npm ci", "npm run plan", "npm test"]) assert.ok(readme.includes(cmd), cmd);
    });
});

describe("README policy table", () => {
    it("lists every policy of the pack", async () => {
        const { allPolicies } = await import("../../policy/policies");
        const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
        for (const p of allPolicies) assert.ok(readme.includes(`| \`${p.name}\` |`), p.name);
    });

    it("shows each policy's level under dev, prod and strict exactly as the pack and profiles give them", async () => {
        const { withPolicyTable } = await import("../../tools/policyTable");
        const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
        assert.ok(readme === withPolicyTable(readme), "README policy table is out of date: run npx ts-node --transpile-only tools/policyTable.ts --write");
    });
});
