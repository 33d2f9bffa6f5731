import assert from "node:assert/strict";
import { capacityStrategy } from "../../components/fargateService";
import { splitCapacity } from "../../tools/cost/fargate";
import { ConfigError, loadSettings } from "../../program/validate";
import { loadStackConfig } from "../../tools/offline/stackConfig";
import { REPO_ROOT } from "../helpers/offline";

describe("capacity strategy: Spot only for dev", () => {
    it("on-demand weight 0 with base 0 leaves FARGATE out (ECS places no task on a weight-0 provider)", () => {
        assert.deepEqual(capacityStrategy(0, 1, 0), [{ capacityProvider: "FARGATE_SPOT", weight: 1 }]);
        assert.deepEqual(capacityStrategy(0, 1), [
            { capacityProvider: "FARGATE", base: 0, weight: 1 },
            { capacityProvider: "FARGATE_SPOT", weight: 1 },
        ]);
        assert.deepEqual(capacityStrategy(1, 0), [{ capacityProvider: "FARGATE", base: 1, weight: 1 }]);
    });

    it("Spot only puts every task on Spot; base 0 with equal weights leaves one task on demand", () => {
        assert.deepEqual(splitCapacity(1, { capacityProviderStrategies: capacityStrategy(0, 1, 0) }), { onDemand: 0, spot: 1, other: 0 });
        assert.deepEqual(splitCapacity(1, { capacityProviderStrategies: capacityStrategy(0, 1) }), { onDemand: 1, spot: 0, other: 0 });
    });

    it("dev runs on Spot only; onDemandWeight 0 needs onDemandBase 0 and a Spot weight", () => {
        const dev = loadStackConfig(REPO_ROOT, "dev").values;
        const s = loadSettings(dev);
        assert.deepEqual([s.onDemandBase, s.onDemandWeight, s.spotWeight], [0, 0, 1]);
        assert.throws(
            () => loadSettings({ ...dev, "fargatekit:onDemandBase": "1", "fargatekit:spotWeight": "0" }),
            (error: unknown) => {
                assert.ok(error instanceof ConfigError);
                assert.match(error.message, /fargatekit:onDemandWeight = 0: 0 runs every task on Spot and needs onDemandBase 0 \(got 1\)/);
                assert.match(error.message, /fargatekit:onDemandWeight = 0: 0 needs spotWeight 1 or more/);
                return true;
            },
        );
    });
});
