/**
 * The likely cause of a failure, in plain words, from what run-local saw: the container's last log
 * lines, its definition, the task volumes as Fargate creates them, and the sockets listening in the
 * task's network namespace. Pure.
 */
import { ContainerDef } from "./task";
import { VolumePlan } from "./translate";

/** A listening TCP socket. */
export interface Listener {
    address: string;
    port: number;
}

/** Listening sockets from /proc/net/tcp and /proc/net/tcp6 text (state 0A = LISTEN). */
export function parseProcNetTcp(text: string): Listener[] {
    const out: Listener[] = [];
    for (const line of text.split("\n")) {
        const m = /^\s*\d+:\s+([0-9A-F]+):([0-9A-F]{4})\s+[0-9A-F]+:[0-9A-F]{4}\s+0A\b/i.exec(line);
        if (!m) continue;
        out.push({ address: hexAddress(m[1]), port: parseInt(m[2], 16) });
    }
    return out;
}

function hexAddress(hex: string): string {
    if (hex.length === 8) {
        // IPv4 in host (little-endian) byte order.
        const b = hex
            .match(/../g)!
            .map((x) => parseInt(x, 16))
            .reverse();
        return b.join(".");
    }
    if (/^0{32}$/.test(hex)) return "::";
    if (hex === "00000000000000000000000001000000") return "::1";
    if (/^0000000000000000FFFF0000/i.test(hex)) return "::ffff:" + hexAddress(hex.slice(24));
    return hex;
}

function isLoopback(address: string): boolean {
    return address.startsWith("127.") || address === "::1" || address.startsWith("::ffff:127.");
}

/** The first absolute path mentioned after `marker` on a line of `logs` (quoted or bare). */
function pathNear(logs: string[], marker: RegExp): { path: string; line: string } | undefined {
    for (const line of logs) {
        if (!marker.test(line)) continue;
        const m = /['"`](\/[^'"`\s]*)['"`]/.exec(line) ?? /(?:^|[\s:(])(\/[\w.@+\-/]+)/.exec(line);
        if (m) return { path: m[1], line };
    }
    return undefined;
}

/** The mount of `c` that holds `p` (longest matching container path). */
function mountFor(c: ContainerDef, p: string): ContainerDef["mountPoints"][number] | undefined {
    return c.mountPoints
        .filter((m) => p === m.containerPath || p.startsWith(m.containerPath.replace(/\/+$/, "") + "/"))
        .sort((a, b) => b.containerPath.length - a.containerPath.length)[0];
}

/** Why a container's process failed, from its logs. Undefined when nothing in the logs explains it. */
export function causeFromLogs(c: ContainerDef, logs: string[], volumes: VolumePlan[]): string | undefined {
    const denied = pathNear(logs, /permission denied|EACCES|Errno 13/i);
    if (denied) {
        const mount = mountFor(c, denied.path);
        const vol = mount && volumes.find((v) => v.taskVolume === mount.sourceVolume);
        const user = c.user ?? "the image's user";
        if (mount && vol?.kind === "empty")
            return (
                `${denied.path}: permission denied: ${mount.containerPath} is task volume "${mount.sourceVolume}", which Fargate creates empty, owned by root, mode 0755, ` +
                `because the image declares no VOLUME ${mount.containerPath}; the container runs as ${user}. ` +
                `In the Dockerfile: RUN mkdir -p ${mount.containerPath} && chmod 1777 ${mount.containerPath} (or chown it to ${user}), then VOLUME ${mount.containerPath}.`
            );
        if (mount && vol?.kind === "image")
            return `${denied.path}: permission denied: ${mount.containerPath} is task volume "${mount.sourceVolume}", which starts with the image's ${mount.containerPath} and its owner and mode; the container runs as ${user}, who cannot write it. Make it writable in the Dockerfile (chmod 1777, or chown to ${user}).`;
        return `${denied.path}: permission denied; the container runs as ${user}.`;
    }
    const readOnly = pathNear(logs, /read-only file system|EROFS|Errno 30/i);
    if (readOnly) {
        const mount = mountFor(c, readOnly.path);
        if (!mount && c.readonlyRootFilesystem) {
            const writable = c.mountPoints.filter((m) => !m.readOnly).map((m) => m.containerPath);
            return `${readOnly.path}: read-only file system: the root filesystem is read-only (readonlyRootFilesystem) and ${readOnly.path} is on no task volume; the writable paths are ${writable.join(", ") || "none"}. Write there instead, or mount a volume at its directory.`;
        }
        if (mount?.readOnly) return `${readOnly.path}: read-only file system: volume "${mount.sourceVolume}" is mounted read-only at ${mount.containerPath}.`;
        return `${readOnly.path}: read-only file system.`;
    }
    const notFound = logs.find((l) => /executable file not found|no such file or directory.*exec|exec: .*: not found/i.test(l));
    if (notFound) return `the command cannot run: ${notFound.trim()} (check command/entryPoint and the image).`;
    if (logs.some((l) => /exec format error/i.test(l))) return "exec format error: the image was built for another CPU architecture than the task's runtimePlatform.";
    const address = logs.find((l) => /address already in use/i.test(l));
    if (address) return `address already in use: the task's containers share one network namespace (awsvpc), so two of them cannot listen on the same port: ${address.trim()}`;
    return undefined;
}

/** Why the target group's check from outside the task fails. */
export function causeFromTargetCheck(detail: string, port: number, path: string, matcher: string, listeners: Listener[] | undefined): string {
    if (/ECONNREFUSED|ECONNRESET|socket hang up|connection refused/i.test(detail)) {
        const onPort = (listeners ?? []).filter((l) => l.port === port);
        if (onPort.length > 0 && onPort.every((l) => isLoopback(l.address)))
            return `the app listens on ${onPort.map((l) => `${l.address}:${port}`).join(", ")} only: the load balancer connects to the task's IP address, which a loopback listener never answers (the container's own health check on 127.0.0.1 still passes). Bind 0.0.0.0:${port}.`;
        if (listeners && onPort.length === 0) {
            const others = listeners.filter((l) => !isLoopback(l.address)).map((l) => l.port);
            return `nothing listens on port ${port}, the port the service registers with the target group${others.length > 0 ? `; the task listens on ${[...new Set(others)].join(", ")}` : ""}. Set containerPort to the app's port.`;
        }
        return `the connection to port ${port} was refused (${detail}).`;
    }
    const code = /answered (\d{3})/.exec(detail);
    if (code) return `GET ${path} answered ${code[1]}, which the matcher "${matcher}" does not accept: check healthCheckPath (the app's health endpoint) and healthCheckMatcher.`;
    if (/timed out|timeout/i.test(detail)) return `GET ${path} did not answer within the check's timeout: the app is too slow to answer or blocks on something at start.`;
    return detail;
}

/**
 * Why the container that holds the task's network namespace did not start, when the reason is the
 * image: it runs `sleep infinity` from the load balancer container's image (or the first
 * container's), and distroless or scratch images have no `sleep`. Undefined for any other failure.
 */
export function causeOfHolderFailure(engineMessage: string, image: string): string | undefined {
    if (!/"?sleep"?: (executable file )?not found|exec: "sleep"|"sleep": no such file/i.test(engineMessage)) return undefined;
    return (
        `the task's network namespace is held by \`sleep infinity\` run from ${image}, and that image has no \`sleep\` (a distroless or scratch image?). ` +
        "run-local needs one on the image's PATH (busybox's will do); Fargate does not, so this is a limit of run-local, not a failure on Fargate."
    );
}

/**
 * What to do about an image build that failed because its base image is not local: run-local
 * builds with podman's `--pull=never` (it never pulls), so the Dockerfile's FROM image must be
 * there already. Undefined for any other failure.
 */
export function causeOfBuildFailure(buildOutput: string): string | undefined {
    const m = /creating build container: (\S+): image not known/.exec(buildOutput);
    if (!m) return undefined;
    return `the base image ${m[1]} is not available to podman, and run-local builds without pulling (--pull=never): pull it first (podman pull ${m[1]}), or build FROM an image podman has.`;
}
