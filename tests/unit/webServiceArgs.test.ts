import * as assert from "node:assert/strict";
import { WebService } from "../../components/webService";
import { Platform } from "../../components/platform";
import { ArgumentsError } from "../../components/options/checks";
import { resolveWebServiceArgs, webServiceArgsProblems } from "../../components/options/webServiceArgs";
import { CONFIG_SCHEMA } from "../../program/schema";
import { configKeyOf, messageInConfigTerms, webServiceArgsOf } from "../../program/serviceArgs";
import { BAD, BASE } from "../helpers/badConfig";
import { REPO_ROOT, recordedUntilThrow } from "../helpers/offline";

const IMAGE = `public.ecr.aws/nginx/nginx-unprivileged@sha256:${"0123456789abcdef".repeat(4)}`;

/** Rows about the program's own keys, or about parsing config strings, which a typed argument cannot reach. */
const PROGRAM_ONLY = (what: string, key: string) => CONFIG_SCHEMA[key.split(/[.[]/)[0]]?.path === undefined || /not a number/.test(what);

describe("WebService validates its own arguments (the config table, as a library user passes it)", () => {
    for (const [what, overrides, key, message] of BAD) {
        if (PROGRAM_ONLY(what, key)) continue;
        it(`refuses: ${what}`, async () => {
            const values: Record<string, unknown> = { ...BASE, ...overrides };
            const args = webServiceArgsOf(values);
            if (args.image.buildContext !== undefined) args.image.buildContext = `${REPO_ROOT}/${args.image.buildContext}`;
            const { error, recorded } = await recordedUntilThrow(() => new WebService("web", args));
            assert.ok(error instanceof ArgumentsError, `expected an ArgumentsError, got ${String(error)}`);
            const problem = error.problems.find((p) => configKeyOf(p.path) === key);
            assert.ok(problem, `no problem at the argument of ${key}; got ${error.problems.map((p) => p.path).join(", ")}`);
            // The same message, in argument terms (`container.port` where the config says `containerPort`).
            assert.match(messageInConfigTerms(problem.message), message);
            assert.match(error.message, new RegExp(`^WebService web: invalid arguments \\(\\d+ problems?\\):\\n(.*\\n)*  - ${problem.path.replace(/[[\].]/g, "\\$&")} = `));
            assert.deepEqual(recorded, [], "nothing is registered, not even the component");
        });
    }

    it("gives a library user the checks the issue names: a root user, minCount above maxCount, a size Fargate does not offer", () => {
        const problems = webServiceArgsProblems("web", {
            image: { uri: IMAGE },
            container: { user: "0" },
            scaling: { minCount: 5, maxCount: 2, desiredCount: 2 },
            task: { cpu: 256, memory: 4096 },
        });
        assert.deepEqual(
            problems.map((p) => [p.path, p.value]),
            [
                ["container.user", "0"],
                ["task.memory", 4096],
                ["scaling.minCount", 5],
                ["scaling.desiredCount", 2],
            ],
        );
    });

    it("refuses a field no option group has (a typo from JavaScript or YAML), naming the allowed ones", () => {
        const problems = webServiceArgsProblems("web", { image: { uri: IMAGE }, scaling: { minCont: 2 } as never });
        assert.deepEqual(
            problems.map((p) => p.path),
            ["scaling.minCont"],
        );
        assert.match(problems[0].message, /is not an option of scaling \(did you mean "minCount"\?\); allowed: desiredCount, minCount, maxCount/);
    });

    it("refuses an argument WebService and Platform do not have, naming the closest and the allowed ones", async () => {
        const service = webServiceArgsProblems("web", { image: { uri: IMAGE }, contianer: { port: 8080 } } as never);
        assert.deepEqual(
            service.map((p) => [p.path, p.message]),
            [
                [
                    "contianer",
                    'is not an argument of WebService (did you mean "container"?); allowed: image, container, task, scaling, deployment, targetGroup, logs, alarms, network, cluster, loadBalancer, routing, platform, kmsKeyArn, protectStatefulResources, tags',
                ],
            ],
        );
        const { error, recorded } = await recordedUntilThrow(() => new Platform("shared", { netwrok: { natStrategy: "single" } } as never));
        assert.ok(error instanceof ArgumentsError);
        assert.match(error.message, /netwrok = \{"natStrategy":"single"\}: is not an argument of Platform \(did you mean "network"\?\)/);
        assert.deepEqual(recorded, []);
    });

    it("skips values not known yet (outputs) instead of judging them", async () => {
        const pulumi = await import("@pulumi/pulumi");
        const problems = webServiceArgsProblems("web", {
            image: { uri: pulumi.output(IMAGE) },
            loadBalancer: { certificateArn: pulumi.output("not-an-arn") },
            network: { vpcId: pulumi.output("vpc-x"), publicSubnetIds: pulumi.output(["a"]), privateSubnetIds: pulumi.output(["b"]) },
        });
        assert.deepEqual(problems, []);
    });

    it("refuses the platform's option groups on a shared platform, and routing without one", async () => {
        const shared = await recordedUntilThrow(() => {
            const platform = new Platform("shared", {});
            new WebService("orders", { image: { uri: IMAGE }, platform: platform.handle, routing: { pathPatterns: ["/orders/*"] }, cluster: { containerInsights: "enhanced" } });
        });
        assert.ok(shared.error instanceof ArgumentsError);
        assert.deepEqual(
            shared.error.problems.map((p) => p.path),
            ["cluster"],
        );
        assert.deepEqual(
            shared.recorded.filter((t) => t.startsWith("fargatekit:index:WebService")),
            [],
            "the service registered nothing",
        );
        const own = webServiceArgsProblems("web", { image: { uri: IMAGE }, routing: { hostHeaders: ["a.example.com"] } });
        assert.deepEqual(
            own.map((p) => p.path),
            ["routing"],
        );
    });
});

describe("one table of defaults", () => {
    it("the resolver applies each table once: resolved options carry the documented defaults", () => {
        const o = resolveWebServiceArgs({ image: { uri: IMAGE } });
        assert.deepEqual(
            [
                o.container.port,
                o.container.user,
                o.scaling.minCount,
                o.scaling.maxCount,
                o.network.azCount,
                o.network.natStrategy,
                o.logs.retentionDays,
                o.targetGroup.healthCheckPath,
                o.deployment.strategy,
            ],
            [3000, "10001", 1, 4, 2, "none", 30, "/health", "rolling"],
        );
        assert.equal(o.task.cpu, undefined, "computed: the cheapest size that fits");
        assert.equal(resolveWebServiceArgs({ image: { uri: IMAGE }, scaling: { minCount: 3, maxCount: 6 } }).scaling.desiredCount, 3, "desiredCount starts at minCount");
    });

    it("every config key that sets an argument takes that argument's default and description", () => {
        const o = resolveWebServiceArgs({ image: {} }) as unknown as Record<string, Record<string, unknown>>;
        for (const [key, spec] of Object.entries(CONFIG_SCHEMA)) {
            if (spec.path === undefined) continue;
            const [group, field] = spec.path.includes(".") ? spec.path.split(".") : [undefined, spec.path];
            const resolved = group === undefined ? (o as Record<string, unknown>)[field] : o[group][field];
            if (spec.default === undefined) continue; // computed (e.g. desiredCount from minCount) or unset
            assert.deepEqual(resolved, spec.default, key);
        }
    });
});

describe("WebService refuses what it cannot build before registering anything", () => {
    it("a build context without its Dockerfile names image.dockerfile and the path it looked at", async () => {
        const { error, recorded } = await recordedUntilThrow(() => new WebService("web", { image: { buildContext: `${REPO_ROOT}/app`, dockerfile: "Dockerfile.missing" } }));
        assert.ok(error instanceof ArgumentsError, String(error));
        assert.deepEqual(
            error.problems.map((p) => p.path),
            ["image.dockerfile"],
        );
        assert.match(error.problems[0].message, /cannot be read at .*app\/Dockerfile\.missing \(ENOENT\)/);
        assert.deepEqual(recorded, []);
    });

    it("a sidecar named like the volume init container", () => {
        const problems = webServiceArgsProblems("web", { image: { uri: IMAGE }, container: { sidecars: [{ name: "app-volume-init", image: IMAGE }] } });
        assert.deepEqual(
            problems.map((p) => [p.path, p.value]),
            [["container.sidecars[0].name", "app-volume-init"]],
        );
    });
});
