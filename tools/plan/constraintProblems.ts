/**
 * What the offline plan refuses before judging a stack: values AWS or the provider would reject
 * (here, IAM documents checked with the IAM data set), printed with the clarity of a config error:
 * the resource, the property path, the value, the rule and its source. The plan exits 2 on them.
 */
import { ConstraintProblem } from "../../rules/constraintProblem";

/** Thrown by `buildPlan` when the stack registers values AWS would refuse; `message` is the printable report. */
export class PlanConstraintError extends Error {
    constructor(readonly stack: string, readonly problems: ConstraintProblem[]) {
        super(formatConstraintProblems(stack, problems));
        this.name = "PlanConstraintError";
    }
}

/** A value for one line: strings quoted, objects as compact JSON, long values shortened. */
function show(value: unknown): string {
    const text = value === undefined ? "(not set)" : JSON.stringify(value);
    return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** The report: one block per problem, `resource  property = value`, then the rule and its source. */
export function formatConstraintProblems(stack: string, problems: ConstraintProblem[]): string {
    const lines = [`Stack ${stack}: ${problems.length} value${problems.length === 1 ? "" : "s"} AWS would refuse or that grant${problems.length === 1 ? "s" : ""} nothing (nothing was planned):`];
    for (const p of problems) {
        lines.push(`  ${p.resource}  ${p.property} = ${show(p.value)}`, `    ${p.rule}`, `    source: ${p.source}`);
    }
    return lines.join("\n");
}
