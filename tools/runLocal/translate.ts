/**
 * Task definition → engine commands (docker or podman argv), the way Fargate would run the task.
 * Pure: the caller inspects images, picks a free host port and names, and runs the commands.
 *
 * Fargate facts this follows (ECS developer guide unless noted):
 * - awsvpc: the task's containers share one network namespace (they reach each other on
 *   localhost). Locally a "netns holder" container owns the namespace and publishes the load
 *   balancer's container port on 127.0.0.1 only; every task container joins it. (A podman pod
 *   does the same, but podman 4.3 cannot set the pod infra container's ulimits, and its defaults
 *   exceed the hard limits of small CI machines.)
 * - Bind-mount task volumes ("Bind mounts"; aws/containers-roadmap#938): a path the image declares
 *   with VOLUME starts with the image's content, owner and mode there; any other path starts empty,
 *   owned by root, mode 0755. Locally: a named volume with copy-up for the first, a fresh host
 *   directory (root 0755) bind-mounted for the second (podman would otherwise copy the image
 *   directory's mode onto a named volume, even with `nocopy`).
 * - Linux capabilities: Fargate starts from Docker's default set; `drop` and `add` apply to it;
 *   `add` takes SYS_PTRACE only on Fargate (KernelCapabilities, ECS API reference).
 * - ulimits: Fargate sets nofile 65535/65535 and leaves the others at the OS defaults unless the
 *   container says otherwise (Ulimit, ECS API reference).
 * - stopTimeout: 30 s unless set. Health checks: the task definition's, run by ECS; the image's
 *   HEALTHCHECK is ignored by ECS ("Amazon ECS does not monitor Docker health checks that are
 *   embedded in a container image"), so the engine's is switched off and run-local runs ECS's.
 */
import { ContainerDef, LocalTask } from "./task";

export type EngineName = "docker" | "podman";

/** Docker's default capability set (moby oci/caps/defaults.go), which Fargate containers start with. */
export const DOCKER_DEFAULT_CAPABILITIES = [
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "NET_RAW",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

/** Fargate's default open-files limit (ECS task definition parameters, "ulimits"). */
export const FARGATE_DEFAULT_NOFILE = 65535;

/** Default stop timeout on Fargate, in seconds. */
export const FARGATE_DEFAULT_STOP_TIMEOUT = 30;

/** Label on everything run-local creates, so a later run can find leftovers. */
export const RUN_LABEL = "io.fargatekit.run-local";

export interface ImageFacts {
    /** Local image reference the engine runs. */
    ref: string;
    /** Paths the image declares with VOLUME. */
    volumes: string[];
}

export interface TranslateInput {
    task: LocalTask;
    engine: EngineName;
    /** Prefix of every name (unique per run). */
    runId: string;
    /** Container name → its local image and what it declares. */
    images: Record<string, ImageFacts>;
    /** Host port that reaches the load balancer's container port (127.0.0.1 only). */
    hostPort?: number;
    /** Directory for the host side of bind-mounted task volumes. */
    volumeDir: string;
    /** Secret values by environment variable name (from --secrets-file). */
    secretValues: Record<string, string>;
    /** Hard limits the engine can grant (podman on a small host): values above are lowered. */
    hostLimits?: { nofile?: number; nproc?: number };
}

/** A task volume as run-local makes it. */
export interface VolumePlan {
    taskVolume: string;
    /** "image": named engine volume filled from the image (VOLUME declared); "empty": host directory, root 0755. */
    kind: "image" | "empty";
    /** Engine volume name (kind image) or host directory (kind empty). */
    source: string;
    /** Container and path whose image declares the VOLUME (kind image). */
    seededBy?: { container: string; path: string };
}

export interface ContainerPlan {
    name: string;
    /** Engine container name. */
    engineName: string;
    /** `create` argv (without the engine binary). */
    create: string[];
    /** Environment the engine CLI must carry for `-e NAME` (secret values never go on the command line). */
    env: Record<string, string>;
}

export interface RunPlan {
    /** The container that holds the task's network namespace: `sleep infinity` from `image`. */
    holder: { engineName: string; image: string; create: string[] };
    volumes: VolumePlan[];
    containers: ContainerPlan[];
    /** Things the user should know (placeholders, lowered limits). */
    notes: string[];
    /** Every engine container name, holder last (removal order). */
    removeOrder: string[];
}

/** Marked placeholder for a secret with no local value: obvious in logs, never a real value. */
export function secretPlaceholder(name: string, valueFrom: string): string {
    return `fargatekit-run-local-placeholder:${name}(${valueFrom})`;
}

/** Effective capabilities: Docker's defaults minus `drop` (ALL drops all) plus `add`. */
export function effectiveCapabilities(c: ContainerDef): string[] {
    const norm = (x: string): string => x.toUpperCase().replace(/^CAP_/, "");
    const drop = c.capabilities.drop.map(norm);
    const base = drop.includes("ALL") ? [] : DOCKER_DEFAULT_CAPABILITIES.filter((x) => !drop.includes(x));
    return [...new Set([...base, ...c.capabilities.add.map(norm)])].sort();
}

/** ulimits for a container: the declared ones, Fargate's nofile default, lowered to what the host grants. */
export function effectiveUlimits(c: ContainerDef, hostLimits: TranslateInput["hostLimits"], notes: string[]): { name: string; soft: number; hard: number }[] {
    const out = new Map<string, { name: string; soft: number; hard: number }>();
    out.set("nofile", { name: "nofile", soft: FARGATE_DEFAULT_NOFILE, hard: FARGATE_DEFAULT_NOFILE });
    if (hostLimits?.nproc !== undefined) out.set("nproc", { name: "nproc", soft: hostLimits.nproc, hard: hostLimits.nproc });
    for (const u of c.ulimits) out.set(u.name, { name: u.name, soft: u.softLimit, hard: u.hardLimit });
    for (const u of out.values()) {
        const cap = hostLimits?.[u.name as "nofile" | "nproc"];
        if (cap !== undefined && u.hard > cap) {
            notes.push(`ulimit ${u.name} ${u.soft}:${u.hard} lowered to ${Math.min(u.soft, cap)}:${cap}: this host's hard limit (Fargate grants ${u.soft}:${u.hard})`);
            u.hard = cap;
            u.soft = Math.min(u.soft, cap);
        }
    }
    return [...out.values()];
}

/** Which task volumes start from an image (a mounting container's image declares VOLUME at its path). */
export function planVolumes(task: LocalTask, images: Record<string, ImageFacts>, runId: string, volumeDir: string): VolumePlan[] {
    return task.volumes.map((v) => {
        let seededBy: VolumePlan["seededBy"];
        for (const c of task.containers) {
            const m = c.mountPoints.find((mp) => mp.sourceVolume === v && (images[c.name]?.volumes ?? []).map(trimSlash).includes(trimSlash(mp.containerPath)));
            if (m) {
                seededBy = { container: c.name, path: m.containerPath };
                break;
            }
        }
        return seededBy ? { taskVolume: v, kind: "image", source: `${runId}-${v}`, seededBy } : { taskVolume: v, kind: "empty", source: `${volumeDir}/${v}` };
    });
}

function trimSlash(p: string): string {
    return p.length > 1 ? p.replace(/\/+$/, "") : p;
}

/** The `create` argv of one container. */
function containerCreateArgs(c: ContainerDef, input: TranslateInput, volumes: VolumePlan[], holderName: string, notes: string[]): ContainerPlan {
    const engineName = `${input.runId}-${c.name}`;
    const image = input.images[c.name];
    if (!image) throw new Error(`no local image for container ${c.name}`);
    const a: string[] = ["create", "--name", engineName, "--label", `${RUN_LABEL}=${input.runId}`, "--network", `container:${holderName}`];
    if (c.readonlyRootFilesystem) {
        a.push("--read-only");
        // podman's --read-only adds writable tmpfs on /tmp, /var/tmp and /run by default; Fargate does not.
        if (input.engine === "podman") a.push("--read-only-tmpfs=false");
    }
    if (c.user) a.push("--user", c.user);
    const notFargate = c.capabilities.add.map((x) => x.toUpperCase().replace(/^CAP_/, "")).filter((x) => x !== "SYS_PTRACE");
    if (notFargate.length > 0)
        notes.push(`${c.name}: capabilities.add ${notFargate.join(", ")}: Fargate accepts only SYS_PTRACE there, so ECS refuses this task definition (run locally anyway)`);
    a.push("--cap-drop", "ALL");
    for (const cap of effectiveCapabilities(c)) a.push("--cap-add", cap);
    for (const u of effectiveUlimits(c, input.hostLimits, notes)) a.push("--ulimit", `${u.name}=${u.soft}:${u.hard}`);
    if (c.initProcessEnabled) a.push("--init");
    if (c.memory !== undefined) a.push("--memory", `${c.memory}m`);
    a.push("--stop-timeout", String(c.stopTimeout ?? FARGATE_DEFAULT_STOP_TIMEOUT));
    a.push("--no-healthcheck");
    for (const e of c.environment) a.push("--env", `${e.name}=${e.value}`);
    const env: Record<string, string> = {};
    for (const s of c.secrets) {
        const given = input.secretValues[s.name];
        if (given === undefined) notes.push(`${c.name}: secret ${s.name} (${s.valueFrom}) is a placeholder; give its value with --secrets-file`);
        env[s.name] = given ?? secretPlaceholder(s.name, s.valueFrom);
        a.push("--env", s.name);
    }
    if (c.workingDirectory) a.push("--workdir", c.workingDirectory);
    for (const m of c.mountPoints) {
        const vol = volumes.find((v) => v.taskVolume === m.sourceVolume);
        if (!vol) throw new Error(`container ${c.name} mounts volume ${m.sourceVolume}, which the task definition does not declare`);
        a.push("--volume", `${vol.source}:${m.containerPath}:${m.readOnly ? "ro" : "rw"}`);
    }
    let args: string[] = [];
    if (c.entryPoint && c.entryPoint.length > 0) {
        // `--entrypoint` takes one word in docker; the rest go before the command. Like ECS (and the
        // Docker API), an entryPoint without a command drops the image's CMD.
        a.push("--entrypoint", c.entryPoint[0]);
        args = [...c.entryPoint.slice(1), ...(c.command ?? [])];
    } else if (c.command) args = c.command;
    a.push(image.ref, ...args);
    return { name: c.name, engineName, create: a, env };
}

/** The whole run: holder, volumes and containers. Throws for a task it cannot express. */
export function translateTask(input: TranslateInput): RunPlan {
    const notes: string[] = [];
    const { task } = input;
    const holderName = `${input.runId}-netns`;
    const lbContainer = task.loadBalancer ? task.containers.find((c) => c.name === task.loadBalancer!.containerName) : undefined;
    const holderImage = input.images[(lbContainer ?? task.containers[0]).name].ref;
    const holder = ["run", "--detach", "--name", holderName, "--label", `${RUN_LABEL}=${input.runId}`];
    if (task.loadBalancer && input.hostPort !== undefined) holder.push("--publish", `127.0.0.1:${input.hostPort}:${task.loadBalancer.containerPort}`);
    const nproc = input.hostLimits?.nproc;
    const nofile = Math.min(FARGATE_DEFAULT_NOFILE, input.hostLimits?.nofile ?? FARGATE_DEFAULT_NOFILE);
    holder.push("--ulimit", `nofile=${nofile}:${nofile}`);
    if (nproc !== undefined) holder.push("--ulimit", `nproc=${nproc}:${nproc}`);
    holder.push("--cap-drop", "ALL", "--no-healthcheck", "--user", "65534", "--entrypoint", "sleep", holderImage, "infinity");
    const volumes = planVolumes(task, input.images, input.runId, input.volumeDir);
    const containers = task.containers.map((c) => containerCreateArgs(c, input, volumes, holderName, notes));
    return {
        holder: { engineName: holderName, image: holderImage, create: holder },
        volumes,
        containers,
        notes: [...new Set(notes)],
        removeOrder: [...containers.map((c) => c.engineName), holderName],
    };
}
