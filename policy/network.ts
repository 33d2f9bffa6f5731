/**
 * Security-group and VPC policies (rows SG1–SG9, V1–V4), tier-aware for an ALB-fronted Fargate
 * service: world ingress only on the public load balancer's web ports, task ingress only from the
 * load balancer, no open egress, descriptions, attachment, flow logs, private task subnets and
 * VPC endpoints.
 */
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { TYPES, ofType, resourcePolicy, stackPolicy, tryKnown } from "./lib/policyKit";
import {
    SgRule,
    coversPort,
    describeRule,
    hasNoSource,
    inlineRules,
    isAllTraffic,
    isRuleBearingType,
    isStandaloneRuleType,
    isWorldRule,
    ruleAtoms,
    rulesOf,
    tcpPortsWithin,
    toPort,
    trafficUnknown,
} from "./lib/securityGroupRules";

/** Ports a world ingress may open on an internet-facing load balancer's group (SG3 default). */
export const DEFAULT_ALLOWED_WORLD_INGRESS_PORTS: readonly number[] = [80, 443];

/** Ports world egress may use without the advisory SG5 companion firing (default). */
export const DEFAULT_ALLOWED_WORLD_EGRESS_PORTS: readonly number[] = [443];

/**
 * Administration, database, cache and cluster ports that must never be open to the internet
 * (SG2 default): FTP, SSH, Telnet, SMTP, NetBIOS/SMB, MSSQL, Oracle, NFS, Docker, MySQL, RDP,
 * PostgreSQL, Redshift, VNC, Kibana, CouchDB, Redis, Cassandra, Elasticsearch, Memcached, MongoDB.
 */
export const DEFAULT_SENSITIVE_PORTS: readonly number[] = [
    20, 21, 22, 23, 25, 135, 137, 138, 139, 445, 1433, 1434, 1521, 2049, 2375, 2376, 3306, 3389, 5432, 5439, 5601, 5900, 5984, 6379, 7000, 7001, 8020, 9042, 9200, 9300, 11211,
    27017, 27018,
];

/** Descriptions that providers fill in by default and that say nothing. */
export const DEFAULT_DESCRIPTIONS: readonly string[] = ["Managed by Pulumi", "Managed by Terraform"];

/** Interface/gateway endpoint services a private Fargate task needs (V4 default). */
export const DEFAULT_REQUIRED_ENDPOINTS: readonly string[] = ["ecr.api", "ecr.dkr", "logs", "s3"];

// ---------------------------------------------------------------------------------------------
// Stack helpers: reading, and resolving which security group a reference names
// ---------------------------------------------------------------------------------------------

/** A property read in a stack check: its value, or `unknown` in preview. */
type Read = { known: true; value: any } | { known: false };

/** Read a property without letting an unknown value escape. */
function read(fn: () => unknown): Read {
    const marker = {};
    const v = tryKnown(fn, marker);
    return v === marker ? { known: false } : { known: true, value: v };
}

/** Identity strings a resource may be referenced by: its known `id`, `arn` and `name`. */
function identities(r: PolicyResource): string[] {
    return ["id", "arn", "name"].map((p) => tryKnown(() => r.props[p])).filter((v): v is string => typeof v === "string" && v !== "");
}

/** Known string elements of a value that is a string or an array of strings (unknown elements are skipped, `complete` says so). */
function stringsOf(value: unknown): { values: string[]; complete: boolean } {
    if (value === undefined || value === null) return { values: [], complete: true };
    if (typeof value === "string") return { values: [value], complete: true };
    if (!Array.isArray(value)) return { values: [], complete: true };
    const values: string[] = [];
    let complete = true;
    for (let i = 0; i < value.length; i++) {
        const v = read(() => value[i]);
        if (!v.known) complete = false;
        else if (typeof v.value === "string") values.push(v.value);
    }
    return { values, complete };
}

const identityIndexes = new WeakMap<PolicyResource[], Map<string, PolicyResource>>();

/** The group whose id, ARN or name is `id` (an index per group list, so lookups stay O(1) in large stacks). */
function groupById(groups: PolicyResource[], id: string): PolicyResource | undefined {
    let index = identityIndexes.get(groups);
    if (!index) {
        index = new Map();
        for (const g of groups) for (const k of identities(g)) if (!index.has(k)) index.set(k, g);
        identityIndexes.set(groups, index);
    }
    return index.get(id);
}

/** A set of security groups: the stack's group resources, raw ids not in the stack, and whether the set may be incomplete. */
export interface GroupSet {
    resources: Set<PolicyResource>;
    raw: Set<string>;
    incomplete: boolean;
}

/**
 * The security groups a resource attaches through property `prop` (whose value `valueOf` reads):
 * its property dependencies of security-group type, plus the ids in the value, matched to group
 * resources by id/ARN/name or kept raw.
 */
export function groupSetOf(r: PolicyResource, prop: string, valueOf: (props: Record<string, any>) => unknown, groups: PolicyResource[]): GroupSet {
    const set: GroupSet = { resources: new Set(), raw: new Set(), incomplete: false };
    for (const d of r.propertyDependencies?.[prop] ?? []) if (TYPES.securityGroup.includes(d.type as any)) set.resources.add(d);
    const value = read(() => valueOf(r.props));
    if (!value.known) {
        set.incomplete = set.resources.size === 0;
        return set;
    }
    const { values, complete } = stringsOf(value.value);
    if (!complete && set.resources.size === 0) set.incomplete = true;
    for (const id of values) {
        const g = groupById(groups, id);
        if (g) set.resources.add(g);
        else set.raw.add(id);
    }
    return set;
}

/** Merge group sets. */
function unionOf(sets: GroupSet[]): GroupSet {
    const out: GroupSet = { resources: new Set(), raw: new Set(), incomplete: false };
    for (const s of sets) {
        s.resources.forEach((r) => out.resources.add(r));
        s.raw.forEach((r) => out.raw.add(r));
        out.incomplete ||= s.incomplete;
    }
    return out;
}

/** A reference to one security group: a stack resource, a raw id, or unknown. */
export type GroupRef = { resource: PolicyResource } | { raw: string } | "unknown";

/** Resolve a single group reference held in property `prop` of `r` (dependency first, then id/ARN/name match, else raw). */
function groupRefOf(r: PolicyResource, prop: string, groups: PolicyResource[]): GroupRef | undefined {
    const dep = (r.propertyDependencies?.[prop] ?? []).find((d) => TYPES.securityGroup.includes(d.type as any));
    if (dep) return { resource: dep };
    const value = read(() => r.props[prop]);
    if (!value.known) return "unknown";
    if (typeof value.value !== "string" || value.value === "") return undefined;
    const g = groupById(groups, value.value);
    return g ? { resource: g } : { raw: value.value };
}

/** A group reference for messages: the resource name or the raw id. */
function groupRefName(ref: GroupRef): string {
    if (ref === "unknown") return "(unknown)";
    return "resource" in ref ? ref.resource.name : ref.raw;
}

/** The group a rule-bearing resource's rules belong to: the group itself, or a standalone rule's `securityGroupId`. */
export function ownerOf(r: PolicyResource, groups: PolicyResource[]): GroupRef | undefined {
    if (TYPES.securityGroup.includes(r.type as any) || TYPES.defaultSecurityGroup.includes(r.type as any)) return { resource: r };
    return groupRefOf(r, "securityGroupId", groups);
}

/** Whether a group reference is in a set; undefined when that cannot be told. */
export function inGroupSet(ref: GroupRef | undefined, set: GroupSet): boolean | undefined {
    if (ref === undefined) return false;
    if (ref === "unknown") return undefined;
    if ("resource" in ref && set.resources.has(ref.resource)) return true;
    if ("raw" in ref && set.raw.has(ref.raw)) return true;
    if ("resource" in ref && identities(ref.resource).some((id) => set.raw.has(id))) return true;
    return set.incomplete ? undefined : false;
}

/** Every rule-bearing resource with its rules (rules unknown in preview are left out). */
function allRules(resources: PolicyResource[]): { resource: PolicyResource; rules: SgRule[] }[] {
    return resources.filter((r) => isRuleBearingType(r.type)).map((r) => ({ resource: r, rules: tryKnown(() => rulesOf(r.type, r.props), []) ?? [] }));
}

/** The security groups of every load balancer (or only internet-facing ones) in the stack. */
export function loadBalancerGroups(resources: PolicyResource[], internetFacingOnly: boolean): GroupSet {
    const groups = ofType(resources, TYPES.securityGroup);
    const lbs = ofType(resources, TYPES.loadBalancer).filter((lb) => {
        if (!internetFacingOnly) return true;
        const internal = read(() => lb.props.internal);
        return !internal.known || internal.value !== true;
    });
    return unionOf(lbs.map((lb) => groupSetOf(lb, "securityGroups", (p) => p.securityGroups, groups)));
}

/** Rules a resource declares whose owner is the given group (inline, or standalone via securityGroupId). */
const ownerIndexes = new WeakMap<object, Map<PolicyResource, { resource: PolicyResource; rule: SgRule }[]>>();

function rulesOwnedBy(group: PolicyResource, ruleSets: { resource: PolicyResource; rules: SgRule[] }[], groups: PolicyResource[]): { resource: PolicyResource; rule: SgRule }[] {
    let index = ownerIndexes.get(ruleSets);
    if (!index) {
        index = new Map();
        for (const { resource, rules } of ruleSets) {
            const owner = ownerOf(resource, groups);
            if (owner === undefined || owner === "unknown" || !("resource" in owner)) continue;
            const list = index.get(owner.resource) ?? [];
            rules.forEach((rule) => list.push({ resource, rule }));
            index.set(owner.resource, list);
        }
        ownerIndexes.set(ruleSets, index);
    }
    return index.get(group) ?? [];
}

/** The container ports a service's load balancers forward to; undefined when unknown. */
export function serviceContainerPorts(service: PolicyResource): number[] | undefined {
    const lbs = read(() => service.props.loadBalancers);
    if (!lbs.known) return undefined;
    if (!Array.isArray(lbs.value)) return [];
    const ports: number[] = [];
    for (let i = 0; i < lbs.value.length; i++) {
        const p = read(() => lbs.value[i]?.containerPort);
        if (!p.known) return undefined;
        const port = toPort(p.value);
        if (port !== undefined) ports.push(port);
    }
    return [...new Set(ports)];
}

/** The source groups a rule references, resolved against the stack. */
function ruleSourceRefs(resource: PolicyResource, rule: SgRule, groups: PolicyResource[]): GroupRef[] {
    if (rule.origin === "vpcRule" || rule.origin === "securityGroupRule") {
        const prop = rule.origin === "vpcRule" ? "referencedSecurityGroupId" : "sourceSecurityGroupId";
        const ref = groupRefOf(resource, prop, groups);
        return ref ? [ref] : [];
    }
    if (rule.unknown.includes("securityGroups")) return ["unknown"];
    return rule.sourceSecurityGroupIds.map((id): GroupRef => {
        const g = groupById(groups, id);
        return g ? { resource: g } : { raw: id };
    });
}

/**
 * SG4: why an ingress rule on a service's group is not "from a load balancer's group on the
 * container port": CIDR or prefix-list sources, self, a non-LB source group, or ports outside the
 * container ports. A rule with no source at all admits nothing (AWS creates no permission from it). Empty when the rule is acceptable or cannot be judged.
 */
export function serviceIngressProblems(resource: PolicyResource, rule: SgRule, lbGroups: GroupSet, containerPorts: number[] | undefined, groups: PolicyResource[]): string[] {
    const problems: string[] = [];
    if (rule.cidrs.length) problems.push(`admits CIDR ${rule.cidrs.join(", ")}`);
    if (rule.prefixLists.length) problems.push(`admits prefix list ${rule.prefixLists.join(", ")}`);
    if (rule.self) problems.push("admits its own group");
    const sources = ruleSourceRefs(resource, rule, groups);
    for (const ref of sources) {
        if (inGroupSet(ref, lbGroups) === false) problems.push(`admits security group ${groupRefName(ref)}, which is not a load balancer's`);
    }
    if (containerPorts !== undefined) {
        const within = tcpPortsWithin(rule, containerPorts);
        if (within === false)
            problems.push(
                `opens ${describeRule(rule)}, not only the container port(s) ${containerPorts.length ? containerPorts.join(", ") : "(the service has no load balancer)"}`,
            );
    }
    return problems;
}

/** True when a VPC endpoint's service name ends with `.<suffix>` (e.g. `com.amazonaws.eu-west-1.ecr.api`). */
export function endpointServiceMatches(serviceName: string, suffix: string): boolean {
    return serviceName.toLowerCase().endsWith(`.${suffix.toLowerCase()}`);
}

/** Required endpoint services missing from the stack; undefined when an endpoint's service name is unknown. */
export function missingEndpoints(resources: PolicyResource[], required: readonly string[]): string[] | undefined {
    const names: string[] = [];
    for (const ep of ofType(resources, TYPES.vpcEndpoint)) {
        const n = read(() => ep.props.serviceName);
        if (!n.known) return undefined;
        if (typeof n.value === "string") names.push(n.value);
    }
    return required.filter((suffix) => !names.some((n) => endpointServiceMatches(n, suffix)));
}

/** True when a string occurs anywhere in a (possibly partly unknown) property value. */
function containsString(value: unknown, needles: string[], depth = 0): boolean {
    if (depth > 8 || value === undefined || value === null) return false;
    if (typeof value === "string") return needles.includes(value);
    if (typeof value !== "object") return false;
    const keys = Array.isArray(value) ? value.map((_, i) => String(i)) : Object.keys(value);
    return keys.some((k) => {
        const v = read(() => (value as any)[k]);
        return v.known && containsString(v.value, needles, depth + 1);
    });
}

/** SG7: whether any resource other than a group or a rule uses the group (property dependency or id in its properties). */
export function isGroupAttached(group: PolicyResource, resources: PolicyResource[]): boolean {
    const ids = identities(group).filter((id) => id !== tryKnown(() => group.props.name));
    return resources.some((r) => {
        if (r === group || isRuleBearingType(r.type)) return false;
        if (Object.values(r.propertyDependencies ?? {}).some((deps) => deps.includes(group))) return true;
        return ids.length > 0 && containsString(r.props, ids);
    });
}

// ---------------------------------------------------------------------------------------------
// Resource policies (one resource at a time)
// ---------------------------------------------------------------------------------------------

/** Rule-bearing resource types: groups, default groups, and standalone rules. */
const RULE_TYPES: readonly string[] = [...TYPES.securityGroup, ...TYPES.defaultSecurityGroup, ...TYPES.securityGroupRule, ...TYPES.ingressRule, ...TYPES.egressRule];

/** A label for a rule in messages. */
function ruleLabel(rule: SgRule): string {
    return rule.origin === "inline" ? `${rule.direction}[${rule.index}]` : rule.direction;
}

const noWorldIngressAll = resourcePolicy(
    {
        name: "sg-no-world-ingress-all-traffic",
        description: "Security groups must not admit all protocols or all ports from the internet.",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps: "Restrict the ingress rule to the needed protocol and port (e.g. tcp/443) and to a specific CIDR or security group instead of 0.0.0.0/0 or ::/0.",
        tags: ["rule:SG1", "checkov:CKV_AWS_277", "kics:unrestricted_security_group_ingress", "fsbp:EC2.18"],
    },
    RULE_TYPES,
    (props, report, args) => {
        for (const rule of rulesOf(args.type, props)) {
            if (rule.direction === "ingress" && isWorldRule(rule) === true && isAllTraffic(rule) === true)
                report(`${ruleLabel(rule)} admits ${describeRule(rule)} from the internet.`);
        }
    },
);

const noWorldSensitivePorts = resourcePolicy(
    {
        name: "sg-no-world-ingress-sensitive-ports",
        description: "Security groups must not admit administration or database ports from the internet.",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps:
            "Remove the 0.0.0.0/0 or ::/0 ingress on SSH/RDP/database ports; use ECS Exec or SSM Session Manager for access and security-group sources for databases.",
        tags: [
            "rule:SG2",
            "checkov:CKV_AWS_24",
            "checkov:CKV_AWS_25",
            "trivy:AWS-0107",
            "kics:security_group_with_unrestricted_access_to_ssh",
            "kics:remote_desktop_port_open_to_internet",
            "kics:sensitive_port_is_exposed_to_entire_network",
            "fsbp:EC2.13",
            "fsbp:EC2.14",
            "fsbp:EC2.19",
            "fsbp:EC2.53",
            "fsbp:EC2.54",
        ],
        configSchema: {
            properties: {
                sensitivePorts: {
                    type: "array",
                    items: { type: "number" },
                    default: [...DEFAULT_SENSITIVE_PORTS],
                    description: "Ports that must never be reachable from 0.0.0.0/0 or ::/0.",
                },
            },
        },
    },
    RULE_TYPES,
    (props, report, args) => {
        const configured = args.getConfig<{ sensitivePorts?: number[] }>().sensitivePorts;
        const sensitive = Array.isArray(configured) ? configured : DEFAULT_SENSITIVE_PORTS;
        for (const rule of rulesOf(args.type, props)) {
            if (rule.direction !== "ingress" || isWorldRule(rule) !== true) continue;
            const hit = sensitive.filter((p) => coversPort(rule, p) === true);
            if (hit.length) report(`${ruleLabel(rule)} (${describeRule(rule)}) exposes sensitive port(s) ${hit.join(", ")} to the internet.`);
        }
    },
);

const noWorldEgressAll = resourcePolicy(
    {
        name: "sg-no-world-egress-all-traffic",
        description: "Security groups must not allow all protocols or all ports to the internet.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: "Replace the all-traffic egress to 0.0.0.0/0 with tcp/443 to 0.0.0.0/0 (or to VPC-endpoint prefix lists) and DNS to the VPC CIDR.",
        tags: ["rule:SG5", "checkov:CKV_AWS_382", "trivy:AWS-0104"],
    },
    RULE_TYPES,
    (props, report, args) => {
        for (const rule of rulesOf(args.type, props)) {
            if (rule.direction === "egress" && isWorldRule(rule) === true && isAllTraffic(rule) === true)
                report(`${ruleLabel(rule)} allows ${describeRule(rule)} to the internet.`);
        }
    },
);

const worldEgressHttpsOnly = resourcePolicy(
    {
        name: "sg-world-egress-https-only",
        description: "Egress to the internet should be limited to HTTPS (tcp/443).",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: "Limit 0.0.0.0/0 egress to tcp/443 (config `allowedWorldEgressPorts`); send other traffic to VPC CIDRs, security groups or VPC-endpoint prefix lists.",
        tags: ["rule:SG5", "trivy:AWS-0104"],
        configSchema: {
            properties: {
                allowedWorldEgressPorts: {
                    type: "array",
                    items: { type: "number" },
                    default: [...DEFAULT_ALLOWED_WORLD_EGRESS_PORTS],
                    description: "TCP ports egress to 0.0.0.0/0 or ::/0 may use.",
                },
            },
        },
    },
    RULE_TYPES,
    (props, report, args) => {
        const configured = args.getConfig<{ allowedWorldEgressPorts?: number[] }>().allowedWorldEgressPorts;
        const allowed = Array.isArray(configured) ? configured : DEFAULT_ALLOWED_WORLD_EGRESS_PORTS;
        for (const rule of rulesOf(args.type, props)) {
            if (rule.direction === "egress" && isWorldRule(rule) === true && tcpPortsWithin(rule, allowed) === false) {
                report(`${ruleLabel(rule)} allows ${describeRule(rule)} to the internet (allowed: tcp/${allowed.join(", ")}).`);
            }
        }
    },
);

const descriptions = resourcePolicy(
    {
        name: "sg-descriptions",
        description: "Security groups and each of their rules must carry a meaningful description.",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps: 'Set `description` on the security group (not "Managed by Pulumi") and on every ingress/egress rule, saying who talks to whom and why.',
        tags: [
            "rule:SG6",
            "checkov:CKV_AWS_23",
            "trivy:AWS-0099",
            "trivy:AWS-0124",
            "kics:security_group_without_description",
            "kics:security_group_rules_without_description",
            "pulumi-compliance:missing-description",
        ],
    },
    RULE_TYPES,
    (props, report, args) => {
        if (TYPES.securityGroup.includes(args.type as any)) {
            const d = props.description;
            if (typeof d !== "string" || d.trim() === "" || DEFAULT_DESCRIPTIONS.includes(d.trim())) report(`description is ${d === undefined ? "missing" : JSON.stringify(d)}.`);
        }
        for (const rule of rulesOf(args.type, props)) {
            if (rule.description === undefined && !rule.unknown.includes("description")) report(`${ruleLabel(rule)} (${describeRule(rule)}) has no description.`);
        }
    },
);

const defaultGroupEmpty = resourcePolicy(
    {
        name: "sg-default-no-rules",
        description: "The VPC's default security group must have no ingress or egress rules.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "Manage the default security group with empty `ingress: []` and `egress: []` and use dedicated security groups instead.",
        tags: ["rule:SG8", "checkov:CKV2_AWS_12", "trivy:AWS-0173", "kics:default_security_groups_with_unrestricted_traffic", "fsbp:EC2.2"],
    },
    TYPES.defaultSecurityGroup,
    (props, report) => {
        for (const direction of ["ingress", "egress"] as const) {
            // A rule with no source creates no permission in AWS, so it does not count.
            const n = inlineRules(props, direction).filter((r) => hasNoSource(r) !== true).length;
            if (n > 0) report(`the default security group has ${n} ${direction} rule(s).`);
        }
    },
);

const noDefaultVpc = resourcePolicy(
    {
        name: "vpc-no-default-vpc",
        description: "Stacks must not manage or use the default VPC.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "Remove the `aws.ec2.DefaultVpc` resource and run the service in a dedicated VPC (e.g. `awsx.ec2.Vpc`) with private subnets.",
        tags: ["rule:V2", "checkov:CKV_AWS_148", "trivy:AWS-0101", "kics:default_vpc_exists"],
    },
    TYPES.defaultVpc,
    (_props, report) => report("the stack declares the default VPC."),
);

// ---------------------------------------------------------------------------------------------
// Stack policies
// ---------------------------------------------------------------------------------------------

const worldIngressOnlyOnPublicLb = stackPolicy(
    {
        name: "sg-world-ingress-only-public-lb-web-ports",
        description: "Ingress from the internet is allowed only on web ports and only on an internet-facing load balancer's security group.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps:
            "Open 0.0.0.0/0 only on tcp/443 (and tcp/80 for the HTTPS redirect) of the security group in the internet-facing load balancer's `securityGroups`; everything else should admit a security group or a private CIDR.",
        tags: ["rule:SG3", "checkov:CKV_AWS_260", "pulumi-compliance:disallow-inbound-http-traffic", "pulumi-compliance:disallow-public-internet-ingress", "fsbp:EC2.18"],
        configSchema: {
            properties: {
                allowedWorldIngressPorts: {
                    type: "array",
                    items: { type: "number" },
                    default: [...DEFAULT_ALLOWED_WORLD_INGRESS_PORTS],
                    description: "TCP ports an internet-facing load balancer's group may open to 0.0.0.0/0 or ::/0.",
                },
            },
        },
    },
    (resources, report, args) => {
        const configured = args.getConfig<{ allowedWorldIngressPorts?: number[] }>().allowedWorldIngressPorts;
        const allowed = Array.isArray(configured) ? configured : DEFAULT_ALLOWED_WORLD_INGRESS_PORTS;
        const groups = ofType(resources, TYPES.securityGroup);
        const publicGroups = loadBalancerGroups(resources, true);
        for (const { resource, rules } of allRules(resources)) {
            for (const rule of rules) {
                if (rule.direction !== "ingress" || isWorldRule(rule) !== true) continue;
                const within = tcpPortsWithin(rule, allowed);
                if (within === false) {
                    report(`${ruleLabel(rule)} admits ${describeRule(rule)} from the internet; only tcp/${allowed.join(", ")} may be.`, resource);
                } else if (
                    within === true &&
                    inGroupSet(
                        tryKnown(() => ownerOf(resource, groups), "unknown"),
                        publicGroups,
                    ) === false
                ) {
                    report(`${ruleLabel(rule)} admits ${describeRule(rule)} from the internet on a security group no internet-facing load balancer uses.`, resource);
                }
            }
        }
    },
);

const serviceIngressFromLb = stackPolicy(
    {
        name: "sg-service-ingress-only-from-lb",
        description: "An ECS service's security groups may only admit a load balancer's security group, on the container port.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps:
            'Give the service security group one ingress rule: `referencedSecurityGroupId` = the load balancer\'s security group, `ipProtocol: "tcp"`, `fromPort`/`toPort` = the container port from `loadBalancers[].containerPort`; remove CIDR sources.',
        tags: ["rule:SG4", "beyond:SG4"],
    },
    (resources, report) => {
        const groups = ofType(resources, TYPES.securityGroup);
        const lbGroups = loadBalancerGroups(resources, false);
        const ruleSets = allRules(resources);
        for (const service of ofType(resources, TYPES.service)) {
            const serviceGroups = groupSetOf(service, "networkConfiguration", (p) => p.networkConfiguration?.securityGroups, groups);
            const ports = serviceContainerPorts(service);
            for (const group of serviceGroups.resources) {
                for (const { resource, rule } of rulesOwnedBy(group, ruleSets, groups)) {
                    if (rule.direction !== "ingress") continue;
                    const problems = tryKnown(() => serviceIngressProblems(resource, rule, lbGroups, ports, groups), []) ?? [];
                    if (problems.length) report(`Service ${service.name}'s group ${group.name}, ${ruleLabel(rule)}: ${problems.join("; ")}.`, resource);
                }
            }
        }
    },
);

const groupsAttached = stackPolicy(
    {
        name: "sg-attached",
        description: "Every security group should be used by some resource (service, load balancer, endpoint, …).",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps: "Attach the security group (e.g. in the service's `networkConfiguration.securityGroups` or the load balancer's `securityGroups`) or delete it.",
        tags: ["rule:SG7", "checkov:CKV2_AWS_5"],
    },
    (resources, report) => {
        for (const group of ofType(resources, TYPES.securityGroup)) {
            if (!isGroupAttached(group, resources)) report(`Security group ${group.name} is not used by any resource in the stack.`, group);
        }
    },
);

const noRuleConflict = stackPolicy(
    {
        name: "sg-no-rule-management-conflict",
        description: "A security group's rules must be managed either inline or by standalone rule resources, not both in the same direction.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps:
            "Move the inline `ingress`/`egress` blocks of the security group into standalone `aws.vpc.SecurityGroupIngressRule`/`SecurityGroupEgressRule` resources (or the reverse).",
        tags: ["rule:SG9", "awsguard:security-group-no-rule-management-conflicts"],
    },
    (resources, report) => {
        const groups = ofType(resources, TYPES.securityGroup);
        const ruleSets = allRules(resources);
        for (const group of groups) {
            const owned = rulesOwnedBy(group, ruleSets, groups).filter(({ resource }) => isStandaloneRuleType(resource.type));
            if (!owned.length || owned.some(({ rule }) => trafficUnknown(rule))) continue;
            for (const direction of ["ingress", "egress"] as const) {
                const inline = tryKnown(() => inlineRules(group.props, direction), []) ?? [];
                const standalone = owned.filter(({ rule }) => rule.direction === direction);
                if (!inline.length || !standalone.length || inline.some(trafficUnknown)) continue;
                const mirrored = new Set(standalone.flatMap(({ rule }) => ruleAtoms(rule)));
                if (inline.flatMap(ruleAtoms).every((a) => mirrored.has(a))) continue;
                for (const { resource } of standalone) {
                    report(`${resource.name} adds an ${direction} rule to ${group.name}, which also declares inline ${direction} rules; the two fight on every update.`, resource);
                }
            }
        }
    },
);

const flowLogs = stackPolicy(
    {
        name: "vpc-flow-logs-enabled",
        description: "Every VPC in the stack must have a flow log.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: 'Add an `aws.ec2.FlowLog` with `vpcId` set to the VPC\'s id, `trafficType: "ALL"`, and a CloudWatch log group or S3 destination.',
        tags: ["rule:V1", "checkov:CKV2_AWS_11", "trivy:AWS-0178", "kics:vpc_flowlogs_disabled", "fsbp:EC2.6"],
    },
    (resources, report) => {
        const logs = ofType(resources, TYPES.flowLog);
        const targets: string[] = [];
        const targetResources = new Set<PolicyResource>();
        for (const fl of logs) {
            (fl.propertyDependencies?.vpcId ?? []).forEach((d) => targetResources.add(d));
            const v = read(() => fl.props.vpcId);
            if (!v.known && !(fl.propertyDependencies?.vpcId ?? []).length) return;
            if (v.known && typeof v.value === "string") targets.push(v.value);
        }
        for (const vpc of ofType(resources, TYPES.vpc)) {
            if (targetResources.has(vpc) || identities(vpc).some((id) => targets.includes(id))) continue;
            report(`VPC ${vpc.name} has no flow log.`, vpc);
        }
    },
);

const taskSubnetsPrivate = stackPolicy(
    {
        name: "vpc-task-subnets-no-public-ip",
        description: "Subnets that ECS services run in must not auto-assign public IPs.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: "Run the service in private subnets (`mapPublicIpOnLaunch` unset or false) and reach AWS APIs through a NAT gateway or VPC endpoints.",
        tags: ["rule:V3", "kics:vpc_subnet_assigns_public_ip", "fsbp:EC2.15"],
    },
    (resources, report) => {
        const subnets = ofType(resources, TYPES.subnet);
        const usedBy = new Map<PolicyResource, string[]>();
        for (const service of ofType(resources, TYPES.service)) {
            const deps = (service.propertyDependencies?.networkConfiguration ?? []).filter((d) => TYPES.subnet.includes(d.type as any));
            const ids = read(() => service.props.networkConfiguration?.subnets);
            const named = ids.known ? stringsOf(ids.value).values : [];
            const used = new Set([...deps, ...subnets.filter((s) => identities(s).some((id) => named.includes(id)))]);
            used.forEach((s) => usedBy.set(s, [...(usedBy.get(s) ?? []), service.name]));
        }
        for (const [subnet, services] of usedBy) {
            const pub = read(() => subnet.props.mapPublicIpOnLaunch);
            if (pub.known && pub.value === true) report(`Subnet ${subnet.name} (used by ${services.join(", ")}) has mapPublicIpOnLaunch: true.`, subnet);
        }
    },
);

const endpointsForPrivateTasks = stackPolicy(
    {
        name: "vpc-endpoints-for-private-tasks",
        description: "Services whose tasks have no public IP should reach ECR, CloudWatch Logs and S3 through VPC endpoints.",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps:
            "Add `aws.ec2.VpcEndpoint`s of type Interface for `com.amazonaws.<region>.ecr.api`, `.ecr.dkr` and `.logs` (private DNS on) and a Gateway endpoint for `.s3`; add `secretsmanager`/`ssm` to `requiredEndpoints` when the tasks read secrets.",
        tags: ["rule:V4", "beyond:V4", "fsbp:EC2.55", "fsbp:EC2.56"],
        configSchema: {
            properties: {
                requiredEndpoints: {
                    type: "array",
                    items: { type: "string" },
                    default: [...DEFAULT_REQUIRED_ENDPOINTS],
                    description: "Endpoint service-name suffixes (after com.amazonaws.<region>.) private tasks need.",
                },
            },
        },
    },
    (resources, report, args) => {
        const configured = args.getConfig<{ requiredEndpoints?: string[] }>().requiredEndpoints;
        const required = Array.isArray(configured) ? configured : DEFAULT_REQUIRED_ENDPOINTS;
        const privateServices = ofType(resources, TYPES.service).filter((s) => {
            const pub = read(() => s.props.networkConfiguration?.assignPublicIp);
            return pub.known && pub.value !== true;
        });
        if (!privateServices.length) return;
        const missing = missingEndpoints(resources, required);
        if (!missing?.length) return;
        for (const s of privateServices) report(`Service ${s.name}'s tasks have no public IP and the stack has no VPC endpoint for: ${missing.join(", ")}.`, s);
    },
);

/** Every security-group and VPC policy of the pack. */
export const networkPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
    noWorldIngressAll,
    noWorldSensitivePorts,
    worldIngressOnlyOnPublicLb,
    serviceIngressFromLb,
    noWorldEgressAll,
    worldEgressHttpsOnly,
    descriptions,
    groupsAttached,
    defaultGroupEmpty,
    noRuleConflict,
    flowLogs,
    noDefaultVpc,
    taskSubnetsPrivate,
    endpointsForPrivateTasks,
];
