/**
 * Benchmark programs run under the offline engine: a bare baseline (one S3 bucket), and N web services
 * in one stack (prebuilt image, so no build context is hashed). Invoked by bench.ts in child processes.
 */
import * as aws from "@pulumi/aws";
import { runOffline } from "../offline/engine";
import { WebService } from "../../components/webService";
import { estimateCost } from "../cost/model";

async function main(): Promise<void> {
    const [kind, nArg] = process.argv.slice(2);
    if (kind === "baseline") {
        const run = await runOffline(() => new aws.s3.Bucket("baseline", {}), { stack: "bench" });
        console.log(JSON.stringify({ resources: run.resources.length }));
        return;
    }
    const n = Number(nArg);
    const run = await runOffline(
        () => {
            for (let i = 0; i < n; i++)
                new WebService(`svc${i}`, {
                    image: { uri: "public.ecr.aws/nginx/nginx-unprivileged:1.27" },
                    container: { port: 8080 },
                    network: {
                        vpcId: "vpc-0123456789abcdef0",
                        publicSubnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"],
                        privateSubnetIds: ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"],
                    },
                });
        },
        { stack: "bench" },
    );
    const cost = estimateCost(run.resources, { region: "us-east-1" });
    console.log(JSON.stringify({ resources: run.resources.length, monthly: cost.monthlyTotal }));
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
