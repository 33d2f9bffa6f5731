/** The task's images: built from their context (never pulled) or found, and what each declares. */
import * as crypto from "crypto";
import * as path from "path";
import { Engine, lastLines } from "./engine";
import { causeOfBuildFailure } from "./diagnose";
import { LocalTask } from "./task";
import { ImageFacts } from "./translate";

/** An image that cannot be built or found: exit 2. */
export class ImageError extends Error {}

export interface ImageOptions {
    dir: string;
    stack: string;
    buildArgs: Record<string, string>;
    progress: (line: string) => void;
}

/** Build or find every container's image and read what it declares. */
export async function prepareImages(engine: Engine, task: LocalTask, o: ImageOptions, project: string): Promise<Record<string, ImageFacts>> {
    const out: Record<string, ImageFacts> = {};
    const builtByContext = new Map<string, string>();
    for (const c of task.containers) {
        const src = task.images[c.name];
        let ref = c.image;
        if (src.kind === "build") {
            const key = `${src.context}\0${src.dockerfile ?? ""}\0${src.platform ?? ""}`;
            // One tag per project, stack, container and build context: reruns reuse the engine's build cache.
            const contextHash = crypto.createHash("sha256").update(key).digest("hex").slice(0, 8);
            ref = builtByContext.get(key) ?? `localhost/fargatekit-run-local/${project}-${o.stack}-${c.name}-${contextHash}:latest`.toLowerCase();
            if (!builtByContext.has(key)) {
                const platform = src.platform ?? (task.cpuArchitecture === "ARM64" ? "linux/arm64" : "linux/amd64");
                const args = ["build", "--tag", ref, "--platform", platform];
                if (engine.name === "podman") args.push("--pull=never");
                if (src.dockerfile) args.push("--file", src.dockerfile);
                for (const [k, v] of Object.entries(o.buildArgs)) args.push("--build-arg", `${k}=${v}`);
                args.push(src.context);
                o.progress(`building ${c.name} from ${path.relative(o.dir, src.context) || "."} for ${platform}`);
                const r = await engine.exec(args, { timeoutMs: 20 * 60 * 1000 });
                if (r.code !== 0) {
                    const hint = causeOfBuildFailure(r.stdout + "\n" + r.stderr);
                    throw new ImageError(
                        `image of container ${c.name} cannot be built (${engine.commandLine(args)}):\n${lastLines(r.stdout + "\n" + r.stderr, 12)
                            .map((l) => "  " + l)
                            .join("\n")}${hint ? `\n${hint}` : ""}`,
                    );
                }
                builtByContext.set(key, ref);
            }
        }
        const cfg = await engine.imageConfig(ref);
        if (!cfg) throw new ImageError(`image ${ref} of container ${c.name} is not available to ${engine.name}: pull or build it first (run-local never pulls)`);
        out[c.name] = { ref, volumes: cfg.volumes };
    }
    return out;
}
