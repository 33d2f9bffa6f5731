import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { isTimeZone, validateScheduleExpression } from "./lib/ecs/ecsLimits";
import { CpuArchitecture } from "./lib/enums";
import { fargateTaskDefinitionArgs, taskDefinitionProblems } from "./lib/ecs/taskDefinition";
import { DEFAULT_SQS_KEY, deadLetterQueuePolicy, runTaskOverrides, schedulerRolePolicy, schedulerTrustPolicy } from "./lib/iam/scheduledTaskPolicies";
import { ServiceContainer } from "./fargateService";
import { autoNameProblems, scheduledTaskAutoNames } from "./lib/nameLimits";
import { ArgumentsError, Problems } from "./options/checks";
import { OptionProblem } from "./options/optionTable";

export interface ScheduledTaskArgs {
    /** When to run: `cron(min hour day-of-month month day-of-week year)`, `rate(N unit)` or `at(yyyy-mm-ddThh:mm:ss)`; checked before anything is created. Required. */
    schedule: string;
    /**
     * IANA time zone the schedule is read in, e.g. "Europe/Paris".
     * @default "UTC"
     */
    timezone?: string;
    /** Cluster the task runs in. Required. */
    clusterArn: pulumi.Input<string>;
    /**
     * Task definition to run, e.g. the service's (its exact revision runs). Give exactly one of this and `containers`.
     * @default none (give this or `containers`)
     */
    taskDefinitionArn?: pulumi.Input<string>;
    /**
     * Containers of a task definition of the task's own (secure defaults, cheapest size that fits). Give exactly one of this and `taskDefinitionArn`.
     * @default none (give this or `taskDefinitionArn`)
     */
    containers?: ServiceContainer[];
    /**
     * Task CPU units of its own task definition.
     * @default the cheapest size that fits
     */
    cpu?: number;
    /**
     * Task memory in MiB of its own task definition.
     * @default the cheapest size that fits
     */
    memory?: number;
    /**
     * CPU architecture of its own task definition.
     * @default "x86_64"
     */
    architecture?: CpuArchitecture;
    /**
     * Log group its own task definition's containers write to.
     * @default none (required with `containers`)
     */
    logGroupName?: pulumi.Input<string>;
    /** Subnets the task runs in. Required. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Security groups of the task (e.g. the service's task security group). Required. */
    securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Give the task a public IP (only the no-NAT mode needs one).
     * @default false
     */
    assignPublicIp?: pulumi.Input<boolean>;
    /**
     * Container whose command is overridden.
     * @default "app", or the first of `containers`
     */
    containerName?: string;
    /**
     * Command run in that container instead of its CMD, e.g. ["python", "manage.py", "clearsessions"].
     * @default the container's own command
     */
    command?: string[];
    /** The task's execution role: the scheduler may pass it, and only to ECS tasks. Required. */
    executionRoleArn: pulumi.Input<string>;
    /** The task's task role: the scheduler may pass it, and only to ECS tasks. Required. */
    taskRoleArn: pulumi.Input<string>;
    /**
     * Customer-managed key of the dead-letter queue (the scheduler role may use it).
     * @default the AWS managed key alias/aws/sqs
     */
    kmsKeyArn?: pulumi.Input<string>;
    /**
     * Retries of a failed RunTask call before the event goes to the dead-letter queue (0–185).
     * @default 3
     */
    maximumRetryAttempts?: number;
    /**
     * Seconds the scheduler keeps retrying one invocation (60–86400).
     * @default 3600
     */
    maximumEventAgeSeconds?: number;
    /**
     * Days a dead letter stays in the queue (1–14).
     * @default 14
     */
    deadLetterRetentionDays?: number;
    /**
     * Tags of the queue, role and its own task definition (tasks get their task definition's tags).
     * @default none
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Every problem with the arguments, each with its argument, value and what is allowed: the schedule,
 * the time zone, the command, the task definition source and the retry limits.
 */
export function scheduledTaskArgsProblems(args: Partial<ScheduledTaskArgs>): OptionProblem[] {
    const p = new Problems("");
    const scheduleProblem = validateScheduleExpression(args.schedule);
    if (scheduleProblem) p.add("schedule", args.schedule, scheduleProblem);
    if (args.timezone !== undefined && !isTimeZone(args.timezone)) p.add("timezone", args.timezone, 'is not an IANA time zone such as "UTC" or "Europe/Paris"');
    if (args.command !== undefined && (!Array.isArray(args.command) || args.command.length === 0 || args.command.some((w) => typeof w !== "string" || w === "")))
        p.add("command", args.command, 'must be a non-empty list of non-empty strings, e.g. ["python", "manage.py", "clearsessions"]');
    if ((args.taskDefinitionArn === undefined) === (args.containers === undefined))
        p.add("taskDefinitionArn", args.taskDefinitionArn, "give exactly one of taskDefinitionArn (e.g. the service's) and containers (a task definition of its own)");
    if (args.containers !== undefined && args.logGroupName === undefined) p.add("logGroupName", undefined, "containers need logGroupName (the log group the task writes to)");
    p.intIn("maximumRetryAttempts", args.maximumRetryAttempts, 0, 185);
    p.intIn("maximumEventAgeSeconds", args.maximumEventAgeSeconds, 60, 86400, " seconds");
    p.intIn("deadLetterRetentionDays", args.deadLetterRetentionDays, 1, 14, " days");
    return p.list;
}

/**
 * An ECS task on a schedule: an EventBridge Scheduler schedule (no flexible window, a retry policy)
 * that runs a Fargate task (the service's task definition or one of its own) with an optional
 * command override, a role only the scheduler can assume that may run just that task family in just
 * that cluster and pass just its two roles to ECS, and an encrypted dead-letter queue for invocations
 * that still fail after the retries.
 */
export class ScheduledTask extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:ScheduledTask";

    readonly schedule: aws.scheduler.Schedule;
    readonly role: aws.iam.Role;
    readonly deadLetterQueue: aws.sqs.Queue;
    /** The task definition of its own; absent when it runs `taskDefinitionArn`. */
    readonly taskDefinition?: aws.ecs.TaskDefinition;
    /** The task definition it runs (for `aws ecs run-task` too). */
    readonly taskDefinitionArn: pulumi.Output<string>;
    /** Its family, as `fargatekit run-task` takes it. */
    readonly taskDefinitionFamily: pulumi.Output<string>;
    readonly scheduleName: pulumi.Output<string>;
    readonly deadLetterQueueUrl: pulumi.Output<string>;

    constructor(name: string, args: ScheduledTaskArgs, opts?: pulumi.ComponentResourceOptions) {
        // Checked before the component registers: a refused argument creates nothing.
        const problems = scheduledTaskArgsProblems(args);
        const nameProblems = autoNameProblems(scheduledTaskAutoNames(name));
        if (nameProblems.length > 0) problems.push({ path: "(name)", value: name, message: `the name is too long: ${nameProblems.join("; ")}` });
        if (args.containers !== undefined)
            for (const message of taskDefinitionProblems(args.containers, args.containerName ?? args.containers[0]?.name, args.cpu, args.memory))
                problems.push({ path: "containers", value: args.containers.map((c) => c.name), message });
        if (problems.length > 0) throw new ArgumentsError(`ScheduledTask ${name}`, problems);
        super(ScheduledTask.__pulumiType, name, {}, opts);
        const containerName = args.containerName ?? args.containers?.[0]?.name ?? "app";

        if (args.containers !== undefined) {
            const built = fargateTaskDefinitionArgs({
                family: name,
                containers: args.containers,
                mainContainerName: containerName,
                cpu: args.cpu,
                memory: args.memory,
                architecture: args.architecture,
                executionRoleArn: args.executionRoleArn,
                taskRoleArn: args.taskRoleArn,
                logGroupName: args.logGroupName!,
                region: aws.getRegionOutput({}, { parent: this }).region,
                tags: args.tags,
            });
            this.taskDefinition = new aws.ecs.TaskDefinition(name, built.args, { parent: this });
            this.taskDefinitionArn = this.taskDefinition.arn;
            this.taskDefinitionFamily = this.taskDefinition.family;
        } else {
            this.taskDefinitionArn = pulumi.output(args.taskDefinitionArn!);
            this.taskDefinitionFamily = this.taskDefinitionArn.apply((a) => a.split("/").pop()!.split(":")[0]);
        }

        const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        this.role = new aws.iam.Role(
            `${name}-scheduler`,
            {
                assumeRolePolicy: account.apply((a) => JSON.stringify(schedulerTrustPolicy(a))),
                description: `EventBridge Scheduler runs the ${name} task with this role`,
                tags: args.tags,
            },
            { parent: this },
        );
        this.deadLetterQueue = new aws.sqs.Queue(
            `${name}-dlq`,
            { kmsMasterKeyId: args.kmsKeyArn ?? DEFAULT_SQS_KEY, messageRetentionSeconds: (args.deadLetterRetentionDays ?? 14) * 86400, tags: args.tags },
            { parent: this },
        );
        new aws.sqs.QueuePolicy(
            `${name}-dlq`,
            { queueUrl: this.deadLetterQueue.url, policy: pulumi.all([this.deadLetterQueue.arn, this.role.arn]).apply(([q, r]) => JSON.stringify(deadLetterQueuePolicy(q, r))) },
            { parent: this },
        );
        const rolePolicy = new aws.iam.RolePolicy(
            `${name}-scheduler`,
            {
                role: this.role.id,
                policy: pulumi
                    .all([this.taskDefinitionArn, args.clusterArn, args.executionRoleArn, args.taskRoleArn, this.deadLetterQueue.arn, args.kmsKeyArn])
                    .apply(([taskDefinitionArn, clusterArn, executionRoleArn, taskRoleArn, deadLetterQueueArn, kmsKeyArn]) =>
                        JSON.stringify(schedulerRolePolicy({ taskDefinitionArn, clusterArn, passRoleArns: [executionRoleArn, taskRoleArn], deadLetterQueueArn, kmsKeyArn })),
                    ),
            },
            { parent: this },
        );

        this.schedule = new aws.scheduler.Schedule(
            `${name}-schedule`,
            {
                description: `Runs the ${name} task: ${args.schedule}`,
                scheduleExpression: args.schedule,
                scheduleExpressionTimezone: args.timezone ?? "UTC",
                flexibleTimeWindow: { mode: "OFF" },
                state: "ENABLED",
                target: {
                    arn: args.clusterArn,
                    // Invoked only once the role can run the task: the schedule waits for the role's policy.
                    roleArn: pulumi.all([this.role.arn, rolePolicy.id]).apply(([arn]) => arn),
                    input: runTaskOverrides(containerName, args.command),
                    retryPolicy: { maximumRetryAttempts: args.maximumRetryAttempts ?? 3, maximumEventAgeInSeconds: args.maximumEventAgeSeconds ?? 3600 },
                    deadLetterConfig: { arn: this.deadLetterQueue.arn },
                    ecsParameters: {
                        taskDefinitionArn: this.taskDefinitionArn,
                        taskCount: 1,
                        capacityProviderStrategies: [{ capacityProvider: "FARGATE", base: 0, weight: 1 }],
                        networkConfiguration: { subnets: args.subnetIds, securityGroups: args.securityGroupIds, assignPublicIp: args.assignPublicIp ?? false },
                        enableEcsManagedTags: true,
                        propagateTags: "TASK_DEFINITION",
                    },
                },
            },
            { parent: this },
        );
        this.scheduleName = this.schedule.name;
        this.deadLetterQueueUrl = this.deadLetterQueue.url;
        this.registerOutputs({
            scheduleName: this.scheduleName,
            taskDefinitionArn: this.taskDefinitionArn,
            taskDefinitionFamily: this.taskDefinitionFamily,
            deadLetterQueueUrl: this.deadLetterQueueUrl,
        });
    }
}
