/**
 * One shape for every way a program can declare a security-group rule: inline `ingress`/`egress`
 * blocks of `aws:ec2/securityGroup` (and `defaultSecurityGroup`), `aws:ec2/securityGroupRule`, and
 * `aws:vpc/securityGroupIngressRule` / `EgressRule`. Plus "world" detection and port coverage.
 */
import { isUnknownSentinel } from "./iamDocuments";
import { TYPES, isUnknownError } from "./policyKit";

export type Direction = "ingress" | "egress";

/** A normalised security-group rule. Fields whose value is unknown in preview are named in `unknown`. */
export interface SgRule {
    direction: Direction;
    /** `all`, `tcp`, `udp`, `icmp`, `icmpv6`, or the protocol as written (lower case); undefined when unknown. */
    protocol?: string;
    fromPort?: number;
    toPort?: number;
    /** IPv4 and IPv6 CIDR sources (ingress) or destinations (egress). */
    cidrs: string[];
    /** Security groups referenced as source (ingress) or destination (egress). */
    sourceSecurityGroupIds: string[];
    /** The rule references its own group. */
    self: boolean;
    prefixLists: string[];
    description?: string;
    /** For a standalone rule: the `securityGroupId` it belongs to, as written. */
    groupRef?: string;
    /** Where the rule came from. */
    origin: "inline" | "securityGroupRule" | "vpcRule";
    /** Position in the inline list (inline rules only). */
    index?: number;
    /** Names of the fields that are unknown in preview. */
    unknown: string[];
}

/** CIDRs that mean "the whole internet". */
export const WORLD_CIDRS: readonly string[] = ["0.0.0.0/0", "::/0"];

/** Highest TCP/UDP port. */
export const MAX_PORT = 65535;

/** Read `obj[key]`, recording `key` in `unknown` (and returning undefined) when the value is unknown in preview. */
function readField(obj: Record<string, any>, key: string, unknown: string[]): any {
    try {
        const v = obj[key];
        if (isUnknownSentinel(v)) {
            unknown.push(key);
            return undefined;
        }
        return v;
    } catch (e) {
        if (!isUnknownError(e)) throw e;
        unknown.push(key);
        return undefined;
    }
}

/** A list field as strings (single values become one-element lists); unknown elements mark the field unknown. */
function readList(obj: Record<string, any>, key: string, unknown: string[]): string[] {
    const v = readField(obj, key, unknown);
    if (v === undefined || v === null) return [];
    try {
        const list: unknown[] = Array.isArray(v) ? [...v] : [v];
        if (list.some(isUnknownSentinel)) {
            unknown.push(key);
            return list.filter((x): x is string => typeof x === "string" && !isUnknownSentinel(x));
        }
        return list.filter((x): x is string => typeof x === "string" && x !== "");
    } catch (e) {
        if (!isUnknownError(e)) throw e;
        unknown.push(key);
        return [];
    }
}

/** Normalise a protocol: `-1`/`all` → `all`, IANA numbers 6/17/1/58 → names, others lower-cased. */
export function normaliseProtocol(value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    const s = String(value).trim().toLowerCase();
    const byNumber: Record<string, string> = { "-1": "all", all: "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6" };
    return byNumber[s] ?? s;
}

/** A port given as a number or numeric string; anything else is undefined. */
export function toPort(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value.trim());
    return undefined;
}

/** Normalise one inline `ingress`/`egress` entry of a security group. */
export function normaliseInlineRule(entry: Record<string, any>, direction: Direction, index: number): SgRule {
    const unknown: string[] = [];
    return {
        direction,
        protocol: normaliseProtocol(readField(entry, "protocol", unknown)),
        fromPort: toPort(readField(entry, "fromPort", unknown)),
        toPort: toPort(readField(entry, "toPort", unknown)),
        cidrs: [...readList(entry, "cidrBlocks", unknown), ...readList(entry, "ipv6CidrBlocks", unknown)],
        sourceSecurityGroupIds: readList(entry, "securityGroups", unknown),
        self: readField(entry, "self", unknown) === true,
        prefixLists: readList(entry, "prefixListIds", unknown),
        description: descriptionOf(readField(entry, "description", unknown)),
        origin: "inline",
        index,
        unknown,
    };
}

/** Normalise an `aws:ec2/securityGroupRule` (direction from its `type`); undefined when `type` is unknown. */
export function normaliseSecurityGroupRule(props: Record<string, any>): SgRule | undefined {
    const unknown: string[] = [];
    const type = readField(props, "type", unknown);
    if (type !== "ingress" && type !== "egress") return undefined;
    const source = readField(props, "sourceSecurityGroupId", unknown);
    return {
        direction: type,
        protocol: normaliseProtocol(readField(props, "protocol", unknown)),
        fromPort: toPort(readField(props, "fromPort", unknown)),
        toPort: toPort(readField(props, "toPort", unknown)),
        cidrs: [...readList(props, "cidrBlocks", unknown), ...readList(props, "ipv6CidrBlocks", unknown)],
        sourceSecurityGroupIds: typeof source === "string" && source !== "" ? [source] : [],
        self: readField(props, "self", unknown) === true,
        prefixLists: readList(props, "prefixListIds", unknown),
        description: descriptionOf(readField(props, "description", unknown)),
        groupRef: stringOrUndefined(readField(props, "securityGroupId", unknown)),
        origin: "securityGroupRule",
        unknown,
    };
}

/** Normalise an `aws:vpc/securityGroupIngressRule` or `EgressRule`. */
export function normaliseVpcRule(props: Record<string, any>, direction: Direction): SgRule {
    const unknown: string[] = [];
    const referenced = readField(props, "referencedSecurityGroupId", unknown);
    const prefixList = readField(props, "prefixListId", unknown);
    return {
        direction,
        protocol: normaliseProtocol(readField(props, "ipProtocol", unknown)),
        fromPort: toPort(readField(props, "fromPort", unknown)),
        toPort: toPort(readField(props, "toPort", unknown)),
        cidrs: [...readList(props, "cidrIpv4", unknown), ...readList(props, "cidrIpv6", unknown)],
        sourceSecurityGroupIds: typeof referenced === "string" && referenced !== "" ? [referenced] : [],
        self: false,
        prefixLists: typeof prefixList === "string" && prefixList !== "" ? [prefixList] : [],
        description: descriptionOf(readField(props, "description", unknown)),
        groupRef: stringOrUndefined(readField(props, "securityGroupId", unknown)),
        origin: "vpcRule",
        unknown,
    };
}

/**
 * Every rule a resource declares, whatever its type: inline rules of a security group or default
 * security group (an unknown inline list contributes nothing), or the single standalone rule.
 * Resources of other types give an empty list.
 */
export function rulesOf(type: string, props: Record<string, any>): SgRule[] {
    if (TYPES.securityGroup.includes(type as any) || TYPES.defaultSecurityGroup.includes(type as any)) {
        return [...inlineRules(props, "ingress"), ...inlineRules(props, "egress")];
    }
    if (TYPES.securityGroupRule.includes(type as any)) {
        const rule = normaliseSecurityGroupRule(props);
        return rule ? [rule] : [];
    }
    if (TYPES.ingressRule.includes(type as any)) return [normaliseVpcRule(props, "ingress")];
    if (TYPES.egressRule.includes(type as any)) return [normaliseVpcRule(props, "egress")];
    return [];
}

/** The inline rules of one direction; an unknown list, or unknown entries, contribute nothing. */
export function inlineRules(props: Record<string, any>, direction: Direction): SgRule[] {
    const ignored: string[] = [];
    const list = readField(props, direction, ignored);
    if (!Array.isArray(list)) return [];
    const out: SgRule[] = [];
    for (let i = 0; i < list.length; i++) {
        const entry = readField(list as any, String(i), ignored);
        if (entry && typeof entry === "object") out.push(normaliseInlineRule(entry, direction, i));
    }
    return out;
}

/** True for a type token that declares security-group rules (a group or a standalone rule). */
export function isRuleBearingType(type: string): boolean {
    return [...TYPES.securityGroup, ...TYPES.defaultSecurityGroup, ...TYPES.securityGroupRule, ...TYPES.ingressRule, ...TYPES.egressRule].includes(type as any);
}

/** True for a standalone rule resource type. */
export function isStandaloneRuleType(type: string): boolean {
    return [...TYPES.securityGroupRule, ...TYPES.ingressRule, ...TYPES.egressRule].includes(type as any);
}

/** A description string, or undefined when missing or blank. */
function descriptionOf(value: unknown): string | undefined {
    return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** A non-empty string, or undefined. */
function stringOrUndefined(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** True for `0.0.0.0/0` or `::/0`. */
export function isWorldCidr(cidr: string): boolean {
    return WORLD_CIDRS.includes(cidr.trim());
}

/** True when any of the rule's source/destination fields is unknown. */
function sourcesUnknown(rule: SgRule): boolean {
    return [
        "cidrBlocks",
        "ipv6CidrBlocks",
        "cidrIpv4",
        "cidrIpv6",
        "securityGroups",
        "sourceSecurityGroupId",
        "referencedSecurityGroupId",
        "self",
        "prefixListIds",
        "prefixListId",
    ].some((k) => rule.unknown.includes(k));
}

/** True when the rule's protocol, ports or sources are unknown (its description or group may still be known). */
export function trafficUnknown(rule: SgRule): boolean {
    return sourcesUnknown(rule) || ["protocol", "ipProtocol", "fromPort", "toPort"].some((k) => rule.unknown.includes(k));
}

/**
 * True when the rule names no source or destination at all (no CIDR, IPv6 CIDR, prefix list,
 * security group or self); undefined when that cannot be known in preview. AWS creates no
 * permission from such a rule (an IpPermission with no ranges, groups or prefix lists allows
 * nothing, and the provider refuses a standalone rule without one), so it opens nothing.
 */
export function hasNoSource(rule: SgRule): boolean | undefined {
    if (rule.cidrs.length > 0 || rule.sourceSecurityGroupIds.length > 0 || rule.self || rule.prefixLists.length > 0) return false;
    return sourcesUnknown(rule) ? undefined : true;
}

/**
 * Whether the rule is open to (or from) the whole internet: a world CIDR (`0.0.0.0/0`, `::/0`).
 * A rule with no source at all is not: AWS creates nothing from it (see `hasNoSource`).
 * Undefined when that cannot be known in preview.
 */
export function isWorldRule(rule: SgRule): boolean | undefined {
    if (rule.cidrs.some(isWorldCidr)) return true;
    if (sourcesUnknown(rule)) return undefined;
    return false;
}

/** True when the rule's protocol carries ports (TCP or UDP). */
function hasPorts(protocol: string | undefined): boolean {
    return protocol === "tcp" || protocol === "udp";
}

/**
 * The port range a rule opens: all ports for protocol `all`; for TCP/UDP its from/to ports, where
 * missing ports, `0`–`0` and `-1` mean all ports (as Checkov reads them). Undefined for protocols
 * without ports (ICMP) and when the protocol or a port is unknown.
 */
export function portRange(rule: SgRule): { from: number; to: number } | undefined {
    if (rule.protocol === "all") return { from: 0, to: MAX_PORT };
    if (!hasPorts(rule.protocol)) return undefined;
    if (rule.unknown.includes("fromPort") || rule.unknown.includes("toPort")) return undefined;
    let from = rule.fromPort;
    let to = rule.toPort;
    if (from === undefined && to === undefined) return { from: 0, to: MAX_PORT };
    from = from ?? to!;
    to = to ?? from;
    if ((from === 0 && to === 0) || from < 0 || to < 0) return { from: 0, to: MAX_PORT };
    return { from, to };
}

/** True when the rule admits (or sends) traffic to `port`. Undefined when that cannot be known. */
export function coversPort(rule: SgRule, port: number): boolean | undefined {
    if (rule.protocol === undefined) return rule.unknown.includes("protocol") || rule.unknown.includes("ipProtocol") ? undefined : false;
    if (rule.protocol === "all") return true;
    if (!hasPorts(rule.protocol)) return false;
    const range = portRange(rule);
    return range ? range.from <= port && port <= range.to : undefined;
}

/** True when the rule opens every protocol, or every TCP/UDP port. Undefined when unknown. */
export function isAllTraffic(rule: SgRule): boolean | undefined {
    if (rule.protocol === undefined) return rule.unknown.includes("protocol") || rule.unknown.includes("ipProtocol") ? undefined : false;
    if (rule.protocol === "all") return true;
    if (!hasPorts(rule.protocol)) return false;
    const range = portRange(rule);
    return range ? range.from <= 1 && range.to >= MAX_PORT : undefined;
}

/**
 * True when the rule is TCP and every port it opens is in `allowed`. False for other protocols
 * and for ranges reaching outside `allowed`; undefined when the protocol or ports are unknown.
 */
export function tcpPortsWithin(rule: SgRule, allowed: readonly number[]): boolean | undefined {
    if (rule.protocol === undefined) return rule.unknown.includes("protocol") || rule.unknown.includes("ipProtocol") ? undefined : false;
    if (rule.protocol !== "tcp") return false;
    const range = portRange(rule);
    if (!range) return undefined;
    if (range.to - range.from + 1 > allowed.length) return false;
    for (let p = range.from; p <= range.to; p++) if (!allowed.includes(p)) return false;
    return true;
}

/** A human-readable summary of a rule's protocol and ports, e.g. `tcp/443`, `tcp/8000-8080`, `all traffic`. */
export function describeRule(rule: SgRule): string {
    if (rule.protocol === "all") return "all traffic";
    const range = portRange(rule);
    if (!range) return rule.protocol ?? "unknown protocol";
    if (range.from === 0 && range.to === MAX_PORT) return `${rule.protocol}/all ports`;
    return range.from === range.to ? `${rule.protocol}/${range.from}` : `${rule.protocol}/${range.from}-${range.to}`;
}

/**
 * The rule split into one key per source (direction, protocol, ports, one source), so rule sets
 * declared differently (inline blocks versus standalone resources) can be compared.
 */
export function ruleAtoms(rule: SgRule): string[] {
    const range = portRange(rule);
    const ports = range ? `${range.from}-${range.to}` : `${rule.fromPort ?? ""}-${rule.toPort ?? ""}`;
    const head = `${rule.direction}|${rule.protocol ?? "?"}|${ports}`;
    const sources = [
        ...rule.cidrs.map((c) => `cidr:${c.trim()}`),
        ...rule.sourceSecurityGroupIds.map((g) => `sg:${g}`),
        ...rule.prefixLists.map((p) => `pl:${p}`),
        ...(rule.self ? ["self"] : []),
    ];
    return (sources.length ? sources : ["none"]).map((s) => `${head}|${s}`);
}
