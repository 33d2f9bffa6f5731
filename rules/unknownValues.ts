/**
 * The engine's sentinels for values not known during a preview, one per value kind (Pulumi
 * `sdk/go/common/resource/plugin/rpc.go` UnknownBoolValue … UnknownObjectValue; the Node SDK sends the
 * string one, `@pulumi/pulumi/runtime/rpc.js` `unknownValue`). A value equal to one of them is a
 * placeholder: the checks do not judge it. The pack, the offline plan and config validation share
 * this list.
 */

/** The string sentinel, the one the Node SDK and the offline engine send. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Every sentinel (boolean, number, string, array, asset, archive, object). */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    UNKNOWN_STRING, // string
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** True when `value` is one of the sentinels. */
export function isUnknownSentinel(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

/** True when `value` is a sentinel or holds one at any depth (array items, object values). */
export function containsUnknownSentinel(value: unknown): boolean {
    if (isUnknownSentinel(value)) return true;
    if (Array.isArray(value)) return value.some(containsUnknownSentinel);
    if (value && typeof value === "object") return Object.values(value).some(containsUnknownSentinel);
    return false;
}
