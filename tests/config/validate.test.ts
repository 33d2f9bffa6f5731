import * as assert from "node:assert/strict";
import { loadSettings, ConfigError } from "../../program/validate";
import * as pulumi from "@pulumi/pulumi";
import { main, webServiceProgram } from "../../program/main";
import { REPO_ROOT, recordedUntilThrow } from "../helpers/offline";
import { BAD, BASE } from "../helpers/badConfig";

function raw(c: Record<string, unknown>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(c)) out[`fargatekit:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
    return out;
}

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

    it("a build context without its Dockerfile is a ConfigError naming the config key and the path, and registers nothing", async () => {
        const { error, recorded } = await recordedUntilThrow(() => main(REPO_ROOT), { config: raw({ buildContext: "app", dockerfile: "Dockerfile.missing" }) });
        assert.ok(error instanceof ConfigError, String(error));
        assert.deepEqual(
            error.problems.map((p) => p.key),
            ["dockerfile"],
        );
        assert.match(
            error.message,
            /fargatekit:dockerfile = "Dockerfile\.missing": cannot be read at .*app\/Dockerfile\.missing \(ENOENT\); `buildContext` must be a directory with the Dockerfile/,
        );
        assert.deepEqual(recorded, []);
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
        assert.deepEqual(
            error.problems.map((p) => p.key),
            ["user"],
        );
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
