import * as assert from "node:assert/strict";
import { runsVolumeInit, taskContainers } from "../../components/lib/ecs/taskContainers";
import { resolveContainerOptions } from "../../components/options/containerOptions";
import { dockerfileDeclaresVolume } from "../../components/lib/ecs/writableVolumes";

const declaresTmp = (text: string) => dockerfileDeclaresVolume(text, "/tmp");

describe("the task's containers", () => {
    it("run the init container for a prebuilt image and for a build that does not declare VOLUME /tmp, unless told", () => {
        assert.equal(runsVolumeInit(undefined, undefined, declaresTmp), true, "prebuilt: the image cannot be read");
        assert.equal(runsVolumeInit(undefined, "FROM debian\nUSER 10001\n", declaresTmp), true);
        assert.equal(runsVolumeInit(undefined, "FROM debian\nVOLUME /tmp\nUSER 10001\n", declaresTmp), false);
        assert.equal(runsVolumeInit(false, undefined, declaresTmp), false);
        assert.equal(runsVolumeInit(true, "FROM debian\nVOLUME /tmp\n", declaresTmp), true);
    });

    it("put the web container first with its resolved settings, then the sidecars, then the init container they all wait for", () => {
        const options = resolveContainerOptions({ port: 8080, sidecars: [{ name: "otel", image: "otel:1" }] });
        const list = taskContainers(options, "web:1", true);
        assert.deepEqual(
            list.map((c) => c.name),
            ["app", "otel", "app-volume-init"],
        );
        assert.deepEqual([list[0].user, list[0].readonlyRootFilesystem, list[0].stopTimeout, list[0].image], ["10001", true, 30, "web:1"]);
        for (const c of list.slice(0, 2)) assert.deepEqual(c.dependsOn, [{ containerName: "app-volume-init", condition: "SUCCESS" }], c.name);
        assert.equal(list[2].image, "web:1", "the init container runs the web image");
        assert.deepEqual(
            taskContainers(options, "web:1", false).map((c) => c.name),
            ["app", "otel"],
        );
    });
});
