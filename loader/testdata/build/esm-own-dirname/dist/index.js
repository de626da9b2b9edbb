import { fileURLToPath } from "node:url";
import { dirname } from "node:path";

// The usual ESM stand-ins for CommonJS's module-level names.
const __filename = fileURLToPath(import.meta.url);
const __dirname = dirname(__filename);

export const where = { file: __filename, dir: __dirname };
export default () => {};
