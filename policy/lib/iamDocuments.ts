/**
 * IAM identity, trust, KMS key and resource policy documents: parsing from either the JSON-string
 * (input) shape or the already-parsed (output) shape, statement normalisation, IAM wildcard
 * matching and condition look-ups. What an action is (access level, resource types) comes from the
 * IAM data set in `rules/iamActions.ts`, shared with config validation.
 */
import { hasIamWildcard, iamWildcardRegExp } from "../../rules/iamActions";
import { isUnknownSentinel } from "../../rules/unknownValues";
import { isUnknownError } from "./policyKit";

/** The preview "unknown" sentinels, shared with the offline plan (`rules/unknownValues.ts`). */
export { isUnknownSentinel, UNKNOWN_SENTINELS } from "../../rules/unknownValues";

/** A `Principal` (or `NotPrincipal`) block with every member normalised to a string array. */
export interface NormalizedPrincipal {
    /** `"Principal": "*"`: everyone, including anonymous callers. */
    everyone: boolean;
    aws: string[];
    service: string[];
    federated: string[];
    canonicalUser: string[];
}

/** Condition block: operator (e.g. `StringEquals`) → condition key → values as strings. */
export type ConditionBlock = Record<string, Record<string, string[]>>;

/** One statement with every list-valued element normalised to an array. */
export interface PolicyStatement {
    /** Position of the statement in the document (0-based), for messages. */
    index: number;
    sid?: string;
    effect: "Allow" | "Deny";
    actions: string[];
    notActions: string[];
    resources: string[];
    notResources: string[];
    principal?: NormalizedPrincipal;
    notPrincipal?: NormalizedPrincipal;
    condition: ConditionBlock;
}

/** A parsed, normalised policy document. */
export interface PolicyDocument {
    version?: string;
    statements: PolicyStatement[];
}

/** Outcome of reading a document: not given, unknown in preview, malformed, or parsed. */
export type ParsedDocument = { status: "absent" } | { status: "unknown" } | { status: "unparseable"; reason: string } | { status: "parsed"; document: PolicyDocument };

/** Raised internally when a document is malformed; turned into an "unparseable" result. */
class MalformedDocument extends Error {}

/** Raised internally when a document contains an unknown sentinel; turned into an "unknown" result. */
class UnknownInDocument extends Error {}

/**
 * Parse a policy document given as a JSON string or an object. The unknown sentinel (or an SDK
 * unknown-value error while reading it) gives `unknown`; `undefined`, `null` or a blank string give
 * `absent`; invalid JSON or an invalid structure gives `unparseable` with the reason.
 */
export function parsePolicyDocument(value: unknown): ParsedDocument {
    try {
        if (value === undefined || value === null) return { status: "absent" };
        if (typeof value === "string") {
            if (isUnknownSentinel(value)) return { status: "unknown" };
            if (value.trim() === "") return { status: "absent" };
            let json: unknown;
            try {
                json = JSON.parse(value);
            } catch (e) {
                return { status: "unparseable", reason: `not valid JSON (${(e as Error).message})` };
            }
            return { status: "parsed", document: documentFromObject(json) };
        }
        return { status: "parsed", document: documentFromObject(value) };
    } catch (e) {
        if (e instanceof MalformedDocument) return { status: "unparseable", reason: e.message };
        if (e instanceof UnknownInDocument || isUnknownError(e)) return { status: "unknown" };
        throw e;
    }
}

/** Build a normalised document from a parsed JSON value; throws `MalformedDocument` on bad structure. */
function documentFromObject(json: unknown): PolicyDocument {
    if (!isPlainObject(json)) throw new MalformedDocument(`expected a JSON object, got ${describeType(json)}`);
    const raw = json.Statement;
    if (raw === undefined || raw === null) throw new MalformedDocument("the document has no Statement");
    assertKnown(raw);
    const list = Array.isArray(raw) ? raw : [raw];
    const version = typeof json.Version === "string" ? json.Version : undefined;
    return { version, statements: list.map((s, i) => normaliseStatement(s, i)) };
}

/** Normalise one statement; throws `MalformedDocument` when it is not a well-formed statement. */
export function normaliseStatement(raw: unknown, index: number): PolicyStatement {
    if (!isPlainObject(raw)) throw new MalformedDocument(`Statement[${index}] is ${describeType(raw)}, not an object`);
    return {
        index,
        sid: typeof raw.Sid === "string" ? raw.Sid : undefined,
        effect: normaliseEffect(raw.Effect, index),
        actions: toStringList(raw.Action, `Statement[${index}].Action`),
        notActions: toStringList(raw.NotAction, `Statement[${index}].NotAction`),
        resources: toStringList(raw.Resource, `Statement[${index}].Resource`),
        notResources: toStringList(raw.NotResource, `Statement[${index}].NotResource`),
        principal: raw.Principal === undefined ? undefined : normalisePrincipal(raw.Principal, `Statement[${index}].Principal`),
        notPrincipal: raw.NotPrincipal === undefined ? undefined : normalisePrincipal(raw.NotPrincipal, `Statement[${index}].NotPrincipal`),
        condition: normaliseCondition(raw.Condition, `Statement[${index}].Condition`),
    };
}

/** `Effect` defaults to Allow; only `Allow` and `Deny` (any case) are valid. */
function normaliseEffect(value: unknown, index: number): "Allow" | "Deny" {
    if (value === undefined) return "Allow";
    assertKnown(value);
    if (typeof value === "string" && value.toLowerCase() === "allow") return "Allow";
    if (typeof value === "string" && value.toLowerCase() === "deny") return "Deny";
    throw new MalformedDocument(`Statement[${index}].Effect must be Allow or Deny, got ${JSON.stringify(value)}`);
}

/** A string or an array of strings as an array; `undefined` as an empty array. */
export function toStringList(value: unknown, where = "value"): string[] {
    if (value === undefined || value === null) return [];
    assertKnown(value);
    if (typeof value === "string") return [value];
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
        value.forEach(assertKnown);
        return [...value];
    }
    throw new MalformedDocument(`${where} must be a string or an array of strings`);
}

/** Normalise `"*"` or `{AWS|Service|Federated|CanonicalUser: string | string[]}`. */
export function normalisePrincipal(value: unknown, where = "Principal"): NormalizedPrincipal {
    assertKnown(value);
    const out: NormalizedPrincipal = { everyone: false, aws: [], service: [], federated: [], canonicalUser: [] };
    if (value === "*") return { ...out, everyone: true };
    if (typeof value === "string") return { ...out, aws: [value] };
    if (!isPlainObject(value)) throw new MalformedDocument(`${where} must be "*" or an object`);
    out.aws = toStringList(value.AWS, `${where}.AWS`);
    out.service = toStringList(value.Service, `${where}.Service`);
    out.federated = toStringList(value.Federated, `${where}.Federated`);
    out.canonicalUser = toStringList(value.CanonicalUser, `${where}.CanonicalUser`);
    return out;
}

/** Normalise a `Condition` block to operator → key → string values. */
function normaliseCondition(value: unknown, where: string): ConditionBlock {
    if (value === undefined || value === null) return {};
    assertKnown(value);
    if (!isPlainObject(value)) throw new MalformedDocument(`${where} must be an object`);
    const out: ConditionBlock = {};
    for (const [operator, entries] of Object.entries(value)) {
        if (!isPlainObject(entries)) throw new MalformedDocument(`${where}.${operator} must be an object`);
        out[operator] = {};
        for (const [key, v] of Object.entries(entries)) {
            const values = Array.isArray(v) ? v : [v];
            values.forEach(assertKnown);
            out[operator][key] = values.map((x) => String(x));
        }
    }
    return out;
}

/** Throw `UnknownInDocument` when a raw value is a preview sentinel. */
function assertKnown(value: unknown): void {
    if (isUnknownSentinel(value)) throw new UnknownInDocument();
}

/** True for a non-null, non-array object. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A short type description for messages. */
function describeType(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "an array";
    return `a ${typeof value}`;
}

/** Label of a statement for messages: its Sid when present, else its position. */
export function statementLabel(s: PolicyStatement): string {
    return s.sid ? `statement "${s.sid}"` : `statement #${s.index + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Wildcards and matching
// ---------------------------------------------------------------------------------------------

/** True when an IAM string contains the `*` or `?` wildcard (`rules/iamActions.ts`). */
export const hasWildcard = hasIamWildcard;

/** Convert an IAM wildcard pattern (`*` = any run, `?` = one character) to an anchored RegExp (`rules/iamActions.ts`). */
export const wildcardToRegExp = iamWildcardRegExp;

/** IAM wildcard match. Actions compare case-insensitively; resources and principals do not. */
export function wildcardMatch(pattern: string, value: string, caseInsensitive = false): boolean {
    return wildcardToRegExp(pattern, caseInsensitive).test(value);
}

/** True when the action pattern `pattern` (e.g. `s3:Get*`) matches the action `action`. */
export function actionMatches(pattern: string, action: string): boolean {
    return wildcardMatch(pattern, action, true);
}

/** True when an Allow statement grants `action`, through `Action` or through `NotAction`. */
export function statementAllowsAction(s: PolicyStatement, action: string): boolean {
    if (s.effect !== "Allow") return false;
    if (s.actions.some((p) => actionMatches(p, action))) return true;
    return s.notActions.length > 0 && !s.notActions.some((p) => actionMatches(p, action));
}

/**
 * True for a resource that names every resource: `*`, or an ARN whose every field after the
 * partition is a wildcard or empty (`arn:aws:*:*:*:*`, `arn:*`).
 */
export function isWildcardResource(resource: string): boolean {
    if (resource === "*") return true;
    if (!resource.startsWith("arn:")) return false;
    const fields = resource.split(":").slice(1);
    const [partition, ...rest] = fields;
    if (partition === "*") return true;
    return rest.length > 0 && rest.every((f) => f === "*" || f === "");
}

/** True when an Allow statement applies to every resource: `Resource` contains a wildcard resource, or `NotResource` is used. */
export function statementIsUnscoped(s: PolicyStatement): boolean {
    return s.resources.some(isWildcardResource) || s.notResources.length > 0;
}

/** True when a principal block admits everyone: `"*"`, or an `AWS` entry containing `*`. */
export function principalIsEveryone(p: NormalizedPrincipal | undefined): boolean {
    return !!p && (p.everyone || p.aws.some((a) => a.includes("*")));
}

/** One condition entry: the operator, the key as written, and its values. */
export interface ConditionEntry {
    operator: string;
    key: string;
    values: string[];
}

/** Every condition entry on `key` (condition keys compare case-insensitively), under any operator. */
export function conditionEntries(s: PolicyStatement, key: string): ConditionEntry[] {
    const wanted = key.toLowerCase();
    const out: ConditionEntry[] = [];
    for (const [operator, entries] of Object.entries(s.condition)) {
        for (const [k, values] of Object.entries(entries)) {
            if (k.toLowerCase() === wanted) out.push({ operator, key: k, values });
        }
    }
    return out;
}

/** True when the statement has any condition at all. */
export function hasAnyCondition(s: PolicyStatement): boolean {
    return Object.values(s.condition).some((entries) => Object.keys(entries).length > 0);
}

/** True when the statement conditions on any of `keys`. */
export function hasConditionOn(s: PolicyStatement, keys: readonly string[]): boolean {
    return keys.some((k) => conditionEntries(s, k).length > 0);
}

// ---------------------------------------------------------------------------------------------
// Allow-lists (access levels and resource types come from the IAM data set in rules/)
// ---------------------------------------------------------------------------------------------

/**
 * True when an allow-list covers an action or action pattern: an entry equal to it, or an entry
 * whose wildcards match it literally (entry `ssmmessages:*` covers `ssmmessages:Open*`).
 */
export function isActionAllowListed(action: string, allowList: readonly string[]): boolean {
    return allowList.some((entry) => actionMatches(entry, action));
}
