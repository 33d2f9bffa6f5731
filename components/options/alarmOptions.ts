/** CloudWatch alarms, their topic and subscribers, a dashboard and an error query. */
import { OptionProblem, OptionTable, Resolved, applyDefaults } from "./optionTable";
import { Problems } from "./checks";
import { AlarmThresholds, DEFAULT_ALARM_THRESHOLDS } from "../lib/cloudwatch/alarmDefinitions";

export interface AlarmOptions {
    /**
     * Alarms to an encrypted SNS topic, a dashboard and an error query; the error alarms also roll back bad deployments.
     * @default false
     */
    enabled?: boolean;
    /**
     * Emails subscribed to the alarm topic (each must confirm).
     * @default []
     */
    emails?: string[];
    /**
     * HTTPS endpoints subscribed to the alarm topic.
     * @default []
     */
    httpsEndpoints?: string[];
    /**
     * Threshold overrides.
     * @default {} (see `DEFAULT_ALARM_THRESHOLDS`)
     */
    thresholds?: Partial<AlarmThresholds>;
}

export const ALARM_OPTIONS: OptionTable<AlarmOptions> = {
    enabled: {
        default: false,
        description:
            "CloudWatch alarms (CPU, memory, running tasks, target 5XX rate and count, unhealthy hosts, response time, ALB 5XX) to an encrypted SNS topic, a dashboard and a saved error query; the error alarms roll back bad deployments (on in prod).",
    },
    emails: { default: [], description: "Email addresses subscribed to the alarm topic (each must confirm the subscription)." },
    httpsEndpoints: { default: [], description: "HTTPS endpoints (e.g. a chat webhook relay) subscribed to the alarm topic." },
    thresholds: {
        default: {},
        defaultText: "{} (see `DEFAULT_ALARM_THRESHOLDS`)",
        description:
            "Threshold overrides: cpuPercent, memoryPercent, minRunningTasks, target5xxPercent, target5xxCount, unhealthyHosts, responseTimeStatistic (p90/p99), responseTimeSeconds, alb5xxCount, periodSeconds, evaluationPeriods.",
    },
};

export type ResolvedAlarmOptions = Resolved<AlarmOptions, "enabled" | "emails" | "httpsEndpoints" | "thresholds">;

export function resolveAlarmOptions(given: AlarmOptions | undefined): ResolvedAlarmOptions {
    return applyDefaults(ALARM_OPTIONS, given) as ResolvedAlarmOptions;
}

const PERCENTS = ["cpuPercent", "memoryPercent", "target5xxPercent"];

/** Email addresses, https:// endpoints, and known thresholds in range. */
export function alarmOptionsProblems(o: ResolvedAlarmOptions, prefix = "alarms"): OptionProblem[] {
    const p = new Problems(prefix);
    p.bool("enabled", o.enabled);
    (o.emails ?? []).forEach((e, i) => {
        if (typeof e !== "string" || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)) p.add(`emails[${i}]`, e, "is not an email address");
    });
    (o.httpsEndpoints ?? []).forEach((u, i) => p.matches(`httpsEndpoints[${i}]`, u, /^https:\/\/[^\s/]+/, "an https:// URL"));
    for (const [k, val] of Object.entries(o.thresholds ?? {})) {
        if (!(k in DEFAULT_ALARM_THRESHOLDS)) p.add(`thresholds.${k}`, val, `unknown threshold; allowed: ${Object.keys(DEFAULT_ALARM_THRESHOLDS).join(", ")}`);
        else if (k === "responseTimeStatistic") {
            if (val !== "p90" && val !== "p99") p.add(`thresholds.${k}`, val, "must be p90 or p99");
        } else if (typeof val !== "number" || !(val > 0) || (PERCENTS.includes(k) && val > 100))
            p.add(`thresholds.${k}`, val, PERCENTS.includes(k) ? "must be a percentage above 0 and at most 100" : "must be a number above 0");
    }
    return p.list;
}
