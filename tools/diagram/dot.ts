/**
 * Graphviz DOT text for an architecture graph: left-to-right, one `cluster_` subgraph per VPC, AZ
 * and subnet tier, shapes and colours by node kind. Every id and label is a quoted DOT string.
 */
import { ArchGroup, ArchNode, Architecture, KIND_COLOURS, NodeKind } from "./model";

/** Graphviz shape of each node kind. */
const DOT_SHAPES: Record<NodeKind, string> = {
    internet: "ellipse",
    waf: "hexagon",
    loadBalancer: "box",
    listener: "box",
    listenerRule: "box",
    targetGroup: "box",
    service: "box",
    tasks: "box3d",
    taskDefinition: "note",
    containerRepository: "cylinder",
    logGroup: "cylinder",
    kmsKey: "box",
    role: "box",
    scalingTarget: "box",
    scalingPolicy: "box",
    natGateway: "box",
    vpcEndpoint: "box",
    flowLog: "box",
};

/** Line style of each group kind's box. */
const GROUP_STYLES: Record<ArchGroup["kind"], { style: string; colour: string }> = {
    vpc: { style: "rounded", colour: "#2e7d32" },
    az: { style: "dashed", colour: "#1565c0" },
    subnet: { style: "rounded,filled", colour: "#90a4ae" },
};

/**
 * Escapes text for the inside of a quoted DOT string. Backslashes are doubled (so Graphviz's `\N`,
 * `\G`… label escapes cannot be triggered by names), quotes are escaped, control characters
 * become spaces.
 */
export function escapeDot(text: string): string {
    return text
        .replace(/[\u0000-\u001f\u007f]/g, " ")
        .replace(/\\/g, "\\\\")
        .replace(/"/g, '\\"');
}

/** A quoted DOT string. */
export function dotString(text: string): string {
    return `"${escapeDot(text)}"`;
}

/** A quoted multi-line DOT label: lines escaped one by one and joined by Graphviz's `\n`. */
export function dotLabel(lines: string[]): string {
    return `"${lines.map(escapeDot).join("\\n")}"`;
}

/** One node statement. */
function nodeLine(node: ArchNode, pad: string): string {
    const { fill, stroke } = KIND_COLOURS[node.kind];
    const style = DOT_SHAPES[node.kind] === "box" ? "rounded,filled" : "filled";
    const attrs = [`label=${dotLabel(node.label)}`, `shape=${DOT_SHAPES[node.kind]}`, `style=${dotString(style)}`, `fillcolor=${dotString(fill)}`, `color=${dotString(stroke)}`];
    return `${pad}${dotString(node.id)} [${attrs.join(", ")}];`;
}

/** The lines of a group's cluster, its nodes and nested clusters, indented by depth. */
function clusterLines(arch: Architecture, group: ArchGroup, depth: number): string[] {
    const pad = "    ".repeat(depth);
    const { style, colour } = GROUP_STYLES[group.kind];
    const fill = group.tier === "public" ? "#e8f5e9" : group.tier === "private" ? "#e3f2fd" : "#f5f5f5";
    const attrs = [`label=${dotLabel(group.label)}`, `style=${dotString(style)}`, `color=${dotString(colour)}`];
    if (group.kind === "subnet") attrs.push(`fillcolor=${dotString(fill)}`);
    return [
        `${pad}subgraph ${dotString(`cluster_${group.id}`)} {`,
        `${pad}    ${attrs.join("; ")};`,
        ...arch.nodes.filter((n) => n.group === group.id).map((n) => nodeLine(n, `${pad}    `)),
        ...arch.groups.filter((g) => g.parent === group.id).flatMap((g) => clusterLines(arch, g, depth + 1)),
        `${pad}}`,
    ];
}

/**
 * Renders the architecture as a Graphviz `digraph` with clusters.
 * @param arch the graph from `buildArchitecture`.
 */
export function toDot(arch: Architecture): string {
    const lines = [
        "digraph architecture {",
        '    graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.3, ranksep=0.7];',
        '    node [fontname="Helvetica", fontsize=10];',
        '    edge [fontname="Helvetica", fontsize=9, color="#546e7a"];',
        ...arch.nodes.filter((n) => !n.group).map((n) => nodeLine(n, "    ")),
        ...arch.groups.filter((g) => !g.parent).flatMap((g) => clusterLines(arch, g, 1)),
        ...arch.edges.map((e) => `    ${dotString(e.from)} -> ${dotString(e.to)}${e.label ? ` [label=${dotString(e.label)}]` : ""};`),
        "}",
    ];
    return `${lines.join("\n")}\n`;
}
