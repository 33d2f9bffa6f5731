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
        assert.deepEqual(Object.keys(platform.inputProperties), ["network", "cluster", "loadBalancer", "logs", "createKey", "kmsKeyArn", "protectKey", "tags"]);
        // The option groups are named types, their string choices enums (one NatStrategy, shared with WebService).
        assert.equal(platform.inputProperties.network.$ref, "#/types/fargatekit:index:NetworkOptions");
        assert.equal(schema.types["fargatekit:index:NetworkOptions"].properties.natStrategy.$ref, "#/types/fargatekit:index:NatStrategy");
        assert.deepEqual(
            schema.types["fargatekit:index:NatStrategy"].enum.map((e: { value: string }) => e.value),
            ["none", "single", "perAz"],
        );
        assert.deepEqual(
            schema.types["fargatekit:index:ContainerInsights"].enum.map((e: { value: string }) => e.value),
            ["disabled", "enabled", "enhanced"],
        );
        assert.deepEqual(Object.keys(schema.types["fargatekit:index:PlatformHandle"].properties), [
            "vpcId",
            "vpcCidr",
            "publicSubnetIds",
            "privateSubnetIds",
            "taskSubnetIds",
            "assignPublicIp",
            "clusterArn",
            "clusterName",
            "listenerArn",
            "loadBalancerSecurityGroupId",
            "loadBalancerArnSuffix",
            "dnsName",
            "url",
            "kmsKeyArn",
        ]);
        assert.equal(platform.properties.cluster.$ref, "/aws/v7.48.0/schema.json#/resources/aws:ecs%2Fcluster:Cluster");
    });

    it("every exported component passes the SDK's component schema step (so `pulumi package add` can serve them)", async function () {
        const api = require("../../components");
        const components = Object.values(api).filter((v: any) => typeof v === "function" && typeof v.__pulumiType === "string" && v.__pulumiType.startsWith("fargatekit:index:"));
        assert.equal(components.length, 15);
        const schema = JSON.parse(await new ComponentProvider({ components: components as any, name: "fargatekit", dirname: REPO_ROOT }).getSchema());
        for (const c of components as any[]) assert.ok(schema.resources[c.__pulumiType], c.__pulumiType);
        const web = schema.resources["fargatekit:index:WebService"];
        assert.equal(web.inputProperties.task.$ref, "#/types/fargatekit:index:TaskOptions");
        const task = schema.types["fargatekit:index:TaskOptions"].properties;
        assert.equal(task.architecture.$ref, "#/types/fargatekit:index:CpuArchitecture");
        assert.deepEqual(
            schema.types["fargatekit:index:CpuArchitecture"].enum.map((e: { value: string }) => e.value),
            ["x86_64", "arm64"],
        );
        assert.equal(task.roleStatements.items.$ref, "#/types/fargatekit:index:PolicyStatement");
        // Children are exposed one way: as the AWS resources, described by the providers' schemas.
        assert.equal(web.properties.service.$ref, "/aws/v7.48.0/schema.json#/resources/aws:ecs%2Fservice:Service");
        assert.equal(web.properties.kmsKey.$ref, "/aws/v7.48.0/schema.json#/resources/aws:kms%2Fkey:Key");
        assert.equal(web.properties.platform.$ref, "#/types/fargatekit:index:PlatformHandle");
    });
});
