import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as dockerBuild from "@pulumi/docker-build";
import { contentTag } from "./lib/ecr/contentHash";
import { CpuArchitecture } from "./lib/enums";
import { IMAGE_OPTIONS } from "./options/imageOptions";
import { TASK_OPTIONS } from "./options/taskOptions";

export interface ContainerImageArgs {
    /** Repository URL to push to (`<account>.dkr.ecr.<region>.amazonaws.com/<name>`). Required. */
    repositoryUrl: pulumi.Input<string>;
    /** Build context directory. Required. */
    context: string;
    /**
     * Dockerfile path inside the context.
     * @default "Dockerfile"
     */
    dockerfile?: string;
    /**
     * CPU architecture of the task: decides the build platform.
     * @default "x86_64" (linux/amd64)
     */
    architecture?: CpuArchitecture;
    /**
     * Build arguments (`ARG` values); part of the content tag.
     * @default none
     */
    buildArgs?: Record<string, string>;
    /**
     * Keep a registry build cache in the repository under the `buildcache-<arch>` tag (BuildKit
     * `type=registry`, `mode=max`, `image-manifest=true`, `oci-mediatypes=true`, the form ECR stores),
     * so CI rebuilds reuse unchanged layers. The repository must let that tag be overwritten
     * (`IMMUTABLE_WITH_EXCLUSION` with `BUILD_CACHE_TAG_FILTER`, as `ImageRepository` sets with
     * `buildCacheTagFilter`).
     * @default false
     */
    buildCache?: boolean;
}

/** The Docker platform matching an ECS CPU architecture. */
export function platformFor(architecture: CpuArchitecture): dockerBuild.Platform {
    return architecture === "arm64" ? "linux/arm64" : "linux/amd64";
}

/** ECR tag filter (wildcard) of the build cache tags: they are overwritten on every build, the image tags never. */
export const BUILD_CACHE_TAG_FILTER = "buildcache-*";

/** The cache tag of one platform, e.g. `buildcache-amd64` (one per architecture, so arm64 and x86 caches do not evict each other). */
export function buildCacheTag(platform: string): string {
    return `buildcache-${platform.split("/").pop()}`;
}

/**
 * Builds the context with `@pulumi/docker-build` (BuildKit; it builds during `pulumi preview` too, so
 * a broken Dockerfile fails the preview) for the task's platform, tags it with a hash of exactly what
 * the build sees (no rebuild or push when nothing changed; a new tag whenever the image can change),
 * pushes it to ECR with a short-lived token, optionally caching layers in the same repository, and
 * exposes the image URI pinned by the pushed digest.
 */
export class ContainerImage extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:ContainerImage";

    readonly image: dockerBuild.Image;
    /** `repo@sha256:…`: what the task definition runs. */
    readonly imageUri: pulumi.Output<string>;
    readonly tag: string;

    constructor(name: string, args: ContainerImageArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ContainerImage.__pulumiType, name, {}, opts);
        const dockerfile = args.dockerfile ?? IMAGE_OPTIONS.dockerfile.default!;
        const platform = platformFor(args.architecture ?? TASK_OPTIONS.architecture.default!);
        this.tag = contentTag(args.context, dockerfile, platform, args.buildArgs);
        const repositoryUrl = pulumi.output(args.repositoryUrl);
        const registryId = repositoryUrl.apply((u) => u.split(".")[0]);
        const token = aws.ecr.getAuthorizationTokenOutput({ registryId }, { parent: this });
        const cacheRef = pulumi.interpolate`${repositoryUrl}:${buildCacheTag(platform)}`;
        this.image = new dockerBuild.Image(
            name,
            {
                tags: [pulumi.interpolate`${repositoryUrl}:${this.tag}`],
                context: { location: args.context },
                dockerfile: { location: path.join(args.context, dockerfile) },
                platforms: [platform],
                buildArgs: args.buildArgs,
                push: true,
                registries: [{ address: repositoryUrl.apply((u) => u.split("/")[0]), username: token.userName, password: pulumi.secret(token.password) }],
                cacheFrom: args.buildCache ? [{ registry: { ref: cacheRef } }] : undefined,
                cacheTo: args.buildCache ? [{ registry: { ref: cacheRef, mode: "max", imageManifest: true, ociMediaTypes: true } }] : undefined,
            },
            { parent: this },
        );
        // Pinned by the digest the push returned: the task runs exactly this image, whatever later happens to tags.
        this.imageUri = pulumi.interpolate`${repositoryUrl}@${this.image.digest}`;
        this.registerOutputs({ imageUri: this.imageUri });
    }
}
