/**
 * Rules the botocore models do not carry as min/max/pattern/enum but state in their documentation, in
 * the AWS API references or in the provider's validators. Each names its source; "botocore <shape>.<member>
 * documentation" refers to the same service models `extract.ts` reads (botocore 1.43.x), where the
 * API reference text is embedded.
 */
import { ConstraintRule } from "./types";

/** EC2's character set for security group names and descriptions and rule descriptions. */
export const EC2_DESCRIPTION_PATTERN = "[a-zA-Z0-9. _\\-:/()#,@\\[\\]+=&;{}!$*]*";

const ecsName = (type: string, property: string, member: string): ConstraintRule[] => [
    {
        type,
        property,
        kind: "length",
        min: 1,
        max: 255,
        source: `botocore ecs ${member} documentation: "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed"`,
    },
    {
        type,
        property,
        kind: "pattern",
        pattern: "[a-zA-Z0-9_-]+",
        source: `botocore ecs ${member} documentation: "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed"`,
    },
];

const elbName = (type: string, member: string, extra: ConstraintRule[] = []): ConstraintRule[] => [
    { type, property: "name", kind: "length", min: 1, max: 32, source: `botocore elbv2 ${member} documentation: "can have a maximum of 32 characters"` },
    {
        type,
        property: "name",
        kind: "pattern",
        pattern: "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?",
        source: `botocore elbv2 ${member} documentation: "must contain only alphanumeric characters or hyphens, must not begin or end with a hyphen"`,
    },
    ...extra,
];

const ec2Text = (type: string, property: string, member: string): ConstraintRule[] => [
    {
        type,
        property,
        kind: "length",
        max: 255,
        source: `botocore ec2 ${member} documentation: "Up to 255 characters in length"; EC2 API reference IpRange.Description; terraform-provider-aws issue 18874`,
    },
    {
        type,
        property,
        kind: "pattern",
        pattern: EC2_DESCRIPTION_PATTERN,
        source: `botocore ec2 ${member} documentation: "Allowed characters are a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*"; EC2 API reference IpRange.Description`,
    },
];

const LB = "aws:lb/loadBalancer:LoadBalancer";
const TG = "aws:lb/targetGroup:TargetGroup";
const SERVICE = "aws:ecs/service:Service";
const TASK = "aws:ecs/taskDefinition:TaskDefinition";

// prettier-ignore
const rules: ConstraintRule[] = [
    // ECS names (the models have no pattern for them)
    ...ecsName("aws:ecs/cluster:Cluster", "name", "CreateClusterRequest.clusterName"),
    ...ecsName(SERVICE, "name", "CreateServiceRequest.serviceName"),
    ...ecsName(TASK, "family", "RegisterTaskDefinitionRequest.family"),
    ...ecsName(TASK, "containerDefinitions[].name", "ContainerDefinition.name"),
    // ECS container health check bounds
    { type: TASK, property: "containerDefinitions[].healthCheck.interval", kind: "range", min: 5, max: 300, source: 'botocore ecs HealthCheck.interval documentation: "between 5 and 300 seconds"' },
    { type: TASK, property: "containerDefinitions[].healthCheck.timeout", kind: "range", min: 2, max: 60, source: 'botocore ecs HealthCheck.timeout documentation: "between 2 and 60 seconds"' },
    { type: TASK, property: "containerDefinitions[].healthCheck.retries", kind: "range", min: 1, max: 10, source: 'botocore ecs HealthCheck.retries documentation: "between 1 and 10 retries"' },
    { type: TASK, property: "containerDefinitions[].healthCheck.startPeriod", kind: "range", min: 0, max: 300, source: 'botocore ecs HealthCheck.startPeriod documentation: "between 0 and 300 seconds"' },
    // ECS deployment strategies (numbers documented, not modelled)
    { type: SERVICE, property: "deploymentConfiguration.canaryConfiguration.canaryPercent", kind: "range", min: 0.1, max: 100, step: 0.1, source: 'botocore ecs CanaryConfiguration.canaryPercent documentation: "Valid values are multiples of 0.1 from 0.1 to 100.0"' },
    { type: SERVICE, property: "deploymentConfiguration.canaryConfiguration.canaryBakeTimeInMinutes", kind: "range", min: 0, max: 1440, source: 'botocore ecs CanaryConfiguration.canaryBakeTimeInMinutes documentation: "Valid values are 0 to 1440 minutes"' },
    { type: SERVICE, property: "deploymentConfiguration.linearConfiguration.stepPercent", kind: "range", min: 3, max: 100, step: 0.1, source: 'botocore ecs LinearConfiguration.stepPercent documentation: "Valid values are multiples of 0.1 from 3.0 to 100.0"' },
    { type: SERVICE, property: "deploymentConfiguration.linearConfiguration.stepBakeTimeInMinutes", kind: "range", min: 0, max: 1440, source: 'botocore ecs LinearConfiguration.stepBakeTimeInMinutes documentation: "Valid values are 0 to 1440 minutes"' },

    // Load balancing names and attributes
    ...elbName(LB, "CreateLoadBalancerInput.Name", [
        { type: LB, property: "name", kind: "pattern", pattern: "(?!internal-).*", source: 'botocore elbv2 CreateLoadBalancerInput.Name documentation: "must not begin with \\"internal-\\""' },
    ]),
    ...elbName(TG, "CreateTargetGroupInput.Name"),
    { type: LB, property: "idleTimeout", kind: "range", min: 1, max: 4000, source: 'botocore elbv2 LoadBalancerAttribute.Key documentation: "idle_timeout.timeout_seconds … The valid range is 1-4000 seconds"' },
    { type: LB, property: "desyncMitigationMode", kind: "enum", values: ["monitor", "defensive", "strictest"], source: 'botocore elbv2 LoadBalancerAttribute.Key documentation: "desync_mitigation_mode … The possible values are monitor, defensive, and strictest"' },
    { type: TG, property: "deregistrationDelay", kind: "range", min: 0, max: 3600, source: 'botocore elbv2 TargetGroupAttribute.Key documentation: "deregistration_delay.timeout_seconds … The range is 0-3600 seconds"' },

    // EC2 security groups: names, descriptions and rule descriptions
    ...ec2Text("aws:ec2/securityGroup:SecurityGroup", "name", "CreateSecurityGroupRequest.GroupName"),
    { type: "aws:ec2/securityGroup:SecurityGroup", property: "name", kind: "pattern", pattern: "(?!sg-).*", source: 'botocore ec2 CreateSecurityGroupRequest.GroupName documentation: "Can\'t start with sg-"' },
    ...ec2Text("aws:ec2/securityGroup:SecurityGroup", "description", "CreateSecurityGroupRequest.Description"),
    ...ec2Text("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "description", "IpRange.Description"),
    ...ec2Text("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "description", "IpRange.Description"),
    ...ec2Text("aws:ec2/securityGroupRule:SecurityGroupRule", "description", "IpRange.Description"),
    { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", property: "fromPort", kind: "range", min: -1, max: 65535, source: "botocore ec2 IpPermission.FromPort documentation (a port, or -1 for all ICMP types); terraform-provider-aws vpc_security_group_ingress_rule.go validators" },
    { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", property: "toPort", kind: "range", min: -1, max: 65535, source: "botocore ec2 IpPermission.ToPort documentation; terraform-provider-aws vpc_security_group_ingress_rule.go validators" },
    { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", property: "fromPort", kind: "range", min: -1, max: 65535, source: "botocore ec2 IpPermission.FromPort documentation; terraform-provider-aws vpc_security_group_egress_rule.go validators" },
    { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", property: "toPort", kind: "range", min: -1, max: 65535, source: "botocore ec2 IpPermission.ToPort documentation; terraform-provider-aws vpc_security_group_egress_rule.go validators" },
    { type: "aws:ec2/flowLog:FlowLog", property: "maxAggregationInterval", kind: "enum", values: ["60", "600"], source: 'botocore ec2 CreateFlowLogsRequest.MaxAggregationInterval documentation: "The possible values are 60 seconds (1 minute) or 600 seconds (10 minutes)"' },

    // Logs, KMS, CloudWatch dashboards
    { type: "aws:cloudwatch/logGroup:LogGroup", property: "retentionInDays", kind: "enum", values: ["0", "1", "3", "5", "7", "14", "30", "60", "90", "120", "150", "180", "365", "400", "545", "731", "1096", "1827", "2192", "2557", "2922", "3288", "3653"], source: 'botocore logs Days documentation: "Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, and 3653" (0 = never expire, the provider\'s validator)' },
    { type: "aws:kms/key:Key", property: "deletionWindowInDays", kind: "range", min: 7, max: 30, source: 'botocore kms ScheduleKeyDeletionRequest.PendingWindowInDays documentation: "it must be between 7 and 30, inclusive"' },
    { type: "aws:cloudwatch/dashboard:Dashboard", property: "dashboardName", kind: "length", min: 1, max: 255, source: 'botocore cloudwatch PutDashboardInput.DashboardName documentation: "The maximum length is 255"' },
    { type: "aws:cloudwatch/dashboard:Dashboard", property: "dashboardName", kind: "pattern", pattern: "[A-Za-z0-9_-]+", source: 'botocore cloudwatch PutDashboardInput.DashboardName documentation: "valid characters are A-Z, a-z, 0-9, \\"-\\", and \\"_\\""' },

    // SQS, SNS, S3 names
    { type: "aws:sqs/queue:Queue", property: "name", kind: "length", min: 1, max: 80, source: 'botocore sqs CreateQueueRequest.QueueName documentation: "A queue name can have up to 80 characters"' },
    { type: "aws:sqs/queue:Queue", property: "name", kind: "pattern", pattern: "[a-zA-Z0-9_-]+(\\.fifo)?", source: 'botocore sqs CreateQueueRequest.QueueName documentation: "alphanumeric characters, hyphens (-), and underscores (_). A FIFO queue name must end with the .fifo suffix"' },
    { type: "aws:sqs/queue:Queue", property: "messageRetentionSeconds", kind: "range", min: 60, max: 1209600, source: 'botocore sqs CreateQueueRequest.Attributes documentation: "MessageRetentionPeriod … An integer from 60 seconds (1 minute) to 1,209,600 seconds (14 days)"' },
    { type: "aws:sns/topic:Topic", property: "name", kind: "length", min: 1, max: 256, source: 'botocore sns CreateTopicInput.Name documentation: "must be between 1 and 256 characters long"' },
    { type: "aws:sns/topic:Topic", property: "name", kind: "pattern", pattern: "[a-zA-Z0-9_-]+(\\.fifo)?", source: 'botocore sns CreateTopicInput.Name documentation: "only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens"' },
    { type: "aws:s3/bucket:Bucket", property: "bucket", kind: "length", min: 3, max: 63, source: "Amazon S3 user guide, General purpose bucket naming rules: \"Bucket names must be between 3 and 63 characters long\"" },
    { type: "aws:s3/bucket:Bucket", property: "bucket", kind: "pattern", pattern: "[a-z0-9][a-z0-9.-]*[a-z0-9]", source: "Amazon S3 user guide, General purpose bucket naming rules: lowercase letters, numbers, dots and hyphens; begin and end with a letter or number" },
];

/** Value rules written by hand (the ALB/NLB rules also under the legacy `aws:alb/` tokens). */
export const HAND_RULES: ConstraintRule[] = rules.flatMap((r) => (r.type.startsWith("aws:lb/") ? [r, { ...r, type: r.type.replace("aws:lb/", "aws:alb/") }] : [r]));
