/**
 * Task size: reads the task's `cpu` and `memory` in every form ECS accepts ("256", 256, "0.25 vCPU",
 * "1 vCPU"; "512", "2 GB", "2GB") and settles on a valid Fargate pair that fits the containers.
 */
import { cheapestFargateSize, describeAllowedMemory, isValidFargateSize } from "../../components/lib/ecs/fargateSizes";
import { ReportBuilder } from "./report";
import { ContainerDefinition } from "./taskDefinition";

/** CPU units and MiB the containers ask for. */
export interface ContainerNeeds {
    cpu: number;
    memory: number;
}

/** MiB the program gives a web container that sets no memory of its own (as `taskSize` in components/fargateService.ts). */
export const WEB_MEMORY_WITHOUT_LIMIT = 512;
/** The least MiB the program leaves the web container next to its sidecars (program/validate.ts). */
export const WEB_MEMORY_MINIMUM = 128;

/** CPU units from `256`, `"256"`, `"1 vCPU"` or `"0.25 vcpu"`; undefined when the value is none of these. */
export function parseCpuUnits(v: unknown): number | undefined {
    if (typeof v === "number") return Number.isInteger(v) && v > 0 ? v : undefined;
    if (typeof v !== "string") return undefined;
    const s = v.trim();
    if (/^\d+$/.test(s)) return Number(s) > 0 ? Number(s) : undefined;
    const m = /^(\d+(?:\.\d+)?)\s*vcpus?$/i.exec(s);
    return m && Number(m[1]) > 0 ? Math.round(Number(m[1]) * 1024) : undefined;
}

/** MiB from `512`, `"512"`, `"512 MiB"`, `"2 GB"`, `"2GB"` or `"0.5 GiB"` (ECS's GB are GiB); undefined otherwise. */
export function parseMemoryMiB(v: unknown): number | undefined {
    if (typeof v === "number") return Number.isInteger(v) && v > 0 ? v : undefined;
    if (typeof v !== "string") return undefined;
    const s = v.trim();
    if (/^\d+$/.test(s)) return Number(s) > 0 ? Number(s) : undefined;
    const m = /^(\d+(?:\.\d+)?)\s*(GB|GiB|MB|MiB)$/i.exec(s);
    if (!m || !(Number(m[1]) > 0)) return undefined;
    return Math.round(Number(m[1]) * (/^g/i.test(m[2]) ? 1024 : 1));
}

/**
 * What the containers need: the sum of their `cpu`, and of their memory (hard limit, else
 * reservation); a web container with neither counts as 512 MiB, and never less than 128 MiB.
 */
export function containerNeeds(containers: readonly ContainerDefinition[], webIndex: number): ContainerNeeds {
    let cpu = 0;
    let memory = 0;
    containers.forEach((c, i) => {
        cpu += c.cpu ?? 0;
        const own = c.memory ?? c.memoryReservation;
        memory += i === webIndex ? Math.max(own ?? WEB_MEMORY_WITHOUT_LIMIT, WEB_MEMORY_MINIMUM) : (own ?? 0);
    });
    return { cpu, memory };
}

/** How a given value reads in a message: the raw text, with the parsed figure when they differ. */
function shown(raw: unknown, parsed: number | undefined, unit: string): string {
    if (raw === undefined) return "unset";
    if (parsed === undefined) return `${JSON.stringify(raw)} (not a ${unit} value)`;
    return String(raw) === String(parsed) ? `${parsed}` : `${JSON.stringify(raw)} (${parsed} ${unit})`;
}

/**
 * The task size for the stack: the task's own pair when Fargate offers it and it fits the
 * containers (`mapped`), else the cheapest Fargate size that fits both what the task asked for and
 * what the containers need (`changed`, saying why). Throws when nothing on Fargate is big enough.
 */
export function chooseTaskSize(rawCpu: unknown, rawMemory: unknown, needs: ContainerNeeds, report: ReportBuilder): { cpu: number; memory: number } {
    const cpu = parseCpuUnits(rawCpu);
    const memory = parseMemoryMiB(rawMemory);
    const needText = `the containers need ${needs.cpu} CPU units and ${needs.memory} MiB`;
    if (cpu !== undefined && memory !== undefined && isValidFargateSize(cpu, memory) && cpu >= needs.cpu && memory >= needs.memory) {
        report.mapped("cpu", `${shown(rawCpu, cpu, "CPU units")} → fargatekit:cpu ${cpu}.`);
        report.mapped("memory", `${shown(rawMemory, memory, "MiB")} → fargatekit:memory ${memory}.`);
        return { cpu, memory };
    }
    let why: string;
    if (rawCpu === undefined && rawMemory === undefined) why = `the task sets no cpu or memory, and Fargate requires both; ${needText}`;
    else if (cpu === undefined || memory === undefined)
        why = `the task's cpu ${shown(rawCpu, cpu, "CPU units")} and memory ${shown(rawMemory, memory, "MiB")} are not a complete Fargate size; ${needText}`;
    else if (!isValidFargateSize(cpu, memory)) {
        const allowed = describeAllowedMemory(cpu);
        why = `cpu ${cpu} with memory ${memory} MiB is not a Fargate size (${allowed.startsWith("memory") ? `cpu ${cpu} allows ${allowed}` : allowed}); ${needText}`;
    } else why = `cpu ${cpu} with memory ${memory} MiB is smaller than the containers: ${needText}`;
    let size: { cpu: number; memory: number };
    try {
        size = cheapestFargateSize(Math.max(cpu ?? 0, needs.cpu), Math.max(memory ?? 0, needs.memory));
    } catch (e) {
        throw new Error(`cpu, memory: ${why}. ${(e as Error).message}`);
    }
    report.add(
        cpu === size.cpu && rawCpu !== undefined ? "mapped" : "changed",
        "cpu",
        `${shown(rawCpu, cpu, "CPU units")} → fargatekit:cpu ${size.cpu}: ${why}, and ${size.cpu} CPU units / ${size.memory} MiB is the cheapest Fargate size that fits.`,
    );
    report.add(
        memory === size.memory && rawMemory !== undefined ? "mapped" : "changed",
        "memory",
        `${shown(rawMemory, memory, "MiB")} → fargatekit:memory ${size.memory}: with cpu ${size.cpu}, the cheapest Fargate size that fits (see cpu).`,
    );
    return size;
}
