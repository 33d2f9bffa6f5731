import assert from "node:assert/strict";
import { availableRegions, fullyPricedRegions, PRICE_KEYS, pricesFor, priceTable, regionPrices, withOverrides } from "../../tools/cost/prices";
import { commercialRegionCodes } from "../../rules/awsRegions";

describe("cost/prices: the price table", () => {
    it("has 730 hours per month, a price date, us-east-1 and eu-west-1 first, and only commercial regions", () => {
        const table = priceTable();
        assert.equal(table.hoursPerMonth, 730);
        assert.equal(table.priceDate, "2026-09-29");
        assert.equal(table.currency, "USD");
        assert.deepEqual(availableRegions().slice(0, 2), ["us-east-1", "eu-west-1"]);
        assert.equal(availableRegions().length, 24);
        for (const region of availableRegions()) assert.ok(commercialRegionCodes().includes(region), region);
    });

    it("the other regions have what is sourced for them: data transfer out, WAF (priced alike in every region) and the account-wide allowances", () => {
        const partial = availableRegions().slice(2);
        for (const region of partial) {
            assert.deepEqual(Object.keys(regionPrices(region)), [
                "dataTransferOutGb",
                "wafWebAclMonth",
                "wafRuleMonth",
                "wafRequestsMillion",
                "kmsFreeRequestsMonth",
                "dataTransferOutFreeGbMonth",
                "sqsFreeRequestsMonth",
            ]);
            assert.match(
                regionPrices(region).dataTransferOutGb!.source,
                new RegExp(`Infracost golden data_transfer_test .*: ${region} outbound to the internet, first 10 TB, 10,240 GB → \\$`),
            );
        }
        assert.deepEqual(
            ["us-west-2", "eu-central-1", "ap-southeast-2", "sa-east-1", "ap-south-1"].map((r) => regionPrices(r).dataTransferOutGb!.value),
            [0.09, 0.09, 0.114, 0.15, 0.1093],
        );
    });

    it("every price has a unit, a source tag and a date; us-east-1 has every price, eu-west-1 all but S3 and SQS requests", () => {
        assert.deepEqual(fullyPricedRegions(), ["us-east-1"]);
        assert.deepEqual(
            PRICE_KEYS.filter((key) => regionPrices("eu-west-1")[key] === undefined),
            ["s3StandardGbMonth", "s3PutRequests1k", "sqsRequestsMillion"],
        );
        assert.throws(() => pricesFor("eu-west-1"), /Region "eu-west-1" lacks prices: s3StandardGbMonth, s3PutRequests1k, sqsRequestsMillion/);
        for (const region of availableRegions()) {
            const prices = regionPrices(region) as Record<string, { date: string; unit: string; source: string }>;
            for (const key of Object.keys(prices)) {
                assert.match(prices[key].date, /^(\d{4}(-\d{2}(-\d{2})?)?|undated)$/, `${region}.${key}`);
                assert.ok(prices[key].unit.length > 0 && prices[key].source.length > 0, `${region}.${key}`);
            }
        }
    });

    it("us-east-1 figures from aws-prices.md §0", () => {
        const p = pricesFor("us-east-1");
        assert.deepEqual(
            [p.fargateX86VcpuHour, p.fargateX86GbHour, p.fargateArmVcpuHour, p.fargateArmGbHour, p.albHour, p.albLcuHour, p.natGatewayHour, p.publicIpv4Hour].map((x) => x.value),
            [0.04048, 0.004445, 0.03238, 0.00356, 0.0225, 0.008, 0.045, 0.005],
        );
        assert.equal(p.albHour.source.startsWith("[S2] Infracost golden"), true);
        assert.equal(p.albHour.date, "2024-07-01");
        assert.equal(p.fargateSpotDiscount.value, 0.7);
        assert.match(p.fargateSpotDiscount.unit, /up to/);
    });

    it("eu-west-1 differs where the sources say so", () => {
        const p = regionPrices("eu-west-1") as ReturnType<typeof pricesFor>;
        assert.deepEqual([p.albHour.value, p.natGatewayHour.value, p.interfaceEndpointAzHour.value, p.logsIngestionStandardGb.value], [0.0252, 0.048, 0.011, 0.57]);
    });

    it('"verify" and region-less figures are marked low confidence, the others are not', () => {
        const low = (region: string) => PRICE_KEYS.filter((key) => regionPrices(region)[key]?.confidence === "low");
        assert.deepEqual(low("us-east-1"), ["containerInsightsEnhancedMetricMonth", "sqsFreeRequestsMonth"]);
        assert.deepEqual(low("eu-west-1"), [
            "fargateEphemeralStorageGbHour",
            "logsIngestionInfrequentAccessGb",
            "vendedLogsGb",
            "containerInsightsEnhancedMetricMonth",
            "alarmHighResolutionMetricMonth",
            "sqsFreeRequestsMonth",
        ]);
    });

    it("an unknown region is an error that lists the regions we have", () => {
        assert.throws(() => pricesFor("mx-central-1"), /^Error: No price data for region "mx-central-1"; regions with prices: us-east-1, eu-west-1, us-east-2, /);
    });

    it("a price file prices its own regions with its own date; the plan's region it lacks keeps the bundled figures and date", () => {
        const file = { ...priceTable(), priceDate: "2026-12-04", regions: { "ap-southeast-2": pricesFor("us-east-1") } };
        const filled = withOverrides(file, "ap-southeast-2");
        assert.deepEqual([filled.priceDate, filled.regions["ap-southeast-2"].albHour?.value], ["2026-12-04", pricesFor("us-east-1").albHour.value]);
        const other = withOverrides(file, "us-east-1");
        assert.equal(other.priceDate, "2026-09-29");
        assert.deepEqual(other.regions["us-east-1"], priceTable().regions["us-east-1"]);
        assert.equal(withOverrides(undefined, "us-east-1"), priceTable());
    });
});
