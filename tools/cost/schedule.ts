/**
 * How often an EventBridge Scheduler expression fires in a month, for pricing scheduled task runs.
 * Expression forms (EventBridge Scheduler User Guide, "Schedule types"): `rate(value unit)` with unit
 * minute(s), hour(s) or day(s); `cron(minutes hours day-of-month month day-of-week year)`; `at(yyyy-mm-ddThh:mm:ss)`.
 */

/** Runs per month and how they were counted; `runs` is undefined when the expression cannot be read. */
export interface MonthlyRuns {
    runs?: number;
    note: string;
}

/** Minutes per `rate()` unit. */
const RATE_MINUTES: Record<string, number> = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 };

/** How many values a cron field selects out of `size` (`*`, `?`, lists, ranges, steps); undefined if unreadable. */
function fieldCount(field: string, min: number, max: number): number | undefined {
    if (field === "*" || field === "?") return max - min + 1;
    let count = 0;
    for (const part of field.split(",")) {
        const m = /^(\*|\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(part);
        if (!m) return undefined;
        const start = m[1] === "*" ? min : Number(m[1]);
        const end = m[2] !== undefined ? Number(m[2]) : m[1] === "*" || m[3] !== undefined ? max : start;
        const step = m[3] !== undefined ? Number(m[3]) : 1;
        if (start < min || end > max || end < start || step < 1) return undefined;
        count += Math.floor((end - start) / step) + 1;
    }
    return count;
}

/** Runs in a month of `hours` hours for one schedule expression. */
export function monthlyRuns(expression: string, hours: number): MonthlyRuns {
    const days = hours / 24;
    const rate = /^rate\((\d+)\s+([a-z]+)\)$/.exec(expression.trim());
    if (rate) {
        const per = RATE_MINUTES[rate[2]];
        if (per === undefined || Number(rate[1]) < 1) return { note: `cannot read ${expression}` };
        const runs = (hours * 60) / (Number(rate[1]) * per);
        return { runs, note: `${expression}: ${hours} h ÷ ${rate[1]} ${rate[2]}` };
    }
    if (/^at\(.+\)$/.test(expression.trim())) return { runs: 0, note: `${expression} runs once, not monthly` };
    const cron = /^cron\((.+)\)$/.exec(expression.trim());
    if (cron) {
        const fields = cron[1].trim().split(/\s+/);
        if (fields.length !== 6) return { note: `cannot read ${expression} (cron takes 6 fields)` };
        const [minutes, hoursField, dayOfMonth, month, dayOfWeek] = fields;
        const perHour = fieldCount(minutes, 0, 59);
        const hoursPerDay = fieldCount(hoursField, 0, 23);
        const months = /^[*?]$/.test(month) ? 12 : fieldCount(month, 1, 12);
        if (perHour === undefined || hoursPerDay === undefined || months === undefined) return { note: `cannot read ${expression}` };
        let daysPerMonth: number | undefined;
        let dayNote: string;
        if (/^[*?]$/.test(dayOfMonth) && /^[*?]$/.test(dayOfWeek)) {
            daysPerMonth = days;
            dayNote = "every day";
        } else if (/^[*?]$/.test(dayOfMonth)) {
            const weekdays = /^[A-Z]{3}(-[A-Z]{3})?(,[A-Z]{3}(-[A-Z]{3})?)*$/i.test(dayOfWeek) ? weekdayCount(dayOfWeek) : fieldCount(dayOfWeek.replace(/#\d+$/, ""), 1, 7);
            daysPerMonth = weekdays === undefined ? undefined : dayOfWeek.includes("#") ? 1 : (weekdays * days) / 7;
            dayNote = `days of week ${dayOfWeek}`;
        } else {
            const count = /^[\dL,W-]+$/.test(dayOfMonth) && /[LW]/.test(dayOfMonth) ? 1 : fieldCount(dayOfMonth, 1, 31);
            daysPerMonth = count;
            dayNote = `days of month ${dayOfMonth}`;
        }
        if (daysPerMonth === undefined) return { note: `cannot read ${expression}` };
        const runs = perHour * hoursPerDay * daysPerMonth * (months / 12);
        return {
            runs,
            note: `${expression}: ${perHour}/h × ${hoursPerDay} h/day × ${Number(daysPerMonth.toPrecision(4))} day(s) (${dayNote})${months < 12 ? ` × ${months}/12 months` : ""}`,
        };
    }
    return { note: `cannot read ${expression}` };
}

/** Days selected by a day-of-week field written with names (`MON-FRI`, `SAT,SUN`). */
function weekdayCount(field: string): number | undefined {
    const names = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    let count = 0;
    for (const part of field.toUpperCase().split(",")) {
        const [from, to] = part.split("-");
        const a = names.indexOf(from);
        const b = to === undefined ? a : names.indexOf(to);
        if (a < 0 || b < 0 || b < a) return undefined;
        count += b - a + 1;
    }
    return count;
}
