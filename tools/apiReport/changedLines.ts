/** Lines only in `before` (-) or only in `after` (+), in order, at most `max` of them: a short account of a changed report. */
export function changedLines(before: string, after: string, max = 40): string[] {
    const count = (text: string) => {
        const m = new Map<string, number>();
        for (const l of text.split("\n")) m.set(l, (m.get(l) ?? 0) + 1);
        return m;
    };
    const only = (text: string, mine: Map<string, number>, theirs: Map<string, number>, sign: string) => {
        const left = new Map([...mine].map(([l, n]) => [l, n - (theirs.get(l) ?? 0)]));
        return text.split("\n").flatMap((l) => {
            const n = left.get(l) ?? 0;
            if (n <= 0 || l.trim() === "") return [];
            left.set(l, n - 1);
            return [`${sign} ${l}`];
        });
    };
    const a = count(before);
    const b = count(after);
    const lines = [...only(before, a, b, "-"), ...only(after, b, a, "+")];
    return lines.length > max ? [...lines.slice(0, max), `… and ${lines.length - max} more`] : lines;
}
