/** Names the importer derives or checks: the service name from the task family, and stack names. */

/** What `fargatekit:serviceName` accepts (program/validate.ts). */
export const SERVICE_NAME = /^[a-z][a-z0-9-]{0,23}$/;
/** A Pulumi stack name as it appears in `Pulumi.<stack>.yaml`. */
export const STACK_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * A valid service name from a task family: lower case, runs of other characters become one hyphen,
 * leading characters that are not letters and trailing hyphens go, at most 24 characters.
 * Undefined when nothing usable is left.
 */
export function serviceNameFromFamily(family: string): string | undefined {
    const name = family
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^[^a-z]+/, "")
        .slice(0, 24)
        .replace(/-+$/, "");
    return SERVICE_NAME.test(name) ? name : undefined;
}

/** Why a stack name is not valid, or undefined when it is. */
export function stackNameProblem(stack: string): string | undefined {
    return STACK_NAME.test(stack) ? undefined : `${JSON.stringify(stack)} is not a stack name (letters, digits, _, - and ., as in Pulumi.<stack>.yaml)`;
}

/** Throw unless `stack` can name a stack file `Pulumi.<stack>.yaml`. */
export function checkStackName(stack: string): void {
    const problem = stackNameProblem(stack);
    if (problem) throw new Error(`stack: ${problem}`);
}
