/**
 * Finds the blocking settings of a task definition (see fargateCompatibility.ts): each with its
 * field path, what the field holds, and the entry saying why Fargate cannot provide it and what to
 * use instead. Pure: reads the normalised task definition, writes nothing.
 */
import { chooseWebContainer } from "./containers";
import {
    capabilityName,
    CompatibilityEntry,
    compatibilityEntry,
    FARGATE_MAX_CPU,
    FARGATE_MAX_EPHEMERAL_GIB,
    FARGATE_MAX_MEMORY_MIB,
    HOST_CONTROL_CAPABILITIES,
} from "./fargateCompatibility";
import { ReportLine } from "./report";
import { isObject, TaskDefinition } from "./taskDefinition";
import { containerNeeds, parseCpuUnits, parseMemoryMiB } from "./taskSize";

/** One blocking field. */
export interface BlockingFinding {
    /** Field path in the task definition, e.g. `containerDefinitions[0].resourceRequirements[0]`. */
    path: string;
    /** What the field holds, e.g. `GPU 1` or `pidMode "host"`. */
    detail: string;
    /** Why it blocks and what to use instead. */
    entry: CompatibilityEntry;
    /** What a forced import does instead of carrying the field. @default "left out" */
    forced?: string;
}

/** True for a value that is set (not undefined or null). */
const isSet = (v: unknown) => v !== undefined && v !== null;

/** Names of the volumes some container mounts (mountPoints[].sourceVolume). */
function mountedVolumes(td: TaskDefinition): Set<string> {
    const names = new Set<string>();
    for (const c of td.containerDefinitions)
        for (const m of Array.isArray(c.mountPoints) ? c.mountPoints : []) if (isObject(m) && typeof m.sourceVolume === "string") names.add(m.sourceVolume);
    return names;
}

/** Where a volume is mounted, for messages: `at /data in "db"`. */
function mountedAt(td: TaskDefinition, volume: string): string {
    const places: string[] = [];
    for (const c of td.containerDefinitions)
        for (const m of Array.isArray(c.mountPoints) ? c.mountPoints : [])
            if (isObject(m) && m.sourceVolume === volume) places.push(`${typeof m.containerPath === "string" ? m.containerPath : "?"} in "${c.name}"`);
    return places.join(", ");
}

/** GPU and accelerator requirements, task and container. */
function acceleratorFindings(td: TaskDefinition): BlockingFinding[] {
    const out: BlockingFinding[] = [];
    td.containerDefinitions.forEach((c, i) => {
        (Array.isArray(c.resourceRequirements) ? c.resourceRequirements : []).forEach((r, j) => {
            const type = isObject(r) ? r.type : undefined;
            const value = isObject(r) ? r.value : undefined;
            out.push({
                path: `containerDefinitions[${i}].resourceRequirements[${j}]`,
                detail: `${type === undefined ? "(no type)" : String(type)} ${value === undefined ? "" : String(value)}`.trim(),
                entry: compatibilityEntry(type === "GPU" ? "gpu" : "inference-accelerator"),
            });
        });
    });
    const task = Array.isArray(td.inferenceAccelerators) ? td.inferenceAccelerators : [];
    if (task.length > 0) {
        const names = task.map((a) => (isObject(a) ? `${String(a.deviceName ?? "?")} (${String(a.deviceType ?? "?")})` : "?")).join(", ");
        out.push({
            path: "inferenceAccelerators",
            detail: `Elastic Inference accelerator${task.length === 1 ? "" : "s"} ${names}`,
            entry: compatibilityEntry("inference-accelerator"),
        });
    }
    return out;
}

/** Host namespaces and privileged containers that use them or host paths. */
function hostFindings(td: TaskDefinition, mounted: Set<string>): BlockingFinding[] {
    const out: BlockingFinding[] = [];
    if (td.pidMode === "host") out.push({ path: "pidMode", detail: '"host"', entry: compatibilityEntry("host-pid") });
    const hostPaths = (td.volumes ?? []).flatMap((v, k) => {
        const source = isObject(v.host) ? v.host.sourcePath : undefined;
        return typeof source === "string" && source !== "" && typeof v.name === "string" && mounted.has(v.name) ? [{ k, name: v.name, source }] : [];
    });
    for (const { k, name, source } of hostPaths)
        out.push({
            path: `volumes[${k}].host`,
            detail: `host path ${source} (volume "${name}", mounted at ${mountedAt(td, name)})`,
            entry: compatibilityEntry("host-path-volume"),
        });
    const privileged = td.containerDefinitions.flatMap((c, i) => (c.privileged === true ? [{ c, i }] : []));
    const namespaces = (["networkMode", "ipcMode", "pidMode"] as const).filter((k) => td[k] === "host");
    if (privileged.length === 0 || (namespaces.length === 0 && hostPaths.length === 0)) return out;
    const uses = [...namespaces.map((k) => `${k} "host"`), ...(hostPaths.length > 0 ? ["host paths"] : [])].join(", ");
    const entry = compatibilityEntry("privileged-host-namespace");
    for (const { c, i } of privileged) out.push({ path: `containerDefinitions[${i}].privileged`, detail: `"${c.name}" is privileged in a task with ${uses}`, entry });
    for (const k of namespaces.filter((n) => n !== "pidMode"))
        out.push({ path: k, detail: '"host", with a privileged container', entry, forced: k === "networkMode" ? "replaced by awsvpc" : "left out" });
    return out;
}

/** Docker and FSx volumes that a container mounts and relies on. */
function volumeFindings(td: TaskDefinition, mounted: Set<string>): BlockingFinding[] {
    const out: BlockingFinding[] = [];
    (td.volumes ?? []).forEach((v, k) => {
        if (typeof v.name !== "string" || !mounted.has(v.name)) return;
        const where = `mounted at ${mountedAt(td, v.name)}`;
        const docker = v.dockerVolumeConfiguration;
        if (isObject(docker)) {
            const driver = typeof docker.driver === "string" ? docker.driver : "local";
            const why = [
                driver !== "local" ? `driver "${driver}"` : undefined,
                docker.scope === "shared" ? 'scope "shared" (kept after the task stops)' : undefined,
                isObject(docker.driverOpts) && Object.keys(docker.driverOpts).length > 0 ? `driverOpts ${Object.keys(docker.driverOpts).join(", ")}` : undefined,
            ].filter(isSet);
            if (why.length > 0)
                out.push({
                    path: `volumes[${k}].dockerVolumeConfiguration`,
                    detail: `Docker volume "${v.name}" with ${why.join(", ")}, ${where}`,
                    entry: compatibilityEntry("docker-volume"),
                });
        }
        if (isSet(v.fsxWindowsFileServerVolumeConfiguration))
            out.push({
                path: `volumes[${k}].fsxWindowsFileServerVolumeConfiguration`,
                detail: `FSx for Windows volume "${v.name}", ${where}`,
                entry: compatibilityEntry("fsx-volume"),
            });
    });
    return out;
}

/** Per-container fields: devices and host-control capabilities. */
function containerFindings(td: TaskDefinition): BlockingFinding[] {
    const out: BlockingFinding[] = [];
    td.containerDefinitions.forEach((c, i) => {
        const lp = isObject(c.linuxParameters) ? c.linuxParameters : {};
        const devices = Array.isArray(lp.devices) ? lp.devices : [];
        if (devices.length > 0) {
            const paths = devices.map((d) => (isObject(d) && typeof d.hostPath === "string" ? d.hostPath : "?")).join(", ");
            out.push({
                path: `containerDefinitions[${i}].linuxParameters.devices`,
                detail: `"${c.name}" uses host device${devices.length === 1 ? "" : "s"} ${paths}`,
                entry: compatibilityEntry("devices"),
            });
        }
        const add = isObject(lp.capabilities) && Array.isArray(lp.capabilities.add) ? lp.capabilities.add.map(capabilityName) : [];
        const control = add.filter((cap) => HOST_CONTROL_CAPABILITIES.includes(cap));
        if (control.length > 0)
            out.push({
                path: `containerDefinitions[${i}].linuxParameters.capabilities.add`,
                detail: `"${c.name}" adds ${control.join(", ")}`,
                entry: compatibilityEntry("host-control-capability"),
            });
    });
    return out;
}

/** A size Fargate cannot reach: at the task field that asks for too much, and at every container field of a sum that is too much. */
function sizeFindings(td: TaskDefinition): BlockingFinding[] {
    const out: BlockingFinding[] = [];
    const entry = compatibilityEntry("task-size");
    const needs = containerNeeds(td.containerDefinitions, chooseWebContainer(td.containerDefinitions).index);
    const cpu = parseCpuUnits(td.cpu);
    const memory = parseMemoryMiB(td.memory);
    const capped = `capped at Fargate's largest task (${FARGATE_MAX_CPU} CPU units, ${FARGATE_MAX_MEMORY_MIB} MiB)`;
    if (cpu !== undefined && cpu > FARGATE_MAX_CPU) out.push({ path: "cpu", detail: `${cpu} CPU units (Fargate's largest task has ${FARGATE_MAX_CPU})`, entry, forced: capped });
    if (needs.cpu > FARGATE_MAX_CPU)
        td.containerDefinitions.forEach((c, i) => {
            if (c.cpu !== undefined)
                out.push({
                    path: `containerDefinitions[${i}].cpu`,
                    detail: `${c.cpu} CPU units; the containers need ${needs.cpu} together (at most ${FARGATE_MAX_CPU})`,
                    entry,
                    forced: `left out, the task ${capped}`,
                });
        });
    if (memory !== undefined && memory > FARGATE_MAX_MEMORY_MIB)
        out.push({ path: "memory", detail: `${memory} MiB (Fargate's largest task has ${FARGATE_MAX_MEMORY_MIB})`, entry, forced: capped });
    if (needs.memory > FARGATE_MAX_MEMORY_MIB)
        td.containerDefinitions.forEach((c, i) => {
            const field = c.memory !== undefined ? "memory" : c.memoryReservation !== undefined ? "memoryReservation" : undefined;
            if (field)
                out.push({
                    path: `containerDefinitions[${i}].${field}`,
                    detail: `${c[field]} MiB; the containers need ${needs.memory} MiB together (at most ${FARGATE_MAX_MEMORY_MIB})`,
                    entry,
                    forced: `left out, the task ${capped}`,
                });
        });
    return out;
}

/** The task-level platform and storage fields. */
function platformFindings(td: TaskDefinition): BlockingFinding[] {
    const out: BlockingFinding[] = [];
    const os = td.runtimePlatform?.operatingSystemFamily;
    if (os !== undefined && os !== "LINUX") out.push({ path: "runtimePlatform.operatingSystemFamily", detail: os, entry: compatibilityEntry("windows") });
    const storage = isObject(td.ephemeralStorage) ? td.ephemeralStorage.sizeInGiB : undefined;
    if (typeof storage === "number" && storage > FARGATE_MAX_EPHEMERAL_GIB)
        out.push({ path: "ephemeralStorage", detail: `${storage} GiB (at most ${FARGATE_MAX_EPHEMERAL_GIB})`, entry: compatibilityEntry("ephemeral-storage") });
    return out;
}

/** Every blocking field of the task definition, in file order of kind (task platform, size, host access, volumes, containers, accelerators). */
export function findBlockingFields(td: TaskDefinition): BlockingFinding[] {
    const mounted = mountedVolumes(td);
    return [...platformFindings(td), ...sizeFindings(td), ...hostFindings(td, mounted), ...volumeFindings(td, mounted), ...containerFindings(td), ...acceleratorFindings(td)];
}

/** The findings grouped by entry, in first-seen order. */
function byEntry(findings: readonly BlockingFinding[]): { entry: CompatibilityEntry; findings: BlockingFinding[] }[] {
    const groups: { entry: CompatibilityEntry; findings: BlockingFinding[] }[] = [];
    for (const f of findings) {
        const group = groups.find((g) => g.entry.id === f.entry.id);
        if (group) group.findings.push(f);
        else groups.push({ entry: f.entry, findings: [f] });
    }
    return groups;
}

/** The refusal: every blocking path with what it holds, then why and what to use instead, once per kind. */
export function describeBlocking(findings: readonly BlockingFinding[]): string {
    const lines = [`the task cannot do its job on Fargate without ${findings.length === 1 ? "this field" : `these ${findings.length} fields`}, so nothing was written:`];
    for (const { entry, findings: group } of byEntry(findings)) {
        for (const f of group) lines.push(`  ${f.path}: ${f.detail}`);
        lines.push(`    why: ${entry.reason}`, `    instead: ${entry.alternative}.`);
    }
    lines.push("To write the stack anyway, without these fields and marked BLOCKING in the report and the stack file, pass --force.");
    return lines.join("\n");
}

/** Thrown by the importer when the task definition has blocking fields and --force was not given. */
export class BlockingFieldsError extends Error {
    constructor(public readonly findings: readonly BlockingFinding[]) {
        super(describeBlocking(findings));
        this.name = "BlockingFieldsError";
    }
}

/**
 * The report with every line at a blocking path replaced by one `blocking` line (what the field
 * held, that --force left it out, why the task needs it and what to use instead). Lines at other
 * paths stay as they are.
 */
export function markBlocking(lines: readonly ReportLine[], findings: readonly BlockingFinding[]): ReportLine[] {
    const paths = new Set(findings.map((f) => f.path));
    return [
        ...findings.map((f): ReportLine => ({
            kind: "blocking",
            path: f.path,
            message: `${f.detail}: ${f.forced ?? "left out"} because of --force. ${f.entry.reason} Instead: ${f.entry.alternative}.`,
        })),
        ...lines.filter((l) => !paths.has(l.path)),
    ];
}

/** Comment lines for the top of a stack file written with blocking fields left out (without the `#`). */
export function blockingHeader(findings: readonly BlockingFinding[]): string[] {
    if (findings.length === 0) return [];
    return [
        "BLOCKING: written with --force. This stack does NOT do what the task definition did: the task cannot do its job",
        "on Fargate without these fields, which were left out:",
        ...byEntry(findings).flatMap(({ entry, findings: group }) => [
            ...group.map((f) => `  ${f.path}: ${f.detail} (${f.forced ?? "left out"})`),
            `    instead: ${entry.alternative}.`,
        ]),
    ];
}
