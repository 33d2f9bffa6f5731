/**
 * The import report: one line per task definition field, saying whether it was carried over as is
 * (`mapped`), carried over differently (`changed`), not carried (`dropped`), needs the user's
 * attention (`note`), or was left out although the task cannot do its job without it (`blocking`,
 * only with --force).
 */

/** What happened to a field. */
export type ReportKind = "blocking" | "mapped" | "changed" | "dropped" | "note";

/** One line of the report. */
export interface ReportLine {
    kind: ReportKind;
    /** Field path in the task definition, e.g. `containerDefinitions[0].privileged` ("" for the whole file). */
    path: string;
    message: string;
}

/** The kinds in the order the report prints them, with their headings. */
export const REPORT_SECTIONS: readonly { kind: ReportKind; heading: string }[] = [
    { kind: "blocking", heading: "BLOCKING (left out because of --force: the task cannot do its job on Fargate without these)" },
    { kind: "changed", heading: "Changed (carried over differently, to be secure or to run on Fargate)" },
    { kind: "dropped", heading: "Dropped (not carried over)" },
    { kind: "note", heading: "Notes (check these before deploying)" },
    { kind: "mapped", heading: "Mapped (carried over as is)" },
];

/** Collects report lines in the order they are found. */
export class ReportBuilder {
    readonly lines: ReportLine[] = [];

    /** Add a line of any kind. */
    add(kind: ReportKind, path: string, message: string): void {
        this.lines.push({ kind, path, message });
    }

    mapped(path: string, message: string): void {
        this.add("mapped", path, message);
    }

    changed(path: string, message: string): void {
        this.add("changed", path, message);
    }

    dropped(path: string, message: string): void {
        this.add("dropped", path, message);
    }

    note(path: string, message: string): void {
        this.add("note", path, message);
    }
}

/** The report as text, grouped by kind (changed, dropped, notes, mapped), empty groups left out. */
export function formatReport(lines: readonly ReportLine[]): string {
    const out: string[] = [];
    for (const { kind, heading } of REPORT_SECTIONS) {
        const group = lines.filter((l) => l.kind === kind);
        if (group.length === 0) continue;
        if (out.length > 0) out.push("");
        out.push(`${heading}: ${group.length}`);
        for (const l of group) out.push(`  ${l.path || "(task definition)"}: ${l.message}`);
    }
    return out.join("\n");
}
