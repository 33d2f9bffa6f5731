/**
 * The offline plan's IAM check: every IAM document the stack registers (role trust and inline
 * policies, role policies, key, queue, topic, bucket, repository, registry, secret and log
 * resource policies: the table in `rules/iamDocumentLocations.ts`), judged with
 * `iamDocumentProblems` as AWS would judge it.
 */
import { ConstraintProblem } from "../../rules/constraintProblem";
import { iamDocumentProblems } from "../../rules/iamDocument";
import { iamDocumentsOf } from "../../rules/iamDocumentLocations";

/** The part of a recorded resource the check reads. */
export interface IamCheckedResource {
    type: string;
    name: string;
    inputs: Record<string, any>;
}

/** Every IAM document problem of the given resources, in registration order. */
export function iamProblems(resources: IamCheckedResource[]): ConstraintProblem[] {
    const out: ConstraintProblem[] = [];
    for (const r of resources) {
        for (const d of iamDocumentsOf(r.type, r.inputs ?? {})) {
            out.push(...iamDocumentProblems(d.value, { kind: d.kind, resource: r.name, property: d.property }));
        }
    }
    return out;
}
