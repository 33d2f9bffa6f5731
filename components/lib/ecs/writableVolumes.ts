/**
 * Writable task volumes for a non-root container. Fargate creates a bind-mount volume empty, owned by
 * root, mode 0755, unless the image declares the container path with `VOLUME`, in which case the
 * image's content and permissions are copied in (ECS developer guide, "Bind mounts" / "Fargate task
 * storage"; aws/containers-roadmap issue 938). Our containers run as UID 10001 with a read-only root
 * filesystem, so /tmp is only writable when the image declares `VOLUME /tmp` (with mode 1777), or
 * when something running as root opens the volume up first: a short, non-essential init container
 * (the same image, user 0, `chmod 1777 /tmp`, nothing else) that every other container waits for
 * with `dependsOn` SUCCESS. Root owns the new directory, so chmod needs no Linux capability and the
 * init container keeps all of them dropped and its root filesystem read-only.
 */
import { ContainerDependency, ContainerSettings } from "./containerDefinitions";

/** Mode the init container gives the volumes: everyone may write, only owners delete (sticky /tmp). */
export const WRITABLE_VOLUME_MODE = "1777";

/** The name of the init container of a web container named `web`. */
export function volumeInitName(web: string): string {
    return `${web}-volume-init`;
}

/** True when the Dockerfile's final stage declares `path` with `VOLUME` (shell or JSON form). */
export function dockerfileDeclaresVolume(dockerfile: string, path: string): boolean {
    const lines = dockerfile
        .replace(/\\\r?\n/g, " ")
        .split(/\r?\n/)
        .map((l) => l.trim());
    const lastFrom = lines.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true);
    return lines.slice(lastFrom + 1).some((l) => {
        const m = /^VOLUME\s+(.*)$/i.exec(l);
        if (!m) return false;
        let paths: string[];
        try {
            const parsed = JSON.parse(m[1]);
            paths = Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
        } catch {
            paths = m[1].split(/\s+/);
        }
        return paths.map((p) => p.replace(/\/+$/, "") || "/").includes(path);
    });
}

/** The init container's settings (its image is the web container's): root, non-essential, `chmod 1777` on the given paths. */
export function volumeInitSettings(web: string, paths: string[]): ContainerSettings {
    return {
        name: volumeInitName(web),
        essential: false,
        user: "0",
        entryPoint: ["chmod"],
        command: [WRITABLE_VOLUME_MODE, ...paths],
        readonlyRootFilesystem: true,
    };
}

/** The containers with every one but the init container waiting for it to exit 0. */
export function waitingForInit<T extends ContainerSettings>(containers: T[], initName: string): T[] {
    const wait: ContainerDependency = { containerName: initName, condition: "SUCCESS" };
    return containers.map((c) => (c.name === initName ? c : { ...c, dependsOn: [...(c.dependsOn ?? []), wait] }));
}
