/**
 * The public API reports in `api/`: API Extractor over the typings `npm run build` writes, one
 * report per typed export of package.json (see `entries.ts`), with the settings of the root
 * `api-extractor.json` (its entry point and report name are replaced per export). The entries share
 * one compiler run, so the extra exports cost well under a second.
 *
 *   npm run api         build, then rewrite the reports (and delete the report of a removed export)
 *   npm run api:check   build, then fail when a report differs, is missing or is stale
 *
 * The package tier runs the check too (`tests/package/apiReport.test.ts`). A check writes its
 * reports to a temp folder only; the repo is written only with `--local`.
 */
import { CompilerState, Extractor, ExtractorConfig, ExtractorLogLevel, ExtractorMessage } from "@microsoft/api-extractor";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { changedLines } from "./changedLines";
import { ApiEntry, apiEntries, staleReports } from "./entries";

const ROOT = path.resolve(__dirname, "..", "..");

/** Where the reports are committed, relative to the package root. */
export const REPORT_FOLDER = "api";

export interface ApiReportResult {
    entry: ApiEntry;
    /** The committed report, relative to the package root. */
    report: string;
    /** The report as generated now, in the temp folder. */
    generated: string;
    /** The generated report differs from the committed one, or none is committed. */
    changed: boolean;
    /** API Extractor's errors and warnings other than the changed report. */
    problems: string[];
}

export interface ApiReportRun {
    results: ApiReportResult[];
    /** Report files in `api/` that no export has (deleted by a local run). */
    stale: string[];
}

/**
 * Run API Extractor on every typed export. The fresh reports go to `tempFolder` (the caller's to
 * delete); `localBuild` then rewrites the committed reports, otherwise they are only compared.
 */
export function runApiReports(options: { root?: string; localBuild: boolean; tempFolder: string }): ApiReportRun {
    const root = options.root ?? ROOT;
    const configFile = path.join(root, "api-extractor.json");
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    const entries = apiEntries(pkg);
    const tempFolder = options.tempFolder;
    const reportFolder = path.join(root, REPORT_FOLDER);
    const configs = entries.map((entry) => {
        const configObject = ExtractorConfig.loadFile(configFile);
        configObject.mainEntryPointFilePath = path.join(root, entry.typings);
        configObject.apiReport = { ...configObject.apiReport!, enabled: true, reportFileName: entry.reportName, reportFolder, reportTempFolder: tempFolder };
        if (configObject.compiler?.overrideTsconfig) configObject.compiler.overrideTsconfig = { ...configObject.compiler.overrideTsconfig, files: entries.map((e) => e.typings) };
        return ExtractorConfig.prepare({ configObject, configObjectFullPath: configFile, packageJsonFullPath: path.join(root, "package.json") });
    });
    if (options.localBuild) fs.mkdirSync(reportFolder, { recursive: true });
    const compilerState = CompilerState.create(configs[0], { additionalEntryPoints: configs.map((c) => c.mainEntryPointFilePath) });
    const results = entries.map((entry, i): ApiReportResult => {
        const problems: string[] = [];
        const messageCallback = (m: ExtractorMessage) => {
            // The changed report is `changed`, not a problem.
            if (m.messageId === "console-api-report-not-copied" || m.messageId === "console-api-report-copied" || m.messageId === "console-api-report-created")
                m.logLevel = ExtractorLogLevel.None;
            if (m.logLevel === ExtractorLogLevel.Error || m.logLevel === ExtractorLogLevel.Warning)
                problems.push(`${m.sourceFilePath ? `${path.relative(root, m.sourceFilePath)}: ` : ""}(${m.messageId}) ${m.text}`);
            m.handled = true;
        };
        const result = Extractor.invoke(configs[i], { localBuild: options.localBuild, compilerState, messageCallback });
        const file = `${entry.reportName}.api.md`;
        return {
            entry,
            report: path.join(REPORT_FOLDER, file),
            generated: path.join(tempFolder, file),
            changed: result.apiReportChanged,
            problems,
        };
    });
    const present = fs.existsSync(reportFolder) ? fs.readdirSync(reportFolder) : [];
    const stale = staleReports(present, entries);
    if (options.localBuild) for (const f of stale) fs.rmSync(path.join(reportFolder, f));
    return { results, stale: stale.map((f) => path.join(REPORT_FOLDER, f)) };
}

/** What a check found, in words; empty when the committed reports are the API. */
export function checkFailures(run: ApiReportRun, root: string = ROOT): string[] {
    const failures: string[] = [];
    const changed = run.results.filter((r) => r.changed);
    if (changed.length > 0 || run.stale.length > 0) {
        const names = [...changed.map((r) => r.report), ...run.stale].join(", ");
        failures.push(`the public API changed: run npm run api and commit ${names}`);
        for (const r of changed) {
            const committed = path.join(root, r.report);
            const before = fs.existsSync(committed) ? fs.readFileSync(committed, "utf8") : "";
            failures.push(
                `${r.report} (export "${r.entry.subpath}", ${r.entry.typings})${before ? "" : " is missing"}:`,
                ...changedLines(before, fs.readFileSync(r.generated, "utf8")),
            );
        }
        for (const s of run.stale) failures.push(`${s}: no export of package.json has this report any more`);
    }
    for (const r of run.results) if (r.problems.length > 0) failures.push(`API Extractor on "${r.entry.subpath}" (${r.entry.typings}):`, ...r.problems);
    return failures;
}

function main(argv: string[]): number {
    const localBuild = argv.includes("--local");
    const tempFolder = fs.mkdtempSync(path.join(os.tmpdir(), "fargatekit-api-"));
    try {
        return printRun(runApiReports({ localBuild, tempFolder }), localBuild);
    } finally {
        fs.rmSync(tempFolder, { recursive: true, force: true });
    }
}

function printRun(run: ApiReportRun, localBuild: boolean): number {
    if (localBuild) {
        for (const r of run.results) process.stdout.write(`${r.report}: ${r.changed ? "updated" : "unchanged"} (export "${r.entry.subpath}")\n`);
        for (const s of run.stale) process.stdout.write(`${s}: deleted (no export has it)\n`);
        const problems = run.results.flatMap((r) => r.problems);
        for (const p of problems) process.stderr.write(`${p}\n`);
        return problems.length > 0 ? 1 : 0;
    }
    const failures = checkFailures(run);
    if (failures.length === 0) {
        process.stdout.write(`API reports up to date: ${run.results.map((r) => r.report).join(", ")}\n`);
        return 0;
    }
    process.stderr.write(`${failures.join("\n")}\n`);
    return 1;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
