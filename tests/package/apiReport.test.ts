/**
 * The committed API report (`api/fargatekit.api.md`) is the package's public API as built: API
 * Extractor reads the typings `npm run build` writes (`dist/components/index.d.ts`, the "."
 * export) with the repo's `api-extractor.json`, as `npm run api:check` does. A changed export,
 * signature or exposed type fails here until the report is regenerated (`npm run api`) and
 * committed, so the change shows in review. The run writes its report to a temp folder only: a
 * failing check leaves the repo untouched.
 */
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Extractor, ExtractorConfig, ExtractorLogLevel, ExtractorMessage } from "@microsoft/api-extractor";
import { REPO_ROOT } from "../helpers/offline";
import { buildPackage } from "./fixtures";

const CONFIG_FILE = path.join(REPO_ROOT, "api-extractor.json");
const REPORT = "api/fargatekit.api.md";

/** Lines only in `before` (-) or only in `after` (+), in order, at most `max` of them. */
function changedLines(before: string, after: string, max = 40): string[] {
    const count = (text: string) => {
        const m = new Map<string, number>();
        for (const l of text.split("\n")) m.set(l, (m.get(l) ?? 0) + 1);
        return m;
    };
    const a = count(before);
    const b = count(after);
    const only = (text: string, mine: Map<string, number>, theirs: Map<string, number>, sign: string) => {
        const left = new Map([...mine].map(([l, n]) => [l, n - (theirs.get(l) ?? 0)]));
        return text.split("\n").flatMap((l) => {
            const n = left.get(l) ?? 0;
            if (n <= 0 || l.trim() === "") return [];
            left.set(l, n - 1);
            return [`${sign} ${l}`];
        });
    };
    const lines = [...only(before, a, b, "-"), ...only(after, b, a, "+")];
    return lines.length > max ? [...lines.slice(0, max), `… and ${lines.length - max} more`] : lines;
}

describe("package: the committed public API report", function () {
    this.timeout(300000);
    before(() => buildPackage());

    it(`${REPORT} is the API of the built package`, () => {
        const temp = fs.mkdtempSync(path.join(os.tmpdir(), "fargatekit-api-"));
        try {
            const configObject = ExtractorConfig.loadFile(CONFIG_FILE);
            configObject.apiReport = { ...configObject.apiReport!, reportTempFolder: temp };
            const config = ExtractorConfig.prepare({ configObject, configObjectFullPath: CONFIG_FILE, packageJsonFullPath: path.join(REPO_ROOT, "package.json") });
            const messages: string[] = [];
            const result = Extractor.invoke(config, {
                localBuild: false,
                messageCallback: (m: ExtractorMessage) => {
                    if (m.logLevel === ExtractorLogLevel.Error || m.logLevel === ExtractorLogLevel.Warning) messages.push(`${m.messageId}: ${m.text}`);
                    m.handled = true;
                },
            });
            if (result.apiReportChanged) {
                const committed = path.join(REPO_ROOT, REPORT);
                const expected = fs.existsSync(committed) ? fs.readFileSync(committed, "utf8") : "";
                const actual = fs.readFileSync(path.join(temp, path.basename(REPORT)), "utf8");
                assert.fail(`the public API changed: run npm run api and commit ${REPORT}\n${changedLines(expected, actual).join("\n")}`);
            }
            assert.ok(result.succeeded, `API Extractor reported ${result.errorCount} error(s) and ${result.warningCount} warning(s):\n${messages.join("\n")}`);
        } finally {
            fs.rmSync(temp, { recursive: true, force: true });
        }
    });
});
