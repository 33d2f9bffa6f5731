import * as assert from "node:assert/strict";
import { runOffline, stackReferenceState } from "../../tools/offline/engine";
import { one } from "../helpers/offline";
import { PLATFORM_OUTPUT_NAMES, Platform, platformOutputs } from "../../components/platform";
import { platformFromStackReference, stackReferenceNameProblem } from "../../components/platformFromStackReference";
import { WebService } from "../../components/webService";

const REF = "acme/fargatekit-platform/dev";

describe("platformFromStackReference", () => {
    let outputs: Record<string, unknown>;
    before(async () => {
        outputs = (await runOffline(() => platformOutputs(new Platform("shared", { network: { natStrategy: "single" } }).handle), { stack: "dev", project: "fargatekit-platform" }))
            .result;
    });

    it("reads every platform output into the handle", async () => {
        assert.deepEqual(Object.keys(outputs), [...PLATFORM_OUTPUT_NAMES]);
        const { result, resources } = await runOffline(() => ({ ...platformFromStackReference(REF) }), { stack: "dev", project: "orders", stackReferences: { [REF]: outputs } });
        assert.deepEqual(result, outputs);
        assert.equal(result.assignPublicIp, false);
        assert.match(String(result.kmsKeyArn), /^arn:aws:kms:us-east-1:123456789012:key\//);
        assert.equal(resources.filter((r) => r.type === "pulumi:pulumi:StackReference").length, 0, "a read, not a managed resource");
    });

    it("reads a platform without a key as a handle without kmsKeyArn", async () => {
        const { kmsKeyArn: _omitted, ...withoutKey } = outputs;
        const { result } = await runOffline(() => ({ ...platformFromStackReference(REF) }), { stackReferences: { [REF]: withoutKey } });
        assert.equal(result.kmsKeyArn, undefined);
        assert.equal(result.listenerArn, outputs.listenerArn);
    });

    it("lets a service in another project attach to the referenced platform", async () => {
        const { resources } = await runOffline(
            () =>
                new WebService("orders", {
                    image: { uri: "public.ecr.aws/nginx/nginx-unprivileged:1.27" },
                    platform: platformFromStackReference(REF),
                    routing: { pathPatterns: ["/orders/*"], listenerPriority: 120 },
                }),
            {
                stackReferences: { [REF]: outputs },
            },
        );
        const rule = one(resources, "aws:lb/listenerRule:ListenerRule");
        assert.deepEqual([rule.inputs.listenerArn, rule.inputs.priority], [outputs.listenerArn, 120]);
        const service = one(resources, "aws:ecs/service:Service");
        assert.deepEqual(
            [service.inputs.cluster, service.inputs.networkConfiguration.subnets, service.inputs.networkConfiguration.assignPublicIp],
            [outputs.clusterArn, outputs.privateSubnetIds, false],
        );
    });

    it("accepts <org>/<project>/<stack> names and refuses others before creating anything", async () => {
        assert.equal(stackReferenceNameProblem(REF), undefined);
        assert.equal(stackReferenceNameProblem("fargatekit-platform/dev"), undefined);
        assert.equal(stackReferenceNameProblem("acme//dev"), '"acme//dev" is not a stack reference; expected <org>/<project>/<stack>, e.g. acme/fargatekit-platform/dev');
        assert.equal(stackReferenceNameProblem("a/b/c/d"), '"a/b/c/d" is not a stack reference; expected <org>/<project>/<stack>, e.g. acme/fargatekit-platform/dev');
        await assert.rejects(
            runOffline(() => platformFromStackReference("acme platform")),
            new Error('platformFromStackReference: "acme platform" is not a stack reference; expected <org>/<project>/<stack>, e.g. acme/fargatekit-platform/dev'),
        );
    });
});

describe("offline engine: stack references", () => {
    it("answers a known reference with its outputs, none secret", () => {
        assert.deepEqual(stackReferenceState(REF, { [REF]: { url: "http://x" } }), { id: REF, state: { name: REF, outputs: { url: "http://x" }, secretOutputNames: [] } });
    });

    it("names an unknown reference and the known ones", () => {
        assert.throws(
            () => stackReferenceState("acme/fargatekit-platform/prod", { [REF]: {} }),
            new Error(
                'Stack reference "acme/fargatekit-platform/prod" is unknown to the offline engine (known: acme/fargatekit-platform/dev); pass its outputs in the stackReferences option',
            ),
        );
        assert.throws(() => stackReferenceState(REF), /\(known: none\)/);
    });
});
