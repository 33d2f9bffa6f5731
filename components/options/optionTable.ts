/**
 * The shape every option type shares: a table with one row per field (its default and what it means),
 * the resolver that applies a table once, and the problem a validator reports. The component args'
 * `@default` tags, the program's config schema and the README reference all come from these tables
 * (a test holds the JSDoc tags to them), so a default is written in exactly one place.
 */
import { closestName } from "../../rules/closestName";

/** One field of an option type: its default (absent = unset or computed) and its meaning. */
export interface OptionSpec<V> {
    /** The value used when the field is not given; absent when unset means "none" or the value is computed. */
    default?: V;
    /** What the default means when it is not a literal value (e.g. "the cheapest size that fits"). */
    defaultText?: string;
    /** What the field does, and why the default is what it is (the README reference and config descriptions). */
    description: string;
}

/** The table of an option type: every field, none forgotten (the mapped type makes a missing row a type error). */
export type OptionTable<O> = { readonly [K in keyof Required<O>]: OptionSpec<NonNullable<O[K]>> };

/** Option type `O` with the table's literal defaults applied: those fields are no longer optional. */
export type Resolved<O, D extends keyof O> = Omit<O, D> & { [K in D]-?: NonNullable<O[K]> };

/** One problem with an argument: where (`container.port`), the value given and what is allowed. */
export interface OptionProblem {
    /** Dotted path from the component args, e.g. `scaling.minCount` or `container.sidecars[0].name`. */
    path: string;
    value: unknown;
    message: string;
}

/** The defaults of a table as an object (fields without a literal default are left out). */
export function tableDefaults<O>(table: OptionTable<O>): Partial<O> {
    const out: Record<string, unknown> = {};
    for (const [field, spec] of Object.entries(table) as [string, OptionSpec<unknown>][]) {
        if (spec.default !== undefined) out[field] = structuredClone(spec.default);
    }
    return out as Partial<O>;
}

/** Apply a table's defaults to the given options, once: a field given as `undefined` takes its default too. */
export function applyDefaults<O extends object>(table: OptionTable<O>, given: O | undefined): O {
    const out: Record<string, unknown> = { ...tableDefaults(table) };
    for (const [field, value] of Object.entries(given ?? {})) if (value !== undefined) out[field] = value;
    return out as O;
}

/** The text of a field's default, as the JSDoc `@default` tag and the README show it. */
export function defaultText(spec: OptionSpec<unknown>): string {
    if (spec.defaultText !== undefined) return spec.defaultText;
    if (spec.default === undefined) return "none";
    return JSON.stringify(spec.default);
}

/** The fields `given` sets that are not in `known` (a typo from JavaScript or YAML), each with the closest known name and the allowed ones. */
export function unknownNames(given: object | undefined, known: readonly string[], prefix: string, what: string): OptionProblem[] {
    if (given === undefined || given === null || typeof given !== "object") return [];
    return Object.keys(given)
        .filter((k) => !known.includes(k))
        .map((k) => {
            const hint = closestName(k, known);
            return {
                path: prefix ? `${prefix}.${k}` : k,
                value: (given as Record<string, unknown>)[k],
                message: `is not ${what}${hint ? ` (did you mean "${hint}"?)` : ""}; allowed: ${known.join(", ")}`,
            };
        });
}

/** The fields `given` sets that a table does not list (a typo from JavaScript or YAML). */
export function unknownFields<O>(table: OptionTable<O>, given: object | undefined, prefix: string): OptionProblem[] {
    return unknownNames(given, Object.keys(table), prefix, `an option of ${prefix}`);
}

/**
 * A component's own arguments with the defaults of the option tables they share fields with: each
 * field a table lists and the arguments leave undefined takes the table's default. Lets a building
 * block (LoadBalancer, Network, FargateService…) keep its own argument shape while its defaults stay
 * written once, in the tables.
 */
export function withTableDefaults<A extends object, T extends object>(table: OptionTable<T>, args: A): A & { [K in keyof A & keyof T]-?: Exclude<A[K], undefined> } {
    const out = { ...args } as Record<string, unknown>;
    for (const [field, spec] of Object.entries(table) as [string, OptionSpec<unknown>][]) {
        if (out[field] === undefined && spec.default !== undefined) out[field] = structuredClone(spec.default);
    }
    return out as A & { [K in keyof A & keyof T]-?: Exclude<A[K], undefined> };
}
