// The repository's program, run for this test app's stack (as the root index.ts does).
import { main } from "../../../../program/main";

const out = main(__dirname);

export const url = out.url;
