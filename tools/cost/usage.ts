/**
 * Usage assumptions: the traffic and volume figures the cost model cannot read from a program.
 * Defaults describe a small, lightly used web service; override them with a YAML or JSON file.
 */
import * as fs from "node:fs";
import { parse } from "yaml";

/** Traffic and volume assumptions, all non-negative numbers, all per month unless the name says otherwise. */
export interface UsageAssumptions {
    /** New connections per second on each ALB, averaged over the month; 1/s suits a small site with keep-alive clients. */
    albNewConnectionsPerSecond: number;
    /** Active (concurrent) connections per minute on each ALB; 100 is a few dozen browsers holding keep-alive sockets. */
    albActiveConnectionsPerMinute: number;
    /** GB of request plus response bytes each ALB processes per hour; 0.05 GB/h is about 36.5 GB a month of small pages and API calls. */
    albProcessedGbPerHour: number;
    /** Listener rule evaluations per second (requests/s × rules processed per request); 10 = 10 requests/s against 1 rule. */
    albRuleEvaluationsPerSecond: number;
    /** Listener rules processed per request; the first 10 are free, and 1 (the default action) is what our components create. */
    albRulesCount: number;
    /** GB processed per month by all NAT gateways of the stack together (split evenly); 10 GB covers image pulls and outbound API calls. */
    natProcessedGbPerMonth: number;
    /** GB processed per month by each interface VPC endpoint; 1 GB is ECR/Logs/Secrets API traffic of one small service. */
    interfaceEndpointGbPerMonth: number;
    /** GB of logs ingested per month into each log group (one per service in our components); 1 GB is a chatty small service. */
    logIngestionGbPerMonthPerService: number;
    /** Months of logs kept when retention is unset or longer; storage is priced at what accumulates over this horizon (12 = one year). */
    logStorageHorizonMonths: number;
    /** Container Insights (`enabled`) metric series per cluster; about a dozen cluster-level metrics in the ECS docs. */
    containerInsightsSeriesPerCluster: number;
    /** Container Insights (`enabled`) metric series per service (ServiceName and TaskDefinitionFamily sets); 26 fits the 58–102 per cluster seen in [S26]. */
    containerInsightsSeriesPerService: number;
    /** Container Insights (`enhanced`) series per cluster billed as custom metrics; enhanced keeps the standard cluster-level set (12). */
    containerInsightsEnhancedSeriesPerCluster: number;
    /** Container Insights (`enhanced`) series per service billed as custom metrics; enhanced keeps the standard service-level set (26). */
    containerInsightsEnhancedSeriesPerService: number;
    /** Container Insights (`enhanced`) extra series per running task (TaskId, ContainerName dimensions); [S26] saw about 23 per task launch. */
    containerInsightsEnhancedSeriesPerTask: number;
    /** KMS requests per month per customer-managed key (log and secret data keys); 10,000 keeps two keys inside the 20,000 free. */
    kmsRequestsPerMonthPerKey: number;
    /** GB stored in each ECR repository; 1 GB is a few compressed images kept by a lifecycle policy. */
    ecrStoredGbPerRepository: number;
    /** Secrets Manager API calls per month per secret; 1,000 covers one read per task start plus deploys and rotations. */
    secretsManagerCallsPerMonthPerSecret: number;
    /** GB sent to the internet per month through each internet-facing ALB (responses); 30 GB is most of the 36.5 GB the ALB default processes. The first 100 GB/month are free account-wide. */
    internetDataTransferOutGbPerMonth: number;
    /** GB written per month into each S3 bucket (ALB access logs: about 1 GB of gzip logs for the default 10 requests/s). */
    s3GbWrittenPerMonthPerBucket: number;
    /** PUT requests per month into each S3 bucket; an ALB delivers one log object per node every 5 minutes: 3 nodes × 12/h × 730 h = 26,280. */
    s3PutRequestsPerMonthPerBucket: number;
    /** Requests per month on each SQS queue; 0 suits a dead-letter queue that only fills when a scheduled run cannot start. */
    sqsRequestsPerMonthPerQueue: number;
    /** Minutes each scheduled task run lasts (Fargate bills at least 1 minute); 5 fits a small batch job. */
    scheduledTaskMinutesPerRun: number;
    /** Fargate Spot discount (0–1) instead of the price table's "up to" 0.70; unset uses the table. */
    fargateSpotDiscount?: number;
}

/** The defaults, each explained on its field above. */
export const DEFAULT_USAGE: Readonly<UsageAssumptions> = Object.freeze({
    albNewConnectionsPerSecond: 1,
    albActiveConnectionsPerMinute: 100,
    albProcessedGbPerHour: 0.05,
    albRuleEvaluationsPerSecond: 10,
    albRulesCount: 1,
    natProcessedGbPerMonth: 10,
    interfaceEndpointGbPerMonth: 1,
    logIngestionGbPerMonthPerService: 1,
    logStorageHorizonMonths: 12,
    containerInsightsSeriesPerCluster: 12,
    containerInsightsSeriesPerService: 26,
    containerInsightsEnhancedSeriesPerCluster: 12,
    containerInsightsEnhancedSeriesPerService: 26,
    containerInsightsEnhancedSeriesPerTask: 23,
    kmsRequestsPerMonthPerKey: 10000,
    ecrStoredGbPerRepository: 1,
    secretsManagerCallsPerMonthPerSecret: 1000,
    internetDataTransferOutGbPerMonth: 30,
    s3GbWrittenPerMonthPerBucket: 1,
    s3PutRequestsPerMonthPerBucket: 26280,
    sqsRequestsPerMonthPerQueue: 0,
    scheduledTaskMinutesPerRun: 5,
});

/** Every key a usage file may set. */
export const USAGE_KEYS: readonly (keyof UsageAssumptions)[] = [...Object.keys(DEFAULT_USAGE), "fargateSpotDiscount"] as (keyof UsageAssumptions)[];

/** Keys whose value is a fraction and must not exceed 1. */
const FRACTION_KEYS: ReadonlySet<string> = new Set(["fargateSpotDiscount"]);

/** Show a value in an error message the way the user wrote it. */
function describeValue(value: unknown): string {
    return value === undefined ? "undefined" : JSON.stringify(value);
}

/**
 * Merge overrides over the defaults, checking every key and value.
 * Throws an `Error` naming the key, the value, where it came from and the allowed keys for an unknown key,
 * a value that is not a finite number, a negative value, or a fraction above 1.
 */
export function mergeUsage(overrides: Record<string, unknown> = {}, origin = "usage overrides"): UsageAssumptions {
    const allowed = `allowed keys: ${USAGE_KEYS.join(", ")}`;
    const merged: UsageAssumptions = { ...DEFAULT_USAGE };
    for (const [key, value] of Object.entries(overrides)) {
        if (!(USAGE_KEYS as readonly string[]).includes(key)) {
            throw new Error(`Unknown usage key "${key}" (value ${describeValue(value)}) in ${origin}; ${allowed}`);
        }
        if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
            throw new Error(`Usage key "${key}" in ${origin} must be a non-negative number, got ${describeValue(value)}; ${allowed}`);
        }
        if (FRACTION_KEYS.has(key) && value > 1) {
            throw new Error(`Usage key "${key}" in ${origin} must be between 0 and 1, got ${describeValue(value)}; ${allowed}`);
        }
        (merged as unknown as Record<string, number>)[key] = value;
    }
    return merged;
}

/**
 * Read a usage file (YAML or JSON; the `yaml` parser reads both) and merge it over the defaults.
 * An empty file means "all defaults"; anything but a mapping at the top is an error naming the file.
 */
export function loadUsage(file: string): UsageAssumptions {
    const parsed: unknown = parse(fs.readFileSync(file, "utf8"));
    if (parsed === null || parsed === undefined) {
        return mergeUsage({}, file);
    }
    if (typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new Error(`Usage file ${file} must hold a mapping of key: number; allowed keys: ${USAGE_KEYS.join(", ")}`);
    }
    return mergeUsage(parsed as Record<string, unknown>, file);
}
