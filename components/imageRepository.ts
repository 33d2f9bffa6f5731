import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { IMAGE_OPTIONS } from "./options/imageOptions";

export interface ImageRepositoryArgs {
    /**
     * Repository name.
     * @default auto-named from the component name
     */
    name?: pulumi.Input<string>;
    /** KMS key ARN that encrypts images. Required: images are encrypted with a customer-managed key. */
    kmsKeyArn: pulumi.Input<string>;
    /**
     * Tagged images to keep; older ones expire.
     * @default 10
     */
    keepTaggedImages?: pulumi.Input<number>;
    /**
     * Let `pulumi destroy` delete the repository with its images.
     * @default false
     */
    forceDelete?: pulumi.Input<boolean>;
    /**
     * Protect the repository from `pulumi destroy`.
     * @default false
     */
    protect?: boolean;
    /**
     * Tag filter (ECR wildcard) of a build cache the image build overwrites, e.g. "buildcache-*"; the
     * repository then is IMMUTABLE_WITH_EXCLUSION for exactly those tags.
     * @default none (IMMUTABLE)
     */
    buildCacheTagFilter?: string;
    /**
     * Tags.
     * @default none
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** The expiry rules: untagged images after 1 day, tagged beyond the newest N. */
export function lifecyclePolicyDocument(keepTagged: number): string {
    return JSON.stringify({
        rules: [
            {
                rulePriority: 1,
                description: "Expire untagged images after 1 day",
                selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 1 },
                action: { type: "expire" },
            },
            {
                rulePriority: 2,
                description: `Keep the last ${keepTagged} tagged images`,
                selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keepTagged },
                action: { type: "expire" },
            },
        ],
    });
}

/** A private ECR repository: scan on push, immutable tags, KMS encryption, and a lifecycle policy. */
export class ImageRepository extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:ImageRepository";

    readonly repository: aws.ecr.Repository;
    readonly lifecyclePolicy: aws.ecr.LifecyclePolicy;
    readonly arn: pulumi.Output<string>;
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: ImageRepositoryArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ImageRepository.__pulumiType, name, {}, opts);
        this.repository = new aws.ecr.Repository(
            name,
            {
                name: args.name,
                imageScanningConfiguration: { scanOnPush: true },
                // Immutable tags; with a build cache, only its tags (never an image tag) may be overwritten.
                imageTagMutability: args.buildCacheTagFilter ? "IMMUTABLE_WITH_EXCLUSION" : "IMMUTABLE",
                imageTagMutabilityExclusionFilters: args.buildCacheTagFilter ? [{ filterType: "WILDCARD", filter: args.buildCacheTagFilter }] : undefined,
                encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: args.kmsKeyArn }],
                forceDelete: args.forceDelete ?? IMAGE_OPTIONS.forceDeleteRepository.default!,
                tags: args.tags,
            },
            { parent: this, protect: args.protect },
        );
        this.lifecyclePolicy = new aws.ecr.LifecyclePolicy(
            name,
            { repository: this.repository.name, policy: pulumi.output(args.keepTaggedImages ?? IMAGE_OPTIONS.keepTaggedImages.default!).apply(lifecyclePolicyDocument) },
            { parent: this },
        );
        this.arn = this.repository.arn;
        this.url = this.repository.repositoryUrl;
        this.registerOutputs({ arn: this.arn, url: this.url });
    }
}
