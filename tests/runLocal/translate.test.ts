import * as assert from "assert";
import { parseContainer, taskFromResources, LocalTask, TaskConfigError } from "../../tools/runLocal/task";
import { parseImageReference } from "../../policy/lib/containers";
import { effectiveCapabilities, effectiveUlimits, planVolumes, secretPlaceholder, translateTask, TranslateInput } from "../../tools/runLocal/translate";
import { RecordedResource } from "../../tools/offline/types";

/** A container definition as the components register it (components/lib/ecs/containerDefinitions.ts). */
function appDef(over: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        name: "app",
        image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/web-repo@sha256:abc",
        essential: true,
        portMappings: [{ containerPort: 3000, protocol: "tcp" }],
        environment: [{ name: "SERVICE_NAME", value: "web" }],
        user: "10001",
        readonlyRootFilesystem: true,
        mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }],
        stopTimeout: 30,
        linuxParameters: { initProcessEnabled: false, capabilities: { drop: ["ALL"] } },
        ...over,
    };
}

function rec(type: string, name: string, inputs: Record<string, any>, extra: Partial<RecordedResource> = {}): RecordedResource {
    return {
        urn: `urn:pulumi:dev::p::${type}::${name}`,
        type,
        name,
        custom: true,
        inputs,
        outputs: {},
        dependencies: [],
        propertyDependencies: {},
        protect: false,
        ignoreChanges: [],
        ...extra,
    };
}

function resources(containers: Record<string, unknown>[]): RecordedResource[] {
    return [
        rec("docker:index/image:Image", "web-image", {
            build: { context: "/p/app", dockerfile: "/p/app/Dockerfile", platform: "linux/amd64" },
            imageName: "123456789012.dkr.ecr.us-east-1.amazonaws.com/web-repo:b14d",
        }),
        rec("aws:lb/targetGroup:TargetGroup", "web-alb", {
            healthCheck: { path: "/health", matcher: "200-399", interval: 15, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
            port: 3000,
        }),
        rec("aws:ecs/taskDefinition:TaskDefinition", "web-service", {
            family: "web-service",
            cpu: "256",
            memory: "512",
            networkMode: "awsvpc",
            runtimePlatform: { cpuArchitecture: "X86_64", operatingSystemFamily: "LINUX" },
            volumes: [{ name: "tmp" }],
            containerDefinitions: JSON.stringify(containers),
        }),
        rec("aws:ecs/service:Service", "web-service", {
            taskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/web-service:1",
            healthCheckGracePeriodSeconds: 60,
            loadBalancers: [{ containerName: "app", containerPort: 3000, targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-alb-1/abc" }],
        }),
    ];
}

function input(task: LocalTask, over: Partial<TranslateInput> = {}): TranslateInput {
    const images: TranslateInput["images"] = {};
    for (const c of task.containers) images[c.name] = { ref: `localhost/img-${c.name}`, volumes: [] };
    return { task, engine: "podman", runId: "fk-run", images, hostPort: 40000, volumeDir: "/tmp/vols", secretValues: {}, ...over };
}

/** The value that follows `flag` each time it occurs. */
function values(args: string[], flag: string): string[] {
    return args.flatMap((a, i) => (a === flag ? [args[i + 1]] : []));
}

describe("run-local: task definition → engine commands", () => {
    it("reads the task the service runs: containers from the JSON string, the build, the target group check and the grace period", () => {
        const task = taskFromResources(resources([appDef()]));
        assert.equal(task.family, "web-service");
        assert.deepEqual(task.images.app, { kind: "build", context: "/p/app", dockerfile: "/p/app/Dockerfile", platform: "linux/amd64" });
        assert.deepEqual(task.loadBalancer, {
            containerName: "app",
            containerPort: 3000,
            check: { path: "/health", matcher: "200-399", interval: 15, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
        });
        assert.equal(task.gracePeriod, 60);
        assert.deepEqual(task.volumes, ["tmp"]);
    });

    it("fills ECS's and ELB's defaults where the definition is silent", () => {
        const c = parseContainer({ name: "x", image: "i", healthCheck: { command: ["CMD", "true"] } });
        assert.equal(c.essential, true);
        assert.equal(parseContainer({ name: "x", image: "i", essential: "false" }).essential, false, "props may carry booleans as strings");
        assert.deepEqual(c.healthCheck, { command: ["CMD", "true"], interval: 30, timeout: 5, retries: 3, startPeriod: 0 });
        const rs = resources([appDef()]);
        delete rs[1].inputs.healthCheck;
        assert.deepEqual(
            taskFromResources(rs).loadBalancer?.check,
            { path: "/", matcher: "200", interval: 30, timeout: 5, healthyThreshold: 5, unhealthyThreshold: 2 },
            "no healthCheck block: ELB's defaults",
        );
    });

    it("a healthCheck block without thresholds gets the AWS provider's 3 and 3, not ELB's 5 and 2", () => {
        const rs = resources([appDef()]);
        rs[1].inputs.healthCheck = { path: "/health" };
        assert.deepEqual(taskFromResources(rs).loadBalancer?.check, { path: "/health", matcher: "200", interval: 30, timeout: 5, healthyThreshold: 3, unhealthyThreshold: 3 });
    });

    it("treats an image no build produced as given (it must exist locally)", () => {
        const task = taskFromResources(resources([appDef(), appDef({ name: "proxy", image: "public.ecr.aws/nginx/nginx:1.27", portMappings: [] })]));
        assert.deepEqual(task.images.proxy, { kind: "given" });
        assert.equal(parseImageReference("localhost:5000/a/b:1@sha256:ff").repository, "localhost:5000/a/b");
    });

    it("refuses what Fargate cannot run or the program did not register", () => {
        assert.throws(() => taskFromResources([]), TaskConfigError);
        const rs = resources([appDef()]);
        rs[2].inputs.networkMode = "bridge";
        assert.throws(() => taskFromResources(rs), /networkMode is bridge/);
        const bad = resources([appDef()]);
        bad[3].inputs.loadBalancers[0].containerName = "web";
        assert.throws(() => taskFromResources(bad), /container web/);
        const garbled = resources([appDef()]);
        garbled[2].inputs.containerDefinitions = "[{";
        assert.throws(
            () => taskFromResources(garbled),
            (e: Error) => e instanceof TaskConfigError && /task definition web-service: containerDefinitions cannot be read: the document is not valid JSON/.test(e.message),
        );
        const empty = resources([]);
        assert.throws(() => taskFromResources(empty), /no containerDefinitions/);
    });

    it("runs the container as Fargate does: read-only root without podman's tmpfs, user, all capabilities dropped, no engine health check, stop timeout", () => {
        const plan = translateTask(input(taskFromResources(resources([appDef()]))));
        const args = plan.containers[0].create;
        assert.ok(args.includes("--read-only"));
        assert.ok(args.includes("--read-only-tmpfs=false"), "podman's --read-only would add writable tmpfs on /tmp, /var/tmp and /run");
        assert.deepEqual(values(args, "--user"), ["10001"]);
        assert.deepEqual(values(args, "--cap-drop"), ["ALL"]);
        assert.deepEqual(values(args, "--cap-add"), []);
        assert.ok(args.includes("--no-healthcheck"));
        assert.deepEqual(values(args, "--stop-timeout"), ["30"]);
        assert.deepEqual(values(args, "--network"), ["container:fk-run-netns"]);
        assert.deepEqual(values(args, "--env"), ["SERVICE_NAME=web"]);
        assert.ok(!args.includes("--init"));
        assert.equal(args[args.length - 1], "localhost/img-app", "no command: the image's CMD runs");
    });

    it("docker gets no podman-only flag", () => {
        const plan = translateTask(input(taskFromResources(resources([appDef()])), { engine: "docker" }));
        assert.ok(!plan.containers[0].create.some((a) => a.startsWith("--read-only-tmpfs")));
    });

    it("starts from Docker's default capabilities, drops and adds as declared", () => {
        const c = parseContainer(appDef({ linuxParameters: { capabilities: { drop: ["NET_RAW", "CAP_MKNOD"], add: ["SYS_PTRACE"] } } }));
        const caps = effectiveCapabilities(c);
        assert.ok(caps.includes("CHOWN") && caps.includes("SYS_PTRACE"));
        assert.ok(!caps.includes("NET_RAW") && !caps.includes("MKNOD"));
        const bind = parseContainer(appDef({ linuxParameters: { capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } } }));
        assert.deepEqual(effectiveCapabilities(bind), ["NET_BIND_SERVICE"]);
        const task = taskFromResources(resources([appDef({ linuxParameters: { capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } } })]));
        const plan = translateTask(input(task));
        assert.deepEqual(values(plan.containers[0].create, "--cap-add"), ["NET_BIND_SERVICE"]);
        assert.match(plan.notes[0], /^app: capabilities\.add NET_BIND_SERVICE: Fargate accepts only SYS_PTRACE there/);
    });

    it("gives Fargate's nofile 65535 unless declared, and lowers limits the host cannot grant, saying so", () => {
        const notes: string[] = [];
        const c = parseContainer(appDef({ ulimits: [{ name: "memlock", softLimit: 64, hardLimit: 64 }] }));
        assert.deepEqual(effectiveUlimits(c, undefined, notes), [
            { name: "nofile", soft: 65535, hard: 65535 },
            { name: "memlock", soft: 64, hard: 64 },
        ]);
        assert.deepEqual(notes, []);
        const lowered = effectiveUlimits(c, { nofile: 20000, nproc: 32768 }, notes);
        assert.deepEqual(
            lowered.find((u) => u.name === "nofile"),
            { name: "nofile", soft: 20000, hard: 20000 },
        );
        assert.deepEqual(
            lowered.find((u) => u.name === "nproc"),
            { name: "nproc", soft: 32768, hard: 32768 },
        );
        assert.deepEqual(notes, ["ulimit nofile 65535:65535 lowered to 20000:20000: this host's hard limit (Fargate grants 65535:65535)"]);
    });

    it("a task volume the image declares as VOLUME starts from the image; any other starts empty in a fresh host directory", () => {
        const task = taskFromResources(resources([appDef()]));
        const declared = planVolumes(task, { app: { ref: "i", volumes: ["/tmp/"] } }, "fk-run", "/v");
        assert.deepEqual(declared, [{ taskVolume: "tmp", kind: "image", source: "fk-run-tmp", seededBy: { container: "app", path: "/tmp" } }]);
        const undeclared = planVolumes(task, { app: { ref: "i", volumes: ["/data"] } }, "fk-run", "/v");
        assert.deepEqual(undeclared, [{ taskVolume: "tmp", kind: "empty", source: "/v/tmp" }]);
        const plan = translateTask(input(task, { volumeDir: "/v" }));
        assert.deepEqual(values(plan.containers[0].create, "--volume"), ["/v/tmp:/tmp:rw"]);
    });

    it("shares one volume between containers and mounts it read-only where declared", () => {
        const side = appDef({ name: "reader", portMappings: [], mountPoints: [{ sourceVolume: "tmp", containerPath: "/shared", readOnly: true }] });
        const plan = translateTask(input(taskFromResources(resources([appDef(), side])), { volumeDir: "/v" }));
        assert.deepEqual(values(plan.containers[1].create, "--volume"), ["/v/tmp:/shared:ro"]);
        assert.equal(plan.volumes.length, 1);
    });

    it("entryPoint: first word as --entrypoint, the rest before the command; command alone replaces CMD", () => {
        const task = taskFromResources(resources([appDef({ entryPoint: ["/bin/sh", "-c"], command: ["exec serve"], workingDirectory: "/srv" })]));
        const args = translateTask(input(task)).containers[0].create;
        assert.deepEqual(values(args, "--entrypoint"), ["/bin/sh"]);
        assert.deepEqual(values(args, "--workdir"), ["/srv"]);
        assert.deepEqual(args.slice(-3), ["localhost/img-app", "-c", "exec serve"]);
        const cmdOnly = translateTask(input(taskFromResources(resources([appDef({ command: ["gunicorn", "app:app"] })])))).containers[0].create;
        assert.deepEqual(values(cmdOnly, "--entrypoint"), []);
        assert.deepEqual(cmdOnly.slice(-3), ["localhost/img-app", "gunicorn", "app:app"]);
    });

    it("init process, memory limit and a declared stop timeout", () => {
        const task = taskFromResources(resources([appDef({ memory: 256, stopTimeout: 5, linuxParameters: { initProcessEnabled: true, capabilities: { drop: ["ALL"] } } })]));
        const args = translateTask(input(task)).containers[0].create;
        assert.ok(args.includes("--init"));
        assert.deepEqual(values(args, "--memory"), ["256m"]);
        assert.deepEqual(values(args, "--stop-timeout"), ["5"]);
    });

    it("secrets: values from the secrets file through the engine's environment (never argv), else marked placeholders; never fetched", () => {
        const secrets = [
            { name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf" },
            { name: "API_KEY", valueFrom: "arn:aws:ssm:us-east-1:123456789012:parameter/api-key" },
        ];
        const task = taskFromResources(resources([appDef({ secrets })]));
        const plan = translateTask(input(task, { secretValues: { DB_PASSWORD: "s3cret" } }));
        const c = plan.containers[0];
        assert.ok(values(c.create, "--env").includes("DB_PASSWORD") && values(c.create, "--env").includes("API_KEY"));
        assert.ok(!c.create.some((a) => a.includes("s3cret")), "a secret value never goes on the command line");
        assert.equal(c.env.DB_PASSWORD, "s3cret");
        assert.equal(c.env.API_KEY, secretPlaceholder("API_KEY", secrets[1].valueFrom));
        assert.match(c.env.API_KEY, /placeholder/);
        assert.deepEqual(plan.notes, [`app: secret API_KEY (${secrets[1].valueFrom}) is a placeholder; give its value with --secrets-file`]);
    });

    it("one network namespace for the task: a holder publishes the load balancer's port on 127.0.0.1 only, and is removed last", () => {
        const side = appDef({ name: "proxy", portMappings: [] });
        const plan = translateTask(input(taskFromResources(resources([appDef(), side]))));
        assert.deepEqual(values(plan.holder.create, "--publish"), ["127.0.0.1:40000:3000"]);
        assert.deepEqual(
            plan.containers.map((c) => values(c.create, "--network")[0]),
            ["container:fk-run-netns", "container:fk-run-netns"],
        );
        assert.deepEqual(plan.removeOrder, ["fk-run-app", "fk-run-proxy", "fk-run-netns"]);
        assert.ok(plan.containers.every((c) => c.create.includes("io.fargatekit.run-local=fk-run")));
    });
});
