/**
 * The thin engine layer: finds docker or podman, runs its CLI, and reads images and containers.
 * Everything that decides what to run lives in the pure modules (translate, checks, diagnose).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import { EngineName } from "./translate";

export interface ExecResult {
    code: number;
    stdout: string;
    stderr: string;
    timedOut: boolean;
}

/** An engine error (none found, a command failed): exit 2. */
export class EngineError extends Error {}

/** What the host tells about itself, for podman's global flags. */
export interface HostFacts {
    /** systemd runs as PID 1 (podman's default cgroup manager needs it). */
    systemd: boolean;
    /** The unified cgroup v2 hierarchy is mounted at /sys/fs/cgroup. */
    cgroupV2: boolean;
    /** `runc` is installed. */
    runc: boolean;
}

/**
 * podman's global flags for this host: cgroupfs when systemd is not PID 1 (containers, CI
 * runners), and runc on cgroup v1/hybrid hosts, where crun fails to create containers.
 */
export function podmanGlobalFlags(h: HostFacts): string[] {
    const flags: string[] = [];
    if (!h.cgroupV2 && h.runc) flags.push("--runtime", "runc");
    if (!h.systemd) flags.push("--cgroup-manager=cgroupfs");
    return flags;
}

function onPath(bin: string): boolean {
    return (process.env.PATH ?? "").split(":").some((d) => d && fs.existsSync(`${d}/${bin}`));
}

export function hostFacts(): HostFacts {
    return { systemd: fs.existsSync("/run/systemd/system"), cgroupV2: fs.existsSync("/sys/fs/cgroup/cgroup.controllers"), runc: onPath("runc") };
}

/** Hard limits a local podman can grant its containers (its runtime cannot raise them). */
export function hostLimits(): { nofile?: number; nproc?: number } {
    try {
        const limits = fs.readFileSync("/proc/self/limits", "utf8");
        const hard = (label: string): number | undefined => {
            const m = new RegExp(`^${label}\\s+\\S+\\s+(\\d+|unlimited)`, "m").exec(limits);
            return m && m[1] !== "unlimited" ? Number(m[1]) : undefined;
        };
        const pidMax = Number(fs.readFileSync("/proc/sys/kernel/pid_max", "utf8").trim());
        const nproc = hard("Max processes");
        return { nofile: hard("Max open files"), nproc: Math.min(nproc ?? pidMax, pidMax) };
    } catch {
        return {};
    }
}

/** Run a program; never throws for a non-zero exit. */
export function execFile(bin: string, args: string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<ExecResult> {
    return new Promise((resolve) => {
        const child = spawn(bin, args, { env: { ...process.env, ...(opts.env ?? {}) }, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        let timedOut = false;
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        const timer = opts.timeoutMs ? setTimeout(() => ((timedOut = true), child.kill("SIGKILL")), opts.timeoutMs) : undefined;
        child.on("error", (e) => {
            if (timer) clearTimeout(timer);
            resolve({ code: 127, stdout, stderr: stderr + e.message, timedOut });
        });
        child.on("close", (code) => {
            if (timer) clearTimeout(timer);
            resolve({ code: code ?? 128, stdout, stderr, timedOut });
        });
    });
}

export class Engine {
    constructor(
        readonly name: EngineName,
        private readonly globalFlags: string[],
    ) {}

    /** The command line a user would type (for messages). */
    commandLine(args: string[]): string {
        return [this.name, ...this.globalFlags, ...args].join(" ");
    }

    exec(args: string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<ExecResult> {
        return execFile(this.name, [...this.globalFlags, ...args], opts);
    }

    /** Run and throw EngineError with the engine's message on failure. */
    async must(args: string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<string> {
        const r = await this.exec(args, opts);
        if (r.code !== 0) throw new EngineError(`${this.commandLine(args.slice(0, 3))} … failed (exit ${r.code}): ${lastLines(r.stderr || r.stdout, 8).join("\n")}`);
        return r.stdout;
    }

    /** The image's config (Volumes, User, …), or undefined when the engine does not have it. */
    async imageConfig(ref: string): Promise<{ volumes: string[]; architecture?: string } | undefined> {
        const r = await this.exec(["image", "inspect", ref]);
        if (r.code !== 0) return undefined;
        const info = JSON.parse(r.stdout)[0] ?? {};
        return { volumes: Object.keys(info.Config?.Volumes ?? {}), architecture: info.Architecture };
    }

    /** State of containers by engine name. */
    async states(names: string[]): Promise<Record<string, { status: string; exitCode: number; running: boolean }>> {
        const r = await this.exec(["container", "inspect", ...names]);
        const out: Record<string, { status: string; exitCode: number; running: boolean }> = {};
        let list: any[] = [];
        try {
            list = JSON.parse(r.stdout);
        } catch {
            list = [];
        }
        for (const info of list) {
            const name = String(info.Name ?? "").replace(/^\//, "");
            out[name] = { status: String(info.State?.Status ?? "unknown"), exitCode: Number(info.State?.ExitCode ?? 0), running: info.State?.Running === true };
        }
        return out;
    }

    async logs(name: string, lines: number): Promise<string[]> {
        const r = await this.exec(["logs", "--tail", String(lines), name], { timeoutMs: 10000 });
        return lastLines(r.stdout + r.stderr, lines);
    }
}

export function lastLines(text: string, n: number): string[] {
    return text
        .split("\n")
        .map((l) => l.replace(/\r$/, ""))
        .filter((l) => l.trim() !== "")
        .slice(-n);
}

/** docker answers `version` only with a running daemon; podman always. */
async function works(name: EngineName, flags: string[]): Promise<boolean> {
    if (!onPath(name)) return false;
    const r = await execFile(name, [...flags, "version", "--format", "{{.Server.Version}}"], { timeoutMs: 15000 });
    return r.code === 0 && r.stdout.trim() !== "";
}

/** The engine to use: the one asked for, or docker when its daemon answers, else podman. */
export async function findEngine(requested?: EngineName): Promise<Engine> {
    const flagsFor = (n: EngineName): string[] => (n === "podman" ? podmanGlobalFlags(hostFacts()) : []);
    const candidates: EngineName[] = requested ? [requested] : ["docker", "podman"];
    for (const n of candidates) if (await works(n, flagsFor(n))) return new Engine(n, flagsFor(n));
    throw new EngineError(
        requested
            ? `${requested} does not answer (\`${requested} version\` failed): install it or start its daemon`
            : "no container engine found: install Docker (a running daemon) or podman, or pass --engine",
    );
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.once("error", reject);
        srv.listen(0, "127.0.0.1", () => {
            const port = (srv.address() as net.AddressInfo).port;
            srv.close(() => resolve(port));
        });
    });
}
