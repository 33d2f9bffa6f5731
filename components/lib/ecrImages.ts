/**
 * Private ECR images given by URI: the repository the execution role must be allowed to pull from.
 * Image URI shape: `<account>.dkr.ecr[-fips].<region>.<domain>/<repository>[:tag][@sha256:digest]`
 * (ECR user guide, "Pulling an image"; repository names per the ECR API `repositoryName` pattern:
 * slash-separated components of lowercase letters and digits joined by `.`, `_` or `-`).
 */

const ECR_IMAGE = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d)\.(amazonaws\.com(?:\.cn)?)\/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?::[\w][\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/;

/** The partition of an ECR registry: aws-cn for `.amazonaws.com.cn`, aws-us-gov for GovCloud Regions, else aws. */
function partitionOf(region: string, domain: string): string {
    if (domain.endsWith(".cn")) return "aws-cn";
    if (region.startsWith("us-gov-")) return "aws-us-gov";
    return "aws";
}

/** The ARN of the private ECR repository an image URI pulls from, or undefined for any other registry. */
export function ecrRepositoryArn(image: string): string | undefined {
    const m = ECR_IMAGE.exec(image.trim());
    if (!m) return undefined;
    const [, account, region, domain, repository] = m;
    return `arn:${partitionOf(region, domain)}:ecr:${region}:${account}:repository/${repository}`;
}

/** The distinct ECR repository ARNs of these images (other registries left out), sorted. */
export function ecrRepositoryArns(images: string[]): string[] {
    return [...new Set(images.map(ecrRepositoryArn).filter((a): a is string => a !== undefined))].sort();
}
