import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../helpers/offline";
import { FIXTURES, removeTempDirs, tempDir } from "../generator/helpers";

// The generator's command as its own process (ts-node start-up, a few seconds): package tier.
const SEED = path.join(FIXTURES, "seed-000-flask-awslogs.json");

after(removeTempDirs);

describe("generator: fargatekit CLI as a process", () => {
    it("runs as a program through ts-node", () => {
        const dir = tempDir();
        const r = spawnSync(
            process.execPath,
            [
                require.resolve("ts-node/dist/bin"),
                "--transpile-only",
                path.join(REPO_ROOT, "tools", "fargatekitCli.ts"),
                "import-task-definition",
                SEED,
                "--stack",
                "dev",
                "--out",
                dir,
            ],
            {
                cwd: REPO_ROOT,
                encoding: "utf8",
            },
        );
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, /^Wrote .*Pulumi\.dev\.yaml \(stack dev\)/);
        assert.deepEqual(fs.readdirSync(dir).sort(), ["Pulumi.dev.yaml"]);
    });
});
