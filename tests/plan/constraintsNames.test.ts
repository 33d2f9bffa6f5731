import * as assert from "node:assert/strict";
import { recorded, Row, runTable } from "../helpers/constraints";
import { AUTO_NAMING, autoName, autoNameProblem } from "../../tools/offline/constraints/autoNaming";
import { resourceState } from "../../tools/offline/mockValues";
import { NAME_LIMITS } from "../../components/lib/nameLimits";
import { constraintProblems } from "../../tools/offline/constraints/check";

const ctx = { region: "us-east-1", account: "123456789012" };
const TG = "aws:lb/targetGroup:TargetGroup";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const ROLE = "aws:iam/role:Role";
const SCHEDULE = "aws:scheduler/schedule:Schedule";

/** A resource as the offline engine answers it: auto-named when the name is unset. */
function engine(type: string, name: string, inputs: Record<string, any> = {}) {
    return recorded(type, name, inputs, resourceState(type, name, inputs, ctx, `seed/${type}/${name}`).state);
}

describe("constraints: names (auto-naming as the provider does it, and AWS's name rules)", () => {
    it("the offline engine names like the provider: <logical name>-<7 hex>, untruncated", () => {
        const long = "a".repeat(40);
        const state = resourceState(TG, long, {}, ctx, "s").state;
        assert.match(state.name, new RegExp(`^${long}-[0-9a-f]{7}$`));
        assert.equal(resourceState(TG, "web-alb", { name: "explicit" }, ctx, "s").state.name, "explicit");
        assert.match(resourceState("aws:sqs/queue:Queue", "dlq", {}, ctx, "s").state.name, /^dlq-[0-9a-f]{7}$/);
        assert.match(resourceState("aws:ecr/repository:Repository", "Web-Repo", {}, ctx, "s").state.name, /^Web-Repo-[0-9a-f]{7}$/);
        assert.match(resourceState("aws:s3/bucket:Bucket", "Logs", {}, ctx, "s").state.bucket, /^logs-[0-9a-f]{7}$/);
        assert.match(resourceState(TG, "tg", { namePrefix: "web-" }, ctx, "s").state.name, /^web-\d{26}$/);
    });

    it("knows the bridge's limits per type, each with its source", () => {
        assert.equal(AUTO_NAMING[TG].maxLength, 32);
        assert.equal(AUTO_NAMING[LB].maxLength, 255);
        assert.equal(AUTO_NAMING["aws:alb/targetGroup:TargetGroup"].maxLength, 255);
        assert.equal(AUTO_NAMING["aws:sqs/queue:Queue"].maxLength, 80);
        assert.equal(AUTO_NAMING[ROLE].maxLength, 64);
        assert.equal(AUTO_NAMING["aws:s3/bucket:Bucket"].maxLength, 63);
        assert.equal(AUTO_NAMING[SCHEDULE].maxLength, 255);
        for (const n of Object.values(AUTO_NAMING)) assert.match(n.source, /pulumi-aws provider\/resources\.go/);
        assert.equal(autoName(AUTO_NAMING[TG], "web-alb", "0123456789"), "web-alb-0123456");
        assert.equal(autoNameProblem(AUTO_NAMING[TG], "x".repeat(24)), undefined);
        assert.match(autoNameProblem(AUTO_NAMING[TG], "x".repeat(25))!, /33 characters, longer than its maximum of 32/);
    });

    const rows: Row[] = [
        { what: "an auto-named target group of 24 characters (32 with the suffix)", resource: engine(TG, "abcdefghijklmnopqrstuvwx") },
        {
            what: "an auto-named target group of 25 characters",
            resource: engine(TG, "abcdefghijklmnopqrstuvwxy"),
            refused: { property: "name", source: /pulumi-aws provider\/resources\.go.*aws_lb_target_group/, rule: /maximum of 32/ },
        },
        {
            what: "an auto-named load balancer `<24-char service>-alb` (the bridge allows 255, ELB 32)",
            resource: engine(LB, "abcdefghijklmnopqrstuvwx-alb"),
            refused: { property: "name", source: /botocore elbv2 CreateLoadBalancerInput\.Name documentation/, rule: /1 to 32 characters \(the name the provider generates/ },
        },
        {
            what: "an auto-named target group under the legacy aws:alb token (the bridge allows 255, ELB 32)",
            resource: engine("aws:alb/targetGroup:TargetGroup", "abcdefghijklmnopqrstuvwx-alb"),
            refused: { property: "name", source: /botocore elbv2 CreateTargetGroupInput\.Name documentation/, rule: /1 to 32 characters/ },
        },
        { what: "a target group namePrefix of 6 characters (32 with the provider's 26)", resource: engine(TG, "tg", { namePrefix: "web-tg" }) },
        {
            what: "a target group namePrefix of 7 characters",
            resource: engine(TG, "tg", { namePrefix: "web-tgs" }),
            refused: {
                property: "name",
                source: /CreateTargetGroupInput\.Name documentation/,
                rule: /1 to 32 characters \(the name the provider generates from namePrefix: "<prefix><26 characters>", terraform-provider-aws internal\/create\/naming\.go/,
            },
        },
        { what: "an explicit target group name of 32 characters", resource: engine(TG, "tg", { name: "a".repeat(32) }) },
        {
            what: "an explicit target group name of 33 characters",
            resource: engine(TG, "tg", { name: "a".repeat(33) }),
            refused: { property: "name", source: /botocore elbv2 CreateTargetGroupInput\.Name documentation/, rule: /1 to 32 characters/ },
        },
        {
            what: "a target group name ending with a hyphen",
            resource: engine(TG, "tg", { name: "web-" }),
            refused: { property: "name", source: /must not begin or end with a hyphen/ },
        },
        {
            what: "a load balancer name starting with internal-",
            resource: engine(LB, "lb", { name: "internal-web" }),
            refused: { property: "name", source: /must not begin with/ },
        },
        { what: "an auto-named role of 56 characters (64 with the suffix)", resource: engine(ROLE, "r".repeat(56)) },
        { what: "an auto-named role of 57 characters", resource: engine(ROLE, "r".repeat(57)), refused: { property: "name", source: /aws_iam_role/, rule: /maximum of 64/ } },
        { what: "a role name with a space", resource: engine(ROLE, "r", { name: "web role" }), refused: { property: "name", source: /botocore .* iam CreateRole\.RoleName/ } },
        { what: "an auto-named schedule of 56 characters (64 with the suffix)", resource: engine(SCHEDULE, "s".repeat(56)) },
        {
            what: "an auto-named schedule the bridge accepts (255) but EventBridge Scheduler refuses (64)",
            resource: engine(SCHEDULE, "s".repeat(57)),
            refused: { property: "name", source: /botocore .* scheduler CreateSchedule\.Name/, rule: /1 to 64 characters/ },
        },
        {
            what: "an ECS cluster name with a dot",
            resource: engine("aws:ecs/cluster:Cluster", "c", { name: "web.prod" }),
            refused: { property: "name", source: /botocore ecs CreateClusterRequest\.clusterName documentation/ },
        },
        { what: "an ECS service name of 255 characters", resource: engine("aws:ecs/service:Service", "s", { name: "s".repeat(255), forceNewDeployment: true }) },
        {
            what: "a log group name with a space",
            resource: engine("aws:cloudwatch/logGroup:LogGroup", "l", { name: "/app/my logs" }),
            refused: { property: "name", source: /botocore .* logs CreateLogGroup\.logGroupName/ },
        },
        {
            what: "a security group name starting with sg-",
            resource: engine("aws:ec2/securityGroup:SecurityGroup", "sg", { name: "sg-web", description: "web" }),
            refused: { property: "name", source: /Can't start with sg-/ },
        },
        { what: "an auto-named queue of 73 characters (80 with the suffix)", resource: engine("aws:sqs/queue:Queue", "q".repeat(72)) },
        {
            what: "an auto-named queue of 74 characters",
            resource: engine("aws:sqs/queue:Queue", "q".repeat(73)),
            refused: { property: "name", source: /pulumi-aws provider\/resources\.go: aws_sqs_queue/, rule: /81 characters, longer than its maximum of 80/ },
        },
        {
            what: "an auto-named repository whose logical name has capitals (ECR wants lower case)",
            resource: engine("aws:ecr/repository:Repository", "Web-Repo"),
            refused: { property: "name", source: /botocore .* ecr CreateRepository\.repositoryName/ },
        },
        {
            what: "an ECR repository name with upper case",
            resource: engine("aws:ecr/repository:Repository", "r", { name: "Web" }),
            refused: { property: "name", source: /botocore .* ecr CreateRepository\.repositoryName/ },
        },
        {
            what: "a bucket name with upper case",
            resource: engine("aws:s3/bucket:Bucket", "b", { bucket: "Logs-bucket" }),
            refused: { property: "bucket", source: /S3 user guide/ },
        },
        {
            what: "a container name with a dot (inside the container definitions JSON)",
            resource: engine("aws:ecs/taskDefinition:TaskDefinition", "td", { family: "web", containerDefinitions: JSON.stringify([{ name: "app.v1", image: "x" }]) }),
            refused: { property: "containerDefinitions[0].name", source: /ContainerDefinition\.name documentation/ },
        },
    ];
    runTable(rows);

    // Config validation (components/lib/nameLimits.ts) refuses a service name whose derived names are too
    // long; the plan refuses the names themselves. Both must draw the line at the same length.
    it("refuses a name exactly one character past each limit config validation uses (components/lib/nameLimits.ts)", () => {
        for (const { type, max } of NAME_LIMITS) {
            const property = AUTO_NAMING[type]?.property ?? (type === "aws:cloudwatch/dashboard:Dashboard" ? "dashboardName" : "name");
            const named = (length: number) => recorded(type, "r", { [property]: "a".repeat(length) });
            const tooLong = (length: number) => constraintProblems([named(length)]).filter((p) => p.property === property && /characters/.test(p.rule));
            assert.deepEqual(tooLong(max), [], `${type} ${property} of ${max}`);
            assert.equal(tooLong(max + 1).length, 1, `${type} ${property} of ${max + 1}`);
        }
    });
});
