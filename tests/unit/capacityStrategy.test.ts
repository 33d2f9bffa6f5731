import assert from "node:assert/strict";
import { capacityStrategy, FargateService } from "../../components/fargateService";
import { WebService } from "../../components/webService";
import { capacityStrategyProblems } from "../../components/lib/ecs/capacityStrategy";
import { runOffline } from "../../tools/offline/engine";
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

describe("capacity strategy: what ECS would refuse is refused by the components too", () => {
    it("capacityStrategyProblems names the argument, the value and what ECS allows, all at once", () => {
        assert.deepEqual(capacityStrategyProblems({ onDemandBase: 0, spotWeight: 1, onDemandWeight: 0 }), []);
        assert.deepEqual(capacityStrategyProblems({ onDemandBase: 1, spotWeight: 0, onDemandWeight: 0 }), [
            { field: "onDemandWeight", value: 0, message: "0 runs every task on Spot and needs onDemandBase 0 (got 1)" },
            { field: "onDemandWeight", value: 0, message: "0 needs spotWeight 1 or more, or no task could be placed" },
        ]);
        assert.deepEqual(
            capacityStrategyProblems({ onDemandBase: -1, spotWeight: 1001, onDemandWeight: 1.5 }).map((p) => `${p.field} ${p.value}: ${p.message}`),
            [
                "onDemandBase -1: must be a whole number from 0 to 100000",
                "spotWeight 1001: must be a whole number from 0 to 1000",
                "onDemandWeight 1.5: must be a whole number from 0 to 1000",
            ],
        );
        assert.deepEqual(capacityStrategyProblems({ onDemandBase: -1, spotWeight: 1, onDemandWeight: 1 }, false), [], "ranges left to the caller");
    });

    it("FargateService and WebService refuse, when constructed, a strategy ECS would refuse (naming the argument and value)", async () => {
        const digest = "0123456789abcdef".repeat(4);
        const service = {
            clusterArn: "c",
            containers: [{ name: "app", image: "nginx@sha256:" + digest }],
            webContainerPort: 8080,
            executionRoleArn: "e",
            taskRoleArn: "t",
            logGroupName: "l",
            vpcId: "v",
            vpcCidr: "10.0.0.0/16",
            subnetIds: ["s"],
            targetGroupArn: "tg",
            listenerArn: "l",
            loadBalancerSecurityGroupId: "sg",
        };
        const fargate = await runOffline(() => new FargateService("svc", { ...service, onDemandBase: 0, onDemandWeight: 0 })).catch((e: Error) => e);
        assert.ok(fargate instanceof Error);
        assert.match(fargate.message, /FargateService svc: invalid arguments \(1 problem\):\n  - onDemandWeight = 0: 0 needs spotWeight 1 or more/);
        const web = await runOffline(() => new WebService("web", { image: { uri: "nginx@sha256:" + digest }, scaling: { onDemandWeight: 0 } })).catch((e: Error) => e);
        assert.ok(web instanceof Error);
        assert.match(
            web.message,
            /WebService web: invalid arguments \(2 problems\):\n  - scaling\.onDemandWeight = 0: 0 runs every task on Spot and needs onDemandBase 0 \(got 1\)\n  - scaling\.onDemandWeight = 0: 0 needs spotWeight 1 or more/,
        );
    });
});
