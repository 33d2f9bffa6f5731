import * as assert from "node:assert/strict";
import { loadSettings } from "../../program/validate";
import { logGroupNames } from "../../components/webService";
import { importTaskDefinition, rawConfig, serviceLogGroupName } from "../../tools/generator/importer";
import { ReportLine } from "../../tools/generator/report";
import { parseTaskDefinition } from "../../tools/generator/taskDefinition";
import { baseTaskDefinition, fixtureText, SEED_FIXTURES } from "./helpers";

/** Import a fixture file for the dev stack. */
function importFixture(name: string) {
    return importTaskDefinition(parseTaskDefinition(fixtureText(name)), { stack: "dev" });
}

/** The lines of one kind at one path. */
function linesAt(report: ReportLine[], path: string, kind?: ReportLine["kind"]): ReportLine[] {
    return report.filter((l) => l.path === path && (kind === undefined || l.kind === kind));
}

/** The single line at a path, of a kind when given (fails when there are none or several). */
function lineAt(report: ReportLine[], path: string, kind?: ReportLine["kind"]): ReportLine {
    const found = linesAt(report, path, kind);
    assert.equal(found.length, 1, `expected one line at ${path}, got ${JSON.stringify(found)}`);
    return found[0];
}

/** A base task definition with its web container changed. */
function withWeb(extra: Record<string, unknown>, task: Record<string, unknown> = {}): any {
    const td = baseTaskDefinition();
    Object.assign(td.containerDefinitions[0], extra);
    return { ...td, ...task };
}

describe("generator: importing task definitions", () => {
    const expected: Record<string, Record<string, unknown>> = {
        "seed-000-flask-awslogs.json": {
            "aws:region": "us-east-1",
            "fargatekit:serviceName": "my-task-definition",
            "fargatekit:image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-flask-app:latest",
            "fargatekit:containerName": "my-flask-container",
            "fargatekit:containerPort": 3000,
            "fargatekit:user": "10001",
            "fargatekit:readonlyRootFilesystem": true,
            "fargatekit:cpu": 256,
            "fargatekit:memory": 512,
        },
        "seed-003-minimal.json": {
            "aws:region": "us-east-1",
            "fargatekit:serviceName": "mytaskdef",
            "fargatekit:image": "nginx",
            "fargatekit:containerName": "MyContainer",
            "fargatekit:containerPort": 3000,
            "fargatekit:user": "10001",
            "fargatekit:readonlyRootFilesystem": true,
            "fargatekit:cpu": 256,
            "fargatekit:memory": 512,
        },
        "seed-003-nginx-awsvpc-taskrole.json": {
            "aws:region": "us-east-1",
            "fargatekit:serviceName": "my-task",
            "fargatekit:image": "nginx:latest",
            "fargatekit:containerName": "my-container",
            "fargatekit:containerPort": 80,
            "fargatekit:user": "10001",
            "fargatekit:readonlyRootFilesystem": true,
            "fargatekit:cpu": 256,
            "fargatekit:memory": 512,
        },
        "seed-004-nginx-fargate.json": {
            "aws:region": "us-east-1",
            "fargatekit:serviceName": "my-task-family",
            "fargatekit:image": "nginx:latest",
            "fargatekit:containerName": "my-container",
            "fargatekit:containerPort": 80,
            "fargatekit:user": "10001",
            "fargatekit:environment": { ENV_VAR: "value" },
            "fargatekit:readonlyRootFilesystem": true,
            "fargatekit:cpu": 256,
            "fargatekit:memory": 512,
        },
    };

    for (const f of SEED_FIXTURES) {
        it(`imports ${f.register} into exactly the expected config, which loadSettings accepts`, () => {
            const { config } = importFixture(f.register);
            assert.deepEqual(config, expected[f.register]);
            assert.deepEqual(Object.keys(config), Object.keys(expected[f.register]), "key order");
            const s = loadSettings(rawConfig(config));
            assert.equal(s.user, "10001");
            assert.equal(s.readonlyRootFilesystem, true);
        });

        it(`gives the same config for the describe-task-definition shape of ${f.register}`, () => {
            assert.deepEqual(importFixture(f.describe).config, importFixture(f.register).config);
        });
    }

    it("reports the flask fixture's changes, notes and mappings at their paths", () => {
        const { report } = importFixture("seed-000-flask-awslogs.json");
        assert.deepEqual(
            report.filter((l) => l.kind !== "mapped").map((l) => `${l.kind} ${l.path}`),
            [
                "changed networkMode",
                "changed requiresCompatibilities",
                "changed cpu",
                "changed memory",
                "changed containerDefinitions[0].user",
                "changed containerDefinitions[0].readonlyRootFilesystem",
                "note containerDefinitions[0].image",
                "changed containerDefinitions[0].linuxParameters.capabilities.drop",
                "note containerDefinitions[0].logConfiguration.options.awslogs-group",
                "note containerDefinitions[0].logConfiguration.options.awslogs-stream-prefix",
                "note containerDefinitions[0]",
            ],
        );
        assert.match(lineAt(report, "networkMode").message, /^not set → awsvpc .*bridge mode.*hostPort no longer exists/);
        assert.match(lineAt(report, "containerDefinitions[0].image", "note").message, /uses the tag "latest".*ecs-task-image-not-latest.*my-flask-app@sha256:…/);
        assert.match(
            lineAt(report, "containerDefinitions[0].logConfiguration.options.awslogs-group").message,
            /^"my-log-group" is not used: .*\/fargatekit\/dev\/my-task-definition /,
        );
        assert.equal(lineAt(report, "containerDefinitions[0].logConfiguration.options.awslogs-region").message, "us-east-1 → aws:region.");
        assert.equal(lineAt(report, "containerDefinitions[0].portMappings[0].containerPort").message, "3000 → fargatekit:containerPort (the ALB forwards to it).");
        assert.match(
            lineAt(report, "cpu").message,
            /^unset → fargatekit:cpu 256: the task sets no cpu or memory, and Fargate requires both; the containers need 256 CPU units and 512 MiB/,
        );
    });

    it("names the log group the program creates", () => {
        assert.equal(serviceLogGroupName("dev", "shop"), logGroupNames("fargatekit", "dev", "shop").app);
        assert.equal(serviceLogGroupName("dev", "shop", "other"), logGroupNames("other", "dev", "shop").app);
    });

    it("notes the default region when the file names none, and takes it from taskDefinitionArn in the describe shape", () => {
        const register = importFixture("seed-003-minimal.json").report;
        assert.equal(lineAt(register, "").kind, "note");
        assert.match(lineAt(register, "").message, /names no region .*aws:region is us-east-1/);
        const describe = importFixture("describe-003-minimal.json").report;
        assert.deepEqual(lineAt(describe, "taskDefinitionArn"), { kind: "mapped", path: "taskDefinitionArn", message: "us-east-1 → aws:region." });
    });

    describe("fields not carried to Fargate (adaptable; the blocking ones are in blocking.test.ts)", () => {
        const cases: { field: string; task?: Record<string, unknown>; web?: Record<string, unknown>; path: string; reason: RegExp }[] = [
            { field: "privileged", web: { privileged: true }, path: "containerDefinitions[0].privileged", reason: /does not run privileged containers/ },
            {
                field: "host volume",
                task: { volumes: [{ name: "data", host: { sourcePath: "/srv/data" } }] },
                path: "volumes[0].host",
                reason: /^host volume "data" \(\/srv\/data\): a Fargate task has no host filesystem/,
            },
            {
                field: "Docker volume",
                task: { volumes: [{ name: "cache", dockerVolumeConfiguration: { driver: "local", scope: "task" } }] },
                path: "volumes[0].dockerVolumeConfiguration",
                reason: /^Docker volume "cache": Docker volume drivers are EC2-only/,
            },
            {
                field: "placementConstraints",
                task: { placementConstraints: [{ type: "memberOf", expression: "attribute:ecs.instance-type =~ t3.*" }] },
                path: "placementConstraints",
                reason: /does not support task placement constraints/,
            },
            { field: "links", web: { links: ["db:db"] }, path: "containerDefinitions[0].links", reason: /bridge mode.*localhost/ },
            {
                field: "an EC2-only log driver",
                web: { logConfiguration: { logDriver: "journald" } },
                path: "containerDefinitions[0].logConfiguration.logDriver",
                reason: /^the journald log driver is EC2-only \(Fargate accepts awslogs, awsfirelens and splunk\)/,
            },
            { field: "hostname", web: { hostname: "web1" }, path: "containerDefinitions[0].hostname", reason: /does not let a task set its hostname/ },
            { field: "dnsServers", web: { dnsServers: ["10.0.0.2"] }, path: "containerDefinitions[0].dnsServers", reason: /VPC's DNS resolver/ },
            {
                field: "extraHosts",
                web: { extraHosts: [{ hostname: "db", ipAddress: "10.0.0.9" }] },
                path: "containerDefinitions[0].extraHosts",
                reason: /does not accept extraHosts/,
            },
            { field: "dockerSecurityOptions", web: { dockerSecurityOptions: ["no-new-privileges"] }, path: "containerDefinitions[0].dockerSecurityOptions", reason: /EC2-only/ },
            {
                field: "sharedMemorySize",
                web: { linuxParameters: { capabilities: { drop: ["ALL"] }, sharedMemorySize: 256 } },
                path: "containerDefinitions[0].linuxParameters.sharedMemorySize",
                reason: /\/dev\/shm/,
            },
            {
                field: "tmpfs",
                web: { linuxParameters: { capabilities: { drop: ["ALL"] }, tmpfs: [{ containerPath: "/run", size: 64 }] } },
                path: "containerDefinitions[0].linuxParameters.tmpfs",
                reason: /writable \/tmp volume/,
            },
            {
                field: "swappiness",
                web: { linuxParameters: { capabilities: { drop: ["ALL"] }, swappiness: 10 } },
                path: "containerDefinitions[0].linuxParameters.swappiness",
                reason: /no swap/,
            },
            { field: "ipcMode host", task: { ipcMode: "host" }, path: "ipcMode", reason: /cannot share the host's IPC namespace/ },
            {
                field: "taskRoleArn",
                task: { taskRoleArn: "arn:aws:iam::123456789012:role/app" },
                path: "taskRoleArn",
                reason: /express what arn:aws:iam::123456789012:role\/app allowed as fargatekit:taskRoleStatements/,
            },
            { field: "executionRoleArn", task: { executionRoleArn: "arn:aws:iam::123456789012:role/exec" }, path: "executionRoleArn", reason: /creates the execution role itself/ },
        ];
        for (const c of cases) {
            it(`drops ${c.field} at ${c.path}, saying why, and the config stays valid`, () => {
                const { config, report } = importTaskDefinition(withWeb(c.web ?? {}, c.task ?? {}), { stack: "dev" });
                const line = lineAt(report, c.path);
                assert.equal(line.kind, "dropped");
                assert.match(line.message, c.reason);
                assert.equal(report.filter((l) => l.kind === "dropped").length, 1, JSON.stringify(report.filter((l) => l.kind === "dropped")));
                loadSettings(rawConfig(config));
            });
        }

        it("drops nothing from a clean Fargate task definition", () => {
            assert.deepEqual(
                importTaskDefinition(baseTaskDefinition(), { stack: "dev" }).report.filter((l) => l.kind === "dropped"),
                [],
            );
        });

        it("drops fields it does not know, naming them", () => {
            const { report } = importTaskDefinition(withWeb({ futureSetting: 1 }, { anotherOne: "x" }), { stack: "dev" });
            assert.equal(lineAt(report, "anotherOne").kind, "dropped");
            assert.equal(lineAt(report, "containerDefinitions[0].futureSetting").kind, "dropped");
        });
    });

    describe("the web container", () => {
        it("maps a clean container without changes, with its own user", () => {
            const { config, report } = importTaskDefinition(baseTaskDefinition(), { stack: "dev" });
            assert.deepEqual(config, {
                "aws:region": "eu-west-1",
                "fargatekit:serviceName": "shop",
                "fargatekit:image": "public.ecr.aws/acme/shop:1.4.2",
                "fargatekit:containerName": "web",
                "fargatekit:containerPort": 8080,
                "fargatekit:user": "1000",
                "fargatekit:readonlyRootFilesystem": true,
                "fargatekit:cpu": 256,
                "fargatekit:memory": 512,
            });
            assert.deepEqual(
                report.filter((l) => l.kind === "changed" || l.kind === "dropped"),
                [],
            );
            assert.deepEqual(lineAt(report, "containerDefinitions[0].user"), { kind: "mapped", path: "containerDefinitions[0].user", message: '"1000" → fargatekit:user.' });
        });

        it("chooses the first essential container with a port mapping; the others become sidecars", () => {
            const td = baseTaskDefinition();
            td.containerDefinitions = [
                { name: "migrate", image: "acme/shop:1.4.2", essential: false, portMappings: [{ containerPort: 9000 }], command: ["migrate"] },
                { name: "agent", image: "acme/agent:2", memoryReservation: 64, essential: true },
                { ...td.containerDefinitions[0] },
            ];
            const { config, report } = importTaskDefinition(td, { stack: "dev" });
            assert.equal(config["fargatekit:containerName"], "web");
            assert.deepEqual(config["fargatekit:sidecars"], [
                {
                    name: "migrate",
                    image: "acme/shop:1.4.2",
                    essential: false,
                    portMappings: [{ containerPort: 9000 }],
                    command: ["migrate"],
                    user: "10001",
                    readonlyRootFilesystem: true,
                },
                { name: "agent", image: "acme/agent:2", essential: true, memoryReservation: 64, user: "10001", readonlyRootFilesystem: true },
            ]);
            assert.match(lineAt(report, "containerDefinitions[2].name").message, /the first essential container with a port mapping/);
            assert.equal(lineAt(report, "containerDefinitions[0]").message, '"migrate" (acme/shop:1.4.2) → fargatekit:sidecars[0].');
            loadSettings(rawConfig(config));
        });

        it("carries sidecar dependencies ECS accepts, and drops a HEALTHY one on a container without a health check", () => {
            const td = baseTaskDefinition();
            td.containerDefinitions.push(
                {
                    name: "proxy",
                    image: "acme/proxy:1",
                    dependsOn: [
                        { containerName: "web", condition: "HEALTHY" },
                        { containerName: "db-init", condition: "SUCCESS" },
                    ],
                },
                { name: "db-init", image: "acme/init:1", essential: false, healthCheck: { command: ["CMD", "true"] } },
                {
                    name: "agent",
                    image: "acme/agent:1",
                    dependsOn: [
                        { containerName: "db-init", condition: "HEALTHY" },
                        { containerName: "ghost", condition: "START" },
                    ],
                },
            );
            const { config, report } = importTaskDefinition(td, { stack: "dev" });
            const sidecars = config["fargatekit:sidecars"] as { name: string; dependsOn?: unknown }[];
            assert.deepEqual(
                sidecars.map((s) => [s.name, s.dependsOn]),
                [
                    ["proxy", [{ containerName: "db-init", condition: "SUCCESS" }]],
                    ["db-init", undefined],
                    ["agent", [{ containerName: "db-init", condition: "HEALTHY" }]],
                ],
            );
            assert.equal(
                lineAt(report, "containerDefinitions[1].dependsOn[0]").message,
                "web HEALTHY: web has no container health check to become healthy by, and ECS refuses the dependency.",
            );
            assert.equal(lineAt(report, "containerDefinitions[3].dependsOn[1]").message, '"ghost" is not another container of this task.');
            loadSettings(rawConfig(config));
        });

        it("falls back to the first container when none is essential with a port", () => {
            const td = baseTaskDefinition();
            td.containerDefinitions = [
                { name: "worker", image: "acme/worker:3", essential: false },
                { name: "log", image: "acme/log:1" },
            ];
            const { config, report } = importTaskDefinition(td, { stack: "dev" });
            assert.equal(config["fargatekit:containerName"], "worker");
            assert.equal(config["fargatekit:containerPort"], 3000);
            assert.equal(lineAt(report, "containerDefinitions[0].essential").kind, "changed");
            assert.match(lineAt(report, "containerDefinitions[0].portMappings").message, /^no port mapping: fargatekit:containerPort is 3000/);
        });

        it("changes root to 10001 and turns the read-only root filesystem on", () => {
            for (const user of ["root", "0", "0:0", "root:root"]) {
                const { config, report } = importTaskDefinition(withWeb({ user, readonlyRootFilesystem: false }), { stack: "dev" });
                assert.equal(config["fargatekit:user"], "10001");
                assert.equal(config["fargatekit:readonlyRootFilesystem"], true);
                assert.equal(lineAt(report, "containerDefinitions[0].user").message, `"${user}" is root → fargatekit:user "10001": containers run as a non-root user.`);
                assert.equal(lineAt(report, "containerDefinitions[0].readonlyRootFilesystem").kind, "changed");
                assert.match(lineAt(report, "containerDefinitions[0].readonlyRootFilesystem").message, /^false → fargatekit:readonlyRootFilesystem true/);
            }
        });

        it("carries command, entry point, working directory, health check, stop timeout and Fargate ulimits", () => {
            const healthCheck = { command: ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"], interval: 30, timeout: 5, retries: 3, startPeriod: 10 };
            const { config, report } = importTaskDefinition(
                withWeb({
                    command: ["gunicorn", "app:app"],
                    entryPoint: ["/entrypoint.sh"],
                    workingDirectory: "/srv",
                    healthCheck,
                    stopTimeout: 300,
                    ulimits: [
                        { name: "nofile", softLimit: 65536, hardLimit: 65536 },
                        { name: "nice", softLimit: 0, hardLimit: 0 },
                        { name: "bogus", softLimit: 1, hardLimit: 1 },
                    ],
                }),
                { stack: "dev" },
            );
            assert.deepEqual(config["fargatekit:command"], ["gunicorn", "app:app"]);
            assert.deepEqual(config["fargatekit:entryPoint"], ["/entrypoint.sh"]);
            assert.equal(config["fargatekit:workingDirectory"], "/srv");
            assert.deepEqual(config["fargatekit:containerHealthCheck"], healthCheck);
            assert.equal(config["fargatekit:stopTimeout"], 120);
            assert.match(lineAt(report, "containerDefinitions[0].stopTimeout").message, /^300 → fargatekit:stopTimeout 120: Fargate allows 2–120 seconds/);
            assert.deepEqual(config["fargatekit:ulimits"], [
                { name: "nofile", softLimit: 65536, hardLimit: 65536 },
                { name: "nice", softLimit: 0, hardLimit: 0 },
            ]);
            assert.equal(lineAt(report, "containerDefinitions[0].ulimits[2]").kind, "dropped");
            loadSettings(rawConfig(config));
        });

        it("takes the first port mapping; hostPort no longer applies and other ports are dropped", () => {
            const { config, report } = importTaskDefinition(withWeb({ portMappings: [{ containerPort: 8080, hostPort: 80 }, { containerPort: 9090 }] }), { stack: "dev" });
            assert.equal(config["fargatekit:containerPort"], 8080);
            assert.match(
                lineAt(report, "containerDefinitions[0].portMappings[0].hostPort").message,
                /^80 no longer applies: in awsvpc mode .*the host port is always the container port \(8080\)/,
            );
            assert.equal(lineAt(report, "containerDefinitions[0].portMappings[0].hostPort").kind, "changed");
            assert.equal(lineAt(report, "containerDefinitions[0].portMappings[1]").kind, "dropped");
        });
    });

    describe("environment and secrets", () => {
        it("does not copy variables that look like secrets, and says how to make them secrets", () => {
            const { config, report } = importTaskDefinition(
                withWeb({
                    environment: [
                        { name: "LOG_LEVEL", value: "info" },
                        { name: "DB_PASSWORD", value: "hunter2" },
                        { name: "UPSTREAM", value: "AKIAIOSFODNN7EXAMPLE" },
                        { name: "DATABASE_URL", value: "postgres://shop:hunter2@db.internal:5432/shop" },
                        { name: "PASSWORD_MIN_LENGTH", value: "12" },
                        { name: "TOKEN_TTL_SECONDS", value: "300" },
                    ],
                }),
                { stack: "dev" },
            );
            assert.deepEqual(config["fargatekit:environment"], { LOG_LEVEL: "info", PASSWORD_MIN_LENGTH: "12", TOKEN_TTL_SECONDS: "300" });
            assert.match(lineAt(report, "containerDefinitions[0].environment[3]").message, /^DATABASE_URL is not copied: its value is a URL with a user name and password/);
            assert.equal(config["fargatekit:secrets"], undefined, "no placeholder secret is invented");
            const pw = lineAt(report, "containerDefinitions[0].environment[1]");
            assert.equal(pw.kind, "changed");
            assert.equal(
                pw.message,
                'DB_PASSWORD is not copied: its name contains "password" and its value is a 7-character literal, not a number, duration, ARN, path, URL without a password or placeholder, and a secret must not sit in plain text in the stack or the task definition. ' +
                    "Store it in Secrets Manager (aws secretsmanager create-secret --name shop/DB_PASSWORD --secret-string …) and add its ARN under secrets: " +
                    "pulumi config set --path 'fargatekit:secrets.DB_PASSWORD' <secret ARN>.",
            );
            assert.match(lineAt(report, "containerDefinitions[0].environment[2]").message, /^UPSTREAM is not copied: its value is an AWS access key id/);
            assert.equal(
                report.some((l) => l.message.includes("hunter2") || l.message.includes("AKIAIOSFODNN7EXAMPLE")),
                false,
                "values are never printed",
            );
            loadSettings(rawConfig(config));
        });

        it("keeps secret ARNs and expands bare SSM parameter names with the file's region and account", () => {
            const sm = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db-AbCdEf";
            const { config, report } = importTaskDefinition(
                withWeb(
                    {
                        secrets: [
                            { name: "DB_URL", valueFrom: sm },
                            { name: "API_KEY", valueFrom: "/shop/api-key" },
                            { name: "TOKEN", valueFrom: "shop-token" },
                        ],
                    },
                    { executionRoleArn: "arn:aws:iam::123456789012:role/exec" },
                ),
                { stack: "dev" },
            );
            assert.deepEqual(config["fargatekit:secrets"], {
                DB_URL: sm,
                API_KEY: "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/api-key",
                TOKEN: "arn:aws:ssm:eu-west-1:123456789012:parameter/shop-token",
            });
            assert.equal(lineAt(report, "containerDefinitions[0].secrets[0]").kind, "mapped");
            assert.equal(
                lineAt(report, "containerDefinitions[0].secrets[1]").message,
                "API_KEY: the parameter name /shop/api-key → fargatekit:secrets.API_KEY = arn:aws:ssm:eu-west-1:123456789012:parameter/shop/api-key " +
                    "(region from containerDefinitions[0].logConfiguration.options.awslogs-region, account from executionRoleArn); the execution role may read exactly this parameter.",
            );
            loadSettings(rawConfig(config));
        });

        it("drops a bare parameter name when the file does not name the account", () => {
            const { config, report } = importTaskDefinition(withWeb({ secrets: [{ name: "API_KEY", valueFrom: "/shop/api-key" }] }), { stack: "dev" });
            assert.equal(config["fargatekit:secrets"], undefined);
            const line = lineAt(report, "containerDefinitions[0].secrets[0]");
            assert.equal(line.kind, "dropped");
            assert.match(
                line.message,
                /does not say which account it lives in; add it with its ARN: pulumi config set --path 'fargatekit:secrets.API_KEY' arn:aws:ssm:<region>:<account>:parameter\/shop\/api-key/,
            );
        });
    });

    describe("task size", () => {
        const size = (task: Record<string, unknown>, web: Record<string, unknown> = {}) => {
            const { config, report } = importTaskDefinition(withWeb(web, task), { stack: "dev" });
            return { cpu: config["fargatekit:cpu"], memory: config["fargatekit:memory"], cpuLine: lineAt(report, "cpu"), memoryLine: lineAt(report, "memory") };
        };

        it("keeps a valid pair in any form ECS accepts", () => {
            const s = size({ cpu: "1 vCPU", memory: "2 GB" });
            assert.deepEqual([s.cpu, s.memory], [1024, 2048]);
            assert.equal(s.cpuLine.kind, "mapped");
            assert.equal(s.cpuLine.message, '"1 vCPU" (1024 CPU units) → fargatekit:cpu 1024.');
            assert.equal(s.memoryLine.message, '"2 GB" (2048 MiB) → fargatekit:memory 2048.');
            const numeric = size({ cpu: 512, memory: "1GB" });
            assert.deepEqual([numeric.cpu, numeric.memory], [512, 1024]);
            const fractions = size({ cpu: "0.25 vcpu", memory: "0.5 GiB" });
            assert.deepEqual([fractions.cpu, fractions.memory], [256, 512]);
        });

        it("chooses the cheapest size that fits an invalid pair, and says so", () => {
            const s = size({ cpu: "256", memory: "4096" });
            assert.deepEqual([s.cpu, s.memory], [512, 4096]);
            assert.equal(s.cpuLine.kind, "changed");
            assert.match(s.cpuLine.message, /^256 → fargatekit:cpu 512: cpu 256 with memory 4096 MiB is not a Fargate size \(cpu 256 allows memory 512, 1024, 2048 MiB\)/);
            assert.equal(s.memoryLine.kind, "mapped");
        });

        it("sizes from the containers when the task gives no size, or only half of one", () => {
            const none = size({ cpu: undefined, memory: undefined }, { cpu: 512, memory: 1536 });
            assert.deepEqual([none.cpu, none.memory], [512, 2048]);
            assert.equal(none.cpuLine.kind, "changed");
            const half = size({ cpu: "1024", memory: undefined }, { cpu: undefined, memory: undefined });
            assert.deepEqual([half.cpu, half.memory], [1024, 2048]);
            assert.equal(half.memoryLine.kind, "changed");
        });

        it("grows a valid pair the containers do not fit in", () => {
            const s = size({ cpu: "256", memory: "512" }, { memory: 1024 });
            assert.deepEqual([s.cpu, s.memory], [256, 1024]);
            assert.match(s.memoryLine.message, /^512 → fargatekit:memory 1024/);
        });
    });

    describe("task settings", () => {
        it("maps the architecture and tags, and drops reserved tags", () => {
            const { config, report } = importTaskDefinition(
                withWeb(
                    {},
                    {
                        runtimePlatform: { cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX" },
                        tags: [
                            { key: "team", value: "shop" },
                            { key: "aws:cloudformation:stack-name", value: "x" },
                        ],
                    },
                ),
                { stack: "dev" },
            );
            assert.equal(config["fargatekit:architecture"], "arm64");
            assert.deepEqual(config["fargatekit:tags"], { team: "shop" });
            assert.equal(lineAt(report, "tags[1]").kind, "dropped");
        });

        it("forces awsvpc from bridge, host and none, explaining ports", () => {
            for (const mode of ["bridge", "host", "none"]) {
                const line = lineAt(importTaskDefinition(withWeb({}, { networkMode: mode }), { stack: "dev" }).report, "networkMode");
                assert.equal(line.kind, "changed");
                assert.match(line.message, new RegExp(`^${mode} → awsvpc \\(Fargate's only mode\\): .*hostPort no longer exists`));
            }
        });

        it("makes a family into a valid service name", () => {
            const name = (family: string) => importTaskDefinition(withWeb({}, { family }), { stack: "dev" }).config["fargatekit:serviceName"];
            assert.equal(name("My_Shop.API"), "my-shop-api");
            assert.equal(name("a-very-long-task-family-name-indeed"), "a-very-long-task-fam", "20 characters: the ALB and target group names fit AWS's 32");
            assert.equal(name("123"), undefined, "falls back to the default web");
        });

        it("refuses a stack name that cannot name a stack file", () => {
            assert.throws(() => importTaskDefinition(baseTaskDefinition(), { stack: "../prod" }), /^Error: stack: "..\/prod" is not a stack name/);
        });
    });
});
