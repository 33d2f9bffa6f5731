/**
 * Shell words: split a command line the way a POSIX shell splits it into arguments (quotes and
 * backslashes), and quote an argument so a POSIX shell passes it through unchanged.
 *
 * Splitting never expands anything: text a shell would expand or treat as an operator (`$`, a
 * backquote, `|`, `&`, `;`, `<`, `>`, `(`, `)` outside single quotes, `#` starting a word) is refused rather than passed on
 * literally, because the container would then run something other than what the line says.
 */

/** Characters that are operators to an unquoted shell. */
const OPERATORS = new Set(["|", "&", ";", "<", ">", "(", ")"]);
/** Characters that start an expansion outside single quotes. */
const EXPANSIONS = new Set(["$", "`"]);
/** Characters a backslash escapes inside double quotes. */
const DOUBLE_QUOTE_ESCAPES = new Set(["$", "`", '"', "\\", "\n"]);
/** Arguments made only of these characters need no quoting. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Refuse text a shell would expand or interpret. */
function refuse(ch: string, position: number, where: string): never {
    const what = EXPANSIONS.has(ch) ? "starts an expansion" : ch === "#" ? "starts a comment" : "is a shell operator";
    throw new Error(
        `${JSON.stringify(ch)} at position ${position + 1} ${where} ${what}, which a shell would act on; ` +
            `put it inside single quotes to pass it literally, or run the command under sh -c '…'`,
    );
}

/** Split a command line into arguments as a POSIX shell would, without expansions. Throws on unbalanced quotes. */
export function splitShellWords(line: string): string[] {
    const words: string[] = [];
    let word = "";
    let inWord = false;
    let i = 0;
    while (i < line.length) {
        const ch = line[i];
        if (ch === " " || ch === "\t" || ch === "\n") {
            if (inWord) words.push(word);
            word = "";
            inWord = false;
            i++;
        } else if (ch === "'") {
            const end = line.indexOf("'", i + 1);
            if (end < 0) throw new Error(`unterminated single quote at position ${i + 1}`);
            word += line.slice(i + 1, end);
            inWord = true;
            i = end + 1;
        } else if (ch === '"') {
            let j = i + 1;
            for (; j < line.length && line[j] !== '"'; j++) {
                if (line[j] === "\\" && j + 1 < line.length && DOUBLE_QUOTE_ESCAPES.has(line[j + 1])) {
                    if (line[j + 1] !== "\n") word += line[j + 1];
                    j++;
                } else if (EXPANSIONS.has(line[j])) refuse(line[j], j, "inside double quotes");
                else word += line[j];
            }
            if (j >= line.length) throw new Error(`unterminated double quote at position ${i + 1}`);
            inWord = true;
            i = j + 1;
        } else if (ch === "\\") {
            if (i + 1 >= line.length) throw new Error("the command ends with a lone backslash");
            if (line[i + 1] !== "\n") {
                word += line[i + 1];
                inWord = true;
            }
            i += 2;
        } else if (OPERATORS.has(ch) || EXPANSIONS.has(ch) || (ch === "#" && !inWord)) {
            refuse(ch, i, "outside quotes");
        } else {
            word += ch;
            inWord = true;
            i++;
        }
    }
    if (inWord) words.push(word);
    return words;
}

/** Quote an argument for a POSIX shell: as is when it is made of safe characters, else in single quotes. */
export function quoteShellWord(word: string): string {
    if (SAFE_WORD.test(word)) return word;
    return `'${word.replace(/'/g, `'\\''`)}'`;
}
