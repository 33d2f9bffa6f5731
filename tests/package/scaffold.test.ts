import * as assert from "node:assert/strict";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { buildPlan, Plan, PlannedResource, runProgramFile } from "../../tools/plan/plan";
import { parseArgs } from "../../tools/planCli";
import { runOffline } from "../../tools/offline/engine";
import { loadStackConfig } from "../../tools/offline/stackConfig";
import { runTaskCommand } from "../../tools/generator/runTask";
import { readDockerfile } from "../../tools/generator/dockerfile";
import { fargatekitRoot, probePath } from "../../tools/generator/scaffold";
import { DEFAULT_IMAGE, DEFAULT_IMAGE_HEALTH_CHECK, PLACEHOLDER_CERTIFICATE_ARN } from "../../tools/generator/scaffoldFiles";
import { CONFIG_SCHEMA } from "../../program/schema";
import { ACM_CERTIFICATE_ARN } from "../../components/lib/iam/arns";
import { buildPackage } from "./fixtures";
import { REPO_ROOT, recordedUntilThrow } from "../helpers/offline";
import { cli, removeTempDirs, tempDir } from "../generator/helpers";

const FILES = [".gitignore", "Pulumi.dev.yaml", "Pulumi.prod.yaml", "Pulumi.yaml", "README.md", "index.ts", "package.json", "tsconfig.json"];
const APP = path.join(REPO_ROOT, "app");
const PINNED = `${DEFAULT_IMAGE}@sha256:${"0123456789abcdef".repeat(4)}`;

/** Give a scaffolded project the dependencies `npm install` would: fargatekit linked to this (built) checkout, the rest shared. */
function linkDependencies(dir: string): void {
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.symlinkSync(REPO_ROOT, path.join(dir, "node_modules", "fargatekit"));
    for (const dep of ["@pulumi", "@types", "yaml"]) fs.symlinkSync(path.join(REPO_ROOT, "node_modules", dep), path.join(dir, "node_modules", dep));
}

/** A stack file's `config:` map. */
function stackConfig(dir: string, stack: string): Record<string, unknown> {
    return YAML.parse(fs.readFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "utf8")).config;
}

/** The project's offline plan of a stack, running its own index.ts. */
function plan(dir: string, stack: string): Promise<Plan> {
    return buildPlan({ dir, stack, entry: path.join(dir, "index.ts") });
}

/** "policy on resource" of the mandatory violations. */
function mandatory(p: Plan): string[] {
    return p.violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy} on ${v.resource}`);
}

/** The container probe the stack files set, as fargatekit's `containerHealthCheck` key takes it. */
function probe(command: string): Record<string, unknown> {
    return { command: ["CMD-SHELL", command], interval: 30, timeout: 5, retries: 3, startPeriod: 15 };
}

/** The single planned resource of a type. */
function only(p: Plan, type: string): PlannedResource {
    const found = p.resources.filter((r) => r.type === type);
    assert.equal(found.length, 1, type);
    return found[0];
}

/** How many planned resources have this type. */
function count(p: Plan, type: string): number {
    return p.resources.filter((r) => r.type === type).length;
}

/** The web container of the planned task definition. */
function webContainer(p: Plan): any {
    return JSON.parse(only(p, "aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions)[0];
}

/** Names of the entries of a directory, or undefined when it does not exist. */
function entries(dir: string): string[] | undefined {
    return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : undefined;
}

describe("fargatekit new: scaffolded projects", function () {
    let root: string;
    let shop: string;
    let site: string;

    before(() => {
        buildPackage();
        root = tempDir("fargatekit-new-");
        fs.mkdirSync(path.join(root, "site"));
        const image = cli(["new", "shop"], root);
        assert.equal(image.code, 0, image.stderr);
        const app = cli(["new", "site", "--app", path.relative(root, APP)], root);
        assert.equal(app.code, 0, app.stderr);
        shop = path.join(root, "shop");
        site = path.join(root, "site");
        linkDependencies(shop);
        linkDependencies(site);
    });

    after(removeTempDirs);

    it("writes the project's files and tells the next steps", () => {
        assert.deepEqual(
            entries(shop)?.filter((f) => f !== "node_modules"),
            FILES,
        );
        assert.deepEqual(
            entries(site)?.filter((f) => f !== "node_modules"),
            FILES,
        );
        const again = cli(["new", "other", "--image", "ghcr.io/acme/web:2.1.0"], root);
        assert.equal(again.code, 0);
        assert.match(again.stdout, /^Created other: project and service other, image ghcr\.io\/acme\/web:2\.1\.0 on port 8080\.\n/);
        assert.match(again.stdout, /cd other && npm install\n {2}npm run plan /);
        assert.match(again.stdout, /replace the placeholder certificateArn in Pulumi\.prod\.yaml/);
    });

    it("pins the SDK, the provider and the toolchain, and depends on this checkout", () => {
        assert.equal(fargatekitRoot(), REPO_ROOT);
        const pkg = JSON.parse(fs.readFileSync(path.join(shop, "package.json"), "utf8"));
        assert.equal(pkg.name, "shop");
        assert.equal(pkg.private, true);
        assert.deepEqual(pkg.dependencies, { "@pulumi/aws": "7.48.0", "@pulumi/pulumi": "3.248.0", fargatekit: `file:${REPO_ROOT}` });
        assert.deepEqual(pkg.devDependencies, { "@types/node": "20.19.43", "ts-node": "10.9.2", typescript: "~5.9.3" });
        assert.equal(pkg.scripts.plan, `npm --prefix ${REPO_ROOT} run -s plan -- --dir .`);
        assert.equal(JSON.parse(fs.readFileSync(path.join(shop, "tsconfig.json"), "utf8")).compilerOptions.strict, true);
        assert.deepEqual(YAML.parse(fs.readFileSync(path.join(shop, "Pulumi.yaml"), "utf8")), {
            name: "shop",
            description: "shop: a web service on AWS ECS Fargate behind an ALB, made with fargatekit",
            main: "index.ts",
            runtime: { name: "nodejs", options: { typescript: true, packagemanager: "npm" } },
        });
    });

    it("writes a cheap dev stack and a safe prod stack with a placeholder certificate to replace, in the program's own keys", () => {
        const container = {
            "shop:serviceName": "shop",
            "shop:image": DEFAULT_IMAGE,
            "shop:containerPort": 8080,
            "shop:healthCheckPath": "/",
            "shop:containerHealthCheck": probe(DEFAULT_IMAGE_HEALTH_CHECK),
        };
        assert.deepEqual(stackConfig(shop, "dev"), {
            "aws:region": "us-east-1",
            ...container,
            "shop:waf": false,
            "shop:accessLogs": false,
            "shop:natStrategy": "none",
            "shop:vpcEndpoints": false,
            "shop:flowLogs": false,
            "shop:azCount": 2,
            "shop:desiredCount": 1,
            "shop:minCount": 1,
            "shop:maxCount": 2,
            "shop:logRetentionDays": 30,
            "shop:alarms": false,
            "shop:containerInsights": "disabled",
            "shop:deletionProtection": false,
            "shop:protectStatefulResources": false,
            "shop:forceDeleteRepository": true,
        });
        assert.deepEqual(stackConfig(shop, "prod"), {
            "aws:region": "us-east-1",
            ...container,
            "shop:certificateArn": PLACEHOLDER_CERTIFICATE_ARN,
            "shop:waf": true,
            "shop:accessLogs": true,
            "shop:natStrategy": "perAz",
            "shop:vpcEndpoints": true,
            "shop:flowLogs": true,
            "shop:azCount": 3,
            "shop:desiredCount": 2,
            "shop:minCount": 2,
            "shop:maxCount": 6,
            "shop:logRetentionDays": 365,
            "shop:alarms": true,
            "shop:containerInsights": "enabled",
            "shop:deletionProtection": true,
            "shop:protectStatefulResources": true,
            "shop:forceDeleteRepository": false,
        });
        // Every key is one of fargatekit's config keys, and the README points at their reference instead of listing a subset.
        for (const stack of ["dev", "prod"])
            for (const key of Object.keys(stackConfig(site, stack)).filter((k) => k !== "aws:region")) assert.ok(key.replace(/^site:/, "") in CONFIG_SCHEMA, `${stack}: ${key}`);
        const index = fs.readFileSync(path.join(shop, "index.ts"), "utf8");
        assert.match(index, /^import \{ webServiceProgram \} from "fargatekit\/program";$/m);
        assert.match(index, /^export = webServiceProgram\(\{ projectDir: __dirname, namespace: "shop" \}\);$/m);
        assert.match(PLACEHOLDER_CERTIFICATE_ARN, ACM_CERTIFICATE_ARN);
        const prodText = fs.readFileSync(path.join(shop, "Pulumi.prod.yaml"), "utf8");
        assert.match(prodText, /certificateArn below is a PLACEHOLDER/);
        assert.match(prodText, /pulumi config set certificateArn arn:aws:acm:\.\.\. --stack prod/);
        assert.match(prodText, /Pin the image by digest/);
        const readme = fs.readFileSync(path.join(shop, "README.md"), "utf8");
        for (const command of [
            "npm install",
            "pulumi login",
            "pulumi stack select dev",
            "pulumi up",
            "npm run plan",
            `npm --prefix ${REPO_ROOT} run -s plan -- --dir .`,
            "npm install fargatekit@<version>",
        ]) {
            assert.ok(readme.includes(command), command);
        }
        assert.match(readme, /every key of fargatekit's configuration reference applies here/);
        assert.ok(readme.includes("`shop:<key>`"));
        assert.ok(fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8").includes("\n## Configuration reference\n"), "the section the project's README points at");
    });

    it("wires --app as a build context relative to the project, with the Dockerfile's port and health check", () => {
        const config = stackConfig(site, "prod");
        assert.equal(config["site:buildContext"], path.relative(site, APP));
        assert.equal(config["site:image"], undefined);
        assert.equal(config["site:containerPort"], 3000);
        assert.equal(config["site:healthCheckPath"], "/health");
        assert.deepEqual(config["site:containerHealthCheck"], probe(`python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3000/health', timeout=4)"`));
        assert.doesNotMatch(fs.readFileSync(path.join(site, "Pulumi.prod.yaml"), "utf8"), /Pin the image/);
    });

    it("type-checks against the built package", () => {
        const tsc = path.join(REPO_ROOT, "node_modules", "typescript", "lib", "tsc.js");
        for (const dir of [shop, site]) execFileSync(process.execPath, [tsc, "-p", dir, "--noEmit"], { encoding: "utf8" });
    });

    it("plans the image project's dev stack: one public task behind plain HTTP, no mandatory violation", async () => {
        const p = await plan(shop, "dev");
        assert.equal(p.resources.length, 33); // 32 resources and the service's own Platform component
        assert.deepEqual(mandatory(p), []);
        assert.equal(count(p, "aws:ecr/repository:Repository"), 0);
        assert.equal(count(p, "aws:ec2/vpcEndpoint:VpcEndpoint"), 0);
        assert.equal(count(p, "aws:lb/listener:Listener"), 1);
        assert.deepEqual(only(p, "awsx:ec2:Vpc").inputs.natGateways, { strategy: "None" });
        const web = webContainer(p);
        assert.equal(web.image, DEFAULT_IMAGE);
        assert.deepEqual(web.portMappings, [{ containerPort: 8080, protocol: "tcp" }]);
        assert.deepEqual(web.healthCheck.command, ["CMD-SHELL", DEFAULT_IMAGE_HEALTH_CHECK]);
        assert.equal(only(p, "aws:lb/targetGroup:TargetGroup").inputs.healthCheck.path, "/");
        assert.equal(only(p, "aws:ecs/service:Service").inputs.networkConfiguration.assignPublicIp, true);
        assert.deepEqual([only(p, "aws:appautoscaling/target:Target").inputs.minCapacity, only(p, "aws:appautoscaling/target:Target").inputs.maxCapacity], [1, 2]);
        assert.equal(only(p, "aws:cloudwatch/logGroup:LogGroup").inputs.retentionInDays, 30);
    });

    it("plans the image project's prod stack: only the image's tag is advised against (strict refuses it), until it is pinned by digest", async () => {
        const p = await plan(shop, "prod");
        assert.equal(p.resources.length, 65);
        // Once for the web container, once for its /tmp init container, which runs the same image.
        assert.deepEqual(mandatory(p), []);
        assert.deepEqual(
            p.violations.map((v) => `${v.level} ${v.policy} on ${v.resource}`),
            ["advisory ecs-task-image-digest-pinned on shop-service", "advisory ecs-task-image-digest-pinned on shop-service"],
        );
        const prodFile = path.join(shop, "Pulumi.prod.yaml");
        fs.writeFileSync(prodFile, fs.readFileSync(prodFile, "utf8").replace(`shop:image: ${DEFAULT_IMAGE}`, `shop:image: ${PINNED}`));
        const pinned = await plan(shop, "prod");
        assert.deepEqual(pinned.violations, []);
        assert.equal(webContainer(pinned).image, PINNED);
    });

    it("plans the app project's dev stack: the image is built, pushed and run by digest", async () => {
        const p = await plan(site, "dev");
        assert.equal(p.resources.length, 38);
        assert.deepEqual(mandatory(p), []);
        assert.equal(count(p, "aws:ecr/repository:Repository"), 1);
        assert.equal(only(p, "docker-build:index:Image").inputs.context.location, APP);
        assert.match(webContainer(p).image, /\.dkr\.ecr\.us-east-1\.amazonaws\.com\/.+@sha256:[0-9a-f]{64}$/);
        assert.deepEqual(webContainer(p).portMappings, [{ containerPort: 3000, protocol: "tcp" }]);
        assert.equal(only(p, "aws:lb/targetGroup:TargetGroup").inputs.healthCheck.path, "/health");
    });

    it("plans the app project's prod stack with no violation at all: private tasks, HTTPS, alarms, protection", async () => {
        const p = await plan(site, "prod");
        assert.equal(p.resources.length, 70);
        assert.deepEqual(p.violations, []);
        const vpc = only(p, "awsx:ec2:Vpc").inputs;
        assert.deepEqual([vpc.natGateways, vpc.numberOfAvailabilityZones], [{ strategy: "OnePerAz" }, 3]);
        assert.equal(only(p, "aws:ecs/service:Service").inputs.networkConfiguration.assignPublicIp, false);
        assert.equal(count(p, "aws:ec2/vpcEndpoint:VpcEndpoint"), 4);
        assert.equal(count(p, "aws:ec2/flowLog:FlowLog"), 1);
        const https = p.resources.find((r) => r.type === "aws:lb/listener:Listener" && r.inputs.protocol === "HTTPS")!;
        assert.equal(https.inputs.certificateArn, PLACEHOLDER_CERTIFICATE_ARN);
        assert.equal(count(p, "aws:wafv2/webAclAssociation:WebAclAssociation"), 1);
        assert.equal(count(p, "aws:cloudwatch/metricAlarm:MetricAlarm"), 8);
        assert.deepEqual([only(p, "aws:appautoscaling/target:Target").inputs.minCapacity, only(p, "aws:appautoscaling/target:Target").inputs.maxCapacity], [2, 6]);
        assert.equal(only(p, "aws:ecs/service:Service").inputs.desiredCount, 2);
        assert.equal(only(p, "aws:lb/loadBalancer:LoadBalancer").inputs.enableDeletionProtection, true);
        const appLogs = p.resources.find((r) => r.type === "aws:cloudwatch/logGroup:LogGroup" && r.inputs.name === "/site/prod/site")!;
        assert.equal(appLogs.inputs.retentionInDays, 365);
    });

    it("exports the outputs fargatekit run-task reads", async () => {
        const cfg = loadStackConfig(shop, "dev");
        const run = await runOffline(() => runProgramFile(path.join(shop, "index.ts")), { project: cfg.project, stack: "dev", config: cfg.values });
        for (const key of ["url", "serviceName", "clusterArn", "taskDefinitionFamily", "taskSubnetIds", "taskSecurityGroupId", "assignPublicIp", "containerName"])
            assert.ok(key in run.result, key);
        assert.equal(run.result.containerName, "app");
        assert.equal(run.result.assignPublicIp, true);
        const command = runTaskCommand(run.result, { command: "nginx -t" });
        assert.match(command, /^aws ecs run-task \\\n {2}--region us-east-1 \\\n {2}--cluster arn:aws:ecs:us-east-1:\d{12}:cluster\/shop-shop-dev /);
        assert.match(command, /assignPublicIp=ENABLED/);
        assert.ok(command.includes(`'{"containerOverrides":[{"name":"app","command":["nginx","-t"]}]}'`));
    });

    it("gets the program's full config checks in its own namespace: every problem at once, before anything is registered", async () => {
        const dev = loadStackConfig(shop, "dev");
        // A root user, minCount above maxCount, a misspelt key, a CPU and memory pair Fargate does not offer.
        const bad = {
            ...dev.values,
            "shop:user": "0",
            "shop:minCount": "3",
            "shop:maxCount": "2",
            "shop:desiredCount": "2",
            "shop:minCont": "1",
            "shop:cpu": "256",
            "shop:memory": "4096",
        };
        const { error: thrown, recorded } = await recordedUntilThrow(() => runProgramFile(path.join(shop, "index.ts")), { project: dev.project, stack: "dev", config: bad });
        const error = thrown as any;
        // The project's program runs fargatekit's compiled package: its ConfigError is the package's class, not this source tree's.
        assert.equal(error?.name, "ConfigError", String(error));
        assert.deepEqual(error.problems.map((p: { key: string }) => p.key).sort(), ["desiredCount", "memory", "minCont", "minCount", "user"]);
        assert.match(error.message, /^Invalid configuration \(5 problems\):/);
        assert.match(error.message, /shop:user = "0": runs the container as root/);
        assert.match(error.message, /shop:minCount = 3: is above maxCount \(2\)/);
        assert.match(error.message, /shop:minCont = "1": unknown key; did you mean "minCount"\?/);
        assert.match(error.message, /shop:memory = 4096: is not offered by Fargate with cpu 256/);
        assert.doesNotMatch(error.message, /fargatekit:/);
        assert.deepEqual(recorded, []);

        // The offline plan stops with the same error.
        const checks = path.join(shop, "Pulumi.checks.yaml");
        fs.writeFileSync(checks, YAML.stringify({ config: { ...stackConfig(shop, "dev"), "shop:user": "root" } }));
        try {
            await assert.rejects(plan(shop, "checks"), (e: Error) => e.name === "ConfigError" && /shop:user = "root": runs the container as root/.test(e.message));
        } finally {
            fs.rmSync(checks);
        }
    });

    it("refuses a non-empty directory, a file, --image with --app, an app without a Dockerfile and a bad name, writing nothing", () => {
        const full = path.join(root, "full");
        fs.mkdirSync(full);
        fs.writeFileSync(path.join(full, "notes.txt"), "keep");
        const nonEmpty = cli(["new", "full"], root);
        assert.deepEqual([nonEmpty.code, nonEmpty.stderr], [1, `fargatekit new: ${full} exists and is not empty; give a new or empty directory\n`]);
        assert.deepEqual(entries(full), ["notes.txt"]);
        assert.equal(fs.readFileSync(path.join(full, "notes.txt"), "utf8"), "keep");

        const aFile = cli(["new", "full/notes.txt", "--name", "notes"], root);
        assert.equal(aFile.code, 2);
        assert.match(aFile.stderr, /notes\.txt exists and is not a directory/);

        const both = cli(["new", "both", "--image", DEFAULT_IMAGE, "--app", APP], root);
        assert.equal(both.code, 2);
        assert.match(both.stderr, /^fargatekit new: give --image or --app, not both\n\nusage: fargatekit new DIR/);

        const noDockerfile = cli(["new", "nodocker", "--app", "full"], root);
        assert.deepEqual([noDockerfile.code, noDockerfile.stderr], [2, `fargatekit new: --app ${full}: no Dockerfile in ${full}\n`]);

        const badDir = cli(["new", "My_Shop"], root);
        assert.deepEqual(
            [badDir.code, badDir.stderr],
            [2, `fargatekit new: "My_Shop" cannot name the project: use 1–20 lowercase letters, digits or hyphens, starting with a letter; pass --name\n`],
        );
        const badName = cli(["new", "fine", "--name", "9lives"], root);
        assert.equal(badName.code, 2);
        assert.match(badName.stderr, /"9lives" cannot name the project/);

        for (const dir of ["both", "nodocker", "My_Shop", "fine"]) assert.equal(entries(path.join(root, dir)), undefined, dir);
        const missing = cli(["new"], root);
        assert.equal(missing.code, 2);
        assert.match(missing.stderr, /give the project DIR/);
    });

    it("prints its help", () => {
        const help = cli(["new", "--help"], root);
        assert.equal(help.code, 0);
        assert.match(help.stdout, /^usage: fargatekit new DIR \[--name NAME\] \[--image URI \| --app PATH\]\n/);
        for (const option of ["--name NAME", "--image URI", "--app PATH", "--help"]) assert.ok(help.stdout.includes(`  ${option}`), option);
        assert.match(help.stdout, /exit codes: 0 written, 1 DIR exists and is not empty, 2 bad input or arguments/);
        assert.match(cli(["--help"], root).stdout, /\n {2}new DIR \[--name NAME\] \[--image URI \| --app PATH\]\n/);
    });

    it("plans another project from the command line with --dir", () => {
        assert.deepEqual(parseArgs(["--dir", "../shop", "--stack", "prod"]), { dir: "../shop", stack: "prod", format: "text" });
        assert.deepEqual(parseArgs([]), { stack: "dev", format: "text" });
    });
});

describe("fargatekit new: reading the app's Dockerfile", () => {
    it("takes the final stage's first exposed TCP port and its HEALTHCHECK command", () => {
        const text = [
            "FROM node:22 AS build",
            "EXPOSE 9999",
            "HEALTHCHECK CMD curl -f http://localhost:9999/",
            "FROM gcr.io/distroless/nodejs22",
            "# a comment",
            "EXPOSE 53/udp 8080/tcp 9090",
            "HEALTHCHECK --interval=30s --timeout=3s \\",
            '  CMD ["node", "probe.js", "http://127.0.0.1:8080/healthz"]',
        ].join("\n");
        assert.deepEqual(readDockerfile(text), { exposedPort: 8080, healthCheckCommand: "node probe.js http://127.0.0.1:8080/healthz" });
        assert.equal(probePath("node probe.js http://127.0.0.1:8080/healthz"), "/healthz");
    });

    it("has no health check for HEALTHCHECK NONE, nor a port for a variable", () => {
        assert.deepEqual(readDockerfile("FROM nginx\nEXPOSE ${PORT}\nHEALTHCHECK CMD true\nHEALTHCHECK NONE\n"), { exposedPort: undefined, healthCheckCommand: undefined });
        assert.deepEqual(readDockerfile(fs.readFileSync(path.join(APP, "Dockerfile"), "utf8")).exposedPort, 3000);
        assert.equal(probePath("pg_isready"), undefined);
    });
});
