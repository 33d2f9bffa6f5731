import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { HttpGet, MissingProductError, OFFER_INDEX_URL, parseCsvLine, PRODUCT_RULES, updatePrices } from "../../tools/cost/priceList";
import { loadPriceTable, PRICE_KEYS, pricesFor } from "../../tools/cost/prices";
import { runCli } from "../../tools/fargatekitCli";

const FIXTURES = path.join(__dirname, "fixtures", "pricelist");

/** Serve the fixture tree as pricing.us-east-1.amazonaws.com, in small chunks (as a stream arrives); record every URL. */
function fixtureGet(requested: string[] = []): HttpGet {
    return async function* (url: string) {
        requested.push(url);
        const { host, pathname } = new URL(url);
        assert.equal(host, "pricing.us-east-1.amazonaws.com");
        const file = path.join(FIXTURES, pathname);
        if (!fs.existsSync(file)) throw new Error(`GET ${url}: HTTP 404 Not Found`);
        const text = fs.readFileSync(file, "utf8");
        for (let i = 0; i < text.length; i += 700) yield text.slice(i, i + 700);
    };
}

describe("cost/priceList: prices update from the Price List bulk API", () => {
    it("reads a CSV line with quotes and doubled quotes", () => {
        assert.deepEqual(parseCsvLine('"a","b, c","say ""hi""",,"x"'), ["a", "b, c", 'say "hi"', "", "x"]);
    });

    it("extracts every product the cost model uses; us-east-1 reproduces the bundled, sourced figures", async () => {
        const requested: string[] = [];
        const table = await updatePrices({ regions: ["us-east-1"], get: fixtureGet(requested), today: "2026-12-04" });
        assert.equal(requested[0], OFFER_INDEX_URL);
        assert.ok(
            requested.some((u) => u.endsWith("/AmazonEC2/20260917000000/us-east-1/index.csv")),
            "the regional CSV, not the JSON",
        );
        assert.equal(table.priceDate, "2026-12-04");
        const fetched = table.regions["us-east-1"];
        const bundled = pricesFor("us-east-1");
        for (const rule of PRODUCT_RULES) {
            assert.ok(fetched[rule.key], rule.key);
            assert.equal(fetched[rule.key]!.value, bundled[rule.key].value, rule.key);
            assert.equal(fetched[rule.key]!.unit, bundled[rule.key].unit, rule.key);
            assert.match(fetched[rule.key]!.source, /^AWS Price List \S+ SKU \S+ \(/, rule.key);
            assert.equal(fetched[rule.key]!.date, "2026-09-01", rule.key);
        }
        // decoys skipped: the Classic LB hour, the reserved rows, Windows vCPU, FIFO requests
        assert.match(fetched.albHour!.source, /Application LoadBalancer-hour/);
        // tiers: the first paid tier, scaled to the table's unit
        assert.deepEqual(
            [fetched.kmsRequests10k!.value, fetched.sqsRequestsMillion!.value, fetched.wafRequestsMillion!.value, fetched.s3PutRequests1k!.value],
            [0.03, 0.4, 0.6, 0.005],
        );
        assert.equal(fetched.dashboardMonth!.value, 3);
        // Spot is not in these files: the bundled "up to" figure is carried and marked low confidence
        assert.equal(fetched.fargateSpotDiscount!.value, 0.7);
        assert.equal(fetched.fargateSpotDiscount!.confidence, "low");
        assert.match(fetched.dataTransferOutFreeGbMonth!.source, /account-wide allowance/);
        // Container Insights enhanced is not in the files: left out, so a stack using it shows the price as missing
        assert.equal(fetched.containerInsightsEnhancedMetricMonth, undefined);
        assert.deepEqual(
            PRICE_KEYS.filter((key) => !fetched[key]),
            ["containerInsightsEnhancedMetricMonth"],
        );
    });

    it("a product missing from the response is an error naming it, and nothing is written", async () => {
        await assert.rejects(updatePrices({ regions: ["us-west-2"], get: fixtureGet() }), (error: unknown) => {
            assert.ok(error instanceof MissingProductError);
            assert.deepEqual(
                error.missing.map((m) => m.key),
                ["natGatewayGb"],
            );
            assert.match(error.message, /no NAT gateway GB processed \(AmazonEC2 usage type for natGatewayGb\) in us-west-2/);
            return true;
        });
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "prices-"));
        let stderr = "";
        const code = await runCli(["prices", "update", "--region", "us-east-1", "--region", "us-west-2", "--out", "p.json"], {
            stdout: () => undefined,
            stderr: (t) => (stderr += t),
            cwd: dir,
            httpGet: fixtureGet(),
        });
        assert.equal(code, 2);
        assert.match(stderr, /natGatewayGb/);
        assert.equal(fs.existsSync(path.join(dir, "p.json")), false);
    });

    it("`fargatekit prices update --out` writes a table `plan --prices` reads; a bad region is a usage error", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "prices-"));
        let stdout = "";
        const io = { stdout: (t: string) => (stdout += t), stderr: () => undefined, cwd: dir, httpGet: fixtureGet() };
        assert.equal(await runCli(["prices", "update", "--region", "us-east-1", "--out", "p.json"], io), 0);
        assert.match(stdout, /Wrote p\.json: us-east-1 priced \d{4}-\d{2}-\d{2}\. Use it: npm run plan -- --prices p\.json/);
        const table = loadPriceTable(path.join(dir, "p.json"));
        assert.equal(table.regions["us-east-1"].albHour!.value, 0.0225);
        let stderr = "";
        const bad = await runCli(["prices", "update", "--region", "mars-north-1"], { ...io, stderr: (t: string) => (stderr += t) });
        assert.equal(bad, 2);
        assert.match(stderr, /--region mars-north-1: not a commercial AWS region; regions: af-south-1, /);
        // No --region: a usage error before any download (every region's price lists are large).
        const requested: string[] = [];
        stderr = "";
        assert.equal(await runCli(["prices", "update", "--out", "all.json"], { ...io, httpGet: fixtureGet(requested), stderr: (t: string) => (stderr += t) }), 2);
        assert.match(stderr, /give at least one --region .*; regions: af-south-1, /);
        assert.deepEqual(requested, []);
        assert.equal(fs.existsSync(path.join(dir, "all.json")), false);
    });

    it("a failed download names the URL", async () => {
        const failing: HttpGet = async function* (url: string) {
            yield "";
            throw new Error(`GET ${url}: HTTP 503 Service Unavailable`);
        };
        await assert.rejects(updatePrices({ regions: ["us-east-1"], get: failing }), /GET https:\/\/pricing\.us-east-1\.amazonaws\.com\/offers\/v1\.0\/aws\/index\.json: HTTP 503/);
    });
});
