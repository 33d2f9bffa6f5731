/**
 * The routes services hold on a platform's shared listener, kept on the platform handle itself: two
 * services given the same handle are checked against each other at plan time. The registry is a
 * non-enumerable property of the handle object (the handle's type stays plain data, so it can be
 * exported, read from a stack reference, and described by `pulumi package add`); nothing is kept at
 * module level. Services in other programs (other projects or stacks) are not visible here, which is
 * why explicit priorities are recommended across projects.
 */
import { ClaimedRoute, RouteRequest, claimRoute } from "./lib/elb/listenerRules";

/** The routes claimed on one platform's listener within this program, and how errors name the platform. */
export class PlatformRoutes {
    private readonly claimed: ClaimedRoute[] = [];

    /** `label` names the platform in error messages, e.g. `"shared"` or `stack acme/platform/dev`. */
    constructor(readonly label: string) {}

    /** Claim a route: its final priority, or an Error when it collides with a route claimed earlier. */
    claim(request: RouteRequest): ClaimedRoute {
        const route = claimRoute(this.claimed, request, this.label);
        this.claimed.push(route);
        return route;
    }

    /** The routes claimed so far, in claim order. */
    get routes(): readonly ClaimedRoute[] {
        return this.claimed;
    }
}

/** The property a handle keeps its registry under (a symbol: invisible to JSON, schemas and `Object.keys`). */
const REGISTRY = Symbol.for("fargatekit.platformRoutes");

/** Give a handle its registry, labelled for error messages; returns the handle. */
export function withRoutes<H extends object>(handle: H, label: string): H {
    Object.defineProperty(handle, REGISTRY, { value: new PlatformRoutes(label), enumerable: false, writable: false });
    return handle;
}

/** The registry of a handle; a handle built by hand gets one on first use, so services sharing that object are still checked together. */
export function routesOf(handle: object): PlatformRoutes {
    if (!(REGISTRY in handle)) withRoutes(handle, "(unnamed handle)");
    return (handle as Record<symbol, PlatformRoutes>)[REGISTRY];
}
