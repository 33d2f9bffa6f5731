import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as docker from "@pulumi/docker";
import { contentTag } from "./lib/contentHash";
import { CpuArchitecture } from "./lib/enums";

export interface ContainerImageArgs {
    /** Repository URL to push to (`<account>.dkr.ecr.<region>.amazonaws.com/<name>`). Required. */
    repositoryUrl: pulumi.Input<string>;
    /** Build context directory. Required. */
    context: string;
    /** Dockerfile path inside the context. Default: "Dockerfile". */
    dockerfile?: string;
    /** CPU architecture of the task: decides the build platform. Default: "x86_64" (linux/amd64). */
    architecture?: CpuArchitecture;
}

/** The Docker platform matching an ECS CPU architecture. */
export function platformFor(architecture: CpuArchitecture): string {
    return architecture === "arm64" ? "linux/arm64" : "linux/amd64";
}

/**
 * Builds the context for the task's platform, tags it with a hash of its content (no rebuild or
 * push when nothing changed), pushes it to ECR with a short-lived token, and exposes the image URI
 * pinned by digest.
 */
export class ContainerImage extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:ContainerImage";

    readonly image: docker.Image;
    /** `repo@sha256:…`: what the task definition runs. */
    readonly imageUri: pulumi.Output<string>;
    readonly tag: string;

    constructor(name: string, args: ContainerImageArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ContainerImage.__pulumiType, name, {}, opts);
        const dockerfile = args.dockerfile ?? "Dockerfile";
        const platform = platformFor(args.architecture ?? "x86_64");
        this.tag = contentTag(args.context, dockerfile, platform);
        const registryId = pulumi.output(args.repositoryUrl).apply((u) => u.split(".")[0]);
        const token = aws.ecr.getAuthorizationTokenOutput({ registryId }, { parent: this });
        this.image = new docker.Image(
            name,
            {
                imageName: pulumi.interpolate`${args.repositoryUrl}:${this.tag}`,
                build: { context: args.context, dockerfile: path.join(args.context, dockerfile), platform },
                registry: {
                    server: pulumi.output(args.repositoryUrl).apply((u) => u.split("/")[0]),
                    username: token.userName,
                    password: pulumi.secret(token.password),
                },
            },
            { parent: this },
        );
        this.imageUri = this.image.repoDigest;
        this.registerOutputs({ imageUri: this.imageUri });
    }
}
