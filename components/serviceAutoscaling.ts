import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ScalingOptions, ScheduledCapacity, resolveScalingOptions } from "./options/scalingOptions";
import { ArgumentsError } from "./options/checks";

export { ScheduledCapacity };

export interface ServiceAutoscalingArgs {
    /** Cluster name. Required. */
    clusterName: pulumi.Input<string>;
    /** Service name. Required. */
    serviceName: pulumi.Input<string>;
    /**
     * Counts, targets, cooldowns and scheduled changes (only the autoscaling fields are read; resolved or not).
     * @default see `ScalingOptions` (1 to 4 tasks, CPU target 70 %)
     */
    scaling?: ScalingOptions;
    /**
     * ALB ARN suffix (`app/<name>/<id>`), for request-count tracking.
     * @default none (required with requestsPerTarget)
     */
    loadBalancerArnSuffix?: pulumi.Input<string>;
    /**
     * Target group ARN suffix (`targetgroup/<name>/<id>`), for request-count tracking.
     * @default none (required with requestsPerTarget)
     */
    targetGroupArnSuffix?: pulumi.Input<string>;
    /**
     * The second target group of a blueGreen, canary or linear service: request-count tracking then
     * divides the requests of both target groups by their healthy targets (metric math), since ECS
     * leaves traffic on either.
     * @default none (the predefined ALBRequestCountPerTarget of the first)
     */
    alternateTargetGroupArnSuffix?: pulumi.Input<string>;
}

/**
 * Requests per healthy target across target groups, as target-tracking metric math: the requests of
 * every target group (Sum per minute, missing as 0) over their healthy targets (Average), the same
 * quantity as the predefined ALBRequestCountPerTarget of one target group.
 */
export function requestsPerTargetAcross(
    loadBalancer: string,
    targetGroups: string[],
): {
    id: string;
    expression?: string;
    label?: string;
    returnData: boolean;
    metricStat?: { metric: { namespace: string; metricName: string; dimensions: { name: string; value: string }[] }; stat: string };
}[] {
    const dims = (tg: string) => [
        { name: "LoadBalancer", value: loadBalancer },
        { name: "TargetGroup", value: tg },
    ];
    const requests = targetGroups.map((tg, i) => ({
        id: `r${i + 1}`,
        metricStat: { metric: { namespace: "AWS/ApplicationELB", metricName: "RequestCount", dimensions: dims(tg) }, stat: "Sum" },
        returnData: false,
    }));
    const healthy = targetGroups.map((tg, i) => ({
        id: `h${i + 1}`,
        metricStat: { metric: { namespace: "AWS/ApplicationELB", metricName: "HealthyHostCount", dimensions: dims(tg) }, stat: "Average" },
        returnData: false,
    }));
    const sum = (ids: string[]) => ids.map((id) => `FILL(${id}, 0)`).join(" + ");
    return [
        ...requests,
        ...healthy,
        { id: "requests", expression: sum(requests.map((m) => m.id)), returnData: false },
        { id: "targets", expression: sum(healthy.map((m) => m.id)), returnData: false },
        { id: "perTarget", expression: "IF(targets > 0, requests / targets, requests)", label: "Requests per healthy target (both target groups)", returnData: true },
    ];
}

/** The `resourceId` Application Auto Scaling uses for an ECS service. */
export function ecsResourceId(clusterName: string, serviceName: string): string {
    return `service/${clusterName}/${serviceName}`;
}

/** Target-tracking autoscaling of an ECS service's task count on CPU, memory and ALB requests per task, plus scheduled capacity. */
export class ServiceAutoscaling extends pulumi.ComponentResource {
    /** Type token (the SDK's component analyzer reads it). */
    static readonly __pulumiType = "fargatekit:index:ServiceAutoscaling";

    readonly target: aws.appautoscaling.Target;
    readonly policies: aws.appautoscaling.Policy[] = [];
    readonly scheduledActions: aws.appautoscaling.ScheduledAction[] = [];

    constructor(name: string, args: ServiceAutoscalingArgs, opts?: pulumi.ComponentResourceOptions) {
        const scaling = resolveScalingOptions(args.scaling);
        if (scaling.requestsPerTarget !== undefined && (!args.loadBalancerArnSuffix || !args.targetGroupArnSuffix)) {
            throw new ArgumentsError(`ServiceAutoscaling ${name}`, [
                {
                    path: "requestsPerTarget",
                    value: scaling.requestsPerTarget,
                    message: "needs loadBalancerArnSuffix and targetGroupArnSuffix (the request count is the target group's)",
                },
            ]);
        }
        super(ServiceAutoscaling.__pulumiType, name, {}, opts);
        this.target = new aws.appautoscaling.Target(
            name,
            {
                serviceNamespace: "ecs",
                scalableDimension: "ecs:service:DesiredCount",
                resourceId: pulumi.all([args.clusterName, args.serviceName]).apply(([c, s]) => ecsResourceId(c, s)),
                minCapacity: scaling.minCount,
                maxCapacity: scaling.maxCount,
            },
            { parent: this },
        );
        const policyFor = (suffix: string, configuration: aws.types.input.appautoscaling.PolicyTargetTrackingScalingPolicyConfiguration) =>
            this.policies.push(
                new aws.appautoscaling.Policy(
                    `${name}-${suffix}`,
                    {
                        policyType: "TargetTrackingScaling",
                        resourceId: this.target.resourceId,
                        scalableDimension: this.target.scalableDimension,
                        serviceNamespace: this.target.serviceNamespace,
                        targetTrackingScalingPolicyConfiguration: configuration,
                    },
                    { parent: this },
                ),
            );
        const cooldowns = { scaleInCooldown: scaling.scaleInCooldown, scaleOutCooldown: scaling.scaleOutCooldown };
        const track = (suffix: string, metric: string, target: number, resourceLabel?: pulumi.Input<string>) =>
            policyFor(suffix, { targetValue: target, predefinedMetricSpecification: { predefinedMetricType: metric, resourceLabel }, ...cooldowns });
        track("cpu", "ECSServiceAverageCPUUtilization", scaling.cpuTarget);
        if (scaling.memoryTarget !== undefined) track("memory", "ECSServiceAverageMemoryUtilization", scaling.memoryTarget);
        if (scaling.requestsPerTarget !== undefined && args.alternateTargetGroupArnSuffix !== undefined) {
            policyFor("requests", {
                targetValue: scaling.requestsPerTarget,
                customizedMetricSpecification: {
                    metrics: pulumi
                        .all([args.loadBalancerArnSuffix!, args.targetGroupArnSuffix!, args.alternateTargetGroupArnSuffix])
                        .apply(([lb, tg1, tg2]) => requestsPerTargetAcross(lb, [tg1, tg2])),
                },
                ...cooldowns,
            });
        } else if (scaling.requestsPerTarget !== undefined) {
            track("requests", "ALBRequestCountPerTarget", scaling.requestsPerTarget, pulumi.interpolate`${args.loadBalancerArnSuffix!}/${args.targetGroupArnSuffix!}`);
        }
        for (const s of scaling.scheduled) {
            this.scheduledActions.push(
                new aws.appautoscaling.ScheduledAction(
                    `${name}-${s.name}`,
                    {
                        name: s.name,
                        serviceNamespace: this.target.serviceNamespace,
                        resourceId: this.target.resourceId,
                        scalableDimension: this.target.scalableDimension,
                        schedule: s.schedule,
                        timezone: s.timezone ?? "UTC",
                        scalableTargetAction: { minCapacity: s.minCount, maxCapacity: s.maxCount },
                    },
                    { parent: this },
                ),
            );
        }
        this.registerOutputs({ resourceId: this.target.resourceId });
    }
}
