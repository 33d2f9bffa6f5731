/**
 * `.dockerignore` as Docker reads it, so the content tag sees exactly the files `docker build` sends.
 * A port of moby/patternmatcher (`ignorefile.ReadAll`, `New`, `Pattern.compile`/`match` and
 * `MatchesOrParentMatches`, which BuildKit's context transfer applies while it walks the context):
 * patterns are cleaned like Go's `filepath.Clean` (a leading `/` dropped), `!` re-includes, the last
 * matching pattern wins, a pattern also matches every path below a directory it matches, `*` and `?`
 * stop at `/`, `**` spans directories, `[...]` is a character class and `\` escapes.
 */

/** One compiled pattern. */
interface Pattern {
    exclusion: boolean;
    cleaned: string;
    test: (path: string) => boolean;
}

/** Go's `filepath.Clean` on a slash path: no `.`, `..` resolved, no doubled or trailing slash; "" becomes ".". */
export function cleanPath(p: string): string {
    const rooted = p.startsWith("/");
    const out: string[] = [];
    for (const part of p.split("/")) {
        if (part === "" || part === ".") continue;
        if (part === "..") {
            if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
            else if (!rooted) out.push("..");
            continue;
        }
        out.push(part);
    }
    const joined = out.join("/");
    if (rooted) return "/" + joined;
    return joined === "" ? "." : joined;
}

/** The patterns of a `.dockerignore` file, as `ignorefile.ReadAll` returns them (comments and blank lines dropped). */
export function readIgnoreFile(text: string): string[] {
    const patterns: string[] = [];
    text.replace(/^\uFEFF/, "")
        .split(/\r?\n/)
        .forEach((line) => {
            if (line.startsWith("#")) return;
            let p = line.trim();
            if (p === "") return;
            const invert = p.startsWith("!");
            if (invert) p = p.slice(1).trim();
            if (p.length > 0) {
                p = cleanPath(p);
                if (p.length > 1 && p.startsWith("/")) p = p.slice(1);
            }
            patterns.push(invert ? "!" + p : p);
        });
    return patterns;
}

const REGEX_ESCAPED = new Set([...("." + "+()|{}$")]);

/** Compile one cleaned pattern the way `Pattern.compile` does (exact, prefix `x/**`, suffix `**\/x`, or a regexp). */
function compile(cleaned: string): (path: string) => boolean {
    let re = "^";
    let type: "exact" | "prefix" | "suffix" | "regexp" = "exact";
    const chars = [...cleaned];
    for (let i = 0, k = 0; i < chars.length; i++, k++) {
        const ch = chars[i];
        if (ch === "*") {
            if (chars[i + 1] === "*") {
                i++;
                if (chars[i + 1] === "/") i++;
                if (i + 1 >= chars.length) {
                    if (type === "exact") type = "prefix";
                    else {
                        re += ".*";
                        type = "regexp";
                    }
                } else {
                    re += "(.*/)?";
                    type = "regexp";
                }
                if (k === 0) type = "suffix";
            } else {
                re += "[^/]*";
                type = "regexp";
            }
        } else if (ch === "?") {
            re += "[^/]";
            type = "regexp";
        } else if (REGEX_ESCAPED.has(ch)) {
            re += "\\" + ch;
        } else if (ch === "\\") {
            if (i + 1 < chars.length) {
                i++;
                re += "\\" + chars[i];
                type = "regexp";
            } else re += "\\\\";
        } else if (ch === "[" || ch === "]") {
            re += ch;
            type = "regexp";
        } else {
            re += ch;
        }
    }
    switch (type) {
        case "exact":
            return (path) => path === cleaned;
        case "prefix": {
            const prefix = cleaned.slice(0, -2);
            return (path) => path.startsWith(prefix);
        }
        case "suffix": {
            const suffix = cleaned.slice(2);
            return (path) => path.endsWith(suffix) || (suffix.startsWith("/") && path === suffix.slice(1));
        }
        default: {
            // Go's [!...] negated class is written [^...] in JavaScript.
            const regexp = new RegExp(re.replace(/\[!/g, "[^") + "$");
            return (path) => regexp.test(path);
        }
    }
}

/** A matcher over `.dockerignore` patterns: `excludes(path)` is true when `docker build` leaves the path out of the context. */
export class DockerIgnore {
    private readonly patterns: Pattern[];

    constructor(patterns: string[]) {
        this.patterns = [];
        for (const raw of patterns) {
            let p = raw.trim();
            if (p === "") continue;
            p = cleanPath(p);
            let exclusion = false;
            if (p.startsWith("!")) {
                if (p.length === 1) throw new Error('illegal exclusion pattern: "!"');
                exclusion = true;
                p = p.slice(1);
            }
            this.patterns.push({ exclusion, cleaned: p, test: compile(p) });
        }
    }

    /** True when a slash-separated path relative to the context is excluded (`MatchesOrParentMatches`). */
    excludes(file: string): boolean {
        const path = cleanPath(file);
        if (path === ".") return false;
        const parentDirs = path.includes("/") ? path.split("/").slice(0, -1) : [];
        let matched = false;
        for (const pattern of this.patterns) {
            if (pattern.exclusion !== matched) continue;
            let match = pattern.test(path);
            if (!match) {
                for (let i = 0; i < parentDirs.length && !match; i++) match = pattern.test(parentDirs.slice(0, i + 1).join("/"));
            }
            if (match) matched = !pattern.exclusion;
        }
        return matched;
    }

    /** True when some pattern re-includes paths (then an excluded directory must still be walked). */
    get hasExceptions(): boolean {
        return this.patterns.some((p) => p.exclusion);
    }
}
