/** Where the web container's image comes from: a prebuilt URI, or a build pushed to ECR. */
import * as pulumi from "@pulumi/pulumi";
import { OptionProblem, OptionTable, Resolved, applyDefaults } from "./optionTable";
import { Problems, isKnown } from "./checks";

export interface ImageOptions {
    /**
     * Prebuilt image URI to run; no build. Give exactly one of `uri` and `buildContext`.
     * @default none
     */
    uri?: pulumi.Input<string>;
    /**
     * Directory with the Dockerfile; built for the task's architecture and pushed to a private ECR repository.
     * @default none
     */
    buildContext?: string;
    /**
     * Dockerfile inside `buildContext`.
     * @default "Dockerfile"
     */
    dockerfile?: string;
    /**
     * Push to this existing repository (URL) instead of creating one.
     * @default a new repository
     */
    existingRepositoryUrl?: pulumi.Input<string>;
    /**
     * ARN of `existingRepositoryUrl` (the execution role may pull from exactly it). Required with it.
     * @default none
     */
    existingRepositoryArn?: pulumi.Input<string>;
    /**
     * Tagged images kept in the new repository (older ones expire; untagged ones after a day).
     * @default 10
     */
    keepTaggedImages?: number;
    /**
     * Let `pulumi destroy` delete the repository with its images.
     * @default false
     */
    forceDeleteRepository?: boolean;
}

export const IMAGE_OPTIONS: OptionTable<ImageOptions> = {
    uri: { description: "Prebuilt image URI to run; no build happens. Give exactly one of `image` and `buildContext`." },
    buildContext: { description: "Directory (relative to the project) with the Dockerfile to build and push to a private ECR repository." },
    dockerfile: { default: "Dockerfile", description: "Dockerfile path inside `buildContext`." },
    existingRepositoryUrl: { defaultText: "a new repository", description: "Push to this existing ECR repository (URL) instead of creating one." },
    existingRepositoryArn: { description: "ARN of `existingRepositoryUrl`; required with it (the execution role may pull from exactly it)." },
    keepTaggedImages: { default: 10, description: "Tagged images the repository keeps (older ones expire; untagged expire after 1 day)." },
    forceDeleteRepository: { default: false, description: "Let `pulumi destroy` delete the repository with its images (on in dev)." },
};

export type ResolvedImageOptions = Resolved<ImageOptions, "dockerfile" | "keepTaggedImages" | "forceDeleteRepository">;

export function resolveImageOptions(given: ImageOptions | undefined): ResolvedImageOptions {
    return applyDefaults(IMAGE_OPTIONS, given) as ResolvedImageOptions;
}

/** Exactly one image source; the repository URL and ARN together; a sane number of kept images. */
export function imageOptionsProblems(o: ResolvedImageOptions, prefix = "image"): OptionProblem[] {
    const p = new Problems(prefix);
    const hasUri = o.uri !== undefined && (!isKnown(o.uri) || (typeof o.uri === "string" && o.uri.trim() !== ""));
    const hasBuild = typeof o.buildContext === "string" && o.buildContext.trim() !== "";
    if (!hasUri && !hasBuild) p.add("uri", o.uri, "no image to run: set `image.uri` (a prebuilt image URI) or `image.buildContext` (a directory with a Dockerfile)");
    if (hasUri && hasBuild) p.add("uri", o.uri, "both `image.uri` and `image.buildContext` are set; give exactly one");
    if ((o.existingRepositoryUrl === undefined) !== (o.existingRepositoryArn === undefined))
        p.add(
            o.existingRepositoryUrl === undefined ? "existingRepositoryUrl" : "existingRepositoryArn",
            o.existingRepositoryUrl ?? o.existingRepositoryArn,
            "`image.existingRepositoryUrl` and `image.existingRepositoryArn` go together",
        );
    if (o.existingRepositoryUrl !== undefined && !hasBuild)
        p.add("existingRepositoryUrl", o.existingRepositoryUrl, "is only used with `image.buildContext` (a prebuilt `image.uri` is pulled from wherever it lives)");
    p.intIn("keepTaggedImages", o.keepTaggedImages, 1, 1000);
    p.bool("forceDeleteRepository", o.forceDeleteRepository);
    return p.list;
}
