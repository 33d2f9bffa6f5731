/** The task: its size, CPU architecture, the app's IAM permissions, ECS Exec and the raw escape hatch. */
import * as aws from "@pulumi/aws";
import { OptionProblem, OptionTable, Resolved, applyDefaults } from "./optionTable";
import { Problems, isKnown } from "./checks";
import { CpuArchitecture } from "../lib/enums";
import { PolicyStatement, taskRoleStatementProblems } from "../lib/iam/iamStatements";
import { FARGATE_SIZES, cheapestFargateSize, describeAllowedMemory, isValidFargateSize } from "../lib/ecs/fargateSizes";
import { ContainerSpec } from "../lib/ecs/containerDefinitions";

export interface TaskOptions {
    /**
     * Task CPU units (256, 512, 1024, 2048, 4096, 8192, 16384), with `memory`.
     * @default the cheapest size that fits the containers
     */
    cpu?: number;
    /**
     * Task memory in MiB, valid with `cpu`.
     * @default the cheapest size that fits the containers
     */
    memory?: number;
    /**
     * CPU architecture; the image is built for it.
     * @default "x86_64"
     */
    architecture?: CpuArchitecture;
    /**
     * IAM statements of the app's task role.
     * @default []
     */
    roleStatements?: PolicyStatement[];
    /**
     * Accept broad task role statements deliberately (the policy pack still flags them).
     * @default false
     */
    allowBroadRolePermissions?: boolean;
    /**
     * ECS Exec with encrypted, logged sessions.
     * @default false
     */
    enableExecuteCommand?: boolean;
    /**
     * Escape hatch: raw task definition arguments merged over ours.
     * @default none
     */
    definitionOverrides?: Partial<aws.ecs.TaskDefinitionArgs>;
}

export const TASK_OPTIONS: OptionTable<TaskOptions> = {
    cpu: {
        defaultText: "the cheapest size that fits the containers",
        description: "Task CPU units (256, 512, 1024, 2048, 4096, 8192, 16384). Unset: the cheapest size that fits the containers.",
    },
    memory: { defaultText: "the cheapest size that fits the containers", description: "Task memory in MiB, valid with `cpu`. Unset: the cheapest size that fits." },
    architecture: { default: "x86_64", description: "CPU architecture: `x86_64` or `arm64` (about 20 % cheaper; the image is built for it)." },
    roleStatements: {
        default: [],
        description:
            "IAM statements for the app's task role (empty by default). Actions must exist (a typo is refused with the closest real action) and resources must be of a type the actions apply to; `*` or `service:*` actions and, on `*`, actions that could be scoped and write, manage permissions, tag or expose credentials are refused.",
    },
    allowBroadRolePermissions: { default: false, description: "Escape hatch: accept broad task role statements anyway (the policy pack still flags them)." },
    enableExecuteCommand: { default: false, description: "ECS Exec: adds the ssmmessages permissions, init process, and encrypted exec session logging." },
    definitionOverrides: { description: "Escape hatch: raw task definition arguments merged over ours (library only)." },
};

export type ResolvedTaskOptions = Resolved<TaskOptions, "architecture" | "roleStatements" | "allowBroadRolePermissions" | "enableExecuteCommand">;

export function resolveTaskOptions(given: TaskOptions | undefined): ResolvedTaskOptions {
    return applyDefaults(TASK_OPTIONS, given) as ResolvedTaskOptions;
}

const CPU_LEVELS = FARGATE_SIZES.map((l) => l.cpu);

/** A Fargate size (or none, to fit), room for the sidecars, an architecture, task role statements that exist and are scoped. */
export function taskOptionsProblems(o: ResolvedTaskOptions, sidecars: readonly ContainerSpec[] = [], prefix = "task"): OptionProblem[] {
    const p = new Problems(prefix);
    const cpuGiven = o.cpu !== undefined;
    const memGiven = o.memory !== undefined;
    if (cpuGiven !== memGiven)
        p.add(cpuGiven ? "memory" : "cpu", cpuGiven ? o.memory : o.cpu, "set both `task.cpu` and `task.memory`, or neither (the cheapest size that fits is chosen)");
    if (cpuGiven && !CPU_LEVELS.includes(o.cpu!)) p.add("cpu", o.cpu, `is not a Fargate CPU size; allowed: ${CPU_LEVELS.join(", ")}`);
    else if (cpuGiven && memGiven && !isValidFargateSize(o.cpu!, o.memory!))
        p.add("memory", o.memory, `is not offered by Fargate with cpu ${o.cpu}; allowed: ${describeAllowedMemory(o.cpu!)}`);
    p.oneOf("architecture", o.architecture, Object.values(CpuArchitecture));
    const sidecarCpu = sidecars.reduce((s, c) => s + (Number.isInteger(c?.cpu) ? c.cpu! : 0), 0);
    const sidecarMem = sidecars.reduce((s, c) => s + (Number.isInteger(c?.memory) ? c.memory! : Number.isInteger(c?.memoryReservation) ? c.memoryReservation! : 0), 0);
    if (cpuGiven && memGiven && isValidFargateSize(o.cpu!, o.memory!) && (sidecarCpu > o.cpu! || sidecarMem + 128 > o.memory!))
        p.add("memory", o.memory, `the sidecars need ${sidecarCpu} CPU units and ${sidecarMem} MiB, leaving the web container less than 128 MiB; raise cpu/memory`);
    if (!cpuGiven) {
        try {
            cheapestFargateSize(sidecarCpu, sidecarMem + 512);
        } catch (e) {
            p.list.push({ path: "container.sidecars", value: sidecars.map((s) => s?.name), message: (e as Error).message });
        }
    }
    const statements = isKnown(o.roleStatements) ? o.roleStatements : [];
    for (const sp of taskRoleStatementProblems(statements)) {
        if (!o.allowBroadRolePermissions || sp.kind === "invalid")
            p.add(
                `roleStatements[${sp.index}]`,
                statements[sp.index],
                sp.message + (sp.kind === "broad" ? " (or set `task.allowBroadRolePermissions` to true to accept it deliberately)" : ""),
            );
    }
    p.bool("enableExecuteCommand", o.enableExecuteCommand);
    return p.list;
}
