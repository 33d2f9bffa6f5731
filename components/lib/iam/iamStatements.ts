/**
 * IAM policy statements for the roles we build, and the checks applied to statements users add
 * to the task role. Pure functions; the components only wire the results.
 */

import { StatementEffect } from "../enums";
import { iamDocumentProblems } from "../../../rules/iamDocument";
import { unscopedRiskyGrants } from "../../../rules/iamScope";

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
    /**
     * Statement id.
     * @default none
     */
    Sid?: string;
    /**
     * "Allow" or "Deny".
     * @default "Allow"
     */
    Effect?: StatementEffect;
    /** Actions, e.g. ["s3:GetObject"]. */
    Action: string[];
    /** Resource ARNs. */
    Resource: string[];
    /**
     * Conditions: operator → key → values.
     * @default none
     */
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

/** One problem with a user statement, phrased for a config error. */
export interface StatementProblem {
    index: number;
    message: string;
    /**
     * `broad`: least privilege (a wildcard action, NotAction, a write on `*`); the
     * `allowBroadTaskRolePermissions` escape hatch accepts it. `invalid`: AWS would refuse the
     * statement, or it grants nothing (an action that does not exist, a resource of a type the
     * actions do not apply to); nothing accepts it.
     */
    kind: "broad" | "invalid";
}

/**
 * Problems with statements users add to the task role, judged with the IAM data set
 * (`rules/`, the same facts the policy pack uses). Invalid: a malformed statement, an action that
 * does not exist (with the closest real one), a resource ARN of a type none of the actions apply
 * to, or a specific ARN for an action AWS only matches with `*`. Broad: an action `*` or
 * `service:*`, a `NotAction`, or, on `Resource: "*"`, an action that could be scoped and whose
 * documented access level is Write, Permissions management or Tagging, or that exposes
 * credentials. Deny statements are never broad. Actions that cannot be scoped (e.g.
 * `xray:PutTraceSegments`) and reads (e.g. `s3:ListAllMyBuckets`) are fine on `*`.
 */
export function taskRoleStatementProblems(statements: (PolicyStatementInput | PolicyStatement)[]): StatementProblem[] {
    const problems: StatementProblem[] = [];
    const invalid = (index: number, message: string) => problems.push({ index, message, kind: "invalid" });
    const broad = (index: number, message: string) => problems.push({ index, message, kind: "broad" });
    statements.forEach((s, index) => {
        if (!s || typeof s !== "object") {
            invalid(index, "must be an object with Action and Resource");
            return;
        }
        if (s.Effect !== undefined && s.Effect !== "Allow" && s.Effect !== "Deny") {
            invalid(index, `Effect must be "Allow" or "Deny", got ${JSON.stringify(s.Effect)}`);
        }
        if ((s as any).NotAction !== undefined) broad(index, "NotAction grants everything else; list the actions instead");
        const actions = asArray(s.Action);
        const resources = asArray(s.Resource);
        if (actions.length === 0 && (s as any).NotAction === undefined) invalid(index, "needs at least one Action");
        if (resources.length === 0) invalid(index, "needs at least one Resource");
        for (const a of actions) if (typeof a !== "string") invalid(index, `Action ${JSON.stringify(a)} is not a string`);
        if (actions.every((a) => typeof a === "string") && resources.every((r) => typeof r === "string") && actions.length > 0 && resources.length > 0) {
            // What AWS would refuse or what grants nothing, from the IAM data set (the Effect default is the documented one).
            const doc = { Version: "2012-10-17", Statement: { ...s, Effect: s.Effect === "Deny" ? "Deny" : "Allow" } };
            for (const p of iamDocumentProblems(doc, { kind: "identity", resource: "taskRoleStatements", property: "statement" })) {
                invalid(index, `${p.property.replace(/^statement\.Statement\.?/, "") || "statement"}: ${p.rule}`);
            }
        }
        if (s.Effect === "Deny") return;
        for (const a of actions) {
            if (a === "*") {
                broad(index, 'Action "*" grants every AWS action; name the actions the app calls');
            } else if (typeof a === "string" && /^[A-Za-z0-9-]+:\*$/.test(a)) {
                broad(index, `Action "${a}" grants every action of the service; name the actions the app calls`);
            }
        }
        if (resources.includes("*")) {
            const risky = unscopedRiskyGrants(actions.filter((a): a is string => typeof a === "string" && a !== "*" && !/:\*$/.test(a)));
            if (risky.length > 0) {
                const described = risky.map((g) => `${g.entry} (${g.risks.join(", ")})`).join(", ");
                broad(index, `write actions ${described} on Resource "*" can be scoped; name the resource ARNs`);
            }
        }
    });
    return problems;
}
