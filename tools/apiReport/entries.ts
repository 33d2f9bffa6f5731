/**
 * Which API reports the package has: one per export of package.json's "exports" that carries
 * typings, named after the export ("." → `fargatekit.api.md`, "./policy" →
 * `fargatekit-policy.api.md`, "./policy/evaluate" → `fargatekit-policy-evaluate.api.md`). A new
 * export gets its report without a config change. Pure: reads nothing, imports nothing.
 */

export interface ApiEntry {
    /** The export's subpath in package.json ("." or "./policy"). */
    subpath: string;
    /** Its typings, relative to the package root ("dist/components/index.d.ts"). */
    typings: string;
    /** The report's file name without ".api.md" ("fargatekit-policy"). */
    reportName: string;
}

/** The report name of an export: the package name, then the subpath's segments joined by "-". */
export function reportNameOf(packageName: string, subpath: string): string {
    const unscoped = packageName.replace(/^@[^/]+\//, "");
    const segments = subpath
        .replace(/^\.\/?/, "")
        .split("/")
        .filter((s) => s !== "");
    return [unscoped, ...segments].join("-");
}

/** The entries of a package.json: every export whose condition object has "types" ending in ".d.ts". */
export function apiEntries(pkg: { name: string; exports?: Record<string, unknown> }): ApiEntry[] {
    return Object.entries(pkg.exports ?? {}).flatMap(([subpath, target]) => {
        const types = typeof target === "object" && target !== null ? (target as Record<string, unknown>).types : undefined;
        if (typeof types !== "string" || !types.endsWith(".d.ts")) return [];
        return [{ subpath, typings: types.replace(/^\.\//, ""), reportName: reportNameOf(pkg.name, subpath) }];
    });
}

/** Report files in the report folder that belong to no entry (an export that was removed or renamed). */
export function staleReports(files: string[], entries: ApiEntry[]): string[] {
    const wanted = new Set(entries.map((e) => `${e.reportName}.api.md`));
    return files.filter((f) => f.endsWith(".api.md") && !wanted.has(f)).sort();
}
