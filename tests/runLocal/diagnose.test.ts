import * as assert from "assert";
import { causeFromLogs, causeFromTargetCheck, causeOfBuildFailure, causeOfHolderFailure, parseProcNetTcp } from "../../tools/runLocal/diagnose";
import { parseContainer } from "../../tools/runLocal/task";
import { VolumePlan } from "../../tools/runLocal/translate";

const app = parseContainer({ name: "app", image: "i", user: "10001", readonlyRootFilesystem: true, mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp" }] });
const empty: VolumePlan[] = [{ taskVolume: "tmp", kind: "empty", source: "/v/tmp" }];
const fromImage: VolumePlan[] = [{ taskVolume: "tmp", kind: "image", source: "fk-tmp", seededBy: { container: "app", path: "/tmp" } }];

describe("run-local: likely causes", () => {
    it("permission denied on a task volume the image does not declare: root-owned 0755, the user, and the Dockerfile fix", () => {
        const cause = causeFromLogs(app, ["Traceback …", "PermissionError: [Errno 13] Permission denied: '/tmp/wgunicorn-32yg1cl3'"], empty);
        assert.match(
            cause!,
            /^\/tmp\/wgunicorn-32yg1cl3: permission denied: \/tmp is task volume "tmp", which Fargate creates empty, owned by root, mode 0755, because the image declares no VOLUME \/tmp; the container runs as 10001/,
        );
        assert.match(cause!, /chmod 1777 \/tmp .*VOLUME \/tmp/);
        assert.match(causeFromLogs(app, ["touch: cannot touch '/tmp/x': Permission denied"], fromImage)!, /starts with the image's \/tmp and its owner and mode/);
    });

    it("a write on the read-only root filesystem names the path and the writable volumes", () => {
        const cause = causeFromLogs(app, ["OSError: [Errno 30] Read-only file system: '/srv/cache.json'"], empty);
        assert.equal(
            cause,
            "/srv/cache.json: read-only file system: the root filesystem is read-only (readonlyRootFilesystem) and /srv/cache.json is on no task volume; the writable paths are /tmp. Write there instead, or mount a volume at its directory.",
        );
    });

    it("nothing recognisable in the logs: no guess", () => {
        assert.equal(causeFromLogs(app, ["fatal: DATABASE_URL is not set"], empty), undefined);
    });

    it("reads listening sockets from /proc/net/tcp and tcp6", () => {
        const text = [
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 00000000:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 27591 1",
            "   1: 0100007F:1F41 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 29746 1",
            "   2: 0D00580A:1F40 0100580A:9F52 06 00000000:00000000 03:00001754 00000000     0        0 0 3",
            "   0: 00000000000000000000000001000000:0BB8 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1",
        ].join("\n");
        assert.deepEqual(parseProcNetTcp(text), [
            { address: "0.0.0.0", port: 8000 },
            { address: "127.0.0.1", port: 8001 },
            { address: "::1", port: 3000 },
        ]);
    });

    it("target check refused: a loopback-only listener, no listener on the port, or plain refusal", () => {
        assert.match(
            causeFromTargetCheck("GET /health: ECONNREFUSED", 8080, "/health", "200", [{ address: "127.0.0.1", port: 8080 }]),
            /listens on 127\.0\.0\.1:8080 only.*Bind 0\.0\.0\.0:8080/,
        );
        assert.match(
            causeFromTargetCheck("GET /health: ECONNREFUSED", 8080, "/health", "200", [{ address: "0.0.0.0", port: 5000 }]),
            /nothing listens on port 8080.*the task listens on 5000/,
        );
        assert.match(causeFromTargetCheck("GET /health: ECONNREFUSED", 8080, "/health", "200", undefined), /refused/);
    });

    it("a network namespace holder that cannot start because the image has no sleep: names the image and what it needs", () => {
        const podman =
            'podman run --detach --name … failed (exit 127): Error: runc: runc create failed: unable to start container process: exec: "sleep": executable file not found in $PATH: OCI runtime attempted to invoke a command that was not found';
        assert.match(
            causeOfHolderFailure(podman, "gcr.io/distroless/static")!,
            /^the task's network namespace is held by `sleep infinity` run from gcr\.io\/distroless\/static, and that image has no `sleep`/,
        );
        assert.equal(causeOfHolderFailure("podman run --detach … failed (exit 125): Error: no space left on device", "i"), undefined);
    });

    it("a build whose base image podman does not have: run-local never pulls, so pull it first", () => {
        const out = "STEP 1/2: FROM python:3.12-slim\nError: creating build container: python:3.12-slim: image not known";
        assert.equal(
            causeOfBuildFailure(out),
            "the base image python:3.12-slim is not available to podman, and run-local builds without pulling (--pull=never): pull it first (podman pull python:3.12-slim), or build FROM an image podman has.",
        );
        assert.equal(causeOfBuildFailure('Error: building at STEP "RUN false": exit status 1'), undefined);
    });

    it("target check answered with a code the matcher rejects: the path and the matcher", () => {
        assert.equal(
            causeFromTargetCheck("GET /health answered 404", 8080, "/health", "200-399", []),
            'GET /health answered 404, which the matcher "200-399" does not accept: check healthCheckPath (the app\'s health endpoint) and healthCheckMatcher.',
        );
    });
});
