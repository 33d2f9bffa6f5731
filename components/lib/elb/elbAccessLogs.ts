/**
 * Who writes ALB access logs into the bucket, by region. Source: Elastic Load Balancing user guide,
 * "Enable access logs for your Application Load Balancer", step 2 "Attach a policy to your S3 bucket"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html):
 * in the Regions available before August 2022 the policy names the Elastic Load Balancing account of
 * the Region; in the Regions available as of August 2022 or later (and any Region missing from this
 * table) it names the service principal `logdelivery.elasticloadbalancing.amazonaws.com`, since those
 * Regions have no Elastic Load Balancing account.
 */

/** Elastic Load Balancing account id of each Region available before August 2022 (the ELB guide's table). */
export const ELB_ACCOUNT_BY_REGION: Readonly<Record<string, string>> = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "af-south-1": "098369216593",
    "ap-east-1": "754344448648",
    "ap-southeast-3": "589379963580",
    "ap-south-1": "718504428378",
    "ap-northeast-3": "383597477331",
    "ap-northeast-2": "600734575887",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ap-northeast-1": "582318560864",
    "ca-central-1": "985666609251",
    "eu-central-1": "054676820928",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-south-1": "635631232127",
    "eu-west-3": "009996457667",
    "eu-north-1": "897822967062",
    "me-south-1": "076674570225",
    "sa-east-1": "507241528517",
    "us-gov-west-1": "048591011584",
    "us-gov-east-1": "190560391635",
    "cn-north-1": "638102146993",
    "cn-northwest-1": "037604701340",
};

/** The service principal that delivers access logs in the Regions without an ELB account. */
export const ELB_LOG_DELIVERY_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com";

/** The `Principal` of the bucket policy statement that lets Elastic Load Balancing write access logs in a Region. */
export function accessLogPrincipal(region: string, partition: string): { AWS: string } | { Service: string } {
    const account = ELB_ACCOUNT_BY_REGION[region];
    return account !== undefined ? { AWS: `arn:${partition}:iam::${account}:root` } : { Service: ELB_LOG_DELIVERY_PRINCIPAL };
}
