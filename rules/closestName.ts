/**
 * "Did you mean …?": the known name nearest to a mistyped one, by case-insensitive Levenshtein
 * distance. Shared by config validation (unknown keys), the IAM action check and the TLS policy check.
 */

/** Levenshtein distance, case-insensitive. */
export function editDistance(a: string, b: string): number {
    a = a.toLowerCase();
    b = b.toLowerCase();
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
    }
    return prev[b.length];
}

/** How far a typo may be from the name it meant: 2 edits, or a third of its length for longer names. */
export function typoDistance(value: string): number {
    return Math.max(2, Math.floor(value.length / 3));
}

/** How `closestName` chooses: how far it may look, and how it breaks a tie. */
export interface ClosestNameOptions {
    /** The most edits a suggestion may be away. Default: `typoDistance(value)`, close enough to be a likely typo. */
    maxDistance?: number;
    /** On a tie, the first candidate in the given order (for an ordered table) rather than the shorter, then alphabetical. Default: false. */
    firstOnTie?: boolean;
}

/** The candidate nearest to `value`, or undefined when none is within the maximum distance. */
export function closestName(value: string, candidates: Iterable<string>, options: ClosestNameOptions = {}): string | undefined {
    const maxDistance = options.maxDistance ?? typoDistance(value);
    let best: string | undefined;
    let bestD = Infinity;
    for (const c of candidates) {
        const d = editDistance(value, c);
        const wins = d < bestD || (!options.firstOnTie && d === bestD && best !== undefined && (c.length < best.length || (c.length === best.length && c < best)));
        if (wins) {
            best = c;
            bestD = d;
        }
    }
    return best !== undefined && bestD <= maxDistance ? best : undefined;
}
