import * as assert from "node:assert/strict";
import { runOffline } from "../../tools/offline/engine";
import { RecordedResource } from "../../tools/offline/types";
import { WebService } from "../../components/webService";

const IMAGE = `public.ecr.aws/nginx/nginx-unprivileged@sha256:${"0123456789abcdef".repeat(4)}`;

/** The URN a resource had when the service's VPC, cluster, ALB and traffic-shifting parts were its direct children. */
function formerUrn(r: RecordedResource): string {
    const [stackPart, project] = r.urn.split("::"); // urn:pulumi:<stack>, <project>
    return `${stackPart}::${project}::fargatekit:index:WebService$${r.type}::${r.name}`;
}

describe("a standalone service's parts keep their URNs through aliases (an existing stack updates in place)", () => {
    let resources: RecordedResource[];
    before(async () => {
        ({ resources } = await runOffline(
            () => new WebService("web", { image: { uri: IMAGE }, deployment: { strategy: "blueGreen", testListenerPort: 8443 }, alarms: { enabled: true } }),
            { stack: "dev", project: "fargatekit" },
        ));
    });

    it("every part now under the service's own Platform or its TrafficShifting is aliased to its former URN under the service", () => {
        const moved = resources.filter((r) => {
            const parent = resources.find((p) => p.urn === r.parent);
            return parent?.type === "fargatekit:index:Platform" || parent?.type === "fargatekit:index:TrafficShifting";
        });
        // Network, Cluster, LoadBalancer; and the alternate target group, production rule, test listener, its rule and ingress, role and policy.
        assert.deepEqual(
            moved.map((r) => r.name).sort(),
            ["web-alb", "web-cluster", "web-network", "web-production", "web-test", "web-test", "web-test-8443", "web-tg-alt", "web-traffic-shift", "web-traffic-shift"].sort(),
        );
        for (const r of moved) assert.ok(r.aliases?.includes(formerUrn(r)), `${r.urn} lacks the alias ${formerUrn(r)}; has ${JSON.stringify(r.aliases)}`);
    });

    it("nothing else changed parent: the other children of the service are still its direct children", () => {
        const service = resources.find((r) => r.type === "fargatekit:index:WebService")!;
        const direct = resources.filter((r) => r.parent === service.urn).map((r) => r.type);
        assert.deepEqual(
            direct.sort(),
            [
                "fargatekit:index:ServiceKey",
                "fargatekit:index:ServiceLogGroup",
                "fargatekit:index:Platform",
                "fargatekit:index:TaskRoles",
                "fargatekit:index:TrafficShifting",
                "fargatekit:index:ServiceAlarms",
                "fargatekit:index:FargateService",
                "fargatekit:index:ServiceAutoscaling",
            ].sort(),
        );
    });
});
