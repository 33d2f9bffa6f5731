/**
 * Shapes shared by the constraint checks of the offline plan: one rule of the data, and one problem
 * a registered resource has with a rule. The IAM checks produce the same `ConstraintProblem`.
 */
import { ConstraintProblem } from "../../../rules/constraintProblem";

/** A value AWS or the provider would refuse, on one registered resource: one shape for every check (IAM ones too). */
export type { ConstraintProblem };

/** What a rule checks on the values at its property path. */
export type ConstraintCheck =
    /** String length in characters. */
    | { kind: "length"; min?: number; max?: number }
    /** The whole string must match (AWS validates patterns as full matches). */
    | { kind: "pattern"; pattern: string }
    /** One of these strings. */
    | { kind: "enum"; values: string[] }
    /** Number within the bounds, and (when `step` is set) a multiple of `step`. */
    | { kind: "range"; min?: number; max?: number; step?: number }
    /** Number of items of a list or entries of a map. */
    | { kind: "items"; min?: number; max?: number };

/**
 * One data rule: a Pulumi resource type, a property path in Pulumi's names, the check and its source.
 * Path syntax: `a.b` nested object, `a[]` every element of a list, `a{key}` / `a{value}` every key or
 * value of a map. A property holding a JSON string (container definitions) is parsed before descending.
 */
export type ConstraintRule = { type: string; property: string; source: string } & ConstraintCheck;

/** The generated data file (`awsConstraints.json`). */
export interface ConstraintData {
    /** How and from what the file was generated. */
    generated: { by: string; from: string; botocoreVersion: string };
    rules: ConstraintRule[];
    /** Mapped API members whose pattern JavaScript cannot evaluate (left to AWS). */
    unchecked: { type: string; property: string; pattern: string; source: string }[];
}
