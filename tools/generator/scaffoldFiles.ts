/**
 * The files of a project `fargatekit new` writes, as text: package.json, tsconfig.json, Pulumi.yaml,
 * a cheap dev stack, a safe prod stack, index.ts (fargatekit's own program, `fargatekit/program`, on
 * the project's config namespace), a README with the next commands and a .gitignore. Pure:
 * `scaffold.ts` validates the input and writes them.
 */
import * as YAML from "yaml";
import { quoteShellWord } from "./shellWords";

/** The image a new project runs when given neither an image nor an app. */
export const DEFAULT_IMAGE = "public.ecr.aws/nginx/nginx-unprivileged:1.27";
/** The port a prebuilt image is assumed to listen on (nginx-unprivileged's). */
export const DEFAULT_IMAGE_PORT = 8080;
/** The container probe of the default image (its Debian base ships curl). */
export const DEFAULT_IMAGE_HEALTH_CHECK = `curl -fsS -o /dev/null http://127.0.0.1:${DEFAULT_IMAGE_PORT}/ || exit 1`;
/** The port of an app whose Dockerfile exposes none. */
export const DEFAULT_APP_PORT = 8080;
/** The region both stacks start in. */
export const DEFAULT_REGION = "us-east-1";
/** Prod's certificate until the user sets theirs: the right shape for the offline plan, refused by AWS. */
export const PLACEHOLDER_CERTIFICATE_ARN = `arn:aws:acm:${DEFAULT_REGION}:123456789012:certificate/00000000-0000-0000-0000-000000000000`;
/** Exact versions of the runtime dependencies (the SDK and provider fargatekit is built and tested with). */
export const PINNED_DEPENDENCIES: Readonly<Record<string, string>> = { "@pulumi/aws": "7.48.0", "@pulumi/pulumi": "3.248.0" };
/** Versions of the TypeScript toolchain Pulumi runs index.ts with. */
export const PINNED_DEV_DEPENDENCIES: Readonly<Record<string, string>> = { "@types/node": "20.19.43", "ts-node": "10.9.2", typescript: "~5.9.3" };
/** The timing of the container probe (ECS's limits: interval 5–300, timeout 2–120, retries 1–10, startPeriod 0–300 seconds). */
export const CONTAINER_HEALTH_CHECK_TIMING = { interval: 30, timeout: 5, retries: 3, startPeriod: 15 } as const;

/** Everything the files depend on, validated by `scaffold.ts`. */
export interface ScaffoldSpec {
    /** Project and service name (a valid `serviceName`). */
    name: string;
    /** A prebuilt image, or a build context relative to the project (POSIX separators). */
    source: { kind: "image"; image: string } | { kind: "app"; buildContext: string };
    containerPort: number;
    /** ALB health check path. */
    healthCheckPath: string;
    /** Container probe (a shell command line), when one is known to work in the image. */
    healthCheckCommand?: string;
    /** Absolute path of the fargatekit package the project depends on. */
    fargatekitRoot: string;
}

/** One stack's choices; the stack file spells out what follows from them (`stackKeys`). */
interface StackSettings {
    certificateArn?: string;
    natStrategy: "none" | "single" | "perAz";
    azCount: number;
    minCount: number;
    maxCount: number;
    logRetentionDays: number;
    alarms: boolean;
    deletionProtection: boolean;
    protectStatefulResources: boolean;
}

/** dev: cheap. */
export const DEV_SETTINGS: Readonly<StackSettings> = {
    natStrategy: "none",
    azCount: 2,
    minCount: 1,
    maxCount: 2,
    logRetentionDays: 30,
    alarms: false,
    deletionProtection: false,
    protectStatefulResources: false,
};

/** prod: safe. */
export const PROD_SETTINGS: Readonly<StackSettings> = {
    certificateArn: PLACEHOLDER_CERTIFICATE_ARN,
    natStrategy: "perAz",
    azCount: 3,
    minCount: 2,
    maxCount: 6,
    logRetentionDays: 365,
    alarms: true,
    deletionProtection: true,
    protectStatefulResources: true,
};

/** A YAML scalar on one line. */
function yamlScalar(value: string | number | boolean): string {
    return YAML.stringify(value, { lineWidth: 0 }).trimEnd();
}

/** The container health check config value of a probe command line (run by the container's shell). */
export function containerHealthCheck(command: string): { command: string[]; interval: number; timeout: number; retries: number; startPeriod: number } {
    return { command: ["CMD-SHELL", command], ...CONTAINER_HEALTH_CHECK_TIMING };
}

/** A config value: a scalar on the key's line, an object as an indented YAML map below it. */
type ConfigValue = string | number | boolean | Record<string, unknown>;

/**
 * The keys of one stack, in file order, with an optional comment each. Every key is fargatekit's
 * program's own (README "Configuration reference"); what a stack's choices imply is written out
 * (VPC endpoints and flow logs with private tasks, a WAF and access logs with HTTPS, Container
 * Insights with alarms, a deletable repository when unprotected, as many tasks at creation as the minimum).
 */
export function stackKeys(spec: ScaffoldSpec, s: StackSettings, certificateComment?: string): [string, ConfigValue, string?][] {
    const privateTasks = s.natStrategy !== "none";
    const https = s.certificateArn !== undefined;
    const keys: [string, ConfigValue, string?][] = [
        ["serviceName", spec.name],
        spec.source.kind === "image" ? ["image", spec.source.image] : ["buildContext", spec.source.buildContext],
        ["containerPort", spec.containerPort],
        ["healthCheckPath", spec.healthCheckPath],
    ];
    if (spec.healthCheckCommand !== undefined) keys.push(["containerHealthCheck", containerHealthCheck(spec.healthCheckCommand)]);
    if (s.certificateArn !== undefined) keys.push(["certificateArn", s.certificateArn, certificateComment]);
    keys.push(
        ["waf", https],
        ["accessLogs", https],
        ["natStrategy", s.natStrategy],
        ["vpcEndpoints", privateTasks],
        ["flowLogs", privateTasks],
        ["azCount", s.azCount],
        ["desiredCount", s.minCount],
        ["minCount", s.minCount],
        ["maxCount", s.maxCount],
        ["logRetentionDays", s.logRetentionDays],
        ["alarms", s.alarms],
        ["containerInsights", s.alarms ? "enabled" : "disabled"],
        ["deletionProtection", s.deletionProtection],
        ["protectStatefulResources", s.protectStatefulResources],
        ["forceDeleteRepository", !s.protectStatefulResources],
    );
    return keys;
}

/** True when an image reference is pinned by digest. */
export function isDigestPinned(image: string): boolean {
    return /@sha256:[0-9a-f]{64}$/.test(image);
}

/** `package.json`: private, exact SDK and provider versions, fargatekit from its checkout, an offline plan script. */
export function packageJson(spec: ScaffoldSpec): string {
    const pkg = {
        name: spec.name,
        version: "0.1.0",
        private: true,
        description: `${spec.name}: a web service on AWS ECS Fargate, made with fargatekit`,
        main: "index.ts",
        scripts: {
            plan: `npm --prefix ${quoteShellWord(spec.fargatekitRoot)} run -s plan -- --dir .`,
            typecheck: "tsc --noEmit -p .",
        },
        dependencies: { ...PINNED_DEPENDENCIES, fargatekit: `file:${spec.fargatekitRoot}` },
        devDependencies: { ...PINNED_DEV_DEPENDENCIES },
    };
    return JSON.stringify(pkg, null, 2) + "\n";
}

/** `tsconfig.json`: strict CommonJS, as Pulumi's ts-node runs it. */
export function tsconfigJson(): string {
    const config = {
        compilerOptions: {
            strict: true,
            target: "ES2022",
            module: "commonjs",
            moduleResolution: "node",
            esModuleInterop: true,
            skipLibCheck: true,
            forceConsistentCasingInFileNames: true,
            noImplicitReturns: true,
            noFallthroughCasesInSwitch: true,
            outDir: "bin",
            sourceMap: true,
        },
        files: ["index.ts"],
    };
    return JSON.stringify(config, null, 2) + "\n";
}

/** `Pulumi.yaml`: the project, a TypeScript Node.js program in index.ts. */
export function pulumiYaml(spec: ScaffoldSpec): string {
    return [
        `name: ${spec.name}`,
        `description: ${yamlScalar(`${spec.name}: a web service on AWS ECS Fargate behind an ALB, made with fargatekit`)}`,
        "main: index.ts",
        "runtime:",
        "  name: nodejs",
        "  options:",
        "    typescript: true",
        "    packagemanager: npm",
        "",
    ].join("\n");
}

/** The `config:` lines of a stack file: the region, then the stack's keys in the project's namespace. */
function configLines(spec: ScaffoldSpec, s: StackSettings, certificateComment?: string): string[] {
    const lines = ["config:", `  aws:region: ${DEFAULT_REGION}`];
    for (const [k, v, comment] of stackKeys(spec, s, certificateComment)) {
        const key = `  ${spec.name}:${k}:`;
        if (typeof v === "object") {
            const body = YAML.stringify(v, { lineWidth: 0 }).trimEnd().split("\n");
            lines.push(key, ...body.map((line) => `    ${line}`));
        } else lines.push(`${key} ${yamlScalar(v)}${comment ? `  # ${comment}` : ""}`);
    }
    return lines;
}

/** `Pulumi.dev.yaml`: one task, no NAT gateway, plain HTTP, 30-day logs, nothing protected. */
export function devStackYaml(spec: ScaffoldSpec): string {
    return [
        "# dev: cheap. One task in 2 AZs with no NAT gateway (tasks in public subnets with public IPs, reachable",
        "# only from the ALB), plain HTTP, 30-day logs, no alarms; `pulumi destroy` removes everything, images included.",
        ...configLines(spec, DEV_SETTINGS),
        "",
    ].join("\n");
}

/** `Pulumi.prod.yaml`: NAT per AZ in 3 AZs, HTTPS, at least 2 tasks, 365-day logs, alarms, protection. */
export function prodStackYaml(spec: ScaffoldSpec): string {
    const steps = [
        "#   - certificateArn below is a PLACEHOLDER in the right format (so the offline plan runs); AWS refuses it.",
        "#     Set your ACM certificate (same region): pulumi config set certificateArn arn:aws:acm:... --stack prod",
    ];
    if (spec.source.kind === "image" && !isDigestPinned(spec.source.image)) {
        steps.push("#   - Pin the image by digest (<repository>@sha256:<digest>): the prod policy profile advises it, the strict one requires it.");
    }
    if (spec.healthCheckCommand === undefined) {
        steps.push("#   - Add containerHealthCheck: {command: [CMD-SHELL, <a shell command that succeeds when the container is healthy>]} (prod requires one).");
    }
    return [
        "# prod: safe. 3 AZs with a NAT gateway each and the tasks in private subnets (with VPC endpoints and flow",
        "# logs), HTTPS with HTTP→HTTPS redirect (with a WAF and ALB access logs), at least 2 tasks, 365-day logs,",
        "# alarms (with Container Insights), ALB deletion protection, and the image repository, key and log group",
        "# protected from `pulumi destroy`.",
        "# Before the first `pulumi up --stack prod`:",
        ...steps,
        ...configLines(spec, PROD_SETTINGS, "REPLACE: placeholder, see above"),
        "",
    ].join("\n");
}

/**
 * `index.ts`: fargatekit's own program (`fargatekit/program`) on the project's config namespace: every
 * key checked as in fargatekit's stack, one service (and its scheduled tasks) built, and the outputs
 * `fargatekit run-task` reads exported.
 */
export function indexTs(spec: ScaffoldSpec): string {
    return `// ${spec.name}: one web service on AWS ECS Fargate behind an ALB, built with fargatekit.
// Settings come from the stack files (Pulumi.dev.yaml, Pulumi.prod.yaml): pulumi config set <key> <value>.
// Every key of fargatekit's configuration reference applies (in this project's namespace, ${spec.name}:<key>),
// with all its checks: a bad or unknown key stops the program before anything is created.
import { webServiceProgram } from "fargatekit/program";

// The stack outputs, among them what \`fargatekit run-task\` reads (cluster, task definition, subnets, ...).
export = webServiceProgram({ projectDir: __dirname, namespace: ${JSON.stringify(spec.name)} });
`;
}

/** `README.md`: what the project runs, the next commands, the stacks and their settings. */
export function readme(spec: ScaffoldSpec): string {
    const root = quoteShellWord(spec.fargatekitRoot);
    const runs =
        spec.source.kind === "image"
            ? `runs the prebuilt image \`${spec.source.image}\` on port ${spec.containerPort}`
            : `builds \`${spec.source.buildContext}\` (its Dockerfile) for the task's platform, pushes it to a private ECR repository and runs it on port ${spec.containerPort} (Docker is needed for \`pulumi up\`)`;
    const prodSteps = [
        `- Replace the placeholder \`certificateArn\` with your ACM certificate in the stack's region: \`pulumi config set certificateArn arn:aws:acm:<region>:<account>:certificate/<id> --stack prod\`. The placeholder only lets the offline plan run.`,
    ];
    if (spec.source.kind === "image" && !isDigestPinned(spec.source.image)) {
        prodSteps.push(
            "- Pin the image by digest (`pulumi config set image <repository>@sha256:<digest> --stack prod`): a tag can change under you (the prod policy profile advises against it, the strict one refuses it).",
        );
    }
    if (spec.healthCheckCommand === undefined) {
        prodSteps.push(
            "- Set `containerHealthCheck` (`{command: [CMD-SHELL, <command>], interval, timeout, retries, startPeriod}` in `Pulumi.prod.yaml`) to a shell command that succeeds when the container is healthy and works inside the image: prod requires a container health check.",
        );
    }
    return `# ${spec.name}

A web service on AWS ECS Fargate behind an Application Load Balancer, made with \`fargatekit new\`. It ${runs}.

## Next steps

\`\`\`sh
npm --prefix ${root} run build     # once: compile fargatekit, which this project installs from that checkout
npm install
pulumi login                       # or: pulumi login --local
pulumi stack select dev            # first time: pulumi stack init dev
pulumi up
\`\`\`

Offline first (no AWS account, no Pulumi CLI): every resource, each policy verdict and the monthly cost.

\`\`\`sh
npm run plan                       # the dev stack: npm --prefix ${root} run -s plan -- --dir .
npm run plan -- --stack prod
\`\`\`

For a one-off task (a migration): \`pulumi stack output --json > outputs.json\`, then \`npx fargatekit run-task --outputs outputs.json --command "…"\` prints the \`aws ecs run-task\` command.

## Stacks

- **dev** (\`Pulumi.dev.yaml\`): cheap. One task in 2 AZs, no NAT gateway (tasks in public subnets with public IPs, reachable only from the ALB), plain HTTP, 30-day logs; \`pulumi destroy\` removes everything.
- **prod** (\`Pulumi.prod.yaml\`): safe. A NAT gateway per AZ in 3 AZs with private tasks, VPC endpoints and flow logs; HTTPS with a WAF and access logs; 2 to 6 tasks; 365-day logs; alarms with Container Insights; ALB deletion protection; repository, key and log group protected. Before its first \`pulumi up --stack prod\`:
${prodSteps.map((s) => `  ${s}`).join("\n")}

## Settings

\`index.ts\` runs fargatekit's own program (\`fargatekit/program\`), so every key of fargatekit's configuration reference applies here, in this project's namespace: \`pulumi config set <key> <value> --stack <stack>\` writes \`${spec.name}:<key>\` (objects and lists: \`--path\`, or edit the stack file). The reference lists each key with its type, default and allowed values: the "Configuration reference" section of fargatekit's README (\`node_modules/fargatekit/README.md\`). The stack files set the image, port and health checks, the network, HTTPS, scaling, logs, alarms and protection; secrets, sidecars, CPU and memory, scaling targets, scheduled tasks and the rest keep fargatekit's defaults until you set them.

Every key is checked before anything is created, by \`pulumi up\` and by \`npm run plan\` alike: a bad value (a root \`user\`, \`minCount\` above \`maxCount\`, a CPU and memory pair Fargate does not offer, …) or an unknown key (reported with the closest known name) stops the program with one error that lists every problem, each naming its key (\`${spec.name}:minCount\`), the value given and what is allowed.

## fargatekit from a registry

\`fargatekit\` comes from your checkout (\`"fargatekit": "file:${spec.fargatekitRoot}"\` in \`package.json\`). To use a published version instead: \`npm install fargatekit@<version>\` (the offline plan still runs from a checkout).
`;
}

/** `.gitignore`: installed packages, compiled output and offline plan diagrams. */
export function gitignore(): string {
    return ["/node_modules/", "/bin/", "/plan-out/", ""].join("\n");
}

/** Every file of the project: relative path → text. */
export function projectFiles(spec: ScaffoldSpec): Record<string, string> {
    return {
        "package.json": packageJson(spec),
        "tsconfig.json": tsconfigJson(),
        "Pulumi.yaml": pulumiYaml(spec),
        "Pulumi.dev.yaml": devStackYaml(spec),
        "Pulumi.prod.yaml": prodStackYaml(spec),
        "index.ts": indexTs(spec),
        "README.md": readme(spec),
        ".gitignore": gitignore(),
    };
}
