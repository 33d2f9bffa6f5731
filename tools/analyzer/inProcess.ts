/**
 * Runs the pack's policies in this process, with the same semantics as the `@pulumi/policy`
 * analyzer server: properties go through protobuf `Struct` and the SDK's own deserializer, values
 * are wrapped in the SDK's unknown-checking proxy, config is the pack config with schema defaults.
 * Used by the unit tests for speed; the conformance test checks it agrees with the gRPC path.
 */
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { EnforcementLevel, PolicyResource, ResourceValidationPolicy, StackValidationPolicy, UnknownValueError, unknownCheckingProxy } from "@pulumi/policy";
import { PolicyConfigFile, ResourceInput, UNKNOWN, Violation, urnFor } from "./types";

/** The types of the evaluator's arguments and results, exported with it (`fargatekit/policy/evaluate`). */
export type { PolicyConfigFile, ResourceInput, Violation };

// The SDK's deserializer is internal but stable; the server uses exactly this function.
const { deserializeProperties } = require("@pulumi/policy/deserialize");

/** A policy the evaluator runs: one resource at a time, or the whole stack. */
export type AnyPolicy = ResourceValidationPolicy | StackValidationPolicy;

/** Replace `{ "__unknown": true }` markers by the engine's unknown sentinel. */
export function withUnknownSentinels(value: any): any {
    if (Array.isArray(value)) return value.map(withUnknownSentinels);
    if (value && typeof value === "object") {
        if (value.__unknown === true) return UNKNOWN;
        const out: Record<string, any> = {};
        for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withUnknownSentinels(v);
        return out;
    }
    return value;
}

function toProps(props: Record<string, any>): Record<string, any> {
    const struct = structproto.Struct.fromJavaScript(withUnknownSentinels(props ?? {}));
    return unknownCheckingProxy(deserializeProperties(struct, false));
}

/** Effective level and config of a policy under a pack config file (schema defaults applied). */
export function policySettings(p: AnyPolicy, config: PolicyConfigFile = {}): { level: EnforcementLevel; config: Record<string, any> } {
    const entry = config[p.name];
    const all = config["all"];
    let level: EnforcementLevel = p.enforcementLevel ?? "advisory";
    if (typeof all === "string") level = all as EnforcementLevel;
    else if (all && typeof all === "object" && all.enforcementLevel) level = all.enforcementLevel as EnforcementLevel;
    let values: Record<string, any> = {};
    if (typeof entry === "string") level = entry as EnforcementLevel;
    else if (entry && typeof entry === "object") {
        const { enforcementLevel, ...rest } = entry as Record<string, any>;
        if (enforcementLevel) level = enforcementLevel as EnforcementLevel;
        values = rest;
    }
    const defaults: Record<string, any> = {};
    for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) {
        if ((s as any).default !== undefined) defaults[k] = (s as any).default;
    }
    return { level, config: { ...defaults, ...values } };
}

function resolveRef(ref: string, byName: Map<string, string>): string {
    return ref.startsWith("urn:") ? ref : (byName.get(ref) ?? ref);
}

/**
 * Evaluate `policies` against `resources` (resource policies on each, then stack policies on all).
 * Violations of `disabled` policies are not reported; "can't run during preview" notes are dropped.
 */
export async function evaluateInProcess(policies: AnyPolicy[], resources: ResourceInput[], config: PolicyConfigFile = {}): Promise<Violation[]> {
    const violations: Violation[] = [];
    const byName = new Map<string, string>();
    const urns = resources.map((r) => r.urn ?? urnFor(r.type, r.name));
    resources.forEach((r, i) => byName.set(r.name, urns[i]));
    const nameOf = new Map<string, string>();
    resources.forEach((r, i) => nameOf.set(urns[i], r.name));

    // As in the analyzer server, each resource's properties are deserialized once and every policy
    // sees the same object (Analyze: once per resource; AnalyzeStack: once per stack).
    const propsCache = new Map<number, Record<string, any>>();
    const propsOf = (i: number) => {
        let props = propsCache.get(i);
        if (!props) propsCache.set(i, (props = toProps(resources[i].props)));
        return props;
    };
    let stackResources: PolicyResource[] | undefined;

    const opts = (r: ResourceInput, urn: string) => ({
        protect: r.options?.protect ?? false,
        ignoreChanges: r.options?.ignoreChanges ?? [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        parent: r.parent ? resolveRef(r.parent, byName) : undefined,
        urn,
    });

    for (const p of policies) {
        const { level, config: cfg } = policySettings(p, config);
        if (level === "disabled") continue;
        const reportLevel: "mandatory" | "advisory" = level === "advisory" ? "advisory" : "mandatory";
        const push = (resource: string, message: string) =>
            violations.push({
                policy: p.name,
                tags: p.tags ?? [],
                resource,
                level: reportLevel,
                message: message ? `${p.description}\n${message}` : p.description,
                severity: p.severity,
                remediation: p.remediationSteps,
            });
        const notApplicable = (reason?: string): never => {
            throw new NotApplicable(reason);
        };
        if ("validateResource" in p && p.validateResource) {
            const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
            for (let i = 0; i < resources.length; i++) {
                const r = resources[i];
                for (const v of validations) {
                    const props = propsOf(i);
                    try {
                        await v(
                            {
                                type: r.type,
                                props,
                                urn: urns[i],
                                name: r.name,
                                opts: opts(r, urns[i]),
                                stackTags: new Map(),
                                isType: () => false,
                                asType: () => undefined,
                                getConfig: <T extends object>() => cfg as T,
                                notApplicable,
                            } as any,
                            (message: string) => push(r.name, message),
                        );
                    } catch (e) {
                        if (!(e instanceof UnknownValueError) && !(e instanceof NotApplicable)) throw e;
                    }
                }
            }
        }
        if ("validateStack" in p && p.validateStack) {
            stackResources ??= stackPolicyResources(resources, urns, byName, propsOf, opts);
            const policyResources = stackResources;
            try {
                await p.validateStack(
                    { resources: policyResources, stackTags: new Map(), getConfig: <T extends object>() => cfg as T, notApplicable },
                    (message: string, urn?: string) => push(urn ? (nameOf.get(urn) ?? urn) : "", message),
                );
            } catch (e) {
                if (!(e instanceof UnknownValueError) && !(e instanceof NotApplicable)) throw e;
            }
        }
    }
    return violations;
}

/** The resources a stack policy sees, linked by parent and dependencies (built once per evaluation). */
function stackPolicyResources(
    resources: ResourceInput[],
    urns: string[],
    byName: Map<string, string>,
    propsOf: (i: number) => Record<string, any>,
    opts: (r: ResourceInput, urn: string) => any,
): PolicyResource[] {
    const policyResources: PolicyResource[] = resources.map(
        (r, i) =>
            ({
                type: r.type,
                props: propsOf(i),
                urn: urns[i],
                name: r.name,
                opts: opts(r, urns[i]),
                dependencies: [],
                propertyDependencies: {},
                isType: () => false,
                asType: () => undefined,
            }) as any,
    );
    const byUrn = new Map(policyResources.map((pr) => [pr.urn, pr]));
    resources.forEach((r, i) => {
        const pr = policyResources[i];
        if (r.parent) pr.parent = byUrn.get(resolveRef(r.parent, byName));
        pr.dependencies = (r.dependencies ?? []).map((d) => byUrn.get(resolveRef(d, byName))).filter((x): x is PolicyResource => !!x);
        for (const [k, deps] of Object.entries(r.propertyDependencies ?? {})) {
            pr.propertyDependencies[k] = deps.map((d) => byUrn.get(resolveRef(d, byName))).filter((x): x is PolicyResource => !!x);
        }
    });
    return policyResources;
}

class NotApplicable extends Error {
    constructor(reason?: string) {
        super(reason ?? "not applicable");
    }
}
