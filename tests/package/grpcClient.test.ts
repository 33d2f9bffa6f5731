/**
 * The gRPC client against the real pack (`policy/index.ts` in a child process, started once).
 * Policies are found by their `rule:<id>` tag, so these tests do not depend on policy names.
 */
import * as assert from "node:assert/strict";
import { allPolicies } from "../../policy/policies";
import { AnalyzerClient, PackInfo, PolicyConfigError, PolicyDescription } from "../../tools/analyzer/grpcClient";
import { ResourceInput, UNKNOWN, Violation } from "../../tools/analyzer/types";

const TASK = "aws:ecs/taskDefinition:TaskDefinition";

const bridgeTask: ResourceInput = {
    type: TASK,
    name: "bridge-task",
    props: {
        family: "web",
        networkMode: "bridge",
        requiresCompatibilities: ["EC2"],
        cpu: "256",
        memory: "512",
        containerDefinitions: JSON.stringify([{ name: "web", image: "nginx@sha256:" + "a".repeat(64), memory: 512, readonlyRootFilesystem: true, user: "10001" }]),
    },
};

const shortLogGroup: ResourceInput = {
    type: "aws:cloudwatch/logGroup:LogGroup",
    name: "short-logs",
    props: { name: "/ecs/web", kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/1234", retentionInDays: 30 },
};

/** A repository whose lifecycle policy is linked to it only through `propertyDependencies`. */
function repositoryStack(linked: boolean): ResourceInput[] {
    return [
        { type: "aws:ecr/repository:Repository", name: "app-repo", props: { name: "app", imageTagMutability: "IMMUTABLE" } },
        {
            type: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
            name: "app-lifecycle",
            props: { repository: "renamed-elsewhere", policy: JSON.stringify({ rules: [] }) },
            ...(linked ? { propertyDependencies: { repository: ["app-repo"] } } : {}),
        },
    ];
}

function byRule(violations: Violation[], rule: string): Violation[] {
    return violations.filter((v) => v.tags.includes(`rule:${rule}`));
}

describe("AnalyzerClient against the real pack", function () {
    let client: AnalyzerClient;
    let info: PackInfo;
    /** The policy that carries `rule:<id>` (the first one when a row has several). */
    const policyFor = (rule: string): PolicyDescription => {
        const p = info.policies.find((d) => d.tags.includes(`rule:${rule}`));
        assert.ok(p, `no policy is tagged rule:${rule}`);
        return p;
    };

    before(async () => {
        client = await AnalyzerClient.start();
        info = await client.info();
    });

    after(async () => {
        await client?.close();
    });

    afterEach(async () => {
        await client.configure({});
    });

    it("describes the pack and every policy with tags, severity and remediation", () => {
        assert.equal(info.name, "fargatekit");
        assert.equal(info.version, "0.1.0");
        assert.equal(info.sdkVersion, "1.21.0");
        assert.equal(info.supportsConfig, true);
        assert.deepEqual(
            info.policies.map((p) => [p.name, p.kind, p.enforcementLevel, p.severity, p.tags, p.remediationSteps]),
            allPolicies.map((p) => [p.name, "validateStack" in p ? "stack" : "resource", p.enforcementLevel, p.severity, p.tags, p.remediationSteps]),
        );
        for (const p of info.policies) {
            assert.ok(
                p.tags.some((t) => /^rule:[A-Z]+\d+$/.test(t)),
                `${p.name} has a rule: tag`,
            );
            assert.ok(p.severity, `${p.name} has a severity`);
            assert.ok(p.remediationSteps.length > 0, `${p.name} has remediation steps`);
        }
    });

    it("carries each policy's config schema", () => {
        const schemas = Object.fromEntries(info.policies.filter((p) => p.configSchema).map((p) => [p.name, p.configSchema!.properties]));
        const expected = Object.fromEntries(allPolicies.filter((p) => p.configSchema).map((p) => [p.name, p.configSchema!.properties]));
        assert.deepEqual(schemas, expected);
    });

    it("reports a bridge-mode task definition as a mandatory awsvpc violation", async () => {
        const t1 = policyFor("T1");
        const violations = await client.analyze([bridgeTask]);
        assert.deepEqual(
            byRule(violations, "T1").map((v) => ({ ...v, message: v.message.split("\n")[0] })),
            [
                {
                    policy: t1.name,
                    tags: t1.tags,
                    resource: "bridge-task",
                    level: "mandatory",
                    message: t1.description,
                    severity: t1.severity,
                    remediation: t1.remediationSteps,
                },
            ],
        );
    });

    it("reports nothing for values unknown in preview", async () => {
        const unknownTask: ResourceInput = {
            type: TASK,
            name: "preview-task",
            props: Object.fromEntries(Object.keys(bridgeTask.props).map((k) => [k, UNKNOWN])),
        };
        const unknownLogs: ResourceInput = {
            ...shortLogGroup,
            name: "preview-logs",
            props: { name: { __unknown: true }, kmsKeyId: { __unknown: true }, retentionInDays: { __unknown: true } },
        };
        assert.deepEqual(await client.analyze([unknownTask, unknownLogs]), []);
    });

    it("applies a config file's enforcement levels", async () => {
        const t1 = policyFor("T1").name;
        await client.configure({ [t1]: "advisory" });
        assert.deepEqual(
            byRule(await client.analyze([bridgeTask]), "T1").map((v) => v.level),
            ["advisory"],
        );
        await client.configure({ [t1]: { enforcementLevel: "disabled" } });
        assert.deepEqual(byRule(await client.analyze([bridgeTask]), "T1"), []);
        await client.configure({});
        assert.deepEqual(
            byRule(await client.analyze([bridgeTask]), "T1").map((v) => v.level),
            ["mandatory"],
        );
    });

    it("applies a config file's schema properties, with the other defaults filled in", async () => {
        const cw3 = policyFor("CW3");
        const properties = cw3.configSchema?.properties ?? {};
        const days = Object.keys(properties).find((k) => properties[k].type === "integer" || properties[k].type === "number");
        assert.ok(days, `${cw3.name} has a numeric config property`);
        assert.equal(byRule(await client.analyze([shortLogGroup]), "CW3").length, 1, "30 days fails the default");
        const sent = await client.configure({ [cw3.name]: { [days]: 30 } });
        const defaults = Object.fromEntries(
            Object.entries(properties)
                .filter(([, s]) => s.default !== undefined)
                .map(([k, s]) => [k, s.default]),
        );
        assert.deepEqual(sent[cw3.name], { enforcementLevel: cw3.enforcementLevel, properties: { ...defaults, [days]: 30 } });
        assert.deepEqual(byRule(await client.analyze([shortLogGroup]), "CW3"), []);
    });

    it("rejects a config key that names no policy, and a value of the wrong type", async () => {
        await assert.rejects(client.configure({ "ecs-no-such-policy": "advisory" }), (e: unknown) => {
            assert.ok(e instanceof PolicyConfigError);
            assert.deepEqual(e.problems, [`"ecs-no-such-policy": no policy of the pack has this name`]);
            return true;
        });
        const cw3 = policyFor("CW3");
        const prop = Object.keys(cw3.configSchema?.properties ?? {})[0];
        await assert.rejects(client.configure({ [cw3.name]: { [prop]: { not: "valid" } } }), (e: unknown) => {
            assert.ok(e instanceof PolicyConfigError);
            assert.equal(e.problems.length, 1);
            assert.match(e.problems[0], new RegExp(`^"${cw3.name}"\\.${prop}: `));
            return true;
        });
    });

    it("passes property dependencies to stack policies", async () => {
        assert.deepEqual(
            byRule(await client.analyze(repositoryStack(false)), "E5").map((v) => v.resource),
            ["app-repo"],
        );
        assert.deepEqual(byRule(await client.analyze(repositoryStack(true)), "E5"), []);
    });
});
