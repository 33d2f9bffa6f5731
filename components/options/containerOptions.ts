/** The web container: its name, port, process, user, environment, secrets, probes, and the sidecars beside it. */
import * as pulumi from "@pulumi/pulumi";
import { OptionProblem, OptionTable, Resolved, applyDefaults } from "./optionTable";
import { Problems, isKnown } from "./checks";
import { ContainerSpec } from "../lib/ecs/containerDefinitions";
import { validateHealthCheck, ULIMIT_NAMES } from "../lib/ecs/ecsLimits";
import { isValidPort, RESERVED_CONTAINER_PORTS } from "../lib/ec2/addresses";
import { isSecretReference, secretsKmsKeyArnsProblems } from "../lib/iam/arns";
import { DependencyCondition } from "../lib/enums";
import { volumeInitName } from "../lib/ecs/writableVolumes";
import { findSecret } from "../../rules/secrets";

export interface ContainerOptions {
    /**
     * Web container name.
     * @default "app"
     */
    name?: string;
    /**
     * Port the web container listens on; the load balancer forwards to it.
     * @default 3000
     */
    port?: number;
    /**
     * Overrides the image's CMD.
     * @default the image's
     */
    command?: string[];
    /**
     * Overrides the image's ENTRYPOINT.
     * @default the image's
     */
    entryPoint?: string[];
    /**
     * Working directory.
     * @default the image's
     */
    workingDirectory?: string;
    /**
     * UID[:GID] the web container runs as; root (`0`, `root`) is refused.
     * @default "10001"
     */
    user?: string;
    /**
     * Plain environment variables; a value that looks like a credential is refused (use `secrets`).
     * @default {}
     */
    environment?: Record<string, string>;
    /**
     * Environment variable names (exact, or globs with `*` and `?`) whose plain values the credential check accepts.
     * @default []
     */
    allowPlaintextEnvironment?: string[];
    /**
     * Secret environment variables: name → Secrets Manager secret or SSM parameter ARN.
     * @default {}
     */
    secrets?: Record<string, string>;
    /**
     * Customer-managed KMS keys (key ARNs) that encrypt the secrets of the web container or the sidecars;
     * the execution role may decrypt with exactly these. Not needed for the AWS managed keys.
     * @default none
     */
    secretsKmsKeyArns?: pulumi.Input<string>[];
    /**
     * Container health check (the load balancer's health check applies either way).
     * @default none
     */
    healthCheck?: ContainerSpec["healthCheck"];
    /**
     * Read-only root filesystem with a writable /tmp volume.
     * @default true
     */
    readonlyRootFilesystem?: boolean;
    /**
     * Run a short init container (the web image, as root, `chmod 1777 /tmp`, non-essential; the others wait
     * for it) so non-root containers can write the /tmp volume Fargate creates root-owned 0755. The image
     * needs `chmod` on its PATH.
     * @default true for a prebuilt image; for a build, true unless the Dockerfile's final stage declares `VOLUME /tmp`
     */
    initWritableVolumes?: boolean;
    /**
     * Seconds between SIGTERM and SIGKILL (2–120).
     * @default 30
     */
    stopTimeout?: number;
    /**
     * ulimits of the web container.
     * @default none
     */
    ulimits?: ContainerSpec["ulimits"];
    /**
     * Extra containers (prebuilt images).
     * @default []
     */
    sidecars?: ContainerSpec[];
}

export const CONTAINER_OPTIONS: OptionTable<ContainerOptions> = {
    name: { default: "app", description: "Name of the web container." },
    port: { default: 3000, description: "Port the web container listens on; the ALB forwards to it." },
    command: { defaultText: "the image's", description: "Overrides the image's CMD." },
    entryPoint: { defaultText: "the image's", description: "Overrides the image's ENTRYPOINT." },
    workingDirectory: { defaultText: "the image's", description: "Working directory in the container." },
    user: { default: "10001", description: "User (UID[:GID]) the container runs as. Non-root by default; root (`0`, `root`) is refused." },
    environment: { default: {}, description: "Plain environment variables (name → value). A value that looks like a credential (judged with its name) is refused: use `secrets`." },
    allowPlaintextEnvironment: {
        default: [],
        description:
            "Escape hatch: environment variable names (exact, or globs with `*` and `?`; web container and sidecars) whose plain values the credential check accepts, for a value it misjudges. The policy pack has its own list (`ecs-task-no-plaintext-secrets.allowNames`).",
    },
    secrets: { default: {}, description: "Secret environment variables (name → Secrets Manager or SSM parameter ARN); the execution role may read exactly these." },
    secretsKmsKeyArns: {
        description:
            "Customer-managed KMS key ARNs that encrypt the `secrets` (the web container's and the sidecars'); the execution role may decrypt with exactly these. Not needed for the AWS managed keys.",
    },
    healthCheck: { description: "Container health check `{command, interval, timeout, retries, startPeriod}` (ECS limits apply)." },
    readonlyRootFilesystem: { default: true, description: "Read-only root filesystem; a writable `/tmp` volume is mounted." },
    initWritableVolumes: {
        defaultText: "true for a prebuilt image; for a build, true unless the Dockerfile's final stage declares `VOLUME /tmp`",
        description:
            "Run a short init container (the web image as root, `chmod 1777 /tmp`, non-essential) that the other containers wait for, so UID 10001 can write the /tmp volume Fargate creates root-owned 0755. Unset: on for a prebuilt `image`, and for a build unless its Dockerfile declares `VOLUME /tmp`.",
    },
    stopTimeout: { default: 30, description: "Seconds between SIGTERM and SIGKILL (2–120)." },
    ulimits: { description: "Resource limits `[{name, softLimit, hardLimit}]` (Fargate allows `nofile` up to 1048576 and the other Linux names)." },
    sidecars: { default: [], description: "Extra containers `[{name, image, essential, cpu, memory, portMappings, environment, secrets, command, healthCheck, dependsOn, …}]`." },
};

export type ResolvedContainerOptions = Resolved<
    ContainerOptions,
    "name" | "port" | "user" | "environment" | "allowPlaintextEnvironment" | "secrets" | "readonlyRootFilesystem" | "stopTimeout" | "sidecars"
>;

export function resolveContainerOptions(given: ContainerOptions | undefined): ResolvedContainerOptions {
    return applyDefaults(CONTAINER_OPTIONS, given) as ResolvedContainerOptions;
}

const CONTAINER_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ROOT_USER = /^(root|0)(:.*)?$/;

function environmentProblems(p: Problems, field: string, env: unknown, allowNames: readonly string[]): void {
    if (env === undefined || !isKnown(env)) return;
    if (typeof env !== "object" || env === null || Array.isArray(env)) return p.add(field, env, "must be a map of names to strings");
    for (const [name, value] of Object.entries(env as Record<string, unknown>)) {
        if (!ENV_NAME.test(name)) p.add(`${field}.${name}`, value, "is not a valid environment variable name (letters, digits, _; not starting with a digit)");
        if (!isKnown(value)) continue;
        if (typeof value !== "string") p.add(`${field}.${name}`, value, "must be a string (quote numbers and booleans)");
        else {
            const secret = findSecret(name, value, { allowNames });
            if (secret)
                p.add(
                    `${field}.${name}`,
                    "[redacted]",
                    `looks like a secret in plain text (${secret.reason}); store it in Secrets Manager or SSM and reference its ARN under \`container.secrets\`, or, if it is no secret, add ${name} to \`container.allowPlaintextEnvironment\``,
                );
        }
    }
}

function secretsProblems(p: Problems, field: string, secrets: unknown): void {
    if (secrets === undefined || !isKnown(secrets)) return;
    for (const [name, valueFrom] of Object.entries(secrets as Record<string, unknown>)) {
        if (!ENV_NAME.test(name)) p.add(`${field}.${name}`, valueFrom, "is not a valid environment variable name");
        if (!isKnown(valueFrom)) continue;
        if (typeof valueFrom !== "string" || !isSecretReference(valueFrom))
            p.add(`${field}.${name}`, valueFrom, "must be a Secrets Manager secret ARN (arn:aws:secretsmanager:…:secret:…) or an SSM parameter ARN (arn:aws:ssm:…:parameter/…)");
    }
}

function sidecarProblems(p: Problems, sidecars: readonly unknown[], mainName: string, allowNames: readonly string[]): void {
    const names = new Set<string>([mainName]);
    sidecars.forEach((raw, i) => {
        const s = (raw ?? {}) as Record<string, any>;
        const k = `sidecars[${i}]`;
        if (typeof s.name !== "string" || !CONTAINER_NAME.test(s.name)) p.add(`${k}.name`, s.name, "must be a container name (letters, digits, _ and -)");
        else if (names.has(s.name)) p.add(`${k}.name`, s.name, "is already used by another container");
        else if (s.name === volumeInitName(mainName)) p.add(`${k}.name`, s.name, "is the name of the volume init container (`container.initWritableVolumes`); rename the sidecar");
        else names.add(s.name);
        if (isKnown(s.image) && (typeof s.image !== "string" || s.image.trim() === "")) p.add(`${k}.image`, s.image, "is required: an image URI");
        else if (s.image === undefined) p.add(`${k}.image`, s.image, "is required: an image URI");
        p.intIn(`${k}.cpu`, s.cpu, 0, 16384);
        p.intIn(`${k}.memory`, s.memory, 6, 122880, " MiB");
        p.intIn(`${k}.memoryReservation`, s.memoryReservation, 6, 122880, " MiB");
        (s.portMappings ?? []).forEach((m: any, j: number) => {
            if (!isValidPort(m?.containerPort)) p.add(`${k}.portMappings[${j}].containerPort`, m?.containerPort, "must be a port from 1 to 65535");
        });
        environmentProblems(p, `${k}.environment`, s.environment, allowNames);
        secretsProblems(p, `${k}.secrets`, s.secrets);
        if (s.healthCheck !== undefined) for (const m of validateHealthCheck(s.healthCheck)) p.add(`${k}.healthCheck${m.field ? "." + m.field : ""}`, m.value, m.message);
        (s.dependsOn ?? []).forEach((d: any, j: number) => {
            if (!Object.values(DependencyCondition).includes(d?.condition))
                p.add(`${k}.dependsOn[${j}].condition`, d?.condition, `must be one of ${Object.values(DependencyCondition).join(", ")}`);
        });
        if (s.user !== undefined && ROOT_USER.test(String(s.user))) p.add(`${k}.user`, s.user, "runs as root; use a non-root UID");
    });
}

/** Names, port, non-root user, environment without credentials, secret references and their keys, probes, limits, sidecars. */
export function containerOptionsProblems(o: ResolvedContainerOptions, prefix = "container"): OptionProblem[] {
    const p = new Problems(prefix);
    if (typeof o.name !== "string" || !CONTAINER_NAME.test(o.name)) p.add("name", o.name, "must be letters, digits, _ and - (1–255)");
    if (!isValidPort(o.port)) p.add("port", o.port, "must be a port from 1 to 65535");
    else if (RESERVED_CONTAINER_PORTS.includes(o.port)) p.add("port", o.port, `is reserved by ECS/Docker (${RESERVED_CONTAINER_PORTS.join(", ")}); pick another port`);
    if (ROOT_USER.test(String(o.user))) p.add("user", o.user, "runs the container as root; use a non-root UID such as 10001");
    const allow = o.allowPlaintextEnvironment;
    if (!Array.isArray(allow) || allow.some((n: unknown) => typeof n !== "string" || !/^[A-Za-z_*?][A-Za-z0-9_*?]*$/.test(n)))
        p.add("allowPlaintextEnvironment", allow, "must be a list of environment variable names (letters, digits, _), optionally with * and ? as wildcards");
    const allowNames = Array.isArray(allow) ? allow : [];
    environmentProblems(p, "environment", o.environment, allowNames);
    secretsProblems(p, "secrets", o.secrets);
    const keyList = Array.isArray(o.secretsKmsKeyArns) || o.secretsKmsKeyArns === undefined ? o.secretsKmsKeyArns : [o.secretsKmsKeyArns];
    for (const k of secretsKmsKeyArnsProblems(keyList, [o.secrets, ...(Array.isArray(o.sidecars) ? o.sidecars.map((c) => c?.secrets) : [])]))
        p.list.push({ path: `${prefix}.${k.key}`, value: k.value, message: k.message });
    if (o.healthCheck !== undefined) for (const m of validateHealthCheck(o.healthCheck)) p.add(`healthCheck${m.field ? "." + m.field : ""}`, m.value, m.message);
    p.bool("readonlyRootFilesystem", o.readonlyRootFilesystem);
    p.intIn("stopTimeout", o.stopTimeout, 2, 120, " seconds");
    (o.ulimits ?? []).forEach((u: any, i: number) => {
        if (!ULIMIT_NAMES.includes(u?.name)) p.add(`ulimits[${i}].name`, u?.name, `must be one of ${ULIMIT_NAMES.join(", ")}`);
        if (!Number.isInteger(u?.softLimit) || !Number.isInteger(u?.hardLimit) || u.softLimit > u.hardLimit || u.hardLimit > 1048576)
            p.add(`ulimits[${i}]`, u, "softLimit and hardLimit must be whole numbers with softLimit ≤ hardLimit ≤ 1048576");
    });
    sidecarProblems(p, Array.isArray(o.sidecars) ? o.sidecars : [], o.name, allowNames);
    return p.list;
}
