import * as assert from "node:assert/strict";
import { PlatformRoutes, routesOf, withRoutes } from "../../components/platformRoutes";
import { Platform, PlatformHandle } from "../../components/platform";
import { WebService } from "../../components/webService";
import { runOffline } from "../../tools/offline/engine";

const IMAGE = `public.ecr.aws/nginx/nginx-unprivileged@sha256:${"0123456789abcdef".repeat(4)}`;

/** A handle written by hand (say, from outputs a team copied), as plain data. */
function handBuilt(): PlatformHandle {
    return {
        vpcId: "vpc-0abc1234def567890",
        vpcCidr: "10.0.0.0/16",
        publicSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
        privateSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
        taskSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
        assignPublicIp: false,
        clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/shared",
        clusterName: "shared",
        listenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/0123456789abcdef/0123456789abcdef",
        loadBalancerSecurityGroupId: "sg-0123456789abcdef0",
        loadBalancerArnSuffix: "app/shared/0123456789abcdef",
        dnsName: "shared-123.us-east-1.elb.amazonaws.com",
        url: "http://shared-123.us-east-1.elb.amazonaws.com",
    };
}

describe("the route registry travels with the platform handle (no module-level state)", () => {
    it("is invisible to JSON, Object.keys and the outputs a platform exports", () => {
        const handle = withRoutes(handBuilt(), '"mine"');
        assert.deepEqual(Object.keys(handle), Object.keys(handBuilt()));
        assert.equal(JSON.stringify(handle), JSON.stringify(handBuilt()));
        assert.ok(routesOf(handle) instanceof PlatformRoutes);
        assert.equal(routesOf(handle).label, '"mine"');
    });

    it("checks services sharing a hand-built handle against each other, and services on another handle not at all", async () => {
        const shared = handBuilt();
        await assert.rejects(
            runOffline(() => {
                new WebService("orders", { image: { uri: IMAGE }, platform: shared, routing: { pathPatterns: ["/orders/*"], listenerPriority: 100 } });
                new WebService("payments", { image: { uri: IMAGE }, platform: shared, routing: { pathPatterns: ["/payments/*"], listenerPriority: 100 } });
            }),
            /WebService payments: listener priority 100 is already used by WebService orders on platform \(unnamed handle\)/,
        );
        // The same priority on two different platforms is fine: each handle has its own registry.
        const run = await runOffline(() => {
            const a = new Platform("a", {});
            const b = new Platform("b", {});
            new WebService("orders", { image: { uri: IMAGE }, platform: a.handle, routing: { pathPatterns: ["/orders/*"], listenerPriority: 100 } });
            new WebService("payments", { image: { uri: IMAGE }, platform: b.handle, routing: { pathPatterns: ["/payments/*"], listenerPriority: 100 } });
            return [routesOf(a.handle).routes.map((r) => r.service), routesOf(b.handle).routes.map((r) => r.service)];
        });
        assert.deepEqual(run.result, [["orders"], ["payments"]]);
    });

    it("a refused route registers nothing for the service", async () => {
        const shared = handBuilt();
        routesOf(shared).claim({ service: "orders", hostHeaders: [], pathPatterns: ["/orders/*"], priority: 100 });
        const error = await runOffline(
            () => new WebService("legacy", { image: { uri: IMAGE }, platform: shared, routing: { pathPatterns: ["/orders/*"], listenerPriority: 5 } }),
        ).catch((e: Error) => e);
        assert.ok(error instanceof Error);
        assert.match(error.message, /matches the same requests as WebService orders/);
    });
});
