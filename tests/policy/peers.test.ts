/**
 * Measured against Pulumi's own policy pack fixtures: the "good" resources of
 * github.com/pulumi/compliance-policies (vendor-aws/tests/aws/<service>/<Resource>/resource.ts, the
 * resource each policy's passing test starts from), transcribed as data. Under prod, none may
 * fail a mandatory rule unless AWS itself would refuse it.
 */
import * as assert from "node:assert/strict";
import { allPolicies } from "../../policy/policies";
import { evaluateInProcess } from "../../tools/analyzer/inProcess";
import { ResourceInput, Violation } from "../../tools/analyzer/types";
import { loadPolicyProfile } from "../../tools/plan/plan";
import { REPO_ROOT } from "../helpers/offline";

const KEY = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const LB_ARN = "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/example/50dc6c495c0c9188";
const TG_ARN = "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/example/73e2d6bc24d8a067";

const GOOD: ResourceInput[] = [
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        name: "peer-sg",
        props: {
            description: "This is a description for aws.ec2.SecurityGroup.",
            vpcId: "vpc-0123456789abcdef0",
            ingress: [{ description: "Ingress rule #1", fromPort: 443, toPort: 443, protocol: "TCP" }],
            egress: [{ fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["10.0.0.0/8"], ipv6CidrBlocks: ["fd29:be60:c157:350f::/64"], description: "Egress rule #1" }],
        },
    },
    {
        type: "aws:ecr/repository:Repository",
        name: "peer-ecr",
        props: { imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: "IMMUTABLE", encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY }] },
    },
    {
        type: "aws:kms/key:Key",
        name: "peer-kms",
        props: { bypassPolicyLockoutSafetyCheck: false, description: "This is a description for this KMS key.", enableKeyRotation: true },
    },
    {
        type: "aws:s3/bucket:Bucket",
        name: "peer-s3",
        props: {
            acl: "private",
            replicationConfiguration: { role: "arn:aws:iam::123456789012:role/replication", rules: [{ destination: { bucket: "example-bucket" }, status: "Enabled" }] },
            serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY }, bucketKeyEnabled: true } },
        },
    },
];

async function mandatory(resources: ResourceInput[], profile = "prod"): Promise<Violation[]> {
    return (await evaluateInProcess(allPolicies, resources, loadPolicyProfile(REPO_ROOT, profile))).filter((v) => v.level === "mandatory");
}

describe("peers' good fixtures (pulumi/compliance-policies) under our prod profile", () => {
    it("security group, repository, key and bucket: no mandatory violation", async () => {
        for (const r of GOOD)
            assert.deepEqual(
                (await mandatory([r])).map((v) => v.policy),
                [],
                r.name,
            );
    });

    it("the listener fixtures fail only where AWS would refuse them", async () => {
        const listener = (name: string, type: string, sslPolicy: string): ResourceInput => ({
            type,
            name,
            props: { loadBalancerArn: LB_ARN, port: 443, protocol: "HTTPS", sslPolicy, defaultActions: [{ type: "forward", targetGroupArn: TG_ARN }] },
        });
        // No certificateArn: CreateListener refuses an HTTPS listener without a certificate.
        assert.deepEqual(
            (await mandatory([listener("lb", "aws:lb/listener:Listener", "ELBSecurityPolicy-TLS13-1-3-2021-06")])).map((v) => v.policy),
            ["lb-listener-certificate"],
        );
        // The alb fixture's policy name has a typo that is no ELB security policy.
        const typo = await mandatory([listener("alb", "aws:alb/listener:Listener", "ELBSELBSecurityPolicy-TLS13-1-3-2021-06")]);
        assert.deepEqual(
            typo.map((v) => v.policy),
            ["lb-listener-tls-policy", "lb-listener-certificate"],
        );
        assert.match(typo[0].message, /not an ELB security policy \(closest: "ELBSecurityPolicy-TLS13-1-3-2021-06"\)/);
    });
});
