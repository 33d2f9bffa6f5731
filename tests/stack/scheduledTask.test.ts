import * as assert from "node:assert/strict";
import { runStack, one, ofType, json, named, rolePolicyDocument } from "../helpers/offline";
import { RecordedResource } from "../../tools/offline/types";
import { runOffline } from "../../tools/offline/engine";
import { ScheduledTask, ScheduledTaskArgs } from "../../components/scheduledTask";
import { isTimeZone, validateScheduleExpression } from "../../components/lib/ecs/ecsLimits";
import { clusterTasksArn, runTaskOverrides, taskDefinitionFamilyArn } from "../../components/lib/iam/scheduledTaskPolicies";

const T = {
    schedule: "aws:scheduler/schedule:Schedule",
    queue: "aws:sqs/queue:Queue",
    queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    taskDef: "aws:ecs/taskDefinition:TaskDefinition",
    service: "aws:ecs/service:Service",
    key: "aws:kms/key:Key",
    cluster: "aws:ecs/cluster:Cluster",
};

const IMAGE = `public.ecr.aws/nginx/nginx-unprivileged@sha256:${"0123456789abcdef".repeat(4)}`;

describe("scheduled tasks from the stack config (prod)", () => {
    let res: RecordedResource[];
    before(async () => {
        res = (
            await runStack("prod", {
                scheduledTasks: [
                    { name: "cleanup", schedule: "cron(0 3 * * ? *)", timezone: "Europe/Paris", command: ["python", "manage.py", "clearsessions"] },
                    { name: "report", schedule: "rate(1 hour)", command: ["python", "report.py"] },
                ],
            })
        ).resources;
    });

    it("creates one ScheduledTask per entry under the web service, each with its schedule", () => {
        const tasks = ofType(res, "fargatekit:index:ScheduledTask");
        assert.deepEqual(
            tasks.map((t) => t.name),
            ["web-cleanup", "web-report"],
        );
        const web = one(res, "fargatekit:index:WebService");
        for (const t of tasks) assert.equal(t.parent, web.urn);
        const cleanup = named(res, T.schedule, "web-cleanup-schedule").inputs;
        assert.deepEqual(
            [cleanup.scheduleExpression, cleanup.scheduleExpressionTimezone, cleanup.flexibleTimeWindow, cleanup.state],
            ["cron(0 3 * * ? *)", "Europe/Paris", { mode: "OFF" }, "ENABLED"],
        );
        assert.deepEqual(cleanup.target.retryPolicy, { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 });
        const report = named(res, T.schedule, "web-report-schedule").inputs;
        assert.deepEqual([report.scheduleExpression, report.scheduleExpressionTimezone], ["rate(1 hour)", "UTC"]);
    });

    it("runs the service's own task definition in its cluster, subnets and security group, overriding the web container's command", () => {
        const svc = one(res, T.service);
        const target = named(res, T.schedule, "web-cleanup-schedule").inputs.target;
        assert.equal(target.arn, one(res, T.cluster).outputs.arn);
        assert.deepEqual(target.ecsParameters, {
            taskDefinitionArn: one(res, T.taskDef).outputs.arn,
            taskCount: 1,
            capacityProviderStrategies: [{ capacityProvider: "FARGATE", base: 0, weight: 1 }],
            networkConfiguration: { subnets: svc.inputs.networkConfiguration.subnets, securityGroups: svc.inputs.networkConfiguration.securityGroups, assignPublicIp: false },
            enableEcsManagedTags: true,
            propagateTags: "TASK_DEFINITION",
        });
        assert.deepEqual(JSON.parse(target.input), { containerOverrides: [{ name: "app", command: ["python", "manage.py", "clearsessions"] }] });
        assert.equal(ofType(res, T.taskDef).length, 1, "no task definition of its own");
    });

    it("gives the scheduler a role only EventBridge Scheduler of this account can assume", () => {
        const role = named(res, T.role, "web-cleanup-scheduler");
        assert.equal(named(res, T.schedule, "web-cleanup-schedule").inputs.target.roleArn, role.outputs.arn);
        assert.deepEqual(json(role.inputs.assumeRolePolicy).Statement, [
            { Effect: "Allow", Principal: { Service: "scheduler.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } },
        ]);
    });

    it("lets the role run only that task family in that cluster and pass only the task's two roles to ECS tasks", () => {
        const doc = rolePolicyDocument(res, named(res, T.role, "web-cleanup-scheduler"));
        const execution = res.find((r) => r.type === T.role && r.name === "web-roles-execution")!;
        const task = res.find((r) => r.type === T.role && r.name === "web-roles-task")!;
        const queue = named(res, T.queue, "web-cleanup-dlq");
        const key = one(res, T.key);
        assert.deepEqual(doc.Statement, [
            {
                Sid: "RunTheTask",
                Effect: "Allow",
                Action: "ecs:RunTask",
                Resource: ["arn:aws:ecs:us-east-1:123456789012:task-definition/web-service:*"],
                Condition: { ArnEquals: { "ecs:cluster": one(res, T.cluster).outputs.arn } },
            },
            {
                Sid: "TagTheTask",
                Effect: "Allow",
                Action: "ecs:TagResource",
                Resource: ["arn:aws:ecs:us-east-1:123456789012:task/fargatekit-web-prod/*"],
                Condition: { StringEquals: { "ecs:CreateAction": "RunTask" } },
            },
            {
                Sid: "PassTheTaskRoles",
                Effect: "Allow",
                Action: "iam:PassRole",
                Resource: [execution.outputs.arn, task.outputs.arn],
                Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
            },
            { Sid: "DeadLetters", Effect: "Allow", Action: "sqs:SendMessage", Resource: [queue.outputs.arn] },
            { Sid: "EncryptDeadLetters", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [key.outputs.arn] },
        ]);
        assert.equal(one(res, T.taskDef).outputs.arn, "arn:aws:ecs:us-east-1:123456789012:task-definition/web-service:1");
    });

    it("sends failed invocations to a dead-letter queue encrypted with the service key, which only the scheduler role may write to", () => {
        const queue = named(res, T.queue, "web-cleanup-dlq");
        const role = named(res, T.role, "web-cleanup-scheduler");
        assert.equal(queue.inputs.kmsMasterKeyId, one(res, T.key).outputs.arn);
        assert.equal(queue.inputs.messageRetentionSeconds, 14 * 86400);
        assert.deepEqual(named(res, T.schedule, "web-cleanup-schedule").inputs.target.deadLetterConfig, { arn: queue.outputs.arn });
        const qp = named(res, T.queuePolicy, "web-cleanup-dlq");
        assert.ok(qp.dependencies.includes(queue.urn), "the policy is on this queue");
        assert.deepEqual(json(qp.inputs.policy).Statement, [
            { Sid: "SchedulerSendsDeadLetters", Effect: "Allow", Principal: { AWS: role.outputs.arn }, Action: "sqs:SendMessage", Resource: queue.outputs.arn },
            { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: queue.outputs.arn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ]);
    });

    it("invokes only once the role's policy is attached", () => {
        const schedule = named(res, T.schedule, "web-cleanup-schedule");
        const policy = ofType(res, T.rolePolicy).find((p) => p.name === "web-cleanup-scheduler")!;
        assert.ok(schedule.propertyDependencies.target.includes(policy.urn));
    });
});

describe("ScheduledTask as a component", () => {
    const base: ScheduledTaskArgs = {
        schedule: "rate(15 minutes)",
        clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/jobs",
        subnetIds: ["subnet-0aaaaaaaaaaaaaaaa"],
        securityGroupIds: ["sg-0123456789abcdef0"],
        executionRoleArn: "arn:aws:iam::123456789012:role/exec",
        taskRoleArn: "arn:aws:iam::123456789012:role/task",
    };
    const build = (args: Partial<ScheduledTaskArgs>) => runOffline(() => new ScheduledTask("sync", { ...base, ...args } as ScheduledTaskArgs), { stack: "test" });

    it("runs a task definition of its own from containers, with RunTask scoped to that family, and the AWS managed SQS key without a key", async () => {
        const { resources: res } = await build({ containers: [{ name: "worker", image: IMAGE, command: ["sync"] }], logGroupName: "/jobs/sync", architecture: "arm64" });
        const td = one(res, T.taskDef);
        assert.deepEqual(
            [td.inputs.family, td.inputs.cpu, td.inputs.memory, td.inputs.runtimePlatform.cpuArchitecture, td.inputs.executionRoleArn, td.inputs.taskRoleArn],
            ["sync", "256", "512", "ARM64", base.executionRoleArn, base.taskRoleArn],
        );
        const [c] = json(td.inputs.containerDefinitions);
        assert.deepEqual(
            [c.name, c.user, c.readonlyRootFilesystem, c.portMappings, c.memoryReservation, c.logConfiguration.options["awslogs-group"]],
            ["worker", "10001", true, undefined, 512, "/jobs/sync"],
        );
        const target = one(res, T.schedule).inputs.target;
        assert.equal(target.ecsParameters.taskDefinitionArn, td.outputs.arn);
        assert.equal(target.input, undefined, "no command override: the container's own command runs");
        assert.equal(target.ecsParameters.networkConfiguration.assignPublicIp, false);
        const doc = rolePolicyDocument(res, one(res, T.role));
        assert.deepEqual(doc.Statement[0].Resource, ["arn:aws:ecs:us-east-1:123456789012:task-definition/sync:*"]);
        assert.deepEqual(doc.Statement[1].Resource, ["arn:aws:ecs:us-east-1:123456789012:task/jobs/*"]);
        assert.equal(
            doc.Statement.some((s: any) => s.Sid === "EncryptDeadLetters"),
            false,
        );
        assert.equal(one(res, T.queue).inputs.kmsMasterKeyId, "alias/aws/sqs");
    });

    it("refuses a bad schedule, a bad time zone, and both or neither task definition sources, before creating anything", async () => {
        const td = { taskDefinitionArn: "arn:aws:ecs:us-east-1:123456789012:task-definition/app:3" };
        await assert.rejects(
            build({ ...td, schedule: "every day" }),
            /ScheduledTask sync: invalid arguments \(1 problem\):\n  - schedule = "every day": must be cron\(\.\.\.\), rate\(\.\.\.\) or at\(\.\.\.\)/,
        );
        await assert.rejects(build({ ...td, schedule: "cron(0 3 * * * *)" }), /exactly one of day-of-month and day-of-week to be \?/);
        await assert.rejects(build({ ...td, schedule: "rate(1 hours)" }), /use "1 hour"/);
        await assert.rejects(build({ ...td, timezone: "Mars/Olympus" }), /timezone = "Mars\/Olympus": is not an IANA time zone/);
        await assert.rejects(build({}), /give exactly one of taskDefinitionArn .* and containers/);
        await assert.rejects(build({ ...td, containers: [{ name: "w", image: IMAGE }], logGroupName: "/x" }), /give exactly one of taskDefinitionArn/);
        await assert.rejects(build({ containers: [{ name: "w", image: IMAGE }] }), /containers need logGroupName/);
        await assert.rejects(build({ ...td, command: [] }), /command = \[\]: must be a non-empty list/);
        await assert.rejects(build({ ...td, maximumRetryAttempts: 200 }), /maximumRetryAttempts = 200: must be a whole number from 0 to 185/);
    });

    it("accepts one-off at() schedules and the given retry limits", async () => {
        const { resources: res } = await build({
            taskDefinitionArn: "arn:aws:ecs:us-east-1:123456789012:task-definition/app:3",
            schedule: "at(2030-01-01T02:00:00)",
            maximumRetryAttempts: 0,
            maximumEventAgeSeconds: 60,
            assignPublicIp: true,
        });
        const s = one(res, T.schedule).inputs;
        assert.deepEqual(
            [s.scheduleExpression, s.target.retryPolicy, s.target.ecsParameters.networkConfiguration.assignPublicIp],
            ["at(2030-01-01T02:00:00)", { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 }, true],
        );
        assert.deepEqual(rolePolicyDocument(res, one(res, T.role)).Statement[0].Resource, ["arn:aws:ecs:us-east-1:123456789012:task-definition/app:*"]);
    });
});

describe("scheduled task helpers", () => {
    it("derive the family and cluster task ARN patterns, refusing other ARNs", () => {
        assert.equal(
            taskDefinitionFamilyArn("arn:aws:ecs:us-east-1:123456789012:task-definition/web-service:17"),
            "arn:aws:ecs:us-east-1:123456789012:task-definition/web-service:*",
        );
        assert.equal(taskDefinitionFamilyArn("arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/job"), "arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/job:*");
        assert.throws(() => taskDefinitionFamilyArn("arn:aws:ecs:us-east-1:123456789012:cluster/web"), /not an ECS task definition ARN/);
        assert.equal(clusterTasksArn("arn:aws:ecs:us-east-1:123456789012:cluster/web-prod"), "arn:aws:ecs:us-east-1:123456789012:task/web-prod/*");
        assert.throws(() => clusterTasksArn("web-prod"), /not an ECS cluster ARN/);
    });

    it("write the RunTask overrides only when there is a command", () => {
        assert.equal(runTaskOverrides("app", undefined), undefined);
        assert.equal(runTaskOverrides("app", ["rake", "db:migrate"]), '{"containerOverrides":[{"name":"app","command":["rake","db:migrate"]}]}');
    });

    it("know IANA time zones, and the schedule expressions EventBridge Scheduler takes", () => {
        assert.deepEqual(["UTC", "Europe/Paris", "America/Argentina/Buenos_Aires"].map(isTimeZone), [true, true, true]);
        assert.deepEqual(["", "Paris", "Mars/Olympus", 3].map(isTimeZone), [false, false, false, false]);
        assert.deepEqual(["cron(0 3 ? * MON-FRI *)", "rate(5 minutes)", "at(2030-01-01T02:00:00)"].map(validateScheduleExpression), [undefined, undefined, undefined]);
    });
});
