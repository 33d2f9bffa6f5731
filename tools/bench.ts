/**
 * `npm run bench`: prints this machine's figures for the plan, program scaling, policy throughput,
 * the test suite and the type-check, each next to a baseline measured in the same run.
 * A script that prints figures, not a test: nothing here asserts.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { evaluateInProcess } from "./analyzer/inProcess";
import { AnalyzerClient } from "./analyzer/grpcClient";
import { allPolicies } from "../policy/policies";
import { ResourceInput } from "./analyzer/types";

const ROOT = path.resolve(__dirname, "..");
const MEASURE = path.join(__dirname, "bench", "measure.js");
const TS = ["-r", "ts-node/register/transpile-only"];

interface Measured {
    ms: number;
    peakRssMiB: number;
    stdout: string;
}

function measure(args: string[], env: Record<string, string> = {}): Measured {
    const r = spawnSync(process.execPath, [MEASURE, ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true", ...env },
        maxBuffer: 256 * 1024 * 1024,
    });
    const line = (r.stderr ?? "").split("\n").find((l) => l.startsWith("BENCH "));
    if (!line) throw new Error(`benchmark step failed: ${args.join(" ")}\n${r.stderr}`);
    return { ...JSON.parse(line.slice(6)), stdout: r.stdout };
}

function wall(cmd: string, args: string[]): number {
    const t = Date.now();
    const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, CI: "true" }, maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
    return Date.now() - t;
}

/** A synthetic stack of `n` resources in the shapes our program produces (task definitions, services, roles, SGs, log groups). */
export function syntheticStack(n: number): ResourceInput[] {
    const out: ResourceInput[] = [];
    for (let i = 0; out.length < n; i++) {
        out.push({
            type: "aws:cloudwatch/logGroup:LogGroup",
            name: `lg${i}`,
            props: { name: `/app/${i}`, retentionInDays: 365, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/1" },
        });
        out.push({
            type: "aws:iam/role:Role",
            name: `role${i}`,
            props: {
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
                }),
            },
        });
        out.push({
            type: "aws:ecs/taskDefinition:TaskDefinition",
            name: `td${i}`,
            props: {
                family: `td${i}`,
                networkMode: "awsvpc",
                requiresCompatibilities: ["FARGATE"],
                cpu: "256",
                memory: "512",
                containerDefinitions: JSON.stringify([
                    {
                        name: "app",
                        image: "repo@sha256:" + "a".repeat(64),
                        user: "10001",
                        readonlyRootFilesystem: true,
                        memoryReservation: 512,
                        logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": `/app/${i}` } },
                    },
                ]),
            },
        });
        out.push({ type: "aws:ec2/securityGroup:SecurityGroup", name: `sg${i}`, props: { description: "tasks", vpcId: "vpc-1" } });
        out.push({
            type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            name: `in${i}`,
            props: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/16", description: "https" },
        });
    }
    return out.slice(0, n);
}

/** Wall seconds of one command as /usr/bin/time reports them (falls back to our own clock without it). */
function timedWall(cmd: string, args: string[]): number {
    const timeBin = "/usr/bin/time";
    if (!fs.existsSync(timeBin)) return wall(cmd, args) / 1000;
    const r = spawnSync(timeBin, ["-f", "BENCH_WALL %e", cmd, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, CI: "true" }, maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
    const line = (r.stderr ?? "").split("\n").find((l) => l.startsWith("BENCH_WALL "));
    return Number(line!.slice(11));
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function ratio(a: number, b: number): string {
    return `${(a / b).toFixed(1)}×`;
}

async function main(): Promise<void> {
    console.log(`fargatekit benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);

    const baseline = measure([...TS, "tools/bench/programs.ts", "baseline"]);
    console.log(`baseline: bare program (imports @pulumi/aws, one resource) under the offline engine: ${baseline.ms} ms, peak ${baseline.peakRssMiB} MiB`);

    const plan = measure([
        ...TS,
        "tools/planCli.ts",
        "--stack",
        "dev",
        "--format",
        "json",
        "--out",
        path.join(os.tmpdir(), "bench-plan.json"),
        "--svg",
        path.join(os.tmpdir(), "bench-plan.svg"),
    ]);
    console.log(
        `plan dev (program, ${allPolicies.length} policies, cost, SVG): ${plan.ms} ms (${ratio(plan.ms, baseline.ms)} baseline), peak ${plan.peakRssMiB} MiB (${ratio(plan.peakRssMiB, baseline.peakRssMiB)})`,
    );

    console.log("\nservices in one stack (prebuilt image, shared VPC):");
    for (const n of [1, 10, 50]) {
        const m = measure([...TS, "tools/bench/programs.ts", "services", String(n)]);
        const r = JSON.parse(m.stdout.trim().split("\n").pop()!);
        console.log(
            `  ${String(n).padStart(2)} services: ${r.resources} resources in ${m.ms} ms (${(m.ms / n).toFixed(0)} ms/service), peak ${m.peakRssMiB} MiB, $${r.monthly.toFixed(2)}/month ($${(r.monthly / n).toFixed(2)} per service)`,
        );
    }

    const resources = syntheticStack(5000);
    let t = Date.now();
    await evaluateInProcess(allPolicies, resources, {});
    const inProc = Date.now() - t;
    console.log(`\npolicy throughput over ${resources.length} synthetic resources: in-process ${Math.round(resources.length / (inProc / 1000))} resources/s (${inProc} ms)`);
    const client = await AnalyzerClient.start({});
    try {
        t = Date.now();
        await client.analyze(resources);
        const grpc = Date.now() - t;
        console.log(`  through the pack's gRPC server: ${Math.round(resources.length / (grpc / 1000))} resources/s (${grpc} ms; ${ratio(grpc, inProc)} in-process)`);
    } finally {
        await client.close();
    }

    // `npm test` (type-check + fast tier), timed by /usr/bin/time as the budget is stated: median of 5.
    const runs = Number(process.env.BENCH_TEST_RUNS ?? 5);
    const fast = Array.from({ length: runs }, () => timedWall("npm", ["test", "--silent"]));
    console.log(
        `\nnpm test (type-check + fast tier), /usr/bin/time wall over ${runs} runs: ${fast.map((s) => s.toFixed(1)).join(", ")} s; median ${median(fast).toFixed(1)} s (budget 30 s)`,
    );
    if (process.argv.includes("--tiers")) {
        for (const script of ["lint", "test:package"]) console.log(`npm run ${script}: ${timedWall("npm", ["run", "-s", script]).toFixed(1)} s wall`);
    }
    const tsc = measure(["node_modules/typescript/lib/tsc.js", "--noEmit", "-p", "tsconfig.json"]);
    console.log(`tsc --noEmit: ${tsc.ms} ms (${ratio(tsc.ms, baseline.ms)} baseline), peak ${tsc.peakRssMiB} MiB (${ratio(tsc.peakRssMiB, baseline.peakRssMiB)})`);
}

if (require.main === module) {
    main().catch((e) => {
        console.error(e);
        process.exit(1);
    });
}
