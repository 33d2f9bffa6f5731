import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { AlarmThresholds, DEFAULT_ALARM_THRESHOLDS, alarmDefinitions, dashboardBody, MonitoredNames } from "./lib/cloudwatch/alarmDefinitions";

export interface ServiceAlarmsArgs {
    /** Prefix of every alarm name (the WebService uses `<service>-<stack>`). Required: deployment alarms are named before they exist. */
    prefix: string;
    /** ECS cluster name. Required. */
    clusterName: pulumi.Input<string>;
    /** ECS service name. Required. */
    serviceName: pulumi.Input<string>;
    /** ALB `arnSuffix`. Required. */
    loadBalancerArnSuffix: pulumi.Input<string>;
    /** Target group `arnSuffix`. Required. */
    targetGroupArnSuffix: pulumi.Input<string>;
    /**
     * The second target group's `arnSuffix` (blueGreen, canary, linear): target-group alarms and the dashboard then follow both.
     * @default none
     */
    alternateTargetGroupArnSuffix?: pulumi.Input<string>;
    /** Log group the error query searches. Required. */
    logGroupName: pulumi.Input<string>;
    /**
     * Threshold overrides.
     * @default `DEFAULT_ALARM_THRESHOLDS`
     */
    thresholds?: Partial<AlarmThresholds>;
    /**
     * Container Insights is on (task counts come from it).
     * @default false
     */
    containerInsights?: boolean;
    /** KMS key that encrypts the SNS topic (its policy must let CloudWatch use it). Required. */
    kmsKeyArn: pulumi.Input<string>;
    /**
     * Email addresses subscribed to the topic (each must confirm).
     * @default none
     */
    emailSubscriptions?: string[];
    /**
     * HTTPS endpoints subscribed to the topic.
     * @default none
     */
    httpsSubscriptions?: string[];
    /**
     * Tags.
     * @default none
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * CloudWatch alarms on the service (CPU, memory, running tasks) and its ALB (target 5XX rate and count,
 * unhealthy targets, response time, ALB 5XX), notifying an encrypted SNS topic; a dashboard built from
 * the real names; a saved Logs Insights query for errors.
 */
export class ServiceAlarms extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:ServiceAlarms";

    readonly topic: aws.sns.Topic;
    readonly alarms: aws.cloudwatch.MetricAlarm[] = [];
    readonly dashboard: aws.cloudwatch.Dashboard;
    readonly errorQuery: aws.cloudwatch.QueryDefinition;
    /** Names of the alarms that roll back a bad deployment. */
    readonly deploymentAlarmNames: string[];
    /** The alarms that roll back a bad deployment (the service depends on them). */
    readonly deploymentAlarms: aws.cloudwatch.MetricAlarm[] = [];

    constructor(name: string, args: ServiceAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ServiceAlarms.__pulumiType, name, {}, opts);
        const thresholds = { ...DEFAULT_ALARM_THRESHOLDS, ...(args.thresholds ?? {}) };
        const ci = args.containerInsights ?? false;
        const both = args.alternateTargetGroupArnSuffix !== undefined;
        const names = pulumi
            .all([args.clusterName, args.serviceName, args.loadBalancerArnSuffix, args.targetGroupArnSuffix, args.alternateTargetGroupArnSuffix])
            .apply(([clusterName, serviceName, loadBalancer, targetGroup, alternateTargetGroup]): MonitoredNames => ({
                prefix: args.prefix,
                clusterName,
                serviceName,
                loadBalancer,
                targetGroup,
                alternateTargetGroup,
            }));
        // The structure (keys, names, thresholds, single metric or math) does not depend on the names; dimensions do.
        const shape = alarmDefinitions(
            { prefix: args.prefix, clusterName: "", serviceName: "", loadBalancer: "", targetGroup: "", alternateTargetGroup: both ? "" : undefined },
            thresholds,
            ci,
        );
        this.deploymentAlarmNames = shape.filter((d) => d.deploymentAlarm).map((d) => d.name);

        this.topic = new aws.sns.Topic(`${name}-alarms`, { kmsMasterKeyId: args.kmsKeyArn, tags: args.tags }, { parent: this });
        (args.emailSubscriptions ?? []).forEach(
            (email, i) => new aws.sns.TopicSubscription(`${name}-email-${i}`, { topic: this.topic.arn, protocol: "email", endpoint: email }, { parent: this }),
        );
        (args.httpsSubscriptions ?? []).forEach(
            (url, i) => new aws.sns.TopicSubscription(`${name}-https-${i}`, { topic: this.topic.arn, protocol: "https", endpoint: url }, { parent: this }),
        );

        shape.forEach((d, i) => {
            const real = names.apply((n) => alarmDefinitions(n, thresholds, ci)[i]);
            const alarm = new aws.cloudwatch.MetricAlarm(
                `${name}-${d.key}`,
                {
                    name: d.name,
                    // From the real names: the shape is built from placeholders and its descriptions would read "CPU of  above".
                    alarmDescription: real.apply((r) => r.description),
                    comparisonOperator: d.comparisonOperator,
                    threshold: d.threshold,
                    evaluationPeriods: d.evaluationPeriods,
                    datapointsToAlarm: d.datapointsToAlarm,
                    treatMissingData: d.treatMissingData,
                    namespace: d.namespace,
                    metricName: d.metricName,
                    statistic: d.statistic,
                    extendedStatistic: d.extendedStatistic,
                    period: d.period,
                    dimensions: d.dimensions ? real.apply((r) => r.dimensions!) : undefined,
                    metricQueries: d.metricQueries ? real.apply((r) => r.metricQueries!) : undefined,
                    alarmActions: [this.topic.arn],
                    okActions: [this.topic.arn],
                    tags: args.tags,
                },
                { parent: this },
            );
            this.alarms.push(alarm);
            if (d.deploymentAlarm) this.deploymentAlarms.push(alarm);
        });

        const region = aws.getRegionOutput({}, { parent: this }).region;
        this.dashboard = new aws.cloudwatch.Dashboard(
            `${name}-dashboard`,
            { dashboardName: args.prefix, dashboardBody: pulumi.all([names, region]).apply(([n, r]) => dashboardBody(n, r)) },
            { parent: this },
        );
        this.errorQuery = new aws.cloudwatch.QueryDefinition(
            `${name}-errors`,
            {
                name: `${args.prefix}/errors`,
                logGroupNames: [args.logGroupName],
                queryString: "fields @timestamp, @logStream, @message\n| filter @message like /(?i)(error|exception|traceback|fatal)/\n| sort @timestamp desc\n| limit 200",
            },
            { parent: this },
        );
        this.registerOutputs({ topicArn: this.topic.arn, deploymentAlarmNames: this.deploymentAlarmNames });
    }
}
