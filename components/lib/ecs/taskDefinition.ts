/**
 * The arguments of a Fargate task definition: its size (given and validated, or the cheapest that
 * fits) and its containers with our secure defaults. Shared by services and scheduled tasks; it
 * registers nothing, so the caller decides which component owns the task definition.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { cheapestFargateSize, isValidFargateSize, describeAllowedMemory } from "./fargateSizes";
import { CpuArchitecture } from "../enums";
import { ContainerSettings, ContainerSpec, EXEC_AGENT_VOLUMES, TMP_VOLUME, containerDefinition, containerNeeds } from "./containerDefinitions";

/** Task size: the given pair (validated) or the cheapest that fits, with 512 MiB for a main container without limits. */
export function taskSize(containers: ContainerSpec[], main: string, cpu?: number, memory?: number): { cpu: number; memory: number } {
    if (cpu !== undefined || memory !== undefined) {
        if (cpu === undefined || memory === undefined || !isValidFargateSize(cpu, memory)) {
            throw new Error(`Task size cpu=${cpu} memory=${memory} is not offered by Fargate; ${cpu !== undefined ? describeAllowedMemory(cpu) : "set both cpu and memory"}`);
        }
        return { cpu, memory };
    }
    const needs = containerNeeds(containers);
    const mainSpec = containers.find((c) => c.name === main);
    const mainHasLimit = mainSpec && (mainSpec.memory !== undefined || mainSpec.memoryReservation !== undefined);
    return cheapestFargateSize(needs.cpu, needs.memory + (mainHasLimit ? 0 : 512));
}

/** What a Fargate task definition is built from. */
export interface FargateTaskDefinitionSpec {
    /** Task definition family (and awslogs stream prefix). */
    family: string;
    /** Containers, images possibly still Outputs. At least one. */
    containers: (ContainerSettings & { image: pulumi.Input<string> })[];
    /** The main container: it gets the rest of the task's memory as its reservation when it sets no limit. */
    mainContainerName: string;
    /**
     * Port of the main container that a load balancer reaches (listed first in its port mappings).
     * @default none
     */
    mainContainerPort?: number;
    /**
     * Task CPU units.
     * @default the cheapest valid size
     */
    cpu?: number;
    /**
     * Task memory in MiB.
     * @default the cheapest valid size
     */
    memory?: number;
    /**
     * CPU architecture: "x86_64" or "arm64".
     * @default "x86_64"
     */
    architecture?: CpuArchitecture;
    executionRoleArn: pulumi.Input<string>;
    taskRoleArn: pulumi.Input<string>;
    /** Log group every container writes to. */
    logGroupName: pulumi.Input<string>;
    /** Region of the log group. */
    region: pulumi.Input<string>;
    /**
     * Run an init process in every container (ECS Exec).
     * @default false
     */
    initProcess?: boolean;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /**
     * Raw arguments merged over ours.
     * @default none
     */
    overrides?: Partial<aws.ecs.TaskDefinitionArgs>;
}

/** What keeps the containers from making a task definition: none, no main container, a name twice, or a size Fargate does not offer or that cannot hold them. */
export function taskDefinitionProblems(containers: readonly ContainerSettings[], main: string | undefined, cpu?: number, memory?: number): string[] {
    if (containers.length === 0) return ["at least one container is required"];
    const problems: string[] = [];
    const names = containers.map((c) => c.name);
    if (main === undefined || !names.includes(main)) problems.push(`container "${main}" is not one of the containers (${names.join(", ")})`);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) problems.push(`container name "${dup}" is used twice`);
    try {
        taskSize(
            containers.map((c) => ({ ...c, image: "" }) as ContainerSpec),
            main ?? names[0],
            cpu,
            memory,
        );
    } catch (e) {
        problems.push((e as Error).message);
    }
    return problems;
}

/**
 * Checks the containers (at least one, unique names, the main one present) and returns the task
 * definition's arguments and size: awsvpc, Fargate only, a writable /tmp volume, and container
 * definitions with our secure defaults logging to the log group.
 */
export function fargateTaskDefinitionArgs(spec: FargateTaskDefinitionSpec): { args: aws.ecs.TaskDefinitionArgs; cpu: number; memory: number } {
    const { containers, mainContainerName: main } = spec;
    if (containers.length === 0) throw new Error("at least one container is required");
    const names = containers.map((c) => c.name);
    if (!names.includes(main)) throw new Error(`container "${main}" is not one of the containers (${names.join(", ")})`);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) throw new Error(`container name "${dup}" is used twice`);

    const specs = containers.map((c) => ({ ...c, image: "" }) as ContainerSpec);
    const size = taskSize(specs, main, spec.cpu, spec.memory);
    const others = containerNeeds(specs.filter((c) => c.name !== main)).memory;
    const port = spec.mainContainerPort;
    const containerDefinitions = pulumi.all([pulumi.all(containers.map((c) => c.image)), spec.logGroupName, spec.region]).apply(([images, logGroupName, region]) =>
        JSON.stringify(
            containers.map((c, i) => {
                const def: ContainerSpec = { ...c, image: images[i] };
                if (c.name === main) {
                    if (port !== undefined) def.portMappings = [{ containerPort: port }, ...(c.portMappings ?? []).filter((p) => p.containerPort !== port)];
                    if (def.memory === undefined && def.memoryReservation === undefined) def.memoryReservation = size.memory - others;
                }
                return containerDefinition(def, { logGroupName, region, streamPrefix: spec.family }, spec.initProcess ?? false);
            }),
        ),
    );
    return {
        cpu: size.cpu,
        memory: size.memory,
        args: {
            family: spec.family,
            networkMode: "awsvpc",
            requiresCompatibilities: ["FARGATE"],
            cpu: String(size.cpu),
            memory: String(size.memory),
            runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: spec.architecture === "arm64" ? "ARM64" : "X86_64" },
            executionRoleArn: spec.executionRoleArn,
            taskRoleArn: spec.taskRoleArn,
            volumes: [
                { name: TMP_VOLUME },
                ...(spec.initProcess && containers.some((c) => c.readonlyRootFilesystem ?? true) ? EXEC_AGENT_VOLUMES.map((v) => ({ name: v.name })) : []),
            ],
            containerDefinitions,
            tags: spec.tags,
            ...(spec.overrides ?? {}),
        },
    };
}
