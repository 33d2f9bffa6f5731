/**
 * The settings every container carries over the same way, web container or sidecar: command,
 * entry point, working directory, user (non-root), environment (without secrets in plain text),
 * secrets (as ARNs), health check, stop timeout, ulimits and the read-only root filesystem.
 */
import { findSecret } from "../../rules/secrets";
import { isSecretReference } from "../../components/lib/iam/arns";
import { validateHealthCheck, ULIMIT_NAMES } from "../../components/lib/ecs/ecsLimits";
import { parseImageReference, isSha256Digest } from "../../policy/lib/containers";
import { ssmParameterArn, AwsContext } from "./awsContext";
import { ReportBuilder } from "./report";
import { ContainerDefinition, HealthCheck } from "./taskDefinition";

/** The user fargatekit runs containers as when none (or root) is given. */
export const DEFAULT_USER = "10001";
/** Fargate's longest stop timeout, and the shortest the program accepts. */
export const STOP_TIMEOUT_RANGE = { min: 2, max: 120 } as const;
/** The highest hard limit the program accepts for a ulimit (Fargate's nofile maximum). */
export const ULIMIT_MAX = 1048576;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ROOT_USER = /^(root|0)(:.*)?$/;
/** A bare SSM parameter name (`db-url`, `/app/db/url`). */
const SSM_PARAMETER_NAME = /^\/?[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

/** Settings shared by the web container and sidecars, in the program's shape. */
export interface CommonSettings {
    command?: string[];
    entryPoint?: string[];
    workingDirectory?: string;
    user: string;
    environment: Record<string, string>;
    secrets: Record<string, string>;
    healthCheck?: HealthCheck;
    readonlyRootFilesystem: true;
    stopTimeout?: number;
    ulimits?: { name: string; softLimit: number; hardLimit: number }[];
}

/** How to address a container's settings in messages: `fargatekit:` for the web container, `fargatekit:sidecars[0].` for a sidecar. */
export interface SettingsTarget {
    /** Prefix of the config key, e.g. `fargatekit:` or `fargatekit:sidecars[1].`. */
    keyPrefix: string;
    /** Config key of the health check: `containerHealthCheck` (web) or `healthCheck` (sidecar). */
    healthCheckKey: string;
}

/** Plain environment variables; those that look like secrets are left out with instructions. */
export function mapEnvironment(
    env: ContainerDefinition["environment"],
    basePath: string,
    target: SettingsTarget,
    secretName: string,
    report: ReportBuilder,
): Record<string, string> {
    const out: Record<string, string> = {};
    const copied: string[] = [];
    (env ?? []).forEach((e, j) => {
        const path = `${basePath}.environment[${j}]`;
        const value = e.value ?? "";
        if (!ENV_NAME.test(e.name)) {
            report.dropped(path, `${JSON.stringify(e.name)} is not a valid environment variable name (letters, digits and _, not starting with a digit).`);
            return;
        }
        const why = findSecret(e.name, value)?.reason;
        if (why) {
            report.changed(
                path,
                `${e.name} is not copied: ${why}, and a secret must not sit in plain text in the stack or the task definition. ` +
                    `Store it in Secrets Manager (aws secretsmanager create-secret --name ${secretName}/${e.name} --secret-string …) ` +
                    `and add its ARN under secrets: pulumi config set --path '${target.keyPrefix}secrets.${e.name}' <secret ARN>.`,
            );
            return;
        }
        out[e.name] = value;
        copied.push(e.name);
    });
    if (copied.length > 0)
        report.mapped(`${basePath}.environment`, `${copied.length} variable${copied.length === 1 ? "" : "s"} → ${target.keyPrefix}environment: ${copied.join(", ")}.`);
    return out;
}

/** Secret environment variables as full ARNs: bare SSM parameter names are expanded when the file names its region and account. */
export function mapSecrets(secrets: ContainerDefinition["secrets"], basePath: string, target: SettingsTarget, ctx: AwsContext, report: ReportBuilder): Record<string, string> {
    const out: Record<string, string> = {};
    (secrets ?? []).forEach((s, j) => {
        const path = `${basePath}.secrets[${j}]`;
        const key = `${target.keyPrefix}secrets.${s.name}`;
        if (!ENV_NAME.test(s.name)) {
            report.dropped(path, `${JSON.stringify(s.name)} is not a valid environment variable name.`);
            return;
        }
        if (isSecretReference(s.valueFrom)) {
            out[s.name] = s.valueFrom;
            report.mapped(path, `${s.name} → ${key} (${s.valueFrom}); the execution role may read exactly this secret.`);
            return;
        }
        if (!s.valueFrom.startsWith("arn:") && SSM_PARAMETER_NAME.test(s.valueFrom)) {
            if (ctx.region && ctx.account) {
                const arn = ssmParameterArn(s.valueFrom, ctx.region.value, ctx.account.value, ctx.partition);
                out[s.name] = arn;
                report.changed(
                    path,
                    `${s.name}: the parameter name ${s.valueFrom} → ${key} = ${arn} (region from ${ctx.region.path}, account from ${ctx.account.path}); the execution role may read exactly this parameter.`,
                );
            } else {
                const missing = [ctx.region ? undefined : "region", ctx.account ? undefined : "account"].filter(Boolean).join(" and ");
                report.dropped(
                    path,
                    `${s.name}: ${s.valueFrom} is a bare SSM parameter name and the file does not say which ${missing} it lives in; ` +
                        `add it with its ARN: pulumi config set --path '${key}' arn:aws:ssm:<region>:<account>:parameter/${s.valueFrom.replace(/^\//, "")}.`,
                );
            }
            return;
        }
        report.dropped(
            path,
            `${s.name}: ${JSON.stringify(s.valueFrom)} is neither a Secrets Manager secret ARN nor an SSM parameter ARN or name; add the secret's ARN under ${key}.`,
        );
    });
    return out;
}

/** The user: kept when it is not root, else 10001. */
export function mapUser(user: string | undefined, basePath: string, target: SettingsTarget, report: ReportBuilder): string {
    const path = `${basePath}.user`;
    if (user === undefined || user.trim() === "") {
        report.changed(path, `not set (the image's user, root for most images) → ${target.keyPrefix}user "${DEFAULT_USER}": containers run as a non-root user.`);
        return DEFAULT_USER;
    }
    if (ROOT_USER.test(user)) {
        report.changed(path, `"${user}" is root → ${target.keyPrefix}user "${DEFAULT_USER}": containers run as a non-root user.`);
        return DEFAULT_USER;
    }
    report.mapped(path, `"${user}" → ${target.keyPrefix}user.`);
    return user;
}

/** The health check when ECS's limits accept it; otherwise dropped with the problems. */
export function mapHealthCheck(hc: HealthCheck | undefined, basePath: string, target: SettingsTarget, report: ReportBuilder): HealthCheck | undefined {
    if (hc === undefined) return undefined;
    const path = `${basePath}.healthCheck`;
    const problems = validateHealthCheck(hc);
    if (problems.length > 0) {
        report.dropped(path, `not carried: ${problems.map((p) => `${p.field || "healthCheck"} ${p.message}`).join("; ")}.`);
        return undefined;
    }
    const out: HealthCheck = { command: hc.command };
    for (const k of ["interval", "timeout", "retries", "startPeriod"] as const) if (hc[k] !== undefined) out[k] = hc[k];
    report.mapped(path, `→ ${target.keyPrefix}${target.healthCheckKey}.`);
    return out;
}

/** The stop timeout, brought into Fargate's 2–120 seconds. */
export function mapStopTimeout(v: number | undefined, basePath: string, target: SettingsTarget, report: ReportBuilder): number | undefined {
    if (v === undefined) return undefined;
    const path = `${basePath}.stopTimeout`;
    const clamped = Math.min(STOP_TIMEOUT_RANGE.max, Math.max(STOP_TIMEOUT_RANGE.min, v));
    if (clamped !== v)
        report.changed(
            path,
            `${v} → ${target.keyPrefix}stopTimeout ${clamped}: Fargate allows ${STOP_TIMEOUT_RANGE.min}–${STOP_TIMEOUT_RANGE.max} seconds between SIGTERM and SIGKILL.`,
        );
    else report.mapped(path, `${v} → ${target.keyPrefix}stopTimeout.`);
    return clamped;
}

/** ulimits Fargate accepts; others are dropped with the reason. */
export function mapUlimits(ulimits: ContainerDefinition["ulimits"], basePath: string, target: SettingsTarget, report: ReportBuilder): CommonSettings["ulimits"] {
    const out: NonNullable<CommonSettings["ulimits"]> = [];
    (ulimits ?? []).forEach((u, j) => {
        const path = `${basePath}.ulimits[${j}]`;
        if (!ULIMIT_NAMES.includes(u.name)) report.dropped(path, `ulimit ${JSON.stringify(u.name)} is not one Fargate accepts (${ULIMIT_NAMES.join(", ")}).`);
        else if (u.softLimit > u.hardLimit || u.hardLimit > ULIMIT_MAX || u.softLimit < 0)
            report.dropped(path, `ulimit ${u.name} (soft ${u.softLimit}, hard ${u.hardLimit}) is outside what Fargate allows: 0 ≤ softLimit ≤ hardLimit ≤ ${ULIMIT_MAX}.`);
        else {
            out.push({ name: u.name, softLimit: u.softLimit, hardLimit: u.hardLimit });
            report.mapped(path, `${u.name} ${u.softLimit}/${u.hardLimit} → ${target.keyPrefix}ulimits.`);
        }
    });
    return out.length > 0 ? out : undefined;
}

/** A note when an image floats (`latest` or no tag, no digest): each deployment may run different code. */
export function noteFloatingImage(image: string, basePath: string, report: ReportBuilder): void {
    const ref = parseImageReference(image);
    if (isSha256Digest(ref.digest)) return;
    const what = ref.tag === undefined ? "has no tag, so it means latest" : ref.tag.toLowerCase() === "latest" ? 'uses the tag "latest"' : undefined;
    if (!what) return;
    report.note(
        `${basePath}.image`,
        `${image} ${what}: each deployment may pull different code, and the policy pack's ecs-task-image-not-latest check flags it until it is pinned (mandatory in prod, advisory in dev). ` +
            `Prefer a digest (${ref.repository}@sha256:…) or an immutable version tag.`,
    );
}

/** Map the settings shared by every container, reporting each field. */
export function mapCommonSettings(c: ContainerDefinition, basePath: string, target: SettingsTarget, ctx: AwsContext, secretName: string, report: ReportBuilder): CommonSettings {
    const out: CommonSettings = {
        user: DEFAULT_USER,
        environment: {},
        secrets: {},
        readonlyRootFilesystem: true,
    };
    for (const k of ["command", "entryPoint"] as const) {
        const v = c[k];
        if (v !== undefined && v.length > 0) {
            out[k] = v;
            report.mapped(`${basePath}.${k}`, `${JSON.stringify(v)} → ${target.keyPrefix}${k}.`);
        }
    }
    if (c.workingDirectory !== undefined && c.workingDirectory !== "") {
        out.workingDirectory = c.workingDirectory;
        report.mapped(`${basePath}.workingDirectory`, `${JSON.stringify(c.workingDirectory)} → ${target.keyPrefix}workingDirectory.`);
    }
    out.user = mapUser(c.user, basePath, target, report);
    out.environment = mapEnvironment(c.environment, basePath, target, secretName, report);
    out.secrets = mapSecrets(c.secrets, basePath, target, ctx, report);
    const hc = mapHealthCheck(c.healthCheck, basePath, target, report);
    if (hc) out.healthCheck = hc;
    if (c.readonlyRootFilesystem === true) report.mapped(`${basePath}.readonlyRootFilesystem`, `true → ${target.keyPrefix}readonlyRootFilesystem.`);
    else
        report.changed(
            `${basePath}.readonlyRootFilesystem`,
            `${c.readonlyRootFilesystem === false ? "false" : "not set"} → ${target.keyPrefix}readonlyRootFilesystem true: the root filesystem is read-only and /tmp is a writable volume; ` +
                `an app that writes elsewhere (caches, pid files) fails to start until it writes to /tmp.`,
        );
    const stop = mapStopTimeout(c.stopTimeout, basePath, target, report);
    if (stop !== undefined) out.stopTimeout = stop;
    const ulimits = mapUlimits(c.ulimits, basePath, target, report);
    if (ulimits) out.ulimits = ulimits;
    noteFloatingImage(c.image, basePath, report);
    return out;
}
