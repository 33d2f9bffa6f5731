/**
 * `policy:check` end to end: the CLI as `ts-node --transpile-only tools/policyCheck.ts FILE.json`
 * runs it, on temp files. All runs start together in `before` to keep the file fast.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const TS_NODE = require.resolve("ts-node/dist/bin.js");

interface Run {
    code: number;
    stdout: string;
    stderr: string;
}

/** Run the CLI on `file` and collect its exit code and output. */
function runCheck(file: string): Promise<Run> {
    return new Promise((resolve) => {
        execFile(process.execPath, [TS_NODE, "--transpile-only", "tools/policyCheck.ts", file], { cwd: ROOT }, (err, stdout, stderr) => {
            const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
            resolve({ code, stdout, stderr });
        });
    });
}

/** `text` as a literal regular-expression source. */
function literal(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const bridgeTask = {
    type: "aws:ecs/taskDefinition:TaskDefinition",
    name: "bridge-task",
    props: { family: "web", networkMode: "bridge", cpu: "256", memory: "512", containerDefinitions: { __unknown: true } },
};

const INPUTS: Record<string, string> = {
    mandatory: JSON.stringify({ resources: [bridgeTask] }),
    advisoryOnly: JSON.stringify({ resources: [bridgeTask], config: { all: "advisory" } }),
    badShape: JSON.stringify({ resources: [{ type: "aws:ecs/taskDefinition:TaskDefinition", props: {} }] }),
    notJson: "{ resources: ",
    badConfig: JSON.stringify({ resources: [bridgeTask], config: { "no-such-policy": "advisory" } }),
};

describe("policy:check CLI", function () {
    let dir: string;
    const runs: Record<string, Run> = {};
    const fileOf = (key: string) => path.join(dir, `${key}.json`);

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-check-"));
        for (const [key, text] of Object.entries(INPUTS)) fs.writeFileSync(fileOf(key), text);
        const keys = [...Object.keys(INPUTS), "missing"];
        const results = await Promise.all(keys.map((k) => runCheck(fileOf(k))));
        keys.forEach((k, i) => (runs[k] = results[i]));
    });

    after(() => {
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("exits 1 on a mandatory violation and prints only the documented JSON", () => {
        const run = runs.mandatory;
        assert.equal(run.code, 1, run.stderr);
        const report = JSON.parse(run.stdout);
        assert.deepEqual(Object.keys(report), ["violations"]);
        assert.ok(report.violations.length > 0);
        for (const v of report.violations) assert.deepEqual(Object.keys(v), ["policy", "tags", "resource", "level", "message"]);
        const awsvpc = report.violations.filter((v: any) => v.tags.includes("rule:T1"));
        assert.deepEqual(
            awsvpc.map((v: any) => [v.resource, v.level]),
            [["bridge-task", "mandatory"]],
        );
    });

    it("exits 0 when every violation is advisory", () => {
        const run = runs.advisoryOnly;
        assert.equal(run.code, 0, run.stderr);
        const report = JSON.parse(run.stdout);
        assert.ok(report.violations.length > 0);
        assert.deepEqual([...new Set(report.violations.map((v: any) => v.level))], ["advisory"]);
    });

    it("exits 2 with the file and the problem on stderr for a malformed input", () => {
        const run = runs.badShape;
        assert.equal(run.code, 2);
        assert.equal(run.stdout, "");
        assert.equal(run.stderr.trim(), `policy:check: ${fileOf("badShape")}: resources[0].name must be a non-empty string`);
    });

    it("exits 2 for text that is not JSON and for a missing file", () => {
        assert.equal(runs.notJson.code, 2);
        assert.equal(runs.notJson.stdout, "");
        assert.match(runs.notJson.stderr, new RegExp(`^policy:check: ${literal(fileOf("notJson"))}: not valid JSON: `));
        assert.equal(runs.missing.code, 2);
        assert.equal(runs.missing.stdout, "");
        assert.match(runs.missing.stderr, new RegExp(`^policy:check: cannot read ${literal(fileOf("missing"))}: ENOENT`));
    });

    it("exits 2 naming the key when the config names no policy", () => {
        const run = runs.badConfig;
        assert.equal(run.code, 2);
        assert.equal(run.stdout, "");
        assert.match(run.stderr, /"no-such-policy": no policy of the pack has this name/);
        assert.ok(run.stderr.includes(fileOf("badConfig")));
    });
});
