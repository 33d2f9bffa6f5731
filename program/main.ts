/**
 * The program: read the stack's config, validate it as a whole, then build one WebService and a
 * ScheduledTask per `scheduledTasks` entry. A bad config throws one ConfigError before any resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { WebService } from "../components/webService";
import { ScheduledTask } from "../components/scheduledTask";
import { tasksArePublic } from "../components/network";
import { loadSettings } from "./validate";
import { ScheduledTaskSettings, Settings } from "./settings";
import { webServiceArgsOf } from "./serviceArgs";

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
export function buildStack(s: Settings, projectDir: string): { service: WebService; scheduledTasks: ScheduledTask[]; outputs: ProgramOutputs } {
    const tags = { "fargatekit:service": s.serviceName, "fargatekit:stack": pulumi.getStack(), ...s.tags };
    const service = new WebService(s.serviceName, { ...webServiceArgsOf(s as unknown as Record<string, unknown>, projectDir), tags });
    const scheduledTasks = s.scheduledTasks.map((t) => scheduledTaskOf(service, s, t, tags));
    return {
        service,
        scheduledTasks,
        outputs: {
            url: service.url,
            serviceName: service.serviceName,
            clusterName: service.clusterName,
            clusterArn: service.clusterArn,
            logGroupName: service.logGroupName,
            imageUri: service.imageUri,
            taskDefinitionFamily: service.taskDefinition.family,
            taskSubnetIds: service.taskSubnetIds,
            taskSecurityGroupId: service.taskSecurityGroup.id,
            containerName: s.containerName,
            assignPublicIp: tasksArePublic(s.natStrategy, s.vpcId !== undefined),
            taskSize: `${service.cpu} CPU units / ${service.memory} MiB`,
        },
    };
}

/** One scheduled task on the service's own task definition, cluster, subnets, security group and roles, its dead letters encrypted with the service key. */
function scheduledTaskOf(service: WebService, s: Settings, task: ScheduledTaskSettings, tags: Record<string, string>): ScheduledTask {
    return new ScheduledTask(
        `${s.serviceName}-${task.name}`,
        {
            schedule: task.schedule,
            timezone: task.timezone,
            clusterArn: service.clusterArn,
            taskDefinitionArn: service.taskDefinition.arn,
            subnetIds: service.taskSubnetIds,
            securityGroupIds: [service.taskSecurityGroup.id],
            assignPublicIp: service.assignPublicIp,
            containerName: s.containerName,
            command: task.command,
            executionRoleArn: service.executionRole.arn,
            taskRoleArn: service.taskRole.arn,
            kmsKeyArn: service.kmsKeyArn,
            tags,
        },
        { parent: service },
    );
}

/** Entry point used by index.ts: config from the Pulumi runtime. */
export function main(projectDir: string): ProgramOutputs {
    const settings = loadSettings(pulumi.runtime.allConfig());
    return buildStack(settings, projectDir).outputs;
}
