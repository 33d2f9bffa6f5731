/**
 * `runTaskCommand`: the exact `aws ecs run-task` command that starts one task of a deployed stack
 * (a migration, a cron job run by hand) in the service's own cluster, subnets and security group,
 * from the stack's outputs (`pulumi stack output --json`, keys as exported by index.ts).
 */
import { parseArn } from "./awsContext";
import { isObject } from "./taskDefinition";
import { quoteShellWord, splitShellWords } from "./shellWords";

/** The stack outputs the command needs. */
export interface RunTaskOutputs {
    clusterArn: string;
    taskDefinitionFamily: string;
    taskSubnetIds: string[];
    taskSecurityGroupId: string;
    assignPublicIp: boolean;
    /** Name of the web container; index.ts does not export it yet, so "app" (the program's default) when absent. */
    containerName: string;
}

/** Output keys that must be present. */
export const REQUIRED_OUTPUT_KEYS: readonly string[] = ["clusterArn", "taskDefinitionFamily", "taskSubnetIds", "taskSecurityGroupId", "assignPublicIp"];
/** The container name when the outputs do not name one (the program's default). */
export const DEFAULT_CONTAINER_NAME = "app";
/** The command that writes the outputs file. */
export const OUTPUTS_COMMAND = "pulumi stack output --json --stack <stack> > outputs.json";

/** An id the AWS CLI shorthand syntax carries unquoted (no separators, brackets or spaces). */
const SHORTHAND_ID = /^[A-Za-z0-9_.:/-]+$/;

/** Validate `pulumi stack output --json` content; errors name every missing or malformed key and how to produce the file. */
export function readRunTaskOutputs(value: unknown): RunTaskOutputs {
    if (!isObject(value)) throw new Error(`the outputs must be a JSON object as \`${OUTPUTS_COMMAND}\` writes it`);
    const missing = REQUIRED_OUTPUT_KEYS.filter((k) => value[k] === undefined || value[k] === null);
    if (missing.length > 0)
        throw new Error(`the outputs lack ${missing.join(", ")}; write them with \`${OUTPUTS_COMMAND}\` from a stack deployed by this program (index.ts exports them)`);
    const bad: string[] = [];
    const isId = (v: unknown) => typeof v === "string" && SHORTHAND_ID.test(v);
    if (!isId(value.clusterArn)) bad.push("clusterArn (an ECS cluster ARN)");
    if (typeof value.taskDefinitionFamily !== "string" || value.taskDefinitionFamily === "") bad.push("taskDefinitionFamily (a task family name)");
    if (!Array.isArray(value.taskSubnetIds) || value.taskSubnetIds.length === 0 || !value.taskSubnetIds.every(isId)) bad.push("taskSubnetIds (a non-empty list of subnet ids)");
    if (!isId(value.taskSecurityGroupId)) bad.push("taskSecurityGroupId (a security group id)");
    if (typeof value.assignPublicIp !== "boolean") bad.push("assignPublicIp (true or false)");
    if (value.containerName !== undefined && (typeof value.containerName !== "string" || value.containerName === "")) bad.push("containerName (a container name)");
    if (bad.length > 0) throw new Error(`the outputs have malformed ${bad.join(", ")}; write them with \`${OUTPUTS_COMMAND}\``);
    return {
        clusterArn: value.clusterArn as string,
        taskDefinitionFamily: value.taskDefinitionFamily as string,
        taskSubnetIds: value.taskSubnetIds as string[],
        taskSecurityGroupId: value.taskSecurityGroupId as string,
        assignPublicIp: value.assignPublicIp as boolean,
        containerName: (value.containerName as string | undefined) ?? DEFAULT_CONTAINER_NAME,
    };
}

/** The `--network-configuration` value in the AWS CLI shorthand syntax. */
export function networkConfiguration(o: RunTaskOutputs): string {
    return `awsvpcConfiguration={subnets=[${o.taskSubnetIds.join(",")}],securityGroups=[${o.taskSecurityGroupId}],assignPublicIp=${o.assignPublicIp ? "ENABLED" : "DISABLED"}}`;
}

/** The `--overrides` JSON that runs `command` (split like a shell would) in the web container. */
export function commandOverrides(containerName: string, command: string): string {
    const words = splitShellWords(command);
    if (words.length === 0) throw new Error('--command is empty; give the command to run, e.g. --command "python manage.py migrate"');
    return JSON.stringify({ containerOverrides: [{ name: containerName, command: words }] });
}

/**
 * The `aws ecs run-task` command for a stack's outputs, one option per line, quoted for a POSIX
 * shell: the cluster's region, the cluster, the task family (its latest revision), on-demand
 * Fargate through the capacity provider (no launch type, which the API refuses next to a
 * strategy), the service's subnets and security group, and with `command` the container override.
 */
export function runTaskCommand(outputs: unknown, options: { command?: string } = {}): string {
    const o = readRunTaskOutputs(outputs);
    const region = parseArn(o.clusterArn)?.region;
    const args: string[][] = [
        ...(region ? [["--region", region]] : []),
        ["--cluster", o.clusterArn],
        ["--task-definition", o.taskDefinitionFamily],
        ["--capacity-provider-strategy", "capacityProvider=FARGATE,weight=1"],
        ["--network-configuration", networkConfiguration(o)],
        ...(options.command !== undefined ? [["--overrides", commandOverrides(o.containerName, options.command)]] : []),
    ];
    return ["aws ecs run-task", ...args.map(([flag, value]) => `  ${flag} ${quoteShellWord(value)}`)].join(" \\\n");
}
