import assert from "node:assert/strict";
import { runStack } from "../helpers/offline";
import { StackPermissions, runtimeRequests } from "../helpers/permissions";
import { iamProblems } from "../../tools/offline/iamChecks";

/**
 * Runtime permissions of the dev and prod stacks, simulated with iam-simulate: what ECS will do
 * with the roles and keys is allowed, and neighbouring requests are denied.
 */
for (const stack of ["dev", "prod"]) {
    describe(`runtime permissions, simulated (${stack})`, () => {
        let perms: StackPermissions;
        let requests: ReturnType<typeof runtimeRequests>;
        before(async () => {
            const run = await runStack(stack);
            perms = new StackPermissions(run.resources);
            requests = runtimeRequests(perms, "us-east-1");
        });

        it("registers IAM documents AWS accepts", () => {
            assert.deepEqual(iamProblems(perms.resources), []);
        });

        it("lets ECS pull the image, write the logs and decrypt with the service key", async () => {
            const actions = new Set(requests.allow.map((r) => r.action));
            for (const a of ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "logs:PutLogEvents", "kms:Decrypt"]) assert.ok(actions.has(a), a);
            assert.deepEqual(await perms.decideAll(requests.allow), perms.expecting(requests.allow, "Allowed"));
        });

        it("denies other repositories, log groups, keys and roles, and writes on anything else", async () => {
            assert.ok(requests.deny.length >= 8);
            assert.deepEqual(await perms.decideAll(requests.deny), perms.expecting(requests.deny, "Denied"));
        });
    });
}
