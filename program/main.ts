/**
 * The program: read the stack's config, validate it as a whole, then build one WebService.
 * A bad config throws one ConfigError before any resource is registered.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { WebService } from "../components/webService";
import { loadSettings } from "./validate";
import { Settings } from "./settings";
import { normaliseStatement } from "../components/lib/iamStatements";

/** The stack outputs. */
export interface ProgramOutputs {
    url: pulumi.Output<string>;
    serviceName: pulumi.Output<string>;
    clusterName: pulumi.Output<string>;
    clusterArn: pulumi.Output<string>;
    logGroupName: pulumi.Output<string>;
    imageUri: pulumi.Output<string>;
    taskDefinitionFamily: pulumi.Output<string>;
    taskSubnetIds: pulumi.Output<string[]>;
    taskSecurityGroupId: pulumi.Output<string>;
    containerName: string;
    assignPublicIp: boolean;
    taskSize: string;
}

/** Build the stack from validated settings. `projectDir` resolves a relative build context. */
export function buildStack(s: Settings, projectDir: string): { service: WebService; outputs: ProgramOutputs } {
    const service = new WebService(s.serviceName, {
        ...s,
        buildContext: s.buildContext !== undefined ? path.resolve(projectDir, s.buildContext) : undefined,
        taskRoleStatements: s.taskRoleStatements.map(normaliseStatement),
        tags: { "fargatekit:service": s.serviceName, "fargatekit:stack": pulumi.getStack(), ...s.tags },
    });
    return {
        service,
        outputs: {
            url: service.url,
            serviceName: service.serviceName,
            clusterName: service.clusterName,
            clusterArn: service.clusterArn,
            logGroupName: service.logGroupName,
            imageUri: service.imageUri,
            taskDefinitionFamily: service.taskDefinition.family,
            taskSubnetIds: service.network.taskSubnetIds,
            taskSecurityGroupId: service.fargateService.securityGroup.id,
            containerName: s.containerName,
            assignPublicIp: service.network.assignPublicIp && s.vpcId === undefined,
            taskSize: `${service.fargateService.cpu} CPU units / ${service.fargateService.memory} MiB`,
        },
    };
}

/** Entry point used by index.ts: config from the Pulumi runtime. */
export function main(projectDir: string): ProgramOutputs {
    const settings = loadSettings(pulumi.runtime.allConfig());
    return buildStack(settings, projectDir).outputs;
}
