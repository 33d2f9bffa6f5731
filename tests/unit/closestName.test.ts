import * as assert from "node:assert/strict";
import { closestName, editDistance, typoDistance } from "../../rules/closestName";

describe("closest name (did you mean …?)", () => {
    it("measures edits case-insensitively", () => {
        assert.equal(editDistance("minCont", "minCount"), 1);
        assert.equal(editDistance("MINCOUNT", "minCount"), 0);
        assert.equal(editDistance("", "abc"), 3);
        assert.equal(editDistance("kitten", "sitting"), 3);
    });

    it("suggests the nearest candidate within the typo distance, ties to the shorter then alphabetical", () => {
        assert.equal(closestName("minCont", ["maxCount", "minCount", "cpu"]), "minCount");
        assert.equal(closestName("zzzzzz", ["minCount", "maxCount"]), undefined, "nothing close");
        assert.equal(closestName("ab", ["ax", "ay"]), "ax", "alphabetical on a tie of equal length");
        assert.equal(closestName("abc", ["abcd", "abcde"]), "abcd", "the shorter on a tie");
        assert.equal(closestName("zzzzzz", ["minCount"], { maxDistance: Infinity }), "minCount", "no limit: always the nearest");
        assert.equal(closestName("abc", ["abcde", "abcd"], { firstOnTie: true }), "abcd", "a nearer one still wins");
        assert.equal(closestName("ab", ["ay", "ax"], { firstOnTie: true }), "ay", "the table's order on a tie");
        assert.deepEqual([typoDistance("abc"), typoDistance("containerPort")], [2, 4]);
    });
});
