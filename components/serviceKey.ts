import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { buildKeyPolicy } from "./lib/kms/keyPolicy";

export interface ServiceKeyArgs {
    /**
     * What the key protects, for the key's description.
     * @default "fargatekit service key"
     */
    description?: pulumi.Input<string>;
    /**
     * Log group names CloudWatch Logs may encrypt with this key.
     * @default none
     */
    logGroupNames?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * ECS cluster name whose Fargate ephemeral storage uses this key.
     * @default none
     */
    fargateClusterName?: pulumi.Input<string>;
    /**
     * Let CloudWatch alarms publish to SNS topics encrypted with this key.
     * @default false
     */
    allowCloudWatchAlarms?: boolean;
    /**
     * Days before a deleted key is destroyed (7–30).
     * @default 30, the longest undo window
     */
    deletionWindowInDays?: pulumi.Input<number>;
    /**
     * Protect the key from `pulumi destroy`.
     * @default false
     */
    protect?: boolean;
    /**
     * Tags.
     * @default none
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * A customer-managed KMS key with rotation on and a policy that lets CloudWatch Logs use it only for
 * the named log groups (and Fargate only for the named cluster's ephemeral storage).
 */
export class ServiceKey extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:ServiceKey";

    readonly key: aws.kms.Key;
    readonly arn: pulumi.Output<string>;

    constructor(name: string, args: ServiceKeyArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super(ServiceKey.__pulumiType, name, {}, opts);
        const region = aws.getRegionOutput({}, { parent: this });
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });
        const policy = pulumi
            .all([partition.partition, region.region, identity.accountId, args.logGroupNames ?? [], args.fargateClusterName])
            .apply(([p, r, acct, names, cluster]) =>
                JSON.stringify(
                    buildKeyPolicy({
                        partition: p,
                        region: r,
                        accountId: acct,
                        logGroupArns: (names as string[]).map((n) => `arn:${p}:logs:${r}:${acct}:log-group:${n}`),
                        fargateClusterName: cluster,
                        allowCloudWatchAlarms: args.allowCloudWatchAlarms,
                    }),
                ),
            );
        this.key = new aws.kms.Key(
            name,
            {
                description: args.description ?? "fargatekit service key",
                enableKeyRotation: true,
                deletionWindowInDays: args.deletionWindowInDays ?? 30,
                policy,
                tags: args.tags,
            },
            { parent: this, protect: args.protect },
        );
        this.arn = this.key.arn;
        this.registerOutputs({ arn: this.arn });
    }
}
