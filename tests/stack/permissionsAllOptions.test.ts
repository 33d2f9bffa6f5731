import assert from "node:assert/strict";
import { runStack } from "../helpers/offline";
import { Request, StackPermissions, runtimeRequests } from "../helpers/permissions";
import { iamProblems } from "../../tools/offline/iamChecks";

const ACCOUNT = "123456789012";
const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;
/** A key the stack does not create (`kmsKeyArn`): logs, Exec sessions and the secrets are encrypted with it. */
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:shop/db-AbCdEf`;
const PARTIAL_SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:shop/api`;
const PARAMETER = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/shop/token`;

/** Every option that adds a role or a grant: prebuilt private images (web and sidecar), secrets of every kind, a customer-managed key, Exec, blue/green with a test listener, a scheduled task, user task role statements. */
const ALL_OPTIONS = {
    buildContext: undefined,
    image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/shop@${DIGEST}`,
    cpu: 1024,
    memory: 2048,
    sidecars: [{ name: "proxy", image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/shop-proxy@${DIGEST}`, cpu: 256, memory: 256, essential: false, secrets: { PROXY_TOKEN: PARAMETER } }],
    secrets: { DB_PASSWORD: `${SECRET}:password::`, API_KEY: PARTIAL_SECRET },
    kmsKeyArn: KEY,
    enableExecuteCommand: true,
    deploymentStrategy: "blueGreen",
    testListenerPort: 8443,
    scheduledTasks: [{ name: "report", schedule: "rate(1 hour)", command: ["python", "report.py"] }],
    taskRoleStatements: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::shop-assets/*" }],
};

/**
 * Requests that fail today because of defects the deploy-fidelity issue (11) fixes in parallel,
 * asserted as still denied so this file passes on its own; when a fix lands its request turns
 * Allowed and the test names it: delete it from this list.
 */
const AWAITING_ISSUE_11: { why: string; matches: (r: Request, label: string) => boolean }[] = [
    { why: "#13: a prebuilt private ECR image gets no pull permission (web and sidecar)", matches: (r) => r.action === "ecr:GetAuthorizationToken" || (r.action.startsWith("ecr:") && /repository\/shop/.test(r.resource)) },
    { why: "#14: a secret given by partial ARN is granted without the 6-character suffix IAM evaluates", matches: (r) => r.action === "secretsmanager:GetSecretValue" && r.resource.startsWith(`${PARTIAL_SECRET}-`) },
];

describe("runtime permissions, simulated (every option)", () => {
    let perms: StackPermissions;
    let allow: Request[];
    let deny: Request[];
    before(async () => {
        const run = await runStack("prod", ALL_OPTIONS);
        perms = new StackPermissions(run.resources, [KEY]);
        ({ allow, deny } = runtimeRequests(perms, "us-east-1"));
        allow.push({ principal: "-task", action: "s3:GetObject", resource: "arn:aws:s3:::shop-assets/report.csv" });
        deny.push({ principal: "-task", action: "s3:PutObject", resource: "arn:aws:s3:::shop-assets/report.csv" }, { principal: "-task", action: "s3:GetObject", resource: "arn:aws:s3:::someone-else/x" });
    });

    const awaiting = (r: Request) => AWAITING_ISSUE_11.find((a) => a.matches(r, perms.label(r)));

    it("registers IAM documents AWS accepts", () => {
        assert.deepEqual(iamProblems(perms.resources), []);
    });

    it("covers every role: execution, task (Exec), scheduler and traffic shifting", () => {
        const principals = new Set(allow.map((r) => perms.label(r).split(" ")[0]));
        for (const role of ["web-roles-execution", "web-roles-task", "web-report-scheduler", "web-traffic-shift"]) assert.ok(principals.has(role), `${role} in ${[...principals].join(", ")}`);
        const actions = new Set(allow.map((r) => r.action));
        for (const a of ["ecr:BatchGetImage", "secretsmanager:GetSecretValue", "ssm:GetParameters", "kms:Decrypt", "ssmmessages:OpenDataChannel", "ecs:RunTask", "iam:PassRole", "sqs:SendMessage", "elasticloadbalancing:ModifyRule", "elasticloadbalancing:RegisterTargets"]) {
            assert.ok(actions.has(a), a);
        }
    });

    it("lets ECS pull each image, write each log stream, read each secret, decrypt with the key, run Exec, schedule tasks and shift traffic", async () => {
        const ready = allow.filter((r) => !awaiting(r));
        assert.deepEqual(await perms.decideAll(ready), perms.expecting(ready, "Allowed"));
    });

    it("still denies what issue 11 fixes (when one turns Allowed, delete it from AWAITING_ISSUE_11)", async () => {
        const pending = allow.filter((r) => awaiting(r));
        const verdicts = await perms.decideAll(pending);
        assert.deepEqual(verdicts, perms.expecting(pending, "Denied"), `now allowed: ${verdicts.filter((v) => v.endsWith("Allowed")).join("; ")}`);
    });

    it("denies other repositories, log groups, secrets, keys, roles, clusters, families, rules and target groups, and writes elsewhere", async () => {
        assert.ok(deny.length >= 25, String(deny.length));
        assert.deepEqual(await perms.decideAll(deny), perms.expecting(deny, "Denied"));
    });
});
