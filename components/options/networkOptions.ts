/** The VPC a service (or a platform) runs in: a new one, or yours. Owned by the platform on a shared platform. */
import * as pulumi from "@pulumi/pulumi";
import { OptionProblem, OptionTable, Resolved, applyDefaults } from "./optionTable";
import { Problems, isKnown } from "./checks";
import { NatStrategy } from "../lib/enums";
import { isValidCidr } from "../lib/ec2/addresses";

export interface NetworkOptions {
    /**
     * NAT of a new VPC: "none" (tasks in public subnets with public IPs, $0 NAT), "single" or "perAz" (tasks in private subnets).
     * @default "none"
     */
    natStrategy?: NatStrategy;
    /**
     * Availability zones of a new VPC (2–6).
     * @default 2
     */
    azCount?: number;
    /**
     * CIDR of a new VPC (/16 to /24).
     * @default "10.0.0.0/16"
     */
    vpcCidr?: string;
    /**
     * Existing VPC id (with both subnet lists).
     * @default a new VPC
     */
    vpcId?: pulumi.Input<string>;
    /**
     * Existing public subnets (the load balancer). Required with `vpcId`.
     * @default none
     */
    publicSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Existing private subnets (the tasks). Required with `vpcId`.
     * @default none
     */
    privateSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * VPC flow logs to a log group encrypted with the key.
     * @default false
     */
    flowLogs?: boolean;
    /**
     * Interface endpoints for ECR and CloudWatch Logs plus an S3 gateway endpoint.
     * @default false
     */
    vpcEndpoints?: boolean;
    /**
     * More interface endpoints, e.g. ["secretsmanager", "ssm"] (a service adds the ones its secrets and ECS Exec need).
     * @default []
     */
    extraEndpointServices?: string[];
}

export const NETWORK_OPTIONS: OptionTable<NetworkOptions> = {
    natStrategy: { default: "none", description: "`none` (tasks in public subnets with public IPs, $0 NAT), `single` or `perAz` (tasks in private subnets)." },
    azCount: { default: 2, description: "Availability zones for a new VPC (2–6)." },
    vpcCidr: { default: "10.0.0.0/16", description: "CIDR of a new VPC." },
    vpcId: { defaultText: "a new VPC", description: "Bring your own VPC (with `publicSubnetIds` and `privateSubnetIds`)." },
    publicSubnetIds: { description: "Public subnets of your VPC (ALB, and tasks when `natStrategy` is `none`)." },
    privateSubnetIds: { description: "Private subnets of your VPC (tasks)." },
    flowLogs: { default: false, description: "VPC flow logs to an encrypted log group (new VPC or your own)." },
    vpcEndpoints: {
        default: false,
        description: "Interface endpoints for ECR, logs (and Secrets Manager/SSM when used) plus an S3 gateway endpoint, so image pulls and logs bypass the NAT.",
    },
    extraEndpointServices: { default: [], description: "More interface endpoint services (a service adds the ones its secrets and ECS Exec need)." },
};

export type ResolvedNetworkOptions = Resolved<NetworkOptions, "natStrategy" | "azCount" | "vpcCidr" | "flowLogs" | "vpcEndpoints" | "extraEndpointServices">;

export function resolveNetworkOptions(given: NetworkOptions | undefined): ResolvedNetworkOptions {
    return applyDefaults(NETWORK_OPTIONS, given) as ResolvedNetworkOptions;
}

/** A NAT strategy, 2–6 AZs, an IPv4 CIDR of /16 to /24, and a brought VPC with two or more subnets of each kind. */
export function networkOptionsProblems(o: ResolvedNetworkOptions, prefix = "network"): OptionProblem[] {
    const p = new Problems(prefix);
    p.oneOf("natStrategy", o.natStrategy, Object.values(NatStrategy));
    p.intIn("azCount", o.azCount, 2, 6, " (at least 2 for an ALB)");
    if (typeof o.vpcCidr !== "string" || !isValidCidr(o.vpcCidr) || o.vpcCidr.includes(":")) p.add("vpcCidr", o.vpcCidr, "must be an IPv4 CIDR such as 10.0.0.0/16");
    else if (Number(o.vpcCidr.split("/")[1]) > 24 || Number(o.vpcCidr.split("/")[1]) < 16)
        p.add("vpcCidr", o.vpcCidr, "prefix must be from /16 to /24 so every AZ gets a public and a private subnet");
    const byo = [o.vpcId, o.publicSubnetIds, o.privateSubnetIds].filter((x) => x !== undefined).length;
    if (byo > 0) {
        if (o.vpcId === undefined) p.add("vpcId", o.vpcId, "must be a VPC id (vpc-…) when you bring your own subnets");
        else p.matches("vpcId", o.vpcId, /^vpc-[0-9a-f]{8,17}$/, "a VPC id (vpc-…) when you bring your own subnets");
        for (const k of ["publicSubnetIds", "privateSubnetIds"] as const) {
            const ids = o[k];
            if (ids === undefined) p.add(k, ids, "must list at least 2 subnet ids (one per AZ) when you bring your own VPC");
            else if (!isKnown(ids)) continue;
            else if (!Array.isArray(ids) || ids.length < 2) p.add(k, ids, "must list at least 2 subnet ids (one per AZ) when you bring your own VPC");
            else ids.forEach((id, i) => p.matches(`${k}[${i}]`, id, /^subnet-[0-9a-f]{8,17}$/, "a subnet id (subnet-…)"));
        }
    }
    p.bool("flowLogs", o.flowLogs);
    p.bool("vpcEndpoints", o.vpcEndpoints);
    (o.extraEndpointServices ?? []).forEach((s, i) =>
        p.matches(`extraEndpointServices[${i}]`, s, /^[a-z0-9-]+(\.[a-z0-9-]+)*$/, "an endpoint service name such as secretsmanager or ssm"),
    );
    return p.list;
}
