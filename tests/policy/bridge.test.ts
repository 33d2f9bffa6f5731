import * as assert from "node:assert/strict";
import { runStack, REPO_ROOT } from "../helpers/offline";
import { allPolicies } from "../../policy/policies";
import { evaluateInProcess } from "../../tools/analyzer/inProcess";
import { toPolicyInputs, loadPolicyProfile } from "../../tools/plan/plan";
import { Violation } from "../../tools/analyzer/types";

async function verdicts(stack: string, overrides: Record<string, unknown> = {}, profile = stack): Promise<Violation[]> {
    const run = await runStack(stack, overrides);
    return evaluateInProcess(allPolicies, toPolicyInputs(run.resources), loadPolicyProfile(REPO_ROOT, profile));
}

const names = (v: Violation[], level?: string) => [...new Set(v.filter((x) => !level || x.level === level).map((x) => x.policy))].sort();

describe("policy pack on our own stacks", () => {
    it("prod has no violation at all under the prod profile, nor under strict", async () => {
        const run = await runStack("prod");
        const inputs = toPolicyInputs(run.resources);
        assert.deepEqual(await evaluateInProcess(allPolicies, inputs, loadPolicyProfile(REPO_ROOT, "prod")), []);
        assert.deepEqual(await evaluateInProcess(allPolicies, inputs, loadPolicyProfile(REPO_ROOT, "strict")), []);
        // The access-log bucket is judged: without its TLS-only statement it fails.
        const noTls = inputs.map((r) =>
            r.type === "aws:s3/bucketPolicy:BucketPolicy"
                ? {
                      ...r,
                      props: {
                          ...r.props,
                          policy: JSON.stringify({ Version: "2012-10-17", Statement: JSON.parse(r.props.policy).Statement.filter((s: any) => s.Effect !== "Deny") }),
                      },
                  }
                : r,
        );
        assert.deepEqual(names(await evaluateInProcess(allPolicies, noTls, loadPolicyProfile(REPO_ROOT, "strict")), "mandatory"), ["s3-bucket-tls-only"]);
    });

    it("dev has no mandatory violation, and exactly the advisories the README explains", async () => {
        const v = await verdicts("dev");
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

    it("the dev stack judged by the prod profile fails exactly the production safeguards", async () => {
        const v = await verdicts("dev", {}, "prod");
        assert.ok(names(v, "mandatory").includes("ecs-service-no-public-ip"));
        assert.ok(names(v, "mandatory").includes("lb-listener-https-only"));
    });
});

describe("policy pack on deliberately broken configurations", () => {
    it("catches a task role statement with * built through the escape hatch", async () => {
        const v = await verdicts("prod", { taskRoleStatements: [{ Action: "*", Resource: "*" }], allowBroadTaskRolePermissions: true });
        assert.ok(names(v, "mandatory").includes("iam-no-wildcard-action"));
        assert.ok(names(v, "mandatory").includes("iam-no-full-admin"));
    });

    it("catches a plain HTTP listener in prod (no certificate)", async () => {
        const v = await verdicts("prod", { certificateArn: undefined });
        assert.ok(names(v, "mandatory").includes("lb-listener-https-only"));
    });

    it("catches a task definition in bridge mode built through the escape hatch", async () => {
        const { runOffline } = await import("../../tools/offline/engine");
        const { WebService } = await import("../../components/webService");
        const run = await runOffline(
            () =>
                new WebService("web", {
                    image: { uri: "public.ecr.aws/nginx/nginx-unprivileged:1.27" },
                    container: { port: 8080 },
                    task: { definitionOverrides: { networkMode: "bridge" } },
                }),
            { stack: "prod" },
        );
        const v = await evaluateInProcess(allPolicies, toPolicyInputs(run.resources), loadPolicyProfile(REPO_ROOT, "prod"));
        assert.ok(v.some((x) => x.policy === "ecs-task-awsvpc" && x.level === "mandatory"));
    });

    it("catches a log group without a key: advisory in prod (CloudWatch encrypts logs anyway), mandatory in strict", async () => {
        const run = await runStack("prod");
        const inputs = toPolicyInputs(run.resources).map((r) => (r.type === "aws:cloudwatch/logGroup:LogGroup" ? { ...r, props: { ...r.props, kmsKeyId: undefined } } : r));
        const v = await evaluateInProcess(allPolicies, inputs, loadPolicyProfile(REPO_ROOT, "prod"));
        assert.ok(names(v, "advisory").includes("cloudwatch-log-group-kms-encrypted"));
        const strict = await evaluateInProcess(allPolicies, inputs, loadPolicyProfile(REPO_ROOT, "strict"));
        assert.ok(names(strict, "mandatory").includes("cloudwatch-log-group-kms-encrypted"));
    });

    it("catches root containers and plaintext secrets from overrides", async () => {
        const v = await verdicts("prod", { readonlyRootFilesystem: false });
        assert.ok(names(v, "mandatory").includes("ecs-task-readonly-root-fs"));
    });
});
