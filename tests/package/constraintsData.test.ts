/**
 * The constraint data matches its sources: `awsConstraints.json` is what `extract.ts` makes from the
 * installed botocore (skipped, saying so, when botocore is missing or another version), every rule
 * carries a source, and every mapped API member exists in the models.
 */
import * as assert from "node:assert/strict";
import * as fs from "fs";
import { compilePattern, DATA_FILE, extractConstraints, loadModel, locateBotocore, renderData } from "../../tools/offline/constraints/extract";
import { ConstraintData } from "../../tools/offline/constraints/types";
import { HAND_RULES } from "../../tools/offline/constraints/handRules";
import { CROSS_FIELD_RULES } from "../../tools/offline/constraints/crossFieldRules";
import { AUTO_NAMING } from "../../tools/offline/constraints/autoNaming";

describe("constraints: the data matches its sources", function () {
    this.timeout(60000);
    const data: ConstraintData = JSON.parse(fs.readFileSync(DATA_FILE, "utf8"));

    it("is exactly what extract.ts generates from the installed botocore", function () {
        const botocore = locateBotocore();
        if (!botocore) {
            console.log(`      (skipped: botocore is not installed; apt-get install -y python3-botocore, or set BOTOCORE_DIR)`);
            return this.skip();
        }
        if (botocore.version !== data.generated.botocoreVersion) {
            console.log(
                `      (skipped: the data comes from botocore ${data.generated.botocoreVersion}, ${botocore.dir} is ${botocore.version}; regenerate with npx ts-node --transpile-only tools/offline/constraints/extract.ts)`,
            );
            return this.skip();
        }
        const fresh = extractConstraints((s) => loadModel(botocore.dir, s), botocore.version);
        assert.equal(renderData(fresh), fs.readFileSync(DATA_FILE, "utf8"));
    });

    it("names its botocore version in every generated rule, and every pattern compiles", () => {
        assert.ok(data.rules.length > 200);
        for (const r of data.rules) {
            assert.match(r.source, new RegExp(`^botocore ${data.generated.botocoreVersion.replace(/\./g, "\\.")} \\S+ \\S+ \\(shape \\w+\\)$`), JSON.stringify(r));
            if (r.kind === "pattern") assert.ok(compilePattern(r.pattern), r.pattern);
        }
    });

    it("gives every hand-written, cross-field and auto-naming rule a source", () => {
        for (const r of HAND_RULES) {
            assert.ok(r.source.length > 20, JSON.stringify(r));
            if (r.kind === "pattern") assert.ok(compilePattern(r.pattern), r.pattern);
        }
        for (const r of CROSS_FIELD_RULES) assert.ok(r.source.length > 20 && r.rule.length > 10, r.rule);
        for (const n of Object.values(AUTO_NAMING)) assert.match(n.source, /pulumi-aws/);
    });
});
