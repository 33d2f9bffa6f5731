/**
 * Fargate task prices: the hourly price of one task from its size and architecture, and how many of a
 * service's tasks run on FARGATE (on-demand) versus FARGATE_SPOT under a capacity provider strategy.
 */
import { RegionPrices } from "./prices";

/** CPU architectures Fargate prices separately. */
export type CpuArchitecture = "X86_64" | "ARM64";

/** MiB per GB as Fargate bills memory and storage (512 MiB = 0.5 GB). */
const MIB_PER_GB = 1024;
/** CPU units per vCPU. */
const UNITS_PER_VCPU = 1024;
/** Ephemeral storage included with every task, in GB. */
export const INCLUDED_EPHEMERAL_STORAGE_GB = 20;

/**
 * Parse a size that ECS accepts either in base units (number or numeric string) or with a unit suffix
 * ("0.25 vCPU", "2 GB"); the suffix form is multiplied by 1024. Throws naming the field and the value.
 */
function parseSize(field: string, value: string | number | undefined, suffix: RegExp): number {
    if (typeof value === "number" && Number.isFinite(value) && value > 0) {
        return value;
    }
    if (typeof value === "string") {
        const text = value.trim();
        if (/^\d+(\.\d+)?$/.test(text) && Number(text) > 0) {
            return Number(text);
        }
        const match = suffix.exec(text);
        if (match && Number(match[1]) > 0) {
            return Number(match[1]) * 1024;
        }
    }
    throw new Error(`task ${field} ${JSON.stringify(value)} is not a Fargate size`);
}

/** Task CPU in units (1024 = 1 vCPU) from `256`, `"256"` or `"0.25 vCPU"`. */
export function parseCpuUnits(cpu: string | number | undefined): number {
    return parseSize("cpu", cpu, /^(\d+(?:\.\d+)?)\s*vcpu$/i);
}

/** Task memory in MiB from `512`, `"512"` or `"0.5 GB"`. */
export function parseMemoryMiB(memory: string | number | undefined): number {
    return parseSize("memory", memory, /^(\d+(?:\.\d+)?)\s*gb$/i);
}

/** The architecture in a task definition's `runtimePlatform` (X86_64 when unset); throws for anything else. */
export function taskArchitecture(runtimePlatform: { cpuArchitecture?: string } | undefined): CpuArchitecture {
    const value = runtimePlatform?.cpuArchitecture;
    if (value === undefined || value === null || value === "") {
        return "X86_64";
    }
    const upper = String(value).toUpperCase();
    if (upper === "X86_64" || upper === "ARM64") {
        return upper;
    }
    throw new Error(`runtimePlatform.cpuArchitecture ${JSON.stringify(value)} is not X86_64 or ARM64`);
}

/** What a task asks Fargate for. */
export interface TaskSize {
    /** Task `cpu` as in the task definition. */
    cpu: string | number | undefined;
    /** Task `memory` as in the task definition. */
    memory: string | number | undefined;
    /** CPU architecture. */
    architecture: CpuArchitecture;
    /** `ephemeralStorage.sizeInGib`, if set. */
    ephemeralStorageGib?: number;
}

/** The on-demand hourly price of one task, with the figures it came from. */
export interface TaskHourPrice {
    /** USD per task-hour. */
    hourly: number;
    /** vCPUs billed. */
    vcpu: number;
    /** GB of memory billed. */
    memoryGb: number;
    /** Ephemeral storage GB billed beyond the 20 GB included. */
    extraStorageGb: number;
    /** Architecture priced. */
    architecture: CpuArchitecture;
    /** USD per vCPU-hour used. */
    vcpuHour: number;
    /** USD per GB-hour used. */
    gbHour: number;
    /** USD per extra storage GB-hour used (0 when no extra storage is billed). */
    storageGbHour: number;
}

/** On-demand price of one Fargate (Linux) task-hour for a task size and architecture. */
export function fargateTaskHourPrice(prices: RegionPrices, size: TaskSize): TaskHourPrice {
    const vcpu = parseCpuUnits(size.cpu) / UNITS_PER_VCPU;
    const memoryGb = parseMemoryMiB(size.memory) / MIB_PER_GB;
    const extraStorageGb = Math.max(0, (size.ephemeralStorageGib ?? 0) - INCLUDED_EPHEMERAL_STORAGE_GB);
    const arm = size.architecture === "ARM64";
    const vcpuHour = (arm ? prices.fargateArmVcpuHour : prices.fargateX86VcpuHour).value;
    const gbHour = (arm ? prices.fargateArmGbHour : prices.fargateX86GbHour).value;
    // Read only when storage beyond the included 20 GB is billed (a region without the price still prices other tasks).
    const storageGbHour = extraStorageGb > 0 ? prices.fargateEphemeralStorageGbHour.value : 0;
    return {
        hourly: vcpu * vcpuHour + memoryGb * gbHour + extraStorageGb * storageGbHour,
        vcpu,
        memoryGb,
        extraStorageGb,
        architecture: size.architecture,
        vcpuHour,
        gbHour,
        storageGbHour,
    };
}

/** One entry of an ECS capacity provider strategy. */
export interface CapacityProviderStrategyItem {
    /** `FARGATE`, `FARGATE_SPOT` or an EC2 capacity provider name. */
    capacityProvider: string;
    /** Tasks placed on this provider before weights apply. */
    base?: number;
    /** Relative share of the tasks beyond the bases. */
    weight?: number;
}

/** How a service's tasks split across capacity. */
export interface CapacitySplit {
    /** Tasks on FARGATE (on-demand). */
    onDemand: number;
    /** Tasks on FARGATE_SPOT. */
    spot: number;
    /** Tasks on other (EC2) capacity, which Fargate prices do not cover. */
    other: number;
}

/** The bucket a capacity provider's tasks fall in; the order is the tie-break order (on-demand first, the dearer guess). */
const BUCKETS: readonly (keyof CapacitySplit)[] = ["onDemand", "other", "spot"];

/** The bucket of one capacity provider name. */
function bucketOf(capacityProvider: string): keyof CapacitySplit {
    if (capacityProvider === "FARGATE") {
        return "onDemand";
    }
    return capacityProvider === "FARGATE_SPOT" ? "spot" : "other";
}

/**
 * Split `tasks` between FARGATE and FARGATE_SPOT (and other capacity) like ECS does: each provider's `base`
 * first, in strategy order, then the rest by `weight`, rounded to whole tasks by largest remainder (ties go
 * to on-demand). No strategy, or `launchType: FARGATE`, puts every task on demand; `launchType: EC2` or
 * `EXTERNAL` puts every task on other capacity. A strategy whose weights are all 0 leaves the rest on its first provider.
 */
export function splitCapacity(tasks: number, launch: { launchType?: string; capacityProviderStrategies?: CapacityProviderStrategyItem[] }): CapacitySplit {
    const split: CapacitySplit = { onDemand: 0, spot: 0, other: 0 };
    const strategy = launch.capacityProviderStrategies ?? [];
    if (launch.launchType === "EC2" || launch.launchType === "EXTERNAL") {
        split.other = tasks;
        return split;
    }
    if (launch.launchType === "FARGATE" || strategy.length === 0) {
        split.onDemand = tasks;
        return split;
    }
    let remaining = tasks;
    for (const item of strategy) {
        const placed = Math.min(remaining, Math.max(0, item.base ?? 0));
        split[bucketOf(item.capacityProvider)] += placed;
        remaining -= placed;
    }
    const totalWeight = strategy.reduce((sum, item) => sum + Math.max(0, item.weight ?? 0), 0);
    if (totalWeight === 0) {
        split[bucketOf(strategy[0].capacityProvider)] += remaining;
        return split;
    }
    const shares = BUCKETS.map((bucket) => {
        const weight = strategy.filter((item) => bucketOf(item.capacityProvider) === bucket).reduce((sum, item) => sum + Math.max(0, item.weight ?? 0), 0);
        const exact = (remaining * weight) / totalWeight;
        return { bucket, whole: Math.floor(exact), fraction: exact - Math.floor(exact) };
    });
    let leftover = remaining - shares.reduce((sum, share) => sum + share.whole, 0);
    const byFraction = [...shares].sort((a, b) => b.fraction - a.fraction);
    for (const share of byFraction) {
        if (leftover > 0 && share.fraction > 0) {
            share.whole += 1;
            leftover -= 1;
        }
    }
    for (const share of shares) {
        split[share.bucket] += share.whole;
    }
    return split;
}
