/** CloudWatch Logs facts used by validation. */

/** Retention values CloudWatch Logs accepts, in days (0, "never expire", is deliberately left out: we want finite retention). */
export const LOG_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** True when `days` is a finite retention CloudWatch accepts. */
export function isValidLogRetention(days: number): boolean {
    return LOG_RETENTION_DAYS.includes(days);
}
