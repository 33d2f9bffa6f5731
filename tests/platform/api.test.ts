import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { REPO_ROOT } from "../helpers/offline";

/** The lines of a README section, from its heading to the next heading of the same or a higher level. */
function section(readme: string, heading: string): string[] {
    const lines = readme.split("\n");
    const start = lines.indexOf(heading);
    assert.ok(start >= 0, heading);
    const level = heading.indexOf(" ");
    const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.indexOf(" ") <= level);
    return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** Every name `components/index.ts` re-exports (values and types). */
function exportedNames(): string[] {
    const source = fs.readFileSync(path.join(REPO_ROOT, "components", "index.ts"), "utf8");
    return [...source.matchAll(/^export \{([^}]*)\} from/gm)].flatMap((m) => m[1].split(",").map((n) => n.trim()));
}

describe("public API and other languages", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

    it("the README's public API list is exactly what the package exports", () => {
        const listed = section(readme, "### Public API")
            .filter((l) => l.startsWith("- "))
            .flatMap((l) => [...l.matchAll(/`([A-Za-z_]+)`/g)].map((m) => m[1]));
        assert.deepEqual([...listed].sort(), exportedNames().sort());
        assert.equal(new Set(listed).size, listed.length, "each name once");
        const runtime = Object.keys(require("../../components"));
        assert.deepEqual(
            runtime.filter((n) => !listed.includes(n)),
            [],
            "every runtime export is documented",
        );
        for (const n of ["Platform", "platformOutputs", "platformFromStackReference", "NatStrategy", "ContainerInsights", "resolveWebServiceArgs", "webServiceArgsProblems"])
            assert.ok(runtime.includes(n), n);
    });

    it("documents the platform/service split, the stack reference per environment and pulumi package add", () => {
        const own = section(readme, "## Use it from your own project").join("\n");
        for (const text of [
            "```mermaid",
            "platformFromStackReference",
            "platformStack: acme/fargatekit-platform/dev",
            "platformStack: acme/fargatekit-platform/prod",
            "pulumi package add",
            "no Pulumi CLI on this machine",
            "listenerPriority",
        ]) {
            assert.ok(own.includes(text), text);
        }
    });

    it("is a Node.js source-based plugin package", () => {
        assert.deepEqual(YAML.parse(fs.readFileSync(path.join(REPO_ROOT, "PulumiPlugin.yaml"), "utf8")), { runtime: "nodejs" });
    });
});
