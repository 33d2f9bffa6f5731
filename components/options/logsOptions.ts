/** The service's CloudWatch Logs: how long they are kept. */
import { OptionProblem, OptionTable, Resolved, applyDefaults } from "./optionTable";
import { Problems } from "./checks";
import { isValidLogRetention, LOG_RETENTION_DAYS } from "../lib/cloudwatch/logRetention";

export interface LogsOptions {
    /**
     * Retention in days, a CloudWatch value (1, 3, 5, 7, 14, 30, 60, 90, … 3653); finite on purpose.
     * @default 30
     */
    retentionDays?: number;
}

export const LOGS_OPTIONS: OptionTable<LogsOptions> = {
    retentionDays: { default: 30, description: "Log retention in days; a CloudWatch value (1, 3, 5, 7, 14, 30, 60, 90, … 3653). Finite on purpose." },
};

export type ResolvedLogsOptions = Resolved<LogsOptions, "retentionDays">;

export function resolveLogsOptions(given: LogsOptions | undefined): ResolvedLogsOptions {
    return applyDefaults(LOGS_OPTIONS, given) as ResolvedLogsOptions;
}

export function logsOptionsProblems(o: ResolvedLogsOptions, prefix = "logs"): OptionProblem[] {
    const p = new Problems(prefix);
    if (!isValidLogRetention(o.retentionDays)) p.add("retentionDays", o.retentionDays, `must be one of ${LOG_RETENTION_DAYS.join(", ")}`);
    return p.list;
}
