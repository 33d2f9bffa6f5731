/**
 * What the offline engine records for every resource a program registers under mocks.
 * The plan, the cost model, the diagram and the policy bridge all read this one shape.
 */
export interface RecordedResource {
    /** Full URN, e.g. `urn:pulumi:dev::fargatekit::fargatekit:index:WebService$aws:ecs/service:Service::web-service`. */
    urn: string;
    /** Pulumi type token, e.g. `aws:ecs/service:Service`, `fargatekit:index:WebService`, `awsx:ec2:Vpc`. */
    type: string;
    /** Logical name given to the constructor. */
    name: string;
    /** URN of the parent resource (the stack's root for top-level resources). */
    parent?: string;
    /** True for custom (cloud) resources, false for components. */
    custom: boolean;
    /** Inputs as the program passed them, with Outputs resolved (JSON-documents are strings, as the provider gets them). */
    inputs: Record<string, any>;
    /** State the mock engine answered with (inputs plus computed ids, ARNs, names, DNS names…). */
    outputs: Record<string, any>;
    /** URNs this resource depends on. */
    dependencies: string[];
    /** Property name → URNs the property's value came from. */
    propertyDependencies: Record<string, string[]>;
    /** The `protect` option. */
    protect: boolean;
    /** The `ignoreChanges` option. */
    ignoreChanges: string[];
    /** URNs the resource was known by before (its `aliases`, with those inherited from its parents); absent when none. */
    aliases?: string[];
    /** The `customTimeouts` option (Go duration strings such as "45m"); absent when none is set. */
    customTimeouts?: { create?: string; update?: string; delete?: string };
}
