import * as assert from "node:assert/strict";
import { normaliseTaskDefinition, parseTaskDefinition, READ_ONLY_FIELDS } from "../../tools/generator/taskDefinition";
import { baseTaskDefinition, fixtureJson, fixtureText, SEED_FIXTURES } from "./helpers";

describe("generator: reading task definitions", () => {
    it("reads the register-task-definition shape as it is", () => {
        const n = parseTaskDefinition(fixtureText("seed-004-nginx-fargate.json"));
        assert.equal(n.shape, "register");
        assert.equal(n.taskDefinitionArn, undefined);
        assert.deepEqual(n.definition, fixtureJson("seed-004-nginx-fargate.json"));
    });

    it("unwraps the describe-task-definition shape and drops its read-only fields", () => {
        const n = parseTaskDefinition(fixtureText("describe-004-nginx-fargate.json"));
        assert.equal(n.shape, "describe");
        assert.equal(n.taskDefinitionArn, "arn:aws:ecs:us-east-1:123456789012:task-definition/my-task-family:2");
        for (const f of READ_ONLY_FIELDS) assert.equal(f in n.definition, false, f);
        assert.equal(n.definition.family, "my-task-family");
        assert.equal(n.definition.cpu, "256");
        assert.deepEqual(Object.keys(n.definition).sort(), [
            "containerDefinitions",
            "cpu",
            "executionRoleArn",
            "family",
            "memory",
            "networkMode",
            "placementConstraints",
            "requiresCompatibilities",
            "taskRoleArn",
            "volumes",
        ]);
    });

    it("takes the tags describe-task-definition --include TAGS puts next to the wrapper", () => {
        const n = normaliseTaskDefinition({ taskDefinition: baseTaskDefinition(), tags: [{ key: "team", value: "shop" }] });
        assert.deepEqual(n.definition.tags, [{ key: "team", value: "shop" }]);
    });

    it("reads every fixture in both shapes", () => {
        for (const f of SEED_FIXTURES) {
            assert.equal(parseTaskDefinition(fixtureText(f.register)).shape, "register", f.register);
            assert.equal(parseTaskDefinition(fixtureText(f.describe)).shape, "describe", f.describe);
        }
    });

    const container = (extra: object) => ({ ...baseTaskDefinition(), containerDefinitions: [{ name: "web", image: "nginx:1.27", ...extra }] });
    const badInputs: { what: string; text: string; error: string }[] = [
        { what: "not JSON", text: "family: web\n", error: "(file): is not JSON (" },
        { what: "a JSON list", text: "[]", error: "(file): must be a JSON object (an ECS task definition), got a list" },
        { what: "a JSON string", text: '"taskdef"', error: "(file): must be a JSON object (an ECS task definition), got string" },
        { what: "null", text: "null", error: "(file): must be a JSON object (an ECS task definition), got null" },
        { what: "some other AWS JSON", text: '{"services": []}', error: "(file): is not an ECS task definition: expected the input of `aws ecs register-task-definition`" },
        { what: "a wrapper that is not an object", text: '{"taskDefinition": "web:3"}', error: "taskDefinition: must be an object" },
        { what: "no containerDefinitions", text: '{"family": "web"}', error: "containerDefinitions: is required: a task definition needs at least one container" },
        { what: "describe shape without containers", text: '{"taskDefinition": {"family": "web"}}', error: "taskDefinition.containerDefinitions: is required" },
        { what: "containerDefinitions not a list", text: '{"family": "web", "containerDefinitions": {}}', error: "containerDefinitions: must be a list of container definitions" },
        { what: "no containers", text: '{"family": "web", "containerDefinitions": []}', error: "containerDefinitions: is empty" },
        {
            what: "a container that is not an object",
            text: '{"family": "web", "containerDefinitions": ["nginx"]}',
            error: "containerDefinitions[0]: must be an object (a container definition)",
        },
        {
            what: "a container without image",
            text: '{"family": "web", "containerDefinitions": [{"name": "web"}]}',
            error: "containerDefinitions[0].image: is required: every container needs an image URI",
        },
        {
            what: "a container without name",
            text: '{"family": "web", "containerDefinitions": [{"image": "nginx:1.27"}]}',
            error: "containerDefinitions[0].name: is required: every container needs a name",
        },
        {
            what: "a second container without image (describe shape)",
            text: '{"taskDefinition": {"family": "web", "containerDefinitions": [{"name": "a", "image": "nginx:1.27"}, {"name": "b", "image": ""}]}}',
            error: 'taskDefinition.containerDefinitions[1].image: must be a non-empty string, got ""',
        },
        { what: "an image with spaces", text: JSON.stringify(container({ image: "nginx 1.27" })), error: "containerDefinitions[0].image: is not an image reference" },
        {
            what: "two containers with one name",
            text: JSON.stringify({
                family: "web",
                containerDefinitions: [
                    { name: "a", image: "x:1" },
                    { name: "a", image: "y:1" },
                ],
            }),
            error: 'containerDefinitions[1].name: "a" is already the name of containerDefinitions[0]',
        },
        {
            what: "a port that is not a number",
            text: JSON.stringify(container({ portMappings: [{ containerPort: "80" }] })),
            error: 'containerDefinitions[0].portMappings[0].containerPort: must be a whole number, got "80"',
        },
        {
            what: "a port out of range",
            text: JSON.stringify(container({ portMappings: [{ containerPort: 0 }] })),
            error: "containerDefinitions[0].portMappings[0].containerPort: must be a port from 1 to 65535, got 0",
        },
        {
            what: "an environment value that is a number",
            text: JSON.stringify(container({ environment: [{ name: "N", value: 3 }] })),
            error: "containerDefinitions[0].environment[0].value: must be a string, got 3",
        },
        { what: "a secret without valueFrom", text: JSON.stringify(container({ secrets: [{ name: "DB" }] })), error: "containerDefinitions[0].secrets[0].valueFrom: is required" },
        {
            what: "a command that is a string",
            text: JSON.stringify(container({ command: "npm start" })),
            error: 'containerDefinitions[0].command: must be a list of strings, got "npm start"',
        },
        { what: "task memory that is an object", text: JSON.stringify({ ...baseTaskDefinition(), memory: { gb: 1 } }), error: "memory: must be a number or a string" },
    ];
    for (const b of badInputs) {
        it(`refuses ${b.what}, naming the field`, () => {
            assert.throws(
                () => parseTaskDefinition(b.text),
                (e: Error) => e.message.startsWith(b.error) || assert.fail(`message: ${e.message}`),
            );
        });
    }
});
