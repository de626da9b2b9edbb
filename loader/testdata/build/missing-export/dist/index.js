import { helper } from "./lib.js";

export default () => helper();
