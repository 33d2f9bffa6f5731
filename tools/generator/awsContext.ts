/**
 * What a task definition file says about where it lives: the AWS region (from the awslogs options
 * or the describe output's ARN), the account and the partition (from the ARNs in it). Used to pick
 * `aws:region` and to turn bare SSM parameter names into ARNs.
 */
import { TaskDefinition } from "./taskDefinition";

/** A value and the field path it came from. */
export interface Sourced<T> {
    value: T;
    path: string;
}

/** Region, account and partition the file names, where it names them. */
export interface AwsContext {
    region?: Sourced<string>;
    account?: Sourced<string>;
    /** `aws`, `aws-cn` or `aws-us-gov`; `aws` when no ARN says otherwise. */
    partition: string;
}

/** A region code such as `us-east-1` or `ap-southeast-2`. */
export const REGION_CODE = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** The parts of an ARN (`arn:partition:service:region:account:resource`), or undefined when it is not one. */
export function parseArn(arn: string): { partition: string; service: string; region: string; account: string; resource: string } | undefined {
    const m = /^arn:(aws|aws-cn|aws-us-gov):([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:(.+)$/.exec(arn);
    return m ? { partition: m[1], service: m[2], region: m[3], account: m[4] ?? "", resource: m[5] } : undefined;
}

/** The region of the first awslogs configuration that names a valid one, web container first. */
function awslogsRegion(td: TaskDefinition, webIndex: number): Sourced<string> | undefined {
    const order = [webIndex, ...td.containerDefinitions.map((_, i) => i).filter((i) => i !== webIndex)];
    for (const i of order) {
        const log = td.containerDefinitions[i].logConfiguration;
        const region = log?.logDriver === "awslogs" ? log.options?.["awslogs-region"] : undefined;
        if (typeof region === "string" && REGION_CODE.test(region)) return { value: region, path: `containerDefinitions[${i}].logConfiguration.options.awslogs-region` };
    }
    return undefined;
}

/**
 * The file's region, account and partition. Region: the awslogs region (web container first), else
 * the region of `taskDefinitionArn`. Account and partition: `taskDefinitionArn`, then the role ARNs.
 */
export function awsContext(td: TaskDefinition, webIndex: number, taskDefinitionArn?: string): AwsContext {
    const arns: Sourced<string>[] = [
        ...(taskDefinitionArn ? [{ value: taskDefinitionArn, path: "taskDefinitionArn" }] : []),
        ...(["executionRoleArn", "taskRoleArn"] as const).filter((k) => typeof td[k] === "string").map((k) => ({ value: td[k] as string, path: k })),
    ];
    const parsed = arns.map((a) => ({ ...a, arn: parseArn(a.value) })).filter((a) => a.arn !== undefined);
    const withAccount = parsed.find((a) => a.arn!.account !== "");
    const tdArn = parsed.find((a) => a.path === "taskDefinitionArn" && REGION_CODE.test(a.arn!.region));
    return {
        region: awslogsRegion(td, webIndex) ?? (tdArn ? { value: tdArn.arn!.region, path: "taskDefinitionArn" } : undefined),
        account: withAccount ? { value: withAccount.arn!.account, path: withAccount.path } : undefined,
        partition: parsed[0]?.arn!.partition ?? "aws",
    };
}

/** The ARN of an SSM parameter given by name (`/app/db` or `db`) in a region and account. */
export function ssmParameterArn(name: string, region: string, account: string, partition: string): string {
    return `arn:${partition}:ssm:${region}:${account}:parameter/${name.replace(/^\//, "")}`;
}
