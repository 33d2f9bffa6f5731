import assert from "node:assert/strict";
import { formatMoney } from "../../tools/cost/format";
import { estimateCost, secretArnOf } from "../../tools/cost/model";
import { RecordedResource } from "../../tools/offline/types";

/** A recorded resource: outputs echo the inputs plus a name and an ARN; `extra` sets anything else. */
function rec(type: string, name: string, inputs: Record<string, any> = {}, extra: Partial<RecordedResource> = {}): RecordedResource {
    return {
        urn: `urn:pulumi:test::cost::${type}::${name}`,
        type,
        name,
        custom: true,
        inputs,
        outputs: { ...inputs, name: inputs.name ?? name, arn: `arn:aws:test:us-east-1:123456789012:${name}`, ...extra.outputs },
        dependencies: [],
        propertyDependencies: {},
        protect: false,
        ignoreChanges: [],
        ...extra,
    };
}

/** A Fargate task definition (0.25 vCPU / 0.5 GB unless overridden). */
function taskDef(name = "web-td", inputs: Record<string, any> = {}): RecordedResource {
    return rec("aws:ecs/taskDefinition:TaskDefinition", name, { cpu: "256", memory: "512", requiresCompatibilities: ["FARGATE"], ...inputs });
}

/** An ECS service wired to its task definition (and cluster) through property dependencies. */
function service(name: string, td: RecordedResource, inputs: Record<string, any> = { launchType: "FARGATE" }, cluster?: RecordedResource): RecordedResource {
    const propertyDependencies: Record<string, string[]> = { taskDefinition: [td.urn] };
    if (cluster) {
        propertyDependencies.cluster = [cluster.urn];
    }
    return rec("aws:ecs/service:Service", name, inputs, { propertyDependencies });
}

/** Usage with no traffic at all. */
const NO_TRAFFIC = {
    albNewConnectionsPerSecond: 0,
    albActiveConnectionsPerMinute: 0,
    albProcessedGbPerHour: 0,
    albRuleEvaluationsPerSecond: 0,
    natProcessedGbPerMonth: 0,
    interfaceEndpointGbPerMonth: 0,
};

/** Monthly figures of the items, in order. */
function monthly(resources: RecordedResource[], region = "us-east-1", usage = {}): number[] {
    return estimateCost(resources, { region, usage }).items.map((i) => i.monthly);
}

describe("cost/model: Fargate services", () => {
    it("one 0.25 vCPU / 0.5 GB x86 task all month = $9.01", () => {
        const td = taskDef();
        const estimate = estimateCost([td, service("web", td)], { region: "us-east-1" });
        assert.equal(estimate.items.length, 1);
        const [task] = estimate.items;
        assert.deepEqual(
            [task.resource, task.type, task.monthly, task.monthlyMin, task.monthlyMax, task.dependsOnUsage],
            ["web", "aws:ecs/service:Service", 9.01, 9.01, 9.01, false],
        );
        assert.equal(task.basis, "1 on-demand of 1 task(s) × 0.25 vCPU/0.5 GB X86_64 at $0.0123425/task-h (0.25 × $0.04048 + 0.5 × $0.004445) × 730 h; no autoscaling target");
        assert.equal(estimate.fixedMonthly, 9.01);
    });

    it("the same task on ARM64 = $7.21 (7.2088 before rounding to cents)", () => {
        const td = taskDef("arm-td", { runtimePlatform: { cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX" } });
        assert.deepEqual(monthly([td, service("web", td)]), [7.2088]);
    });

    it("finds the task definition by ARN when there is no property dependency", () => {
        const td = taskDef();
        const svc = rec("aws:ecs/service:Service", "web", { launchType: "FARGATE", desiredCount: 2, taskDefinition: td.outputs.arn });
        assert.deepEqual(monthly([svc, td]), [18.0201]);
    });

    it("Spot share: base 1 on demand, then 1:1 → of 3 tasks 2 on demand + 1 Spot at 70 % off = 2.3 × $9.010025", () => {
        const td = taskDef();
        const strategy = [
            { capacityProvider: "FARGATE", base: 1, weight: 1 },
            { capacityProvider: "FARGATE_SPOT", weight: 1 },
        ];
        const svc = service("web", td, { desiredCount: 3, capacityProviderStrategies: strategy });
        const [task] = estimateCost([td, svc], { region: "us-east-1" }).items;
        assert.equal(task.monthly, 20.7231);
        assert.match(task.basis, /^2 on-demand \+ 1 Spot of 3 task\(s\) .* Spot at 70% off \("up to"\) × 730 h/);
        assert.deepEqual(monthly([td, svc], "us-east-1", { fargateSpotDiscount: 0.5 }), [22.5251]);
    });

    it("min/max from an autoscaling target that names the service through propertyDependencies.resourceId", () => {
        const td = taskDef();
        const svc = service("web", td, { launchType: "FARGATE", desiredCount: 2 });
        const target = rec(
            "aws:appautoscaling/target:Target",
            "web-scaling",
            { minCapacity: 1, maxCapacity: 4, resourceId: "service/c/x" },
            { propertyDependencies: { resourceId: [svc.urn] } },
        );
        const estimate = estimateCost([td, svc, target], { region: "us-east-1" });
        assert.deepEqual([estimate.items[0].monthly, estimate.items[0].monthlyMin, estimate.items[0].monthlyMax], [18.0201, 9.01, 36.0401]);
        assert.match(estimate.items[0].basis, /autoscaling 1–4 \(web-scaling\)$/);
        assert.deepEqual([estimate.monthlyTotal, estimate.monthlyMin, estimate.monthlyMax], [18.0201, 9.01, 36.0401]);
    });

    it("min/max from an autoscaling target whose inputs.resourceId ends with /<service name>", () => {
        const td = taskDef();
        const svc = rec("aws:ecs/service:Service", "web", { launchType: "FARGATE", desiredCount: 1, taskDefinition: td.outputs.arn }, { outputs: { name: "web-7f3a" } });
        const target = rec("aws:appautoscaling/target:Target", "scaling", { minCapacity: 1, maxCapacity: 10, resourceId: "service/main/web-7f3a" });
        const [task] = estimateCost([td, svc, target], { region: "us-east-1" }).items;
        assert.deepEqual([task.monthlyMin, task.monthlyMax], [9.01, 90.1003]);
    });

    it("tasks with assignPublicIp add one public IPv4 each, as their own item", () => {
        const td = taskDef();
        const svc = service("web", td, { launchType: "FARGATE", desiredCount: 2, networkConfiguration: { assignPublicIp: true, subnets: ["a", "b"] } });
        const target = rec("aws:appautoscaling/target:Target", "scaling", { minCapacity: 2, maxCapacity: 6 }, { propertyDependencies: { resourceId: [svc.urn] } });
        const ip = estimateCost([td, svc, target], { region: "us-east-1" }).items[1];
        assert.deepEqual([ip.monthly, ip.monthlyMin, ip.monthlyMax, ip.dependsOnUsage], [7.3, 7.3, 21.9, false]);
        assert.equal(ip.basis, "public IPv4: assignPublicIp, 1 address per task × 2 task(s) × $0.005/h × 730 h");
    });

    it("launch type unset: the cluster default strategy applies, else FARGATE when the task definition requires it", () => {
        const td = taskDef();
        const cluster = rec("aws:ecs/cluster:Cluster", "main");
        const providers = rec("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "cp", {
            clusterName: "main",
            defaultCapacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
        });
        const spot = estimateCost([td, cluster, providers, service("web", td, {}, cluster)], { region: "us-east-1" }).items[0];
        assert.equal(spot.monthly, 2.703);
        assert.match(spot.basis, /^cluster default capacity provider strategy; 0 on-demand \+ 1 Spot/);
        const plain = estimateCost([td, service("web", td, {})], { region: "us-east-1" }).items[0];
        assert.match(plain.basis, /^launch type unset, priced as FARGATE because the task definition requires it; /);
    });

    it("a missing task definition and EC2 capacity are listed as unpriced", () => {
        const orphan = rec("aws:ecs/service:Service", "orphan", { launchType: "FARGATE", taskDefinition: "arn:aws:ecs:us-east-1:1:task-definition/none:1" });
        const td = rec("aws:ecs/taskDefinition:TaskDefinition", "ec2-td", { cpu: "256", memory: "512" });
        const onEc2 = service("ec2", td, { launchType: "EC2" });
        const estimate = estimateCost([orphan, td, onEc2], { region: "us-east-1" });
        assert.deepEqual(estimate.items, []);
        assert.deepEqual(
            estimate.unpriced.map((u) => [u.resource, u.reason]),
            [
                ["orphan", "task definition not found (no propertyDependencies.taskDefinition and no task definition whose ARN matches)"],
                ["ec2", "EC2 capacity: the container instances carry the cost and are not modelled"],
            ],
        );
    });
});

describe("cost/model: load balancers, NAT and endpoints", () => {
    it("an internet-facing ALB with no traffic = $16.43 + 2 public IPs $7.30", () => {
        const alb = rec("aws:lb/loadBalancer:LoadBalancer", "alb", { loadBalancerType: "application", subnets: ["subnet-a", "subnet-b"] });
        const estimate = estimateCost([alb], { region: "us-east-1", usage: NO_TRAFFIC });
        assert.deepEqual(
            estimate.items.map((i) => [i.monthly, i.dependsOnUsage, i.basis]),
            [
                [16.425, false, "ALB hours: 730 h × $0.0225/h"],
                [0, true, "ALB LCUs: 0 LCU/h (newConnections dominates) × 730 h × $0.008/LCU-h"],
                [7.3, false, "public IPv4: internet-facing, 2 subnets/AZs × $0.005/h × 730 h"],
                [0, true, "data transfer out to the internet: 30 GB/month per ALB × 1 ALB(s), 100 GB free (account-wide), 0 GB billed here × $0.09/GB"],
            ],
        );
        assert.deepEqual([estimate.monthlyTotal, estimate.fixedMonthly, estimate.usageMonthly], [23.725, 23.725, 0]);
    });

    it("default usage bills 0.05 LCU/h (processed bytes) = $0.292; internal ALBs have no public IPs; subnetMappings count AZs", () => {
        const internal = rec("aws:alb/loadBalancer:LoadBalancer", "internal", { internal: true, subnets: ["a", "b", "c"] });
        assert.deepEqual(monthly([internal]), [16.425, 0.292]);
        const mapped = rec("aws:lb/loadBalancer:LoadBalancer", "mapped", { subnetMappings: [{ subnetId: "a" }, { subnetId: "b" }, { subnetId: "c" }] });
        assert.deepEqual(monthly([mapped], "us-east-1", NO_TRAFFIC), [16.425, 0, 10.95, 0]);
    });

    it("eu-west-1 ALB hours differ: 730 × $0.0252 = $18.40", () => {
        const alb = rec("aws:lb/loadBalancer:LoadBalancer", "alb", { internal: true, subnets: ["a", "b"] });
        assert.deepEqual(monthly([alb], "eu-west-1", NO_TRAFFIC), [18.396, 0]);
        assert.equal(formatMoney(monthly([alb], "eu-west-1")[0]), "$18.40");
    });

    it("network load balancers are unpriced", () => {
        const nlb = rec("aws:lb/loadBalancer:LoadBalancer", "nlb", { loadBalancerType: "network" });
        assert.deepEqual(estimateCost([nlb], { region: "us-east-1" }).unpriced, [
            { resource: "nlb", type: "aws:lb/loadBalancer:LoadBalancer", reason: "network load balancers have no price data in price-table.json" },
        ]);
    });

    it("a NAT gateway $32.85 + its Elastic IP $3.65 + 10 GB × $0.045", () => {
        const eip = rec("aws:ec2/eip:Eip", "nat-eip", { domain: "vpc" });
        const nat = rec("aws:ec2/natGateway:NatGateway", "nat", { allocationId: "eipalloc-1" });
        const estimate = estimateCost([eip, nat], { region: "us-east-1" });
        assert.deepEqual(
            estimate.items.map((i) => [i.resource, i.monthly, i.dependsOnUsage]),
            [
                ["nat-eip", 3.65, false],
                ["nat", 32.85, false],
                ["nat", 0.45, true],
            ],
        );
    });

    it("awsx Vpc: OnePerAz × 3 AZs by default = 3 × $32.85 + 3 EIPs × $3.65", () => {
        const vpc = rec("awsx:ec2:Vpc", "vpc", {}, { custom: false });
        const estimate = estimateCost([vpc], { region: "us-east-1", usage: NO_TRAFFIC });
        assert.deepEqual(
            estimate.items.map((i) => i.monthly),
            [98.55, 0, 10.95],
        );
        assert.equal(estimate.items[0].basis, "NAT hours: natGateways.strategy OnePerAz × 3 AZ(s) = 3 NAT gateway(s) × 730 h × $0.045/h");
    });

    it("awsx Vpc: Single, None, availabilityZoneNames and numberOfAvailabilityZones", () => {
        const vpc = (inputs: Record<string, any>) => rec("awsx:ec2:Vpc", "vpc", inputs, { custom: false });
        assert.deepEqual(monthly([vpc({ natGateways: { strategy: "Single" } })], "us-east-1", NO_TRAFFIC), [32.85, 0, 3.65]);
        assert.deepEqual(monthly([vpc({ natGateways: { strategy: "None" } })]), []);
        assert.deepEqual(monthly([vpc({ availabilityZoneNames: ["us-east-1a", "us-east-1b"] })], "us-east-1", NO_TRAFFIC), [65.7, 0, 7.3]);
        assert.deepEqual(monthly([vpc({ numberOfAvailabilityZones: 2, natGateways: { strategy: "OnePerAz" } })], "eu-west-1", NO_TRAFFIC), [70.08, 0, 7.3]);
    });

    it("NAT data is split evenly over all NAT gateways; NAT and EIP children of an awsx Vpc are not counted twice", () => {
        const vpc = rec("awsx:ec2:Vpc", "vpc", {}, { custom: false });
        const child = rec("aws:ec2/natGateway:NatGateway", "vpc-nat-1", {}, { parent: vpc.urn });
        const childEip = rec("aws:ec2/eip:Eip", "vpc-eip-1", {}, { parent: child.urn });
        const own = rec("aws:ec2/natGateway:NatGateway", "extra-nat");
        const estimate = estimateCost([vpc, child, childEip, own], { region: "us-east-1", usage: { natProcessedGbPerMonth: 100 } });
        assert.deepEqual(
            estimate.items.map((i) => [i.resource, i.monthly]),
            [
                ["vpc", 98.55],
                ["vpc", 3.375],
                ["vpc", 10.95],
                ["extra-nat", 32.85],
                ["extra-nat", 1.125],
            ],
        );
        assert.equal(estimate.items[1].basis, "NAT data: 100 GB/month over 4 NAT gateway(s), 75 GB here × $0.045/GB");
    });

    it("interface endpoints are priced per AZ (subnet) plus data; gateway endpoints are free", () => {
        const iface = rec("aws:ec2/vpcEndpoint:VpcEndpoint", "ecr-dkr", { vpcEndpointType: "Interface", serviceName: "com.amazonaws.us-east-1.ecr.dkr", subnetIds: ["a", "b"] });
        const gateway = rec("aws:ec2/vpcEndpoint:VpcEndpoint", "s3", { serviceName: "com.amazonaws.us-east-1.s3" });
        const estimate = estimateCost([iface, gateway], { region: "us-east-1" });
        assert.deepEqual(
            estimate.items.map((i) => i.monthly),
            [14.6, 0.01],
        );
        assert.equal(estimate.items[0].basis, "interface endpoint com.amazonaws.us-east-1.ecr.dkr: 2 AZ(s) × 730 h × $0.01/AZ-h");
        assert.deepEqual(estimate.unpriced, []);
        assert.deepEqual(monthly([iface], "eu-west-1", NO_TRAFFIC), [16.06, 0]);
        const noSubnets = rec("aws:ec2/vpcEndpoint:VpcEndpoint", "logs", { vpcEndpointType: "Interface" });
        assert.equal(estimateCost([noSubnets], { region: "us-east-1" }).unpriced[0].reason, "interface endpoint without subnetIds: the number of AZs it is billed for is unknown");
    });
});

describe("cost/model: logs, Container Insights, alarms", () => {
    it("log storage follows retention: 2 GB/month kept 14 days = 0.920548 GB × $0.03", () => {
        const group = rec("aws:cloudwatch/logGroup:LogGroup", "logs", { retentionInDays: 14 });
        const estimate = estimateCost([group], { region: "us-east-1", usage: { logIngestionGbPerMonthPerService: 2 } });
        assert.deepEqual(
            estimate.items.map((i) => [i.monthly, i.dependsOnUsage]),
            [
                [1, true],
                [0.0276, true],
            ],
        );
        assert.equal(
            estimate.items[1].basis,
            "log storage: 2 GB/month kept 0.460274 month(s) (14-day retention) = 0.920548 GB stored (uncompressed, an upper bound) × $0.03/GB-month",
        );
    });

    it("retention unset (never expires) and long retention are priced at the 12-month horizon", () => {
        const never = rec("aws:cloudwatch/logGroup:LogGroup", "never", {});
        const tenYears = rec("aws:cloudwatch/logGroup:LogGroup", "ten-years", { retentionInDays: 3653 });
        const estimate = estimateCost([never, tenYears], { region: "us-east-1" });
        assert.deepEqual(
            estimate.items.map((i) => i.monthly),
            [0.5, 0.36, 0.5, 0.36],
        );
        assert.match(estimate.items[1].basis, /never expires \(retention unset\/0\): priced at the 12-month horizon and still growing/);
        assert.match(estimate.items[3].basis, /3653-day retention, capped at the 12-month horizon/);
        assert.deepEqual(monthly([never], "us-east-1", { logStorageHorizonMonths: 24 }), [0.5, 0.72]);
    });

    it("Infrequent Access ingestion is $0.25/GB; eu-west-1 Standard is $0.57/GB", () => {
        assert.deepEqual(monthly([rec("aws:cloudwatch/logGroup:LogGroup", "ia", { logGroupClass: "INFREQUENT_ACCESS", retentionInDays: 30 })]), [0.25, 0.0296]);
        assert.deepEqual(monthly([rec("aws:cloudwatch/logGroup:LogGroup", "eu", { retentionInDays: 30 })], "eu-west-1"), [0.57, 0.0296]);
    });

    it("Container Insights enabled: (12 + 26 × 2 services) = 64 series × $0.30 = $19.20; disabled or unset is free", () => {
        const td = taskDef();
        const cluster = rec("aws:ecs/cluster:Cluster", "main", { settings: [{ name: "containerInsights", value: "enabled" }] });
        const resources = [td, cluster, service("a", td, { launchType: "FARGATE" }, cluster), service("b", td, { launchType: "FARGATE" }, cluster)];
        const items = estimateCost(resources, { region: "us-east-1" }).items.filter((i) => i.resource === "main");
        assert.deepEqual(
            items.map((i) => [i.monthly, i.dependsOnUsage]),
            [[19.2, true]],
        );
        assert.equal(items[0].basis, "Container Insights enabled: 12 + 26 × 2 service(s) = 64 series × $0.3/metric-month (metrics only; performance-log ingestion not included)");
        const off = rec("aws:ecs/cluster:Cluster", "off", { settings: [{ name: "containerInsights", value: "disabled" }] });
        assert.deepEqual(estimateCost([off, rec("aws:ecs/cluster:Cluster", "unset")], { region: "us-east-1" }).items, []);
    });

    it("Container Insights enhanced adds 23 series per task at the low-confidence $0.07, following the task bounds", () => {
        const td = taskDef();
        const cluster = rec("aws:ecs/cluster:Cluster", "main", { cluster: "x", settings: [{ name: "containerInsights", value: "enhanced" }] });
        const svc = service("web", td, { launchType: "FARGATE", desiredCount: 2 }, cluster);
        const target = rec("aws:appautoscaling/target:Target", "scaling", { minCapacity: 1, maxCapacity: 5 }, { propertyDependencies: { resourceId: [svc.urn] } });
        const items = estimateCost([td, cluster, svc, target], { region: "us-east-1" }).items.filter((i) => i.resource === "main");
        assert.deepEqual(
            items.map((i) => [i.monthly, i.monthlyMin, i.monthlyMax]),
            [
                [11.4, 11.4, 11.4],
                [3.22, 1.61, 8.05],
            ],
        );
    });

    it("alarms cost $0.10 per metric ($0.30 high resolution, anomaly detection counts 3); dashboards $3; target tracking 2 alarms", () => {
        const simple = rec("aws:cloudwatch/metricAlarm:MetricAlarm", "cpu-high", { metricName: "CPUUtilization", period: 60 });
        const math = rec("aws:cloudwatch/metricAlarm:MetricAlarm", "error-rate", {
            metricQueries: [
                { id: "e", expression: "m1/m2" },
                { id: "m1", metric: { metricName: "5xx", period: 60 } },
                { id: "m2", metric: { metricName: "Requests", period: 60 } },
            ],
        });
        const fast = rec("aws:cloudwatch/metricAlarm:MetricAlarm", "fast", { metricName: "Latency", period: 10 });
        const anomaly = rec("aws:cloudwatch/metricAlarm:MetricAlarm", "anomaly", {
            thresholdMetricId: "ad1",
            metricQueries: [
                { id: "m1", metric: { period: 300 } },
                { id: "ad1", expression: "ANOMALY_DETECTION_BAND(m1)" },
            ],
        });
        const dashboard = rec("aws:cloudwatch/dashboard:Dashboard", "ops");
        const tracking = rec("aws:appautoscaling/policy:Policy", "cpu", { policyType: "TargetTrackingScaling" });
        const step = rec("aws:appautoscaling/policy:Policy", "step", { policyType: "StepScaling" });
        const estimate = estimateCost([simple, math, fast, anomaly, dashboard, tracking, step], { region: "us-east-1" });
        assert.deepEqual(
            estimate.items.map((i) => [i.resource, i.monthly]),
            [
                ["cpu-high", 0.1],
                ["error-rate", 0.2],
                ["fast", 0.3],
                ["anomaly", 0.3],
                ["ops", 3],
                ["cpu", 0.2],
            ],
        );
        assert.equal(estimate.items[3].basis, "alarm: 3 standard-resolution anomaly-detection alarm metric(s) × $0.1/month");
        assert.equal(estimate.usageMonthly, 0);
    });
});

describe("cost/model: KMS and Secrets Manager", () => {
    it("a KMS key is $1/month; requests beyond the 20,000 free are shared by the keys", () => {
        const key = rec("aws:kms/key:Key", "logs-key");
        assert.deepEqual(monthly([key]), [1, 0]);
        const keys = ["a", "b", "c"].map((name) => rec("aws:kms/key:Key", name));
        const estimate = estimateCost(keys, { region: "us-east-1" });
        assert.deepEqual(
            estimate.items.map((i) => i.monthly),
            [1, 0.01, 1, 0.01, 1, 0.01],
        );
        assert.equal(estimate.items[1].basis, "KMS requests: 10,000/month per key × 3 key(s), 20,000 free, 3,333.33 billed here × $0.03/10k");
    });

    it("a created secret is $0.40/month plus 1,000 calls × $0.05/10k", () => {
        assert.deepEqual(monthly([rec("aws:secretsmanager/secret:Secret", "db")]), [0.4, 0.005]);
    });

    it("referenced secrets: every distinct Secrets Manager ARN in containerDefinitions secrets (JSON string or array), not SSM, not created ones", () => {
        const created = rec("aws:secretsmanager/secret:Secret", "created", {}, { outputs: { arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:created-Q1w2E3" } });
        const first = taskDef("first", {
            containerDefinitions: JSON.stringify([
                {
                    name: "web",
                    secrets: [
                        { name: "DB", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf" },
                        { name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::" },
                        { name: "FLAG", valueFrom: "arn:aws:ssm:us-east-1:123456789012:parameter/flag" },
                        { name: "OWN", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:created-Q1w2E3" },
                    ],
                },
            ]),
        });
        const second = taskDef("second", {
            containerDefinitions: [
                { name: "worker", secrets: [{ name: "API", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-key-XyZ123:token:AWSCURRENT:" }] },
            ],
        });
        const estimate = estimateCost([created, first, second], { region: "us-east-1" });
        assert.deepEqual(
            estimate.items.map((i) => [i.resource, i.monthly, i.basis]),
            [
                ["created", 0.4, "secret: 1 secret-month × $0.4"],
                ["created", 0.005, "secret API calls: 1,000/month × $0.05/10k"],
                ["arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", 0.4, "referenced, existing secret: 1 secret-month × $0.4"],
                ["arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", 0.005, "referenced, existing secret API calls: 1,000/month × $0.05/10k"],
                ["arn:aws:secretsmanager:us-east-1:123456789012:secret:api-key-XyZ123", 0.4, "referenced, existing secret: 1 secret-month × $0.4"],
                ["arn:aws:secretsmanager:us-east-1:123456789012:secret:api-key-XyZ123", 0.005, "referenced, existing secret API calls: 1,000/month × $0.05/10k"],
            ],
        );
    });

    it("secretArnOf strips JSON key, version stage and version id", () => {
        assert.equal(secretArnOf("arn:aws:secretsmanager:eu-west-1:1:secret:x-AbC123:key:AWSPREVIOUS:"), "arn:aws:secretsmanager:eu-west-1:1:secret:x-AbC123");
        assert.equal(secretArnOf("arn:aws:ssm:eu-west-1:1:parameter/x"), undefined);
        assert.equal(secretArnOf("plain-parameter-name"), undefined);
    });
});

describe("cost/model: the estimate", () => {
    it("has the CostEstimate JSON shape, survives a JSON round trip, and totals add up", () => {
        const td = taskDef();
        const alb = rec("aws:lb/loadBalancer:LoadBalancer", "alb", { subnets: ["a", "b"] });
        const estimate = estimateCost([td, service("web", td), alb], { region: "us-east-1" });
        assert.deepEqual(Object.keys(estimate), [
            "currency",
            "region",
            "hoursPerMonth",
            "priceDate",
            "monthlyTotal",
            "monthlyMin",
            "monthlyMax",
            "fixedMonthly",
            "usageMonthly",
            "items",
            "unpriced",
            "complete",
            "missingPrices",
        ]);
        assert.deepEqual([estimate.complete, estimate.missingPrices], [true, []]);
        assert.deepEqual(Object.keys(estimate.items[0]), ["resource", "type", "monthly", "monthlyMin", "monthlyMax", "basis", "dependsOnUsage"]);
        assert.deepEqual(JSON.parse(JSON.stringify(estimate)), estimate);
        assert.deepEqual(
            [estimate.currency, estimate.region, estimate.hoursPerMonth, estimate.priceDate, estimate.monthlyTotal, estimate.fixedMonthly, estimate.usageMonthly],
            ["USD", "us-east-1", 730, "2026-09-29", 33.027, 32.735, 0.292],
        );
    });

    it("free resources and components produce nothing; unknown billable types are unpriced", () => {
        const resources = [
            rec("aws:iam/role:Role", "role"),
            rec("aws:ec2/securityGroup:SecurityGroup", "sg"),
            rec("aws:lb/listener:Listener", "listener"),
            rec("aws:lb/targetGroup:TargetGroup", "tg"),
            rec("aws:ecs/taskDefinition:TaskDefinition", "td"),
            rec("random:index/randomPassword:RandomPassword", "password"),
            rec("pulumi:providers:aws", "provider"),
            rec("fargatekit:index:WebService", "component", {}, { custom: false }),
            rec("aws:ssm/parameter:Parameter", "standard-param", { type: "String" }),
            rec("aws:sns/topic:Topic", "alerts"),
            rec("aws:s3/bucketPolicy:BucketPolicy", "bucket-policy"),
            rec("aws:ec2/flowLog:FlowLog", "flow-log"),
            rec("aws:kinesis/stream:Stream", "stream"),
            rec("aws:ssm/parameter:Parameter", "advanced-param", { tier: "Advanced" }),
        ];
        const estimate = estimateCost(resources, { region: "us-east-1" });
        assert.deepEqual(estimate.items, []);
        assert.deepEqual(estimate.unpriced, [
            { resource: "stream", type: "aws:kinesis/stream:Stream", reason: "no price model for this type (it may be billed)" },
            { resource: "advanced-param", type: "aws:ssm/parameter:Parameter", reason: "SSM Advanced parameters are billed; price-table.json has no SSM prices" },
        ]);
        assert.equal(estimate.monthlyTotal, 0);
    });

    it("prices a region without a table as incomplete, and rejects invalid usage overrides", () => {
        const td = taskDef();
        const estimate = estimateCost([td, service("web", td)], { region: "us-west-2" });
        assert.deepEqual([estimate.complete, estimate.monthlyTotal, estimate.items], [false, null, []]);
        // every price the resource needs is named, not only the first
        assert.deepEqual(estimate.missingPrices, [
            { key: "fargateX86VcpuHour", unit: "USD per vCPU-hour (Linux/x86)", resources: ["web"] },
            { key: "fargateX86GbHour", unit: "USD per GB-hour (Linux/x86)", resources: ["web"] },
        ]);
        assert.throws(
            () => estimateCost([], { region: "us-east-1", usage: { albRulesCount: -3 } }),
            /Usage key "albRulesCount" in estimateCost usage must be a non-negative number, got -3/,
        );
    });
});

describe("cost/model: WAF, S3, SQS, scheduled runs and data transfer out", () => {
    it("a web ACL: $5 ACL-month + $1 per rule or rule group + $0.60 per million requests (10 requests/s by default)", () => {
        const acl = rec("aws:wafv2/webAcl:WebAcl", "waf", { rules: [{ statement: { managedRuleGroupStatement: { name: "AWSManagedRulesCommonRuleSet" } } }, { statement: {} }] });
        const estimate = estimateCost([acl], { region: "us-east-1" });
        assert.deepEqual(
            estimate.items.map((i) => [i.monthly, i.dependsOnUsage]),
            [
                [5, false],
                [2, false],
                [15.768, true],
            ],
        );
        assert.match(estimate.items[2].basis, /10 requests\/s .* = 26\.28 M × \$0\.6\/M/);
        const paid = rec("aws:wafv2/webAcl:WebAcl", "bots", { rules: [{ statement: { managedRuleGroupStatement: { name: "AWSManagedRulesBotControlRuleSet" } } }] });
        assert.match(estimateCost([paid], { region: "us-east-1" }).unpriced[0].reason, /AWSManagedRulesBotControlRuleSet/);
    });

    it("an S3 bucket keeps what its lifecycle expiration allows and pays its PUTs", () => {
        const bucket = rec("aws:s3/bucket:Bucket", "logs");
        const lifecycle = rec(
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            "logs-lc",
            { rules: [{ status: "Enabled", expiration: { days: 90 } }] },
            { propertyDependencies: { bucket: [bucket.urn] } },
        );
        const items = estimateCost([bucket, lifecycle], { region: "us-east-1" }).items;
        assert.deepEqual(
            items.map((i) => i.monthly),
            [0.0681, 0.1314],
        );
        assert.match(items[0].basis, /1 GB\/month kept 2\.9589 month\(s\) \(90-day lifecycle expiration\)/);
        assert.match(estimateCost([bucket], { region: "us-east-1" }).items[0].basis, /no expiration: priced at the 12-month horizon/);
    });

    it("SQS requests above the account's free million are billed; FIFO queues are unpriced", () => {
        const queue = rec("aws:sqs/queue:Queue", "dlq");
        assert.deepEqual(monthly([queue]), [0]);
        assert.deepEqual(monthly([queue], "us-east-1", { sqsRequestsPerMonthPerQueue: 3_500_000 }), [1]);
        assert.match(estimateCost([rec("aws:sqs/queue:Queue", "f", { fifoQueue: true })], { region: "us-east-1" }).unpriced[0].reason, /FIFO/);
    });

    it("a scheduled ECS task: runs per month × minutes per run at the task price", () => {
        const td = taskDef("job-td");
        const schedule = rec("aws:scheduler/schedule:Schedule", "nightly", {
            scheduleExpression: "cron(0 3 * * ? *)",
            target: {
                arn: "cluster",
                ecsParameters: { taskDefinitionArn: td.outputs.arn, taskCount: 1, capacityProviderStrategies: [{ capacityProvider: "FARGATE", weight: 1 }] },
            },
        });
        const [runs] = estimateCost([td, schedule], { region: "us-east-1" }).items;
        // 30.4167 runs × 5 min = 2.5347 task-hours × $0.0123425
        assert.equal(runs.monthly, 0.0313);
        assert.match(
            runs.basis,
            /^scheduled task runs: 30\.4167 run\(s\)\/month \(cron\(0 3 \* \* \? \*\): 1\/h × 1 h\/day × 30\.42 day\(s\) \(every day\)\) × 1 task\(s\) × 5 min/,
        );
        const hourly = rec("aws:scheduler/schedule:Schedule", "hourly", { scheduleExpression: "rate(1 hour)", target: { ecsParameters: { taskDefinitionArn: td.outputs.arn } } });
        assert.equal(estimateCost([td, hourly], { region: "us-east-1" }).items[0].monthly, 0.7508);
        // On Fargate Spot the run costs 70 % less ("up to"), and the basis says so.
        const spot = rec("aws:scheduler/schedule:Schedule", "spot", {
            scheduleExpression: "rate(1 hour)",
            target: { ecsParameters: { taskDefinitionArn: td.outputs.arn, capacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }] } },
        });
        const [spotRuns] = estimateCost([td, spot], { region: "us-east-1" }).items;
        assert.equal(spotRuns.monthly, 0.2253);
        assert.match(spotRuns.basis, / at \$0\.00370275\/task-h \(Spot at 70% off \("up to"\)\)$/);
    });

    it("data transfer out beyond the free 100 GB is billed at $0.09/GB, shared over the internet-facing ALBs", () => {
        const a = rec("aws:lb/loadBalancer:LoadBalancer", "a", { subnets: ["x", "y"] });
        const b = rec("aws:lb/loadBalancer:LoadBalancer", "b", { subnets: ["x", "y"] });
        const dto = (resources: RecordedResource[]) =>
            estimateCost(resources, { region: "us-east-1", usage: { internetDataTransferOutGbPerMonth: 150 } }).items.filter((i) => /data transfer out/.test(i.basis));
        assert.deepEqual(
            dto([a]).map((i) => i.monthly),
            [4.5],
        );
        assert.deepEqual(
            dto([a, b]).map((i) => i.monthly),
            [9, 9],
        );
    });
});
