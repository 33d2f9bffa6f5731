/**
 * Descriptions EC2 accepts on security groups and their rules. Source: EC2 API reference,
 * `CreateSecurityGroup` (GroupDescription) and `IpRange.Description` / `SecurityGroupRule.Description`:
 * "Constraints: Up to 255 characters in length. Allowed characters are a-z, A-Z, 0-9, spaces, and
 * ._-:/()#,@[]+=&;{}!$*" (terraform-provider-aws issue 18874 is the apostrophe case).
 */

/** Longest description EC2 accepts. */
export const EC2_DESCRIPTION_MAX = 255;

/** Every character EC2 accepts in a security group or rule description. */
export const EC2_DESCRIPTION_PATTERN = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;

/** Why EC2 would refuse this description, or undefined. */
export function ec2DescriptionProblem(description: string): string | undefined {
    if (description.length > EC2_DESCRIPTION_MAX) return `is ${description.length} characters; EC2 allows at most ${EC2_DESCRIPTION_MAX}`;
    const bad = [...new Set([...description].filter((ch) => !EC2_DESCRIPTION_PATTERN.test(ch)))];
    if (bad.length > 0) return `contains ${bad.map((c) => JSON.stringify(c)).join(", ")}; EC2 allows only letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*`;
    return undefined;
}

/** The description itself when EC2 accepts it; throws naming the description and the problem otherwise. */
export function ec2Description(description: string): string {
    const problem = ec2DescriptionProblem(description);
    if (problem) throw new Error(`Security group description ${JSON.stringify(description)} ${problem}`);
    return description;
}
