/**
 * The small toolkit every policy module uses: type-token aliases, metadata shape, and wrappers
 * that make a policy skip (never fail, never crash) when a value it reads is unknown in preview.
 */
import {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
    UnknownValueError,
} from "@pulumi/policy";

/** Type tokens, with every alias a program may use for the same AWS resource. */
export const TYPES = {
    taskDefinition: ["aws:ecs/taskDefinition:TaskDefinition"],
    service: ["aws:ecs/service:Service"],
    cluster: ["aws:ecs/cluster:Cluster"],
    repository: ["aws:ecr/repository:Repository"],
    repositoryPolicy: ["aws:ecr/repositoryPolicy:RepositoryPolicy"],
    lifecyclePolicy: ["aws:ecr/lifecyclePolicy:LifecyclePolicy"],
    loadBalancer: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    listener: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
    listenerRule: ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"],
    targetGroup: ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"],
    role: ["aws:iam/role:Role"],
    policy: ["aws:iam/policy:Policy"],
    rolePolicy: ["aws:iam/rolePolicy:RolePolicy"],
    rolePolicyAttachment: ["aws:iam/rolePolicyAttachment:RolePolicyAttachment"],
    policyAttachment: ["aws:iam/policyAttachment:PolicyAttachment"],
    userPolicy: ["aws:iam/userPolicy:UserPolicy"],
    userPolicyAttachment: ["aws:iam/userPolicyAttachment:UserPolicyAttachment"],
    logGroup: ["aws:cloudwatch/logGroup:LogGroup"],
    kmsKey: ["aws:kms/key:Key"],
    kmsKeyPolicy: ["aws:kms/keyPolicy:KeyPolicy"],
    securityGroup: ["aws:ec2/securityGroup:SecurityGroup"],
    securityGroupRule: ["aws:ec2/securityGroupRule:SecurityGroupRule"],
    ingressRule: ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
    egressRule: ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"],
    defaultSecurityGroup: ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"],
    vpc: ["aws:ec2/vpc:Vpc"],
    defaultVpc: ["aws:ec2/defaultVpc:DefaultVpc"],
    subnet: ["aws:ec2/subnet:Subnet"],
    flowLog: ["aws:ec2/flowLog:FlowLog"],
    vpcEndpoint: ["aws:ec2/vpcEndpoint:VpcEndpoint"],
    wafAssociation: ["aws:wafv2/webAclAssociation:WebAclAssociation"],
    scalableTarget: ["aws:appautoscaling/target:Target"],
    scalingPolicy: ["aws:appautoscaling/policy:Policy"],
} as const;

/** What every policy of the pack declares besides its validation function. */
export interface PolicyMeta {
    /** Unique kebab-case name, e.g. `ecs-task-awsvpc`. */
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    remediationSteps: string;
    /** External rule ids: `checkov:CKV_AWS_158`, `trivy:AWS-0017`, `kics:<query>`, `fsbp:ECS.5`, `ct:CT.ECS.PR.4`, `awsguard:<name>`, `beyond:<our id>`. */
    tags: string[];
    configSchema?: PolicyConfigSchema;
}

/** True when an error is the SDK's "this value is unknown during preview" signal. */
export function isUnknownError(e: unknown): boolean {
    return e instanceof UnknownValueError || (e instanceof Error && e.name === "UnknownValueError");
}

/** Evaluate `fn`; if it touches an unknown value, return `fallback` instead of throwing. */
export function tryKnown<T>(fn: () => T, fallback: T | undefined = undefined): T | undefined {
    try {
        return fn();
    } catch (e) {
        if (isUnknownError(e)) return fallback;
        throw e;
    }
}

/** A check of one resource: report each problem with `report(message)`. */
export type ResourceCheck = (props: Record<string, any>, report: (message: string) => void, args: ResourceValidationArgs) => void;

/**
 * A resource policy that runs `check` on resources whose type is in `types` and skips silently
 * (no violation, no diagnostic) when the resource's values are unknown in a preview.
 */
export function resourcePolicy(meta: PolicyMeta, types: readonly string[], check: ResourceCheck): ResourceValidationPolicy {
    return {
        ...meta,
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (!types.includes(args.type)) return;
            try {
                check(args.props, (m) => reportViolation(m), args);
            } catch (e) {
                if (!isUnknownError(e)) throw e;
            }
        },
    };
}

/** A check of the whole stack: report each problem against the resource it concerns. */
export type StackCheck = (resources: PolicyResource[], report: (message: string, resource: PolicyResource) => void, args: StackValidationArgs) => void;

/**
 * A stack policy. Each `report` names the offending resource (its URN goes to the engine).
 * Use `tryKnown` around per-resource reads so one unknown value skips only that resource.
 */
export function stackPolicy(meta: PolicyMeta, check: StackCheck): StackValidationPolicy {
    return {
        ...meta,
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            try {
                check(args.resources, (m, r) => reportViolation(m, r.urn), args);
            } catch (e) {
                if (!isUnknownError(e)) throw e;
            }
        },
    };
}

/** Resources of the stack whose type is one of `types`. */
export function ofType(resources: PolicyResource[], types: readonly string[]): PolicyResource[] {
    return resources.filter((r) => types.includes(r.type));
}
