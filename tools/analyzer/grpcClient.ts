/**
 * Engine-side client for the policy pack's gRPC analyzer: it does offline what `pulumi preview
 * --policy-pack policy` does, without the Pulumi CLI.
 *
 * Usage:
 *   const client = await AnalyzerClient.start();                 // spawns policy/index.ts, configures defaults
 *   const info = await client.info();                            // policies, levels, schemas, tags…
 *   await client.configure({ "ecs-task-awsvpc": "advisory" });   // a --policy-pack-config file's content
 *   const violations = await client.analyze(resources);          // ResourceInput[] → Violation[]
 *   await client.close();                                        // kills the pack, closes the channel
 *
 * `start` runs the pack as the nodejs plugin would (`node -r ts-node/register/transpile-only
 * policy/index.ts`), reads the port the SDK prints, then calls GetPluginInfo, GetAnalyzerInfo,
 * ConfigureStack and Configure (schema defaults filled in) like the engine. `analyze` sends one
 * Analyze per resource and one AnalyzeStack, concurrently, with every field the engine fills.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import * as pluginproto from "@pulumi/pulumi/proto/plugin_pb";
import { withUnknownSentinels } from "./inProcess";
import { PolicyConfigFile, ResourceInput, Violation, urnFor } from "./types";

/** Enforcement levels a pack config may name (the engine's `apitype.EnforcementLevel`). */
export type EnforcementLevelName = "advisory" | "mandatory" | "remediate" | "disabled";

/** What GetAnalyzerInfo says about one policy. */
export interface PolicyDescription {
    name: string;
    description: string;
    kind: "resource" | "stack" | "unknown";
    enforcementLevel: EnforcementLevelName;
    severity?: "low" | "medium" | "high" | "critical";
    tags: string[];
    remediationSteps: string;
    /** JSON-schema `properties` of the policy's config, and its `required` list. */
    configSchema?: { properties: Record<string, any>; required: string[] };
}

/** What GetAnalyzerInfo and GetPluginInfo say about the pack. */
export interface PackInfo {
    name: string;
    version: string;
    description: string;
    supportsConfig: boolean;
    /** Version of the `@pulumi/policy` SDK serving the pack (GetPluginInfo). */
    sdkVersion: string;
    policies: PolicyDescription[];
}

/** Effective config of one policy, as the engine sends it in `Configure`. */
export interface ReconciledPolicyConfig {
    enforcementLevel: EnforcementLevelName;
    properties: Record<string, any>;
}

/** A pack config the engine would refuse; `problems` each name the offending key. */
export class PolicyConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(`invalid policy pack config:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "PolicyConfigError";
    }
}

/** Options of `AnalyzerClient.start`. */
export interface StartOptions {
    /** Directory holding the pack's `index.ts`, relative to `cwd` or absolute. Default `policy`. */
    packDir?: string;
    /** Working directory of the pack process (the SDK reads `package.json` there). Default: the repo root. */
    cwd?: string;
    /** How long to wait for the pack to print its port. Default 30 s. */
    startTimeoutMs?: number;
    /** Deadline of each RPC. Default 60 s. */
    callTimeoutMs?: number;
    /** Stack and project the URNs and ConfigureStack use. Defaults match `urnFor`. */
    stack?: string;
    project?: string;
}

const LEVELS: readonly EnforcementLevelName[] = ["advisory", "mandatory", "remediate", "disabled"];
const LEVEL_TO_PROTO: Record<EnforcementLevelName, analyzerproto.EnforcementLevel> = {
    advisory: analyzerproto.EnforcementLevel.ADVISORY,
    mandatory: analyzerproto.EnforcementLevel.MANDATORY,
    remediate: analyzerproto.EnforcementLevel.REMEDIATE,
    disabled: analyzerproto.EnforcementLevel.DISABLED,
};
const SEVERITIES: Record<number, PolicyDescription["severity"]> = {
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};
/** The SDK's gRPC message size limit (400 MB); a large stack must not hit grpc-js's 4 MB default. */
const MAX_MESSAGE_BYTES = 1024 * 1024 * 400;
/** Keep at most this much of the pack's stderr for error messages. */
const STDERR_KEEP = 16 * 1024;
const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** Level name of a protobuf enforcement level. */
export function levelName(level: analyzerproto.EnforcementLevel): EnforcementLevelName {
    const found = LEVELS.find((l) => LEVEL_TO_PROTO[l] === level);
    if (!found) throw new Error(`unknown enforcement level ${level}`);
    return found;
}

/** True for the SDK's "can't run policy … during preview" note, which is not a violation. */
export function isPreviewNote(message: string): boolean {
    return /^can't run (policy|remediation) '[^']*' from policy pack '[^']*' during preview/.test(message);
}

/** The logical name at the end of a URN (`urn:pulumi:stack::project::type::name` → `name`). */
export function nameFromUrn(urn: string): string {
    const at = urn.lastIndexOf("::");
    return at < 0 ? urn : urn.slice(at + 2);
}

/** The `PolicyDescription` of a protobuf `PolicyInfo`. */
export function describePolicy(p: analyzerproto.PolicyInfo): PolicyDescription {
    const kinds: Record<number, PolicyDescription["kind"]> = {
        [analyzerproto.PolicyType.POLICY_TYPE_RESOURCE]: "resource",
        [analyzerproto.PolicyType.POLICY_TYPE_STACK]: "stack",
    };
    const schema = p.getConfigschema();
    const out: PolicyDescription = {
        name: p.getName(),
        description: p.getDescription(),
        kind: kinds[p.getPolicyType()] ?? "unknown",
        enforcementLevel: levelName(p.getEnforcementlevel()),
        tags: p.getTagsList(),
        remediationSteps: p.getRemediationSteps(),
    };
    const severity = SEVERITIES[p.getSeverity()];
    if (severity) out.severity = severity;
    if (schema) {
        out.configSchema = {
            properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, any>,
            required: schema.getRequiredList(),
        };
    }
    return out;
}

function describeValue(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number" && Number.isInteger(value)) return `integer ${value}`;
    if (typeof value === "object") return "object";
    return `${typeof value} ${JSON.stringify(value)}`;
}

function hasType(value: unknown, type: string): boolean {
    switch (type) {
        case "integer":
            return typeof value === "number" && Number.isInteger(value);
        case "number":
            return typeof value === "number" && Number.isFinite(value);
        case "array":
            return Array.isArray(value);
        case "object":
            return typeof value === "object" && value !== null && !Array.isArray(value);
        case "null":
            return value === null;
        default:
            return typeof value === type;
    }
}

/**
 * Problems of `value` against a JSON schema, each prefixed by `at`. Covers the keywords policy
 * config schemas use: type, enum, const, minimum/maximum (and exclusive ones), minLength,
 * maxLength, pattern, items, minItems, maxItems, uniqueItems, properties, required,
 * additionalProperties. Other keywords are not checked.
 */
export function schemaErrors(schema: Record<string, any>, value: unknown, at: string): string[] {
    if (!schema || typeof schema !== "object") return [];
    const types: string[] | undefined = schema.type === undefined ? undefined : Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types && !types.some((t) => hasType(value, t))) return [`${at}: expected ${types.join(" or ")}, got ${describeValue(value)}`];
    const errors: string[] = [];
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    if (Array.isArray(schema.enum) && !schema.enum.some((e: unknown) => same(e, value))) {
        errors.push(`${at}: must be one of ${schema.enum.map((e: unknown) => JSON.stringify(e)).join(", ")}, got ${JSON.stringify(value)}`);
    }
    if ("const" in schema && !same(schema.const, value)) errors.push(`${at}: must be ${JSON.stringify(schema.const)}`);
    if (typeof value === "number") {
        if (typeof schema.minimum === "number" && value < schema.minimum) errors.push(`${at}: must be >= ${schema.minimum}, got ${value}`);
        if (typeof schema.maximum === "number" && value > schema.maximum) errors.push(`${at}: must be <= ${schema.maximum}, got ${value}`);
        if (typeof schema.exclusiveMinimum === "number" && value <= schema.exclusiveMinimum) errors.push(`${at}: must be > ${schema.exclusiveMinimum}, got ${value}`);
        if (typeof schema.exclusiveMaximum === "number" && value >= schema.exclusiveMaximum) errors.push(`${at}: must be < ${schema.exclusiveMaximum}, got ${value}`);
    }
    if (typeof value === "string") {
        if (typeof schema.minLength === "number" && value.length < schema.minLength) errors.push(`${at}: must have at least ${schema.minLength} characters`);
        if (typeof schema.maxLength === "number" && value.length > schema.maxLength) errors.push(`${at}: must have at most ${schema.maxLength} characters`);
        if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) errors.push(`${at}: must match /${schema.pattern}/`);
    }
    if (Array.isArray(value)) {
        if (typeof schema.minItems === "number" && value.length < schema.minItems) errors.push(`${at}: must have at least ${schema.minItems} items`);
        if (typeof schema.maxItems === "number" && value.length > schema.maxItems) errors.push(`${at}: must have at most ${schema.maxItems} items`);
        if (schema.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) errors.push(`${at}: items must be unique`);
        if (schema.items && typeof schema.items === "object" && !Array.isArray(schema.items)) {
            value.forEach((v, i) => errors.push(...schemaErrors(schema.items, v, `${at}[${i}]`)));
        }
    }
    if (hasType(value, "object")) {
        const obj = value as Record<string, unknown>;
        const props: Record<string, any> = schema.properties ?? {};
        for (const r of Array.isArray(schema.required) ? schema.required : []) {
            if (obj[r] === undefined) errors.push(`${at}.${r}: is required`);
        }
        for (const [k, v] of Object.entries(obj)) {
            if (props[k]) errors.push(...schemaErrors(props[k], v, `${at}.${k}`));
            else if (schema.additionalProperties === false) errors.push(`${at}.${k}: is not an allowed property`);
            else if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
                errors.push(...schemaErrors(schema.additionalProperties, v, `${at}.${k}`));
            }
        }
    }
    return errors;
}

/**
 * The config the engine sends in `Configure` for a `--policy-pack-config` file: every policy with
 * its default level and every schema `default`, then `all`'s level, then each policy's own entry.
 * Throws `PolicyConfigError` when a key names no policy, a level is invalid, a property is not in
 * the policy's schema, or a value fails the schema.
 */
export function reconcilePolicyConfig(policies: PolicyDescription[], file: PolicyConfigFile = {}): Record<string, ReconciledPolicyConfig> {
    const problems: string[] = [];
    const byName = new Map(policies.map((p) => [p.name, p]));
    const result: Record<string, ReconciledPolicyConfig> = {};
    for (const p of policies) {
        const properties: Record<string, any> = {};
        for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) {
            if (s && typeof s === "object" && s.default !== undefined) properties[k] = s.default;
        }
        result[p.name] = { enforcementLevel: p.enforcementLevel, properties };
    }
    if (!hasType(file, "object")) throw new PolicyConfigError([`the config must be an object keyed by policy name, got ${describeValue(file)}`]);

    const parsed = new Map<string, { level?: EnforcementLevelName; properties: Record<string, any> }>();
    for (const [key, entry] of Object.entries(file)) {
        let level: unknown;
        let properties: Record<string, any> = {};
        if (typeof entry === "string") level = entry;
        else if (hasType(entry, "object")) ({ enforcementLevel: level, ...properties } = entry as Record<string, any>);
        else {
            problems.push(`"${key}": must be an enforcement level or an object, got ${describeValue(entry)}`);
            continue;
        }
        if (level !== undefined && !LEVELS.includes(level as EnforcementLevelName)) {
            problems.push(`"${key}".enforcementLevel: must be one of ${LEVELS.join(", ")}, got ${JSON.stringify(level)}`);
            continue;
        }
        if (key !== "all" && !byName.has(key)) {
            problems.push(`"${key}": no policy of the pack has this name`);
            continue;
        }
        const schemaProps = key === "all" ? {} : (byName.get(key)?.configSchema?.properties ?? {});
        const unknown = Object.keys(properties).filter((k) => !(k in schemaProps));
        for (const k of unknown) {
            problems.push(key === "all" ? `"all".${k}: "all" sets only enforcementLevel` : `"${key}".${k}: policy "${key}" has no config property "${k}"`);
        }
        if (unknown.length === 0) parsed.set(key, { level: level as EnforcementLevelName | undefined, properties });
    }

    const all = parsed.get("all");
    if (all?.level) for (const c of Object.values(result)) c.enforcementLevel = all.level;
    for (const [key, given] of parsed) {
        if (key === "all") continue;
        if (given.level) result[key].enforcementLevel = given.level;
        Object.assign(result[key].properties, given.properties);
    }
    for (const p of policies) {
        if (!p.configSchema) continue;
        const schema = { type: "object", properties: p.configSchema.properties, required: p.configSchema.required };
        problems.push(...schemaErrors(schema, result[p.name].properties, `"${p.name}"`));
    }
    if (problems.length > 0) throw new PolicyConfigError(problems);
    return result;
}

/** The `ConfigureAnalyzerRequest` carrying a reconciled config. */
export function configureRequest(config: Record<string, ReconciledPolicyConfig>): analyzerproto.ConfigureAnalyzerRequest {
    const req = new analyzerproto.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const [name, c] of Object.entries(config)) {
        const pc = new analyzerproto.PolicyConfig();
        pc.setEnforcementlevel(LEVEL_TO_PROTO[c.enforcementLevel]);
        pc.setProperties(structproto.Struct.fromJavaScript(c.properties as Record<string, structproto.JavaScriptValue>));
        map.set(name, pc);
    }
    return req;
}

/** Resources with their URNs, a resolver from "name or URN" to URN, and URN → name. */
export interface StackIndex {
    urns: string[];
    resolve(ref: string): string;
    nameOf(urn: string): string;
}

/** Index `resources` for one request: URNs from `urnFor` unless given; a name resolves to the last resource with it. */
export function indexStack(resources: ResourceInput[], stack: string, project: string): StackIndex {
    const urns = resources.map((r) => r.urn ?? urnFor(r.type, r.name, stack, project));
    const byName = new Map<string, string>();
    const names = new Map<string, string>();
    resources.forEach((r, i) => {
        byName.set(r.name, urns[i]);
        names.set(urns[i], r.name);
    });
    return {
        urns,
        resolve: (ref) => (ref.startsWith("urn:") ? ref : (byName.get(ref) ?? ref)),
        nameOf: (urn) => names.get(urn) ?? nameFromUrn(urn),
    };
}

/** The resource options the engine sends (everything the SDK reads, defaults where unset). */
function resourceOptions(r: ResourceInput, parent: string | undefined): analyzerproto.AnalyzerResourceOptions {
    const timeouts = new analyzerproto.AnalyzerResourceOptions.CustomTimeouts();
    timeouts.setCreate(0);
    timeouts.setUpdate(0);
    timeouts.setDelete(0);
    const opts = new analyzerproto.AnalyzerResourceOptions();
    opts.setProtect(r.options?.protect ?? false);
    opts.setIgnorechangesList(r.options?.ignoreChanges ?? []);
    opts.setDeletebeforereplace(false);
    opts.setDeletebeforereplacedefined(false);
    opts.setAdditionalsecretoutputsList([]);
    opts.setAliasesList([]);
    opts.setCustomtimeouts(timeouts);
    if (parent) opts.setParent(parent);
    return opts;
}

/**
 * The default provider the engine attaches to a custom resource (`pkg:module/res:Type`), or
 * undefined for components (`pkg:module:Type`) and providers themselves.
 */
function providerFor(type: string, stack: string, project: string): analyzerproto.AnalyzerProviderResource | undefined {
    const [pkg, module] = type.split(":");
    if (!module || !module.includes("/") || pkg === "pulumi") return undefined;
    const providerType = `pulumi:providers:${pkg}`;
    const provider = new analyzerproto.AnalyzerProviderResource();
    provider.setType(providerType);
    provider.setName("default");
    provider.setUrn(urnFor(providerType, "default", stack, project));
    provider.setProperties(new structproto.Struct());
    return provider;
}

function propertiesStruct(props: Record<string, any>): structproto.Struct {
    return structproto.Struct.fromJavaScript(withUnknownSentinels(props ?? {}));
}

/** The `AnalyzeRequest` the engine sends for one resource. */
export function analyzeRequest(r: ResourceInput, urn: string, parent: string | undefined, stack: string, project: string): analyzerproto.AnalyzeRequest {
    const req = new analyzerproto.AnalyzeRequest();
    req.setType(r.type);
    req.setName(r.name);
    req.setUrn(urn);
    req.setProperties(propertiesStruct(r.props));
    req.setOptions(resourceOptions(r, parent));
    const provider = providerFor(r.type, stack, project);
    if (provider) req.setProvider(provider);
    return req;
}

/** The `AnalyzeStackRequest` the engine sends at the end of a preview: all resources, linked. */
export function analyzeStackRequest(resources: ResourceInput[], index: StackIndex, stack: string, project: string): analyzerproto.AnalyzeStackRequest {
    const req = new analyzerproto.AnalyzeStackRequest();
    req.setResourcesList(
        resources.map((r, i) => {
            const parent = r.parent ? index.resolve(r.parent) : undefined;
            const res = new analyzerproto.AnalyzerResource();
            res.setType(r.type);
            res.setName(r.name);
            res.setUrn(index.urns[i]);
            res.setProperties(propertiesStruct(r.props));
            res.setOptions(resourceOptions(r, parent));
            const provider = providerFor(r.type, stack, project);
            if (provider) res.setProvider(provider);
            if (parent) res.setParent(parent);
            res.setDependenciesList((r.dependencies ?? []).map(index.resolve));
            const deps = res.getPropertydependenciesMap();
            for (const [prop, refs] of Object.entries(r.propertyDependencies ?? {})) {
                const pd = new analyzerproto.AnalyzerPropertyDependencies();
                pd.setUrnsList(refs.map(index.resolve));
                deps.set(prop, pd);
            }
            return res;
        }),
    );
    return req;
}

/**
 * Violations of one Analyze/AnalyzeStack response. `resourceName` names the resource for
 * diagnostics without a URN (resource policies); preview notes and disabled levels are dropped.
 */
export function violationsOf(resp: analyzerproto.AnalyzeResponse, policies: Map<string, PolicyDescription>, nameOf: (urn: string) => string, resourceName = ""): Violation[] {
    const out: Violation[] = [];
    for (const d of resp.getDiagnosticsList()) {
        if (isPreviewNote(d.getMessage())) continue;
        const level = levelName(d.getEnforcementlevel());
        if (level === "disabled") continue;
        const info = policies.get(d.getPolicyname());
        const v: Violation = {
            policy: d.getPolicyname(),
            tags: info?.tags ?? [],
            resource: d.getUrn() ? nameOf(d.getUrn()) : resourceName,
            level: level === "advisory" ? "advisory" : "mandatory",
            message: d.getMessage(),
        };
        const severity = SEVERITIES[d.getSeverity()] ?? info?.severity;
        if (severity) v.severity = severity;
        if (info?.remediationSteps) v.remediation = info.remediationSteps;
        out.push(v);
    }
    return out;
}

/** Wait until the pack prints its port on the first stdout line; reject with its stderr if it cannot. */
function readPort(child: ChildProcess, timeoutMs: number, stderrTail: () => string): Promise<number> {
    return new Promise((resolve, reject) => {
        let buffered = "";
        const finish = (err?: Error, port?: number) => {
            clearTimeout(timer);
            child.stdout?.off("data", onData);
            child.off("exit", onExit);
            child.off("error", onError);
            child.stdout?.resume(); // keep draining whatever the pack prints later
            if (err) reject(err);
            else resolve(port as number);
        };
        const onData = (chunk: Buffer) => {
            buffered += chunk.toString("utf8");
            const eol = buffered.indexOf("\n");
            if (eol < 0) return;
            const line = buffered.slice(0, eol).trim();
            if (/^\d+$/.test(line)) finish(undefined, Number(line));
            else finish(new Error(`policy pack printed ${JSON.stringify(line)} instead of its port\n${stderrTail()}`));
        };
        const onExit = (code: number | null, signal: string | null) =>
            finish(new Error(`policy pack exited (code ${code}, signal ${signal}) before printing its port\n${stderrTail()}`));
        const onError = (e: Error) => finish(new Error(`could not start the policy pack: ${e.message}`));
        const timer = setTimeout(() => finish(new Error(`policy pack did not print its port within ${timeoutMs} ms\n${stderrTail()}`)), timeoutMs);
        child.stdout?.on("data", onData);
        child.once("exit", onExit);
        child.once("error", onError);
    });
}

type Unary<Req, Res> = (req: Req, md: grpc.Metadata, opts: Partial<grpc.CallOptions>, cb: (err: grpc.ServiceError | null, res: Res) => void) => grpc.ClientUnaryCall;

/** A running policy pack and the gRPC channel to it. */
export class AnalyzerClient {
    private readonly policies = new Map<string, PolicyDescription>();
    private readonly killOnExit = () => this.child.kill("SIGKILL");

    private constructor(
        private readonly child: ChildProcess,
        private readonly rpc: analyzerrpc.AnalyzerClient,
        private readonly pack: PackInfo,
        private readonly stderrTail: () => string,
        private readonly options: Required<Pick<StartOptions, "callTimeoutMs" | "stack" | "project">>,
    ) {
        for (const p of pack.policies) this.policies.set(p.name, p);
        process.once("exit", this.killOnExit);
    }

    /** Spawn the pack, connect, and do the engine's start-up calls (info, stack, default config). */
    static async start(options: StartOptions = {}): Promise<AnalyzerClient> {
        const cwd = options.cwd ?? REPO_ROOT;
        const entry = path.join(options.packDir ?? "policy", "index.ts");
        const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", entry], {
            cwd,
            env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stderr = "";
        child.stderr?.on("data", (chunk: Buffer) => {
            stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_KEEP);
        });
        const stderrTail = () => (stderr.trim() ? `pack stderr:\n${stderr.trim()}` : "pack stderr: (empty)");
        const settings = { callTimeoutMs: options.callTimeoutMs ?? 60_000, stack: options.stack ?? "check", project: options.project ?? "policy-check" };
        let rpc: analyzerrpc.AnalyzerClient | undefined;
        try {
            const port = await readPort(child, options.startTimeoutMs ?? 30_000, stderrTail);
            rpc = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
                "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
                "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
            });
            const connected = rpc;
            const call = <Res>(name: string, fn: Unary<emptyproto.Empty, Res>) => unary(name, fn.bind(connected), new emptyproto.Empty(), settings.callTimeoutMs, stderrTail);
            const plugin = await call<pluginproto.PluginInfo>("GetPluginInfo", rpc.getPluginInfo);
            const info = await call<analyzerproto.AnalyzerInfo>("GetAnalyzerInfo", rpc.getAnalyzerInfo);
            const pack: PackInfo = {
                name: info.getName(),
                version: info.getVersion(),
                description: info.getDescription(),
                supportsConfig: info.getSupportsconfig(),
                sdkVersion: plugin.getVersion(),
                policies: info.getPoliciesList().map(describePolicy),
            };
            const client = new AnalyzerClient(child, rpc, pack, stderrTail, settings);
            await client.configureStack();
            await client.configure({});
            return client;
        } catch (e) {
            rpc?.close();
            child.kill("SIGKILL");
            throw e;
        }
    }

    /** The pack and its policies as GetAnalyzerInfo describes them. */
    async info(): Promise<PackInfo> {
        return this.pack;
    }

    /**
     * Apply a `--policy-pack-config` file's content: per policy, enforcement level and properties,
     * schema defaults filled in. Replaces any earlier config. Throws `PolicyConfigError` for a bad key
     * or value (nothing is sent then).
     */
    async configure(config: PolicyConfigFile): Promise<Record<string, ReconciledPolicyConfig>> {
        const reconciled = reconcilePolicyConfig(this.pack.policies, config);
        await this.call("Configure", this.rpc.configure, configureRequest(reconciled));
        return reconciled;
    }

    /** Analyze a stack: one Analyze per resource and one AnalyzeStack, all in flight at once. */
    async analyze(resources: ResourceInput[]): Promise<Violation[]> {
        const { stack, project } = this.options;
        const index = indexStack(resources, stack, project);
        const perResource = resources.map((r, i) => {
            const parent = r.parent ? index.resolve(r.parent) : undefined;
            return this.call("Analyze", this.rpc.analyze, analyzeRequest(r, index.urns[i], parent, stack, project)).then((resp) =>
                violationsOf(resp, this.policies, index.nameOf, r.name),
            );
        });
        const whole = this.call("AnalyzeStack", this.rpc.analyzeStack, analyzeStackRequest(resources, index, stack, project)).then((resp) =>
            violationsOf(resp, this.policies, index.nameOf),
        );
        return (await Promise.all([...perResource, whole])).flat();
    }

    /** Close the channel and stop the pack process. */
    async close(): Promise<void> {
        process.off("exit", this.killOnExit);
        this.rpc.close();
        if (this.child.exitCode !== null || this.child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
        this.child.kill("SIGTERM");
        const timer = setTimeout(() => this.child.kill("SIGKILL"), 2_000);
        await exited;
        clearTimeout(timer);
    }

    private async configureStack(): Promise<void> {
        const req = new analyzerproto.AnalyzerStackConfigureRequest();
        req.setStack(this.options.stack);
        req.setProject(this.options.project);
        req.setOrganization("organization");
        req.setDryRun(true);
        await this.call("ConfigureStack", this.rpc.configureStack, req);
    }

    private call<Req, Res>(name: string, fn: Unary<Req, Res>, req: Req): Promise<Res> {
        return unary(name, fn.bind(this.rpc), req, this.options.callTimeoutMs, this.stderrTail);
    }
}

/** One unary call as a promise, with a deadline; errors carry the RPC name and the pack's stderr. */
function unary<Req, Res>(name: string, fn: Unary<Req, Res>, req: Req, timeoutMs: number, stderrTail: () => string): Promise<Res> {
    return new Promise((resolve, reject) => {
        fn(req, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (err, res) => {
            if (err) reject(new Error(`${name} failed: ${err.details || err.message}\n${stderrTail()}`));
            else resolve(res);
        });
    });
}
