/**
 * Deterministic image tags: a hash of exactly what `docker build` sends (the build context minus what
 * `.dockerignore` excludes, read the way Docker reads it), the Dockerfile, the platform and the build
 * arguments. The tag changes exactly when the built image can, so an IMMUTABLE repository never sees
 * a second image pushed under the same tag (`ImageTagAlreadyExistsException`).
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { DockerIgnore, readIgnoreFile } from "./dockerignore";

/**
 * The ignore file Docker uses: `<Dockerfile>.dockerignore` next to the Dockerfile when it exists
 * (BuildKit, Dockerfile-specific ignore files), else `.dockerignore` at the root of the context.
 */
export function ignoreFileFor(contextDir: string, dockerfile: string): string | undefined {
    const specific = path.join(contextDir, `${dockerfile}.dockerignore`);
    if (fs.existsSync(specific)) return specific;
    const root = path.join(contextDir, ".dockerignore");
    return fs.existsSync(root) ? root : undefined;
}

/** One entry of the context as Docker sends it: path, kind, permission bits, and content or link target. */
interface ContextEntry {
    rel: string;
    kind: "file" | "dir" | "symlink";
    mode: number;
    abs: string;
}

/**
 * Every entry `docker build` sends, sorted: files, symlinks and directories that `.dockerignore` does
 * not exclude, walking into excluded directories only when a `!` pattern may re-include something
 * below them (as BuildKit does). Nothing is skipped by name: `.git` or `node_modules` are sent unless
 * the ignore file excludes them.
 */
export function contextEntries(contextDir: string, ignore: DockerIgnore): ContextEntry[] {
    const out: ContextEntry[] = [];
    const walk = (dir: string): void => {
        for (const name of fs.readdirSync(dir).sort()) {
            const abs = path.join(dir, name);
            const rel = path.relative(contextDir, abs).split(path.sep).join("/");
            const st = fs.lstatSync(abs);
            const excluded = ignore.excludes(rel);
            if (st.isDirectory()) {
                if (!excluded) out.push({ rel, kind: "dir", mode: st.mode & 0o7777, abs });
                if (!excluded || ignore.hasExceptions) walk(abs);
            } else if (!excluded && (st.isFile() || st.isSymbolicLink())) {
                out.push({ rel, kind: st.isSymbolicLink() ? "symlink" : "file", mode: st.mode & 0o7777, abs });
            }
        }
    };
    walk(contextDir);
    return out;
}

/**
 * A 12-character tag that changes exactly when the build's inputs change: every entry of the context
 * Docker sends (path, kind, permission bits, content or link target), the Dockerfile's path and
 * content (sent even when ignored), the platform and the build arguments. Throws with the path when
 * the context or the Dockerfile does not exist.
 */
export function contentTag(contextDir: string, dockerfile: string, platform: string, buildArgs: Record<string, string> = {}): string {
    if (!fs.existsSync(contextDir) || !fs.statSync(contextDir).isDirectory()) {
        throw new Error(`Build context "${contextDir}" is not a directory`);
    }
    const dockerfilePath = path.join(contextDir, dockerfile);
    if (!fs.existsSync(dockerfilePath)) {
        throw new Error(`Dockerfile "${dockerfile}" not found in build context "${contextDir}"`);
    }
    const ignoreFile = ignoreFileFor(contextDir, dockerfile);
    const ignore = new DockerIgnore(ignoreFile ? readIgnoreFile(fs.readFileSync(ignoreFile, "utf8")) : []);
    const hash = createHash("sha256").update(`${dockerfile}\n${platform}\n`);
    for (const k of Object.keys(buildArgs).sort()) hash.update(`arg ${k}=${buildArgs[k]}\n`);
    hash.update("dockerfile\0").update(fs.readFileSync(dockerfilePath)).update("\0");
    for (const e of contextEntries(contextDir, ignore)) {
        hash.update(`${e.kind} ${e.mode.toString(8)} ${e.rel}\0`);
        if (e.kind === "file") hash.update(fs.readFileSync(e.abs));
        else if (e.kind === "symlink") hash.update(fs.readlinkSync(e.abs));
        hash.update("\0");
    }
    return hash.digest("hex").slice(0, 12);
}
