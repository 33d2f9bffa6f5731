import * as assert from "node:assert/strict";
import {
    ALLOCATED_PRIORITY_MAX,
    ALLOCATED_PRIORITY_MIN,
    ClaimedRoute,
    allocatePriority,
    claimRoute,
    listenerRuleConditions,
    overlappingMatch,
    routeRequestProblems,
    routeUrl,
} from "../../components/lib/elb/listenerRules";

const route = (service: string, priority: number, pathPatterns: string[], hostHeaders: string[] = [], explicit = true): ClaimedRoute => ({
    service,
    priority,
    pathPatterns,
    hostHeaders,
    explicit,
});

describe("platform routing: listener rules of services sharing one listener", () => {
    it("allocates a deterministic priority from the service name, skipping taken ones", () => {
        assert.equal(allocatePriority("orders", new Set()), 7387);
        assert.equal(allocatePriority("orders", new Set([7387])), 7388);
        assert.equal(allocatePriority("orders", new Set([7387, 7388])), 7389);
        const p = allocatePriority("a-very-long-service-name", new Set());
        assert.ok(p >= ALLOCATED_PRIORITY_MIN && p <= ALLOCATED_PRIORITY_MAX, String(p));
    });

    it("wraps around the allocation range", () => {
        const all = new Set<number>();
        for (let p = ALLOCATED_PRIORITY_MIN; p <= ALLOCATED_PRIORITY_MAX; p++) all.add(p);
        all.delete(ALLOCATED_PRIORITY_MIN);
        assert.equal(allocatePriority("orders", all), ALLOCATED_PRIORITY_MIN);
        all.add(ALLOCATED_PRIORITY_MIN);
        assert.throws(() => allocatePriority("orders", all), /^Error: No free listener priority from 1000 to 49999 for orders; give it an explicit listenerPriority$/);
    });

    it("finds the requests two routes would both match", () => {
        assert.deepEqual(overlappingMatch({ hostHeaders: [], pathPatterns: ["/orders/*"] }, { hostHeaders: [], pathPatterns: ["/orders/*", "/v2/*"] }), {
            host: "",
            path: "/orders/*",
        });
        assert.deepEqual(overlappingMatch({ hostHeaders: ["API.example.com"], pathPatterns: [] }, { hostHeaders: ["api.example.com"], pathPatterns: [] }), {
            host: "api.example.com",
            path: "",
        });
        assert.equal(
            overlappingMatch({ hostHeaders: [], pathPatterns: ["/api/*"] }, { hostHeaders: [], pathPatterns: ["/*"] }),
            undefined,
            "a more specific path is ordered by priority, not a clash",
        );
        assert.equal(overlappingMatch({ hostHeaders: ["a.example.com"], pathPatterns: ["/x"] }, { hostHeaders: ["b.example.com"], pathPatterns: ["/x"] }), undefined);
        assert.equal(overlappingMatch({ hostHeaders: ["a.example.com"], pathPatterns: [] }, { hostHeaders: [], pathPatterns: [] }), undefined);
    });

    it("claims explicit and allocated priorities next to existing routes", () => {
        const existing = [route("web", 50000, ["/*"]), route("orders", 7387, ["/orders/*"], [], false)];
        assert.deepEqual(claimRoute(existing, { service: "api", hostHeaders: [], pathPatterns: ["/api/*"], priority: 100 }, '"shared"'), route("api", 100, ["/api/*"]));
        assert.deepEqual(
            claimRoute(existing, { service: "pay", hostHeaders: ["pay.example.com"], pathPatterns: [] }, '"shared"'),
            route("pay", allocatePriority("pay", new Set([50000, 7387])), [], ["pay.example.com"], false),
        );
    });

    it("refuses a second service of the same name, an explicit priority already used, and overlapping conditions, naming both services", () => {
        const existing = [route("orders", 7387, ["/orders/*"], [], false), route("web", 50000, ["/*"])];
        assert.throws(
            () => claimRoute(existing, { service: "orders", hostHeaders: [], pathPatterns: ["/v2/orders/*"] }, '"shared"'),
            new Error(
                'WebService orders: platform "shared" already has a service named "orders". Service names must be unique on a platform (they name the ECS service in the shared cluster, its log group and its listener rule); rename one of the two.',
            ),
        );
        assert.throws(
            () => claimRoute(existing, { service: "api", hostHeaders: [], pathPatterns: ["/api/*"], priority: 7387 }, '"shared"'),
            new Error(
                'WebService api: listener priority 7387 is already used by WebService orders on platform "shared" (allocated from its name). Give api another listenerPriority (1–50000), or leave it unset to allocate a free one.',
            ),
        );
        assert.throws(
            () => claimRoute(existing, { service: "shop", hostHeaders: [], pathPatterns: ["/orders/*"], priority: 10 }, '"shared"'),
            new Error(
                'WebService shop: its listener rule matches the same requests as WebService orders on platform "shared" (any host, path /orders/*); only the rule with the lower priority would ever see them. Give shop a different pathPatterns or hostHeaders entry.',
            ),
        );
    });

    it("lists what is wrong with a route request on its own", () => {
        assert.deepEqual(routeRequestProblems({ service: "a", hostHeaders: [], pathPatterns: [] }), [
            "a service on a platform needs at least one hostHeaders or pathPatterns entry (the shared listener answers 404 to everything else)",
        ]);
        assert.deepEqual(routeRequestProblems({ service: "a", hostHeaders: ["a.example.com", "b.example.com"], pathPatterns: ["/a", "/b", "/c", "/d"], priority: 0 }), [
            "hostHeaders and pathPatterns have 6 values together; an ALB listener rule allows at most 5",
            "listenerPriority 0 is not an integer from 1 to 50000",
        ]);
        assert.deepEqual(routeRequestProblems({ service: "a", hostHeaders: ["bad host"], pathPatterns: ["orders"], priority: 1.5 }), [
            'host header "bad host" is not a host name (letters, digits, "-", "." and the wildcards "*" and "?", at most 128 characters)',
            'path pattern "orders" must start with "/" and have at most 128 characters',
            "listenerPriority 1.5 is not an integer from 1 to 50000",
        ]);
        assert.deepEqual(routeRequestProblems({ service: "a", hostHeaders: ["*.example.com"], pathPatterns: ["/x/*"], priority: 50000 }), []);
    });

    it("builds the rule's conditions and the service URL", () => {
        assert.deepEqual(listenerRuleConditions(["api.example.com"], ["/v1/*"]), [{ hostHeader: { values: ["api.example.com"] } }, { pathPattern: { values: ["/v1/*"] } }]);
        assert.deepEqual(listenerRuleConditions([], ["/v1/*"]), [{ pathPattern: { values: ["/v1/*"] } }]);
        assert.equal(routeUrl("https://alb-1.us-east-1.elb.amazonaws.com", [], ["/orders/*"]), "https://alb-1.us-east-1.elb.amazonaws.com/orders/");
        assert.equal(routeUrl("https://alb-1.us-east-1.elb.amazonaws.com", ["*.example.com", "api.example.com"], []), "https://api.example.com");
        assert.equal(routeUrl("http://alb-1.us-east-1.elb.amazonaws.com", ["*.example.com"], ["/v?/items"]), "http://alb-1.us-east-1.elb.amazonaws.com/v");
    });
});
