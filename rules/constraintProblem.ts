/**
 * One value AWS or the provider would refuse (or that cannot do what it says), as the offline plan
 * and config validation report it. The same shape as the API-constraint checker's problems
 * (`tools/offline/constraints/types.ts` on the constraints branch), so both print and merge alike.
 */
export interface ConstraintProblem {
    /** The resource (logical name) or config key the value belongs to. */
    resource: string;
    /** Property path of the value, e.g. `policy.Statement[0].Action[1]`. */
    property: string;
    /** The offending value. */
    value: unknown;
    /** What is wrong and what is allowed. */
    rule: string;
    /** Where the rule comes from (AWS documentation page, data set and version, provider validator). */
    source: string;
}
