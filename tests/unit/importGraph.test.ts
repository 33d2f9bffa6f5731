import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../helpers/offline";

/** Every .ts file under a directory. */
function sources(dir: string): string[] {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

/** The relative imports of a file (type-only ones included: a cycle of types is still a cycle to a reader), resolved to files. */
function importsOf(file: string): string[] {
    const text = fs.readFileSync(file, "utf8");
    return [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)]
        .map((m) => path.resolve(path.dirname(file), m[1]))
        .map((p) => [p + ".ts", path.join(p, "index.ts")].find((c) => fs.existsSync(c)))
        .filter((p): p is string => p !== undefined);
}

/** The import cycles among the files, each as a list of paths relative to the repository. */
function cycles(files: string[]): string[][] {
    const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => files.includes(t))]));
    const found: string[][] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (f: string) => {
        state.set(f, "open");
        stack.push(f);
        for (const t of graph.get(f)!) {
            if (state.get(t) === "open") found.push(stack.slice(stack.indexOf(t)).map((x) => path.relative(REPO_ROOT, x)));
            else if (!state.has(t)) visit(t);
        }
        stack.pop();
        state.set(f, "done");
    };
    for (const f of files) if (!state.has(f)) visit(f);
    return found;
}

describe("module structure", () => {
    it("the components import each other without a cycle (type-only imports included)", () => {
        const files = sources(path.join(REPO_ROOT, "components"));
        assert.ok(files.length > 40);
        assert.deepEqual(cycles(files), []);
    });

    it("finds a cycle when there is one (the check itself can fail)", () => {
        const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "fargatekit-cycle-"));
        fs.writeFileSync(path.join(dir, "a.ts"), 'import type { B } from "./b";\nexport type A = B;\n');
        fs.writeFileSync(path.join(dir, "b.ts"), 'import { a } from "./a";\nexport type B = typeof a;\n');
        assert.equal(cycles([path.join(dir, "a.ts"), path.join(dir, "b.ts")]).length, 1);
        fs.rmSync(dir, { recursive: true });
    });

    it("option files depend on nothing that registers resources: they hold types, tables and checks only", () => {
        for (const f of sources(path.join(REPO_ROOT, "components", "options"))) {
            const text = fs.readFileSync(f, "utf8");
            assert.doesNotMatch(text, /new aws\.|new pulumi\.ComponentResource|extends pulumi\.ComponentResource/, path.basename(f));
        }
    });
});
