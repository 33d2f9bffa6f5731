/**
 * Realistic, deterministic answers for resources and invokes under the mock engine: ARNs with a
 * placeholder account and the stack's region, ids, DNS names, availability zones.
 */
import { createHash } from "crypto";
import { AUTO_NAMING, autoName, prefixedName, prefixProperty, PREFIX_SUFFIX_LENGTH } from "./constraints/autoNaming";

/** The account every offline ARN uses (AWS's documentation account). */
export const PLACEHOLDER_ACCOUNT = "123456789012";

export interface MockContext {
    region: string;
    account: string;
}

function hex(seed: string, n: number): string {
    return createHash("sha256").update(seed).digest("hex").slice(0, n);
}

function uuid(seed: string): string {
    const h = hex(seed, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Availability zones of a region: `<region>a`, `b`, … (six, as the large regions have). */
export function availabilityZones(region: string): string[] {
    return ["a", "b", "c", "d", "e", "f"].map((s) => region + s);
}

/**
 * The state (outputs) the cloud would return for a new resource: its inputs plus the computed
 * fields our programs read. `seed` makes every value stable across runs.
 */
export function resourceState(type: string, name: string, inputs: Record<string, any>, ctx: MockContext, seed: string): { id: string; state: Record<string, any> } {
    const { region, account } = ctx;
    const s = { ...inputs };
    // Auto-naming as the provider does it, untruncated: a name too long for the provider or AWS is
    // reported by the constraint checks (tools/offline/constraints), not silently shortened here.
    const naming = AUTO_NAMING[type];
    if (naming && s[naming.property] === undefined) {
        const prefix = s[prefixProperty(naming)];
        s[naming.property] =
            typeof prefix === "string"
                ? prefixedName(prefix, String(parseInt(hex(seed, 12), 16)).padStart(PREFIX_SUFFIX_LENGTH, "2"))
                : autoName(naming, name, hex(seed, naming.randomLength));
    }
    const arn = (service: string, resource: string, regional = true) => `arn:aws:${service}:${regional ? region : ""}:${account}:${resource}`;
    switch (type) {
        case "aws:kms/key:Key": {
            const keyId = uuid(seed);
            return { id: keyId, state: { ...s, keyId, arn: arn("kms", `key/${keyId}`), isEnabled: s.isEnabled ?? true } };
        }
        case "aws:kms/alias:Alias":
            return { id: s.name, state: { ...s, arn: arn("kms", s.name) } };
        case "aws:ecr/repository:Repository": {
            const repoName = s.name;
            return {
                id: repoName,
                state: {
                    ...s,
                    name: repoName,
                    arn: arn("ecr", `repository/${repoName}`),
                    registryId: account,
                    repositoryUrl: `${account}.dkr.ecr.${region}.amazonaws.com/${repoName}`,
                },
            };
        }
        case "docker-build:index:Image": {
            // What docker-build answers after a build and push: the manifest digest, the first tag pinned
            // by it (`ref`), and the hash of the build context it computed.
            const digest = `sha256:${hex(seed + JSON.stringify({ context: inputs.context, dockerfile: inputs.dockerfile, platforms: inputs.platforms, buildArgs: inputs.buildArgs, tags: inputs.tags }), 64)}`;
            const tags: string[] = Array.isArray(s.tags) ? s.tags : [];
            const ref = tags.length > 0 && s.push ? `${tags[0]}@${digest}` : digest;
            return { id: digest, state: { ...s, digest, ref, contextHash: hex(seed + JSON.stringify(inputs.context ?? {}), 64) } };
        }
        case "aws:cloudwatch/logGroup:LogGroup": {
            const n = s.name;
            return { id: n, state: { ...s, name: n, arn: arn("logs", `log-group:${n}`) } };
        }
        case "aws:iam/role:Role": {
            const n = s.name;
            return {
                id: n,
                state: {
                    ...s,
                    name: n,
                    arn: `arn:aws:iam::${account}:role/${s.path && s.path !== "/" ? s.path.replace(/^\/|\/$/g, "") + "/" : ""}${n}`,
                    uniqueId: "AROA" + hex(seed, 17).toUpperCase(),
                },
            };
        }
        case "aws:iam/rolePolicy:RolePolicy":
            return { id: `${s.role}:${s.name}`, state: { ...s, name: s.name } };
        case "aws:ecs/cluster:Cluster": {
            const n = s.name;
            return { id: arn("ecs", `cluster/${n}`), state: { ...s, name: n, arn: arn("ecs", `cluster/${n}`) } };
        }
        case "aws:ecs/taskDefinition:TaskDefinition": {
            const a = arn("ecs", `task-definition/${s.family}:1`);
            return { id: s.family, state: { ...s, arn: a, arnWithoutRevision: arn("ecs", `task-definition/${s.family}`), revision: 1 } };
        }
        case "aws:ecs/service:Service": {
            const n = s.name;
            const cluster = String(s.cluster ?? "default")
                .split("/")
                .pop();
            return { id: arn("ecs", `service/${cluster}/${n}`), state: { ...s, name: n } };
        }
        case "aws:ec2/securityGroup:SecurityGroup": {
            const id = `sg-${hex(seed, 17)}`;
            return { id, state: { ...s, name: s.name, arn: arn("ec2", `security-group/${id}`), ownerId: account } };
        }
        case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
        case "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
            const id = `sgr-${hex(seed, 17)}`;
            return { id, state: { ...s, securityGroupRuleId: id, arn: arn("ec2", `security-group-rule/${id}`) } };
        }
        case "aws:lb/loadBalancer:LoadBalancer":
        case "aws:alb/loadBalancer:LoadBalancer": {
            const n = s.name;
            const suffix = `app/${n}/${hex(seed, 16)}`;
            return {
                id: arn("elasticloadbalancing", `loadbalancer/${suffix}`),
                state: {
                    ...s,
                    name: n,
                    arn: arn("elasticloadbalancing", `loadbalancer/${suffix}`),
                    arnSuffix: suffix,
                    dnsName: `${s.internal ? "internal-" : ""}${n}-${parseInt(hex(seed, 8), 16)}.${region}.elb.amazonaws.com`,
                    zoneId: "Z35SXDOTRQ7X7K",
                },
            };
        }
        case "aws:lb/targetGroup:TargetGroup":
        case "aws:alb/targetGroup:TargetGroup": {
            const n = s.name;
            const suffix = `targetgroup/${n}/${hex(seed, 16)}`;
            return { id: arn("elasticloadbalancing", suffix), state: { ...s, name: n, arn: arn("elasticloadbalancing", suffix), arnSuffix: suffix } };
        }
        // ELBv2 ARN shapes (ELB user guide, "Resource types defined by Elastic Load Balancing V2"):
        // listener      …:listener/app/<lb name>/<lb id>/<listener id>
        // listener rule …:listener-rule/app/<lb name>/<lb id>/<listener id>/<rule id>
        case "aws:lb/listener:Listener":
        case "aws:alb/listener:Listener": {
            const lb = /:loadbalancer\/(app\/[^/]+\/[^/]+)$/.exec(String(s.loadBalancerArn ?? ""))?.[1] ?? `app/${name}/${hex(seed + "lb", 16)}`;
            const a = arn("elasticloadbalancing", `listener/${lb}/${hex(seed, 16)}`);
            return { id: a, state: { ...s, arn: a } };
        }
        case "aws:lb/listenerRule:ListenerRule":
        case "aws:alb/listenerRule:ListenerRule": {
            const listener = /:listener\/(app\/[^/]+\/[^/]+\/[^/]+)$/.exec(String(s.listenerArn ?? ""))?.[1] ?? `app/${name}/${hex(seed + "lb", 16)}/${hex(seed + "l", 16)}`;
            const a = arn("elasticloadbalancing", `listener-rule/${listener}/${hex(seed, 16)}`);
            return { id: a, state: { ...s, arn: a } };
        }
        case "aws:s3/bucketV2:BucketV2":
        case "aws:s3/bucket:Bucket": {
            const b = s.bucket;
            return { id: b, state: { ...s, bucket: b, arn: `arn:aws:s3:::${b}`, bucketDomainName: `${b}.s3.amazonaws.com` } };
        }
        case "aws:wafv2/webAcl:WebAcl": {
            const id = uuid(seed);
            return { id, state: { ...s, arn: arn("wafv2", `regional/webacl/${s.name ?? name}/${id}`) } };
        }
        case "aws:sns/topic:Topic": {
            const n = s.name;
            return { id: arn("sns", n), state: { ...s, name: n, arn: arn("sns", n) } };
        }
        case "aws:appautoscaling/target:Target":
            return { id: s.resourceId, state: { ...s, arn: arn("application-autoscaling", `scalable-target/${hex(seed, 20)}`) } };
        case "aws:appautoscaling/policy:Policy":
            return { id: s.name ?? name, state: { ...s, arn: arn("autoscaling", `scalingPolicy:${uuid(seed)}:resource/${s.resourceId}:policyName/${s.name ?? name}`) } };
        case "aws:ec2/flowLog:FlowLog":
            return { id: `fl-${hex(seed, 17)}`, state: { ...s, arn: arn("ec2", `vpc-flow-log/fl-${hex(seed, 17)}`) } };
        case "aws:ec2/vpcEndpoint:VpcEndpoint":
            return { id: `vpce-${hex(seed, 17)}`, state: { ...s, arn: arn("ec2", `vpc-endpoint/vpce-${hex(seed, 17)}`) } };
        case "awsx:ec2:Vpc":
            return { id: "", state: { ...s, ...awsxVpcState(inputs, ctx, seed) } };
        default: {
            const id = `${name}-${hex(seed, 8)}`;
            return { id, state: { ...s, arn: s.arn ?? arn(type.split(":")[1]?.split("/")[0] ?? "unknown", id) } };
        }
    }
}

/** What awsx's `ec2.Vpc` returns (its children do not register under mocks, so its outputs are answered here). */
function awsxVpcState(inputs: Record<string, any>, ctx: MockContext, seed: string): Record<string, any> {
    const azs: string[] = inputs.availabilityZoneNames ?? availabilityZones(ctx.region).slice(0, inputs.numberOfAvailabilityZones ?? 3);
    const vpcId = `vpc-${hex(seed, 17)}`;
    const strategy = inputs.natGateways?.strategy ?? "OnePerAz";
    return {
        vpcId,
        publicSubnetIds: azs.map((az) => `subnet-${hex(seed + "public" + az, 17)}`),
        privateSubnetIds: azs.map((az) => `subnet-${hex(seed + "private" + az, 17)}`),
        isolatedSubnetIds: [],
        eips: [],
        natGatewayCount: strategy === "None" ? 0 : strategy === "Single" ? 1 : azs.length,
    };
}

/** Answers to the invokes our programs make. */
export function invokeResult(token: string, inputs: Record<string, any>, ctx: MockContext): Record<string, any> {
    const { region, account } = ctx;
    switch (token) {
        case "aws:index/getRegion:getRegion":
            return { id: region, name: region, region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { id: account, accountId: account, arn: `arn:aws:iam::${account}:user/offline`, userId: "AIDAOFFLINE" };
        case "aws:index/getPartition:getPartition":
            return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
        case "aws:index/getAvailabilityZones:getAvailabilityZones": {
            const names = availabilityZones(region);
            return { id: region, names, zoneIds: names.map((_, i) => `${region.replace(/-/g, "").slice(0, 4)}-az${i + 1}`), groupNames: [region] };
        }
        case "aws:ecr/getAuthorizationToken:getAuthorizationToken":
            return {
                id: region,
                authorizationToken: Buffer.from("AWS:offline-token").toString("base64"),
                userName: "AWS",
                password: "offline-token",
                proxyEndpoint: `https://${account}.dkr.ecr.${region}.amazonaws.com`,
                expiresAt: "2099-01-01T00:00:00Z",
            };
        case "aws:ec2/getVpc:getVpc":
            return { id: inputs.id, cidrBlock: "10.0.0.0/16", arn: `arn:aws:ec2:${region}:${account}:vpc/${inputs.id}` };
        case "aws:ec2/getRouteTables:getRouteTables":
            return { id: region, ids: [`rtb-${hex(JSON.stringify(inputs), 17)}`] };
        case "aws:elb/getServiceAccount:getServiceAccount":
            return { id: region, arn: `arn:aws:iam::127311923021:root` };
        case "aws:ecs/getCluster:getCluster":
            return {
                id: `arn:aws:ecs:${region}:${account}:cluster/${inputs.clusterName}`,
                arn: `arn:aws:ecs:${region}:${account}:cluster/${inputs.clusterName}`,
                clusterName: inputs.clusterName,
            };
        default:
            return {};
    }
}
