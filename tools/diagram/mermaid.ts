/**
 * Mermaid flowchart text for an architecture graph: `flowchart LR`, one subgraph per VPC, AZ and
 * subnet tier, shapes and colours by node kind. Label text is escaped with Mermaid's decimal
 * `#code;` entities, so names can hold quotes, brackets, pipes or HTML without breaking the chart.
 */
import { ArchGroup, ArchNode, Architecture, KIND_COLOURS, NodeKind } from "./model";

/** Characters that Mermaid would read as syntax inside a label, and their entity codes. */
const MERMAID_ENTITIES: Record<string, string> = {
    "#": "#35;",
    '"': "#34;",
    "&": "#38;",
    "<": "#60;",
    ">": "#62;",
    "[": "#91;",
    "]": "#93;",
    "(": "#40;",
    ")": "#41;",
    "{": "#123;",
    "}": "#125;",
    "|": "#124;",
    ";": "#59;",
    "`": "#96;",
};

/** Escapes one line of label text for use inside a quoted Mermaid label. */
export function escapeMermaid(text: string): string {
    return text.replace(/[\u0000-\u001f\u007f]/g, " ").replace(/[#"&<>[\](){}|;`]/g, (c) => MERMAID_ENTITIES[c]);
}

/** A quoted Mermaid label from label lines, joined by `<br/>`. */
export function mermaidLabel(lines: string[]): string {
    return `"${lines.map(escapeMermaid).join("<br/>")}"`;
}

/** Opening and closing brackets of each node kind's shape. */
const SHAPES: Record<NodeKind, [string, string]> = {
    internet: ["((", "))"],
    waf: ["{{", "}}"],
    loadBalancer: ["[", "]"],
    listener: ["(", ")"],
    listenerRule: ["(", ")"],
    targetGroup: ["[", "]"],
    service: ["[", "]"],
    tasks: ["([", "])"],
    taskDefinition: ["[", "]"],
    containerRepository: ["[(", ")]"],
    logGroup: ["[(", ")]"],
    kmsKey: ["(", ")"],
    role: ["(", ")"],
    scalingTarget: ["[", "]"],
    scalingPolicy: ["(", ")"],
    natGateway: ["[", "]"],
    vpcEndpoint: ["(", ")"],
    flowLog: ["(", ")"],
};

/** One node statement, e.g. `service_web["web<br/>ECS service"]`. */
function nodeLine(node: ArchNode): string {
    const [open, close] = SHAPES[node.kind];
    return `${node.id}${open}${mermaidLabel(node.label)}${close}`;
}

/** The lines of a group's subgraph, its nodes and nested groups, indented by depth. */
function groupLines(arch: Architecture, group: ArchGroup, depth: number): string[] {
    const pad = "    ".repeat(depth);
    const inner = [
        ...arch.nodes.filter((n) => n.group === group.id).map((n) => `${pad}    ${nodeLine(n)}`),
        ...arch.groups.filter((g) => g.parent === group.id).flatMap((g) => groupLines(arch, g, depth + 1)),
    ];
    return [`${pad}subgraph ${group.id} [${mermaidLabel(group.label)}]`, ...inner, `${pad}end`];
}

/** One edge statement, with a quoted label when the edge has one. */
function edgeLine(from: string, to: string, label?: string): string {
    return label ? `    ${from} -->|${mermaidLabel([label])}| ${to}` : `    ${from} --> ${to}`;
}

/** `classDef` and `class` lines colouring the nodes by kind. */
function classLines(arch: Architecture): string[] {
    const kinds = [...new Set(arch.nodes.map((n) => n.kind))];
    return kinds.flatMap((kind) => {
        const { fill, stroke } = KIND_COLOURS[kind];
        const ids = arch.nodes.filter((n) => n.kind === kind).map((n) => n.id);
        return [`    classDef ${kind} fill:${fill},stroke:${stroke},color:#212121`, `    class ${ids.join(",")} ${kind}`];
    });
}

/**
 * Renders the architecture as a Mermaid `flowchart LR`.
 * @param arch the graph from `buildArchitecture`.
 */
export function toMermaid(arch: Architecture): string {
    const lines = [
        "flowchart LR",
        ...arch.nodes.filter((n) => !n.group).map((n) => `    ${nodeLine(n)}`),
        ...arch.groups.filter((g) => !g.parent).flatMap((g) => groupLines(arch, g, 1)),
        ...arch.edges.map((e) => edgeLine(e.from, e.to, e.label)),
        ...classLines(arch),
    ];
    return `${lines.join("\n")}\n`;
}
