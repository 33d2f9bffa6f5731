/** Names the importer derives or checks: the service name from the task family, and stack names. */
import { maxServiceNameLength } from "../../components/lib/nameLimits";

/** The longest service name whose auto-named ALB and target group fit AWS's 32 characters (components/lib/nameLimits.ts). */
export const MAX_SERVICE_NAME_LENGTH = maxServiceNameLength({ shifting: false, platform: false, accessLogs: true });

/** What `fargatekit:serviceName` accepts with the default rolling strategy (program/validate.ts). */
export const SERVICE_NAME = new RegExp(`^[a-z][a-z0-9-]{0,${MAX_SERVICE_NAME_LENGTH - 1}}$`);
/** A Pulumi stack name as it appears in `Pulumi.<stack>.yaml`. */
export const STACK_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * A valid service name from a task family: lower case, runs of other characters become one hyphen,
 * leading characters that are not letters and trailing hyphens go, at most `MAX_SERVICE_NAME_LENGTH` characters.
 * Undefined when nothing usable is left.
 */
export function serviceNameFromFamily(family: string): string | undefined {
    const name = family
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^[^a-z]+/, "")
        .slice(0, MAX_SERVICE_NAME_LENGTH)
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
