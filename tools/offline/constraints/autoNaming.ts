/**
 * How the provider names a resource whose name the program leaves unset (Pulumi auto-naming): the
 * logical name, a separator and random hex, with the bridge's maximum length. When the logical
 * name plus the suffix is longer, the bridge refuses (pulumi `resource.NewUniqueName`: "name '…' plus
 * 7 random chars is longer than maximum length N"); when the generated name breaks an AWS rule
 * (length or characters), AWS refuses it at create. The offline engine names resources with this
 * table, and the constraint checks judge the result like any explicit name.
 */

export interface AutoNaming {
    /** The Pulumi property that receives the generated name. */
    property: string;
    /** The bridge's maximum length for the generated name. */
    maxLength: number;
    /** Random hex characters after the separator. */
    randomLength: number;
    separator: string;
    /** The bridge lower-cases the logical name (names AWS accepts only in lower case). */
    lowercase?: boolean;
    source: string;
}

const RESOURCES_GO = "pulumi/pulumi-aws provider/resources.go";
const dflt = (why = "the default for every resource with a name input"): AutoNaming => ({
    property: "name",
    maxLength: 255,
    randomLength: 7,
    separator: "-",
    source: `${RESOURCES_GO}: setAutonaming, tfbridge.AutoName("name", 255, "-") (${why})`,
});
const explicit = (tf: string, maxLength: number): AutoNaming => ({
    property: "name",
    maxLength,
    randomLength: 7,
    separator: "-",
    source: `${RESOURCES_GO}: ${tf} "name": tfbridge.AutoName("name", ${maxLength}, …)`,
});

/**
 * Auto-naming of the resource types our components (and typical user programs) create. Most take the
 * default (255): AWS's own, shorter limits (load balancers 32, schedules 64, …) then refuse the name at
 * create, which the AWS name rules of the constraint data catch. ECR gets no lower-casing: a logical
 * name with capitals makes a repository name ECR refuses.
 */
export const AUTO_NAMING: Record<string, AutoNaming> = {
    "aws:lb/loadBalancer:LoadBalancer": dflt('rAlias("aws_lb", …, nil) adds no name rule'),
    "aws:alb/loadBalancer:LoadBalancer": dflt('rAlias("aws_alb", …) adds no name rule'),
    "aws:lb/targetGroup:TargetGroup": explicit('rAlias("aws_lb_target_group", …)', 32),
    "aws:alb/targetGroup:TargetGroup": dflt('rAlias("aws_alb_target_group", …) adds no name rule'),
    "aws:iam/role:Role": explicit("aws_iam_role", 64),
    "aws:sqs/queue:Queue": explicit("aws_sqs_queue", 80),
    "aws:cloudwatch/metricAlarm:MetricAlarm": explicit("aws_cloudwatch_metric_alarm alarm_name", 255),
    "aws:s3/bucket:Bucket": {
        property: "bucket",
        maxLength: 63,
        randomLength: 7,
        separator: "-",
        lowercase: true,
        source: `${RESOURCES_GO}: aws_s3_bucket "bucket": tfbridge.AutoNameTransform("bucket", 63, strings.ToLower)`,
    },
    "aws:s3/bucketV2:BucketV2": {
        property: "bucket",
        maxLength: 63,
        randomLength: 7,
        separator: "-",
        lowercase: true,
        source: `${RESOURCES_GO}: aws_s3_bucket "bucket": tfbridge.AutoNameTransform("bucket", 63, strings.ToLower)`,
    },
    "aws:ecr/repository:Repository": dflt(),
    "aws:ecs/cluster:Cluster": dflt(),
    "aws:ecs/service:Service": dflt(),
    "aws:iam/rolePolicy:RolePolicy": dflt(),
    "aws:ec2/securityGroup:SecurityGroup": dflt(),
    "aws:cloudwatch/logGroup:LogGroup": dflt(),
    "aws:sns/topic:Topic": dflt(),
    "aws:scheduler/schedule:Schedule": dflt(),
    "aws:wafv2/webAcl:WebAcl": dflt(),
    "aws:appautoscaling/policy:Policy": dflt(),
};

/**
 * With `namePrefix` (and no name) the upstream provider names the resource `<prefix><26 characters>`:
 * terraform-provider-aws internal/create/naming.go (`id.PrefixedUniqueId`, a timestamp and a counter,
 * `UniqueIdSuffixLength` = 26). The bridge does not auto-name then.
 */
export const PREFIX_SUFFIX_LENGTH = 26;
export const PREFIX_SOURCE = "terraform-provider-aws internal/create/naming.go (id.PrefixedUniqueId: prefix + 26 characters)";

/** The input that holds the prefix of a name the provider generates: `bucketPrefix` for buckets, else `namePrefix`. */
export function prefixProperty(naming: AutoNaming): string {
    return naming.property === "bucket" ? "bucketPrefix" : "namePrefix";
}

/** The name the provider generates from a `namePrefix` (the unique part from `digits`). */
export function prefixedName(prefix: string, digits: string): string {
    return prefix + digits.padEnd(PREFIX_SUFFIX_LENGTH, "0").slice(0, PREFIX_SUFFIX_LENGTH);
}

/** The name the provider generates for `logicalName` (the random part from `randomHex`). */
export function autoName(naming: AutoNaming, logicalName: string, randomHex: string): string {
    const base = naming.lowercase ? logicalName.toLowerCase() : logicalName;
    return base + naming.separator + randomHex.slice(0, naming.randomLength);
}

/** Why the bridge refuses to auto-name `logicalName`, or undefined when it fits. */
export function autoNameProblem(naming: AutoNaming, logicalName: string): string | undefined {
    const length = logicalName.length + naming.separator.length + naming.randomLength;
    if (length <= naming.maxLength) return undefined;
    return `the provider auto-names it "<logical name>${naming.separator}<${naming.randomLength} random hex>", ${length} characters, longer than its maximum of ${naming.maxLength}: set a shorter logical name or an explicit name`;
}
