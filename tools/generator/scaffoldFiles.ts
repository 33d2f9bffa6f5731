/**
 * The files of a project `fargatekit new` writes, as text: package.json, tsconfig.json, Pulumi.yaml,
 * a cheap dev stack, a safe prod stack, index.ts (one WebService configured from the stack), a
 * README with the next commands and a .gitignore. Pure: `scaffold.ts` validates the input and writes them.
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
/** Name of the web container (what `fargatekit run-task --command` overrides). */
export const CONTAINER_NAME = "app";

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

/** One stack's settings, in the order the stack file lists them. */
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

/** The `config:` lines of a stack file: region, image source, container, then the stack's settings. */
function configLines(spec: ScaffoldSpec, s: StackSettings, certificateComment?: string): string[] {
    const key = (k: string, v: string | number | boolean, comment?: string) => `  ${spec.name}:${k}: ${yamlScalar(v)}${comment ? `  # ${comment}` : ""}`;
    const lines = [
        "config:",
        `  aws:region: ${DEFAULT_REGION}`,
        spec.source.kind === "image" ? key("image", spec.source.image) : key("buildContext", spec.source.buildContext),
        key("containerPort", spec.containerPort),
        key("healthCheckPath", spec.healthCheckPath),
    ];
    if (spec.healthCheckCommand !== undefined) lines.push(key("healthCheckCommand", spec.healthCheckCommand));
    if (s.certificateArn !== undefined) lines.push(key("certificateArn", s.certificateArn, certificateComment));
    lines.push(
        key("natStrategy", s.natStrategy),
        key("azCount", s.azCount),
        key("minCount", s.minCount),
        key("maxCount", s.maxCount),
        key("logRetentionDays", s.logRetentionDays),
        key("alarms", s.alarms),
        key("deletionProtection", s.deletionProtection),
        key("protectStatefulResources", s.protectStatefulResources),
    );
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
        steps.push("#   - Add healthCheckCommand: a shell command that succeeds when the container is healthy (prod requires one).");
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

/** `index.ts`: reads the stack's settings and builds one WebService, exporting what `fargatekit run-task` reads. */
export function indexTs(spec: ScaffoldSpec): string {
    return `// ${spec.name}: one web service on AWS ECS Fargate behind an ALB, built with fargatekit.
// Settings come from the stack files (Pulumi.dev.yaml, Pulumi.prod.yaml): pulumi config set <key> <value>.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { NatStrategy, WebService } from "fargatekit";

const config = new pulumi.Config();
const name = ${JSON.stringify(spec.name)};
export const containerName = ${JSON.stringify(CONTAINER_NAME)};

const image = config.get("image");
const buildContext = config.get("buildContext");
if ((image === undefined) === (buildContext === undefined)) {
    throw new Error("Set exactly one of image (a prebuilt image URI) and buildContext (a directory with a Dockerfile, relative to this project).");
}
const natStrategy = config.get<NatStrategy>("natStrategy", { allowedValues: ["none", "single", "perAz"] }) ?? "none";
const certificateArn = config.get("certificateArn");
const minCount = config.getNumber("minCount", { min: 1, max: 100 }) ?? 1;
const alarms = config.getBoolean("alarms") ?? false;
const protect = config.getBoolean("protectStatefulResources") ?? false;
const healthCheckCommand = config.get("healthCheckCommand");
const privateTasks = natStrategy !== "none";

const web = new WebService(name, {
    image,
    // Relative to this project, wherever pulumi runs from.
    buildContext: buildContext === undefined ? undefined : path.resolve(__dirname, buildContext),
    containerName,
    containerPort: config.getNumber("containerPort", { min: 1, max: 65535 }) ?? ${DEFAULT_IMAGE_PORT},
    healthCheckPath: config.get("healthCheckPath") ?? "/",
    containerHealthCheck: healthCheckCommand === undefined ? undefined : { command: ["CMD-SHELL", healthCheckCommand], interval: 30, timeout: 5, retries: 3, startPeriod: 15 },
    certificateArn,
    natStrategy,
    azCount: config.getNumber("azCount", { min: 2, max: 6 }) ?? 2,
    desiredCount: minCount,
    minCount,
    maxCount: config.getNumber("maxCount", { min: 1, max: 100 }) ?? 2,
    logRetentionDays: config.getNumber("logRetentionDays") ?? 30,
    alarms,
    deletionProtection: config.getBoolean("deletionProtection") ?? false,
    protectStatefulResources: protect,
    // An unprotected stack (dev) may delete its image repository, images included, on pulumi destroy.
    forceDeleteRepository: !protect,
    // Tasks without public IPs reach ECR, CloudWatch Logs and S3 through VPC endpoints; their VPC keeps flow logs.
    vpcEndpoints: privateTasks,
    flowLogs: privateTasks,
    // An HTTPS front door is a production one: a WAF and ALB access logs come with it.
    waf: certificateArn !== undefined,
    accessLogs: certificateArn !== undefined,
    // Alarms come with Container Insights' task-level metrics.
    containerInsights: alarms ? "enabled" : "disabled",
    tags: { "fargatekit:service": name, "fargatekit:stack": pulumi.getStack() },
});

// The output names of fargatekit's own program, so \`fargatekit run-task\` works on this stack.
export const url = web.url;
export const serviceName = web.serviceName;
export const clusterArn = web.clusterArn;
export const taskDefinitionFamily = web.taskDefinition.family;
export const taskSubnetIds = web.network.taskSubnetIds;
export const taskSecurityGroupId = web.fargateService.securityGroup.id;
export const assignPublicIp = web.network.assignPublicIp;
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
        prodSteps.push("- Pin the image by digest (`pulumi config set image <repository>@sha256:<digest> --stack prod`): a tag can change under you (the prod policy profile advises against it, the strict one refuses it).");
    }
    if (spec.healthCheckCommand === undefined) {
        prodSteps.push("- Set `healthCheckCommand` to a shell command that succeeds when the container is healthy and works inside the image: prod requires a container health check.");
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

\`index.ts\` reads these keys (\`pulumi config set <key> <value> --stack <stack>\`):

| key | meaning |
|---|---|
| \`image\` / \`buildContext\` | a prebuilt image URI, or a directory with a Dockerfile relative to this project (exactly one) |
| \`containerPort\` | the port the container listens on |
| \`healthCheckPath\` | the path the ALB checks (200–399 is healthy) |
| \`healthCheckCommand\` | the container's own probe, a shell command run inside it |
| \`certificateArn\` | ACM certificate: HTTPS, HTTP→HTTPS redirect, a WAF and access logs; unset: plain HTTP |
| \`natStrategy\` | \`none\` (public tasks, no NAT cost), \`single\` or \`perAz\` (private tasks with VPC endpoints and flow logs) |
| \`azCount\` | availability zones (2–6) |
| \`minCount\`, \`maxCount\` | autoscaling bounds (tasks) |
| \`logRetentionDays\` | log retention, a CloudWatch value (30, 90, 365, …) |
| \`alarms\` | CloudWatch alarms, a dashboard and Container Insights |
| \`deletionProtection\` | ALB deletion protection |
| \`protectStatefulResources\` | protect the repository, key and log group from \`pulumi destroy\` |

Everything else \`WebService\` offers (secrets, sidecars, CPU and memory, scaling targets…) is an argument in \`index.ts\`; fargatekit's README documents them.

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
