import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { buildPlan, Plan } from "../../tools/plan/plan";
import { importTaskDefinition } from "../../tools/generator/importer";
import { parseTaskDefinition } from "../../tools/generator/taskDefinition";
import { stackYaml } from "../../tools/generator/yamlStack";
import { REPO_ROOT } from "../helpers/offline";
import { fixtureText, removeTempDirs, SEED_FIXTURES, tempDir } from "./helpers";

/** Plan a generated config as the dev stack of a scratch project (the repo's Pulumi.yaml and dev policy profile). */
async function planDev(config: Record<string, unknown>, sourceFile: string): Promise<Plan> {
    const dir = tempDir("fargatekit-gen-plan-");
    fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.mkdirSync(path.join(dir, "policy", "config"), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, "policy", "config", "dev.json"), path.join(dir, "policy", "config", "dev.json"));
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stackYaml(config, { stack: "dev", sourceFile }));
    try {
        return await buildPlan({ dir, stack: "dev" });
    } finally {
        removeTempDirs();
    }
}

/** "policy on resource" of the mandatory violations. */
function mandatory(plan: Plan): string[] {
    return plan.violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy} on ${v.resource}`);
}

describe("generator: offline plans of imported task definitions", function () {
    this.timeout(60000);

    for (const f of SEED_FIXTURES) {
        it(`plans ${f.register}: no mandatory violation; the floating image its report notes is the dev advisory, gone once pinned`, async () => {
            const { config, report } = importTaskDefinition(parseTaskDefinition(fixtureText(f.register)), { stack: "dev" });
            const image = config["fargatekit:image"] as string;
            const note = report.find((l) => l.kind === "note" && l.path.endsWith(".image"));
            assert.ok(note, "the report notes the floating image");
            assert.match(note.message, /ecs-task-image-not-latest/);

            const asImported = await planDev(config, f.register);
            assert.equal(asImported.resources.filter((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition").length, 1);
            assert.deepEqual(mandatory(asImported), []);
            assert.ok(
                asImported.violations.some(
                    (v) => v.level === "advisory" && v.policy === "ecs-task-image-not-latest" && v.resource === `${config["fargatekit:serviceName"]}-service`,
                ),
            );

            const pinned = { ...config, "fargatekit:image": `${image.replace(/:latest$/, "")}@sha256:${"0123456789abcdef".repeat(4)}` };
            const afterNote = await planDev(pinned, f.register);
            assert.deepEqual(mandatory(afterNote), []);
            assert.ok(!afterNote.violations.some((v) => v.policy === "ecs-task-image-not-latest"));
            const td = afterNote.resources.find((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition")!;
            assert.equal(td.inputs.cpu, String(config["fargatekit:cpu"]));
            assert.equal(td.inputs.memory, String(config["fargatekit:memory"]));
            const web = JSON.parse(td.inputs.containerDefinitions)[0];
            assert.equal(web.name, config["fargatekit:containerName"]);
            assert.equal(web.user, "10001");
            assert.equal(web.readonlyRootFilesystem, true);
            assert.deepEqual(web.portMappings, [{ containerPort: config["fargatekit:containerPort"], protocol: "tcp" }]);
        });
    }
});
