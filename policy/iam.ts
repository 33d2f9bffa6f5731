/**
 * IAM policies (rows I1–I13): identity-policy documents, trust policies, managed-policy
 * attachments, user attachments, ECS task/execution role trust, and Pulumi management conflicts.
 */
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
    PolicyStatement,
    conditionEntries,
    hasAnyCondition,
    hasConditionOn,
    hasWildcard,
    isActionAllowListed,
    parsePolicyDocument,
    principalIsEveryone,
    statementAllowsAction,
    statementIsUnscoped,
    statementLabel,
} from "./lib/iamDocuments";
import { unscopedRiskyGrants } from "../rules/iamScope";
import { PolicyMeta, TYPES, ofType, resourcePolicy, stackPolicy, tryKnown } from "./lib/policyKit";

/** IAM types the shared token table does not list. */
const GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
const GROUP_POLICY_ATTACHMENT = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment";

/** Resources whose `policy` property is an identity-policy document. */
const IDENTITY_POLICY_TYPES: readonly string[] = [...TYPES.policy, ...TYPES.rolePolicy, ...TYPES.userPolicy, GROUP_POLICY];

/** Every type that carries identity-policy documents (the above plus roles, through `inlinePolicies`). */
const DOCUMENT_TYPES: readonly string[] = [...IDENTITY_POLICY_TYPES, ...TYPES.role];

/** The only service an ECS task or execution role should trust. */
export const ECS_TASKS_SERVICE = "ecs-tasks.amazonaws.com";

/** A document a resource carries, with a label for messages. */
export interface LabelledDocument {
    label: string;
    value: unknown;
}

/**
 * The identity-policy documents of a resource: `policy` of a Policy/RolePolicy/UserPolicy/GroupPolicy,
 * or each `inlinePolicies[].policy` of a Role. Entries unknown in preview are left out.
 */
export function identityDocumentsOf(type: string, props: Record<string, any>): LabelledDocument[] {
    if (IDENTITY_POLICY_TYPES.includes(type)) return [{ label: "policy", value: props.policy }];
    if (!TYPES.role.includes(type as any)) return [];
    const inline = tryKnown(() => props.inlinePolicies);
    if (!Array.isArray(inline)) return [];
    const out: LabelledDocument[] = [];
    for (let i = 0; i < inline.length; i++) {
        const entry = tryKnown(() => ({ name: inline[i]?.name, policy: inline[i]?.policy }));
        if (entry && entry.policy !== undefined) out.push({ label: `inlinePolicies[${i}]${typeof entry.name === "string" ? ` (${entry.name})` : ""}`, value: entry.policy });
    }
    return out;
}

/** The statements of the given documents that parsed; unknown, absent and malformed documents are skipped. */
export function statementsOf(docs: LabelledDocument[]): { label: string; statement: PolicyStatement }[] {
    const out: { label: string; statement: PolicyStatement }[] = [];
    for (const d of docs) {
        const parsed = parsePolicyDocument(d.value);
        if (parsed.status === "parsed") parsed.document.statements.forEach((statement) => out.push({ label: d.label, statement }));
    }
    return out;
}

/** A resource policy over every identity-policy document, reporting what `find` returns per Allow statement. */
function documentPolicy(meta: PolicyMeta, find: (s: PolicyStatement, args: { getConfig: <T extends object>() => T }) => string | undefined): ResourceValidationPolicy {
    return resourcePolicy(meta, DOCUMENT_TYPES, (props, report, args) => {
        for (const { label, statement } of statementsOf(identityDocumentsOf(args.type, props))) {
            if (statement.effect !== "Allow") continue;
            const problem = find(statement, args);
            if (problem) report(`${label}, ${statementLabel(statement)}: ${problem}`);
        }
    });
}

/** True when the action list grants every action (`*` or `*:*`). */
function grantsEveryAction(s: PolicyStatement): boolean {
    return s.actions.some((a) => a === "*" || a === "*:*");
}

/** I1: the statement grants every action on every resource. */
export function fullAdminProblem(s: PolicyStatement): string | undefined {
    return grantsEveryAction(s) && statementIsUnscoped(s) ? `allows Action "*" on Resource "*" (full administrator)` : undefined;
}

/** I2: the statement grants the `*` action. */
export function wildcardActionProblem(s: PolicyStatement): string | undefined {
    return grantsEveryAction(s) ? `allows Action "*"` : undefined;
}

/** I3: the statement grants a whole service (`svc:*`), or uses NotAction with Allow. */
export function serviceWildcardProblem(s: PolicyStatement): string | undefined {
    const wide = s.actions.filter((a) => /^[a-z0-9-]+:\*$/i.test(a));
    if (wide.length) return `allows every action of a service: ${wide.join(", ")}`;
    if (s.notActions.length) return `uses NotAction with Allow, which grants every action except ${s.notActions.join(", ")}`;
    return undefined;
}

/**
 * I4: action entries of an unscoped Allow statement that grant an action AWS always lets you scope
 * (a required resource type in the Service Authorization Reference) and whose documented access
 * level is Write, Permissions management or Tagging, or that exposes credentials, each with those
 * risks; allow-listed actions are left out. Actions AWS only matches with `*` are never reported.
 */
export function unscopedRestrictableActions(s: PolicyStatement, allowList: readonly string[]): string[] {
    if (s.effect !== "Allow" || !statementIsUnscoped(s)) return [];
    if (s.notActions.length) return [`NotAction ${s.notActions.join(", ")} (grants every other action, writes included)`];
    return unscopedRiskyGrants(s.actions, (a) => isActionAllowListed(a, allowList)).map((g) =>
        g.actions.length === 1 && g.actions[0].toLowerCase() === g.entry.toLowerCase()
            ? `${g.entry} (${g.risks.join(", ")})`
            : `${g.entry} (${g.risks.join(", ")}: ${g.actions.slice(0, 3).join(", ")}${g.actions.length > 3 ? `, … ${g.actions.length} actions` : ""})`,
    );
}

/** IAM actions that let a principal raise its own privileges when granted on every resource. */
export const ESCALATION_ACTIONS: readonly string[] = [
    "iam:AttachUserPolicy",
    "iam:AttachGroupPolicy",
    "iam:AttachRolePolicy",
    "iam:PutUserPolicy",
    "iam:PutGroupPolicy",
    "iam:PutRolePolicy",
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:AddUserToGroup",
    "iam:UpdateAssumeRolePolicy",
];

/**
 * I5: privilege-escalation grants. `iam:PassRole` on every role always fails; on a wildcard role
 * pattern it needs an `iam:PassedToService` condition. The other escalation actions fail on `*`.
 */
export function escalationProblems(s: PolicyStatement): string[] {
    const out: string[] = [];
    if (statementAllowsAction(s, "iam:PassRole")) {
        if (s.resources.length === 0 && s.notResources.length === 0) out.push(`allows iam:PassRole without a Resource`);
        else if (statementIsUnscoped(s)) out.push(`allows iam:PassRole on every role`);
        else if (s.resources.some(hasWildcard) && !hasConditionOn(s, ["iam:PassedToService"])) {
            out.push(`allows iam:PassRole on a wildcard role pattern (${s.resources.filter(hasWildcard).join(", ")}) without an iam:PassedToService condition`);
        }
    }
    if (statementIsUnscoped(s)) {
        const granted = ESCALATION_ACTIONS.filter((a) => statementAllowsAction(s, a));
        if (granted.length) out.push(`allows privilege-escalation actions on every resource: ${granted.join(", ")}`);
    }
    return out;
}

/** True for a KMS resource naming every key (`*`, or `arn:…:kms:<region>:<account>:key/*`). */
export function namesEveryKey(s: PolicyStatement): boolean {
    return statementIsUnscoped(s) || s.resources.some((r) => /^arn:[^:]+:kms:[^:]*:[^:]*:key\/\*$/.test(r));
}

/** I6: decrypt actions granted on every KMS key. */
export function decryptAllKeysProblem(s: PolicyStatement): string | undefined {
    const granted = ["kms:Decrypt", "kms:ReEncryptFrom"].filter((a) => statementAllowsAction(s, a));
    return granted.length && namesEveryKey(s) ? `allows ${granted.join(" and ")} on every KMS key` : undefined;
}

/** AWS managed policies that grant administrator or IAM-administrator power (I7). */
export const FORBIDDEN_MANAGED_POLICIES: readonly string[] = ["AdministratorAccess", "IAMFullAccess", "PowerUserAccess"];

/** True for the ARN of one of the forbidden AWS managed policies, in any partition. */
export function isForbiddenManagedPolicy(arn: unknown): boolean {
    const m = typeof arn === "string" ? /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/.exec(arn) : null;
    return !!m && FORBIDDEN_MANAGED_POLICIES.includes(m[1]);
}

/** The trust-policy statements of a role that do not deny (Allow), for I8/I9/I13. */
function trustStatements(props: Record<string, any>): PolicyStatement[] {
    const parsed = parsePolicyDocument(props.assumeRolePolicy);
    return parsed.status === "parsed" ? parsed.document.statements.filter((s) => s.effect === "Allow") : [];
}

/** I8: an Allow trust statement admits everyone (`*`, AWS `*`, or NotPrincipal). */
export function wildcardTrustProblem(s: PolicyStatement): string | undefined {
    if (principalIsEveryone(s.principal)) return `trusts every principal ("*")`;
    if (s.notPrincipal) return `uses NotPrincipal with Allow, which trusts everyone except the listed principals`;
    return undefined;
}

/** Condition keys that narrow a whole-account trust (external id, MFA, principal ARN or organisation). */
export const ACCOUNT_TRUST_NARROWING_KEYS: readonly string[] = ["sts:ExternalId", "aws:MultiFactorAuthPresent", "aws:PrincipalArn", "aws:PrincipalOrgID"];

/** I9: account-root principals trusted without a narrowing condition. */
export function accountRootTrustProblem(s: PolicyStatement): string | undefined {
    const roots = (s.principal?.aws ?? []).filter((a) => /^\d{12}$/.test(a) || /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(a));
    if (!roots.length || hasConditionOn(s, ACCOUNT_TRUST_NARROWING_KEYS)) return undefined;
    return `trusts every principal of account(s) ${roots.join(", ")} without an sts:ExternalId, MFA, aws:PrincipalArn or aws:PrincipalOrgID condition`;
}

/** The GitHub Actions OIDC provider host. */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

/**
 * True for a GitHub `sub` value scoped to one repository: `repo:<owner>/<repo>` (optionally
 * followed by `:<ref/environment/...>`) with no wildcard in owner or repository.
 */
export function isScopedGithubSubject(value: string): boolean {
    return /^repo:[^/*?:]+\/[^/*?:]+(:.+)?$/.test(value);
}

/** I13: a GitHub OIDC trust without a `sub` condition scoped to a repository. */
export function githubOidcProblem(s: PolicyStatement): string | undefined {
    if (!(s.principal?.federated ?? []).some((f) => f.includes(GITHUB_OIDC_HOST))) return undefined;
    const subs = conditionEntries(s, `${GITHUB_OIDC_HOST}:sub`).flatMap((e) => e.values);
    if (!subs.length) return `trusts GitHub Actions OIDC without a ${GITHUB_OIDC_HOST}:sub condition (any repository could assume the role)`;
    const loose = subs.filter((v) => !isScopedGithubSubject(v));
    return loose.length ? `trusts GitHub Actions OIDC with a ${GITHUB_OIDC_HOST}:sub that is not scoped to one repository: ${loose.join(", ")}` : undefined;
}

/** A resource policy on Role trust documents reporting what `find` returns per Allow statement. */
function trustPolicy(meta: PolicyMeta, find: (s: PolicyStatement) => string | undefined): ResourceValidationPolicy {
    return resourcePolicy(meta, TYPES.role, (props, report) => {
        for (const s of trustStatements(props)) {
            const problem = find(s);
            if (problem) report(`assumeRolePolicy, ${statementLabel(s)}: ${problem}`);
        }
    });
}

// ---------------------------------------------------------------------------------------------
// Stack helpers: finding roles and what is attached to them
// ---------------------------------------------------------------------------------------------

/** A property read in a stack check: its value, or `unknown` when it cannot be known in preview. */
type Read<T> = { known: true; value: T } | { known: false };

/** Read a property without letting an unknown value escape. */
function read<T = unknown>(fn: () => T): Read<T> {
    const marker = {} as T;
    const v = tryKnown(fn, marker);
    return v === marker ? { known: false } : { known: true, value: v as T };
}

/** Resources of `types` that resource `r` depends on through property `prop`. */
function dependenciesOf(r: PolicyResource, prop: string, types: readonly string[]): PolicyResource[] {
    return (r.propertyDependencies?.[prop] ?? []).filter((d) => types.includes(d.type));
}

/** True when `ref` (a role name, ARN or id) names `role`. */
export function roleMatchesRef(role: PolicyResource, ref: string): boolean {
    const name = tryKnown(() => role.props.name);
    const arn = tryKnown(() => role.props.arn);
    const id = tryKnown(() => role.props.id);
    if (ref === arn || ref === id || ref === name) return true;
    return typeof name === "string" && /^arn:[^:]+:iam::[^:]*:role\//.test(ref) && ref.endsWith(`/${name}`);
}

/**
 * Roles a resource points at through `prop`: its property dependencies of role type, else roles
 * whose name, ARN or id equals the value (a string or an array of strings). Undefined when the
 * value is unknown and no dependency names the role.
 */
export function rolesReferencedBy(r: PolicyResource, prop: string, roles: PolicyResource[]): PolicyResource[] | undefined {
    const deps = dependenciesOf(r, prop, TYPES.role);
    if (deps.length) return deps;
    const value = read(() => r.props[prop]);
    if (!value.known) return undefined;
    const refs = (Array.isArray(value.value) ? value.value : [value.value]).filter((v): v is string => typeof v === "string" && v !== "");
    return roles.filter((role) => refs.some((ref) => roleMatchesRef(role, ref)));
}

/** The trust problems of an ECS task or execution role: any principal other than ecs-tasks, or no ecs-tasks trust at all. */
export function ecsTrustProblems(assumeRolePolicy: unknown): string[] {
    const parsed = parsePolicyDocument(assumeRolePolicy);
    if (parsed.status !== "parsed") return [];
    const allows = parsed.document.statements.filter((s) => s.effect === "Allow");
    const problems: string[] = [];
    for (const s of allows) {
        const p = s.principal;
        const others = [
            ...(p?.everyone ? ["*"] : []),
            ...(p?.aws ?? []).map((a) => `AWS ${a}`),
            ...(p?.federated ?? []).map((f) => `Federated ${f}`),
            ...(p?.canonicalUser ?? []).map((c) => `CanonicalUser ${c}`),
            ...(p?.service ?? []).filter((svc) => svc !== ECS_TASKS_SERVICE).map((svc) => `Service ${svc}`),
            ...(s.notPrincipal ? ["NotPrincipal (everyone else)"] : []),
        ];
        if (others.length) problems.push(`${statementLabel(s)} also trusts ${others.join(", ")}`);
    }
    if (!allows.some((s) => s.principal?.service.includes(ECS_TASKS_SERVICE))) problems.push(`it does not trust ${ECS_TASKS_SERVICE}`);
    return problems;
}

/** True when the role's ecs-tasks trust carries an `aws:SourceAccount` or `aws:SourceArn` condition (confused-deputy guard). */
export function hasConfusedDeputyGuard(assumeRolePolicy: unknown): boolean | undefined {
    const parsed = parsePolicyDocument(assumeRolePolicy);
    if (parsed.status !== "parsed") return undefined;
    const ecs = parsed.document.statements.filter((s) => s.effect === "Allow" && s.principal?.service.includes(ECS_TASKS_SERVICE));
    if (!ecs.length) return undefined;
    return ecs.every((s) => hasConditionOn(s, ["aws:SourceAccount", "aws:SourceArn"]));
}

/** Each role a task definition uses, once, with the properties that reference it. */
function taskDefinitionRoles(resources: PolicyResource[]): { role: PolicyResource; uses: string[] }[] {
    const roles = ofType(resources, TYPES.role);
    const found = new Map<PolicyResource, Set<string>>();
    for (const td of ofType(resources, TYPES.taskDefinition)) {
        for (const prop of ["executionRoleArn", "taskRoleArn"]) {
            for (const role of rolesReferencedBy(td, prop, roles) ?? []) {
                if (!found.has(role)) found.set(role, new Set());
                found.get(role)!.add(`${td.name}.${prop}`);
            }
        }
    }
    return [...found.entries()].map(([role, uses]) => ({ role, uses: [...uses] }));
}

/** The actions an ECS execution role needs: pull from ECR, write logs, read secrets, decrypt them. */
export const EXECUTION_ROLE_ACTIONS: readonly string[] = [
    "ecr:GetAuthorizationToken",
    "ecr:BatchCheckLayerAvailability",
    "ecr:GetDownloadUrlForLayer",
    "ecr:BatchGetImage",
    "logs:CreateLogGroup",
    "logs:CreateLogStream",
    "logs:PutLogEvents",
    "secretsmanager:GetSecretValue",
    "ssm:GetParameters",
    "ssm:GetParameter",
    "kms:Decrypt",
];

/** The AWS managed execution-role policy. */
export const ECS_EXECUTION_MANAGED_POLICY = /^arn:aws[a-z-]*:iam::aws:policy\/service-role\/AmazonECSTaskExecutionRolePolicy$/;

/** Policy attachments (RolePolicy, RolePolicyAttachment, PolicyAttachment) that target `role`. */
function attachmentsOf(role: PolicyResource, resources: PolicyResource[], roles: PolicyResource[]): PolicyResource[] {
    const single = [...ofType(resources, TYPES.rolePolicy), ...ofType(resources, TYPES.rolePolicyAttachment)].filter((r) =>
        (rolesReferencedBy(r, "role", roles) ?? []).includes(role),
    );
    const multi = ofType(resources, TYPES.policyAttachment).filter((r) => (rolesReferencedBy(r, "roles", roles) ?? []).includes(role));
    return [...single, ...multi];
}

/** Actions an execution role's documents grant beyond `EXECUTION_ROLE_ACTIONS`, and managed policies beyond the AWS execution policy. */
export function executionRoleExcess(role: PolicyResource, resources: PolicyResource[]): string[] {
    const roles = ofType(resources, TYPES.role);
    const docs: LabelledDocument[] = identityDocumentsOf(role.type, role.props);
    const managed: string[] = [];
    const managedOnRole = read(() => role.props.managedPolicyArns);
    if (managedOnRole.known && Array.isArray(managedOnRole.value)) managed.push(...managedOnRole.value.filter((a: unknown): a is string => typeof a === "string"));
    for (const a of attachmentsOf(role, resources, roles)) {
        if (TYPES.rolePolicy.includes(a.type as any)) {
            const doc = read(() => a.props.policy);
            if (doc.known) docs.push({ label: `RolePolicy ${a.name}`, value: doc.value });
            continue;
        }
        const policies = dependenciesOf(a, "policyArn", TYPES.policy);
        for (const p of policies) {
            const doc = read(() => p.props.policy);
            if (doc.known) docs.push({ label: `Policy ${p.name}`, value: doc.value });
        }
        const arn = read(() => a.props.policyArn);
        if (!policies.length && arn.known && typeof arn.value === "string") managed.push(arn.value);
    }
    const excess: string[] = managed.filter((arn) => /:iam::aws:policy\//.test(arn) && !ECS_EXECUTION_MANAGED_POLICY.test(arn)).map((arn) => `managed policy ${arn}`);
    for (const { label, statement } of statementsOf(docs)) {
        if (statement.effect !== "Allow") continue;
        if (statement.notActions.length) excess.push(`${label}: NotAction grants almost everything`);
        const extra = statement.actions.filter((a) => !isActionAllowListed(a, EXECUTION_ROLE_ACTIONS));
        if (extra.length) excess.push(`${label}: ${extra.join(", ")}`);
    }
    return excess;
}

/** Entries of a role's `inlinePolicies` / `managedPolicyArns` that no stack resource mirrors (the role manages them exclusively). */
export function exclusivelyManagedPolicies(role: PolicyResource, attachments: PolicyResource[]): string[] | undefined {
    const inline = read(() => role.props.inlinePolicies);
    const managed = read(() => role.props.managedPolicyArns);
    if (!inline.known || !managed.known) return undefined;
    const rolePolicyNames = attachments.filter((a) => TYPES.rolePolicy.includes(a.type as any)).map((a) => read(() => a.props.name));
    const attachedArns = attachments.filter((a) => !TYPES.rolePolicy.includes(a.type as any)).map((a) => read(() => a.props.policyArn));
    if ([...rolePolicyNames, ...attachedArns].some((r) => !r.known)) return undefined;
    const names = new Set(rolePolicyNames.map((r) => (r as { value: unknown }).value));
    const arns = new Set(attachedArns.map((r) => (r as { value: unknown }).value));
    const out: string[] = [];
    if (Array.isArray(inline.value)) {
        for (const entry of inline.value) {
            const name = tryKnown(() => entry?.name);
            const policy = tryKnown(() => entry?.policy);
            if ((name !== undefined || policy !== undefined) && !names.has(name)) out.push(`inlinePolicies "${name ?? "(unnamed)"}"`);
        }
    }
    if (Array.isArray(managed.value)) {
        for (const arn of managed.value) if (!arns.has(arn)) out.push(`managedPolicyArns ${arn}`);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// The policies
// ---------------------------------------------------------------------------------------------

const noFullAdmin = documentPolicy(
    {
        name: "iam-no-full-admin",
        description: "IAM policy documents must not allow every action on every resource.",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps: 'Replace `"Action": "*"` with the specific actions the principal needs and set `Resource` to the ARNs it uses.',
        tags: ["rule:I1", "checkov:CKV_AWS_62", "checkov:CKV_AWS_1", "kics:iam_policies_with_full_privileges", "kics:iam_role_with_full_privileges", "fsbp:IAM.1"],
    },
    fullAdminProblem,
);

const noWildcardAction = documentPolicy(
    {
        name: "iam-no-wildcard-action",
        description: 'IAM policy documents must not allow the "*" action.',
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: 'List the exact actions in `Action` (e.g. `["s3:GetObject"]`) instead of `"*"`.',
        tags: ["rule:I2", "checkov:CKV_AWS_63", "checkov:CKV_AWS_49", "checkov:CKV2_AWS_40", "kics:iam_policy_grants_full_permissions"],
    },
    wildcardActionProblem,
);

const noServiceWildcard = documentPolicy(
    {
        name: "iam-no-service-wildcard-action",
        description: "IAM policy documents must not allow every action of a service (svc:*) or use NotAction with Allow.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: 'Replace `"iam:*"`, `"s3:*"`, `"kms:*"`, `"ecr:*"` and similar with the specific actions needed; replace `NotAction` with an explicit `Action` list.',
        tags: ["rule:I3", "fsbp:IAM.21", "checkov:CKV2_AWS_40", "trivy:AWS-0345", "trivy:AWS-0057"],
    },
    serviceWildcardProblem,
);

const noUnscopedWrites = documentPolicy(
    {
        name: "iam-no-unscoped-write-actions",
        description:
            'IAM policy documents must not grant on Resource "*" an action AWS lets you scope whose documented access level is Write, Permissions management or Tagging, or that exposes credentials.',
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps:
            'Set `Resource` to the exact ARNs (repository, log group `arn:…:log-group:<name>:*`, secret, key). Actions AWS cannot scope (no required resource type in the Service Authorization Reference, e.g. `ecr:GetAuthorizationToken`, `ssmmessages:*`, `cloudwatch:PutMetricData`) are never flagged; list others you accept on `"*"` in config `allowedUnscopedActions`.',
        tags: [
            "rule:I4",
            "checkov:CKV_AWS_355",
            "checkov:CKV_AWS_356",
            "checkov:CKV_AWS_290",
            "checkov:CKV_AWS_111",
            "checkov:CKV_AWS_289",
            "checkov:CKV_AWS_109",
            "checkov:CKV_AWS_288",
            "checkov:CKV_AWS_108",
            "checkov:CKV_AWS_287",
            "checkov:CKV_AWS_107",
        ],
        configSchema: {
            properties: {
                allowedUnscopedActions: {
                    type: "array",
                    items: { type: "string" },
                    default: [],
                    description: 'Further actions (IAM wildcards allowed) accepted on Resource "*". Actions AWS cannot scope are accepted without being listed.',
                },
            },
        },
    },
    (s, args) => {
        const configured = args.getConfig<{ allowedUnscopedActions?: string[] }>().allowedUnscopedActions;
        const allowList = Array.isArray(configured) ? configured : [];
        const risky = unscopedRestrictableActions(s, allowList);
        return risky.length ? `grants on Resource "*": ${risky.join("; ")}` : undefined;
    },
);

const noPrivilegeEscalation = documentPolicy(
    {
        name: "iam-no-privilege-escalation",
        description: "IAM policy documents must not allow unscoped iam:PassRole or other privilege-escalation actions on every resource.",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps:
            "Scope `iam:PassRole` to the exact role ARNs and add a `StringEquals` `iam:PassedToService` condition (e.g. `ecs-tasks.amazonaws.com`); scope iam:Attach*/Put*Policy, CreatePolicyVersion, CreateAccessKey and similar to specific ARNs or remove them.",
        tags: ["rule:I5", "checkov:CKV_AWS_286", "checkov:CKV_AWS_110", "trivy:AWS-0342", "kics:iam_role_policy_passrole_allows_all"],
    },
    (s) => {
        const problems = escalationProblems(s);
        return problems.length ? problems.join("; ") : undefined;
    },
);

const noDecryptAllKeys = documentPolicy(
    {
        name: "iam-no-kms-decrypt-all-keys",
        description: "IAM policy documents must not allow kms:Decrypt or kms:ReEncryptFrom on every KMS key.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: "Set `Resource` of the kms:Decrypt statement to the exact key ARNs (e.g. the log-group or secrets key) instead of `*` or `key/*`.",
        tags: ["rule:I6", "fsbp:KMS.1", "fsbp:KMS.2"],
    },
    decryptAllKeysProblem,
);

const noAdminManagedPolicy = resourcePolicy(
    {
        name: "iam-no-admin-managed-policy",
        description: "Roles, users and groups must not get the AdministratorAccess, IAMFullAccess or PowerUserAccess managed policy.",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps: "Remove the AdministratorAccess/IAMFullAccess/PowerUserAccess ARN from `managedPolicyArns` or `policyArn` and attach a least-privilege policy instead.",
        tags: ["rule:I7", "checkov:CKV_AWS_274", "checkov:CKV_AWS_275", "checkov:CKV2_AWS_56"],
    },
    [...TYPES.role, ...TYPES.rolePolicyAttachment, ...TYPES.policyAttachment, ...TYPES.userPolicyAttachment, GROUP_POLICY_ATTACHMENT],
    (props, report, args) => {
        if (TYPES.role.includes(args.type as any)) {
            const arns = tryKnown(() => props.managedPolicyArns);
            if (!Array.isArray(arns)) return;
            for (let i = 0; i < arns.length; i++) {
                const arn = tryKnown(() => arns[i]);
                if (isForbiddenManagedPolicy(arn)) report(`managedPolicyArns contains ${arn}.`);
            }
            return;
        }
        if (isForbiddenManagedPolicy(props.policyArn)) report(`policyArn is ${props.policyArn}.`);
    },
);

const trustNoWildcard = trustPolicy(
    {
        name: "iam-trust-no-wildcard-principal",
        description: "A role's trust policy must not let every principal assume it.",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps: 'In `assumeRolePolicy`, replace `"Principal": "*"` (or `{"AWS": "*"}`, or NotPrincipal) with the exact service or role ARN that must assume the role.',
        tags: ["rule:I8", "checkov:CKV_AWS_60", "kics:iam_role_allows_all_principals_to_assume"],
    },
    wildcardTrustProblem,
);

const trustNoAccountRoot = trustPolicy(
    {
        name: "iam-trust-no-account-root-without-condition",
        description: "A role's trust policy must not trust a whole account's root without a narrowing condition.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps:
            "In `assumeRolePolicy`, name the exact role ARN (`arn:aws:iam::<account>:role/<name>`) instead of the account root, or add an `sts:ExternalId`, `aws:MultiFactorAuthPresent`, `aws:PrincipalArn` or `aws:PrincipalOrgID` condition.",
        tags: ["rule:I9", "checkov:CKV_AWS_61", "kics:cross_account_iam_assume_role_policy_without_external_id_or_mfa"],
    },
    accountRootTrustProblem,
);

const ecsRoleTrust = stackPolicy(
    {
        name: "iam-ecs-role-trusts-ecs-tasks-only",
        description: "Roles used as an ECS task or execution role must trust only ecs-tasks.amazonaws.com.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps:
            'Set the role\'s `assumeRolePolicy` to one Allow statement with `"Principal": {"Service": "ecs-tasks.amazonaws.com"}` and `"Action": "sts:AssumeRole"`; use a separate role for any other principal.',
        tags: ["rule:I10", "beyond:I10"],
    },
    (resources, report) => {
        for (const { role, uses } of taskDefinitionRoles(resources)) {
            const doc = read(() => role.props.assumeRolePolicy);
            if (!doc.known) continue;
            const problems = ecsTrustProblems(doc.value);
            if (problems.length) report(`Role ${role.name} (used by ${uses.join(", ")}): ${problems.join("; ")}.`, role);
        }
    },
);

const ecsRoleConfusedDeputy = stackPolicy(
    {
        name: "iam-ecs-role-trust-source-condition",
        description: "The ecs-tasks trust of ECS task and execution roles should carry an aws:SourceAccount or aws:SourceArn condition.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps:
            'Add to the ecs-tasks trust statement `"Condition": {"StringEquals": {"aws:SourceAccount": "<account id>"}, "ArnLike": {"aws:SourceArn": "arn:aws:ecs:<region>:<account id>:*"}}`.',
        tags: ["rule:I10", "beyond:I10"],
    },
    (resources, report) => {
        for (const { role, uses } of taskDefinitionRoles(resources)) {
            const doc = read(() => role.props.assumeRolePolicy);
            if (doc.known && hasConfusedDeputyGuard(doc.value) === false) {
                report(`Role ${role.name} (used by ${uses.join(", ")}) trusts ecs-tasks.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition.`, role);
            }
        }
    },
);

const executionRoleLeastPrivilege = stackPolicy(
    {
        name: "iam-ecs-execution-role-least-privilege",
        description: "An ECS execution role should only pull images, write logs and read the task's secrets.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps:
            "Give the execution role only ecr:GetAuthorizationToken, ecr:BatchCheckLayerAvailability/GetDownloadUrlForLayer/BatchGetImage, logs:CreateLogStream/PutLogEvents, secretsmanager:GetSecretValue/ssm:GetParameters and kms:Decrypt (or AmazonECSTaskExecutionRolePolicy); put application permissions on the task role.",
        tags: ["rule:I10", "beyond:I10"],
    },
    (resources, report) => {
        const roles = ofType(resources, TYPES.role);
        const executionRoles = new Set<PolicyResource>();
        for (const td of ofType(resources, TYPES.taskDefinition)) (rolesReferencedBy(td, "executionRoleArn", roles) ?? []).forEach((r) => executionRoles.add(r));
        for (const role of executionRoles) {
            const excess = tryKnown(() => executionRoleExcess(role, resources), []) ?? [];
            if (excess.length) report(`Execution role ${role.name} grants more than image pull, logs and secrets: ${excess.join("; ")}.`, role);
        }
    },
);

const noUserPolicies = resourcePolicy(
    {
        name: "iam-no-user-policies",
        description: "Policies must be attached to roles or groups, not directly to IAM users.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "Remove the UserPolicy/UserPolicyAttachment (or the `users` of the PolicyAttachment) and grant the permissions through a group or a role.",
        tags: ["rule:I11", "checkov:CKV_AWS_40", "trivy:AWS-0143", "kics:iam_policies_attached_to_user", "fsbp:IAM.2", "pulumi-compliance:only-permissions-via-groups"],
    },
    [...TYPES.policyAttachment, ...TYPES.userPolicy, ...TYPES.userPolicyAttachment],
    (props, report, args) => {
        if (!TYPES.policyAttachment.includes(args.type as any)) {
            report(`${args.type.split(":").pop()} attaches a policy directly to a user.`);
            return;
        }
        const users = props.users;
        if (Array.isArray(users) && users.length > 0) report(`PolicyAttachment lists users: ${users.join(", ")}.`);
    },
);

const noManagementConflict = stackPolicy(
    {
        name: "iam-no-role-policy-management-conflict",
        description: "A role's policies must be managed either on the Role (inlinePolicies/managedPolicyArns) or by separate resources, not both.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps:
            "Remove `inlinePolicies` and `managedPolicyArns` from the Role and manage its policies only with RolePolicy / RolePolicyAttachment resources (or the reverse).",
        tags: ["rule:I12", "awsguard:iam-role-no-policy-management-conflicts"],
    },
    (resources, report) => {
        const roles = ofType(resources, TYPES.role);
        for (const role of roles) {
            const attachments = attachmentsOf(role, resources, roles);
            if (!attachments.length) continue;
            const exclusive = exclusivelyManagedPolicies(role, attachments);
            if (!exclusive?.length) continue;
            for (const a of attachments) {
                report(`${a.name} manages policies of role ${role.name}, which also declares ${exclusive.join(", ")}; the two fight on every update.`, a);
            }
        }
    },
);

const githubOidcScoped = trustPolicy(
    {
        name: "iam-github-oidc-trust-scoped",
        description: "A GitHub Actions OIDC trust must be limited to specific repositories through the sub claim.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps:
            'Add `"Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:<owner>/<repo>:ref:refs/heads/main"}}` (no wildcard in owner or repository) to the OIDC trust statement.',
        tags: ["rule:I13", "checkov:CKV_AWS_393", "checkov:CKV_AWS_358"],
    },
    githubOidcProblem,
);

/** Resource policies (who may use a queue, topic, bucket or secret) checked by `iam-resource-policy-not-public`; KMS keys and ECR repositories have their own rules (K3, E4). */
export const PUBLIC_RESOURCE_POLICY_TYPES: readonly string[] = [
    "aws:sqs/queuePolicy:QueuePolicy",
    "aws:sqs/queue:Queue",
    "aws:sns/topicPolicy:TopicPolicy",
    "aws:sns/topic:Topic",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:secretsmanager/secretPolicy:SecretPolicy",
];

/** Allow statements of a resource policy that admit everyone (`*`, AWS `*`, or NotPrincipal) without any condition. */
export function publicResourcePolicyProblems(policy: unknown): string[] {
    const parsed = parsePolicyDocument(policy);
    if (parsed.status !== "parsed") return [];
    const out: string[] = [];
    for (const s of parsed.document.statements) {
        if (s.effect !== "Allow" || hasAnyCondition(s)) continue;
        if (principalIsEveryone(s.principal))
            out.push(`${statementLabel(s)} allows ${s.actions.join(", ") || `NotAction ${s.notActions.join(", ")}`} to every principal ("*") without a condition`);
        else if (s.notPrincipal) out.push(`${statementLabel(s)} uses NotPrincipal with Allow, which admits everyone else, without a condition`);
    }
    return out;
}

const resourcePolicyNotPublic = resourcePolicy(
    {
        name: "iam-resource-policy-not-public",
        description: "SQS queue, SNS topic, S3 bucket and Secrets Manager secret policies must not allow every principal without a condition.",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps:
            'Replace `"Principal": "*"` with the account, role or service principal that needs access, or add a restricting `Condition` (`aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`, `aws:SourceVpce`); never use NotPrincipal with Allow.',
        tags: ["rule:I14", "checkov:CKV_AWS_168", "checkov:CKV_AWS_169", "checkov:CKV_AWS_70"],
    },
    PUBLIC_RESOURCE_POLICY_TYPES,
    (props, report) => {
        for (const problem of publicResourcePolicyProblems(props.policy)) report(`policy, ${problem}.`);
    },
);

/** Every IAM policy of the pack. */
export const iamPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
    noFullAdmin,
    noWildcardAction,
    noServiceWildcard,
    noUnscopedWrites,
    noPrivilegeEscalation,
    noDecryptAllKeys,
    noAdminManagedPolicy,
    trustNoWildcard,
    trustNoAccountRoot,
    ecsRoleTrust,
    ecsRoleConfusedDeputy,
    executionRoleLeastPrivilege,
    noUserPolicies,
    noManagementConflict,
    githubOidcScoped,
    resourcePolicyNotPublic,
];
