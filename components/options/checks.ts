/**
 * Small checks the option validators share. Each skips a value that is not known yet (a Pulumi
 * Output or Promise, or the engine's preview placeholder): only plain values are judged at
 * construction, the rest is the policy pack's and AWS's to judge.
 */
import * as pulumi from "@pulumi/pulumi";
import { containsUnknownSentinel } from "../../rules/unknownValues";
import { OptionProblem } from "./optionTable";

/** True when the value is plain data we can judge now: not an Output, not a Promise, no preview placeholder inside. */
export function isKnown(value: unknown): boolean {
    if (value === undefined) return false;
    if (pulumi.Output.isInstance(value)) return false;
    if (value instanceof Promise) return false;
    if (Array.isArray(value)) return value.every((v) => v === undefined || isKnown(v));
    return !containsUnknownSentinel(value);
}

/** Collects problems under one path prefix. */
export class Problems {
    readonly list: OptionProblem[] = [];
    constructor(private readonly prefix: string) {}

    /** The full path of a field of this option type. */
    path(field: string): string {
        return this.prefix ? `${this.prefix}.${field}` : field;
    }

    add(field: string, value: unknown, message: string): void {
        this.list.push({ path: this.path(field), value, message });
    }

    /** A whole number from lo to hi, when known. */
    intIn(field: string, value: unknown, lo: number, hi: number, unit = ""): void {
        if (!isKnown(value)) return;
        if (typeof value !== "number" || !Number.isInteger(value) || value < lo || value > hi) this.add(field, value, `must be a whole number from ${lo} to ${hi}${unit}`);
    }

    /** One of the allowed values, when known. */
    oneOf(field: string, value: unknown, allowed: readonly unknown[]): void {
        if (!isKnown(value)) return;
        if (!allowed.includes(value)) this.add(field, value, `must be ${allowed.length > 1 ? `${allowed.slice(0, -1).join(", ")} or ${allowed[allowed.length - 1]}` : allowed[0]}`);
    }

    /** A match of the pattern, when known. */
    matches(field: string, value: unknown, pattern: RegExp, what: string): void {
        if (!isKnown(value)) return;
        if (typeof value !== "string" || !pattern.test(value)) this.add(field, value, `must be ${what}`);
    }

    /** A boolean, when known. */
    bool(field: string, value: unknown): void {
        if (!isKnown(value)) return;
        if (typeof value !== "boolean") this.add(field, value, "must be true or false");
    }
}

/** The error a component throws for bad arguments: every problem, one per line, each with its path, value and what is allowed. */
export class ArgumentsError extends Error {
    constructor(
        readonly component: string,
        readonly problems: OptionProblem[],
    ) {
        super(
            `${component}: invalid arguments (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p.path} = ${showValue(p.value)}: ${p.message}`).join("\n")}`,
        );
        this.name = "ArgumentsError";
    }
}

/** A value in an error message: JSON, shortened. */
export function showValue(v: unknown): string {
    if (v === undefined) return "(unset)";
    if (pulumi.Output.isInstance(v)) return "(output)";
    let s: string | undefined;
    try {
        s = JSON.stringify(v);
    } catch {
        s = String(v);
    }
    return s && s.length > 120 ? s.slice(0, 117) + "..." : String(s);
}
