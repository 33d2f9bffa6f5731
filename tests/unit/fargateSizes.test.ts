import * as assert from "node:assert/strict";
import { cheapestFargateSize, isValidFargateSize, describeAllowedMemory, FARGATE_SIZES } from "../../components/lib/ecs/fargateSizes";

describe("Fargate sizes", () => {
    it("accepts exactly the documented pairs", () => {
        assert.equal(isValidFargateSize(256, 512), true);
        assert.equal(isValidFargateSize(256, 2048), true);
        assert.equal(isValidFargateSize(256, 3072), false);
        assert.equal(isValidFargateSize(512, 4096), true);
        assert.equal(isValidFargateSize(512, 512), false);
        assert.equal(isValidFargateSize(4096, 30720), true);
        assert.equal(isValidFargateSize(8192, 20480), true);
        assert.equal(isValidFargateSize(8192, 18432), false);
        assert.equal(isValidFargateSize(16384, 122880), true);
        assert.equal(isValidFargateSize(300, 512), false);
        assert.equal(
            FARGATE_SIZES.reduce((n, l) => n + l.memory.length, 0),
            3 + 4 + 7 + 13 + 23 + 12 + 12,
        );
    });
    it("chooses the cheapest size that fits", () => {
        assert.deepEqual(cheapestFargateSize(0, 0), { cpu: 256, memory: 512 });
        assert.deepEqual(cheapestFargateSize(0, 600), { cpu: 256, memory: 1024 });
        assert.deepEqual(cheapestFargateSize(0, 3000), { cpu: 512, memory: 3072 });
        assert.deepEqual(cheapestFargateSize(300, 512), { cpu: 512, memory: 1024 });
        assert.deepEqual(cheapestFargateSize(1024, 9000), { cpu: 2048, memory: 9216 });
        assert.deepEqual(cheapestFargateSize(4096, 40000), { cpu: 8192, memory: 40960 });
    });
    it("throws past the largest size", () => {
        assert.throws(() => cheapestFargateSize(16384, 200000), /largest is 16384 CPU units/);
    });
    it("describes the allowed memory of a CPU level", () => {
        assert.equal(describeAllowedMemory(256), "memory 512, 1024, 2048 MiB");
        assert.equal(describeAllowedMemory(1024), "memory 2048–8192 MiB in steps of 1024");
        assert.match(describeAllowedMemory(300), /cpu must be one of 256, 512/);
    });
});
