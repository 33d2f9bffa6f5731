/** AWS model patterns in JavaScript: applied as full matches, as the services validate them. */

/** The pattern as a full-match RegExp, or undefined when JavaScript cannot evaluate it (e.g. Java-only \p{Print}). */
export function compilePattern(pattern: string): RegExp | undefined {
    // Without the unicode flag, \p{…} would silently mean the letters "p{…}": such a pattern needs "u".
    for (const flags of /\\[pP]\{/.test(pattern) ? ["u"] : ["u", ""]) {
        try {
            return new RegExp(`^(?:${pattern})$`, flags);
        } catch {
            // try without the unicode flag, then give up
        }
    }
    return undefined;
}
