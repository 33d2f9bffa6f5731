/**
 * The offline engine: runs a Pulumi program in this process under the SDK's mock monitor, answers
 * every resource and invoke with realistic values (`mockValues.ts`), and records each registration
 * with its parent, dependencies and options. Tests, the plan and the policy bridge all use it.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { RecordedResource } from "./types";
import { invokeResult, MockContext, PLACEHOLDER_ACCOUNT, resourceState } from "./mockValues";

// Internal SDK modules the public setMocks() uses; we need them to install a recording monitor.
const settings = require("@pulumi/pulumi/runtime/settings");
const state = require("@pulumi/pulumi/runtime/state");
const { deserializeProperties } = require("@pulumi/pulumi/runtime/rpc");
const debuggable = require("@pulumi/pulumi/runtime/debuggable");

/**
 * Offline runs have no use for two stack traces the SDK captures on every registration: the
 * resource's source position (`Resource.callsites`, an unbounded `new Error().stack`) and each
 * RPC promise's creation stack (`debuggablePromise`, kept for the promise-leak message). Under
 * ts-node every such trace goes through source-map support, and together they were about 60 % of
 * a stack's run time (CPU profile of `runStack("prod")`, 2026-12-04). The engine skips both; the
 * SDK's leak accounting itself is kept. A real `pulumi up` is unaffected.
 */
let sdkTracesSkipped = false;
function skipSdkStackTraces(): void {
    if (sdkTracesSkipped) return;
    sdkTracesSkipped = true;
    (pulumi.Resource as any).callsites = () => [];
    const original = debuggable.debuggablePromise as (p: Promise<unknown>, ctx: unknown) => Promise<unknown>;
    debuggable.debuggablePromise = (p: Promise<unknown>, ctx: unknown) => {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return original(p, ctx);
        } finally {
            Error.stackTraceLimit = limit;
        }
    };
}

export interface OfflineOptions {
    /** Pulumi project name (default `fargatekit`). */
    project?: string;
    /** Stack name (default `dev`). */
    stack?: string;
    /** Region the mocks answer with; also sets `aws:region` when the config lacks it. */
    region?: string;
    /** Account id in every ARN (default the placeholder 123456789012). */
    account?: string;
    /** Full config map: `namespace:key` → string value, as the CLI hands it to programs. */
    config?: Record<string, string>;
    /** Run as a preview (`pulumi.runtime.isDryRun()` is true). */
    preview?: boolean;
    /** Outputs of the stacks the program references: reference name (`org/project/stack`) → its outputs. */
    stackReferences?: Record<string, Record<string, unknown>>;
}

/** The type token the SDK reads stack references with. */
export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/** The state a stack reference read answers: the referenced stack's outputs, none secret. Throws for a reference the run was not given. */
export function stackReferenceState(name: string, references: Record<string, Record<string, unknown>> = {}): { id: string; state: Record<string, any> } {
    const outputs = references[name];
    if (outputs === undefined) {
        const known = Object.keys(references);
        throw new Error(
            `Stack reference "${name}" is unknown to the offline engine (known: ${known.length > 0 ? known.join(", ") : "none"}); pass its outputs in the stackReferences option`,
        );
    }
    return { id: name, state: { name, outputs, secretOutputNames: [] } };
}

export interface OfflineRun<T> {
    /** Every registered resource, in registration order. */
    resources: RecordedResource[];
    /** What the program function returned, with Outputs resolved. */
    result: T;
}

class RecordingMonitor extends MockMonitor {
    readonly recorded: RecordedResource[] = [];
    private readonly pendingState = new Map<string, Record<string, any>>();

    constructor(ctx: MockContext, seedPrefix: string, stackReferences?: Record<string, Record<string, unknown>>) {
        const pending = new Map<string, Record<string, any>>();
        super({
            newResource: (args) => {
                if (args.type === STACK_REFERENCE_TYPE) return stackReferenceState(String(args.inputs?.name ?? args.id), stackReferences);
                if (!args.custom && !args.type.startsWith("awsx:")) return { id: undefined, state: {} };
                const seed = `${seedPrefix}/${args.type}/${args.name}`;
                const { id, state: st } = resourceState(args.type, args.name, args.inputs ?? {}, ctx, seed);
                pending.set(`${args.type}::${args.name}`, st);
                return { id, state: st };
            },
            call: (args) => invokeResult(args.token, args.inputs ?? {}, ctx),
        });
        this.pendingState = pending;
    }

    override async registerResource(req: any, callback: (err: any, resp: any) => void): Promise<void> {
        return super.registerResource(req, (err: any, resp: any) => {
            if (!err && resp) {
                const type: string = req.getType();
                const name: string = req.getName();
                const propertyDependencies: Record<string, string[]> = {};
                req.getPropertydependenciesMap().forEach((v: any, k: string) => {
                    propertyDependencies[k] = v.getUrnsList();
                });
                const key = `${type}::${name}`;
                this.recorded.push({
                    urn: resp.getUrn(),
                    type,
                    name,
                    parent: req.getParent() || undefined,
                    custom: req.getCustom(),
                    inputs: stripUndefined(deserializeProperties(req.getObject())),
                    outputs: this.pendingState.get(key) ?? {},
                    dependencies: req.getDependenciesList(),
                    propertyDependencies,
                    protect: !!req.getProtect(),
                    ignoreChanges: req.getIgnorechangesList(),
                    ...aliasesOf(req),
                    ...customTimeoutsOf(req),
                });
                this.pendingState.delete(key);
            }
            callback(err, resp);
        });
    }
}

/**
 * The URNs the resource was known by before (its `aliases` option, and those it inherits from its
 * parents, as the SDK resolves them into URNs): the engine moves a resource's old state to its new URN
 * when one of these matches. Nothing when there are none.
 */
function aliasesOf(req: any): { aliases?: string[] } {
    const urns: string[] = [...(req.getAliasurnsList?.() ?? [])];
    for (const alias of req.getAliasesList?.() ?? []) {
        if (alias.getUrn()) urns.push(alias.getUrn());
        const spec = alias.getSpec();
        if (!spec) continue;
        // The URN the resource had under the alias's name, type and parent, built as the engine (and the SDK's mock monitor) builds URNs: the parent's own type, then ours.
        const parent: string | undefined = spec.getNoparent() ? undefined : spec.getParenturn() || req.getParent() || undefined;
        const type: string = spec.getType() || req.getType();
        const qualified = parent ? `${parent.split("::")[2].split("$").pop()}$${type}` : type;
        urns.push(`urn:pulumi:${spec.getStack() || pulumi.getStack()}::${spec.getProject() || pulumi.getProject()}::${qualified}::${spec.getName() || req.getName()}`);
    }
    return urns.length > 0 ? { aliases: urns } : {};
}

/** The request's `customTimeouts` option, only its set durations; nothing when none is set. */
function customTimeoutsOf(req: any): { customTimeouts?: { create?: string; update?: string; delete?: string } } {
    const t = req.getCustomtimeouts?.();
    if (!t) return {};
    const out: { create?: string; update?: string; delete?: string } = {};
    if (t.getCreate()) out.create = t.getCreate();
    if (t.getUpdate()) out.update = t.getUpdate();
    if (t.getDelete()) out.delete = t.getDelete();
    return Object.keys(out).length > 0 ? { customTimeouts: out } : {};
}

/** The SDK's marker of a secret value in serialized properties. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** Drop undefined fields and unwrap secret envelopes (the recorded inputs are for offline review only). */
function stripUndefined(v: any): any {
    if (Array.isArray(v)) return v.map(stripUndefined);
    if (v && typeof v === "object" && v[SECRET_SIG] === SECRET_SIG_VALUE) return stripUndefined(v.value);
    if (v && typeof v === "object" && !Buffer.isBuffer(v)) {
        const out: Record<string, any> = {};
        for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = stripUndefined(x);
        return out;
    }
    return v;
}

/** Install the recording mock monitor and config. Returns the monitor whose `recorded` fills as the program runs. */
export function installOfflineEngine(opts: OfflineOptions = {}): RecordingMonitor {
    skipSdkStackTraces();
    const region = opts.region ?? opts.config?.["aws:region"] ?? "us-east-1";
    const project = opts.project ?? "fargatekit";
    const stack = opts.stack ?? "dev";
    const config = { "aws:region": region, ...(opts.config ?? {}) };
    pulumi.runtime.setAllConfig(config);
    const monitor = new RecordingMonitor({ region, account: opts.account ?? PLACEHOLDER_ACCOUNT }, `${project}/${stack}`, opts.stackReferences);
    settings.setMockOptions(monitor, project, stack, opts.preview ?? false, "organization");
    const store = state.getStore();
    store.supportsSecrets = true;
    store.supportsResourceReferences = true;
    store.supportsOutputValues = false;
    store.supportsDeletedWith = true;
    store.supportsAliasSpecs = true;
    store.supportsTransforms = false;
    return monitor;
}

/** Resolve every Output inside a value (objects, arrays) to plain data. */
async function resolveDeep(v: any): Promise<any> {
    if (pulumi.Output.isInstance(v)) {
        return new Promise((resolve) => (v as pulumi.Output<any>).apply((x) => resolve(resolveDeep(x))));
    }
    if (v instanceof pulumi.Resource) return v;
    if (Array.isArray(v)) return Promise.all(v.map(resolveDeep));
    if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
        const out: Record<string, any> = {};
        for (const [k, x] of Object.entries(v)) out[k] = await resolveDeep(x);
        return out;
    }
    return v;
}

/**
 * Run `program` under the offline engine and wait until every registration has finished.
 * Errors thrown by the program (e.g. a config error) propagate unchanged.
 */
export async function runOffline<T>(program: () => T | Promise<T>, opts: OfflineOptions = {}): Promise<OfflineRun<T>> {
    const monitor = installOfflineEngine(opts);
    const result = await program();
    const resolved = opts.preview ? result : await resolveDeep(result);
    await settings.waitForRPCs();
    return { resources: monitor.recorded, result: resolved };
}
