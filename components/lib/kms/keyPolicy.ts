/** KMS key policies: the account administers the key; services use it only in a narrow context. */
import { PolicyDocument } from "../iam/iamStatements";

export interface KeyPolicyOptions {
    partition: string;
    region: string;
    accountId: string;
    /** Log group ARNs CloudWatch Logs may encrypt with this key (encryption context pinned to each). */
    logGroupArns: string[];
    /** ECS cluster name whose Fargate ephemeral storage may be encrypted with this key. */
    fargateClusterName?: string;
    /** Let CloudWatch alarms publish to SNS topics encrypted with this key. */
    allowCloudWatchAlarms?: boolean;
}

/**
 * A key policy: (1) the account root may administer and use the key through IAM (so roles with
 * explicit kms permissions, ECR and the ECS exec agent can use it); (2) CloudWatch Logs of this
 * region may use it only with the encryption context of the named log groups; (3) optionally,
 * Fargate may create data keys for the named cluster's ephemeral storage.
 */
export function buildKeyPolicy(o: KeyPolicyOptions): PolicyDocument {
    const statements: any[] = [
        {
            Sid: "AccountAdministersKey",
            Effect: "Allow",
            Principal: { AWS: `arn:${o.partition}:iam::${o.accountId}:root` },
            Action: "kms:*",
            Resource: "*",
        },
    ];
    if (o.logGroupArns.length > 0) {
        statements.push({
            Sid: "CloudWatchLogsUsesKeyForTheseLogGroups",
            Effect: "Allow",
            Principal: { Service: `logs.${o.region}.amazonaws.com` },
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resource: "*",
            Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": o.logGroupArns } },
        });
    }
    if (o.fargateClusterName) {
        const context = {
            "kms:EncryptionContext:aws:ecs:clusterAccount": [o.accountId],
            "kms:EncryptionContext:aws:ecs:clusterName": [o.fargateClusterName],
        };
        statements.push(
            {
                Sid: "FargateEncryptsEphemeralStorage",
                Effect: "Allow",
                Principal: { Service: "fargate.amazonaws.com" },
                Action: ["kms:GenerateDataKeyWithoutPlaintext"],
                Resource: "*",
                Condition: { StringEquals: context },
            },
            {
                Sid: "FargateGrantsDecryptForEphemeralStorage",
                Effect: "Allow",
                Principal: { Service: "fargate.amazonaws.com" },
                Action: ["kms:CreateGrant"],
                Resource: "*",
                Condition: { StringEquals: context, "ForAllValues:StringEquals": { "kms:GrantOperations": ["Decrypt"] } },
            },
        );
    }
    if (o.allowCloudWatchAlarms) {
        statements.push({
            Sid: "CloudWatchAlarmsPublishToEncryptedTopics",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": o.accountId } },
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}
