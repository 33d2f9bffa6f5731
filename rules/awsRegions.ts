/**
 * The commercial AWS regions, from the AWS SDK's partition data (maintained by AWS with every SDK
 * release), never typed by hand.
 *
 * Source: `@aws-sdk/util-endpoints` (a dependency) re-exports `partition()` from `@aws-sdk/core/client`;
 * `partition(name)` returns the region's `description` only for regions in the partitions table
 * (`@aws-sdk/core`, `submodules/client/util-endpoints/lib/aws/partitions`), and the partition `name`
 * ("aws" for the commercial partition, "aws-cn", "aws-us-gov"… for the others). The table itself is
 * not exported, so the list of names is read from the published module file and each name is then
 * confirmed through the public `partition()`.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** What `partition()` returns that we read (the SDK's `EndpointPartition`, typed here so the compiler need not load the SDK's type graph). */
interface PartitionInfo {
    name: string;
    description?: string;
}

/** The SDK's public `partition(region)`. */
const { partition } = require("@aws-sdk/util-endpoints") as { partition: (region: string) => PartitionInfo };

/** The commercial partition's id in the partitions table. */
const COMMERCIAL_PARTITION = "aws";

/** The shape of a region code (`us-east-1`); excludes pseudo-regions like `aws-global`. */
const REGION_CODE = /^[a-z]{2}-[a-z]+-\d+$/;

/** One region of a partition. */
interface AwsRegion {
    /** Region code, e.g. `eu-central-1`. */
    code: string;
    /** AWS's name for it, e.g. `Europe (Frankfurt)`. */
    description: string;
    /** Partition it belongs to (`aws`, `aws-cn`, `aws-us-gov`…). */
    partition: string;
}

/** Read the partitions table from the installed `@aws-sdk/core` (the module file holds it as JSON). */
function readPartitionsTable(): { partitions: { id: string; regions: Record<string, { description?: string }> }[] } {
    const fromUtil = path.dirname(require.resolve("@aws-sdk/util-endpoints"));
    const corePackage = require.resolve("@aws-sdk/core/package.json", { paths: [fromUtil] });
    const file = path.join(path.dirname(corePackage), "dist-es", "submodules", "client", "util-endpoints", "lib", "aws", "partitions.js");
    const text = fs.readFileSync(file, "utf8");
    const start = text.indexOf("{");
    const end = text.lastIndexOf("}");
    if (start < 0 || end < start) throw new Error(`@aws-sdk/core partitions table not found in ${file}`);
    return JSON.parse(text.slice(start, end + 1));
}

let cached: AwsRegion[] | undefined;

/** Every region of every partition the SDK knows, confirmed by `partition()`, sorted by code. */
function allAwsRegions(): AwsRegion[] {
    if (!cached) {
        const out: AwsRegion[] = [];
        for (const p of readPartitionsTable().partitions) {
            for (const code of Object.keys(p.regions)) {
                if (!REGION_CODE.test(code)) continue;
                const info = partition(code);
                if (info.description === undefined) continue;
                out.push({ code, description: info.description, partition: info.name });
            }
        }
        cached = out.sort((a, b) => a.code.localeCompare(b.code));
    }
    return cached;
}

/** The commercial (`aws` partition) regions, sorted by code. */
function commercialRegions(): AwsRegion[] {
    return allAwsRegions().filter((r) => r.partition === COMMERCIAL_PARTITION);
}

/** The commercial region codes, sorted. */
export function commercialRegionCodes(): string[] {
    return commercialRegions().map((r) => r.code);
}

/** Why `code` is not a commercial AWS region we support, or undefined when it is. */
export function regionProblem(code: string): string | undefined {
    const info = partition(code);
    if (info.description !== undefined && info.name === COMMERCIAL_PARTITION && REGION_CODE.test(code)) return undefined;
    if (info.description !== undefined) {
        return `is in the ${info.name} partition; fargatekit supports the commercial aws partition: ${commercialRegionCodes().join(", ")}`;
    }
    return `is not an AWS region; commercial regions: ${commercialRegionCodes().join(", ")}`;
}
