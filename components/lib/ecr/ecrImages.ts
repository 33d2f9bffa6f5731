/**
 * Private ECR images given by URI: the repository the execution role must be allowed to pull from.
 * Image URI shape: `<account>.dkr.ecr[-fips].<region>.<domain>/<repository>[:tag][@sha256:digest]`
 * (ECR user guide, "Pulling an image"; repository names per the ECR API `repositoryName` pattern:
 * slash-separated components of lowercase letters and digits joined by `.`, `_` or `-`).
 */

const ECR_IMAGE =
    /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z]+(?:-[a-z]+)+-\d+)\.([a-z]+(?:\.[a-z]+)+)\/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?::[\w][\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/;

/**
 * The AWS SDK's partition data (`@aws-sdk/util-endpoints`, as `rules/awsRegions.ts` reads it): a
 * Region's partition (`aws`, `aws-cn`, `aws-us-gov`, …) and its DNS suffix (`amazonaws.com`, `amazonaws.com.cn`, …).
 */
const { partition } = require("@aws-sdk/util-endpoints") as { partition: (region: string) => { name: string; dnsSuffix: string } };

/** The ARN of the private ECR repository an image URI pulls from, or undefined for any other registry. */
export function ecrRepositoryArn(image: string): string | undefined {
    const m = ECR_IMAGE.exec(image.trim());
    if (!m) return undefined;
    const [, account, region, domain, repository] = m;
    const p = partition(region);
    // A registry host names its Region's own DNS suffix; any other domain is not ECR's.
    if (domain !== p.dnsSuffix) return undefined;
    return `arn:${p.name}:ecr:${region}:${account}:repository/${repository}`;
}

/** The distinct ECR repository ARNs of these images (other registries left out), sorted. */
export function ecrRepositoryArns(images: string[]): string[] {
    return [...new Set(images.map(ecrRepositoryArn).filter((a): a is string => a !== undefined))].sort();
}
