import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

import { ContainerInsights } from "./lib/enums";
import { CLUSTER_OPTIONS } from "./options/clusterOptions";

export interface ClusterArgs {
    /**
     * Container Insights level.
     * @default "disabled" (it is billed as custom metrics)
     */
    containerInsights?: ContainerInsights;
    /** KMS key for ECS Exec sessions, exec logs and Fargate ephemeral storage. Required. */
    kmsKeyArn: pulumi.Input<string>;
    /**
     * Log group that records ECS Exec sessions (encrypted).
     * @default exec logging not configured
     */
    execLogGroupName?: pulumi.Input<string>;
    /**
     * Cluster name.
     * @default auto-named
     */
    name?: pulumi.Input<string>;
    /**
     * Tags.
     * @default none
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * An ECS cluster with FARGATE and FARGATE_SPOT capacity providers, Container Insights at the chosen
 * level, Fargate ephemeral storage encrypted with the service key, and (when an exec log group is
 * given) ECS Exec sessions encrypted and logged to it.
 */
export class Cluster extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:Cluster";

    readonly cluster: aws.ecs.Cluster;
    readonly capacityProviders: aws.ecs.ClusterCapacityProviders;
    readonly arn: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;

    constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super(Cluster.__pulumiType, name, {}, opts);
        this.cluster = new aws.ecs.Cluster(
            name,
            {
                name: args.name,
                settings: [{ name: "containerInsights", value: args.containerInsights ?? CLUSTER_OPTIONS.containerInsights.default! }],
                configuration: {
                    executeCommandConfiguration: args.execLogGroupName
                        ? { kmsKeyId: args.kmsKeyArn, logging: "OVERRIDE", logConfiguration: { cloudWatchLogGroupName: args.execLogGroupName, cloudWatchEncryptionEnabled: true } }
                        : undefined,
                    managedStorageConfiguration: { fargateEphemeralStorageKmsKeyId: args.kmsKeyArn },
                },
                tags: args.tags,
            },
            { parent: this },
        );
        this.capacityProviders = new aws.ecs.ClusterCapacityProviders(
            name,
            {
                clusterName: this.cluster.name,
                capacityProviders: ["FARGATE", "FARGATE_SPOT"],
                defaultCapacityProviderStrategies: [{ capacityProvider: "FARGATE", base: 1, weight: 1 }],
            },
            { parent: this },
        );
        this.arn = this.cluster.arn;
        this.name = this.cluster.name;
        this.registerOutputs({ arn: this.arn, name: this.name });
    }
}
