/**
 * One detector of credentials written as plain values (environment variables, mostly), used by
 * config validation, the importer and the policy pack so the three always agree.
 *
 * It judges the value and the name together:
 * - a value that is a credential by its shape is a finding whatever its name: a URL with a
 *   password in it (also inside a longer value, `jdbc:postgresql://u:p@h`), a connection string or
 *   option list with `password=…`, a well-known token format (GitHub, GitLab, Slack, Stripe, npm,
 *   Google, OpenAI, SendGrid, Twilio, AWS access key ids), a PEM private key, a JWT, an AWS secret
 *   access key next to a name that says so, or a long high-entropy string;
 * - a base64 value that encodes text is judged by that text: a credential in it (a PEM key, a
 *   JSON document with a password field) is a finding, and text with spaces or structure (a JSON
 *   config, a sentence) is data, not a random token;
 * - a name that says "secret" (`DB_PASSWORD`, `API_KEY`, …) is a finding only when its value is a
 *   literal that could be one: not a number, duration, boolean, ARN or secret reference, file path,
 *   URL without credentials, placeholder or one of a few protocol words (`bearer`, `basic`, …).
 *   Names whose last word says they describe a secret rather than hold one (`PASSWORD_MIN_LENGTH`,
 *   `TOKEN_TTL_SECONDS`, `SECRET_ARN`, `TOKEN_TYPE`, `API_KEY_ID`) are not secret names, nor is
 *   `TOKENIZER` (a text tokenizer).
 *
 * Token formats follow the providers' published prefixes and lengths (GitHub: "About
 * authentication to GitHub" token prefixes; Slack: token types `xoxb-`, `xoxp-`, …; Stripe: API
 * keys `sk_live_`/`rk_live_`; AWS: IAM unique id prefixes `AKIA`/`ASIA`; npm: `npm_` granular
 * tokens; Google: API keys `AIza…` of 39 characters), the same facts gitleaks' and
 * detect-secrets' rules encode. Findings never echo the value.
 */

/** One credential found in a value. */
export interface SecretFinding {
    /** The variable's name as given. */
    name: string;
    /** Short id of what was recognised, e.g. `github-token`, `url-credentials`, `secret-name`. */
    kind: string;
    /** Why, in words, without the value (e.g. `its value is a GitHub personal access token (ghp_…)`). */
    reason: string;
}

/** Options: extra name patterns that mark a secret, and names never to flag. */
export interface SecretDetectorOptions {
    /** Extra case-insensitive regular expressions (or plain fragments) a secret name matches, e.g. `"^STRIPE_"`, `"signing"`. */
    extraNamePatterns?: readonly string[];
    /** Names never flagged: exact names or globs (`*` any run, `?` one character), compared case-insensitively. */
    allowNames?: readonly string[];
}

/** Name fragments that say a variable holds a secret (case-insensitive). */
export const SECRET_NAME_FRAGMENTS: readonly string[] = [
    "password",
    "passwd",
    "passphrase",
    "secret",
    "private_key",
    "privatekey",
    "token",
    "api_key",
    "apikey",
    "access_key",
    "credential",
    "auth_key",
    "client_secret",
    "ecs_engine_auth_data",
    "encryption_key",
    "signing_key",
    "hmac_key",
];

/**
 * Last words of a name that describe a secret instead of holding it: a length, a lifetime, a
 * reference, a location or a kind (`PASSWORD_MIN_LENGTH`, `TOKEN_TTL_SECONDS`, `SECRET_ARN`,
 * `PRIVATE_KEY_FILE`, `TOKEN_TYPE`, `API_KEY_HEADER`).
 */
// prettier-ignore
export const DESCRIPTIVE_NAME_SUFFIXES: readonly string[] = [
    "length", "len", "min", "max", "minimum", "maximum", "count", "size", "bits", "rounds", "iterations",
    "ttl", "seconds", "secs", "sec", "ms", "minutes", "mins", "hours", "days", "timeout", "expiry", "expiration", "lifetime", "age", "interval",
    "arn", "arns", "file", "path", "dir", "location", "uri_path", "name", "names", "id_name", "type", "kind", "mode", "algorithm", "alg",
    "header", "hint", "param", "parameter", "field", "endpoint", "region", "enabled", "disabled", "required", "policy", "rotation", "version",
    "id", "ids", "ref", "url", "uri", "issuer", "audience",
];

/** Name words that contain a fragment but name something else (`TOKENIZER`, `TOKENIZATION_MODE`: a text tokenizer). */
const NOT_SECRET_WORDS = /^tokeni[sz]/;

/** Values that are protocol words, not secrets (`TOKEN=bearer` style settings). */
// prettier-ignore
const PROTOCOL_WORDS = new Set(["bearer", "basic", "digest", "jwt", "opaque", "none", "header", "cookie", "query", "body", "hmac", "hs256", "rs256", "es256", "plain", "plaintext", "oauth", "oauth2", "oidc", "saml", "api", "token", "session"]);

interface ValueRule {
    kind: string;
    what: string;
    pattern: RegExp;
}

/** Credential formats recognised from the value alone. */
const VALUE_RULES: readonly ValueRule[] = [
    { kind: "private-key", what: "a PEM private key", pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
    { kind: "aws-access-key-id", what: "an AWS access key id (AKIA…/ASIA…)", pattern: /(?<![A-Z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/ },
    { kind: "github-token", what: "a GitHub token (ghp_/gho_/ghu_/ghs_/ghr_…)", pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,255}(?![A-Za-z0-9])/ },
    { kind: "github-token", what: "a GitHub fine-grained personal access token (github_pat_…)", pattern: /github_pat_[A-Za-z0-9_]{60,255}/ },
    { kind: "gitlab-token", what: "a GitLab personal access token (glpat-…)", pattern: /glpat-[A-Za-z0-9_-]{20,}/ },
    { kind: "slack-token", what: "a Slack token (xoxb-/xoxp-/xoxa-/xoxr-/xoxs-…)", pattern: /xox[abposr]-[A-Za-z0-9-]{10,}/ },
    { kind: "slack-webhook", what: "a Slack incoming-webhook URL", pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/ },
    { kind: "stripe-key", what: "a Stripe secret or restricted key (sk_live_/rk_live_…)", pattern: /(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/ },
    { kind: "npm-token", what: "an npm access token (npm_…)", pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/ },
    { kind: "google-api-key", what: "a Google API key (AIza…)", pattern: /AIza[0-9A-Za-z_-]{35}/ },
    { kind: "openai-key", what: "an OpenAI API key (sk-…)", pattern: /(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/ },
    { kind: "sendgrid-key", what: "a SendGrid API key (SG.…)", pattern: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/ },
    { kind: "twilio-key", what: "a Twilio API key (SK + 32 hex)", pattern: /(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])/ },
    { kind: "jwt", what: "a JSON Web Token (eyJ….eyJ….…)", pattern: /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
];

/** A URL whose user-info carries a password: `scheme://user:password@host`. */
const URL_WITH_PASSWORD = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^\s:/@]*):([^\s@/]+)@[^\s]+/;

/** The same anywhere in a value: `jdbc:postgresql://u:p@h/db`, `--url redis://:p@h`. Group 1 is the password. */
const URL_WITH_PASSWORD_ANYWHERE = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s:/@"']*:([^\s@/"']+)@[^\s]/;

/**
 * A password parameter in a connection string or option list: `Password=…;` (ADO.NET, ODBC),
 * `password=…` (libpq), `-Dspring.datasource.password=…`, `--password=…`. Group 1 is the value.
 */
const PASSWORD_PARAMETER = /(?<![A-Za-z0-9_])(?:password|passwd|pwd)\s*=\s*([^\s;&'",]+)/i;

/** A placeholder instead of a value: `${VAR}`, `$VAR`, `<password>`, `{{ password }}`, `****`. */
const PLACEHOLDER = /^\$\{[^}]+\}$|^\$[A-Z_][A-Z0-9_]*$|^<[^>]+>$|^\{\{[^}]+\}\}$|^\*+$/;

/** A 40-character AWS secret access key (base64 alphabet), judged only next to a name that says so. */
const AWS_SECRET_KEY = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/;

/** Shannon entropy of a string, in bits per character. */
export function shannonEntropy(s: string): number {
    if (s.length === 0) return 0;
    const counts = new Map<string, number>();
    for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    let h = 0;
    for (const n of counts.values()) {
        const p = n / s.length;
        h -= p * Math.log2(p);
    }
    return h;
}

/**
 * The entropy (bits per character) a string of `length` characters needs to count as random:
 * 4.2 up to about 36 characters, then rising with the length to 4.5 (detect-secrets' limit for
 * base64) from about 45. A string's entropy grows with its length, so one fixed limit either lets
 * long identifiers of English words through (`MyCompanyNameInternalServiceIdentifier2024`: 4.25
 * bits at 42 characters) or misses short tokens. Measured on 3,000 random alphanumeric strings per
 * length: 99 % reach 4.43 bits at 40 characters, 4.61 at 48, 4.87 at 64; identifiers of words
 * stay near 4.1–4.4.
 */
export function entropyThreshold(length: number): number {
    return Math.min(4.5, Math.max(4.2, 0.49 + 0.735 * Math.log2(length)));
}

/**
 * True for a long random-looking token: at least 24 characters of the base64/URL-safe alphabet,
 * at least three of lower case, upper case and digits, and at least `entropyThreshold(length)`
 * bits of entropy per character (hex digests, UUIDs, host names and identifiers stay below).
 */
export function isHighEntropyToken(value: string): boolean {
    if (value.length < 24 || value.length > 4096 || !/^[A-Za-z0-9+/=_.-]+$/.test(value)) return false;
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(value)).length;
    return classes >= 3 && shannonEntropy(value) >= entropyThreshold(value.length);
}

/**
 * The text a base64 value encodes, when it encodes text (UTF-8, printable, with line breaks or
 * tabs allowed); undefined for a value that is not base64 or encodes binary data (key material,
 * random bytes).
 */
export function base64Text(value: string): string | undefined {
    const v = value.trim();
    if (v.length < 16 || !/^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+={0,2})$/.test(v) || (v.includes("=") && v.length % 4 !== 0)) return undefined;
    const bytes = Buffer.from(v.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    let text: string;
    try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
        return undefined;
    }
    return text.length > 0 && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/.test(text) ? text : undefined;
}

/** The string leaves of a JSON object or array, as [key, value] (array items under their parent's key). */
function jsonStringLeaves(value: unknown, key = ""): [string, string][] {
    if (typeof value === "string") return [[key, value]];
    if (Array.isArray(value)) return value.flatMap((v) => jsonStringLeaves(v, key));
    if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => jsonStringLeaves(v, k));
    return [];
}

/** The name's words, lower case (`DB_PASSWORD` → `["db", "password"]`, `dbPassword` → `["db", "password"]`). */
function nameWords(name: string): string[] {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean);
}

/** A glob (`*`, `?`) as an anchored case-insensitive regular expression. */
function globRegex(glob: string): RegExp {
    const body = glob
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${body}$`, "i");
}

/** An extra name pattern as a regular expression: a valid regex as given, else the text as a fragment. */
function extraPatternRegex(pattern: string): RegExp {
    try {
        return new RegExp(pattern, "i");
    } catch {
        return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
    }
}

/**
 * The fragment (or extra pattern) that makes `name` a secret name, or undefined: names whose last
 * word is descriptive (`…_LENGTH`, `…_TTL_SECONDS`, `…_ARN`, `…_TYPE`) are not secret names.
 */
export function secretNameMatch(name: string, options: SecretDetectorOptions = {}): string | undefined {
    const all = nameWords(name);
    if (all.length > 1 && DESCRIPTIVE_NAME_SUFFIXES.includes(all[all.length - 1])) return undefined;
    const words = all.filter((w) => !NOT_SECRET_WORDS.test(w));
    const joined = words.join("_");
    const squashed = words.join("");
    const fragment = SECRET_NAME_FRAGMENTS.find((f) => joined.includes(f) || squashed.includes(f.replace(/_/g, "")));
    if (fragment) return `"${fragment}"`;
    const extra = (options.extraNamePatterns ?? []).find((p) => extraPatternRegex(p).test(name));
    return extra !== undefined ? `the pattern /${extra}/` : undefined;
}

/**
 * True when a value is plainly not a credential: empty, a number, duration, size or boolean, an
 * ARN (a secret reference included), a file path, a URL without a password, a placeholder
 * (`${VAR}`, `<…>`), or a protocol word such as `bearer`.
 */
export function isBenignValue(value: string): boolean {
    const v = value.trim();
    if (v === "") return true;
    if (/^-?\d+(\.\d+)?$/.test(v)) return true;
    if (/^\d+(\.\d+)?\s*(ns|us|µs|ms|s|sec|secs|m|min|mins|h|hr|hrs|d|days?|w|weeks?|kb|mb|gb|k|m|g|ki|mi|gi)$/i.test(v)) return true;
    if (/^(true|false|yes|no|on|off|enabled|disabled|null|none|nil)$/i.test(v)) return true;
    if (/^arn:aws[a-z-]*:/.test(v)) return true;
    if (/^(\/|\.\/|\.\.\/|~\/)[^\s]*$/.test(v)) return true;
    if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s]*$/.test(v) && !URL_WITH_PASSWORD.test(v)) return true;
    if (PLACEHOLDER.test(v)) return true;
    if (PROTOCOL_WORDS.has(v.toLowerCase())) return true;
    return false;
}

/** True when `name` is on the allow list (exact or glob, case-insensitive). */
function isAllowed(name: string, options: SecretDetectorOptions): boolean {
    return (options.allowNames ?? []).some((g) => globRegex(g).test(name));
}

/**
 * The credential `value` (under `name`) holds, or undefined. Judges the value's shape first (any
 * name), then the name with the value (a secret name with a literal value).
 */
export function findSecret(name: string, value: string, options: SecretDetectorOptions = {}): SecretFinding | undefined {
    if (typeof value !== "string" || isAllowed(name, options)) return undefined;
    const shape = credentialShape(value);
    if (shape) return { name, ...shape };
    const nameMatch = secretNameMatch(name, options);
    const words = nameWords(name);
    if (AWS_SECRET_KEY.test(value) && (words.includes("aws") || nameMatch !== undefined) && /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value)) {
        return { name, kind: "aws-secret-access-key", reason: "its value has the shape of an AWS secret access key (40 characters of base64) and its name says it is a key" };
    }
    const decoded = base64Text(value);
    if (decoded !== undefined) {
        const inner = credentialShape(decoded) ?? jsonCredential(decoded);
        if (inner) return { name, kind: inner.kind, reason: `its value is base64 of ${inner.reason.replace(/^its value is /, "")}` };
    }
    // Base64 of text with spaces or structure (a JSON or YAML document, a sentence) is data, not a token.
    const encodesData = decoded !== undefined && /[\s{}[\]"<>]/.test(decoded);
    if (!encodesData && isHighEntropyToken(value.trim())) {
        return {
            name,
            kind: "high-entropy",
            reason: `its value is a ${value.trim().length}-character random-looking string (${shannonEntropy(value.trim()).toFixed(1)} bits of entropy per character)`,
        };
    }
    if (nameMatch !== undefined && !isBenignValue(value)) {
        return {
            name,
            kind: "secret-name",
            reason: `its name contains ${nameMatch} and its value is a ${value.length}-character literal, not a number, duration, ARN, path, URL without a password or placeholder`,
        };
    }
    return undefined;
}

/** What a value is by its shape alone (a token format, a URL with a password, a password parameter), or undefined. */
function credentialShape(value: string): Omit<SecretFinding, "name"> | undefined {
    for (const rule of VALUE_RULES) {
        if (rule.pattern.test(value)) return { kind: rule.kind, reason: `its value is ${rule.what}` };
    }
    const url = URL_WITH_PASSWORD_ANYWHERE.exec(value);
    if (url && !/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(url[1]) && !PLACEHOLDER.test(url[1])) {
        return { kind: "url-credentials", reason: "its value is a URL with a user name and password in it (scheme://user:password@host)" };
    }
    const parameter = PASSWORD_PARAMETER.exec(value);
    if (parameter && !isBenignValue(parameter[1])) {
        return { kind: "password-parameter", reason: "its value is a connection string or option list that sets a password (password=…)" };
    }
    return undefined;
}

/** A credential among the string fields of a JSON document (judged by name and value), or undefined. */
function jsonCredential(text: string): Omit<SecretFinding, "name"> | undefined {
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch {
        return undefined;
    }
    for (const [key, leaf] of jsonStringLeaves(json)) {
        const f = findSecret(key, leaf);
        if (f) return { kind: f.kind, reason: `its value is a JSON document whose field "${key}" is a credential (${f.reason})` };
    }
    return undefined;
}

/** Every finding among `entries` (name → value); values that are not strings are skipped. */
export function findSecrets(entries: Iterable<[string, unknown]>, options: SecretDetectorOptions = {}): SecretFinding[] {
    const out: SecretFinding[] = [];
    for (const [name, value] of entries) {
        if (typeof value !== "string") continue;
        const f = findSecret(name, value, options);
        if (f) out.push(f);
    }
    return out;
}
