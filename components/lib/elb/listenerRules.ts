/**
 * Routing of services that share one ALB listener: which requests a service's listener rule matches
 * (host headers and path patterns), its priority, and when two services' rules clash. Pure functions.
 */
import { createHash } from "crypto";

/** Listener rule priorities AWS accepts (lower numbers are evaluated first). */
export const LISTENER_PRIORITY_MIN = 1;
export const LISTENER_PRIORITY_MAX = 50000;

/** The range priorities are allocated from when a service gives none (leaves room on both sides for explicit ones). */
export const ALLOCATED_PRIORITY_MIN = 1000;
export const ALLOCATED_PRIORITY_MAX = 49999;

/** AWS allows at most five condition values (host headers plus path patterns) in one rule. */
export const MAX_CONDITION_VALUES = 5;

/** What a service asks of the shared listener. */
export interface RouteRequest {
    /** The service (component) name. */
    service: string;
    /** Host headers matched (any of them). Empty: any host. */
    hostHeaders: string[];
    /** Path patterns matched (any of them). Empty: any path. */
    pathPatterns: string[];
    /** Explicit priority, or undefined to allocate one. */
    priority?: number;
}

/** A route a service holds on a listener, with its final priority. */
export interface ClaimedRoute {
    service: string;
    hostHeaders: string[];
    pathPatterns: string[];
    priority: number;
    /** True when the service chose the priority, false when it was allocated. */
    explicit: boolean;
}

/** Problems with a route request on its own (empty conditions, too many values, a bad priority), as sentences. */
export function routeRequestProblems(r: RouteRequest): string[] {
    const problems: string[] = [];
    const values = r.hostHeaders.length + r.pathPatterns.length;
    if (values === 0) problems.push("a service on a platform needs at least one hostHeaders or pathPatterns entry (the shared listener answers 404 to everything else)");
    if (values > MAX_CONDITION_VALUES) problems.push(`hostHeaders and pathPatterns have ${values} values together; an ALB listener rule allows at most ${MAX_CONDITION_VALUES}`);
    for (const h of r.hostHeaders) {
        if (!/^[A-Za-z0-9*?.-]{1,128}$/.test(h))
            problems.push(`host header "${h}" is not a host name (letters, digits, "-", "." and the wildcards "*" and "?", at most 128 characters)`);
    }
    for (const p of r.pathPatterns) {
        if (!p.startsWith("/") || p.length > 128) problems.push(`path pattern "${p}" must start with "/" and have at most 128 characters`);
    }
    if (r.priority !== undefined && (!Number.isInteger(r.priority) || r.priority < LISTENER_PRIORITY_MIN || r.priority > LISTENER_PRIORITY_MAX)) {
        problems.push(`listenerPriority ${r.priority} is not an integer from ${LISTENER_PRIORITY_MIN} to ${LISTENER_PRIORITY_MAX}`);
    }
    return problems;
}

/** The first priority at or after a hash of the service name (in the allocation range, wrapping) that is not taken. */
export function allocatePriority(service: string, taken: ReadonlySet<number>): number {
    const span = ALLOCATED_PRIORITY_MAX - ALLOCATED_PRIORITY_MIN + 1;
    const start = createHash("sha256").update(service).digest().readUInt32BE(0) % span;
    for (let i = 0; i < span; i++) {
        const candidate = ALLOCATED_PRIORITY_MIN + ((start + i) % span);
        if (!taken.has(candidate)) return candidate;
    }
    throw new Error(`No free listener priority from ${ALLOCATED_PRIORITY_MIN} to ${ALLOCATED_PRIORITY_MAX} for ${service}; give it an explicit listenerPriority`);
}

/** Host headers compare case-insensitively (DNS names); path patterns exactly. */
function normalisedHosts(hosts: string[]): string[] {
    return hosts.map((h) => h.toLowerCase());
}

/** Values both lists share; `[""]` (one "any" match) when both are empty. */
function shared(a: string[], b: string[]): string[] {
    if (a.length === 0 && b.length === 0) return [""];
    return a.filter((x) => b.includes(x));
}

/**
 * The (host, path) pair two routes would both match, or undefined when they are disjoint. Two routes
 * overlap when they share a host header (or both match any host) and share a path pattern (or both
 * match any path): the ALB would send those requests only to the rule with the lower priority.
 */
export function overlappingMatch(
    a: Pick<RouteRequest, "hostHeaders" | "pathPatterns">,
    b: Pick<RouteRequest, "hostHeaders" | "pathPatterns">,
): { host: string; path: string } | undefined {
    const hosts = shared(normalisedHosts(a.hostHeaders), normalisedHosts(b.hostHeaders));
    const paths = shared(a.pathPatterns, b.pathPatterns);
    if (hosts.length === 0 || paths.length === 0) return undefined;
    return { host: hosts[0], path: paths[0] };
}

/** "host api.example.com, path /orders/*" (an empty host or path reads "any host" / "any path"). */
export function describeMatch(m: { host: string; path: string }): string {
    return `${m.host ? `host ${m.host}` : "any host"}, ${m.path ? `path ${m.path}` : "any path"}`;
}

/**
 * Claim a route next to the routes already on the listener: the request's final priority, or an
 * Error naming both services, the clashing value and the fix when the name, the explicit priority or
 * the conditions collide. `platform` names the listener's platform in messages.
 */
export function claimRoute(existing: readonly ClaimedRoute[], r: RouteRequest, platform: string): ClaimedRoute {
    const problems = routeRequestProblems(r);
    if (problems.length > 0) throw new Error(`WebService ${r.service}: ${problems.join("; ")}.`);
    const sameName = existing.find((e) => e.service === r.service);
    if (sameName) {
        throw new Error(
            `WebService ${r.service}: platform ${platform} already has a service named "${r.service}". Service names must be unique on a platform ` +
                "(they name the ECS service in the shared cluster, its log group and its listener rule); rename one of the two.",
        );
    }
    for (const e of existing) {
        const overlap = overlappingMatch(e, r);
        if (overlap) {
            throw new Error(
                `WebService ${r.service}: its listener rule matches the same requests as WebService ${e.service} on platform ${platform} (${describeMatch(overlap)}); ` +
                    `only the rule with the lower priority would ever see them. Give ${r.service} a different pathPatterns or hostHeaders entry.`,
            );
        }
    }
    if (r.priority !== undefined) {
        const holder = existing.find((e) => e.priority === r.priority);
        if (holder) {
            const how = holder.explicit ? "set explicitly" : "allocated from its name";
            throw new Error(
                `WebService ${r.service}: listener priority ${r.priority} is already used by WebService ${holder.service} on platform ${platform} (${how}). ` +
                    `Give ${r.service} another listenerPriority (${LISTENER_PRIORITY_MIN}–${LISTENER_PRIORITY_MAX}), or leave it unset to allocate a free one.`,
            );
        }
        return { service: r.service, hostHeaders: r.hostHeaders, pathPatterns: r.pathPatterns, priority: r.priority, explicit: true };
    }
    const priority = allocatePriority(r.service, new Set(existing.map((e) => e.priority)));
    return { service: r.service, hostHeaders: r.hostHeaders, pathPatterns: r.pathPatterns, priority, explicit: false };
}

/** Listener rule conditions: one host-header condition and one path-pattern condition, each only when it has values. */
export function listenerRuleConditions(hostHeaders: string[], pathPatterns: string[]): ({ hostHeader: { values: string[] } } | { pathPattern: { values: string[] } })[] {
    return [...(hostHeaders.length > 0 ? [{ hostHeader: { values: hostHeaders } }] : []), ...(pathPatterns.length > 0 ? [{ pathPattern: { values: pathPatterns } }] : [])];
}

/**
 * Where a routed service answers: the platform URL's scheme with the first host header that has no
 * wildcard (else the platform's own host), followed by the literal start of the first path pattern.
 * E.g. ("https://alb.example", [], ["/orders/*"]) → "https://alb.example/orders/".
 */
export function routeUrl(platformUrl: string, hostHeaders: string[], pathPatterns: string[]): string {
    const match = /^([a-z]+):\/\/([^/]*)/.exec(platformUrl);
    const scheme = match ? match[1] : "http";
    const platformHost = match ? match[2] : platformUrl;
    const host = hostHeaders.find((h) => !/[*?]/.test(h)) ?? platformHost;
    const path = pathPatterns.length > 0 ? pathPatterns[0].split(/[*?]/)[0] : "";
    return `${scheme}://${host}${path}`;
}
