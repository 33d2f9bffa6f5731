import * as assert from "node:assert/strict";
import { loadSettings, ConfigError } from "../../program/validate";
import * as pulumi from "@pulumi/pulumi";
import { installOfflineEngine, OfflineOptions } from "../../tools/offline/engine";
import { main, webServiceProgram } from "../../program/main";
import { REPO_ROOT } from "../helpers/offline";

/** Pulumi's runtime settings: `waitForRPCs` lets every registration the program started finish. */
const runtimeSettings = require("@pulumi/pulumi/runtime/settings");

/** Run a program under the offline engine and return its error and the types it registered before throwing. */
async function recordedUntilThrow(program: () => unknown, opts: OfflineOptions = {}): Promise<{ error: unknown; recorded: string[] }> {
    const monitor = installOfflineEngine(opts);
    let error: unknown;
    try {
        await program();
    } catch (e) {
        error = e;
    }
    await runtimeSettings.waitForRPCs().catch(() => undefined);
    return { error, recorded: monitor.recorded.map((r) => r.type) };
}

const BASE = { buildContext: "app" };

function raw(c: Record<string, unknown>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(c)) out[`fargatekit:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
    return out;
}

/** [what, config over BASE (undefined removes), key the error names, what the message says] */
const BAD: [string, Record<string, unknown>, string, RegExp][] = [
    ["CPU/memory pair Fargate does not offer", { cpu: 256, memory: 4096 }, "memory", /not offered by Fargate with cpu 256; allowed: memory 512, 1024, 2048 MiB/],
    ["CPU not a Fargate level", { cpu: 300, memory: 512 }, "cpu", /allowed: 256, 512, 1024, 2048, 4096, 8192, 16384/],
    ["memory not a number", { cpu: 256, memory: "lots" }, "memory", /must be a whole number/],
    ["cpu not a number", { cpu: "fast", memory: 512 }, "cpu", /must be a whole number/],
    ["only one of cpu and memory", { cpu: 512 }, "memory", /set both `cpu` and `memory`/],
    ["container port 0", { containerPort: 0 }, "containerPort", /from 1 to 65535/],
    ["container port 70000", { containerPort: 70000 }, "containerPort", /from 1 to 65535/],
    ["container port reserved", { containerPort: 51678 }, "containerPort", /reserved by ECS\/Docker/],
    ["desired count negative", { desiredCount: -1 }, "desiredCount", /from 0 to 100/],
    ["min count negative", { minCount: -2 }, "minCount", /from 0 to 100/],
    ["min above max", { minCount: 5, maxCount: 3, desiredCount: 3 }, "minCount", /above maxCount \(3\)/],
    ["max above the cap", { maxCount: 500 }, "maxCount", /from 1 to 100/],
    ["desired outside min..max", { desiredCount: 9, maxCount: 4 }, "desiredCount", /between minCount \(1\) and maxCount \(4\)/],
    ["CPU target 0", { cpuTarget: 0 }, "cpuTarget", /above 0 and at most 100/],
    ["memory target 150", { memoryTarget: 150 }, "memoryTarget", /above 0 and at most 100/],
    ["requests target 0", { requestsPerTarget: 0 }, "requestsPerTarget", /above 0/],
    ["retention not a CloudWatch value", { logRetentionDays: 31 }, "logRetentionDays", /must be one of 1, 3, 5, 7, 14, 30/],
    ["retention never-expire", { logRetentionDays: 0 }, "logRetentionDays", /must be one of/],
    ["health check path without /", { healthCheckPath: "health" }, "healthCheckPath", /must start with \//],
    ["health check interval too short", { healthCheckInterval: 2 }, "healthCheckInterval", /from 5 to 300/],
    ["health check timeout ≥ interval", { healthCheckInterval: 10, healthCheckTimeout: 10 }, "healthCheckTimeout", /less than healthCheckInterval \(10\)/],
    ["healthy threshold 1", { healthyThreshold: 1 }, "healthyThreshold", /from 2 to 10/],
    ["unhealthy threshold 11", { unhealthyThreshold: 11 }, "unhealthyThreshold", /from 2 to 10/],
    ["certificate not ACM", { certificateArn: "arn:aws:iam::123456789012:server-certificate/x" }, "certificateArn", /ACM certificate ARN/],
    ["CIDR invalid", { ingressCidrs: ["10.0.0.0/33"] }, "ingressCidrs[0]", /not a valid CIDR/],
    ["AZ count 1", { azCount: 1 }, "azCount", /from 2 to 6/],
    ["NAT strategy unknown", { natStrategy: "twoPerAz" }, "natStrategy", /none, single or perAz/],
    ["architecture unknown", { architecture: "sparc" }, "architecture", /x86_64 or arm64/],
    ["image and build context both missing", { buildContext: undefined }, "image", /set `image` .* or `buildContext`/],
    ["image and build context both given", { image: "nginx:1.27" }, "image", /both `image` and `buildContext` are set/],
    ["secret valueFrom not an ARN", { secrets: { DB_PASSWORD: "my-db-password" } }, "secrets.DB_PASSWORD", /Secrets Manager secret ARN .* or an SSM parameter ARN/],
    ["secret-looking env var in plain text", { environment: { DB_PASSWORD: "hunter2" } }, "environment.DB_PASSWORD", /looks like a secret in plain text.*`secrets`/],
    ["API_KEY in plain text", { environment: { API_KEY: "x" } }, "environment.API_KEY", /looks like a secret/],
    ["database URL with a password", { environment: { DATABASE_URL: "postgres://u:p@h/db" } }, "environment.DATABASE_URL", /looks like a secret in plain text \(its value is a URL with a user name and password/],
    ["a credential in a sidecar, with the escape hatch named", { sidecars: [{ name: "proxy", image: "public.ecr.aws/nginx/nginx-unprivileged:1.27", environment: { UPSTREAM_URL: "https://u:p@h/" } }] }, "sidecars[0].environment.UPSTREAM_URL", /looks like a secret in plain text.*or, if it is no secret, add UPSTREAM_URL to `allowPlaintextEnvironment`$/],
    ["allowPlaintextEnvironment not a list of names", { allowPlaintextEnvironment: ["DB URL"] }, "allowPlaintextEnvironment", /list of environment variable names.*\* and \?/],
    ["GitHub token under a harmless name", { environment: { UPSTREAM_AUTH: "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8" } }, "environment.UPSTREAM_AUTH", /GitHub token/],
    ["AWS secret key in plain text", { environment: { AWS_SECRET_ACCESS_KEY: "x" } }, "environment.AWS_SECRET_ACCESS_KEY", /looks like a secret/],
    ["task role statement with *", { taskRoleStatements: [{ Action: "*", Resource: "*" }] }, "taskRoleStatements[0]", /Action "\*" grants every AWS action.*allowBroadTaskRolePermissions/],
    ["task role statement with s3:*", { taskRoleStatements: [{ Action: "s3:*", Resource: "arn:aws:s3:::b" }] }, "taskRoleStatements[0]", /"s3:\*" grants every action/],
    ["task role action that does not exist, even with the escape hatch", { taskRoleStatements: [{ Action: "s3:GetObjects", Resource: "arn:aws:s3:::b/*" }], allowBroadTaskRolePermissions: true }, "taskRoleStatements[0]", /Action: s3:GetObjects is not an action; the closest real action is s3:GetObject$/],
    ["spot weight negative", { spotWeight: -1 }, "spotWeight", /from 0 to 1000/],
    ["unknown key (typo)", { contianerPort: 8080 }, "contianerPort", /unknown key; did you mean "containerPort"\?/],
    ["root user", { user: "0" }, "user", /runs the container as root/],
    ["TLS policy too old", { sslPolicy: "ELBSecurityPolicy-2016-08" }, "sslPolicy", /offers TLSv1 and TLSv1\.1.*use one of .*ELBSecurityPolicy-TLS13-1-2-Res-2021-06/],
    ["TLS policy with CBC suites", { sslPolicy: "ELBSecurityPolicy-TLS-1-2-Ext-2018-06" }, "sslPolicy", /without forward secrecy.*CBC suites/],
    ["TLS policy that does not exist", { sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-2021-6" }, "sslPolicy", /is not an ELB security policy; did you mean "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"/],
    ["bad schedule", { scheduledScaling: [{ name: "night", schedule: "every night", minCount: 0 }] }, "scheduledScaling[0].schedule", /cron\(\.\.\.\)/],
    ["alarm email invalid", { alarmEmails: ["oncall"] }, "alarmEmails[0]", /not an email address/],
    ["alarm endpoint not https", { alarmHttpsEndpoints: ["http://hooks.example.com/x"] }, "alarmHttpsEndpoints[0]", /https:\/\/ URL/],
    ["alarm threshold unknown", { alarmThresholds: { cpu: 90 } }, "alarmThresholds.cpu", /unknown threshold; allowed: cpuPercent/],
    ["alarm threshold out of range", { alarmThresholds: { cpuPercent: 120 } }, "alarmThresholds.cpuPercent", /above 0 and at most 100/],
    ["bring-your-own VPC without subnets", { vpcId: "vpc-0123456789abcdef0" }, "publicSubnetIds", /at least 2 subnet ids/],
    ["deployment strategy unknown", { deploymentStrategy: "redBlack" }, "deploymentStrategy", /must be one of rolling, blueGreen, canary, linear/],
    ["canary percent with blue/green", { deploymentStrategy: "blueGreen", canaryPercent: 10 }, "canaryPercent", /applies only with deploymentStrategy canary \(it is blueGreen\)/],
    ["linear step with canary", { deploymentStrategy: "canary", linearStepPercent: 10 }, "linearStepPercent", /applies only with deploymentStrategy linear \(it is canary\)/],
    ["bake time with rolling", { bakeTimeMinutes: 5 }, "bakeTimeMinutes", /applies only with deploymentStrategy blueGreen, canary, linear \(it is rolling\)/],
    ["bake time above a day", { deploymentStrategy: "blueGreen", bakeTimeMinutes: 1441 }, "bakeTimeMinutes", /whole number of minutes from 0 to 1440/],
    ["canary percent below 0.1", { deploymentStrategy: "canary", canaryPercent: 0.05 }, "canaryPercent", /percentage from 0\.1 to 100/],
    ["canary bake negative", { deploymentStrategy: "canary", canaryBakeMinutes: -1 }, "canaryBakeMinutes", /from 0 to 1440/],
    ["linear step below 3 %", { deploymentStrategy: "linear", linearStepPercent: 2 }, "linearStepPercent", /percentage from 3 to 100/],
    ["linear step bake fractional", { deploymentStrategy: "linear", linearStepBakeMinutes: 1.5 }, "linearStepBakeMinutes", /must be a whole number/],
    ["test listener with rolling", { testListenerPort: 8443 }, "testListenerPort", /only serves the new revision of blueGreen, canary or linear deployments/],
    ["test listener on 443", { deploymentStrategy: "blueGreen", testListenerPort: 443 }, "testListenerPort", /production listener port \(80\/443\)/],
    ["test listener on the container port", { deploymentStrategy: "canary", testListenerPort: 3000 }, "testListenerPort", /equals the container port \(3000\)/],
    ["scheduled task with a bad schedule", { scheduledTasks: [{ name: "nightly", schedule: "cron(0 3 * * *)", command: ["x"] }] }, "scheduledTasks[0].schedule", /cron needs 6 fields/],
    ["scheduled task names not unique", { scheduledTasks: [{ name: "job", schedule: "rate(1 hour)", command: ["a"] }, { name: "job", schedule: "rate(2 hours)", command: ["b"] }] }, "scheduledTasks[1].name", /already used by another scheduled task/],
    ["scheduled task without a command", { scheduledTasks: [{ name: "job", schedule: "rate(1 hour)", command: [] }] }, "scheduledTasks[0].command", /non-empty list of non-empty strings/],
    ["scheduled task command a string", { scheduledTasks: [{ name: "job", schedule: "rate(1 hour)", command: "python job.py" }] }, "scheduledTasks[0].command", /non-empty list of non-empty strings/],
    ["scheduled task time zone unknown", { scheduledTasks: [{ name: "job", schedule: "rate(1 hour)", timezone: "CEST", command: ["a"] }] }, "scheduledTasks[0].timezone", /IANA time zone/],
    ["scheduled task unknown field", { scheduledTasks: [{ name: "job", schedule: "rate(1 hour)", command: ["a"], cpu: 256 }] }, "scheduledTasks[0].cpu", /not a scheduled task field; allowed: name, schedule, timezone, command/],
];

describe("config validation", () => {
    it("accepts the minimal config and applies the defaults", () => {
        const s = loadSettings(raw(BASE));
        assert.equal(s.containerPort, 3000);
        assert.equal(s.natStrategy, "none");
        assert.equal(s.logRetentionDays, 30);
        assert.equal(s.user, "10001");
        assert.equal(s.readonlyRootFilesystem, true);
        assert.equal(s.cpu, undefined);
    });

    for (const [what, overrides, key, message] of BAD) {
        it(`refuses: ${what}`, () => {
            const cfg: Record<string, unknown> = { ...BASE, ...overrides };
            for (const k of Object.keys(cfg)) if (cfg[k] === undefined) delete cfg[k];
            let err: unknown;
            try {
                loadSettings(raw(cfg));
            } catch (e) {
                err = e;
            }
            assert.ok(err instanceof ConfigError, `expected a ConfigError for ${what}`);
            const problem = err.problems.find((p) => p.key === key);
            assert.ok(problem, `no problem names ${key}; got ${err.problems.map((p) => p.key).join(", ")}`);
            assert.match(problem.message, message);
            assert.match(err.message, new RegExp(`fargatekit:${key.replace(/[[\].]/g, "\\$&")} = `));
        });
    }

    it("reports every problem at once, each with key, value and what is allowed", () => {
        try {
            loadSettings(raw({ ...BASE, cpu: 256, memory: 4096, azCount: 1, natStrategy: "lots", logRetentionDays: 31 }));
            assert.fail("expected a ConfigError");
        } catch (e) {
            assert.ok(e instanceof ConfigError);
            assert.deepEqual(e.problems.map((p) => p.key).sort(), ["azCount", "logRetentionDays", "memory", "natStrategy"]);
            assert.match(e.message, /^Invalid configuration \(4 problems\):/);
            assert.match(e.message, /fargatekit:natStrategy = "lots": must be none, single or perAz/);
        }
    });

    it("accepts harmless variables whose names mention secrets", () => {
        const env = { PASSWORD_MIN_LENGTH: "12", TOKEN_TTL_SECONDS: "300", SECRET_ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", TOKEN_TYPE: "bearer" };
        assert.deepEqual(loadSettings(raw({ ...BASE, environment: env })).environment, env);
    });

    it("accepts plain values the credential check misjudges only for the names in allowPlaintextEnvironment (globs too)", () => {
        const env = { DEMO_DATABASE_URL: "postgres://demo:demo@localhost/demo", OTHER_URL: "https://u:p@h/" };
        const refused = (allow: string[]) => {
            try {
                loadSettings(raw({ ...BASE, environment: env, allowPlaintextEnvironment: allow }));
                return [];
            } catch (e) {
                assert.ok(e instanceof ConfigError);
                return e.problems.map((p) => p.key).sort();
            }
        };
        assert.deepEqual(refused([]), ["environment.DEMO_DATABASE_URL", "environment.OTHER_URL"]);
        assert.deepEqual(refused(["DEMO_DATABASE_URL"]), ["environment.OTHER_URL"]);
        assert.deepEqual(refused(["*_URL"]), []);
        assert.deepEqual(loadSettings(raw(BASE)).allowPlaintextEnvironment, []);
    });

    it("accepts each deployment strategy with its own settings, and scheduled tasks", () => {
        const s = loadSettings(raw({ ...BASE, deploymentStrategy: "canary", canaryPercent: 12.5, canaryBakeMinutes: 0, bakeTimeMinutes: 60, testListenerPort: 8443 }));
        assert.deepEqual([s.deploymentStrategy, s.canaryPercent, s.canaryBakeMinutes, s.bakeTimeMinutes, s.testListenerPort], ["canary", 12.5, 0, 60, 8443]);
        assert.equal(loadSettings(raw(BASE)).deploymentStrategy, "rolling");
        assert.deepEqual(loadSettings(raw({ ...BASE, deploymentStrategy: "linear", linearStepPercent: 3, linearStepBakeMinutes: 8 })).linearStepPercent, 3);
        const tasks = [{ name: "nightly-report", schedule: "cron(30 2 ? * MON-FRI *)", timezone: "Europe/Berlin", command: ["python", "report.py"] }];
        assert.deepEqual(loadSettings(raw({ ...BASE, scheduledTasks: tasks })).scheduledTasks, tasks);
        assert.deepEqual(loadSettings(raw(BASE)).scheduledTasks, []);
    });

    it("accepts a broad task role statement with the named escape hatch", () => {
        const s = loadSettings(raw({ ...BASE, taskRoleStatements: [{ Action: "s3:*", Resource: "*" }], allowBroadTaskRolePermissions: true }));
        assert.equal(s.taskRoleStatements.length, 1);
    });

    it("registers no resource when the config is bad (through the program)", async () => {
        for (const [what, overrides] of BAD) {
            const cfg: Record<string, unknown> = { ...BASE, ...overrides };
            for (const k of Object.keys(cfg)) if (cfg[k] === undefined) delete cfg[k];
            const values: Record<string, string> = {};
            for (const [k, v] of Object.entries(cfg)) values[`fargatekit:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
            // Read the engine's record even though the program throws (runOffline returns it only on success).
            const { error, recorded } = await recordedUntilThrow(() => main(REPO_ROOT), { stack: "test", config: values });
            assert.ok(error instanceof ConfigError, `${what}: ${String(error)}`);
            assert.deepEqual(recorded, [], `${what}: the program registered resources`);
        }
    });

    it("reads the keys of the namespace it is given, names them in it, and leaves other namespaces alone", () => {
        const image = "public.ecr.aws/nginx/nginx-unprivileged:1.27";
        const cfg = { "myapp:image": image, "myapp:minCount": "5", "myapp:maxCount": "2", "myapp:minCont": "1", "fargatekit:cpu": "300" };
        assert.throws(
            () => loadSettings(cfg, "myapp"),
            (e: unknown) => {
                assert.ok(e instanceof ConfigError);
                assert.equal(e.namespace, "myapp");
                assert.deepEqual(e.problems.map((p) => p.key).sort(), ["desiredCount", "minCont", "minCount"]);
                assert.match(e.message, /myapp:minCount = 5: is above maxCount \(2\)/);
                assert.match(e.message, /myapp:minCont = "1": unknown key; did you mean "minCount"\?/);
                assert.doesNotMatch(e.message, /fargatekit:/);
                return true;
            },
        );
        // fargatekit:cpu is another namespace's key here: not read, not reported.
        assert.equal(loadSettings({ "myapp:image": image, "fargatekit:cpu": "300" }, "myapp").cpu, undefined);
        assert.equal(loadSettings({ "fargatekit:image": image, "myapp:cpu": "300" }).cpu, undefined);
    });

    it("webServiceProgram checks its namespace's keys before registering anything", async () => {
        const config = { "myapp:image": "public.ecr.aws/nginx/nginx-unprivileged:1.27", "myapp:user": "0" };
        const { error, recorded } = await recordedUntilThrow(() => webServiceProgram({ projectDir: REPO_ROOT, namespace: "myapp" }), { project: "myapp", stack: "test", config });
        assert.ok(error instanceof ConfigError, String(error));
        assert.deepEqual(error.problems.map((p) => p.key), ["user"]);
        assert.match(error.message, /myapp:user = "0": runs the container as root/);
        assert.deepEqual(recorded, []);
        assert.throws(() => webServiceProgram({ projectDir: REPO_ROOT, namespace: "my:app" }), /namespace "my:app" must be a Pulumi project name/);
    });

    it("the engine records nothing for a program that throws before creating resources", async () => {
        const { error, recorded } = await recordedUntilThrow(() => {
            throw new ConfigError([{ key: "x", value: 1, message: "m" }]);
        });
        assert.match(String(error), /Invalid configuration/);
        assert.deepEqual(recorded, []);
        // The same reading sees what a program registered before it threw (so the checks above can fail).
        const partial = await recordedUntilThrow(() => {
            new pulumi.ComponentResource("fargatekit:index:Probe", "probe");
            throw new Error("late");
        });
        assert.deepEqual(partial.recorded, ["fargatekit:index:Probe"]);
    });
});
