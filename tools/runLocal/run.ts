/**
 * The orchestrator: computes the stack's task with the offline engine, builds or finds its images,
 * runs its containers the way Fargate would (translate.ts), applies ECS's dependsOn, essential and
 * container health check rules and the target group's check from outside the task (checks.ts),
 * and explains the first reason it would fail (diagnose.ts). Cleans up what it made.
 */
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { loadStackConfig } from "../offline/stackConfig";
import { LocalTask, ContainerDef } from "./task";
import { taskForStack } from "./stackTask";
import { ImageError, prepareImages } from "./images";
import { EngineName, RunPlan, RUN_LABEL, translateTask } from "./translate";
import { Engine, EngineError, findEngine, freePort, hostLimits, lastLines } from "./engine";
import {
    ContainerHealthState,
    defaultTimeout,
    dependencyDecision,
    initialContainerHealth,
    INITIAL_TARGET,
    ObservedContainer,
    parseMatcher,
    recordContainerCheck,
    recordTargetCheck,
    TargetState,
    taskHealth,
} from "./checks";
import { causeFromLogs, causeFromTargetCheck, causeOfHolderFailure, Listener, parseProcNetTcp } from "./diagnose";

export interface RunLocalOptions {
    dir: string;
    stack: string;
    engine?: EngineName;
    buildArgs: Record<string, string>;
    secretValues: Record<string, string>;
    /** Seconds before giving up (default: long enough for every check to decide). */
    timeout?: number;
    keep: boolean;
    /** Progress lines as they happen. */
    progress: (line: string) => void;
    /** Set by the caller's signal handler: stop and clean up. */
    abort?: AbortSignal;
}

export interface RunLocalResult {
    /** healthy: exit 0; unhealthy: would fail on Fargate, exit 1; error: usage/config/engine, exit 2. */
    verdict: "healthy" | "unhealthy" | "error";
    stack: string;
    engine?: EngineName;
    /** Seconds from the first container start to healthy. */
    healthyAfter?: number;
    /** The first reason it would not become healthy (or the error). */
    reason?: string;
    /** The likely cause, in plain words. */
    cause?: string;
    /** The container the reason is about, and its last log lines. */
    container?: string;
    logs?: string[];
    notes: string[];
    /** What happened, in order (seconds since the first container start). */
    events: { at: number; text: string }[];
    /** What was left behind with --keep. */
    kept?: string[];
    /** The commands that remove what --keep left. */
    removeWith?: string[];
}

/** A config/engine problem that ends the run with exit 2. */
export class RunLocalError extends Error {}

/** One HTTP GET as the ELB health checker sends it. */
function probe(port: number, urlPath: string, timeoutS: number): Promise<{ code?: number; error?: string }> {
    return new Promise((resolve) => {
        const req = http.get({ host: "127.0.0.1", port, path: urlPath, headers: { "User-Agent": "ELB-HealthChecker/2.0" }, timeout: timeoutS * 1000 }, (res) => {
            res.resume();
            resolve({ code: res.statusCode });
        });
        req.on("timeout", () => req.destroy(new Error(`timed out after ${timeoutS} s`)));
        req.on("error", (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Remove everything the run made (containers first, the netns holder last, then volumes). */
async function cleanup(engine: Engine, plan: RunPlan | undefined, runId: string, volumeDir: string): Promise<void> {
    if (plan) {
        // podman's `rm --force` waits each container's stop timeout; the run is over, kill at once.
        const now = engine.name === "podman" ? ["--time", "0"] : [];
        for (const name of plan.removeOrder) await engine.exec(["rm", "--force", "--volumes", ...now, name], { timeoutMs: 60000 });
        for (const v of plan.volumes) if (v.kind === "image") await engine.exec(["volume", "rm", "--force", v.source], { timeoutMs: 30000 });
    }
    // Anything else carrying this run's label (e.g. created before a failure).
    const left = await engine.exec(["ps", "--all", "--quiet", "--filter", `label=${RUN_LABEL}=${runId}`]);
    for (const id of left.stdout.split("\n").filter(Boolean)) await engine.exec(["rm", "--force", "--volumes", id], { timeoutMs: 60000 });
    const vols = await engine.exec(["volume", "ls", "--quiet", "--filter", `label=${RUN_LABEL}=${runId}`]);
    for (const v of vols.stdout.split("\n").filter(Boolean)) await engine.exec(["volume", "rm", "--force", v], { timeoutMs: 30000 });
    fs.rmSync(volumeDir, { recursive: true, force: true });
}

/** Run the stack's task locally and judge it. Never throws: errors become verdict "error". */
export async function runLocal(o: RunLocalOptions): Promise<RunLocalResult> {
    const result: RunLocalResult = { verdict: "error", stack: o.stack, notes: [], events: [] };
    let engine: Engine | undefined;
    let plan: RunPlan | undefined;
    const runId = `fk-${o.stack}-${process.pid}-${Date.now().toString(36)}`.toLowerCase().replace(/[^a-z0-9_.-]/g, "-");
    const volumeDir = fs.mkdtempSync(path.join(os.tmpdir(), "fargatekit-run-local-"));
    let t0: number | undefined;
    const at = (): number => (t0 === undefined ? 0 : Math.round((Date.now() - t0) / 100) / 10);
    const event = (text: string): void => {
        result.events.push({ at: at(), text });
        o.progress(`${String(at().toFixed(1)).padStart(6)}s  ${text}`);
    };
    try {
        let task: LocalTask;
        try {
            task = await taskForStack(o.dir, o.stack);
        } catch (e) {
            throw new RunLocalError(`stack ${o.stack}: ${(e as Error).message}`);
        }
        engine = await findEngine(o.engine);
        result.engine = engine.name;
        o.progress(
            `task ${task.family}: ${task.containers.map((c) => c.name).join(", ")} (${task.cpu ?? "?"} CPU units, ${task.memory ?? "?"} MiB, ${task.cpuArchitecture}) on ${engine.name}`,
        );
        const images = await prepareImages(engine, task, o, loadStackConfig(o.dir, o.stack).project);
        const hostPort = task.loadBalancer ? await freePort() : undefined;
        plan = translateTask({
            task,
            engine: engine.name,
            runId,
            images,
            hostPort,
            volumeDir,
            secretValues: o.secretValues,
            hostLimits: engine.name === "podman" ? hostLimits() : undefined,
        });
        result.notes.push(...plan.notes);
        for (const n of plan.notes) o.progress(`note: ${n}`);
        if (o.abort?.aborted) throw new RunLocalError("interrupted");

        // Volumes: named volumes filled from the image; host directories root-owned 0755 for the rest.
        for (const v of plan.volumes) {
            if (v.kind === "image") {
                await engine.must(["volume", "create", "--label", `${RUN_LABEL}=${runId}`, v.source]);
                o.progress(`volume ${v.taskVolume}: starts with ${v.seededBy!.container}'s image content at ${v.seededBy!.path} (the image declares VOLUME ${v.seededBy!.path})`);
            } else {
                fs.mkdirSync(v.source, { recursive: true, mode: 0o755 });
                fs.chmodSync(v.source, 0o755);
                if (process.getuid?.() === 0) fs.chownSync(v.source, 0, 0);
                o.progress(`volume ${v.taskVolume}: starts empty, root-owned, mode 0755 (no image declares it as a VOLUME)`);
            }
        }
        try {
            await engine.must(plan.holder.create);
        } catch (e) {
            const cause = e instanceof EngineError ? causeOfHolderFailure(e.message, plan.holder.image) : undefined;
            throw cause ? new EngineError(`${(e as Error).message}\n${cause}`) : e;
        }
        for (const c of plan.containers) await engine.must(c.create, { env: c.env });

        const byName = new Map(task.containers.map((c) => [c.name, c]));
        const engineName = new Map(plan.containers.map((c) => [c.name, c.engineName]));
        const observed: Record<string, ObservedContainer> = {};
        const startedAt: Record<string, number> = {};
        const health: Record<string, ContainerHealthState> = {};
        const never: Record<string, string> = {};
        for (const c of task.containers) observed[c.name] = { started: false, exited: false, health: "UNKNOWN", healthCheck: c.healthCheck !== undefined };
        const lb = task.loadBalancer;
        const matcher = lb ? parseMatcher(lb.check.matcher) : undefined;
        let target: TargetState = INITIAL_TARGET;
        let nextProbe: number | undefined;
        const timeout = o.timeout ?? defaultTimeout(task.containers, lb?.check, task.gracePeriod);
        const essential = task.containers.filter((c) => c.essential);
        o.progress(`waiting up to ${timeout} s (grace period ${task.gracePeriod} s)`);

        const fail = async (reason: string, container: ContainerDef | undefined, cause?: string): Promise<void> => {
            result.verdict = "unhealthy";
            result.reason = reason;
            if (container) {
                result.container = container.name;
                result.logs = await engine!.logs(engineName.get(container.name)!, 15);
                result.cause = cause ?? causeFromLogs(container, result.logs, plan!.volumes);
            } else result.cause = cause;
        };

        for (;;) {
            if (o.abort?.aborted) throw new RunLocalError("interrupted");
            // Start what may start.
            for (const c of task.containers) {
                if (observed[c.name].started || never[c.name]) continue;
                const d = dependencyDecision(c, observed);
                if (d.kind === "never") {
                    never[c.name] = d.reason;
                    event(`${c.name} will never start: ${d.reason}`);
                } else if (d.kind === "start") {
                    if (t0 === undefined) t0 = Date.now();
                    await engine.must(["start", engineName.get(c.name)!]);
                    observed[c.name].started = true;
                    startedAt[c.name] = Date.now();
                    if (c.healthCheck) health[c.name] = initialContainerHealth(c.healthCheck);
                    event(`${c.name} started${c.dependsOn.length ? ` (after ${c.dependsOn.map((x) => `${x.containerName} ${x.condition}`).join(", ")})` : ""}`);
                }
            }
            // Exits.
            const states = await engine.states([...engineName.values()]);
            for (const c of task.containers) {
                const o2 = observed[c.name];
                const st = states[engineName.get(c.name)!];
                if (o2.started && !o2.exited && st && (st.status === "exited" || st.status === "stopped")) {
                    o2.exited = true;
                    o2.exitCode = st.exitCode;
                    event(`${c.name} exited with code ${st.exitCode}${c.essential ? " (essential: ECS stops the task)" : ""}`);
                }
            }
            const essentialExit = essential.find((c) => observed[c.name].exited);
            if (essentialExit) {
                await fail(
                    `essential container ${essentialExit.name} exited with code ${observed[essentialExit.name].exitCode} after ${at()} s; ECS stops the task`,
                    essentialExit,
                );
                break;
            }
            const blocked = essential.find((c) => never[c.name]);
            if (blocked) {
                const dep = blocked.dependsOn.map((d) => byName.get(d.containerName)).find((d) => d && observed[d.name].exited && observed[d.name].exitCode !== 0);
                await fail(`essential container ${blocked.name} never starts: ${never[blocked.name]}; the task stops`, dep ?? blocked);
                break;
            }
            // Container health checks, as ECS runs them.
            for (const c of task.containers) {
                const hs = health[c.name];
                if (!c.healthCheck || !hs || observed[c.name].exited) continue;
                const since = (Date.now() - startedAt[c.name]) / 1000;
                if (since < hs.nextAt) continue;
                const cmd =
                    c.healthCheck.command[0] === "CMD-SHELL"
                        ? ["/bin/sh", "-c", c.healthCheck.command.slice(1).join(" ")]
                        : c.healthCheck.command.slice(c.healthCheck.command[0] === "CMD" ? 1 : 0);
                const r = await engine.exec(["exec", engineName.get(c.name)!, ...cmd], { timeoutMs: c.healthCheck.timeout * 1000 });
                const passed = r.code === 0 && !r.timedOut;
                const before = hs.status;
                health[c.name] = recordContainerCheck(
                    hs,
                    c.healthCheck,
                    since,
                    passed,
                    r.timedOut ? `timed out after ${c.healthCheck.timeout} s` : lastLines(r.stdout + r.stderr, 3).join(" | "),
                );
                observed[c.name].health = health[c.name].status;
                if (health[c.name].status !== before)
                    event(`${c.name} container health check: ${health[c.name].status}${passed ? "" : ` (${health[c.name].lastOutput || `exit ${r.code}`})`}`);
            }
            // The target group's check, from outside the task, once the web container runs.
            if (lb && hostPort !== undefined && observed[lb.containerName].started) {
                const now = at();
                if (nextProbe === undefined) nextProbe = now;
                if (now >= nextProbe) {
                    nextProbe = now + lb.check.interval;
                    const p = await probe(hostPort, lb.check.path, lb.check.timeout);
                    const passed = p.code !== undefined && matcher!(p.code);
                    const detail = p.code !== undefined ? `GET ${lb.check.path} answered ${p.code}` : `GET ${lb.check.path}: ${p.error}`;
                    const before = target.status;
                    target = recordTargetCheck(target, lb.check, passed, detail);
                    if (target.status !== before || (!passed && target.failures === 1)) event(`target group: ${detail} → ${target.status}`);
                }
            }
            // Verdict.
            const sinceStart = at();
            const th = taskHealth(task.containers, Object.fromEntries(task.containers.map((c) => [c.name, observed[c.name].health])));
            const unhealthyContainer = th.unhealthy;
            if (sinceStart >= task.gracePeriod && unhealthyContainer) {
                const which = unhealthyContainer.essential ? "essential container" : "non-essential container";
                const why = unhealthyContainer.essential ? "" : "; no essential container has a health check, so this one's decides the task's health";
                await fail(
                    `${which} ${unhealthyContainer.name} is UNHEALTHY after the ${task.gracePeriod} s grace period: its health check failed ${unhealthyContainer.healthCheck!.retries} times (${health[unhealthyContainer.name].lastOutput || "non-zero exit"})${why}; ECS replaces the task`,
                    unhealthyContainer,
                );
                break;
            }
            if (lb && sinceStart >= task.gracePeriod && target.status === "unhealthy") {
                const web = byName.get(lb.containerName)!;
                let listeners: Listener[] | undefined;
                const net = await engine.exec(["exec", engineName.get(web.name)!, "cat", "/proc/net/tcp", "/proc/net/tcp6"], { timeoutMs: 10000 });
                if (net.code === 0 || net.stdout.includes(":")) listeners = parseProcNetTcp(net.stdout);
                await fail(
                    `the target group marks the task unhealthy after the ${task.gracePeriod} s grace period: ${target.lastDetail} (${lb.check.unhealthyThreshold} failed checks; matcher ${lb.check.matcher}); ECS replaces the task`,
                    web,
                    causeFromTargetCheck(target.lastDetail ?? "", lb.containerPort, lb.check.path, lb.check.matcher, listeners),
                );
                break;
            }
            const allStarted = essential.every((c) => observed[c.name].started);
            const targetHealthy = !lb || target.status === "healthy";
            if (allStarted && targetHealthy && (th.status === "HEALTHY" || th.status === "NONE")) {
                result.verdict = "healthy";
                result.healthyAfter = Math.ceil(sinceStart);
                break;
            }
            const checked = task.containers.filter((c) => c.healthCheck);
            if (allStarted && targetHealthy && th.nonEssentialOnly && checked.every((c) => observed[c.name].health === "HEALTHY")) {
                await fail(
                    `the task's health stays UNKNOWN: only non-essential containers (${checked.map((c) => c.name).join(", ")}) have health checks, and ECS reports such a task UNKNOWN, which a rolling deployment waits on forever`,
                    undefined,
                    "give the essential container a health check (its own, or the same one), or remove the non-essential container's health check.",
                );
                break;
            }
            if (sinceStart >= timeout) {
                const waiting = essential
                    .filter((c) => !observed[c.name].started)
                    .map((c) => `${c.name} waits for ${c.dependsOn.map((d) => `${d.containerName} ${d.condition}`).join(", ")}`);
                const unknown = (th.nonEssentialOnly ? checked : essential.filter((c) => c.healthCheck))
                    .filter((c) => observed[c.name].health !== "HEALTHY")
                    .map((c) => `${c.name} health ${observed[c.name].health}`);
                const tg = lb && target.status !== "healthy" ? [`target group ${target.status}${target.lastDetail ? ` (${target.lastDetail})` : ""}`] : [];
                const web = lb ? byName.get(lb.containerName) : essential[0];
                await fail(`not healthy after ${timeout} s (--timeout): ${[...waiting, ...unknown, ...tg].join("; ")}`, web);
                break;
            }
            await sleep(1000);
        }
    } catch (e) {
        result.verdict = "error";
        result.reason = e instanceof RunLocalError || e instanceof EngineError || e instanceof ImageError ? e.message : String((e as Error)?.stack ?? e);
    } finally {
        if (engine && !o.keep) await cleanup(engine, plan, runId, volumeDir);
        else if (engine && plan) {
            result.kept = [...plan.removeOrder, ...plan.volumes.map((v) => v.source)];
            const named = plan.volumes.filter((v) => v.kind === "image").map((v) => v.source);
            const now = engine.name === "podman" ? ["--time", "0"] : [];
            result.removeWith = [
                // One at a time, the network namespace holder last (the others join it).
                ...plan.removeOrder.map((name) => engine!.commandLine(["rm", "--force", "--volumes", ...now, name])),
                ...(named.length > 0 ? [engine.commandLine(["volume", "rm", ...named])] : []),
                `rm -rf ${volumeDir}`,
            ];
        }
        if (!engine) fs.rmSync(volumeDir, { recursive: true, force: true });
    }
    return result;
}
