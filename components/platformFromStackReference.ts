import * as pulumi from "@pulumi/pulumi";
import { PLATFORM_OUTPUT_NAMES, PlatformHandle } from "./platform";
import { withRoutes } from "./platformRoutes";

/** Problems with a stack reference name (`<org>/<project>/<stack>`, `<project>/<stack>` or `<stack>`), as a sentence, or undefined. */
export function stackReferenceNameProblem(name: string): string | undefined {
    const parts = name.split("/");
    if (parts.length > 3 || parts.some((p) => !/^[A-Za-z0-9_.-]+$/.test(p))) {
        return `"${name}" is not a stack reference; expected <org>/<project>/<stack>, e.g. acme/fargatekit-platform/dev`;
    }
    return undefined;
}

/**
 * A platform handle read from another stack's outputs (those `platformOutputs` exports), for a service
 * in its own project: `platformFromStackReference(config.require("platformStack"))`. Every field but
 * `kmsKeyArn` is required: a missing output fails the deployment naming it. Call it once per referenced
 * stack and share the handle, so services on it are checked against each other.
 */
export function platformFromStackReference(name: string, opts?: pulumi.CustomResourceOptions): PlatformHandle {
    const problem = stackReferenceNameProblem(name);
    if (problem) throw new Error(`platformFromStackReference: ${problem}`);
    const ref = new pulumi.StackReference(name, { name }, opts);
    const read = (k: keyof PlatformHandle): pulumi.Output<any> => (k === "kmsKeyArn" ? ref.getOutput(k) : ref.requireOutput(k));
    const handle = Object.fromEntries(PLATFORM_OUTPUT_NAMES.map((k) => [k, read(k)])) as unknown as PlatformHandle;
    return withRoutes(handle, `stack ${name}`);
}
