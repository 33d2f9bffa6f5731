/**
 * IAM policy statements for the roles we build, and the checks applied to statements users add
 * to the task role. Pure functions; the components only wire the results.
 */

import { StatementEffect } from "./enums";

/** One IAM policy statement as users write it in config (`Action`/`Resource` may be one string or many). */
export interface PolicyStatementInput {
    Sid?: string;
    /** Defaults to "Allow". */
    Effect?: "Allow" | "Deny";
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

/** One IAM policy statement as the components take it: lists only, so other languages can express it. */
export interface PolicyStatement {
    /** Statement id. Default: none. */
    Sid?: string;
    /** "Allow" or "Deny". Default: "Allow". */
    Effect?: StatementEffect;
    /** Actions, e.g. ["s3:GetObject"]. */
    Action: string[];
    /** Resource ARNs. */
    Resource: string[];
    /** Conditions: operator → key → values. Default: none. */
    Condition?: Record<string, Record<string, string[]>>;
}

/** The component form of a statement: single strings become one-element lists. */
export function normaliseStatement(s: PolicyStatementInput): PolicyStatement {
    const out: PolicyStatement = { Action: asArray(s.Action), Resource: asArray(s.Resource) };
    if (s.Sid !== undefined) out.Sid = s.Sid;
    // IAM requires Effect in every statement (a policy without it is malformed); ours defaults to Allow.
    out.Effect = s.Effect ?? "Allow";
    if (s.Condition !== undefined) {
        out.Condition = Object.fromEntries(Object.entries(s.Condition).map(([op, m]) => [op, Object.fromEntries(Object.entries(m).map(([k, v]) => [k, asArray(v)]))]));
    }
    return out;
}

/** A policy document. */
export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: (PolicyStatementInput | PolicyStatement)[];
}

/** Wrap statements into a policy document. */
export function policyDocument(statements: (PolicyStatementInput | PolicyStatement)[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

function asArray(v: string | string[] | undefined): string[] {
    if (v === undefined) return [];
    return Array.isArray(v) ? v : [v];
}

/**
 * Actions AWS does not let a policy scope to a resource; they are allowed on `*`.
 * (ECR's token is account-wide; the ssmmessages channels are ECS Exec's; X-Ray and metric puts have no ARN.)
 */
export const UNSCOPABLE_ACTIONS: readonly string[] = [
    "ecr:GetAuthorizationToken",
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
    "logs:DescribeLogGroups",
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "xray:GetSamplingRules",
    "xray:GetSamplingTargets",
    "cloudwatch:PutMetricData",
];

const READ_VERBS = /^(Get|List|Describe|Head|Query|Scan|BatchGet|Select|Search|Lookup|View|Read|Check)/;

/** True for an action that only reads (by its verb), e.g. `s3:GetObject`, `dynamodb:Query`. */
export function isReadOnlyAction(action: string): boolean {
    const verb = action.split(":")[1] ?? "";
    return READ_VERBS.test(verb) && !/\*/.test(verb);
}

/** One problem with a user statement, phrased for a config error. */
export interface StatementProblem {
    index: number;
    message: string;
}

/**
 * Problems with statements users add to the task role: an action `*` or `service:*`
 * (least privilege means naming actions), a `NotAction`, or a write action on `Resource: "*"`.
 * Deny statements are always fine. Reads on `*` are allowed (e.g. `s3:ListAllMyBuckets`).
 */
export function taskRoleStatementProblems(statements: (PolicyStatementInput | PolicyStatement)[]): StatementProblem[] {
    const problems: StatementProblem[] = [];
    statements.forEach((s, index) => {
        if (!s || typeof s !== "object") {
            problems.push({ index, message: "must be an object with Action and Resource" });
            return;
        }
        if (s.Effect !== undefined && s.Effect !== "Allow" && s.Effect !== "Deny") {
            problems.push({ index, message: `Effect must be "Allow" or "Deny", got ${JSON.stringify(s.Effect)}` });
        }
        if ((s as any).NotAction !== undefined) problems.push({ index, message: "NotAction grants everything else; list the actions instead" });
        const actions = asArray(s.Action);
        const resources = asArray(s.Resource);
        if (actions.length === 0 && (s as any).NotAction === undefined) problems.push({ index, message: "needs at least one Action" });
        if (resources.length === 0) problems.push({ index, message: "needs at least one Resource" });
        if (s.Effect === "Deny") return;
        for (const a of actions) {
            if (typeof a !== "string") {
                problems.push({ index, message: `Action ${JSON.stringify(a)} is not a string` });
            } else if (a === "*") {
                problems.push({ index, message: 'Action "*" grants every AWS action; name the actions the app calls' });
            } else if (/^[A-Za-z0-9-]+:\*$/.test(a)) {
                problems.push({ index, message: `Action "${a}" grants every action of the service; name the actions the app calls` });
            }
        }
        if (resources.includes("*")) {
            const writes = actions.filter((a) => typeof a === "string" && a !== "*" && !/:\*$/.test(a) && !isReadOnlyAction(a) && !UNSCOPABLE_ACTIONS.includes(a));
            if (writes.length > 0) {
                problems.push({ index, message: `write actions ${writes.join(", ")} on Resource "*"; name the resource ARNs` });
            }
        }
    });
    return problems;
}
