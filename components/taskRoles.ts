import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { PolicyStatement, policyDocument, taskRoleStatementProblems } from "./lib/iam/iamStatements";
import { ecsTasksTrustPolicy, execCommandPolicy, executionRolePolicy } from "./lib/iam/rolePolicies";
import { ArgumentsError } from "./options/checks";
import { OptionProblem } from "./options/optionTable";

export interface TaskRolesArgs {
    /**
     * ECR repository ARNs the execution role may pull from.
     * @default none (public images)
     */
    repositoryArns?: pulumi.Input<pulumi.Input<string>[]>;
    /** The service's log group ARN. Required. */
    logGroupArn: pulumi.Input<string>;
    /**
     * `valueFrom` ARNs of the containers' secrets.
     * @default none
     */
    secretValueFroms?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * KMS keys that protect the repository and secrets (decrypt is granted on exactly these).
     * @default none
     */
    kmsKeyArns?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Statements for the app's task role.
     * @default none (the role can do nothing)
     */
    taskRoleStatements?: PolicyStatement[];
    /**
     * Accept `*` / `service:*` actions or writes on `*` in `taskRoleStatements`.
     * @default false
     */
    allowBroadTaskRolePermissions?: boolean;
    /**
     * Grant what ECS Exec needs (ssmmessages, exec log writes, exec key).
     * @default false
     */
    enableExecuteCommand?: boolean;
    /**
     * Exec session log group ARN.
     * @default none (required with enableExecuteCommand)
     */
    execLogGroupArn?: pulumi.Input<string>;
    /**
     * Exec session KMS key ARN.
     * @default none (required with enableExecuteCommand)
     */
    execKmsKeyArn?: pulumi.Input<string>;
    /**
     * Tags.
     * @default none
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Every problem with the roles' arguments: task role statements that are invalid, or broad without the escape hatch; ECS Exec without its log group and key. */
export function taskRolesArgsProblems(args: TaskRolesArgs): OptionProblem[] {
    const statements = args.taskRoleStatements ?? [];
    const problems: OptionProblem[] = taskRoleStatementProblems(statements)
        .filter((p) => p.kind === "invalid" || !args.allowBroadTaskRolePermissions)
        .map((p) => ({
            path: `taskRoleStatements[${p.index}]`,
            value: statements[p.index],
            message: p.message + (p.kind === "broad" ? " (name the actions and resources, or set allowBroadTaskRolePermissions to accept it deliberately)" : ""),
        }));
    if (args.enableExecuteCommand && (!args.execLogGroupArn || !args.execKmsKeyArn))
        problems.push({ path: "enableExecuteCommand", value: true, message: "needs execLogGroupArn and execKmsKeyArn (exec sessions are logged encrypted)" });
    return problems;
}

/**
 * The execution role (used by ECS to pull the image, write logs and fetch secrets) and the task role
 * (used by the app), both trusting only this account's ECS tasks, each with one scoped inline policy.
 */
export class TaskRoles extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:TaskRoles";

    readonly executionRole: aws.iam.Role;
    readonly executionPolicy: aws.iam.RolePolicy;
    readonly taskRole: aws.iam.Role;
    readonly taskPolicy?: aws.iam.RolePolicy;
    readonly execPolicy?: aws.iam.RolePolicy;

    constructor(name: string, args: TaskRolesArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = taskRolesArgsProblems(args);
        if (problems.length > 0) throw new ArgumentsError(`TaskRoles ${name}`, problems);
        super(TaskRoles.__pulumiType, name, {}, opts);
        const statements = args.taskRoleStatements ?? [];
        const region = aws.getRegionOutput({}, { parent: this });
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });
        const trust = pulumi.all([partition.partition, region.region, identity.accountId]).apply(([p, r, a]) => JSON.stringify(ecsTasksTrustPolicy(p, r, a)));

        this.executionRole = new aws.iam.Role(
            `${name}-execution`,
            { assumeRolePolicy: trust, description: "ECS pulls the image, writes logs and reads secrets with this role", tags: args.tags },
            { parent: this },
        );
        this.executionPolicy = new aws.iam.RolePolicy(
            `${name}-execution`,
            {
                role: this.executionRole.id,
                policy: pulumi
                    .all([args.repositoryArns ?? [], args.logGroupArn, args.secretValueFroms ?? [], args.kmsKeyArns ?? []])
                    .apply(([repos, logGroupArn, secrets, keys]) =>
                        JSON.stringify(
                            executionRolePolicy({ repositoryArns: repos as string[], logGroupArn, secretValueFroms: secrets as string[], kmsKeyArns: keys as string[] }),
                        ),
                    ),
            },
            { parent: this },
        );
        this.taskRole = new aws.iam.Role(`${name}-task`, { assumeRolePolicy: trust, description: "The application's own AWS permissions", tags: args.tags }, { parent: this });
        if (statements.length > 0) {
            this.taskPolicy = new aws.iam.RolePolicy(
                `${name}-task`,
                { role: this.taskRole.id, policy: JSON.stringify(policyDocument(statements.map((s) => ({ ...s, Effect: s.Effect ?? "Allow" })))) },
                { parent: this },
            );
        }
        if (args.enableExecuteCommand) {
            this.execPolicy = new aws.iam.RolePolicy(
                `${name}-exec`,
                { role: this.taskRole.id, policy: pulumi.all([args.execLogGroupArn!, args.execKmsKeyArn!]).apply(([lg, key]) => JSON.stringify(execCommandPolicy(lg, key))) },
                { parent: this },
            );
        }
        this.registerOutputs({ executionRoleArn: this.executionRole.arn, taskRoleArn: this.taskRole.arn });
    }
}
