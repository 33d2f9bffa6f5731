/** Recognising environment variables that hold secrets. */

/** Name fragments that mark a secret (compared case-insensitively, as the scanners do). */
export const SECRET_NAME_FRAGMENTS: readonly string[] = [
    "password", "passwd", "secret", "private_key", "token", "api_key", "apikey", "access_key",
    "aws_access_key_id", "aws_secret_access_key", "ecs_engine_auth_data", "credential",
];

/** True when an environment variable's name says it carries a secret (e.g. `DB_PASSWORD`, `API_KEY`). */
export function looksLikeSecretName(name: string): boolean {
    const lower = name.toLowerCase();
    if (lower.startsWith("token_type")) return false;
    return SECRET_NAME_FRAGMENTS.some((f) => lower.includes(f));
}

const AWS_KEY_ID = /(A3T[A-Z0-9]|AKIA|ASIA)[A-Z0-9]{16}/;
const PEM = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** True when a value is itself an AWS access key id or a PEM private key. */
export function looksLikeSecretValue(value: string): boolean {
    return AWS_KEY_ID.test(value) || PEM.test(value);
}
