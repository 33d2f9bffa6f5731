/**
 * The program's settings as `WebService` arguments: each config key sets the argument its schema entry
 * names (`containerPort` → `container.port`), and problems the components find are named back by config
 * key (`container.sidecars[0].name` → `sidecars[0].name`), so a stack user reads the keys they wrote.
 */
import * as path from "path";
import { WebServiceArgs } from "../components/options/webServiceArgs";
import { OptionProblem } from "../components/options/optionTable";
import { normaliseStatement } from "../components/lib/iam/iamStatements";
import { CONFIG_SCHEMA } from "./schema";

/** Set a dotted path in a nested object. */
function setPath(target: Record<string, any>, dotted: string, value: unknown): void {
    const parts = dotted.split(".");
    let at = target;
    for (const part of parts.slice(0, -1)) at = at[part] ??= {};
    at[parts[parts.length - 1]] = value;
}

/**
 * Config values (parsed, defaults applied) → `WebServiceArgs`. With `projectDir`, a relative build
 * context is resolved against it and task role statements are normalised, as the stack builds them.
 */
export function webServiceArgsOf(values: Record<string, any>, projectDir?: string): WebServiceArgs {
    const args: Record<string, any> = { image: {} };
    for (const [key, spec] of Object.entries(CONFIG_SCHEMA)) {
        if (spec.path !== undefined && values[key] !== undefined) setPath(args, spec.path, values[key]);
    }
    if (projectDir !== undefined) {
        if (args.image.buildContext !== undefined) args.image.buildContext = path.resolve(projectDir, args.image.buildContext);
        if (Array.isArray(args.task?.roleStatements)) args.task.roleStatements = args.task.roleStatements.map(normaliseStatement);
    }
    return args as WebServiceArgs;
}

/** Argument paths and their config keys, longest path first (so `container.healthCheck` wins over `container`). */
const KEYS_BY_PATH: [string, string][] = Object.entries(CONFIG_SCHEMA)
    .filter(([, spec]) => spec.path !== undefined)
    .map(([key, spec]) => [spec.path!, key] as [string, string])
    .sort((a, b) => b[0].length - a[0].length);

/** The config key (with any index or field after it) an argument path comes from, or the path itself when no key sets it. */
export function configKeyOf(argumentPath: string): string {
    for (const [p, key] of KEYS_BY_PATH) {
        if (argumentPath === p) return key;
        if (argumentPath.startsWith(p + ".") || argumentPath.startsWith(p + "[")) return key + argumentPath.slice(p.length);
    }
    return argumentPath;
}

/** Rewrite the argument paths a message quotes (`` `scaling.maxCount` ``) as config keys. */
export function messageInConfigTerms(message: string): string {
    return message.replace(/`([A-Za-z]+(?:\.[A-Za-z]+)+)`/g, (whole, p: string) => {
        const key = configKeyOf(p);
        return key === p ? whole : `\`${key}\``;
    });
}

/** A component's problem, named by config key. */
export function asConfigProblem(p: OptionProblem): { key: string; value: unknown; message: string } {
    return { key: configKeyOf(p.path), value: p.value, message: messageInConfigTerms(p.message) };
}
