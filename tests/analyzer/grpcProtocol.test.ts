/**
 * The client's pure protocol pieces: config reconciliation and validation, request building (fed to
 * the SDK's own RPC handlers in-process), and diagnostic → violation mapping. No child process.
 */
import * as assert from "node:assert/strict";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { Policies } from "@pulumi/policy";
import {
    PolicyConfigError,
    PolicyDescription,
    analyzeRequest,
    analyzeStackRequest,
    configureRequest,
    indexStack,
    isPreviewNote,
    nameFromUrn,
    reconcilePolicyConfig,
    schemaErrors,
    violationsOf,
} from "../../tools/analyzer/grpcClient";
import { ResourceInput, UNKNOWN } from "../../tools/analyzer/types";

// The SDK's RPC handlers, exactly what the pack's server runs for Analyze and AnalyzeStack.
const server = require("@pulumi/policy/server");

const TD = "aws:ecs/taskDefinition:TaskDefinition";

const described: PolicyDescription[] = [
    { name: "a", description: "A.", kind: "resource", enforcementLevel: "mandatory", tags: ["rule:T1"], remediationSteps: "fix a" },
    {
        name: "b",
        description: "B.",
        kind: "resource",
        enforcementLevel: "advisory",
        severity: "low",
        tags: ["rule:CW3"],
        remediationSteps: "fix b",
        configSchema: {
            properties: {
                minDays: { type: "integer", default: 365, minimum: 1 },
                allowed: { type: "array", items: { type: "string" }, default: [] },
                mode: { type: "string", enum: ["strict", "loose"] },
            },
            required: [],
        },
    },
];

function configProblems(config: any): string[] {
    try {
        reconcilePolicyConfig(described, config);
    } catch (e) {
        assert.ok(e instanceof PolicyConfigError);
        return e.problems;
    }
    assert.fail("expected a PolicyConfigError");
}

/** Run one SDK RPC handler on a request and resolve with its response. */
function runRpc(handler: (call: any, cb: (err: any, resp: any) => void) => void, request: unknown): Promise<analyzerproto.AnalyzeResponse> {
    return new Promise((resolve, reject) => handler({ request }, (err, resp) => (err ? reject(err) : resolve(resp))));
}

describe("grpcClient protocol", () => {
    describe("reconcilePolicyConfig", () => {
        it("fills every policy with its default level and schema defaults", () => {
            assert.deepEqual(reconcilePolicyConfig(described, {}), {
                a: { enforcementLevel: "mandatory", properties: {} },
                b: { enforcementLevel: "advisory", properties: { minDays: 365, allowed: [] } },
            });
        });

        it("applies all's level first, then each policy's own level and properties", () => {
            assert.deepEqual(reconcilePolicyConfig(described, { all: "disabled", b: { minDays: 30, mode: "strict" } }), {
                a: { enforcementLevel: "disabled", properties: {} },
                b: { enforcementLevel: "disabled", properties: { minDays: 30, allowed: [], mode: "strict" } },
            });
            assert.equal(reconcilePolicyConfig(described, { all: "advisory", a: "mandatory" }).a.enforcementLevel, "mandatory");
        });

        it("names unknown policies, bad levels and unknown properties", () => {
            assert.deepEqual(configProblems({ nope: "advisory", a: "strict", b: { minDayz: 3 }, all: { x: 1 } }), [
                `"nope": no policy of the pack has this name`,
                `"a".enforcementLevel: must be one of advisory, mandatory, remediate, disabled, got "strict"`,
                `"b".minDayz: policy "b" has no config property "minDayz"`,
                `"all".x: "all" sets only enforcementLevel`,
            ]);
        });

        it("names values that fail the schema", () => {
            assert.deepEqual(configProblems({ b: { minDays: "30", allowed: ["x", 2], mode: "lax" } }), [
                `"b".minDays: expected integer, got string "30"`,
                `"b".allowed[1]: expected string, got integer 2`,
                `"b".mode: must be one of "strict", "loose", got "lax"`,
            ]);
            assert.deepEqual(configProblems({ b: { minDays: 0 } }), [`"b".minDays: must be >= 1, got 0`]);
            assert.deepEqual(configProblems({ a: 7 }), [`"a": must be an enforcement level or an object, got integer 7`]);
        });
    });

    describe("schemaErrors", () => {
        it("checks types, bounds, lengths, patterns and nested objects", () => {
            assert.deepEqual(schemaErrors({ type: "number", exclusiveMaximum: 100 }, 100, "x"), ["x: must be < 100, got 100"]);
            assert.deepEqual(schemaErrors({ type: ["string", "null"] }, null, "x"), []);
            assert.deepEqual(schemaErrors({ type: "string", minLength: 2, pattern: "^a" }, "b", "x"), ["x: must have at least 2 characters", "x: must match /^a/"]);
            assert.deepEqual(schemaErrors({ type: "array", maxItems: 1, uniqueItems: true }, [1, 1], "x"), ["x: must have at most 1 items", "x: items must be unique"]);
            assert.deepEqual(schemaErrors({ type: "object", properties: { n: { type: "integer" } }, required: ["m"], additionalProperties: false }, { n: 1.5, z: 1 }, "x"), [
                "x.m: is required",
                "x.n: expected integer, got number 1.5",
                "x.z: is not an allowed property",
            ]);
        });
    });

    it("recognises the SDK's preview notes and URN names", () => {
        assert.equal(isPreviewNote("can't run policy 'p' from policy pack 'fargatekit@v0.1.0' during preview: x is unknown"), true);
        assert.equal(isPreviewNote("Task must use awsvpc.\ncan't run policy 'p' from policy pack 'x' during preview"), false);
        assert.equal(nameFromUrn("urn:pulumi:check::policy-check::fargatekit:index:Web$aws:ecs/service:Service::web"), "web");
    });

    it("sends every policy's level and properties in Configure", () => {
        const req = configureRequest(reconcilePolicyConfig(described, { a: "disabled" }));
        const map = req.getPolicyconfigMap();
        assert.equal(map.get("a")?.getEnforcementlevel(), analyzerproto.EnforcementLevel.DISABLED);
        assert.equal(map.get("b")?.getEnforcementlevel(), analyzerproto.EnforcementLevel.ADVISORY);
        assert.deepEqual(map.get("b")?.getProperties()?.toJavaScript(), { minDays: 365, allowed: [] });
    });

    describe("requests through the SDK's handlers", () => {
        let seen: any[] = [];
        const policies: Policies = [
            {
                name: "probe",
                description: "Probe.",
                enforcementLevel: "mandatory",
                validateResource: (args, report) => {
                    seen.push({ name: args.name, urn: args.urn, opts: args.opts, provider: args.provider?.type });
                    report("bad");
                },
            },
            {
                name: "reads-unknown",
                description: "Reads.",
                enforcementLevel: "advisory",
                validateResource: (args, report) => {
                    if (args.props.networkMode === "none") report("none");
                },
            },
            {
                name: "links",
                description: "Links.",
                enforcementLevel: "advisory",
                validateStack: (args, report) => {
                    for (const r of args.resources) {
                        const deps = [...r.dependencies, ...Object.values(r.propertyDependencies).flat()];
                        if (deps.length > 0) report(`${r.name} -> ${deps.map((d) => d.name).join(",")} parent=${r.parent?.name}`, r.urn);
                    }
                },
            },
        ];
        const resources: ResourceInput[] = [
            { type: TD, name: "td", props: { networkMode: { __unknown: true } }, options: { protect: true, ignoreChanges: ["tags"] } },
            { type: "awsx:ec2:Vpc", name: "vpc", props: { cidrBlock: "10.0.0.0/16" } },
            { type: "aws:ec2/flowLog:FlowLog", name: "fl", props: { vpcId: UNKNOWN }, parent: "vpc", dependencies: ["td"], propertyDependencies: { vpcId: ["vpc"] } },
        ];
        const index = indexStack(resources, "check", "policy-check");
        const byName = new Map(described.map((p) => [p.name, p]));
        byName.set("probe", { name: "probe", description: "Probe.", kind: "resource", enforcementLevel: "mandatory", tags: ["t"], remediationSteps: "r" });

        beforeEach(() => {
            seen = [];
        });

        it("fills options and provider so the SDK accepts the request, and drops preview notes", async () => {
            const handler = server.makeAnalyzeRpcFun("pack", "0.1.0", "advisory", policies);
            const resp = await runRpc(handler, analyzeRequest(resources[0], index.urns[0], undefined, "check", "policy-check"));
            assert.deepEqual(seen, [
                {
                    name: "td",
                    urn: "urn:pulumi:check::policy-check::aws:ecs/taskDefinition:TaskDefinition::td",
                    opts: {
                        protect: true,
                        ignoreChanges: ["tags"],
                        aliases: [],
                        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
                        additionalSecretOutputs: [],
                    },
                    provider: "pulumi:providers:aws",
                },
            ]);
            assert.deepEqual(
                resp.getDiagnosticsList().map((d) => d.getPolicyname()),
                ["probe", "reads-unknown"],
                "the SDK reports a preview note for the policy that read an unknown value",
            );
            assert.deepEqual(violationsOf(resp, byName, index.nameOf, "td"), [
                { policy: "probe", tags: ["t"], resource: "td", level: "mandatory", message: "Probe.\nbad", remediation: "r" },
            ]);
        });

        it("sends no provider for components and passes the parent in the options", async () => {
            const handler = server.makeAnalyzeRpcFun("pack", "0.1.0", "advisory", policies);
            await runRpc(handler, analyzeRequest(resources[1], index.urns[1], undefined, "check", "policy-check"));
            await runRpc(handler, analyzeRequest(resources[2], index.urns[2], index.urns[1], "check", "policy-check"));
            assert.deepEqual(
                seen.map((s) => [s.name, s.provider, s.opts.parent]),
                [
                    ["vpc", undefined, undefined],
                    ["fl", "pulumi:providers:aws", "urn:pulumi:check::policy-check::awsx:ec2:Vpc::vpc"],
                ],
            );
        });

        it("resolves names to URNs so stack policies see parents and dependencies", async () => {
            const handler = server.makeAnalyzeStackRpcFun("pack", "0.1.0", "advisory", policies);
            const resp = await runRpc(handler, analyzeStackRequest(resources, index, "check", "policy-check"));
            assert.deepEqual(violationsOf(resp, byName, index.nameOf), [
                { policy: "links", tags: [], resource: "fl", level: "advisory", message: "Links.\nfl -> td,vpc parent=vpc" },
            ]);
        });
    });
});
