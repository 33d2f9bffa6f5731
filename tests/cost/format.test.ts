import assert from "node:assert/strict";
import { formatCostMarkdown, formatCostTable, formatMoney } from "../../tools/cost/format";
import type { CostEstimate } from "../../tools/cost/model";

/** A small estimate: one scaled service, one ALB line with a pipe in its basis, one unpriced WAF. */
const ESTIMATE: CostEstimate = {
    currency: "USD",
    region: "us-east-1",
    hoursPerMonth: 730,
    priceDate: "2026-09-29",
    monthlyTotal: 25.435,
    monthlyMin: 16.425,
    monthlyMax: 52.4651,
    fixedMonthly: 25.435,
    usageMonthly: 0,
    items: [
        { resource: "web", type: "aws:ecs/service:Service", monthly: 9.01, monthlyMin: 0, monthlyMax: 36.0401, basis: "1 task", dependsOnUsage: false },
        { resource: "alb", type: "aws:lb/loadBalancer:LoadBalancer", monthly: 16.425, monthlyMin: 16.425, monthlyMax: 16.425, basis: "ALB hours | 730 h", dependsOnUsage: false },
    ],
    unpriced: [{ resource: "waf", type: "aws:wafv2/webAcl:WebAcl", reason: "no WAF prices" }],
    complete: true,
    missingPrices: [],
};

describe("cost/format: tables", () => {
    it("formats money as $9.01, rounding half up on the decimal value", () => {
        assert.deepEqual([9.010025, 7.20875, 16.425, 18.396, 0, 1234.5, 0.005].map(formatMoney), ["$9.01", "$7.21", "$16.43", "$18.40", "$0.00", "$1,234.50", "$0.01"]);
    });

    it("renders a padded text table with totals and unpriced resources", () => {
        assert.equal(
            formatCostTable(ESTIMATE),
            [
                "Resource  Monthly        Min–Max  Kind   Basis",
                "--------  -------  -------------  -----  -----",
                "web         $9.01   $0.00–$36.04  fixed  1 task",
                "alb        $16.43  $16.43–$16.43  fixed  ALB hours | 730 h",
                "",
                "Total: $25.44/month (min–max $16.43–$52.47); fixed $25.44, usage-based $0.00",
                "Prices: us-east-1, USD list prices dated 2026-09-29, 730 h/month; usage-based lines follow the usage assumptions.",
                "Not priced:",
                "  - waf (aws:wafv2/webAcl:WebAcl): no WAF prices",
                "",
            ].join("\n"),
        );
    });

    it("renders a markdown table with escaped pipes", () => {
        assert.equal(
            formatCostMarkdown(ESTIMATE),
            [
                "| Resource | Monthly | Min–Max | Kind | Basis |",
                "|---|---:|---:|---|---|",
                "| web | $9.01 | $0.00–$36.04 | fixed | 1 task |",
                "| alb | $16.43 | $16.43–$16.43 | fixed | ALB hours \\| 730 h |",
                "",
                "Total: $25.44/month (min–max $16.43–$52.47); fixed $25.44, usage-based $0.00  ",
                "Prices: us-east-1, USD list prices dated 2026-09-29, 730 h/month; usage-based lines follow the usage assumptions.  ",
                "Not priced:",
                "- waf (aws:wafv2/webAcl:WebAcl): no WAF prices",
                "",
            ].join("\n"),
        );
    });

    it("marks usage-based lines and omits the unpriced section when empty", () => {
        const usageOnly: CostEstimate = { ...ESTIMATE, unpriced: [], items: [{ ...ESTIMATE.items[0], dependsOnUsage: true }] };
        const text = formatCostTable(usageOnly);
        assert.match(text, /^web\s+\$9\.01\s+\$0\.00–\$36\.04\s+usage\s+1 task$/m);
        assert.equal(text.includes("Not priced"), false);
    });
});
