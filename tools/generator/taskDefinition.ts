/**
 * Reads an ECS task definition in either shape the AWS CLI uses: the input of
 * `aws ecs register-task-definition --cli-input-json`, or the output of
 * `aws ecs describe-task-definition` (wrapped in `taskDefinition`, with read-only fields such as
 * `taskDefinitionArn` and `revision`). Both become the register shape. Bad input throws an `Error`
 * whose message starts with the path of the offending field in the file.
 */

/** A port mapping as ECS takes it. */
export interface PortMapping {
    containerPort?: number;
    hostPort?: number;
    protocol?: string;
    name?: string;
    appProtocol?: string;
    containerPortRange?: string;
}

/** ECS container health check. */
export interface HealthCheck {
    command: string[];
    interval?: number;
    timeout?: number;
    retries?: number;
    startPeriod?: number;
}

/** One container definition. Fields the importer does not read are kept under the index signature. */
export interface ContainerDefinition {
    name: string;
    image: string;
    essential?: boolean;
    cpu?: number;
    memory?: number;
    memoryReservation?: number;
    portMappings?: PortMapping[];
    environment?: { name: string; value: string }[];
    secrets?: { name: string; valueFrom: string }[];
    command?: string[];
    entryPoint?: string[];
    workingDirectory?: string;
    user?: string;
    healthCheck?: HealthCheck;
    readonlyRootFilesystem?: boolean;
    stopTimeout?: number;
    ulimits?: { name: string; softLimit: number; hardLimit: number }[];
    dependsOn?: { containerName: string; condition: string }[];
    logConfiguration?: { logDriver: string; options?: Record<string, string>; secretOptions?: unknown[] };
    linuxParameters?: Record<string, unknown>;
    [field: string]: unknown;
}

/** A task definition in the register-task-definition shape. */
export interface TaskDefinition {
    family?: string;
    containerDefinitions: ContainerDefinition[];
    cpu?: string | number;
    memory?: string | number;
    networkMode?: string;
    requiresCompatibilities?: string[];
    runtimePlatform?: { cpuArchitecture?: string; operatingSystemFamily?: string };
    taskRoleArn?: string;
    executionRoleArn?: string;
    volumes?: Record<string, unknown>[];
    placementConstraints?: Record<string, unknown>[];
    tags?: { key: string; value?: string }[];
    pidMode?: string;
    ipcMode?: string;
    [field: string]: unknown;
}

/** Which AWS CLI shape the file had. */
export type TaskDefinitionShape = "register" | "describe";

/** A task definition brought to the register shape, with what was learnt from the describe shape. */
export interface NormalisedTaskDefinition {
    definition: TaskDefinition;
    shape: TaskDefinitionShape;
    /** `taskDefinitionArn` of the describe output (it names the region and account). */
    taskDefinitionArn?: string;
}

/** Fields `describe-task-definition` returns that `register-task-definition` does not take. */
export const READ_ONLY_FIELDS: readonly string[] = [
    "taskDefinitionArn",
    "revision",
    "status",
    "registeredAt",
    "registeredBy",
    "deregisteredAt",
    "compatibilities",
    "requiresAttributes",
];

/** The JSON type a field must have. */
type FieldKind = "string" | "boolean" | "integer" | "size" | "string[]" | "object" | "object[]";

/** Types of the task-level fields the importer reads. */
const TASK_FIELD_KINDS: Record<string, FieldKind> = {
    family: "string",
    cpu: "size",
    memory: "size",
    networkMode: "string",
    requiresCompatibilities: "string[]",
    runtimePlatform: "object",
    taskRoleArn: "string",
    executionRoleArn: "string",
    volumes: "object[]",
    placementConstraints: "object[]",
    tags: "object[]",
    pidMode: "string",
    ipcMode: "string",
};

/** Types of the container fields the importer reads. */
const CONTAINER_FIELD_KINDS: Record<string, FieldKind> = {
    essential: "boolean",
    cpu: "integer",
    memory: "integer",
    memoryReservation: "integer",
    portMappings: "object[]",
    environment: "object[]",
    secrets: "object[]",
    command: "string[]",
    entryPoint: "string[]",
    workingDirectory: "string",
    user: "string",
    healthCheck: "object",
    readonlyRootFilesystem: "boolean",
    stopTimeout: "integer",
    ulimits: "object[]",
    dependsOn: "object[]",
    logConfiguration: "object",
    linuxParameters: "object",
    privileged: "boolean",
    hostname: "string",
    links: "string[]",
    dnsServers: "string[]",
    dnsSearchDomains: "string[]",
    extraHosts: "object[]",
    dockerSecurityOptions: "string[]",
    mountPoints: "object[]",
    volumesFrom: "object[]",
    resourceRequirements: "object[]",
};

/** Types of the fields of list items and nested objects, by the containing field; `required` fields must be present. */
const NESTED_FIELD_KINDS: Record<string, { kinds: Record<string, FieldKind>; required: string[] }> = {
    portMappings: { kinds: { containerPort: "integer", hostPort: "integer", protocol: "string" }, required: [] },
    environment: { kinds: { name: "string", value: "string" }, required: ["name"] },
    secrets: { kinds: { name: "string", valueFrom: "string" }, required: ["name", "valueFrom"] },
    ulimits: { kinds: { name: "string", softLimit: "integer", hardLimit: "integer" }, required: ["name", "softLimit", "hardLimit"] },
    dependsOn: { kinds: { containerName: "string", condition: "string" }, required: ["containerName", "condition"] },
    healthCheck: { kinds: { command: "string[]", interval: "integer", timeout: "integer", retries: "integer", startPeriod: "integer" }, required: ["command"] },
    logConfiguration: { kinds: { logDriver: "string", options: "object" }, required: ["logDriver"] },
    tags: { kinds: { key: "string", value: "string" }, required: ["key"] },
    runtimePlatform: { kinds: { cpuArchitecture: "string", operatingSystemFamily: "string" }, required: [] },
};

/** True for a plain JSON object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** What a value of the given kind looks like, for messages. */
const KIND_TEXT: Record<FieldKind, string> = {
    string: "a string",
    boolean: "true or false",
    integer: "a whole number",
    size: 'a number or a string such as "512", "1 vCPU" or "2 GB"',
    "string[]": "a list of strings",
    object: "an object",
    "object[]": "a list of objects",
};

/** True when `v` has the JSON type `kind` asks for. */
function hasKind(v: unknown, kind: FieldKind): boolean {
    switch (kind) {
        case "string":
            return typeof v === "string";
        case "boolean":
            return typeof v === "boolean";
        case "integer":
            return Number.isInteger(v);
        case "size":
            return typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
        case "string[]":
            return Array.isArray(v) && v.every((x) => typeof x === "string");
        case "object":
            return isObject(v);
        case "object[]":
            return Array.isArray(v) && v.every(isObject);
    }
}

/** An input error naming the field: `<path>: <problem>`. */
function inputError(path: string, problem: string): Error {
    return new Error(`${path || "(file)"}: ${problem}`);
}

/** Join a parent path and a field. */
function at(parent: string, field: string): string {
    return parent ? `${parent}.${field}` : field;
}

/** Check the fields of `obj` named in `kinds` (and the nested ones) have the right JSON types. */
function checkKinds(obj: Record<string, unknown>, kinds: Record<string, FieldKind>, path: string): void {
    for (const [field, kind] of Object.entries(kinds)) {
        const v = obj[field];
        if (v === undefined || v === null) continue;
        if (!hasKind(v, kind)) throw inputError(at(path, field), `must be ${KIND_TEXT[kind]}, got ${JSON.stringify(v)}`);
        const nested = NESTED_FIELD_KINDS[field];
        if (!nested) continue;
        const items = Array.isArray(v)
            ? (v as Record<string, unknown>[]).map((item, i) => [item, `${at(path, field)}[${i}]`] as const)
            : [[v as Record<string, unknown>, at(path, field)] as const];
        for (const [item, itemPath] of items) {
            for (const r of nested.required) if (item[r] === undefined || item[r] === null) throw inputError(`${itemPath}.${r}`, "is required");
            checkKinds(item, nested.kinds, itemPath);
        }
    }
}

/** Check one container: an object with a non-empty `name` and `image`, and fields of the right types. */
function checkContainer(c: unknown, path: string): asserts c is ContainerDefinition {
    if (!isObject(c)) throw inputError(path, "must be an object (a container definition)");
    for (const field of ["name", "image"]) {
        const v = c[field];
        if (v === undefined || v === null) throw inputError(`${path}.${field}`, `is required: every container needs ${field === "name" ? "a name" : "an image URI"}`);
        if (typeof v !== "string" || v.trim() === "") throw inputError(`${path}.${field}`, `must be a non-empty string, got ${JSON.stringify(v)}`);
    }
    if (/\s/.test(c.image as string)) throw inputError(`${path}.image`, `is not an image reference (it contains whitespace): ${JSON.stringify(c.image)}`);
    checkKinds(c, CONTAINER_FIELD_KINDS, path);
    (c.portMappings as PortMapping[] | undefined)?.forEach((p, j) => {
        for (const k of ["containerPort", "hostPort"] as const) {
            const port = p[k];
            const allowed = k === "hostPort" ? 0 : 1; // hostPort 0 asks bridge mode for a dynamic port
            if (port !== undefined && (port < allowed || port > 65535)) throw inputError(`${path}.portMappings[${j}].${k}`, `must be a port from ${allowed} to 65535, got ${port}`);
        }
    });
}

/** True when an object looks like a task definition at all (rather than some other AWS JSON). */
function looksLikeTaskDefinition(o: Record<string, unknown>): boolean {
    return "containerDefinitions" in o || "family" in o || "taskDefinitionArn" in o;
}

/**
 * Validate and normalise a parsed JSON value into the register shape. Throws an `Error` whose
 * message starts with the offending field's path in the file (`taskDefinition.` prefixed for the
 * describe shape).
 */
export function normaliseTaskDefinition(value: unknown): NormalisedTaskDefinition {
    if (!isObject(value)) throw inputError("", `must be a JSON object (an ECS task definition), got ${Array.isArray(value) ? "a list" : value === null ? "null" : typeof value}`);
    let raw: Record<string, unknown> = value;
    let shape: TaskDefinitionShape = "register";
    let prefix = "";
    if ("taskDefinition" in value) {
        if (!isObject(value.taskDefinition)) throw inputError("taskDefinition", "must be an object (the task definition of `aws ecs describe-task-definition`)");
        raw = value.taskDefinition;
        shape = "describe";
        prefix = "taskDefinition";
    }
    if (!looksLikeTaskDefinition(raw))
        throw inputError(
            prefix,
            "is not an ECS task definition: expected the input of `aws ecs register-task-definition` (family, containerDefinitions) " +
                "or the output of `aws ecs describe-task-definition` (taskDefinition)",
        );
    const defs = raw.containerDefinitions;
    if (defs === undefined || defs === null) throw inputError(at(prefix, "containerDefinitions"), "is required: a task definition needs at least one container");
    if (!Array.isArray(defs)) throw inputError(at(prefix, "containerDefinitions"), "must be a list of container definitions");
    if (defs.length === 0) throw inputError(at(prefix, "containerDefinitions"), "is empty: a task definition needs at least one container");
    defs.forEach((c, i) => checkContainer(c, `${at(prefix, "containerDefinitions")}[${i}]`));
    const seen = new Map<string, number>();
    (defs as ContainerDefinition[]).forEach((c, i) => {
        const first = seen.get(c.name);
        if (first !== undefined) throw inputError(`${at(prefix, "containerDefinitions")}[${i}].name`, `"${c.name}" is already the name of containerDefinitions[${first}]`);
        seen.set(c.name, i);
    });
    checkKinds(raw, TASK_FIELD_KINDS, prefix);

    const definition: TaskDefinition = { containerDefinitions: [] };
    for (const [k, v] of Object.entries(raw)) if (!READ_ONLY_FIELDS.includes(k)) definition[k] = v;
    if (shape === "describe" && value.tags !== undefined && value.tags !== null) {
        // describe-task-definition --include TAGS puts the tags next to the wrapper, not inside it.
        checkKinds({ tags: value.tags }, { tags: "object[]" }, "");
        if ((value.tags as unknown[]).length > 0) definition.tags = value.tags as TaskDefinition["tags"];
    }
    const arn = typeof raw.taskDefinitionArn === "string" ? raw.taskDefinitionArn : undefined;
    return { definition, shape, ...(arn ? { taskDefinitionArn: arn } : {}) };
}

/** Parse the text of a task definition file (JSON) and normalise it. */
export function parseTaskDefinition(text: string): NormalisedTaskDefinition {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (e) {
        throw inputError("", `is not JSON (${(e as Error).message}); expected a task definition as \`aws ecs register-task-definition --cli-input-json\` takes it`);
    }
    return normaliseTaskDefinition(value);
}
