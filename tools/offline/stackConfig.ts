/**
 * Reads a stack's configuration the way the Pulumi CLI hands it to a program: project defaults from
 * `Pulumi.yaml` overlaid by `Pulumi.<stack>.yaml`, as a map `namespace:key` → string (objects and
 * arrays as JSON). Secrets (`secure:` values) cannot be decrypted offline and become "[secret]".
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

export interface StackConfig {
    project: string;
    stack: string;
    /** `namespace:key` → value as the program sees it. */
    values: Record<string, string>;
    /** Keys whose values are secrets. */
    secretKeys: string[];
}

/** The string the CLI gives a program for one config value. */
export function configString(v: unknown): string {
    return typeof v === "string" ? v : JSON.stringify(v);
}

/** Parsed YAML files by path, kept while the file's size and modification time are unchanged (tests load the same stack many times). */
const parsedFiles = new Map<string, { stamp: string; doc: unknown }>();

function parseYamlFile(file: string): any {
    const st = fs.statSync(file);
    const stamp = `${st.size}:${st.mtimeMs}`;
    const hit = parsedFiles.get(file);
    if (hit && hit.stamp === stamp) return structuredClone(hit.doc);
    const doc = YAML.parse(fs.readFileSync(file, "utf8")) ?? {};
    parsedFiles.set(file, { stamp, doc });
    return structuredClone(doc);
}

/** Load project + stack config from `dir`. Throws naming the file when the stack file is missing or not YAML. */
export function loadStackConfig(dir: string, stack: string): StackConfig {
    const projectFile = path.join(dir, "Pulumi.yaml");
    if (!fs.existsSync(projectFile)) throw new Error(`No Pulumi.yaml in ${dir}`);
    const project = parseYamlFile(projectFile);
    const name: string = project.name;
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [k, spec] of Object.entries<any>(project.config ?? {})) {
        const key = k.includes(":") ? k : `${name}:${k}`;
        const v =
            spec && typeof spec === "object" && !Array.isArray(spec) && ("default" in spec || "value" in spec)
                ? (spec.default ?? spec.value)
                : typeof spec !== "object"
                  ? spec
                  : undefined;
        if (v !== undefined) values[key] = configString(v);
    }
    const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(stackFile)) {
        const have = fs
            .readdirSync(dir)
            .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
            .map((f) => f.slice(7, -5));
        throw new Error(`Stack "${stack}" has no config file ${stackFile}; stacks here: ${have.join(", ") || "none"}`);
    }
    let stackDoc: any;
    try {
        stackDoc = parseYamlFile(stackFile);
    } catch (e) {
        throw new Error(`${stackFile} is not valid YAML: ${(e as Error).message}`);
    }
    for (const [k, v] of Object.entries<any>(stackDoc.config ?? {})) {
        const key = k.includes(":") ? k : `${name}:${k}`;
        if (v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && "secure" in v) {
            values[key] = "[secret]";
            secretKeys.push(key);
        } else values[key] = configString(v);
    }
    return { project: name, stack, values, secretKeys };
}
