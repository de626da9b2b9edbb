import { origin } from "./origin.js";
export default function hook() {}
export { origin };
