/** Test helpers over the offline engine: run the program or a stack, and query what it registered. */
import * as path from "path";
import { installOfflineEngine, runOffline, OfflineOptions, OfflineRun } from "../../tools/offline/engine";
import { loadStackConfig } from "../../tools/offline/stackConfig";
import { RecordedResource } from "../../tools/offline/types";
import { main, ProgramOutputs } from "../../program/main";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** Run the real program with a stack's config, optionally overriding `fargatekit:` keys (values as YAML would give them). */
export async function runStack(stack: string, overrides: Record<string, unknown> = {}, preview = false): Promise<OfflineRun<ProgramOutputs>> {
    const cfg = loadStackConfig(REPO_ROOT, stack);
    const values = { ...cfg.values };
    for (const [k, v] of Object.entries(overrides)) {
        const key = k.includes(":") ? k : `fargatekit:${k}`;
        if (v === undefined) delete values[key];
        else values[key] = typeof v === "string" ? v : JSON.stringify(v);
    }
    return runOffline(() => main(REPO_ROOT), { stack, config: values, preview });
}

/** Run the program with exactly this config map (`fargatekit:` prefixed or bare keys). */
export async function runWithConfig(config: Record<string, unknown>, stack = "test"): Promise<OfflineRun<ProgramOutputs>> {
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(config)) values[k.includes(":") ? k : `fargatekit:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
    return runOffline(() => main(REPO_ROOT), { stack, config: values });
}

export function ofType(resources: RecordedResource[], type: string): RecordedResource[] {
    return resources.filter((r) => r.type === type);
}

/** The single resource of a type (fails the test when there are zero or several). */
export function one(resources: RecordedResource[], type: string): RecordedResource {
    const found = ofType(resources, type);
    if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
    return found[0];
}

/** Parse a JSON string input (policy documents, container definitions). */
export function json(v: unknown): any {
    return typeof v === "string" ? JSON.parse(v) : v;
}

/** The resource whose outputs have this value at `field` (e.g. an ARN). */
export function byOutput(resources: RecordedResource[], field: string, value: unknown): RecordedResource | undefined {
    return resources.find((r) => r.outputs[field] === value);
}

/** The resource of a type with this logical name (fails the test when absent). */
export function named(resources: RecordedResource[], type: string, name: string): RecordedResource {
    const r = resources.find((x) => x.type === type && x.name === name);
    if (!r) throw new Error(`no ${type} named ${name}`);
    return r;
}

/** The parsed inline policy document (`aws:iam/rolePolicy`) attached to a role. */
export function rolePolicyDocument(resources: RecordedResource[], role: RecordedResource): any {
    const p = ofType(resources, "aws:iam/rolePolicy:RolePolicy").find((rp) => rp.inputs.role === role.outputs.name);
    if (!p) throw new Error(`no inline policy on role ${role.name}`);
    return json(p.inputs.policy);
}

/** Pulumi's runtime settings: `waitForRPCs` lets every registration the program started finish. */
const runtimeSettings = require("@pulumi/pulumi/runtime/settings");

/**
 * Run a program under the offline engine expecting it may throw: its error, and the types it registered
 * before throwing (`runOffline` gives the registrations only on success). A check that refuses before
 * registering leaves `recorded` empty.
 */
export async function recordedUntilThrow(program: () => unknown, opts: OfflineOptions = {}): Promise<{ error: unknown; recorded: string[] }> {
    const monitor = installOfflineEngine(opts);
    let error: unknown;
    try {
        await program();
    } catch (e) {
        error = e;
    }
    await runtimeSettings.waitForRPCs().catch(() => undefined);
    return { error, recorded: monitor.recorded.map((r) => r.type) };
}
