import { strict as assert } from "node:assert";
import { ecsPolicies, execEncryptionVerdict, floatingImageReason, plaintextSecretReason, runsAsRoot, taskDefinitionRefs } from "../../policy/ecs";
import { parseContainerDefinitions, parseImageReference, toNumber } from "../../policy/lib/containers";
import { evaluateInProcess } from "../../tools/analyzer/inProcess";
import { ResourceInput, UNKNOWN } from "../../tools/analyzer/types";
import { assertPolicyMetadata, policyExpectations } from "./expect";

const TD = "aws:ecs/taskDefinition:TaskDefinition";
const SVC = "aws:ecs/service:Service";
const CLUSTER = "aws:ecs/cluster:Cluster";
const SUBNET = "aws:ec2/subnet:Subnet";
const ROLE = "aws:iam/role:Role";

const ACCOUNT = "123456789012";
const CLUSTER_ARN = `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/main`;
const DIGEST = `sha256:${"ab".repeat(32)}`;

/** A container as our program writes it: hardened, logged, pinned, health-checked. */
const goodContainer = {
    name: "web",
    image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web@${DIGEST}`,
    essential: true,
    readonlyRootFilesystem: true,
    user: "10001",
    memory: 512,
    memoryReservation: 256,
    portMappings: [{ containerPort: 8080, protocol: "tcp" }],
    linuxParameters: { capabilities: { drop: ["ALL"] } },
    logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/fargatekit/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web" } },
    secrets: [{ name: "DB_PASSWORD", valueFrom: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf` }],
    environment: [{ name: "PORT", value: "8080" }],
    healthCheck: { command: ["CMD-SHELL", "wget -qO- http://localhost:8080/healthz || exit 1"], interval: 30, retries: 3 },
    mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp" }],
};

type Shape = "string" | "array";

/** A task definition resource whose containers are `containers`, in the given props shape. */
function task(name: string, containers: Record<string, any>[], overrides: Record<string, any> = {}, shape: Shape = "string"): ResourceInput {
    return {
        type: TD,
        name,
        props: {
            family: name,
            networkMode: "awsvpc",
            requiresCompatibilities: ["FARGATE"],
            cpu: "256",
            memory: "512",
            runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "ARM64" },
            executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/${name}-exec`,
            taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/${name}-task`,
            containerDefinitions: shape === "string" ? JSON.stringify(containers) : containers,
            volumes: [{ name: "tmp" }],
            ...overrides,
        },
    };
}

/** A task definition with one container: the good one with `overrides` applied (undefined deletes a key). */
function taskWithContainer(name: string, overrides: Record<string, any>, shape: Shape = "string"): ResourceInput {
    const c: Record<string, any> = { ...goodContainer, ...overrides };
    for (const k of Object.keys(c)) if (c[k] === undefined) delete c[k];
    return task(name, [c], {}, shape);
}

const goodCluster = (): ResourceInput => ({
    type: CLUSTER,
    name: "main",
    props: {
        name: "main",
        arn: CLUSTER_ARN,
        settings: [{ name: "containerInsights", value: "enabled" }],
        configuration: {
            executeCommandConfiguration: {
                kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/exec`,
                logging: "OVERRIDE",
                logConfiguration: { cloudWatchLogGroupName: "/fargatekit/exec", cloudWatchEncryptionEnabled: true },
            },
            managedStorageConfiguration: { fargateEphemeralStorageKmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/storage` },
        },
    },
});

function service(name: string, overrides: Record<string, any> = {}, propertyDependencies?: Record<string, string[]>): ResourceInput {
    return {
        type: SVC,
        name,
        props: {
            name,
            cluster: CLUSTER_ARN,
            taskDefinition: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web-task:3`,
            capacityProviderStrategies: [
                { capacityProvider: "FARGATE", base: 1, weight: 1 },
                { capacityProvider: "FARGATE_SPOT", weight: 3 },
            ],
            platformVersion: "LATEST",
            networkConfiguration: { subnets: ["subnet-a", "subnet-b"], securityGroups: ["sg-svc"], assignPublicIp: false },
            loadBalancers: [{ targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/web/abc`, containerName: "web", containerPort: 8080 }],
            deploymentCircuitBreaker: { enable: true, rollback: true },
            propagateTags: "SERVICE",
            enableExecuteCommand: true,
            desiredCount: 2,
            tags: { app: "web", env: "prod" },
            ...overrides,
        },
        propertyDependencies: propertyDependencies ?? {
            cluster: ["main"],
            taskDefinition: ["web-task"],
            networkConfiguration: ["private-a", "private-b"],
        },
    };
}

const subnet = (name: string, id: string, mapPublicIpOnLaunch: boolean): ResourceInput => ({ type: SUBNET, name, props: { id, mapPublicIpOnLaunch, cidrBlock: "10.0.0.0/24" } });

/** The whole ECS part of our production stack. */
function goodStack(shape: Shape = "string"): ResourceInput[] {
    const t = task("web-task", [goodContainer], {}, shape);
    t.propertyDependencies = { executionRoleArn: ["web-exec"], taskRoleArn: ["web-task-role"] };
    return [
        { type: ROLE, name: "web-exec", props: { name: "web-exec" } },
        { type: ROLE, name: "web-task-role", props: { name: "web-task-role" } },
        subnet("private-a", "subnet-a", false),
        subnet("private-b", "subnet-b", false),
        goodCluster(),
        t,
        service("web"),
    ];
}

const { run, expectViolations } = policyExpectations(ecsPolicies);

describe("policy/ecs", () => {
    describe("metadata", () => {
        it("every policy has a unique kebab-case name, a description, level, severity, remediation and rule tags", () => {
            assertPolicyMetadata(ecsPolicies, "ecs", /^rule:[A-Z]+\d+$/);
        });

        it("covers rows T1-T13 (T6 resource part), S1-S9 and C1-C4", () => {
            const rules = new Set(ecsPolicies.flatMap((p) => (p.tags ?? []).filter((t) => t.startsWith("rule:"))));
            const expected = [
                ...Array.from({ length: 13 }, (_, i) => `rule:T${i + 1}`),
                ...Array.from({ length: 9 }, (_, i) => `rule:S${i + 1}`),
                ...Array.from({ length: 4 }, (_, i) => `rule:C${i + 1}`),
            ];
            assert.deepEqual([...rules].sort(), expected.sort());
        });

        it("beyond rules carry their beyond: tag", () => {
            for (const id of ["T11", "T12", "T13", "S3", "S6", "S7", "S8", "C4"]) {
                for (const p of ecsPolicies.filter((x) => x.tags?.includes(`rule:${id}`))) assert.ok(p.tags?.includes(`beyond:${id}`), p.name);
            }
        });
    });

    describe("our production stack", () => {
        for (const shape of ["string", "array"] as Shape[]) {
            it(`passes every ECS policy with containerDefinitions as a ${shape}`, async () => {
                const vs = await evaluateInProcess(ecsPolicies, goodStack(shape));
                assert.deepEqual(
                    vs.map((v) => `${v.policy}:${v.resource}`),
                    [],
                );
            });
        }
    });

    describe("task definition", () => {
        it("T1 ecs-task-awsvpc fails bridge and unset modes, passes awsvpc", async () => {
            await expectViolations("ecs-task-awsvpc", [task("bridge", [goodContainer], { networkMode: "bridge" })], ["bridge"], /networkMode is "bridge"/);
            await expectViolations("ecs-task-awsvpc", [task("unset", [goodContainer], { networkMode: undefined })], ["unset"], /unset.*Fargate requires awsvpc/);
            await expectViolations("ecs-task-awsvpc", [task("ok", [goodContainer])], []);
        });

        for (const shape of ["string", "array"] as Shape[]) {
            it(`T2 ecs-task-no-privileged flags privileged and Checkov's "privilege" key (${shape})`, async () => {
                await expectViolations("ecs-task-no-privileged", [taskWithContainer("priv", { privileged: true }, shape)], ["priv"], /Container "web" runs privileged/);
                await expectViolations("ecs-task-no-privileged", [taskWithContainer("privilege", { privilege: true }, shape)], ["privilege"]);
                await expectViolations("ecs-task-no-privileged", [taskWithContainer("ok", { privileged: false }, shape)], []);
            });
        }

        it("T2 treats unparseable containerDefinitions as a violation", async () => {
            await expectViolations("ecs-task-no-privileged", [task("broken", [], { containerDefinitions: "[{not json" })], ["broken"], /not valid JSON/);
            await expectViolations("ecs-task-no-privileged", [task("object", [], { containerDefinitions: "{}" })], ["object"], /expected a JSON array/);
        });

        it("T3 ecs-task-readonly-root-fs fails missing or false values, skips empty definitions", async () => {
            await expectViolations(
                "ecs-task-readonly-root-fs",
                [taskWithContainer("missing", { readonlyRootFilesystem: undefined })],
                ["missing"],
                /"web" does not set readonlyRootFilesystem/,
            );
            await expectViolations("ecs-task-readonly-root-fs", [taskWithContainer("false", { readonlyRootFilesystem: false }, "array")], ["false"]);
            await expectViolations("ecs-task-readonly-root-fs", [task("empty", [])], []);
        });

        it("T4 ecs-task-no-host-namespaces reports task pid, task ipc and container pid separately", async () => {
            const bad = task("host", [{ ...goodContainer, pidMode: "host" }], { pidMode: "host", ipcMode: "host" });
            const vs = await expectViolations("ecs-task-no-host-namespaces", [bad], ["host", "host", "host"]);
            assert.match(vs[0].message, /Task pidMode is "host"/);
            assert.match(vs[1].message, /Task ipcMode is "host"/);
            assert.match(vs[2].message, /Container "web" sets pidMode "host"/);
            await expectViolations("ecs-task-no-host-namespaces", [task("ok", [goodContainer], { pidMode: "task", ipcMode: "task" })], []);
        });

        it("T4 still reports a known host ipcMode when pidMode is unknown", async () => {
            await expectViolations("ecs-task-no-host-namespaces", [task("partly", [goodContainer], { pidMode: UNKNOWN, ipcMode: "host" })], ["partly"], /ipcMode/);
        });

        it("T5 ecs-task-no-plaintext-secrets flags secret names, access keys and PEM keys without echoing values", async () => {
            const env = [
                { name: "DB_PASSWORD", value: "hunter2" },
                { name: "CONFIG", value: "AKIAABCDEFGHIJKLMNOP" },
                { name: "TLS_KEY_PEM", value: "-----BEGIN RSA PRIVATE KEY-----\nMIIE" },
                { name: "TOKEN_TYPE", value: "bearer" },
                { name: "VERSION_TOKEN", value: "3" },
                { name: "PORT", value: "8080" },
            ];
            const vs = await expectViolations("ecs-task-no-plaintext-secrets", [taskWithContainer("leaky", { environment: env })], ["leaky", "leaky", "leaky"]);
            assert.match(vs[0].message, /"DB_PASSWORD".*contains "password"/);
            assert.match(vs[1].message, /"CONFIG".*AWS access key id/);
            assert.match(vs[2].message, /"TLS_KEY_PEM".*PEM private key/);
            for (const v of vs) assert.ok(!v.message.includes("hunter2") && !v.message.includes("AKIAABCDEFGHIJKLMNOP"));
            await expectViolations("ecs-task-no-plaintext-secrets", [taskWithContainer("ok", {})], []);
        });

        it("T5 judges value and name together: credentials in URLs and tokens fail, harmless secret-ish names pass", async () => {
            const env = [
                { name: "DATABASE_URL", value: "postgres://app:s3cret@db.internal:5432/app" },
                { name: "GH", value: "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8" },
                { name: "PASSWORD_MIN_LENGTH", value: "12" },
                { name: "TOKEN_TTL_SECONDS", value: "300" },
                { name: "SECRET_ARN", value: "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf" },
                { name: "READ_REPLICA_URL", value: "postgres://app@replica.internal:5432/app" },
            ];
            const vs = await expectViolations("ecs-task-no-plaintext-secrets", [taskWithContainer("mixed", { environment: env })], ["mixed", "mixed"]);
            assert.match(vs[0].message, /"DATABASE_URL".*URL with a user name and password/);
            assert.match(vs[1].message, /"GH".*GitHub token/);
            assert.ok(!vs.some((v) => v.message.includes("s3cret")));
        });

        it("T5 reads extraNamePatterns and allowNames from the pack's config", async () => {
            const env = [
                { name: "SIGNING_SALT", value: "pepper-and-salt" },
                { name: "SESSION_SECRET", value: "changeme-please" },
            ];
            await expectViolations("ecs-task-no-plaintext-secrets", [taskWithContainer("t", { environment: env })], ["t"], /"SESSION_SECRET"/);
            const config = { "ecs-task-no-plaintext-secrets": { extraNamePatterns: ["salt$"], allowNames: ["SESSION_*"] } };
            await expectViolations("ecs-task-no-plaintext-secrets", [taskWithContainer("t", { environment: env })], ["t"], /"SIGNING_SALT".*pattern \/salt\$\//, config);
        });

        it("T6 ecs-task-log-driver fails a container without logConfiguration", async () => {
            await expectViolations("ecs-task-log-driver", [taskWithContainer("silent", { logConfiguration: undefined })], ["silent"], /"web" has no logConfiguration.logDriver/);
            await expectViolations("ecs-task-log-driver", [taskWithContainer("ok", { logConfiguration: { logDriver: "awsfirelens" } })], []);
        });

        it("T7 ecs-task-separate-roles compares known ARNs", async () => {
            const same = task("same", [goodContainer], { executionRoleArn: "arn:aws:iam::1:role/r", taskRoleArn: "arn:aws:iam::1:role/r" });
            await expectViolations("ecs-task-separate-roles", [same], ["same"], /same role/);
            await expectViolations("ecs-task-separate-roles", [task("different", [goodContainer])], []);
        });

        it("T7 compares propertyDependencies when the ARNs are unknown", async () => {
            const roles: ResourceInput[] = [
                { type: ROLE, name: "r1", props: {} },
                { type: ROLE, name: "r2", props: {} },
            ];
            const same = task("same", [goodContainer], { executionRoleArn: UNKNOWN, taskRoleArn: UNKNOWN });
            same.propertyDependencies = { executionRoleArn: ["r1"], taskRoleArn: ["r1"] };
            const different = task("different", [goodContainer], { executionRoleArn: UNKNOWN, taskRoleArn: UNKNOWN });
            different.propertyDependencies = { executionRoleArn: ["r1"], taskRoleArn: ["r2"] };
            const opaque = task("opaque", [goodContainer], { executionRoleArn: UNKNOWN, taskRoleArn: UNKNOWN });
            await expectViolations("ecs-task-separate-roles", [...roles, same, different, opaque], ["same"], /same role resource/);
        });

        it("T8 ecs-task-efs-transit-encryption fails EFS volumes without ENABLED transit encryption", async () => {
            const volumes = [
                { name: "tmp" },
                { name: "plain", efsVolumeConfiguration: { fileSystemId: "fs-1", transitEncryption: "DISABLED" } },
                { name: "default", efsVolumeConfiguration: { fileSystemId: "fs-2" } },
                { name: "good", efsVolumeConfiguration: { fileSystemId: "fs-3", transitEncryption: "ENABLED" } },
            ];
            const vs = await expectViolations("ecs-task-efs-transit-encryption", [task("efs", [goodContainer], { volumes })], ["efs", "efs"]);
            assert.match(vs[0].message, /"plain" has transitEncryption "DISABLED"/);
            assert.match(vs[1].message, /"default" has transitEncryption unset/);
            await expectViolations("ecs-task-efs-transit-encryption", [task("none", [goodContainer])], []);
        });

        it("T9 ecs-task-non-root-user fails missing, root and UID 0 users", async () => {
            await expectViolations("ecs-task-non-root-user", [taskWithContainer("nouser", { user: undefined })], ["nouser"], /has no user/);
            await expectViolations("ecs-task-non-root-user", [taskWithContainer("root", { user: "root" })], ["root"], /runs as "root"/);
            await expectViolations("ecs-task-non-root-user", [taskWithContainer("zero", { user: "0:0" }, "array")], ["zero"]);
            await expectViolations("ecs-task-non-root-user", [taskWithContainer("app", { user: "10001:10001" })], []);
        });

        it("T9 exempts only a chmod-only init container whose entry point is chmod itself", async () => {
            const init = {
                name: "web-init",
                image: goodContainer.image,
                essential: false,
                user: "0",
                entryPoint: ["chmod"],
                command: ["1777", "/tmp"],
                readonlyRootFilesystem: true,
                linuxParameters: { capabilities: { drop: ["ALL"] } },
                mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp" }],
            };
            await expectViolations("ecs-task-non-root-user", [task("init", [goodContainer, init])], []);
            // Without an entryPoint, "chmod 1777 /tmp" is only arguments to the image's own ENTRYPOINT, which runs as root.
            await expectViolations(
                "ecs-task-non-root-user",
                [task("no-entry", [goodContainer, { ...init, entryPoint: undefined, command: ["chmod", "1777", "/tmp"] }])],
                ["no-entry"],
                /"web-init" runs as "0"/,
            );
            await expectViolations("ecs-task-non-root-user", [task("other-path", [goodContainer, { ...init, command: ["1777", "/etc"] }])], ["other-path"]);
            await expectViolations("ecs-task-non-root-user", [task("essential", [goodContainer, { ...init, essential: true }])], ["essential"]);
        });

        it("T10 ecs-task-resource-limits needs Fargate task sizes and a container memory limit", async () => {
            const vs = await expectViolations(
                "ecs-task-resource-limits",
                [task("unsized", [{ ...goodContainer, memory: undefined, memoryReservation: undefined }], { cpu: undefined, memory: undefined })],
                ["unsized", "unsized", "unsized"],
            );
            assert.match(vs[0].message, /"cpu" is not set/);
            assert.match(vs[1].message, /"memory" is not set/);
            assert.match(vs[2].message, /no container sets "memory" or "memoryReservation"/);
            const ec2 = task("ec2", [goodContainer], { requiresCompatibilities: ["EC2"], cpu: undefined, memory: undefined });
            await expectViolations("ecs-task-resource-limits", [ec2, task("numeric", [goodContainer], { cpu: 256, memory: 512 })], []);
        });

        it("T11 ecs-task-no-added-capabilities fails any added capability, even SYS_PTRACE", async () => {
            const caps = { capabilities: { add: ["SYS_PTRACE"], drop: ["ALL"] } };
            await expectViolations("ecs-task-no-added-capabilities", [taskWithContainer("ptrace", { linuxParameters: caps })], ["ptrace"], /adds capabilities SYS_PTRACE/);
        });

        it("T11 ecs-task-drop-all-capabilities is advisory and fails when ALL is not dropped", async () => {
            const vs = await expectViolations("ecs-task-drop-all-capabilities", [taskWithContainer("keeps", { linuxParameters: undefined })], ["keeps"]);
            assert.equal(vs[0].level, "advisory");
            await expectViolations("ecs-task-drop-all-capabilities", [taskWithContainer("drops", { linuxParameters: { capabilities: { drop: ["all"] } } })], []);
        });

        it("T12 ecs-task-image-not-latest fails latest and untagged images, even behind a registry port", async () => {
            await expectViolations("ecs-task-image-not-latest", [taskWithContainer("latest", { image: "nginx:latest" })], ["latest"], /mutable tag "latest"/);
            await expectViolations("ecs-task-image-not-latest", [taskWithContainer("bare", { image: "registry.local:5000/team/app" })], ["bare"], /no tag or digest/);
            await expectViolations("ecs-task-image-not-latest", [taskWithContainer("tagged", { image: "registry.local:5000/team/app:1.4.2" })], []);
        });

        it("T12 ecs-task-image-digest-pinned is advisory and fails tag-only references", async () => {
            const vs = await expectViolations("ecs-task-image-digest-pinned", [taskWithContainer("tagged", { image: "app:1.4.2" })], ["tagged"], /not pinned by digest/);
            assert.equal(vs[0].level, "advisory");
        });

        it("T13 ecs-task-container-health-check fails essential containers only", async () => {
            const sidecar = { name: "xray", image: `xray@${DIGEST}`, essential: false, user: "1337", readonlyRootFilesystem: true };
            const t = task("nohc", [{ ...goodContainer, healthCheck: undefined }, sidecar]);
            await expectViolations("ecs-task-container-health-check", [t], ["nohc"], /Essential container "web" has no healthCheck/);
        });
    });

    describe("service", () => {
        it("S1 ecs-service-no-public-ip fails assignPublicIp true", async () => {
            const network = { subnets: ["subnet-a"], securityGroups: ["sg"], assignPublicIp: true };
            await expectViolations("ecs-service-no-public-ip", [service("public", { networkConfiguration: network })], ["public"], /assignPublicIp is true/);
            await expectViolations("ecs-service-no-public-ip", [service("private"), service("unset", { networkConfiguration: { subnets: ["s"], securityGroups: ["sg"] } })], []);
        });

        it("S2 ecs-service-fargate-latest-platform applies to launch type and capacity provider strategies", async () => {
            await expectViolations("ecs-service-fargate-latest-platform", [service("spot", { platformVersion: "1.3.0" })], ["spot"], /"1.3.0", expected "LATEST"/);
            const launch = service("launch", { capacityProviderStrategies: undefined, launchType: "FARGATE", platformVersion: "1.4.0" });
            await expectViolations("ecs-service-fargate-latest-platform", [launch], ["launch"]);
            const ec2 = service("ec2", { capacityProviderStrategies: undefined, launchType: "EC2", platformVersion: "1.3.0" });
            await expectViolations("ecs-service-fargate-latest-platform", [ec2, service("unset", { platformVersion: undefined })], []);
        });

        it("S3 ecs-service-private-network needs a network configuration with security groups", async () => {
            await expectViolations("ecs-service-private-network", [service("bridge", { networkConfiguration: undefined })], ["bridge"], /no networkConfiguration/);
            const noSg = service("nosg", { networkConfiguration: { subnets: ["subnet-a"], securityGroups: [] } });
            await expectViolations("ecs-service-private-network", [noSg], ["nosg"], /securityGroups is empty/);
        });

        it("S3 reports subnets that auto-assign public IPs to a service's tasks, linked by dependency or id", async () => {
            const byDep = service("by-dep", {}, { networkConfiguration: ["public-a"] });
            const byId = service("by-id", { networkConfiguration: { subnets: ["subnet-pub-b"], securityGroups: ["sg"] } }, {});
            const resources = [subnet("public-a", "subnet-pub-a", true), subnet("public-b", "subnet-pub-b", true), subnet("unused", "subnet-x", true), byDep, byId];
            const vs = await expectViolations("ecs-service-private-network", resources, ["public-a", "public-b"], /mapPublicIpOnLaunch: true/);
            assert.match(vs[0].message, /by-dep/);
            assert.match(vs[1].message, /by-id/);
        });

        it("S4 ecs-service-no-iam-role fails admin roles and roles on awsvpc services", async () => {
            await expectViolations("ecs-service-no-iam-role", [service("admin", { iamRole: "arn:aws:iam::1:role/EcsAdmin" })], ["admin"], /administrator/);
            await expectViolations("ecs-service-no-iam-role", [service("legacy", { iamRole: "ecsServiceRole" })], ["legacy"], /awsvpc/);
            const bridge = service("bridge", { iamRole: "ecsServiceRole", networkConfiguration: undefined, capacityProviderStrategies: undefined, launchType: "EC2" });
            await expectViolations("ecs-service-no-iam-role", [bridge, service("none")], []);
        });

        it("S5 ecs-service-desired-count fails zero replicas (number or string) but not daemons", async () => {
            const vs = await expectViolations(
                "ecs-service-desired-count",
                [service("zero", { desiredCount: 0 }), service("zero-string", { desiredCount: "0" })],
                ["zero", "zero-string"],
            );
            assert.equal(vs[0].level, "mandatory");
            await expectViolations("ecs-service-desired-count", [service("daemon", { desiredCount: 0, schedulingStrategy: "DAEMON" }), service("two")], []);
        });

        it("S6 ecs-service-circuit-breaker needs enable and rollback, except for external controllers", async () => {
            await expectViolations("ecs-service-circuit-breaker", [service("none", { deploymentCircuitBreaker: undefined })], ["none"]);
            await expectViolations("ecs-service-circuit-breaker", [service("norollback", { deploymentCircuitBreaker: { enable: true, rollback: false } })], ["norollback"]);
            await expectViolations(
                "ecs-service-circuit-breaker",
                [service("codedeploy", { deploymentCircuitBreaker: undefined, deploymentController: { type: "CODE_DEPLOY" } })],
                [],
            );
        });

        it("S7 ecs-service-load-balanced fails a port-exposing service without a target group", async () => {
            const web = task("web-task", [goodContainer]);
            await expectViolations("ecs-service-load-balanced", [web, service("web", { loadBalancers: undefined })], ["web"], /no loadBalancers entry/);
            const worker = task("worker-task", [{ ...goodContainer, portMappings: undefined }]);
            const workerService = service("worker", { loadBalancers: [], taskDefinition: "worker-task:7" }, {});
            await expectViolations("ecs-service-load-balanced", [worker, workerService], []);
            const classic = service("classic", { loadBalancers: [{ elbName: "legacy", containerName: "web", containerPort: 8080 }] });
            await expectViolations("ecs-service-load-balanced", [web, classic], ["classic"], /no targetGroupArn/);
        });

        it("S8 ecs-service-exec-requires-encrypted-logging checks the service's cluster with C3", async () => {
            const plainCluster: ResourceInput = { type: CLUSTER, name: "main", props: { name: "main", arn: CLUSTER_ARN, settings: [] } };
            await expectViolations("ecs-service-exec-requires-encrypted-logging", [plainCluster, service("exec")], ["exec"], /cluster main has no executeCommandConfiguration/);
            // Linked by the cluster ARN alone (no propertyDependencies).
            await expectViolations("ecs-service-exec-requires-encrypted-logging", [plainCluster, service("by-arn", {}, {})], ["by-arn"]);
            await expectViolations("ecs-service-exec-requires-encrypted-logging", [goodCluster(), service("exec")], []);
            await expectViolations("ecs-service-exec-requires-encrypted-logging", [plainCluster, service("noexec", { enableExecuteCommand: false })], []);
        });

        it("S9 ecs-service-tags needs tags only; requiredTagKeys is configurable", async () => {
            await expectViolations("ecs-service-tags", [service("bare", { tags: undefined, propagateTags: "NONE" })], ["bare"], /no tags/);
            // A correctly tagged service passes, whatever its propagateTags (that is the other rule's concern).
            await expectViolations(
                "ecs-service-tags",
                [service("web"), service("tagged-no-propagation", { propagateTags: "NONE" }), service("tagged-unset", { propagateTags: undefined })],
                [],
            );
            const config = { "ecs-service-tags": { requiredTagKeys: ["owner"] } };
            await expectViolations("ecs-service-tags", [service("web")], ["web"], /lacks required tag\(s\) owner/, config);
        });

        it("S9 ecs-service-propagate-tags needs SERVICE or TASK_DEFINITION propagation, tagged or not", async () => {
            const vs = await expectViolations(
                "ecs-service-propagate-tags",
                [service("none", { propagateTags: "NONE" }), service("unset", { propagateTags: undefined }), service("web")],
                ["none", "unset"],
            );
            assert.match(vs[0].message, /propagateTags is "NONE"/);
            assert.match(vs[1].message, /propagateTags is unset/);
            await expectViolations("ecs-service-propagate-tags", [service("td", { propagateTags: "TASK_DEFINITION", tags: undefined })], []);
        });
    });

    describe("cluster", () => {
        const cluster = (name: string, props: Record<string, any>): ResourceInput => ({ type: CLUSTER, name, props });
        const exec = (e: Record<string, any>) => ({ executeCommandConfiguration: e });

        it("C1 ecs-cluster-container-insights fails missing or disabled, passes enhanced", async () => {
            await expectViolations(
                "ecs-cluster-container-insights",
                [cluster("none", {}), cluster("off", { settings: [{ name: "containerInsights", value: "disabled" }] })],
                ["none", "off"],
            );
            await expectViolations("ecs-cluster-container-insights", [cluster("enhanced", { settings: [{ name: "containerInsights", value: "enhanced" }] })], []);
        });

        it("C2 ecs-cluster-exec-logging fails NONE only", async () => {
            await expectViolations("ecs-cluster-exec-logging", [cluster("none", { configuration: exec({ logging: "NONE" }) })], ["none"], /"NONE"/);
            await expectViolations("ecs-cluster-exec-logging", [cluster("default", { configuration: exec({ logging: "DEFAULT" }) }), cluster("unset", {})], []);
        });

        it("C3 ecs-cluster-exec-encrypted needs a CMK and encrypted log destination; no config is not evaluable", async () => {
            const noKey = cluster("nokey", { configuration: exec({ logging: "OVERRIDE", logConfiguration: { cloudWatchEncryptionEnabled: true } }) });
            const plainLogs = cluster("plainlogs", {
                configuration: exec({ kmsKeyId: "arn:aws:kms:us-east-1:1:key/k", logging: "OVERRIDE", logConfiguration: { cloudWatchEncryptionEnabled: false } }),
            });
            const s3 = cluster("s3", { configuration: exec({ kmsKeyId: "k", logging: "OVERRIDE", logConfiguration: { s3BucketName: "b", s3BucketEncryptionEnabled: true } }) });
            const vs = await expectViolations("ecs-cluster-exec-encrypted", [noKey, plainLogs, s3, cluster("absent", {}), goodCluster()], ["nokey", "plainlogs"]);
            assert.match(vs[0].message, /kmsKeyId is not set/);
            assert.match(vs[1].message, /cloudWatchEncryptionEnabled/);
        });

        it("C4 ecs-cluster-ephemeral-storage-cmk is advisory", async () => {
            const vs = await expectViolations("ecs-cluster-ephemeral-storage-cmk", [cluster("plain", {})], ["plain"]);
            assert.equal(vs[0].level, "advisory");
            await expectViolations("ecs-cluster-ephemeral-storage-cmk", [goodCluster()], []);
        });
    });

    describe("unknown values", () => {
        it("an unknown containerDefinitions yields no violation from any ECS policy", async () => {
            const stack = goodStack();
            const t = stack.find((r) => r.type === TD);
            assert.ok(t);
            t.props.containerDefinitions = UNKNOWN;
            assert.deepEqual(await evaluateInProcess(ecsPolicies, stack), []);
            t.props.containerDefinitions = { __unknown: true };
            assert.deepEqual(await evaluateInProcess(ecsPolicies, stack), []);
        });

        it("a sentinel nested in a containerDefinitions JSON string is not a violation", async () => {
            const bad = task("nested", [{ ...goodContainer, image: UNKNOWN, readonlyRootFilesystem: UNKNOWN, user: UNKNOWN }]);
            for (const name of ["ecs-task-image-not-latest", "ecs-task-image-digest-pinned", "ecs-task-readonly-root-fs", "ecs-task-non-root-user"]) {
                assert.deepEqual(await run(name, [bad]), [], name);
            }
        });

        // Each case: a resource that violates the policy once the named prop is known, with that prop unknown.
        const cases: [string, () => ResourceInput[], string][] = [
            ["ecs-task-awsvpc", () => [task("t", [goodContainer], { networkMode: "host" })], "networkMode"],
            ["ecs-task-efs-transit-encryption", () => [task("t", [goodContainer], { volumes: [{ name: "v", efsVolumeConfiguration: {} }] })], "volumes"],
            ["ecs-task-resource-limits", () => [task("t", [goodContainer], { cpu: undefined })], "requiresCompatibilities"],
            ["ecs-task-separate-roles", () => [task("t", [goodContainer], { executionRoleArn: "arn:r", taskRoleArn: "arn:r" })], "taskRoleArn"],
            ["ecs-service-no-public-ip", () => [service("s", { networkConfiguration: { assignPublicIp: true } })], "networkConfiguration"],
            ["ecs-service-fargate-latest-platform", () => [service("s", { platformVersion: "1.3.0" })], "platformVersion"],
            ["ecs-service-private-network", () => [service("s", { networkConfiguration: undefined })], "networkConfiguration"],
            ["ecs-service-no-iam-role", () => [service("s", { iamRole: "admin" })], "iamRole"],
            ["ecs-service-desired-count", () => [service("s", { desiredCount: 0 })], "desiredCount"],
            ["ecs-service-circuit-breaker", () => [service("s", { deploymentCircuitBreaker: {} })], "deploymentCircuitBreaker"],
            ["ecs-service-load-balanced", () => [task("web-task", [goodContainer]), service("s", { loadBalancers: undefined })], "loadBalancers"],
            ["ecs-service-exec-requires-encrypted-logging", () => [{ type: CLUSTER, name: "main", props: { arn: CLUSTER_ARN } }, service("s")], "enableExecuteCommand"],
            ["ecs-service-propagate-tags", () => [service("s", { propagateTags: "NONE" })], "propagateTags"],
            ["ecs-service-tags", () => [service("s", { tags: {}, tagsAll: {} })], "tagsAll"],
            ["ecs-cluster-container-insights", () => [{ type: CLUSTER, name: "c", props: { settings: [] } }], "settings"],
            ["ecs-cluster-exec-logging", () => [{ type: CLUSTER, name: "c", props: { configuration: { executeCommandConfiguration: { logging: "NONE" } } } }], "configuration"],
            ["ecs-cluster-exec-encrypted", () => [{ type: CLUSTER, name: "c", props: { configuration: { executeCommandConfiguration: {} } } }], "configuration"],
            ["ecs-cluster-ephemeral-storage-cmk", () => [{ type: CLUSTER, name: "c", props: {} }], "configuration"],
        ];
        for (const [name, make, prop] of cases) {
            it(`${name}: violating when known, silent when ${prop} is unknown`, async () => {
                const known = make();
                assert.ok((await run(name, known)).length > 0, "the known case must violate");
                const unknown = make();
                const target = unknown[unknown.length - 1];
                target.props[prop] = UNKNOWN;
                assert.deepEqual(await run(name, unknown), []);
            });
        }

        it("every container-reading policy is silent for unknown containerDefinitions", async () => {
            const containerPolicies = ecsPolicies.filter((p) => p.name.startsWith("ecs-task-") && p.name !== "ecs-task-separate-roles");
            assert.equal(containerPolicies.length, 14);
            const t = task("t", [], { containerDefinitions: UNKNOWN });
            assert.deepEqual(await evaluateInProcess(containerPolicies, [t]), []);
        });
    });

    it("malformed prop shapes never crash any ECS policy", async () => {
        const weirdContainers = JSON.stringify([
            { name: 5, image: 7, environment: "x", linuxParameters: "y", user: {}, healthCheck: "z", logConfiguration: "q", portMappings: "p" },
        ]);
        const resources: ResourceInput[] = [
            task("weird-task", [], { containerDefinitions: weirdContainers, volumes: "v", requiresCompatibilities: "FARGATE", cpu: {}, pidMode: 3 }),
            task("null-task", [], { containerDefinitions: "null" }),
            service("weird-service", { networkConfiguration: "n", loadBalancers: "l", capacityProviderStrategies: "c", deploymentCircuitBreaker: "d", tags: ["a"], cluster: 9 }),
            { type: CLUSTER, name: "weird-cluster", props: { settings: "s", configuration: "c" } },
        ];
        const vs = await evaluateInProcess(ecsPolicies, resources);
        assert.ok(vs.some((v) => v.policy === "ecs-task-no-privileged" && v.resource === "null-task"));
        assert.ok(vs.some((v) => v.policy === "ecs-task-log-driver" && v.resource === "weird-task" && /#0/.test(v.message)));
    });

    describe("helpers", () => {
        it("parseContainerDefinitions distinguishes ok, missing, unknown and unparseable", () => {
            assert.equal(parseContainerDefinitions('[{"name":"a"}]').kind, "ok");
            assert.equal(parseContainerDefinitions([{ name: "a" }]).kind, "ok");
            assert.equal(parseContainerDefinitions(undefined).kind, "missing");
            assert.equal(parseContainerDefinitions(UNKNOWN).kind, "unknown");
            assert.equal(parseContainerDefinitions("nope").kind, "unparseable");
            assert.equal(parseContainerDefinitions("[1]").kind, "unparseable");
            assert.equal(parseContainerDefinitions(42).kind, "unparseable");
        });

        it("parseImageReference keeps registry ports out of the tag", () => {
            assert.deepEqual(parseImageReference("host:5000/a/b:1.2"), { repository: "host:5000/a/b", tag: "1.2", digest: undefined });
            assert.deepEqual(parseImageReference("a/b@sha256:00"), { repository: "a/b", digest: "sha256:00" });
            assert.deepEqual(parseImageReference("a:1@sha256:00"), { repository: "a", tag: "1", digest: "sha256:00" });
            assert.equal(floatingImageReason("a:1@sha256:00"), undefined);
        });

        it("toNumber accepts numeric strings only", () => {
            assert.equal(toNumber("256"), 256);
            assert.equal(toNumber(512), 512);
            assert.equal(toNumber("1 vCPU"), undefined);
            assert.equal(toNumber(UNKNOWN), undefined);
        });

        it("small rule helpers", () => {
            assert.equal(runsAsRoot("root:wheel"), true);
            assert.equal(runsAsRoot("1000:0"), false);
            assert.match(plaintextSecretReason("GITHUB_TOKEN", "x")!, /its name contains "token" and its value is a 1-character literal/);
            assert.equal(plaintextSecretReason("token_type", "AKIAABCDEFGHIJKLMNOP"), "its value is an AWS access key id (AKIA…/ASIA…)");
            assert.equal(plaintextSecretReason("TOKEN_TTL_SECONDS", "300"), undefined);
            assert.equal(
                plaintextSecretReason("MY_SIGNING", "abc", { extraNamePatterns: ["signing$"] }),
                "its name contains the pattern /signing$/ and its value is a 3-character literal, not a number, duration, ARN, path, URL without a password or placeholder",
            );
            assert.deepEqual(execEncryptionVerdict(undefined), { status: "absent" });
            assert.deepEqual(taskDefinitionRefs(`arn:aws:ecs:us-east-1:1:task-definition/web:3`), ["arn:aws:ecs:us-east-1:1:task-definition/web:3", "web:3", "web"]);
        });
    });
});
