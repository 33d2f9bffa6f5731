import * as assert from "node:assert/strict";
import { Network } from "../../components/network";
import { LoadBalancer } from "../../components/loadBalancer";
import { FargateService } from "../../components/fargateService";
import { TaskRoles } from "../../components/taskRoles";
import { ScheduledTask } from "../../components/scheduledTask";
import { ArgumentsError } from "../../components/options/checks";
import { recordedUntilThrow } from "../helpers/offline";

/** Construct under the offline engine: the problems' paths, the message, and the types registered before the throw. */
async function refused(build: () => unknown): Promise<{ paths: string[]; recorded: string[]; message: string }> {
    const { error, recorded } = await recordedUntilThrow(build);
    assert.ok(error instanceof ArgumentsError, `expected an ArgumentsError, got ${String(error)}`);
    return { paths: error.problems.map((p) => p.path), recorded, message: error.message };
}

const IMAGE = `public.ecr.aws/nginx/nginx-unprivileged@sha256:${"0123456789abcdef".repeat(4)}`;

describe("the building blocks report every argument problem at once, before registering anything", () => {
    it("Network: your VPC without subnets, one AZ, flow logs without their group and key", async () => {
        const r = await refused(() => new Network("net", { network: { vpcId: "vpc-0abc1234def567890", azCount: 1, flowLogs: true } }));
        assert.deepEqual(r.paths, ["network.azCount", "network.publicSubnetIds", "network.privateSubnetIds", "flowLogGroupName", "kmsKeyArn"]);
        assert.deepEqual(r.recorded, []);
    });

    it("LoadBalancer: a TLS policy that does not exist and no target port", async () => {
        const r = await refused(() => new LoadBalancer("lb", { vpcId: "vpc-1", subnetIds: ["a", "b"], loadBalancer: { sslPolicy: "TLS13" } }));
        assert.deepEqual(r.paths, ["loadBalancer.sslPolicy", "targetPort"]);
        assert.match(r.message, /loadBalancer\.sslPolicy = "TLS13": is not an ELB security policy; did you mean/);
        assert.deepEqual(r.recorded, []);
    });

    it("FargateService: a strategy without its target groups, a capacity mix ECS cannot place, and a size Fargate does not offer", async () => {
        const base = {
            clusterArn: "c",
            containers: [{ name: "app", image: IMAGE }],
            webContainerPort: 8080,
            executionRoleArn: "e",
            taskRoleArn: "t",
            logGroupName: "l",
            vpcId: "v",
            vpcCidr: "10.0.0.0/16",
            subnetIds: ["s"],
            targetGroupArn: "tg",
            listenerArn: "l",
            loadBalancerSecurityGroupId: "sg",
        };
        const r = await refused(() => new FargateService("svc", { ...base, deploymentStrategy: "blueGreen", onDemandBase: 0, onDemandWeight: 0, cpu: 256, memory: 4096 }));
        assert.deepEqual(r.paths, ["deploymentStrategy", "onDemandWeight", "containers"]);
        assert.match(r.message, /containers = \["app"\]: Task size cpu=256 memory=4096 is not offered by Fargate/);
        assert.deepEqual(r.recorded, []);
    });

    it("TaskRoles: a broad statement and ECS Exec without its log group and key", async () => {
        const r = await refused(() => new TaskRoles("roles", { logGroupArn: "arn:lg", taskRoleStatements: [{ Action: ["*"], Resource: ["*"] }], enableExecuteCommand: true }));
        assert.deepEqual(r.paths, ["taskRoleStatements[0]", "enableExecuteCommand"]);
        assert.deepEqual(r.recorded, []);
    });

    it("ScheduledTask: a bad schedule, an unknown time zone, an empty command, and containers that make no task definition", async () => {
        const r = await refused(
            () =>
                new ScheduledTask("job", {
                    schedule: "every day",
                    timezone: "Mars/Olympus",
                    command: [],
                    containers: [
                        { name: "a", image: IMAGE },
                        { name: "a", image: IMAGE },
                    ],
                    logGroupName: "/x",
                    clusterArn: "c",
                    subnetIds: ["s"],
                    securityGroupIds: ["sg"],
                    executionRoleArn: "e",
                    taskRoleArn: "t",
                }),
        );
        assert.deepEqual(r.paths, ["schedule", "timezone", "command", "containers"]);
        assert.match(r.message, /container name "a" is used twice/);
        assert.deepEqual(r.recorded, []);
    });
});
