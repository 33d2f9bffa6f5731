import { strict as assert } from "node:assert";
import { findSecret, findSecrets, isHighEntropyToken, secretNameMatch } from "../../rules/secrets";

// Token-shaped test values, assembled so the file itself holds no credential-looking literal.
const GH = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
const GH_PAT = "github_pat_" + "11ABCDEFG0" + "x".repeat(72);
const SLACK = "xoxb-" + "1234567890-abcdefghijKL";
const STRIPE = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc";
const GOOGLE = "AIza" + "SyD-1234567890abcdefghijklmnopqrstu";
const NPM = "npm_" + "abcdefghijklmnopqrstuvwxyz0123456789";
const JWT = "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY";

describe("rules/secrets: one detector for config, importer and pack", () => {
    it("passes harmless names whose values are not credentials", () => {
        for (const [n, v] of [
            ["PASSWORD_MIN_LENGTH", "12"],
            ["TOKEN_TTL_SECONDS", "300"],
            ["SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"],
            ["TOKEN_TYPE", "bearer"],
            ["PRIVATE_KEY_FILE", "/run/secrets/tls.key"],
            ["AUTH_TOKEN_HEADER", "X-Auth-Token"],
            ["API_KEY", "${API_KEY}"],
            ["DATABASE_URL", "postgres://app@db.internal:5432/app"],
            ["GIT_SHA", "0123456789abcdef0123456789abcdef01234567"],
            ["REQUEST_ID", "550e8400-e29b-41d4-a716-446655440000"],
            ["CLASS_NAME", "com.example.MyApplicationServiceFactoryImpl"],
            ["NODE_ENV", "production"],
        ])
            assert.equal(findSecret(n, v), undefined, n);
    });

    it("fails credentials by their value, whatever the name, and says which", () => {
        const cases: [string, string, string][] = [
            ["DATABASE_URL", "postgres://u:p@h/db", "url-credentials"],
            ["REDIS", "rediss://default:hunter2@cache:6379", "url-credentials"],
            ["X", GH, "github-token"],
            ["X", GH_PAT, "github-token"],
            ["X", SLACK, "slack-token"],
            ["X", STRIPE, "stripe-key"],
            ["X", GOOGLE, "google-api-key"],
            ["X", NPM, "npm-token"],
            ["X", JWT, "jwt"],
            ["X", "AKIAIOSFODNN7EXAMPLE", "aws-access-key-id"],
            ["X", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn", "private-key"],
            ["AWS_SECRET_ACCESS_KEY", AWS_SECRET, "aws-secret-access-key"],
            ["OPAQUE", "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", "high-entropy"],
        ];
        for (const [n, v, kind] of cases) {
            const f = findSecret(n, v);
            assert.equal(f?.kind, kind, `${n}=${v.slice(0, 12)}`);
            assert.ok(!f!.reason.includes(v), "the reason never echoes the value");
        }
        assert.equal(findSecret("DATABASE_URL", "postgres://u:p@h/db")?.reason, "its value is a URL with a user name and password in it (scheme://user:password@host)");
    });

    it("fails a secret name only with a literal value", () => {
        assert.equal(findSecret("DB_PASSWORD", "hunter2")?.kind, "secret-name");
        assert.equal(findSecret("clientSecret", "abc-123")?.kind, "secret-name");
        assert.equal(findSecret("DB_PASSWORD", "12"), undefined);
        assert.equal(secretNameMatch("PASSWORD_MIN_LENGTH"), undefined);
        assert.equal(secretNameMatch("GITHUB_TOKEN"), '"token"');
    });

    it("takes extra name patterns and an allow list", () => {
        assert.equal(findSecret("SIGNING_SALT", "pepper"), undefined);
        assert.equal(findSecret("SIGNING_SALT", "pepper", { extraNamePatterns: ["salt"] })?.kind, "secret-name");
        assert.equal(findSecret("DB_PASSWORD", "hunter2", { allowNames: ["db_*"] }), undefined);
        assert.equal(findSecret("X", GH, { allowNames: ["X"] }), undefined);
        assert.deepEqual(findSecrets(Object.entries({ A: "1", B: GH, C: 3 as unknown })).map((f) => f.name), ["B"]);
    });

    it("high entropy needs length, three character classes and > 4.2 bits per character", () => {
        assert.equal(isHighEntropyToken("Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRkdI"), true);
        assert.equal(isHighEntropyToken("abcdefghijklmnopqrstuvwxyz"), false);
        assert.equal(isHighEntropyToken("Short1Aa"), false);
    });
});
