import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_USAGE, loadUsage, mergeUsage, USAGE_KEYS } from "../../tools/cost/usage";

describe("cost/usage: assumptions and usage files", () => {
    let dir: string;
    const write = (name: string, text: string) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text);
        return file;
    };

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "cost-usage-"));
    });

    after(() => {
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("has documented defaults for every key, Spot override unset", () => {
        assert.equal(DEFAULT_USAGE.albNewConnectionsPerSecond, 1);
        assert.equal(DEFAULT_USAGE.albProcessedGbPerHour, 0.05);
        assert.equal(DEFAULT_USAGE.natProcessedGbPerMonth, 10);
        assert.equal(DEFAULT_USAGE.logStorageHorizonMonths, 12);
        assert.equal(DEFAULT_USAGE.fargateSpotDiscount, undefined);
        assert.equal(USAGE_KEYS.length, 23);
        assert.equal(USAGE_KEYS.includes("fargateSpotDiscount"), true);
    });

    it("merges a YAML file over the defaults", () => {
        const usage = loadUsage(write("usage.yaml", "# busier ALB\nalbProcessedGbPerHour: 2\nfargateSpotDiscount: 0.67\n"));
        assert.equal(usage.albProcessedGbPerHour, 2);
        assert.equal(usage.fargateSpotDiscount, 0.67);
        assert.equal(usage.natProcessedGbPerMonth, 10);
    });

    it("merges a JSON file over the defaults, and an empty file means defaults", () => {
        const usage = loadUsage(write("usage.json", '{ "natProcessedGbPerMonth": 250, "logIngestionGbPerMonthPerService": 0 }'));
        assert.equal(usage.natProcessedGbPerMonth, 250);
        assert.equal(usage.logIngestionGbPerMonthPerService, 0);
        assert.deepEqual(loadUsage(write("empty.yaml", "")), { ...DEFAULT_USAGE });
    });

    it("rejects an unknown key, naming it, its value and the allowed keys", () => {
        const file = write("typo.yaml", "albProcesedGbPerHour: 2\n");
        assert.throws(() => loadUsage(file), {
            message: `Unknown usage key "albProcesedGbPerHour" (value 2) in ${file}; allowed keys: ${USAGE_KEYS.join(", ")}`,
        });
    });

    it("rejects non-numeric and negative values", () => {
        const text = write("text.json", '{ "kmsRequestsPerMonthPerKey": "lots" }');
        assert.throws(() => loadUsage(text), {
            message: `Usage key "kmsRequestsPerMonthPerKey" in ${text} must be a non-negative number, got "lots"; allowed keys: ${USAGE_KEYS.join(", ")}`,
        });
        assert.throws(
            () => mergeUsage({ ecrStoredGbPerRepository: -1 }),
            /Usage key "ecrStoredGbPerRepository" in usage overrides must be a non-negative number, got -1; allowed keys: albNewConnectionsPerSecond, /,
        );
        assert.throws(() => mergeUsage({ fargateSpotDiscount: 1.5 }), /"fargateSpotDiscount" in usage overrides must be between 0 and 1, got 1.5/);
    });

    it("rejects a file that is not a mapping", () => {
        const file = write("list.yaml", "- 1\n- 2\n");
        assert.throws(() => loadUsage(file), new RegExp(`^Error: Usage file ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} must hold a mapping`));
    });
});
