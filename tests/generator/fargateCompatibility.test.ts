import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { FARGATE_COMPATIBILITY, FARGATE_MAX_CPU, FARGATE_MAX_EPHEMERAL_GIB, FARGATE_MAX_MEMORY_MIB } from "../../tools/generator/fargateCompatibility";
import { CONTAINER_DROP_RULES, TASK_DROP_RULES } from "../../tools/generator/unsupported";
import { REPO_ROOT } from "../helpers/offline";

/** The README's importer section. */
function importerSection(): string {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const start = readme.indexOf("\n## Coming from the ECS console or the AWS CLI\n");
    assert.ok(start >= 0, "the importer section exists");
    const end = readme.indexOf("\n## ", start + 1);
    return readme.slice(start, end < 0 ? undefined : end);
}

describe("generator: the Fargate compatibility table", () => {
    it("gives every entry a unique id, a reason, an alternative and a public source", () => {
        const ids = FARGATE_COMPATIBILITY.map((e) => e.id);
        assert.equal(new Set(ids).size, ids.length, "unique ids");
        for (const e of FARGATE_COMPATIBILITY) {
            assert.ok(e.fields.length > 0 && e.when && e.reason && e.alternative, e.id);
            assert.match(e.source, /^https:\/\//, e.id);
        }
    });

    it("holds Fargate's limits: 16 vCPU, 120 GiB, 200 GiB of ephemeral storage", () => {
        assert.deepEqual([FARGATE_MAX_CPU, FARGATE_MAX_MEMORY_MIB, FARGATE_MAX_EPHEMERAL_GIB], [16384, 122880, 200]);
    });

    it("classifies every field the importer drops by rule", () => {
        const classified = new Set(FARGATE_COMPATIBILITY.flatMap((e) => e.fields));
        const dropped = [...CONTAINER_DROP_RULES.map((r) => `containerDefinitions[].${r.field}`), ...TASK_DROP_RULES.map((r) => r.field)];
        assert.deepEqual(
            dropped.filter((f) => !classified.has(f)),
            [],
        );
    });

    it("is listed in the README's importer section, each field under its verdict", () => {
        const section = importerSection();
        const blockingAt = section.indexOf("\nBlocking (refused unless `--force`):\n");
        const adaptableAt = section.indexOf("\nAdaptable (dropped or changed, with a report line):\n");
        assert.ok(blockingAt >= 0 && adaptableAt > blockingAt, "a blocking list, then an adaptable list");
        const parts = { blocking: section.slice(blockingAt, adaptableAt), adaptable: section.slice(adaptableAt) };
        const missing = FARGATE_COMPATIBILITY.flatMap((e) => e.fields.filter((f) => !parts[e.verdict].includes(`\`${f}\``)).map((f) => `${e.verdict} ${e.id}: ${f}`));
        assert.deepEqual(missing, []);
    });
});
