import assert from "node:assert/strict";
import { buildArchitecture } from "../../tools/diagram/model";
import { toDot } from "../../tools/diagram/dot";
import { renderSvg } from "../../tools/diagram/svg";
import { oneServiceHttps, res } from "./fixtures";

const NAME = "[A-Za-z_][\\w:.-]*";
const ATTRS = `(?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*`;
const TOKEN = new RegExp(`<!--[\\s\\S]*?-->|<\\?xml[^?]*\\?>|<!DOCTYPE[^>]*>|<(/?)(${NAME})(${ATTRS})\\s*(/?)>|<`, "g");

/** Decodes the XML entities Graphviz writes (named and numeric). */
function decodeXml(text: string): string {
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (_, e: string) =>
        e.startsWith("#x") ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith("#") ? String.fromCodePoint(Number(e.slice(1))) : named[e],
    );
}

/**
 * A stack-based well-formedness check: tags nest and close in order, there is exactly one root
 * element, attributes are quoted, text holds no raw `<` and only known entities.
 * Returns the root element's name and the text content of every `<text>` element.
 */
function parseXml(xml: string): { root: string; texts: string[] } {
    const stack: string[] = [];
    const texts: string[] = [];
    let root = "";
    let last = 0;
    let textStart = -1;
    const checkText = (from: number, to: number) => {
        const text = xml.slice(from, to);
        if (stack.length === 0 && text.trim() !== "") throw new Error(`text outside the root: ${text.trim().slice(0, 40)}`);
        const bad = text.match(/&(?!(?:#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);)/);
        if (bad) throw new Error(`bare & in text at ${from}`);
    };
    for (const m of xml.matchAll(TOKEN)) {
        const at = m.index ?? 0;
        checkText(last, at);
        last = at + m[0].length;
        if (m[0] === "<") throw new Error(`malformed tag at ${at}: ${xml.slice(at, at + 40)}`);
        if (!m[2]) continue;
        const [, closing, name, , selfClosing] = m;
        if (closing) {
            const open = stack.pop();
            if (open !== name) throw new Error(`</${name}> closes <${open}> at ${at}`);
            if (name === "text") texts.push(decodeXml(xml.slice(textStart, at)));
        } else {
            if (stack.length === 0) {
                if (root) throw new Error(`second root element <${name}>`);
                root = name;
            }
            if (!selfClosing) stack.push(name);
            if (name === "text") textStart = last;
        }
    }
    checkText(last, xml.length);
    if (stack.length > 0) throw new Error(`unclosed <${stack.join("> <")}>`);
    return { root, texts };
}

describe("diagram svg", () => {
    before(async function () {
        this.timeout(20000);
        await renderSvg("digraph warmup { a -> b }");
    });

    it("renders the DOT of (a) to well-formed SVG holding every node, group and edge label line", async () => {
        const arch = buildArchitecture(oneServiceHttps());
        const svg = await renderSvg(toDot(arch));
        const { root, texts } = parseXml(svg);
        assert.equal(root, "svg");
        const expected = new Set([...arch.nodes.flatMap((n) => n.label), ...arch.groups.flatMap((g) => g.label), ...arch.edges.flatMap((e) => (e.label ? [e.label] : []))]);
        const missing = [...expected].filter((line) => !texts.includes(line));
        assert.deepEqual(missing, []);
        assert.equal(svg.split('class="node"').length - 1, arch.nodes.length);
        assert.equal(svg.split('class="cluster"').length - 1, arch.groups.length);
    });

    it("escapes hostile names into valid XML text", async () => {
        const svg = await renderSvg(toDot(buildArchitecture([res("aws:iam/role:Role", 'a<b> & "c" \\N')])));
        const { root, texts } = parseXml(svg);
        assert.equal(root, "svg");
        assert.ok(texts.includes('a<b> & "c" \\N'), `texts: ${texts.join(" | ")}`);
    });

    it("checks well-formedness for real (the checker can fail)", () => {
        assert.throws(() => parseXml("<svg><g></svg>"), /<\/svg> closes <g>/);
        assert.throws(() => parseXml("<svg>a & b</svg>"), /bare &/);
        assert.throws(() => parseXml("<svg></svg><svg></svg>"), /second root/);
    });

    it("rejects DOT that Graphviz cannot parse", async () => {
        await assert.rejects(renderSvg("digraph { a -> }"), /syntax error/);
    });
});
