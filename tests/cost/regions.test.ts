import assert from "node:assert/strict";
import { commercialRegionCodes, regionProblem } from "../../rules/awsRegions";
import { estimateCost } from "../../tools/cost/model";
import { peerStacks } from "../../tools/cost/peers";
import { availableRegions, fullyPricedRegions } from "../../tools/cost/prices";
import { formatCostTable } from "../../tools/cost/format";
import { ConfigError, loadSettings } from "../../program/validate";
import { loadStackConfig } from "../../tools/offline/stackConfig";
import { RecordedResource } from "../../tools/offline/types";
import { REPO_ROOT } from "../helpers/offline";

/** Copilot's default stack as recorded resources (no program run): ALB, one task, log group. */
const STACK = peerStacks().find((p) => p.id === "copilot")!.resources;

describe("cost/regions: every commercial region plans", () => {
    it("the region list comes from the SDK's partition data: commercial regions only", () => {
        const codes = commercialRegionCodes();
        assert.ok(codes.length >= 30, String(codes.length));
        for (const code of ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "sa-east-1", "me-central-1"]) assert.ok(codes.includes(code), code);
        for (const other of ["cn-north-1", "us-gov-west-1", "aws-global"]) assert.ok(!codes.includes(other), other);
        assert.deepEqual([...codes].sort(), codes);
    });

    it("config accepts every commercial region and names aws:region, with the valid names, for any other", () => {
        const dev = loadStackConfig(REPO_ROOT, "dev").values;
        for (const region of commercialRegionCodes()) assert.doesNotThrow(() => loadSettings({ ...dev, "aws:region": region }), region);
        assert.throws(
            () => loadSettings({ ...dev, "aws:region": "mars-north-1", "fargatekit:cpu": "300" }),
            (error: unknown) => {
                assert.ok(error instanceof ConfigError);
                assert.deepEqual(
                    error.problems.map((p) => p.key),
                    ["cpu", "aws:region"],
                );
                assert.match(error.message, /- aws:region = "mars-north-1": is not an AWS region; commercial regions: af-south-1, .*us-east-1, .*us-west-2$/m);
                return true;
            },
        );
        assert.match(regionProblem("cn-north-1")!, /^is in the aws-cn partition; fargatekit supports the commercial aws partition: /);
        assert.equal(regionProblem("eu-central-2"), undefined);
    });

    it("prices every region: a total where the table has every price, else the missing prices, how to get them and no total", () => {
        const priced = fullyPricedRegions();
        assert.deepEqual(priced, ["us-east-1"]);
        for (const region of commercialRegionCodes()) {
            const estimate = estimateCost(STACK, { region });
            if (priced.includes(region) || region === "eu-west-1") {
                assert.equal(estimate.complete, true, region);
                assert.equal(typeof estimate.monthlyTotal, "number", region);
                continue;
            }
            const inTable = availableRegions().includes(region);
            assert.equal(estimate.complete, false, region);
            assert.deepEqual(
                [estimate.monthlyTotal, estimate.monthlyMin, estimate.monthlyMax, estimate.fixedMonthly, estimate.usageMonthly],
                [null, null, null, null, null],
                region,
            );
            assert.deepEqual(estimate.items, [], region);
            assert.deepEqual(
                estimate.missingPrices.map((m) => [m.key, m.resources]),
                [
                    ["fargateX86VcpuHour", ["web"]],
                    ["fargateX86GbHour", ["web"]],
                    ["albHour", ["lb"]],
                    ["albLcuHour", ["lb"]],
                    ["publicIpv4Hour", ["lb", "web"]],
                    ["logsIngestionStandardGb", ["web-logs"]],
                    ["logsStorageGbMonth", ["web-logs"]],
                    // regions the table lacks altogether also lack the data-transfer prices the partial regions have
                    ...(inTable
                        ? []
                        : [
                              ["dataTransferOutGb", ["lb"]],
                              ["dataTransferOutFreeGbMonth", ["lb"]],
                          ]),
                ],
                region,
            );
            assert.match(estimate.howToGetPrices!, new RegExp(`prices update --region ${region} --out prices.json.*--prices prices.json`));
            assert.match(formatCostTable(estimate), new RegExp(`Total: not computed: the price table has no ${region} figure for ${inTable ? 7 : 9} price\\(s\\)`));
        }
    });

    it("a region priced in part prices what it can and names the rest (eu-west-1 has no S3 price)", () => {
        const bucket: RecordedResource = {
            urn: "urn:pulumi:t::p::aws:s3/bucket:Bucket::logs",
            type: "aws:s3/bucket:Bucket",
            name: "logs",
            custom: true,
            inputs: {},
            outputs: {},
            dependencies: [],
            propertyDependencies: {},
            protect: false,
            ignoreChanges: [],
        };
        const estimate = estimateCost([...STACK, bucket], { region: "eu-west-1" });
        assert.equal(estimate.complete, false);
        assert.equal(estimate.monthlyTotal, null);
        assert.deepEqual(estimate.missingPrices, [
            { key: "s3StandardGbMonth", unit: "USD per GB-month of S3 Standard storage (first 50 TB)", resources: ["logs"] },
            { key: "s3PutRequests1k", unit: "USD per 1,000 PUT, COPY, POST or LIST requests (S3 Standard)", resources: ["logs"] },
        ]);
        assert.ok(estimate.items.some((i) => /ALB hours/.test(i.basis)));
        assert.match(formatCostTable(estimate), /- s3StandardGbMonth \(USD per GB-month of S3 Standard storage \(first 50 TB\)\), needed by logs/);
    });
});
