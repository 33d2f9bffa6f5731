/** Which requests of a shared platform's listener reach the service. Only on a shared platform. */
import { OptionProblem, OptionTable, Resolved, applyDefaults } from "./optionTable";
import { Problems } from "./checks";

export interface RoutingOptions {
    /**
     * Host headers the service answers on the platform's listener, e.g. ["api.example.com"].
     * @default [] (any host)
     */
    hostHeaders?: string[];
    /**
     * Path patterns the service answers on the platform's listener, e.g. ["/orders/*"].
     * @default [] (any path)
     */
    pathPatterns?: string[];
    /**
     * Listener rule priority (1–50000, lower is evaluated first); set it explicitly when services of one
     * platform live in separate projects.
     * @default allocated from the service name in 1000–49999, skipping priorities taken in this program
     */
    listenerPriority?: number;
}

export const ROUTING_OPTIONS: OptionTable<RoutingOptions> = {
    hostHeaders: { default: [], defaultText: "[] (any host)", description: "Host headers the service answers on the platform's listener." },
    pathPatterns: { default: [], defaultText: "[] (any path)", description: "Path patterns the service answers on the platform's listener." },
    listenerPriority: {
        defaultText: "allocated from the service name in 1000–49999, skipping priorities taken in this program",
        description: "Listener rule priority on the platform (1–50000, lower is evaluated first); explicit when services of one platform live in separate projects.",
    },
};

export type ResolvedRoutingOptions = Resolved<RoutingOptions, "hostHeaders" | "pathPatterns">;

export function resolveRoutingOptions(given: RoutingOptions | undefined): ResolvedRoutingOptions {
    return applyDefaults(ROUTING_OPTIONS, given) as ResolvedRoutingOptions;
}

/** Lists of strings and a priority ELB accepts (the conditions' own limits are checked when the route is claimed). */
export function routingOptionsProblems(o: ResolvedRoutingOptions, prefix = "routing"): OptionProblem[] {
    const p = new Problems(prefix);
    for (const k of ["hostHeaders", "pathPatterns"] as const) {
        if (!Array.isArray(o[k]) || o[k].some((v) => typeof v !== "string" || v === "")) p.add(k, o[k], "must be a list of non-empty strings");
    }
    p.intIn("listenerPriority", o.listenerPriority, 1, 50000);
    return p.list;
}
