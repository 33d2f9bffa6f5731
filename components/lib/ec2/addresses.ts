/** Address and port checks. */

const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\/(3[0-2]|[12]?\d)$/;

/** True for an IPv4 CIDR (`10.0.0.0/16`) or an IPv6 CIDR (`2001:db8::/32`). */
export function isValidCidr(value: string): boolean {
    if (IPV4_CIDR.test(value)) return true;
    const m = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(value);
    if (!m || Number(m[2]) > 128) return false;
    const addr = m[1];
    if (addr.includes(":::")) return false;
    const doubleColons = addr.split("::").length - 1;
    if (doubleColons > 1) return false;
    const groups = addr.split(":").filter((g) => g !== "");
    if (groups.some((g) => g.length > 4)) return false;
    return doubleColons === 1 ? groups.length < 8 : groups.length === 8;
}

/** True for a whole number from 1 to 65535. */
export function isValidPort(port: number): boolean {
    return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/**
 * Ports a container may not listen on: the ECS agent and Docker API ports that ECS reserves
 * (2375, 2376, 51678–51680). Fargate tasks do not run the agent on these, but ECS still refuses or
 * shadows them, and a web app on them is almost always a mistake.
 */
export const RESERVED_CONTAINER_PORTS: readonly number[] = [2375, 2376, 51678, 51679, 51680];
