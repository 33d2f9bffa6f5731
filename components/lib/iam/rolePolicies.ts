/** The IAM documents of the task roles, as pure functions. */
import { PolicyDocument, PolicyStatementInput, policyDocument } from "./iamStatements";
import { secretGrantArn } from "./arns";

/**
 * Trust policy for ECS task roles: only `ecs-tasks.amazonaws.com`, and only on behalf of this
 * account's ECS tasks (confused-deputy conditions).
 */
export function ecsTasksTrustPolicy(partition: string, region: string, accountId: string): object {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "ecs-tasks.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: {
                    StringEquals: { "aws:SourceAccount": accountId },
                    ArnLike: { "aws:SourceArn": `arn:${partition}:ecs:${region}:${accountId}:*` },
                },
            },
        ],
    };
}

export interface ExecutionPolicyInput {
    /** ECR repositories the task pulls from (none for public or third-party images). */
    repositoryArns: string[];
    /** The service's log group ARN. */
    logGroupArn: string;
    /** `valueFrom` of every secret the containers reference. */
    secretValueFroms: string[];
    /** KMS keys that protect those secrets (and the repository). */
    kmsKeyArns: string[];
}

/**
 * The execution role's permissions, exactly: the ECR token (AWS cannot scope it), image pulls from
 * the repositories, log writes to the log group, reads of the referenced secrets, and decrypt on
 * the keys that protect them. Empty sections are left out.
 */
export function executionRolePolicy(i: ExecutionPolicyInput): PolicyDocument {
    const s: PolicyStatementInput[] = [];
    if (i.repositoryArns.length > 0) {
        s.push({ Sid: "EcrToken", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" });
        s.push({ Sid: "PullImage", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: i.repositoryArns });
    }
    s.push({ Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [`${i.logGroupArn}:*`] });
    const sm = [...new Set(i.secretValueFroms.filter((v) => v.includes(":secretsmanager:")).map(secretGrantArn))].sort();
    const ssm = [...new Set(i.secretValueFroms.filter((v) => v.includes(":ssm:")))].sort();
    if (sm.length > 0) s.push({ Sid: "ReadSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: sm });
    if (ssm.length > 0) s.push({ Sid: "ReadParameters", Effect: "Allow", Action: "ssm:GetParameters", Resource: ssm });
    const keys = [...new Set(i.kmsKeyArns)].sort();
    if (keys.length > 0 && (sm.length > 0 || ssm.length > 0 || i.repositoryArns.length > 0)) {
        s.push({ Sid: "DecryptWithServiceKeys", Effect: "Allow", Action: "kms:Decrypt", Resource: keys });
    }
    return policyDocument(s);
}

/**
 * What ECS Exec needs in the task role: the four ssmmessages channel actions (unscopable), and,
 * because sessions are logged encrypted, writes to the exec log group and decrypt on its key.
 */
export function execCommandPolicy(logGroupArn: string, kmsKeyArn: string): PolicyDocument {
    return policyDocument([
        {
            Sid: "ExecChannels",
            Effect: "Allow",
            Action: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
            Resource: "*",
        },
        { Sid: "ExecSessionLogGroups", Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
        { Sid: "ExecSessionLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], Resource: [`${logGroupArn}:*`] },
        { Sid: "ExecSessionKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [kmsKeyArn] },
    ]);
}
