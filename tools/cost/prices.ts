/**
 * Typed access to price tables: the bundled `price-table.json` (list prices, USD, with source and date
 * per figure) or a file `fargatekit prices update` wrote in the same shape. A region may price only
 * some keys; the cost model names the ones a stack needs and the region lacks.
 */
import * as fs from "node:fs";
import rawTable = require("./price-table.json");

/** Every price the cost model reads, with the unit the figure is in. */
export const PRICE_KEY_UNITS = {
    fargateX86VcpuHour: "USD per vCPU-hour (Linux/x86)",
    fargateX86GbHour: "USD per GB-hour (Linux/x86)",
    fargateArmVcpuHour: "USD per vCPU-hour (Linux/ARM64)",
    fargateArmGbHour: "USD per GB-hour (Linux/ARM64)",
    fargateEphemeralStorageGbHour: "USD per GB-hour of ephemeral storage above the 20 GB included",
    fargateSpotDiscount: "fraction off the on-demand Fargate price (up to)",
    albHour: "USD per Application Load Balancer-hour",
    albLcuHour: "USD per LCU-hour",
    natGatewayHour: "USD per NAT gateway-hour",
    natGatewayGb: "USD per GB processed by a NAT gateway",
    publicIpv4Hour: "USD per public IPv4 address-hour (in use or idle)",
    interfaceEndpointAzHour: "USD per interface VPC endpoint per AZ-hour",
    interfaceEndpointGb: "USD per GB processed (first 1 PB, regional aggregate)",
    logsIngestionStandardGb: "USD per GB ingested (Standard log class)",
    logsIngestionInfrequentAccessGb: "USD per GB ingested (Infrequent Access log class)",
    logsStorageGbMonth: "USD per GB-month stored",
    vendedLogsGb: "USD per GB of vended logs (first 10 TB tier)",
    customMetricMonth: "USD per metric-month (first 10,000 metrics)",
    containerInsightsEnhancedMetricMonth: "USD per metric-month (Container Insights enhanced, MetricStorage:CI-ECS)",
    alarmStandardMetricMonth: "USD per standard-resolution alarm metric-month",
    alarmHighResolutionMetricMonth: "USD per high-resolution alarm metric-month",
    dashboardMonth: "USD per dashboard-month",
    kmsKeyMonth: "USD per customer-managed key-month",
    kmsRequests10k: "USD per 10,000 symmetric requests",
    kmsFreeRequestsMonth: "free requests per month (account-wide, all regions)",
    ecrStorageGbMonth: "USD per GB-month of private repository storage",
    secretsManagerSecretMonth: "USD per secret-month",
    secretsManagerApiCalls10k: "USD per 10,000 API calls",
    dataTransferOutGb: "USD per GB out to the internet (first 10 TB, after the 100 GB/month account-wide free allowance)",
    dataTransferOutFreeGbMonth: "GB per month out to the internet free of charge (account-wide, all regions)",
    wafWebAclMonth: "USD per web ACL-month (prorated hourly)",
    wafRuleMonth: "USD per rule or rule group-month in a web ACL (prorated hourly)",
    wafRequestsMillion: "USD per million web requests inspected",
    s3StandardGbMonth: "USD per GB-month of S3 Standard storage (first 50 TB)",
    s3PutRequests1k: "USD per 1,000 PUT, COPY, POST or LIST requests (S3 Standard)",
    sqsRequestsMillion: "USD per million standard-queue requests (after the free tier)",
    sqsFreeRequestsMonth: "free SQS requests per month (account-wide)",
} as const;

/** Name of one price in the table. */
export type PriceKey = keyof typeof PRICE_KEY_UNITS;

/** Every price key, in table order. */
export const PRICE_KEYS = Object.keys(PRICE_KEY_UNITS) as PriceKey[];

/** One price with its provenance. */
export interface Price {
    /** The figure itself, in the unit below. */
    value: number;
    /** What the figure is per, e.g. "USD per vCPU-hour (Linux/x86)". */
    unit: string;
    /** Source tags from aws-prices.md ([S2], [S6]…), Price List SKUs, and what each says. */
    source: string;
    /** The date the first-named source states (YYYY, YYYY-MM, YYYY-MM-DD or "undated"). */
    date: string;
    /** "low" for figures with weak or third-party support (aws-prices.md "verify"). */
    confidence?: "low";
}

/** All prices of one region. */
export type RegionPrices = Record<PriceKey, Price>;

/** The prices a region has (a region may lack some). */
export type PartialRegionPrices = Partial<RegionPrices>;

/** A whole table. */
export interface PriceTable {
    /** Hours in a billing month (730, as Infracost and the AWS calculator use). */
    hoursPerMonth: number;
    /** The date the table was compiled from its sources. */
    priceDate: string;
    /** Currency of every money figure. */
    currency: "USD";
    /** Region code → prices. */
    regions: Record<string, PartialRegionPrices>;
}

/** Dates a price may carry. */
const DATE_PATTERN = /^(\d{4}(-\d{2}(-\d{2})?)?|undated)$/;

/**
 * Check one region's entry: every key is known and each price has a finite, non-negative value, a unit,
 * a source and a date. Throws an `Error` naming the origin, region and key at fault.
 */
function validateRegion(origin: string, region: string, prices: Record<string, any>): PartialRegionPrices {
    for (const [key, price] of Object.entries(prices)) {
        if (!(key in PRICE_KEY_UNITS)) {
            throw new Error(`${origin}: region "${region}" has an unknown price "${key}"; known prices: ${PRICE_KEYS.join(", ")}`);
        }
        if (typeof price?.value !== "number" || !Number.isFinite(price.value) || price.value < 0) {
            throw new Error(`${origin}: "${region}.${key}" value must be a non-negative number`);
        }
        if (typeof price.unit !== "string" || typeof price.source !== "string" || price.source === "" || !DATE_PATTERN.test(price.date)) {
            throw new Error(`${origin}: "${region}.${key}" needs a unit, a source and a date`);
        }
    }
    return prices as PartialRegionPrices;
}

/** Validate a parsed table (bundled or from a file). */
export function validatePriceTable(raw: any, origin: string): PriceTable {
    if (!raw || typeof raw !== "object" || typeof raw.regions !== "object" || raw.regions === null) {
        throw new Error(`${origin}: a price table needs "hoursPerMonth", "priceDate", "currency": "USD" and "regions"`);
    }
    if (typeof raw.hoursPerMonth !== "number" || raw.hoursPerMonth <= 0 || typeof raw.priceDate !== "string" || raw.currency !== "USD") {
        throw new Error(`${origin}: "hoursPerMonth" must be a positive number, "priceDate" a date and "currency" "USD"`);
    }
    const regions: Record<string, PartialRegionPrices> = {};
    for (const [region, prices] of Object.entries(raw.regions)) {
        regions[region] = validateRegion(origin, region, prices as Record<string, any>);
    }
    return { hoursPerMonth: raw.hoursPerMonth, priceDate: raw.priceDate, currency: "USD", regions };
}

/** The validated bundled table, built once. */
let cachedTable: PriceTable | undefined;

/** The bundled price table, validated on first use. */
export function priceTable(): PriceTable {
    if (!cachedTable) cachedTable = validatePriceTable(rawTable, "price-table.json");
    return cachedTable;
}

/** Read a price table file (`fargatekit prices update --out FILE`); its regions replace the bundled ones. */
export function loadPriceTable(file: string): PriceTable {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new Error(`price file ${file}: ${(e as Error).message}`);
    }
    return validatePriceTable(parsed, file);
}

/**
 * The table that prices `region`: the bundled table with `override`'s regions laid over it (a region in the
 * file replaces the bundled one) when the file has `region`, else the bundled table unchanged, so the figures
 * and the date the estimate shows come from the same table.
 */
export function withOverrides(override: PriceTable | undefined, region: string): PriceTable {
    const base = priceTable();
    if (!override || override.regions[region] === undefined) return base;
    return { hoursPerMonth: override.hoursPerMonth, priceDate: override.priceDate, currency: "USD", regions: { ...base.regions, ...override.regions } };
}

/** Region codes that have price data, in table order. */
export function availableRegions(table: PriceTable = priceTable()): string[] {
    return Object.keys(table.regions);
}

/** Region codes that have every price. */
export function fullyPricedRegions(table: PriceTable = priceTable()): string[] {
    return availableRegions(table).filter((region) => PRICE_KEYS.every((key) => table.regions[region][key] !== undefined));
}

/** The prices a region has in a table (none: an empty record). */
export function regionPrices(region: string, table: PriceTable = priceTable()): PartialRegionPrices {
    return table.regions[region] ?? {};
}

/**
 * The full prices of one region.
 * Throws an `Error` naming the region and the missing keys, or listing the regions we have when there is no data for it.
 */
export function pricesFor(region: string, table: PriceTable = priceTable()): RegionPrices {
    const prices = table.regions[region];
    if (!prices) {
        throw new Error(`No price data for region "${region}"; regions with prices: ${availableRegions(table).join(", ")}`);
    }
    const missing = PRICE_KEYS.filter((key) => prices[key] === undefined);
    if (missing.length > 0) throw new Error(`Region "${region}" lacks prices: ${missing.join(", ")}`);
    return prices as RegionPrices;
}

/**
 * The region's prices as a full record. A missing key read is reported to `onMissing` and read as a zero
 * placeholder, so a pricer runs to the end and every price it needs is named (the model then drops that
 * resource's lines and gives no total).
 */
export function strictPrices(region: string, table: PriceTable, onMissing: (key: PriceKey) => void): RegionPrices {
    const prices = regionPrices(region, table);
    return new Proxy(prices as RegionPrices, {
        get(target, key) {
            if (typeof key === "string" && key in PRICE_KEY_UNITS && target[key as PriceKey] === undefined) {
                onMissing(key as PriceKey);
                return { value: 0, unit: PRICE_KEY_UNITS[key as PriceKey], source: `missing for ${region}`, date: "undated" };
            }
            return (target as any)[key];
        },
    });
}
