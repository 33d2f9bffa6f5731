/** Text, markdown and JSON renderings of a plan. */
import { Plan, PlannedResource } from "./plan";
import { formatCostMarkdown, formatCostTable, formatTotalPhrase } from "../cost/format";
import { formatConstraintProblem } from "../offline/constraints/check";

/** Inputs a reviewer cares about, per type (the rest is in the JSON output). */
const KEY_INPUTS: Record<string, string[]> = {
    "aws:ecs/taskDefinition:TaskDefinition": ["cpu", "memory", "networkMode", "runtimePlatform.cpuArchitecture"],
    "aws:ecs/service:Service": ["desiredCount", "networkConfiguration.assignPublicIp", "platformVersion", "enableExecuteCommand"],
    "aws:lb/loadBalancer:LoadBalancer": ["internal", "enableDeletionProtection", "dropInvalidHeaderFields"],
    "aws:lb/listener:Listener": ["port", "protocol", "sslPolicy"],
    "aws:lb/targetGroup:TargetGroup": ["targetType", "port", "healthCheck.path", "deregistrationDelay"],
    "aws:cloudwatch/logGroup:LogGroup": ["name", "retentionInDays"],
    "aws:kms/key:Key": ["enableKeyRotation", "deletionWindowInDays"],
    "aws:ecr/repository:Repository": ["imageTagMutability", "imageScanningConfiguration.scanOnPush", "forceDelete"],
    "aws:appautoscaling/target:Target": ["minCapacity", "maxCapacity"],
    "aws:appautoscaling/policy:Policy": [
        "targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType",
        "targetTrackingScalingPolicyConfiguration.targetValue",
    ],
    "aws:ecs/cluster:Cluster": ["settings"],
    "awsx:ec2:Vpc": ["numberOfAvailabilityZones", "natGateways.strategy", "cidrBlock"],
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ["ipProtocol", "fromPort", "cidrIpv4", "description"],
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ["ipProtocol", "fromPort", "cidrIpv4", "description"],
};

function get(o: any, p: string): unknown {
    return p.split(".").reduce((v, k) => (v == null ? undefined : v[k]), o);
}

function summary(r: PlannedResource): string {
    const keys = KEY_INPUTS[r.type] ?? [];
    const parts = keys.map((k) => [k.split(".").pop(), get(r.inputs, k)] as const).filter(([, v]) => v !== undefined);
    return parts.map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : v}`).join(" ");
}

/** The parent → child tree, one line per resource. */
export function resourceTree(resources: PlannedResource[]): string[] {
    const children = new Map<string | null, PlannedResource[]>();
    const urns = new Set(resources.map((r) => r.urn));
    for (const r of resources) {
        const p = r.parent && urns.has(r.parent) ? r.parent : null;
        children.set(p, [...(children.get(p) ?? []), r]);
    }
    const lines: string[] = [];
    const walk = (parent: string | null, prefix: string) => {
        const kids = children.get(parent) ?? [];
        kids.forEach((r, i) => {
            const last = i === kids.length - 1;
            const s = summary(r);
            lines.push(`${prefix}${last ? "└─ " : "├─ "}${r.name} (${r.type})${s ? "  " + s : ""}`);
            walk(r.urn, prefix + (last ? "   " : "│  "));
        });
    };
    walk(null, "");
    return lines;
}

export function countByType(resources: PlannedResource[]): [string, number][] {
    const m = new Map<string, number>();
    for (const r of resources) m.set(r.type, (m.get(r.type) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Which policy profile judged the plan, and why (stack name, --policy-profile, or none). */
export function profileLine(plan: Plan): string {
    const p = plan.policyProfile;
    return p.name ? `profile ${p.name} (${p.reason}; ${p.file})` : `no profile (${p.reason})`;
}

function violationLines(plan: Plan): string[] {
    if (plan.violations.length === 0) return ["  none: every policy passes"];
    return plan.violations.map(
        (v) =>
            `  [${v.level}${v.severity ? "/" + v.severity : ""}] ${v.policy} on ${v.resource}: ${v.message.split("\n").slice(1).join(" ") || v.message}${v.remediation ? `\n      fix: ${v.remediation}` : ""}`,
    );
}

/** The problems AWS or the provider would refuse, one per line; empty when there are none. */
export function constraintLines(plan: Plan): string[] {
    return plan.constraints.map((p) => "  " + formatConstraintProblem(p));
}

/** The error the CLI prints (to stderr) when the stack has values AWS or the provider would refuse. */
export function constraintError(plan: Plan): string {
    const n = plan.constraints.length;
    return [`error: AWS or the provider would refuse ${n} value${n === 1 ? "" : "s"} of stack ${plan.stack}; \`pulumi up\` would fail:`, ...constraintLines(plan)].join("\n");
}

export function renderText(plan: Plan): string {
    const mandatory = plan.violations.filter((v) => v.level === "mandatory").length;
    return [
        `Stack ${plan.stack} (${plan.region}): ${plan.resources.length} resources, ${mandatory} mandatory and ${plan.violations.length - mandatory} advisory policy violations, ${formatTotalPhrase(plan.cost)}`,
        ...(plan.constraints.length > 0
            ? [
                  `${plan.constraints.length} value${plan.constraints.length === 1 ? "" : "s"} AWS or the provider would refuse: this stack cannot deploy (see "AWS and provider constraints")`,
              ]
            : []),
        "",
        "Resources",
        ...resourceTree(plan.resources).map((l) => "  " + l),
        "",
        "Count by type",
        ...countByType(plan.resources).map(([t, n]) => `  ${String(n).padStart(3)}  ${t}`),
        "",
        ...(plan.constraints.length > 0 ? ["AWS and provider constraints (these values would be refused)", ...constraintLines(plan), ""] : []),
        `Policy verdicts, ${profileLine(plan)}`,
        ...violationLines(plan),
        "",
        "Monthly cost (USD)",
        formatCostTable(plan.cost),
    ].join("\n");
}

export function renderMarkdown(plan: Plan): string {
    return [
        `# Plan of stack \`${plan.stack}\` (${plan.region})`,
        "",
        `${plan.resources.length} resources · ${plan.violations.filter((v) => v.level === "mandatory").length} mandatory violations · **${formatTotalPhrase(plan.cost)}**`,
        "",
        "## Architecture",
        "",
        "```mermaid",
        plan.diagram.mermaid,
        "```",
        "",
        ...(plan.constraints.length > 0
            ? [
                  "## AWS and provider constraints",
                  "",
                  "These values would be refused by AWS or the provider:",
                  "",
                  "| resource | property | value | rule | source |\n|---|---|---|---|---|\n" +
                      plan.constraints
                          .map(
                              (p) =>
                                  `| ${p.resource} | ${p.property} | ${JSON.stringify(p.value).replace(/\|/g, "\\|")} | ${p.rule.replace(/\|/g, "\\|")} | ${p.source.replace(/\|/g, "\\|")} |`,
                          )
                          .join("\n"),
                  "",
              ]
            : []),
        "## Policy verdicts",
        "",
        `Judged with ${profileLine(plan)}.`,
        "",
        plan.violations.length === 0
            ? "Every policy passes."
            : "| level | severity | policy | resource | message |\n|---|---|---|---|---|\n" +
              plan.violations.map((v) => `| ${v.level} | ${v.severity ?? ""} | ${v.policy} | ${v.resource} | ${v.message.replace(/\n/g, " ").replace(/\|/g, "\\|")} |`).join("\n"),
        "",
        "## Monthly cost",
        "",
        formatCostMarkdown(plan.cost),
        "",
        "## Resources",
        "",
        "```",
        ...resourceTree(plan.resources),
        "```",
    ].join("\n");
}

/** The documented, stable JSON shape. */
export function renderJson(plan: Plan): string {
    return JSON.stringify(
        {
            stack: plan.stack,
            region: plan.region,
            resources: plan.resources,
            violations: plan.violations.map(({ policy, tags, resource, level, message }) => ({ policy, tags, resource, level, message })),
            cost: plan.cost,
            constraints: plan.constraints,
            diagram: { mermaid: plan.diagram.mermaid },
            policyProfile: { name: plan.policyProfile.name ?? null, file: plan.policyProfile.file ?? null, reason: plan.policyProfile.reason },
        },
        null,
        2,
    );
}
