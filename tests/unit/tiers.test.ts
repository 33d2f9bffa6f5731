import * as assert from "node:assert/strict";
import { countTier } from "../tiers";

describe("test tiers: counting a tier's result", () => {
    it("counts mocha's passing and failing lines, plus the tier's own checks when it exits 0", () => {
        assert.deepEqual(countTier("\n  675 passing (12s)\n", 0, 1), { passed: 676, failed: 0 });
        assert.deepEqual(countTier("  40 passing (3s)\n  2 failing\n", 1, 0), { passed: 40, failed: 2 });
    });

    it("takes the last summary when a tier prints several", () => {
        assert.deepEqual(countTier("  3 passing\n...\n  9 passing (1s)\n  1 failing\n", 1, 0), { passed: 9, failed: 1 });
    });

    it("counts a tier that failed without a failing test (type error, crash) as one failure", () => {
        assert.deepEqual(countTier("error TS2322: Type 'string' is not assignable", 2, 1), { passed: 0, failed: 1 });
        assert.deepEqual(countTier("  10 passing (1s)\n", 1, 1), { passed: 10, failed: 1 });
    });

    it("counts a lint tier that passed as one check", () => {
        assert.deepEqual(countTier("", 0, 1), { passed: 1, failed: 0 });
    });
});
