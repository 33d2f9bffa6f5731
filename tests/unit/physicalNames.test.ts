import assert from "node:assert/strict";
import { physicalName } from "../../components/lib/nameLimits";
import { resourcePrefix } from "../../components/webService";
import { alarmDefinitions, alarmName } from "../../components/lib/cloudwatch/alarmDefinitions";

/** CloudWatch PutMetricAlarm AlarmName, PutDashboard DashboardName, Logs PutQueryDefinition name, ECS CreateCluster clusterName: at most 255 (botocore models). */
const LIMIT = 255;
/** ECS cluster and CloudWatch dashboard names: letters, digits, - and _ only (ECS API CreateCluster; CloudWatch PutDashboard). */
const CLUSTER_OR_DASHBOARD = /^[A-Za-z0-9_-]{1,255}$/;

describe("explicit physical names: project, service and stack within AWS's limits", () => {
    it("physicalName joins, replaces characters outside the set, and cuts long names with a hash that keeps them distinct", () => {
        assert.equal(physicalName(["my.project", "web", "dev"], 255), "my-project-web-dev");
        assert.equal(physicalName(["a", "", "b"], 255), "a-b", "empty parts are dropped");
        const long = (tail: string) => physicalName(["p".repeat(300), tail], 40);
        assert.equal(long("x").length, 40);
        assert.notEqual(long("x"), long("y"), "two long names that differ only past the cut stay distinct");
        assert.match(long("x"), /^p{31}-[0-9a-f]{8}$/);
    });

    it("with the longest project, service and stack, every alarm, the dashboard, the query and the cluster fit", () => {
        const prefix = resourcePrefix("project-".repeat(40), "checkout-frontend", "production-eu-central-1");
        assert.match(prefix, CLUSTER_OR_DASHBOARD, "cluster and dashboard name");
        const names = alarmDefinitions({ prefix, clusterName: "c", serviceName: "s", loadBalancer: "l", targetGroup: "t", alternateTargetGroup: "u" }, undefined, true).map(
            (d) => d.name,
        );
        assert.ok(names.length >= 8);
        for (const n of [...names, `${prefix}/errors`, alarmName(prefix, "response-time-high")]) assert.ok(n.length <= LIMIT, `${n.length}: ${n}`);
    });
});
