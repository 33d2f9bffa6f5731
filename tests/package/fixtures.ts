/**
 * Fixtures the package tier shares: the package is compiled once per run and packed once per run.
 * The tier runs in one mocha process (not in parallel), so module state is shared by its files.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../helpers/offline";

let built = false;
let packed: string | undefined;

/** Compile the library to `dist/` (`npm run build`), once per test run. */
export function buildPackage(): void {
    if (built) return;
    execFileSync("npm", ["run", "-s", "build"], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    built = true;
}

/** The npm tarball of this checkout (built once, packed once per test run); returns its path. */
export function packedTarball(): string {
    if (packed) return packed;
    buildPackage();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "fargatekit-pack-"));
    // prepack would compile again; the build above is the same one.
    const json = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", out], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const info = JSON.parse(json.slice(json.indexOf("[")))[0];
    packed = path.join(out, info.filename);
    return packed;
}
