/**
 * What a change costs: compare a plan with a previous plan's JSON (`npm run plan -- --format json`,
 * e.g. from the main branch) — resources added, removed and changed (with the properties that changed),
 * the policy profile, policy verdicts that appeared, cleared or changed level, values AWS would refuse that
 * appeared or cleared, and the monthly cost delta line by line — and render it as text, markdown (a
 * pull-request comment) or JSON.
 */
import { formatDelta, formatMoney, markdownCell as cell } from "../cost/format";
import { round4 } from "../cost/model";
import type { ConstraintProblem } from "../../rules/constraintProblem";
import { formatConstraintProblem } from "../offline/constraints/check";

/** The parts of a plan's documented JSON that a comparison reads. */
export interface PlanJson {
    stack: string;
    region: string;
    resources: { urn: string; type: string; name: string; parent: string | null; inputs: Record<string, unknown> }[];
    violations: { policy: string; resource: string; level: string; message: string }[];
    cost: {
        monthlyTotal: number | null;
        items: { resource: string; type: string; monthly: number; basis: string }[];
        missingPrices?: { key: string; resources?: string[] }[];
    };
    /** Values AWS or the provider would refuse (absent in plans written before the plan listed them). */
    constraints?: ConstraintProblem[];
    /** The policy profile the verdicts were judged with (absent in plans written before the plan named it). */
    policyProfile?: { name: string | null };
}

/** One changed property of a resource. */
export interface PropertyChange {
    /** Dotted path into the inputs, e.g. `networkConfiguration.assignPublicIp`. */
    path: string;
    before: unknown;
    after: unknown;
}

/** A resource present on both sides whose inputs differ. */
export interface ChangedResource {
    type: string;
    name: string;
    changes: PropertyChange[];
}

/** A resource on one side only. */
export interface ResourceRef {
    type: string;
    name: string;
}

/** A policy verdict on one side only. */
export interface VerdictRef {
    policy: string;
    resource: string;
    level: string;
    message: string;
}

/** A policy verdict on both sides at different levels (e.g. advisory under the dev profile, mandatory under prod). */
export interface VerdictLevelChange {
    policy: string;
    resource: string;
    before: string;
    after: string;
    message: string;
}

/** One cost line's change (a line is a resource's priced part, e.g. its "ALB hours"). */
export interface CostLineDelta {
    resource: string;
    type: string;
    /** The line's label: its basis up to the first colon. */
    line: string;
    before: number;
    after: number;
    delta: number;
}

/** The whole comparison. */
export interface PlanComparison {
    base: { stack: string; region: string };
    head: { stack: string; region: string };
    resources: { added: ResourceRef[]; removed: ResourceRef[]; changed: ChangedResource[] };
    /** The policy profile of each side (null: none, or not recorded in that plan's JSON); verdicts follow it. */
    policyProfile: { before: string | null; after: string | null };
    verdicts: { appeared: VerdictRef[]; cleared: VerdictRef[]; levelChanged: VerdictLevelChange[] };
    /** Values AWS or the provider would refuse, on one side only. */
    constraints: { appeared: ConstraintProblem[]; cleared: ConstraintProblem[] };
    cost: {
        /** Monthly totals; null when that side had missing prices. */
        before: number | null;
        after: number | null;
        delta: number | null;
        lines: CostLineDelta[];
        /** Resources a side could not price (its region lacks a price they need): their lines are left out, not shown as $0. */
        notCompared: string[];
    };
}

/** A resource's identity across stacks: its URN without the stack and project (type chain and name). */
export function resourceKey(urn: string): string {
    const parts = urn.split("::");
    return parts.length >= 4 ? parts.slice(2).join("::") : urn;
}

/** Flatten inputs to `path → JSON value` leaves (arrays by index, empty objects and arrays as leaves). */
function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
    if (value !== null && typeof value === "object" && Object.keys(value as object).length > 0) {
        for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
            flatten(child, Array.isArray(value) ? `${prefix}[${key}]` : prefix ? `${prefix}.${key}` : key, out);
        }
        return;
    }
    out.set(prefix, JSON.stringify(value) ?? "undefined");
}

/** The properties whose values differ between two input objects, sorted by path. */
export function diffInputs(before: Record<string, unknown>, after: Record<string, unknown>): PropertyChange[] {
    const [a, b] = [new Map<string, string>(), new Map<string, string>()];
    flatten(before ?? {}, "", a);
    flatten(after ?? {}, "", b);
    const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
    const parse = (text: string | undefined) => (text === undefined || text === "undefined" ? undefined : JSON.parse(text));
    return paths.filter((p) => a.get(p) !== b.get(p)).map((p) => ({ path: p, before: parse(a.get(p)), after: parse(b.get(p)) }));
}

/**
 * The label of a cost line: its basis up to the first ": " ("ALB hours: 730 h × …" → "ALB hours", "interface
 * endpoint com.amazonaws.us-east-1.ecr.api: 2 AZ(s) …" → its whole lead, however long); a basis without one
 * (an ECS service's task line) is "tasks", so a count change is one line that changed.
 */
function lineLabel(basis: string): string {
    const colon = basis.indexOf(": ");
    return colon > 0 ? basis.slice(0, colon) : "tasks";
}

/** Sum a plan's cost lines by resource, type and label. */
function costLines(plan: PlanJson): Map<string, { resource: string; type: string; line: string; monthly: number }> {
    const lines = new Map<string, { resource: string; type: string; line: string; monthly: number }>();
    for (const item of plan.cost.items) {
        const line = lineLabel(item.basis);
        const key = `${item.resource}\u0000${item.type}\u0000${line}`;
        const entry = lines.get(key) ?? { resource: item.resource, type: item.type, line, monthly: 0 };
        entry.monthly += item.monthly;
        lines.set(key, entry);
    }
    return lines;
}

/** Compare `head` (this plan) with `base` (the previous plan). */
export function comparePlans(base: PlanJson, head: PlanJson): PlanComparison {
    const baseResources = new Map(base.resources.map((r) => [resourceKey(r.urn), r]));
    const headResources = new Map(head.resources.map((r) => [resourceKey(r.urn), r]));
    const added = [...headResources.entries()].filter(([key]) => !baseResources.has(key)).map(([, r]) => ({ type: r.type, name: r.name }));
    const removed = [...baseResources.entries()].filter(([key]) => !headResources.has(key)).map(([, r]) => ({ type: r.type, name: r.name }));
    const changed: ChangedResource[] = [];
    for (const [key, after] of headResources) {
        const before = baseResources.get(key);
        if (!before) continue;
        const changes = diffInputs(before.inputs, after.inputs);
        if (changes.length > 0) changed.push({ type: after.type, name: after.name, changes });
    }
    const verdictKey = (v: VerdictRef) => `${v.policy}\u0000${v.resource}`;
    const baseVerdicts = new Map(base.violations.map((v) => [verdictKey(v), v]));
    const headVerdicts = new Map(head.violations.map((v) => [verdictKey(v), v]));
    const pick = (v: VerdictRef): VerdictRef => ({ policy: v.policy, resource: v.resource, level: v.level, message: v.message });
    const appeared = [...headVerdicts.entries()].filter(([key]) => !baseVerdicts.has(key)).map(([, v]) => pick(v));
    const cleared = [...baseVerdicts.entries()].filter(([key]) => !headVerdicts.has(key)).map(([, v]) => pick(v));
    const levelChanged: VerdictLevelChange[] = [];
    for (const [key, after] of headVerdicts) {
        const before = baseVerdicts.get(key);
        if (before && before.level !== after.level)
            levelChanged.push({ policy: after.policy, resource: after.resource, before: before.level, after: after.level, message: after.message });
    }
    const constraintKey = (p: ConstraintProblem) => `${p.resource}\u0000${p.property}\u0000${JSON.stringify(p.value)}\u0000${p.rule}`;
    const [baseConstraints, headConstraints] = [base.constraints ?? [], head.constraints ?? []];
    const [baseConstraintKeys, headConstraintKeys] = [new Set(baseConstraints.map(constraintKey)), new Set(headConstraints.map(constraintKey))];
    const [beforeLines, afterLines] = [costLines(base), costLines(head)];
    const notCompared = [...new Set([base, head].flatMap((p) => (p.cost.missingPrices ?? []).flatMap((m) => m.resources ?? [])))].sort();
    const lines: CostLineDelta[] = [];
    for (const key of new Set([...beforeLines.keys(), ...afterLines.keys()])) {
        const b = beforeLines.get(key);
        const a = afterLines.get(key);
        const ref = (a ?? b) as { resource: string; type: string; line: string };
        if (notCompared.includes(ref.resource)) continue;
        const [before, after] = [round4(b?.monthly ?? 0), round4(a?.monthly ?? 0)];
        if (before !== after) lines.push({ resource: ref.resource, type: ref.type, line: ref.line, before, after, delta: round4(after - before) });
    }
    lines.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.resource.localeCompare(y.resource) || x.line.localeCompare(y.line));
    const [totalBefore, totalAfter] = [base.cost.monthlyTotal, head.cost.monthlyTotal];
    return {
        base: { stack: base.stack, region: base.region },
        head: { stack: head.stack, region: head.region },
        resources: { added, removed, changed },
        policyProfile: { before: base.policyProfile?.name ?? null, after: head.policyProfile?.name ?? null },
        verdicts: { appeared, cleared, levelChanged },
        constraints: {
            appeared: headConstraints.filter((p) => !baseConstraintKeys.has(constraintKey(p))),
            cleared: baseConstraints.filter((p) => !headConstraintKeys.has(constraintKey(p))),
        },
        cost: {
            before: totalBefore,
            after: totalAfter,
            delta: totalBefore === null || totalAfter === null ? null : round4(totalAfter - totalBefore),
            lines,
            notCompared,
        },
    };
}

/** A total or "no total". */
function money(value: number | null): string {
    return value === null ? "no total (missing prices)" : formatMoney(value);
}

/** A value in a change list, shortened. */
function shown(value: unknown): string {
    const text = value === undefined ? "(unset)" : JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** One-line summary. */
function headline(c: PlanComparison): string {
    const delta = c.cost.delta === null ? "cost delta unknown (missing prices)" : `${formatDelta(c.cost.delta)}/month (${money(c.cost.before)} → ${money(c.cost.after)})`;
    return (
        `${c.base.stack} (${c.base.region}) → ${c.head.stack} (${c.head.region}): ${c.resources.added.length} added, ${c.resources.removed.length} removed, ` +
        `${c.resources.changed.length} changed; ${c.verdicts.appeared.length} verdict(s) appeared, ${c.verdicts.cleared.length} cleared; ${delta}`
    );
}

/** A profile name or "none". */
function profileName(name: string | null): string {
    return name ?? "none";
}

/** The line saying the policy profile changed (verdicts follow it), or nothing. */
function profileNote(c: PlanComparison): string[] {
    const { before, after } = c.policyProfile;
    return before === after ? [] : [`Policy profile ${profileName(before)} → ${profileName(after)}: verdicts and their levels follow the profile.`];
}

/** The resources whose cost lines were left out because a side lacks their prices. */
function notComparedLine(c: PlanComparison): string {
    return `Not compared (a side's price table lacks prices they need, so their cost there is unknown): ${c.cost.notCompared.join(", ")}`;
}

/** Plain text. */
export function renderComparisonText(c: PlanComparison): string {
    const out = [headline(c), ...profileNote(c), ""];
    const section = (title: string, lines: string[]) => out.push(title, ...(lines.length > 0 ? lines : ["  none"]), "");
    section(
        "Resources added",
        c.resources.added.map((r) => `  + ${r.name} (${r.type})`),
    );
    section(
        "Resources removed",
        c.resources.removed.map((r) => `  - ${r.name} (${r.type})`),
    );
    section(
        "Resources changed",
        c.resources.changed.flatMap((r) => [`  ~ ${r.name} (${r.type})`, ...r.changes.map((p) => `      ${p.path}: ${shown(p.before)} → ${shown(p.after)}`)]),
    );
    section(
        "Policy verdicts appeared",
        c.verdicts.appeared.map((v) => `  + [${v.level}] ${v.policy} on ${v.resource}`),
    );
    section(
        "Policy verdicts cleared",
        c.verdicts.cleared.map((v) => `  - [${v.level}] ${v.policy} on ${v.resource}`),
    );
    if (c.verdicts.levelChanged.length > 0)
        section(
            "Policy verdicts that changed level",
            c.verdicts.levelChanged.map((v) => `  ~ [${v.before} → ${v.after}] ${v.policy} on ${v.resource}`),
        );
    if (c.constraints.appeared.length + c.constraints.cleared.length > 0) {
        section(
            "Values AWS or the provider would refuse, appeared",
            c.constraints.appeared.map((p) => `  + ${formatConstraintProblem(p)}`),
        );
        section(
            "Values AWS or the provider would refuse, cleared",
            c.constraints.cleared.map((p) => `  - ${formatConstraintProblem(p)}`),
        );
    }
    const width = Math.max(8, ...c.cost.lines.map((l) => `${l.resource} ${l.line}`.length));
    section(
        "Monthly cost delta (USD)",
        c.cost.lines.map(
            (l) =>
                `  ${`${l.resource} ${l.line}`.padEnd(width)}  ${formatMoney(l.before).padStart(10)} → ${formatMoney(l.after).padStart(10)}  ${formatDelta(l.delta).padStart(10)}`,
        ),
    );
    if (c.cost.notCompared.length > 0) out.push(notComparedLine(c), "");
    out.push(`Total: ${money(c.cost.before)} → ${money(c.cost.after)}${c.cost.delta === null ? "" : ` (${formatDelta(c.cost.delta)}/month)`}`);
    return out.join("\n") + "\n";
}

/** Markdown, ready to post as a pull-request comment. */
export function renderComparisonMarkdown(c: PlanComparison): string {
    const delta = c.cost.delta === null ? "unknown (missing prices)" : `**${formatDelta(c.cost.delta)}/month**`;
    const out = [
        `### fargatekit plan: \`${c.base.stack}\` → \`${c.head.stack}\``,
        "",
        `Monthly cost ${delta}: ${money(c.cost.before)} → ${money(c.cost.after)} · ` +
            `${c.resources.added.length} added, ${c.resources.removed.length} removed, ${c.resources.changed.length} changed · ` +
            `${c.verdicts.appeared.length} verdict(s) appeared, ${c.verdicts.cleared.length} cleared`,
        ...profileNote(c).map((note) => `\n${note}`),
        "",
    ];
    if (c.cost.lines.length > 0) {
        out.push("#### Cost by line", "", "| Resource | Line | Before | After | Delta |", "|---|---|---:|---:|---:|");
        out.push(...c.cost.lines.map((l) => `| ${cell(l.resource)} | ${cell(l.line)} | ${formatMoney(l.before)} | ${formatMoney(l.after)} | ${formatDelta(l.delta)} |`), "");
    }
    if (c.cost.notCompared.length > 0) out.push(notComparedLine(c), "");
    if (c.verdicts.appeared.length + c.verdicts.cleared.length + c.verdicts.levelChanged.length > 0) {
        out.push("#### Policy verdicts", "", "| | Level | Policy | Resource |", "|---|---|---|---|");
        out.push(...c.verdicts.appeared.map((v) => `| appeared | ${v.level} | ${cell(v.policy)} | ${cell(v.resource)} |`));
        out.push(...c.verdicts.cleared.map((v) => `| cleared | ${v.level} | ${cell(v.policy)} | ${cell(v.resource)} |`));
        out.push(...c.verdicts.levelChanged.map((v) => `| level changed | ${v.before} → ${v.after} | ${cell(v.policy)} | ${cell(v.resource)} |`), "");
    }
    if (c.constraints.appeared.length + c.constraints.cleared.length > 0) {
        out.push("#### Values AWS or the provider would refuse", "");
        out.push(...c.constraints.appeared.map((p) => `- appeared: ${cell(formatConstraintProblem(p))}`));
        out.push(...c.constraints.cleared.map((p) => `- cleared: ${cell(formatConstraintProblem(p))}`), "");
    }
    const resourceLines = [
        ...c.resources.added.map((r) => `- ➕ \`${r.name}\` (${r.type})`),
        ...c.resources.removed.map((r) => `- ➖ \`${r.name}\` (${r.type})`),
        ...c.resources.changed.map((r) => `- ✏️ \`${r.name}\` (${r.type}): ${r.changes.map((p) => `\`${p.path}\` ${cell(shown(p.before))} → ${cell(shown(p.after))}`).join("; ")}`),
    ];
    if (resourceLines.length > 0) {
        out.push("<details><summary>Resources</summary>", "", ...resourceLines, "", "</details>", "");
    }
    return out.join("\n");
}

/** JSON (the `PlanComparison` shape). */
export function renderComparisonJson(c: PlanComparison): string {
    return JSON.stringify(c, null, 2);
}

/** Read a base plan file, checking it is a plan's JSON. */
export function parsePlanJson(text: string, origin: string): PlanJson {
    let parsed: any;
    try {
        parsed = JSON.parse(text);
    } catch (e) {
        throw new Error(`${origin}: not JSON (${(e as Error).message}); write it with \`npm run plan -- --format json --out ${origin}\``);
    }
    if (!parsed || !Array.isArray(parsed.resources) || !Array.isArray(parsed.violations) || !parsed.cost || !Array.isArray(parsed.cost.items)) {
        throw new Error(`${origin}: not a plan's JSON (needs resources, violations and cost.items); write it with \`npm run plan -- --format json --out ${origin}\``);
    }
    return parsed as PlanJson;
}
