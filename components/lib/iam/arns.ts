/** ARN shapes the config accepts. */

const PARTITION = "aws(-cn|-us-gov)?";
const REGION = "[a-z]{2}(-[a-z]+)+-\\d";
const ACCOUNT = "\\d{12}";

/** An ACM certificate ARN: `arn:aws:acm:<region>:<account>:certificate/<uuid>`. */
export const ACM_CERTIFICATE_ARN = new RegExp(`^arn:${PARTITION}:acm:${REGION}:${ACCOUNT}:certificate/[0-9a-f-]{36}$`);

/** A Secrets Manager secret ARN, optionally with `:json-key:version-stage:version-id`. */
export const SECRETS_MANAGER_ARN = new RegExp(`^arn:${PARTITION}:secretsmanager:${REGION}:${ACCOUNT}:secret:[A-Za-z0-9/_+=.@-]+(:[^:]*:[^:]*:[^:]*)?$`);

/** An SSM Parameter Store parameter ARN. */
export const SSM_PARAMETER_ARN = new RegExp(`^arn:${PARTITION}:ssm:${REGION}:${ACCOUNT}:parameter/[A-Za-z0-9/_.-]+$`);

/** A KMS key ARN. */
export const KMS_KEY_ARN = new RegExp(`^arn:${PARTITION}:kms:${REGION}:${ACCOUNT}:key/[0-9a-f-]{36}$`);

/** An ECS cluster ARN. */
export const ECS_CLUSTER_ARN = new RegExp(`^arn:${PARTITION}:ecs:${REGION}:${ACCOUNT}:cluster/[A-Za-z0-9_-]+$`);

/** True for a secret reference ECS can resolve: a Secrets Manager or SSM parameter ARN. */
export function isSecretReference(valueFrom: string): boolean {
    return SECRETS_MANAGER_ARN.test(valueFrom) || SSM_PARAMETER_ARN.test(valueFrom);
}

/**
 * The ARN an IAM policy must name to read a secret reference: a Secrets Manager ARN with a
 * `:json-key:stage:version` suffix is reduced to the secret's own ARN.
 */
export function secretResourceArn(valueFrom: string): string {
    const m = new RegExp(`^(arn:${PARTITION}:secretsmanager:[^:]+:[^:]+:secret:[^:]+)`).exec(valueFrom);
    return m ? m[1] : valueFrom;
}

/** The 6 random characters Secrets Manager appends to a secret's name in its full ARN (`-AbCdEf`). */
const SECRET_ARN_SUFFIX = /-[A-Za-z0-9]{6}$/;

/**
 * What the execution role must be granted to read a Secrets Manager reference. IAM evaluates the
 * secret's full ARN (name plus `-` and 6 random characters), so a partial ARN (without the suffix)
 * never matches itself: it is granted as `<partial ARN>-??????`, exactly the 6 characters, as the
 * Secrets Manager user guide advises ("Permissions policy examples": "If you use a partial ARN …
 * add -?????? to match the random characters"). A name that itself ends in a hyphen and 6 letters or
 * digits is taken as a full ARN; Secrets Manager advises against such names for this reason.
 */
export function secretGrantArn(valueFrom: string): string {
    const arn = secretResourceArn(valueFrom);
    return SECRET_ARN_SUFFIX.test(arn) ? arn : `${arn}-??????`;
}

/** One problem with `secretsKmsKeyArns`: the argument path (`secretsKmsKeyArns` or `secretsKmsKeyArns[i]`), the value and why. */
export interface KeyArnProblem {
    key: string;
    value: unknown;
    message: string;
}

/**
 * Problems with the keys that decrypt the secrets, all at once: keys given while no container has
 * secrets, and any known value that is not a KMS key ARN (IAM matches `kms:Decrypt` against the key's
 * ARN; an alias or alias ARN in `Resource` grants nothing). Values not known yet (outputs, promises) are skipped.
 */
export function secretsKmsKeyArnsProblems(keys: unknown[] | undefined, containerSecrets: (Record<string, unknown> | undefined)[]): KeyArnProblem[] {
    if (keys === undefined) return [];
    const problems: KeyArnProblem[] = [];
    if (!containerSecrets.some((s) => Object.keys(s ?? {}).length > 0))
        problems.push({ key: "secretsKmsKeyArns", value: keys, message: "decrypts secrets, but no container has `secrets`; drop it or add the secrets" });
    keys.forEach((k, i) => {
        if (typeof k === "object" && k !== null) return; // an Output or Promise: known only at deploy time
        if (typeof k !== "string" || !KMS_KEY_ARN.test(k))
            problems.push({
                key: `secretsKmsKeyArns[${i}]`,
                value: k,
                message: "must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>; IAM grants kms:Decrypt on key ARNs, not aliases)",
            });
    });
    return problems;
}
