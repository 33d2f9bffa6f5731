/**
 * Fargate task sizes: the CPU/memory pairs AWS accepts, and the cheapest one that fits.
 * Source: ECS developer guide, "task CPU and memory" table (shared/reference/aws-prices.md §1.3).
 */

/** One allowed CPU level: task `cpu` units and the memory values (MiB) allowed with it. */
export interface FargateCpuLevel {
    cpu: number;
    memory: number[];
}

function range(from: number, to: number, step: number): number[] {
    const out: number[] = [];
    for (let m = from; m <= to; m += step) out.push(m);
    return out;
}

/** Every valid Linux Fargate CPU level with its allowed memory values, cheapest first. */
export const FARGATE_SIZES: readonly FargateCpuLevel[] = [
    { cpu: 256, memory: [512, 1024, 2048] },
    { cpu: 512, memory: range(1024, 4096, 1024) },
    { cpu: 1024, memory: range(2048, 8192, 1024) },
    { cpu: 2048, memory: range(4096, 16384, 1024) },
    { cpu: 4096, memory: range(8192, 30720, 1024) },
    { cpu: 8192, memory: range(16384, 61440, 4096) },
    { cpu: 16384, memory: range(32768, 122880, 8192) },
];

/** True when Fargate offers this task cpu/memory pair. */
export function isValidFargateSize(cpu: number, memory: number): boolean {
    return FARGATE_SIZES.some((l) => l.cpu === cpu && l.memory.includes(memory));
}

/** The memory values allowed with a CPU level, as a short human text ("1024–4096 in steps of 1024"). */
export function describeAllowedMemory(cpu: number): string {
    const level = FARGATE_SIZES.find((l) => l.cpu === cpu);
    if (!level) return `cpu must be one of ${FARGATE_SIZES.map((l) => l.cpu).join(", ")}`;
    const m = level.memory;
    if (m.length <= 3) return `memory ${m.join(", ")} MiB`;
    return `memory ${m[0]}–${m[m.length - 1]} MiB in steps of ${m[1] - m[0]}`;
}

/**
 * The cheapest valid size with at least `cpuNeeded` units and `memoryNeeded` MiB.
 * The lowest CPU level that can hold the memory is always the cheapest (a vCPU costs about as much
 * as 9 GB), and within it the smallest memory value that fits. Throws past Fargate's maximum.
 */
export function cheapestFargateSize(cpuNeeded: number, memoryNeeded: number): { cpu: number; memory: number } {
    for (const level of FARGATE_SIZES) {
        if (level.cpu < cpuNeeded) continue;
        const memory = level.memory.find((m) => m >= memoryNeeded);
        if (memory !== undefined) return { cpu: level.cpu, memory };
    }
    throw new Error(`No Fargate size fits ${cpuNeeded} CPU units and ${memoryNeeded} MiB: the largest is 16384 CPU units (16 vCPU) with 122880 MiB.`);
}
