/**
 * What a scheduled ECS task needs besides its schedule: the scheduler role's trust and permissions,
 * the dead-letter queue's policy, and the RunTask overrides the schedule passes. Pure functions.
 */
import { PolicyDocument, PolicyStatementInput, policyDocument } from "./iamStatements";

/** The key an SQS queue is encrypted with when no customer-managed key is given (the AWS managed SQS key). */
export const DEFAULT_SQS_KEY = "alias/aws/sqs";

/** Trust policy: only EventBridge Scheduler (`scheduler.amazonaws.com`), and only on behalf of this account. */
export function schedulerTrustPolicy(accountId: string): object {
    return {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Principal: { Service: "scheduler.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": accountId } } },
        ],
    };
}

/**
 * The family ARN pattern of a task definition ARN, matching every revision:
 * `arn:aws:ecs:us-east-1:123456789012:task-definition/web:7` → `…:task-definition/web:*`.
 */
export function taskDefinitionFamilyArn(taskDefinitionArn: string): string {
    const m = /^(arn:[^:]+:ecs:[^:]*:[^:]*:task-definition\/[A-Za-z0-9_-]+)(:\d+)?$/.exec(taskDefinitionArn);
    if (!m) throw new Error(`"${taskDefinitionArn}" is not an ECS task definition ARN (arn:aws:ecs:<region>:<account>:task-definition/<family>[:<revision>])`);
    return `${m[1]}:*`;
}

/**
 * The ARN pattern of the tasks RunTask starts in a cluster:
 * `arn:aws:ecs:us-east-1:123456789012:cluster/web-prod` → `arn:aws:ecs:us-east-1:123456789012:task/web-prod/*`.
 */
export function clusterTasksArn(clusterArn: string): string {
    const m = /^(arn:[^:]+:ecs:[^:]*:[^:]*):cluster\/([A-Za-z0-9_-]+)$/.exec(clusterArn);
    if (!m) throw new Error(`"${clusterArn}" is not an ECS cluster ARN (arn:aws:ecs:<region>:<account>:cluster/<name>)`);
    return `${m[1]}:task/${m[2]}/*`;
}

/** What the scheduler role may touch. */
export interface SchedulerPolicyInput {
    /** The task definition the schedule runs (any revision of its family may be run). */
    taskDefinitionArn: string;
    /** The cluster the tasks must run in. */
    clusterArn: string;
    /** The task's execution and task roles: the only roles the scheduler may pass, and only to ECS tasks. */
    passRoleArns: string[];
    /** The dead-letter queue. */
    deadLetterQueueArn: string;
    /** The customer-managed key of the dead-letter queue; none with the AWS managed SQS key. */
    kmsKeyArn?: string;
}

/**
 * The scheduler role's permissions: `ecs:RunTask` on the task definition's family in that cluster
 * only, tagging only the tasks RunTask creates there, `iam:PassRole` on exactly the task's two roles
 * and only to `ecs-tasks.amazonaws.com`, and sending failed invocations to the dead-letter queue
 * (with its key, when the key is customer-managed).
 */
export function schedulerRolePolicy(i: SchedulerPolicyInput): PolicyDocument {
    const s: PolicyStatementInput[] = [
        {
            Sid: "RunTheTask",
            Effect: "Allow",
            Action: "ecs:RunTask",
            Resource: [taskDefinitionFamilyArn(i.taskDefinitionArn)],
            Condition: { ArnEquals: { "ecs:cluster": i.clusterArn } },
        },
        {
            Sid: "TagTheTask",
            Effect: "Allow",
            Action: "ecs:TagResource",
            Resource: [clusterTasksArn(i.clusterArn)],
            Condition: { StringEquals: { "ecs:CreateAction": "RunTask" } },
        },
        {
            Sid: "PassTheTaskRoles",
            Effect: "Allow",
            Action: "iam:PassRole",
            Resource: [...new Set(i.passRoleArns)],
            Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
        },
        { Sid: "DeadLetters", Effect: "Allow", Action: "sqs:SendMessage", Resource: [i.deadLetterQueueArn] },
    ];
    if (i.kmsKeyArn !== undefined) s.push({ Sid: "EncryptDeadLetters", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [i.kmsKeyArn] });
    return policyDocument(s);
}

/**
 * The dead-letter queue's policy: the scheduler role may send to it, and nobody may use it over
 * plain HTTP.
 */
export function deadLetterQueuePolicy(queueArn: string, schedulerRoleArn: string): object {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "SchedulerSendsDeadLetters", Effect: "Allow", Principal: { AWS: schedulerRoleArn }, Action: "sqs:SendMessage", Resource: queueArn },
            { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: queueArn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
    };
}

/** The RunTask overrides (the schedule target's input) that run `command` in `containerName`; undefined without a command. */
export function runTaskOverrides(containerName: string, command: string[] | undefined): string | undefined {
    if (command === undefined) return undefined;
    return JSON.stringify({ containerOverrides: [{ name: containerName, command }] });
}
