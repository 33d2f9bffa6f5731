/** The ECS cluster: a new one with its Container Insights level, or yours. Owned by the platform on a shared platform. */
import * as pulumi from "@pulumi/pulumi";
import { OptionProblem, OptionTable, Resolved, applyDefaults } from "./optionTable";
import { Problems } from "./checks";
import { ContainerInsights } from "../lib/enums";
import { ECS_CLUSTER_ARN } from "../lib/iam/arns";

export interface ClusterOptions {
    /**
     * Run in this existing ECS cluster (ARN) instead of creating one.
     * @default a new cluster
     */
    arn?: pulumi.Input<string>;
    /**
     * Container Insights of a new cluster: "disabled", "enabled" or "enhanced" (billed as custom metrics).
     * @default "disabled"
     */
    containerInsights?: ContainerInsights;
}

export const CLUSTER_OPTIONS: OptionTable<ClusterOptions> = {
    arn: { defaultText: "a new cluster", description: "Run in an existing ECS cluster instead of creating one." },
    containerInsights: { default: "disabled", description: "Container Insights: `disabled`, `enabled` or `enhanced` (billed as custom metrics)." },
};

export type ResolvedClusterOptions = Resolved<ClusterOptions, "containerInsights">;

export function resolveClusterOptions(given: ClusterOptions | undefined): ResolvedClusterOptions {
    return applyDefaults(CLUSTER_OPTIONS, given) as ResolvedClusterOptions;
}

export function clusterOptionsProblems(o: ResolvedClusterOptions, prefix = "cluster"): OptionProblem[] {
    const p = new Problems(prefix);
    p.matches("arn", o.arn, ECS_CLUSTER_ARN, "an ECS cluster ARN (arn:aws:ecs:<region>:<account>:cluster/<name>)");
    p.oneOf("containerInsights", o.containerInsights, Object.values(ContainerInsights));
    return p.list;
}
