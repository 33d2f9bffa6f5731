import assert from "node:assert/strict";
import { containsUnknownSentinel, isUnknownSentinel, UNKNOWN_SENTINELS, UNKNOWN_STRING } from "../../rules/unknownValues";
import { iamDocumentProblems } from "../../rules/iamDocument";

describe("rules/unknownValues: the preview sentinels", () => {
    it("holds the string sentinel the Node SDK sends", () => {
        assert.equal(UNKNOWN_STRING, require("@pulumi/pulumi/runtime/rpc").unknownValue);
        assert.equal(UNKNOWN_SENTINELS.size, 7);
    });

    it("finds a sentinel at any depth, and only a whole sentinel", () => {
        assert.equal(isUnknownSentinel(UNKNOWN_STRING), true);
        assert.equal(isUnknownSentinel(`x${UNKNOWN_STRING}`), false);
        assert.equal(containsUnknownSentinel({ a: [1, { b: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff" }] }), true);
        assert.equal(containsUnknownSentinel({ a: [1, { b: "arn:aws:s3:::b" }] }), false);
    });

    it("keeps the IAM document check from judging a document with any kind of unknown in it", () => {
        const doc = (resource: unknown) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObjects", Resource: resource }] });
        const ctx = { kind: "identity" as const, resource: "r", property: "policy" };
        assert.notDeepEqual(iamDocumentProblems(doc("arn:aws:s3:::b/*"), ctx), []);
        for (const s of UNKNOWN_SENTINELS) assert.deepEqual(iamDocumentProblems(doc(s), ctx), [], s);
    });
});
