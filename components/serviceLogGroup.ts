import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { LOGS_OPTIONS } from "./options/logsOptions";

export interface ServiceLogGroupArgs {
    /** Log group name. Required: the key policy and the roles are scoped to it. */
    name: pulumi.Input<string>;
    /**
     * Retention in days (a CloudWatch value).
     * @default 30
     */
    retentionInDays?: pulumi.Input<number>;
    /** KMS key ARN that encrypts the group. Required: logs are always encrypted. */
    kmsKeyArn: pulumi.Input<string>;
    /**
     * Protect the group from `pulumi destroy`.
     * @default false
     */
    protect?: boolean;
    /**
     * Tags.
     * @default none
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** One KMS-encrypted CloudWatch log group with finite retention. */
export class ServiceLogGroup extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:ServiceLogGroup";

    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly name: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;

    constructor(name: string, args: ServiceLogGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ServiceLogGroup.__pulumiType, name, {}, opts);
        this.logGroup = new aws.cloudwatch.LogGroup(
            name,
            { name: args.name, retentionInDays: args.retentionInDays ?? LOGS_OPTIONS.retentionDays.default!, kmsKeyId: args.kmsKeyArn, tags: args.tags },
            { parent: this, protect: args.protect },
        );
        this.name = this.logGroup.name;
        this.arn = this.logGroup.arn;
        this.registerOutputs({ name: this.name, arn: this.arn });
    }
}
