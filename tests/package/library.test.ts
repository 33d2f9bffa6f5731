import * as assert from "node:assert/strict";
import { execFileSync } from "child_process";
import * as fs from "fs";
import { createRequire } from "module";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT, one } from "../helpers/offline";
import { runOffline } from "../../tools/offline/engine";
import { packedTarball } from "./fixtures";

/** The public API the README documents (Components table and helpers). */
const PUBLIC_COMPONENTS = [
    "WebService",
    "Platform",
    "ServiceAlarms",
    "ServiceKey",
    "ServiceLogGroup",
    "ImageRepository",
    "ContainerImage",
    "TaskRoles",
    "Network",
    "Cluster",
    "LoadBalancer",
    "FargateService",
    "ServiceAutoscaling",
];

describe("the npm package", function () {
    let tarball: string;
    let consumer: string;

    before(() => {
        tarball = packedTarball();
        consumer = fs.mkdtempSync(path.join(os.tmpdir(), "fargatekit-consumer-"));
        fs.mkdirSync(path.join(consumer, "node_modules", "fargatekit"), { recursive: true });
        execFileSync("tar", ["-xzf", tarball, "-C", path.join(consumer, "node_modules", "fargatekit"), "--strip-components=1"]);
        // The consumer's other dependencies: the same installed SDK and providers (one SDK, one AWS provider).
        // @aws-sdk: util-endpoints, whose partition data the config check reads for the list of regions.
        for (const dep of ["@pulumi", "@types", "@aws-sdk", "@cloud-copilot", "typescript", "yaml"])
            fs.symlinkSync(path.join(REPO_ROOT, "node_modules", dep), path.join(consumer, "node_modules", dep));
    });

    it("ships the compiled library with declarations and the policy pack, not the tests or tools", () => {
        const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n");
        for (const f of [
            "package/dist/components/index.js",
            "package/dist/components/index.d.ts",
            "package/dist/policy/policies.js",
            "package/policy/index.ts",
            "package/policy/config/prod.json",
            "package/README.md",
        ])
            assert.ok(files.includes(f), f);
        assert.ok(!files.some((f) => f.startsWith("package/tests/") || f.startsWith("package/tools/") || f.startsWith("package/node_modules/")));
        const pkg = JSON.parse(fs.readFileSync(path.join(consumer, "node_modules", "fargatekit", "package.json"), "utf8"));
        assert.equal(pkg.peerDependencies["@pulumi/pulumi"], "^3.248.0");
        assert.equal(pkg.dependencies["@pulumi/pulumi"], undefined);
        for (const d of Object.values<string>(pkg.dependencies)) assert.match(d, /^\^/);
        assert.ok(pkg.dependencies.yaml, "the fargatekit command needs yaml at run time");
    });

    it("exports exactly the documented public API", () => {
        const api = require(path.join(consumer, "node_modules", "fargatekit"));
        for (const c of PUBLIC_COMPONENTS) assert.equal(typeof api[c], "function", c);
        const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
        for (const c of PUBLIC_COMPONENTS) assert.ok(readme.includes(`| \`${c}\` |`), `README documents ${c}`);
        const policies = require(path.join(consumer, "node_modules", "fargatekit", "dist", "policy", "policies.js"));
        assert.ok(policies.allPolicies.length >= 85);
        // fargatekit/program, resolved through the package's exports map as a consumer's import is.
        // (createRequire from the consumer: this file's own require would resolve "fargatekit" to this checkout, its own package.)
        const programEntry = createRequire(path.join(consumer, "index.js")).resolve("fargatekit/program");
        assert.equal(programEntry, path.join(consumer, "node_modules", "fargatekit", "dist", "program", "index.js"));
        const program = require(programEntry);
        assert.deepEqual(Object.keys(program).sort(), ["CONFIG_NAMESPACE", "ConfigError", "loadSettings", "webServiceProgram"]);
        assert.ok(fs.existsSync(path.join(consumer, "node_modules", "fargatekit", "dist", "program", "index.d.ts")));
        for (const name of Object.keys(program)) assert.ok(readme.includes(`\`${name}\``), `README documents fargatekit/program's ${name}`);
    });

    it("ships the fargatekit command, which imports a task definition", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(consumer, "node_modules", "fargatekit", "package.json"), "utf8"));
        const bin = path.join(consumer, "node_modules", "fargatekit", pkg.bin.fargatekit);
        assert.match(fs.readFileSync(bin, "utf8"), /^#!\/usr\/bin\/env node/);
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "fargatekit-bin-"));
        const report = execFileSync(
            process.execPath,
            [bin, "import-task-definition", path.join(REPO_ROOT, "tests", "generator", "fixtures", "seed-004-nginx-fargate.json"), "--stack", "staging", "--out", out],
            { encoding: "utf8" },
        );
        assert.match(report, /Changed/);
        assert.match(fs.readFileSync(path.join(out, "Pulumi.staging.yaml"), "utf8"), /fargatekit:image:/);
    });

    it("type-checks and runs a consumer program under mocks", async () => {
        fs.writeFileSync(
            path.join(consumer, "index.ts"),
            `import { WebService } from "fargatekit";\nexport const web = new WebService("shop", { image: { uri: "public.ecr.aws/nginx/nginx-unprivileged:1.27" }, container: { port: 8080 }, scaling: { minCount: 2, maxCount: 4 } });\n` +
                // "moduleResolution": "node" ignores the exports map: package.json's typesVersions leads it to dist/program's declarations.
                `import { webServiceProgram, ConfigError } from "fargatekit/program";\nexport const program = (): unknown => webServiceProgram({ projectDir: ".", namespace: "shop" });\nexport const configErrors = (e: unknown): boolean => e instanceof ConfigError;\n`,
        );
        fs.writeFileSync(
            path.join(consumer, "tsconfig.json"),
            JSON.stringify({
                compilerOptions: {
                    strict: true,
                    module: "commonjs",
                    target: "ES2022",
                    moduleResolution: "node",
                    esModuleInterop: true,
                    skipLibCheck: false,
                    types: [],
                    noEmit: true,
                },
                files: ["index.ts"],
            }),
        );
        execFileSync(process.execPath, [path.join(REPO_ROOT, "node_modules", "typescript", "lib", "tsc.js"), "-p", consumer], { encoding: "utf8" });
        const main = path.join(consumer, "node_modules", "fargatekit", "dist", "components", "index.js");
        const { WebService } = require(main);
        const run = await runOffline(
            () => new WebService("shop", { image: { uri: "public.ecr.aws/nginx/nginx-unprivileged:1.27" }, container: { port: 8080 }, scaling: { minCount: 2, maxCount: 4 } }),
            { stack: "consumer" },
        );
        assert.equal(one(run.resources, "aws:ecs/service:Service").inputs.loadBalancers[0].containerPort, 8080);
        assert.deepEqual(
            [one(run.resources, "aws:appautoscaling/target:Target").inputs.minCapacity, one(run.resources, "aws:appautoscaling/target:Target").inputs.maxCapacity],
            [2, 4],
        );
    });
});
