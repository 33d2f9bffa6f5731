/** Where the generated constraint data lives (written by extract.ts, read once by check.ts). */
import * as path from "path";

export const DATA_FILE = path.join(__dirname, "awsConstraints.json");
