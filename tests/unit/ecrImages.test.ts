import assert from "node:assert/strict";
import { ecrRepositoryArn, ecrRepositoryArns } from "../../components/lib/ecr/ecrImages";

describe("ecrRepositoryArn: the repository a private ECR image is pulled from", () => {
    const digest = "0123456789abcdef".repeat(4);

    it("takes the partition from the SDK's partition data (commercial, China, GovCloud, sovereign)", () => {
        assert.deepEqual(
            [
                ecrRepositoryArn(`123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/checkout@sha256:${digest}`),
                ecrRepositoryArn("987654321098.dkr.ecr.cn-north-1.amazonaws.com.cn/a/b:1"),
                ecrRepositoryArn("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app:v2"),
                ecrRepositoryArn("123456789012.dkr.ecr.eusc-de-east-1.amazonaws.eu/app:v2"),
            ],
            [
                "arn:aws:ecr:us-east-1:123456789012:repository/shop/checkout",
                "arn:aws-cn:ecr:cn-north-1:987654321098:repository/a/b",
                "arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/app",
                "arn:aws-eusc:ecr:eusc-de-east-1:123456789012:repository/app",
            ],
        );
    });

    it("leaves out other registries and hosts whose domain is not their Region's", () => {
        for (const image of [
            "nginx",
            "public.ecr.aws/nginx/nginx:1.27",
            "ghcr.io/org/app:1",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com.cn/app:1",
            "123456789012.dkr.ecr.cn-north-1.amazonaws.com/app:1",
            "123456789012.dkr.ecr.us-east-1.example.com/app:1",
        ])
            assert.equal(ecrRepositoryArn(image), undefined, image);
        assert.deepEqual(
            ecrRepositoryArns([
                "nginx",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/b:1",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/a:1",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/a:2",
            ]),
            ["arn:aws:ecr:us-east-1:123456789012:repository/a", "arn:aws:ecr:us-east-1:123456789012:repository/b"],
        );
    });
});
