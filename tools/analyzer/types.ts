/**
 * Shapes shared by the in-process policy runner, the gRPC analyzer client and `policy:check`.
 */
import { UNKNOWN_STRING } from "../../rules/unknownValues";

/** Pulumi's sentinel for a value that is unknown during preview (the same string the engine sends). */
export const UNKNOWN = UNKNOWN_STRING;

/** One resource as the engine would send it to an analyzer. */
export interface ResourceInput {
    /** Pulumi type token, e.g. `aws:ecs/taskDefinition:TaskDefinition`. */
    type: string;
    /** Logical name; unique per type in a stack. */
    name: string;
    /** Properties; use `UNKNOWN` (or `{ "__unknown": true }`) for values unknown in preview. */
    props: Record<string, any>;
    /** URN; derived from type and name when absent. */
    urn?: string;
    /** URN or name of the parent resource. */
    parent?: string;
    /** URNs or names of resources this one depends on. */
    dependencies?: string[];
    /** Per-property dependencies: property name → URNs or names. */
    propertyDependencies?: Record<string, string[]>;
    /** Resource options the engine sends (protect, ignoreChanges, …). */
    options?: { protect?: boolean; ignoreChanges?: string[] };
}

/** Per-policy config exactly as `pulumi preview --policy-pack-config FILE` reads it. */
export type PolicyConfigFile = Record<string, string | ({ enforcementLevel?: string } & Record<string, any>)>;

/** One violation, as `policy:check` prints it. */
export interface Violation {
    policy: string;
    tags: string[];
    resource: string;
    level: "mandatory" | "advisory";
    message: string;
    severity?: string;
    remediation?: string;
}

/** Build the URN the engine would give a root-level resource. */
export function urnFor(type: string, name: string, stack = "check", project = "policy-check"): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}
