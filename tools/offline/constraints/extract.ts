/**
 * Generates `awsConstraints.json` from the botocore service models: for every Pulumi property that
 * `apiMapping.ts` maps to an API member, the member's min/max (lengths, numeric ranges, list sizes),
 * pattern and enum, each with its source. Run after upgrading botocore or changing the mapping:
 *
 *   npx ts-node --transpile-only tools/offline/constraints/extract.ts [--botocore DIR]
 *
 * DIR is a botocore package directory (the one holding `data/` and `__init__.py`). Without it the
 * script asks `python3` where botocore is, then tries Debian's `python3-botocore`
 * (`apt-get install -y python3-botocore`). The test `tests/package/constraintsData.test.ts` reruns
 * the extraction against the installed botocore and compares.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { API_MAPPINGS } from "./apiMapping";
import { DATA_FILE } from "./dataFile";
import { compilePattern } from "./patterns";
import { ConstraintCheck, ConstraintData, ConstraintRule } from "./types";

export { compilePattern } from "./patterns";
export { DATA_FILE } from "./dataFile";

interface Shape {
    type: string;
    min?: number;
    max?: number;
    pattern?: string;
    enum?: string[];
    members?: Record<string, { shape: string }>;
    member?: { shape: string };
    key?: { shape: string };
    value?: { shape: string };
}
export interface ServiceModel {
    operations: Record<string, { input?: { shape: string } }>;
    shapes: Record<string, Shape>;
}

export interface Botocore {
    dir: string;
    version: string;
}

function versionOf(dir: string): string | undefined {
    const init = path.join(dir, "__init__.py");
    if (!fs.existsSync(init)) return undefined;
    return /__version__\s*=\s*['"]([^'"]+)['"]/.exec(fs.readFileSync(init, "utf8"))?.[1];
}

/** The installed botocore: `dir` if given, else what python3 imports, else Debian's package. Undefined when none. */
export function locateBotocore(dir?: string): Botocore | undefined {
    const candidates: string[] = [];
    if (dir) candidates.push(dir);
    else {
        if (process.env.BOTOCORE_DIR) candidates.push(process.env.BOTOCORE_DIR);
        try {
            candidates.push(
                execFileSync("python3", ["-c", "import botocore, os; print(os.path.dirname(botocore.__file__))"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim(),
            );
        } catch {
            // no python3 or no botocore module: try the Debian path
        }
        candidates.push("/usr/lib/python3/dist-packages/botocore");
    }
    for (const c of candidates) {
        const version = versionOf(c);
        if (version && fs.existsSync(path.join(c, "data"))) return { dir: c, version };
    }
    return undefined;
}

/** The newest API version of a service's model (`service-2.json`, or `.json.gz` as newer botocore ships it). */
export function loadModel(botocoreDir: string, service: string): ServiceModel {
    const serviceDir = path.join(botocoreDir, "data", service);
    const version = fs.readdirSync(serviceDir).sort().pop()!;
    const file = path.join(serviceDir, version, "service-2.json");
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8"));
    return JSON.parse(zlib.gunzipSync(fs.readFileSync(file + ".gz")).toString("utf8"));
}

/** The member at an API path (`Op.A.B[].C`, `Op.Tags{key}`): its shape name. Throws for a path the model lacks. */
function resolve(model: ServiceModel, service: string, apiPath: string): string {
    const [op, ...segments] = apiPath.split(".");
    const input = model.operations[op]?.input?.shape;
    if (!input) throw new Error(`${service}: no operation ${op}`);
    let shape = input;
    for (const seg of segments) {
        const m = /^([^[{]+)((?:\[\]|\{key\}|\{value\})*)$/.exec(seg);
        if (!m) throw new Error(`bad API path segment ${seg} in ${apiPath}`);
        const member = model.shapes[shape].members?.[m[1]];
        if (!member) throw new Error(`${service}: ${shape} has no member ${m[1]} (in ${apiPath})`);
        shape = member.shape;
        for (const suffix of m[2].match(/\[\]|\{key\}|\{value\}/g) ?? []) {
            const s = model.shapes[shape];
            const next = suffix === "[]" ? s.member : suffix === "{key}" ? s.key : s.value;
            if (!next) throw new Error(`${service}: ${shape} is not a ${suffix === "[]" ? "list" : "map"} (in ${apiPath})`);
            shape = next.shape;
        }
    }
    return shape;
}

function checksOf(shape: Shape): ConstraintCheck[] {
    const out: ConstraintCheck[] = [];
    const bounds = { ...(shape.min !== undefined && shape.min > 0 ? { min: shape.min } : {}), ...(shape.max !== undefined ? { max: shape.max } : {}) };
    const numeric = ["integer", "long", "double", "float"].includes(shape.type);
    if (Object.keys(bounds).length > 0 || (numeric && shape.min !== undefined)) {
        if (shape.type === "string") out.push({ kind: "length", ...bounds });
        else if (numeric) out.push({ kind: "range", ...(shape.min !== undefined ? { min: shape.min } : {}), ...(shape.max !== undefined ? { max: shape.max } : {}) });
        else if (shape.type === "list" || shape.type === "map") out.push({ kind: "items", ...bounds });
    }
    if (shape.enum) out.push({ kind: "enum", values: [...shape.enum] });
    if (shape.pattern) out.push({ kind: "pattern", pattern: shape.pattern });
    return out;
}

/** Every constrained member below a structure, as [pulumi suffix, api suffix, shape]. */
function descend(model: ServiceModel, shapeName: string, seen: Set<string>, depth = 0): [string, string, string][] {
    const shape = model.shapes[shapeName];
    const out: [string, string, string][] = [];
    if (depth > 8 || seen.has(shapeName)) return out;
    const inner = new Set(seen).add(shapeName);
    const walk = (suffix: string, child: string) => {
        out.push([suffix, suffix, child]);
        for (const [p, a, s] of descend(model, child, inner, depth + 1)) out.push([suffix + p, suffix + a, s]);
    };
    if (shape.type === "structure") for (const [name, member] of Object.entries(shape.members ?? {})) walk("." + name, member.shape);
    else if (shape.type === "list" && shape.member) walk("[]", shape.member.shape);
    else if (shape.type === "map" && shape.key && shape.value) {
        walk("{key}", shape.key.shape);
        walk("{value}", shape.value.shape);
    }
    return out;
}

/** The data: every mapped property's checks, in mapping order. */
export function extractConstraints(models: (service: string) => ServiceModel, version: string): ConstraintData {
    const rules: ConstraintRule[] = [];
    const unchecked: ConstraintData["unchecked"] = [];
    const cache = new Map<string, ServiceModel>();
    const modelOf = (service: string) => cache.get(service) ?? cache.set(service, models(service)).get(service)!;
    const add = (type: string, property: string, service: string, apiPath: string, shapeName: string, shape: Shape) => {
        const source = `botocore ${version} ${service} ${apiPath} (shape ${shapeName})`;
        for (const check of checksOf(shape)) {
            if (check.kind === "pattern" && !compilePattern(check.pattern)) unchecked.push({ type, property, pattern: check.pattern, source });
            else rules.push({ type, property, ...check, source } as ConstraintRule);
        }
    };
    for (const mapping of API_MAPPINGS) {
        const [service, apiPath] = mapping.api.split(":");
        const model = modelOf(service);
        const shapeName = resolve(model, service, apiPath);
        add(mapping.type, mapping.property, service, apiPath, shapeName, model.shapes[shapeName]);
        if (mapping.descend) {
            for (const [p, a, s] of descend(model, shapeName, new Set())) add(mapping.type, mapping.property + p, service, apiPath + a, s, model.shapes[s]);
        }
    }
    return {
        generated: { by: "tools/offline/constraints/extract.ts", from: "botocore service models (data/<service>/<api-version>/service-2.json)", botocoreVersion: version },
        rules,
        unchecked,
    };
}

/** The data file's text (stable formatting, one rule a line, so diffs stay readable). */
export function renderData(data: ConstraintData): string {
    const lines = (items: unknown[]) => items.map((r) => "    " + JSON.stringify(r)).join(",\n");
    return `{\n  "generated": ${JSON.stringify(data.generated)},\n  "rules": [\n${lines(data.rules)}\n  ],\n  "unchecked": [\n${lines(data.unchecked)}\n  ]\n}\n`;
}

if (require.main === module) {
    const i = process.argv.indexOf("--botocore");
    const found = locateBotocore(i >= 0 ? process.argv[i + 1] : undefined);
    if (!found) {
        console.error("botocore not found: install it (apt-get install -y python3-botocore) or pass --botocore DIR");
        process.exit(2);
    }
    const data = extractConstraints((s) => loadModel(found.dir, s), found.version);
    fs.writeFileSync(DATA_FILE, renderData(data));
    console.error(`wrote ${DATA_FILE}: ${data.rules.length} rules, ${data.unchecked.length} patterns left to AWS (botocore ${found.version} at ${found.dir})`);
}
