/**
 * Runtime permissions of a planned stack, simulated with `@cloud-copilot/iam-simulate` (an IAM
 * policy evaluator built on AWS's documented evaluation logic): each role's inline policies are its
 * identity policies, and the stack's key, queue, topic, bucket and repository policies are the
 * resource policies of requests on those resources. What ECS, Scheduler and CloudWatch Logs will do
 * at run time is derived from the recorded task definitions, services and schedules, not from the
 * policies under test.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { RecordedResource } from "../../tools/offline/types";
import { PLACEHOLDER_ACCOUNT } from "../../tools/offline/mockValues";
import { json, ofType } from "./offline";

export const ACCOUNT = PLACEHOLDER_ACCOUNT;

/** The AWS default key policy (the account administers the key through IAM), for keys the stack only references. */
export function defaultKeyPolicy(account = ACCOUNT): object {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }],
    };
}

/** One request to simulate. */
export interface Request {
    /** Who calls: a role of the stack (logical name) or a service principal such as `logs.us-east-1.amazonaws.com`. */
    principal: string;
    action: string;
    resource: string;
    context?: Record<string, string | string[]>;
}

/** The verdict: `Allowed`, `ImplicitlyDenied`, `ExplicitlyDenied`, or `error: …` when the simulator refuses the input. */
export type Verdict = string;

/** The stack's IAM as the simulator needs it. */
export class StackPermissions {
    readonly roles: RecordedResource[];
    private readonly resourcePolicies = new Map<string, unknown>();

    constructor(
        readonly resources: RecordedResource[],
        externalKeyArns: string[] = [],
    ) {
        this.roles = ofType(resources, "aws:iam/role:Role");
        for (const k of ofType(resources, "aws:kms/key:Key")) if (k.inputs.policy) this.resourcePolicies.set(k.outputs.arn, json(k.inputs.policy));
        for (const k of ofType(resources, "aws:kms/keyPolicy:KeyPolicy")) {
            const key = resources.find((r) => r.type === "aws:kms/key:Key" && (r.outputs.id === k.inputs.keyId || r.outputs.arn === k.inputs.keyId));
            if (key) this.resourcePolicies.set(key.outputs.arn, json(k.inputs.policy));
        }
        for (const arn of externalKeyArns) if (!this.resourcePolicies.has(arn)) this.resourcePolicies.set(arn, defaultKeyPolicy());
        const byUrn = new Map(resources.map((r) => [r.urn, r]));
        const target = (r: RecordedResource, prop: string) => (r.propertyDependencies[prop] ?? []).map((u) => byUrn.get(u)).find((x) => x && x.custom);
        for (const q of ofType(resources, "aws:sqs/queue:Queue")) if (q.inputs.policy) this.resourcePolicies.set(q.outputs.arn, json(q.inputs.policy));
        for (const p of ofType(resources, "aws:sqs/queuePolicy:QueuePolicy")) {
            const q = target(p, "queueUrl");
            if (q) this.resourcePolicies.set(q.outputs.arn, json(p.inputs.policy));
        }
        for (const p of ofType(resources, "aws:sns/topicPolicy:TopicPolicy")) {
            const t = target(p, "arn");
            if (t) this.resourcePolicies.set(t.outputs.arn, json(p.inputs.policy));
        }
        for (const p of ofType(resources, "aws:ecr/repositoryPolicy:RepositoryPolicy")) {
            const repo = target(p, "repository");
            if (repo) this.resourcePolicies.set(repo.outputs.arn, json(p.inputs.policy));
        }
    }

    /** A role of the stack by ARN, logical name, or a suffix of it (`-execution`). */
    role(name: string): RecordedResource {
        if (name.startsWith("arn:")) return this.roleByArn(name);
        const r = this.roles.find((x) => x.name === name) ?? this.roles.filter((x) => x.name.endsWith(name))[0];
        if (!r) throw new Error(`no role ${name} (roles: ${this.roles.map((x) => x.name).join(", ")})`);
        return r;
    }

    /** The role whose ARN this is. */
    roleByArn(arn: string): RecordedResource {
        const r = this.roles.find((x) => x.outputs.arn === arn);
        if (!r) throw new Error(`no role with ARN ${arn}`);
        return r;
    }

    /** The role's identity policies: inline `inlinePolicies` and every RolePolicy on it. */
    identityPolicies(role: RecordedResource): { name: string; policy: any }[] {
        const inline = (role.inputs.inlinePolicies ?? []).map((p: any, i: number) => ({ name: p.name ?? `inline-${i}`, policy: json(p.policy) }));
        const attached = ofType(this.resources, "aws:iam/rolePolicy:RolePolicy")
            .filter((p) => p.inputs.role === role.outputs.name || p.inputs.role === role.outputs.id)
            .map((p) => ({ name: p.name, policy: json(p.inputs.policy) }));
        return [...inline, ...attached];
    }

    /** The resource policy of a resource the stack creates (or of an external key), by ARN. */
    resourcePolicyOf(arn: string): unknown {
        return this.resourcePolicies.get(arn);
    }

    /** Simulate one request. */
    async decide(req: Request): Promise<Verdict> {
        const isService = /\.amazonaws\.com$/.test(req.principal);
        const role = isService ? undefined : this.role(req.principal);
        const resourcePolicy = this.resourcePolicyOf(req.resource);
        const result = await runSimulation(
            {
                request: {
                    principal: role ? `arn:aws:sts::${ACCOUNT}:assumed-role/${role.outputs.name}/session` : req.principal,
                    action: req.action,
                    resource: { resource: req.resource, accountId: ACCOUNT },
                    contextVariables: req.context ?? {},
                },
                identityPolicies: role ? this.identityPolicies(role) : [],
                serviceControlPolicies: [],
                resourceControlPolicies: [],
                ...(resourcePolicy ? { resourcePolicy } : {}),
            },
            {},
        );
        if (result.resultType === "error") return `error: ${JSON.stringify(result.errors)}`;
        return result.overallResult;
    }

    /** Every request's verdict (`Allowed`, `Denied` or the simulator's error), labelled, for one assertion with a readable diff. */
    async decideAll(requests: Request[]): Promise<string[]> {
        const out: string[] = [];
        for (const r of requests) out.push(`${this.label(r)} → ${(await this.decide(r)).replace(/^(Implicitly|Explicitly)Denied$/, "Denied")}`);
        return out;
    }

    /** `who action resource [context]`, who being the role's logical name. */
    label(r: Request): string {
        const who = /\.amazonaws\.com$/.test(r.principal) ? r.principal : this.role(r.principal).name;
        return `${who} ${r.action} ${r.resource}${r.context ? ` ${JSON.stringify(r.context)}` : ""}`;
    }

    /** `label → verdict` for each request, the shape `decideAll` is compared with. */
    expecting(requests: Request[], verdict: "Allowed" | "Denied"): string[] {
        return requests.map((r) => `${this.label(r)} → ${verdict}`);
    }
}

/** The ECR repository ARN of a private ECR image URI, or undefined for a public or third-party image. */
export function ecrRepositoryArn(image: string): string | undefined {
    const m = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/.exec(image);
    return m ? `arn:aws:ecr:${m[2]}:${m[1]}:repository/${m[3]}` : undefined;
}

/**
 * The ARN IAM evaluates for a container secret's `valueFrom`: a Secrets Manager secret's full ARN
 * (a JSON-key suffix dropped; a partial ARN, which lacks the 6-character suffix AWS adds, gets the
 * suffix the real secret has), or the SSM parameter ARN.
 */
export function secretRuntimeArn(valueFrom: string): string {
    const sm = /^(arn:[^:]+:secretsmanager:[^:]+:\d{12}:secret:[^:]+)/.exec(valueFrom);
    if (!sm) return valueFrom;
    return /-[A-Za-z0-9]{6}$/.test(sm[1]) ? sm[1] : `${sm[1]}-Xy12Zw`;
}

/** What ECS does with a task definition's execution role when it starts a task: pull, log, read secrets. */
export function executionRoleRequests(taskDefinition: RecordedResource, region: string): { role: string; requests: Request[] } {
    const containers = json(taskDefinition.inputs.containerDefinitions) as any[];
    const role = taskDefinition.inputs.executionRoleArn as string;
    const requests: Request[] = [];
    const repos = [...new Set(containers.map((c) => ecrRepositoryArn(c.image)).filter((x): x is string => !!x))];
    if (repos.length > 0) requests.push({ principal: role, action: "ecr:GetAuthorizationToken", resource: "*" });
    for (const repo of repos) {
        for (const action of ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]) requests.push({ principal: role, action, resource: repo });
    }
    for (const c of containers) {
        const o = c.logConfiguration?.options;
        if (c.logConfiguration?.logDriver === "awslogs" && o) {
            const stream = `arn:aws:logs:${o["awslogs-region"] ?? region}:${ACCOUNT}:log-group:${o["awslogs-group"]}:log-stream:${o["awslogs-stream-prefix"]}/${c.name}/0123456789abcdef`;
            requests.push({ principal: role, action: "logs:CreateLogStream", resource: stream }, { principal: role, action: "logs:PutLogEvents", resource: stream });
        }
        for (const s of c.secrets ?? []) {
            const arn = secretRuntimeArn(s.valueFrom);
            requests.push({ principal: role, action: arn.includes(":secretsmanager:") ? "secretsmanager:GetSecretValue" : "ssm:GetParameters", resource: arn });
        }
    }
    return { role, requests };
}

/** Requests AWS services make with the stack's roles at run time (allow), and requests those roles must not be able to make (deny). */
export interface RuntimeRequests {
    allow: Request[];
    deny: Request[];
}

/** The ARN of a log group by name. */
function logGroupArn(region: string, name: string): string {
    return `arn:aws:logs:${region}:${ACCOUNT}:log-group:${name}`;
}

/**
 * What ECS, EventBridge Scheduler and CloudWatch Logs will do with the stack's roles and keys, read
 * from what the stack registered: task definitions (images, log configuration, secrets), the
 * cluster's Exec configuration, services' traffic-shifting configuration, schedules and log groups.
 * And a set of neighbouring requests each role must be denied: other repositories, log groups,
 * secrets, keys, roles, clusters, task families, rules and target groups, and writes it has no
 * business making.
 */
export function runtimeRequests(p: StackPermissions, region: string): RuntimeRequests {
    const allow: Request[] = [];
    const deny: Request[] = [];
    const res = p.resources;
    const other = (arn: string, from: RegExp, to: string) => arn.replace(from, to);
    const OTHER_KEY = `arn:aws:kms:${region}:${ACCOUNT}:key/00000000-0000-0000-0000-000000000000`;

    for (const td of ofType(res, "aws:ecs/taskDefinition:TaskDefinition")) {
        const { role, requests } = executionRoleRequests(td, region);
        allow.push(...requests);
        const repo = requests.find((r) => r.action === "ecr:BatchGetImage");
        if (repo) {
            deny.push({ principal: role, action: "ecr:BatchGetImage", resource: other(repo.resource, /repository\/.*$/, "repository/someone-else") });
            deny.push({ principal: role, action: "ecr:PutImage", resource: repo.resource });
        }
        const stream = requests.find((r) => r.action === "logs:PutLogEvents");
        if (stream) {
            deny.push({ principal: role, action: "logs:PutLogEvents", resource: other(stream.resource, /log-group:[^:]+:/, "log-group:/someone/else:") });
            deny.push({ principal: role, action: "logs:DeleteLogGroup", resource: stream.resource.replace(/:log-stream:.*$/, "") });
        }
        const secret = requests.find((r) => r.action === "secretsmanager:GetSecretValue");
        if (secret) {
            deny.push({ principal: role, action: "secretsmanager:GetSecretValue", resource: `arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:someone-else-AbCdEf` });
            if (td.inputs.taskRoleArn) deny.push({ principal: td.inputs.taskRoleArn, action: "secretsmanager:GetSecretValue", resource: secret.resource });
        }
        deny.push(
            { principal: role, action: "kms:Decrypt", resource: OTHER_KEY },
            { principal: role, action: "iam:PassRole", resource: `arn:aws:iam::${ACCOUNT}:role/admin` },
            { principal: role, action: "s3:PutObject", resource: "arn:aws:s3:::any-bucket/any-key" },
            { principal: role, action: "iam:CreateRole", resource: `arn:aws:iam::${ACCOUNT}:role/new` },
        );
        if (td.inputs.taskRoleArn) {
            deny.push(
                { principal: td.inputs.taskRoleArn, action: "ecr:BatchGetImage", resource: repo?.resource ?? `arn:aws:ecr:${region}:${ACCOUNT}:repository/any` },
                { principal: td.inputs.taskRoleArn, action: "s3:PutObject", resource: "arn:aws:s3:::any-bucket/any-key" },
                { principal: td.inputs.taskRoleArn, action: "iam:PassRole", resource: role },
            );
        }
    }

    // The keys the execution role decrypts with: the ones it is granted on and that the stack uses for its repository or secrets.
    for (const rp of ofType(res, "aws:iam/rolePolicy:RolePolicy")) {
        const doc = json(rp.inputs.policy);
        const decrypt = (doc.Statement ?? []).find((s: any) => s.Sid === "DecryptWithServiceKeys");
        if (!decrypt) continue;
        const role = p.roles.find((r) => r.outputs.name === rp.inputs.role)!;
        for (const key of [].concat(decrypt.Resource)) allow.push({ principal: role.outputs.arn, action: "kms:Decrypt", resource: key });
    }

    // (CloudWatch Logs' own use of each log group's key is conditioned on `kms:EncryptionContext:aws:logs:arn`;
    // iam-simulate 0.1.173 drops context keys whose variable part follows a colon, so that grant is checked by
    // the key policy tests (components/lib/kms/keyPolicy.ts) rather than simulated here.)

    // ECS Exec: the task role opens the SSM channels, writes the session log encrypted, and decrypts with the exec key.
    for (const cluster of ofType(res, "aws:ecs/cluster:Cluster")) {
        const exec = cluster.inputs.configuration?.executeCommandConfiguration;
        if (!exec) continue;
        for (const svc of ofType(res, "aws:ecs/service:Service").filter((s) => s.inputs.enableExecuteCommand)) {
            const td = res.find((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition" && r.outputs.arn === svc.inputs.taskDefinition)!;
            const taskRole = td.inputs.taskRoleArn;
            for (const action of [
                "ssmmessages:CreateControlChannel",
                "ssmmessages:CreateDataChannel",
                "ssmmessages:OpenControlChannel",
                "ssmmessages:OpenDataChannel",
                "logs:DescribeLogGroups",
            ]) {
                allow.push({ principal: taskRole, action, resource: "*" });
            }
            const group = exec.logConfiguration.cloudWatchLogGroupName;
            const stream = `${logGroupArn(region, group)}:log-stream:ecs-execute-command-0123456789abcdef`;
            allow.push(
                { principal: taskRole, action: "logs:CreateLogStream", resource: stream },
                { principal: taskRole, action: "logs:PutLogEvents", resource: stream },
                { principal: taskRole, action: "logs:DescribeLogStreams", resource: `${logGroupArn(region, group)}:*` },
            );
            allow.push({ principal: taskRole, action: "kms:Decrypt", resource: exec.kmsKeyId }, { principal: taskRole, action: "kms:GenerateDataKey", resource: exec.kmsKeyId });
            deny.push(
                { principal: taskRole, action: "logs:PutLogEvents", resource: `${logGroupArn(region, "/someone/else")}:log-stream:x` },
                { principal: taskRole, action: "kms:Decrypt", resource: OTHER_KEY },
            );
        }
    }

    // EventBridge Scheduler: RunTask of the service's task definition in its cluster, PassRole of exactly its roles to ECS tasks, tag the tasks it starts, dead letters.
    for (const schedule of ofType(res, "aws:scheduler/schedule:Schedule")) {
        const t = schedule.inputs.target;
        const role = t.roleArn;
        const tdArn = t.ecsParameters.taskDefinitionArn;
        const td = res.find((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition" && r.outputs.arn === tdArn)!;
        const cluster = t.arn;
        const clusterName = cluster.split("/").pop();
        const ctx = { "ecs:cluster": cluster };
        allow.push({ principal: role, action: "ecs:RunTask", resource: tdArn, context: ctx });
        for (const passed of [td.inputs.executionRoleArn, td.inputs.taskRoleArn])
            allow.push({ principal: role, action: "iam:PassRole", resource: passed, context: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } });
        const task = `arn:aws:ecs:${region}:${ACCOUNT}:task/${clusterName}/0123456789abcdef0123456789abcdef`;
        allow.push({ principal: role, action: "ecs:TagResource", resource: task, context: { "ecs:CreateAction": "RunTask" } });
        const dlq = t.deadLetterConfig?.arn;
        if (dlq) {
            allow.push({ principal: role, action: "sqs:SendMessage", resource: dlq });
            const queue = res.find((r) => r.type === "aws:sqs/queue:Queue" && r.outputs.arn === dlq);
            const key = queue?.inputs.kmsMasterKeyId;
            if (key && key.startsWith("arn:"))
                allow.push({ principal: role, action: "kms:GenerateDataKey", resource: key }, { principal: role, action: "kms:Decrypt", resource: key });
            deny.push(
                { principal: role, action: "sqs:SendMessage", resource: other(dlq, /:[^:]+$/, ":someone-else") },
                { principal: role, action: "sqs:DeleteQueue", resource: dlq },
            );
        }
        deny.push(
            { principal: role, action: "ecs:RunTask", resource: other(tdArn, /task-definition\/[^:]+/, "task-definition/someone-else"), context: ctx },
            { principal: role, action: "ecs:RunTask", resource: tdArn, context: { "ecs:cluster": other(cluster, /cluster\/.*$/, "cluster/someone-else") } },
            { principal: role, action: "iam:PassRole", resource: `arn:aws:iam::${ACCOUNT}:role/admin`, context: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
            { principal: role, action: "iam:PassRole", resource: td.inputs.taskRoleArn, context: { "iam:PassedToService": "lambda.amazonaws.com" } },
            { principal: role, action: "ecs:StopTask", resource: task },
            { principal: role, action: "ecs:TagResource", resource: `arn:aws:ecs:${region}:${ACCOUNT}:task/someone-else/0123`, context: { "ecs:CreateAction": "RunTask" } },
        );
    }

    // ECS-native blue/green, canary and linear: the load balancer role shifts the production (and test) rule's weights and (de)registers tasks.
    for (const svc of ofType(res, "aws:ecs/service:Service")) {
        for (const lb of svc.inputs.loadBalancers ?? []) {
            const a = lb.advancedConfiguration;
            if (!a) continue;
            const role = a.roleArn;
            const rules = [a.productionListenerRule, a.testListenerRule].filter((x: unknown): x is string => typeof x === "string");
            const listeners = rules
                .map((r: string) => res.find((x) => x.type === "aws:lb/listenerRule:ListenerRule" && x.outputs.arn === r)?.inputs.listenerArn)
                .filter((x): x is string => !!x);
            for (const r of rules) allow.push({ principal: role, action: "elasticloadbalancing:ModifyRule", resource: r });
            for (const l of listeners) allow.push({ principal: role, action: "elasticloadbalancing:ModifyListener", resource: l });
            for (const tg of [lb.targetGroupArn, a.alternateTargetGroupArn]) {
                allow.push(
                    { principal: role, action: "elasticloadbalancing:RegisterTargets", resource: tg },
                    { principal: role, action: "elasticloadbalancing:DeregisterTargets", resource: tg },
                );
            }
            for (const action of [
                "elasticloadbalancing:DescribeListeners",
                "elasticloadbalancing:DescribeRules",
                "elasticloadbalancing:DescribeTargetGroups",
                "elasticloadbalancing:DescribeTargetHealth",
            ]) {
                allow.push({ principal: role, action, resource: "*" });
            }
            deny.push(
                { principal: role, action: "elasticloadbalancing:ModifyRule", resource: other(rules[0], /\/[0-9a-f]+$/, "/0000000000000000") },
                { principal: role, action: "elasticloadbalancing:RegisterTargets", resource: other(lb.targetGroupArn, /targetgroup\/[^/]+/, "targetgroup/someone-else") },
                { principal: role, action: "elasticloadbalancing:DeleteListener", resource: listeners[0] },
                { principal: role, action: "iam:PassRole", resource: `arn:aws:iam::${ACCOUNT}:role/admin` },
            );
        }
    }
    return { allow, deny };
}
