import * as assert from "node:assert/strict";
import { isValidCidr, isValidPort } from "../../components/lib/ec2/addresses";
import { isSecretReference, secretResourceArn, ACM_CERTIFICATE_ARN } from "../../components/lib/iam/arns";
import { validateHealthCheck, validateScheduleExpression } from "../../components/lib/ecs/ecsLimits";
import { isValidLogRetention } from "../../components/lib/cloudwatch/logRetention";

describe("value checks", () => {
    it("CIDRs", () => {
        for (const ok of ["10.0.0.0/16", "0.0.0.0/0", "203.0.113.7/32", "::/0", "2001:db8::/32", "2001:db8:0:0:0:0:0:1/128"]) assert.equal(isValidCidr(ok), true, ok);
        for (const bad of ["10.0.0.0", "10.0.0.256/16", "10.0.0.0/33", "abc", "2001:db8:::/32", "1.2.3.4/-1"]) assert.equal(isValidCidr(bad), false, bad);
    });
    it("ports", () => {
        assert.equal(isValidPort(1), true);
        assert.equal(isValidPort(65535), true);
        assert.equal(isValidPort(0), false);
        assert.equal(isValidPort(65536), false);
        assert.equal(isValidPort(80.5), false);
    });
    it("secret references and certificate ARNs", () => {
        assert.equal(isSecretReference("arn:aws:secretsmanager:us-east-1:111122223333:secret:db-pass-AbCdEf"), true);
        assert.equal(isSecretReference("arn:aws:ssm:eu-west-1:111122223333:parameter/app/db"), true);
        assert.equal(isSecretReference("my-secret"), false);
        assert.equal(isSecretReference("arn:aws:s3:::bucket/key"), false);
        assert.equal(
            secretResourceArn("arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf:password::"),
            "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf",
        );
        assert.equal(ACM_CERTIFICATE_ARN.test("arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"), true);
        assert.equal(ACM_CERTIFICATE_ARN.test("arn:aws:iam::123456789012:server-certificate/x"), false);
    });
    it("container health checks", () => {
        assert.deepEqual(validateHealthCheck({ command: ["CMD-SHELL", "true"], interval: 30, timeout: 5, retries: 3 }), []);
        const bad = validateHealthCheck({ command: ["true"], interval: 4, timeout: 61, retries: 11, startPeriod: 301 });
        assert.deepEqual([...new Set(bad.map((p) => p.field))].sort(), ["command", "interval", "retries", "startPeriod", "timeout"]);
    });
    it("schedule expressions", () => {
        assert.equal(validateScheduleExpression("rate(5 minutes)"), undefined);
        assert.equal(validateScheduleExpression("rate(1 hour)"), undefined);
        assert.equal(validateScheduleExpression("cron(0 8 ? * MON-FRI *)"), undefined);
        assert.equal(validateScheduleExpression("at(2026-12-24T18:00:00)"), undefined);
        assert.match(validateScheduleExpression("rate(1 hours)")!, /use "1 hour"/);
        assert.match(validateScheduleExpression("cron(0 8 * * MON-FRI *)")!, /exactly one of day-of-month and day-of-week/);
        assert.match(validateScheduleExpression("cron(0 8 * *)")!, /6 fields/);
        assert.match(validateScheduleExpression("every day")!, /cron\(\.\.\.\), rate\(\.\.\.\) or at/);
    });
    it("log retention", () => {
        assert.equal(isValidLogRetention(30), true);
        assert.equal(isValidLogRetention(365), true);
        assert.equal(isValidLogRetention(0), false);
        assert.equal(isValidLogRetention(31), false);
    });
});
