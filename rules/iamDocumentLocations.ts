/**
 * Where IAM policy documents live in Pulumi AWS resources, and what kind each is: the properties
 * the offline plan checks with `iamDocumentProblems` (`tools/offline/iamChecks.ts`).
 */
import { IamDocumentKind } from "./iamDocument";

/** One document-holding property of a resource type. */
export interface IamDocumentProperty {
    property: string;
    kind: IamDocumentKind;
}

/** Resource type token → the properties that hold IAM documents (Role `inlinePolicies[].policy` is handled separately). */
export const IAM_DOCUMENT_PROPERTIES: Readonly<Record<string, readonly IamDocumentProperty[]>> = {
    "aws:iam/role:Role": [{ property: "assumeRolePolicy", kind: "trust" }],
    "aws:iam/rolePolicy:RolePolicy": [{ property: "policy", kind: "identity" }],
    "aws:iam/policy:Policy": [{ property: "policy", kind: "identity" }],
    "aws:iam/userPolicy:UserPolicy": [{ property: "policy", kind: "identity" }],
    "aws:iam/groupPolicy:GroupPolicy": [{ property: "policy", kind: "identity" }],
    "aws:kms/key:Key": [{ property: "policy", kind: "resource" }],
    "aws:kms/keyPolicy:KeyPolicy": [{ property: "policy", kind: "resource" }],
    "aws:sqs/queue:Queue": [{ property: "policy", kind: "resource" }],
    "aws:sqs/queuePolicy:QueuePolicy": [{ property: "policy", kind: "resource" }],
    "aws:sns/topic:Topic": [{ property: "policy", kind: "resource" }],
    "aws:sns/topicPolicy:TopicPolicy": [{ property: "policy", kind: "resource" }],
    "aws:s3/bucketPolicy:BucketPolicy": [{ property: "policy", kind: "resource" }],
    "aws:s3/bucket:Bucket": [{ property: "policy", kind: "resource" }],
    "aws:s3/bucketV2:BucketV2": [{ property: "policy", kind: "resource" }],
    "aws:ecr/repositoryPolicy:RepositoryPolicy": [{ property: "policy", kind: "resource" }],
    "aws:ecr/registryPolicy:RegistryPolicy": [{ property: "policy", kind: "resource" }],
    "aws:secretsmanager/secretPolicy:SecretPolicy": [{ property: "policy", kind: "resource" }],
    "aws:secretsmanager/secret:Secret": [{ property: "policy", kind: "resource" }],
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": [{ property: "policyDocument", kind: "resource" }],
};

/** A document found on a resource. */
export interface LocatedIamDocument {
    property: string;
    kind: IamDocumentKind;
    value: unknown;
}

/** The IAM documents a resource of `type` with properties `props` carries (absent ones left out). */
export function iamDocumentsOf(type: string, props: Record<string, any>): LocatedIamDocument[] {
    const out: LocatedIamDocument[] = [];
    for (const p of IAM_DOCUMENT_PROPERTIES[type] ?? []) {
        const value = props[p.property];
        if (value !== undefined && value !== null && value !== "") out.push({ ...p, value });
    }
    if (type === "aws:iam/role:Role" && Array.isArray(props.inlinePolicies)) {
        props.inlinePolicies.forEach((entry: any, i: number) => {
            const value = entry?.policy;
            if (value !== undefined && value !== null && value !== "") out.push({ property: `inlinePolicies[${i}].policy`, kind: "identity", value });
        });
    }
    return out;
}
