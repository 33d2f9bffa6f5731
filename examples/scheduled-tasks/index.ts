// A web service and a job on a schedule that runs the service's own task definition (same image, roles,
// log group, subnets and security group) with another command: EventBridge Scheduler starts a Fargate
// task in the service's cluster, retries a failed start, and keeps what still fails in an encrypted
// dead-letter queue. Add one ScheduledTask per job.
import * as pulumi from "@pulumi/pulumi";
import { ScheduledTask, WebService } from "fargatekit";

const config = new pulumi.Config();
const tags = { environment: pulumi.getStack(), owner: "web-team" };

const web = new WebService("web", {
    image: { uri: config.require("image") },
    container: { port: config.getNumber("containerPort") ?? 8080 },
    targetGroup: { healthCheckPath: config.get("healthCheckPath") ?? "/" },
    logs: { retentionDays: config.getNumber("logRetentionDays") ?? 30 },
    tags,
});

const report = new ScheduledTask(
    "web-report",
    {
        schedule: config.get("reportSchedule") ?? "cron(0 6 * * ? *)",
        timezone: config.get("reportTimezone") ?? "UTC",
        // The service's revision runs with this command in its "app" container instead of the image's CMD.
        command: config.requireObject<string[]>("reportCommand"),
        containerName: "app",
        clusterArn: web.clusterArn,
        taskDefinitionArn: web.taskDefinition.arn,
        subnetIds: web.taskSubnetIds,
        securityGroupIds: [web.taskSecurityGroup.id],
        assignPublicIp: web.assignPublicIp,
        executionRoleArn: web.executionRole.arn,
        taskRoleArn: web.taskRole.arn,
        // Dead letters encrypted with the service's key (the scheduler role may use it).
        kmsKeyArn: web.kmsKeyArn,
        tags,
    },
    { parent: web },
);

export const url = web.url;
export const serviceName = web.serviceName;
export const clusterName = web.clusterName;
export const logGroupName = web.logGroupName;
export const reportScheduleName = report.scheduleName;
export const reportDeadLetterQueueUrl = report.deadLetterQueueUrl;
