/**
 * Which actions must not be granted on `Resource: "*"`, decided from the IAM data set: an action
 * that can always be scoped (it has a required resource type) and whose documented access level is
 * Write, Permissions management or Tagging, or that hands out credentials or secret values.
 * Actions AWS only matches with `*` (no resource types, e.g. `ecr:GetAuthorizationToken`,
 * `ssmmessages:CreateControlChannel`), or also calls without a resource (only optional types,
 * e.g. `cloudwatch:PutMetricData`), are never flagged: `*` is what they need. Config validation (`components/lib/iam/iamStatements.ts`) and the pack
 * (`iam-no-unscoped-write-actions`) both use this, so they agree.
 */
import { expandIamAction, iamActionFacts, IamAccessLevel } from "./iamActions";

/** Why an action is risky on every resource. */
export type UnscopedRisk = "Write" | "Permissions management" | "Tagging" | "credentials exposure";

/** Access levels that change something, in the order they are reported. */
export const CHANGING_ACCESS_LEVELS: readonly IamAccessLevel[] = ["Write", "Permissions management", "Tagging"];

/**
 * Actions that return credentials, tokens or secret values to the caller (Checkov's
 * CKV_AWS_287/288 "credentials exposure" and "data exfiltration" sets, from cloudsplaining, for
 * the services an ECS stack uses). Their access level is Read, so the level alone misses them.
 */
export const CREDENTIALS_EXPOSURE_ACTIONS: readonly string[] = [
    "ec2:GetPasswordData",
    "ecr:GetAuthorizationToken",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:CreateServiceSpecificCredential",
    "iam:ResetServiceSpecificCredential",
    "iam:UpdateAccessKey",
    "iam:UpdateLoginProfile",
    "secretsmanager:GetSecretValue",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "sts:AssumeRole",
    "sts:AssumeRoleWithSAML",
    "sts:AssumeRoleWithWebIdentity",
    "sts:GetFederationToken",
    "sts:GetSessionToken",
];

const CREDENTIALS = new Set(CREDENTIALS_EXPOSURE_ACTIONS.map((a) => a.toLowerCase()));

const riskCache = new Map<string, UnscopedRisk[]>();

/** The risks of granting one real action on `*`; empty when it is harmless there or cannot be scoped. */
export function unscopedRisksOfAction(action: string): UnscopedRisk[] {
    const key = action.toLowerCase();
    let risks = riskCache.get(key);
    if (!risks) {
        risks = computeRisks(action);
        riskCache.set(key, risks);
    }
    return risks;
}

function computeRisks(action: string): UnscopedRisk[] {
    const facts = iamActionFacts(action);
    if (!facts || !facts.requiresResource) return [];
    const risks: UnscopedRisk[] = [];
    if (CHANGING_ACCESS_LEVELS.includes(facts.accessLevel)) risks.push(facts.accessLevel as UnscopedRisk);
    if (CREDENTIALS.has(facts.action.toLowerCase())) risks.push("credentials exposure");
    return risks;
}

/** One action entry (literal or pattern) of a statement on `*`, with the risky actions it grants. */
export interface UnscopedGrant {
    /** The entry as written, e.g. `s3:Put*`. */
    entry: string;
    /** The risky actions it grants (canonical), at most a few for messages. */
    actions: string[];
    /** Every risk among them. */
    risks: UnscopedRisk[];
}

/**
 * The entries of an action list that, on `Resource: "*"`, grant an action that could be scoped and
 * writes, manages permissions, tags or exposes credentials. `excluded` removes actions the caller
 * accepts anyway (the pack's `allowedUnscopedActions`). Unknown actions grant nothing.
 */
export function unscopedRiskyGrants(actions: readonly string[], excluded: (action: string) => boolean = () => false): UnscopedGrant[] {
    const out: UnscopedGrant[] = [];
    for (const entry of actions) {
        if (excluded(entry)) continue;
        if (entry === "*" || /^[^:]*[*?][^:]*:/.test(entry)) {
            // Every action of every service (or of many): no need to list twenty thousand of them.
            out.push({ entry, actions: ["every action of every matching service"], risks: ["Write", "Permissions management", "Tagging", "credentials exposure"] });
            continue;
        }
        const risky: string[] = [];
        const risks = new Set<UnscopedRisk>();
        for (const a of expandIamAction(entry)) {
            if (excluded(a)) continue;
            const r = unscopedRisksOfAction(a);
            if (r.length === 0) continue;
            risky.push(a);
            r.forEach((x) => risks.add(x));
        }
        if (risky.length > 0)
            out.push({ entry, actions: risky, risks: (["Write", "Permissions management", "Tagging", "credentials exposure"] as UnscopedRisk[]).filter((x) => risks.has(x)) });
    }
    return out;
}
