/**
 * Runtime tier (`npm run test:runtime`, not part of `npm test`): runs `fargatekit run-local` with a
 * real container engine on the dev stack's sample app and on small test apps that must fail, each
 * for its own reason, and one that must pass with dependsOn. Needs podman (or docker) and the local
 * base image localhost/fargatekit-base:bookworm, which tests/runtime/setup.sh installs and builds.
 */
import * as assert from "assert";
import { spawn, spawnSync } from "child_process";
import * as path from "path";
import { runLocalCommand } from "../../tools/runLocal/cli";
import { RUN_LABEL } from "../../tools/runLocal/translate";
import { hostFacts, podmanGlobalFlags } from "../../tools/runLocal/engine";
import { RunLocalResult } from "../../tools/runLocal/run";

const ROOT = path.resolve(__dirname, "..", "..");
const APPS = path.join(__dirname, "apps");
const BASE = "localhost/fargatekit-base:bookworm";
const ENGINE = (process.env.FARGATEKIT_ENGINE ?? "podman") as "docker" | "podman";
const ENABLED = process.env.FARGATEKIT_RUNTIME_TESTS === "1";

/** Run run-local in this process with --json; the result and the exit code. */
async function runLocal(argv: string[]): Promise<{ code: number; result: RunLocalResult; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const code = await runLocalCommand([...argv, "--engine", ENGINE, "--json"], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: ROOT });
    return { code, result: JSON.parse(stdout), stderr };
}

const app = (name: string): string[] => ["--stack", "test", "--dir", path.join(APPS, name)];

/** Containers and volumes run-local left behind (any run). */
function leftovers(): string[] {
    const flags = ENGINE === "podman" ? podmanGlobalFlags(hostFacts()) : [];
    const ps = spawnSync(ENGINE, [...flags, "ps", "--all", "--format", "{{.Names}}", "--filter", `label=${RUN_LABEL}`], { encoding: "utf8" });
    const vols = spawnSync(ENGINE, [...flags, "volume", "ls", "--format", "{{.Name}}", "--filter", `label=${RUN_LABEL}`], { encoding: "utf8" });
    return [...ps.stdout.split("\n"), ...vols.stdout.split("\n")].filter(Boolean);
}

(ENABLED ? describe : describe.skip)("runtime: fargatekit run-local on a real engine", function () {
    this.timeout(10 * 60 * 1000);

    afterEach(() => assert.deepEqual(leftovers(), [], "every container, volume and netns holder is removed"));

    it("reports the dev stack's sample app healthy (app/Dockerfile with only the base image and pip step replaced), through the real CLI", () => {
        const r = spawnSync(
            "npm",
            ["run", "-s", "fargatekit", "--", "run-local", "--stack", "dev", "--engine", ENGINE, "--build-arg", `BASE_IMAGE=${BASE}`, "--build-arg", "INSTALL_REQUIREMENTS=false"],
            { cwd: ROOT, encoding: "utf8" },
        );
        assert.equal(r.status, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /^Would become healthy after \d+ s on Fargate \(stack dev, podman\)\./m);
        assert.match(
            r.stderr,
            /^task web-service: app \(256 CPU units, 512 MiB, X86_64\) on podman$/m,
            "one container: no /tmp init container, since app/Dockerfile declares VOLUME /tmp (the README's session)",
        );
        assert.match(r.stderr, /volume tmp: starts with app's image content at \/tmp \(the image declares VOLUME \/tmp\)/);
        assert.match(r.stderr, /target group: GET \/health answered 200 → healthy/);
        assert.match(r.stderr, /app container health check: HEALTHY/);
    });

    it("the sample app's Dockerfile without VOLUME /tmp fails: gunicorn cannot write the root-owned 0755 /tmp volume as 10001", async () => {
        const { code, result } = await runLocal(app("tmp-not-declared"));
        assert.equal(code, 1, JSON.stringify(result, null, 2));
        assert.match(result.reason!, /^essential container app exited with code \d+/);
        assert.match(
            result.cause!,
            /^\/tmp\/wgunicorn-\S+: permission denied: \/tmp is task volume "tmp", which Fargate creates empty, owned by root, mode 0755, because the image declares no VOLUME \/tmp; the container runs as 10001/,
        );
        assert.ok(result.logs!.some((l) => /Permission denied: '\/tmp\/wgunicorn-/.test(l)));
    });

    it("the same image becomes healthy with the init container that makes /tmp writable (initWritableVolumes, the default)", async () => {
        const { code, result } = await runLocal(["--stack", "init", "--dir", path.join(APPS, "tmp-not-declared")]);
        assert.equal(code, 0, JSON.stringify(result, null, 2));
        assert.ok(
            result.events.some((e) => e.text === "app-volume-init exited with code 0"),
            JSON.stringify(result.events),
        );
        assert.ok(
            result.events.some((e) => /^app started \(after app-volume-init SUCCESS\)/.test(e.text)),
            JSON.stringify(result.events),
        );
    });

    it("an app that writes outside its volumes fails: read-only root filesystem", async () => {
        const { code, result } = await runLocal(app("writes-outside-volumes"));
        assert.equal(code, 1, JSON.stringify(result, null, 2));
        assert.match(result.reason!, /^essential container app exited with code 1/);
        assert.match(
            result.cause!,
            /^\/srv\/cache\.json: read-only file system: the root filesystem is read-only \(readonlyRootFilesystem\) and \/srv\/cache\.json is on no task volume; the writable paths are \/tmp/,
        );
    });

    it("an app that listens on 127.0.0.1 fails the target group's check from outside, while its own check passes", async () => {
        const { code, result } = await runLocal(app("listens-on-loopback"));
        assert.equal(code, 1, JSON.stringify(result, null, 2));
        assert.ok(
            result.events.some((e) => e.text === "app container health check: HEALTHY"),
            "the check inside the task passes",
        );
        assert.match(result.reason!, /^the target group marks the task unhealthy after the 10 s grace period: GET \/health: ECONNREFUSED/);
        assert.match(result.cause!, /^the app listens on 127\.0\.0\.1:8080 only/);
    });

    it("an app without the health check path fails: 404 is not in the matcher", async () => {
        const { code, result } = await runLocal(app("wrong-health-path"));
        assert.equal(code, 1, JSON.stringify(result, null, 2));
        assert.match(result.reason!, /GET \/health answered 404/);
        assert.match(result.cause!, /^GET \/health answered 404, which the matcher "200-399" does not accept: check healthCheckPath/);
    });

    it("an app that exits at start fails with its exit code and last log lines", async () => {
        const { code, result } = await runLocal(app("exits-at-start"));
        assert.equal(code, 1, JSON.stringify(result, null, 2));
        assert.match(result.reason!, /^essential container app exited with code 3 after [\d.]+ s; ECS stops the task$/);
        assert.deepEqual(result.logs, ["fatal: DATABASE_URL is not set"]);
    });

    it("a non-essential init container that must succeed first and fails: the essential container never starts", async () => {
        const { code, result } = await runLocal(app("init-container-fails"));
        assert.equal(code, 1, JSON.stringify(result, null, 2));
        assert.equal(result.reason, "essential container worker never starts: it waits for migrate to exit 0 (dependsOn SUCCESS), and migrate exited with code 1; the task stops");
        assert.equal(result.container, "migrate");
        assert.ok(result.logs!.some((l) => /migration 0042 failed/.test(l)));
    });

    it("passes with dependsOn: the init container completes, then the worker starts and turns HEALTHY", async () => {
        const { code, result } = await runLocal(app("depends-on"));
        assert.equal(code, 0, JSON.stringify(result, null, 2));
        assert.equal(result.verdict, "healthy");
        const order = result.events.map((e) => e.text);
        const migrated = order.indexOf("migrate exited with code 0");
        const worker = order.indexOf("worker started (after migrate SUCCESS)");
        assert.ok(migrated >= 0 && worker > migrated, order.join("\n"));
        assert.ok(order.includes("worker container health check: HEALTHY"));
    });

    it("a health check on a non-essential container only: the task's health stays UNKNOWN, though the sidecar and the target group pass", async () => {
        const { code, result } = await runLocal(["--stack", "sidecar-check", "--dir", path.join(APPS, "depends-on")]);
        assert.equal(code, 1, JSON.stringify(result, null, 2));
        assert.ok(
            result.events.some((e) => e.text === "probe container health check: HEALTHY"),
            JSON.stringify(result.events),
        );
        assert.ok(
            result.events.some((e) => /^target group: GET \/health answered 200 → healthy$/.test(e.text)),
            JSON.stringify(result.events),
        );
        assert.match(result.reason!, /^the task's health stays UNKNOWN: only non-essential containers \(probe\) have health checks/);
        assert.match(result.cause!, /^give the essential container a health check/);
    });

    it("an image that cannot be built is an error (exit 2) that shows the build's output", async () => {
        const { code, result } = await runLocal([...app("exits-at-start"), "--build-arg", "BASE_IMAGE=localhost/fargatekit-no-such-base:none"]);
        assert.equal(code, 2, JSON.stringify(result, null, 2));
        assert.match(result.reason!, /^image of container app cannot be built \(podman .*build .*--pull=never/);
        assert.match(result.reason!, /fargatekit-no-such-base/);
        assert.match(result.reason!, /pull it first \(podman pull localhost\/fargatekit-no-such-base:none\)/, "says what to do: run-local never pulls");
    });

    it("an engine that does not answer is an error (exit 2) naming it", async function () {
        // This machine has the docker CLI but no daemon; where docker runs, there is nothing to show.
        if (spawnSync("docker", ["version", "--format", "{{.Server.Version}}"]).status === 0) this.skip();
        let stdout = "";
        const code = await runLocalCommand([...app("exits-at-start"), "--engine", "docker", "--json"], { stdout: (t) => (stdout += t), stderr: () => undefined, cwd: ROOT });
        assert.equal(code, 2);
        assert.match(JSON.parse(stdout).reason, /^docker does not answer \(`docker version` failed\): install it or start its daemon$/);
    });

    it("--keep leaves the task for inspection and prints how to remove it", async () => {
        const { code, result } = await runLocal([...app("exits-at-start"), "--keep"]);
        assert.equal(code, 1);
        assert.ok(leftovers().length > 0, "the containers are kept");
        for (const c of result.removeWith!) {
            const [bin, ...args] = c.split(" ");
            assert.equal(spawnSync(bin, args).status, 0, c);
        }
    });

    it("cleans up when interrupted (SIGTERM) and exits 2", async () => {
        // The CLI itself (npm would not pass the signal on).
        const tsNode = path.join(ROOT, "node_modules", ".bin", "ts-node");
        const child = spawn(tsNode, ["--transpile-only", "tools/fargatekitCli.ts", "run-local", ...app("depends-on"), "--engine", ENGINE], {
            cwd: ROOT,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stderr = "";
        const code = await new Promise<number | null>((resolve) => {
            child.stderr.on("data", (d) => {
                stderr += d;
                if (/migrate started/.test(stderr) && !child.killed) child.kill("SIGTERM");
            });
            child.on("close", resolve);
        });
        assert.match(stderr, /SIGTERM: stopping and cleaning up/, stderr);
        assert.equal(code, 2, stderr);
    });
});
