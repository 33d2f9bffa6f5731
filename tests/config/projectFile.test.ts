import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { CONFIG_SCHEMA } from "../../program/schema";
import { loadSettings } from "../../program/validate";
import { loadStackConfig } from "../../tools/offline/stackConfig";
import { REPO_ROOT } from "../helpers/offline";

const project = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8"));
const PULUMI_TYPE: Record<string, string> = { string: "string", integer: "integer", boolean: "boolean", "string[]": "array" };

describe("Pulumi.yaml and the stack files", () => {
    it("declare every scalar key of the schema with its type and default", () => {
        for (const [key, spec] of Object.entries(CONFIG_SCHEMA)) {
            const declared = project.config[key];
            if (!PULUMI_TYPE[spec.type]) {
                assert.equal(declared, undefined, `${key} (${spec.type}) cannot be typed in Pulumi.yaml`);
                continue;
            }
            assert.ok(declared, `Pulumi.yaml lacks ${key}`);
            assert.equal(declared.type, PULUMI_TYPE[spec.type], key);
            assert.deepEqual(declared.default, spec.default, key);
            assert.equal(declared.description, spec.description, key);
        }
        for (const key of Object.keys(project.config)) assert.ok(CONFIG_SCHEMA[key], `Pulumi.yaml declares unknown key ${key}`);
        assert.equal(project.name, "fargatekit");
        assert.equal(project.runtime.name, "nodejs");
    });
    for (const stack of ["dev", "prod"]) {
        it(`${stack} config validates`, () => {
            const s = loadSettings(loadStackConfig(REPO_ROOT, stack).values);
            assert.equal(s.serviceName, "web");
        });
    }
    it("dev is cheap and prod is safe", () => {
        const dev = loadSettings(loadStackConfig(REPO_ROOT, "dev").values);
        const prod = loadSettings(loadStackConfig(REPO_ROOT, "prod").values);
        assert.deepEqual(
            [dev.cpu, dev.memory, dev.natStrategy, dev.logRetentionDays, dev.forceDeleteRepository, dev.deletionProtection, dev.certificateArn],
            [256, 512, "none", 30, true, false, undefined],
        );
        assert.ok(dev.spotWeight > 0);
        assert.deepEqual(
            [prod.azCount, prod.natStrategy, prod.logRetentionDays, prod.deletionProtection, prod.protectStatefulResources, prod.containerInsights],
            [3, "perAz", 365, true, true, "enabled"],
        );
        assert.ok(prod.minCount >= 2 && prod.requestsPerTarget !== undefined && prod.certificateArn !== undefined);
    });
    it("an unknown stack names the stacks that exist", () => {
        assert.throws(() => loadStackConfig(REPO_ROOT, "staging"), /Stack "staging" has no config file .*stacks here: dev, prod/);
    });
});
