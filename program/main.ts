/**
 * The program: read the stack's config, validate it as a whole, then build one WebService and a
 * ScheduledTask per `scheduledTasks` entry. A bad config throws one ConfigError before any resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { WebService } from "../components/webService";
import { ScheduledTask } from "../components/scheduledTask";
import { tasksArePublic } from "../components/network";
import { ConfigError, loadSettings } from "./validate";
import { CONFIG_NAMESPACE } from "./schema";
import { ScheduledTaskSettings, Settings } from "./settings";
import { asConfigProblem, webServiceArgsOf } from "./serviceArgs";
import { ArgumentsError } from "../components/options/checks";

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
export function buildStack(
    s: Settings,
    projectDir: string,
    namespace: string = CONFIG_NAMESPACE,
): { service: WebService; scheduledTasks: ScheduledTask[]; outputs: ProgramOutputs } {
    const tags = { "fargatekit:service": s.serviceName, "fargatekit:stack": pulumi.getStack(), ...s.tags };
    const service = asConfigErrors(namespace, () => new WebService(s.serviceName, { ...webServiceArgsOf(s as unknown as Record<string, unknown>, projectDir), tags }));
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

/** Where `webServiceProgram` reads its config and resolves paths. */
export interface WebServiceProgramOptions {
    /** The project's directory: a relative `buildContext` is resolved against it (pass `__dirname` from index.ts). */
    projectDir: string;
    /**
     * The config namespace the keys live in (`<namespace>:minCount`). A project of its own passes its
     * Pulumi project name, the namespace `pulumi config set minCount 2` writes to.
     * @default "fargatekit"
     */
    namespace?: string;
}

/**
 * The whole program for any project: read the stack's config from the Pulumi runtime, validate every
 * key of the namespace (throws one `ConfigError` naming each bad key in that namespace, before any
 * resource is registered), then build the service and its scheduled tasks. Returns the stack outputs.
 */
export function webServiceProgram(options: WebServiceProgramOptions): ProgramOutputs {
    const namespace = options.namespace ?? CONFIG_NAMESPACE;
    if (namespace === "" || namespace.includes(":")) throw new Error(`webServiceProgram: namespace ${JSON.stringify(namespace)} must be a Pulumi project name (no ":")`);
    const settings = loadSettings(pulumi.runtime.allConfig(), namespace);
    return buildStack(settings, options.projectDir, namespace).outputs;
}

/**
 * Build a component, turning what it finds only at construction (a build context whose Dockerfile
 * cannot be read, resolved against the project) into the ConfigError a stack user expects, named by
 * config key. Nothing is registered when it throws: the components check before they register.
 */
function asConfigErrors<T>(namespace: string, build: () => T): T {
    try {
        return build();
    } catch (e) {
        const problems = e instanceof ArgumentsError ? e.problems.filter((p) => p.path !== "(name)").map(asConfigProblem) : [];
        throw problems.length > 0 ? new ConfigError(problems, namespace) : e;
    }
}

/** Entry point used by index.ts: this repository's program, config in the `fargatekit` namespace. */
export function main(projectDir: string): ProgramOutputs {
    return webServiceProgram({ projectDir });
}
