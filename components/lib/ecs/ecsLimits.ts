/** ECS limits for container settings and schedule expressions. */

/** Linux ulimit names ECS accepts. */
export const ULIMIT_NAMES: readonly string[] = [
    "core",
    "cpu",
    "data",
    "fsize",
    "locks",
    "memlock",
    "msgqueue",
    "nice",
    "nofile",
    "nproc",
    "rss",
    "rtprio",
    "rttime",
    "sigpending",
    "stack",
];

export interface FieldProblem {
    field: string;
    value: unknown;
    message: string;
}

/** Problems with a container health check: ECS limits (interval 5–300, timeout 2–60, retries 1–10, startPeriod 0–300). */
export function validateHealthCheck(hc: any): FieldProblem[] {
    const out: FieldProblem[] = [];
    if (!hc || typeof hc !== "object") return [{ field: "", value: hc, message: "must be an object {command, interval, timeout, retries, startPeriod}" }];
    const cmd = hc.command;
    if (!Array.isArray(cmd) || cmd.length < 2 || !["CMD", "CMD-SHELL"].includes(cmd[0]) || !cmd.every((c: unknown) => typeof c === "string"))
        out.push({
            field: "command",
            value: cmd,
            message: 'must be a list starting with "CMD" or "CMD-SHELL", e.g. ["CMD-SHELL", "curl -f http://localhost:3000/health || exit 1"]',
        });
    const range = (field: string, lo: number, hi: number) => {
        const v = hc[field];
        if (v !== undefined && (!Number.isInteger(v) || v < lo || v > hi)) out.push({ field, value: v, message: `must be a whole number from ${lo} to ${hi}` });
    };
    range("interval", 5, 300);
    range("timeout", 2, 60);
    range("retries", 1, 10);
    range("startPeriod", 0, 300);
    if (Number.isInteger(hc.interval) && Number.isInteger(hc.timeout) && hc.timeout >= hc.interval)
        out.push({ field: "timeout", value: hc.timeout, message: "must be less than interval" });
    return out;
}

const CRON_FIELD = /^[0-9A-Za-z*?,\-/#L]+$/;

/**
 * Checks an Application Auto Scaling / EventBridge schedule expression: `rate(N unit)`,
 * `cron(min hour day-of-month month day-of-week year)` (exactly one of the two day fields is `?`),
 * or `at(yyyy-mm-ddThh:mm:ss)`. Returns an error message, or undefined when valid.
 */
export function validateScheduleExpression(expr: unknown): string | undefined {
    if (typeof expr !== "string") return "must be a schedule expression: cron(...), rate(...) or at(...)";
    const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expr);
    if (rate) {
        const n = Number(rate[1]);
        if (n < 1) return "rate must be at least 1";
        if ((n === 1) !== /^(minute|hour|day)$/.test(rate[2])) return `use "${n} ${n === 1 ? rate[2].replace(/s$/, "") : rate[2].replace(/s?$/, "s")}"`;
        return undefined;
    }
    if (/^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$/.test(expr)) return undefined;
    const cron = /^cron\((.*)\)$/.exec(expr);
    if (cron) {
        const fields = cron[1].trim().split(/\s+/);
        if (fields.length !== 6) return "cron needs 6 fields: minutes hours day-of-month month day-of-week year";
        if (!fields.every((f) => CRON_FIELD.test(f))) return "cron has characters other than digits, letters, * ? , - / # L";
        const [, , dom, , dow] = fields;
        if ((dom === "?") === (dow === "?")) return "cron needs exactly one of day-of-month and day-of-week to be ?";
        return undefined;
    }
    return "must be cron(...), rate(...) or at(...)";
}

/** True for an IANA time zone name (as EventBridge Scheduler and Application Auto Scaling take them), e.g. "UTC", "Europe/Paris". */
export function isTimeZone(name: unknown): boolean {
    if (typeof name !== "string" || name === "") return false;
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: name });
        return true;
    } catch {
        return false;
    }
}
