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
/** The customer-managed key that encrypts the secrets (`secretsKmsKeyArns`), not the stack's key. */
const SECRETS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/99999999-8888-7777-6666-555555555555`;

/** Every option that adds a role or a grant: prebuilt private images (web and sidecar), secrets of every kind, a customer-managed key, Exec, blue/green with a test listener, a scheduled task, user task role statements. */
const ALL_OPTIONS = {
    buildContext: undefined,
    image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/shop@${DIGEST}`,
    cpu: 1024,
    memory: 2048,
    sidecars: [
        { name: "proxy", image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/shop-proxy@${DIGEST}`, cpu: 256, memory: 256, essential: false, secrets: { PROXY_TOKEN: PARAMETER } },
    ],
    secrets: { DB_PASSWORD: `${SECRET}:password::`, API_KEY: PARTIAL_SECRET },
    kmsKeyArn: KEY,
    secretsKmsKeyArns: [SECRETS_KEY],
    enableExecuteCommand: true,
    deploymentStrategy: "blueGreen",
    testListenerPort: 8443,
    scheduledTasks: [{ name: "report", schedule: "rate(1 hour)", command: ["python", "report.py"] }],
    taskRoleStatements: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::shop-assets/*" }],
};

describe("runtime permissions, simulated (every option)", () => {
    let perms: StackPermissions;
    let allow: Request[];
    let deny: Request[];
    before(async () => {
        const run = await runStack("prod", ALL_OPTIONS);
        perms = new StackPermissions(run.resources, [KEY, SECRETS_KEY]);
        ({ allow, deny } = runtimeRequests(perms, "us-east-1"));
        allow.push({ principal: "-task", action: "s3:GetObject", resource: "arn:aws:s3:::shop-assets/report.csv" });
        // Issue 11 #9: the execution role decrypts the secrets with the key that encrypts them.
        allow.push({ principal: "-execution", action: "kms:Decrypt", resource: SECRETS_KEY });
        deny.push(
            { principal: "-task", action: "s3:PutObject", resource: "arn:aws:s3:::shop-assets/report.csv" },
            { principal: "-task", action: "s3:GetObject", resource: "arn:aws:s3:::someone-else/x" },
        );
    });

    it("registers IAM documents AWS accepts", () => {
        assert.deepEqual(iamProblems(perms.resources), []);
    });

    it("covers every role: execution, task (Exec), scheduler and traffic shifting", () => {
        const principals = new Set(allow.map((r) => perms.label(r).split(" ")[0]));
        for (const role of ["web-roles-execution", "web-roles-task", "web-report-scheduler", "web-traffic-shift"])
            assert.ok(principals.has(role), `${role} in ${[...principals].join(", ")}`);
        const actions = new Set(allow.map((r) => r.action));
        for (const a of [
            "ecr:BatchGetImage",
            "secretsmanager:GetSecretValue",
            "ssm:GetParameters",
            "kms:Decrypt",
            "ssmmessages:OpenDataChannel",
            "ecs:RunTask",
            "iam:PassRole",
            "sqs:SendMessage",
            "elasticloadbalancing:ModifyRule",
            "elasticloadbalancing:RegisterTargets",
        ]) {
            assert.ok(actions.has(a), a);
        }
    });

    it("lets ECS pull each image, write each log stream, read each secret, decrypt with the key, run Exec, schedule tasks and shift traffic", async () => {
        assert.deepEqual(await perms.decideAll(allow), perms.expecting(allow, "Allowed"));
    });

    it("pulls prebuilt private images (web and sidecar), reads a secret given by partial ARN and decrypts with the secrets' own key (issue 11 #9, #13, #14)", () => {
        const has = (action: string, resource: RegExp | string) =>
            allow.some((r) => r.action === action && (typeof resource === "string" ? r.resource === resource : resource.test(r.resource)));
        assert.ok(has("ecr:GetAuthorizationToken", "*"));
        assert.ok(has("ecr:BatchGetImage", /repository\/shop$/));
        assert.ok(has("ecr:BatchGetImage", /repository\/shop-proxy$/));
        assert.ok(has("secretsmanager:GetSecretValue", new RegExp(`^${PARTIAL_SECRET}-`)));
        assert.ok(has("kms:Decrypt", SECRETS_KEY));
    });

    it("denies other repositories, log groups, secrets, keys, roles, clusters, families, rules and target groups, and writes elsewhere", async () => {
        assert.ok(deny.length >= 25, String(deny.length));
        assert.deepEqual(await perms.decideAll(deny), perms.expecting(deny, "Denied"));
    });
});
