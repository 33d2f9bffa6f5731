import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental/provider";
import { REPO_ROOT } from "../helpers/offline";
import { Platform } from "../../components/platform";

/** The lines of a README section, from its heading to the next heading of the same or a higher level. */
function section(readme: string, heading: string): string[] {
    const lines = readme.split("\n");
    const start = lines.indexOf(heading);
    assert.ok(start >= 0, heading);
    const level = heading.indexOf(" ");
    const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.indexOf(" ") <= level);
    return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** Every name `components/index.ts` re-exports (values and types). */
function exportedNames(): string[] {
    const source = fs.readFileSync(path.join(REPO_ROOT, "components", "index.ts"), "utf8");
    return [...source.matchAll(/^export \{([^}]*)\} from/gm)].flatMap((m) => m[1].split(",").map((n) => n.trim()));
}

describe("public API and other languages", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

    it("the README's public API list is exactly what the package exports", () => {
        const listed = section(readme, "### Public API")
            .filter((l) => l.startsWith("- "))
            .flatMap((l) => [...l.matchAll(/`([A-Za-z_]+)`/g)].map((m) => m[1]));
        assert.deepEqual([...listed].sort(), exportedNames().sort());
        assert.equal(new Set(listed).size, listed.length, "each name once");
        const runtime = Object.keys(require("../../components"));
        assert.deepEqual(runtime.filter((n) => !listed.includes(n)), [], "every runtime export is documented");
        for (const n of ["Platform", "platformOutputs", "platformFromStackReference", "PlatformNatStrategy", "PlatformContainerInsights"]) assert.ok(runtime.includes(n), n);
    });

    it("documents the platform/service split, the stack reference per environment and pulumi package add", () => {
        const own = section(readme, "## Use it from your own project").join("\n");
        for (const text of ["```mermaid", "platformFromStackReference", "platformStack: acme/fargatekit-platform/dev", "platformStack: acme/fargatekit-platform/prod", "pulumi package add", "no Pulumi CLI on this machine", "listenerPriority"]) {
            assert.ok(own.includes(text), text);
        }
    });

    it("is a Node.js source-based plugin package", () => {
        assert.deepEqual(YAML.parse(fs.readFileSync(path.join(REPO_ROOT, "PulumiPlugin.yaml"), "utf8")), { runtime: "nodejs" });
    });

    it("Platform passes the SDK's component schema step: enums, plain args, resource outputs", async function () {
        this.timeout(60000);
        const schema = JSON.parse(await new ComponentProvider({ components: [Platform], name: "fargatekit", dirname: REPO_ROOT }).getSchema());
        const platform = schema.resources["fargatekit:index:Platform"];
        assert.deepEqual(Object.keys(platform.inputProperties), [
            "natStrategy",
            "azCount",
            "vpcCidr",
            "vpcId",
            "publicSubnetIds",
            "privateSubnetIds",
            "flowLogs",
            "flowLogRetentionDays",
            "vpcEndpoints",
            "extraEndpointServices",
            "containerInsights",
            "certificateArn",
            "sslPolicy",
            "ingressCidrs",
            "internal",
            "deletionProtection",
            "idleTimeout",
            "accessLogs",
            "waf",
            "createKey",
            "kmsKeyArn",
            "protectKey",
            "tags",
        ]);
        assert.deepEqual(schema.types["fargatekit:index:PlatformNatStrategy"].enum.map((e: { value: string }) => e.value), ["none", "single", "perAz"]);
        assert.deepEqual(schema.types["fargatekit:index:PlatformContainerInsights"].enum.map((e: { value: string }) => e.value), ["disabled", "enabled", "enhanced"]);
        assert.equal(platform.inputProperties.natStrategy.$ref, "#/types/fargatekit:index:PlatformNatStrategy");
        assert.deepEqual(Object.keys(schema.types["fargatekit:index:PlatformHandle"].properties), ["vpcId", "vpcCidr", "publicSubnetIds", "privateSubnetIds", "taskSubnetIds", "assignPublicIp", "clusterArn", "clusterName", "listenerArn", "loadBalancerSecurityGroupId", "loadBalancerArnSuffix", "dnsName", "url", "kmsKeyArn"]);
        assert.equal(platform.properties.cluster.$ref, "/aws/v7.48.0/schema.json#/resources/aws:ecs%2Fcluster:Cluster");
    });

    it("every exported component passes the SDK's component schema step (so `pulumi package add` can serve them)", async function () {
        this.timeout(120000);
        const api = require("../../components");
        const components = Object.values(api).filter((v: any) => typeof v === "function" && typeof v.__pulumiType === "string" && v.__pulumiType.startsWith("fargatekit:index:"));
        assert.equal(components.length, 14);
        const schema = JSON.parse(await new ComponentProvider({ components: components as any, name: "fargatekit", dirname: REPO_ROOT }).getSchema());
        for (const c of components as any[]) assert.ok(schema.resources[c.__pulumiType], c.__pulumiType);
        const web = schema.resources["fargatekit:index:WebService"];
        assert.equal(web.inputProperties.architecture.$ref, "#/types/fargatekit:index:CpuArchitecture");
        assert.deepEqual(schema.types["fargatekit:index:CpuArchitecture"].enum.map((e: { value: string }) => e.value), ["x86_64", "arm64"]);
        assert.equal(web.inputProperties.taskRoleStatements.items.$ref, "#/types/fargatekit:index:PolicyStatement");
        assert.equal(web.properties.service.$ref, "/aws/v7.48.0/schema.json#/resources/aws:ecs%2Fservice:Service");
        assert.equal(web.properties.kmsKey, undefined, "child components are getters, not schema outputs");
    });
});
