import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { REPO_ROOT } from "../helpers/offline";
import { OptionSpec, defaultText } from "../../components/options/optionTable";
import { WEB_SERVICE_OPTIONS, WEB_SERVICE_OPTION_GROUPS } from "../../components/options/webServiceArgs";

/** Every exported interface of the components' sources: its file, and each property with its optionality and `@default` tag. */
function interfaces(): { file: string; name: string; props: { name: string; optional: boolean; defaultTag?: string; documented: boolean }[] }[] {
    const dirs = [path.join(REPO_ROOT, "components"), path.join(REPO_ROOT, "components", "options")];
    const out: ReturnType<typeof interfaces> = [];
    for (const dir of dirs) {
        for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".ts"))) {
            const file = path.join(dir, f);
            const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
            source.forEachChild((node) => {
                if (!ts.isInterfaceDeclaration(node) || !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return;
                const props = node.members.filter(ts.isPropertySignature).map((m) => {
                    const tags = ts.getJSDocTags(m);
                    const tag = tags.find((t) => t.tagName.text === "default");
                    const comment = tag ? ts.getTextOfJSDocComment(tag.comment) : undefined;
                    return {
                        name: m.name.getText(source),
                        optional: m.questionToken !== undefined,
                        defaultTag: comment?.replace(/\s+/g, " ").trim(),
                        documented: ts.getJSDocCommentsAndTags(m).length > 0,
                    };
                });
                out.push({ file: path.relative(REPO_ROOT, file), name: node.name.text, props });
            });
        }
    }
    return out;
}

/** The option interfaces and the table each is documented by. */
const TABLES: Record<string, Record<string, OptionSpec<unknown>>> = {
    ImageOptions: WEB_SERVICE_OPTION_GROUPS.image,
    ContainerOptions: WEB_SERVICE_OPTION_GROUPS.container,
    TaskOptions: WEB_SERVICE_OPTION_GROUPS.task,
    ScalingOptions: WEB_SERVICE_OPTION_GROUPS.scaling,
    DeploymentOptions: WEB_SERVICE_OPTION_GROUPS.deployment,
    TargetGroupOptions: WEB_SERVICE_OPTION_GROUPS.targetGroup,
    LogsOptions: WEB_SERVICE_OPTION_GROUPS.logs,
    AlarmOptions: WEB_SERVICE_OPTION_GROUPS.alarms,
    NetworkOptions: WEB_SERVICE_OPTION_GROUPS.network,
    ClusterOptions: WEB_SERVICE_OPTION_GROUPS.cluster,
    LoadBalancerOptions: WEB_SERVICE_OPTION_GROUPS.loadBalancer,
    RoutingOptions: WEB_SERVICE_OPTION_GROUPS.routing,
} as unknown as Record<string, Record<string, OptionSpec<unknown>>>;

/** The building blocks whose arguments share fields with option tables (and take those fields' defaults from them). */
const SHARED: Record<string, OptionSpec<unknown>[]> = {};
function shares(interfaceName: string, ...tables: object[]): void {
    SHARED[interfaceName] = tables as unknown as OptionSpec<unknown>[];
}
shares("TargetGroupSettings", WEB_SERVICE_OPTION_GROUPS.targetGroup);
shares("ClusterArgs", WEB_SERVICE_OPTION_GROUPS.cluster);
shares("FargateServiceArgs", WEB_SERVICE_OPTION_GROUPS.scaling, WEB_SERVICE_OPTION_GROUPS.task);
shares("ContainerImageArgs", WEB_SERVICE_OPTION_GROUPS.image, WEB_SERVICE_OPTION_GROUPS.task);
shares("ImageRepositoryArgs", WEB_SERVICE_OPTION_GROUPS.image);

describe("argument documentation", () => {
    const all = interfaces();

    it("every optional argument of every exported component interface carries a @default tag, and every argument a comment", () => {
        const missing: string[] = [];
        const argumentTypes = all.filter((i) => /(Args|Options|Settings)$/.test(i.name) && !i.name.startsWith("Resolved"));
        for (const i of argumentTypes) for (const p of i.props) if ((p.optional && p.defaultTag === undefined) || !p.documented) missing.push(`${i.file} ${i.name}.${p.name}`);
        assert.deepEqual(missing, []);
        assert.ok(argumentTypes.length > 25, `only ${argumentTypes.length} argument interfaces found`);
    });

    it("each option interface's @default tags say exactly what its table applies", () => {
        for (const [name, table] of Object.entries(TABLES)) {
            const i = all.find((x) => x.name === name);
            assert.ok(i, name);
            assert.deepEqual(i.props.map((p) => p.name).sort(), Object.keys(table).sort(), `${name}: one table row per field`);
            for (const p of i.props) assert.equal(p.defaultTag, defaultText(table[p.name]), `${name}.${p.name}`);
        }
        const web = all.find((x) => x.name === "WebServiceArgs")!;
        for (const [field, spec] of Object.entries(WEB_SERVICE_OPTIONS) as [string, OptionSpec<unknown>][])
            assert.equal(web.props.find((p) => p.name === field)?.defaultTag, defaultText(spec), field);
    });

    it("the building blocks document the same default as the table they take it from, for every field they share", () => {
        const wrong: string[] = [];
        for (const [name, tables] of Object.entries(SHARED)) {
            const i = all.find((x) => x.name === name);
            assert.ok(i, name);
            for (const p of i.props) {
                for (const table of tables as unknown as Record<string, OptionSpec<unknown>>[]) {
                    const spec = table[p.name];
                    if (spec === undefined || spec.default === undefined) continue;
                    if (!p.defaultTag?.startsWith(defaultText(spec))) wrong.push(`${name}.${p.name}: @default ${p.defaultTag}, table ${defaultText(spec)}`);
                }
            }
        }
        assert.deepEqual(wrong, []);
    });
});
