/**
 * `scaffoldProject`: write a new Pulumi TypeScript project that runs one fargatekit WebService
 * (`fargatekit new`). Every input is checked before anything is written; a failed write removes
 * what this call wrote.
 */
import * as fs from "fs";
import * as path from "path";
import { readDockerfile } from "./dockerfile";
import { MAX_SERVICE_NAME_LENGTH, SERVICE_NAME } from "./names";
import { DEFAULT_APP_PORT, DEFAULT_IMAGE, DEFAULT_IMAGE_HEALTH_CHECK, DEFAULT_IMAGE_PORT, ScaffoldSpec, projectFiles } from "./scaffoldFiles";

/** What the project runs and how it is named. */
export interface ScaffoldOptions {
    /** Project and service name. Default: the directory's name. */
    name?: string;
    /** A prebuilt image URI. Default: `DEFAULT_IMAGE` (when `app` is not given). */
    image?: string;
    /** A directory with a Dockerfile (relative to the working directory), built and pushed on `pulumi up`. Not with `image`. */
    app?: string;
}

/** What was written. */
export interface ScaffoldResult {
    /** Absolute project directory. */
    dir: string;
    /** Files written, relative to `dir`. */
    files: string[];
    spec: ScaffoldSpec;
}

/** A refused input: nothing was written. */
export class ScaffoldError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ScaffoldError";
    }
}

/** The target directory exists and has files: nothing was written. */
export class ProjectDirNotEmptyError extends ScaffoldError {
    constructor(public readonly dir: string) {
        super(`${dir} exists and is not empty; give a new or empty directory`);
        this.name = "ProjectDirNotEmptyError";
    }
}

/** The root of the fargatekit package this code belongs to (from source or from `dist/`). */
export function fargatekitRoot(from: string = __dirname): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file) && JSON.parse(fs.readFileSync(file, "utf8")).name === "fargatekit") return dir;
        if (path.dirname(dir) === dir) throw new Error(`no fargatekit package.json above ${from}`);
    }
}

/** Why `name` cannot name the project and service, or undefined when it can. */
export function projectNameProblem(name: string): string | undefined {
    return SERVICE_NAME.test(name)
        ? undefined
        : `${JSON.stringify(name)} cannot name the project: use 1–${MAX_SERVICE_NAME_LENGTH} lowercase letters, digits or hyphens, starting with a letter`;
}

/** Refuse an existing file, or a directory with entries. */
function checkTargetDir(dir: string): void {
    if (!fs.existsSync(dir)) return;
    if (!fs.statSync(dir).isDirectory()) throw new ScaffoldError(`${dir} exists and is not a directory`);
    if (fs.readdirSync(dir).length > 0) throw new ProjectDirNotEmptyError(dir);
}

/** A path relative to `from`, with forward slashes (stack files are shared across systems). */
function portableRelative(from: string, to: string): string {
    return path.relative(from, to).split(path.sep).join("/");
}

/** The first URL path in a probe command (`http://127.0.0.1:3000/health` → `/health`). */
export function probePath(command: string): string | undefined {
    return /https?:\/\/[^/\s'"]+(\/[^\s'"?#]*)/.exec(command)?.[1];
}

/** The spec of an app build: the Dockerfile must exist; its EXPOSE port and HEALTHCHECK carry over. */
function appSpec(dir: string, name: string, app: string, root: string): ScaffoldSpec {
    const appDir = path.resolve(app);
    const dockerfile = path.join(appDir, "Dockerfile");
    if (!fs.existsSync(dockerfile) || !fs.statSync(dockerfile).isFile()) throw new ScaffoldError(`--app ${app}: no Dockerfile in ${appDir}`);
    const facts = readDockerfile(fs.readFileSync(dockerfile, "utf8"));
    return {
        name,
        source: { kind: "app", buildContext: portableRelative(dir, appDir) },
        containerPort: facts.exposedPort ?? DEFAULT_APP_PORT,
        healthCheckPath: (facts.healthCheckCommand !== undefined ? probePath(facts.healthCheckCommand) : undefined) ?? "/",
        healthCheckCommand: facts.healthCheckCommand,
        fargatekitRoot: root,
    };
}

/** The spec of a prebuilt image; the default image comes with its port and probe. */
function imageSpec(name: string, image: string | undefined, root: string): ScaffoldSpec {
    const uri = image ?? DEFAULT_IMAGE;
    if (uri.trim() === "" || /\s/.test(uri)) throw new ScaffoldError(`--image ${JSON.stringify(uri)} is not an image URI`);
    return {
        name,
        source: { kind: "image", image: uri },
        containerPort: DEFAULT_IMAGE_PORT,
        healthCheckPath: "/",
        healthCheckCommand: uri === DEFAULT_IMAGE ? DEFAULT_IMAGE_HEALTH_CHECK : undefined,
        fargatekitRoot: root,
    };
}

/** The validated spec of a new project in `dir`. Throws `ScaffoldError` on any refused input. */
export function scaffoldSpec(dir: string, options: ScaffoldOptions = {}, root: string = fargatekitRoot()): ScaffoldSpec {
    const target = path.resolve(dir);
    if (options.image !== undefined && options.app !== undefined) throw new ScaffoldError("give --image or --app, not both");
    const name = options.name ?? path.basename(target);
    const problem = projectNameProblem(name);
    if (problem) throw new ScaffoldError(options.name === undefined ? `${problem}; pass --name` : problem);
    checkTargetDir(target);
    return options.app !== undefined ? appSpec(target, name, options.app, root) : imageSpec(name, options.image, root);
}

/** Write the files into `dir` (created when missing), each only if absent; on failure remove what was written. */
function writeProject(dir: string, files: Record<string, string>): string[] {
    const createdDir = fs.mkdirSync(dir, { recursive: true });
    const written: string[] = [];
    try {
        for (const [file, text] of Object.entries(files)) {
            fs.writeFileSync(path.join(dir, file), text, { encoding: "utf8", flag: "wx" });
            written.push(file);
        }
    } catch (e) {
        if (createdDir !== undefined) fs.rmSync(createdDir, { recursive: true, force: true });
        else for (const file of written) fs.rmSync(path.join(dir, file), { force: true });
        throw e;
    }
    return written;
}

/**
 * Write a new project into `dir` (new or empty; relative to the working directory). Throws
 * `ScaffoldError` before writing anything on bad input.
 */
export function scaffoldProject(dir: string, options: ScaffoldOptions = {}): ScaffoldResult {
    const target = path.resolve(dir);
    const spec = scaffoldSpec(target, options);
    return { dir: target, files: writeProject(target, projectFiles(spec)), spec };
}
