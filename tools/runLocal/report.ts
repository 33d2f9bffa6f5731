/** run-local's report in plain words (text) or as JSON. Pure. */
import { RunLocalResult } from "./run";

export function formatResult(r: RunLocalResult): string {
    const lines: string[] = [];
    if (r.verdict === "healthy") {
        lines.push(`Would become healthy after ${r.healthyAfter} s on Fargate (stack ${r.stack}, ${r.engine}).`);
    } else if (r.verdict === "unhealthy") {
        lines.push(`Would NOT become healthy on Fargate (stack ${r.stack}, ${r.engine}): ${r.reason}.`);
        if (r.cause) lines.push("", `Likely cause: ${r.cause}`);
        if (r.container && r.logs) {
            lines.push("", `Last log lines of ${r.container}:`);
            if (r.logs.length === 0) lines.push("  (none)");
            for (const l of r.logs) lines.push(`  | ${l}`);
        }
    } else {
        lines.push(`run-local could not run stack ${r.stack}: ${r.reason}`);
    }
    if (r.kept && r.kept.length > 0) {
        lines.push("", `Kept (--keep): ${r.kept.join(", ")}`);
        if (r.removeWith) lines.push("Remove with:", ...r.removeWith.map((c) => `  ${c}`));
    }
    return lines.join("\n");
}

/** Exit code: 0 healthy, 1 would fail on Fargate, 2 usage/config/engine error. */
export function exitCode(r: RunLocalResult): number {
    return r.verdict === "healthy" ? 0 : r.verdict === "unhealthy" ? 1 : 2;
}
