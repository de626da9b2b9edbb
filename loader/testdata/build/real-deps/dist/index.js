// Real npm packages as an extension would use them: ms (CommonJS) and colorette (dual package
// whose "exports" map sends import to index.js and require to index.cjs).
import ms from "ms";
import { blue, isColorSupported } from "colorette";
import cjsSide from "./cjs-side.cjs";

export const results = {
	twoDays: ms("2 days"),
	minute: ms(60000),
	long: ms(90061000, { long: true }),
	blue: blue("x"),
	colorFlag: typeof isColorSupported,
	cjs: cjsSide,
};
export default () => {};
