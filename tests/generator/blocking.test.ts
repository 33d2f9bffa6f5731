import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { loadSettings } from "../../program/validate";
import { BlockingFieldsError, findBlockingFields } from "../../tools/generator/blockingFields";
import { FARGATE_COMPATIBILITY } from "../../tools/generator/fargateCompatibility";
import { importTaskDefinition, rawConfig } from "../../tools/generator/importer";
import { parseTaskDefinition } from "../../tools/generator/taskDefinition";
import { REPO_ROOT } from "../helpers/offline";
import { baseTaskDefinition, cli, FIXTURES, fixtureText, removeTempDirs, SEED_FIXTURES, tempDir } from "./helpers";

after(removeTempDirs);

/** A base task definition with its web container and task changed. */
function withWeb(extra: Record<string, unknown>, task: Record<string, unknown> = {}): any {
    const td = baseTaskDefinition();
    Object.assign(td.containerDefinitions[0], extra);
    return { ...td, ...task };
}

/** The web container's linuxParameters with extra fields (capabilities drop ALL kept). */
function linux(extra: Record<string, unknown>): Record<string, unknown> {
    return { linuxParameters: { capabilities: { drop: ["ALL"] }, ...extra } };
}

/** A sidecar for the base task definition. */
function sidecar(extra: Record<string, unknown>): Record<string, unknown> {
    return { name: "agent", image: "public.ecr.aws/acme/agent:2.0.1", essential: false, user: "1000", ...extra };
}

/** The error thrown by importing `td` without --force (fails when the import succeeds). */
function refusal(td: unknown): BlockingFieldsError {
    try {
        importTaskDefinition(td, { stack: "dev" });
    } catch (e) {
        if (e instanceof BlockingFieldsError) return e;
        throw e;
    }
    assert.fail("the import was not refused");
}

/** One case per blocking kind: the task definition and the blocking paths (with their entry ids) it must be refused for. */
const BLOCKING_CASES: { kind: string; td: () => unknown; expect: Record<string, string> }[] = [
    {
        kind: "a GPU",
        td: () => withWeb({ resourceRequirements: [{ type: "GPU", value: "1" }] }),
        expect: { "containerDefinitions[0].resourceRequirements[0]": "gpu" },
    },
    {
        kind: "an Elastic Inference accelerator (container requirement and task accelerators)",
        td: () =>
            withWeb(
                { resourceRequirements: [{ type: "InferenceAccelerator", value: "device_1" }] },
                { inferenceAccelerators: [{ deviceName: "device_1", deviceType: "eia2.medium" }] },
            ),
        expect: { inferenceAccelerators: "inference-accelerator", "containerDefinitions[0].resourceRequirements[0]": "inference-accelerator" },
    },
    { kind: "the host PID namespace", td: () => withWeb({}, { pidMode: "host" }), expect: { pidMode: "host-pid" } },
    {
        kind: "a privileged container in the host network namespace",
        td: () => withWeb({ privileged: true }, { networkMode: "host" }),
        expect: { "containerDefinitions[0].privileged": "privileged-host-namespace", networkMode: "privileged-host-namespace" },
    },
    {
        kind: "a privileged container in the host IPC namespace",
        td: () => withWeb({ privileged: true }, { ipcMode: "host" }),
        expect: { "containerDefinitions[0].privileged": "privileged-host-namespace", ipcMode: "privileged-host-namespace" },
    },
    {
        kind: "a privileged container with a host path",
        td: () =>
            withWeb(
                { privileged: true, mountPoints: [{ sourceVolume: "docker", containerPath: "/var/run/docker.sock" }] },
                { volumes: [{ name: "docker", host: { sourcePath: "/var/run/docker.sock" } }] },
            ),
        expect: { "volumes[0].host": "host-path-volume", "containerDefinitions[0].privileged": "privileged-host-namespace" },
    },
    {
        kind: "a mounted host path (data kept on the instance)",
        td: () => withWeb({ mountPoints: [{ sourceVolume: "data", containerPath: "/var/lib/app" }] }, { volumes: [{ name: "data", host: { sourcePath: "/srv/app" } }] }),
        expect: { "volumes[0].host": "host-path-volume" },
    },
    {
        kind: "a Docker volume driver that is not local",
        td: () =>
            withWeb(
                { mountPoints: [{ sourceVolume: "db", containerPath: "/data" }] },
                { volumes: [{ name: "db", dockerVolumeConfiguration: { driver: "rexray/ebs", scope: "shared", autoprovision: true } }] },
            ),
        expect: { "volumes[0].dockerVolumeConfiguration": "docker-volume" },
    },
    {
        kind: "a shared local Docker volume (kept after the task stops)",
        td: () =>
            withWeb(
                { mountPoints: [{ sourceVolume: "cache", containerPath: "/cache" }] },
                { volumes: [{ name: "cache", dockerVolumeConfiguration: { driver: "local", scope: "shared" } }] },
            ),
        expect: { "volumes[0].dockerVolumeConfiguration": "docker-volume" },
    },
    {
        kind: "an NFS share mounted through the local Docker volume driver",
        td: () =>
            withWeb(
                { mountPoints: [{ sourceVolume: "share", containerPath: "/share" }] },
                {
                    volumes: [
                        {
                            name: "share",
                            dockerVolumeConfiguration: { driver: "local", scope: "task", driverOpts: { type: "nfs", device: ":/exports/share", o: "addr=10.0.0.5" } },
                        },
                    ],
                },
            ),
        expect: { "volumes[0].dockerVolumeConfiguration": "docker-volume" },
    },
    {
        kind: "an FSx for Windows File Server volume",
        td: () =>
            withWeb(
                { mountPoints: [{ sourceVolume: "fsx", containerPath: "/fsx" }] },
                {
                    volumes: [
                        {
                            name: "fsx",
                            fsxWindowsFileServerVolumeConfiguration: {
                                fileSystemId: "fs-0123456789abcdef0",
                                rootDirectory: "share",
                                authorizationConfig: { credentialsParameter: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:fsx", domain: "corp" },
                            },
                        },
                    ],
                },
            ),
        expect: { "volumes[0].fsxWindowsFileServerVolumeConfiguration": "fsx-volume" },
    },
    {
        kind: "a Windows image",
        td: () => withWeb({}, { runtimePlatform: { operatingSystemFamily: "WINDOWS_SERVER_2022_CORE", cpuArchitecture: "X86_64" } }),
        expect: { "runtimePlatform.operatingSystemFamily": "windows" },
    },
    {
        kind: "a host device",
        td: () => withWeb(linux({ devices: [{ hostPath: "/dev/fuse", containerPath: "/dev/fuse" }] })),
        expect: { "containerDefinitions[0].linuxParameters.devices": "devices" },
    },
    {
        kind: "a host-control capability (CAP_ prefix and case ignored)",
        td: () => withWeb({ linuxParameters: { capabilities: { drop: ["ALL"], add: ["SYS_PTRACE", "cap_net_admin"] } } }),
        expect: { "containerDefinitions[0].linuxParameters.capabilities.add": "host-control-capability" },
    },
    { kind: "more CPU than Fargate's largest task", td: () => withWeb({}, { cpu: "32 vCPU", memory: "65536" }), expect: { cpu: "task-size" } },
    {
        kind: "containers that need more memory than Fargate's largest task",
        td: () => {
            const td = withWeb({ memory: 65536 }, { cpu: undefined, memory: undefined });
            td.containerDefinitions.push(sidecar({ memory: 65536 }));
            return td;
        },
        expect: { "containerDefinitions[0].memory": "task-size", "containerDefinitions[1].memory": "task-size" },
    },
    { kind: "more than 200 GiB of ephemeral storage", td: () => withWeb({}, { ephemeralStorage: { sizeInGiB: 500 } }), expect: { ephemeralStorage: "ephemeral-storage" } },
];

describe("generator: blocking fields", () => {
    it("has a case for every blocking entry of the table", () => {
        const covered = new Set(BLOCKING_CASES.flatMap((c) => Object.values(c.expect)));
        assert.deepEqual(
            FARGATE_COMPATIBILITY.filter((e) => e.verdict === "blocking" && !covered.has(e.id)).map((e) => e.id),
            [],
        );
    });

    for (const c of BLOCKING_CASES) {
        it(`refuses ${c.kind}, naming every blocking path with why and instead`, () => {
            const e = refusal(c.td());
            assert.deepEqual(Object.fromEntries(e.findings.map((f) => [f.path, f.entry.id])), c.expect);
            assert.equal(e.findings.length, Object.keys(c.expect).length, "one finding per path");
            assert.match(e.message, /^the task cannot do its job on Fargate without (this field|these \d+ fields), so nothing was written:\n/);
            for (const f of e.findings) {
                assert.ok(e.message.includes(`\n  ${f.path}: ${f.detail}\n`), `${f.path} listed`);
                assert.ok(e.message.includes(`\n    why: ${f.entry.reason}\n    instead: ${f.entry.alternative}.`), `${f.entry.id} explained`);
            }
            assert.match(e.message, /\nTo write the stack anyway, without these fields and marked BLOCKING in the report and the stack file, pass --force\.$/);
        });

        it(`imports ${c.kind} with --force: the blocking paths are reported BLOCKING and the config is valid`, () => {
            const { config, report, blocking } = importTaskDefinition(c.td(), { stack: "dev", force: true });
            assert.deepEqual(blocking.map((f) => f.path).sort(), Object.keys(c.expect).sort());
            for (const p of Object.keys(c.expect)) {
                const at = report.filter((l) => l.path === p);
                assert.equal(at.length, 1, `one line at ${p}: ${JSON.stringify(at)}`);
                assert.equal(at[0].kind, "blocking");
                assert.match(at[0].message, / because of --force\. .+ Instead: .+\.$/);
            }
            loadSettings(rawConfig(config));
        });
    }

    it("gives Fargate's largest size when forced past it, leaving out the container sizes that are blocking (and only those)", () => {
        const td = withWeb({ memory: 65536 }, { cpu: "32 vCPU", memory: "200 GB" });
        td.containerDefinitions.push(sidecar({ cpu: 256, memory: 65536 }));
        const { config, report } = importTaskDefinition(td, { stack: "dev", force: true });
        assert.equal(config["fargatekit:cpu"], 16384);
        assert.equal(config["fargatekit:memory"], 122880);
        assert.deepEqual(config["fargatekit:sidecars"], [
            { name: "agent", image: "public.ecr.aws/acme/agent:2.0.1", essential: false, cpu: 256, user: "1000", readonlyRootFilesystem: true },
        ]);
        assert.deepEqual(
            report.filter((l) => l.kind === "blocking").map((l) => l.path),
            ["cpu", "memory", "containerDefinitions[0].memory", "containerDefinitions[1].memory"],
        );
        assert.match(
            report.find((l) => l.path === "cpu")!.message,
            /^32768 CPU units \(Fargate's largest task has 16384\): capped at Fargate's largest task \(16384 CPU units, 122880 MiB\) because of --force\./,
        );
    });

    describe("adaptable near misses import as before, with nothing blocking", () => {
        const adaptable: { kind: string; td: () => unknown }[] = [
            { kind: "a privileged container alone", td: () => withWeb({ privileged: true }) },
            { kind: "host networking without privileges", td: () => withWeb({}, { networkMode: "host" }) },
            { kind: "the host IPC namespace without privileges", td: () => withWeb({}, { ipcMode: "host" }) },
            { kind: "a task PID namespace", td: () => withWeb({}, { pidMode: "task" }) },
            { kind: "a host volume no container mounts", td: () => withWeb({}, { volumes: [{ name: "data", host: { sourcePath: "/srv/data" } }] }) },
            {
                kind: "a privileged container and a host volume nobody mounts",
                td: () => withWeb({ privileged: true }, { volumes: [{ name: "data", host: { sourcePath: "/srv/data" } }] }),
            },
            {
                kind: "a mounted host volume without sourcePath",
                td: () => withWeb({ mountPoints: [{ sourceVolume: "scratch", containerPath: "/scratch" }] }, { volumes: [{ name: "scratch", host: {} }] }),
            },
            {
                kind: "a mounted task-scoped local Docker volume",
                td: () =>
                    withWeb(
                        { mountPoints: [{ sourceVolume: "cache", containerPath: "/cache" }] },
                        { volumes: [{ name: "cache", dockerVolumeConfiguration: { driver: "local", scope: "task" } }] },
                    ),
            },
            {
                kind: "a non-local Docker volume nobody mounts",
                td: () => withWeb({}, { volumes: [{ name: "db", dockerVolumeConfiguration: { driver: "rexray/ebs", scope: "shared" } }] }),
            },
            {
                kind: "a mounted EFS volume (Fargate supports EFS)",
                td: () =>
                    withWeb(
                        { mountPoints: [{ sourceVolume: "efs", containerPath: "/data" }] },
                        { volumes: [{ name: "efs", efsVolumeConfiguration: { fileSystemId: "fs-0123456789abcdef0" } }] },
                    ),
            },
            {
                kind: "SYS_PTRACE and Docker-default capabilities",
                td: () => withWeb({ linuxParameters: { capabilities: { drop: ["ALL"], add: ["SYS_PTRACE", "NET_BIND_SERVICE", "CHOWN", "IPC_LOCK"] } } }),
            },
            { kind: "200 GiB of ephemeral storage", td: () => withWeb({}, { ephemeralStorage: { sizeInGiB: 200 } }) },
            { kind: "Fargate's largest task", td: () => withWeb({}, { cpu: "16 vCPU", memory: "120 GB" }) },
            {
                kind: "sharedMemorySize, tmpfs and sysctls",
                td: () =>
                    withWeb({
                        ...linux({ sharedMemorySize: 512, tmpfs: [{ containerPath: "/run", size: 64 }] }),
                        systemControls: [{ namespace: "net.core.somaxconn", value: "1024" }],
                    }),
            },
            {
                kind: "an EC2-only log driver, links and a host port",
                td: () => withWeb({ logConfiguration: { logDriver: "json-file" }, links: ["db"], portMappings: [{ containerPort: 8080, hostPort: 80 }] }),
            },
        ];
        for (const a of adaptable)
            it(`imports ${a.kind}`, () => {
                const { config, report, blocking } = importTaskDefinition(a.td(), { stack: "dev" });
                assert.deepEqual(blocking, []);
                assert.deepEqual(
                    report.filter((l) => l.kind === "blocking"),
                    [],
                );
                loadSettings(rawConfig(config));
            });

        for (const f of SEED_FIXTURES)
            it(`finds nothing blocking in the user example ${f.register} (and its describe shape)`, () => {
                for (const name of [f.register, f.describe]) assert.deepEqual(findBlockingFields(parseTaskDefinition(fixtureText(name)).definition), [], name);
            });
    });

    describe("the CLI", () => {
        /** Files in a directory. */
        const filesIn = (dir: string) => fs.readdirSync(dir).sort();

        it("exits 2, writes nothing and lists every blocking path for a host agent (node exporter)", () => {
            const dir = tempDir();
            const source = path.join(FIXTURES, "blocking-node-exporter.json");
            const r = cli(["import-task-definition", source, "--stack", "dev", "--out", dir], REPO_ROOT);
            assert.equal(r.code, 2);
            assert.equal(r.stdout, "");
            assert.deepEqual(filesIn(dir), []);
            assert.ok(
                r.stderr.startsWith(`fargatekit import-task-definition: ${source}: the task cannot do its job on Fargate without these 6 fields, so nothing was written:\n`),
                r.stderr,
            );
            const listed = r.stderr
                .split("\n")
                .filter((l) => /^ {2}\S/.test(l))
                .map((l) => l.trim().split(": ")[0]);
            assert.deepEqual(listed, ["pidMode", "volumes[0].host", "volumes[1].host", "volumes[2].host", "containerDefinitions[0].privileged", "networkMode"]);
            assert.match(r.stderr, /\n {4}instead: run it on ECS with EC2 capacity .*as a daemon service/);
        });

        it("does not replace an existing stack file when it refuses, even with --overwrite", () => {
            const dir = tempDir();
            fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config: {}\n");
            const r = cli(["import-task-definition", path.join(FIXTURES, "blocking-gpu-inference.json"), "--stack", "dev", "--out", dir, "--overwrite"], REPO_ROOT);
            assert.equal(r.code, 2);
            assert.match(r.stderr, /\n {2}containerDefinitions\[0\]\.resourceRequirements\[0\]: GPU 1\n {4}why: Fargate has no GPUs/);
            assert.match(r.stderr, /instead: run it on ECS with EC2 capacity .* on a GPU instance type/);
            assert.equal(fs.readFileSync(path.join(dir, "Pulumi.dev.yaml"), "utf8"), "config: {}\n");
        });

        it("writes the stack with --force, marked BLOCKING at the top of the file and in the report", () => {
            const dir = tempDir();
            const source = path.join(FIXTURES, "blocking-gpu-inference.json");
            const r = cli(["import-task-definition", source, "--stack", "dev", "--out", dir, "--force"], REPO_ROOT);
            assert.equal(r.code, 0, r.stderr);
            assert.deepEqual(filesIn(dir), ["Pulumi.dev.yaml"]);
            const text = fs.readFileSync(path.join(dir, "Pulumi.dev.yaml"), "utf8");
            assert.ok(text.startsWith("# BLOCKING: written with --force. This stack does NOT do what the task definition did"), text);
            assert.match(text, /\n# {3}containerDefinitions\[0\]\.resourceRequirements\[0\]: GPU 1 \(left out\)\n# {5}instead: run it on ECS with EC2 capacity/);
            assert.match(text, /\n# Stack dev, generated by `fargatekit import-task-definition`/);
            assert.ok(
                r.stdout.includes(
                    "\nBLOCKING (left out because of --force: the task cannot do its job on Fargate without these): 1\n  containerDefinitions[0].resourceRequirements[0]: GPU 1: left out because of --force.",
                ),
                r.stdout,
            );
            assert.match(r.stdout, /\nWARNING: 1 blocking field was left out because of --force: this stack does NOT do what the task definition did\./);
            assert.equal(r.stdout.indexOf("BLOCKING (left out"), r.stdout.indexOf("\n\n") + 2, "the BLOCKING section comes first");
        });
    });
});
