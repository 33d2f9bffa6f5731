import * as assert from "node:assert/strict";
import { runStack, REPO_ROOT } from "../helpers/offline";
import { allPolicies } from "../../policy/policies";
import { evaluateInProcess } from "../../tools/analyzer/inProcess";
import { toPolicyInputs, loadPolicyProfile } from "../../tools/plan/plan";
import { Violation } from "../../tools/analyzer/types";

async function verdicts(stack: string, overrides: Record<string, unknown>): Promise<Violation[]> {
    const run = await runStack(stack, overrides);
    return evaluateInProcess(allPolicies, toPolicyInputs(run.resources), loadPolicyProfile(REPO_ROOT, stack));
}

const names = (v: Violation[], level: string) => [...new Set(v.filter((x) => x.level === level).map((x) => x.policy))].sort();

const NIGHTLY = { name: "cleanup", schedule: "cron(0 3 * * ? *)", timezone: "Europe/Paris", command: ["python", "manage.py", "clearsessions"] };

describe("policy pack on traffic-shifting rollouts and scheduled tasks", () => {
    it("prod with blueGreen, a test listener on 8443 and a scheduled task has no violation at all", async () => {
        assert.deepEqual(await verdicts("prod", { deploymentStrategy: "blueGreen", testListenerPort: 8443, scheduledTasks: [NIGHTLY] }), []);
    });

    it("prod with canary and with linear has no violation at all", async () => {
        assert.deepEqual(await verdicts("prod", { deploymentStrategy: "canary", canaryPercent: 5 }), []);
        assert.deepEqual(await verdicts("prod", { deploymentStrategy: "linear", testListenerPort: 9443 }), []);
    });

    it("dev with linear, an HTTP test listener and a scheduled task has no mandatory violation, and no advisory beyond dev's own", async () => {
        const v = await verdicts("dev", { deploymentStrategy: "linear", testListenerPort: 8080, scheduledTasks: [NIGHTLY] });
        assert.deepEqual(names(v, "mandatory"), []);
        assert.deepEqual(names(v, "advisory"), [
            "autoscaling-capacity-bounds",
            "cloudwatch-log-group-retention-minimum",
            "ecs-cluster-container-insights",
            "ecs-service-no-public-ip",
            "lb-access-logs",
            "lb-deletion-protection",
            "lb-listener-https-only",
            "lb-waf-on-public-alb",
        ]);
    });
});
