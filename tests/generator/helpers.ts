/** Shared helpers of the generator tests: fixtures, a minimal task definition, temp dirs, an in-memory CLI. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CliIo, runCli } from "../../tools/fargatekitCli";

export const FIXTURES = path.join(__dirname, "fixtures");

/** The four user inputs (register-task-definition shape), each with its describe-task-definition twin. */
export const SEED_FIXTURES: readonly { register: string; describe: string }[] = [
    { register: "seed-000-flask-awslogs.json", describe: "describe-000-flask-awslogs.json" },
    { register: "seed-003-minimal.json", describe: "describe-003-minimal.json" },
    { register: "seed-003-nginx-awsvpc-taskrole.json", describe: "describe-003-nginx-awsvpc-taskrole.json" },
    { register: "seed-004-nginx-fargate.json", describe: "describe-004-nginx-fargate.json" },
];

/** A fixture's text. */
export function fixtureText(name: string): string {
    return fs.readFileSync(path.join(FIXTURES, name), "utf8");
}

/** A fixture parsed as JSON. */
export function fixtureJson(name: string): any {
    return JSON.parse(fixtureText(name));
}

/** A small valid Fargate task definition to add fields to. */
export function baseTaskDefinition(): any {
    return {
        family: "shop",
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        cpu: "256",
        memory: "512",
        containerDefinitions: [
            {
                name: "web",
                image: "public.ecr.aws/acme/shop:1.4.2",
                essential: true,
                user: "1000",
                readonlyRootFilesystem: true,
                portMappings: [{ containerPort: 8080 }],
                linuxParameters: { capabilities: { drop: ["ALL"] } },
                logConfiguration: { logDriver: "awslogs", options: { "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "shop-service" } },
            },
        ],
    };
}

const created: string[] = [];

/** A fresh temporary directory, removed by `removeTempDirs`. */
export function tempDir(prefix = "fargatekit-gen-"): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    created.push(dir);
    return dir;
}

/** Remove every directory `tempDir` made. */
export function removeTempDirs(): void {
    for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Run the CLI in-process, capturing its output. */
export function cli(argv: string[], cwd: string): { code: number; stdout: string; stderr: string } {
    let stdout = "";
    let stderr = "";
    const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd };
    const code = runCli(argv, io) as number; // every command but `prices` answers synchronously
    return { code, stdout, stderr };
}
