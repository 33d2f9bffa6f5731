import assert from "node:assert/strict";
import { secretsKmsKeyArnsProblems } from "../../components/lib/iam/arns";
import { WebService } from "../../components/webService";
import { runOffline } from "../../tools/offline/engine";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/22222222-3333-4444-5555-666666666666";
const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/db-AbCdEf";

describe("secretsKmsKeyArns: the keys the execution role may decrypt secrets with", () => {
    it("lists every problem with its argument path: keys without secrets, and values that are not key ARNs", () => {
        assert.deepEqual(secretsKmsKeyArnsProblems(undefined, [undefined]), []);
        assert.deepEqual(secretsKmsKeyArnsProblems([KEY], [{}, { TOKEN: SECRET }]), [], "a sidecar's secret counts");
        assert.deepEqual(
            secretsKmsKeyArnsProblems(["alias/mine", KEY, "arn:aws:kms:us-east-1:123456789012:alias/mine"], [{}]).map((p) => [p.key, p.value]),
            [
                ["secretsKmsKeyArns", ["alias/mine", KEY, "arn:aws:kms:us-east-1:123456789012:alias/mine"]],
                ["secretsKmsKeyArns[0]", "alias/mine"],
                ["secretsKmsKeyArns[2]", "arn:aws:kms:us-east-1:123456789012:alias/mine"],
            ],
        );
        assert.deepEqual(secretsKmsKeyArnsProblems([Promise.resolve("alias/x")], [{ A: SECRET }]), [], "a value known only at deploy time is not judged");
    });

    it("WebService refuses an alias, which would be granted kms:Decrypt and match no key", async () => {
        const error = await runOffline(
            () =>
                new WebService("web", {
                    image: { uri: "nginx@sha256:" + "0123456789abcdef".repeat(4) },
                    container: { secrets: { DB: SECRET }, secretsKmsKeyArns: ["alias/mine"] },
                }),
        ).catch((e: Error) => e);
        assert.ok(error instanceof Error);
        assert.match(error.message, /^WebService web: invalid arguments \(1 problem\):\n  - container\.secretsKmsKeyArns\[0\] = "alias\/mine": must be a KMS key ARN/);
    });
});
