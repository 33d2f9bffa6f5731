/**
 * Refresh the price table from AWS's public Price List bulk API (no credentials): the offer (service)
 * index, each service's region index, and each region's price list file, extracting exactly the
 * products the cost model uses.
 *
 * Formats (AWS Billing User Guide, "Reading the price list files",
 * https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/bulk-api-reading-price-list-files.html):
 * - offer index `…/offers/v1.0/aws/index.json`: `{formatVersion, disclaimer, publicationDate, offers: {<code>:
 *   {offerCode, currentVersionUrl, currentRegionIndexUrl, …}}}`;
 * - service region index: `{formatVersion, disclaimer, publicationDate, regions: {<region>: {regionCode, currentVersionUrl}}}`;
 * - a price list file as JSON (`…/index.json`) or CSV (`…/index.csv`, same path): the CSV's first five rows are
 *   metadata (FormatVersion, Disclaimer, Publication Date, Version, OfferCode), the sixth names the columns
 *   (SKU, OfferTermCode, RateCode, TermType, PriceDescription, EffectiveDate, StartingRange, EndingRange, Unit,
 *   PricePerUnit, Currency, then the product attributes such as "Product Family", usageType, "Region Code").
 * The CSV is read here, line by line: the AmazonEC2 regional file (NAT gateways) is far too large to hold as one string.
 *
 * Usage types are the ones Infracost filters on (infracost/infracost `internal/resources/aws/*.go`) and AWS's
 * CloudWatch and Fargate usage-type documentation; a region prefix (`USE1-`, `EU-`, `APS2-`…) may precede them.
 */
import { PRICE_KEY_UNITS, PriceKey, PartialRegionPrices, Price, PriceTable, priceTable } from "./prices";

/** The public offer index of the Price List bulk API. */
export const OFFER_INDEX_URL = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json";

/** Fetches a URL and yields its body as text chunks (injected by tests; the default uses `fetch`). */
export type HttpGet = (url: string) => AsyncIterable<string>;

/** The default `HttpGet`: Node's `fetch`, streamed. Throws naming the URL and the status on an HTTP error. */
export const httpGet: HttpGet = async function* (url: string) {
    const response = await fetch(url);
    if (!response.ok || !response.body) throw new Error(`GET ${url}: HTTP ${response.status} ${response.statusText}`);
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) yield decoder.decode(chunk, { stream: true });
    const rest = decoder.decode();
    if (rest) yield rest;
};

/** How one price is found in a service's price list. */
interface ProductRule {
    key: PriceKey;
    /** Price List offer code (service code). */
    offer: string;
    /** Usage type without its region prefix. */
    usageType: RegExp;
    /** Required product family, when the usage type alone is ambiguous (ALB vs Classic LB). */
    family?: string;
    /** Multiply the per-unit price by this (per request → per 10,000…). */
    scale?: number;
    /** Take the first tier with a non-zero price (free tiers come first). */
    firstPaidTier?: boolean;
    /** Plain-language name of the product, for errors. */
    product: string;
}

/** Usage type with an optional region prefix (`USE1-`, `EU-`, `APS2-`…). */
const usage = (suffix: string) => new RegExp(`^(?:[A-Z]{2,4}\\d?-)?${suffix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
/** Usage type alternatives (public code shows both spellings in use), with the optional region prefix. */
const usageAny = (...suffixes: string[]) => new RegExp(`^(?:[A-Z]{2,4}\\d?-)?(?:${suffixes.map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`);

/** Every product the cost model uses, by price key. */
export const PRODUCT_RULES: readonly ProductRule[] = [
    { key: "fargateX86VcpuHour", offer: "AmazonECS", usageType: usage("Fargate-vCPU-Hours:perCPU"), product: "Fargate Linux/x86 vCPU-hours" },
    { key: "fargateX86GbHour", offer: "AmazonECS", usageType: usage("Fargate-GB-Hours"), product: "Fargate Linux/x86 GB-hours" },
    { key: "fargateArmVcpuHour", offer: "AmazonECS", usageType: usage("Fargate-ARM-vCPU-Hours:perCPU"), product: "Fargate Linux/ARM vCPU-hours" },
    { key: "fargateArmGbHour", offer: "AmazonECS", usageType: usage("Fargate-ARM-GB-Hours"), product: "Fargate Linux/ARM GB-hours" },
    { key: "fargateEphemeralStorageGbHour", offer: "AmazonECS", usageType: usage("Fargate-EphemeralStorage-GB-Hours"), product: "Fargate ephemeral storage GB-hours" },
    { key: "albHour", offer: "AWSELB", family: "Load Balancer-Application", usageType: usage("LoadBalancerUsage"), product: "Application Load Balancer hours" },
    { key: "albLcuHour", offer: "AWSELB", family: "Load Balancer-Application", usageType: usage("LCUUsage"), product: "Application Load Balancer LCU-hours" },
    { key: "natGatewayHour", offer: "AmazonEC2", usageType: usage("NatGateway-Hours"), product: "NAT gateway hours" },
    { key: "natGatewayGb", offer: "AmazonEC2", usageType: usage("NatGateway-Bytes"), product: "NAT gateway GB processed" },
    { key: "publicIpv4Hour", offer: "AmazonVPC", usageType: usage("PublicIPv4:InUseAddress"), product: "public IPv4 address-hours (in use)" },
    { key: "interfaceEndpointAzHour", offer: "AmazonVPC", usageType: usage("VpcEndpoint-Hours"), product: "interface VPC endpoint hours" },
    { key: "interfaceEndpointGb", offer: "AmazonVPC", usageType: usage("VpcEndpoint-Bytes"), firstPaidTier: true, product: "interface VPC endpoint GB processed" },
    { key: "logsIngestionStandardGb", offer: "AmazonCloudWatch", usageType: usage("DataProcessing-Bytes"), product: "CloudWatch Logs ingestion (Standard)" },
    { key: "logsIngestionInfrequentAccessGb", offer: "AmazonCloudWatch", usageType: usage("DataProcessingIA-Bytes"), product: "CloudWatch Logs ingestion (Infrequent Access)" },
    { key: "logsStorageGbMonth", offer: "AmazonCloudWatch", usageType: usage("TimedStorage-ByteHrs"), product: "CloudWatch Logs storage" },
    { key: "vendedLogsGb", offer: "AmazonCloudWatch", usageType: usage("VendedLog-Bytes"), firstPaidTier: true, product: "CloudWatch vended logs" },
    { key: "customMetricMonth", offer: "AmazonCloudWatch", usageType: usage("CW:MetricMonitorUsage"), firstPaidTier: true, product: "CloudWatch metrics" },
    { key: "alarmStandardMetricMonth", offer: "AmazonCloudWatch", usageType: usage("CW:AlarmMonitorUsage"), product: "CloudWatch standard alarms" },
    { key: "alarmHighResolutionMetricMonth", offer: "AmazonCloudWatch", usageType: usage("CW:HighResAlarmMonitorUsage"), product: "CloudWatch high-resolution alarms" },
    { key: "kmsKeyMonth", offer: "awskms", usageType: usage("KMS-Keys"), product: "KMS customer-managed keys" },
    { key: "kmsRequests10k", offer: "awskms", usageType: usage("KMS-Requests"), scale: 10000, firstPaidTier: true, product: "KMS requests" },
    { key: "ecrStorageGbMonth", offer: "AmazonECR", usageType: usage("TimedStorage-ByteHrs"), product: "ECR storage" },
    { key: "secretsManagerSecretMonth", offer: "AWSSecretsManager", usageType: usage("AWSSecretsManager-Secrets"), product: "Secrets Manager secrets" },
    {
        key: "secretsManagerApiCalls10k",
        offer: "AWSSecretsManager",
        usageType: usageAny("AWSSecretsManagerAPIRequest", "AWSSecretsManager-APIRequests"),
        scale: 10000,
        product: "Secrets Manager API requests",
    },
    { key: "dataTransferOutGb", offer: "AWSDataTransfer", usageType: usage("DataTransfer-Out-Bytes"), firstPaidTier: true, product: "data transfer out to the internet" },
    { key: "wafWebAclMonth", offer: "awswaf", usageType: usage("WebACLV2"), product: "WAF web ACLs" },
    { key: "wafRuleMonth", offer: "awswaf", usageType: usage("RuleV2"), product: "WAF rules" },
    { key: "wafRequestsMillion", offer: "awswaf", usageType: usage("RequestV2-Tier1"), scale: 1e6, product: "WAF requests" },
    { key: "s3StandardGbMonth", offer: "AmazonS3", family: "Storage", usageType: usage("TimedStorage-ByteHrs"), firstPaidTier: true, product: "S3 Standard storage" },
    { key: "s3PutRequests1k", offer: "AmazonS3", usageType: usage("Requests-Tier1"), scale: 1000, product: "S3 PUT/COPY/POST/LIST requests" },
    {
        key: "sqsRequestsMillion",
        offer: "AWSQueueService",
        usageType: usageAny("Requests-RBP", "Requests-Tier1"),
        scale: 1e6,
        firstPaidTier: true,
        product: "SQS standard requests",
    },
];

/**
 * Prices the Price List may lack for a region, read when present: Fargate Spot (turned into a discount off
 * on-demand), Container Insights enhanced metrics, and dashboards (priced globally, `location` "Any").
 */
const OPTIONAL_RULES: readonly ProductRule[] = [
    {
        key: "containerInsightsEnhancedMetricMonth",
        offer: "AmazonCloudWatch",
        usageType: usage("MetricStorage:CI-ECS"),
        firstPaidTier: true,
        product: "Container Insights enhanced metrics",
    },
    { key: "dashboardMonth", offer: "AmazonCloudWatch", usageType: usage("DashboardsUsageHour"), firstPaidTier: true, product: "CloudWatch dashboards" },
];

/** The Fargate Spot vCPU product, to derive `fargateSpotDiscount`. */
const SPOT_VCPU: ProductRule = { key: "fargateSpotDiscount", offer: "AmazonECS", usageType: usage("SpotUsage:Fargate-vCPU-Hours:perCPU"), product: "Fargate Spot vCPU-hours" };

/** Account-wide free allowances (not regional prices): carried over from the bundled table with their sources. */
const CARRIED_KEYS: readonly PriceKey[] = ["kmsFreeRequestsMonth", "dataTransferOutFreeGbMonth", "sqsFreeRequestsMonth"];

/** Thrown when the Price List lacks a product the cost model needs. */
export class MissingProductError extends Error {
    constructor(
        public readonly region: string,
        public readonly missing: { key: PriceKey; offer: string; product: string }[],
    ) {
        super(
            `the Price List has no ${missing.map((m) => `${m.product} (${m.offer} usage type for ${m.key})`).join(", ")} in ${region}; ` +
                `the cost model needs ${missing.length === 1 ? "it" : "them"}: nothing was written`,
        );
        this.name = "MissingProductError";
    }
}

/** Read a whole body. */
async function readAll(get: HttpGet, url: string): Promise<string> {
    let text = "";
    for await (const chunk of get(url)) text += chunk;
    return text;
}

/** Read a JSON body, naming the URL on a parse error. */
async function readJson(get: HttpGet, url: string): Promise<any> {
    const text = await readAll(get, url);
    try {
        return JSON.parse(text);
    } catch (e) {
        throw new Error(`GET ${url}: not JSON (${(e as Error).message})`);
    }
}

/** Split a body into lines as it streams. */
async function* lines(get: HttpGet, url: string): AsyncIterable<string> {
    let rest = "";
    for await (const chunk of get(url)) {
        rest += chunk;
        let newline: number;
        while ((newline = rest.indexOf("\n")) >= 0) {
            yield rest.slice(0, newline).replace(/\r$/, "");
            rest = rest.slice(newline + 1);
        }
    }
    if (rest) yield rest.replace(/\r$/, "");
}

/** Parse one CSV line (RFC 4180 quoting, `""` inside quotes). */
export function parseCsvLine(line: string): string[] {
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quoted) {
            if (c === '"' && line[i + 1] === '"') {
                cell += '"';
                i++;
            } else if (c === '"') quoted = false;
            else cell += c;
        } else if (c === '"') quoted = true;
        else if (c === ",") {
            cells.push(cell);
            cell = "";
        } else cell += c;
    }
    cells.push(cell);
    return cells;
}

/** One on-demand price row of a price list file. */
interface PriceRow {
    sku: string;
    usageType: string;
    family: string;
    startingRange: number;
    pricePerUnit: number;
    unit: string;
    description: string;
    effectiveDate: string;
}

/** Column names are compared without case or spaces ("Product Family" = productFamily, usageType = usagetype). */
const norm = (name: string) => name.toLowerCase().replace(/\s+/g, "");

/** The on-demand rows of a price list CSV whose usage type any of `rules` wants, and the file's publication date. */
async function readPriceRows(get: HttpGet, url: string, rules: readonly ProductRule[]): Promise<{ rows: PriceRow[]; publicationDate: string }> {
    const rows: PriceRow[] = [];
    let header: Map<string, number> | undefined;
    let publicationDate = "";
    let lineNumber = 0;
    for await (const line of lines(get, url)) {
        lineNumber++;
        if (line.trim() === "") continue;
        const cells = parseCsvLine(line);
        if (!header) {
            if (lineNumber <= 5) {
                if (norm(cells[0]) === "publicationdate") publicationDate = cells[1] ?? "";
                continue;
            }
            header = new Map(cells.map((name, i) => [norm(name), i]));
            for (const needed of ["sku", "termtype", "usagetype", "priceperunit", "unit", "startingrange"]) {
                if (!header.has(needed)) throw new Error(`${url}: the price list has no "${needed}" column (row 6 names the columns)`);
            }
            continue;
        }
        const at = (name: string) => cells[header!.get(name) ?? -1] ?? "";
        if (at("termtype") !== "OnDemand") continue;
        const usageType = at("usagetype");
        if (!rules.some((rule) => rule.usageType.test(usageType))) continue;
        rows.push({
            sku: at("sku"),
            usageType,
            family: at("productfamily"),
            startingRange: Number(at("startingrange") || 0),
            pricePerUnit: Number(at("priceperunit")),
            unit: at("unit"),
            description: at("pricedescription"),
            effectiveDate: at("effectivedate"),
        });
    }
    if (!header) throw new Error(`${url}: not a price list CSV (no column row)`);
    return { rows, publicationDate };
}

/** The row a rule picks: its usage type (and family), the lowest tier, or the first paid one. */
function pick(rule: ProductRule, rows: PriceRow[]): PriceRow | undefined {
    const matching = rows
        .filter((row) => rule.usageType.test(row.usageType) && (rule.family === undefined || row.family === rule.family) && Number.isFinite(row.pricePerUnit))
        .sort((a, b) => a.startingRange - b.startingRange);
    return rule.firstPaidTier ? matching.find((row) => row.pricePerUnit > 0) : matching[0];
}

/** A `Price` from a row, its source naming the SKU, usage type, description and publication. */
function priceOf(rule: ProductRule, row: PriceRow, url: string, publicationDate: string, value = row.pricePerUnit * (rule.scale ?? 1)): Price {
    const date = (row.effectiveDate || publicationDate).slice(0, 10) || "undated";
    return {
        value: Number(value.toPrecision(10)),
        unit: PRICE_KEY_UNITS[rule.key],
        source: `AWS Price List ${rule.offer} SKU ${row.sku} (${row.usageType}: "${row.description}", ${row.pricePerUnit} USD per ${row.unit}), ${url}, published ${publicationDate || "undated"}`,
        date: /^\d{4}(-\d{2}(-\d{2})?)?$/.test(date) ? date : "undated",
    };
}

/** What `updatePrices` needs. */
export interface UpdateOptions {
    /** Regions to fetch. */
    regions: string[];
    /** The HTTP fetch (default: `httpGet`). */
    get?: HttpGet;
    /** The offer index URL (default: `OFFER_INDEX_URL`). */
    offerIndexUrl?: string;
    /** Date written as the table's `priceDate` (default: today, UTC). */
    today?: string;
}

/** Resolve a URL from an index against the index's own URL (the indexes give paths like `/offers/v1.0/…`). */
function resolve(url: string, base: string): string {
    return new URL(url, base).toString();
}

/**
 * Fetch every region's prices from the Price List. Throws `MissingProductError` naming every product a region
 * lacks, or an `Error` naming the URL that failed; nothing is returned half-filled.
 */
export async function updatePrices(options: UpdateOptions): Promise<PriceTable> {
    const get = options.get ?? httpGet;
    const indexUrl = options.offerIndexUrl ?? OFFER_INDEX_URL;
    const index = await readJson(get, indexUrl);
    const offers = [...new Set([...PRODUCT_RULES, ...OPTIONAL_RULES, SPOT_VCPU].map((rule) => rule.offer))];
    const regionIndexes = new Map<string, any>();
    for (const offer of offers) {
        const entry = index?.offers?.[offer];
        if (!entry?.currentRegionIndexUrl) throw new Error(`${indexUrl}: the offer index has no ${offer} offer with a currentRegionIndexUrl`);
        const url = resolve(entry.currentRegionIndexUrl, indexUrl);
        regionIndexes.set(offer, { url, json: await readJson(get, url) });
    }
    const bundled = priceTable();
    const regions: Record<string, PartialRegionPrices> = {};
    for (const region of options.regions) {
        const prices: PartialRegionPrices = {};
        const missing: { key: PriceKey; offer: string; product: string }[] = [];
        for (const offer of offers) {
            const { url: regionIndexUrl, json } = regionIndexes.get(offer);
            const rules = [...PRODUCT_RULES, ...OPTIONAL_RULES, SPOT_VCPU].filter((rule) => rule.offer === offer);
            const versionUrl = json?.regions?.[region]?.currentVersionUrl;
            if (typeof versionUrl !== "string") {
                missing.push(...rules.filter((rule) => PRODUCT_RULES.includes(rule)).map((rule) => ({ key: rule.key, offer, product: rule.product })));
                continue;
            }
            const csvUrl = resolve(versionUrl.replace(/\.json$/, ".csv"), regionIndexUrl);
            const { rows, publicationDate } = await readPriceRows(get, csvUrl, rules);
            for (const rule of rules) {
                const row = pick(rule, rows);
                if (rule === SPOT_VCPU) continue;
                if (row) prices[rule.key] = priceOf(rule, row, csvUrl, publicationDate);
                else if (PRODUCT_RULES.includes(rule)) missing.push({ key: rule.key, offer, product: rule.product });
            }
            const spot = rules.includes(SPOT_VCPU) ? pick(SPOT_VCPU, rows) : undefined;
            if (spot && prices.fargateX86VcpuHour) {
                const discount = 1 - spot.pricePerUnit / prices.fargateX86VcpuHour.value;
                prices.fargateSpotDiscount = {
                    ...priceOf(SPOT_VCPU, spot, csvUrl, publicationDate, discount),
                    source: `1 − Spot/on-demand vCPU price: AWS Price List AmazonECS SKU ${spot.sku} (${spot.usageType}, ${spot.pricePerUnit} USD per ${spot.unit}) ÷ ${prices.fargateX86VcpuHour.value}, ${csvUrl}, published ${publicationDate || "undated"}`,
                };
            }
        }
        if (missing.length > 0) throw new MissingProductError(region, missing);
        const base = bundled.regions["us-east-1"];
        if (!prices.fargateSpotDiscount && base?.fargateSpotDiscount) {
            prices.fargateSpotDiscount = {
                ...base.fargateSpotDiscount,
                source: `not in the Price List for ${region}; the bundled figure: ${base.fargateSpotDiscount.source}`,
                confidence: "low",
            };
        }
        if (!prices.dashboardMonth && base?.dashboardMonth) {
            prices.dashboardMonth = {
                ...base.dashboardMonth,
                source: `dashboards are priced globally (location "Any"), not in the ${region} file; the bundled figure: ${base.dashboardMonth.source}`,
            };
        }
        for (const key of CARRIED_KEYS) {
            const carried = base?.[key];
            if (carried) prices[key] = { ...carried, source: `account-wide allowance, not a regional price; the bundled figure: ${carried.source}` };
        }
        regions[region] = prices;
    }
    return { hoursPerMonth: bundled.hoursPerMonth, priceDate: options.today ?? new Date().toISOString().slice(0, 10), currency: "USD", regions };
}
