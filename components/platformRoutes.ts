/**
 * The routes services hold on each platform's shared listener, within one Pulumi program. Keyed by
 * the platform handle object, so two services given the same handle are checked against each other
 * at plan time; services in other programs (other projects or stacks) are not visible here, which is
 * why explicit priorities are recommended across projects.
 */
import type { PlatformHandle } from "./platform";
import { ClaimedRoute, RouteRequest, claimRoute } from "./lib/elb/listenerRules";

const routesByPlatform = new WeakMap<PlatformHandle, ClaimedRoute[]>();
const platformLabels = new WeakMap<PlatformHandle, string>();

/** Name a handle in error messages (e.g. `"shared"` for a Platform, `stack acme/platform/dev` for a reference). */
export function labelPlatform(handle: PlatformHandle, label: string): void {
    platformLabels.set(handle, label);
}

/** How error messages name a handle's platform. */
export function platformLabel(handle: PlatformHandle): string {
    return platformLabels.get(handle) ?? "(unnamed handle)";
}

/** Claim a route on the handle's listener: its final priority, or an Error when it collides with a route claimed earlier. */
export function claimPlatformRoute(handle: PlatformHandle, request: RouteRequest): ClaimedRoute {
    const existing = routesByPlatform.get(handle) ?? [];
    const claimed = claimRoute(existing, request, platformLabel(handle));
    routesByPlatform.set(handle, [...existing, claimed]);
    return claimed;
}

/** The routes claimed on a handle so far, in claim order. */
export function platformRoutes(handle: PlatformHandle): readonly ClaimedRoute[] {
    return routesByPlatform.get(handle) ?? [];
}
