/**
 * What `fargatekit new --app` learns from an app's Dockerfile: the port its final stage exposes and
 * its HEALTHCHECK probe. ECS ignores the image's HEALTHCHECK, so the scaffold carries the probe over
 * as the task's container health check.
 */
import { quoteShellWord } from "./shellWords";

/** Facts of the final build stage. */
export interface DockerfileFacts {
    /** First TCP port the final stage EXPOSEs as a literal number. */
    exposedPort?: number;
    /** The final stage's HEALTHCHECK command as one shell command line (undefined for none or `HEALTHCHECK NONE`). */
    healthCheckCommand?: string;
}

/** One instruction: its keyword in upper case and its arguments. */
interface Instruction {
    keyword: string;
    args: string;
}

/** Instructions of a Dockerfile: comment lines dropped, backslash continuations joined. */
export function dockerfileInstructions(text: string): Instruction[] {
    const out: Instruction[] = [];
    const flush = (line: string) => {
        const m = /^(\S+)\s*(.*)$/.exec(line.trim());
        if (m) out.push({ keyword: m[1].toUpperCase(), args: m[2].trim() });
    };
    let pending = "";
    for (const raw of text.split(/\r?\n/)) {
        if (/^\s*#/.test(raw)) continue;
        if (/\\\s*$/.test(raw)) {
            pending += raw.replace(/\\\s*$/, " ");
            continue;
        }
        flush(pending + raw);
        pending = "";
    }
    flush(pending);
    return out;
}

/** The first literal TCP port of an EXPOSE argument list (`3000`, `8080/tcp`), if any. */
export function exposedTcpPort(args: string): number | undefined {
    for (const word of args.split(/\s+/)) {
        const m = /^(\d{1,5})(\/tcp)?$/i.exec(word);
        if (m && Number(m[1]) >= 1 && Number(m[1]) <= 65535) return Number(m[1]);
    }
    return undefined;
}

/**
 * The command of a HEALTHCHECK argument list, its `--option=value` flags skipped: the shell form as
 * written, the JSON exec form quoted into one command line; undefined for `NONE` or no CMD.
 */
export function healthCheckCommand(args: string): string | undefined {
    const m = /^((?:--[a-z-]+=\S+\s+)*)(\S+)\s*(.*)$/i.exec(args.trim());
    if (!m || m[2].toUpperCase() !== "CMD" || m[3] === "") return undefined;
    const command = m[3].trim();
    if (command.startsWith("[")) {
        try {
            const words: unknown = JSON.parse(command);
            if (Array.isArray(words) && words.length > 0 && words.every((w) => typeof w === "string")) return words.map(quoteShellWord).join(" ");
        } catch {
            // Not JSON: Docker runs it as the shell form.
        }
    }
    return command;
}

/** The final stage's exposed port and health check command. */
export function readDockerfile(text: string): DockerfileFacts {
    let facts: DockerfileFacts = {};
    for (const { keyword, args } of dockerfileInstructions(text)) {
        if (keyword === "FROM") facts = {};
        else if (keyword === "EXPOSE" && facts.exposedPort === undefined) facts.exposedPort = exposedTcpPort(args);
        else if (keyword === "HEALTHCHECK") facts.healthCheckCommand = healthCheckCommand(args);
    }
    return facts;
}
