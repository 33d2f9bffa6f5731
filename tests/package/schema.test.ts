import * as assert from "node:assert/strict";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental/provider";
import { REPO_ROOT } from "../helpers/offline";
import { Platform } from "../../components/platform";

// The SDK's component schema step (what `pulumi package add` runs): it type-checks the component
// sources with the TypeScript compiler, so it lives in the package tier.
describe("component schema step (pulumi package add)", () => {
    it("Platform passes the SDK's component schema step: enums, plain args, resource outputs", async function () {
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
