import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { runTaskCommand, readRunTaskOutputs } from "../../tools/generator/runTask";
import { quoteShellWord, splitShellWords } from "../../tools/generator/shellWords";

/** Outputs shaped like `pulumi stack output --json` of the dev stack (public subnets, public IP, no NAT). */
const DEV_OUTPUTS = {
    url: "http://web-alb-1234567890.us-east-1.elb.amazonaws.com",
    serviceName: "web-service-5f3a2b1",
    clusterName: "web-cluster-0c1d2e3",
    clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/web-cluster-0c1d2e3",
    logGroupName: "/fargatekit/dev/web",
    imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/web-repo-1a2b3c4@sha256:" + "ab".repeat(32),
    taskDefinitionFamily: "web-service",
    taskSubnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"],
    taskSecurityGroupId: "sg-0123456789abcdef0",
    assignPublicIp: true,
    taskSize: "256 CPU units / 512 MiB",
};

/** The prod stack: private subnets in 3 AZs behind NAT, no public IP, a named web container. */
const PROD_OUTPUTS = {
    ...DEV_OUTPUTS,
    clusterArn: "arn:aws:ecs:eu-west-1:123456789012:cluster/web-cluster-9f8e7d6",
    taskSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2", "subnet-0aaaaaaaaaaaaaaa3"],
    taskSecurityGroupId: "sg-0fedcba9876543210",
    assignPublicIp: false,
    containerName: "shop",
};

describe("generator: run-task command", () => {
    it("runs the dev stack's task on Fargate with a public IP", () => {
        assert.equal(
            runTaskCommand(DEV_OUTPUTS),
            [
                "aws ecs run-task \\",
                "  --region us-east-1 \\",
                "  --cluster arn:aws:ecs:us-east-1:123456789012:cluster/web-cluster-0c1d2e3 \\",
                "  --task-definition web-service \\",
                "  --capacity-provider-strategy capacityProvider=FARGATE,weight=1 \\",
                "  --network-configuration 'awsvpcConfiguration={subnets=[subnet-0a1b2c3d4e5f60718,subnet-0f1e2d3c4b5a69788],securityGroups=[sg-0123456789abcdef0],assignPublicIp=ENABLED}'",
            ].join("\n"),
        );
    });

    it("runs a command in the dev stack's default container app", () => {
        const cmd = runTaskCommand(DEV_OUTPUTS, { command: "python manage.py migrate --noinput" });
        assert.ok(cmd.endsWith(`assignPublicIp=ENABLED}' \\\n  --overrides '{"containerOverrides":[{"name":"app","command":["python","manage.py","migrate","--noinput"]}]}'`), cmd);
        assert.equal(cmd.includes("--launch-type"), false, "a launch type next to a capacity provider strategy is refused by the API");
    });

    it("runs the prod stack's task without a public IP, in its named container, with quotes and spaces in the command", () => {
        const cmd = runTaskCommand(PROD_OUTPUTS, { command: `sh -c 'echo "it'"'"'s done" > /tmp/out' "a b"` });
        assert.equal(
            cmd,
            [
                "aws ecs run-task \\",
                "  --region eu-west-1 \\",
                "  --cluster arn:aws:ecs:eu-west-1:123456789012:cluster/web-cluster-9f8e7d6 \\",
                "  --task-definition web-service \\",
                "  --capacity-provider-strategy capacityProvider=FARGATE,weight=1 \\",
                "  --network-configuration 'awsvpcConfiguration={subnets=[subnet-0aaaaaaaaaaaaaaa1,subnet-0aaaaaaaaaaaaaaa2,subnet-0aaaaaaaaaaaaaaa3],securityGroups=[sg-0fedcba9876543210],assignPublicIp=DISABLED}' \\",
                `  --overrides '{"containerOverrides":[{"name":"shop","command":["sh","-c","echo \\"it'\\''s done\\" > /tmp/out","a b"]}]}'`,
            ].join("\n"),
        );
    });

    it("quotes the overrides so a shell hands the AWS CLI exactly the JSON", () => {
        const cmd = runTaskCommand(PROD_OUTPUTS, { command: `echo "it's" 'a b'` });
        const quoted = cmd.split("--overrides ")[1];
        assert.deepEqual(splitShellWords(quoted), [JSON.stringify({ containerOverrides: [{ name: "shop", command: ["echo", "it's", "a b"] }] })]);
    });

    it("is one command a POSIX shell passes to the AWS CLI as exactly these arguments", () => {
        const cmd = runTaskCommand(PROD_OUTPUTS, { command: `sh -c 'echo "it'"'"'s done" > /tmp/out' "a b"` });
        const argv = execFileSync("/bin/sh", ["-c", `aws() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${cmd}`], { encoding: "utf8" })
            .split("\0")
            .slice(0, -1);
        assert.deepEqual(argv, [
            "ecs",
            "run-task",
            "--region",
            "eu-west-1",
            "--cluster",
            "arn:aws:ecs:eu-west-1:123456789012:cluster/web-cluster-9f8e7d6",
            "--task-definition",
            "web-service",
            "--capacity-provider-strategy",
            "capacityProvider=FARGATE,weight=1",
            "--network-configuration",
            "awsvpcConfiguration={subnets=[subnet-0aaaaaaaaaaaaaaa1,subnet-0aaaaaaaaaaaaaaa2,subnet-0aaaaaaaaaaaaaaa3],securityGroups=[sg-0fedcba9876543210],assignPublicIp=DISABLED}",
            "--overrides",
            JSON.stringify({ containerOverrides: [{ name: "shop", command: ["sh", "-c", `echo "it's done" > /tmp/out`, "a b"] }] }),
        ]);
    });

    it("names every missing output and the command that writes the file", () => {
        const { clusterArn: _c, taskSubnetIds: _s, ...partial } = DEV_OUTPUTS;
        assert.throws(() => runTaskCommand(partial), {
            message:
                "the outputs lack clusterArn, taskSubnetIds; write them with `pulumi stack output --json --stack <stack> > outputs.json` from a stack deployed by this program (index.ts exports them)",
        });
        assert.throws(() => runTaskCommand([]), /must be a JSON object as `pulumi stack output --json --stack <stack> > outputs.json` writes it/);
    });

    it("refuses malformed outputs and commands", () => {
        assert.throws(() => runTaskCommand({ ...DEV_OUTPUTS, taskSubnetIds: [] }), /malformed taskSubnetIds \(a non-empty list of subnet ids\)/);
        assert.throws(() => runTaskCommand({ ...DEV_OUTPUTS, assignPublicIp: "yes" }), /malformed assignPublicIp \(true or false\)/);
        assert.throws(() => runTaskCommand(DEV_OUTPUTS, { command: "   " }), /--command is empty/);
        assert.throws(() => runTaskCommand(DEV_OUTPUTS, { command: "echo 'open" }), /unterminated single quote at position 6/);
    });

    it("defaults the container name to app", () => {
        assert.equal(readRunTaskOutputs(DEV_OUTPUTS).containerName, "app");
        assert.equal(readRunTaskOutputs(PROD_OUTPUTS).containerName, "shop");
    });
});

describe("generator: shell words", () => {
    it("splits like a POSIX shell: quotes, escapes, empty arguments", () => {
        assert.deepEqual(splitShellWords(`a  'b c' "d \\"e\\" \\\\ f" g\\ h '' i"j"'k'`), ["a", "b c", 'd "e" \\ f', "g h", "", "ijk"]);
        assert.deepEqual(splitShellWords(`"keep \\n and \\x"`), ["keep \\n and \\x"]);
        assert.deepEqual(splitShellWords("one \\\ntwo"), ["one", "two"]);
        assert.deepEqual(splitShellWords(`'$HOME; rm -rf / | x'`), ["$HOME; rm -rf / | x"]);
        assert.deepEqual(splitShellWords("a#b"), ["a#b"]);
    });

    it("refuses what a shell would expand or interpret", () => {
        assert.throws(() => splitShellWords("echo $HOME"), /"\$" at position 6 outside quotes starts an expansion/);
        assert.throws(() => splitShellWords(`echo "$HOME"`), /"\$" at position 7 inside double quotes starts an expansion/);
        assert.throws(() => splitShellWords("migrate && serve"), /"&" at position 9 outside quotes is a shell operator/);
        assert.throws(() => splitShellWords("run # note"), /"#" at position 5 outside quotes starts a comment/);
        assert.throws(() => splitShellWords('say "hi'), /unterminated double quote at position 5/);
        assert.throws(() => splitShellWords("end\\"), /lone backslash/);
    });

    it("quotes for a POSIX shell only when needed, and round-trips", () => {
        assert.equal(quoteShellWord("subnet-1,x=y:z/w@v"), "subnet-1,x=y:z/w@v");
        assert.equal(quoteShellWord("a b"), "'a b'");
        assert.equal(quoteShellWord("it's"), `'it'\\''s'`);
        assert.equal(quoteShellWord(""), "''");
        for (const w of ["it's", 'say "hi"', "$HOME", "a\\b", "{}[]", "x'y'z"]) assert.deepEqual(splitShellWords(quoteShellWord(w)), [w], w);
    });
});
