import { log } from "directus:api";
import { helper } from "./helper.js";

export default ({ action }) => action("items.create", () => log(helper));
