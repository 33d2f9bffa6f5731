/**
 * Elastic Load Balancing v2 policies: load balancers (L1–L9), listeners (LS1–LS3) and target groups
 * (TG1–TG3). Every rule is registered on both the `aws:lb/*` and `aws:alb/*` type tokens.
 */
import { Policies, PolicyResource } from "@pulumi/policy";
import { TYPES, ofType, resourcePolicy, stackPolicy, tryKnown } from "./lib/policyKit";
import { asArray, isNonEmptyString, isTrue, isUnresolvedReference, referencedResources } from "./lib/containers";
import { MODERN_SSL_POLICIES, RECOMMENDED_SSL_POLICY, closestPolicyName, elbSecurityPolicy, policyWeaknesses } from "../rules/elbSecurityPolicies";

// ---------------------------------------------------------------------------------------------
// Pure helpers (exported for the tests)
// ---------------------------------------------------------------------------------------------

/** The tag a program sets on a load balancer to declare that being internet-facing is intended. */
export const EXPOSURE_TAG = "fargatekit:exposure";

/** WAF association types whose `resourceArn` attaches a web ACL to a load balancer. */
export const WAF_ASSOCIATION_TYPES: readonly string[] = [...TYPES.wafAssociation, "aws:wafregional/webAclAssociation:WebAclAssociation"];

/** A load balancer's type; the provider's default is `application`. */
export function loadBalancerKind(props: Record<string, any>): string {
    const kind = props.loadBalancerType;
    return isNonEmptyString(kind) ? kind.toLowerCase() : "application";
}

/** True unless the load balancer is explicitly internal (`internal` defaults to false). */
export function isInternetFacing(props: Record<string, any>): boolean {
    return !isTrue(props.internal);
}

/** True when `name` matches a glob pattern (`*` any run of characters, `?` one character). */
export function matchesNamePattern(name: string, pattern: string): boolean {
    const regex = pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${regex}$`).test(name);
}

/** The value of the declared-exposure tag on a load balancer, if any. */
export function declaredExposure(props: Record<string, any>): string | undefined {
    const tags = tryKnown(() => props.tags) ?? tryKnown(() => props.tagsAll);
    const value = tags && typeof tags === "object" ? tags[EXPOSURE_TAG] : undefined;
    return typeof value === "string" ? value : undefined;
}

/** The number of distinct subnets a load balancer is placed in (`subnets` and `subnetMappings`). */
export function subnetCount(props: Record<string, any>): number {
    const ids = new Set<string>();
    let anonymous = 0;
    for (const s of asArray<unknown>(props.subnets)) if (isNonEmptyString(s)) ids.add(s);
    for (const m of asArray<any>(props.subnetMappings)) {
        if (m && isNonEmptyString(m.subnetId)) ids.add(m.subnetId);
        else anonymous++;
    }
    return ids.size + anonymous;
}

/** True for listener protocols that terminate TLS. */
export function isTlsProtocol(protocol: unknown): boolean {
    return typeof protocol === "string" && ["HTTPS", "TLS"].includes(protocol.toUpperCase());
}

/**
 * LS1: why an HTTP listener's default actions are not a single permanent redirect to HTTPS on
 * one of `redirectPorts`, or `undefined` when they are.
 */
export function httpListenerProblem(defaultActions: unknown, redirectPorts: string[]): string | undefined {
    const actions = asArray<any>(defaultActions as any[]);
    if (actions.length !== 1) return `it has ${actions.length} default actions instead of a single redirect to HTTPS`;
    const action = actions[0];
    if (!action || action.type !== "redirect") return `its default action is "${String(action?.type)}" instead of a redirect to HTTPS`;
    const redirect = asArray<any>(action.redirect)[0] ?? {};
    const problems: string[] = [];
    if (String(redirect.protocol ?? "").toUpperCase() !== "HTTPS")
        problems.push(`redirect.protocol is ${redirect.protocol === undefined ? "unset" : `"${String(redirect.protocol)}"`}, not "HTTPS"`);
    const port = redirect.port === undefined || redirect.port === null ? undefined : String(redirect.port);
    if (port === undefined || !redirectPorts.includes(port))
        problems.push(`redirect.port is ${port === undefined ? "unset" : `"${port}"`}, not one of ${redirectPorts.join(", ")}`);
    if (redirect.statusCode !== "HTTP_301")
        problems.push(`redirect.statusCode is ${redirect.statusCode === undefined ? "unset" : `"${String(redirect.statusCode)}"`}, not "HTTP_301"`);
    return problems.length === 0 ? undefined : problems.join("; ");
}

/**
 * The security policies a TLS listener may use by default: those that offer only TLS 1.2+ and only
 * forward-secret AEAD suites, derived from the AWS cipher tables in `rules/elbSecurityPolicies.ts`.
 */
export const DEFAULT_ALLOWED_SSL_POLICIES: readonly string[] = MODERN_SSL_POLICIES;

/** LS2: why a TLS listener's security policy is not acceptable, or `undefined`. */
export function sslPolicyProblem(sslPolicy: unknown, allowed: readonly string[]): string | undefined {
    if (!isNonEmptyString(sslPolicy)) return "sslPolicy is not set, so AWS applies ELBSecurityPolicy-2016-08 (TLS 1.0+, CBC and non-forward-secret suites)";
    if (allowed.includes(sslPolicy)) return undefined;
    const row = elbSecurityPolicy(sslPolicy);
    if (!row) return `sslPolicy "${sslPolicy}" is not an ELB security policy (closest: "${closestPolicyName(sslPolicy)}")`;
    const weak = policyWeaknesses(row);
    return `sslPolicy "${sslPolicy}" is not in the allowed list${weak ? `: it ${weak}` : ""}`;
}

/** True when a target group's protocol is HTTP or HTTPS (health checks then need a path). */
export function isHttpTargetProtocol(protocol: unknown): boolean {
    return typeof protocol === "string" && ["HTTP", "HTTPS"].includes(protocol.toUpperCase());
}

// ---------------------------------------------------------------------------------------------
// Load balancer policies
// ---------------------------------------------------------------------------------------------

const lb = TYPES.loadBalancer;

const accessLogs = resourcePolicy(
    {
        name: "lb-access-logs",
        description: "Load balancers must write access logs to S3.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: "Set accessLogs: {bucket: <S3 bucket name>, prefix: <prefix>, enabled: true}; the bucket policy must let the ELB log delivery principal write.",
        tags: [
            "rule:L1",
            "checkov:CKV_AWS_91",
            "awsguard:elb-logging-enabled",
            "pulumi-compliance:enable-access-logging",
            "pulumi-compliance:configure-access-logging",
            "kics:elb_access_logging_disabled",
            "fsbp:ELB.5",
        ],
    },
    lb,
    (props, report) => {
        if (loadBalancerKind(props) === "gateway") return;
        const logs = asArray<any>(props.accessLogs)[0];
        if (!logs) report("accessLogs is not configured.");
        else if (!isTrue(logs.enabled)) report("accessLogs.enabled is not true.");
        else if (!isNonEmptyString(logs.bucket)) report("accessLogs.bucket is empty.");
    },
);

const dropInvalidHeaders = resourcePolicy(
    {
        name: "lb-drop-invalid-headers",
        description: "Application load balancers must drop invalid HTTP header fields.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "Set dropInvalidHeaderFields: true on the application load balancer.",
        tags: ["rule:L2", "checkov:CKV_AWS_131", "trivy:AWS-0052", "kics:alb_not_dropping_invalid_headers", "fsbp:ELB.4"],
    },
    lb,
    (props, report) => {
        if (loadBalancerKind(props) === "application" && !isTrue(props.dropInvalidHeaderFields)) report("dropInvalidHeaderFields is not true.");
    },
);

const deletionProtection = resourcePolicy(
    {
        name: "lb-deletion-protection",
        description: "Load balancers must have deletion protection enabled.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "Set enableDeletionProtection: true (turn it off deliberately before a planned teardown).",
        tags: ["rule:L3", "checkov:CKV_AWS_150", "awsguard:elb-deletion-protection-enabled", "kics:alb_deletion_protection_disabled", "fsbp:ELB.6"],
    },
    lb,
    (props, report) => {
        if (!isTrue(props.enableDeletionProtection)) report("enableDeletionProtection is not true.");
    },
);

const desyncMitigation = resourcePolicy(
    {
        name: "lb-desync-mitigation",
        description: "Application load balancers must not use the monitor desync mitigation mode.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: 'Set desyncMitigationMode to "defensive" (the default) or "strictest".',
        tags: ["rule:L4", "checkov:CKV_AWS_328", "fsbp:ELB.12"],
    },
    lb,
    (props, report) => {
        const mode = props.desyncMitigationMode;
        if (typeof mode === "string" && mode.toLowerCase() === "monitor") report('desyncMitigationMode is "monitor", which lets HTTP desync requests through.');
    },
);

const wafOnPublicAlb = stackPolicy(
    {
        name: "lb-waf-on-public-alb",
        description: "Internet-facing application load balancers must be protected by a WAF web ACL.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: "Add an aws.wafv2.WebAclAssociation with resourceArn: <load balancer ARN> and webAclArn: <regional web ACL ARN>.",
        tags: ["rule:L5", "checkov:CKV2_AWS_28", "kics:alb_is_not_integrated_with_waf", "fsbp:ELB.16"],
    },
    (resources, report) => {
        const balancers = ofType(resources, lb);
        const associations = ofType(resources, WAF_ASSOCIATION_TYPES);
        if (associations.some((a) => isUnresolvedReference(a, "resourceArn"))) return;
        const protectedUrns = new Set<string>();
        for (const a of associations) {
            for (const b of referencedResources(a, "resourceArn", balancers, [tryKnown(() => a.props.resourceArn)], ["arn", "id"])) protectedUrns.add(b.urn);
        }
        for (const b of balancers) {
            const publicAlb = tryKnown(() => loadBalancerKind(b.props) === "application" && isInternetFacing(b.props));
            if (publicAlb && !protectedUrns.has(b.urn)) report("The internet-facing application load balancer has no WAF web ACL association.", b);
        }
    },
);

const internetFacingIntended = resourcePolicy(
    {
        name: "lb-internet-facing-intended",
        description: "Load balancers should be internet-facing only when that is declared as intended.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: `Set internal: true for load balancers that serve only the VPC; for the public web tier add the tag "${EXPOSURE_TAG}": "internet-facing" or list its name in the policy config allowedInternetFacingNames.`,
        tags: ["rule:L6", "trivy:AWS-0053"],
        configSchema: {
            properties: {
                allowedInternetFacingNames: {
                    type: "array",
                    items: { type: "string" },
                    default: [],
                    description: "Glob patterns (* and ?) of load balancer names (logical or AWS name) allowed to be internet-facing.",
                },
            },
        },
    },
    lb,
    (props, report, args) => {
        if (!isInternetFacing(props)) return;
        const declared = declaredExposure(props);
        if (declared === "internet-facing") return;
        const patterns = asArray<string>(args.getConfig<{ allowedInternetFacingNames?: string[] }>()?.allowedInternetFacingNames ?? []);
        const names = [args.name, tryKnown(() => props.name)].filter(isNonEmptyString);
        if (patterns.some((p) => names.some((n) => matchesNamePattern(n, p)))) return;
        if (declared !== undefined) report(`The load balancer is internet-facing but its "${EXPOSURE_TAG}" tag says "${declared}".`);
        else report(`The load balancer is internet-facing (internal is not true) without a "${EXPOSURE_TAG}": "internet-facing" tag or an allow-list entry.`);
    },
);

const multiAzSubnets = resourcePolicy(
    {
        name: "lb-multi-az-subnets",
        description: "Load balancers should span at least two subnets in different Availability Zones.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "Pass at least two subnets (one per Availability Zone) in subnets or subnetMappings.",
        tags: ["rule:L7", "fsbp:ELB.13"],
    },
    lb,
    (props, report) => {
        const count = subnetCount(props);
        if (count < 2) report(`The load balancer is placed in ${count} subnet(s); at least 2 are needed for zone redundancy.`);
    },
);

const securityGroupsAttached = resourcePolicy(
    {
        name: "lb-security-groups",
        description: "Application load balancers must have security groups attached.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: "Set securityGroups: [<ALB security group id>] admitting only the listener ports from the intended sources.",
        tags: ["rule:L8", "kics:security_groups_not_used"],
    },
    lb,
    (props, report) => {
        if (loadBalancerKind(props) === "application" && asArray(props.securityGroups).length === 0) report("securityGroups is empty.");
    },
);

const crossZone = resourcePolicy(
    {
        name: "lb-cross-zone-nlb",
        description: "Network and gateway load balancers should enable cross-zone load balancing.",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps: "Set enableCrossZoneLoadBalancing: true on the network or gateway load balancer (application load balancers always balance across zones).",
        tags: ["rule:L9", "checkov:CKV_AWS_152"],
    },
    lb,
    (props, report) => {
        const kind = loadBalancerKind(props);
        if ((kind === "network" || kind === "gateway") && !isTrue(props.enableCrossZoneLoadBalancing)) report("enableCrossZoneLoadBalancing is not true.");
    },
);

// ---------------------------------------------------------------------------------------------
// Listener policies
// ---------------------------------------------------------------------------------------------

const listener = TYPES.listener;

/**
 * The protocol a listener really uses: its own `protocol`, else what its load balancer implies
 * (HTTP for an application LB, none for a gateway LB). `undefined` when it cannot be told.
 */
export function effectiveListenerProtocol(listenerResource: PolicyResource, balancers: PolicyResource[]): string | undefined {
    const protocol = listenerResource.props.protocol;
    if (isNonEmptyString(protocol)) return protocol.toUpperCase();
    const linked = referencedResources(listenerResource, "loadBalancerArn", balancers, [tryKnown(() => listenerResource.props.loadBalancerArn)], ["arn", "id"]);
    if (linked.length === 0) return "HTTP";
    const kind = loadBalancerKind(linked[0].props);
    return kind === "application" ? "HTTP" : undefined;
}

const httpsOnly = stackPolicy(
    {
        name: "lb-listener-https-only",
        description: "Listeners must not serve plaintext HTTP; an HTTP listener may only redirect permanently to HTTPS.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps:
            'Serve traffic on an HTTPS listener, and make the HTTP listener\'s only default action {type: "redirect", redirect: {protocol: "HTTPS", port: "443", statusCode: "HTTP_301"}}.',
        tags: [
            "rule:LS1",
            "checkov:CKV_AWS_2",
            "checkov:CKV2_AWS_20",
            "awsguard:alb-http-to-https-redirection",
            "trivy:AWS-0054",
            "kics:alb_listening_on_http",
            "fsbp:ELB.1",
            "fsbp:ELB.18",
            "pulumi-compliance:disallow-unencrypted-traffic",
        ],
        configSchema: {
            properties: {
                redirectPorts: {
                    type: "array",
                    items: { type: "string" },
                    default: ["443"],
                    description: "HTTPS ports an HTTP listener may redirect to.",
                },
            },
        },
    },
    (resources, report, args) => {
        const ports = asArray<unknown>(args.getConfig<{ redirectPorts?: unknown[] }>()?.redirectPorts ?? ["443"]).map((p) => String(p));
        const balancers = ofType(resources, lb);
        for (const l of ofType(resources, listener)) {
            tryKnown(() => {
                if (effectiveListenerProtocol(l, balancers) !== "HTTP") return;
                const problem = httpListenerProblem(l.props.defaultActions, ports);
                if (problem) report(`The HTTP listener serves plaintext: ${problem}.`, l);
            });
        }
    },
);

const tlsPolicy = resourcePolicy(
    {
        name: "lb-listener-tls-policy",
        description:
            "HTTPS and TLS listeners must set a security policy that offers only TLS 1.2+ with forward-secret AEAD suites (judged from AWS's cipher table of each policy).",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: `Set sslPolicy: "${RECOMMENDED_SSL_POLICY}" (or another entry of the policy config allowedSslPolicies) on the listener.`,
        tags: [
            "rule:LS2",
            "checkov:CKV_AWS_103",
            "checkov:CKV2_AWS_74",
            "trivy:AWS-0047",
            "pulumi-compliance:configure-secure-tls",
            "kics:elb_using_insecure_protocols",
            "kics:elb_using_weak_ciphers",
            "fsbp:ELB.17",
        ],
        configSchema: {
            properties: {
                allowedSslPolicies: {
                    type: "array",
                    items: { type: "string" },
                    default: [...DEFAULT_ALLOWED_SSL_POLICIES],
                    description: "ELB security policy names a TLS listener may use (default: the policies with only TLS 1.2+ and forward-secret AEAD suites).",
                },
            },
        },
    },
    listener,
    (props, report, args) => {
        if (!isTlsProtocol(props.protocol)) return;
        const allowed = asArray<string>(args.getConfig<{ allowedSslPolicies?: string[] }>()?.allowedSslPolicies ?? [...DEFAULT_ALLOWED_SSL_POLICIES]);
        const problem = sslPolicyProblem(props.sslPolicy, allowed);
        if (problem) report(`${problem}.`);
    },
);

const certificate = resourcePolicy(
    {
        name: "lb-listener-certificate",
        description: "HTTPS and TLS listeners must use an ACM certificate.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: "Set certificateArn to a validated ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>).",
        tags: ["rule:LS3", "fsbp:ELB.2"],
    },
    listener,
    (props, report) => {
        if (!isTlsProtocol(props.protocol)) return;
        const arn = props.certificateArn;
        if (!isNonEmptyString(arn)) report("certificateArn is not set.");
        else if (!/^arn:aws[a-z-]*:acm:/.test(arn)) report(`certificateArn "${arn}" is not an ACM certificate (ACM renews and rotates certificates).`);
    },
);

// ---------------------------------------------------------------------------------------------
// Target group policies
// ---------------------------------------------------------------------------------------------

const tg = TYPES.targetGroup;

const healthCheckPath = resourcePolicy(
    {
        name: "lb-target-group-health-check",
        description: "HTTP and HTTPS target groups should health-check an explicit path.",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps: 'Set healthCheck: {enabled: true, path: "/healthz", matcher: "200-399", interval, healthyThreshold, unhealthyThreshold} on the target group.',
        tags: ["rule:TG1", "checkov:CKV_AWS_261"],
    },
    tg,
    (props, report) => {
        if (props.targetType === "lambda" || !isHttpTargetProtocol(props.protocol)) return;
        const check = asArray<any>(props.healthCheck)[0];
        if (check && check.enabled === false) report("healthCheck.enabled is false.");
        else if (!isNonEmptyString(check?.path)) report("healthCheck.path is not set.");
    },
);

const encryptedTargets = resourcePolicy(
    {
        name: "lb-target-group-encrypted",
        description: "Target groups should receive traffic over TLS (plaintext is accepted only for in-VPC ip targets when configured).",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps:
            'Set protocol: "HTTPS" on the target group and serve TLS from the targets, or keep allowPlaintextIpTargets: true for Fargate ip targets reached only inside the VPC.',
        tags: ["rule:TG2", "checkov:CKV_AWS_378", "fsbp:ELB.21", "fsbp:ELB.22"],
        configSchema: {
            properties: {
                allowPlaintextIpTargets: {
                    type: "boolean",
                    default: true,
                    description: "Accept HTTP to targetType ip target groups (Fargate tasks reached from the ALB inside the VPC).",
                },
            },
        },
    },
    tg,
    (props, report, args) => {
        if (typeof props.protocol !== "string" || props.protocol.toUpperCase() !== "HTTP") return;
        const allowIp = args.getConfig<{ allowPlaintextIpTargets?: boolean }>()?.allowPlaintextIpTargets ?? true;
        if (allowIp && props.targetType === "ip") return;
        report(`protocol is "HTTP" (targetType ${props.targetType === undefined ? "instance" : `"${String(props.targetType)}"`}), so traffic to targets is unencrypted.`);
    },
);

/** True when an ECS service runs tasks in awsvpc mode (it has a network configuration or runs on Fargate). */
function serviceIsAwsvpc(props: Record<string, any>): boolean {
    return (props.networkConfiguration !== undefined && props.networkConfiguration !== null) || props.launchType === "FARGATE";
}

const ipTargetsForAwsvpc = stackPolicy(
    {
        name: "lb-target-group-ip-for-awsvpc",
        description: "Target groups used by awsvpc ECS services must have targetType ip.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: 'Set targetType: "ip" on the target group (the default "instance" cannot register Fargate or awsvpc tasks); this replaces the target group.',
        tags: ["rule:TG3", "beyond:TG3"],
    },
    (resources, report) => {
        const groups = ofType(resources, tg);
        const offenders = new Map<PolicyResource, string[]>();
        for (const service of ofType(resources, TYPES.service)) {
            tryKnown(() => {
                if (!serviceIsAwsvpc(service.props)) return;
                const arns = asArray<any>(service.props.loadBalancers).map((e) => tryKnown(() => e?.targetGroupArn));
                for (const group of referencedResources(service, "loadBalancers", groups, arns, ["arn", "id"])) {
                    const type = tryKnown(() => group.props.targetType, "ip");
                    if (type !== "ip") offenders.set(group, [...(offenders.get(group) ?? []), service.name]);
                }
            });
        }
        for (const [group, services] of offenders) {
            const type = tryKnown(() => group.props.targetType);
            report(`targetType is ${type === undefined ? "unset (instance)" : `"${String(type)}"`} but awsvpc ECS service(s) ${services.join(", ")} register tasks in it.`, group);
        }
    },
);

/** Every load balancer, listener and target group policy of the pack. */
export const loadBalancerPolicies: Policies = [
    accessLogs,
    dropInvalidHeaders,
    deletionProtection,
    desyncMitigation,
    wafOnPublicAlb,
    internetFacingIntended,
    multiAzSubnets,
    securityGroupsAttached,
    crossZone,
    httpsOnly,
    tlsPolicy,
    certificate,
    healthCheckPath,
    encryptedTargets,
    ipTargetsForAwsvpc,
];
