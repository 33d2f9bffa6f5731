import assert from "node:assert/strict";
import { fargateTaskHourPrice, parseCpuUnits, parseMemoryMiB, splitCapacity, taskArchitecture } from "../../tools/cost/fargate";
import { pricesFor } from "../../tools/cost/prices";

const usEast1 = pricesFor("us-east-1");

/** Money per month of an hourly price, rounded to the cent. */
function monthlyCents(hourly: number): number {
    return Math.round(hourly * 730 * 100) / 100;
}

describe("cost/fargate: task price", () => {
    it("0.25 vCPU / 0.5 GB x86 all month = $9.01 (0.25 × 0.04048 + 0.5 × 0.004445 = $0.0123425/h)", () => {
        const price = fargateTaskHourPrice(usEast1, { cpu: "256", memory: "512", architecture: "X86_64" });
        assert.equal(price.vcpu, 0.25);
        assert.equal(price.memoryGb, 0.5);
        assert.equal(price.hourly.toFixed(7), "0.0123425");
        assert.equal(monthlyCents(price.hourly), 9.01);
    });

    it("the same task on ARM64 = $7.21 (0.25 × 0.03238 + 0.5 × 0.00356 = $0.009875/h)", () => {
        const price = fargateTaskHourPrice(usEast1, { cpu: 256, memory: 512, architecture: "ARM64" });
        assert.equal(price.hourly.toFixed(6), "0.009875");
        assert.equal(monthlyCents(price.hourly), 7.21);
    });

    it("1 vCPU / 2 GB x86 = $36.04; ephemeral storage above 20 GB adds $0.000111/GB-h", () => {
        assert.equal(monthlyCents(fargateTaskHourPrice(usEast1, { cpu: "1 vCPU", memory: "2 GB", architecture: "X86_64" }).hourly), 36.04);
        const withStorage = fargateTaskHourPrice(usEast1, { cpu: "1024", memory: "2048", architecture: "X86_64", ephemeralStorageGib: 50 });
        assert.equal(withStorage.extraStorageGb, 30);
        assert.equal(monthlyCents(withStorage.hourly), 38.47);
    });

    it("parses cpu units and memory MiB from numbers, numeric strings and unit strings", () => {
        assert.equal(parseCpuUnits("512"), 512);
        assert.equal(parseCpuUnits("0.5 vCPU"), 512);
        assert.equal(parseMemoryMiB(1024), 1024);
        assert.equal(parseMemoryMiB("1GB"), 1024);
        assert.throws(() => parseCpuUnits(undefined), { message: "task cpu undefined is not a Fargate size" });
        assert.throws(() => parseMemoryMiB("lots"), { message: 'task memory "lots" is not a Fargate size' });
    });

    it("reads the architecture from runtimePlatform, X86_64 by default", () => {
        assert.equal(taskArchitecture(undefined), "X86_64");
        assert.equal(taskArchitecture({ cpuArchitecture: "ARM64" }), "ARM64");
        assert.throws(() => taskArchitecture({ cpuArchitecture: "RISCV" }), { message: 'runtimePlatform.cpuArchitecture "RISCV" is not X86_64 or ARM64' });
    });
});

describe("cost/fargate: capacity split", () => {
    it("no strategy or launchType FARGATE puts every task on demand", () => {
        assert.deepEqual(splitCapacity(3, {}), { onDemand: 3, spot: 0, other: 0 });
        assert.deepEqual(splitCapacity(3, { launchType: "FARGATE" }), { onDemand: 3, spot: 0, other: 0 });
    });

    it("base 1 on FARGATE, then FARGATE 1 : FARGATE_SPOT 1 → of 3 tasks, 2 on demand and 1 Spot", () => {
        const strategy = [
            { capacityProvider: "FARGATE", base: 1, weight: 1 },
            { capacityProvider: "FARGATE_SPOT", weight: 1 },
        ];
        assert.deepEqual(splitCapacity(3, { capacityProviderStrategies: strategy }), { onDemand: 2, spot: 1, other: 0 });
    });

    it("Spot weight 1 of 3 (FARGATE 2 : SPOT 1) over 6 tasks → 4 + 2; leftovers go by largest remainder, ties on demand", () => {
        const strategy = [
            { capacityProvider: "FARGATE", weight: 2 },
            { capacityProvider: "FARGATE_SPOT", weight: 1 },
        ];
        assert.deepEqual(splitCapacity(6, { capacityProviderStrategies: strategy }), { onDemand: 4, spot: 2, other: 0 });
        assert.deepEqual(splitCapacity(2, { capacityProviderStrategies: strategy }), { onDemand: 1, spot: 1, other: 0 });
        const even = [
            { capacityProvider: "FARGATE_SPOT", weight: 1 },
            { capacityProvider: "FARGATE", weight: 1 },
        ];
        assert.deepEqual(splitCapacity(1, { capacityProviderStrategies: even }), { onDemand: 1, spot: 0, other: 0 });
    });

    it("all-Spot strategy, zero weights and EC2 launch type", () => {
        assert.deepEqual(splitCapacity(4, { capacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }] }), { onDemand: 0, spot: 4, other: 0 });
        assert.deepEqual(splitCapacity(3, { capacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", base: 1, weight: 0 }] }), { onDemand: 0, spot: 3, other: 0 });
        assert.deepEqual(splitCapacity(2, { launchType: "EC2" }), { onDemand: 0, spot: 0, other: 2 });
    });
});
