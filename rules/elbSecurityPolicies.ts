/**
 * The predefined ELB security policies (the `sslPolicy` of an HTTPS or TLS listener): the protocols
 * and cipher suites each one offers, and from those whether every suite is forward-secret and
 * authenticated-encryption (AEAD) only.
 *
 * Sources:
 * - Protocols and ciphers of the 2015–2021 policies: the cipher tables of "Security policies for
 *   your Application Load Balancer" (AWS Elastic Load Balancing user guide), as archived in
 *   github.com/awsdocs/elb-application-load-balancers-user-guide, doc_source/create-https-listener.md
 *   (commit fb24293, the last before the repository was archived). Rows marked `documented`.
 * - The FIPS (2023-04) and post-quantum (2025-09) variants: the same guide, now at
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html,
 *   says a FIPS policy uses FIPS 140-validated cryptographic modules (so no ChaCha20-Poly1305, which
 *   FIPS does not approve) and a PQ policy adds hybrid ML-KEM key exchange to the same protocol and
 *   cipher set. Those rows are `derived` from their base policy by that rule; check them against
 *   `aws elbv2 describe-ssl-policies --names <name>` if a verdict depends on one.
 * - Policies whose cipher list we could not take from a table (`Ext0-FIPS`, the RFC 9151 family)
 *   are listed by name only (`named`): the names are valid, their suites are not judged here.
 * - The full list of names (for refusing a name that does not exist): the ALB and NLB
 *   security-policy tables as of 2026.
 */

import { closestName } from "./closestName";

/** TLS protocol versions, as `describe-ssl-policies` names them. */
export type TlsProtocol = "TLSv1" | "TLSv1.1" | "TLSv1.2" | "TLSv1.3";

/** How a row's protocols and ciphers are known. */
export type RowSource = "documented" | "derived" | "named";

/** One predefined security policy. */
export interface ElbSecurityPolicy {
    name: string;
    /** Undefined for `named` rows. */
    protocols?: TlsProtocol[];
    /** OpenSSL-style names for TLS 1.2 and earlier, IANA names (`TLS_…`) for TLS 1.3; undefined for `named` rows. */
    ciphers?: string[];
    /** Every suite uses an ephemeral (EC)DHE key exchange (all TLS 1.3 suites do); undefined for `named` rows. */
    forwardSecretOnly?: boolean;
    /** Every suite is AEAD (GCM or ChaCha20-Poly1305), none CBC; undefined for `named` rows. */
    aeadOnly?: boolean;
    source: RowSource;
    /** For `derived` rows: the documented policy it is derived from. */
    derivedFrom?: string;
}

// Cipher groups, in the order the AWS tables list them.
const TLS13 = ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"];
const ECDHE_GCM = ["ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384"];
const ECDHE_CBC_SHA2 = ["ECDHE-ECDSA-AES128-SHA256", "ECDHE-RSA-AES128-SHA256", "ECDHE-ECDSA-AES256-SHA384", "ECDHE-RSA-AES256-SHA384"];
const ECDHE_CBC_SHA1 = ["ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES256-SHA", "ECDHE-ECDSA-AES256-SHA"];
const RSA_GCM = ["AES128-GCM-SHA256", "AES256-GCM-SHA384"];
const RSA_CBC_SHA2 = ["AES128-SHA256", "AES256-SHA256"];
const RSA_CBC_SHA1 = ["AES128-SHA", "AES256-SHA"];
const TRIPLE_DES = ["DES-CBC3-SHA"];

const P10_12: TlsProtocol[] = ["TLSv1", "TLSv1.1", "TLSv1.2"];
const P11_12: TlsProtocol[] = ["TLSv1.1", "TLSv1.2"];
const P12: TlsProtocol[] = ["TLSv1.2"];
const P10_13: TlsProtocol[] = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
const P11_13: TlsProtocol[] = ["TLSv1.1", "TLSv1.2", "TLSv1.3"];
const P12_13: TlsProtocol[] = ["TLSv1.2", "TLSv1.3"];
const P13: TlsProtocol[] = ["TLSv1.3"];

const ALL_TLS12 = [...ECDHE_GCM, ...ECDHE_CBC_SHA2, ...ECDHE_CBC_SHA1, ...RSA_GCM, ...RSA_CBC_SHA2, ...RSA_CBC_SHA1];

/** Documented rows: [name without the `ELBSecurityPolicy-` prefix, protocols, ciphers]. */
const DOCUMENTED: [string, TlsProtocol[], string[]][] = [
    // TLS 1.3 policies table
    ["TLS13-1-2-2021-06", P12_13, [...TLS13, ...ECDHE_GCM, ...ECDHE_CBC_SHA2]],
    ["TLS13-1-3-2021-06", P13, [...TLS13]],
    ["TLS13-1-2-Res-2021-06", P12_13, [...TLS13, ...ECDHE_GCM]],
    ["TLS13-1-2-Ext2-2021-06", P12_13, [...TLS13, ...ALL_TLS12]],
    ["TLS13-1-2-Ext1-2021-06", P12_13, [...TLS13, ...ECDHE_GCM, ...ECDHE_CBC_SHA2, ...RSA_GCM, ...RSA_CBC_SHA2]],
    ["TLS13-1-1-2021-06", P11_13, [...TLS13, ...ALL_TLS12]],
    ["TLS13-1-0-2021-06", P10_13, [...TLS13, ...ALL_TLS12]],
    // Default and forward-secrecy (FS) policies table
    ["2016-08", P10_12, [...ALL_TLS12]],
    ["FS-1-2-Res-2020-10", P12, [...ECDHE_GCM]],
    ["FS-1-2-Res-2019-08", P12, [...ECDHE_GCM, ...ECDHE_CBC_SHA2]],
    ["FS-1-2-2019-08", P12, [...ECDHE_GCM, ...ECDHE_CBC_SHA2, ...ECDHE_CBC_SHA1]],
    ["FS-1-1-2019-08", P11_12, [...ECDHE_GCM, ...ECDHE_CBC_SHA2, ...ECDHE_CBC_SHA1]],
    ["FS-2018-06", P10_12, [...ECDHE_GCM, ...ECDHE_CBC_SHA2, ...ECDHE_CBC_SHA1]],
    // TLS policies table
    ["TLS-1-2-Ext-2018-06", P12, [...ALL_TLS12]],
    ["TLS-1-2-2017-01", P12, [...ECDHE_GCM, ...ECDHE_CBC_SHA2, ...RSA_GCM, ...RSA_CBC_SHA2]],
    ["TLS-1-1-2017-01", P11_12, [...ALL_TLS12]],
    ["TLS-1-0-2015-04", P10_12, [...ALL_TLS12, ...TRIPLE_DES]],
    // "ELBSecurityPolicy-2015-05 (identical to ELBSecurityPolicy-2016-08)"
    ["2015-05", P10_12, [...ALL_TLS12]],
];

/** FIPS (2023-04) variants: the base policy without ChaCha20-Poly1305. */
const FIPS_BASES = ["TLS13-1-0", "TLS13-1-1", "TLS13-1-2", "TLS13-1-2-Res", "TLS13-1-2-Ext1", "TLS13-1-2-Ext2", "TLS13-1-3"];
/** Post-quantum (2025-09) variants: the same suites as their base, with hybrid ML-KEM key exchange. */
const PQ_BASES = ["TLS13-1-0", "TLS13-1-2", "TLS13-1-2-Res", "TLS13-1-2-Ext1", "TLS13-1-2-Ext2", "TLS13-1-3"];
/** Valid names whose suites we could not take from a table. */
const NAMED_ONLY = [
    "TLS13-1-2-Ext0-FIPS-2023-04",
    "TLS13-1-2-Ext0-FIPS-PQ-2025-09",
    "TLS13-1-2-Ext0-RFC9151-FIPS-2023-07",
    "TLS13-1-2-RFC9151-FIPS-2023-07",
    "TLS13-1-2-RFC9151-INTEROP1-FIPS-2023-07",
    "TLS13-1-2-RFC9151-INTEROP2-FIPS-2023-07",
    "TLS13-1-2-RFC9151-INTEROP3-FIPS-2023-07",
    "TLS13-1-2-RFC9151-INTEROP4-FIPS-2023-07",
    "TLS13-1-3-RFC9151-FIPS-2023-07",
];

const PREFIX = "ELBSecurityPolicy-";

/** True for a suite with an ephemeral key exchange: every TLS 1.3 suite, and ECDHE/DHE suites of TLS 1.2 and earlier. */
export function isForwardSecretCipher(cipher: string): boolean {
    return cipher.startsWith("TLS_") || cipher.startsWith("ECDHE-") || cipher.startsWith("DHE-");
}

/** True for an AEAD suite (AES-GCM or ChaCha20-Poly1305); CBC and 3DES suites are not. */
export function isAeadCipher(cipher: string): boolean {
    return /GCM|CHACHA20-POLY1305|CHACHA20_POLY1305/.test(cipher);
}

function row(name: string, protocols: TlsProtocol[], ciphers: string[], source: RowSource, derivedFrom?: string): ElbSecurityPolicy {
    return {
        name: PREFIX + name,
        protocols,
        ciphers,
        forwardSecretOnly: ciphers.every(isForwardSecretCipher),
        aeadOnly: ciphers.every(isAeadCipher),
        source,
        ...(derivedFrom ? { derivedFrom: PREFIX + derivedFrom } : {}),
    };
}

function buildTable(): ElbSecurityPolicy[] {
    const documented = DOCUMENTED.map(([n, p, c]) => row(n, p, c, "documented"));
    const byName = new Map(DOCUMENTED.map(([n, p, c]) => [n, { p, c }]));
    const base = (b: string) => byName.get(`${b}-2021-06`)!;
    const fips = FIPS_BASES.map((b) =>
        row(
            `${b}-FIPS-2023-04`,
            base(b).p,
            base(b).c.filter((c) => !c.includes("CHACHA20")),
            "derived",
            `${b}-2021-06`,
        ),
    );
    const pq = PQ_BASES.map((b) => row(`${b}-PQ-2025-09`, base(b).p, base(b).c, "derived", `${b}-2021-06`));
    const fipsPq = PQ_BASES.map((b) =>
        row(
            `${b}-FIPS-PQ-2025-09`,
            base(b).p,
            base(b).c.filter((c) => !c.includes("CHACHA20")),
            "derived",
            `${b}-2021-06`,
        ),
    );
    const named: ElbSecurityPolicy[] = NAMED_ONLY.map((n) => ({ name: PREFIX + n, source: "named" }));
    return [...documented, ...fips, ...pq, ...fipsPq, ...named];
}

/** Every predefined ELB security policy we know, with its protocols and ciphers where known. */
export const ELB_SECURITY_POLICIES: readonly ElbSecurityPolicy[] = buildTable();

/** Every valid `sslPolicy` name. */
export const ELB_SECURITY_POLICY_NAMES: readonly string[] = ELB_SECURITY_POLICIES.map((p) => p.name);

/** The row of a policy name, or undefined for a name that is not a predefined policy. */
export function elbSecurityPolicy(name: string): ElbSecurityPolicy | undefined {
    return ELB_SECURITY_POLICIES.find((p) => p.name === name);
}

/**
 * True when a policy offers only TLS 1.2 or newer, and only forward-secret AEAD suites: the bar a
 * listener's policy must meet by default. False for `named` rows (their suites are not known here).
 */
export function isModernPolicy(p: ElbSecurityPolicy): boolean {
    return p.protocols !== undefined && p.protocols.every((v) => v === "TLSv1.2" || v === "TLSv1.3") && p.forwardSecretOnly === true && p.aeadOnly === true;
}

/** The policies that meet `isModernPolicy`: the TLS rule's default allowed list. */
export const MODERN_SSL_POLICIES: readonly string[] = ELB_SECURITY_POLICIES.filter(isModernPolicy).map((p) => p.name);

/**
 * The policy our components put on an HTTPS listener: TLS 1.3 and 1.2, forward-secret AEAD suites
 * only (`TLS13-1-2-2021-06`, which AWS's console offered as default until 2025, also offers CBC
 * suites, and the console's 2025 default `TLS13-1-2-Res-PQ-2025-09` is the same suites plus
 * post-quantum key exchange, which this one lacks but every region has).
 */
export const RECOMMENDED_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06";

/** Why a policy is not modern, in words (its old protocols, non-forward-secret or CBC suites), or undefined when it is. */
export function policyWeaknesses(p: ElbSecurityPolicy): string | undefined {
    if (p.protocols === undefined || p.ciphers === undefined) return "its protocols and ciphers are not in the table this pack judges from";
    const parts: string[] = [];
    const old = p.protocols.filter((v) => v === "TLSv1" || v === "TLSv1.1");
    if (old.length > 0) parts.push(`offers ${old.join(" and ")}`);
    const nonFs = p.ciphers.filter((c) => !isForwardSecretCipher(c));
    if (nonFs.length > 0) parts.push(`offers suites without forward secrecy (${nonFs.slice(0, 3).join(", ")}${nonFs.length > 3 ? ", …" : ""})`);
    const cbc = p.ciphers.filter((c) => !isAeadCipher(c));
    if (cbc.length > 0) parts.push(`offers CBC suites (${cbc.slice(0, 3).join(", ")}${cbc.length > 3 ? ", …" : ""})`);
    return parts.length > 0 ? parts.join("; ") : undefined;
}

/** The known policy name closest to `name` (case-insensitive edit distance). */
export function closestPolicyName(name: string): string {
    return closestName(name, ELB_SECURITY_POLICY_NAMES, { maxDistance: Infinity, firstOnTie: true })!;
}

/**
 * Why `name` cannot be a listener's sslPolicy, or undefined: a name that is not a predefined
 * policy (with the closest one), or one that is not modern (what it offers, and the modern ones).
 */
export function sslPolicyNameProblem(name: string): string | undefined {
    const p = elbSecurityPolicy(name);
    if (!p) return `is not an ELB security policy; did you mean "${closestPolicyName(name)}"? Modern ones: ${MODERN_SSL_POLICIES.join(", ")}`;
    const weak = policyWeaknesses(p);
    if (weak) return `${weak}; use one of ${MODERN_SSL_POLICIES.join(", ")}`;
    return undefined;
}
