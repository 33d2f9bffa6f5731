/** Helpers for the constraint-check tests: a synthetic recorded resource and table runners. */
import * as assert from "node:assert/strict";
import { RecordedResource } from "../../tools/offline/types";
import { constraintProblems } from "../../tools/offline/constraints/check";
import { ConstraintProblem } from "../../tools/offline/constraints/types";

/** A custom resource as the offline engine records it (outputs default to the inputs). */
export function recorded(type: string, name: string, inputs: Record<string, any>, outputs: Record<string, any> = inputs): RecordedResource {
    return {
        urn: `urn:pulumi:test::p::${type}::${name}`,
        type,
        name,
        custom: true,
        inputs,
        outputs,
        dependencies: [],
        propertyDependencies: {},
        protect: false,
        ignoreChanges: [],
    };
}

/** One row of a table: a resource, and whether AWS or the provider accepts it (else the property reported and the source expected). */
export interface Row {
    what: string;
    resource: RecordedResource;
    refused?: { property: string; source: RegExp; rule?: RegExp };
}

/** Run every row: accepted rows have no problem; refused rows have exactly one, on the property, with the rule and its source. */
export function runTable(rows: Row[]): void {
    for (const row of rows) {
        it(`${row.refused ? "refuses" : "accepts"} ${row.what}`, () => {
            const problems: ConstraintProblem[] = constraintProblems([row.resource]);
            if (!row.refused) {
                assert.deepEqual(problems, [], JSON.stringify(problems, null, 1));
                return;
            }
            assert.equal(problems.length, 1, JSON.stringify(problems, null, 1));
            const [p] = problems;
            assert.equal(p.resource, `${row.resource.type}::${row.resource.name}`);
            assert.equal(p.property, row.refused.property);
            assert.match(p.source, row.refused.source);
            if (row.refused.rule) assert.match(p.rule, row.refused.rule);
            assert.ok(p.rule.length > 0 && p.value !== undefined);
        });
    }
}
