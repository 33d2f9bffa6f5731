/** Deterministic image tags: a hash of the build context's files, Dockerfile and platform. */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

const ALWAYS_SKIPPED = new Set([".git", "node_modules", "__pycache__", ".venv"]);

function ignoredNames(dir: string): Set<string> {
    const file = path.join(dir, ".dockerignore");
    if (!fs.existsSync(file)) return new Set();
    return new Set(
        fs.readFileSync(file, "utf8").split(/\r?\n/).map((l) => l.trim().replace(/^\/|\/$/g, "")).filter((l) => l && !l.startsWith("#") && !/[*?!]/.test(l)),
    );
}

function listFiles(root: string, dir: string, ignored: Set<string>, out: string[]): void {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const rel = path.relative(root, path.join(dir, entry.name)).split(path.sep).join("/");
        if (ALWAYS_SKIPPED.has(entry.name) || ignored.has(rel) || ignored.has(entry.name)) continue;
        if (entry.isDirectory()) listFiles(root, path.join(dir, entry.name), ignored, out);
        else if (entry.isFile()) out.push(rel);
    }
}

/**
 * A 12-character tag that changes exactly when the build's inputs change: every file of the context
 * (minus .git, node_modules and plain .dockerignore entries), the Dockerfile path and the platform.
 * Throws with the path when the context directory does not exist.
 */
export function contentTag(contextDir: string, dockerfile: string, platform: string): string {
    if (!fs.existsSync(contextDir) || !fs.statSync(contextDir).isDirectory()) {
        throw new Error(`Build context "${contextDir}" is not a directory`);
    }
    if (!fs.existsSync(path.join(contextDir, dockerfile))) {
        throw new Error(`Dockerfile "${dockerfile}" not found in build context "${contextDir}"`);
    }
    const hash = createHash("sha256").update(`${dockerfile}\n${platform}\n`);
    const files: string[] = [];
    listFiles(contextDir, contextDir, ignoredNames(contextDir), files);
    for (const f of files) {
        hash.update(f + "\0");
        hash.update(fs.readFileSync(path.join(contextDir, f)));
        hash.update("\0");
    }
    return hash.digest("hex").slice(0, 12);
}
