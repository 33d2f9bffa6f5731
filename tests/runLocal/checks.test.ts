import * as assert from "assert";
import {
    defaultTimeout,
    dependencyDecision,
    initialContainerHealth,
    INITIAL_TARGET,
    ObservedContainer,
    parseMatcher,
    recordContainerCheck,
    recordTargetCheck,
    taskHealth,
} from "../../tools/runLocal/checks";
import { parseContainer } from "../../tools/runLocal/task";

const hc = { command: ["CMD", "true"], interval: 10, timeout: 5, retries: 3, startPeriod: 25 };
const tg = { path: "/health", matcher: "200-399", interval: 15, timeout: 5, healthyThreshold: 3, unhealthyThreshold: 2 };

describe("run-local: ECS and ELB health rules", () => {
    it("container health check: first check one interval after start, failures in the start period do not count, retries failures make it UNHEALTHY", () => {
        let s = initialContainerHealth(hc);
        assert.equal(s.nextAt, 10);
        s = recordContainerCheck(s, hc, 10, false);
        s = recordContainerCheck(s, hc, 20, false);
        assert.deepEqual([s.status, s.failures], ["UNKNOWN", 0], "inside the 25 s start period");
        s = recordContainerCheck(s, hc, 30, false);
        s = recordContainerCheck(s, hc, 40, false);
        assert.equal(s.status, "UNKNOWN");
        s = recordContainerCheck(s, hc, 50, false);
        assert.deepEqual([s.status, s.failures, s.nextAt], ["UNHEALTHY", 3, 60]);
        s = recordContainerCheck(s, hc, 60, true);
        assert.deepEqual([s.status, s.failures], ["HEALTHY", 0]);
    });

    it("a pass inside the start period makes the container HEALTHY at once, and later failures count", () => {
        let s = recordContainerCheck(initialContainerHealth(hc), hc, 10, true);
        assert.equal(s.status, "HEALTHY");
        s = recordContainerCheck(s, hc, 20, false);
        assert.equal(s.failures, 1, "the start period no longer shields it");
    });

    it("target group: a new target is healthy after one pass; unhealthyThreshold failures make it unhealthy; then healthyThreshold passes", () => {
        assert.equal(recordTargetCheck(INITIAL_TARGET, tg, true, "200").status, "healthy");
        let s = recordTargetCheck(INITIAL_TARGET, tg, false, "refused");
        assert.equal(s.status, "initial");
        s = recordTargetCheck(s, tg, false, "refused");
        assert.equal(s.status, "unhealthy");
        s = recordTargetCheck(s, tg, true, "200");
        s = recordTargetCheck(s, tg, true, "200");
        assert.equal(s.status, "unhealthy");
        s = recordTargetCheck(s, tg, true, "200");
        assert.equal(s.status, "healthy");
        assert.equal(recordTargetCheck(s, tg, false, "404").status, "healthy", "one failure is below the threshold");
    });

    it("matcher: single codes, lists and ranges; anything else is refused", () => {
        const m = parseMatcher("200,204,300-399");
        assert.deepEqual([200, 204, 301, 399, 201, 404].map(m), [true, true, true, true, false, false]);
        assert.throws(() => parseMatcher("2xx"), /"2xx" is not a code/);
    });

    it("dependsOn: START, COMPLETE, SUCCESS and HEALTHY, and conditions that can no longer be met", () => {
        const c = (condition: string) => parseContainer({ name: "app", image: "i", dependsOn: [{ containerName: "init", condition }] });
        const obs = (o: Partial<ObservedContainer>): Record<string, ObservedContainer> => ({ init: { started: false, exited: false, health: "UNKNOWN", ...o } });
        assert.equal(dependencyDecision(c("START"), obs({})).kind, "wait");
        assert.equal(dependencyDecision(c("START"), obs({ started: true })).kind, "start");
        assert.equal(dependencyDecision(c("COMPLETE"), obs({ started: true })).kind, "wait");
        assert.equal(dependencyDecision(c("COMPLETE"), obs({ started: true, exited: true, exitCode: 1 })).kind, "start");
        assert.equal(dependencyDecision(c("SUCCESS"), obs({ started: true, exited: true, exitCode: 0 })).kind, "start");
        const failed = dependencyDecision(c("SUCCESS"), obs({ started: true, exited: true, exitCode: 1 }));
        assert.deepEqual(failed, { kind: "never", reason: "it waits for init to exit 0 (dependsOn SUCCESS), and init exited with code 1" });
        assert.equal(dependencyDecision(c("HEALTHY"), obs({ started: true })).kind, "wait");
        assert.equal(dependencyDecision(c("HEALTHY"), obs({ started: true, health: "HEALTHY" })).kind, "start");
        assert.equal(dependencyDecision(c("HEALTHY"), obs({ started: true, health: "UNHEALTHY" })).kind, "never");
        assert.equal(dependencyDecision(c("HEALTHY"), obs({ started: true, exited: true, exitCode: 0 })).kind, "never");
        assert.equal(dependencyDecision(c("START"), {}).kind, "never");
        assert.deepEqual(dependencyDecision(c("HEALTHY"), obs({ started: true, healthCheck: false })), {
            kind: "never",
            reason: "it waits for init to be HEALTHY (dependsOn HEALTHY), and init has no healthCheck, which that condition requires (ECS ContainerDependency); give init a health check or use START",
        });
    });

    it("task health: essential containers' checks decide; non-essential ones only when no essential container has one, and then never HEALTHY", () => {
        const app = parseContainer({ name: "app", image: "i", healthCheck: hc });
        const side = parseContainer({ name: "side", image: "i", essential: false, healthCheck: hc });
        const plain = parseContainer({ name: "app", image: "i" });
        assert.deepEqual(taskHealth([app, side], { app: "HEALTHY", side: "UNHEALTHY" }), { status: "HEALTHY", nonEssentialOnly: false }, "a non-essential failure does not count");
        assert.equal(taskHealth([app, side], { app: "UNKNOWN", side: "HEALTHY" }).status, "UNKNOWN");
        assert.equal(taskHealth([app, side], { app: "UNHEALTHY", side: "HEALTHY" }).unhealthy, app);
        assert.deepEqual(taskHealth([plain], { app: "UNKNOWN" }), { status: "NONE", nonEssentialOnly: false });
        assert.deepEqual(
            taskHealth([plain, side], { app: "UNKNOWN", side: "HEALTHY" }),
            { status: "UNKNOWN", nonEssentialOnly: true },
            "only non-essential checks: UNKNOWN for good",
        );
        assert.equal(taskHealth([plain, side], { app: "UNKNOWN", side: "UNHEALTHY" }).unhealthy, side);
    });

    it("the default timeout leaves room for the grace period and every check to decide", () => {
        const c = parseContainer({ name: "app", image: "i", healthCheck: hc });
        // grace 60 + container (start period 25 + 10 × 4 = 65) + 30
        assert.equal(defaultTimeout([c], tg, 60), 155);
        // target group 15 × (3 + 1) = 60 outweighs a container without a health check
        assert.equal(defaultTimeout([parseContainer({ name: "x", image: "i" })], tg, 0), 90);
    });
});
