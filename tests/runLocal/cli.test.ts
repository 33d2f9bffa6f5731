import * as assert from "assert";
import { parseRunLocalArgs, parseSecretsFile, RunLocalUsageError, runLocalCommand } from "../../tools/runLocal/cli";
import { podmanGlobalFlags } from "../../tools/runLocal/engine";
import { exitCode, formatResult } from "../../tools/runLocal/report";

describe("run-local: command line", () => {
    it("parses every option, repeatable build args, = forms", () => {
        assert.deepEqual(
            parseRunLocalArgs([
                "--stack",
                "dev",
                "--dir=x",
                "--engine",
                "podman",
                "--build-arg",
                "A=1",
                "--build-arg=B=x=y",
                "--secrets-file",
                "s.env",
                "--timeout",
                "90",
                "--keep",
                "--json",
            ]),
            {
                stack: "dev",
                dir: "x",
                engine: "podman",
                buildArgs: { A: "1", B: "x=y" },
                secretsFile: "s.env",
                timeout: 90,
                keep: true,
                json: true,
                help: false,
            },
        );
    });

    it("refuses bad input, naming the option and what is allowed", () => {
        assert.throws(() => parseRunLocalArgs([]), /--stack NAME is required/);
        assert.throws(() => parseRunLocalArgs(["--stack", "dev", "--engine", "containerd"]), /--engine must be docker or podman, got containerd/);
        assert.throws(() => parseRunLocalArgs(["--stack", "dev", "--build-arg", "NOVALUE"]), /KEY=VALUE, got NOVALUE/);
        assert.throws(() => parseRunLocalArgs(["--stack", "dev", "--timeout", "0"]), /whole number of seconds/);
        assert.throws(() => parseRunLocalArgs(["--stack", "dev", "--force"]), /unknown option --force/);
        assert.throws(() => parseRunLocalArgs(["dev"]), RunLocalUsageError);
    });

    it("reads an env-file of secrets literally, reporting every bad line at once", () => {
        assert.deepEqual(parseSecretsFile("# local values\nDB_PASSWORD=a=b c\n\nAPI_KEY='q'\n", "s.env"), { DB_PASSWORD: "a=b c", API_KEY: "'q'" });
        assert.throws(
            () => parseSecretsFile("OK=1\nnot a line\n1BAD=x\n", "s.env"),
            (e: Error) => /s\.env:2/.test(e.message) && /s\.env:3/.test(e.message),
        );
    });

    it("--help prints the usage; a usage error exits 2 with it", async () => {
        let out = "";
        let err = "";
        const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (err += t), cwd: process.cwd() };
        assert.equal(await runLocalCommand(["--help"], io), 0);
        assert.match(out, /^usage: fargatekit run-local --stack NAME/);
        assert.match(out, /exit codes: 0 would become healthy, 1 would fail on Fargate/);
        assert.equal(await runLocalCommand(["--stack", "dev", "--secrets-file", "/nonexistent/s.env"], io), 2);
        assert.match(err, /--secrets-file: cannot read \/nonexistent\/s\.env/);
    });

    it("podman's global flags follow the host: cgroupfs without systemd, runc on cgroup v1", () => {
        assert.deepEqual(podmanGlobalFlags({ systemd: false, cgroupV2: false, runc: true }), ["--runtime", "runc", "--cgroup-manager=cgroupfs"]);
        assert.deepEqual(podmanGlobalFlags({ systemd: true, cgroupV2: true, runc: true }), []);
    });

    it("reports in plain words, with exit codes 0, 1 and 2", () => {
        const base = { stack: "dev", engine: "podman" as const, notes: [], events: [] };
        assert.equal(formatResult({ ...base, verdict: "healthy", healthyAfter: 31 }), "Would become healthy after 31 s on Fargate (stack dev, podman).");
        const bad = {
            ...base,
            verdict: "unhealthy" as const,
            reason: "essential container app exited with code 1 after 2 s",
            cause: "x: permission denied",
            container: "app",
            logs: ["boom"],
        };
        assert.match(
            formatResult(bad),
            /Would NOT become healthy on Fargate \(stack dev, podman\): essential container app exited[\s\S]*Likely cause: x: permission denied[\s\S]*\| boom/,
        );
        assert.deepEqual([exitCode({ ...base, verdict: "healthy" }), exitCode(bad), exitCode({ ...base, verdict: "error" })], [0, 1, 2]);
        const kept = formatResult({ ...base, verdict: "healthy", healthyAfter: 5, kept: ["fk-app", "fk-netns"], removeWith: ["podman rm --force --volumes fk-app fk-netns"] });
        assert.match(kept, /Kept \(--keep\): fk-app, fk-netns\nRemove with:\n {2}podman rm --force --volumes fk-app fk-netns$/);
    });
});
