/**
 * Reading ECS `containerDefinitions` (a JSON string in most programs, an array in some), plus the
 * small value readers the ECS, ECR, load-balancer and autoscaling policies share: JSON documents
 * that may be strings or objects, numbers that may be strings, and links between stack resources.
 *
 * Nothing here reports violations. Parsers return a tagged result so each policy decides whether
 * "unknown" (preview) or "unparseable" (malformed) is a violation or a skip.
 */
import { PolicyResource, unknownCheckingProxy } from "@pulumi/policy";
// The engine's unknown-value sentinels: one set, kept with the policy-document parser.
import { isUnknownSentinel } from "./iamDocuments";
import { tryKnown } from "./policyKit";

/** Outcome of reading a value that may be JSON text or an already-parsed structure. */
export type JsonRead = { kind: "ok"; value: unknown } | { kind: "missing" } | { kind: "unknown" } | { kind: "unparseable"; reason: string };

/**
 * Read a JSON document given either as text or as a parsed object/array.
 * Parsed text is wrapped in the SDK's unknown-checking proxy, so reading a sentinel nested in it
 * throws the same `UnknownValueError` as reading an unknown resource property.
 */
export function readJsonDocument(value: unknown): JsonRead {
    if (value === undefined || value === null) return { kind: "missing" };
    if (typeof value === "string") {
        if (isUnknownSentinel(value)) return { kind: "unknown" };
        if (value.trim() === "") return { kind: "unparseable", reason: "the document is an empty string" };
        try {
            return { kind: "ok", value: unknownCheckingProxy(JSON.parse(value)) };
        } catch (e) {
            return { kind: "unparseable", reason: `the document is not valid JSON (${(e as Error).message})` };
        }
    }
    if (typeof value === "object") return { kind: "ok", value };
    return { kind: "unparseable", reason: `expected JSON text or an object, got a ${typeof value}` };
}

/** One ECS container definition, as the ECS API spells it (only the fields the policies read). */
export interface ContainerDefinition {
    name?: string;
    image?: string;
    essential?: boolean | string;
    privileged?: boolean | string;
    /** Misspelling that Checkov's CKV_AWS_334 looks for; honoured so its fixtures keep failing. */
    privilege?: unknown;
    readonlyRootFilesystem?: boolean | string;
    pidMode?: string;
    user?: string | number;
    memory?: number | string;
    memoryReservation?: number | string;
    environment?: { name?: string; value?: string }[];
    linuxParameters?: { capabilities?: { add?: string[]; drop?: string[] } };
    logConfiguration?: { logDriver?: string; options?: Record<string, string> };
    healthCheck?: { command?: string[] };
    portMappings?: { containerPort?: number | string }[];
    [key: string]: unknown;
}

/** Outcome of parsing `containerDefinitions`. */
export type ContainersRead = { kind: "ok"; containers: ContainerDefinition[] } | { kind: "missing" } | { kind: "unknown" } | { kind: "unparseable"; reason: string };

/**
 * Parse a task definition's `containerDefinitions`: a JSON string (the provider's shape) or an
 * array of objects. Anything else, or an array holding a non-object, is `unparseable`.
 */
export function parseContainerDefinitions(value: unknown): ContainersRead {
    const doc = readJsonDocument(value);
    if (doc.kind !== "ok") return doc;
    const list = doc.value;
    if (!Array.isArray(list)) return { kind: "unparseable", reason: "expected a JSON array of container definitions" };
    for (let i = 0; i < list.length; i++) {
        const c: unknown = list[i];
        if (c === null || typeof c !== "object" || Array.isArray(c)) {
            return { kind: "unparseable", reason: `container definition #${i} is not an object` };
        }
    }
    return { kind: "ok", containers: list as ContainerDefinition[] };
}

/** A label for messages: the container's name, or its position when it has none. */
export function containerLabel(container: ContainerDefinition, index: number): string {
    return typeof container.name === "string" && container.name !== "" ? `"${container.name}"` : `#${index}`;
}

/** True for `true` and the string `"true"` (any case): props may carry booleans as strings. */
export function isTrue(value: unknown): boolean {
    return value === true || (typeof value === "string" && value.trim().toLowerCase() === "true");
}

/** True for `false` and the string `"false"` (any case). */
export function isFalse(value: unknown): boolean {
    return value === false || (typeof value === "string" && value.trim().toLowerCase() === "false");
}

/** ECS treats a container as essential unless `essential` is explicitly false. */
export function isEssential(container: ContainerDefinition): boolean {
    return !isFalse(container.essential);
}

/** A finite number from a number or a numeric string (`"256"`); otherwise `undefined`. */
export function toNumber(value: unknown): number | undefined {
    if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
    if (typeof value === "string" && value.trim() !== "" && !isUnknownSentinel(value)) {
        const n = Number(value.trim());
        return Number.isFinite(n) ? n : undefined;
    }
    return undefined;
}

/** A list from a value that may be missing (→ `[]`), a single item (→ `[item]`) or a list. */
export function asArray<T = unknown>(value: T | T[] | undefined | null): T[] {
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? value : [value];
}

/** True for a string with at least one non-blank character. */
export function isNonEmptyString(value: unknown): value is string {
    return typeof value === "string" && value.trim() !== "";
}

/** A container's plaintext environment as `{name, value}` string pairs (malformed entries skipped). */
export function environmentOf(container: ContainerDefinition): { name: string; value: string }[] {
    const out: { name: string; value: string }[] = [];
    for (const entry of asArray<any>(container.environment)) {
        if (!entry || typeof entry !== "object") continue;
        const name = typeof entry.name === "string" ? entry.name : "";
        const value = entry.value === undefined || entry.value === null ? "" : String(entry.value);
        out.push({ name, value });
    }
    return out;
}

/** A container's added and dropped Linux capabilities, upper-cased. */
export function capabilitiesOf(container: ContainerDefinition): { add: string[]; drop: string[] } {
    const caps: any = container.linuxParameters?.capabilities ?? {};
    const names = (v: unknown) =>
        asArray<unknown>(v as unknown[])
            .filter((x): x is string => typeof x === "string")
            .map((x) => x.toUpperCase());
    return { add: names(caps.add), drop: names(caps.drop) };
}

/** A container image reference split into repository, tag and digest. */
export interface ImageReference {
    repository: string;
    tag?: string;
    digest?: string;
}

/**
 * Split `registry[:port]/path/name[:tag][@algo:hex]`. The tag is the part after the last `:` of
 * the last path segment, so a registry port is never mistaken for a tag.
 */
export function parseImageReference(image: string): ImageReference {
    const at = image.indexOf("@");
    const digest = at >= 0 ? image.slice(at + 1) : undefined;
    const named = at >= 0 ? image.slice(0, at) : image;
    const slash = named.lastIndexOf("/");
    const colon = named.lastIndexOf(":");
    if (colon > slash) return { repository: named.slice(0, colon), tag: named.slice(colon + 1), digest };
    return { repository: named, digest };
}

/** True when a digest is a full `sha256:<64 hex>` content digest. */
export function isSha256Digest(digest: string | undefined): boolean {
    return typeof digest === "string" && /^sha256:[0-9a-f]{64}$/i.test(digest);
}

/** The name after the last `/` of an ARN (`arn:aws:ecs:…:cluster/web` → `web`), or the value itself. */
export function arnResourceName(value: string): string {
    if (!value.startsWith("arn:")) return value;
    const slash = value.lastIndexOf("/");
    return slash >= 0 ? value.slice(slash + 1) : value.slice(value.lastIndexOf(":") + 1);
}

/** The known string values among `values` (unknown sentinels and non-strings dropped). */
export function knownStrings(values: unknown[]): string[] {
    return values.filter((v): v is string => isNonEmptyString(v) && !isUnknownSentinel(v));
}

/**
 * The resources among `candidates` that `resource` refers to through its property `property`:
 * those the engine lists in `propertyDependencies[property]`, plus those whose identifying
 * property (`arn`, `name`, `id`, …) equals one of the known `references`. Reads of unknown
 * identifying values are skipped.
 */
export function referencedResources(
    resource: PolicyResource,
    property: string,
    candidates: PolicyResource[],
    references: unknown[],
    identifyingProps: readonly string[],
): PolicyResource[] {
    const dependencyUrns = new Set((resource.propertyDependencies?.[property] ?? []).map((d) => d.urn));
    const refs = new Set(knownStrings(references));
    return candidates.filter((c) => {
        if (dependencyUrns.has(c.urn)) return true;
        if (refs.size === 0) return false;
        return identifyingProps.some((p) => {
            const v = tryKnown(() => c.props[p]);
            return typeof v === "string" && refs.has(v);
        });
    });
}

const UNKNOWN_READ = Symbol("unknown");

/**
 * True when `resource`'s reference in `property` cannot be followed: the value is unknown in
 * preview and the engine listed no dependency for it. Absence checks must then not report.
 */
export function isUnresolvedReference(resource: PolicyResource, property: string): boolean {
    if ((resource.propertyDependencies?.[property] ?? []).length > 0) return false;
    const value = tryKnown<unknown>(() => resource.props[property], UNKNOWN_READ);
    return value === UNKNOWN_READ || isUnknownSentinel(value);
}

/**
 * True for a container whose only job is to make the task's bind-mount volumes writable before the
 * others start: non-essential, `entryPoint` `chmod` and `<octal mode> <paths>` where every path is
 * one of its own mount points, read-only root filesystem, all capabilities dropped, no ports and no
 * secrets. It runs as root because Fargate creates those volumes root-owned with mode 0755 (ECS
 * developer guide, "Bind mounts"); its root can change nothing but those empty directories' modes.
 * The `chmod` must be the entry point itself: a `command` alone is passed as arguments to the
 * image's own ENTRYPOINT, which would then run as root.
 */
export function isVolumePermissionInit(container: ContainerDefinition): boolean {
    if (isEssential(container)) return false;
    const entryPoint = asArray<unknown>(container.entryPoint as unknown[]);
    const argv = [...entryPoint, ...asArray<unknown>(container.command as unknown[])];
    if (entryPoint[0] !== "chmod" || argv.length < 3 || typeof argv[1] !== "string" || !/^[0-7]{3,4}$/.test(argv[1])) return false;
    const mounts = asArray<any>(container.mountPoints as unknown[]).map((m) => m?.containerPath);
    if (!argv.slice(2).every((p) => typeof p === "string" && mounts.includes(p))) return false;
    if (asArray(container.portMappings).length > 0 || asArray(container.secrets as unknown[]).length > 0) return false;
    if (!isTrue(container.readonlyRootFilesystem)) return false;
    const caps = capabilitiesOf(container);
    return caps.drop.includes("ALL") && caps.add.length === 0;
}
