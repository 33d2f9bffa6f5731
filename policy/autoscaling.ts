/**
 * Application Auto Scaling policies for ECS services (A1–A3): every web service has a scalable
 * target, its bounds are sane, and a target-tracking policy drives it.
 */
import { Policies, PolicyResource } from "@pulumi/policy";
import { TYPES, ofType, resourcePolicy, stackPolicy, tryKnown } from "./lib/policyKit";
import { arnResourceName, asArray, isNonEmptyString, isUnresolvedReference, referencedResources, toNumber } from "./lib/containers";

// ---------------------------------------------------------------------------------------------
// Pure helpers (exported for the tests)
// ---------------------------------------------------------------------------------------------

/** The scalable dimension of an ECS service's task count. */
export const ECS_DESIRED_COUNT = "ecs:service:DesiredCount";

/** Predefined metrics a target-tracking policy of an ECS service may follow, and whether each is a percentage. */
export const ECS_TRACKING_METRICS: Readonly<Record<string, { percentage: boolean }>> = {
    ECSServiceAverageCPUUtilization: { percentage: true },
    ECSServiceAverageMemoryUtilization: { percentage: true },
    ALBRequestCountPerTarget: { percentage: false },
};

/** Split an ECS scalable target `resourceId` (`service/<cluster>/<service>`); `undefined` if it is not one. */
export function parseEcsResourceId(resourceId: unknown): { cluster: string; service: string } | undefined {
    if (typeof resourceId !== "string") return undefined;
    const match = /^service\/([^/]+)\/([^/]+)$/.exec(resourceId);
    return match ? { cluster: match[1], service: match[2] } : undefined;
}

/** True when a scalable target (or scaling policy) scales an ECS service's desired count. */
export function scalesEcsDesiredCount(props: Record<string, any>): boolean {
    return props.serviceNamespace === "ecs" && props.scalableDimension === ECS_DESIRED_COUNT;
}

/** A2: the problems with a scalable target's min/max capacity under the configured floor and cap. */
export function capacityProblems(minCapacity: unknown, maxCapacity: unknown, floor: number, cap: number): string[] {
    const min = toNumber(minCapacity);
    const max = toNumber(maxCapacity);
    const problems: string[] = [];
    if (min !== undefined && min < floor) problems.push(`minCapacity ${min} is below ${floor}, so one AZ failure can take the service down`);
    if (min !== undefined && max !== undefined && max < min) problems.push(`maxCapacity ${max} is below minCapacity ${min}`);
    if (max !== undefined && max > cap) problems.push(`maxCapacity ${max} exceeds the cap of ${cap}`);
    return problems;
}

/** A3: why a scaling policy is not a usable target-tracking policy for an ECS service, or `undefined`. */
export function targetTrackingProblem(props: Record<string, any>): string | undefined {
    if (props.policyType !== "TargetTrackingScaling") return `policyType is ${props.policyType === undefined ? "unset (StepScaling)" : `"${String(props.policyType)}"`}`;
    const config = asArray<any>(props.targetTrackingScalingPolicyConfiguration)[0];
    if (!config) return "targetTrackingScalingPolicyConfiguration is not set";
    const metric = asArray<any>(config.predefinedMetricSpecification)[0];
    const metricType = metric?.predefinedMetricType;
    const known = typeof metricType === "string" ? ECS_TRACKING_METRICS[metricType] : undefined;
    if (!known) return `predefinedMetricType is ${metricType === undefined ? "unset" : `"${String(metricType)}"`}, not one of ${Object.keys(ECS_TRACKING_METRICS).join(", ")}`;
    const target = toNumber(config.targetValue);
    if (target === undefined || target <= 0 || (known.percentage && target >= 100)) {
        return `targetValue ${target === undefined ? "is not set" : `${target} is outside ${known.percentage ? "(0, 100)" : "(0, ∞)"}`} for ${metricType}`;
    }
    if (metricType === "ALBRequestCountPerTarget" && !isNonEmptyString(metric.resourceLabel))
        return "ALBRequestCountPerTarget needs resourceLabel (<alb suffix>/<target group suffix>)";
    return undefined;
}

/** The cluster names an ECS service may be scaled under: its `cluster` reference and the linked cluster resources' names. */
function clusterNamesOf(service: PolicyResource, clusters: PolicyResource[]): string[] {
    const ref = tryKnown(() => service.props.cluster);
    const names = isNonEmptyString(ref) ? [arnResourceName(ref)] : [];
    for (const c of referencedResources(service, "cluster", clusters, isNonEmptyString(ref) ? [ref] : [], ["arn", "id", "name"])) {
        const name = tryKnown(() => c.props.name);
        if (isNonEmptyString(name)) names.push(name);
    }
    return names;
}

/** True when a scalable target scales `service`: linked by dependency, or by its `service/<cluster>/<service>` resourceId. */
export function targetScalesService(target: PolicyResource, service: PolicyResource, clusters: PolicyResource[]): boolean {
    if (referencedResources(target, "resourceId", [service], [], []).length > 0) return true;
    const parsed = parseEcsResourceId(tryKnown(() => target.props.resourceId));
    const serviceName = tryKnown(() => service.props.name);
    if (!parsed || !isNonEmptyString(serviceName) || parsed.service !== serviceName) return false;
    const clusterNames = clusterNamesOf(service, clusters);
    return clusterNames.length === 0 || clusterNames.includes(parsed.cluster);
}

/** True when an ECS service is a web service: attached to a load balancer and not a daemon. */
function isWebService(service: PolicyResource): boolean {
    return tryKnown(() => service.props.schedulingStrategy !== "DAEMON" && asArray(service.props.loadBalancers).length > 0) === true;
}

/**
 * ECS desired-count scalable targets of the stack, or `undefined` when an ECS (or possibly ECS)
 * target has an unknown resourceId that no dependency explains, so links cannot be judged.
 */
function ecsTargets(resources: PolicyResource[]): PolicyResource[] | undefined {
    const maybeEcs = ofType(resources, TYPES.scalableTarget).filter((t) => tryKnown(() => t.props.serviceNamespace, "ecs") === "ecs");
    if (maybeEcs.some((t) => isUnresolvedReference(t, "resourceId"))) return undefined;
    return maybeEcs.filter((t) => tryKnown(() => scalesEcsDesiredCount(t.props)) === true);
}

// ---------------------------------------------------------------------------------------------
// Policies
// ---------------------------------------------------------------------------------------------

const serviceHasTarget = stackPolicy(
    {
        name: "autoscaling-ecs-service-target",
        description:
            "Every load-balanced ECS service of the stack should have an Application Auto Scaling target on its desired count (matched by dependency or by its service/<cluster>/<service> id, also when the cluster is another stack's, given by ARN).",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps:
            'Add an aws.appautoscaling.Target with serviceNamespace: "ecs", scalableDimension: "ecs:service:DesiredCount", resourceId: "service/<cluster name>/<service name>", minCapacity and maxCapacity.',
        tags: ["rule:A1", "beyond:A1"],
    },
    (resources, report) => {
        const targets = ecsTargets(resources);
        if (!targets) return;
        const clusters = ofType(resources, TYPES.cluster);
        for (const service of ofType(resources, TYPES.service)) {
            if (!isWebService(service)) continue;
            if (!targets.some((t) => targetScalesService(t, service, clusters))) {
                report("The load-balanced service has no ecs:service:DesiredCount scalable target.", service);
            }
        }
    },
);

const capacityBounds = resourcePolicy(
    {
        name: "autoscaling-capacity-bounds",
        description: "ECS scalable targets should keep at least two tasks and a bounded maximum.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "Set minCapacity to at least the configured minimum (2: one task per AZ), maxCapacity >= minCapacity and no higher than the configured cap.",
        tags: ["rule:A2", "beyond:A2"],
        configSchema: {
            properties: {
                minCapacity: { type: "integer", minimum: 0, default: 2, description: "Lowest acceptable minCapacity." },
                maxCapacity: { type: "integer", minimum: 1, default: 100, description: "Highest acceptable maxCapacity (cost cap)." },
            },
        },
    },
    TYPES.scalableTarget,
    (props, report, args) => {
        if (!scalesEcsDesiredCount(props)) return;
        const config = args.getConfig<{ minCapacity?: number; maxCapacity?: number }>() ?? {};
        const floor = toNumber(config.minCapacity) ?? 2;
        const cap = toNumber(config.maxCapacity) ?? 100;
        for (const problem of capacityProblems(props.minCapacity, props.maxCapacity, floor, cap)) report(`${problem}.`);
    },
);

/** Scaling policies of the stack that act on `target` (same resourceId, linked by dependency or value). */
function policiesOf(target: PolicyResource, policies: PolicyResource[]): PolicyResource[] {
    return policies.filter((p) => {
        if (referencedResources(p, "resourceId", [target], [], []).length > 0) return true;
        const id = tryKnown(() => p.props.resourceId);
        return isNonEmptyString(id) && id === tryKnown(() => target.props.resourceId) && tryKnown(() => p.props.scalableDimension) === ECS_DESIRED_COUNT;
    });
}

const targetTrackingPolicy = stackPolicy(
    {
        name: "autoscaling-target-tracking-policy",
        description: "Every ECS scalable target should be driven by a target-tracking scaling policy on CPU, memory or ALB request count.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps:
            'Add an aws.appautoscaling.Policy with policyType: "TargetTrackingScaling", resourceId/scalableDimension/serviceNamespace from the target, and targetTrackingScalingPolicyConfiguration {targetValue: 60, predefinedMetricSpecification: {predefinedMetricType: "ECSServiceAverageCPUUtilization"}}.',
        tags: ["rule:A3", "beyond:A3"],
    },
    (resources, report) => {
        const targets = ecsTargets(resources);
        if (!targets) return;
        const policies = ofType(resources, TYPES.scalingPolicy);
        if (policies.some((p) => isUnresolvedReference(p, "resourceId"))) return;
        for (const target of targets) {
            const attached = policiesOf(target, policies);
            const verdicts = attached.map((p) => tryKnown(() => ({ problem: targetTrackingProblem(p.props) })));
            if (verdicts.some((v) => v === undefined || v.problem === undefined)) continue;
            const problems = verdicts.map((v) => v?.problem).join("; ");
            const detail = attached.length === 0 ? "no scaling policy targets it" : `its scaling policies are unusable: ${problems}`;
            report(`The ECS scalable target has no valid target-tracking policy: ${detail}.`, target);
        }
    },
);

/** Every Application Auto Scaling policy of the pack. */
export const autoscalingPolicies: Policies = [serviceHasTarget, capacityBounds, targetTrackingPolicy];
