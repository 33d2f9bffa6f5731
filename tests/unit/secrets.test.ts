import { strict as assert } from "node:assert";
import { base64Text, entropyThreshold, findSecret, findSecrets, isHighEntropyToken, secretNameMatch } from "../../rules/secrets";

// Token-shaped test values, assembled so the file itself holds no credential-looking literal.
const GH = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
const GH_PAT = "github_pat_" + "11ABCDEFG0" + "x".repeat(72);
const SLACK = "xoxb-" + "1234567890-abcdefghijKL";
const STRIPE = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc";
const GOOGLE = "AIza" + "SyD-1234567890abcdefghijklmnopqrstu";
const NPM = "npm_" + "abcdefghijklmnopqrstuvwxyz0123456789";
const JWT = "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY";
const b64 = (text: string) => Buffer.from(text).toString("base64");
const PEM = "-----BEGIN " + "PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END " + "PRIVATE KEY-----\n";

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
        for (const n of ["ENCRYPTION_KEY", "JWT_SIGNING_KEY", "webhookHmacKey"])
            assert.equal(findSecret(n, "0123456789abcdef0123456789abcdef")?.kind, "secret-name", `${n}: a hex key under a key name`);
    });

    it("takes extra name patterns and an allow list", () => {
        assert.equal(findSecret("SIGNING_SALT", "pepper"), undefined);
        assert.equal(findSecret("SIGNING_SALT", "pepper", { extraNamePatterns: ["salt"] })?.kind, "secret-name");
        assert.equal(findSecret("DB_PASSWORD", "hunter2", { allowNames: ["db_*"] }), undefined);
        assert.equal(findSecret("X", GH, { allowNames: ["X"] }), undefined);
        assert.deepEqual(
            findSecrets(Object.entries({ A: "1", B: GH, C: 3 as unknown })).map((f) => f.name),
            ["B"],
        );
    });

    it("high entropy needs length, three character classes and > 4.2 bits per character", () => {
        assert.equal(isHighEntropyToken("Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRkdI"), true);
        assert.equal(isHighEntropyToken("abcdefghijklmnopqrstuvwxyz"), false);
        assert.equal(isHighEntropyToken("Short1Aa"), false);
    });

    it("passes harmless values of the kinds a secret detector mistakes: base64 of data, long identifiers, ids, tokenizers", () => {
        for (const [n, v] of [
            ["APP_CONFIG_B64", b64(JSON.stringify({ logLevel: "debug", port: 8080, features: ["a", "b"] }))],
            ["MOTD", b64("hello world, this is not a secret")],
            ["SERVICE_CLASS", "MyCompanyNameInternalServiceIdentifier2024"],
            ["ASSET_PREFIX", "my-bucket/some/Path/With/Mixed/Case123/file.txt"],
            ["BUILD_LABEL", "Build-2024-01-01T00:00:00Z-abcDEF123ghiJKL456"],
            ["TOKEN_ID", "550e8400-e29b-41d4-a716-446655440000"],
            ["API_KEY_ID", "key-1234"],
            ["SECRET_ID", "prod/db"],
            ["PASSWORD_REF", "ssm:/myapp/prod/db"],
            ["TOKEN_AUDIENCE", "my-api"],
            ["TOKENIZER", "bert-base-uncased"],
            ["IMAGE", "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:" + "0123456789abcdef".repeat(4)],
            ["SECRET_ARN", "arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:db-AbCdEf"],
            ["CONN", "Server=db;Database=app;Password=${DB_PASSWORD};"],
            ["DATABASE_URL", "postgres://app:<password>@db/app"],
            ["OPTS", "--min_password=12"],
        ])
            assert.equal(findSecret(n, v), undefined, `${n}=${v.slice(0, 24)}`);
        assert.equal(findSecret("HF_TOKEN", "hf_x")?.kind, "secret-name", "a token name next to a tokenizer still counts");
        for (const n of ["ENCRYPTION_KEY_ARN", "SIGNING_KEY_ID"]) assert.equal(findSecret(n, "mrk-1234abcd"), undefined, n);
    });

    it("fails credentials inside longer values and in base64 of text", () => {
        const cases: [string, string, string][] = [
            ["DATABASE_URL", "jdbc:postgresql://app:Sup3rS3cret@db:5432/app", "url-credentials"],
            ["CMD", "--url redis://:hunter2@cache:6379", "url-credentials"],
            ["ConnectionStrings__Default", "Server=db;Database=app;User Id=sa;Password=Secr3t!;", "password-parameter"],
            ["PGCONN", "host=db user=app password=hunter2 dbname=app", "password-parameter"],
            ["JAVA_OPTS", "-Xmx512m -Dspring.datasource.password=hunter2", "password-parameter"],
            ["TLS_KEY_B64", b64(PEM), "private-key"],
            ["REGISTRY_AUTH", b64(JSON.stringify({ auths: { "r.example.com": { username: "ci", password: "hunter2" } } })), "secret-name"],
            ["OPAQUE_B64", b64("Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRkdI"), "high-entropy"],
        ];
        for (const [n, v, kind] of cases) {
            const f = findSecret(n, v);
            assert.equal(f?.kind, kind, `${n}=${v.slice(0, 24)}`);
            assert.ok(!f!.reason.includes("hunter2") && !f!.reason.includes("Secr3t"), "the reason never echoes the value");
        }
        assert.equal(findSecret("TLS_KEY_B64", b64(PEM))?.reason, "its value is base64 of a PEM private key");
        assert.match(
            findSecret("REGISTRY_AUTH", b64(JSON.stringify({ password: "hunter2" })))!.reason,
            /^its value is base64 of a JSON document whose field "password" is a credential/,
        );
    });

    it("needs more entropy from longer strings, as random tokens have", () => {
        assert.equal(entropyThreshold(24), 4.2);
        assert.equal(entropyThreshold(64), 4.5);
        assert.ok(entropyThreshold(40) > 4.2 && entropyThreshold(40) < 4.5);
        assert.equal(base64Text(b64("plain text here")), "plain text here");
        assert.equal(base64Text(Buffer.from([0, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]).toString("base64")), undefined, "binary is not text");
        assert.equal(base64Text("not base64 at all!"), undefined);
    });
});
