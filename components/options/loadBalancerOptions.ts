/** The Application Load Balancer: TLS, who may reach it, and its protections. Owned by the platform on a shared platform. */
import * as pulumi from "@pulumi/pulumi";
import { OptionProblem, OptionTable, Resolved, applyDefaults } from "./optionTable";
import { Problems, isKnown } from "./checks";
import { ACM_CERTIFICATE_ARN } from "../lib/iam/arns";
import { isValidCidr } from "../lib/ec2/addresses";
import { RECOMMENDED_SSL_POLICY, sslPolicyNameProblem } from "../../rules/elbSecurityPolicies";

export interface LoadBalancerOptions {
    /**
     * ACM certificate ARN: HTTPS on 443 and HTTP 80 answering 301 to HTTPS.
     * @default none (plain HTTP, dev only)
     */
    certificateArn?: pulumi.Input<string>;
    /**
     * TLS policy of the HTTPS listener.
     * @default "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"
     */
    sslPolicy?: string;
    /**
     * CIDRs allowed to the listeners.
     * @default ["0.0.0.0/0"]
     */
    ingressCidrs?: string[];
    /**
     * Internal load balancer in the private subnets.
     * @default false
     */
    internal?: boolean;
    /**
     * Deletion protection.
     * @default false
     */
    deletionProtection?: boolean;
    /**
     * Access logs to a private, encrypted S3 bucket with 90-day expiry.
     * @default false
     */
    accessLogs?: boolean;
    /**
     * AWS WAF web ACL with AWS managed rule groups.
     * @default false
     */
    waf?: boolean;
    /**
     * Idle connection timeout in seconds (1–4000).
     * @default 60
     */
    idleTimeout?: number;
}

export const LOAD_BALANCER_OPTIONS: OptionTable<LoadBalancerOptions> = {
    certificateArn: { defaultText: "none (plain HTTP, dev only)", description: "ACM certificate ARN: HTTPS on 443 and HTTP 80 answering 301 to HTTPS. Unset: plain HTTP (dev)." },
    sslPolicy: { default: RECOMMENDED_SSL_POLICY, description: "TLS policy of the HTTPS listener (TLS 1.3 and 1.2, forward-secret AEAD suites only)." },
    ingressCidrs: { default: ["0.0.0.0/0"], description: "CIDRs allowed to reach the ALB listeners." },
    internal: { default: false, description: "Internal ALB (no public addresses)." },
    deletionProtection: { default: false, description: "ALB deletion protection (on in prod)." },
    accessLogs: { default: false, description: "ALB access logs to an encrypted, private S3 bucket with lifecycle expiry." },
    waf: { default: false, description: "AWS WAF web ACL with AWS managed common and known-bad-input rules on the ALB." },
    idleTimeout: { default: 60, description: "ALB idle connection timeout in seconds (1–4000)." },
};

export type ResolvedLoadBalancerOptions = Resolved<LoadBalancerOptions, "sslPolicy" | "ingressCidrs" | "internal" | "deletionProtection" | "accessLogs" | "waf" | "idleTimeout">;

export function resolveLoadBalancerOptions(given: LoadBalancerOptions | undefined): ResolvedLoadBalancerOptions {
    return applyDefaults(LOAD_BALANCER_OPTIONS, given) as ResolvedLoadBalancerOptions;
}

/** A certificate ARN, a real ELB security policy, valid CIDRs, a timeout in range, and no WAF on an internal ALB. */
export function loadBalancerOptionsProblems(o: ResolvedLoadBalancerOptions, prefix = "loadBalancer"): OptionProblem[] {
    const p = new Problems(prefix);
    p.matches("certificateArn", o.certificateArn, ACM_CERTIFICATE_ARN, "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)");
    const sslProblem = typeof o.sslPolicy === "string" ? sslPolicyNameProblem(o.sslPolicy) : "must be the name of an ELB security policy";
    if (sslProblem) p.add("sslPolicy", o.sslPolicy, sslProblem);
    if (isKnown(o.ingressCidrs)) {
        if (!Array.isArray(o.ingressCidrs) || o.ingressCidrs.length === 0) p.add("ingressCidrs", o.ingressCidrs, "must list at least one CIDR");
        else
            o.ingressCidrs.forEach((c, i) => {
                if (typeof c !== "string" || !isValidCidr(c)) p.add(`ingressCidrs[${i}]`, c, "is not a valid CIDR (e.g. 203.0.113.0/24 or 2001:db8::/32)");
            });
    }
    p.bool("internal", o.internal);
    p.bool("deletionProtection", o.deletionProtection);
    p.bool("accessLogs", o.accessLogs);
    p.bool("waf", o.waf);
    p.intIn("idleTimeout", o.idleTimeout, 1, 4000, " seconds");
    if (o.waf && o.internal) p.add("waf", o.waf, "WAF protects internet-facing load balancers; it is not needed with internal: true");
    return p.list;
}
