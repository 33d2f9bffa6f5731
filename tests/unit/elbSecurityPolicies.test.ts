import { strict as assert } from "node:assert";
import { ELB_SECURITY_POLICIES, MODERN_SSL_POLICIES, RECOMMENDED_SSL_POLICY, closestPolicyName, elbSecurityPolicy, sslPolicyNameProblem } from "../../rules/elbSecurityPolicies";

describe("ELB security policy table", () => {
    it("reads each documented policy's suites as AWS's table lists them", () => {
        const row = (n: string) => elbSecurityPolicy(`ELBSecurityPolicy-${n}`)!;
        // Spot checks against the AWS tables (create-https-listener.md, awsdocs archive).
        assert.deepEqual(row("TLS13-1-3-2021-06").protocols, ["TLSv1.3"]);
        assert.ok(row("TLS-1-0-2015-04").ciphers!.includes("DES-CBC3-SHA"));
        assert.ok(!row("TLS-1-2-2017-01").ciphers!.includes("ECDHE-RSA-AES128-SHA"));
        assert.ok(row("TLS-1-2-2017-01").ciphers!.includes("AES128-GCM-SHA256"));
        assert.ok(row("TLS13-1-2-Ext1-2021-06").ciphers!.includes("AES256-SHA256"));
        assert.ok(!row("TLS13-1-2-Ext1-2021-06").ciphers!.includes("AES256-SHA"));
        assert.deepEqual(row("2015-05").ciphers, row("2016-08").ciphers);
        assert.equal(row("TLS-1-2-2017-01").forwardSecretOnly, false);
        assert.equal(row("TLS-1-2-2017-01").aeadOnly, false);
        assert.equal(row("TLS13-1-2-2021-06").forwardSecretOnly, true);
        assert.equal(row("TLS13-1-2-2021-06").aeadOnly, false);
        assert.equal(row("TLS13-1-2-Res-FIPS-2023-04").derivedFrom, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06");
        assert.ok(!row("TLS13-1-2-Res-FIPS-2023-04").ciphers!.some((c) => c.includes("CHACHA20")));
        assert.equal(row("TLS13-1-2-RFC9151-FIPS-2023-07").source, "named");
    });

    it("allows exactly the TLS 1.2+, forward-secret, AEAD-only policies", () => {
        assert.deepEqual([...MODERN_SSL_POLICIES].sort(), [
            "ELBSecurityPolicy-FS-1-2-Res-2020-10",
            "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-3-2021-06",
            "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
        ]);
        assert.ok(MODERN_SSL_POLICIES.includes(RECOMMENDED_SSL_POLICY));
        assert.equal(new Set(ELB_SECURITY_POLICIES.map((p) => p.name)).size, ELB_SECURITY_POLICIES.length);
    });

    it("names the closest policy for a name that does not exist, and what a weak one offers", () => {
        assert.equal(closestPolicyName("ELBSecurityPolicy-TLS13-1-2-Res-2021"), "ELBSecurityPolicy-TLS13-1-2-Res-2021-06");
        assert.match(sslPolicyNameProblem("TLS13-1-3-2021-06")!, /did you mean "ELBSecurityPolicy-TLS13-1-3-2021-06"/);
        assert.match(sslPolicyNameProblem("ELBSecurityPolicy-2016-08")!, /offers TLSv1 and TLSv1\.1/);
        assert.equal(sslPolicyNameProblem(RECOMMENDED_SSL_POLICY), undefined);
    });
});

describe("LoadBalancer sslPolicy argument", () => {
    it("refuses, before creating anything, a name that is no ELB security policy (naming the closest) and a weak one, as the config does", async () => {
        const { LoadBalancer } = await import("../../components/loadBalancer");
        const { runOffline } = await import("../../tools/offline/engine");
        const build = (sslPolicy: string) =>
            runOffline(
                () =>
                    new LoadBalancer("web", {
                        vpcId: "vpc-1",
                        subnetIds: ["subnet-a", "subnet-b"],
                        targetPort: 8080,
                        loadBalancer: { certificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/11111111-2222-3333-4444-555555555555", sslPolicy },
                    }),
                { stack: "prod" },
            );
        await assert.rejects(
            build("TLS13-1-3-2021-06"),
            /LoadBalancer web: invalid arguments \(1 problem\):\n  - loadBalancer\.sslPolicy = "TLS13-1-3-2021-06": is not an ELB security policy; did you mean "ELBSecurityPolicy-TLS13-1-3-2021-06"\?/,
        );
        await assert.rejects(build("ELBSecurityPolicy-2016-08"), /loadBalancer\.sslPolicy = "ELBSecurityPolicy-2016-08": offers TLSv1 and TLSv1\.1/);
        await runOffline(
            () => new LoadBalancer("web", { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], targetPort: 8080, loadBalancer: { sslPolicy: RECOMMENDED_SSL_POLICY } }),
            { stack: "prod" },
        );
    });
});
