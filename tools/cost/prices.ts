/**
 * Typed access to the price table in `price-table.json` (list prices, USD, with source and date per figure).
 */
import rawTable = require("./price-table.json");

/** Every price the cost model reads; each region in `price-table.json` must define all of them. */
export const PRICE_KEYS = [
    "fargateX86VcpuHour",
    "fargateX86GbHour",
    "fargateArmVcpuHour",
    "fargateArmGbHour",
    "fargateEphemeralStorageGbHour",
    "fargateSpotDiscount",
    "albHour",
    "albLcuHour",
    "natGatewayHour",
    "natGatewayGb",
    "publicIpv4Hour",
    "interfaceEndpointAzHour",
    "interfaceEndpointGb",
    "logsIngestionStandardGb",
    "logsIngestionInfrequentAccessGb",
    "logsStorageGbMonth",
    "vendedLogsGb",
    "customMetricMonth",
    "containerInsightsEnhancedMetricMonth",
    "alarmStandardMetricMonth",
    "alarmHighResolutionMetricMonth",
    "dashboardMonth",
    "kmsKeyMonth",
    "kmsRequests10k",
    "kmsFreeRequestsMonth",
    "ecrStorageGbMonth",
    "secretsManagerSecretMonth",
    "secretsManagerApiCalls10k",
    "dataTransferOutGb",
] as const;

/** Name of one price in the table. */
export type PriceKey = (typeof PRICE_KEYS)[number];

/** One price with its provenance. */
export interface Price {
    /** The figure itself, in the unit below. */
    value: number;
    /** What the figure is per, e.g. "USD per vCPU-hour (Linux/x86)". */
    unit: string;
    /** Source tags from aws-prices.md ([S2], [S6]…) and what each says. */
    source: string;
    /** The date the first-named source states (YYYY, YYYY-MM, YYYY-MM-DD or "undated"). */
    date: string;
    /** "low" for figures with weak or third-party support (aws-prices.md "verify"). */
    confidence?: "low";
}

/** All prices of one region. */
export type RegionPrices = Record<PriceKey, Price>;

/** The whole table. */
export interface PriceTable {
    /** Hours in a billing month (730, as Infracost and the AWS calculator use). */
    hoursPerMonth: number;
    /** The date the table was compiled from its sources. */
    priceDate: string;
    /** Currency of every money figure. */
    currency: "USD";
    /** Region code → prices. */
    regions: Record<string, RegionPrices>;
}

/** Dates a price may carry. */
const DATE_PATTERN = /^(\d{4}(-\d{2}(-\d{2})?)?|undated)$/;

/**
 * Check that one region's entry has every price key with a finite, non-negative value and a date.
 * Throws an `Error` naming the region and key at fault.
 */
function validateRegion(region: string, prices: Record<string, any>): RegionPrices {
    for (const key of PRICE_KEYS) {
        const price = prices[key];
        if (price === undefined) {
            throw new Error(`price-table.json: region "${region}" has no "${key}" price`);
        }
        if (typeof price.value !== "number" || !Number.isFinite(price.value) || price.value < 0) {
            throw new Error(`price-table.json: "${region}.${key}" value must be a non-negative number`);
        }
        if (typeof price.unit !== "string" || typeof price.source !== "string" || !DATE_PATTERN.test(price.date)) {
            throw new Error(`price-table.json: "${region}.${key}" needs a unit, a source and a date`);
        }
    }
    return prices as RegionPrices;
}

/** The validated table, built once. */
let cachedTable: PriceTable | undefined;

/** The whole price table, validated on first use. */
export function priceTable(): PriceTable {
    if (!cachedTable) {
        const regions: Record<string, RegionPrices> = {};
        for (const [region, prices] of Object.entries(rawTable.regions)) {
            regions[region] = validateRegion(region, prices);
        }
        cachedTable = {
            hoursPerMonth: rawTable.hoursPerMonth,
            priceDate: rawTable.priceDate,
            currency: "USD",
            regions,
        };
    }
    return cachedTable;
}

/** Region codes that have price data, in table order. */
export function availableRegions(): string[] {
    return Object.keys(priceTable().regions);
}

/**
 * The prices of one region.
 * Throws an `Error` naming the region and listing the regions we have when there is no data for it.
 */
export function pricesFor(region: string): RegionPrices {
    const prices = priceTable().regions[region];
    if (!prices) {
        throw new Error(`No price data for region "${region}"; regions with prices: ${availableRegions().join(", ")}`);
    }
    return prices;
}
