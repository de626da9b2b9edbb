import { log } from "directus:api";
import { helper } from "./helper.js";
import tiny from "tiny";

export default ({ action }) => action("items.create", () => log(helper + tiny));
