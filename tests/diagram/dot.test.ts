import assert from "node:assert/strict";
import { buildArchitecture } from "../../tools/diagram/model";
import { dotLabel, dotString, toDot } from "../../tools/diagram/dot";
import { oneServiceHttps, res, twoServicesOneAlb } from "./fixtures";

/**
 * Structure of DOT text outside quoted strings: braces balance, every string is closed, and the
 * cluster names in order. Throws on an unterminated string or unbalanced brace.
 */
function dotStructure(text: string): { clusters: string[]; maxDepth: number } {
    const clusters: string[] = [];
    let depth = 0;
    let maxDepth = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '"') {
            let j = i + 1;
            while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
            if (j >= text.length) throw new Error(`unterminated string at ${i}`);
            const value = text.slice(i + 1, j);
            if (value.startsWith("cluster_") && text.slice(0, i).trimEnd().endsWith("subgraph")) clusters.push(value);
            i = j;
        } else if (c === "{") {
            maxDepth = Math.max(maxDepth, ++depth);
        } else if (c === "}") {
            if (--depth < 0) throw new Error(`unbalanced } at ${i}`);
        }
    }
    if (depth !== 0) throw new Error(`${depth} unclosed {`);
    return { clusters, maxDepth };
}

describe("diagram dot", () => {
    it("escapes quotes, backslashes and control characters in strings and labels", () => {
        assert.equal(dotString('say "hi" \\N'), '"say \\"hi\\" \\\\N"');
        assert.equal(dotString("a\tb"), '"a b"');
        assert.equal(dotLabel(["one", 'two "2"']), '"one\\ntwo \\"2\\""');
    });

    it("renders (a) as a left-to-right digraph with VPC, AZ and subnet clusters", () => {
        const arch = buildArchitecture(oneServiceHttps());
        const text = toDot(arch);
        assert.ok(text.startsWith("digraph architecture {\n    graph [rankdir=LR,"));
        const { clusters, maxDepth } = dotStructure(text);
        assert.deepEqual(clusters, [
            "cluster_g_vpc_main",
            "cluster_g_vpc_main_az1",
            "cluster_g_vpc_main_az1_public",
            "cluster_g_vpc_main_az1_private",
            "cluster_g_vpc_main_az2",
            "cluster_g_vpc_main_az2_public",
            "cluster_g_vpc_main_az2_private",
            "cluster_g_vpc_main_az3",
            "cluster_g_vpc_main_az3_public",
            "cluster_g_vpc_main_az3_private",
        ]);
        assert.equal(maxDepth, 4, "digraph > VPC > AZ > subnet");
        for (const expected of [
            '    "internet_internet" -> "waf_web_acl" [label="HTTPS 443, HTTP 80"];',
            '    "listener_web_http" -> "listener_web_https" [label="redirect 301"];',
            '    "loadBalancer_web_alb" -> "listener_web_https";',
            '                "tasks_web_svc_1" [label="web-svc tasks\\n1 task in AZ 1", shape=box3d, style="filled", fillcolor="#ffe0b2", color="#e65100"];',
            '    "logGroup_web_logs" [label="web-logs\\nCloudWatch log group\\nretention 30 days", shape=cylinder, style="filled", fillcolor="#fce4ec", color="#ad1457"];',
        ]) {
            assert.ok(text.includes(`${expected}\n`), `missing line: ${expected}`);
        }
        assert.equal(text.split("\n").filter((l) => l.includes(" -> ")).length, arch.edges.length);
    });

    it("renders (c) with one node per service and the shared ALB once", () => {
        const text = toDot(buildArchitecture(twoServicesOneAlb()));
        assert.equal(text.split("\n").filter((l) => l.trimStart().startsWith('"loadBalancer_edge_alb" [label=')).length, 1);
        assert.ok(text.includes('"service_api_svc" [label="api-svc\\nECS service (Fargate)\\nWebService api\\ndesired 3"'));
        assert.ok(text.includes('"service_site_svc" [label="site-svc\\nECS service (Fargate)\\nWebService site\\ndesired 2"'));
    });

    it("keeps hostile names inside their strings", () => {
        const text = toDot(buildArchitecture([res("aws:iam/role:Role", 'r"} -> x [\\G')]));
        assert.deepEqual(dotStructure(text).clusters, []);
        assert.ok(text.includes('[label="r\\"} -> x [\\\\G\\nIAM role"'));
    });

    it("detects broken DOT (the checker can fail)", () => {
        assert.throws(() => dotStructure('digraph { "a\\" }'), /unterminated string/);
        assert.throws(() => dotStructure("digraph { subgraph x { }"), /1 unclosed/);
    });
});
