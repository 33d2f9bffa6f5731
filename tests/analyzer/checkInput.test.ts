import * as assert from "node:assert/strict";
import { CheckInputError, EXIT, exitCodeFor, parseCheckInput, referenceProblems, resourceProblems, toReport, validateCheckInput } from "../../tools/analyzer/checkInput";
import { Violation } from "../../tools/analyzer/types";

const TD = "aws:ecs/taskDefinition:TaskDefinition";

function problemsOf(fn: () => unknown): string[] {
    try {
        fn();
    } catch (e) {
        assert.ok(e instanceof CheckInputError, `expected CheckInputError, got ${String(e)}`);
        return e.problems;
    }
    assert.fail("expected a CheckInputError");
}

function violation(level: "mandatory" | "advisory"): Violation {
    return { policy: "p", tags: ["rule:T1"], resource: "r", level, message: "m", severity: "high", remediation: "fix" };
}

describe("checkInput", () => {
    it("accepts the documented shape and defaults config to {}", () => {
        const doc = {
            resources: [
                { type: TD, name: "td", props: { networkMode: "awsvpc" } },
                { type: "aws:iam/role:Role", name: "role", props: {}, dependencies: ["td"], propertyDependencies: { x: ["td"] } },
            ],
        };
        const input = validateCheckInput(doc, "in.json");
        assert.deepEqual(input, { resources: doc.resources, config: {} });
    });

    it("keeps the config as given", () => {
        const input = parseCheckInput(JSON.stringify({ resources: [], config: { all: "advisory", p: { enforcementLevel: "disabled" } } }), "in.json");
        assert.deepEqual(input.config, { all: "advisory", p: { enforcementLevel: "disabled" } });
    });

    it("names the file and the JSON error for unparseable text", () => {
        const err = (() => {
            try {
                parseCheckInput("{nope", "bad.json");
            } catch (e) {
                return e as CheckInputError;
            }
            return undefined;
        })();
        assert.ok(err instanceof CheckInputError);
        assert.equal(err.file, "bad.json");
        assert.match(err.message, /^bad\.json: not valid JSON: /);
    });

    it("rejects a top level that is not an object", () => {
        assert.deepEqual(
            problemsOf(() => validateCheckInput([], "f.json")),
            [`the top level must be an object {"resources": [...], "config"?: {...}}`],
        );
    });

    it("lists every top-level problem", () => {
        assert.deepEqual(
            problemsOf(() => validateCheckInput({ resource: [], config: [] }, "f.json")),
            [`unknown top-level key "resource" (allowed: resources, config)`, `"resources" must be an array`, `"config" must be an object keyed by policy name`],
        );
    });

    it("rejects config values that are neither a level nor an object", () => {
        assert.deepEqual(
            problemsOf(() => validateCheckInput({ resources: [], config: { p: 3 } }, "f.json")),
            ["config.p must be an enforcement level string or an object"],
        );
    });

    it("reports each malformed resource field by path", () => {
        const r = { type: "TaskDefinition", name: "", props: "x", dependencies: "a", propertyDependencies: { role: "a" }, parent: 1, extra: true };
        assert.deepEqual(resourceProblems(r, "resources[0]"), [
            `resources[0] has an unknown key "extra" (allowed: type, name, props, urn, parent, dependencies, propertyDependencies, options)`,
            `resources[0].type must be a Pulumi type token like "aws:ecs/service:Service"`,
            "resources[0].name must be a non-empty string",
            "resources[0].props must be an object",
            "resources[0].parent must be a non-empty string",
            "resources[0].dependencies must be an array of resource names or URNs",
            "resources[0].propertyDependencies.role must be an array of resource names or URNs",
        ]);
        assert.deepEqual(resourceProblems(null, "resources[1]"), ["resources[1] must be an object"]);
        assert.deepEqual(resourceProblems({ type: TD, name: "a", props: {}, options: { protect: "yes", ignoreChanges: [1] } }, "r"), [
            "r.options.protect must be a boolean",
            "r.options.ignoreChanges must be an array of strings",
        ]);
    });

    it("accepts component and provider type tokens", () => {
        assert.deepEqual(resourceProblems({ type: "awsx:ec2:Vpc", name: "vpc", props: {} }, "r"), []);
        assert.deepEqual(resourceProblems({ type: "pulumi:providers:aws", name: "default", props: {} }, "r"), []);
    });

    it("rejects duplicate URNs and references to resources not in the file", () => {
        const resources = [
            { type: TD, name: "td", props: {} },
            { type: TD, name: "td", props: {} },
            { type: "aws:iam/role:Role", name: "td", props: {}, parent: "ghost", dependencies: ["td", "urn:pulumi:x::y::z::w"], propertyDependencies: { a: ["nope"] } },
        ];
        assert.deepEqual(referenceProblems(resources), [
            "resources[1] has the same type and name (URN urn:pulumi:check::policy-check::aws:ecs/taskDefinition:TaskDefinition::td) as resources[0]",
            `resources[2].parent: "ghost" names no resource of the file`,
            `resources[2].dependencies[1]: "urn:pulumi:x::y::z::w" names no resource of the file`,
            `resources[2].propertyDependencies.a[0]: "nope" names no resource of the file`,
        ]);
    });

    it("accepts references by URN", () => {
        const urn = "urn:pulumi:check::policy-check::aws:ecs/taskDefinition:TaskDefinition::td";
        assert.deepEqual(
            referenceProblems([
                { type: TD, name: "td", props: {} },
                { type: TD, name: "b", props: {}, dependencies: [urn] },
            ]),
            [],
        );
    });

    it("prints exactly the five documented fields", () => {
        assert.deepEqual(toReport([violation("mandatory")]), {
            violations: [{ policy: "p", tags: ["rule:T1"], resource: "r", level: "mandatory", message: "m" }],
        });
        assert.deepEqual(toReport([]), { violations: [] });
    });

    it("exits 1 only when a violation is mandatory", () => {
        assert.equal(exitCodeFor([]), 0);
        assert.equal(exitCodeFor([violation("advisory")]), 0);
        assert.equal(exitCodeFor([violation("advisory"), violation("mandatory")]), 1);
        assert.deepEqual(EXIT, { ok: 0, mandatoryViolation: 1, badInput: 2, checkFailed: 3 });
    });
});
