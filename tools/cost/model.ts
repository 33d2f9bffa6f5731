/**
 * The monthly cost model of an offline plan: prices the resources the offline engine recorded
 * (list prices from `price-table.json`, traffic from `UsageAssumptions`) and says how each figure was computed.
 */
import { RecordedResource } from "../offline/types";
import { CapacityProviderStrategyItem, CapacitySplit, fargateTaskHourPrice, splitCapacity, taskArchitecture, TaskHourPrice } from "./fargate";
import { albLcuPerHour } from "./lcu";
import { PRICE_KEY_UNITS, PriceKey, PriceTable, priceTable, RegionPrices, strictPrices } from "./prices";
import { monthlyRuns } from "./schedule";
import { mergeUsage, UsageAssumptions } from "./usage";

/** One priced cost line. A resource may have several (e.g. ALB hours, LCUs and public IPv4). */
export interface CostItem {
    /** Logical name of the resource (or the ARN of a referenced secret that the program does not create). */
    resource: string;
    /** Pulumi type token. */
    type: string;
    /** USD per month at the desired task count and the usage assumptions. */
    monthly: number;
    /** USD per month at the autoscaling minimum. */
    monthlyMin: number;
    /** USD per month at the autoscaling maximum. */
    monthlyMax: number;
    /** How it was computed, with the numbers. */
    basis: string;
    /** True when the figure comes from usage assumptions rather than from the program alone. */
    dependsOnUsage: boolean;
}

/** A resource that costs money but that the model cannot price. */
export interface UnpricedResource {
    /** Logical name. */
    resource: string;
    /** Pulumi type token. */
    type: string;
    /** Why it is not priced. */
    reason: string;
}

/** A price the region lacks, and the resources that need it. */
export interface MissingPrice {
    /** Price key in the table. */
    key: PriceKey;
    /** What the price is per. */
    unit: string;
    /** Logical names of the resources it would price. */
    resources: string[];
}

/** The monthly estimate of a whole program. */
export interface CostEstimate {
    /** Currency of every money figure. */
    currency: "USD";
    /** Region whose prices were used. */
    region: string;
    /** Hours in the billing month (730). */
    hoursPerMonth: number;
    /** Date of the price table. */
    priceDate: string;
    /** Sum of all items at the desired task counts; null when a price is missing (no total rather than a wrong one). */
    monthlyTotal: number | null;
    /** Sum of all items at the autoscaling minimums; null when a price is missing. */
    monthlyMin: number | null;
    /** Sum of all items at the autoscaling maximums; null when a price is missing. */
    monthlyMax: number | null;
    /** Part of `monthlyTotal` that does not depend on usage assumptions; null when a price is missing. */
    fixedMonthly: number | null;
    /** Part of `monthlyTotal` that depends on usage assumptions; null when a price is missing. */
    usageMonthly: number | null;
    /** Priced lines, in the order the resources were recorded (referenced secrets last). */
    items: CostItem[];
    /** Billable resources the model could not price. */
    unpriced: UnpricedResource[];
    /** True when the region's table had every price the stack needs (then the totals are numbers). */
    complete: boolean;
    /** Prices the stack needs that the region's table lacks (empty when complete). */
    missingPrices: MissingPrice[];
    /** How to get the missing prices (only when some are missing). */
    howToGetPrices?: string;
}

/** Options of `estimateCost`. */
export interface EstimateOptions {
    /** AWS region whose prices apply (`us-east-1`, `eu-west-1`). */
    region: string;
    /** Overrides of the default usage assumptions (validated like a usage file). */
    usage?: Partial<UsageAssumptions>;
    /** Price table to use (default: the bundled `price-table.json`). */
    table?: PriceTable;
}

/** Types with no charge of their own (their cost, if any, is carried by another resource). */
const FREE_TYPES: ReadonlySet<string> = new Set([
    "aws:iam/role:Role",
    "aws:iam/policy:Policy",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/instanceProfile:InstanceProfile",
    "aws:iam/serviceLinkedRole:ServiceLinkedRole",
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/securityGroupRule:SecurityGroupRule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws:ec2/routeTable:RouteTable",
    "aws:ec2/route:Route",
    "aws:ec2/routeTableAssociation:RouteTableAssociation",
    "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
    "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
    "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    "aws:ec2/defaultRouteTable:DefaultRouteTable",
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
    "aws:ec2/networkAcl:NetworkAcl",
    "aws:ec2/networkAclRule:NetworkAclRule",
    "aws:ec2/networkAclAssociation:NetworkAclAssociation",
    "aws:ec2/vpcDhcpOptions:VpcDhcpOptions",
    "aws:ec2/vpcDhcpOptionsAssociation:VpcDhcpOptionsAssociation",
    "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation",
    "aws:lb/listener:Listener",
    "aws:lb/listenerRule:ListenerRule",
    "aws:lb/listenerCertificate:ListenerCertificate",
    "aws:lb/targetGroup:TargetGroup",
    "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    "aws:alb/listener:Listener",
    "aws:alb/listenerRule:ListenerRule",
    "aws:alb/listenerCertificate:ListenerCertificate",
    "aws:alb/targetGroup:TargetGroup",
    "aws:alb/targetGroupAttachment:TargetGroupAttachment",
    "aws:ecs/taskDefinition:TaskDefinition",
    "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
    "aws:ecs/accountSettingDefault:AccountSettingDefault",
    "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    "aws:ecr/repositoryPolicy:RepositoryPolicy",
    "aws:kms/alias:Alias",
    "aws:kms/keyPolicy:KeyPolicy",
    "aws:kms/grant:Grant",
    "aws:cloudwatch/logStream:LogStream",
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
    "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
    "aws:appautoscaling/target:Target",
    "aws:appautoscaling/scheduledAction:ScheduledAction",
    "aws:secretsmanager/secretVersion:SecretVersion",
    "aws:secretsmanager/secretPolicy:SecretPolicy",
    "aws:secretsmanager/secretRotation:SecretRotation",
    "aws:acm/certificate:Certificate",
    "aws:acm/certificateValidation:CertificateValidation",
    "aws:route53/record:Record",
    "aws:wafv2/webAclAssociation:WebAclAssociation",
    // S3 bucket settings: the bucket carries storage and requests.
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:sqs/queuePolicy:QueuePolicy",
    // Flow logs are billed as ingestion into their log group (priced there); saved Logs Insights queries are free
    // (scans are billed per query run).
    "aws:ec2/flowLog:FlowLog",
    "aws:cloudwatch/queryDefinition:QueryDefinition",
    // SNS: topics are free; alarm notifications stay far inside the free publishes and email deliveries each month.
    "aws:sns/topic:Topic",
    "aws:sns/topicSubscription:TopicSubscription",
    "aws:scheduler/scheduleGroup:ScheduleGroup",
]);

/** Packages whose resources are not AWS-billed (random values, keys, local commands, image builds, providers). */
const FREE_PACKAGES: ReadonlySet<string> = new Set(["pulumi", "random", "tls", "command", "docker", "docker-build", "archive", "time", "std", "null"]);

/** Everything a pricer needs to know about the stack. */
interface PricingContext {
    resources: RecordedResource[];
    byUrn: Map<string, RecordedResource>;
    prices: RegionPrices;
    usage: UsageAssumptions;
    hours: number;
    services: Map<string, ServicePlan>;
    natGatewayCount: number;
    kmsKeyCount: number;
    /** Internet-facing ALBs (they share the account-wide free data transfer out). */
    publicAlbCount: number;
    /** SQS queues (they share the account-wide free requests). */
    queueCount: number;
}

/** A task definition's Fargate price per task-hour, or why it cannot be priced (a size Fargate does not offer). */
function taskHourPriceOf(prices: RegionPrices, taskDefinition: RecordedResource): TaskHourPrice | { unpriced: string } {
    try {
        return fargateTaskHourPrice(prices, {
            cpu: taskDefinition.inputs?.cpu,
            memory: taskDefinition.inputs?.memory,
            architecture: taskArchitecture(taskDefinition.inputs?.runtimePlatform),
            ephemeralStorageGib: taskDefinition.inputs?.ephemeralStorage?.sizeInGib,
        });
    } catch (error) {
        return { unpriced: `${taskDefinition.name}: ${(error as Error).message}` };
    }
}

/** What one pricer returns for one resource. */
interface Priced {
    items: CostItem[];
    unpriced?: string;
}

/** A service's task counts and the resources they were read from. */
interface ServicePlan {
    service: RecordedResource;
    taskDefinition?: RecordedResource;
    cluster?: RecordedResource;
    desired: number;
    min: number;
    max: number;
    /** How min/max were found. */
    scaling: string;
    /** Why the service cannot be priced, if so. */
    problem?: string;
}

/** Round money to a hundredth of a cent (drops floating-point noise, keeps sums exact to the cent). */
export function round4(value: number): number {
    return Math.round(value * 10000) / 10000;
}

/** A number for a basis text: at most six significant digits, no trailing zeros, thousands separated. */
function num(value: number): string {
    return Number(value.toPrecision(6)).toLocaleString("en-US", { maximumFractionDigits: 10 });
}

/** A unit price for a basis text, e.g. `$0.0225`. */
function rate(value: number): string {
    return `$${num(value)}`;
}

/** Build one cost item; min and max default to the monthly figure. */
function item(resource: RecordedResource | { name: string; type: string }, monthly: number, basis: string, dependsOnUsage: boolean, min = monthly, max = monthly): CostItem {
    return { resource: resource.name, type: resource.type, monthly: round4(monthly), monthlyMin: round4(min), monthlyMax: round4(max), basis, dependsOnUsage };
}

/** A list from an input that is an array or a JSON string of an array (as provider inputs arrive). */
function listOf(value: unknown): any[] {
    if (Array.isArray(value)) {
        return value;
    }
    if (typeof value === "string") {
        try {
            const parsed = JSON.parse(value);
            return Array.isArray(parsed) ? parsed : [];
        } catch {
            return [];
        }
    }
    return [];
}

/** The name a resource has in AWS (`outputs.name`, else `inputs.name`, else its logical name). */
function awsName(resource: RecordedResource): string {
    return resource.outputs?.name ?? resource.inputs?.name ?? resource.name;
}

/** Resources a property of `resource` came from, filtered by type. */
function propertySources(ctx: PricingContext, resource: RecordedResource, property: string, type: string): RecordedResource[] {
    return (resource.propertyDependencies?.[property] ?? []).map((urn) => ctx.byUrn.get(urn)).filter((found): found is RecordedResource => found?.type === type);
}

/** True when `value` names `target` by ARN, id or name (an ARN ending in `/<name>` counts). */
function names(value: unknown, target: RecordedResource): boolean {
    if (typeof value !== "string" || value === "") {
        return false;
    }
    const name = awsName(target);
    return [target.outputs?.arn, target.outputs?.id, name].includes(value) || value.endsWith(`/${name}`);
}

/** True when one of the resource's ancestors has type `type`. */
function hasAncestorOfType(ctx: PricingContext, resource: RecordedResource, type: string): boolean {
    const seen = new Set<string>();
    let parent = resource.parent ? ctx.byUrn.get(resource.parent) : undefined;
    while (parent && !seen.has(parent.urn)) {
        if (parent.type === type) {
            return true;
        }
        seen.add(parent.urn);
        parent = parent.parent ? ctx.byUrn.get(parent.parent) : undefined;
    }
    return false;
}

const SERVICE = "aws:ecs/service:Service";
const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const CLUSTER = "aws:ecs/cluster:Cluster";
const AWSX_VPC = "awsx:ec2:Vpc";

/** The task definition of a service: through `propertyDependencies.taskDefinition`, else by ARN (or family) match. */
function findTaskDefinition(ctx: PricingContext, service: RecordedResource): RecordedResource | undefined {
    const [viaDependency] = propertySources(ctx, service, "taskDefinition", TASK_DEFINITION);
    if (viaDependency) {
        return viaDependency;
    }
    const wanted = service.inputs?.taskDefinition;
    return ctx.resources.find((r) => r.type === TASK_DEFINITION && wanted !== undefined && (r.outputs?.arn === wanted || (r.outputs?.family ?? r.inputs?.family) === wanted));
}

/** The cluster of a service: through `propertyDependencies.cluster`, else by ARN/name match. */
function findCluster(ctx: PricingContext, service: RecordedResource): RecordedResource | undefined {
    const [viaDependency] = propertySources(ctx, service, "cluster", CLUSTER);
    return viaDependency ?? ctx.resources.find((r) => r.type === CLUSTER && names(service.inputs?.cluster, r));
}

/** The autoscaling target of a service: `propertyDependencies.resourceId` names it, or `inputs.resourceId` ends with `/<name>`. */
function findScalingTarget(ctx: PricingContext, service: RecordedResource): RecordedResource | undefined {
    const serviceName = awsName(service);
    return ctx.resources.find(
        (r) =>
            r.type === "aws:appautoscaling/target:Target" &&
            ((r.propertyDependencies?.resourceId ?? []).includes(service.urn) || (typeof r.inputs?.resourceId === "string" && r.inputs.resourceId.endsWith(`/${serviceName}`))),
    );
}

/** The cluster's default capacity provider strategy (from `aws:ecs/clusterCapacityProviders`), if any. */
function clusterDefaultStrategy(ctx: PricingContext, cluster: RecordedResource | undefined): CapacityProviderStrategyItem[] | undefined {
    if (!cluster) {
        return undefined;
    }
    const providers = ctx.resources.find(
        (r) =>
            r.type === "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders" &&
            ((r.propertyDependencies?.clusterName ?? []).includes(cluster.urn) || names(r.inputs?.clusterName, cluster)),
    );
    const strategy = providers?.inputs?.defaultCapacityProviderStrategies;
    return Array.isArray(strategy) && strategy.length > 0 ? strategy : undefined;
}

/** Task counts and related resources of one ECS service. */
function planService(ctx: PricingContext, service: RecordedResource): ServicePlan {
    const desired = typeof service.inputs?.desiredCount === "number" ? service.inputs.desiredCount : 1;
    const plan: ServicePlan = {
        service,
        taskDefinition: findTaskDefinition(ctx, service),
        cluster: findCluster(ctx, service),
        desired,
        min: desired,
        max: desired,
        scaling: "no autoscaling target",
    };
    const target = findScalingTarget(ctx, service);
    if (target) {
        plan.min = Number(target.inputs?.minCapacity ?? desired);
        plan.max = Number(target.inputs?.maxCapacity ?? desired);
        plan.scaling = `autoscaling ${plan.min}–${plan.max} (${target.name})`;
    }
    if (!plan.taskDefinition) {
        plan.problem = "task definition not found (no propertyDependencies.taskDefinition and no task definition whose ARN matches)";
    }
    return plan;
}

/** The launch settings that decide where a service's tasks run, with the cluster default strategy as fallback. */
function launchOf(ctx: PricingContext, plan: ServicePlan): { launchType?: string; capacityProviderStrategies?: CapacityProviderStrategyItem[]; note: string } {
    const inputs = plan.service.inputs ?? {};
    const own = Array.isArray(inputs.capacityProviderStrategies) && inputs.capacityProviderStrategies.length > 0 ? inputs.capacityProviderStrategies : undefined;
    if (inputs.launchType || own) {
        return { launchType: inputs.launchType, capacityProviderStrategies: own, note: "" };
    }
    const clusterDefault = clusterDefaultStrategy(ctx, plan.cluster);
    if (clusterDefault) {
        return { capacityProviderStrategies: clusterDefault, note: "cluster default capacity provider strategy; " };
    }
    const compatibilities: unknown[] = listOf(plan.taskDefinition?.inputs?.requiresCompatibilities);
    if (compatibilities.includes("FARGATE")) {
        return { launchType: "FARGATE", note: "launch type unset, priced as FARGATE because the task definition requires it; " };
    }
    return { launchType: "EC2", note: "" };
}

/** The Fargate Spot discount: the usage file's `fargateSpotDiscount`, else the table's "up to" figure (read only when a task runs on Spot). */
function spotDiscountOf(ctx: PricingContext): number {
    return ctx.usage.fargateSpotDiscount ?? ctx.prices.fargateSpotDiscount.value;
}

/** USD per month for a split of tasks at an hourly task price. */
function tasksMonthly(ctx: PricingContext, split: CapacitySplit, task: TaskHourPrice, spotDiscount: number): number {
    return (split.onDemand + split.spot * (1 - spotDiscount)) * task.hourly * ctx.hours;
}

/** Describe a task count split, e.g. `2 on-demand + 1 Spot`. */
function describeSplit(split: CapacitySplit): string {
    const parts = [`${split.onDemand} on-demand`];
    if (split.spot > 0) {
        parts.push(`${split.spot} Spot`);
    }
    if (split.other > 0) {
        parts.push(`${split.other} on EC2 capacity (not priced)`);
    }
    return parts.join(" + ");
}

/** An ECS service on Fargate: tasks × task price (Spot share discounted), plus one public IPv4 per task when assigned. */
function priceService(ctx: PricingContext, service: RecordedResource): Priced {
    const plan = ctx.services.get(service.urn) as ServicePlan;
    if (plan.problem) {
        return { items: [], unpriced: plan.problem };
    }
    const launch = launchOf(ctx, plan);
    if (splitCapacity(1, launch).other === 1) {
        return { items: [], unpriced: "EC2 capacity: the container instances carry the cost and are not modelled" };
    }
    const taskDefinition = plan.taskDefinition as RecordedResource;
    const task = taskHourPriceOf(ctx.prices, taskDefinition);
    if ("unpriced" in task) return { items: [], unpriced: task.unpriced };
    const [desired, min, max] = [plan.desired, plan.min, plan.max].map((count) => splitCapacity(count, launch));
    // The Spot discount is read only when some task runs on Spot (a region without it can still price on-demand tasks).
    const spotDiscount = desired.spot + min.spot + max.spot > 0 ? spotDiscountOf(ctx) : 0;
    const storage = task.extraStorageGb > 0 ? ` + ${num(task.extraStorageGb)} GB extra storage × ${rate(task.storageGbHour)}` : "";
    const spot = desired.spot + min.spot + max.spot > 0 ? `, Spot at ${num(spotDiscount * 100)}% off ("up to")` : "";
    const basis =
        `${launch.note}${describeSplit(desired)} of ${plan.desired} task(s) × ${num(task.vcpu)} vCPU/${num(task.memoryGb)} GB ${task.architecture} ` +
        `at ${rate(task.hourly)}/task-h (${num(task.vcpu)} × ${rate(task.vcpuHour)} + ${num(task.memoryGb)} × ${rate(task.gbHour)}${storage})${spot} × ${ctx.hours} h; ${plan.scaling}`;
    const items = [
        item(service, tasksMonthly(ctx, desired, task, spotDiscount), basis, false, tasksMonthly(ctx, min, task, spotDiscount), tasksMonthly(ctx, max, task, spotDiscount)),
    ];
    if (service.inputs?.networkConfiguration?.assignPublicIp === true) {
        const perTask = ctx.prices.publicIpv4Hour.value * ctx.hours;
        const ipBasis = `public IPv4: assignPublicIp, 1 address per task × ${plan.desired} task(s) × ${rate(ctx.prices.publicIpv4Hour.value)}/h × ${ctx.hours} h`;
        items.push(item(service, plan.desired * perTask, ipBasis, false, plan.min * perTask, plan.max * perTask));
    }
    return { items };
}

/** An application load balancer: hours, LCUs from usage, and one public IPv4 per AZ when internet-facing. */
function priceLoadBalancer(ctx: PricingContext, lb: RecordedResource): Priced {
    const kind = lb.inputs?.loadBalancerType ?? "application";
    if (kind !== "application") {
        return { items: [], unpriced: `${kind} load balancers have no price data in price-table.json` };
    }
    const { prices, usage, hours } = ctx;
    const lcu = albLcuPerHour({
        newConnectionsPerSecond: usage.albNewConnectionsPerSecond,
        activeConnectionsPerMinute: usage.albActiveConnectionsPerMinute,
        processedGbPerHour: usage.albProcessedGbPerHour,
        ruleEvaluationsPerSecond: usage.albRuleEvaluationsPerSecond,
        rulesCount: usage.albRulesCount,
    });
    const items = [
        item(lb, prices.albHour.value * hours, `ALB hours: ${hours} h × ${rate(prices.albHour.value)}/h`, false),
        item(
            lb,
            lcu.lcuPerHour * hours * prices.albLcuHour.value,
            `ALB LCUs: ${num(lcu.lcuPerHour)} LCU/h (${lcu.dominant} dominates) × ${hours} h × ${rate(prices.albLcuHour.value)}/LCU-h`,
            true,
        ),
    ];
    if (lb.inputs?.internal !== true) {
        const recorded = Math.max(listOf(lb.inputs?.subnets).length, listOf(lb.inputs?.subnetMappings).length);
        const azs = recorded > 0 ? recorded : 2;
        const note = recorded > 0 ? `${azs} subnets/AZs` : "subnets not recorded, 2 AZs assumed (an ALB needs two)";
        items.push(item(lb, azs * prices.publicIpv4Hour.value * hours, `public IPv4: internet-facing, ${note} × ${rate(prices.publicIpv4Hour.value)}/h × ${hours} h`, false));
        items.push(dataTransferOutItem(ctx, lb));
    }
    return { items };
}

/** True for an `aws:lb` or `aws:alb` load balancer. */
function isLoadBalancer(resource: RecordedResource): boolean {
    return resource.type === "aws:lb/loadBalancer:LoadBalancer" || resource.type === "aws:alb/loadBalancer:LoadBalancer";
}

/**
 * Internet data transfer out through one internet-facing ALB: the usage GB, less this ALB's share of the
 * account-wide free allowance, at the first-tier rate.
 */
function dataTransferOutItem(ctx: PricingContext, lb: RecordedResource): CostItem {
    const { prices, usage } = ctx;
    const gb = usage.internetDataTransferOutGbPerMonth;
    const free = prices.dataTransferOutFreeGbMonth.value;
    const stackGb = gb * ctx.publicAlbCount;
    const billedHere = Math.max(0, stackGb - free) / ctx.publicAlbCount;
    const rateOut = prices.dataTransferOutGb.value;
    return item(
        lb,
        billedHere * rateOut,
        `data transfer out to the internet: ${num(gb)} GB/month per ALB × ${ctx.publicAlbCount} ALB(s), ${num(free)} GB free (account-wide), ` +
            `${num(billedHere)} GB billed here × ${rate(rateOut)}/GB`,
        true,
    );
}

/** Paid AWS managed rule groups (their own subscription and request fees are not in the price table). */
const PAID_MANAGED_RULE_GROUPS = ["AWSManagedRulesBotControlRuleSet", "AWSManagedRulesATPRuleSet", "AWSManagedRulesACFPRuleSet", "AWSManagedRulesAntiDDoSRuleSet"];

/** Requests per month the ALBs serve (rule evaluations per second ÷ rules per request, over the month). */
function requestsPerMonth(ctx: PricingContext): { requests: number; perSecond: number } {
    const perSecond = ctx.usage.albRuleEvaluationsPerSecond / Math.max(1, ctx.usage.albRulesCount);
    return { requests: perSecond * 3600 * ctx.hours, perSecond };
}

/** A WAF web ACL: the ACL-month, one rule-month per rule or rule group, and the requests it inspects. */
function priceWebAcl(ctx: PricingContext, acl: RecordedResource): Priced {
    const { prices } = ctx;
    const rules = listOf(acl.inputs?.rules);
    const paid = rules
        .map((rule) => rule?.statement?.managedRuleGroupStatement?.name)
        .filter((name): name is string => typeof name === "string" && PAID_MANAGED_RULE_GROUPS.includes(name));
    const { requests, perSecond } = requestsPerMonth(ctx);
    const millions = requests / 1e6;
    const items = [
        item(acl, prices.wafWebAclMonth.value, `WAF web ACL: 1 ACL-month × ${rate(prices.wafWebAclMonth.value)}`, false),
        item(acl, rules.length * prices.wafRuleMonth.value, `WAF rules: ${rules.length} rule(s) or rule group(s) × ${rate(prices.wafRuleMonth.value)}/month`, false),
        item(
            acl,
            millions * prices.wafRequestsMillion.value,
            `WAF requests: ${num(perSecond)} requests/s (ALB rule evaluations ÷ rules per request) × 3,600 × ${ctx.hours} h = ${num(millions)} M × ${rate(prices.wafRequestsMillion.value)}/M`,
            true,
        ),
    ];
    return paid.length > 0 ? { items, unpriced: `paid managed rule groups ${paid.join(", ")} carry subscription and request fees the price table does not have` } : { items };
}

/** The lifecycle expiration (days) a bucket's lifecycle configuration sets, if any. */
function bucketExpirationDays(ctx: PricingContext, bucket: RecordedResource): number | undefined {
    const lifecycle = ctx.resources.find(
        (r) =>
            r.type === "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration" &&
            ((r.propertyDependencies?.bucket ?? []).includes(bucket.urn) || names(r.inputs?.bucket, bucket) || r.inputs?.bucket === bucket.outputs?.bucket),
    );
    const days = listOf(lifecycle?.inputs?.rules)
        .filter((rule) => rule?.status === "Enabled")
        .map((rule) => rule?.expiration?.days)
        .filter((d): d is number => typeof d === "number" && d > 0);
    return days.length > 0 ? Math.min(...days) : undefined;
}

/** An S3 bucket (S3 Standard): what accumulates under its lifecycle expiration, and the PUT requests that write it. */
function priceBucket(ctx: PricingContext, bucket: RecordedResource): Priced {
    const { prices, usage } = ctx;
    const gb = usage.s3GbWrittenPerMonthPerBucket;
    const expiration = bucketExpirationDays(ctx, bucket);
    const horizon = usage.logStorageHorizonMonths;
    const months = expiration !== undefined ? Math.min(expiration / daysPerMonth(ctx), horizon) : horizon;
    const kept = expiration !== undefined ? `${expiration}-day lifecycle expiration` : `no expiration: priced at the ${num(horizon)}-month horizon and still growing`;
    const puts = usage.s3PutRequestsPerMonthPerBucket;
    return {
        items: [
            item(
                bucket,
                gb * months * prices.s3StandardGbMonth.value,
                `S3 Standard storage: ${num(gb)} GB/month kept ${num(months)} month(s) (${kept}) = ${num(gb * months)} GB × ${rate(prices.s3StandardGbMonth.value)}/GB-month`,
                true,
            ),
            item(bucket, (puts / 1000) * prices.s3PutRequests1k.value, `S3 PUT requests: ${num(puts)}/month × ${rate(prices.s3PutRequests1k.value)}/1k`, true),
        ],
    };
}

/** An SQS queue: its requests less its share of the account-wide free requests. */
function priceQueue(ctx: PricingContext, queue: RecordedResource): Priced {
    const { prices, usage } = ctx;
    const fifo = queue.inputs?.fifoQueue === true;
    if (fifo) return { items: [], unpriced: "FIFO queues are priced differently; the price table has standard-queue requests only" };
    const requests = usage.sqsRequestsPerMonthPerQueue;
    const free = prices.sqsFreeRequestsMonth.value;
    const billedHere = Math.max(0, requests * ctx.queueCount - free) / ctx.queueCount;
    return {
        items: [
            item(
                queue,
                (billedHere / 1e6) * prices.sqsRequestsMillion.value,
                `SQS requests: ${num(requests)}/month per queue × ${ctx.queueCount} queue(s), ${num(free)} free, ${num(billedHere)} billed here × ${rate(prices.sqsRequestsMillion.value)}/M`,
                true,
            ),
        ],
    };
}

/** The task definition an EventBridge Scheduler ECS target runs. */
function scheduleTaskDefinition(ctx: PricingContext, schedule: RecordedResource): RecordedResource | undefined {
    const arn = schedule.inputs?.target?.ecsParameters?.taskDefinitionArn;
    const viaDependency = propertySources(ctx, schedule, "target", TASK_DEFINITION);
    const byArn = ctx.resources.find((r) => r.type === TASK_DEFINITION && arn !== undefined && (r.outputs?.arn === arn || names(arn, r)));
    return byArn ?? (viaDependency.length === 1 ? viaDependency[0] : undefined);
}

/**
 * An EventBridge Scheduler schedule that runs an ECS task: runs per month (from the expression) × task
 * count × minutes per run (Fargate's 1-minute minimum) at the task price. Scheduler invocations themselves
 * stay inside its free monthly invocations at these rates and are not billed here.
 */
function priceSchedule(ctx: PricingContext, schedule: RecordedResource): Priced {
    const ecs = schedule.inputs?.target?.ecsParameters;
    if (!ecs) return { items: [] };
    const taskDefinition = scheduleTaskDefinition(ctx, schedule);
    if (!taskDefinition) return { items: [], unpriced: "scheduled ECS task: its task definition was not found" };
    const runs = monthlyRuns(String(schedule.inputs?.scheduleExpression ?? ""), ctx.hours);
    if (runs.runs === undefined) return { items: [], unpriced: `scheduled ECS task: ${runs.note}` };
    const launch = { launchType: ecs.launchType, capacityProviderStrategies: listOf(ecs.capacityProviderStrategies) };
    const task = taskHourPriceOf(ctx.prices, taskDefinition);
    if ("unpriced" in task) return { items: [], unpriced: task.unpriced };
    const count = typeof ecs.taskCount === "number" ? ecs.taskCount : 1;
    const minutes = Math.max(1, ctx.usage.scheduledTaskMinutesPerRun);
    const taskHours = runs.runs * count * (minutes / 60);
    const split = splitCapacity(count, launch);
    if (split.other > 0) return { items: [], unpriced: "scheduled task on EC2 capacity: the container instances carry the cost" };
    const spotShare = count > 0 ? split.spot / count : 0;
    const spotDiscount = spotShare > 0 ? spotDiscountOf(ctx) : 0;
    const hourly = task.hourly * (1 - spotShare * spotDiscount);
    return {
        items: [
            item(
                schedule,
                taskHours * hourly,
                `scheduled task runs: ${num(runs.runs)} run(s)/month (${runs.note}) × ${count} task(s) × ${num(minutes)} min ` +
                    `× ${num(task.vcpu)} vCPU/${num(task.memoryGb)} GB ${task.architecture} at ${rate(hourly)}/task-h` +
                    (spotShare > 0 ? ` (${spotShare < 1 ? `${num(spotShare * 100)}% of tasks on ` : ""}Spot at ${num(spotDiscount * 100)}% off ("up to"))` : ""),
                true,
            ),
        ],
    };
}

/** Number of NAT gateways an awsx VPC creates, with how it was read. */
function awsxNatGateways(vpc: RecordedResource): { count: number; description: string } {
    const strategy: string = vpc.inputs?.natGateways?.strategy ?? "OnePerAz";
    const zoneNames = listOf(vpc.inputs?.availabilityZoneNames);
    const azs = zoneNames.length > 0 ? zoneNames.length : (vpc.inputs?.numberOfAvailabilityZones ?? 3);
    const count = strategy === "None" ? 0 : strategy === "Single" ? 1 : azs;
    return { count, description: `natGateways.strategy ${strategy} × ${azs} AZ(s) = ${count} NAT gateway(s)` };
}

/** NAT gateway hours and its processed-data share (the stack's NAT GB split evenly over all NAT gateways). */
function natItems(ctx: PricingContext, resource: RecordedResource, count: number, description: string): CostItem[] {
    const { prices, usage, hours } = ctx;
    const gbEach = ctx.natGatewayCount > 0 ? usage.natProcessedGbPerMonth / ctx.natGatewayCount : 0;
    return [
        item(resource, count * prices.natGatewayHour.value * hours, `NAT hours: ${description} × ${hours} h × ${rate(prices.natGatewayHour.value)}/h`, false),
        item(
            resource,
            count * gbEach * prices.natGatewayGb.value,
            `NAT data: ${num(usage.natProcessedGbPerMonth)} GB/month over ${ctx.natGatewayCount} NAT gateway(s), ${num(count * gbEach)} GB here × ${rate(prices.natGatewayGb.value)}/GB`,
            true,
        ),
    ];
}

/** An awsx VPC: its NAT gateways (hours, data) and one Elastic IP each. */
function priceAwsxVpc(ctx: PricingContext, vpc: RecordedResource): Priced {
    const nat = awsxNatGateways(vpc);
    if (nat.count === 0) {
        return { items: [] };
    }
    const eip = ctx.prices.publicIpv4Hour.value;
    return {
        items: [
            ...natItems(ctx, vpc, nat.count, nat.description),
            item(vpc, nat.count * eip * ctx.hours, `NAT Elastic IPs: ${nat.count} public IPv4 × ${rate(eip)}/h × ${ctx.hours} h`, false),
        ],
    };
}

/** A NAT gateway declared directly (skipped under an awsx VPC, which prices its own). */
function priceNatGateway(ctx: PricingContext, nat: RecordedResource): Priced {
    if (hasAncestorOfType(ctx, nat, AWSX_VPC)) {
        return { items: [] };
    }
    const connectivity = nat.inputs?.connectivityType === "private" ? "private NAT gateway" : "1 NAT gateway";
    return { items: natItems(ctx, nat, 1, connectivity) };
}

/** An Elastic IP (billed in use or idle since 2024-02-01), skipped under an awsx VPC. */
function priceEip(ctx: PricingContext, eip: RecordedResource): Priced {
    if (hasAncestorOfType(ctx, eip, AWSX_VPC)) {
        return { items: [] };
    }
    const hour = ctx.prices.publicIpv4Hour.value;
    return { items: [item(eip, hour * ctx.hours, `Elastic IP: 1 public IPv4 (in use or idle) × ${rate(hour)}/h × ${ctx.hours} h`, false)] };
}

/** A VPC endpoint: Interface type per AZ (subnet) plus data; Gateway type is free. */
function priceVpcEndpoint(ctx: PricingContext, endpoint: RecordedResource): Priced {
    const kind = endpoint.inputs?.vpcEndpointType ?? "Gateway";
    if (kind === "Gateway") {
        return { items: [] };
    }
    if (kind !== "Interface") {
        return { items: [], unpriced: `${kind} endpoints have no price data in price-table.json` };
    }
    const azs = listOf(endpoint.inputs?.subnetIds).length;
    if (azs === 0) {
        return { items: [], unpriced: "interface endpoint without subnetIds: the number of AZs it is billed for is unknown" };
    }
    const { prices, usage, hours } = ctx;
    const service = endpoint.inputs?.serviceName ? ` ${endpoint.inputs.serviceName}` : "";
    return {
        items: [
            item(
                endpoint,
                azs * prices.interfaceEndpointAzHour.value * hours,
                `interface endpoint${service}: ${azs} AZ(s) × ${hours} h × ${rate(prices.interfaceEndpointAzHour.value)}/AZ-h`,
                false,
            ),
            item(
                endpoint,
                usage.interfaceEndpointGbPerMonth * prices.interfaceEndpointGb.value,
                `endpoint data: ${num(usage.interfaceEndpointGbPerMonth)} GB/month × ${rate(prices.interfaceEndpointGb.value)}/GB`,
                true,
            ),
        ],
    };
}

/** A customer-managed KMS key: $1/month plus its share of requests above the 20,000 free per month. */
function priceKmsKey(ctx: PricingContext, key: RecordedResource): Priced {
    const { prices, usage } = ctx;
    const free = prices.kmsFreeRequestsMonth.value;
    const stackRequests = usage.kmsRequestsPerMonthPerKey * ctx.kmsKeyCount;
    const billableHere = Math.max(0, stackRequests - free) / ctx.kmsKeyCount;
    return {
        items: [
            item(key, prices.kmsKeyMonth.value, `KMS key: 1 key-month × ${rate(prices.kmsKeyMonth.value)}`, false),
            item(
                key,
                (billableHere / 10000) * prices.kmsRequests10k.value,
                `KMS requests: ${num(usage.kmsRequestsPerMonthPerKey)}/month per key × ${ctx.kmsKeyCount} key(s), ${num(free)} free, ` +
                    `${num(billableHere)} billed here × ${rate(prices.kmsRequests10k.value)}/10k`,
                true,
            ),
        ],
    };
}

/** Days in a 730-hour month. */
function daysPerMonth(ctx: PricingContext): number {
    return ctx.hours / 24;
}

/** A log group: ingestion plus the storage that accumulates under its retention (capped at the usage horizon). */
function priceLogGroup(ctx: PricingContext, group: RecordedResource): Priced {
    const { prices, usage } = ctx;
    const infrequent = group.inputs?.logGroupClass === "INFREQUENT_ACCESS";
    const ingestRate = (infrequent ? prices.logsIngestionInfrequentAccessGb : prices.logsIngestionStandardGb).value;
    const declaredClass = group.inputs?.logGroupClass;
    const otherClass = declaredClass && declaredClass !== "STANDARD" ? ` (class ${declaredClass} priced as Standard)` : "";
    const logClass = infrequent ? "Infrequent Access" : `Standard${otherClass}`;
    const gb = usage.logIngestionGbPerMonthPerService;
    const retentionDays = Number(group.inputs?.retentionInDays ?? 0);
    const horizon = usage.logStorageHorizonMonths;
    const retainedMonths = retentionDays > 0 ? Math.min(retentionDays / daysPerMonth(ctx), horizon) : horizon;
    const capped = retentionDays / daysPerMonth(ctx) > horizon ? `, capped at the ${num(horizon)}-month horizon` : "";
    const kept = retentionDays > 0 ? `${retentionDays}-day retention${capped}` : `never expires (retention unset/0): priced at the ${num(horizon)}-month horizon and still growing`;
    return {
        items: [
            item(group, gb * ingestRate, `log ingestion (${logClass}): ${num(gb)} GB/month × ${rate(ingestRate)}/GB`, true),
            item(
                group,
                gb * retainedMonths * prices.logsStorageGbMonth.value,
                `log storage: ${num(gb)} GB/month kept ${num(retainedMonths)} month(s) (${kept}) = ${num(gb * retainedMonths)} GB stored ` +
                    `(uncompressed, an upper bound) × ${rate(prices.logsStorageGbMonth.value)}/GB-month`,
                true,
            ),
        ],
    };
}

/** The `containerInsights` setting of a cluster (`disabled` when unset). */
function containerInsightsMode(cluster: RecordedResource): string {
    const setting = listOf(cluster.inputs?.settings).find((s) => s?.name === "containerInsights");
    return String(setting?.value ?? "disabled");
}

/** An ECS cluster: Container Insights metric series by mode (enabled/enhanced) × the services in it; disabled is free. */
function priceCluster(ctx: PricingContext, cluster: RecordedResource): Priced {
    const mode = containerInsightsMode(cluster);
    if (mode !== "enabled" && mode !== "enhanced") {
        return { items: [] };
    }
    const { prices, usage } = ctx;
    const plans = [...ctx.services.values()].filter((plan) => plan.cluster?.urn === cluster.urn);
    const metric = prices.customMetricMonth.value;
    const perCluster = mode === "enabled" ? usage.containerInsightsSeriesPerCluster : usage.containerInsightsEnhancedSeriesPerCluster;
    const perService = mode === "enabled" ? usage.containerInsightsSeriesPerService : usage.containerInsightsEnhancedSeriesPerService;
    const series = perCluster + perService * plans.length;
    const basis =
        `Container Insights ${mode}: ${num(perCluster)} + ${num(perService)} × ${plans.length} service(s) = ${num(series)} series ` +
        `× ${rate(metric)}/metric-month (metrics only; performance-log ingestion not included)`;
    const items = [item(cluster, series * metric, basis, true)];
    if (mode === "enhanced") {
        const enhanced = prices.containerInsightsEnhancedMetricMonth.value;
        const perTask = usage.containerInsightsEnhancedSeriesPerTask;
        const tasks = (pick: (plan: ServicePlan) => number) => plans.reduce((sum, plan) => sum + pick(plan), 0);
        const cost = (count: number) => count * perTask * enhanced;
        const taskBasis =
            `Container Insights enhanced task series: ${num(perTask)} × ${tasks((p) => p.desired)} task(s) × ${rate(enhanced)}/metric-month ` +
            "(low-confidence price; task replacements add series)";
        items.push(item(cluster, cost(tasks((p) => p.desired)), taskBasis, true, cost(tasks((p) => p.min)), cost(tasks((p) => p.max))));
    }
    return { items };
}

/** An ECR repository: stored GB from usage. */
function priceRepository(ctx: PricingContext, repository: RecordedResource): Priced {
    const gb = ctx.usage.ecrStoredGbPerRepository;
    const storage = ctx.prices.ecrStorageGbMonth.value;
    return { items: [item(repository, gb * storage, `ECR storage: ${num(gb)} GB × ${rate(storage)}/GB-month`, true)] };
}

/** Cost items of one Secrets Manager secret (created here or referenced), with a basis prefix. */
function secretItems(ctx: PricingContext, secret: { name: string; type: string }, prefix: string): CostItem[] {
    const { prices, usage } = ctx;
    const calls = usage.secretsManagerCallsPerMonthPerSecret;
    return [
        item(secret, prices.secretsManagerSecretMonth.value, `${prefix}: 1 secret-month × ${rate(prices.secretsManagerSecretMonth.value)}`, false),
        item(
            secret,
            (calls / 10000) * prices.secretsManagerApiCalls10k.value,
            `${prefix} API calls: ${num(calls)}/month × ${rate(prices.secretsManagerApiCalls10k.value)}/10k`,
            true,
        ),
    ];
}

/** A Secrets Manager secret the program creates. */
function priceSecret(ctx: PricingContext, secret: RecordedResource): Priced {
    return { items: secretItems(ctx, secret, "secret") };
}

/** A CloudWatch metric alarm: per alarm metric, standard or high resolution; anomaly detection counts 3. */
function priceMetricAlarm(ctx: PricingContext, alarm: RecordedResource): Priced {
    const queries = listOf(alarm.inputs?.metricQueries);
    const metricQueries = queries.filter((q) => q?.metric);
    const periods = [alarm.inputs?.period, ...metricQueries.map((q) => q.metric?.period)].filter((p) => typeof p === "number");
    const highResolution = periods.some((p) => p < 60);
    const anomaly = typeof alarm.inputs?.thresholdMetricId === "string" && alarm.inputs.thresholdMetricId !== "";
    const metrics = anomaly ? 3 : Math.max(1, metricQueries.length);
    const price = (highResolution ? ctx.prices.alarmHighResolutionMetricMonth : ctx.prices.alarmStandardMetricMonth).value;
    const kind = `${highResolution ? "high" : "standard"}-resolution${anomaly ? " anomaly-detection" : ""}`;
    return { items: [item(alarm, metrics * price, `alarm: ${metrics} ${kind} alarm metric(s) × ${rate(price)}/month`, false)] };
}

/** A CloudWatch dashboard. */
function priceDashboard(ctx: PricingContext, dashboard: RecordedResource): Priced {
    const price = ctx.prices.dashboardMonth.value;
    return { items: [item(dashboard, price, `dashboard: 1 × ${rate(price)}/month`, false)] };
}

/** An Application Auto Scaling policy: target tracking creates two standard alarms; step scaling uses the user's own alarms. */
function priceScalingPolicy(ctx: PricingContext, policy: RecordedResource): Priced {
    if (policy.inputs?.policyType !== "TargetTrackingScaling") {
        return { items: [] };
    }
    const price = ctx.prices.alarmStandardMetricMonth.value;
    return { items: [item(policy, 2 * price, `target tracking: 2 alarms it creates (high and low) × ${rate(price)}/month`, false)] };
}

/** An SSM parameter: Standard tier is free; Advanced is billed but not in price-table.json. */
function priceSsmParameter(_ctx: PricingContext, parameter: RecordedResource): Priced {
    const tier = parameter.inputs?.tier ?? "Standard";
    return tier === "Standard" ? { items: [] } : { items: [], unpriced: `SSM ${tier} parameters are billed; price-table.json has no SSM prices` };
}

/** Pricers by type token. */
const PRICERS: Readonly<Record<string, (ctx: PricingContext, resource: RecordedResource) => Priced>> = {
    [SERVICE]: priceService,
    "aws:lb/loadBalancer:LoadBalancer": priceLoadBalancer,
    "aws:alb/loadBalancer:LoadBalancer": priceLoadBalancer,
    [AWSX_VPC]: priceAwsxVpc,
    "aws:ec2/natGateway:NatGateway": priceNatGateway,
    "aws:ec2/eip:Eip": priceEip,
    "aws:ec2/vpcEndpoint:VpcEndpoint": priceVpcEndpoint,
    "aws:kms/key:Key": priceKmsKey,
    "aws:cloudwatch/logGroup:LogGroup": priceLogGroup,
    [CLUSTER]: priceCluster,
    "aws:ecr/repository:Repository": priceRepository,
    "aws:secretsmanager/secret:Secret": priceSecret,
    "aws:cloudwatch/metricAlarm:MetricAlarm": priceMetricAlarm,
    "aws:cloudwatch/dashboard:Dashboard": priceDashboard,
    "aws:appautoscaling/policy:Policy": priceScalingPolicy,
    "aws:ssm/parameter:Parameter": priceSsmParameter,
    "aws:wafv2/webAcl:WebAcl": priceWebAcl,
    "aws:s3/bucket:Bucket": priceBucket,
    "aws:s3/bucketV2:BucketV2": priceBucket,
    "aws:sqs/queue:Queue": priceQueue,
    "aws:scheduler/schedule:Schedule": priceSchedule,
};

/** The secret ARN (without a JSON key, version stage or version id) of a Secrets Manager `valueFrom`, if it is one. */
export function secretArnOf(valueFrom: unknown): string | undefined {
    if (typeof valueFrom !== "string" || !/^arn:aws[a-z-]*:secretsmanager:/.test(valueFrom)) {
        return undefined;
    }
    return valueFrom.split(":").slice(0, 7).join(":");
}

/** Items for every distinct Secrets Manager ARN task definitions reference that no recorded secret creates. */
function referencedSecretItems(ctx: PricingContext): CostItem[] {
    const created = new Set(
        ctx.resources.filter((r) => r.type === "aws:secretsmanager/secret:Secret").flatMap((r) => [r.outputs?.arn, r.outputs?.id].filter((v) => typeof v === "string")),
    );
    const referenced = new Set<string>();
    for (const taskDefinition of ctx.resources.filter((r) => r.type === TASK_DEFINITION)) {
        for (const container of listOf(taskDefinition.inputs?.containerDefinitions)) {
            for (const secret of listOf(container?.secrets)) {
                const arn = secretArnOf(secret?.valueFrom);
                if (arn && !created.has(arn)) {
                    referenced.add(arn);
                }
            }
        }
    }
    return [...referenced].flatMap((arn) => secretItems(ctx, { name: arn, type: "aws:secretsmanager/secret:Secret" }, "referenced, existing secret"));
}

/** True when a type is known to carry no charge of its own. */
function isFree(type: string): boolean {
    return FREE_TYPES.has(type) || FREE_PACKAGES.has(type.split(":")[0]);
}

/** Count the NAT gateways the stack runs (awsx VPCs plus NAT gateways declared outside them). */
function countNatGateways(ctx: PricingContext): number {
    return ctx.resources.reduce((sum, r) => {
        if (r.type === AWSX_VPC) {
            return sum + awsxNatGateways(r).count;
        }
        return r.type === "aws:ec2/natGateway:NatGateway" && !hasAncestorOfType(ctx, r, AWSX_VPC) ? sum + 1 : sum;
    }, 0);
}

/** Sum a field over items, rounded to a hundredth of a cent. */
function total(items: CostItem[], pick: (i: CostItem) => number): number {
    return round4(items.reduce((sum, i) => sum + pick(i), 0));
}

/** How to fill a region's missing prices. */
export function howToGetPrices(region: string): string {
    return (
        `refresh them from AWS's public Price List (no credentials needed): ` +
        `\`npm run fargatekit -- prices update --region ${region} --out prices.json\`, then \`npm run plan -- --prices prices.json\``
    );
}

/** Collects the prices a region lacks while pricing. */
class MissingPrices {
    private readonly byKey = new Map<PriceKey, Set<string>>();
    /** Keys read while the current resource was priced. */
    private readonly current = new Set<PriceKey>();

    /** The callback `strictPrices` reports a missing key to. */
    readonly onMissing = (key: PriceKey): void => {
        this.current.add(key);
    };

    /** Run `price`; if it read a missing price, every such price is recorded against `resource` and it yields `fallback`. */
    attempt<T>(resource: string, price: () => T, fallback: T): T {
        this.current.clear();
        const result = price();
        if (this.current.size === 0) return result;
        for (const key of this.current) this.byKey.set(key, (this.byKey.get(key) ?? new Set()).add(resource));
        return fallback;
    }

    /** The missing prices in price-table order. */
    list(): MissingPrice[] {
        return (Object.keys(PRICE_KEY_UNITS) as PriceKey[])
            .filter((key) => this.byKey.has(key))
            .map((key) => ({ key, unit: PRICE_KEY_UNITS[key], resources: [...(this.byKey.get(key) as Set<string>)] }));
    }
}

/**
 * Price a recorded program for one region. Throws for an invalid usage override.
 * Resources known to be free produce no item; billable resources the model cannot price are listed in `unpriced`.
 * A price the region lacks leaves its resource out of the items, names it in `missingPrices` and sets the totals to null.
 */
export function estimateCost(resources: RecordedResource[], options: EstimateOptions): CostEstimate {
    const table = options.table ?? priceTable();
    const missing = new MissingPrices();
    const prices = strictPrices(options.region, table, missing.onMissing);
    const ctx: PricingContext = {
        resources,
        byUrn: new Map(resources.map((r) => [r.urn, r])),
        prices,
        usage: mergeUsage((options.usage ?? {}) as Record<string, unknown>, "estimateCost usage"),
        hours: table.hoursPerMonth,
        services: new Map(),
        natGatewayCount: 0,
        kmsKeyCount: resources.filter((r) => r.type === "aws:kms/key:Key").length,
        publicAlbCount: resources.filter((r) => isLoadBalancer(r) && (r.inputs?.loadBalancerType ?? "application") === "application" && r.inputs?.internal !== true).length,
        queueCount: resources.filter((r) => r.type === "aws:sqs/queue:Queue").length,
    };
    for (const service of resources.filter((r) => r.type === SERVICE)) {
        ctx.services.set(service.urn, planService(ctx, service));
    }
    ctx.natGatewayCount = countNatGateways(ctx);
    const items: CostItem[] = [];
    const unpriced: UnpricedResource[] = [];
    for (const resource of resources) {
        const pricer = PRICERS[resource.type];
        if (pricer) {
            const priced = missing.attempt(resource.name, () => pricer(ctx, resource), { items: [] } as Priced);
            items.push(...priced.items);
            if (priced.unpriced) {
                unpriced.push({ resource: resource.name, type: resource.type, reason: priced.unpriced });
            }
        } else if (resource.custom && !isFree(resource.type)) {
            unpriced.push({ resource: resource.name, type: resource.type, reason: "no price model for this type (it may be billed)" });
        }
    }
    items.push(...missing.attempt("referenced secrets", () => referencedSecretItems(ctx), [] as CostItem[]));
    const missingPrices = missing.list();
    const complete = missingPrices.length === 0;
    const sum = (selected: CostItem[], pick: (i: CostItem) => number) => (complete ? total(selected, pick) : null);
    return {
        currency: "USD",
        region: options.region,
        hoursPerMonth: table.hoursPerMonth,
        priceDate: table.priceDate,
        monthlyTotal: sum(items, (i) => i.monthly),
        monthlyMin: sum(items, (i) => i.monthlyMin),
        monthlyMax: sum(items, (i) => i.monthlyMax),
        fixedMonthly: sum(
            items.filter((i) => !i.dependsOnUsage),
            (i) => i.monthly,
        ),
        usageMonthly: sum(
            items.filter((i) => i.dependsOnUsage),
            (i) => i.monthly,
        ),
        items,
        unpriced,
        complete,
        missingPrices,
        ...(complete ? {} : { howToGetPrices: howToGetPrices(options.region) }),
    };
}
