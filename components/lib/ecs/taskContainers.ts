/**
 * The containers of a web service's task: the web container from its resolved options, the sidecars,
 * and (when /tmp is not writable by the image's own means) the volume init container the others wait
 * for. Pure: the caller reads the Dockerfile.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ContainerSettings } from "./containerDefinitions";
import { volumeInitName, volumeInitSettings, waitingForInit } from "./writableVolumes";
import type { ResolvedContainerOptions } from "../../options/containerOptions";

/** A container of the task: its settings and image. */
export type TaskContainer = ContainerSettings & { image: pulumi.Input<string> };

/** Whether the init container runs: as asked, else unless the built image declares `VOLUME /tmp` (a prebuilt image cannot be read). */
export function runsVolumeInit(asked: boolean | undefined, dockerfile: string | undefined, declares: (dockerfile: string) => boolean): boolean {
    return asked ?? !(dockerfile !== undefined && declares(dockerfile));
}

/** The web container, the sidecars and, with `volumeInit`, the init container every other container waits for. */
export function taskContainers(c: ResolvedContainerOptions, imageUri: pulumi.Input<string>, volumeInit: boolean): TaskContainer[] {
    const web: TaskContainer = {
        name: c.name,
        image: imageUri,
        command: c.command,
        entryPoint: c.entryPoint,
        workingDirectory: c.workingDirectory,
        user: c.user,
        environment: c.environment,
        secrets: c.secrets,
        healthCheck: c.healthCheck,
        readonlyRootFilesystem: c.readonlyRootFilesystem,
        stopTimeout: c.stopTimeout,
        ulimits: c.ulimits,
    };
    const containers: TaskContainer[] = [web, ...c.sidecars];
    if (!volumeInit) return containers;
    const init: TaskContainer = { ...volumeInitSettings(c.name, ["/tmp"]), image: imageUri };
    return [...waitingForInit(containers, volumeInitName(c.name)), init];
}
