import * as assert from "node:assert/strict";
import { EC2_DESCRIPTION_PATTERN } from "../../tools/offline/constraints/handRules";
import { ec2DescriptionProblem } from "../../components/lib/ec2/ec2Descriptions";
import { recorded, Row, runTable } from "../helpers/constraints";

const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const rule = (type: string, description: string) =>
    recorded(type, "r", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", description });

describe("constraints: descriptions (EC2's character set, lengths of other services)", () => {
    const ec2 = /botocore ec2 .*documentation: "Allowed characters are a-z, A-Z, 0-9, spaces, and \._-:\/\(\)#,@\[\]\+=&;\{\}!\$\*"/;
    const rows: Row[] = [
        { what: "an egress rule description with every allowed punctuation", resource: rule(EGRESS, "HTTPS to AWS APIs (ECR, logs): ._-:/()#,@[]+=&;{}!$*") },
        // 36 characters: as a target group name it would break the 32 limit if it were judged.
        {
            what: "values not known yet (a preview's unknowns are skipped)",
            resource: recorded("aws:lb/targetGroup:TargetGroup", "tg", {
                name: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
                healthCheck: { path: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" },
            }),
        },
        {
            what: "an egress rule description with an apostrophe",
            resource: rule(EGRESS, "the app's HTTPS dependencies"),
            refused: { property: "description", source: ec2, rule: /not allowed: "'"/ },
        },
        {
            what: "an ingress rule description with a non-ASCII dash",
            resource: rule(INGRESS, "HTTP – from the ALB"),
            refused: { property: "description", source: ec2, rule: /not allowed: "–"/ },
        },
        {
            what: "an ingress rule description of 256 characters",
            resource: rule(INGRESS, "d".repeat(256)),
            refused: { property: "description", source: /Up to 255 characters/, rule: /at most 255 characters/ },
        },
        {
            what: "a security group description with double quotes",
            resource: recorded(SG, "sg", { name: "web", description: 'the "web" tasks' }),
            refused: { property: "description", source: /CreateSecurityGroupRequest\.Description documentation/ },
        },
        { what: "a security group description with only allowed characters", resource: recorded(SG, "sg", { name: "web", description: "Web tasks: in from the ALB only" }) },
        {
            what: "an alarm description of 1024 characters",
            resource: recorded("aws:cloudwatch/metricAlarm:MetricAlarm", "a", {
                name: "a",
                metricName: "CPUUtilization",
                namespace: "AWS/ECS",
                statistic: "Average",
                alarmDescription: "d".repeat(1024),
            }),
        },
        {
            what: "an alarm description of 1025 characters",
            resource: recorded("aws:cloudwatch/metricAlarm:MetricAlarm", "a", {
                name: "a",
                metricName: "CPUUtilization",
                namespace: "AWS/ECS",
                statistic: "Average",
                alarmDescription: "d".repeat(1025),
            }),
            refused: { property: "alarmDescription", source: /botocore .* cloudwatch PutMetricAlarm\.AlarmDescription/ },
        },
        {
            what: "a schedule description of 513 characters",
            resource: recorded("aws:scheduler/schedule:Schedule", "s", { name: "s", description: "d".repeat(513) }),
            refused: { property: "description", source: /botocore .* scheduler CreateSchedule\.Description/ },
        },
        { what: "a role description with a line tab and accents (IAM's set)", resource: recorded("aws:iam/role:Role", "r", { name: "r", description: "Rôle\tof the web tasks" }) },
        {
            what: "a role description with an emoji",
            resource: recorded("aws:iam/role:Role", "r", { name: "r", description: "web tasks 🚀" }),
            refused: { property: "description", source: /botocore .* iam CreateRole\.Description/ },
        },
        {
            what: "a KMS key description of 8193 characters",
            resource: recorded("aws:kms/key:Key", "k", { description: "d".repeat(8193) }),
            refused: { property: "description", source: /botocore .* kms CreateKey\.Description/ },
        },
    ];
    runTable(rows);

    it("the plan's EC2 character set and the components' own check accept exactly the same characters", () => {
        const plan = new RegExp(`^${EC2_DESCRIPTION_PATTERN}$`);
        const differ: string[] = [];
        for (let code = 0; code < 0x2100; code++) {
            const ch = String.fromCharCode(code);
            if (plan.test(ch) !== (ec2DescriptionProblem(ch) === undefined)) differ.push(JSON.stringify(ch));
        }
        assert.deepEqual(differ, []);
    });
});
