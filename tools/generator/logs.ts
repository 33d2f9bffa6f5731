/**
 * A container's log configuration: fargatekit always sends logs with awslogs to one KMS-encrypted,
 * finite-retention log group per service, so only the awslogs region carries over (as `aws:region`,
 * decided in awsContext.ts); everything else is reported.
 */
import { ReportBuilder } from "./report";
import { ContainerDefinition } from "./taskDefinition";

/** Log drivers Fargate accepts. */
export const FARGATE_LOG_DRIVERS: readonly string[] = ["awslogs", "awsfirelens", "splunk"];

/** awslogs options fargatekit reads or explains; any other option is dropped. */
const KNOWN_AWSLOGS_OPTIONS = ["awslogs-region", "awslogs-group", "awslogs-stream-prefix"];

/** Where fargatekit's logs go, for messages. */
export interface LogDestination {
    /** The service's log group, `/<project>/<stack>/<serviceName>`. */
    logGroupName: string;
    /** The stream prefix the program uses, `<serviceName>-service`. */
    streamPrefix: string;
}

/** Report what happens to one container's `logConfiguration`. */
export function reportLogConfiguration(c: ContainerDefinition, basePath: string, dest: LogDestination, report: ReportBuilder): void {
    const path = `${basePath}.logConfiguration`;
    const ours = `fargatekit sends the container's output with awslogs to its KMS-encrypted log group ${dest.logGroupName} (retention: fargatekit:logRetentionDays, 30 days by default)`;
    const log = c.logConfiguration;
    if (!log) {
        report.changed(path, `not set: ${ours}.`);
        return;
    }
    if (log.logDriver !== "awslogs") {
        if (FARGATE_LOG_DRIVERS.includes(log.logDriver)) report.changed(`${path}.logDriver`, `${log.logDriver} is not carried: ${ours}.`);
        else report.dropped(`${path}.logDriver`, `the ${log.logDriver} log driver is EC2-only (Fargate accepts awslogs, awsfirelens and splunk); ${ours}.`);
        if ((log.secretOptions ?? []).length > 0) report.dropped(`${path}.secretOptions`, `secrets of the ${log.logDriver} log driver are not carried with it.`);
        return;
    }
    const options = log.options ?? {};
    const group = options["awslogs-group"];
    if (group !== undefined) report.note(`${path}.options.awslogs-group`, `"${group}" is not used: ${ours}.`);
    const prefix = options["awslogs-stream-prefix"];
    if (prefix !== undefined && prefix !== dest.streamPrefix)
        report.note(`${path}.options.awslogs-stream-prefix`, `"${prefix}" is not used: streams are named ${dest.streamPrefix}/<container>/<task id>.`);
    for (const name of Object.keys(options).filter((o) => !KNOWN_AWSLOGS_OPTIONS.includes(o)))
        report.dropped(`${path}.options.${name}`, `fargatekit sets its own awslogs options; ${name} is not carried.`);
    if ((log.secretOptions ?? []).length > 0) report.dropped(`${path}.secretOptions`, "awslogs takes no secret options.");
}
