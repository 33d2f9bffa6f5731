import assert from "node:assert/strict";
import { buildArchitecture } from "../../tools/diagram/model";
import { escapeMermaid, toMermaid } from "../../tools/diagram/mermaid";
import { cheapDev, oneServiceHttps, res, twoServicesOneAlb, vpc } from "./fixtures";

const ID = "[A-Za-z][A-Za-z0-9_]*";
/**
 * A quoted label: no raw quote, bracket, parenthesis, brace, pipe, angle bracket, semicolon, `#` or
 * backtick; only `#code;` entities and the `<br/>` line breaks.
 */
const LABEL = '"(?:[^"\\[\\](){}|<>;#`]|#[0-9]+;|<br/>)*"';
const SHAPES = [
    ["\\(\\(", "\\)\\)"],
    ["\\{\\{", "\\}\\}"],
    ["\\[\\(", "\\)\\]"],
    ["\\(\\[", "\\]\\)"],
    ["\\[", "\\]"],
    ["\\(", "\\)"],
];
const NODE = new RegExp(`^(${ID})(?:${SHAPES.map(([o, c]) => `${o}${LABEL}${c}`).join("|")})$`);
const SUBGRAPH = new RegExp(`^subgraph (${ID}) \\[${LABEL}\\]$`);
const EDGE = new RegExp(`^(${ID}) -->(?:\\|${LABEL}\\|)? (${ID})$`);
const CLASSDEF = /^classDef [A-Za-z]+ fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},color:#[0-9a-f]{6}$/;
const CLASS = new RegExp(`^class ${ID}(?:,${ID})* [A-Za-z]+$`);

/**
 * A small checker for the Mermaid subset we emit: every line is a known statement, subgraphs open
 * and close in order, ids are declared once, edges only join declared nodes, and `#` in a label only
 * starts a `#code;` entity. Returns the problems found (empty when plausible).
 */
function mermaidProblems(text: string): string[] {
    const problems: string[] = [];
    const lines = text.trimEnd().split("\n");
    if (lines[0] !== "flowchart LR") problems.push(`first line is ${lines[0]}`);
    const declared = new Set<string>();
    const edges: [string, string][] = [];
    let depth = 0;
    for (const raw of lines.slice(1)) {
        const line = raw.trim();
        let m: RegExpMatchArray | null;
        if ((m = line.match(SUBGRAPH))) {
            depth++;
            if (declared.has(m[1])) problems.push(`id ${m[1]} declared twice`);
            declared.add(m[1]);
        } else if (line === "end") {
            depth--;
            if (depth < 0) problems.push("end without subgraph");
        } else if ((m = line.match(NODE))) {
            if (declared.has(m[1])) problems.push(`id ${m[1]} declared twice`);
            declared.add(m[1]);
        } else if ((m = line.match(EDGE))) {
            edges.push([m[1], m[2]]);
        } else if (!CLASSDEF.test(line) && !CLASS.test(line)) {
            problems.push(`unknown statement: ${line}`);
        }
    }
    if (depth !== 0) problems.push(`${depth} subgraph(s) not closed`);
    for (const [from, to] of edges) if (!declared.has(from) || !declared.has(to)) problems.push(`edge ${from} --> ${to} joins an undeclared node`);
    return problems;
}

describe("diagram mermaid", () => {
    it("escapes every character Mermaid reads as syntax with a decimal entity", () => {
        assert.equal(escapeMermaid('a"b[c](d){e}|f<g>h;i#j&k`l'), "a#34;b#91;c#93;#40;d#41;#123;e#125;#124;f#60;g#62;h#59;i#35;j#38;k#96;l");
        assert.equal(escapeMermaid("tab\there\nnewline"), "tab here newline");
    });

    for (const [name, fixture] of [
        ["(a)", oneServiceHttps],
        ["(b)", cheapDev],
        ["(c)", twoServicesOneAlb],
    ] as const) {
        it(`renders ${name} as plausible Mermaid`, () => {
            assert.deepEqual(mermaidProblems(toMermaid(buildArchitecture(fixture()))), []);
        });
    }

    it("renders (a) with nested VPC / AZ / subnet subgraphs, shaped nodes and labelled edges", () => {
        const text = toMermaid(buildArchitecture(oneServiceHttps()));
        const lines = text.split("\n");
        const at = (needle: string) => lines.indexOf(needle);
        assert.ok(at('    subgraph g_vpc_main ["main<br/>VPC, 3 AZs<br/>3 NAT gateways #40;one per AZ#41;"]') >= 0);
        assert.ok(at('        subgraph g_vpc_main_az1 ["AZ 1"]') > at('    subgraph g_vpc_main ["main<br/>VPC, 3 AZs<br/>3 NAT gateways #40;one per AZ#41;"]'));
        assert.ok(at('            subgraph g_vpc_main_az1_private ["private subnet"]') > at('        subgraph g_vpc_main_az1 ["AZ 1"]'));
        assert.ok(at('                tasks_web_svc_1(["web-svc tasks<br/>1 task in AZ 1"])') > at('            subgraph g_vpc_main_az1_private ["private subnet"]'));
        for (const expected of [
            '    internet_internet(("Internet"))',
            '    waf_web_acl{{"web-acl<br/>WAF web ACL"}}',
            '    containerRepository_web_repo[("web-repo<br/>ECR repository<br/>tags immutable")]',
            '    internet_internet -->|"HTTPS 443, HTTP 80"| waf_web_acl',
            '    listener_web_http -->|"redirect 301"| listener_web_https',
            '    listener_web_https -->|"forward"| targetGroup_web_tg',
            '    targetGroup_web_tg -->|"HTTP:8080"| tasks_web_svc_2',
            '    tasks_web_svc_3 -->|"egress"| natGateway_main_3',
            '    scalingTarget_web_scaling -->|"scales 3-9"| service_web_svc',
            "    loadBalancer_web_alb --> listener_web_https",
            "    class tasks_web_svc_1,tasks_web_svc_2,tasks_web_svc_3 tasks",
        ]) {
            assert.ok(lines.includes(expected), `missing line: ${expected}`);
        }
        assert.equal(lines.filter((l) => l.trim().startsWith("subgraph ")).length, 10);
        assert.equal(lines.filter((l) => l.trim() === "end").length, 10);
    });

    it("renders (c) with both services and both rules", () => {
        const text = toMermaid(buildArchitecture(twoServicesOneAlb()));
        for (const expected of [
            '        service_api_svc["api-svc<br/>ECS service #40;Fargate#41;<br/>WebService api<br/>desired 3"]',
            '        service_site_svc["site-svc<br/>ECS service #40;Fargate#41;<br/>WebService site<br/>desired 2"]',
            '        listenerRule_api_rule("rule 10<br/>path /api/*<br/>forward")',
            '    listenerRule_site_rule -->|"forward"| targetGroup_site_tg',
        ]) {
            assert.ok(text.includes(`${expected}\n`), `missing line: ${expected}`);
        }
    });

    it("keeps hostile names inside their labels", () => {
        const net = vpc('v"1', 2, "None");
        const svc = res("aws:ecs/service:Service", 'we"b [x] (y) {z} |p| <b>;#1`', {
            inputs: { networkConfiguration: { subnets: net.outputs.publicSubnetIds, assignPublicIp: true } },
        });
        const text = toMermaid(buildArchitecture([net, svc]));
        assert.deepEqual(mermaidProblems(text), []);
        assert.ok(text.includes('["we#34;b #91;x#93; #40;y#41; #123;z#125; #124;p#124; #60;b#62;#59;#35;1#96;<br/>ECS service #40;Fargate#41;<br/>desired 1"]'));
    });

    it("detects broken Mermaid (the checker can fail)", () => {
        assert.deepEqual(mermaidProblems('flowchart LR\n    subgraph g ["x"]\n    a["q"b"]\n'), ['unknown statement: a["q"b"]', "1 subgraph(s) not closed"]);
    });
});
