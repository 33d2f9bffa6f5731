/**
 * Text and markdown renderings of a cost estimate.
 */
import type { CostEstimate, CostItem } from "./model";

/**
 * Money as `$9.01` (two decimals, thousands separated: `$1,234.50`), rounding half up on the decimal value
 * (16.425 → `$16.43`, although the double 16.425 is slightly below it).
 */
export function formatMoney(value: number): string {
    const cents = Math.round(Number((value * 100).toPrecision(12)));
    return `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A signed money delta, rounded as `formatMoney` rounds: `+$5.00`, `-$2.70`, `$0.00` (no sign when it rounds to zero). */
export function formatDelta(value: number): string {
    const money = formatMoney(Math.abs(value));
    return money === "$0.00" ? money : `${value > 0 ? "+" : "-"}${money}`;
}

/** The min–max range of an item or estimate, e.g. `$9.01–$90.10`. */
function formatRange(min: number, max: number): string {
    return `${formatMoney(min)}–${formatMoney(max)}`;
}

/** Column headings, in order. */
const HEADINGS = ["Resource", "Monthly", "Min–Max", "Kind", "Basis"] as const;

/** The cells of one item, in heading order. */
function cells(item: CostItem): string[] {
    return [item.resource, formatMoney(item.monthly), formatRange(item.monthlyMin, item.monthlyMax), item.dependsOnUsage ? "usage" : "fixed", item.basis];
}

/** The total as a short phrase: `$38.51/month ($38.51–$44.86 across the autoscaling range)`, or why there is none. */
export function formatTotalPhrase(estimate: CostEstimate): string {
    if (estimate.monthlyTotal === null || estimate.monthlyMin === null || estimate.monthlyMax === null) {
        return `no cost total (${estimate.missingPrices.length} price(s) missing for ${estimate.region})`;
    }
    return `${formatMoney(estimate.monthlyTotal)}/month (${formatRange(estimate.monthlyMin, estimate.monthlyMax)} across the autoscaling range)`;
}

/** The total line, or the missing prices and how to get them. */
function totalLines(estimate: CostEstimate, bullet: string): string[] {
    if (estimate.complete && estimate.monthlyTotal !== null) {
        return [
            `Total: ${formatMoney(estimate.monthlyTotal)}/month (min–max ${formatRange(estimate.monthlyMin as number, estimate.monthlyMax as number)}); ` +
                `fixed ${formatMoney(estimate.fixedMonthly as number)}, usage-based ${formatMoney(estimate.usageMonthly as number)}`,
        ];
    }
    return [
        `Total: not computed: the price table has no ${estimate.region} figure for ${estimate.missingPrices.length} price(s) this stack needs (the lines above are the ones it could price):`,
        ...estimate.missingPrices.map((m) => `${bullet}${m.key} (${m.unit}), needed by ${m.resources.join(", ")}`),
        `To price ${estimate.region}: ${estimate.howToGetPrices ?? ""}`,
    ];
}

/** Lines under the table: totals, price provenance and what could not be priced. */
function footer(estimate: CostEstimate, bullet: string): string[] {
    const lines = [
        ...totalLines(estimate, bullet),
        `Prices: ${estimate.region}, ${estimate.currency} list prices dated ${estimate.priceDate}, ${estimate.hoursPerMonth} h/month; usage-based lines follow the usage assumptions.`,
    ];
    if (estimate.unpriced.length > 0) {
        lines.push("Not priced:");
        for (const entry of estimate.unpriced) {
            lines.push(`${bullet}${entry.resource} (${entry.type}): ${entry.reason}`);
        }
    }
    return lines;
}

/** A plain-text table: padded columns, the basis last and unpadded, then totals and unpriced resources. */
export function formatCostTable(estimate: CostEstimate): string {
    const rows = [HEADINGS.slice(), ...estimate.items.map(cells)];
    const widths = HEADINGS.slice(0, -1).map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    const render = (row: string[]) =>
        row
            .map((cell, column) => (column < widths.length ? (column === 1 || column === 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column])) : cell))
            .join("  ")
            .trimEnd();
    const rule = widths.map((width) => "-".repeat(width)).join("  ") + "  -----";
    return [render(rows[0]), rule, ...rows.slice(1).map(render), "", ...footer(estimate, "  - ")].join("\n") + "\n";
}

/** Escape a markdown table cell. */
export function markdownCell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** A markdown table with the same columns, then totals and unpriced resources as a list. */
export function formatCostMarkdown(estimate: CostEstimate): string {
    const line = (row: readonly string[]) => `| ${row.map(markdownCell).join(" | ")} |`;
    return (
        [
            line(HEADINGS),
            "|---|---:|---:|---|---|",
            ...estimate.items.map((item) => line(cells(item))),
            "",
            ...footer(estimate, "- ").map((text) => (text.startsWith("- ") || text === "Not priced:" || text.endsWith(":") ? text : `${text}  `)),
        ].join("\n") + "\n"
    );
}
