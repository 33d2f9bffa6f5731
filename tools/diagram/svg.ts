/**
 * SVG rendering of DOT text, in this process, with Graphviz compiled to WebAssembly
 * (`@hpcc-js/wasm-graphviz`); no system `dot` binary is needed.
 *
 * The package is ESM-only and the repo is CommonJS: TypeScript compiles the dynamic `import()`
 * below to `require()`, which Node >= 20.19 accepts for ES modules without top-level await (this
 * one has none). The WASM module is loaded once, on first use, and reused.
 */
import type { Graphviz } from "@hpcc-js/wasm-graphviz";

let graphviz: Promise<Graphviz> | undefined;

/** The shared Graphviz instance, loaded on first call (and retried on the next call if loading failed). */
function loadGraphviz(): Promise<Graphviz> {
    graphviz ??= import("@hpcc-js/wasm-graphviz")
        .then((m) => m.Graphviz.load())
        .catch((error: unknown) => {
            graphviz = undefined;
            throw error;
        });
    return graphviz;
}

/**
 * Lays out DOT text with the `dot` engine and returns the SVG document.
 * Rejects with Graphviz's message when the DOT text does not parse.
 * @param dot a Graphviz digraph, e.g. from `toDot`.
 */
export async function renderSvg(dot: string): Promise<string> {
    const gv = await loadGraphviz();
    return gv.dot(dot, "svg");
}
