import * as assert from "node:assert/strict";
import { runStack, one, ofType, json } from "../helpers/offline";
import { RecordedResource } from "../../tools/offline/types";
import { alarmDefinitions, DEFAULT_ALARM_THRESHOLDS } from "../../components/lib/cloudwatch/alarmDefinitions";

describe("alarms, dashboard and deployment alarms (prod)", () => {
    let res: RecordedResource[];
    before(async () => {
        res = (await runStack("prod", { alarmEmails: ["oncall@example.com"], alarmThresholds: { responseTimeStatistic: "p90", responseTimeSeconds: 1.5 } })).resources;
    });

    it("alarms on every signal with dimensions taken from the real cluster, service, ALB and target group", () => {
        const lb = one(res, "aws:lb/loadBalancer:LoadBalancer").outputs.arnSuffix;
        const tg = one(res, "aws:lb/targetGroup:TargetGroup").outputs.arnSuffix;
        const svc = one(res, "aws:ecs/service:Service");
        assert.equal(svc.inputs.name, "web");
        const alarms = new Map(ofType(res, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => [a.inputs.name, a.inputs]));
        assert.deepEqual([...alarms.keys()].sort(), [
            "fargatekit-web-prod-alb-5xx",
            "fargatekit-web-prod-cpu-high",
            "fargatekit-web-prod-memory-high",
            "fargatekit-web-prod-response-time-high",
            "fargatekit-web-prod-running-tasks-low",
            "fargatekit-web-prod-target-5xx-count",
            "fargatekit-web-prod-target-5xx-rate",
            "fargatekit-web-prod-unhealthy-hosts",
        ]);
        const ecsDims = { ClusterName: "fargatekit-web-prod", ServiceName: "web" };
        const tgDims = { LoadBalancer: lb, TargetGroup: tg };
        const cpu = alarms.get("fargatekit-web-prod-cpu-high")!;
        assert.deepEqual([cpu.namespace, cpu.metricName, cpu.statistic, cpu.threshold, cpu.dimensions], ["AWS/ECS", "CPUUtilization", "Average", 80, ecsDims]);
        const mem = alarms.get("fargatekit-web-prod-memory-high")!;
        assert.deepEqual([mem.metricName, mem.threshold, mem.dimensions], ["MemoryUtilization", 80, ecsDims]);
        const tasks = alarms.get("fargatekit-web-prod-running-tasks-low")!;
        assert.deepEqual(
            [tasks.namespace, tasks.metricName, tasks.comparisonOperator, tasks.threshold, tasks.treatMissingData],
            ["ECS/ContainerInsights", "RunningTaskCount", "LessThanThreshold", 2, "breaching"],
        );
        const rate = alarms.get("fargatekit-web-prod-target-5xx-rate")!;
        assert.equal(rate.threshold, 5);
        assert.deepEqual(rate.metricQueries.find((q: any) => q.id === "errors").metric.dimensions, tgDims);
        assert.equal(rate.metricQueries.find((q: any) => q.id === "rate").expression, "IF(requests > 0, 100 * errors / requests, 0)");
        assert.deepEqual(
            [alarms.get("fargatekit-web-prod-target-5xx-count")!.metricName, alarms.get("fargatekit-web-prod-target-5xx-count")!.dimensions],
            ["HTTPCode_Target_5XX_Count", tgDims],
        );
        assert.deepEqual([alarms.get("fargatekit-web-prod-unhealthy-hosts")!.metricName, alarms.get("fargatekit-web-prod-unhealthy-hosts")!.threshold], ["UnHealthyHostCount", 1]);
        const rt = alarms.get("fargatekit-web-prod-response-time-high")!;
        assert.deepEqual([rt.metricName, rt.extendedStatistic, rt.threshold, rt.dimensions], ["TargetResponseTime", "p90", 1.5, tgDims]);
        assert.deepEqual(alarms.get("fargatekit-web-prod-alb-5xx")!.dimensions, { LoadBalancer: lb });
        const topic = one(res, "aws:sns/topic:Topic");
        for (const a of alarms.values()) assert.deepEqual(a.alarmActions, [topic.outputs.arn]);
    });

    it("encrypts the topic with the service key, which lets CloudWatch publish, and subscribes the email", () => {
        const topic = one(res, "aws:sns/topic:Topic");
        const key = one(res, "aws:kms/key:Key");
        assert.equal(topic.inputs.kmsMasterKeyId, key.outputs.arn);
        assert.ok(json(key.inputs.policy).Statement.some((s: any) => s.Principal.Service === "cloudwatch.amazonaws.com"));
        const sub = one(res, "aws:sns/topicSubscription:TopicSubscription");
        assert.deepEqual([sub.inputs.protocol, sub.inputs.endpoint, sub.inputs.topic], ["email", "oncall@example.com", topic.outputs.arn]);
    });

    it("rolls back a deployment on the error alarms", () => {
        const svc = one(res, "aws:ecs/service:Service");
        assert.deepEqual(svc.inputs.alarms, { alarmNames: ["fargatekit-web-prod-target-5xx-rate", "fargatekit-web-prod-unhealthy-hosts"], enable: true, rollback: true });
        assert.deepEqual(svc.inputs.deploymentCircuitBreaker, { enable: true, rollback: true });
    });

    it("builds a dashboard from the real names, and saves an error query on the log group", () => {
        const body = JSON.parse(one(res, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
        const text = JSON.stringify(body);
        assert.deepEqual(
            body.widgets.map((w: any) => w.properties.title),
            ["Requests", "Latency (p50, p90, p99)", "Errors", "CPU and memory %", "Tasks (running, pending, desired)"],
        );
        for (const name of [
            one(res, "aws:lb/loadBalancer:LoadBalancer").outputs.arnSuffix,
            one(res, "aws:lb/targetGroup:TargetGroup").outputs.arnSuffix,
            "fargatekit-web-prod",
            '"web"',
        ])
            assert.ok(text.includes(name), name);
        assert.ok(body.widgets.every((w: any) => w.properties.region === "us-east-1"));
        const q = one(res, "aws:cloudwatch/queryDefinition:QueryDefinition");
        assert.deepEqual(q.inputs.logGroupNames, ["/fargatekit/prod/web"]);
        assert.match(q.inputs.queryString, /filter @message like/);
    });

    it("is off in dev by default", async () => {
        const dev = (await runStack("dev")).resources;
        assert.equal(ofType(dev, "aws:cloudwatch/metricAlarm:MetricAlarm").length, 0);
        assert.equal(one(dev, "aws:ecs/service:Service").inputs.alarms, undefined);
    });
});

describe("alarm definitions", () => {
    const names = { prefix: "p", clusterName: "c", serviceName: "s", loadBalancer: "app/l/1", targetGroup: "targetgroup/t/2" };
    it("count running tasks from CPU samples when Container Insights is off", () => {
        const off = alarmDefinitions(names, DEFAULT_ALARM_THRESHOLDS, false).find((d) => d.key === "running-tasks-low")!;
        assert.deepEqual([off.namespace, off.metricName, off.statistic], ["AWS/ECS", "CPUUtilization", "SampleCount"]);
    });
    it("mark only the error and health alarms as deployment alarms", () => {
        assert.deepEqual(
            alarmDefinitions(names)
                .filter((d) => d.deploymentAlarm)
                .map((d) => d.name),
            ["p-target-5xx-rate", "p-unhealthy-hosts"],
        );
    });
});
