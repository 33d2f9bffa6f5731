/**
 * The architecture of an offline plan as a small typed graph.
 *
 * Input: the `RecordedResource` list the offline engine records under mocks. Output: nodes (with
 * label lines and the VPC / AZ / subnet-tier group they sit in), groups and labelled edges, ready
 * for the Mermaid and DOT renderers. Everything is derived from types, inputs, outputs, parent URNs
 * and `propertyDependencies`; resources are linked by dependency URNs first and by matching
 * ARNs / ids / names against other resources' outputs second. Logical names are only used as labels.
 */
import { RecordedResource } from "../offline/types";

/** What a node stands for. */
export type NodeKind =
    | "internet"
    | "waf"
    | "loadBalancer"
    | "listener"
    | "listenerRule"
    | "targetGroup"
    | "service"
    | "tasks"
    | "taskDefinition"
    | "containerRepository"
    | "logGroup"
    | "kmsKey"
    | "role"
    | "scalingTarget"
    | "scalingPolicy"
    | "natGateway"
    | "vpcEndpoint"
    | "flowLog";

/** Fill and stroke colours the renderers give each node kind (AWS console-like families). */
export const KIND_COLOURS: Record<NodeKind, { fill: string; stroke: string }> = {
    internet: { fill: "#f5f5f5", stroke: "#616161" },
    waf: { fill: "#fde0dc", stroke: "#c62828" },
    loadBalancer: { fill: "#ede7f6", stroke: "#5e35b1" },
    listener: { fill: "#ede7f6", stroke: "#5e35b1" },
    listenerRule: { fill: "#ede7f6", stroke: "#5e35b1" },
    targetGroup: { fill: "#ede7f6", stroke: "#5e35b1" },
    service: { fill: "#fff3e0", stroke: "#e65100" },
    tasks: { fill: "#ffe0b2", stroke: "#e65100" },
    taskDefinition: { fill: "#fff3e0", stroke: "#e65100" },
    containerRepository: { fill: "#fff3e0", stroke: "#e65100" },
    logGroup: { fill: "#fce4ec", stroke: "#ad1457" },
    kmsKey: { fill: "#fde0dc", stroke: "#c62828" },
    role: { fill: "#fde0dc", stroke: "#c62828" },
    scalingTarget: { fill: "#fce4ec", stroke: "#ad1457" },
    scalingPolicy: { fill: "#fce4ec", stroke: "#ad1457" },
    natGateway: { fill: "#ede7f6", stroke: "#5e35b1" },
    vpcEndpoint: { fill: "#ede7f6", stroke: "#5e35b1" },
    flowLog: { fill: "#fce4ec", stroke: "#ad1457" },
};

/** What a group (a box around nodes) stands for. */
export type GroupKind = "vpc" | "az" | "subnet";

/** Subnet tier of an awsx VPC; `unknown` for subnets that are not in a VPC of this stack. */
export type SubnetTier = "public" | "private" | "isolated" | "unknown";

/** Structured facts kept next to the label, for tests and other tools. */
export type Facts = Record<string, string | number | boolean>;

/** A box around nodes: a VPC, an availability zone inside it, or a subnet tier inside an AZ. */
export interface ArchGroup {
    id: string;
    kind: GroupKind;
    label: string[];
    /** Enclosing group id (VPC for an AZ, AZ for a subnet tier). */
    parent?: string;
    /** Tier, for subnet groups. */
    tier?: SubnetTier;
}

/** One box of the diagram. */
export interface ArchNode {
    id: string;
    kind: NodeKind;
    /** Label, one entry per line. */
    label: string[];
    /** Innermost group the node sits in; none for regional or global things. */
    group?: string;
    /** URN of the resource the node stands for; absent for derived nodes (internet, tasks, NAT). */
    urn?: string;
    facts: Facts;
}

/** A labelled arrow between two nodes. */
export interface ArchEdge {
    from: string;
    to: string;
    label?: string;
}

/** The whole diagram. */
export interface Architecture {
    nodes: ArchNode[];
    edges: ArchEdge[];
    groups: ArchGroup[];
}

/** Resource type tokens the diagram understands. */
export const TYPES = {
    vpc: ["awsx:ec2:Vpc"],
    loadBalancer: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    listener: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
    listenerRule: ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"],
    targetGroup: ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"],
    service: ["aws:ecs/service:Service"],
    cluster: ["aws:ecs/cluster:Cluster"],
    taskDefinition: ["aws:ecs/taskDefinition:TaskDefinition"],
    scalingTarget: ["aws:appautoscaling/target:Target"],
    scalingPolicy: ["aws:appautoscaling/policy:Policy"],
    repository: ["aws:ecr/repository:Repository"],
    logGroup: ["aws:cloudwatch/logGroup:LogGroup"],
    kmsKey: ["aws:kms/key:Key"],
    role: ["aws:iam/role:Role"],
    vpcEndpoint: ["aws:ec2/vpcEndpoint:VpcEndpoint"],
    flowLog: ["aws:ec2/flowLog:FlowLog"],
    wafAssociation: ["aws:wafv2/webAclAssociation:WebAclAssociation"],
    webAcl: ["aws:wafv2/webAcl:WebAcl"],
    webService: ["fargatekit:index:WebService"],
} as const;

/** The awsx VPC's NAT gateway strategy as registered (not our `NatStrategy` option). */
export type AwsxNatGatewayStrategy = "None" | "Single" | "OnePerAz";

/** What the diagram needs to know about one awsx VPC. */
interface VpcInfo {
    resource: RecordedResource;
    groupId: string;
    azNames: string[];
    subnetIds: Record<Exclude<SubnetTier, "unknown">, string[]>;
    /** NAT node id per AZ index (one entry for `Single`, none for `None`). */
    natNodes: Map<number, string>;
}

/** Where a subnet is: which VPC, AZ (0-based) and tier. */
interface SubnetPlace {
    vpc?: VpcInfo;
    az: number;
    tier: SubnetTier;
    subnetId?: string;
}

/** Mutable state while the graph is built. */
interface Builder {
    resources: RecordedResource[];
    byUrn: Map<string, RecordedResource>;
    nodes: ArchNode[];
    edges: ArchEdge[];
    groups: ArchGroup[];
    usedIds: Set<string>;
    nodeByUrn: Map<string, string>;
    /** AZ and subnet-tier groups by `vpcGroup/az[/tier]`. */
    groupByKey: Map<string, string>;
    vpcs: VpcInfo[];
    internetId?: string;
    externalVpcGroup?: string;
}

// ---------------------------------------------------------------- small value helpers

/** A string value, or undefined for anything else (unknowns, numbers, objects). */
function str(value: unknown): string | undefined {
    return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** A finite number from a number or numeric string, else undefined. */
function num(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
    return undefined;
}

/** An array value, or an empty array. */
function arr(value: unknown): any[] {
    return Array.isArray(value) ? value : [];
}

/** Every string found anywhere inside a value (arrays and objects walked). */
function stringsIn(value: unknown): string[] {
    if (typeof value === "string") return [value];
    if (Array.isArray(value)) return value.flatMap(stringsIn);
    if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
    return [];
}

/** Parses a JSON-document input (`containerDefinitions`) that may already be parsed. */
function jsonValue(value: unknown): any {
    if (typeof value !== "string") return value;
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

/** The last `::`-separated segment of a URN: the resource's logical name. */
function nameFromUrn(urn: string): string {
    const parts = urn.split("::");
    return parts[parts.length - 1] ?? urn;
}

/** `n word`, with an `s` unless n is 1. */
function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

// ---------------------------------------------------------------- linking

/** Identifiers other resources may hold to refer to `r`: its ARN, id, name and URL-like outputs. */
function identifiersOf(r: RecordedResource): string[] {
    const o = r.outputs ?? {};
    const ids = [o.arn, o.id, o.name, o.keyId, o.repositoryUrl, o.vpcId, o.vpc?.id, o.arnSuffix];
    return ids.filter((v): v is string => typeof v === "string" && v.length > 0);
}

/** True when `r` has one of the given type tokens. */
function isType(r: RecordedResource, types: readonly string[]): boolean {
    return types.includes(r.type);
}

/** All recorded resources of the given types, in recording order. */
function ofType(b: Builder, types: readonly string[]): RecordedResource[] {
    return b.resources.filter((r) => isType(r, types));
}

/**
 * Resources of `types` that property `prop` of `r` refers to: by its propertyDependencies URNs
 * first, then by matching the strings of the property's value against the candidates' identifiers.
 */
function linked(b: Builder, r: RecordedResource, prop: string, types: readonly string[]): RecordedResource[] {
    const byDeps = (r.propertyDependencies?.[prop] ?? []).map((urn) => b.byUrn.get(urn)).filter((d): d is RecordedResource => d !== undefined && isType(d, types));
    if (byDeps.length > 0) return unique(byDeps);
    const values = new Set(stringsIn(r.inputs?.[prop]));
    if (values.size === 0) return [];
    return ofType(b, types).filter((c) => c !== r && identifiersOf(c).some((id) => values.has(id)));
}

/** Removes repeated entries, keeping the first. */
function unique<T>(items: T[]): T[] {
    return [...new Set(items)];
}

/** The nearest enclosing `fargatekit:index:WebService` component's name, if any. */
function webServiceOf(b: Builder, r: RecordedResource): string | undefined {
    const seen = new Set<string>();
    let parentUrn = r.parent;
    while (parentUrn && !seen.has(parentUrn)) {
        seen.add(parentUrn);
        const parent = b.byUrn.get(parentUrn);
        const type = parent?.type ?? typeFromUrn(parentUrn);
        if ((TYPES.webService as readonly string[]).includes(type)) return parent?.name ?? nameFromUrn(parentUrn);
        parentUrn = parent?.parent;
    }
    return undefined;
}

/** The resource's own type token from a URN (`…::parent$own::name` → `own`). */
function typeFromUrn(urn: string): string {
    const parts = urn.split("::");
    const chain = parts.length >= 2 ? parts[parts.length - 2] : "";
    const types = chain.split("$");
    return types[types.length - 1] ?? "";
}

// ---------------------------------------------------------------- graph building primitives

/** A Mermaid/DOT-safe identifier: letters, digits and underscores, unique in the graph. */
function newId(b: Builder, prefix: string, name: string): string {
    const base = `${prefix}_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
    let id = base;
    for (let i = 2; b.usedIds.has(id); i++) id = `${base}_${i}`;
    b.usedIds.add(id);
    return id;
}

/** Adds a node and returns its id; remembers the URN → node mapping for resource nodes. */
function addNode(b: Builder, kind: NodeKind, idName: string, label: string[], extra: Pick<Partial<ArchNode>, "group" | "urn" | "facts"> = {}): string {
    const id = newId(b, kind, idName);
    const node: ArchNode = { id, kind, label: label.filter((l) => l.length > 0), facts: {} };
    if (extra.group) node.group = extra.group;
    if (extra.urn) node.urn = extra.urn;
    if (extra.facts) node.facts = extra.facts;
    b.nodes.push(node);
    if (extra.urn) b.nodeByUrn.set(extra.urn, id);
    return id;
}

/** Adds an edge unless the same edge (same ends and label) is already there. */
function addEdge(b: Builder, from: string | undefined, to: string | undefined, label?: string): void {
    if (!from || !to || from === to) return;
    if (b.edges.some((e) => e.from === from && e.to === to && e.label === label)) return;
    b.edges.push(label ? { from, to, label } : { from, to });
}

/** The node of a resource, if it has one. */
function nodeOf(b: Builder, r: RecordedResource | undefined): string | undefined {
    return r ? b.nodeByUrn.get(r.urn) : undefined;
}

/** The group a node sits in, if any. */
function groupOfNode(b: Builder, id: string | undefined): string | undefined {
    return id ? b.nodes.find((n) => n.id === id)?.group : undefined;
}

/** The single "Internet" node, created on first use. */
function internet(b: Builder): string {
    b.internetId ??= addNode(b, "internet", "internet", ["Internet"]);
    return b.internetId;
}

/** Adds a group and returns its id (`idBase`, made safe and unique). */
function addGroup(b: Builder, kind: GroupKind, idBase: string, label: string[], parent?: string, tier?: SubnetTier): string {
    const id = newId(b, "g", idBase);
    const group: ArchGroup = { id, kind, label };
    if (parent) group.parent = parent;
    if (tier) group.tier = tier;
    b.groups.push(group);
    return id;
}

/** The subnet-tier group for a place, creating its AZ and tier groups on first use. */
function groupForPlace(b: Builder, place: SubnetPlace): string {
    const vpcGroup = place.vpc?.groupId ?? externalVpcGroup(b);
    const azKey = `${vpcGroup}/${place.vpc ? place.az : (place.subnetId ?? place.az)}`;
    let az = b.groupByKey.get(azKey);
    if (!az) {
        const azLabel = place.vpc ? (place.vpc.azNames[place.az] ?? `AZ ${place.az + 1}`) : `subnet ${place.subnetId ?? place.az + 1}`;
        // Group ids read g_<vpc>_az<n>_<tier>: drop the parent's "g_" before extending it.
        az = addGroup(b, "az", `${vpcGroup.slice(2)}_az${place.az + 1}`, [azLabel], vpcGroup);
        b.groupByKey.set(azKey, az);
    }
    const tierKey = `${azKey}/${place.tier}`;
    let tier = b.groupByKey.get(tierKey);
    if (!tier) {
        tier = addGroup(b, "subnet", `${az.slice(2)}_${place.tier}`, [`${place.tier} subnet`], az, place.tier);
        b.groupByKey.set(tierKey, tier);
    }
    return tier;
}

/** The group for subnets that belong to no VPC recorded in this stack. */
function externalVpcGroup(b: Builder): string {
    b.externalVpcGroup ??= addGroup(b, "vpc", "vpc_external", ["VPC outside this stack"]);
    return b.externalVpcGroup;
}

// ---------------------------------------------------------------- VPC and NAT

/** awsx's NAT strategy from `natGateways.strategy`; awsx defaults to one NAT gateway per AZ. */
export function natStrategyOf(vpc: RecordedResource): AwsxNatGatewayStrategy {
    const s = str(vpc.inputs?.natGateways?.strategy);
    return s === "None" || s === "Single" || s === "OnePerAz" ? s : "OnePerAz";
}

/** AZ names (or `AZ n` placeholders) of an awsx VPC: explicit names, else the count, else awsx's default 3. */
export function azNamesOf(vpc: RecordedResource): string[] {
    const names = arr(vpc.inputs?.availabilityZoneNames).filter((n): n is string => typeof n === "string");
    if (names.length > 0) return names;
    const fromOutputs = Math.max(arr(vpc.outputs?.publicSubnetIds).length, arr(vpc.outputs?.privateSubnetIds).length);
    const count = Math.max(1, num(vpc.inputs?.numberOfAvailabilityZones) ?? (fromOutputs > 0 ? fromOutputs : 3));
    return Array.from({ length: count }, (_, i) => `AZ ${i + 1}`);
}

/** Human words for a NAT strategy and AZ count. */
function natWords(strategy: AwsxNatGatewayStrategy, azCount: number): string {
    if (strategy === "None") return "no NAT gateway";
    if (strategy === "Single") return "1 NAT gateway (single)";
    return `${plural(azCount, "NAT gateway")} (one per AZ)`;
}

/** Creates the VPC group and the NAT gateway nodes of each awsx VPC. */
function addVpcs(b: Builder): void {
    for (const r of ofType(b, TYPES.vpc)) {
        const azNames = azNamesOf(r);
        const natStrategy = natStrategyOf(r);
        const label = [r.name, `VPC, ${plural(azNames.length, "AZ")}`, natWords(natStrategy, azNames.length)];
        const groupId = addGroup(b, "vpc", `vpc_${r.name}`, label);
        const ids = (key: string): string[] => arr(r.outputs?.[key]).filter((v): v is string => typeof v === "string");
        const vpc: VpcInfo = {
            resource: r,
            groupId,
            azNames,
            subnetIds: { public: ids("publicSubnetIds"), private: ids("privateSubnetIds"), isolated: ids("isolatedSubnetIds") },
            natNodes: new Map(),
        };
        b.vpcs.push(vpc);
        const natAzs = natStrategy === "None" ? [] : natStrategy === "Single" ? [0] : azNames.map((_, i) => i);
        for (const az of natAzs) {
            const group = groupForPlace(b, { vpc, az, tier: "public" });
            const id = addNode(b, "natGateway", `${r.name}_${az + 1}`, ["NAT gateway", azNames[az]], { group, facts: { az: az + 1 } });
            vpc.natNodes.set(az, id);
            addEdge(b, id, internet(b), "egress");
        }
    }
}

/** The VPC a resource points at through `prop` (dependency URN, or matching `vpcId`). */
function vpcVia(b: Builder, r: RecordedResource, prop: string): VpcInfo | undefined {
    const [vpc] = linked(b, r, prop, TYPES.vpc);
    return b.vpcs.find((v) => v.resource === vpc);
}

/**
 * Where each of `subnetIds` is. Subnets are found in the awsx VPCs' outputs; when the ids are not
 * there but the property depends on a VPC, they are taken in AZ order in `fallbackTier` (and with
 * no ids at all, one per AZ of that VPC). Subnets of no recorded VPC get tier `unknown`.
 */
function placeSubnets(b: Builder, subnetIds: string[], depVpc: VpcInfo | undefined, fallbackTier: "public" | "private"): SubnetPlace[] {
    if (subnetIds.length === 0 && depVpc) {
        const ids = depVpc.subnetIds[fallbackTier];
        return depVpc.azNames.map((_, az) => ({ vpc: depVpc, az, tier: fallbackTier, subnetId: ids[az] }));
    }
    return subnetIds.map((subnetId, i): SubnetPlace => {
        const found = locateSubnet(b.vpcs, subnetId);
        if (found) return found;
        if (depVpc) return { vpc: depVpc, az: i % depVpc.azNames.length, tier: fallbackTier, subnetId };
        return { az: i, tier: "unknown", subnetId };
    });
}

/** Finds a subnet id among the awsx VPCs' public, private and isolated subnet outputs. */
function locateSubnet(vpcs: VpcInfo[], subnetId: string): SubnetPlace | undefined {
    for (const vpc of vpcs) {
        for (const tier of ["public", "private", "isolated"] as const) {
            const az = vpc.subnetIds[tier].indexOf(subnetId);
            if (az >= 0) return { vpc, az: az % vpc.azNames.length, tier, subnetId };
        }
    }
    return undefined;
}

/** One place per AZ (the first subnet seen in each), in AZ order. */
function distinctAzs(places: SubnetPlace[]): SubnetPlace[] {
    const seen = new Map<string, SubnetPlace>();
    for (const p of places) {
        const key = `${p.vpc?.groupId ?? "external"}/${p.vpc ? p.az : (p.subnetId ?? p.az)}`;
        if (!seen.has(key)) seen.set(key, p);
    }
    return [...seen.values()].sort((x, y) => x.az - y.az);
}

/**
 * Splits `count` tasks over `buckets` AZs the way ECS's AZ-balanced spread places them: as evenly
 * as possible, the remainder going to the earlier AZs.
 */
export function spreadTasks(count: number, buckets: number): number[] {
    if (buckets <= 0) return [];
    const base = Math.floor(count / buckets);
    return Array.from({ length: buckets }, (_, i) => base + (i < count % buckets ? 1 : 0));
}

// ---------------------------------------------------------------- load balancing

/** Creates ALB nodes (with WAF and the Internet in front when internet-facing). */
function addLoadBalancers(b: Builder): void {
    for (const r of ofType(b, TYPES.loadBalancer)) {
        const subnets = arr(r.inputs?.subnets).filter((s): s is string => typeof s === "string");
        const mappings = arr(r.inputs?.subnetMappings)
            .map((m) => str(m?.subnetId))
            .filter((s): s is string => s !== undefined);
        const internetFacing = r.inputs?.internal !== true;
        const depVpc = vpcVia(b, r, "subnets");
        const places = placeSubnets(b, subnets.length > 0 ? subnets : mappings, depVpc, internetFacing ? "public" : "private");
        const azs = distinctAzs(places);
        const tiers = unique(places.map((p) => p.tier));
        const type = str(r.inputs?.loadBalancerType) ?? "application";
        const kindWord = type === "application" ? "ALB" : type === "network" ? "NLB" : `${type} LB`;
        const spread = azs.length > 0 ? `${plural(azs.length, "AZ")}, ${tiers.join("/")} subnets` : "";
        const label = [r.name, `${internetFacing ? "internet-facing" : "internal"} ${kindWord}`, spread];
        const group = places[0]?.vpc?.groupId;
        addNode(b, "loadBalancer", r.name, label, { urn: r.urn, group, facts: { internetFacing, azCount: azs.length } });
    }
    for (const r of ofType(b, TYPES.wafAssociation)) {
        const [alb] = linked(b, r, "resourceArn", TYPES.loadBalancer);
        const [acl] = linked(b, r, "webAclArn", TYPES.webAcl);
        const name = acl?.name ?? r.name;
        const id = nodeOf(b, acl) ?? addNode(b, "waf", name, [name, "WAF web ACL"], { urn: acl?.urn ?? r.urn });
        addEdge(b, id, nodeOf(b, alb), "filtered");
    }
}

/** Text for a listener's or rule's action list, e.g. `redirect to HTTPS:443 (301)`. */
export function describeActions(actions: any[]): string {
    return actions
        .map((a) => {
            const type = str(a?.type) ?? "?";
            if (type === "redirect") {
                const code = str(a?.redirect?.statusCode)?.replace(/^HTTP_/, "");
                const port = a?.redirect?.port !== undefined ? String(a.redirect.port) : undefined;
                const to = [str(a?.redirect?.protocol), port].filter(Boolean).join(":");
                return `redirect to ${to || "URL"}${code ? ` (${code})` : ""}`;
            }
            if (type === "fixed-response") return `fixed response ${a?.fixedResponse?.statusCode ?? ""}`.trim();
            return type;
        })
        .join(", ");
}

/** Creates listener and listener-rule nodes and their edges to load balancers and target groups. */
function addListeners(b: Builder): void {
    const listeners = ofType(b, TYPES.listener);
    for (const r of listeners) {
        const protocol = str(r.inputs?.protocol) ?? (r.inputs?.certificateArn ? "HTTPS" : "HTTP");
        const port = num(r.inputs?.port);
        const actions = arr(r.inputs?.defaultActions);
        const [alb] = linked(b, r, "loadBalancerArn", TYPES.loadBalancer);
        const albNode = nodeOf(b, alb);
        const id = addNode(b, "listener", r.name, [`${protocol} :${port ?? "?"}`, describeActions(actions)], {
            urn: r.urn,
            group: groupOfNode(b, albNode),
            facts: { protocol, port: port ?? 0, actions: actions.map((a) => str(a?.type) ?? "?").join(",") },
        });
        addEdge(b, albNode, id);
        addForwardEdges(b, r, id, actions, "defaultActions");
    }
    for (const r of listeners) addRedirectEdges(b, r, listeners);
    for (const r of ofType(b, TYPES.listenerRule)) {
        const actions = arr(r.inputs?.actions);
        const priority = num(r.inputs?.priority);
        const label = [`rule ${priority ?? ""}`.trim(), ...describeConditions(arr(r.inputs?.conditions)), describeActions(actions)];
        const [listener] = linked(b, r, "listenerArn", TYPES.listener);
        const listenerNode = nodeOf(b, listener);
        const group = groupOfNode(b, listenerNode);
        const id = addNode(b, "listenerRule", r.name, label, { urn: r.urn, group, facts: { priority: priority ?? 0 } });
        addEdge(b, listenerNode, id);
        addForwardEdges(b, r, id, actions, "actions");
    }
}

/** `forward` edges from a listener or rule node to the target groups its forward actions name. */
function addForwardEdges(b: Builder, r: RecordedResource, id: string, actions: any[], prop: string): void {
    if (!actions.some((a) => a?.type === "forward")) return;
    for (const tg of linked(b, r, prop, TYPES.targetGroup)) addEdge(b, id, targetGroupNode(b, tg, groupOfNode(b, id)), "forward");
}

/** An edge from a redirecting listener to the listener on the same load balancer it redirects to. */
function addRedirectEdges(b: Builder, r: RecordedResource, listeners: RecordedResource[]): void {
    const [alb] = linked(b, r, "loadBalancerArn", TYPES.loadBalancer);
    for (const a of arr(r.inputs?.defaultActions).filter((x) => x?.type === "redirect")) {
        const port = num(a?.redirect?.port);
        const sameAlb = (l: RecordedResource): boolean => linked(b, l, "loadBalancerArn", TYPES.loadBalancer)[0] === alb;
        const target = listeners.find((l) => l !== r && num(l.inputs?.port) === port && sameAlb(l));
        const code = str(a?.redirect?.statusCode)?.replace(/^HTTP_/, "");
        addEdge(b, nodeOf(b, r), nodeOf(b, target), `redirect${code ? ` ${code}` : ""}`);
    }
}

/** Text lines for listener-rule conditions (`path /api/*`, `host api.example.com`, …). */
export function describeConditions(conditions: any[]): string[] {
    const words: Record<string, string> = {
        pathPattern: "path",
        hostHeader: "host",
        httpHeader: "header",
        httpRequestMethod: "method",
        queryString: "query",
        sourceIp: "source IP",
    };
    const valuesOf = (key: string, value: any): string[] => {
        if (key === "queryString") return arr(value).map((q) => `${q?.key ?? ""}=${q?.value ?? ""}`);
        if (key === "httpHeader") return [str(value?.httpHeaderName) ?? "", ...stringsIn(value?.values)].filter(Boolean);
        return stringsIn(value?.values ?? value);
    };
    return conditions.flatMap((c) =>
        Object.entries(words)
            .filter(([key]) => c?.[key] !== undefined)
            .map(([key, word]) => `${word} ${valuesOf(key, c[key]).join(" ")}`.trim()),
    );
}

/**
 * The node of a target group, created on first use: in the group of the VPC its `vpcId` names,
 * else in `fallbackGroup` (the group of the listener or rule that forwards to it).
 */
function targetGroupNode(b: Builder, r: RecordedResource, fallbackGroup?: string): string {
    const existing = nodeOf(b, r);
    if (existing) return existing;
    const protocol = str(r.inputs?.protocol) ?? "HTTP";
    const port = num(r.inputs?.port);
    const targetType = str(r.inputs?.targetType) ?? "instance";
    const health = str(r.inputs?.healthCheck?.path);
    const label = [r.name, "target group", `${protocol}:${port ?? "?"}, ${targetType} targets`, health ? `health ${health}` : ""];
    const group = vpcVia(b, r, "vpcId")?.groupId ?? fallbackGroup;
    return addNode(b, "targetGroup", r.name, label, { urn: r.urn, group, facts: { protocol, port: port ?? 0, targetType } });
}

// ---------------------------------------------------------------- services

/** `256` CPU units → `0.25 vCPU`, `512` MiB → `0.5 GB`. */
export function describeSize(cpu: unknown, memory: unknown): string {
    const c = num(cpu);
    const m = num(memory);
    const parts = [c !== undefined ? `${c / 1024} vCPU` : "", m !== undefined ? `${m / 1024} GB` : ""].filter(Boolean);
    return parts.join(" / ");
}

/** Container images named in a task definition's `containerDefinitions`. */
export function imagesOf(td: RecordedResource): string[] {
    return arr(jsonValue(td.inputs?.containerDefinitions))
        .map((c) => str(c?.image))
        .filter((i): i is string => i !== undefined);
}

/** The `awslogs-group` names a task definition's containers log to. */
function awslogsGroupsOf(td: RecordedResource): string[] {
    return arr(jsonValue(td.inputs?.containerDefinitions))
        .map((c) => str(c?.logConfiguration?.options?.["awslogs-group"]))
        .filter((g): g is string => g !== undefined);
}

/** `registry/path/repo:tag` → `repo:tag`. */
function shortImage(image: string): string {
    const slash = image.lastIndexOf("/");
    return slash >= 0 ? image.slice(slash + 1) : image;
}

/** Creates the task definition node with its roles, image repository and log group edges. */
function taskDefinitionNode(b: Builder, td: RecordedResource): string {
    const existing = nodeOf(b, td);
    if (existing) return existing;
    const arch = str(td.inputs?.runtimePlatform?.cpuArchitecture) ?? "X86_64";
    const images = imagesOf(td);
    const size = `${describeSize(td.inputs?.cpu, td.inputs?.memory)} ${arch}`.trim();
    const label = [str(td.inputs?.family) ?? td.name, "task definition", size, ...images.map((i) => `image ${shortImage(i)}`)];
    const facts = { cpu: num(td.inputs?.cpu) ?? 0, memory: num(td.inputs?.memory) ?? 0, architecture: arch };
    const id = addNode(b, "taskDefinition", td.name, label, { urn: td.urn, facts });
    for (const [prop, word] of [
        ["executionRoleArn", "execution role"],
        ["taskRoleArn", "task role"],
    ] as const) {
        for (const role of linked(b, td, prop, TYPES.role)) addEdge(b, roleNode(b, role), id, word);
    }
    for (const repo of repositoriesOf(b, td, images)) addEdge(b, nodeOf(b, repo), id, "image");
    for (const lg of logGroupsOf(b, td)) addEdge(b, id, nodeOf(b, lg), "logs");
    return id;
}

/** ECR repositories a task definition's images come from (dependency URNs, then repository URL prefix). */
function repositoriesOf(b: Builder, td: RecordedResource, images: string[]): RecordedResource[] {
    const byDeps = linked(b, td, "containerDefinitions", TYPES.repository);
    if (byDeps.length > 0) return byDeps;
    return ofType(b, TYPES.repository).filter((repo) => {
        const url = str(repo.outputs?.repositoryUrl);
        return url !== undefined && images.some((i) => i === url || i.startsWith(`${url}:`) || i.startsWith(`${url}@`));
    });
}

/** Log groups a task definition's containers log to (dependency URNs, then `awslogs-group` names). */
function logGroupsOf(b: Builder, td: RecordedResource): RecordedResource[] {
    const byDeps = linked(b, td, "containerDefinitions", TYPES.logGroup);
    if (byDeps.length > 0) return byDeps;
    const names = new Set(awslogsGroupsOf(td));
    return ofType(b, TYPES.logGroup).filter((lg) => [lg.outputs?.name, lg.inputs?.name].some((n) => typeof n === "string" && names.has(n)));
}

/** The node of an IAM role, created on first use. */
function roleNode(b: Builder, r: RecordedResource): string {
    return nodeOf(b, r) ?? addNode(b, "role", r.name, [r.name, "IAM role"], { urn: r.urn });
}

/** The autoscaling target of a service: `resourceId` depends on it, or ends with `/<service name>`. */
function scalingTargetOf(b: Builder, svc: RecordedResource): RecordedResource | undefined {
    const targets = ofType(b, TYPES.scalingTarget);
    const byDeps = targets.find((t) => (t.propertyDependencies?.resourceId ?? []).includes(svc.urn));
    if (byDeps) return byDeps;
    const names = [svc.outputs?.name, svc.inputs?.name].filter((n): n is string => typeof n === "string");
    return targets.find((t) => {
        const id = str(t.inputs?.resourceId);
        return id !== undefined && names.some((n) => id.endsWith(`/${n}`));
    });
}

/** Label words for a scaling policy, e.g. `target tracking CPU 70%`. */
export function describePolicy(p: RecordedResource): string {
    const tt = p.inputs?.targetTrackingScalingPolicyConfiguration;
    const type = str(p.inputs?.policyType) ?? (tt ? "TargetTrackingScaling" : "StepScaling");
    if (type !== "TargetTrackingScaling") return type === "StepScaling" ? "step scaling" : type;
    const metrics: Record<string, string> = {
        ECSServiceAverageCPUUtilization: "CPU",
        ECSServiceAverageMemoryUtilization: "memory",
        ALBRequestCountPerTarget: "requests per target",
    };
    const metricType = str(tt?.predefinedMetricSpecification?.predefinedMetricType);
    const metric = metricType ? (metrics[metricType] ?? metricType) : "custom metric";
    const value = num(tt?.targetValue);
    const unit = metricType?.endsWith("Utilization") ? "%" : "";
    return `target tracking ${metric}${value !== undefined ? ` ${value}${unit}` : ""}`;
}

/** Min and max capacity of an autoscaling target (0 when not given). */
function capacityOf(target: RecordedResource): { min: number; max: number } {
    return { min: num(target.inputs?.minCapacity) ?? 0, max: num(target.inputs?.maxCapacity) ?? 0 };
}

/** Adds an autoscaling target (scaling `serviceNode` when known) and the policies attached to it. */
function addScaling(b: Builder, target: RecordedResource, serviceNode?: string): void {
    const { min, max } = capacityOf(target);
    const existing = nodeOf(b, target);
    const label = [target.name, "autoscaling target", `${min}-${max} tasks`];
    const id = existing ?? addNode(b, "scalingTarget", target.name, label, { urn: target.urn, facts: { min, max } });
    addEdge(b, id, serviceNode, `scales ${min}-${max}`);
    if (existing) return;
    for (const p of ofType(b, TYPES.scalingPolicy).filter((x) => !nodeOf(b, x) && policyTargets(b, x, target))) {
        const pid = addNode(b, "scalingPolicy", p.name, [p.name, describePolicy(p)], { urn: p.urn });
        addEdge(b, pid, id, "policy");
    }
}

/** True when a scaling policy belongs to `target` (dependency URN, else same resourceId and dimension). */
function policyTargets(b: Builder, p: RecordedResource, target: RecordedResource): boolean {
    const deps = ["resourceId", "scalableDimension", "serviceNamespace"].flatMap((k) => p.propertyDependencies?.[k] ?? []);
    const targetTypes: readonly string[] = TYPES.scalingTarget;
    const targetDeps = deps.filter((u) => targetTypes.includes(b.byUrn.get(u)?.type ?? typeFromUrn(u)));
    if (targetDeps.length > 0) return targetDeps.includes(target.urn);
    const sameResource = str(p.inputs?.resourceId) !== undefined && p.inputs?.resourceId === target.inputs?.resourceId;
    return sameResource && (p.inputs?.scalableDimension ?? "") === (target.inputs?.scalableDimension ?? "");
}

/** Capacity words for a service (`Fargate`, `Fargate + Spot`). */
function capacityWords(svc: RecordedResource): string {
    const providers = arr(svc.inputs?.capacityProviderStrategies).map((s) => str(s?.capacityProvider));
    if (providers.includes("FARGATE_SPOT")) return providers.includes("FARGATE") ? "Fargate + Fargate Spot" : "Fargate Spot";
    return "Fargate";
}

/** Creates the nodes of every ECS service: service, task definition, tasks per AZ, scaling, egress. */
function addServices(b: Builder): void {
    for (const svc of ofType(b, TYPES.service)) {
        const net = svc.inputs?.networkConfiguration ?? {};
        const publicIp = net.assignPublicIp === true;
        const subnets = arr(net.subnets).filter((s): s is string => typeof s === "string");
        const depVpc = vpcVia(b, svc, "networkConfiguration");
        const places = distinctAzs(placeSubnets(b, subnets, depVpc, publicIp ? "public" : "private"));
        const desired = num(svc.inputs?.desiredCount) ?? 1;
        const component = webServiceOf(b, svc);
        const [cluster] = linked(b, svc, "cluster", TYPES.cluster);
        const target = scalingTargetOf(b, svc);
        const scaling = target ? capacityOf(target) : undefined;
        const label = [
            svc.name,
            `ECS service (${capacityWords(svc)})`,
            component ? `WebService ${component}` : "",
            cluster ? `cluster ${cluster.name}` : "",
            `desired ${desired}${scaling ? `, autoscaling ${scaling.min}-${scaling.max}` : ""}`,
        ];
        const facts: Facts = { desiredCount: desired, assignPublicIp: publicIp, azCount: places.length };
        if (scaling) Object.assign(facts, { minCapacity: scaling.min, maxCapacity: scaling.max });
        if (component) facts.webService = component;
        const group = places[0]?.vpc?.groupId ?? (places.length > 0 ? externalVpcGroup(b) : undefined);
        const serviceId = addNode(b, "service", svc.name, label, { urn: svc.urn, group, facts });
        if (target) addScaling(b, target, serviceId);
        for (const td of linked(b, svc, "taskDefinition", TYPES.taskDefinition)) {
            addEdge(b, taskDefinitionNode(b, td), serviceId, "task definition");
        }
        addTasks(b, svc, serviceId, places, desired, publicIp);
    }
}

/**
 * One tasks node per AZ the service's subnets span (one unplaced node when the subnets are not
 * known), with the desired count spread over them, fed by the service's target groups.
 */
function addTasks(b: Builder, svc: RecordedResource, serviceId: string, places: SubnetPlace[], desired: number, publicIp: boolean): void {
    const targetGroups = linked(b, svc, "loadBalancers", TYPES.targetGroup).map((tg) => ({ id: targetGroupNode(b, tg), tg }));
    const slots: (SubnetPlace | undefined)[] = places.length > 0 ? places : [undefined];
    const shares = spreadTasks(desired, slots.length);
    slots.forEach((place, i) => {
        const where = !place ? ", subnets not known" : ` in ${place.vpc ? place.vpc.azNames[place.az] : (place.subnetId ?? "?")}`;
        const label = [`${svc.name} tasks`, `${plural(shares[i], "task")}${where}`, publicIp ? "public IP" : ""];
        const facts: Facts = { tasks: shares[i], service: svc.name, tier: place?.tier ?? "unknown" };
        if (place) facts.az = place.az + 1;
        const tasksId = addNode(b, "tasks", `${svc.name}_${i + 1}`, label, { group: place && groupForPlace(b, place), facts });
        addEdge(b, serviceId, tasksId, "runs");
        for (const { id, tg } of targetGroups) addEdge(b, id, tasksId, `${str(tg.inputs?.protocol) ?? "HTTP"}:${num(tg.inputs?.port) ?? "?"}`);
        if (place) addEgress(b, place, tasksId, publicIp);
    });
}

/** Internet egress of a tasks node: its public IP in a public subnet, or the AZ's (or the single) NAT gateway. */
function addEgress(b: Builder, place: SubnetPlace, tasksId: string, publicIp: boolean): void {
    if (place.tier === "public" && publicIp) {
        addEdge(b, tasksId, internet(b), "egress (public IP)");
        return;
    }
    if (place.tier !== "private" || !place.vpc) return;
    const nat = place.vpc.natNodes.get(place.az) ?? place.vpc.natNodes.get(0);
    addEdge(b, tasksId, nat, "egress");
}

// ---------------------------------------------------------------- supporting resources

/** Creates nodes for repositories, log groups, KMS keys and roles (linked or not). */
function addSupportNodes(b: Builder): void {
    for (const r of ofType(b, TYPES.repository)) {
        const mutability = str(r.inputs?.imageTagMutability);
        const label = [r.name, "ECR repository", mutability ? `tags ${mutability.toLowerCase()}` : ""];
        addNode(b, "containerRepository", r.name, label, { urn: r.urn });
    }
    for (const r of ofType(b, TYPES.logGroup)) {
        const days = num(r.inputs?.retentionInDays);
        const label = [r.name, "CloudWatch log group", days ? `retention ${days} days` : "never expires"];
        addNode(b, "logGroup", r.name, label, { urn: r.urn, facts: { retentionInDays: days ?? 0 } });
    }
    for (const r of ofType(b, TYPES.kmsKey)) {
        addNode(b, "kmsKey", r.name, [r.name, "KMS key", r.inputs?.enableKeyRotation === true ? "rotation on" : ""], { urn: r.urn });
    }
}

/** Autoscaling targets no service matched, and policies no target matched, drawn unlinked. */
function addRemainingScaling(b: Builder): void {
    for (const t of ofType(b, TYPES.scalingTarget)) addScaling(b, t);
    for (const p of ofType(b, TYPES.scalingPolicy)) {
        if (!nodeOf(b, p)) addNode(b, "scalingPolicy", p.name, [p.name, describePolicy(p)], { urn: p.urn });
    }
}

/** Roles not reached through a task definition (flow-log delivery roles, unused roles). */
function addRemainingRoles(b: Builder): void {
    for (const r of ofType(b, TYPES.role)) roleNode(b, r);
}

/** Creates VPC endpoint and flow log nodes inside their VPC. */
function addVpcAttachments(b: Builder): void {
    for (const r of ofType(b, TYPES.vpcEndpoint)) {
        const service = str(r.inputs?.serviceName) ?? "";
        const short = service.replace(/^com\.amazonaws\.[a-z0-9-]+\./, "");
        const type = str(r.inputs?.vpcEndpointType) ?? "Gateway";
        const group = vpcVia(b, r, "vpcId")?.groupId;
        addNode(b, "vpcEndpoint", r.name, [`${short || r.name} endpoint`, type], { urn: r.urn, group, facts: { service, type } });
    }
    for (const r of ofType(b, TYPES.flowLog)) {
        const group = vpcVia(b, r, "vpcId")?.groupId;
        const id = addNode(b, "flowLog", r.name, [r.name, "VPC flow log", str(r.inputs?.trafficType) ?? ""], { urn: r.urn, group });
        for (const lg of linked(b, r, "logDestination", TYPES.logGroup)) addEdge(b, id, nodeOf(b, lg), "delivers to");
        for (const role of linked(b, r, "iamRoleArn", TYPES.role)) addEdge(b, roleNode(b, role), id, "delivery role");
    }
}

/** An `encrypts` edge from each KMS key to every drawn resource that refers to it. */
function addKeyEdges(b: Builder): void {
    const keys = ofType(b, TYPES.kmsKey);
    for (const r of b.resources) {
        const target = nodeOf(b, r);
        if (!target || isType(r, TYPES.kmsKey)) continue;
        const deps = new Set(Object.values(r.propertyDependencies ?? {}).flat());
        const values = new Set(stringsIn(r.inputs));
        for (const key of keys) {
            if (deps.has(key.urn) || identifiersOf(key).some((id) => values.has(id))) addEdge(b, nodeOf(b, key), target, "encrypts");
        }
    }
}

/** Edges from the Internet (or the WAF in front) to internet-facing load balancers. */
function addInternetEdges(b: Builder): void {
    for (const r of ofType(b, TYPES.loadBalancer)) {
        const albNode = nodeOf(b, r);
        if (!albNode || r.inputs?.internal === true) continue;
        const ports = b.edges
            .filter((e) => e.from === albNode)
            .map((e) => b.nodes.find((n) => n.id === e.to))
            .filter((n): n is ArchNode => n?.kind === "listener")
            .map((n) => `${n.facts.protocol} ${n.facts.port}`);
        const waf = b.edges.find((e) => e.to === albNode && b.nodes.find((n) => n.id === e.from)?.kind === "waf");
        addEdge(b, internet(b), waf?.from ?? albNode, ports.join(", ") || undefined);
    }
}

/**
 * Builds the architecture graph of a recorded plan. Pure: the same resources give the same graph.
 * @param resources what the offline engine recorded, in registration order.
 */
export function buildArchitecture(resources: RecordedResource[]): Architecture {
    const b: Builder = {
        resources,
        byUrn: new Map(resources.map((r) => [r.urn, r])),
        nodes: [],
        edges: [],
        groups: [],
        usedIds: new Set(),
        nodeByUrn: new Map(),
        groupByKey: new Map(),
        vpcs: [],
    };
    addVpcs(b);
    addSupportNodes(b);
    addLoadBalancers(b);
    addListeners(b);
    addServices(b);
    for (const tg of ofType(b, TYPES.targetGroup)) targetGroupNode(b, tg);
    for (const td of ofType(b, TYPES.taskDefinition)) taskDefinitionNode(b, td);
    addRemainingScaling(b);
    addVpcAttachments(b);
    addRemainingRoles(b);
    addKeyEdges(b);
    addInternetEdges(b);
    return { nodes: b.nodes, edges: b.edges, groups: b.groups };
}
