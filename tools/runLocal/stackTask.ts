/** The task a stack runs: the real program under the offline engine, then its task definition. */
import * as fs from "fs";
import * as path from "path";
import { runOffline } from "../offline/engine";
import { loadStackConfig } from "../offline/stackConfig";
import { main } from "../../program/main";
import { runProgramFile } from "../plan/plan";
import { LocalTask, taskFromResources } from "./task";

/** The program's registrations for the stack: this repo's program, or DIR/index.ts of another project. */
export async function taskForStack(dir: string, stack: string): Promise<LocalTask> {
    const cfg = loadStackConfig(dir, stack);
    const region = cfg.values["aws:region"] ?? "us-east-1";
    const repoRoot = path.resolve(__dirname, "..", "..");
    const entry = path.resolve(dir) !== repoRoot && fs.existsSync(path.join(dir, "index.ts")) ? path.join(dir, "index.ts") : undefined;
    const program = async (): Promise<object> => (entry ? runProgramFile(entry) : main(dir));
    const run = await runOffline(program, { stack, project: cfg.project, region, config: cfg.values });
    return taskFromResources(run.resources);
}
